"""Is anything on the screen cut off? What a screen shows, as plain text.

``cut_offs(app)`` looks at every widget showing on the current screen (and the
screens under a dialog) and lists each whose words do not all reach the screen:

- a block of text (a Static, a Label, a button, a checkbox): every word of its
  full content must be in what it draws (wrapped, its own height and width), and
  no part of it may be hidden by a container that cannot scroll to it. A widget
  whose style says it shortens with "…" (``text-overflow: ellipsis``) may end in
  "…" instead;
- a table: its columns fit its width (no scrolling sideways), each heading fits
  its column, and a cell that is too wide ends in "…" rather than stopping
  mid-word;
- the footer: every key in it is wholly on the screen.

``screen_text(app)`` is the screen as a terminal shows it, without colours.
"""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.errors import NoWidget
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Button, DataTable, Static
from textual.widgets._toggle_button import ToggleButton

from coprod_tui.screens.widgets import SteadyFooter

#: Box drawing, block elements (borders, scroll bars) and spaces are not words.
_NOT_WORDS = {chr(c) for c in range(0x2500, 0x25A0)} | {"▏", "▕"}


def screen_text(app) -> str:
    """The whole screen (dialogs over what is under them), as plain text lines."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


def squashed(text: str) -> str:
    """The words of ``text`` run together: no spaces, borders or scroll bars."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in _NOT_WORDS)


def _full_text(widget: Widget) -> str | None:
    if isinstance(widget, Button):
        return widget.label.plain
    if isinstance(widget, ToggleButton):
        return widget.label.plain
    if isinstance(widget, Static):
        visual = widget.render()
        return getattr(visual, "plain", None) if not isinstance(visual, str) else visual
    return None


def _geometry(widget: Widget):
    try:
        return widget.screen.find_widget(widget)
    except NoWidget:
        return None


def _can_scroll_to(widget: Widget) -> bool:
    """Is it inside something that scrolls up and down (so it can be brought into view)?"""
    for ancestor in widget.ancestors:
        if isinstance(ancestor, Widget) and ancestor.styles.overflow_y in ("auto", "scroll") \
                and ancestor.is_scrollable:
            return True
    return False


def _drawn_text(widget: Widget, geometry) -> str:
    """What the widget draws of itself that can be seen (or scrolled to)."""
    region = geometry.region
    lines = widget.render_lines(Region(0, 0, region.width, region.height))
    visible = geometry.visible_region
    left, right = visible.x - region.x, visible.right - region.x
    top, bottom = visible.y - region.y, visible.bottom - region.y
    if _can_scroll_to(widget):
        top, bottom = 0, region.height
    return "\n".join(line.crop(left, right).text for line in lines[top:bottom])


def _text_problem(widget: Widget, full: str, geometry) -> str | None:
    drawn = _drawn_text(widget, geometry)
    want, got = squashed(full), squashed(drawn)
    if want in got:
        return None
    if widget.styles.text_overflow == "ellipsis" and "…" in got:
        shown = got.replace("…", "")
        if want.startswith(shown) or shown in want:
            return None
    return f"{_name(widget)} shows {drawn.strip()!r} of {full.strip()!r}"


def _table_problems(table: DataTable) -> list[str]:
    problems = []
    room = table.scrollable_content_region.width
    if table.virtual_size.width > room:
        problems.append(f"{_name(table)} is {table.virtual_size.width} wide in {room}")
    columns = list(table.ordered_columns)
    for column in columns:
        width = column.get_render_width(table) - 2 * table.cell_padding
        if cell_len(column.label.plain) > width:
            problems.append(f"{_name(table)}: heading {column.label.plain!r} in {width}")
    for row_index in range(min(table.row_count, 200)):
        row = table.ordered_rows[row_index]
        if row.height != 1:
            continue  # a cell of a taller row wraps
        for column, cell in zip(columns, table.get_row_at(row_index)):
            width = column.get_render_width(table) - 2 * table.cell_padding
            text = cell if isinstance(cell, Text) else Text(str(cell))
            if cell_len(text.plain) > width and text.overflow != "ellipsis":
                problems.append(f"{_name(table)}: {text.plain!r} cut at {width} in "
                                f"column {column.label.plain!r}")
    return problems


def _footer_problems(footer: SteadyFooter) -> list[str]:
    """A key cut at the right edge, or covered by the palette key on the right."""
    return [f"the footer cuts off {entry.display} {entry.description!r}"
            for entry in footer.cut_off()]


def _name(widget: Widget) -> str:
    where = f"#{widget.id}" if widget.id else type(widget).__name__
    return f"{type(widget.screen).__name__} {where}"


def cut_offs(app) -> list[str]:
    """Every widget on the screen showing whose words are not all seen."""
    problems: list[str] = []
    screens = [*app._background_screens, app.screen] if app.screen.is_modal else [app.screen]
    for screen in screens:
        for widget in screen.walk_children(with_self=False):
            if not isinstance(widget, Widget) or not widget.display \
                    or not widget.visible or not widget.is_on_screen:
                continue
            geometry = _geometry(widget)
            if geometry is None or not geometry.visible_region:
                continue
            if isinstance(widget, DataTable):
                problems += _table_problems(widget)
            elif isinstance(widget, SteadyFooter):
                problems += _footer_problems(widget)
            else:
                full = _full_text(widget)
                if full and full.strip():
                    problem = _text_problem(widget, full, geometry)
                    if problem:
                        problems.append(problem)
    return problems
