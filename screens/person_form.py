"""Add someone new, or change a person's details (for the roster and this session)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Static

from coprod_tui.clock import instant_on
from coprod_tui.words import clock_of
from coprod_tui.framework import MODES, ROLES, SUPPORT_NEEDS

from .forms import FormDialog, label, select, selection
from .widgets import LineBox, TickBox


class PersonDialog(FormDialog[str]):
    """With a person id, edits them; without, adds a new person to the group's roster.

    With a session id, the details are also kept on this session's attendance
    record (a person's role or consent can differ from one session to the next).
    """

    FIRST_FOCUS = "name"
    WIDGETS = {"consent_to_be_named": "consent", "arrived_at": "arrived", "left_at": "left"}

    def __init__(self, group_id: str, person_id: str | None = None,
                 session_id: str | None = None) -> None:
        super().__init__()
        self.group_id, self.person_id, self.session_id = group_id, person_id, session_id
        self.TITLE_TEXT = "Add a person" if person_id is None else "Change details"
        self.SUBMIT_LABEL = "Add" if person_id is None else "Save"
        #: The person this dialog added, if a later part of saving was refused: trying
        #: again then changes them rather than adding them twice.
        self._added: str | None = None

    def _current(self):
        person = self.service.groups.person(self.person_id) if self.person_id else None
        attendance = None
        if person is not None and self.session_id:
            attendance = self.service.session(self.session_id).attendance_of(person.id)
        return person, attendance

    def fields(self) -> ComposeResult:
        person, att = self._current()
        source = att or person
        yield label("Name")
        yield LineBox(person.name if person else "", id="name")
        yield label("Role")
        yield select(ROLES, source.role if source else "uses_services", id="role")
        yield label("Organisation (if any)")
        yield LineBox(source.organisation if source else "", id="organisation")
        if self.session_id:
            yield label("Taking part")
            yield select(MODES, att.mode if att else "in_room", id="mode")
        if att is not None and att.present:
            with Horizontal(id="times"):
                with Vertical():
                    yield label("Arrived at (10:50)")
                    yield LineBox(clock_of(att.arrived_at), id="arrived")
                with Vertical():
                    yield label("Left early at (blank if not)")
                    yield LineBox(clock_of(att.left_at), id="left")
            yield TickBox("Arrived late", value=att.late, id="late")
        yield label("Support needed (Space to tick)")
        yield selection(SUPPORT_NEEDS, source.support_needs if source else [],
                        id="support_needs")
        yield label("Other support needed")
        yield LineBox(source.support_other if source else "", id="support_other")
        yield TickBox("Happy to be named in the minutes",
                       value=bool(source and source.consent_to_be_named), id="consent")
        yield Static("If not ticked, the minutes describe them by role, for example "
                     "'Carer 2'.", classes="hint", markup=False)
        yield label("Contact details (kept private, never in minutes)")
        yield LineBox(person.contact if person else "", id="contact")

    def submit(self) -> str:
        groups = self.service.groups
        details = {
            "name": self.value("name"), "role": self.value("role"),
            "organisation": self.value("organisation"),
            "support_needs": self.value("support_needs"),
            "support_other": self.value("support_other"),
            "consent_to_be_named": self.query_one("#consent", Checkbox).value,
            "contact": self.value("contact"),
        }
        times = self._times()  # checked before anything is saved
        if self.person_id is None and self._added is None:
            person = groups.add_person(self.group_id, **details)
            self._added = person.id
        else:
            person = groups.update_person(self.person_id or self._added, **details)
        if self.session_id:
            session = self.service.session(self.session_id)
            changes = {k: v for k, v in details.items() if k not in ("name", "contact")}
            changes.update(mode=self.value("mode"), **times)
            if self.person_id is None or session.attendance_of(person.id) is not None:
                session.set_attendance(person.id, **changes)
        return person.id

    def _times(self) -> dict[str, object]:
        """Arrival and leaving times as typed, for someone present; {} otherwise."""
        if not self.query("#arrived"):
            return {}
        day = self.service.session(self.session_id).session.date
        arrived, left = self.value("arrived").strip(), self.value("left").strip()
        return {"arrived_at": instant_on(day, arrived) if arrived else None,
                "left_at": instant_on(day, left) if left else None,
                "late": self.query_one("#late", Checkbox).value}
