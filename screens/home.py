"""Home: the groups and their sessions, latest first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static


class HomeScreen(Screen[None]):
    BINDINGS = [("q", "app.quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Sessions", id="title")
        yield DataTable(id="sessions", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        store = self.app.store
        groups = {g.id: g.name for g in store.groups.groups()}
        table = self.query_one(DataTable)
        table.add_columns("Date", "Session", "Group", "Status")
        for s in store.summaries():
            table.add_row(s.date, s.title, groups.get(s.group_id, "Unknown group"), s.status,
                          key=s.id)
