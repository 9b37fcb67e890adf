"""Each step at 80×24, compared with an accepted picture (pytest-textual-snapshot).

Update after a deliberate change with: pytest tests/ui/test_snapshots.py --snapshot-update
and look at the pictures in the report before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod_tui.app import CoprodApp
from coprod_tui.demo import add_demo
from coprod_tui.service import Service

SIZE = (80, 24)


@pytest.fixture
def demo_app(store, monkeypatch):
    add_demo(Service(store))
    # The Share step shows the documents folder: make it the same on every machine.
    monkeypatch.setattr("coprod_tui.screens.share.documents_dir",
                        lambda: Path("/home/facilitator/Documents/coprod"))
    return CoprodApp(store)


def latest(store) -> str:
    return store.summaries()[0].id


async def steady(pilot) -> None:
    """Stop cursors blinking, so the picture does not depend on the moment it is taken."""
    for box in pilot.app.screen.query("Input, TextArea"):
        box.cursor_blink = False
    await pilot.pause()


def open_step(key: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("enter")  # opens the latest session (closed: lands on Close)
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        await steady(pilot)
    return run_before


def test_home(demo_app, snap_compare):
    assert snap_compare(demo_app, terminal_size=SIZE)


@pytest.mark.parametrize("key", ["f2", "f3", "f4", "f5", "f7", "f8"])
def test_step(demo_app, snap_compare, key):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=open_step(key))


@pytest.fixture
def running_app(demo_app, store):
    # The demo's last session, as if it were still running.
    file = store.session(latest(store))
    file.put_session(file.session.replace(status="live", closed_at=None))
    return demo_app


def test_run(running_app, snap_compare):
    assert snap_compare(running_app, terminal_size=SIZE, run_before=open_step("f6"))


def test_run_high_contrast(running_app, snap_compare):
    running_app._high_contrast = True
    assert snap_compare(running_app, terminal_size=SIZE, run_before=open_step("f6"))


def test_decision_dialog(running_app, snap_compare):
    async def run_before(pilot) -> None:
        await open_step("f6")(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await steady(pilot)
    assert snap_compare(running_app, terminal_size=SIZE, run_before=run_before)
