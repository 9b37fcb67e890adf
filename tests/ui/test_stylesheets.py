"""Each screen's look is its own, whichever screens were shown before it.

Textual keeps a stylesheet in force once it has been read, for every screen. So every
rule in a screen's stylesheet (screens/*.tcss) is scoped to a screen of its own, and
the app reads them all as it starts (``screen_stylesheets``): showing a screen for the
first time reads nothing more and restyles nothing else. Before, the glossary's
``.hint`` (with its padding) reached every hint in the app once the glossary had been
opened, and the first showing of each screen restyled every screen open.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from textual.css.parse import parse
from textual.screen import Screen

import coprod_tui.screens
from coprod_tui.app import CoprodApp, screen_stylesheets
from tests.ui.helpers import screens_classes

FOLDER = Path(coprod_tui.screens.__file__).parent


def screen_classes() -> dict[str, type[Screen]]:
    """Every screen and dialog coprod defines, by name."""
    return {cls.__name__: cls for cls in screens_classes() if issubclass(cls, Screen)}


def outermost(path: Path) -> set[str]:
    """The type each rule of a stylesheet starts from (its nesting resolved by Textual's
    own parser; the colours stand in for the theme's variables, which are not checked)."""
    css = re.sub(r"\$[a-z][a-z0-9-]*", "red", path.read_text(encoding="utf-8"))
    return {selectors.selectors[0].name or f"(no type: {selectors.css})"
            for rule in parse("", css, (str(path), ""))
            for selectors in rule.selector_set}


@pytest.mark.parametrize("path", screen_stylesheets(), ids=lambda p: p.name)
def test_every_rule_of_a_screens_stylesheet_is_scoped_to_a_screen(path):
    screens = screen_classes()
    loose = sorted(name for name in outermost(path) if name not in screens)
    assert not loose, f"{path.name}: rules that would reach every screen: {loose}"


def test_the_app_reads_every_screens_stylesheet_as_it_starts():
    read = {Path(p) for p in CoprodApp.CSS_PATH if Path(p).is_absolute()}
    assert read == set(screen_stylesheets())
    assert {p.name for p in read} == \
        {p.name for p in FOLDER.glob("*.tcss")} - {"room.tcss"}  # the room view's own app
    for name, cls in screen_classes().items():
        paths = cls.CSS_PATH if isinstance(cls.CSS_PATH, list) else [cls.CSS_PATH]
        for css_path in filter(None, paths):
            # As Textual names it when the screen is shown (beside the screen's module).
            named = Path(inspect.getfile(cls)).parent / css_path
            assert named in read, f"{name}'s {css_path} would be read when it is shown"
