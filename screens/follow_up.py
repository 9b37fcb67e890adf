"""Follow up: at the start of a session, what happened to what people said last time."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from .action_list import ActionDetail, ActionsTable
from .journey import SaveStatus, StepScreen
from .widgets import SteadyFooter


class FollowUpScreen(StepScreen):
    STEP = "followup"
    CSS_PATH = ["journey.tcss", "follow_up.tcss"]
    HELP_TITLE = "Follow up"
    ABOUT = (
        "Before the new business, tell the group what happened to what they said last "
        "time. The list holds the actions still open from earlier sessions, and those "
        "finished but not yet told back. The highlighted one is shown in full below.\n\n"
        "d: it is done; say what was done (We did). x: it could not be done; say why. "
        "t: the group has been told. o opens it again. Ctrl+N goes on to Run.")
    BINDINGS = [Binding("ctrl+n", "next_step", "Next: Run", id="followup.next")]

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(id="intro", markup=False)
        session = self.session.session
        yield ActionsTable(self._rows, meeting=session.id, meeting_date=session.date,
                           id="actions")
        yield ActionDetail(id="detail")
        yield SaveStatus()
        yield SteadyFooter()

    def _rows(self):
        session = self.session.session
        follow_up = self.service.follow_up
        still_open = follow_up.open_before(session.group_id, session.date)
        # Finished since last time but not yet told back: this is the moment to say so.
        untold = [row for row in follow_up.untold(session.group_id)
                  if row.session_id != session.id and row.session_date < session.date]
        return untold + still_open

    def on_mount(self) -> None:
        table = self.query_one(ActionsTable)
        table.focus()
        count = len(table.rows_shown)
        self.query_one("#intro", Static).update(
            "Tell the group what happened to what they said. d done (We did) · x not able "
            "(with the reason) · t told back to the group (on this meeting's day). Each "
            "is listed in this meeting's minutes."
            if count else
            "Nothing to follow up from earlier sessions: no open actions, and every outcome "
            "has been told back.")
        self._show_detail()

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        self.query_one(ActionDetail).show(self.query_one(ActionsTable).current)
