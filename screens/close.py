"""Close: what was recorded, the next meeting, and closing the session."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from coprod_tui.report import SessionReport, session_report
from coprod_tui.words import counted, join_words, of, people, plural

from .autosave import FormStepScreen
from .checklist import TITLES, ChecklistTable
from .confirm import ConfirmDialog
from .forms import input_row, label
from .journey import SaveStatus
from .widgets import LineBox, SteadyFooter

STATEMENT = "'I' statement"

NEXT_FIELDS = ("next_date", "next_start", "next_venue", "next_note")


def summary_lines(report: SessionReport) -> list[str]:
    """What was recorded, for the facilitator: the minutes' own counts and durations."""
    inv, conduct = report.involvement, report.conduct
    roles = ", ".join(f"{role} {n}" for role, n in inv.by_role)
    present = len(report.present)
    agreed = (f"{of(conduct.agreed, present, 'person', 'people')} present agreed the code "
              "of conduct at the meeting")
    if conduct.agreed_later:
        agreed += f", {conduct.agreed_later} later"
    helpers = ", ".join(f"{role} {n}" for role, n in inv.supporting)
    decided = (f"{plural(inv.decisions, 'decision')}"
               + (" (each with reasons)" if inv.decisions > 1 else
                  " (with its reasons)" if inv.decisions else ""))
    lines = [
        f"{people(inv.present)} took part" + (f": {roles}" if roles else "")
        + (f"; there to support others: {helpers}" if helpers else "")
        + f"; {plural(inv.apologies, 'apology', 'apologies')}.",
        agreed + ".",
        f"{plural(inv.turns, 'turn')} to speak; "
        + (f"not heard yet: {join_words(report.not_spoken)}." if report.not_spoken
           else "everyone taking part was heard."),
        f"{plural(inv.ideas, 'idea')}"
        + (f" ({inv.ideas_not_taken_up} not taken up)" if inv.ideas_not_taken_up else "")
        + f", {decided}, "
        f"{plural(inv.actions, 'action')}: {inv.actions_done} done, "
        f"{inv.actions_not_able} not able, {inv.actions_open} open.",
    ]
    if report.withdrawn:
        lines.append(f"{plural(len(report.withdrawn), 'record')} withdrawn as entered in "
                     "error (in no count).")
    lines.extend(f"  {item.title}: {item.timing}" for item in report.items)
    return lines


class CloseScreen(FormStepScreen):
    STEP = "close"
    CSS_PATH = ["journey.tcss", "close.tcss"]
    HELP_TITLE = "Close"
    ABOUT = (
        "The end of the meeting: a summary of what was recorded (the same counts and "
        "times as the minutes), when and where the group meets next, and closing the "
        "session. The next meeting's boxes are saved as you type.\n\n"
        "Ctrl+F closes the session when the meeting has ended: after that, a change is "
        "kept as a dated correction. Ctrl+O enters the comment cards (how far each "
        "person's voice had influence); Ctrl+T checks the session against the 8 'I' "
        "statements. The involvement checklist is at the bottom: Space ticks an item, n "
        "adds a note. Ctrl+Y goes through the records with no plain words yet, for the "
        "easy read. Ctrl+N goes on to Share.")
    AUTOSAVE = frozenset(NEXT_FIELDS)
    BINDINGS = [
        Binding("ctrl+f", "finish", "Close the session", id="close.finish"),
        # Both are also buttons on the screen, with their keys: the footer has no room.
        Binding("ctrl+o", "cards", "Comment cards", show=False, id="close.cards"),
        Binding("ctrl+t", "statements", "'I' statements", show=False, id="close.statements"),
        Binding("ctrl+n", "next_step", "Next: Share", id="close.next"),
        # Said where it matters (the summary counts what lacks plain words); F1 lists it.
        Binding("ctrl+y", "plain_words", "Plain words", show=False, id="close.plain-words"),
    ]

    def compose(self) -> ComposeResult:
        nm = self.session.session.next_meeting
        yield from self.compose_header()
        with VerticalScroll(id="close-form", classes="reading"):
            yield Static(id="status-line", markup=False)
            yield Static("What was recorded", classes="section")
            yield Static(id="summary", markup=False)
            yield Static("Next meeting", classes="section")
            yield input_row((("next_date", "Date", nm.date, "year-month-day"),
                             ("next_start", "Starts", nm.start, "hh:mm")))
            yield label("Where")
            yield LineBox(nm.venue, id="next_venue")
            yield label("Anything to say about it")
            yield LineBox(nm.note, id="next_note")
            yield Static("", id="field-error", markup=False)
            yield Button("Close the session (Ctrl+F)", id="finish", variant="primary",
                         compact=True)
            yield Static("How it went", classes="section")
            yield Static(id="after", markup=False)
            with Horizontal(classes="row"):
                yield Button("Comment cards (Ctrl+O)", id="cards", compact=True)
                yield Button("'I' statements check (Ctrl+T)", id="statements", compact=True)
            yield label(TITLES["involvement"])
            yield Static("Space ticks an item, n adds a note.", classes="hint", markup=False)
            yield ChecklistTable(self.session_id, "involvement", id="involvement-checklist")
        yield SaveStatus()
        yield SteadyFooter()

    def on_mount(self) -> None:
        self._summarise()

    def on_screen_resume(self) -> None:
        self._summarise()

    def _summarise(self) -> None:
        report = session_report(self.session.snapshot(), self.coprod.wording,
                                for_facilitator=True)
        self.query_one("#summary", Static).update(Text("\n".join(summary_lines(report))))
        status = {"planned": "This session has not started yet (Ctrl+S on F6 Run starts it).",
                  "live": "This session is still running. Close it when the meeting ends.",
                  "closed": "This session is closed. Changes now are kept as corrections."}
        self.query_one("#status-line", Static).update(status[report.status])
        self.query_one("#finish", Button).display = report.status == "live"
        self.query_one("#after", Static).update(
            f"{plural(report.cards.total if report.cards else 0, 'comment card')} entered; "
            f"{of(len(report.checks), 8, STATEMENT)} checked. "
            "Then share the minutes with F8.")

    # -- next meeting ---------------------------------------------------------------------

    def store_field(self, field: str, value: object) -> bool:
        before = self.session.session
        value = str(value).strip() if field in ("next_date", "next_start") else value
        after = self.session.set_next_meeting(**{field.removeprefix("next_"): value})
        return after is not before

    # -- closing --------------------------------------------------------------------------

    @on(Button.Pressed, "#finish")
    def _finish_pressed(self) -> None:
        self.action_finish()

    @on(Button.Pressed, "#cards")
    def _cards_pressed(self) -> None:
        self.action_cards()

    @on(Button.Pressed, "#statements")
    def _statements_pressed(self) -> None:
        self.action_statements()

    def action_not_taken_up(self) -> None:
        from .records import NotTakenUpDialog

        self.app.push_screen(NotTakenUpDialog(self.session_id))

    def action_finish(self) -> None:
        status = self.session.session.status
        if status != "live":
            self.notify("This session is already closed." if status == "closed" else
                        "This session has not started, so there is nothing to close yet.")
            return
        self.flush_saves()
        if self.query(".-invalid"):
            self.notify("Fix the next meeting details first (see the message).",
                        severity="warning")
            return
        # The facilitator's own view: real names, as on the rest of this screen.
        report = session_report(self.session.snapshot(), self.coprod.wording,
                                for_facilitator=True)
        lines = ["Closing locks the record of this meeting. After it, nothing new can be "
                 "added: no ideas, decisions, actions, hands up, comment cards, 'I' "
                 "statement answers or checklist ticks, and the agenda is fixed.",
                 "A change to what it says is kept as a dated correction, and a record "
                 "entered by mistake can be withdrawn, with the reason. Following up its "
                 "actions, and the next meeting's details, stay open."]
        left = []
        if report.cards is None:
            left.append("no comment cards have been entered")
        if len(report.checks) < 8:
            left.append(f"{of(len(report.checks), 8, STATEMENT)} checked")
        waiting = len(self.session.unanswered_ideas())
        if waiting:
            left.append(f"{plural(waiting, 'idea')} with no answer yet (say why one was "
                        "not taken up: Ctrl+Y on Run, or the palette)")
        if report.not_spoken:
            left.append(f"not heard yet: {join_words(list(report.not_spoken))}")
        if left:
            lines.append("Before you close: " + "; ".join(left) + ".")

        def answered(choice: str | None) -> None:
            if choice == "close" and self.save(self.session.close) is not None:
                self._summarise()
                # One message: the status line says the latest only.
                self.notify(" ".join(("The session is closed. Everything is saved.",
                                      *self._plain_words_wanted())))

        self.app.push_screen(ConfirmDialog("Close the session?", lines,
                                           [("close", "Close it", "primary")]), answered)
    # -- plain words for the easy read ------------------------------------------------------

    def action_plain_words(self) -> None:
        from .plain_words import walk_plain_words

        walk_plain_words(self)

    def _plain_words_wanted(self) -> list[str]:
        from coprod_tui.plain_words import records_without_plain

        missing = len(records_without_plain(self.session.snapshot()))
        if not missing:
            return []
        records = counted(missing, "record", "has no plain words for the easy read yet")
        return [f"{records}. Ctrl+Y goes through them, the longest first."]
