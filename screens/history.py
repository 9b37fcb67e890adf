"""A group's history: who takes part and how often, the mix of roles, who is missing."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from coprod_tui.report import group_history


class GroupHistoryScreen(Screen[None]):
    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("i", "impact", "Write impact report"),
        Binding("y", "you_said", "Write You said, We did"),
    ]

    def __init__(self, group_id: str) -> None:
        super().__init__()
        self.group_id = group_id

    def compose(self) -> ComposeResult:
        yield Static(id="history-title", markup=False)
        with VerticalScroll(id="history"):
            yield Static(id="summary", markup=False)
            yield Static("Who took part", classes="section", markup=False)
            yield DataTable(id="people", cursor_type="row", zebra_stripes=True)
            yield Static("Each session", classes="section", markup=False)
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        history = group_history(self.app.store, self.group_id)
        self.query_one("#history-title", Static).update(
            f"History of {history.group_name}: {len(history.sessions)} sessions held")
        lines = []
        if history.lived_experience_percent is not None:
            lines.append(f"{history.lived_experience_percent}% of places taken were people "
                         "with lived experience (using services, family, carers, young people).")
        mix = ", ".join(f"{label} {n}" for label, n in history.role_mix)
        lines.append(f"Roles across all sessions: {mix or 'nobody yet'}.")
        if history.roles_missing:
            lines.append("Never represented (seldom heard?): "
                         + ", ".join(history.roles_missing) + ".")
        if history.not_seen_lately:
            lines.append("Not at any of the last 3 sessions: " + ", ".join(
                f"{p.name} (last {p.last_attended or 'never came'})"
                for p in history.not_seen_lately) + ".")
        methods = ", ".join(f"{label} {n}" for label, n in history.method_mix)
        lines.append(f"Ways of working used: {methods or 'none recorded'}.")
        lines.extend(history.skipped)
        self.query_one("#summary", Static).update(Text("\n".join(lines)))

        people = self.query_one("#people", DataTable)
        people.add_columns("Name", "Role", "Came", "Apologies", "Last came", "Spoke", "Ideas")
        for p in history.people:
            people.add_row(Text(p.name + ("" if p.on_roster else " (left)")), p.role_label,
                           str(p.attended), str(p.apologies), p.last_attended or "never",
                           str(p.turns), str(p.ideas))
        sessions = self.query_one("#sessions", DataTable)
        sessions.add_columns("Date", "Session", "Present", "Lived experience",
                             "Cards 4/3/2/1", "Ways")
        for mix in history.sessions:
            cards = "/".join(str(mix.influence.get(n, 0)) for n in (4, 3, 2, 1)) \
                if mix.influence else "none"
            sessions.add_row(mix.date, Text(mix.title), str(mix.present),
                             str(mix.lived_experience), cards,
                             ", ".join(mix.method_labels))
        people.focus()

    def action_impact(self) -> None:
        self._write("impact")

    def action_you_said(self) -> None:
        self._write("you-said-we-did")

    def _write(self, fmt: str) -> None:
        from coprod_tui.errors import CoprodError
        from coprod_tui.exports.formats import export_group
        from coprod_tui.paths import documents_dir

        group = self.app.store.groups.group(self.group_id)
        try:
            path = export_group(self.app.store, group.id, fmt, wording=self.app.wording,
                                default_dir=documents_dir())
        except CoprodError as exc:
            self.notify(str(exc), title="Not written", severity="error", markup=False)
            return
        self.notify(f"Written to {path}", title="Report written", timeout=15, markup=False)
