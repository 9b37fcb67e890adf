"""Every action of a group, across its sessions, to follow up "You said, We did"."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from coprod_tui.words import plural

from .action_list import ActionDetail, ActionsTable
from .commands import ActionsCommands
from .saving import Saving
from .widgets import SteadyFooter

#: What is shown, one and many ("1 open action", "3 open actions").
SHOWING = {None: ("action", "actions"), "open": ("open action", "open actions"),
           "done": ("action done", "actions done"),
           "not_able": ("action not able to be done", "actions not able to be done")}


class GroupActionsScreen(Saving, Screen[None]):
    CSS_PATH = "follow_up.tcss"
    COMMANDS = {ActionsCommands}
    HELP_TITLE = "A group's actions (You said, We did)"
    ABOUT = (
        "Every action the group agreed, across all its sessions. Up and Down move through "
        "them; the highlighted one is shown in full below the list.\n\n"
        "d says it is done and what was done (We did); x says it could not be done, and "
        "why (people deserve the reason); t records that the group has been told; o opens "
        "it again. f changes which actions are listed: all, open, done, not able.")
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="actions.back"),
        Binding("f", "cycle", "Show open / done / all", show=False, id="actions.show"),
    ]

    def __init__(self, group_id: str) -> None:
        super().__init__()
        self.group_id = group_id
        self.status: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="intro", markup=False)
        yield ActionsTable(self._rows, id="actions")
        yield ActionDetail(id="detail")
        yield SteadyFooter()

    def _rows(self):
        return self.service.follow_up.group_actions(self.group_id, self.status)

    def on_mount(self) -> None:
        self._describe()
        self.query_one(ActionsTable).focus()
        self._show_detail()

    def _describe(self) -> None:
        group = self.service.groups.group(self.group_id)
        table = self.query_one(ActionsTable)
        self.query_one("#intro", Static).update(
            f"{group.name}: {plural(len(table.rows_shown), *SHOWING[self.status])}. "
            "d done · x not able · t told back · f changes what is shown")

    def action_cycle(self) -> None:
        order = [None, "open", "done", "not_able"]
        self.status = order[(order.index(self.status) + 1) % len(order)]
        self.query_one(ActionsTable).fill()
        self._describe()

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        self.query_one(ActionDetail).show(self.query_one(ActionsTable).current)
