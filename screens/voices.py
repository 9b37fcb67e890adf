"""Run's list of who has been heard how often: a name column and a count, least heard first.

A DataTable drew this before, and redrew it after every idea given in someone's name:
12 ms of each Enter with 60 people present (Rich renders each cell on its own). Here
the list is plain lines made for the width it has, redrawn only when a count changes
and then only the lines in view, and a long name wraps in its column rather than
being cut.
"""

from __future__ import annotations

from rich.cells import cell_len, chop_cells
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

#: Cells for the count column ("Heard" and a space before it).
COUNT_WIDTH = 6


def wrap_cells(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken between words where it can
    (a wide character counts for two cells, as it takes two on screen)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        for piece in chop_cells(word, width) if cell_len(word) > width else [word]:
            joined = f"{line} {piece}" if line else piece
            if cell_len(joined) <= width:
                line = joined
            else:
                lines.append(line)
                line = piece
    return [*lines, line] if line or not lines else lines


def voice_lines(rows: list[tuple[str, str]], width: int) -> list[str]:
    """The heading and one entry per person, each name padded to its column, the count
    right-aligned after it; a name too long for its column goes on over more lines."""
    name_width = max(width - COUNT_WIDTH, 8)
    pad = lambda text: text + " " * (name_width - cell_len(text))  # noqa: E731
    lines = [pad("Name") + "Heard".rjust(COUNT_WIDTH)]
    for name, count in rows:
        first, *rest = wrap_cells(name, name_width) or [""]
        lines.append(pad(first) + count.rjust(COUNT_WIDTH))
        lines.extend(rest)
    return lines


class Voices(ScrollView, can_focus=True):
    """Who has been heard how often (Tab reaches it, and the arrows scroll it).

    Drawn a line at a time (Textual's line API): only the lines in view are made,
    about 1 ms, where a Static made all sixty again after every idea (5 ms)."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self._rows: list[tuple[str, str]] | None = None  # (none shown yet)
        self._lines: list[str] = []
        self._width = 0

    @property
    def lines(self) -> list[str]:
        """The lines it shows (scrolled into view or not): the heading, then each person."""
        return list(self._lines)

    def show(self, rows: list[tuple[str, str]]) -> None:
        """(name, times heard) for each participant present, in the order to show."""
        if rows != self._rows:
            self._rows = rows
            self._draw()

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._width:
            self._draw()

    def _draw(self) -> None:
        self._width = self.scrollable_content_region.width
        self._lines = voice_lines(self._rows or [], self._width or 30)
        self.virtual_size = Size(self._width, len(self._lines))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        # The heading stays on the top line; the names scroll under it.
        index = 0 if y == 0 else self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        style = self.rich_style + Style(bold=True) if index == 0 else self.rich_style
        return Strip([Segment(self._lines[index], style)]).adjust_cell_length(
            width, self.rich_style)
