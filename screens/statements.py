"""The 8 'I' statements check: each question answered yes / partly / no, with evidence.

One statement per page (PgUp / PgDn). coprod suggests evidence from what the
session already holds; Ctrl+G puts that suggestion in the evidence box. A
statement answered 'no' asks what will change before it is saved.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Select, Static, TextArea

from coprod_tui import framework as fw
from coprod_tui.errors import CoprodError, SaveError
from coprod_tui.report import suggested_evidence

from .base import after_typing
from .commands import SessionPartCommands
from .forms import label, text_area
from .journey import SaveStatus, SessionScreen
from .saving import typed
from .widgets import SteadyFooter

ANSWERS = [(c.label, c.key) for c in fw.AUDIT_ANSWERS]


class StatementsScreen(SessionScreen):
    CSS_PATH = ["journey.tcss", "statements.tcss"]
    COMMANDS = {SessionPartCommands}
    HELP_TITLE = "'I' statements check"
    ABOUT = (
        "Check the session against the 8 'I' statements, one statement a page. Answer "
        "each question yes, partly or no (Enter opens the choices), and say what shows "
        "it in the evidence box. coprod suggests evidence from what the session holds: "
        "Ctrl+G puts the suggestion in the box, to keep or change. If an answer is no, "
        "say what will change.\n\n"
        "PgDn and PgUp move to the next or previous statement and save this one; Ctrl+S "
        "saves without moving; Escape saves and goes back to Close.")
    BINDINGS = [
        Binding("escape", "leave", "Back", id="statements.back"),
        Binding("ctrl+s", "save", "Save", priority=True, id="statements.save"),
        Binding("pagedown", "turn(1)", "Next statement", priority=True, id="statements.next"),
        Binding("pageup", "turn(-1)", "Previous", show=False, priority=True,
                id="statements.previous"),
        Binding("ctrl+g", "use_suggestion", "Use suggestion", show=False, priority=True,
                id="statements.use-suggestion"),
    ]

    def __init__(self, session_id: str, number: int = 1) -> None:
        super().__init__(session_id)
        self.number = number

    def _saved(self):
        return next((a for a in self.session.audit() if a.statement == self.number), None)

    def compose(self) -> ComposeResult:
        n = self.number
        questions = self.coprod.wording.statement_questions[n - 1]
        saved = self._saved()
        answers = list(saved.answers) if saved else []
        yield Static(f"'I' statement {n} of {len(fw.I_STATEMENTS)}: "
                     f"{fw.I_STATEMENTS[n - 1]}", id="statement", markup=False)
        yield Static(self._progress(), id="progress", markup=False)
        with VerticalScroll(id="form", classes="reading"):
            for i, question in enumerate(questions):
                yield label(question)
                given = answers[i] if i < len(answers) else ""
                yield Select(ANSWERS, value=given or Select.NULL, id=f"q{i}",
                             prompt="Not answered")
            yield label("Evidence")
            self._suggestion = suggested_evidence(self.session.snapshot(),
                                                  self.coprod.wording)[n]
            yield Static(Text("Suggested from this session (Ctrl+G to use it): "
                              + self._suggestion), id="suggestion", classes="hint")
            yield text_area(saved.evidence if saved else "", id="evidence", height=4)
            yield label("If any answer is no: what will change")
            yield text_area(saved.will_change if saved else "", id="will_change", height=3)
            yield Static("", id="problem", markup=False)
        yield SaveStatus()
        yield SteadyFooter()

    def on_mount(self) -> None:
        if self._session_closed:
            # The record of a closed session: shown as it was, not changed here.
            for widget in self.query("Select, TextArea"):
                widget.disabled = True
            self.query_one("#problem", Static).update(
                "This session is closed: its check is shown as it was. PgUp/PgDn to read "
                "the others, Escape to go back.")
            return
        self.query_one("#q0").focus()

    @property
    def _session_closed(self) -> bool:
        return self.session.session.status == "closed"
    def _progress(self) -> str:
        checked = sorted(a.statement for a in self.session.audit())
        return ("Checked so far: " + (", ".join(map(str, checked)) or "none")
                + ". PgDn next, PgUp previous, Ctrl+S save.")

    def _answers(self) -> list[str]:
        count = len(self.coprod.wording.statement_questions[self.number - 1])
        values = [self.query_one(f"#q{i}", Select).value for i in range(count)]
        return ["" if v is Select.NULL else str(v) for v in values]

    def _typed(self) -> bool:
        if self._session_closed:
            return False  # nothing here can be changed, so nothing is waiting to be saved
        return any(self._answers()) or bool(self.query_one("#evidence", TextArea).text.strip())

    def action_save(self) -> None:
        after_typing(self.app, self.save_answers)

    def save_answers(self) -> bool:
        return self.save(self.session.set_audit, self.number, self._answers(),
                         self.query_one("#evidence", TextArea).text,
                         self.query_one("#will_change", TextArea).text) is not None

    def saving_done(self) -> None:
        self.query_one("#problem", Static).update("")
        self.query_one("#progress", Static).update(self._progress())
        super().saving_done()

    def saving_refused(self, exc: CoprodError) -> None:
        self.query_one("#problem", Static).update(str(exc))
        if getattr(exc, "field", None) == "will_change":
            self.query_one("#will_change").focus()
        if isinstance(exc, SaveError):
            super().saving_refused(exc)

    def unsaved_text(self) -> list[str]:
        saved = self._saved()
        evidence = self.query_one("#evidence", TextArea).text
        will_change = self.query_one("#will_change", TextArea).text
        if not self._typed() or (saved is not None and (
                list(saved.answers), saved.evidence, saved.will_change)
                == (self._answers(), evidence, will_change)):
            return []
        where = f"'I' statement {self.number}"
        return [typed(where, evidence or will_change or "answers chosen")]

    def action_turn(self, step: int) -> None:
        after_typing(self.app, self._turn, step)

    async def _turn(self, step: int) -> None:
        target = self.number + step
        if not 1 <= target <= len(fw.I_STATEMENTS):
            self.notify("That was the last statement." if step > 0 else
                        "This is the first statement.")
            return
        if self._typed() and not self.save_answers():
            return  # stay, with the reason shown, until it can be saved
        self.number = target
        await self.recompose()
        self.on_mount()

    def action_use_suggestion(self) -> None:
        box = self.query_one("#evidence", TextArea)
        suggestion = self._suggestion
        box.text = (box.text.rstrip() + "\n" + suggestion).strip() if box.text.strip() \
            else suggestion
        box.focus()

    def action_leave(self) -> None:
        if self._typed() and not self.save_answers():
            return
        self.app.pop_screen()

    @on(Select.Changed)
    def _answered(self, event: Select.Changed) -> None:
        if event.value == "no":
            self.query_one("#problem", Static).update(
                "You answered no: say below what will change.")
        self._say_if_waiting()

    @on(TextArea.Changed)
    def _say_if_waiting(self) -> None:
        # This page is saved by a key, not as it is typed: until then, say so.
        if self.unsaved_text():
            self.save_status("waiting", "Not saved yet: Ctrl+S saves this statement "
                                        "(so do PgDn, PgUp and Escape).")
        else:
            self.save_status("settled")
