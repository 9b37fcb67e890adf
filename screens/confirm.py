"""Asked before something that cannot simply be undone: starting a session on a day
other than its own, closing it, deleting or moving it.

``ConfirmDialog(title, lines, choices)`` says what will happen in plain words and
offers each choice as a button (the first is focused: Enter takes it); Escape
cancels. It dismisses with the chosen button's id, or None.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from .widgets import FormScroll

#: (id, label, variant) of one button.
Choice = tuple[str, str, str]


class ConfirmDialog(ModalScreen[str | None]):
    CSS_PATH = "forms.tcss"
    AUTO_FOCUS = ""  # the first button, as the question opens at its top (on_mount)
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="confirm.cancel")]

    def __init__(self, title: str, lines: Sequence[str], choices: Sequence[Choice]) -> None:
        super().__init__()
        self._title = title
        self._lines = list(lines)
        self._choices = list(choices)

    def compose(self) -> ComposeResult:
        with FormScroll(id="dialog", classes="confirm"):
            yield Static(self._title, id="dialog-title", markup=False)
            yield Static(Text("\n\n".join(self._lines)), id="confirm-text")
            with Horizontal(id="dialog-buttons"):
                for key, label, variant in self._choices:
                    yield Button(label, id=key, variant=variant)  # type: ignore[arg-type]
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query(Button).first().focus(scroll_visible=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
