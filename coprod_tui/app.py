"""The Textual app shell: holds the open store, the wording and the themes.

Screens live in ``coprod_tui.screens`` (the top-level ``screens/`` folder);
they call the core for every change and hold no storage logic themselves.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from .errors import CoprodError
from .store import Store, open_store
from .templates import Wording, load_wording_reporting

HIGH_CONTRAST = Theme(
    name="coprod-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    success="#00ff00",
    warning="#ffff00",
    error="#ff6060",
    dark=True,
    variables={
        "border": "#ffffff",
        "border-blurred": "#bbbbbb",
        "footer-key-foreground": "#ffff00",
        "input-selection-background": "#ffff00 50%",
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
    },
)
DEFAULT_THEME = "textual-dark"


class CoprodApp(App[None]):
    TITLE = "coprod"
    SUB_TITLE = "co-production sessions"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("f1", "keys", "Keys", id="keys"),
    ]

    def __init__(self, store: Store, *, wording: Wording | None = None,
                 high_contrast: bool = False) -> None:
        super().__init__()
        self.store = store
        problem = None
        if wording is None:
            wording, problem = load_wording_reporting(store.root)
        self.wording = wording
        self._startup_messages = list(store.problems) + ([problem] if problem else [])
        self._high_contrast = high_contrast

    def on_mount(self) -> None:
        from coprod_tui.screens.home import HomeScreen

        self.register_theme(HIGH_CONTRAST)
        self.theme = HIGH_CONTRAST.name if self._high_contrast else DEFAULT_THEME
        self.push_screen(HomeScreen())
        for message in self._startup_messages:
            self.notify(message, title="Please check", severity="warning", timeout=30,
                        markup=False)

    # -- commands ---------------------------------------------------------------

    async def action_quit(self) -> None:
        """Save anything still being typed, then close."""
        flush = getattr(self.screen, "flush_saves", None)
        if flush is not None:
            flush()
        self.exit()

    def action_keys(self) -> None:
        """Show or hide the panel listing every key for this screen."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_toggle_contrast(self) -> None:
        high = self.theme != HIGH_CONTRAST.name
        self.theme = HIGH_CONTRAST.name if high else DEFAULT_THEME
        self.notify("High contrast is on." if high else "High contrast is off.")

    def action_home(self) -> None:
        """Back to Home from anywhere (everything is already saved)."""
        from coprod_tui.screens.home import HomeScreen

        flush = getattr(self.screen, "flush_saves", None)
        if flush is not None:
            flush()
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        for file in list(self.store.open_sessions()):
            self.store.release(file)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("High contrast", "Turn the high-contrast colours on or off",
                            self.action_toggle_contrast)
        yield SystemCommand("Keys", "List every key for this screen", self.action_keys)
        yield SystemCommand("Quit", "Close coprod (everything is already saved)",
                            self.action_quit)
        # Each screen offers its own commands (steps of the journey, new session ...).
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            yield from commands()


def run(data_dir: Path, *, high_contrast: bool = False) -> int:
    """Open the folder (a clear message if another copy has it), run, close."""
    try:
        store = open_store(data_dir)
    except CoprodError as exc:
        print(f"coprod: {exc}", file=sys.stderr)
        return 2
    try:
        CoprodApp(store, high_contrast=high_contrast).run()
    finally:
        store.close()
    return 0
