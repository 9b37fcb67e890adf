"""Asked before something that cannot simply be undone: starting a session on a day
other than its own, closing it, deleting or moving it.

``ConfirmDialog(title, lines, choices)`` says what will happen in plain words and
offers each choice as a button (the first is focused: Enter takes it); Escape
cancels. It dismisses with the chosen button's id, or None.

A question can come up while someone is typing with their eyes on the room: Run
asks whether to start when Enter records the first idea. What is typed on is not
lost: the dialog keeps it, says so, and once it is answered the app pastes it where
the typing was going (it arrives held until the screen below is shown, as keys
typed during any change of screen do: ``CoprodApp.hold_input``). The Enter that
ends such typing does not answer the question; the next one does.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea

from coprod_tui.text import one_line

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
        #: Typed while the question was up (kept for the box below, if there is one).
        self.typed = ""
        #: Characters came since the question, or since the last Enter.
        self._typing = False
        self._box_below = False

    def compose(self) -> ComposeResult:
        with FormScroll(id="dialog", classes="confirm"):
            yield Static(self._title, id="dialog-title", markup=False)
            yield Static(Text("\n\n".join(self._lines)), id="confirm-text")
            with Horizontal(id="dialog-buttons"):
                for key, label, variant in self._choices:
                    yield Button(label, id=key, variant=variant)  # type: ignore[arg-type]
                yield Button("Cancel (Esc)", id="cancel")
            yield Static("", id="confirm-typed", markup=False)

    def on_mount(self) -> None:
        self.query_one("#confirm-typed").display = False
        stack = self.app.screen_stack
        below = stack[-2].focused if len(stack) > 1 else None
        self._box_below = isinstance(below, (Input, TextArea)) and not below.disabled \
            and not getattr(below, "read_only", False)
        #: What that box held as the question came up (what it asked about).
        self._box_text = below.text if isinstance(below, TextArea) else \
            below.value if isinstance(below, Input) else ""
        self.query(Button).first().focus(scroll_visible=False)

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character:
            self._keep(event.character)
        elif event.key == "backspace" and self.typed:
            self.typed = self.typed[:-1]
            self._say_typed()
        elif event.key == "enter" and self._typing:
            self._typing = False  # it ended the typing: the next Enter answers
            self._say_typed(enter_held=True)
        else:
            return
        event.stop()
        event.prevent_default()

    def on_paste(self, event: events.Paste) -> None:
        self._keep(event.text)
        event.stop()
        event.prevent_default()

    def _keep(self, text: str) -> None:
        self._typing = True
        if self._box_below:
            self.typed += text
        self._say_typed()

    def _say_typed(self, *, enter_held: bool = False) -> None:
        said = self.query_one("#confirm-typed", Static)
        if self._box_below:
            words = (f"You typed \u201c{one_line(self.typed, 50)}\u201d while this question "
                     "was open. It is kept: it goes on where you were typing once you "
                     "have answered.") if self.typed else ""
        else:
            words = "Typing goes nowhere while this question is open."
        if enter_held:
            words += " Enter did not answer: read the question, then choose."
        said.update(words.strip())
        said.display = bool(words)
        if words:  # below the buttons: a long question scrolls to show it
            said.scroll_visible(animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._answer(None if event.button.id == "cancel" else event.button.id)

    def action_cancel(self) -> None:
        self._answer(None)

    def _answer(self, choice: str | None) -> None:
        self.dismiss(choice)
        typed = self.typed
        if typed and choice is None and self._box_text[-1:].strip():
            typed = " " + typed  # cancelled: it follows what the box still holds
        if typed:
            # Held by the app until the screen below is shown and the answer has run
            # (pop_screen holds input), then pasted into what has the focus by then: the
            # box it was typed for, or a screen the answer opened (a hand up's picker).
            self.app.post_message(events.Paste(typed))
