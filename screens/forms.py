"""Small building blocks for forms and dialogs.

A dialog keeps what was typed when the core refuses it, and shows the reason
in words inside the dialog, so nothing has to be typed twice. Its change goes
through ``save`` (saving.py) like every other; Escape, Home and quitting ask
before throwing away what was typed or chosen in it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import (Button, Input, Label, Select, SelectionList, Static,
                             TextArea)

from coprod_tui.errors import CoprodError, SaveError, ValidationError
from coprod_tui.framework import Choice
from .base import OfOneSession, after_typing

from .commands import DialogCommands
from .saving import Saving, typed
from .widgets import FormScroll, LineBox, TickList

R = TypeVar("R")


def label(text: str) -> Label:
    return Label(text, classes="field-label", markup=False)


def input_row(cells: Iterable[tuple[str, str, str, str]]) -> Horizontal:
    """Short boxes side by side (date, start, end): (id, label, value, example)."""
    return Horizontal(*(Vertical(label(text), LineBox(value, id=key, placeholder=example),
                                 classes="cell")
                        for key, text, value, example in cells), classes="row")


def select(choices: Iterable[Choice], value: str | None, *, id: str,
           allow_blank: bool = False, prompt: str = "Choose") -> Select[str]:
    options = [(Text(c.label), c.key) for c in choices]
    return Select(options, value=value if value is not None else Select.NULL, id=id,
                  allow_blank=allow_blank, prompt=prompt)


def selection(choices: Iterable[Choice], chosen: Iterable[str], *, id: str
              ) -> SelectionList[str]:
    chosen = set(chosen)
    return TickList(*((Text(c.label), c.key, c.key in chosen) for c in choices), id=id)


def text_area(text: str, *, id: str, height: int = 4) -> TextArea:
    area = TextArea(text, id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
    area.styles.height = height
    return area


class FormDialog(Saving, ModalScreen[R], Generic[R]):
    """A modal form: Ctrl+S (or the button) saves, Escape cancels."""

    CSS_PATH = "forms.tcss"
    COMMANDS = {DialogCommands}
    #: The first box is focused as the dialog opens (on_mount), its title still in view.
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "submit", "Save", priority=True, id="dialog.save"),
    ]
    TITLE_TEXT = ""
    SUBMIT_LABEL = "Save"
    #: The id of the box to type in first (default: the first one).
    FIRST_FOCUS: str | None = None
    #: The box of a record's field whose id differs from the field's name (a refusal
    #: naming the field puts the cursor there).
    WIDGETS: ClassVar[dict[str, str]] = {}

    def compose(self) -> ComposeResult:
        with FormScroll(id="dialog"):
            yield Static(self.TITLE_TEXT, id="dialog-title", markup=False)
            yield Static("", id="dialog-error", markup=False)
            yield from self.fields()
            with Horizontal(id="dialog-buttons"):
                yield Button(f"{self.SUBMIT_LABEL} (Ctrl+S)", id="submit", variant="primary",
                             compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def fields(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        #: What each box and list held when the dialog opened (a change since is unsaved).
        self._opened_with = {box.id: _value_of(box) for box in self.query(_FIELDS) if box.id}
        # Start typing straight away in the first box.
        if self.FIRST_FOCUS:
            self.query_one(f"#{self.FIRST_FOCUS}").focus(scroll_visible=False)
            return
        for widget in self.query("Input, TextArea, Select, SelectionList, Checkbox"):
            if widget.focusable:
                widget.focus(scroll_visible=False)
                break

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "submit":
            self.action_submit()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        """Close without saving; if anything was typed or chosen, ask first."""
        lost = self.unsaved_text()
        if not lost:
            self.dismiss(None)
            return
        from .quit import DiscardDialog

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(DiscardDialog(lost, going="close this dialog"), answered)

    def action_submit(self) -> None:
        after_typing(self.app, self._submit_now)

    def _submit_now(self) -> None:
        result = self.save(self.submit)
        if result is not None:
            self.dismiss(result)

    def saving_done(self) -> None:
        """The dialog closes: the screen below says what was recorded."""

    def saving_refused(self, exc: CoprodError) -> None:
        if isinstance(exc, SaveError):
            self.show_error(f"Not saved: {exc}")
            return
        self.show_error(str(exc))
        field = getattr(exc, "field", None)
        if field is not None:
            for box in self.query(f"#{self.WIDGETS.get(field, field)}"):
                if box.focusable:
                    box.focus()

    def unsaved_text(self) -> list[str]:
        opened = getattr(self, "_opened_with", {})
        where = self.TITLE_TEXT or "A form"
        changed = [box for box in self.query(_FIELDS)
                   if box.id in opened and _value_of(box) != opened[box.id]]
        lines = [typed(where, box.value if isinstance(box, Input) else box.text)
                 for box in changed if isinstance(box, (Input, TextArea))]
        if len(lines) < len(changed):
            lines.append(f"{where}: {plural_choices(len(changed) - len(lines))} changed")
        return lines

    def submit(self) -> R:
        raise CoprodError("This form cannot be saved.")

    def show_error(self, message: str) -> None:
        error = self.query_one("#dialog-error", Static)
        error.update(message)
        error.add_class("shown")
        self.query_one("#dialog").scroll_home(animate=False)

    # -- reading fields ---------------------------------------------------------------

    def value(self, widget_id: str) -> Any:
        widget = self.query_one(f"#{widget_id}")
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, SelectionList):
            return list(widget.selected)
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        if isinstance(widget, Input):
            return widget.value
        raise TypeError(widget_id)


def whole_number(text: str, what: str, field: str | None = None) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValidationError(f"{what} must be a whole number.", field=field)
    return int(text)


#: The widgets a facilitator types in or chooses with.
_FIELDS = "Input, TextArea, Select, SelectionList, Checkbox"


def _value_of(box) -> object:
    if isinstance(box, TextArea):
        return box.text
    if isinstance(box, SelectionList):
        return sorted(map(str, box.selected))
    return box.value


def plural_choices(n: int) -> str:
    return "a choice" if n == 1 else f"{n} choices"


class SessionDialog(OfOneSession, FormDialog[R]):
    """A dialog about one session; ``self.session`` holds its verbs."""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
