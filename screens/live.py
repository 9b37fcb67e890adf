"""Run: the agenda clock, hands up, and quick capture of ideas, decisions, actions.

Typing an idea and pressing Enter records it; the line above the box says who
it will be credited to. Everything else is one Ctrl key away, so the
facilitator's hands never leave the keyboard. What happens (who has the floor,
a name typed that the minutes will not show) is said in the status line at the
bottom, never in a message over the record or the speaking list.

Looking at Run changes nothing: a planned session starts only when the
facilitator says so (Ctrl+S, or anything recorded, which asks first), with a
question when it is not the session's own day. A closed session records nothing
new here (the core refuses it too); its page corrects or withdraws records.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import RichLog, Static, TextArea

from coprod_tui.capture import Who, parse_capture
from coprod_tui.consent import warnings as consent_warnings
from coprod_tui.errors import SaveError, ValidationError
from coprod_tui.model import Action, Hand, Person
from coprod_tui.rules.agenda import clock
from coprod_tui.rules.speaking import current_speaker, voices
from coprod_tui.text import one_line
from coprod_tui.words import clock_of

from .journey import SaveStatus, StepScreen
from .lines import show_line
from .run_keys import RunKeys
from .saving import typed
from .voices import Voices
from .widgets import CaptureBox, SteadyFooter

#: At most this many names are listed as not spoken yet, or hands up; the rest are
#: counted ("and 4 more"), so the list never runs off the bottom of its pane.
MOST_NAMES = 12
MOST_HANDS = 6
#: Lines the live record keeps (the latest; the session's own page shows them all). At
#: the cap a new line no longer grows the record, so it costs no layout of the whole
#: screen (20-40 ms with thousands of records, on every idea).
FEED_LINES = 600
#: The status while an idea is typed but not entered.
NOT_RECORDED_YET = "Not recorded yet: Enter records the idea."


def minutes_seconds(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def clock_words(spent: int, planned: int) -> tuple[str, bool]:
    """The timer in words; over time is said, not only coloured."""
    if spent > planned:
        return f"OVER TIME by {minutes_seconds(spent - planned)} " \
               f"(planned {minutes_seconds(planned)})", True
    return f"{minutes_seconds(spent)} of {minutes_seconds(planned)}", False


class LiveScreen(RunKeys, StepScreen):
    STEP = "live"
    CSS_PATH = ["journey.tcss", "live.tcss"]
    HELP_TITLE = "Run"
    ABOUT = (
        "Run is the meeting itself. The top line is the agenda item and its clock; over "
        "time is said in words. On the left: the hands up, in order, who has not spoken "
        "yet, and how often each person has spoken. On the right: everything recorded "
        "so far, newest at the bottom.\n\n"
        "To record an idea, type it in the box and press Enter. It is credited to "
        "whoever has the floor (the line above the box says who), or:\n"
        "  @name idea      someone else present (the start of their name is enough)\n"
        "  @anon idea      anonymous\n"
        "  @chat idea      came in the online chat\n"
        "  @chat @name     a named person, via the chat\n"
        "  @after idea     sent after the meeting (@after @name for a named person)\n"
        "A pasted letter of many lines is kept whole, as one idea.\n\n"
        "Hands up: Ctrl+R puts a hand up, Ctrl+O a point of order (it goes first), "
        "Ctrl+N gives the floor to the next hand, Ctrl+B skips it, Ctrl+T counts a turn "
        "for someone who spoke without a hand up. Ctrl+G records a decision (its reasons "
        "are needed), Ctrl+L an action. PgDn and PgUp move through the agenda.")
    BINDINGS = [
        Binding("ctrl+s", "start", "Start", priority=True, id="run.start"),
        Binding("ctrl+r", "hand('normal')", "Hand up", priority=True, id="run.hand-up"),
        Binding("ctrl+o", "hand('point_of_order')", "Point of order", priority=True,
                show=False, id="run.point-of-order"),
        Binding("ctrl+n", "next_speaker", "Next speaker", priority=True, id="run.next-speaker"),
        Binding("ctrl+b", "skip", "Skip", priority=True, show=False, id="run.skip"),
        Binding("ctrl+t", "spoke", "Spoke", priority=True, show=False, id="run.spoke"),
        Binding("ctrl+g", "decision", "Decision", priority=True, id="run.decision"),
        Binding("ctrl+l", "action", "Action", priority=True, id="run.action"),
        Binding("pagedown", "item(1)", "Next item", priority=True, show=False,
                id="run.next-item"),
        Binding("pageup", "item(-1)", "Previous item", priority=True, show=False,
                id="run.previous-item"),
        Binding("ctrl+y", "not_taken_up", "Not taken up", priority=True, show=False,
                id="run.not-taken-up"),
    ]

    #: What the screen follows: the running agenda item, the hands up (in order) and
    #: who has the floor. Each is set from the session after every change; the
    #: screen redraws the part that shows it when it changes (the watch_ methods).
    current_item: reactive[str | None] = reactive(None, init=False)
    hands: reactive[tuple[Hand, ...]] = reactive((), init=False)
    speaker: reactive[str | None] = reactive(None, init=False)

    def __init__(self, session_id: str) -> None:
        super().__init__(session_id)
        # Who is in the room changes only through _refresh_people (after a hand, a
        # turn, or coming back from another screen), so it is worked out there once
        # rather than on every key typed into the capture box.
        self._people: dict[str, Person] = {}
        self._present: list[Person] = []
        #: True while the idea in the capture box is one the disk refused.
        self._idea_refused = False
        #: How many of its records were withdrawn when the record was last shown.
        self._withdrawn_seen = 0

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(id="agenda-line", markup=False)
        with Horizontal(id="middle"):
            with Vertical(id="voices-pane"):
                yield Static("No hands up.", id="queue", markup=False)
                yield Static(id="not-spoken", markup=False)
                yield Voices(id="voices")
            with Vertical(id="record-pane"):
                yield RichLog(id="record", wrap=True, markup=False, auto_scroll=True,
                              min_width=20, max_lines=FEED_LINES)
        yield Static(id="who", markup=False)
        yield CaptureBox(id="capture", placeholder="Type an idea and press Enter",
                         submit=self._capture)
        yield Static("Start with @name, @anon, @chat or @after to say who. F1: every key.",
                     classes="hint", markup=False)
        yield SaveStatus()
        yield SteadyFooter()

    def on_mount(self) -> None:
        if self.session.session.status == "closed":
            self._show_closed()
        self.current_item = self.session.session.current_item_id
        self._refresh_people()
        for at, kind, who, text in self._history()[-FEED_LINES:]:  # a line or more each
            self._add_to_record(kind, who, text, at)
        self._withdrawn_seen = self._withdrawn_count()
        self._tick()
        self.set_interval(1, self._tick)
        self.query_one("#capture", CaptureBox).focus()

    def on_screen_resume(self) -> None:
        self._refresh_people()
        withdrawn = self._withdrawn_count()
        if withdrawn != self._withdrawn_seen:  # a record was withdrawn: show the record
            self._withdrawn_seen = withdrawn    # without it (rebuilt only then: it is long)
            log = self.query_one("#record", RichLog)
            log.clear()
            for at, kind, who, text in self._history()[-FEED_LINES:]:
                self._add_to_record(kind, who, text, at)

    def _withdrawn_count(self) -> int:
        session = self.session
        return sum(1 for rows in (session.ideas(), session.decisions(), session.actions())
                   for r in rows if r.withdrawn)

    def action_not_taken_up(self) -> None:
        from .records import NotTakenUpDialog

        self.app.push_screen(NotTakenUpDialog(self.session_id))

    # -- saving ---------------------------------------------------------------------------

    def has_unsaved(self) -> bool:
        """An idea the disk refused, still in the box: leaving would lose it."""
        box = self.query_one("#capture", CaptureBox).value
        return self._idea_refused and bool(box.strip())

    def unsaved_text(self) -> list[str]:
        box = self.query_one("#capture", CaptureBox).value
        return [typed("The idea in the box", box)] if box.strip() else []

    # -- what is shown --------------------------------------------------------------------

    @property
    def people(self) -> dict[str, Person]:
        return self._people

    def present(self) -> list[Person]:
        return self._present

    def name_of(self, person_id: str | None) -> str:
        person = self.people.get(person_id or "")
        return person.name if person else "Someone"

    def watch_current_item(self) -> None:
        self._tick()

    def watch_hands(self, hands: tuple[Hand, ...]) -> None:
        queue = self.query_one("#queue", Static)
        if hands:
            lines = [f"{n}. {self.name_of(h.person_id)}"
                     + (" (point of order)" if h.kind == "point_of_order" else "")
                     for n, h in enumerate(hands[:MOST_HANDS], start=1)]
            if len(hands) > MOST_HANDS:
                lines.append(f"and {len(hands) - MOST_HANDS} more")
            queue.update("Hands up:\n" + "\n".join(lines))
        else:
            queue.update("No hands up.")

    def watch_speaker(self) -> None:
        self._show_who(self.query_one("#capture", CaptureBox).value)

    def _tick(self) -> None:
        session = self.session.session
        line = self.query_one("#agenda-line", Static)
        item = session.item(session.current_item_id)
        if session.status != "live":
            line.update("This session has not started. Ctrl+S starts it."
                        if session.status == "planned" else
                        "This session is closed. Its page (Home, Enter) corrects a record or "
                        "withdraws one entered by mistake.")
            line.remove_class("over")
            return
        if item is None:
            line.update("No agenda item is running. PgDn starts the first one."
                        if session.agenda else
                        "There is no agenda. Add items on F2 Plan, or just record below.")
            line.remove_class("over")
            return
        n = [i.id for i in session.agenda].index(item.id) + 1
        spent = clock(session)
        assert spent is not None  # an item runs
        words, over = clock_words(*spent)
        show_line(line, f"Item {n} of {len(session.agenda)}: {item.title}    {words}")
        line.set_class(over, "over")

    def _refresh_people(self) -> None:
        session = self.session
        attendance, turns, ideas = session.attendance(), session.turns(), session.ideas()
        self._people = self.service.groups.people()
        self._present = session.present_people(still_here=True)
        self.hands = tuple(session.session.hands)
        self.speaker = current_speaker(turns, attendance)
        # Heard: a turn to speak, or an idea in their name. Interpreters, supporters and
        # the note-taker are not participants, so they are never "not spoken yet".
        heard = voices(attendance, turns, ideas)
        show_line(self.query_one("#not-spoken", Static),
                  self._quiet_words([v.person_id for v in heard if not v.heard]))
        self.query_one("#voices", Voices).show(
            [(self.name_of(v.person_id), str(v.turns + v.ideas)) for v in heard])
        self._show_who(self.query_one("#capture", CaptureBox).value)

    def _quiet_words(self, quiet: list[str]) -> str:
        """Who has not spoken yet, in words; the truth when nobody is here yet."""
        if not self._present:
            return "Nobody is marked present yet (F3 People), so nobody has spoken."
        if not quiet:
            return "Everyone taking part has been heard."
        names = [self.name_of(p) for p in quiet[:MOST_NAMES]]
        more = len(quiet) - len(names)
        return (f"Not spoken yet ({len(quiet)}): " + ", ".join(names)
                + (f" and {more} more (see the list below)" if more else "") + ".")

    def _show_who(self, typed: str = "") -> None:
        who_line = self.query_one("#who", Static)
        try:
            who, _ = parse_capture(typed, self.present(), self.speaker)
        except ValidationError as exc:
            who_line.update(str(exc))
            who_line.add_class("problem")
            return
        who_line.remove_class("problem")
        speaking = " (speaking now)" if who.person_id and who.person_id == self.speaker \
            and not typed.lstrip().startswith("@") else ""
        show_line(who_line, f"Idea from: {who.describe(self.people)}{speaking}")

    def _history(self) -> list[tuple[str, str, str, str]]:
        """Everything recorded so far, oldest first: (time, kind, who, text)."""
        session = self.session
        people = self.people
        rows = []
        for idea in session.ideas():
            if not idea.withdrawn:
                who = Who.of(idea.raised_by, idea.person_id, idea.tags).describe(people)
                rows.append((idea.at, "Idea", who, idea.text))
        for d in session.decisions():
            if not d.withdrawn:
                rows.append((d.at, "Decision", "", d.text))
        for a in session.actions():
            if not a.withdrawn:
                rows.append((a.created_at, "Action", self._owner(a), a.text))
        rows.sort(key=lambda r: r[0])
        return [(clock_of(at), kind, who, text) for at, kind, who, text in rows]

    def _owner(self, action: Action) -> str:
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

    @on(TextArea.Changed, "#capture")
    def _typing(self, event: TextArea.Changed) -> None:
        self._show_who(event.text_area.text)
        if self._idea_refused:
            return  # the status says why it is not saved; it stays said
        # An idea in the box is not yet a record: "Saved at" would say it was.
        if event.text_area.text.strip():
            self.save_status("waiting", NOT_RECORDED_YET)
        else:
            self.save_status("settled")

    def _capture(self) -> None:
        """Record the idea in the box (Enter: the box calls this before taking another key)."""
        box = self.query_one("#capture", CaptureBox)
        if not box.value.strip() or not self._may_record("an idea", self._capture):
            return
        try:
            who, text = parse_capture(box.value, self.present(), self.speaker)
        except ValidationError as exc:
            self.notify(str(exc), title="Not recorded", severity="warning", markup=False)
            return
        idea = self.save(self.session.add_idea, text, raised_by=who.raised_by,
                         person_id=who.person_id, tags=who.tags)
        if idea is None:
            # The text stays in the box, to fix or retry (Enter again).
            self._idea_refused = isinstance(self.refusal, SaveError)
            return
        self._idea_refused = False
        box.value = ""
        self._add_to_record("Idea", who.describe(self.people), idea.text)
        if idea.person_id:
            self._refresh_people()  # they have been heard
        self.call_after_refresh(self._warn_names, idea.text)

    def _warn_names(self, *texts: str) -> None:
        """Say so when the name of someone who did not agree to be named was typed."""
        data = self.session.snapshot()
        said = list(dict.fromkeys(m for text in texts for m in consent_warnings(data, text)))
        if said:  # all of them at once: the status line shows the last thing said
            self.notify(" ".join(said), title="Not named in the minutes",
                        severity="warning", markup=False)
