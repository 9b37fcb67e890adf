"""What the full minutes and the easy-read minutes share: their start, and the agenda walk.

Both are written from the same shared ``SessionReport`` and tell the agenda the
same way - a Heading 2 per item (then "Other ideas and decisions"), how long it
took, the ideas raised under it, then each decision - in their own words, which
each passes in as a ``Telling``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from coprod_tui.report import DecisionFact, IdeaFact, ItemFact, SessionReport
from coprod_tui.words import short_date

from .docx_base import B, DocWriter, Piece
from .docx_setup import Look, Meta


def start(report: SessionReport, look: Look, kind: str, notes: str, keywords: str,
          writer: type[DocWriter] = DocWriter) -> DocWriter:
    """A document about one meeting, with its properties and its title written."""
    doc = writer(Meta(title=f"{kind}: {report.title}",
                         subject=f"{report.group}: {notes} of the meeting on "
                                 f"{short_date(report.date)}",
                         author=report.author, keywords=keywords, category=kind), look)
    doc.title(report.title)
    return doc


@dataclass(frozen=True, slots=True)
class Telling:
    heading: str
    #: Said when there is no agenda and nothing was raised.
    nothing: str
    #: Said under an item nothing was raised under.
    item_empty: str
    ideas_heading: str
    #: The line about the time an item took ("" for none).
    timing: Callable[[ItemFact], str]
    #: The pieces of one idea's bullet.
    idea: Callable[[IdeaFact], tuple[Piece, ...]]
    decision: Callable[[DocWriter, DecisionFact], None]


def write_discussion(doc: DocWriter, report: SessionReport, telling: Telling) -> None:
    doc.heading(telling.heading, 1)
    if not report.all_items:
        doc.para(telling.nothing)
    for item in report.all_items:
        doc.heading(item.title, 2)
        timing = telling.timing(item)
        if timing:
            doc.para(timing)
        if not item.ideas and not item.decisions:
            doc.para(telling.item_empty)
            continue
        if item.ideas:
            doc.para(B(telling.ideas_heading), keep_next=True)
            for idea in item.ideas:
                doc.bullet(*telling.idea(idea))
        for decision in item.decisions:
            telling.decision(doc, decision)
