"""F1: coprod's own help for the screen showing, in plain words.

Each screen and dialog says what it is for in ``ABOUT`` (plain text, our own
words); the help lists that, then every key the screen answers to, grouped by
where it works, read from the bindings themselves (so a key changed in
keymap.toml is shown as it now is).
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

#: What every screen answers to, besides its own keys.
GENERAL = (
    ("Tab, Shift+Tab", "Move between boxes, lists and buttons"),
    ("Up, Down, PgUp, PgDn", "Move in a list or scroll the text"),
    ("Ctrl+P", "Every command for this screen, found by typing part of its name"),
)


def key_lines(screen: Screen) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """(where, [(keys, what they do)]) for the app, the screen and each part of it."""
    app = screen.app
    nodes: list[tuple[str, DOMNode]] = [("On this screen", screen)]
    seen_classes: set[type] = set()
    for widget in screen.walk_children(with_self=False):
        if type(widget) in seen_classes or not _own_bindings(widget):
            continue
        seen_classes.add(type(widget))
        nodes.append((getattr(widget, "HELP_WHERE", "In the list"), widget))
    nodes.append(("Everywhere", app))
    for where, node in nodes:
        bindings = node._bindings.copy()
        if app._keymap:
            bindings.apply_keymap(app._keymap)
        rows = _described(app, bindings)
        if rows:
            yield where, rows


def _own_bindings(node: DOMNode) -> bool:
    return any(isinstance(b, Binding) and b.id for b in type(node).__dict__.get("BINDINGS", []))


def _described(app, bindings: BindingsMap) -> list[tuple[str, str]]:
    """Keys with the same id are one line ("Escape, f, q")."""
    by_id: dict[str, tuple[list[str], str]] = {}
    for _, binding in bindings:
        if not binding.id or not binding.description:
            continue
        keys, _ = by_id.setdefault(binding.id, ([], binding.description))
        shown = readable(binding.key)
        if shown not in keys:
            keys.append(shown)
    return [(", ".join(keys), what) for keys, what in by_id.values()]


_KEY_NAMES = {"enter": "Enter", "escape": "Escape", "pagedown": "PgDn", "pageup": "PgUp",
              "space": "Space", "delete": "Delete", "backspace": "Backspace", "tab": "Tab",
              "up": "Up", "down": "Down", "left": "Left", "right": "Right", "home": "Home",
              "end": "End"}


def readable(key: str) -> str:
    """A key as it is printed on the keyboard, in words: Ctrl+Q, Enter, PgDn, F1."""
    *mods, last = key.split("+")
    if last in _KEY_NAMES:
        last = _KEY_NAMES[last]
    elif last[:1] == "f" and last[1:].isdigit():
        last = last.upper()
    elif mods:
        last = last.upper()
    elif len(last) == 1 and last.isupper():
        return f"Shift+{last}"
    return "+".join([*(m.capitalize() for m in mods), last])


def _name_of(screen: Screen) -> str:
    return (getattr(screen, "HELP_TITLE", "") or getattr(screen, "TITLE_TEXT", "")
            or type(screen).__name__)


class HelpScreen(ModalScreen[None]):
    """Escape or F1 closes it."""

    CSS_PATH = "help.tcss"
    ABOUT = "This is the help. Escape or F1 goes back to where you were."
    BINDINGS = [Binding("escape", "dismiss(None)", "Close the help", id="help.close")]

    def __init__(self, title: str, about: str, keys: list[tuple[str, list[tuple[str, str]]]]
                 ) -> None:
        super().__init__()
        self._title, self._about, self._keys = title, about, keys

    @classmethod
    def about(cls, screen: Screen) -> HelpScreen:
        return cls(_name_of(screen), getattr(screen, "ABOUT", "").strip(),
                   list(key_lines(screen)))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="reading"):
            yield Static(f"Help: {self._title}", id="help-title", markup=False)
            if self._about:
                yield Static(self._about, id="help-about", markup=False)
            text = Text()
            groups = [*self._keys, ("Moving around", list(GENERAL))]
            for where, rows in groups:
                text.append(f"{where}\n", style="bold underline")
                width = max(len(keys) for keys, _ in rows)
                for keys, what in rows:
                    text.append(f"  {keys.ljust(width)}  ", style="bold")
                    text.append(f"{what}\n")
                text.append("\n")
            text.rstrip()
            yield Static(text, id="help-keys")
            yield Static("Escape or F1 goes back to where you were.", classes="hint",
                         markup=False)

    def on_mount(self) -> None:
        self.query_one("#help").focus()
