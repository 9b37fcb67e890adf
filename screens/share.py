"""Share: write the minutes, easy read minutes, You said We did, or a backup."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from coprod_tui.errors import CoprodError
from coprod_tui.exports.formats import FORMATS, export_data
from coprod_tui.paths import documents_dir

from .forms import label
from .journey import SaveStatus, StepScreen

DESCRIPTIONS = {
    "minutes": "Word minutes for everyone: names only of people who agreed to be named.",
    "easy-read": "Easy read minutes: short sentences, large clear text.",
    "you-said-we-did": "What people said, and what was done about it.",
    "json": "A backup of this session to keep or move to another computer "
            "(holds personal details: keep it safe).",
}


class ShareScreen(StepScreen):
    STEP = "share"
    CSS_PATH = ["journey.tcss", "share.tcss"]
    BINDINGS = [Binding("enter", "write", "Write file", show=False)]

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static("Choose what to write, then press Enter.", classes="hint",
                     markup=False)
        yield OptionList(*(Option(Text(f"{f.label} ({f.suffix})\n  {DESCRIPTIONS[f.key]}"),
                                  id=f.key) for f in FORMATS.values()), id="formats")
        yield label("Folder")
        yield Input(str(documents_dir()), id="folder")
        yield Static("", id="written", markup=False)
        yield SaveStatus()
        yield Footer()

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

    def write(self, fmt: str) -> None:
        self.query_one("#written", Static).update(f"Writing {FORMATS[fmt].label.lower()}…")
        # The session is read here, on the UI thread; the worker only renders and writes.
        data = self.app.store.snapshot(self.session_id)
        self._write(data, fmt, self.query_one("#folder", Input).value.strip())

    @work(thread=True, exclusive=True)
    def _write(self, data, fmt: str, folder: str) -> None:
        # Word files for a long session take a moment: keep the screen responsive.
        from pathlib import Path

        try:
            target = Path(folder).expanduser()
            target.mkdir(mode=0o700, parents=True, exist_ok=True)  # exports hold personal data
            path = export_data(data, fmt, target, wording=self.app.wording)
        except (CoprodError, OSError) as exc:
            message = str(exc) if isinstance(exc, CoprodError) else \
                f"Could not write to {folder}: {exc.strerror or exc}."
            self.app.call_from_thread(self._done, None, message)
            return
        self.app.call_from_thread(self._done, str(path), None)

    def _done(self, path: str | None, problem: str | None) -> None:
        written = self.query_one("#written", Static)
        if problem:
            written.update(f"Not written: {problem}")
            written.add_class("problem")
            return
        written.remove_class("problem")
        written.update(f"Written to:\n{path}\n\nChoose another format to write it too.")
        self.notify("The file is written.", timeout=4)
