"""The name rule (``coprod_tui/names``, DESIGN.md §4): where a name is written as a name.

One rule serves exports (consent), the Run screen's warning and ``coprod
forget``, so it is tried here on its own with the cases that broke the old
whole-word, any-case match and then the cases an outside attacker found (F1,
F3): names that are also words (Will, May, Rose, Mark ...), names inside other
words, joined names, possessives, plurals, line breaks, capitals, names in
lower case, accents typed or not, hyphens, email addresses and @handles, names
inside proper nouns and dates, regex metacharacters, 200 characters,
right-to-left and CJK names.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, strategies as st

from coprod_tui.names import Form, NameMatcher, name_parts, starts_sentence

from . import name_texts as nt
from .conftest import hypothesis_settings


def found(name: str, text: str) -> list[str]:
    return [m.text for m in NameMatcher({"p": [name]}).find(text)]


@pytest.mark.parametrize("name, text, expected", [
    # Names that are also words: found only where written as a name.
    ("Will", "Will said the days will run long; we will see", ["Will"]),
    ("Will", "How the days will run", []),
    ("Will", "willing, Willow, goodwill, Will-o'-the-wisp, Will-Smith", []),
    ("May", "May asked if we may meet; maybe in may", ["May"]),
    ("Rose", "Rose's idea: the rose garden; prices rose; Rosemary", ["Rose"]),
    ("Mark", "Mark it down, said Mark; remark; Marks & Spencer; mark", ["Mark"]),
    ("Faith", "Faith has faith", ["Faith"]),
    ("Hope", "we hope Hope comes; hopeful", ["Hope"]),
    ("Bill", "the bill is paid by Bill; billing", ["Bill"]),
    ("Grace", "Grace said grace; disgrace", ["Grace"]),
    ("Sue", "Sue will not sue; pursue", ["Sue"]),
    # Never inside another word, an identifier or a joined name.
    ("Ed", "Ed wants education; Edward, credited, created_at, ED_AT, e-d, Ed.", ["Ed", "Ed"]),
    ("Ed", "0ed1, ed, bed, Ted", []),
    ("Anne", "Anne-Marie, Mary-Anne and Anne's; Anne\u2011Sophie", ["Anne"]),
    ("O'Neil", "O'Neil, O\u2019Neil, O'Neils, O'Neil's, BO'Neil", ["O'Neil", "O\u2019Neil", "O'Neil"]),
    ("Neil", "O'Neil and d'Neil are not Neil", ["Neil"]),
    # A name that is a word: the initial decides, but not among capitals, nor where it
    # opens a question or an instruction.
    ("Will", "WILL IT WORK? Will it work? wILL; ask WILL; WE WILL MEET", ["WILL"]),
    ("will", "we will see; Will said", ["Will"]),  # stored in lower case
    ("May", "May I ask? May we? May said yes", ["May"]),
    ("Hope", "Hope you are well. Hope agreed", ["Hope"]),
    # Any other name counts in any case.
    ("McDonald", "MCDONALD, Mcdonald, McDonald, mcdonald", ["MCDONALD", "Mcdonald", "McDonald",
                                                         "mcdonald"]),
    ("Sam", "ask sam; SAM said; Sam-led walk; Samantha; sample", ["sam", "SAM", "Sam"]),
    # A whole name of several words: any spacing, line breaks, any case.
    ("Maya Okafor", "Maya  Okafor, Maya\nOkafor, maya okafor, MAYA OKAFOR, Maya Okafors",
     ["Maya  Okafor", "Maya\nOkafor", "maya okafor", "MAYA OKAFOR"]),
    ("Anna van der Berg", "anna VAN der berg said", ["anna VAN der berg"]),
    # Metacharacters are signs like any other (the name's trailing signs are not needed).
    ("A.B (Jr)*", "A.B (Jr)* came; AxB (Jr)* did not; A B Jr did not", ["A.B (Jr"]),
    ("J", "J said; J.K. said; jam; JJ", ["J", "J"]),
    # Scripts without capitals, right to left, and without spaces.
    ("سارة", "قالت سارة نعم، وسارة", ["سارة"]),
    ("שרה", "שרה אמרה, ושרה", ["שרה"]),
    ("王伟", "我和王伟说过", ["王伟"]),
])
def test_found_only_where_written_as_a_name(name, text, expected):
    assert found(name, text) == expected


FOLDER = ["Sam Green", "Lane Smith", "Hope Adams", "Mary Jones", "May Chen", "Will Park",
          "Sam Whitfield", "Priya Okafor"]


def marked(text: str) -> str:
    """``text`` with each mention of someone in FOLDER marked with who it could be."""
    matcher = NameMatcher({name: [*name_parts(name), Form(f"07700 90012{n}", "contact")]
                           for n, name in enumerate(FOLDER)})
    return matcher.replace(text, lambda m: "<" + "|".join(sorted(m.keys)) + ">")


@pytest.mark.parametrize("text, expected", [
    # Dates (F1): a month beside a day or a year, after "in", "for", "the" ..., a range.
    ("We meet on 12 May, or 3rd May, or May 12th, in May 2026, and in May.",
     "We meet on 12 May, or 3rd May, or May 12th, in May 2026, and in May."),
    ("Plan for May; the May meeting; the end of May; April to May; May/June",
     "Plan for May; the May meeting; the end of May; April to May; May/June"),
    ("May said yes; ask May; May's idea; a letter from May",
     "<May Chen> said yes; ask <May Chen>; <May Chen>'s idea; a letter from <May Chen>"),
    # Proper nouns (F1): a capitalised word beside the part, or a place word.
    ("Hope Street Community Centre; the Green Lane minibus; St Mary's Trust; St. Mary's",
     "Hope Street Community Centre; the Green Lane minibus; St Mary's Trust; St. Mary's"),
    ("Green Lane Carers; Mary's Trust; Meet at Park Lane; HOPE STREET",
     "Green Lane Carers; Mary's Trust; Meet at Park Lane; HOPE STREET"),
    # ... but not a small word, a day, a title, or the start of a sentence.
    ("Ask Sam Thursday. Catch-up With Sam. Mrs Park said. Thanks Hope. Sam ASAP",
     "Ask <Sam Green|Sam Whitfield> Thursday. Catch-up With <Sam Green|Sam Whitfield>. "
     "Mrs <Will Park> said. Thanks <Hope Adams>. <Sam Green|Sam Whitfield> ASAP"),
    # Whole names are never put aside.
    ("Hope Adams and Hope Street; May Chen in May", "<Hope Adams> and Hope Street; "
                                                    "<May Chen> in May"),
    # A name that is a word, opening a question or an instruction, is the word.
    ("Will it work? May I ask? Hope you are well. Will agreed.",
     "Will it work? May I ask? Hope you are well. <Will Park> agreed."),
    # Any case, no accents, joined, plural (F3).
    ("sam said; the Whitfields came; a Sam-led walk; SamWhitfield; priya okafor",
     "<Sam Green|Sam Whitfield> said; the <Sam Whitfield> came; a "
     "<Sam Green|Sam Whitfield>-led walk; <Sam Whitfield>; <Priya Okafor>"),
    # Addresses, handles and contact details, whole (F3, DESIGN §6).
    ("mail sam.whitfield@council.gov.uk or swhitfield@x.org; @priya; @okaf; ring "
     "07700 900127 or +44 7700 900127",
     "mail <Sam Whitfield> or <Sam Whitfield>; <Priya Okafor>; <Priya Okafor>; ring "
     "<Priya Okafor> or <Priya Okafor>"),
    ("info@greenlane.org; @anon; @chat said", "info@greenlane.org; @anon; @chat said"),
])
def test_the_words_around_a_part_alone(text, expected):
    assert marked(text) == expected


def test_accents_composed_decomposed_or_left_out_are_the_same_name():
    name = "Renée Zoë"
    for form in ("NFC", "NFD"):
        text = unicodedata.normalize(form, "Renée Zoë came, and Renée too")
        assert len(found(unicodedata.normalize("NFD", name), text)) == 1
        # Alone, "Renée" followed by an unknown "Zoë" is someone else: Renée Zoë.
        assert found("Renée", "Renee came, and " + text) == [
            "Renee", unicodedata.normalize(form, "Renée")]
    # Accents are often not typed; ß is ss, Ł is L, and a hyphen is a space inside a name.
    assert found("José", unicodedata.normalize("NFD", "José said; jose said; JOSE")) == [
        unicodedata.normalize("NFD", "José"), "jose", "JOSE"]
    assert found("Strauß", "STRAUSS; strauss; Strauss") == ["STRAUSS", "strauss", "Strauss"]
    assert found("Łukasz Dvořák", "lukasz dvorak; LUKASZ DVOŘÁK") == [
        "lukasz dvorak", "LUKASZ DVOŘÁK"]
    assert found("Mary-Ann", "Mary Ann; mary-ann; Mary\nAnn; Mary") == [
        "Mary Ann", "mary-ann", "Mary\nAnn"]


def test_a_very_long_name_and_a_long_text():
    name = " ".join(["Aa" + chr(0x61 + i % 26) * 3 for i in range(50)])[:200]
    text = ("filler " * 10_000) + name.replace(" ", "\n") + "'s" + (" more" * 10_000)
    assert found(name, text) == [name.replace(" ", "\n")]


def test_the_longest_name_wins_so_part_of_another_name_is_never_taken():
    matcher = NameMatcher({"will": ["Will"], "jones": ["Will Jones"]})
    assert [(m.text, set(m.keys)) for m in matcher.find("Will Jones and Will")] == [
        ("Will Jones", {"jones"}), ("Will", {"will"})]


@pytest.mark.parametrize("name", ["\u0301[link=http://x]", "Sam\ufeff Whit", "\u0301", "Sam \u0301 Whit"])
def test_a_name_with_marks_that_fold_to_nothing(name):
    # Found by the hostile-text property test: a lone combining accent made an empty
    # word, and building the run-together forms of the name raised IndexError.
    matcher = NameMatcher({"p": name_parts(name)})
    matcher.find("some text " + name + " and more")
    matcher.replace(name + " said", "[x]")


def test_a_shared_name_is_found_once_with_everyone_who_has_it():
    matcher = NameMatcher({"a": ["Sam"], "b": ["Sam"]})
    assert [set(m.keys) for m in matcher.find("Sam said")] == [{"a", "b"}]


def test_replace_keeps_every_other_character():
    matcher = NameMatcher({"p": ["Will"]})
    assert matcher.replace("Will's cake; we will; WILL!", "[x]") == "[x]'s cake; we will; [x]!"
    assert matcher.replace("Will and Will", lambda m: None if m.start else "[x]") == \
        "[x] and Will"


def test_parts_of_a_name():
    def texts(name):
        return [(f.text, f.kind) for f in name_parts(name)]

    assert texts("Maya  Okafor") == [("Maya Okafor", "whole"), ("Maya", "first"),
                                     ("Okafor", "last")]
    assert texts("Cher") == [("Cher", "whole")]
    assert texts("Sam Sam") == [("Sam Sam", "whole"), ("Sam", "first"), ("Sam", "last")]
    assert texts("Agent 47") == [("Agent 47", "whole"), ("Agent", "first")]  # "47" alone: no one
    assert texts("J Smith") == [("J Smith", "whole"), ("Smith", "last")]  # nor an initial
    # A part alone comes from the name proper: not a title, nor a note in brackets.
    assert texts("Dr Sam Whitfield (carer)") == [("Dr Sam Whitfield (carer)", "whole"),
                                                 ("Sam", "first"), ("Whitfield", "last")]
    assert texts("Joan (Sam's mum)") == [("Joan (Sam's mum)", "whole"), ("Joan", "first")]


def test_sentence_starts():
    text = 'Yes. Will said "Will" (Will)\nWill'
    starts = [starts_sentence(text, m.start()) for m in re.finditer("Will", text)]
    assert starts == [True, False, False, True]


# -- properties ---------------------------------------------------------------------------

WORD_NAMES = ["Will", "May", "Rose", "Mark", "Faith", "Hope", "Bill", "Grace", "Sue", "Ed",
              "Jo", "Art", "Dawn", "Zoë", "O'Neil", "Anne-Marie", "Ångström"]
names = st.lists(st.one_of(st.sampled_from(WORD_NAMES), st.from_regex(r"[A-Z][a-z]{0,7}",
                                                                      fullmatch=True)),
                 min_size=1, max_size=3).map(" ".join)
texts = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(WORD_NAMES),
                           st.sampled_from([w.lower() for w in WORD_NAMES]),
                           st.sampled_from([" ", "\n", "'s", "-", "_", ". ", "O'", "@",
                                            "12 ", " Street", "St "])),
                 max_size=30).map("".join)


def test_properties_of_every_match_in_any_text():
    @hypothesis_settings(quick=300, full=5000)
    @given(name=names, text=texts)
    def run(name, text):
        matcher = NameMatcher({"p": name_parts(name)})
        mentions = matcher.find(text)
        last_end = 0
        for m in mentions:
            assert m.start >= last_end and text[m.start:m.end] == m.text
            last_end = m.end
            if m.kind != "name":
                continue  # an address or a handle is taken whole
            # Never inside a word: the neighbours are not letters, marks or digits.
            for neighbour in (text[m.start - 1:m.start], text[m.end:m.end + 1]):
                assert not neighbour or not (neighbour.isalnum() or neighbour == "_"
                                             or unicodedata.category(neighbour)[0] == "M")
        # Replacing keeps everything between the mentions exactly.
        kept = [text[a:b] for a, b in zip([0] + [m.end for m in mentions],
                                          [m.start for m in mentions] + [len(text)])]
        assert matcher.replace(text, "[x]") == "[x]".join(kept)

    run()


@st.composite
def people_and_texts(draw):
    people = draw(st.lists(nt.person_names, min_size=1, max_size=4))
    phones = {f"07700 900{n:03d}": n for n in range(len(people))}
    return (people, phones, draw(nt.texts(people, phones)),
            draw(st.lists(st.sampled_from(nt.SEPARATORS), min_size=1, max_size=4)))


def test_every_way_of_writing_a_name_is_found_and_nothing_else():
    """The oracle (name_texts.py) knows by construction what each token is: a name as
    people write it (any case, no accents, hyphens, possessive, plural, "-led"), an
    address or handle, a proper noun or date holding a name, or a trap."""
    @hypothesis_settings(quick=200, full=4000)
    @given(case=people_and_texts())
    def run(case):
        people, phones, tokens, seps = case
        matcher = NameMatcher({
            n: [*name_parts(name), Form(phone, "contact")]
            for n, (name, phone) in enumerate(zip(people, phones))})
        text = nt.render(tokens, seps)
        assert matcher.replace(text, "[x]") == nt.render(tokens, seps, lambda t, _: "[x]")

    run()


def test_a_title_is_read_across_a_full_stop_only_when_written_short():
    """Found by the generator: "mayor. Will Street" (a sentence ending, then a street)
    lost "Will" as if it were "Mayor Will"; "Mrs. Will" is still a person."""
    matcher = NameMatcher({0: [*name_parts("Will Will")]})
    assert matcher.replace("mayor. Will Street", "[x]") == "mayor. Will Street"
    assert matcher.replace("Mrs. Will came", "[x]") == "Mrs. [x] came"
    assert matcher.replace("the mayor Will said", "[x]") == "the mayor [x] said"
