"""Text as the name rule reads it: words ("units"), their folded forms, and the gaps.

A unit is a run of letters, marks and digits of any script (and the joining
underscore), with an apostrophe allowed between two of them ("O'Neil",
"Sam's", "don't" are one unit each). Hyphens, spaces and punctuation lie
between units. Two units compare by their folded forms (``fold``): case
folded, accents and other diacritics taken off, ß as ss, Ł as L, and the
apostrophes and hyphens of Unicode made one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Written interchangeably inside names (O'Neil, O’Neil).
APOSTROPHES = "'\u2019\u02bc\u2018"
#: Hyphen-minus, hyphen, non-breaking hyphen and soft hyphen (shown only at a line's end,
#: so "Sam\u00adWhitfield" is Sam-Whitfield wherever Word breaks it).
HYPHENS = "-\u2010\u2011\u00ad"
#: Invisible inside a word (zero-width joiners, word joiner, byte-order mark).
JOINERS = "\u200c\u200d\u2060\ufeff"
#: Invisible between words (zero-width space): a gap, like a space.
_INVISIBLE_GAP = "\u200b"

# Diacritics taken off when names are compared: Latin, Greek and Cyrillic accents, and the
# optional vowel points of Arabic and Hebrew. The vowel signs of Indic scripts are letters
# in all but name, so they stay ("सीता" is not "सत").
_STRIPPED = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF),
             (0xFE20, 0xFE2F), (0x0591, 0x05C7), (0x0610, 0x061A), (0x064B, 0x065F),
             (0x0670, 0x0670), (0x06D6, 0x06ED))
# Letters with a stroke or a ligature have no decomposition, but people type them plain.
_PLAIN = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "ı": "i", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ħ": "h", "Ħ": "H", "ŧ": "t",
    "Ŧ": "T", "þ": "th", "Þ": "Th", **{a: "'" for a in APOSTROPHES[1:]},
    **{h: "-" for h in HYPHENS[1:]}})

#: Scripts written without spaces between words: (first, last) code points.
_UNSPACED = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x2E80, 0x2FDF),
             (0x3040, 0x30FF), (0x3100, 0x312F), (0x31A0, 0x31FF), (0x3400, 0x4DBF),
             (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF66, 0xFF9F), (0x20000, 0x3FFFF))


def is_word_char(ch: str) -> bool:
    """A letter, mark, digit or joining underscore of any script."""
    category = unicodedata.category(ch)
    return category[0] in "LMN" or category == "Pc"


def unspaced(ch: str) -> bool:
    """A character of a script written without spaces between words."""
    code = ord(ch)
    return any(low <= code <= high for low, high in _UNSPACED)


def _stripped(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _STRIPPED)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``text`` as names are compared: "Siobhán" and "SIOBHAN" both give "siobhan"."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN)).casefold()
    decomposed = unicodedata.normalize("NFKD", decomposed)
    return "".join(ch for ch in decomposed
                   if ch not in JOINERS and not (unicodedata.combining(ch) and _stripped(ch)))


def capital(ch: str) -> bool:
    return ch.isupper() or ch.istitle()


def _cased(ch: str) -> bool:
    return ch.lower() != ch.upper()


@lru_cache(maxsize=1)
def _marks() -> str:
    """Every combining mark, as ranges for a regular expression's character class
    (``\\w`` has none of them). Worked out once, when first needed."""
    ranges, first, last = [], None, None
    for code in [*range(0x0300, 0x1F000), *range(0xE0100, 0xE01F0)]:
        if unicodedata.category(chr(code))[0] == "M":
            if first is None:
                first = code
            last = code
        elif first is not None:
            ranges.append((first, last))
            first = None
    if first is not None:
        ranges.append((first, last))
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b != a else "")
                   for a, b in ranges)


_ASCII_UNIT = re.compile(r"\w+(?:'\w+)*", re.ASCII)


@lru_cache(maxsize=1)
def _unit_pattern() -> re.Pattern[str]:
    word = r"[\w" + _marks() + JOINERS + "]"
    return re.compile(f"{word}+(?:[{APOSTROPHES}]{word}+)*")


class Unit:
    """One word of a text, where it is and how it compares."""

    __slots__ = ("start", "end", "text", "fold", "core", "_cap", "_caps")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text = start, end, text
        self.fold = fold(text)
        # "Sam's" is Sam's: the possessive is not part of the name.
        self.core = self.fold[:-2] if len(self.fold) > 2 and self.fold.endswith("'s") else None
        self._cap = self._caps = None

    @property
    def key(self) -> str:
        """The word without a possessive ("sam" for "Sam's")."""
        return self.core or self.fold

    @property
    def cap(self) -> bool:
        """Written with a capital (its first letter that has a case)."""
        if self._cap is None:
            initial = next((ch for ch in self.text if _cased(ch)), None)
            self._cap = initial is not None and capital(initial)
        return self._cap

    @property
    def caps(self) -> bool:
        """Written all in capitals (two cased letters or more): "WILL", "NHS"."""
        if self._caps is None:
            cased = [ch for ch in self.text if _cased(ch)]
            self._caps = len(cased) > 1 and all(capital(ch) for ch in cased)
        return self._caps

    def __repr__(self) -> str:
        return f"Unit({self.text!r}@{self.start})"


def units(text: str) -> list[Unit]:
    """The words of ``text``, in order."""
    pattern = _ASCII_UNIT if text.isascii() else _unit_pattern()
    return [Unit(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def gap(sep: str) -> str:
    """What lies between two words of a name, as names compare it: spaces and hyphens
    are the same ("Mary Ann" is "Mary-Ann"), other signs must be the same ("J.K.")."""
    return "".join(ch for ch in sep if not (ch.isspace() or ch in HYPHENS or ch == "-"
                                            or ch in _INVISIBLE_GAP or ch in JOINERS))


def joined(sep: str) -> bool:
    """True where two words are joined into one by a hyphen ("Anne-Marie")."""
    return len(sep) == 1 and sep in HYPHENS


def sentence_start(text: str, index: int) -> bool:
    """True where a word at ``index`` begins a sentence, a line or a labelled field
    ("Idea: Will said"), so that its capital says nothing about it."""
    while index > 0 and (text[index - 1] in " \t\"'\u2018\u201c([{*•·–—-"
                         or text[index - 1] in JOINERS):
        index -= 1
    return index == 0 or text[index - 1] in ".!?…:\n\r"
