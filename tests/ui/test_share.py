"""Share: the file is written where it says, with a safe name, and opens."""

from __future__ import annotations

import io
import json

import docx

from coprod_tui.app import CoprodApp
from coprod_tui.demo import add_demo
from coprod_tui.screens.easy_read_check import EasyReadCheckScreen
from coprod_tui.service import Service
from tests.ui.helpers import screen_text, type_into


async def test_each_format_is_written_and_its_full_path_shown(store, tmp_path):
    """One app run on Share: a folder that cannot be made is said plainly; then each
    format is written to a folder that can, its full path shown."""
    add_demo(Service(store))
    sid = store.summaries()[0].id
    Service(store).session(sid).update_details(title="../../etc/passwd [b]x")  # a hostile title
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = tmp_path / "out"
    app = CoprodApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        # A folder that cannot be made is said plainly.
        await type_into(pilot, "folder", str(blocker / "inside"))
        app.screen.query_one("#formats").focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Not written: Could not write to" in screen_text(app)
        assert blocker.read_text() == "not a folder"  # left as it was
        await type_into(pilot, "folder", str(out))
        app.screen.query_one("#formats").focus()
        for n in range(4):
            app.screen.query_one("#formats").highlighted = n
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            if isinstance(app.screen, EasyReadCheckScreen):  # easy read is checked first
                assert "Nothing to fix" in screen_text(app)  # the demo has plain words
                await pilot.press("ctrl+s")
                await app.workers.wait_for_complete()
                await pilot.pause()
            assert f"Written to:\n{out}" in screen_text(app)
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 4 and all(p.parent == out for p in out.iterdir())
    assert all(name.startswith("2026-07-23 etc passwd b x - ") for name in written)
    for path in out.glob("*.docx"):
        assert docx.Document(io.BytesIO(path.read_bytes())).paragraphs
    (backup,) = out.glob("*.json")
    assert json.loads(backup.read_text())["session"]["id"] == sid
