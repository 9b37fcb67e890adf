"""The Textual app shell: holds the service, the wording, the themes and the keys.

Screens live in ``coprod_tui.screens`` (the top-level ``screens/`` folder);
they read and change data only through ``self.service`` (``coprod_tui.service``)
and hold no storage logic themselves.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.timer import Timer

from coprod_tui.screens.typed_ahead import TypedOn, again, hand_back

from .errors import CoprodError
from .keymap import KEYMAP_FILE, load_keymap
from .service import Service
from .store import Store, open_store
from .templates import Wording, default_wording, load_wording_reporting, template_path
from .text import safe_to_print

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
#: Seconds after Home is shown before the index is checked against the session files.
RECONCILE_AFTER_S = 0.3
#: A screen shown, its objects are frozen this long after (``settle_heap``).
SETTLE_HEAP_S = 0.25


def screen_stylesheets() -> list[Path]:
    """Every screen's stylesheet (screens/*.tcss), each named as its screen's CSS_PATH
    names it. The app reads them all as it starts: Textual otherwise reads a screen's
    the first time that screen is shown and then restyles every screen open, which was
    a sixth of the styling done as someone moved around, and a screen's file stays in
    force after, so how one looked could depend on which had been shown before. The
    room view is its own app, with its own (room.tcss)."""
    import coprod_tui.screens

    folder = Path(coprod_tui.screens.__file__).parent
    return [path for path in sorted(folder.glob("*.tcss")) if path.name != "room.tcss"]


class IndexReconciled(Message):
    """Posted from the reconciling thread once the index matches the files."""

    def __init__(self, changed: bool) -> None:
        super().__init__()
        self.changed = changed


class CoprodApp(App[None]):
    TITLE = "coprod"
    SUB_TITLE = "co-production sessions"
    CSS_PATH = ["app.tcss", *screen_stylesheets()]
    BINDINGS = [
        # Not in the footer (room there for the keys of the moment); F1 lists it.
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False, priority=True),
        Binding("f1", "keys", "Help", id="app.keys", priority=True),
        # F9, F10 and F12 are the room view's on a step; F11 is kept by many terminals
        # (full screen) but is here for those that pass it on.
        Binding("ctrl+home,f11", "home", "Home", id="app.home", priority=True),
        # Tab moves the focus the moment it arrives, so the keys behind it go to the next
        # box. (Textual's own Tab runs only once the key has been through the box it
        # leaves, after the keys behind it went there too: a form filled in one burst,
        # as a text expander or a password manager types, ended up in one box.)
        Binding("tab", "focus_next", "Next box", id="app.focus-next", show=False,
                priority=True),
        Binding("shift+tab", "focus_previous", "Previous box", id="app.focus-previous",
                show=False, priority=True),
    ]

    def __init__(self, store: Store, *, wording: Wording | None = None,
                 high_contrast: bool = False) -> None:
        super().__init__()
        #: The open data folder; screens never use it (they use ``service``).
        self.store: Store = store
        #: Every verb and read the screens make.
        self.service: Service = Service(store)
        problems = list(store.problems)
        if wording is None and template_path(store.root) is not None:
            # An organisation's template is read now, so a problem with it shows at start.
            wording, problem = load_wording_reporting(store.root)
            problems += [problem] if problem else []
        self._wording = wording
        keymap, problem = load_keymap(store.root)
        problems += [problem] if problem else []
        if keymap:
            problems += self._use_keymap(keymap)
        self._startup_messages = problems
        self._high_contrast = high_contrast
        self._settling: Timer | None = None
        #: Keys and pastes that arrived while a key's action waited to run (``hold_input``).
        self._held: list[events.Key | events.Paste] | None = None
        self._hold_count = 0

    def get_driver_class(self):
        """Textual's driver for this platform, parsing pastes whole (screens/paste.py)."""
        from coprod_tui.screens.paste import use_for

        driver_class = super().get_driver_class()
        use_for(driver_class)
        return driver_class

    def _use_keymap(self, keymap: dict[str, str]) -> list[str]:
        """Take the keys of keymap.toml; a binding id coprod does not have is said (the
        file is then not used at all, as for any other mistake in it)."""
        from coprod_tui.screens.keys import binding_ids

        unknown = sorted(set(keymap) - set(binding_ids(type(self))))
        if unknown:
            return [f"{KEYMAP_FILE} is not used: coprod has no key called "
                    f"{', '.join(unknown[:5])} (the README lists them); coprod's own keys "
                    "are used."]
        self.set_keymap(keymap)
        return []

    @property
    def wording(self) -> Wording:
        """The wording people see. Without a template, coprod's own is read when first
        needed (Home does not use it), which keeps parsing it out of start-up."""
        if self._wording is None:
            self._wording = default_wording()
        return self._wording

    @wording.setter
    def wording(self, wording: Wording) -> None:
        self._wording = wording

    def on_mount(self) -> None:
        from coprod_tui.screens.home import HomeScreen

        self.register_theme(HIGH_CONTRAST)
        self.theme = HIGH_CONTRAST.name if self._high_contrast else DEFAULT_THEME
        self.push_screen(HomeScreen())
        for message in self._startup_messages:  # may name a file: escapes written out
            self.notify(safe_to_print(message), title="Please check", severity="warning",
                        timeout=30, markup=False)
        # Checking every session file against the index costs a stat each: done on a
        # thread once Home is on screen, which is then refreshed if anything changed.
        self.set_timer(RECONCILE_AFTER_S, self._reconcile)
        self.screen_change_signal.subscribe(self, self._screen_changed)

    # -- input that arrives while a key's action waits ------------------------------------

    def hold_input(self) -> Callable[[], None]:
        """Keep the keys and pastes that arrive from now on until the function returned
        is called, then hand them on in order to whatever has the focus by then: once
        the screen on top is shown and its focus has settled.

        Used while the screen changes (``push_screen`` and the others below) and while
        a key waits for the box to take the keys typed before it
        (``screens.base.after_typing``): the keys typed after it are meant for the
        screen it opens, not the box it leaves (sent on their way at once, they went
        to the box and were lost). Released in any case within a second.
        """
        if self._held is None:
            self._held = []
            self._hold_count += 1
        hold = self._hold_count  # (a release left from an earlier hold lets this one be)
        focus_seen: object = None

        def release(force: bool = False) -> None:
            nonlocal focus_seen
            if self._held is None or hold != self._hold_count:
                return
            screen = self.screen
            ready = screen.is_mounted and (screen.focused is not None or not screen.focus_chain)
            # The focus a screen gives itself when shown may move once more as it is
            # mounted (a dialog focuses its first box): the same over a refresh will do.
            if not force and not (ready and focus_seen is (screen.focused or screen)):
                focus_seen = (screen.focused or screen) if ready else None
                self.call_after_refresh(release)
                return
            held, self._held = self._held, None
            for event in held:
                self.post_message(again(event))

        self.set_timer(1.0, lambda: release(force=True))
        return release

    def hold_first(self, event: events.Key | events.Paste) -> None:
        """Hand ``event`` on ahead of any key not yet handled: first of what is being
        held, or at once (a question's ``TypedOn``, as it closes: screens/confirm.py)."""
        if self._held is not None:
            self._held.append(event)
        else:
            self.post_message(event)

    @property
    def holding_input(self) -> bool:
        """Keys typed are being kept for a screen still being shown (``hold_input``)."""
        return self._held is not None

    def _hold_until_shown(self) -> None:
        # Keys typed just after a key that changes the screen are for the new screen:
        # until it is shown with its focus they would go to the old one (and be lost).
        self.call_after_refresh(self.hold_input())

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        self._hold_until_shown()
        return super().push_screen(*args, **kwargs)

    def switch_screen(self, *args: Any, **kwargs: Any) -> Any:
        self._hold_until_shown()
        return super().switch_screen(*args, **kwargs)

    def pop_screen(self) -> Any:
        self._hold_until_shown()
        return super().pop_screen()

    async def on_event(self, event: events.Event) -> None:
        if self._held is not None and isinstance(event, (events.Key, events.Paste)) \
                and not event.is_forwarded:
            self._held.append(event)
            return
        if isinstance(event, TypedOn) and not event.is_forwarded:  # once the screen is shown
            if not hand_back(self.focused, event):
                self.notify(safe_to_print(event.all_of_it), title="Typed while a question was "
                            "open, with no box to go back to", severity="warning",
                            timeout=30, markup=False)
            return
        await super().on_event(event)

    def _screen_changed(self, screen: Screen) -> None:
        if isinstance(screen, ModalScreen):  # (a dialog comes and goes: not worth it)
            return
        # A moment after the screen is drawn, once the one left has been let go.
        if self._settling is not None:
            self._settling.stop()
        self._settling = self.set_timer(SETTLE_HEAP_S, settle_heap)

    def _reconcile(self) -> None:
        self._problems_seen = len(self.store.problems)
        self.store.reconcile_in_background(
            lambda changed: self.post_message(IndexReconciled(changed)))

    def on_index_reconciled(self, event: IndexReconciled) -> None:
        from coprod_tui.screens.home import HomeScreen

        for message in self.store.problems[getattr(self, "_problems_seen", 0):]:
            self.notify(safe_to_print(message), title="Please check", severity="warning",
                        timeout=30, markup=False)
        if event.changed and isinstance(self.screen, HomeScreen):
            self.screen.refresh_lists()

    def on_unmount(self) -> None:
        """A room view following the app waits for the facilitator from now on."""
        self.service.room_goodbye()

    def _fatal_error(self) -> None:
        """Report a crash without the values of variables (Textual shows them by
        default): they would put names and what people said on the terminal."""
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None)
        self._exit_renderables.append(
            Segments(self.console.render(traceback, self.console.options)))
        self._close_messages_no_wait()

    # -- commands ---------------------------------------------------------------

    def action_quit(self) -> None:
        from coprod_tui.screens.base import after_typing

        after_typing(self, self._quit)

    def _quit(self) -> None:
        """Save anything still being typed, then close.

        If something typed is still not saved (the disk refused it, or it was never
        entered), on any screen or dialog open, ask once first: stay, or quit and
        lose it. Ctrl+Q while asked means quit.
        """
        from coprod_tui.screens.quit import QuitDialog

        if isinstance(self.screen, QuitDialog):
            self.screen.dismiss(True)
            return
        lost: list[str] = []
        for screen in self.screen_stack:
            flush = getattr(screen, "flush_saves", None)
            if flush is not None:
                flush()
            lost += getattr(screen, "unsaved_text", list)()
        if not lost:
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(QuitDialog(lost), answered)

    def action_keys(self) -> None:
        """Show (or close) coprod's own help for the screen showing: what it is for,
        in plain words, and every key it answers to."""
        from coprod_tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen.about(self.screen))

    def get_key_display(self, binding: Binding) -> str:
        """Keys as printed on a keyboard: F1, not f1."""
        shown = super().get_key_display(binding)
        if shown[:1] == "f" and shown[1:].isdigit():
            return shown.upper()
        return "^Home" if binding.key == "ctrl+home" else shown

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """A message for whoever is looking. A screen about a session (every step, comment
        cards, the 'I' statements …) says it in its status line instead, whatever raised
        it: a message on top would cover what people follow (Run: the ideas feed, the
        speaking list) and stay over the next step. Elsewhere, and from another thread,
        it is the usual message in the corner."""
        say = None
        if threading.get_ident() == self._thread_id and self.screen_stack:
            say = getattr(self.screen, "say_in_status_line", None)
        if say is not None and say(message, title=title, severity=severity):
            return
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def action_toggle_contrast(self) -> None:
        high = self.theme != HIGH_CONTRAST.name
        self.theme = HIGH_CONTRAST.name if high else DEFAULT_THEME
        self.notify("High contrast is on." if high else "High contrast is off.")

    def action_home(self) -> None:
        from coprod_tui.screens.base import after_typing

        after_typing(self, self._home)

    def _home(self) -> None:
        """Back to Home from anywhere. Everything is already saved; what is typed but
        not entered (an idea in its box, a dialog's text) is asked about first."""
        from coprod_tui.screens.home import HomeScreen
        from coprod_tui.screens.quit import DiscardDialog, QuitDialog

        if isinstance(self.screen, (HomeScreen, DiscardDialog, QuitDialog)):
            return
        above_home = self.screen_stack[1:]
        for screen in above_home:
            flush = getattr(screen, "flush_saves", None)
            if flush is not None:
                flush()
        lost = [line for screen in above_home
                for line in getattr(screen, "unsaved_text", list)()]

        def go_home(discard: bool | None = True) -> None:
            if not discard:
                return
            while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
                self.pop_screen()
            self.service.release_all()

        if lost:
            self.push_screen(DiscardDialog(lost, going="go Home"), go_home)
        else:
            go_home()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The app's own commands; each screen adds its own through its ``COMMANDS``
        provider (screens/commands.py)."""
        yield SystemCommand("High contrast", "Turn the high-contrast colours on or off",
                            self.action_toggle_contrast)
        yield SystemCommand("Help (F1)", "What this screen is for, and every key it answers to",
                            self.action_keys)
        yield SystemCommand("Quit", "Close coprod (everything is already saved)",
                            self.action_quit)


def run(data_dir: Path, *, high_contrast: bool = False) -> int:
    """Open the folder (a clear message if another copy has it), run, close."""
    try:
        store = open_store(data_dir, defer_reconcile=True)
    except CoprodError as exc:
        print(f"coprod: {exc}", file=sys.stderr)
        return 2
    # Everything made so far (the modules, the session list) lives as long as the
    # app: leave it out of the garbage collector's full passes, which otherwise
    # walk all of it again while Home is being built (gc.freeze, Python's own tool
    # for long-lived objects; their memory is still freed normally when dropped).
    gc.freeze()
    _tidy_exports_soon()
    app: CoprodApp | None = None
    try:
        app = CoprodApp(store, high_contrast=high_contrast)
        app.run()
    finally:
        # Through the service, so a worker still reading finishes first.
        app.service.close() if app is not None else store.close()
    return 0


def settle_heap() -> None:
    """Once a screen is shown, its objects (a session of 5,000 ideas, the lines of its
    record) are kept out of the garbage collector's full passes, which otherwise
    walk all of them again every few changes: 0.2 s at a time at 5,000 ideas, right
    while someone types (``gc.freeze``). What the last screen left behind is
    collected first, so that nothing frozen before stays kept once it is garbage:
    one pass, here, after the screen is drawn, instead of many while it is used."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _tidy_exports_soon(delay_s: float = 1.0) -> None:
    """Remove export temp files a killed copy left in the default export folder.

    They hold whole minutes. Done on a thread a moment after start, so finding the
    documents folder (platformdirs) costs start-up nothing.
    """
    import threading
    import time

    def tidy() -> None:
        time.sleep(delay_s)
        try:
            from .placing import tidy_export_temps
            from .paths import documents_dir

            tidy_export_temps(documents_dir())
        except Exception:  # a tidy-up: never a reason to disturb the app
            pass

    threading.Thread(target=tidy, name="coprod-tidy-exports", daemon=True).start()
