"""A checklist (pre-involvement or involvement): Space ticks, n adds a note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from coprod_tui.service import SessionService

from .base import AppAccess
from .forms import FormDialog, label
from .widgets import TICKED, UNTICKED, Col, FitTable, LineBox

COLUMNS = (Col("Done", 4), Col("Item", weight=3, wrap=True), Col("Note", weight=2, wrap=True))

TITLES = {"pre": "Before involving people (planning checklist)",
          "involvement": "While involving people (involvement checklist)"}


class ChecklistTable(AppAccess, FitTable):
    """The items of one checklist of a session, each with its tick ([x] or [ ]) and
    note, wrapped so no word is cut off."""

    HELP_WHERE = "In a checklist"
    BINDINGS = [
        Binding("space", "tick", "Tick / untick", id="checklist.tick"),
        Binding("n", "note", "Note", id="checklist.note"),
    ]

    def __init__(self, session_id: str, checklist: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session_id, self.checklist = session_id, checklist

    @property
    def session(self) -> SessionService:
        return self.service.session(self.session_id)

    def items(self):
        return self.coprod.wording.checklist(self.checklist)

    def on_mount(self) -> None:
        self.fill()

    def fill(self) -> None:
        state = self.session.session.checklists.get(self.checklist, {})
        rows = []
        for item in self.items():
            tick = state.get(item.key)
            rows.append((item.key, [TICKED if tick and tick.ticked else UNTICKED, item.label,
                                    tick.note if tick else ""]))
        self.show(COLUMNS, rows)

    def _current(self):
        if not self.row_count:
            return None, None
        key = self.items()[self.cursor_row].key
        return key, self.session.session.checklists.get(self.checklist, {}).get(key)

    def _save(self, key: str, ticked: bool, note: str) -> None:
        if self.screen.save(self.session.tick, self.checklist, key, ticked, note) is not None:
            self.fill()

    def action_tick(self) -> None:
        key, tick = self._current()
        if key is not None:
            self._save(key, not (tick and tick.ticked), tick.note if tick else "")

    def action_note(self) -> None:
        key, tick = self._current()
        if key is None:
            return

        def noted(note: str | None) -> None:
            if note is not None:
                self._save(key, bool(tick and tick.ticked), note)

        item = self.items()[self.cursor_row]
        self.app.push_screen(NoteDialog(item.label, tick.note if tick else ""), noted)


class NoteDialog(FormDialog[str]):
    TITLE_TEXT = "A note on this checklist item"
    ABOUT = ("A short note beside a checklist item: what was done, or what is still to "
             "do. Enter or Ctrl+S saves it; Escape closes without saving (asking first if "
             "you typed).")
    FIRST_FOCUS = "note"

    def __init__(self, item: str, note: str) -> None:
        super().__init__()
        self._item, self._note = item, note

    def fields(self) -> ComposeResult:
        yield label(self._item)
        yield LineBox(self._note, id="note")

    def on_input_submitted(self) -> None:
        self.action_submit()

    def submit(self) -> str:
        return self.value("note")
