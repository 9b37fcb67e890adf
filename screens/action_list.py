"""A list of actions ("You said, We did") that can be followed up where it is shown.

d marks one done (saying what was done), x not able to do (saying why), t records
that the outcome was told back to the group, o opens it again.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

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

    def __init__(self, reload: Callable[[], list[ActionRow]], **kwargs) -> None:
        super().__init__(**kwargs)
        self._reload = reload
        self.rows_shown: list[ActionRow] = []

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
            self.app.push_screen(OutcomeDialog(row, how), lambda _: self.fill())

    def action_told_back(self) -> None:
        if self._apply(self.service.follow_up.mark_told_back):
            self.notify("Recorded that the group has been told.")

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

    def __init__(self, row: ActionRow, how: str) -> None:
        super().__init__()
        self.row, self.how = row, how
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
            follow_up.mark_done(self.row.session_id, self.row.id, words)
        else:
            follow_up.mark_not_able(self.row.session_id, self.row.id, words)
        return self.row.id
