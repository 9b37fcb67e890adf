"""The check before sharing an easy read: what to put in plain words first.

It reads the very words the easy read would hold (``easy_read_text``) and lists,
for the facilitator:

* the ideas, decisions and jobs that have no plain-words version yet;
* every sentence people typed that has more than 15 words;
* words from the jargon list (ours, or the template's), with a plainer way to say
  each, unless the glossary explains them;
* glossary words the document uses that have no meaning written yet;
* pictures of the template's that could not be used.

coprod's own wording is not checked here: its tests hold it to the same rules.
Nothing is refused: the facilitator can fix what they choose and share anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coprod_tui.model import SessionData
from coprod_tui.plain_words import SENTENCE_LIMIT, PlainNeed, Terms, long_sentences, \
    records_without_plain, term_key, word_count
from coprod_tui.templates import Wording
from coprod_tui.text import one_line

from .easy_read_model import Heading, Point, Quoted
from .easy_read_model import EasyRead
from .easy_read_text import easy_read
from .pictures import Pictures


@dataclass(frozen=True, slots=True)
class Finding:
    #: no-plain | long | jargon | glossary | picture
    kind: str
    #: What the facilitator reads: where it is, and what is wrong, in a sentence.
    text: str
    #: The idea, decision or action to give plain words, as ("idea", id).
    record: tuple[str, str] | None = None
    #: The glossary word to give a meaning.
    word: str = ""


def check_easy_read(data: SessionData, wording: Wording) -> list[Finding]:
    """Everything worth fixing before the easy read is shared, records first."""
    content = easy_read(data, wording)
    findings = _without_plain(content, records_without_plain(data))
    explained = {g.key for g in content.explained}
    jargon = {word: plainer for word, plainer in wording.jargon
              if term_key(word) not in explained}
    terms = Terms(jargon)
    seen: set[tuple[str, str]] = set()
    for piece in _quoted(content):
        for sentence in long_sentences(piece):
            if (piece.where, sentence) not in seen:
                seen.add((piece.where, sentence))
                findings.append(Finding(
                    "long", f"{piece.where}: a sentence of {word_count(sentence)} words "
                    f"(easy read keeps to {SENTENCE_LIMIT}): “{one_line(sentence, 90)}”",
                    piece.record))
        for word in terms.find(piece):
            if (piece.where, word) not in seen:
                seen.add((piece.where, word))
                plainer = jargon[word]
                findings.append(Finding(
                    "jargon", f"{piece.where}: ‘{word}’ is jargon"
                    + (f"; you could say ‘{plainer}’." if plainer else "."), piece.record))
    findings += [Finding("glossary", f"‘{g.word}’ is in the glossary, but what it means "
                         "is not written yet.", word=g.word) for g in content.unexplained]
    pictures = Pictures(wording.pictures)
    for block in content.blocks:
        if isinstance(block, Point):
            pictures.get(block.picture)
    findings += [Finding("picture", problem) for problem in pictures.problems]
    return findings


def _quoted(content: EasyRead):
    """Every piece of people's words the easy read holds, in order."""
    for block in content.blocks:
        pieces = [block.text] if isinstance(block, Heading) else \
            block.pieces() if isinstance(block, Point) else block.pieces
        for piece in pieces:
            if isinstance(piece, Quoted) and piece.where not in _NOT_CHECKED \
                    and not _STATEMENT.fullmatch(piece.where):
                yield piece


#: Words that are not the facilitator's to simplify: people's names.
_NOT_CHECKED = frozenset({"A name", "The facilitator's name"})
#: The 'I' statements are quoted word for word, always (what will change is checked).
_STATEMENT = re.compile(r"'I' statement \d+")


def _without_plain(content: EasyRead, needs: list[PlainNeed]) -> list[Finding]:
    """The records told as they were typed, longest first (as typed: a pasted letter
    comes first, though the easy read holds only its first sentences)."""
    length = {(n.kind, n.id): n.length for n in needs}
    found: dict[tuple[str, str], tuple[int, Finding]] = {}
    for block in content.blocks:
        if not isinstance(block, Point) or block.record is None or block.record in found:
            continue
        quoted = [p for p in block.pieces()
                  if isinstance(p, Quoted) and p.record == block.record]
        if any(p.plain for p in quoted):
            continue
        words = " ".join(quoted)
        gist = f"“{one_line(words, 60)}”" if words else "it is too long to copy"
        found[block.record] = (length.get(block.record, word_count(words)), Finding(
            "no-plain", f"{block.where} has no plain words yet: {gist}", block.record))
    return [f for _, f in sorted(found.values(), key=lambda pair: -pair[0])]
