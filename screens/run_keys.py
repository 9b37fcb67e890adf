"""What Run's keys do: start the session, hands up and the floor, a decision, an
action, the next agenda item (``RunKeys``, a part of ``LiveScreen``).

Each asks first whether it can be recorded now (``_may_record``): a planned
session offers to start, a closed one says why not.
"""

from __future__ import annotations

from collections.abc import Callable

from coprod_tui.clock import today
from coprod_tui.errors import CoprodError
from coprod_tui.rules.agenda import neighbour
from coprod_tui.words import clock_of, long_date, short_date

from .confirm import ConfirmDialog
from .journey import StepBar
from .widgets import CaptureBox


class RunKeys:
    """Mixin for ``LiveScreen``: its key actions (the screen holds what is shown)."""

    # -- starting ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Start is shown only while the session is planned (the footer has no room for a
        # key that does nothing); before the start nobody has the floor to pass on.
        try:
            planned = self.session.session.status == "planned"
        except CoprodError:  # the folder has gone: the keys say so when pressed
            return True
        if action == "start":
            return planned
        if action == "next_speaker" and planned:
            return False
        return True

    def action_start(self, then: Callable[[], None] | None = None) -> None:
        """Start the session (asked first when today is not its day); ``then`` runs once
        it has started (what was being recorded when it turned out not to be)."""
        session = self.session.session
        if session.status != "planned":
            self.notify("This session is already running." if session.status == "live"
                        else "This session is closed; it cannot be started again.")
            return
        day = today()
        if session.date == day:
            self._start(False, then)
            return
        lines = [f"This session is planned for {long_date(session.date)}, and today is "
                 f"{long_date(day)}.",
                 "Starting it records that the meeting is taking place now: its agenda "
                 "clock starts, and ideas, hands up and decisions can be recorded."]
        # Short labels: three buttons fit side by side at 80 columns.
        choices = [("today", "Start, date today", "primary")]
        if session.date < day:
            lines.append("If you are typing up a meeting held on its own day, keep its date.")
            choices.append(("keep", f"Start, keep {short_date(session.date)}", "default"))
        else:  # a meeting is never recorded as held on a day still to come
            lines.append("A meeting cannot be held on a day still to come, so starting it "
                         "now gives it today's date. Cancel leaves it planned for "
                         f"{short_date(session.date)}.")

        def answered(choice: str | None) -> None:
            if choice is not None:
                self._start(choice == "today", then)

        self.app.push_screen(ConfirmDialog("Start this session now?", lines, choices),
                             answered)

    def _start(self, today: bool, then: Callable[[], None] | None) -> None:
        started = self.save(self.session.start, first_item=True, today=today)
        if started is None:
            return
        self.current_item = started.current_item_id
        self.query_one(StepBar).retitle(self.header_title())
        self.refresh_bindings()  # Start goes from the footer, Next speaker comes back
        self._tick()
        self._show_who(self.query_one("#capture", CaptureBox).value)
        self.notify("The session has started.")
        if then is not None:
            then()

    def _may_record(self, what: str, then: Callable[[], None]) -> bool:
        """True if ``what`` can be recorded now; a planned session offers to start (and
        ``then`` runs once it has); a closed one says why not."""
        status = self.session.session.status
        if status == "planned":
            self.action_start(then)
            return False
        why = self.session.refusal(what)
        if why:
            self.notify(why, title="Not recorded", severity="warning", markup=False)
            return False
        return True

    def _show_closed(self) -> None:
        box = self.query_one("#capture", CaptureBox)
        box.disabled = True
        box.placeholder = "This session is closed: nothing new is recorded here"

    # -- hands up ---------------------------------------------------------------------------

    def action_hand(self, kind: str) -> None:
        from .pickers import PersonPicker

        if not self._may_record("a hand up", lambda: self.action_hand(kind)):
            return
        title = "Point of order from" if kind == "point_of_order" else "Hand up"

        def picked(person_id: str | None) -> None:
            if person_id and self.save(self.session.raise_hand, person_id, kind) is not None:
                self._refresh_people()

        self.app.push_screen(PersonPicker(title, self.present()), picked)

    def action_next_speaker(self) -> None:
        if not self.hands:
            self.notify("Nobody has a hand up. Ctrl+R puts a hand up.")
            return
        if not self._may_record("a turn to speak", self.action_next_speaker):
            return
        turn = self.save(self.session.next_speaker)
        if turn is not None:
            self._refresh_people()
            self.notify(f"{clock_of(turn.at)} {self.name_of(turn.person_id)} has the floor.",
                        markup=False)

    def action_skip(self) -> None:
        if not self.hands:
            return
        passed = self.save(self.session.skip_speaker)
        if passed is not None:
            self._refresh_people()
            self.notify(f"{self.name_of(passed.person_id)} passed; their hand is down.",
                        markup=False)

    def action_spoke(self) -> None:
        from .pickers import PersonPicker

        if not self._may_record("a turn to speak", self.action_spoke):
            return

        def picked(person_id: str | None) -> None:
            if person_id and self.save(self.session.record_turn, person_id) is not None:
                self._refresh_people()

        self.app.push_screen(PersonPicker("Who spoke?", self.present()), picked)

    # -- decisions, actions, agenda ------------------------------------------------------------

    def action_decision(self) -> None:
        from .decision_form import DecisionDialog

        if not self._may_record("a decision", self.action_decision):
            return

        def recorded(decision_id: str | None) -> None:
            if decision_id:
                d = next(d for d in self.session.decisions() if d.id == decision_id)
                self._add_to_record("Decision", "", d.text)
                self.save_status("saved")
                self._warn_names(d.text, d.reasons, d.differing_views)

        self.app.push_screen(DecisionDialog(self.session_id), recorded)

    def action_action(self) -> None:
        from .action_form import ActionDialog

        if not self._may_record("an action", self.action_action):
            return

        def recorded(action_id: str | None) -> None:
            if action_id:
                a = next(a for a in self.session.actions() if a.id == action_id)
                self._add_to_record("Action", self._owner(a), a.text)
                self.save_status("saved")
                self._warn_names(a.text, a.owner)

        self.app.push_screen(ActionDialog(self.session_id), recorded)

    def action_item(self, step: int) -> None:
        session = self.session.session
        if not session.agenda:
            self.notify("There is no agenda: add items on F2 Plan.")
            return
        if not self._may_record("time on an agenda item", lambda: self.action_item(step)):
            return
        target = neighbour(session, step)
        if target is None:
            self.notify("That was the last item." if step > 0 else "This is the first item.")
            return
        moved = self.save(self.session.go_to_item, target)
        if moved is not None:
            self.current_item = moved.current_item_id
