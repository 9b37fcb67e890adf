"""What an easy read says, before it is a Word document: headings and points.

A *point* is one picture with its words: a short first line beside the picture
(``lead``), then the rest, each sentence its own paragraph, at the same indent.
Words typed by people (an idea, a venue, a plain-words version) are ``Quoted``,
knowing which record they came from; everything else is coprod's own wording.
The Word writer (``easy_read.py``) and the check before sharing
(``easy_read_check.py``) both read these blocks, so the check sees exactly the
words the document will hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coprod_tui.plain_words import COPY_CHARACTERS, COPY_SENTENCES, COPY_WORDS, \
    sentence_lines, sentences, short_enough, word_count

from .docx_base import B, Piece

if TYPE_CHECKING:
    from coprod_tui.model import GlossaryWord
    from coprod_tui.report import SessionReport


class Quoted(str):
    """Words people typed, shown as typed. ``where`` says where they came from, in
    words for the facilitator ("Idea 2", "The venue"); ``record`` is the idea,
    decision or action they belong to, as ("idea", id), when there is one."""

    where: str = ""
    record: tuple[str, str] | None = None
    #: True when these are the record's plain words (rather than the original).
    plain: bool = False

    def __new__(cls, text: str, where: str = "", record: tuple[str, str] | None = None,
                plain: bool = False) -> Quoted:
        quoted = super().__new__(cls, text)
        quoted.where = where
        quoted.record = record
        quoted.plain = plain
        return quoted


class BQ(Quoted, B):
    """Quoted words shown in bold (a heading-like first line)."""


@dataclass(frozen=True, slots=True)
class Para:
    pieces: tuple[Piece, ...]
    bullet: bool = False


@dataclass(frozen=True, slots=True)
class Heading:
    text: Piece
    level: int
    #: Start a new page (the last page, about the pictures).
    new_page: bool = False


@dataclass(slots=True)
class Point:
    picture: str
    lead: tuple[Piece, ...]
    body: list[Para] = field(default_factory=list)
    #: The idea, decision or action the point tells, as ("idea", id), and where that
    #: is for the facilitator ("Idea 2").
    record: tuple[str, str] | None = None
    where: str = ""

    def pieces(self):
        yield from self.lead
        for para in self.body:
            yield from para.pieces


Block = Heading | Point | Para

#: Said where a long text was not copied into the easy read.
MORE = "There is more in the full notes of the meeting."
ALL_IN_NOTES = "This is long. You can read it in the full notes of the meeting."


def told(text: str, *, where: str, record: tuple[str, str] | None = None,
         plain: str = "", first: tuple[Piece, ...] = ()) -> list[Para]:
    """Someone's words for the easy read, one sentence to a line: the plain-words
    version when there is one; the original when it is a few short sentences; else
    its first sentences (up to 2, up to 30 words) and a line saying the rest is in
    the full notes. ``first`` goes before the first paragraph ("Why: ")."""
    if plain.strip():
        lines = [Quoted(line, where, record, plain=True) for line in _sentences(plain)]
        more = ""
    elif short_enough(text):
        lines = [Quoted(line, where, record) for line in _sentences(text)]
        more = ""
    else:
        kept: list[str] = []
        for sentence in sentences(text)[:COPY_SENTENCES - 1]:
            so_far = " ".join([*kept, sentence])
            if word_count(so_far) > COPY_WORDS - 15 or len(so_far) > COPY_CHARACTERS // 2:
                break
            kept.append(sentence)
        lines = [Quoted(s, where, record) for s in kept]
        more = MORE if kept else ALL_IN_NOTES
    paras = [Para((*first, line) if n == 0 else (line,)) for n, line in enumerate(lines)]
    if more:
        paras.append(Para((more,) if paras else (*first, more)))
    return paras


def _sentences(text: str) -> list[str]:
    """One sentence to a line, nothing left out (``plain_words.sentence_lines``)."""
    return sentence_lines(text)


@dataclass
class EasyRead:
    """The easy read of one session, as blocks, and what the glossary did."""

    report: SessionReport
    blocks: list[Block] = field(default_factory=list)
    #: Glossary words the document explains (once each, where first used).
    explained: list[GlossaryWord] = field(default_factory=list)
    #: Glossary words the document uses that have no meaning written yet.
    unexplained: list[GlossaryWord] = field(default_factory=list)

    def add(self, block: Block) -> None:
        self.blocks.append(block)

    def point(self, picture: str, *lead, body: list[Para] | None = None,
              record: tuple[str, str] | None = None, where: str = "") -> Point:
        point = Point(picture, tuple(p for p in lead if p), body or [], record, where)
        self.blocks.append(point)
        return point


def sentence(*parts: str) -> str:
    return "".join(parts).rstrip(" .") + "."
