"""The check before sharing an easy read (``exports/easy_read_check.py``), on screen.

Each thing worth fixing is one line: Enter on an idea, decision or job opens its
plain-words dialog, Enter on a glossary word opens that word; the check runs
again afterwards. Ctrl+S shares anyway: the check advises, it never refuses.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from coprod_tui.errors import CoprodError
from coprod_tui.exports.easy_read_check import Finding, check_easy_read
from coprod_tui.words import counted

from .saving import Saving
from .widgets import SteadyFooter

_MARK = {"no-plain": "Plain words", "long": "Long sentence", "jargon": "Jargon",
         "glossary": "Glossary", "picture": "Picture"}


class EasyReadCheckScreen(Saving, ModalScreen[bool]):
    """Dismissed with True to share the easy read, False to go back without it."""

    CSS_PATH = "easy_read_check.tcss"
    HELP_TITLE = "Before you share the easy read"
    ABOUT = (
        "What to look at before the easy read is shared: records with no plain words, "
        "long sentences, jargon, words for the glossary, pictures. Enter on one says "
        "what to do. Ctrl+S shares it anyway; Ctrl+G opens the glossary; Escape goes "
        "back.")
    BINDINGS = [
        Binding("ctrl+s", "share", "Share", priority=True, id="check.share"),
        Binding("ctrl+g", "glossary", "Glossary", id="check.glossary"),
        Binding("escape", "back", "Back", id="check.back"),
    ]

    @dataclass
    class Checked(Message):
        findings: list[Finding]
        problem: str = ""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.findings: list[Finding] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="check"):
            yield Static("Before you share the easy read", id="check-title", markup=False)
            yield Static("Checking…", id="check-summary", markup=False)
            yield OptionList(id="findings")
            yield Static("", id="check-hint", classes="hint", markup=False)
            with Horizontal(id="check-buttons"):
                yield Button("Share anyway (Ctrl+S)", id="share", variant="primary")
                yield Button("Back (Esc)", id="back")
        yield SteadyFooter()

    def on_screen_resume(self) -> None:
        # First shown, or back from fixing something: check (again).
        self.run_check()

    @work(thread=True, exclusive=True, group="easy-read-check")
    def run_check(self) -> None:
        try:
            data = self.service.snapshot(self.session_id)
            findings = check_easy_read(data, self.coprod.wording)
        except CoprodError as exc:
            self.post_message(self.Checked([], str(exc)))
            return
        self.post_message(self.Checked(findings))

    @on(Checked)
    def _checked(self, event: Checked) -> None:
        self.findings = event.findings
        summary = self.query_one("#check-summary", Static)
        listing = self.query_one("#findings", OptionList)
        listing.clear_options()
        share = self.query_one("#share", Button)
        if event.problem:
            summary.update(f"The check could not run: {event.problem}")
            return
        listing.display = bool(self.findings)
        self.query_one("#check-hint", Static).update(
            ("Enter fixes the one chosen. Ctrl+S shares it as it is. " if self.findings
             else "Enter or Ctrl+S shares it. ")
            + "Ctrl+G opens the group's glossary. Escape goes back.")
        if not self.findings:
            summary.update("Nothing to fix: the easy read is ready to share.")
            share.label = "Share (Ctrl+S)"
            share.focus()
            return
        share.label = "Share anyway (Ctrl+S)"
        summary.update(f"{counted(len(self.findings), 'thing', 'is')} worth fixing first. "
                       "Fix what you choose, or share it as it is.")
        listing.add_options(Option(Text(f"{_MARK[f.kind]}: {f.text}"), id=str(n))
                            for n, f in enumerate(self.findings))
        listing.highlighted = 0
        listing.focus()

    @on(OptionList.OptionSelected, "#findings")
    def _fix(self, event: OptionList.OptionSelected) -> None:
        finding = self.findings[int(event.option.id or 0)]
        if finding.record is not None:
            from .plain_words import PlainWordsDialog, item_for

            kind, record_id = finding.record
            try:
                item = item_for(self.service.snapshot(self.session_id), self.coprod.wording,
                                kind, record_id)
            except CoprodError as exc:
                self.notify(str(exc), severity="warning", markup=False)
                self.run_check()
                return
            self.app.push_screen(PlainWordsDialog(self.session_id, [item]))
        elif finding.word:
            self._open_word(finding.word)
        elif finding.kind == "picture":
            self.notify("Add the picture to the template's pictures folder, or share the "
                        "easy read with coprod's own picture.", timeout=8)
        else:
            self.notify("This is changed where it was typed (the Plan step, or the "
                        "template); or share it as it is.", timeout=8)

    def _open_word(self, word: str) -> None:
        from coprod_tui.model import GlossaryWord

        from .glossary import GlossaryWordDialog

        group = self.service.session(self.session_id).group()
        key = GlossaryWord(word=word).key
        own = next((g for g in group.glossary if g.key == key), None)
        entry = own or next((g for g in self.coprod.wording.glossary if g.key == key),
                            GlossaryWord(word=word))
        self.app.push_screen(GlossaryWordDialog(group.id, entry, own=own is not None))

    def action_glossary(self) -> None:
        from .glossary import GlossaryScreen

        group = self.service.session(self.session_id).group()
        self.app.push_screen(GlossaryScreen(group.id))

    @on(Button.Pressed, "#share")
    def action_share(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss(False)
