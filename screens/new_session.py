"""Start planning a session: which group, what it is called, and when."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Select

from .forms import FormDialog, label
from .widgets import LineBox


class NewSessionScreen(FormDialog[str]):
    TITLE_TEXT = "New session"
    FIRST_FOCUS = "title"
    SUBMIT_LABEL = "Create"

    def __init__(self, group_id: str | None) -> None:
        super().__init__()
        self.group_id = group_id

    def fields(self) -> ComposeResult:
        groups = self.service.groups.groups()
        chosen = self.group_id or groups[0].id
        yield label("Group")
        yield Select([(Text(g.name), g.id) for g in groups], value=chosen, id="group",
                     allow_blank=False)
        yield label("Title of the session")
        yield LineBox(id="title", placeholder="For example: Rooms, colours and the garden")
        yield label("Date (year-month-day)")
        yield LineBox(date.today().isoformat(), id="date")
        yield label("Start time (hours:minutes, optional)")
        yield LineBox(id="start", placeholder="10:30")


    def on_input_submitted(self) -> None:
        self.action_submit()

    def submit(self) -> str:
        session = self.service.create_session(
            self.value("group"), self.value("title"), date=self.value("date").strip(),
            start=self.value("start").strip())
        return session.id
