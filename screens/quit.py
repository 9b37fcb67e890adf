"""The two questions asked before typed work is thrown away.

- ``QuitDialog``: quitting with something typed but not saved. Every screen and
  dialog says what it holds unsaved (``Saving.unsaved_text``); the app asks here,
  showing how each piece starts.
- ``DiscardDialog``: leaving a filled form or dialog (Escape, Home, another step)
  with something typed in it that was never entered.

Both keep the work unless the facilitator says otherwise: Escape goes back to it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from .widgets import FormScroll


class _Question(ModalScreen[bool]):
    """True: go on and lose it. False: stay with it (nothing is lost)."""

    CSS_PATH = "forms.tcss"
    AUTO_FOCUS = ""  # "Stay", as the question opens at its top (on_mount)
    QUESTION = ""
    HINT = ""
    STAY = ""
    LOSE = ""

    def __init__(self, lost: list[str]) -> None:
        super().__init__()
        self._lost = lost

    def compose(self) -> ComposeResult:
        with FormScroll(id="dialog", classes="quit"):
            yield Static(self.QUESTION, id="dialog-title", markup=False)
            yield Static(Text("\n".join(f"•  {line}" for line in self._lost)), id="unsaved")
            yield Static(self.HINT, classes="hint", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(self.STAY, id="stay", variant="primary", compact=True)
                yield Button(self.LOSE, id="quit", variant="error", compact=True)

    def on_mount(self) -> None:
        self.app.clear_notifications()  # the question, not old messages, on top
        self.query_one("#stay", Button).focus(scroll_visible=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "quit")

    def action_stay(self) -> None:
        self.dismiss(False)


class QuitDialog(_Question):
    """Ctrl+Q again quits."""

    ABOUT = ("Something typed here is not saved yet. Escape (or Enter on 'Stay') goes "
             "back to it; Ctrl+Q again quits and loses it.")
    BINDINGS = [Binding("escape", "stay", "Stay", id="quit.stay")]
    QUESTION = "Quit and lose what is not saved?"
    HINT = "Escape goes back to it. Ctrl+Q again quits and loses it."
    STAY = "Stay (Esc)"
    LOSE = "Quit and lose it (Ctrl+Q)"


class DiscardDialog(_Question):
    """d discards and goes on; Escape goes back to what was typed."""

    ABOUT = ("You are leaving something you typed but did not save. Escape (or Enter on "
             "'Keep it') goes back to it; d throws it away.")
    BINDINGS = [
        Binding("escape", "stay", "Keep it", id="discard.keep"),
        Binding("d", "discard", "Discard it", id="discard.discard"),
    ]
    STAY = "Keep it (Esc)"
    LOSE = "Discard it (d)"

    def __init__(self, lost: list[str], *, going: str = "close it") -> None:
        super().__init__(lost)
        self.QUESTION = f"Discard what you typed and {going}?"
        self.HINT = "Escape goes back to it. d throws it away."

    def action_discard(self) -> None:
        self.dismiss(True)
