"""How plain a text is: its sentences, their length, and the words in it from a list.

The easy read keeps to short sentences (``SENTENCE_LIMIT`` words, as UK easy-read
guidance advises) and explains or avoids jargon. These are the measures the check
before sharing, the Close step's plain-words walk-through and the tests use, so
they all count the same way. ``records_without_plain`` lists what still needs a
plain-words version, longest first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Action, Decision, Idea, SessionData

#: Easy read: no sentence longer than this many words.
SENTENCE_LIMIT = 15
#: An original longer than this is not copied whole into the easy read.
COPY_SENTENCES = 3
COPY_WORDS = 45
COPY_CHARACTERS = 400

#: A sentence ends at . ! ? or … followed by a space, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'’”)]*\s+|\n+")
#: A word: letters or digits, with the apostrophes and dashes inside it ("don't",
#: "short-stay", "10:30").
_WORD = re.compile(r"[^\W_]+(?:['’:.\-][^\W_]+)*")
_SEPARATORS = re.compile(r"[\s\-]+")


def sentences(text: str) -> list[str]:
    """The sentences of a text (a line of a list counts as one)."""
    return [line for line in sentence_lines(text) if _WORD.search(line)]


def sentence_lines(text: str) -> list[str]:
    """The text one sentence a line, as the easy read prints it, nothing dropped: a
    piece with no words in it (an emoji, a symbol) stays with the sentence before."""
    lines: list[str] = []
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if piece.startswith(("- ", "• ", "* ")):  # a list's bullet
            piece = piece[2:].strip()
        if not piece:
            continue
        if lines and not _WORD.search(piece):
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return lines


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


def long_sentences(text: str, limit: int = SENTENCE_LIMIT) -> list[str]:
    """The sentences of ``text`` with more than ``limit`` words."""
    return [s for s in sentences(text) if word_count(s) > limit]


def short_enough(text: str) -> bool:
    """Short enough to copy into the easy read whole: a few sentences, a few lines."""
    return (len(text) <= COPY_CHARACTERS and len(sentences(text)) <= COPY_SENTENCES
            and word_count(text) <= COPY_WORDS)


def term_key(term: str) -> str:
    """A word or phrase as it is compared: case, dashes and spacing do not matter."""
    return " ".join(_SEPARATORS.split(term.casefold())).strip()


def _alternatives(keys: Iterable[str], flags: int) -> re.Pattern[str] | None:
    parts = sorted(keys, key=len, reverse=True)
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(r"[\s\-]+".join(map(re.escape, k.split(" ")))
                                              for k in parts) + r")(?:e?s)?(?!\w)", flags)


class Terms:
    """Finds words and phrases from a list in text: whole words only, in any case,
    "short-term" and "short term" alike, with a plural "s" or "es" allowed. A term
    in capitals ("SEND", "CQC") is matched in capitals only: "send" is a word."""

    def __init__(self, terms: Iterable[str]) -> None:
        self._by_key: dict[str, str] = {}
        capitals: list[str] = []
        for term in terms:
            key = term_key(term)
            if key and key not in self._by_key:
                self._by_key[key] = term
                if term.isupper() and len(term) > 1:
                    capitals.append(" ".join(_SEPARATORS.split(term.strip())))
        lower = [k for k in self._by_key if self._by_key[k] not in capitals]
        self._patterns = [p for p in (_alternatives(lower, re.IGNORECASE),
                                      _alternatives(capitals, 0)) if p is not None]

    def __bool__(self) -> bool:
        return bool(self._patterns)

    def find(self, text: str) -> list[str]:
        """The terms found in ``text`` (as listed), each once, in the order they appear."""
        matches = sorted((m.start(), m.group(0)) for pattern in self._patterns
                         for m in pattern.finditer(text))
        found: dict[str, None] = {}
        for _, matched in matches:
            term = self.term_of(matched)
            if term is not None:
                found.setdefault(term, None)
        return list(found)

    def term_of(self, matched: str) -> str | None:
        key = term_key(matched)
        for candidate in (key, key[:-1], key[:-2]):
            if candidate in self._by_key:
                return self._by_key[candidate]
        return None


@dataclass(frozen=True, slots=True)
class PlainNeed:
    """A record the easy read would take as it was typed: it has no plain words yet."""

    #: idea | decision | action
    kind: str
    id: str
    #: What was said, as typed (for the facilitator only).
    text: str
    #: Words in it: the longest are asked about first.
    length: int


def record_text(record: Idea | Decision | Action) -> str:
    """What a record says, as the easy read would have to tell it."""
    if isinstance(record, Decision):
        return "\n".join(t for t in (record.text.strip(), record.reasons.strip()) if t)
    return record.text.strip()


def records_without_plain(data: SessionData) -> list[PlainNeed]:
    """The ideas, decisions and actions with no plain-words version, longest first
    (ties in the order they were recorded). A withdrawn record is in no document, so
    it needs none."""
    needs = [PlainNeed(kind, r.id, record_text(r), word_count(record_text(r)))
             for kind, rows in (("idea", data.ideas), ("decision", data.decisions),
                                ("action", data.actions))
             for r in rows if not r.plain.strip() and not r.withdrawn]
    return sorted(needs, key=lambda n: -n.length)
