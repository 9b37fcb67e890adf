"""Asked before something that cannot simply be undone: starting a session on a day
other than its own, closing it, deleting or moving it.

``ConfirmDialog(title, lines, choices)`` says what will happen in plain words and
offers each choice as a button (the first is focused: Enter takes it); Escape
cancels. It dismisses with the chosen button's id, or None.

A question can come up while someone is typing with their eyes on the room: Run
asks whether to start when Enter records the first idea. What is typed on is not
lost: the dialog keeps it, says so (quitting or going Home asks about it, as about
any typed text), and once it is answered hands it back to where the typing goes
(``typed_ahead.TypedOn``). An Enter that ends such typing, or was pressed before the
question was on screen, does not answer it; the next one does.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Static

from coprod_tui.text import safe_to_print

from .base import AppAccess
from .saving import typed
from .typed_ahead import KeyTypedAhead, TypedOn, again, joined, takes_text
from .widgets import FormScroll, SubmitsAtOnce

#: How much of what was typed on the question shows (its end: what Backspace takes).
SHOWN = 50

#: (id, label, variant) of one button.
Choice = tuple[str, str, str]


class TypedOnNote(Static):
    """What was typed on the question, said below its buttons: a long question scrolls
    to show all of it, each time it grows (once laid out, not before)."""

    def on_resize(self) -> None:
        if self.display:
            self.scroll_visible(animate=False)


class ConfirmDialog(AppAccess, ModalScreen[str | None]):
    CSS_PATH = "forms.tcss"
    AUTO_FOCUS = ""  # the first button, as the question opens at its top (on_mount)
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="confirm.cancel")]

    def __init__(self, title: str, lines: Sequence[str], choices: Sequence[Choice]) -> None:
        super().__init__()
        self._title = title
        self._lines = list(lines)
        self._choices = list(choices)
        #: Typed while the question was up, kept for the box below (if there is one):
        #: the entries an Enter ended, and what is typed since.
        self._entered: list[str] = []
        self._piece = ""
        #: Characters came since the question, or since the last Enter.
        self._typing = False
        self._typed_any = False
        #: The box it is kept for: focused below, or the one whose Enter asked.
        self._box: Widget | None = None
        self._answered = False

    def compose(self) -> ComposeResult:
        with FormScroll(id="dialog", classes="confirm"):
            yield Static(self._title, id="dialog-title", markup=False)
            yield Static(Text("\n\n".join(self._lines)), id="confirm-text")
            with Horizontal(id="dialog-buttons"):
                for key, label, variant in self._choices:
                    yield Button(label, id=key, variant=variant)  # type: ignore[arg-type]
                yield Button("Cancel (Esc)", id="cancel")
            yield TypedOnNote("", id="confirm-typed", markup=False)

    def on_mount(self) -> None:
        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 else None
        # The box focused below, or the one whose Enter asked (a Tab typed just after
        # that Enter may have moved the focus on already).
        if below is not None:
            self._box = below.focused if takes_text(below.focused) else next(
                (box for box in below.walk_children(Widget)
                 if isinstance(box, SubmitsAtOnce) and box.opened(self)), None)
        self.query(Button).first().focus(scroll_visible=False)

    def on_key(self, event: events.Key) -> None:
        if self._answered:  # typed after the answer, still on its way: for the screen below
            self._send_on(event)
        elif event.is_printable and event.character:
            self._keep(event.character)
        elif event.key == "backspace" and (self._piece or self._entered):
            self._piece = self._piece[:-1] if self._piece else self._entered.pop()
            self._typing = True  # (an Enter taken back: the next one ends typing again)
            self._say_typed()
        elif event.key == "enter" and (self._typing or isinstance(event, KeyTypedAhead)):
            # It ended the typing, or came before the question did: the next one answers.
            self._typing = False
            if self._piece.strip():  # an entry typed on, entered again once answered
                self._entered.append(self._piece)
                self._piece = ""
            self._say_typed(enter_held=True)
        elif event.key == "enter" and isinstance(self.focused, Button):
            # Answered here, at once, so that keys typed after it go on below.
            self._answer(self._choice(self.focused))
        elif event.key == "escape":  # likewise (the binding would run after those keys)
            self._answer(None)
        else:
            return
        event.stop()
        event.prevent_default()

    def on_descendant_focus(self) -> None:
        self._typing = False  # choosing among the buttons (Tab): Enter then answers

    def on_paste(self, event: events.Paste) -> None:
        if self._answered:
            self._send_on(event)
        else:
            self._keep(event.text)
        event.stop()
        event.prevent_default()

    def _send_on(self, event: events.Key | events.Paste) -> None:
        # Held by the app (the question is leaving) behind what was kept, then handed on.
        self.app.post_message(again(event))

    def _keep(self, text: str) -> None:
        self._typing = self._typed_any = True
        if self._box is not None:
            self._piece += text
        self._say_typed()

    @property
    def typed(self) -> str:
        """All that was typed on the question, one entry after another."""
        return joined((*self._entered, self._piece))

    def unsaved_text(self) -> list[str]:
        """What quitting, or going Home, asks about (``CoprodApp``)."""
        return [typed("Typed while a question was open", self.typed)] \
            if self.typed.strip() else []

    def _say_typed(self, *, enter_held: bool = False) -> None:
        said = self.query_one("#confirm-typed", Static)
        if self._box is not None:
            shown = safe_to_print(" ".join(self.typed.split()))
            if len(shown) > SHOWN:
                shown = "\u2026" + shown[1 - SHOWN:]
            words = (f"You typed \u201c{shown}\u201d while this question was open. It is "
                     "kept: it goes on where you were typing once you have answered."
                     ) if shown else ""
        else:
            words = "Typing goes nowhere while this question is open." \
                if self._typed_any else ""
        if enter_held:
            words += " Enter did not answer: read the question, then choose."
        said.update(words.strip())
        said.display = bool(words)
        if words:
            said.scroll_visible(animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._answer(self._choice(event.button))

    @staticmethod
    def _choice(button: Button) -> str | None:
        return None if button.id == "cancel" else button.id

    def action_cancel(self) -> None:
        self._answer(None)

    def _answer(self, choice: str | None) -> None:
        if self._answered:
            return
        self._answered = True
        self.dismiss(choice)
        if self.typed:
            # Held by the app until the screen below is shown and the answer has run
            # (pop_screen holds input), then handed to what has the focus by then: the
            # box it was typed for, or a screen the answer opened (a hand up's picker).
            # Cancelled, nothing is entered again: the question would only come back.
            self.coprod.hold_first(
                TypedOn(self._piece, tuple(self._entered), box=self._box)
                if choice is not None else TypedOn(self.typed, box=self._box))
