"""Keys and text typed ahead of the screen they reach.

Someone typing with their eyes on the room goes on typing while a screen or a
question comes up. The app keeps those keys until the screen is shown
(``CoprodApp.hold_input``) and then sends them on as ``KeyTypedAhead``, so that a
question can tell an Enter pressed before it was on screen from an answer
(``screens/confirm.py``). Keys still waiting in a box when its Enter opened a
question go the same way (``widgets.SubmitsAtOnce``). What a question kept is
handed back as ``TypedOn``: pasted into what has the focus once it is answered,
after a space where it goes on from a word already in the box (``going_on``).
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget


class KeyTypedAhead(events.Key):
    """A key typed before the screen it reaches was shown."""


class TypedOn(events.Paste):
    """Text typed while a question was open, handed back once it is answered."""


# Handled as any key or paste is (``on_key``, ``on_paste``, bindings): Textual names a
# message's handler after its own class.
KeyTypedAhead.handler_name = events.Key.handler_name
TypedOn.handler_name = events.Paste.handler_name


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
