"""People: who is here, in what role, how they join, and what support they need."""

from __future__ import annotations

from collections import Counter
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from coprod_tui.framework import MODES, ROLES, SUPPORT_NEEDS, labels
from coprod_tui.model import Person
from coprod_tui.report import attendance_words as here_words

from .journey import SaveStatus, StepScreen
from .widgets import Col, FitTable, SteadyFooter

ROLE = labels(ROLES)
MODE = labels(MODES)
NEED = labels(SUPPORT_NEEDS)
COLUMNS = (Col("Name", weight=3), Col("Role", weight=2), Col("Here", weight=3),
           Col("Named", 5), Col("Support", weight=2))


class AttendanceScreen(StepScreen):
    STEP = "attendance"
    CSS_PATH = ["journey.tcss", "attendance.tcss"]
    HELP_TITLE = "People"
    ABOUT = (
        "Everyone on the group's list, and anyone new, with how they take part today. Up "
        "and Down move through the list; the highlighted person is shown in full below "
        "it.\n\n"
        "p present, a sent apologies, x did not come, l arrived late (now), e left early "
        "(now), o in the room or online, c named in the minutes or not (if not, the "
        "minutes describe them by role, for example 'Carer 2'). Enter changes a person's "
        "details: role, organisation, support needed, times. n adds someone new, who is "
        "marked present.\n\n"
        "Support needs and contact details are kept private: they never appear in the "
        "minutes. Ctrl+N goes on to Agree.")
    BINDINGS = [
        Binding("p", "mark('present')", "Present", id="people.present"),
        Binding("a", "mark('apologies')", "Apologies", id="people.apologies"),
        Binding("x", "mark('absent')", "Did not come", show=False, id="people.absent"),
        Binding("l", "late", "Late", show=False, id="people.late"),
        Binding("e", "left_early", "Left early", show=False, id="people.left-early"),
        Binding("o", "mode", "Room/online", show=False, id="people.room-or-online"),
        Binding("c", "consent", "Named?", show=False, id="people.named"),
        Binding("n", "new_person", "New person", id="people.new-person"),
        Binding("enter", "details", "Details", show=False, id="people.details"),
        Binding("ctrl+n", "next_step", "Next: Agree", id="people.next"),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static("p present · a apologies · x did not come · l arrived late · "
                     "e left early · o room/online · c named in minutes · Enter details",
                     classes="hint", markup=False)
        yield FitTable(id="people")
        yield Static(id="person-detail", markup=False)
        yield Static(id="counts", markup=False)
        yield SaveStatus()
        yield SteadyFooter()

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#people", FitTable).focus()

    def on_screen_resume(self) -> None:
        self._fill(keep=self._current_id())

    # -- the list ---------------------------------------------------------------------

    def people(self) -> list[Person]:
        """The group's roster, then anyone else with an attendance record."""
        return self.session.listed_people()

    def _fill(self, keep: str | None = None) -> None:
        marked = {a.person_id: a for a in self.session.attendance()}
        self._rows = {}
        for person in self.people():
            a = marked.get(person.id)
            source = a or person
            needs = [NEED[n] for n in source.support_needs]
            if source.support_other:
                needs.append(source.support_other)
            here = here_words(a) + (f", {MODE[a.mode].lower()}" if a and a.present else "")
            self._rows[person.id] = (person.name, ROLE[source.role], here,
                                     source.consent_to_be_named, ", ".join(needs))
        self.query_one("#people", FitTable).show(COLUMNS, [
            (pid, [name, role, here, "Yes" if named else "No", needs])
            for pid, (name, role, here, named, needs) in self._rows.items()], keep=keep)
        self._count()
        self._show_detail()

    @on(DataTable.RowHighlighted, "#people")
    def _show_detail(self) -> None:
        """The highlighted person in full (the list may cut a long value short)."""
        key = self.query_one("#people", FitTable).current_key
        detail = self.query_one("#person-detail", Static)
        if key is None or key not in self._rows:
            detail.update("Nobody is on the list yet: n adds someone.")
            return
        name, role, here, named, needs = self._rows[key]
        detail.update(f"{name} · {role} · {here} · "
                      + ("named in the minutes" if named else
                         "not named in the minutes (by role)")
                      + f" · Support: {needs or 'none recorded'}")

    def _count(self) -> None:
        rows = self.session.attendance()
        present = [a for a in rows if a.present]
        online = sum(1 for a in present if a.mode == "online")
        marked = {a.person_id for a in rows if a.status != "expected"}
        unmarked = sum(1 for p in self.people() if p.id not in marked)
        roles = Counter(ROLE[a.role] for a in present)
        line = (f"Present {len(present)} ({len(present) - online} in the room, {online} "
                f"online) · Apologies {sum(1 for a in rows if a.status == 'apologies')} · "
                f"Not marked {unmarked}")
        mix = " · ".join(f"{role} {n}" for role, n in roles.most_common()) or "nobody yet"
        closed = ("\nThis session is closed: a change here is kept as a dated correction."
                  if self.session.session.status == "closed" else "")
        self.query_one("#counts", Static).update(f"{line}\nRoles present: {mix}{closed}")

    def _current_id(self) -> str | None:
        return self.query_one("#people", FitTable).current_key

    def _current(self) -> Person | None:
        person_id = self._current_id()
        return self.service.groups.people().get(person_id) if person_id else None

    def _change(self, change, *args, **kwargs) -> None:
        """Run one of the session's attendance verbs for the highlighted person."""
        person = self._current()
        if person is None:
            self.notify("Add someone first: press n.")
            return
        if self.save(change, person.id, *args, **kwargs) is not None:
            self._fill(keep=person.id)

    # -- actions ----------------------------------------------------------------------------

    def action_mark(self, status: str) -> None:
        self._change(self.session.mark, status)

    def action_late(self) -> None:
        self._change(self.session.mark_late)
        self._say_time("arrived", "start")

    def action_left_early(self) -> None:
        self._change(self.session.mark_left)
        self._say_time("left", "end")

    def _say_time(self, what: str, when: str) -> None:
        """On a day other than the meeting's, the time is the meeting's, not the clock's."""
        if self.session.session.date != date.today().isoformat():
            self.notify(f"This meeting is not today, so the time they {what} is its {when} "
                        "time: press Enter to give the real one.", timeout=8)

    def action_mode(self) -> None:
        person = self._current()
        a = self.session.attendance_of(person.id) if person else None
        mode = "in_room" if a and a.mode == "online" else "online"
        self._change(self.session.set_attendance, mode=mode)

    def action_consent(self) -> None:
        person = self._current()
        if person is None:
            return
        a = self.session.attendance_of(person.id)
        consent = not (a.consent_to_be_named if a else person.consent_to_be_named)
        self._change(self.session.set_attendance, consent_to_be_named=consent)

    def action_new_person(self) -> None:
        from .person_form import PersonDialog

        def added(person_id: str | None) -> None:
            if person_id:
                self.save(self.session.mark, person_id, "present")
                self._fill(keep=person_id)

        self.app.push_screen(PersonDialog(self.session.session.group_id,
                                          session_id=self.session_id), added)

    def action_details(self) -> None:
        from .person_form import PersonDialog

        person = self._current()
        if person is not None:
            self.app.push_screen(
                PersonDialog(self.session.session.group_id, person.id, self.session_id),
                lambda _: self._fill(keep=person.id))

    @on(DataTable.RowSelected)
    def _chosen(self) -> None:
        self.action_details()
