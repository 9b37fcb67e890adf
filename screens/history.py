"""A group's history: who takes part and how often, the mix of roles, who is missing."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from coprod_tui.errors import CoprodError
from coprod_tui.report import GroupHistory
from coprod_tui.words import plural

from .base import AppAccess
from .commands import HistoryCommands
from .widgets import Col, FitTable, InFull, SteadyFooter

PEOPLE = (Col("Name", weight=2), Col("Role", weight=1), Col("Came", 4), Col("Apologies", 9),
          Col("Absent", 6), Col("Last came", 10), Col("Spoke", 5), Col("Ideas", 5))
SESSIONS = (Col("Date", 10), Col("Session", weight=1), Col("Present", 7),
            Col("Role mix", weight=1, wrap=True), Col("Lived exp.", 10),
            Col("Cards 4/3/2/1", 13))


def summary_lines(history: GroupHistory) -> list[str]:
    """The history's summary, as the screen shows it above its tables."""
    lines = []
    if history.lived_experience_percent is not None:
        lines.append(f"{history.lived_experience_percent}% of places taken were people "
                     "with lived experience (using services, family, carers, young people).")
    mix = ", ".join(f"{label} {n}" for label, n in history.role_mix)
    lines.append(f"Roles across all sessions: {mix or 'nobody yet'}.")
    if history.roles_missing:
        lines.append("Roles the group recruits, never represented (seldom heard?): "
                     + ", ".join(history.roles_missing) + ".")
    if history.not_seen_lately:
        lines.append("Not seen lately:")
        lines.extend(f"  {p.name}: {p.missed_words}"
                     + (f"; last came {p.last_attended}" if p.last_attended
                        else "; has not come yet")
                     for p in history.not_seen_lately)
    methods = ", ".join(f"{label} {n}" for label, n in history.method_mix)
    lines.append(f"Ways of working used: {methods or 'none recorded'}.")
    lines.extend(history.skipped)
    return lines


class GroupHistoryScreen(AppAccess, Screen[None]):
    """Read on a worker thread (every session of the group is opened), shown when done;
    reports are written the same way, so the screen never stops answering keys."""

    CSS_PATH = "history.tcss"
    COMMANDS = {HistoryCommands}
    HELP_TITLE = "Group history"
    ABOUT = (
        "How the group's sessions have gone: who takes part and how often, the mix of "
        "roles, which roles have never been in the room (seldom heard?), and who has not "
        "come lately. Below, each person and each session. Up and Down move in a list; "
        "Tab moves to the next.\n\n"
        "i writes the impact report and y the You said, We did report for the whole "
        "group, as Word documents in your documents folder (the path is shown when it is "
        "written). Escape goes back.")
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="history.back"),
        Binding("i", "impact", "Impact report", id="history.impact"),
        Binding("y", "you_said", "You said, We did", id="history.you-said"),
    ]

    @dataclass
    class Loaded(Message):
        """The group's history is read (or could not be: ``problem`` says why)."""

        history: GroupHistory | None
        problem: str = ""

    @dataclass
    class Written(Message):
        """A report is written to ``path`` (or not: ``problem`` says why)."""

        path: str
        problem: str = ""

    def __init__(self, group_id: str) -> None:
        super().__init__()
        self.group_id = group_id

    def compose(self) -> ComposeResult:
        yield Static(id="history-title", markup=False)
        with VerticalScroll(id="history", classes="reading"):
            yield Static(id="summary", markup=False)
            yield Static("Who took part", classes="section", markup=False)
            yield FitTable(id="people")
            yield InFull("people")
            yield Static("Each session", classes="section", markup=False)
            yield FitTable(id="sessions")
            yield InFull("sessions")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one("#history-title", Static).update("Reading the group's sessions…")
        self._load()

    @work(thread=True, exclusive=True, group="history")
    def _load(self) -> None:
        try:
            self.post_message(self.Loaded(self.service.group_history(self.group_id)))
        except CoprodError as exc:
            self.post_message(self.Loaded(None, str(exc)))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        if event.history is None:
            self.query_one("#history-title", Static).update(
                f"The history could not be read: {event.problem}")
            return
        self._show(event.history)

    def _show(self, history: GroupHistory) -> None:
        self.query_one("#history-title", Static).update(
            f"History of {history.group_name}: {plural(len(history.sessions), 'session')} "
            "held")
        lines = summary_lines(history)
        self.query_one("#summary", Static).update(Text("\n".join(lines)))

        people = self.query_one("#people", FitTable)
        people.show(PEOPLE, [
            (str(n), [p.name + ("" if p.on_roster else " (left)"), p.role_label,
                      str(p.attended), str(p.apologies), str(p.absent),
                      p.last_attended or "never", str(p.turns), str(p.ideas)])
            for n, p in enumerate(history.people)])
        self.query_one("#sessions", FitTable).show(SESSIONS, [
            (str(n), [mix.date, mix.title, str(mix.present), mix.role_mix,
                      str(mix.lived_experience),
                      "/".join(str(mix.influence.get(k, 0)) for k in (4, 3, 2, 1))
                      if mix.influence else "none"])
            for n, mix in enumerate(history.sessions)])
        people.focus()

    def action_impact(self) -> None:
        self._write("impact")

    def action_you_said(self) -> None:
        self._write("you-said-we-did")

    @work(thread=True, group="reports")
    def _write(self, fmt: str) -> None:
        from coprod_tui.exports.formats import export_group
        from coprod_tui.paths import documents_dir

        try:
            path = export_group(self.service, self.group_id, fmt, wording=self.coprod.wording,
                                default_dir=documents_dir())
        except CoprodError as exc:
            self.post_message(self.Written("", str(exc)))
            return
        self.post_message(self.Written(str(path)))

    @on(Written)
    def _written(self, event: Written) -> None:
        if event.problem:
            self.notify(event.problem, title="Not written", severity="error", markup=False)
        else:
            self.notify(f"Written to {event.path}", title="Report written", timeout=15,
                        markup=False)
