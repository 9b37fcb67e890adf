"""Helpers for driving the real app with Pilot."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea


async def type_into(pilot: Pilot, widget_id: str, text: str, *, clear: bool = True,
                    keys: bool = False) -> None:
    """Focus a box as Tab would and put ``text`` in it as a paste arrives (one event).

    Pressing each key costs a screen refresh per character, which made the suite slow;
    the box ends the same either way (an Input's paste goes through the same insert as
    a key). ``keys=True`` presses key by key, for the tests where the typing itself is
    what is tested. A paste keeps one line only, as a real one into an Input does.
    """
    box = pilot.app.screen.query_one(f"#{widget_id}")
    box.focus()
    await pilot.pause()
    if clear and isinstance(box, Input):
        box.value = ""
    if keys or not isinstance(box, (Input, TextArea)) or "\n" in text or "\r" in text:
        await pilot.press(*text)
    else:
        await paste(pilot, text)
    await pilot.pause()


async def burst(pilot: Pilot, typed: str) -> None:
    """Send ``typed`` as keys that all arrive at once (a text expander, a remote
    keyboard): every key is queued before the app handles the first. "\r" is Enter,
    "\t" Tab, "\x07" Ctrl+G, "\x13" Ctrl+S and "\x1b" Escape."""
    named = {"\r": "enter", "\t": "tab", " ": "space", "\x07": "ctrl+g", "\x13": "ctrl+s",
             "\x1b": "escape"}
    for ch in typed:
        key = named.get(ch, ch)
        pilot.app._driver.send_message(events.Key(key, ch if key == ch or ch == " " else None))
    await pilot.pause()
    await pilot.pause()


async def paste(pilot: Pilot, text: str) -> None:
    """Paste ``text`` into whatever has the focus, as a terminal's paste arrives (the
    driver hands it to the app, which forwards it to the focused widget)."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def palette_settled(pilot: Pilot, timeout: float = 30) -> None:
    """Wait until the command palette has finished searching for what was typed
    (rather than a fixed sleep, which is either too short on a busy machine or wasted)."""
    from textual.command import CommandPalette

    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette), type(palette).__name__
    await pilot.pause()
    searching = [w for w in pilot.app.workers if w.node is palette]
    await asyncio.wait_for(pilot.app.workers.wait_for_complete(searching), timeout)
    await pilot.pause()


async def until(pilot: Pilot, condition: Callable[[], bool], timeout: float = 15) -> None:
    """Let the app run until ``condition()`` holds (a timer fired, a save refused),
    rather than for a fixed time that is too short on a busy machine or wasted."""
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "the app never got there"
        await pilot.pause(0.05)


async def at_rest(pilot: Pilot) -> None:
    """Settled, with the room view's hand-over written: a moment after each change, on
    a worker thread (screens/room_controls.py, RoomLink). A test that compares the data
    folder before and after a step, or looks for temp files, waits for this first, or
    it may catch that write half done (seen on a busy machine)."""
    from coprod_tui.screens.room_controls import room_link

    link = room_link(pilot.app, pilot.app.service.room)  # type: ignore[attr-defined]
    await until(pilot, lambda: not link.pending)
    writing = [w for w in pilot.app.workers if w.group == "room"]
    await asyncio.wait_for(pilot.app.workers.wait_for_complete(writing), 15)
    await pilot.pause()


async def searched(pilot: Pilot) -> None:
    """Past sessions searches once typing pauses, on a worker: wait for both."""
    from coprod_tui.screens.review import SEARCH_DELAY

    await pilot.pause(SEARCH_DELAY + 0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def session_on_disk(data_dir: Path, session_id: str) -> dict[str, list[dict]]:
    """The session file as the disk has it: table name → records."""
    raw = json.loads((data_dir / "sessions" / f"{session_id}.json").read_text("utf-8"))
    return {name: list(table.values()) for name, table in raw.items()}


def screen_text(app) -> str:
    """Everything the current screen shows, as plain text (for assertions)."""
    from textual.widgets import DataTable, RichLog, Static, TextArea

    from coprod_tui.screens.voices import Voices

    parts = []
    for widget in app.screen.query("*"):
        if isinstance(widget, Static):
            parts.append(str(widget.content))
        elif isinstance(widget, Input):
            parts.append(widget.value)
        elif isinstance(widget, TextArea):  # Run's box for ideas, a dialog's long field
            parts.append(widget.text)
        elif isinstance(widget, RichLog):
            # Wrapped lines joined back up, so a long entry reads as it was written.
            parts.append(" ".join(strip.text.strip() for strip in widget.lines))
        elif isinstance(widget, DataTable):
            for row in range(widget.row_count):
                parts.extend(str(cell) for cell in widget.get_row_at(row))
        elif isinstance(widget, Voices):  # Run's list of who was heard, every line of it
            parts.extend(widget.lines)
    return "\n".join(parts)


def choose(app, select_id: str, starts: str) -> str:
    """Set a Select to its first option whose value starts with ``starts``."""
    from textual.widgets import Select

    select = app.screen.query_one(f"#{select_id}", Select)
    value = next(v for _, v in select._options if isinstance(v, str) and v.startswith(starts))
    select.value = value
    return value


def said(app) -> str:
    """What the app said: its messages in the corner, and the status line, where every
    screen about a session says them instead (nothing covers what people follow)."""
    words = [str(n.message) for n in app._notifications]
    words += [str(line.content) for line in app.screen.query("#save-status")]
    return "\n".join(words)


class ScreensAskedFor:
    """Record the screens the app is asked to show (pushed or switched to) instead of
    showing them: for the tests where what matters is *which* screen a key or a palette
    command opens. Drawing a screen costs a few tenths of a second; each screen and
    dialog is drawn, for real, by the snapshot tour (tests/ui/tour.py).

    ``with ScreensAskedFor(app) as asked:`` … ``asked.names`` is the class names, in
    order. A step's palette entry that opens another step at one of its parts (a
    checklist) asks for it once the new screen is drawn: that call, on a screen never
    shown here, is recorded in ``asked.after_refresh`` and not run.
    """

    def __init__(self, app) -> None:
        self.app = app
        self.screens: list = []
        self.after_refresh: list = []
        #: What each screen asked for would have been handed on its dismissal (the
        #: ``callback`` of ``push_screen``; None when there is none), in the same order.
        self.callbacks: list = []

    @property
    def names(self) -> list[str]:
        return [type(screen).__name__ for screen in self.screens]

    def __enter__(self) -> ScreensAskedFor:
        app, real_after_refresh = self.app, self.app.call_after_refresh

        def asked(screen, *args, **kwargs) -> None:
            self.screens.append(screen)
            self.callbacks.append(args[0] if args else kwargs.get("callback"))

        def after_refresh(callback, *args, **kwargs):
            if any(getattr(callback, "__self__", None) is s for s in self.screens):
                self.after_refresh.append((callback, args))
                return True
            return real_after_refresh(callback, *args, **kwargs)

        app.push_screen = asked
        app.switch_screen = asked
        app.call_after_refresh = after_refresh
        return self

    def __exit__(self, *exc) -> None:
        for name in ("push_screen", "switch_screen", "call_after_refresh"):
            delattr(self.app, name)


def palette_choice(app) -> str:
    """The command palette's entry that Enter would run now (the highlighted one: the
    best match for what is typed), as plain text."""
    from textual.command import CommandList, CommandPalette

    palette = app.screen
    assert isinstance(palette, CommandPalette), type(palette).__name__
    hits = palette.query_one(CommandList)
    assert hits.highlighted is not None, "nothing found"
    display = hits.get_option_at_index(hits.highlighted).hit.match_display
    return getattr(display, "plain", str(display))


def screens_classes() -> Iterator[type]:
    """Every class defined in a module of coprod_tui.screens (each module imported)."""
    import importlib
    import inspect
    import pkgutil

    import coprod_tui.screens as screens

    for module in pkgutil.iter_modules(screens.__path__):
        loaded = importlib.import_module(f"{screens.__name__}.{module.name}")
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            if cls.__module__ == loaded.__name__:
                yield cls
