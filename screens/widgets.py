"""Small widgets every screen uses, so each state reads the same everywhere.

- ``TickBox`` and ``TickList``: a tick shows as ``[x]`` or ``[ ]``, never by colour
  alone (Textual's own box draws the same ``▐X▌`` ticked or not).
- ``LineBox``: a one-line box that keeps the whole of a paste (its lines joined
  by spaces, as a one-line field is stored), where Textual keeps only the first line.
- ``CaptureBox``: the Run screen's box. Enter records what is in it; a pasted
  letter of many lines is kept whole, as a multi-line idea, and the box grows
  to show it.
- ``FitTable``: a table whose columns always fit its width: a long value ends in
  "…" (or wraps, for a column that asks to), never runs off the right edge; the
  screen shows the highlighted row's whole values beside it.
- ``InFull``: under a list or table whose entries are cut short with "…", the
  highlighted entry's whole text, wrapped, while the list has the keys.
- ``FormScroll``: the scrolling body of a form or a question, which is not a stop
  of Tab's own: its boxes and buttons are.
- ``SteadyFooter``: the keys that work now, in one line at the bottom.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Input, OptionList, Select, \
    SelectionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from .typed_ahead import again

TICKED, UNTICKED = "[x]", "[ ]"


class TickBox(Checkbox):
    """A checkbox whose tick is a glyph: ``[x]`` ticked, ``[ ]`` not."""

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content.styled(TICKED if self.value else UNTICKED, style)


class TickList(SelectionList[str]):
    """A multi-select list whose ticks are ``[x]`` / ``[ ]`` (same width as Textual's)."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        index = self.scroll_offset.y + y
        if len(segments) < 3 or index >= self.option_count:
            return strip
        ticked = self.get_option_at_index(index).value in self._selected
        style = segments[1].style
        mark = TICKED if ticked else UNTICKED
        return Strip([Segment(mark, style), *segments[3:]], strip.cell_length)


class InFull(Static):
    """Under a list or table whose entries are cut short with "…", the highlighted
    one's whole text, wrapped, while that list has the keys and something is cut.

    ``of`` is the list's id: an ``OptionList`` (``texts`` gives each entry's whole text
    by its value or id), a ``FitTable`` (the highlighted row's cut values are shown,
    each with its column's name), another ``DataTable`` (``texts`` by row key, for the
    rows it cuts) or a ``Select`` (the chosen entry, whether or not the box has the
    keys: it is what will be saved). It follows the list by itself."""

    DEFAULT_CSS = """
    InFull {
        display: none;
        height: auto;
        padding: 0 1;
        border-left: thick $primary;
    }
    """

    def __init__(self, of: str, texts: dict[str, str] | None = None, *,
                 lead: str = "In full: ") -> None:
        super().__init__("", id=f"{of}-in-full", markup=False)
        self.of, self.texts, self.lead = of, texts or {}, lead
        self._following = False  # a follow is waiting to run

    def on_mount(self) -> None:
        shown = self.screen.query_one(f"#{self.of}")
        self.watch(shown, "cursor_coordinate" if isinstance(shown, DataTable) else
                   "value" if isinstance(shown, Select) else "highlighted", self._follow_soon)
        self.watch(self.screen, "focused", self._follow_soon)

    def _follow_soon(self) -> None:
        # Once the change is done: a table filled with 25 rows moves its cursor at each
        # row, and following each of those cost 2.5 ms (an update lays the screen out).
        if not self._following:
            self._following = True
            self.call_later(self.follow)

    def follow(self) -> None:
        self._following = False
        found = self.screen.query(f"#{self.of}")
        if not found:  # the list has gone (filled again): nothing to follow
            self.display = False
            return
        shown = found.first()
        words = ""
        focused = self.screen.focused is shown
        if isinstance(shown, FitTable):
            words = " · ".join(f"{label}: {value}" for label, value in shown.cut_short())
        elif isinstance(shown, DataTable) and shown.row_count:
            # Another table: ``texts`` holds, by row key, the values it cuts short.
            key = shown.coordinate_to_cell_key(shown.cursor_coordinate).row_key.value
            words = self.texts.get(str(key), "")
        elif isinstance(shown, Select):
            words = self.texts.get(str(shown.value), "")
            # The box shows one line of it, less its edges and the arrow.
            words = words if cell_len(words) + 10 > shown.size.width else ""
            focused = True
        elif isinstance(shown, OptionList) and shown.highlighted is not None:
            option = shown.get_option_at_index(shown.highlighted)
            if _cut_short(shown, option):
                key = option.value if isinstance(option, Selection) else option.id
                words = self.texts.get(str(key), "")
        self.display = focused and bool(words)
        if words and str(self.content) != self.lead + words:
            self.update(self.lead + words)
        if self.display and self.screen.focused is shown:  # it may be below the bottom edge
            self.call_after_refresh(self.scroll_visible, animate=False)


def _cut_short(options: OptionList, option: Option) -> bool:
    shown = str(option.prompt)
    if shown.endswith("…"):  # cut by us (text.one_line)
        return True
    # A multi-select list keeps each entry to one line, cut at its edge ("[ ] " first).
    return isinstance(options, SelectionList) and \
        cell_len(shown) + 5 > options.scrollable_content_region.width


class SubmitsAtOnce:
    """Mixin for a text box: with ``submit``, Enter calls it at once, in the box's own
    turn, before it takes any key typed after Enter. (A Submitted message, or Input's
    Enter binding, which runs once the key has gone up to the app, was handled only
    after those keys: entries typed quickly one after another ran together.)"""

    _submit: Callable[[], object] | None = None
    #: The screen this box's Enter opened, while it is on top (see ``_sent_on``).
    _opened: Screen | None = None

    @property
    def records_on_enter(self) -> bool:
        return self._submit is not None

    def opened(self, screen: Screen) -> bool:
        """Did this box's Enter open ``screen``?"""
        return self._opened is screen

    def _sent_on(self, event: events.Key | events.Paste) -> bool:
        """This box's Enter opened a screen (Run's start question) while keys or a paste
        typed after it still waited here: they are for that screen, as keys typed
        during any change of screen are (typed_ahead.py), not for this box."""
        if self._opened is None:
            return False
        if self._opened is not self.app.screen:  # type: ignore[attr-defined]
            self._opened = None
            return False
        event.stop()
        event.prevent_default()
        self.app.post_message(again(event))  # type: ignore[attr-defined]
        return True

    def _on_paste(self, event: events.Paste) -> None:
        # Sent on, or left to the box's own handler (Textual calls each class's in turn).
        self._sent_on(event)

    async def _on_key(self, event: events.Key) -> None:
        if self._sent_on(event):
            return
        if event.key == "enter" and self._submit is not None:
            event.stop()
            event.prevent_default()
            screen = self.app.screen  # type: ignore[attr-defined]
            self._submit()
            if self.app.screen is not screen:  # type: ignore[attr-defined]
                self._opened = self.app.screen  # type: ignore[attr-defined]
            return
        await super()._on_key(event)  # type: ignore[misc]


class LineBox(SubmitsAtOnce, Input):
    """A one-line box: a paste of several lines is kept whole, joined by spaces; with
    ``submit``, Enter calls it (``SubmitsAtOnce``)."""

    def __init__(self, value: str | None = None, *,
                 submit: Callable[[], object] | None = None, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)
        self._submit = submit

    def _on_paste(self, event: events.Paste) -> None:
        if self._sent_on(event):
            return
        if event.text:
            text = " ".join(event.text.splitlines())
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)
        event.stop()
        event.prevent_default()  # Input's own handler would paste it a second time


class CaptureBox(SubmitsAtOnce, TextArea):
    """Type and press Enter to record (``submit``, called at once: ``SubmitsAtOnce``);
    a new line comes only from a paste, which stays whole. ``value`` reads and sets
    the text (as an Input's does), so the screen and its tests treat it like any other
    box."""

    def __init__(self, *, id: str, submit: Callable[[], object],
                 placeholder: str = "") -> None:
        super().__init__(id=id, soft_wrap=True, show_line_numbers=False,
                         tab_behavior="focus", placeholder=placeholder,
                         highlight_cursor_line=False)
        self._submit = submit

    @property
    def value(self) -> str:
        return self.text

    @value.setter
    def value(self, text: str) -> None:
        self.load_text(text)
        self.move_cursor(self.document.end)


@dataclass(frozen=True, slots=True)
class Col:
    """A column: fixed ``width`` cells, or (0) a share by ``weight`` of what is left."""

    label: str
    width: int = 0
    weight: int = 1
    #: Long values wrap onto more lines (rows grow) instead of ending in "…".
    wrap: bool = False


#: One row: its key, and a value (plain text, kept literally) for each column.
Row = tuple[str, Sequence[str | Text]]


class FitTable(DataTable):
    """``show(columns, rows)`` fills the table with columns sized to its width.

    Filled again (same rows, cursor kept) when its width changes. Cell text is
    never read as markup.
    """

    DEFAULT_CSS = """
    FitTable {
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)
        self._cols: tuple[Col, ...] = ()
        self._rows: list[Row] = []
        self._height = 1
        self._fitted_to = 0

    def show(self, columns: Iterable[Col], rows: Iterable[Row], *, keep: str | None = None,
             height: int = 1) -> None:
        """Fill the table; the cursor stays on ``keep`` (a row key) if it is shown, else
        on the same row number. ``height``: lines in every row (each line of a cell
        is shortened on its own), unless a column wraps."""
        cols, rows, fitted = tuple(columns), list(rows), self._room()
        if (cols, rows, height, fitted) == (self._cols, self._rows, self._height,
                                            self._fitted_to) and self.row_count:
            return  # the same (a word typed further): drawing it again is the cost
        self._cols, self._rows, self._height = cols, rows, height
        self._fill(keep)

    @property
    def current_key(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def _room(self) -> int:
        width = self.scrollable_content_region.width
        if width <= 0:  # not laid out yet: the screen's width, less a border and a bar
            width = self.app.size.width - 4
        return width

    def widths(self, columns: Sequence[Col] | None = None) -> list[int]:
        """Each column's width (of ``columns``, or those shown) in the table's width."""
        cols = self._cols if columns is None else columns
        room = self._room() - 2 * self.cell_padding * len(cols)
        fixed = sum(c.width for c in cols)
        shares = sum(c.weight for c in cols if not c.width) or 1
        left = max(0, room - fixed)
        return [c.width or max(4, left * c.weight // shares) for c in cols]

    def _fill(self, keep: str | None) -> None:
        row = self.cursor_row
        widths = self.widths()
        self._fitted_to = self._room()
        shown = [(c.label, w) for c, w in zip(self._cols, widths)]
        # The same columns (a search typed a letter further): only the rows change.
        same = shown == [(str(c.label), c.width) for c in self.columns.values()]
        self.clear(columns=not same)
        if not same:
            for label, width in shown:
                self.add_column(label, width=width)
        wraps = any(c.wrap for c in self._cols)
        keys = []
        height = None if wraps else self._height
        for key, values in self._rows:
            cells = [_cell(v, c.wrap, self._height > 1) for v, c in zip(values, self._cols)]
            self.add_row(*cells, key=key, height=height)
            keys.append(key)
        if keep in keys:
            self.move_cursor(row=keys.index(keep))
        elif self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1))

    def on_resize(self) -> None:
        if self._cols and self._room() != self._fitted_to:
            self._fill(self.current_key)

    def cut_short(self) -> list[tuple[str, str]]:
        """The highlighted row's values that end in "…" here: (column, whole value)."""
        if not self.row_count or not 0 <= self.cursor_row < len(self._rows):
            return []
        _key, values = self._rows[self.cursor_row]
        cut = []
        for col, width, value in zip(self._cols, self.widths(), values):
            plain = value.plain if isinstance(value, Text) else value
            lines = plain.splitlines() if self._height > 1 else [" ".join(plain.split())]
            if not col.wrap and any(cell_len(line) > width for line in lines):
                cut.append((col.label, " · ".join(" ".join(line.split()) for line in lines)))
        return cut


def _cell(value: str | Text, wrap: bool, lines: bool) -> Text:
    """A cell's text, never read as markup: wrapped, or each line ending "…" if long."""
    text = value.copy() if isinstance(value, Text) else Text(value)
    text.end = ""
    if not wrap:
        if "\n" in text.plain and not lines:
            text = Text(" ".join(text.plain.split()), style=text.style, end="")
        text.no_wrap = True
        text.overflow = "ellipsis"
    return text


@dataclass(frozen=True)
class FooterEntry:
    """One key in the footer, as it is shown."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    palette: bool = False

    @property
    def words(self) -> str:
        """What follows the key: its description, after a space."""
        return f" {self.description}" if self.description else ""

    @property
    def width(self) -> int:
        return cell_len(self.display) + cell_len(self.words)


class FormScroll(VerticalScroll, can_focus=False):
    """The scrolling body of a form, dialog or question. Textual's own takes the focus
    as a stop of its own, which shows nothing (only text to read has a focus style):
    Tab there looked like a lost key. Its keys that scroll (arrows, PgUp/PgDn) still
    work from the box or button in it that has the focus. Taking the focus also
    restyled everything in it, twice each time a form opened."""


class SteadyFooter(Widget, can_focus=False):
    """The keys that work now, drawn as one line: Textual's compact footer, made as one
    widget rather than one per key.

    It reads the screen's keys as Textual's ``Footer`` does (one key per action shown,
    the command palette's on the right; coprod gives no key a binding group, so none is
    drawn) and looks the same, with the same colours from the theme. Textual's made a
    widget for every key, and made them all again when the keys changed: this one
    draws one line again, and only when what it shows changes (a tenth less work for
    the tests that step through the screens: 30.7 s against 27.8 s of CPU, alternate
    runs). A click on a key presses it, as Textual's does. Keys past the right edge
    cannot be scrolled to, as they could with the wheel in Textual's: every footer fits
    80 columns (tests/ui/layout_check.py, at every stop of the walks).
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description", "footer-key--hover",
                         "footer--palette-edge"}
    DEFAULT_CSS = """
    SteadyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer-key--hover {
            background: $block-hover-background;
        }
        &:hover {
            pointer: pointer;
        }
        & > .footer--palette-edge {
            color: $foreground 20%;
        }
    }
    """

    #: The keys shown, the command palette's last; None until the screen's keys are
    #: ready. Set to what it already holds, it draws nothing again.
    keys: reactive[tuple[FooterEntry, ...] | None] = reactive(None, layout=False)
    #: The key under the mouse pointer.
    _hover: reactive[FooterEntry | None] = reactive(None)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        # (Textual's skips this while the terminal is not focused, and shows the keys
        # of before until the next change; drawing one line costs nothing.)
        if self.is_attached and screen is self.screen:
            self.keys = self.entries()

    def entries(self) -> tuple[FooterEntry, ...]:
        """The keys as Textual's footer picks them: the first key of each action shown,
        in the screen's order, then the command palette's."""
        app = self.app

        def entry(binding: Binding, enabled: bool, tooltip: str,
                  palette: bool = False) -> FooterEntry:
            return FooterEntry(binding.key, app.get_key_display(binding),
                               binding.description, enabled, tooltip, palette)

        first: dict[str, FooterEntry] = {}
        active = self.screen.active_bindings
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in first:
                first[binding.action] = entry(binding, enabled, tooltip or binding.tooltip)
        entries = list(first.values())
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            entries.append(entry(binding, enabled, binding.tooltip or binding.description,
                                 palette=True))
        return tuple(entries)

    def placed(self) -> list[tuple[int, int, FooterEntry]]:
        """Where each key is drawn: (first column, column after it, key). The palette's
        key sits on the right, after a thin bar (its own column too), as in Textual's
        footer, over whatever runs under it."""
        width = self.size.width
        where: list[tuple[int, int, FooterEntry]] = []
        x = 0
        for entry in self.keys or ():
            if entry.palette:
                end = width - 1  # Textual's leaves one column after it, as after each key
                where.append((end - entry.width, end, entry))
            else:
                where.append((x, x + entry.width, entry))
                x += entry.width + 1
        return where

    def watch_keys(self) -> None:
        self._hover = None  # (found again as the pointer next moves)
        self.refresh()

    def watch__hover(self, entry: FooterEntry | None) -> None:
        self.tooltip = entry.tooltip if entry is not None and entry.tooltip else None
        self.refresh()

    def cut_off(self) -> list[FooterEntry]:
        """The keys not wholly shown: past the right edge, or under the palette's."""
        placed = self.placed()
        right = min([start - 1 for start, _, entry in placed if entry.palette],
                    default=self.size.width)
        return [entry for start, end, entry in placed
                if start < 0 or end > (self.size.width if entry.palette else right)]

    def _at(self, x: int) -> FooterEntry | None:
        for start, end, entry in reversed(self.placed()):  # the palette's is on top
            if start - entry.palette <= x < end:  # its bar is part of it
                return entry
        return None

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer-key--key")
        words_style = self.get_component_rich_style("footer-key--description")
        hover_style = self.get_component_rich_style("footer-key--hover")
        edge_style = self.get_component_rich_style("footer--palette-edge")
        line = Text(no_wrap=True, overflow="crop", end="")
        hovered = self._hover
        for start, _end, entry in self.placed():
            if entry.palette:
                # Over whatever runs under it, as Textual's (docked on the right) is.
                line.truncate(max(0, start - 1), pad=True)
                line.append("▏", edge_style)
            elif start > line.cell_len:
                line.append(" ")
            part = Text.assemble((entry.display, key_style), (entry.words, words_style))
            if entry == hovered:  # its background only, as Textual's
                part.stylize(Style(bgcolor=hover_style.bgcolor))
            if not entry.enabled:
                part.stylize("dim")
            line.append_text(part)
        line.truncate(self.size.width)
        return line

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover = self._at(event.x)

    def on_leave(self) -> None:
        self._hover = None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        entry = self._at(event.x)
        if entry is None:
            return
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()
