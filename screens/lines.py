"""Changing a line of text without laying the whole screen out again.

``Static.update`` asks Textual for a new layout of the screen, because the new
words might need another line. On Run that costs 20-40 ms on every idea (the
status line, who the next idea is from, who has not spoken, the agenda clock
each second), while almost every change is one line replaced by another that
fits. ``show_line`` asks for the layout only when the height may change.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Static


def show_line(widget: Static, text: str) -> None:
    """Show ``text`` in ``widget``; nothing if it already does. A layout only when the
    old or the new words take more than one line of the widget's width."""
    old = str(widget.content)
    if text == old:
        return
    width = widget.content_region.width
    fits = (width > 0 and widget.content_region.height == 1 and "\n" not in text
            and cell_len(text) <= width)
    widget.update(text, layout=not fits)
