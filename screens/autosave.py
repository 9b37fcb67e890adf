"""Saving form fields as they are typed: shortly after the last key, and on leaving.

A value the core refuses (a date like 14/3) stays in its box, marked, with the
reason shown; everything else on the screen is still saved.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.timer import Timer
from textual.widgets import Input, Select, SelectionList, Static, TextArea

from coprod_tui.errors import CoprodError, SaveError

from .journey import StepScreen

#: Typed fields are saved this long after the last key (and at once on leaving them).
SAVE_DELAY = 0.4
#: A save the disk refused is tried again this often (and on leaving the box, and on quitting).
RETRY_DELAY = 5.0


class FormStepScreen(StepScreen):
    """A step whose form saves itself: list widget ids in AUTOSAVE, implement store_field."""

    AUTOSAVE: ClassVar[frozenset[str]] = frozenset()

    def store_field(self, field: str, value: object) -> bool:
        """Save one field through the core; True if anything was written."""
        raise CoprodError("This screen cannot save that field.")

    def __init__(self, session_id: str) -> None:
        super().__init__(session_id)
        #: Fields typed but not yet saved, each with the timer that will save it.
        self._autosave_timers: dict[str, Timer] = {}
        #: Fields the disk refused (said once; retried until they are saved).
        self._refused_saves: set[str] = set()

    def _pending_saves(self) -> dict[str, Timer]:
        return self._autosave_timers

    def has_unsaved(self) -> bool:
        return bool(self._refused_saves)

    @on(Input.Changed)
    def _autosave_typed(self, event: Input.Changed) -> None:
        if event.input.id in self.AUTOSAVE:
            self._save_later(event.input.id)

    @on(TextArea.Changed)
    def _autosave_typed_long(self, event: TextArea.Changed) -> None:
        if event.text_area.id in self.AUTOSAVE:
            self._save_later(event.text_area.id)

    @on(events.DescendantBlur)
    def _autosave_left(self, event: events.DescendantBlur) -> None:
        if event.widget.id in self._pending_saves():
            self.save_now(event.widget.id)

    @on(Select.Changed)
    def _autosave_chosen(self, event: Select.Changed) -> None:
        if event.select.id in self.AUTOSAVE and event.value is not Select.NULL:
            self.save_now(event.select.id)

    @on(SelectionList.SelectedChanged)
    def _autosave_ticked(self, event: SelectionList.SelectedChanged) -> None:
        if event.selection_list.id in self.AUTOSAVE:
            self.save_now(event.selection_list.id)

    def _save_later(self, field: str, delay: float = SAVE_DELAY) -> None:
        timers = self._pending_saves()
        if field in timers:
            timers[field].stop()
        timers[field] = self.set_timer(delay, lambda: self.save_now(field))

    def flush_saves(self) -> None:
        for field in list(self._pending_saves()):
            self.save_now(field)

    def save_now(self, field: str) -> None:
        timer = self._pending_saves().pop(field, None)
        if timer is not None:
            timer.stop()
        widget = self.query_one(f"#{field}")
        if isinstance(widget, TextArea):
            value: object = widget.text
        elif isinstance(widget, SelectionList):
            value = list(widget.selected)
        else:
            value = widget.value
        try:
            written = self.store_field(field, value)
        except SaveError as exc:
            self._save_status("failed", str(exc))
            if field not in self._refused_saves:  # said once, not at every retry
                self._refused_saves.add(field)
                self.notify(str(exc), title="Not saved", severity="error", timeout=30,
                            markup=False)
            # Still to be saved: kept pending, so it is tried again, never dropped.
            self._save_later(field, RETRY_DELAY)
            return
        except CoprodError as exc:
            widget.add_class("-invalid")
            self._field_problem(f"Not saved yet: {exc}")
            self._save_status("failed", f"{exc} (everything else is saved)")
            return
        self._refused_saves.discard(field)
        widget.remove_class("-invalid")
        if not self.query(".-invalid"):
            self._field_problem("")
        if written:
            self._save_status("saved")

    def _field_problem(self, message: str) -> None:
        for box in self.query("#field-error"):
            if isinstance(box, Static):
                box.update(message)
