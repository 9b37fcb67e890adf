"""Share: write the minutes, easy read minutes, You said We did, or a backup."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from coprod_tui.errors import CoprodError
from coprod_tui.exports.formats import FORMATS, export_session
from coprod_tui.paths import documents_dir

from .forms import label
from .journey import SaveStatus, StepScreen
from .widgets import LineBox, SteadyFooter

DESCRIPTIONS = {
    "minutes": "Word minutes for everyone: names only of people who agreed to be named.",
    "easy-read": "Easy read minutes: short sentences, large clear text.",
    "you-said-we-did": "What people said, and what was done about it.",
    "json": "A backup of this session to keep or move to another computer "
            "(holds personal details: keep it safe).",
}


class ShareScreen(StepScreen):
    """A document is written on a worker thread (a long session's minutes take a
    moment), which says how it went in a message; the screen keeps answering keys."""

    STEP = "share"
    CSS_PATH = ["journey.tcss", "share.tcss"]
    HELP_TITLE = "Share"
    ABOUT = (
        "Write the session down for the people who took part and the organisation. Up "
        "and Down choose what to write; Enter writes it into the folder shown (Tab moves "
        "to the folder, to change it). The full path of the file is shown when it is "
        "written. c checks the easy read before it is shared.\n\n"
        "The minutes and the easy read minutes name only people who agreed to be named; "
        "everyone else is described by their role. Support needs and contact details "
        "are never in them. The backup holds everything, personal details included: "
        "keep it safe.")
    BINDINGS = [Binding("enter", "write", "Write file", show=False, id="share.write"),
                Binding("c", "check", "Check the easy read", show=False, id="share.check")]

    @dataclass
    class Written(Message):
        """The file is written to ``path``, or it is not: ``problem`` says why."""

        path: str
        problem: str = ""
        #: Said after writing: the template's pictures that could not be used.
        notes: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static("Choose what to write, then press Enter.", classes="hint",
                     markup=False)
        yield OptionList(*(Option(Text(f"{f.label} ({f.suffix})\n  {DESCRIPTIONS[f.key]}"),
                                  id=f.key) for f in FORMATS.values()), id="formats")
        yield label("Folder")
        yield LineBox(str(documents_dir()), id="folder")
        yield Static("", id="written", markup=False)
        yield SaveStatus()
        yield SteadyFooter()

    def on_mount(self) -> None:
        formats = self.query_one("#formats", OptionList)
        formats.highlighted = 0
        formats.focus()

    @on(OptionList.OptionSelected, "#formats")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.write(event.option.id)

    def action_write(self) -> None:
        formats = self.query_one("#formats", OptionList)
        if formats.highlighted is not None:
            self.write(formats.get_option_at_index(formats.highlighted).id)

    def action_check(self) -> None:
        self.write("easy-read")

    def write(self, fmt: str, *, checked: bool = False) -> None:
        if fmt == "easy-read" and not checked:
            # The check before sharing: fix what is worth fixing, or share anyway.
            from .easy_read_check import EasyReadCheckScreen

            def shared(share: bool | None) -> None:
                if share:
                    self.write(fmt, checked=True)

            self.app.push_screen(EasyReadCheckScreen(self.session_id), shared)
            return
        self.query_one("#written", Static).update(f"Writing {FORMATS[fmt].label.lower()}…")
        self._write(fmt, self.query_one("#folder", Input).value.strip())

    @work(thread=True, exclusive=True, group="share")
    def _write(self, fmt: str, folder: str) -> None:
        from pathlib import Path

        try:
            target = Path(folder).expanduser()
            target.mkdir(mode=0o700, parents=True, exist_ok=True)  # exports hold personal data
            notes: list[str] = []
            path = export_session(self.service, self.session_id, fmt, target,
                                  wording=self.coprod.wording, problems=notes)
        except (CoprodError, OSError) as exc:
            message = str(exc) if isinstance(exc, CoprodError) else \
                f"Could not write to {folder}: {exc.strerror or exc}."
            self.post_message(self.Written("", message))
            return
        self.post_message(self.Written(str(path), notes=tuple(notes)))

    @on(Written)
    def _done(self, event: Written) -> None:
        written = self.query_one("#written", Static)
        if event.problem:
            written.update(f"Not written: {event.problem}")
            written.add_class("problem")
            return
        written.remove_class("problem")
        notes = "".join(f"\n{note}" for note in event.notes)
        written.update(f"Written to:\n{event.path}{notes}\n\nChoose another format to write "
                       "it too.")
        self.notify("The file is written.", timeout=4)
