"""Agree: the group's code of conduct, shown plainly, and who has agreed to it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from coprod_tui.model import Group
from coprod_tui.words import clock_of, plural, short_date

from .forms import FormDialog, label, text_area
from .journey import SaveStatus, StepScreen
from .widgets import Col, FitTable, InFull, LineBox, SteadyFooter


def agreed_words(version: int | None, how: str, at: str | None) -> str:
    if version is None:
        return "Not yet"
    when = clock_of(at)
    return f"{'Agreed later' if how == 'later' else 'Agreed'} (version {version}) {when}".strip()


class ConductScreen(StepScreen):
    STEP = "conduct"
    CSS_PATH = ["journey.tcss", "conduct.tcss"]
    HELP_TITLE = "Agree"
    ABOUT = (
        "The group's code of conduct: how everyone agrees the meeting will run. Read it "
        "together (f shows it large, alone on the screen), then record who agreed. Up "
        "and Down move through the people present.\n\n"
        "y: the highlighted person agreed. l: they will agree later (for example after "
        "an easy read version). u undoes it. A records everyone present as agreed.\n\n"
        "m changes the code with the group: the new wording becomes a new version, with "
        "its date and a note of what changed; the old one is kept, and people agree "
        "again. Ctrl+N goes on to Follow up.")
    BINDINGS = [
        Binding("y", "agree('agreed')", "Agreed", id="agree.agreed"),
        Binding("l", "agree('later')", "Agreed later", show=False, id="agree.later"),
        Binding("u", "withdraw", "Undo", show=False, id="agree.undo"),
        Binding("A", "everyone", "Everyone", id="agree.everyone"),
        Binding("f", "full_screen", "Show large", id="agree.show-large"),
        Binding("m", "amend", "Change the code", show=False, id="agree.change-code"),
        Binding("ctrl+n", "next_step", "Next: Run", id="agree.next"),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with VerticalScroll(id="code-box", classes="reading"):
            yield Static(id="code", markup=False)
        yield Static("Everyone present agrees how the meeting will run. y agreed · "
                     "l agreed later · u undo · A everyone present agreed",
                     classes="hint", markup=False)
        yield FitTable(id="agreements")
        yield InFull("agreements")
        yield SaveStatus()
        yield SteadyFooter()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#agreements", FitTable).focus()

    @property
    def group(self) -> Group:
        return self.session.group()

    def _show(self, keep: str | None = None) -> None:
        conduct = self.group.current_conduct
        code = self.query_one("#code", Static)
        if conduct is None:
            code.update("This group has no code of conduct yet. Press m to write one with "
                        "the group.")
        else:
            points = "\n\n".join(f"•  {p}" for p in conduct.points())
            agreed = (f", agreed by the group on {short_date(conduct.agreed_on)}"
                      if conduct.agreed_on else ", not yet agreed by the group")
            code.update(f"Our code of conduct (version {conduct.version}{agreed})"
                        f"\n\n{points}")
        people = self.service.groups.people()
        present = [a for a in self.session.attendance() if a.present]
        self.query_one("#agreements", FitTable).show(
            (Col("Name", weight=1), Col("Code of conduct", weight=1)),
            [(a.person_id, [people[a.person_id].name if a.person_id in people else "Someone",
                            agreed_words(a.conduct_version, a.conduct_how,
                                         a.conduct_agreed_at)]) for a in present],
            keep=keep)
        if not present:
            self.notify("Nobody is marked present yet (F3 People).", timeout=6)

    def _person(self):
        person_id = self.query_one("#agreements", FitTable).current_key
        return self.service.groups.people().get(person_id) if person_id else None

    def action_agree(self, how: str) -> None:
        conduct = self.group.current_conduct
        person = self._person()
        if conduct is None or person is None:
            self.notify("There is no code of conduct, or nobody present, to agree.")
            return
        if self.save(self.session.agree_conduct, person.id, how) is not None:
            table = self.query_one("#agreements", FitTable)
            row = table.cursor_row
            self._show()
            table.move_cursor(row=min(row + 1, table.row_count - 1))

    def action_withdraw(self) -> None:
        person = self._person()
        if person is not None and self.save(self.session.withdraw_conduct,
                                            person.id) is not None:
            self._show(keep=person.id)

    def action_everyone(self) -> None:
        if self.group.current_conduct is None:
            return
        recorded = self.save(self.session.agree_everyone)
        self._show()
        if recorded:
            self.notify(f"Recorded {plural(recorded, 'agreement')}.")

    def action_full_screen(self) -> None:
        self.app.push_screen(ConductLarge(self.query_one("#code", Static).content))

    def action_amend(self) -> None:
        def amended(version: int | None) -> None:
            if version:
                self._show()
                self.notify(f"The code is now version {version}. People agree to it again.")

        session = self.session.session
        self.app.push_screen(AmendDialog(self.group.id, session.id, session.date), amended)


class ConductLarge(FormDialog[None]):
    """The code alone on the screen, spaced out, to read with the room."""

    BINDINGS = [Binding("escape,f,q", "cancel", "Close", id="agree.close-large")]
    AUTO_FOCUS = "*"  # the code itself, to scroll with the arrows (no box to type in)

    def __init__(self, text: object) -> None:
        super().__init__()
        self._text = str(text)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="large reading"):
            yield Static(self._text, id="large-code", markup=False)
            yield Static("Press Escape to go back.", classes="hint", markup=False)


class AmendDialog(FormDialog[int]):
    TITLE_TEXT = "Change the code of conduct with the group"
    SUBMIT_LABEL = "Save as a new version"

    def __init__(self, group_id: str, session_id: str | None = None,
                 day: str = "") -> None:
        super().__init__()
        self.group_id, self.session_id, self.day = group_id, session_id, day

    def fields(self) -> ComposeResult:
        group = self.service.groups.group(self.group_id)
        current = group.current_conduct
        yield label("The code, one point per line")
        yield text_area(current.text if current else self.coprod.wording.code_of_conduct,
                        id="text", height=12)
        yield label("What changed, and why (kept with the new version)")
        yield LineBox(id="note")
        yield label("The day the group agreed it (year-month-day; blank if not yet)")
        yield LineBox(self.day, id="agreed_on")
        yield Static("The earlier version is kept, with its date.", classes="hint",
                     markup=False)

    def submit(self) -> int:
        return self.service.groups.amend_conduct(
            self.group_id, self.value("text"), self.value("note"),
            agreed_on=self.value("agreed_on"), session_id=self.session_id).version
