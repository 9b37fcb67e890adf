"""Quitting never throws away what is typed without asking (issue 11, finding 5).

Ctrl+Q with text typed but not saved (refused by the disk, or never entered)
asks once, on every screen and dialog with a text box: "stay" keeps it all,
Ctrl+Q again quits. With nothing unsaved, Ctrl+Q quits at once.
"""

from __future__ import annotations

import errno
import textwrap

import pytest
from textual.widgets import TextArea

from coprod_tui.app import CoprodApp
from coprod_tui.service import Service
from tests.ui.helpers import screen_text, type_into, until

from .test_save_faults import (
    live_session, memory_matches_disk, needs_mount, notifications, on_a_small_disk,
)


@pytest.fixture
def world(store):
    group, file, people = live_session(store)
    earlier = Service(store).create_session(group.id, "Last time", date="2020-01-01")
    earlier.start()
    earlier.add_idea("More ramps")
    earlier.add_action("Fix the ramp")
    earlier.close()
    earlier.release()
    return group, file, earlier


def screen_name(app) -> str:
    return type(app.screen).__name__


async def run(pilot, key: str = "r") -> None:
    await pilot.press(key)
    await pilot.pause()


def typed_in(app, box_id: str, text: str) -> None:
    box = app.screen.query_one(f"#{box_id}")
    if isinstance(box, TextArea):
        box.text = text
    else:
        box.value = text


# Where to type something and not save it: (name, step from Home or None to stay
# on Home, keys pressed there, widget to focus first, box, text). Each is reached
# by key, as a facilitator would.
SIMPLE = [
    ("capture_box", "f6", [], None, "capture", "Ramps at the door"),
    ("plan_agenda_item", "f2", [], None, "item-title", "Coffee break"),
    ("comment_card", "f7", ["ctrl+o"], None, "card", "4 It really changed things"),
    ("statements", "f7", ["ctrl+t"], None, "evidence", "Everyone spoke at least twice"),
    ("decision_dialog", "f6", ["ctrl+g"], None, "text", "Paint the hall green"),
    ("action_dialog", "f6", ["ctrl+l"], None, "text", "Write to the head teacher"),
    ("person_dialog", "f3", ["n"], None, "name", "Dee Newcomer"),
    ("group_dialog", None, ["g"], None, "name", "Young Carers Forum"),
    ("new_session_dialog", None, ["n"], None, "title", "Spring planning day"),
    ("agenda_item_dialog", "f2", ["enter"], "agenda", "title", "Only item, renamed"),
    ("checklist_note_dialog", "f2", ["n"], "pre-checklist", "note", "Ask about the budget"),
    ("amend_conduct_dialog", "f4", ["m"], None, "note", "Phones on silent"),
    ("outcome_dialog", "f5", ["d"], "actions", "words", "The ramp was fixed in May"),
]


def simple(name, where, keys, focus, box_id, text):
    async def place(pilot, app, faults, world):
        if where is not None:
            await run(pilot)  # resume the running session (Run)
            if where != "f6":
                await run(pilot, where)
        if focus is not None:
            app.screen.query_one(f"#{focus}").focus()
        for key in keys:
            await run(pilot, key)
        typed_in(app, box_id, text)
        return box_id, text

    place.__name__ = name
    return place


async def plan_field_refused(pilot, app, faults, world):
    await run(pilot)
    await run(pilot, "f2")
    faults.fail("write", errno.ENOSPC)
    await type_into(pilot, "venue", "Hall 1")
    await until(pilot, lambda: "NOT SAVED" in screen_text(app))  # the autosave is refused
    return "venue", "Hall 1"


async def close_field_refused(pilot, app, faults, world):
    await run(pilot)
    await run(pilot, "f7")
    faults.fail("replace", errno.EROFS)
    await type_into(pilot, "next_venue", "Library")
    await pilot.pause(0.6)
    return "next_venue", "Library"


async def refused_decision_dialog(pilot, app, faults, world):
    await run(pilot)
    await run(pilot, "ctrl+g")
    typed_in(app, "text", "Open on Saturdays")
    typed_in(app, "reasons", "Carers work in the week")
    faults.fail("fsync", errno.EIO)
    await run(pilot, "ctrl+s")
    assert screen_name(app) == "DecisionDialog"
    return "text", "Open on Saturdays"


async def correction_dialog(pilot, app, faults, world):
    group, file, earlier = world
    app.screen.open_session(earlier.id)
    await pilot.pause()
    await run(pilot, "c")
    await run(pilot, "enter")  # the first record: the idea
    assert screen_name(app) == "CorrectDialog"
    typed_in(app, "note", "It said ramp, not lamp")
    return "note", "It said ramp, not lamp"


PLACES = [*(simple(*row) for row in SIMPLE), plan_field_refused, close_field_refused,
          refused_decision_dialog, correction_dialog]


def box_text(app, box_id: str) -> str:
    box = app.screen.query_one(f"#{box_id}")
    return box.text if isinstance(box, TextArea) else box.value


@pytest.mark.parametrize("place", PLACES, ids=lambda f: f.__name__)
async def test_unsaved_text_makes_quit_ask_once(store, world, faults, place):
    app = CoprodApp(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        box_id, text = await place(pilot, app, faults, world)
        where = screen_name(app)
        await run(pilot, "ctrl+q")
        assert app.is_running, "Ctrl+Q threw away what was typed without asking"
        assert screen_name(app) == "QuitDialog"
        assert "Quit and lose what is not saved?" in screen_text(app)
        assert text[:20] in screen_text(app), "the question does not show what would be lost"
        await run(pilot, "escape")  # stay
        assert app.is_running and screen_name(app) == where
        assert box_text(app, box_id) == text
        await run(pilot, "ctrl+q")
        assert screen_name(app) == "QuitDialog"
        await run(pilot, "ctrl+q")  # asked once; Ctrl+Q again quits
        assert not app.is_running


async def test_a_refused_idea_is_not_lost_by_ctrl_q(store, data_dir, faults):
    """The finding itself: the disk refuses the idea, Ctrl+Q asks, staying keeps it, and
    it is saved once the disk clears."""
    group, file, people = live_session(store)
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await run(pilot)
        capture = app.screen.query_one("#capture")
        faults.fail("write", errno.ENOSPC)
        await type_into(pilot, "capture", "Lower the counter")
        await run(pilot, "enter")
        assert "the disk is full" in notifications(app)
        await run(pilot, "ctrl+q")
        assert screen_name(app) == "QuitDialog"
        assert "The idea in the box: Lower the counter" in screen_text(app)
        await run(pilot, "escape")
        assert app.is_running and capture.value == "Lower the counter"
        await run(pilot, "ctrl+q")
        await run(pilot, "enter")  # the button under the cursor is "Stay"
        assert screen_name(app) == "LiveScreen" and capture.value == "Lower the counter"
        faults.clear()
        capture.focus()
        await run(pilot, "enter")
        assert capture.value == ""
        await run(pilot, "ctrl+q")  # nothing unsaved now: quits at once
        assert not app.is_running
    assert [i.text for i in file.ideas()] == ["already here", "Lower the counter"]
    memory_matches_disk(store, file)


@pytest.mark.parametrize("where", ["home", "run", "untouched dialog", "plan"])
async def test_nothing_unsaved_quits_at_once(store, world, where):
    app = CoprodApp(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        if where != "home":
            await run(pilot)  # Run
        if where == "untouched dialog":
            await run(pilot, "f3")
            await run(pilot, "enter")  # a person's details, opened and left as they were
            assert screen_name(app) == "PersonDialog"
        elif where == "plan":
            await run(pilot, "f2")
            await type_into(pilot, "venue", "Hall 2")  # saved as it is typed
        await run(pilot, "ctrl+q")
        assert not app.is_running, f"quitting asked with nothing unsaved ({where})"


# -- a real disk that goes read-only under the running app ----------------------------------

READ_ONLY_UNDER_THE_APP = textwrap.dedent("""
    import asyncio, json, subprocess, sys
    from pathlib import Path
    from coprod_tui.app import CoprodApp
    from coprod_tui.store import open_store
    from tests.reliability.test_save_faults import live_session
    from tests.ui.helpers import screen_text

    disk = Path(sys.argv[1])
    root = disk / "data"
    report = {}
    store = open_store(root)
    group, file, people = live_session(store)

    async def go():
        app = CoprodApp(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("r")
            await pilot.pause()
            # The disk turns read-only (a bind mount over it, read-only: what the app
            # already holds open stays as it was, as when a disk is remounted).
            subprocess.run(["mount", "--bind", str(disk), str(disk)], check=True)
            subprocess.run(["mount", "-o", "remount,ro,bind", str(disk)], check=True)
            app.screen.query_one("#capture").value = "Typed as the disk went read-only"
            await pilot.press("enter")
            await pilot.pause()
            report["shown"] = screen_text(app)
            await pilot.press("ctrl+q")
            await pilot.pause()
            report["asked"] = type(app.screen).__name__
            await pilot.press("ctrl+q")
            await pilot.pause()
            report["quit"] = not app.is_running

    asyncio.run(go())
    try:
        store.close()  # what coprod_tui.app.run does once the app has ended
        report["closed"] = "quietly"
    except BaseException as exc:
        report["closed"] = repr(exc)
    subprocess.run(["umount", str(disk)], check=True)  # writable again
    try:
        with open_store(root) as again:
            report["ideas"] = [i.text for i in again.session(file.id).rows("ideas")]
    except Exception as exc:
        report["ideas"] = repr(exc)
    print("REPORT" + json.dumps(report))
""")


@needs_mount
def test_quitting_on_a_disk_gone_read_only_is_quiet(tmp_path):
    report = on_a_small_disk(tmp_path, READ_ONLY_UNDER_THE_APP, size="4m")
    assert report["closed"] == "quietly"  # not an error from removing .running
    assert "read-only disk" in report["shown"]
    assert "Typed as the disk went read-only" in report["shown"]  # still in the box
    assert report["asked"] == "QuitDialog" and report["quit"]
    assert report["ideas"] == ["already here"]
