"""Asked once on quitting when something typed is not saved: stay, or quit and lose it.

Every screen and dialog says what it holds unsaved (``Saving.unsaved_text``);
the app asks here, showing how each piece starts, before throwing any of it away.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class QuitDialog(ModalScreen[bool]):
    """True: quit and lose it. False: stay (nothing is lost). Ctrl+Q again quits."""

    CSS_PATH = "forms.tcss"
    BINDINGS = [Binding("escape", "stay", "Stay", id="quit.stay")]

    def __init__(self, lost: list[str]) -> None:
        super().__init__()
        self._lost = lost

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="quit"):
            yield Static("Quit and lose what is not saved?", id="dialog-title", markup=False)
            yield Static(Text("\n".join(f"•  {line}" for line in self._lost)), id="unsaved")
            yield Static("Escape goes back to it. Ctrl+Q again quits and loses it.",
                         classes="hint", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button("Stay (Esc)", id="stay", variant="primary")
                yield Button("Quit and lose it (Ctrl+Q)", id="quit", variant="error")

    def on_mount(self) -> None:
        self.app.clear_notifications()  # the question, not old messages, on top
        self.query_one("#stay", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "quit")

    def action_stay(self) -> None:
        self.dismiss(False)
