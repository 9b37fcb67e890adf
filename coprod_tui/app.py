"""The Textual app shell: opens the data folder, holds the store, routes screens."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App

from .errors import CoprodError
from .store import Store, open_store


class CoprodApp(App[None]):
    TITLE = "coprod"
    SUB_TITLE = "co-production sessions"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def on_mount(self) -> None:
        from coprod_tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        for problem in self.store.problems:
            self.notify(problem, title="A file was set aside", severity="warning", timeout=30)


def run(data_dir: Path) -> int:
    """Open the folder (a clear message if another copy has it), run, close."""
    try:
        store = open_store(data_dir)
    except CoprodError as exc:
        print(f"coprod: {exc}", file=sys.stderr)
        return 2
    try:
        CoprodApp(store).run()
    finally:
        store.close()
    return 0
