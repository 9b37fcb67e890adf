"""Past sessions: filter by group, dates, method and status; search every word said."""

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
from textual.widgets import DataTable, Footer, Header, Input, Label, Select, Static
from textual.worker import get_current_worker

from coprod_tui.errors import CoprodError, ValidationError
from coprod_tui.framework import METHODS, labels
from coprod_tui.review import PAGE, SessionFilter
from coprod_tui.text import one_line

from .base import AppAccess
from .commands import BackHomeCommands

if TYPE_CHECKING:
    from coprod_tui.review import Found as Lists

STATUS_CHOICES = [("Planned", "planned"), ("Running", "live"), ("Closed", "closed")]
KIND_WORDS = {"idea": "Idea", "decision": "Decision", "action": "Action"}


class PastSessionsScreen(AppAccess, Screen[None]):
    """Each change to the filters searches again on a worker thread (a newer search
    replaces an older one); the lists fill in when it is done."""

    CSS_PATH = "review.tcss"
    COMMANDS = {BackHomeCommands}
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

    def compose(self) -> ComposeResult:
        groups = self.service.groups.groups()
        yield Header()
        with Horizontal(classes="filters"):
            yield Label("Words", markup=False)
            yield Input(id="words", placeholder="any words said, decided or done",
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
            yield Input(id="from", placeholder="2026-01-01", compact=True)
            yield Label("To", markup=False)
            yield Input(id="to", placeholder="2026-12-31", compact=True)
            yield Label("Status", markup=False)
            yield Select(STATUS_CHOICES, id="status", compact=True, prompt="Any")
        yield Static(id="problem", markup=False)
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(id="hits-title", markup=False)
        yield DataTable(id="hits", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#sessions", DataTable).add_columns("Date", "Session", "Status",
                                                           "Ways of working")
        self.query_one("#hits", DataTable).add_columns("Date", "What", "Words")
        self.refilter()
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
    def refilter(self) -> None:
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
        problem.update("")
        names = {g.id: g.name for g in self.service.groups.groups()}
        method = labels(METHODS)
        sessions = self.query_one("#sessions", DataTable)
        sessions.clear()
        # Row heights are known, so the table need not measure every row.
        height = 2 if flt.group_id is None else 1
        for s in found.sessions:
            title = Text(one_line(s.title, 36))
            if flt.group_id is None:
                title.append("\n" + one_line(names.get(s.group_id, "Unknown group"), 36),
                             style="dim")
            sessions.add_row(_plain(s.date), title,
                             _plain({"live": "Running"}.get(s.status, s.status.title())),
                             Text(", ".join(method[m] for m in s.methods)), key=s.id,
                             height=height)
        hits = self.query_one("#hits", DataTable)
        hits.clear()
        room = max(40, self.app.size.width - 24)  # what the date and kind leave
        for n, m in enumerate(found.records):
            hits.add_row(_plain(m.date), _plain(KIND_WORDS.get(m.kind, m.kind)),
                         snippet_text(m, room), key=f"{n}:{m.session_id}")
        self.query_one("#hits-title", Static).update(_summary(found, bool(flt.words)))
        hits.display = bool(flt.words)

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        from .session_view import SessionViewScreen

        key = event.row_key.value or ""
        session_id = key.split(":", 1)[1] if ":" in key else key
        self.app.push_screen(SessionViewScreen(session_id))

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
        text += (f"; {found.total_records:,} thing{'' if found.total_records == 1 else 's'}"
                 " said, decided or done match the words, "
                 + ("best match first" if found.ranked else "newest first"))
    if max(found.total_sessions, found.total_records) > PAGE:
        text += f" (the first {PAGE} of each shown)"
    return text


def snippet_text(match, room: int) -> Text:
    """The matched words in context, exactly as typed, the matches in bold."""
    shown = match.snippet if len(match.snippet) <= room else match.snippet[:room - 1] + "…"
    text = Text(shown, no_wrap=True, end="")
    for start, end in match.spans:
        if start < len(shown):
            text.stylize("bold underline", start, min(end, len(shown)))
    return text
