"""Keys and text typed ahead of the screen they reach.

Someone typing with their eyes on the room goes on typing while a screen or a
question comes up. The app keeps those keys until the screen is shown
(``CoprodApp.hold_input``) and then sends them on as ``KeyTypedAhead``, so that a
question can tell an Enter pressed before it was on screen from an answer
(``screens/confirm.py``). Keys and pastes still waiting in a box when its Enter
opened a question go the same way (``widgets.SubmitsAtOnce``). What a question kept
is handed back as ``TypedOn`` once it is answered, to what has the focus then
(``hand_back``): after a space where it goes on from a word already in the box,
and each entry that an Enter ended entered again where that box records on Enter
(Run's box for ideas), unless the question was cancelled.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget


class KeyTypedAhead(events.Key):
    """A key typed before the screen it reaches was shown."""


class TypedOn(events.Paste):
    """Text typed while a question was open, handed back once it is answered: the
    entries an Enter ended (``entered``, to be entered again), then ``text``."""

    def __init__(self, text: str, entered: tuple[str, ...] = (), *,
                 box: Widget | None = None) -> None:
        super().__init__(text)
        self.entered = entered
        #: The box it was typed for (the focus may have moved on from it).
        self.box = box

    @property
    def all_of_it(self) -> str:
        return joined((*self.entered, self.text))


# Handled as any key or paste is (``on_key``, ``on_paste``, bindings): Textual names a
# message's handler after its own class.
KeyTypedAhead.handler_name = events.Key.handler_name
TypedOn.handler_name = events.Paste.handler_name


def joined(pieces: tuple[str, ...] | list[str]) -> str:
    """Entries typed one after another, as one line of text."""
    return " ".join(piece for piece in pieces if piece.strip())


def again(event: events.Key | events.Paste) -> events.Key | events.Paste:
    """The same key or paste, to be handed on anew (a key as one typed ahead); a
    question's ``TypedOn`` as it is, with its entries."""
    if isinstance(event, events.Key):
        return KeyTypedAhead(event.key, event.character)
    return event if isinstance(event, TypedOn) else events.Paste(event.text)


def takes_text(widget: Widget | None) -> bool:
    """Is ``widget`` a box that can be typed into now?"""
    from textual.widgets import Input, TextArea

    return isinstance(widget, (Input, TextArea)) and not widget.disabled \
        and not getattr(widget, "read_only", False)


def going_on(focused: Widget | None, text: str) -> str:
    """``text``, after a space if it would otherwise run on from the word before the
    cursor of the box that takes it."""
    from textual.widgets import Input, TextArea

    if isinstance(focused, Input):
        before = focused.value[:focused.cursor_position]
    elif isinstance(focused, TextArea):
        row, column = focused.cursor_location
        before = focused.document.get_line(row)[:column]
    else:
        return text
    return " " + text if before[-1:].strip() and text[:1].strip() else text


def hand_back(focused: Widget | None, typed: TypedOn) -> bool:
    """Put what a question kept into the box it was typed for, if that is still on top,
    or else into ``focused`` (a screen the answer opened), in order, ahead of any key
    typed after it; False (nothing done) if neither is a box to type into."""
    from .widgets import SubmitsAtOnce

    box = typed.box
    if box is not None and box is not focused and takes_text(box) and box.is_attached \
            and box.screen is box.app.screen:
        # Still on top, but a Tab typed on moved the focus on: back to the box.
        box.focus()
        focused = box
    if not takes_text(focused):
        return False
    assert focused is not None
    pieces = [*typed.entered, typed.text]
    if not (isinstance(focused, SubmitsAtOnce) and focused.records_on_enter):
        pieces = [typed.all_of_it]
    for n, piece in enumerate(pieces):
        if piece:  # (after the first, the box was emptied by the Enter before it)
            focused._forward_event(events.Paste(going_on(focused, piece) if n == 0 else piece))
        if n < len(pieces) - 1:  # entered again: recorded, the box emptied for the next
            focused._forward_event(KeyTypedAhead("enter", "\r"))
    return True
