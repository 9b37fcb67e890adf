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
from .saving import typed

#: Typed fields are saved this long after the last key (and at once on leaving them);
#: meanwhile the status says they are not saved yet. Not shorter: each save rewrites
#: and fsyncs the session file, which on a slow USB stick takes long enough that
#: saving at every key of a slow typist would make typing lag.
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
        #: The field being saved now (its refusals are shown beside it).
        self._saving_field: str | None = None
        #: Fields typed but not yet saved, each with the timer that will save it.
        self._autosave_timers: dict[str, Timer] = {}
        #: Fields the disk refused (said once; retried until they are saved).
        self._refused_saves: set[str] = set()
        #: Each field's value as last saved (or as it opened): the status says "not
        #: saved yet" only while a field differs from it (None until mounted).
        self._last_saved: dict[str, object] | None = None

    def _on_mount(self) -> None:
        # What the fields show as the screen opens is what the disk has.
        self._last_saved = {field: _value_of(widget) for field in self.AUTOSAVE
                            for widget in self.query(f"#{field}")}

    def _pending_saves(self) -> dict[str, Timer]:
        return self._autosave_timers

    def has_unsaved(self) -> bool:
        return bool(self._refused_saves)

    @on(Input.Changed)
    def _autosave_typed(self, event: Input.Changed) -> None:
        if event.input.id in self.AUTOSAVE:
            self._save_later(event.input.id)
            self._say_if_waiting()

    @on(TextArea.Changed)
    def _autosave_typed_long(self, event: TextArea.Changed) -> None:
        if event.text_area.id in self.AUTOSAVE:
            self._save_later(event.text_area.id)
            self._say_if_waiting()

    def _waiting(self) -> bool:
        """True while a field waiting to be saved differs from what the disk has (a
        kill -9 now would lose it)."""
        if self._last_saved is None:  # not open yet: nothing typed
            return False
        return any(field not in self._last_saved
                   or _value_of(self.query_one(f"#{field}")) != self._last_saved[field]
                   for field in self._pending_saves())

    def _say_if_waiting(self) -> None:
        # A refusal already on show says more, and stays.
        if not self._refused_saves:
            self.save_status("waiting" if self._waiting() else "settled")

    def save_status(self, how: str, message: str = "") -> None:
        if how == "saved" and self._waiting():
            how = "waiting"  # one field saved, another still waiting: not all saved
        super().save_status(how, message)

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
        value = _value_of(widget)
        self._saving_field = field
        try:
            written = self.save(self.store_field, field, value)
        finally:
            self._saving_field = None
        if written is None:
            if isinstance(self.refusal, SaveError):
                self._refused_saves.add(field)
                # Still to be saved: kept pending, so it is tried again, never dropped.
                self._save_later(field, RETRY_DELAY)
            return
        self._refused_saves.discard(field)
        if self._last_saved is not None:
            self._last_saved[field] = value
        widget.remove_class("-invalid")
        if not self.query(".-invalid"):
            self._field_problem("")
        if written:
            self.save_status("saved")
        elif not self._waiting():
            self.save_status("settled")  # nothing changed after all

    def saving_done(self) -> None:
        if self._saving_field is None:  # a field says "saved" only if it wrote anything
            super().saving_done()

    def saving_refused(self, exc: CoprodError) -> None:
        field = self._saving_field
        if field is None or isinstance(exc, SaveError):
            super().saving_refused(exc)  # the disk: said once, retried until saved
            return
        # A value the core will not take (a date like 14/3): marked where it was typed.
        self.query_one(f"#{field}").add_class("-invalid")
        self._field_problem(f"Not saved yet: {exc}")
        self.save_status("failed", f"{exc} (everything else is saved)")

    def unsaved_text(self) -> list[str]:
        """Fields the disk refused, and values the core would not take."""
        fields = set(self._refused_saves)
        fields |= {w.id for w in self.query(".-invalid") if w.id in self.AUTOSAVE}
        values = [_value_of(self.query_one(f"#{field}")) for field in sorted(fields)]
        return [typed("Typed on this step", ", ".join(map(str, v)) if isinstance(v, list)
                      else str(v)) for v in values]

    def _field_problem(self, message: str) -> None:
        for box in self.query("#field-error"):
            if isinstance(box, Static):
                box.update(message)


def _value_of(widget) -> object:
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, SelectionList):
        return list(widget.selected)
    return widget.value
