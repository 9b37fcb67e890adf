"""The name rule: where a person's name is written, as a name, in free text.

One rule serves both uses that need it (DESIGN.md §4): exports, which replace
the name of someone who did not agree to be named with their role label, and
``coprod forget``, which removes a person's name from the record. Both must
find the name wherever it is written as a name, and nowhere else.

A name is found where, in the text:

* its words stand whole: not inside another word ("Ed" is not found in
  "education", "Edward" or "created_at"), nor joined to one by a hyphen or an
  apostrophe ("Anne" is not in "Anne-Marie", "Neil" is not in "O'Neil"). A
  possessive is allowed: "Maya's" holds "Maya". Letters, marks and digits of
  every script count as parts of a word;
* its words follow each other with any space between them, line breaks
  included ("Maya\\nOkafor"). Straight and curly apostrophes, and the hyphens
  of Unicode, are the same character here ("O’Neil" is "O'Neil");
* it is **written as a name**. A name of one word (a first name alone, or
  someone known by one name) must begin with a capital, so "Will said" holds
  Will but "we will" does not, and "May" is found in "May asked" but not in
  "in may" or "may be" (even where the name was stored in a hurry as "will").
  The rest of the word may be in any case, so "WILL" in capitals is found too.
  A name of two words or more is found in any case: "maya okafor" is Maya
  Okafor's name, however it was typed, and a run of ordinary words that spells
  a whole name is very rare;
* compared in Unicode's composed form (NFC): "José" is found whether the text
  holds é as one character or as e plus a combining accent.

Two choices err on the side of privacy, and are deliberate:

* a capitalised word at the start of a sentence looks exactly like a name:
  "Will it work?" is found when Will is a name being looked for. An export
  then says "Carer 1 it work?" rather than risk naming Will; ``coprod forget``
  reports every change it makes (and ``--dry-run`` shows them first);
* text in capitals ("WE WILL") is found for the same reason.

A "name" with no letter or digit in it ("[/", "😀") is never looked for: it
could not be told from punctuation. Nor is a first or last name alone that
holds no letter ("47" in "Agent 47").

Scripts written without spaces between words (Chinese, Japanese, Thai, Lao,
Khmer, Burmese) have no word boundaries to check, so a name in them is found
wherever its characters stand. Scripts without capitals (Arabic, Hebrew,
Devanagari ...) have no capitalisation to check.

Where several names could start at the same place, the longest wins: "Maya
Okafor" is one mention, never "Maya" then "Okafor", so a matcher that also
knows the names it must leave alone never takes part of one of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

#: Written interchangeably inside names (O'Neil, O’Neil).
APOSTROPHES = "'\u2019\u02bc\u2018"
#: Hyphen-minus, hyphen and non-breaking hyphen (Anne-Marie).
HYPHENS = "-\u2010\u2011"
_APOSTROPHE = "[" + re.escape(APOSTROPHES) + "]"
_HYPHEN = "[" + re.escape(HYPHENS) + "]"

#: Scripts written without spaces between words: (first, last) code points.
_UNSPACED = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x2E80, 0x2FDF),
             (0x3040, 0x30FF), (0x3100, 0x312F), (0x31A0, 0x31FF), (0x3400, 0x4DBF),
             (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF66, 0xFF9F), (0x20000, 0x3FFFF))


def is_word_char(ch: str) -> bool:
    """A letter, mark, digit or joining underscore of any script."""
    category = unicodedata.category(ch)
    return category[0] in "LMN" or category == "Pc"


def _unspaced(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _UNSPACED)


def _cased(ch: str) -> bool:
    return ch.lower() != ch.upper()


def _capital(ch: str) -> bool:
    return ch.isupper() or ch.istitle()


def _initial(word: str) -> str | None:
    """The first letter that has a case, if any."""
    return next((ch for ch in word if _cased(ch)), None)


@lru_cache(maxsize=4096)
def _key(ch: str) -> str:
    """A letter as names are indexed by it: its base letter, in lower case."""
    return unicodedata.normalize("NFD", ch)[0].casefold()[:1]


def name_words(name: str) -> tuple[str, ...]:
    """A name's words, in composed form."""
    return tuple(unicodedata.normalize("NFC", name).split())


def _word_pattern(word: str) -> str:
    parts = []
    for ch in word:
        if ch in APOSTROPHES:
            parts.append(_APOSTROPHE)
        elif ch in HYPHENS:
            parts.append(_HYPHEN)
        else:
            decomposed = unicodedata.normalize("NFD", ch)
            parts.append(f"(?:{re.escape(ch)}|{re.escape(decomposed)})"
                         if decomposed != ch else re.escape(ch))
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Mention:
    """One place a name is written in a text."""

    start: int
    end: int
    #: The text as written there ("Maya's" gives "Maya").
    text: str
    #: The name looked for, as it was given.
    name: str
    #: Everyone known by that name (more than one where it is shared).
    keys: frozenset


class _Form:
    """One name to look for (a full name, or a first name alone)."""

    __slots__ = ("name", "words", "keys", "pattern", "caps", "need_one_capital",
                 "check_left", "check_right")

    def __init__(self, name: str, words: tuple[str, ...]) -> None:
        self.name = name
        self.words = words
        self.keys: set = set()
        self.pattern = re.compile(
            r"\s+".join(f"({_word_pattern(w)})" for w in words), re.IGNORECASE)
        initials = [_initial(w) for w in words]
        if len(words) > 1:
            # A run of words spelling someone's whole name is theirs in any case.
            self.caps, self.need_one_capital = (False,) * len(words), False
        else:
            self.caps = (initials[0] is not None and _capital(initials[0]),)
            self.need_one_capital = not self.caps[0] and initials[0] is not None
        first, last = words[0][0], words[-1][-1]
        self.check_left = is_word_char(first) and not _unspaced(first)
        self.check_right = is_word_char(last) and not _unspaced(last)

    def match_at(self, text: str, pos: int) -> int | None:
        """Where the name ends if it is written as a name at ``pos``; else None."""
        found = self.pattern.match(text, pos)
        if found is None:
            return None
        end = found.end()
        if self.check_left and not _left_edge(text, pos):
            return None
        if self.check_right and not _right_edge(text, end):
            return None
        written = [_initial(found.group(n + 1)) for n in range(len(self.words))]
        for needed, initial in zip(self.caps, written):
            if needed and (initial is None or not _capital(initial)):
                return None
        if self.need_one_capital and not any(i is not None and _capital(i) for i in written):
            return None
        return end


def _left_edge(text: str, pos: int) -> bool:
    if pos == 0:
        return True
    before = text[pos - 1]
    if is_word_char(before):
        return False
    # Joined to a word before it: "Mary-Ann" holds no "Ann", "O'Neil" no "Neil".
    return not (before in APOSTROPHES + HYPHENS and pos >= 2 and is_word_char(text[pos - 2]))


def _right_edge(text: str, end: int) -> bool:
    if end >= len(text):
        return True
    after = text[end]
    if is_word_char(after):
        return False
    if end + 1 < len(text) and is_word_char(text[end + 1]):
        if after in HYPHENS:
            return False  # "Anne" in "Anne-Marie"
        if after in APOSTROPHES:
            # "Maya's" is Maya's; "O'Neil" is not O.
            return (text[end + 1] in "sS"
                    and (end + 2 >= len(text) or not is_word_char(text[end + 2])))
    return True


class NameMatcher:
    """Finds people's names in free text by the name rule.

    ``names`` maps a key (a person's id, usually) to the names they may be
    written as: their full name, and perhaps their first name alone. A name
    given for several keys is found once, with all of them in ``Mention.keys``
    (a shared first name is ambiguous, and the caller decides what that means).
    """

    def __init__(self, names: Mapping[Hashable, Iterable[str]]) -> None:
        forms: dict[tuple[str, ...], _Form] = {}
        for key, given in names.items():
            for name in given:
                words = name_words(name)
                if not any(is_word_char(ch) for w in words for ch in w):
                    continue  # "[/" or "😀" as a name: nothing to tell it from other text
                folded = tuple(w.casefold() for w in words)
                form = forms.get(folded)
                if form is None:
                    form = forms[folded] = _Form(name, words)
                form.keys.add(key)
        # Longest first, so a full name is taken whole before any part of it.
        ordered = sorted(forms.values(), key=lambda f: (-len(f.words), -len(f.name)))
        self._count = len(ordered)
        # Most names begin a word with a letter: they are looked for only where a word
        # begins with that letter (found in one pass of a compiled pattern), which keeps
        # a document of 600 ideas and 60 people fast. The rest (a name that begins with
        # a sign, or in a script without spaces) are searched for everywhere.
        self._by_letter: dict[str, list[_Form]] = {}
        anywhere: list[_Form] = []
        letters: set[str] = set()
        for form in ordered:
            first = form.words[0][0]
            if form.check_left:
                self._by_letter.setdefault(_key(first), []).append(form)
                base = unicodedata.normalize("NFD", first)[0]
                letters |= {first, first.lower(), first.upper(), base, base.lower(),
                            base.upper()}
            else:
                anywhere.append(form)
        self._starts = (re.compile(r"(?<!\w)[" + "".join(map(re.escape, sorted(letters)))
                                   + "]") if letters else None)
        self._anywhere = anywhere
        self._any = (re.compile("|".join(f.pattern.pattern for f in anywhere), re.IGNORECASE)
                     if anywhere else None)

    def __bool__(self) -> bool:
        return bool(self._count)

    def _candidates(self, text: str) -> list[int]:
        starts = ([m.start() for m in self._starts.finditer(text)]
                  if self._starts is not None else [])
        if self._any is not None:
            pos = 0
            while (found := self._any.search(text, pos)) is not None:
                starts.append(found.start())
                pos = found.start() + 1
            starts = sorted(set(starts))
        return starts

    def find(self, text: str) -> list[Mention]:
        """Every place a name is written as a name, left to right, never overlapping."""
        found: list[Mention] = []
        if not self._count or not text:
            return found
        pos = 0
        for start in self._candidates(text):
            if start < pos:
                continue
            forms = self._by_letter.get(_key(text[start]), [])
            if self._anywhere:
                forms = sorted([*forms, *self._anywhere],
                               key=lambda f: (-len(f.words), -len(f.name)))
            for form in forms:
                end = form.match_at(text, start)
                if end is not None:
                    found.append(Mention(start, end, text[start:end], form.name,
                                         frozenset(form.keys)))
                    pos = end
                    break
        return found

    def replace(self, text: str, replacement: str | Callable[[Mention], str | None]) -> str:
        """``text`` with each mention replaced; a callable may return None to keep one."""
        mentions = self.find(text)
        if not mentions:
            return text
        out, pos = [], 0
        for mention in mentions:
            new = replacement if isinstance(replacement, str) else replacement(mention)
            if new is None:
                continue
            out.append(text[pos:mention.start])
            out.append(new)
            pos = mention.end
        out.append(text[pos:])
        return "".join(out)


def name_parts(name: str) -> list[str]:
    """The ways one person may be written: the full name, then the first and the
    last word alone (for a name of more than one word, where they hold a letter)."""
    words = name_words(name)
    if len(words) < 2:
        return [" ".join(words)] if words else []
    # A part alone must hold a letter: "7" in "Room 7" names no one.
    alone = [w for w in (words[0], words[-1]) if any(ch.isalpha() for ch in w)]
    return list(dict.fromkeys([" ".join(words), *alone]))


def starts_sentence(text: str, index: int) -> bool:
    """True where a word at ``index`` begins a sentence (so takes a capital)."""
    while index > 0 and text[index - 1] in " \t\"'\u2018\u201c(":
        index -= 1
    return index == 0 or text[index - 1] in ".!?…\n"
