"""The name rule: where a person's name is written, as their name, in free text.

One rule serves every use that needs it (DESIGN.md §4): exports, which replace
the name of someone who did not agree to be named with a label; the Run
screen's warning when such a name is typed; and ``coprod forget``, which
removes a person's name from the record. All must find the name wherever it is
written as a name, and nowhere else. A wrong find is as bad as a miss: "Carer 2
Lane Carers" tells anyone who knows Green Lane Carers that Carer 2 is called
Green, and so names everything Carer 2 said.

**Folding.** Words compare case folded, with accents and other diacritics
taken off (José is Jose, Zoë is Zoe, Siobhán is SIOBHAN, Strauß is STRAUSS,
Łukasz is Lukasz), in composed or decomposed form alike. Inside a name a
hyphen and a space are the same (Mary-Ann is "Mary Ann"), and so are all
Unicode apostrophes (O’Neil is O'Neil). The vowel signs of Indic scripts are
kept: they are letters there. (``units.py``)

**Whole words.** A name's words stand whole: never inside another word ("Ed"
is not in "education", "created_at" or "Edward"), never joined by a hyphen to
a word before it ("Mary-Anne" holds no Anne), nor to a capitalised word after
it ("Anne-Marie" holds no Anne). A hyphen followed by a small letter ends a
word: a "Sam-led walk" holds Sam. A possessive belongs to the name ("Maya's"
is Maya), and a surname alone may be plural ("the Whitfields"), unless the
plural is itself a word ("Wells" is not the Wells of Mr Well).

**Case.** A word of a name that is also an ordinary English word (will, may,
mark, rose, hope, green, park ...: ``words.toml`` lists several hundred)
counts only when written with a capital: "Will said" holds Will, "we will"
does not. In capitals among capitals ("WE WILL MEET") it does not count
either: there a capital says nothing. Every other name counts in any case:
"sam said" is Sam's, "SAM said" too. A whole name of two words or more counts
in any case when one of its words is not an ordinary word ("sam whitfield",
"may chen"); "hope green" in lower case is a hope and a colour.

**Not a person.** A name part alone (a first name, a surname, or a one-word
name) is not the person where the words around it make it part of something
else (``context.py``):

* a date, for a month or season: a day or a year beside it ("12 May", "May
  2026", "3rd of May"), or a word before it such as in, since, until, during,
  early, late, mid, next, last, this, for, the ("in May", "plan for May", "the
  May meeting"), "the end of May", a range ("April to May", "May/June"), or a
  calendar word after it ("the June review"). "From May", "by May", "to May"
  and "after May" are left as the person: "a letter from May" is as likely;
* a place or an organisation: a capitalised word beside it that is not a small
  word of English, a day, a month, or a word of a known person's name ("Hope
  Street", "the Green Lane minibus", "Mary's Trust", "Bloody Mary"), or a place
  word before it ("St Mary's", "Mount Hope"). A word that opens the sentence
  says nothing, so "Ask Sam" and "Thanks Sam" are Sam, as is "Ask Sam
  Thursday". In a text where most words have a capital (a title, "Green Lane
  Carers") only place and organisation words after the name count ("Street",
  "Lane", "Trust", "Centre" ...), so "Catch-up With Sam" and "Sam Brings Cake"
  are still Sam. A title before the name makes it a person ("Mrs May");
* a question or an instruction, for a name that is also a word, at the start
  of a sentence and followed by a pronoun or an article: "Will it work?", "May
  I ask", "Hope you are well", "Mark the date".

Whole names of two words or more are never put aside this way: "Hope Adams"
is Hope Adams wherever it is written.

**Addresses and handles.** An email address or an @handle is one mention,
taken whole, when it holds a form being looked for: all the words of it
("sam.whitfield@...", "@sam"), the words run together ("swhitfield@",
"@samwhitfield", "@samw"), or, for a handle, the start of a one-word form
of three letters or more ("@whit", as the Run screen's capture box accepts). A person's stored
contact details (an email address, a phone number however spaced) are found
wherever they are typed. (``contacts.py``)

**Things.** The names of things (a group, an organisation, a venue) can be
given as forms of kind "thing": where one is written, nothing inside it is
taken for a person ("Hope Street Community Centre" stays whole).

**The longest wins.** Where several forms could start at the same place, the
longest is taken: "Maya Okafor" is one mention, never "Maya" then "Okafor", so
a matcher that also knows the names it must leave alone never takes part of
one of them.

Scripts written without spaces between words (Chinese, Japanese, Thai, Lao,
Khmer, Burmese) have no word boundaries to check: a name in them is found
wherever its characters stand. Scripts without capitals have no case to
check. A "name" with no letter or digit ("[/", "😀") is never looked for.
"""

from .forms import (
    KINDS, Form, Mention, form_units, name_parts, name_words, ordinary, proper_name,
    starts_sentence,
)
from .matcher import NameMatcher
from .units import APOSTROPHES, HYPHENS, fold, is_word_char

__all__ = ["APOSTROPHES", "HYPHENS", "KINDS", "Form", "Mention", "NameMatcher", "fold",
           "form_units", "is_word_char", "name_parts", "name_words", "ordinary",
           "proper_name", "starts_sentence"]
