"""Helpers for driving the real app with Pilot."""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input


async def type_into(pilot: Pilot, widget_id: str, text: str, *, clear: bool = True) -> None:
    """Focus a box as Tab would and type into it key by key."""
    box = pilot.app.screen.query_one(f"#{widget_id}")
    box.focus()
    await pilot.pause()
    if clear and isinstance(box, Input):
        box.value = ""
    await pilot.press(*text)
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
    return "\n".join(parts)
