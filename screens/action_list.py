"""A list of actions ("You said, We did") that can be followed up where it is shown.

d marks one done (saying what was done), x not able to do (saying why), t records
the day the outcome was told back to the group, o opens it again. Shown inside a
meeting (the Follow up step), each is recorded as followed up at that meeting, and
told back on its day; elsewhere, told back today unless another day is typed.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from coprod_tui import clock
from coprod_tui.errors import CoprodError
from coprod_tui.report import ActionRow
from coprod_tui.words import short_date

from .base import AppAccess
from .forms import FormDialog, label, text_area
from .widgets import Col, FitTable

COLUMNS = (Col("Due", 10), Col("Status", 14), Col("Action", weight=2), Col("Who", weight=1),
           Col("From", 10))


def status_words(row: ActionRow) -> str:
    words = row.status_label
    if row.is_overdue():
        words += ", overdue"
    if row.told_back_at:
        words += ", told back"
    return words


class ActionsTable(AppAccess, FitTable):
    """Actions with their follow-up keys; the screen supplies the rows (and shows the
    highlighted one in full, with ``ActionDetail``)."""

    HELP_WHERE = "In the list of actions"
    BINDINGS = [
        Binding("d", "follow('done')", "Done (We did)", id="actions.done"),
        Binding("x", "follow('not_able')", "Not able", id="actions.not-able"),
        Binding("t", "told_back", "Told back", show=False, id="actions.told-back"),
        Binding("o", "reopen", "Reopen", show=False, id="actions.reopen"),
    ]

    def __init__(self, reload: Callable[[], list[ActionRow]], *, meeting: str | None = None,
                 meeting_date: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self._reload = reload
        self.rows_shown: list[ActionRow] = []
        #: The session (and its day) this list is followed up at, if at a meeting.
        self.meeting, self.meeting_date = meeting, meeting_date

    def on_mount(self) -> None:
        self.fill()

    def fill(self) -> None:
        keep = self.current.id if self.current else None
        try:
            self.rows_shown = self._reload()
        except CoprodError as exc:  # the data folder cannot be reached just now
            self.rows_shown = []
            self.notify(str(exc), title="Could not list the actions", severity="error",
                        timeout=15, markup=False)
        self.show(COLUMNS, [(row.id, [row.due or "—", status_words(row), row.text, row.owner,
                                      row.session_date]) for row in self.rows_shown],
                  keep=keep)

    @property
    def current(self) -> ActionRow | None:
        if not self.row_count or not self.rows_shown:
            return None
        return self.rows_shown[min(self.cursor_row, len(self.rows_shown) - 1)]

    def action_follow(self, how: str) -> None:
        row = self.current
        if row is not None:
            self.app.push_screen(OutcomeDialog(row, how, self.meeting), lambda _: self.fill())

    def action_told_back(self) -> None:
        row = self.current
        if row is None:
            return
        if row.status == "open":
            self.notify("There is no outcome to tell back yet: mark it done (d) or not "
                        "able (x) first.")
            return

        def told(day: str | None) -> None:
            if day:
                self.fill()
                self.notify(f"Recorded that the group was told on {short_date(day)}.",
                            markup=False)

        self.app.push_screen(ToldBackDialog(row, self.meeting,
                                            self.meeting_date or clock.today()),
                             told)

    def action_reopen(self) -> None:
        self._apply(self.service.follow_up.reopen)

    def _apply(self, change) -> bool:
        """Run a follow-up verb on the highlighted action; say why if refused."""
        row = self.current
        if row is None:
            return False
        if self.screen.save(change, row.session_id, row.id) is None:
            return False
        self.fill()
        return True


class ActionDetail(Static):
    """The highlighted action in full: what was said, what was done."""

    def show(self, row: ActionRow | None) -> None:
        if row is None:
            self.update("")
            return
        lines = [f"Action: {row.text}", f"Who: {row.owner}   Due: {row.due or 'no date'}   "
                 f"Agreed: {row.session_title} ({row.session_date})"]
        if row.source_text:
            lines.append(f"You said: {row.source_text}")
        if row.status == "done":
            lines.append(f"We did: {row.result}")
        elif row.status == "not_able":
            lines.append(f"Not able to do it, because: {row.result}")
        if row.told_back_at:
            lines.append(f"Told back to the group on {short_date(row.told_back_at)}.")
        self.update(Text("\n".join(lines)))


class OutcomeDialog(FormDialog[str]):
    """Say what was done, or why it could not be: both are required."""

    FIRST_FOCUS = "words"

    def __init__(self, row: ActionRow, how: str, meeting: str | None = None) -> None:
        super().__init__()
        self.row, self.how, self.meeting = row, how, meeting
        self.TITLE_TEXT = "We did it" if how == "done" else "We were not able to do it"
        self.SUBMIT_LABEL = "Save"

    def fields(self) -> ComposeResult:
        yield Static(Text(f"Action: {self.row.text}"), markup=False)
        yield label("What was done" if self.how == "done" else
                    "Why it could not be done (people deserve the reason)")
        # The words as stored (the row's are as the group may see them).
        stored = {"done": self.row.action.outcome, "not_able": self.row.action.reason}
        current = stored[self.how] if self.row.status == self.how else ""
        yield text_area(current, id="words", height=5)

    WIDGETS = {"outcome": "words", "reason": "words"}

    def submit(self) -> str:
        words = self.value("words")
        follow_up = self.service.follow_up
        if self.how == "done":
            follow_up.mark_done(self.row.session_id, self.row.id, words, meeting=self.meeting)
        else:
            follow_up.mark_not_able(self.row.session_id, self.row.id, words,
                                    meeting=self.meeting)
        return self.row.id


class ToldBackDialog(FormDialog[str]):
    """The day the group was told what happened (the meeting's day, at a meeting)."""

    TITLE_TEXT = "The group was told what happened"
    SUBMIT_LABEL = "Save"
    FIRST_FOCUS = "day"
    WIDGETS = {"communicated_back_at": "day"}

    def __init__(self, row: ActionRow, meeting: str | None, day: str) -> None:
        super().__init__()
        self.row, self.meeting, self.day = row, meeting, day

    def fields(self) -> ComposeResult:
        yield Static(Text(f"Action: {self.row.text}"), markup=False)
        yield label("The day they were told (year-month-day)")
        yield Input(self.day, id="day")

    def on_input_submitted(self) -> None:
        self.action_submit()

    def submit(self) -> str:
        day = self.value("day").strip()
        self.service.follow_up.mark_told_back(self.row.session_id, self.row.id, on=day,
                                              meeting=self.meeting)
        return day
