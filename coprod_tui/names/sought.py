"""What ``NameMatcher`` looks for: one form of a name, by its folded words
(``SoughtForm``), and a name in a script written without spaces, found wherever it
stands (``Anywhere``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable

from .units import is_word_char, unspaced
from .words import words


class SoughtForm:
    """One form to look for, by its folded words and what lies between them."""

    __slots__ = ("name", "units", "gaps", "n", "keys", "kinds", "singles", "thing",
                 "single", "needs_capital", "month", "plural")

    def __init__(self, name: str, folded: tuple[str, ...], gaps: tuple[str, ...],
                 thing: bool) -> None:
        self.name, self.units, self.gaps, self.n = name, folded, gaps, len(folded)
        self.thing = thing
        self.keys: set[Hashable] = set()
        self.kinds: set[str] = set()
        self.singles: set[bool] = set()

    def settle(self) -> None:
        w = words()
        #: A part alone (or a one-word name): the words around it may make it no one.
        self.single = not self.thing and all(self.singles)
        #: Every word is also an ordinary word: each must be written with a capital.
        self.needs_capital = not self.thing and all(u in w.ordinary for u in self.units)
        self.month = self.single and self.n == 1 and self.units[0] in w.months | w.seasons
        # "the Whitfields": a surname alone, plural, unless that makes a word ("Wells").
        self.plural = ("last" in self.kinds and self.n == 1 and len(self.units[0]) >= 3
                       and not self.needs_capital)


class Anywhere:
    """A name in a script written without spaces (王伟): found wherever it stands."""

    def __init__(self, name: str, words_: tuple[str, ...]) -> None:
        self.name = name
        self.keys: set[Hashable] = set()
        self.pattern = re.compile(r"\s+".join(_word_pattern(w) for w in words_),
                                  re.IGNORECASE)
        first, last = words_[0][0], words_[-1][-1]
        self.check_left = is_word_char(first) and not unspaced(first)
        self.check_right = is_word_char(last) and not unspaced(last)

    def find(self, text: str) -> Iterable[tuple[int, int]]:
        for found in self.pattern.finditer(text):
            start, end = found.span()
            if self.check_left and start and is_word_char(text[start - 1]):
                continue
            if self.check_right and end < len(text) and is_word_char(text[end]):
                continue
            yield start, end


def _word_pattern(word: str) -> str:
    parts = []
    for ch in word:
        decomposed = unicodedata.normalize("NFD", ch)
        parts.append(f"(?:{re.escape(ch)}|{re.escape(decomposed)})"
                     if decomposed != ch else re.escape(ch))
    return "".join(parts)
