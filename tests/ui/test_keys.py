"""Keys: every binding has an id, the README lists them all, and keymap.toml remaps
them (a bad one is named, and coprod's own keys are kept)."""

from __future__ import annotations

import re
from pathlib import Path

from textual.binding import Binding

from coprod_tui.app import CoprodApp
from coprod_tui.screens.keys import binding_ids
from tests.ui.helpers import ScreensAskedFor, screen_text, screens_classes

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_binding_has_an_id_and_the_readme_lists_each_one():
    missing = [f"{cls.__name__}: {binding.key}" for cls in screens_classes()
               for binding in cls.__dict__.get("BINDINGS", [])
               if isinstance(binding, Binding) and not binding.id]
    assert missing == []
    text = README.read_text("utf-8")
    start = text.index("## Your own keys")
    section = text[start:text.index("\n## ", start + 1)]
    listed = set(re.findall(r"`([a-z][a-z0-9-]*\.[a-z0-9.-]+)`", section))
    assert set(binding_ids(CoprodApp)) == listed - {"keymap.toml"}


async def test_a_keymap_remaps_a_key(store, data_dir):
    (data_dir / "keymap.toml").write_text('"home.search" = "f10"\n"app.keys" = "f2"\n')
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        with ScreensAskedFor(app) as asked:  # which screen a key opens, not drawn
            await pilot.press("s")  # no longer Search
            await pilot.pause()
            assert asked.names == []
            await pilot.press("f10")
            await pilot.pause()
            assert asked.names == ["PastSessionsScreen"]
        assert type(app.screen).__name__ == "HomeScreen"


async def test_a_bad_keymap_is_named_and_the_own_keys_are_kept(store, data_dir):
    (data_dir / "keymap.toml").write_text('"home.search" = "f10"\n"home.serch" = "f8"\n')
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = " ".join(str(n.message) for n in app._notifications)
        assert "keymap.toml is not used" in said and "home.serch" in said
        with ScreensAskedFor(app) as asked:
            await pilot.press("s")
            await pilot.pause()
        assert asked.names == ["PastSessionsScreen"]
    (data_dir / "keymap.toml").write_text("this is = not [toml")
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = " ".join(str(n.message) for n in app._notifications)
        assert "keymap.toml is not used (it is not valid TOML" in said
        assert "coprod's own keys are used" in said
        assert "Welcome" in screen_text(app)
