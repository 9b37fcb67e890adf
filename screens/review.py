"""Past sessions: filter by group, dates, method and status; search every word said.

Typing searches shortly after the last key (not at every key), on a worker
thread; a newer search replaces an older one. Every date is searched unless a
date is typed. Each thing found is shown with the words around the match, the
matched words highlighted (the text itself is shown literally: a ``[b]`` in an
idea stays ``[b]``); Enter on it opens its session at that record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Label, Select, Static
from textual.worker import get_current_worker

from coprod_tui.errors import CoprodError, ValidationError
from coprod_tui.framework import METHODS, labels
from coprod_tui.review import PAGE, SessionFilter

from .base import AppAccess
from .commands import PastSessionsCommands
from .widgets import Col, FitTable, InFull, LineBox, SteadyFooter

if TYPE_CHECKING:
    from coprod_tui.review import Found as Lists
    from coprod_tui.service import Match

STATUS_CHOICES = [("Planned", "planned"), ("Running", "live"), ("Closed", "closed")]
KIND_WORDS = {"idea": "Idea", "decision": "Decision", "action": "Action"}
#: A search starts this long after the last key typed or choice made (long enough
#: that typing a word does not search at every key).
SEARCH_DELAY = 0.15
#: How much of a record is shown around its first match.
CONTEXT = 60
MATCHED = "bold reverse"

SESSION_COLUMNS = (Col("Date", 10), Col("Session", weight=3), Col("Status", 8),
                   Col("Ways of working", weight=2))
HIT_COLUMNS = (Col("Date", 10), Col("What", 8), Col("Where the words are", weight=1))


def match_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where each word is found in ``text`` (ignoring case), in order, overlaps merged.

    Used until the core's search hands back its own match offsets: then
    ``matched_words`` is given those instead."""
    folded = text.casefold()
    spans: list[tuple[int, int]] = []
    for word in words:
        start = folded.find(word)
        while start != -1 and word:
            spans.append((start, start + len(word)))
            start = folded.find(word, start + len(word))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    # casefold can change a text's length (ß → ss): then the offsets are not the text's.
    return merged if len(folded) == len(text) else []


def found_words(match: Match, words: list[str], width: int) -> Text:
    """What a search hit shows: the core's snippet and its matched words (the ranked
    search's), or, for a hit without one, the record's own text around the words."""
    if match.snippet:
        return matched_words(match.snippet, list(match.spans), width)
    return matched_words(match.text, match_spans(match.text, words), width)


def matched_words(text: str, spans: list[tuple[int, int]], width: int = CONTEXT) -> Text:
    """The words around the first match, on one line of ``width``, the matched words
    highlighted.

    The record's text is kept literally (never read as markup); it starts at a
    word, a little before the match, and "…" marks where it was shortened at
    either end."""
    flat = text.replace("\n", " ").replace("\t", " ")  # same length, same offsets
    width = max(10, width - 2)  # room for the two "…"
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 4, len(flat) - width))
    if start:  # begin at a word, not in the middle of one
        space = flat.rfind(" ", 0, start + 1)
        start = space + 1 if space != -1 and start - space < 16 else start
    end = min(len(flat), start + width)
    shown = Text(("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else ""),
                 end="")
    shift = 1 if start else 0
    for s, e in spans:
        if e > start and s < end:
            shown.stylize(MATCHED, max(s, start) - start + shift, min(e, end) - start + shift)
    return shown


class PastSessionsScreen(AppAccess, Screen[None]):
    """Each change to the filters searches again, shortly after the last key, on a
    worker thread (a newer search replaces an older one); the lists fill in when it
    is done."""

    CSS_PATH = "review.tcss"
    COMMANDS = {PastSessionsCommands}
    HELP_TITLE = "Past sessions and search"
    ABOUT = (
        "Every session, the latest first, and a search through everything said, decided "
        "and done. Type words in the Words box: sessions holding all of them are listed, "
        "and below, each idea, decision and action holding them, with the matched words "
        "highlighted. Every date is searched unless you type one in From or To "
        "(year-month-day). Group, Method and Status narrow the list.\n\n"
        "Tab moves between the boxes and the lists. Enter on a session opens it; Enter "
        "on something found opens its session at that record. Ctrl+R clears the "
        "filters. Escape goes back to Home.")
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="past.back"),
        Binding("ctrl+r", "clear", "Clear filters", id="past.clear"),
    ]

    @dataclass
    class Found(Message):
        """What a search found: a page of each list, and how many there are in all
        (or, in ``problem``, why it could not search)."""

        flt: SessionFilter
        lists: Lists | None = None
        problem: str = ""

    def __init__(self, group_id: str | None = None) -> None:
        super().__init__()
        self.group_id = group_id
        self._waiting: Timer | None = None

    def compose(self) -> ComposeResult:
        groups = self.service.groups.groups()
        yield Header()
        with Horizontal(classes="filters"):
            yield Label("Words", markup=False)
            yield LineBox(id="words", placeholder="any words said, decided or done",
                          compact=True)
        with Horizontal(classes="filters"):
            yield Label("Group", markup=False)
            yield Select([(Text(g.name), g.id) for g in groups], id="group", compact=True,
                         prompt="All groups", value=self.group_id or Select.NULL)
            yield Label("Method", markup=False)
            yield Select([(Text(c.label), c.key) for c in METHODS], id="method",
                         compact=True, prompt="Any way")
        with Horizontal(classes="filters"):
            yield Label("From", markup=False)
            yield LineBox(id="from", placeholder="any date", compact=True)
            yield Label("To", markup=False)
            yield LineBox(id="to", placeholder="any date", compact=True)
            yield Label("Status", markup=False)
            yield Select(STATUS_CHOICES, id="status", compact=True, prompt="Any")
        yield Static(id="problem", markup=False)
        yield FitTable(id="sessions")
        yield InFull("sessions")
        yield Static(id="hits-title", markup=False)
        yield FitTable(id="hits")
        yield InFull("hits")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self._search(self._filter())
        self.query_one("#words", Input).focus()

    def _filter(self) -> SessionFilter:
        def chosen(widget_id: str) -> str:
            value = self.query_one(f"#{widget_id}", Select).value
            return "" if value is Select.NULL else str(value)

        return SessionFilter(
            group_id=chosen("group") or None, method=chosen("method"), status=chosen("status"),
            date_from=self.query_one("#from", Input).value,
            date_to=self.query_one("#to", Input).value,
            text=self.query_one("#words", Input).value)

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        """Search once typing pauses, not at every key."""
        if self._waiting is not None:
            self._waiting.stop()
        self._waiting = self.set_timer(SEARCH_DELAY, self.refilter)

    def refilter(self) -> None:
        self._waiting = None
        try:
            flt = self._filter()
        except ValidationError as exc:
            self.query_one("#problem", Static).update(str(exc))
            return
        self._search(flt)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, flt: SessionFilter) -> None:
        try:
            lists = self.service.look_up(flt)  # a page of each: quick at any size
        except CoprodError as exc:  # the data folder cannot be reached just now
            message = self.Found(flt, problem=str(exc))
        else:
            message = self.Found(flt, lists)
        if not get_current_worker().is_cancelled:  # a newer search replaced this one
            self.post_message(message)

    @on(Found)
    def _found(self, event: Found) -> None:
        problem = self.query_one("#problem", Static)
        if event.problem:
            problem.update(event.problem)
            return
        flt, found = event.flt, event.lists
        assert found is not None
        if problem.content:  # (an update lays the screen out again: only if it changes)
            problem.update("")
        names = {g.id: g.name for g in self.service.groups.groups()}
        method = labels(METHODS)
        # Row heights are known, so the table need not measure every row.
        every_group = flt.group_id is None
        self.query_one("#sessions", FitTable).show(SESSION_COLUMNS, [
            (s.id, [s.date, s.title + (f"\n{names.get(s.group_id, 'Unknown group')}"
                                       if every_group else ""),
                    {"live": "Running"}.get(s.status, s.status.title()),
                    ", ".join(method[m] for m in s.methods)])
            for s in found.sessions], height=2 if every_group else 1)
        hits = self.query_one("#hits", FitTable)
        room = hits.widths(HIT_COLUMNS)[-1]
        hits.show(HIT_COLUMNS, [
            (f"{n}:{m.session_id}:{m.kind}:{m.record_id}",
             [m.date, KIND_WORDS.get(m.kind, m.kind), found_words(m, flt.words, room)])
            for n, m in enumerate(found.records)])
        self.query_one("#hits-title", Static).update(_summary(found, bool(flt.words)))
        hits.display = bool(flt.words)

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        self._open_row(event.data_table.id or "", event.row_key.value or "")

    def _open_row(self, table: str, key: str) -> None:
        from .session_view import SessionViewScreen

        if table == "hits":
            _, session_id, kind, record_id = key.split(":", 3)
            self.app.push_screen(SessionViewScreen(session_id, record=(kind, record_id)))
        else:
            self.app.push_screen(SessionViewScreen(key))

    def open_highlighted(self) -> None:
        """The highlighted thing found (if the list of them has the keys), else the
        highlighted session."""
        hits = self.query_one("#hits", FitTable)
        table = hits if hits.has_focus and hits.row_count else self.query_one("#sessions",
                                                                               FitTable)
        if table.current_key:
            self._open_row(table.id or "", table.current_key)

    def action_clear(self) -> None:
        for box in self.query(Input):
            box.value = ""
        for select in self.query(Select):
            select.clear()


def _plain(text: str) -> Text:
    """A cell as it is: a str cell would be parsed as markup, for every row."""
    return Text(text, end="")


def _summary(found: Lists, words: bool) -> str:
    """How many sessions and records match, and how many of them are shown."""
    text = f"{found.total_sessions:,} session{'' if found.total_sessions == 1 else 's'}"
    if words:
        one = found.total_records == 1
        text += (f"; {found.total_records:,} thing{'' if one else 's'} said, decided or "
                 f"done {'matches' if one else 'match'} the words, "
                 + ("best match first" if found.ranked else "newest first"))
    if max(found.total_sessions, found.total_records) > PAGE:
        text += f" (the first {PAGE} of each shown)"
    return text
