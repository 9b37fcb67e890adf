"""Start planning a session: which group, what it is called, and when.

The date and start time begin as the next meeting the group agreed at its last
session (today when none was agreed, or it is past); its venue, facilitator, ways
of working and agenda are carried over too (``Service.next_session``), to change
on Plan.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from .forms import FormDialog, label
from .widgets import LineBox


class NewSessionScreen(FormDialog[str]):
    TITLE_TEXT = "New session"
    FIRST_FOCUS = "title"
    SUBMIT_LABEL = "Create"

    def __init__(self, group_id: str | None) -> None:
        super().__init__()
        self.group_id = group_id
        #: The date and start time last offered (replaced when the group changes,
        #: unless something else was typed over them).
        self._offered: dict[str, str] = {}

    def fields(self) -> ComposeResult:
        groups = self.service.groups.groups()
        chosen = self.group_id or groups[0].id
        carried = self._carried(chosen)
        yield label("Group")
        yield Select([(Text(g.name), g.id) for g in groups], value=chosen, id="group",
                     allow_blank=False)
        yield label("Title of the session")
        yield LineBox(id="title", placeholder="For example: Rooms, colours and the garden")
        yield label("Date (year-month-day)")
        yield LineBox(carried["date"], id="date", placeholder="year-month-day")
        yield label("Start time (hours:minutes, optional)")
        yield LineBox(carried["start"], id="start", placeholder="hh:mm")
        yield Static(id="carried", classes="hint", markup=False)

    def _carried(self, group_id: str) -> dict[str, str]:
        fields = self.service.next_session(group_id)
        self._offered = {"date": fields["date"], "start": fields.get("start", "")}
        self._carried_note = (
            "The venue, facilitator, ways of working and agenda come from the group's last "
            "session; change them on Plan." if "venue" in fields else "")
        return self._offered

    def on_mount(self) -> None:
        self.query_one("#carried", Static).update(self._carried_note)

    @on(Select.Changed, "#group")
    def _group_changed(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        before = dict(self._offered)
        after = self._carried(str(event.value))
        for key in ("date", "start"):
            box = self.query_one(f"#{key}", Input)
            if box.value == before.get(key, ""):  # not typed over: follow the group
                box.value = after[key]
        self.query_one("#carried", Static).update(self._carried_note)

    def on_input_submitted(self) -> None:
        self.action_submit()

    def submit(self) -> str:
        session = self.service.create_session(
            self.value("group"), self.value("title"), carry_over=True,
            date=self.value("date").strip(), start=self.value("start").strip())
        return session.id
