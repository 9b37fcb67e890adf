"""Run: the agenda clock, hands up, and quick capture of ideas, decisions, actions.

Typing an idea and pressing Enter records it; the line above the box says who
it will be credited to. Everything else is one Ctrl key away, so the
facilitator's hands never leave the keyboard.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Input, RichLog, Static

from coprod_tui.capture import Who, parse_capture
from coprod_tui.consent import warnings as consent_warnings
from coprod_tui.errors import SaveError, ValidationError
from coprod_tui.model import Person
from coprod_tui.speaking import current_speaker, not_spoken, voices
from coprod_tui.store.session_file import agenda_clock
from coprod_tui.text import one_line
from coprod_tui.words import clock_of

from .journey import SaveStatus, StepScreen
from .saving import typed


def minutes_seconds(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def clock_words(spent: int, planned: int) -> tuple[str, bool]:
    """The timer in words; over time is said, not only coloured."""
    if spent > planned:
        return f"OVER TIME by {minutes_seconds(spent - planned)} " \
               f"(planned {minutes_seconds(planned)})", True
    return f"{minutes_seconds(spent)} of {minutes_seconds(planned)}", False


class LiveScreen(StepScreen):
    STEP = "live"
    CSS_PATH = ["journey.tcss", "live.tcss"]
    BINDINGS = [
        Binding("ctrl+r", "hand('normal')", "Hand up", priority=True),
        Binding("ctrl+o", "hand('point_of_order')", "Point of order", priority=True,
                show=False),
        Binding("ctrl+n", "next_speaker", "Next speaker", priority=True),
        Binding("ctrl+b", "skip", "Skip", priority=True, show=False),
        Binding("ctrl+t", "spoke", "Spoke", priority=True, show=False),
        Binding("ctrl+g", "decision", "Decision", priority=True),
        Binding("ctrl+l", "action", "Action", priority=True),
        Binding("pagedown", "item(1)", "Next item", priority=True),
        Binding("pageup", "item(-1)", "Previous item", priority=True, show=False),
    ]

    def __init__(self, session_id: str) -> None:
        super().__init__(session_id)
        # Who is in the room and who has the floor change only through _refresh_people
        # (after a hand, a turn, or coming back from another screen), so they are worked
        # out there once rather than on every key typed into the capture box.
        self._people: dict[str, Person] = {}
        self._present: list[Person] = []
        self._speaker_id: str | None = None
        #: True while opening Run could not mark the planned session as started (a full
        #: disk): it is tried again before the next change.
        self._start_refused = False
        #: True while the idea in the capture box is one the disk refused.
        self._idea_refused = False

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(id="agenda-line", markup=False)
        with Horizontal(id="middle"):
            with Vertical(id="voices-pane"):
                yield Static(id="queue", markup=False)
                yield Static(id="not-spoken", markup=False)
                yield DataTable(id="voices", cursor_type="row", show_cursor=False)
            with Vertical(id="record-pane"):
                yield RichLog(id="record", wrap=True, markup=False, auto_scroll=True, min_width=20)
        yield Static(id="who", markup=False)
        yield Input(id="capture", placeholder="Type an idea and press Enter")
        yield Static("@name @anon @chat @after: who · ^O order · ^B skip · ^T spoke · "
                     "PgUp/Dn agenda", classes="hint", markup=False)
        yield SaveStatus()
        yield Footer()

    def on_mount(self) -> None:
        file = self.file
        if file.session.status == "planned":
            self._start_refused = self._start() is None
        elif file.session.status == "closed":
            self.notify("This session is closed: changes are kept as corrections.",
                        severity="warning", timeout=5)
        self.query_one("#voices", DataTable).add_columns("Name", "Spoke")
        self._refresh_people()
        for at, kind, who, text in self._history():
            self._add_to_record(kind, who, text, at)
        self._tick()
        self.set_interval(1, self._tick)
        self.query_one("#capture", Input).focus()

    def on_screen_resume(self) -> None:
        self._refresh_people()

    # -- saving ---------------------------------------------------------------------------

    def _start(self) -> object | None:
        """Viewing Run starts a planned session (through ``save``, like every change)."""
        file = self.file
        started = super().save(file.start)
        if started is None:
            return None
        self._start_refused = False
        if file.session.agenda and file.session.current_item_id is None:
            super().save(file.go_to_item, file.session.agenda[0].id)
        self.notify("The session has started.")
        return started

    def save(self, change, *args, **kwargs):
        if self._start_refused and self._start() is None:
            return None  # still not started: nothing else is tried, what is typed stays
        return super().save(change, *args, **kwargs)

    def has_unsaved(self) -> bool:
        """An idea the disk refused, still in the box: leaving would lose it."""
        box = self.query_one("#capture", Input).value
        return self._idea_refused and bool(box.strip())

    def unsaved_text(self) -> list[str]:
        box = self.query_one("#capture", Input).value
        return [typed("The idea in the box", box)] if box.strip() else []

    # -- what is shown --------------------------------------------------------------------

    @property
    def people(self) -> dict[str, Person]:
        return self._people

    def present(self) -> list[Person]:
        return self._present

    def _speaker(self) -> str | None:
        return self._speaker_id

    def name_of(self, person_id: str | None) -> str:
        person = self.people.get(person_id or "")
        return person.name if person else "Someone"

    def _tick(self) -> None:
        session = self.file.session
        line = self.query_one("#agenda-line", Static)
        item = session.item(session.current_item_id)
        if item is None:
            line.update("No agenda item is running. PgDn starts the first one."
                        if session.agenda else
                        "There is no agenda. Add items on F2 Plan, or just record below.")
            line.remove_class("over")
            return
        n = [i.id for i in session.agenda].index(item.id) + 1
        words, over = clock_words(*agenda_clock(session))
        line.update(f"Item {n} of {len(session.agenda)}: {item.title}    {words}")
        line.set_class(over, "over")

    def _refresh_people(self) -> None:
        file = self.file
        attendance, turns = file.attendance(), file.turns()
        self._people = people = self.app.store.groups.people()
        self._present = [people[a.person_id] for a in attendance
                         if a.present and not a.left_at and a.person_id in people]
        self._speaker_id = current_speaker(turns, attendance)
        hands = file.session.hands
        queue = self.query_one("#queue", Static)
        if hands:
            lines = [f"{n}. {self.name_of(h.person_id)}"
                     + (" (point of order)" if h.kind == "point_of_order" else "")
                     for n, h in enumerate(hands, start=1)]
            queue.update("Hands up:\n" + "\n".join(lines))
        else:
            queue.update("No hands up.")
        quiet = not_spoken(attendance, turns)
        self.query_one("#not-spoken", Static).update(
            "Not spoken yet: " + ", ".join(self.name_of(p) for p in quiet) if quiet
            else "Everyone present has spoken.")
        table = self.query_one("#voices", DataTable)
        table.clear()
        for voice in voices(attendance, turns):
            table.add_row(Text(self.name_of(voice.person_id)), str(voice.turns))
        self._show_who()

    def _show_who(self, typed: str = "") -> None:
        who_line = self.query_one("#who", Static)
        try:
            who, _ = parse_capture(typed, self.present(), self._speaker())
        except ValidationError as exc:
            who_line.update(str(exc))
            who_line.add_class("problem")
            return
        who_line.remove_class("problem")
        speaking = " (speaking now)" if who.person_id and who.person_id == self._speaker_id \
            and not typed.lstrip().startswith("@") else ""
        who_line.update(f"Idea from: {who.describe(self.people)}{speaking}")

    def _history(self) -> list[tuple[str, str, str, str]]:
        """Everything recorded so far, oldest first: (time, kind, who, text)."""
        file = self.file
        people = self.people
        rows = []
        for idea in file.ideas():
            who = Who(idea.raised_by, idea.person_id).describe(people)
            rows.append((idea.at, "Idea", who, idea.text))
        for d in file.decisions():
            rows.append((d.at, "Decision", "", d.text))
        for a in file.actions():
            rows.append((a.created_at, "Action", self._owner(a), a.text))
        rows.sort(key=lambda r: r[0])
        return [(clock_of(at), kind, who, text) for at, kind, who, text in rows]

    def _owner(self, action) -> str:
        if action.owner_person_id:
            return self.name_of(action.owner_person_id)
        return action.owner

    def _add_to_record(self, kind: str, who: str, text: str, at: str | None = None) -> None:
        """One line in the running record; the kind is a word, not just a colour."""
        line = Text.assemble((f"{at or datetime.now().strftime('%H:%M')} ", "dim"),
                             (kind.upper(), "bold"))
        if who:
            line.append(f" · {who}", style="italic")
        line.append(": " + one_line(text, 400))
        self.query_one("#record", RichLog).write(line)

    # -- capture ----------------------------------------------------------------------------

    @on(Input.Changed, "#capture")
    def _typing(self, event: Input.Changed) -> None:
        self._show_who(event.value)

    @on(Input.Submitted, "#capture")
    def _capture(self, event: Input.Submitted) -> None:
        box = event.input
        if not box.value.strip():
            return
        try:
            who, text = parse_capture(box.value, self.present(), self._speaker())
        except ValidationError as exc:
            self.notify(str(exc), title="Not recorded", severity="warning", markup=False)
            return
        idea = self.save(self.file.add_idea, text, raised_by=who.raised_by,
                         person_id=who.person_id)
        if idea is None:
            # The text stays in the box, to fix or retry (Enter again).
            self._idea_refused = isinstance(self.refusal, SaveError)
            return
        self._idea_refused = False
        box.value = ""
        self._add_to_record("Idea", who.describe(self.people), idea.text)
        self.call_after_refresh(self._warn_names, idea.text)

    def _warn_names(self, *texts: str) -> None:
        """Say so when the name of someone who did not agree to be named was typed."""
        data = self.app.store.snapshot(self.session_id)
        for message in dict.fromkeys(m for text in texts for m in consent_warnings(data, text)):
            self.notify(message, title="Not named in the minutes", severity="warning",
                        timeout=10, markup=False)

    # -- hands up ---------------------------------------------------------------------------

    def action_hand(self, kind: str) -> None:
        from .pickers import PersonPicker

        title = "Point of order from" if kind == "point_of_order" else "Hand up"

        def picked(person_id: str | None) -> None:
            if person_id and self.save(self.file.raise_hand, person_id, kind) is not None:
                self._refresh_people()

        self.app.push_screen(PersonPicker(title, self.present()), picked)

    def action_next_speaker(self) -> None:
        if not self.file.session.hands:
            self.notify("Nobody has a hand up. Ctrl+R puts a hand up.")
            return
        turn = self.save(self.file.next_speaker)
        if turn is not None:
            self._refresh_people()
            self.notify(f"{self.name_of(turn.person_id)} has the floor.", markup=False,
                        timeout=3)

    def action_skip(self) -> None:
        hands = self.file.session.hands
        if hands and self.save(self.file.skip_speaker) is not None:
            self._refresh_people()
            self.notify(f"{self.name_of(hands[0].person_id)} passed.", markup=False,
                        timeout=3)

    def action_spoke(self) -> None:
        from .pickers import PersonPicker

        def picked(person_id: str | None) -> None:
            if person_id and self.save(self.file.record_turn, person_id) is not None:
                self._refresh_people()

        self.app.push_screen(PersonPicker("Who spoke?", self.present()), picked)

    # -- decisions, actions, agenda ------------------------------------------------------------

    def action_decision(self) -> None:
        from .decision_form import DecisionDialog

        def recorded(decision_id: str | None) -> None:
            if decision_id:
                d = next(d for d in self.file.decisions() if d.id == decision_id)
                self._add_to_record("Decision", "", d.text)
                self.save_status("saved")
                self._warn_names(d.text, d.reasons, d.differing_views)

        self.app.push_screen(DecisionDialog(self.session_id), recorded)

    def action_action(self) -> None:
        from .action_form import ActionDialog

        def recorded(action_id: str | None) -> None:
            if action_id:
                a = next(a for a in self.file.actions() if a.id == action_id)
                self._add_to_record("Action", self._owner(a), a.text)
                self.save_status("saved")
                self._warn_names(a.text, a.owner)

        self.app.push_screen(ActionDialog(self.session_id), recorded)

    def action_item(self, step: int) -> None:
        session = self.file.session
        ids = [i.id for i in session.agenda]
        if not ids:
            self.notify("There is no agenda: add items on F2 Plan.")
            return
        if session.current_item_id is None:
            target = ids[0] if step > 0 else ids[-1]
        else:
            index = ids.index(session.current_item_id) + step
            if not 0 <= index < len(ids):
                self.notify("That was the last item." if step > 0 else
                            "This is the first item.")
                return
            target = ids[index]
        if self.save(self.file.go_to_item, target) is not None:
            self._tick()

