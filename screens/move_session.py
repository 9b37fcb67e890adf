"""Move a session made in the wrong group to the right one (the form is the question)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Select, Static

from coprod_tui.words import long_date

from .forms import FormDialog, label


class MoveSessionDialog(FormDialog[str]):
    TITLE_TEXT = "Move this session to another group?"
    SUBMIT_LABEL = "Move it"
    FIRST_FOCUS = "group"
    WIDGETS = {"group_id": "group"}

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id

    def fields(self) -> ComposeResult:
        session = self.service.session(self.session_id)
        current = session.session
        groups = [g for g in self.service.groups.groups() if g.id != current.group_id]
        yield Static(Text(f"{current.title} ({long_date(current.date)}), now in "
                          f"{session.group().name}."), markup=False)
        yield label("Move it to")
        yield Select([(Text(g.name), g.id) for g in groups], id="group", allow_blank=True,
                     prompt="Choose the group it belongs to")
        yield Static("The people who came join that group's list of people. A closed "
                     "session keeps a dated correction saying it was moved.",
                     classes="hint", markup=False)

    def submit(self) -> str:
        from coprod_tui.errors import ValidationError

        group_id = self.value("group")
        if group_id is None:
            raise ValidationError("Choose the group it belongs to.", field="group_id")
        self.service.move_session(self.session_id, group_id)
        return group_id
