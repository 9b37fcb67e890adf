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
from coprod_tui.screens.cards import CommentCardsScreen
from coprod_tui.screens.statements import StatementsScreen
from coprod_tui.service import Service
from tests.ui.helpers import ScreensAskedFor, screen_text, type_into, until

from .test_save_faults import (
    live_session, memory_matches_disk, needs_mount, notifications, on_a_small_disk,
)

#: The app's garbage collection after each screen is shown is skipped (tests/conftest.py).


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


async def open_place(pilot, app, file, where) -> None:
    """Open the running session where a facilitator's keys would leave it: a step (as
    Enter or its F-key leaves it: that step over Home, Run not drawn first) or a screen
    about the session that covers the step it is opened from, opened from Home."""
    if isinstance(where, str):
        app.screen.open_session(file.id, where)
    else:
        app.push_screen(where(file.id))
    await pilot.pause()


def simple(name, keys, focus, box_id, text):
    """A place to type something and not save it, on the screen its group opened (Home,
    a step, a screen about the session): keys pressed there (after focusing ``focus``),
    then ``text`` put in the box ``box_id``."""
    async def place(pilot, app, faults, world):
        if focus is not None:
            app.screen.query_one(f"#{focus}").focus()
        for key in keys:
            await run(pilot, key)
        typed_in(app, box_id, text)
        return box_id, text

    place.__name__ = name
    return place


async def plan_field_refused(pilot, app, faults, world):
    faults.fail("write", errno.ENOSPC)
    await type_into(pilot, "venue", "Hall 1")
    await until(pilot, lambda: "NOT SAVED" in screen_text(app))  # the autosave is refused
    return "venue", "Hall 1"


async def close_field_refused(pilot, app, faults, world):
    faults.fail("replace", errno.EROFS)
    await type_into(pilot, "next_venue", "Library")
    await until(pilot, lambda: "NOT SAVED" in screen_text(app))  # the autosave is refused
    return "next_venue", "Library"


async def refused_decision_dialog(pilot, app, faults, world):
    await run(pilot, "ctrl+g")
    typed_in(app, "text", "Open on Saturdays")
    typed_in(app, "reasons", "Carers work in the week")
    faults.fail("fsync", errno.EIO)
    await run(pilot, "ctrl+s")
    assert screen_name(app) == "DecisionDialog"
    return "text", "Open on Saturdays"


async def correction_dialog(pilot, app, faults, world):
    await run(pilot, "c")
    await run(pilot, "enter")  # the first record: the idea
    assert screen_name(app) == "CorrectDialog"
    typed_in(app, "note", "It said ramp, not lamp")
    return "note", "It said ramp, not lamp"


async def open_earlier(pilot, app, world) -> None:
    app.screen.open_session(world[2].id)  # the closed session, read only
    await pilot.pause()


def quiet(name, keys=(), typed=None, shows=None):
    """A place where nothing is left unsaved (a dialog opened and left as it was, a field
    saved as it is typed): Ctrl+Q there quits at once."""
    async def place(pilot, app, faults, world):
        for key in keys:
            await run(pilot, key)
        if typed is not None:
            await type_into(pilot, *typed)
        if shows is not None:
            assert screen_name(app) == shows, name
        return None

    place.__name__ = name
    return place


def refused(place):
    place.refused = True
    return place


#: (where, places): each step or screen (None: Home) is opened once for its places; each
#: place types its text (and opens its dialog), is asked about, and is undone (the dialog
#: popped, the box emptied) before the next. Where nothing is refused, Ctrl+Q's question
#: is caught as it is asked (which question, what it lists, what each answer does); where
#: the disk refused, it is shown, and answered with the keys (Escape, Ctrl+Q), as a
#: facilitator would. A refusal comes last on its screen, and the disk clears before the
#: next screen. Between places, and where nothing is typed, Ctrl+Q quits at once.
WALK = [
    (None, [
        quiet("home"),
        simple("group_dialog", ["g"], None, "name", "Young Carers Forum"),
        simple("new_session_dialog", ["n"], None, "title", "Spring planning day"),
    ]),
    ("live", [
        quiet("run"),
        simple("capture_box", [], None, "capture", "Ramps at the door"),
        simple("decision_dialog", ["ctrl+g"], None, "text", "Paint the hall green"),
        simple("action_dialog", ["ctrl+l"], None, "text", "Write to the head teacher"),
        refused(refused_decision_dialog),
    ]),
    ("setup", [
        simple("plan_agenda_item", [], None, "item-title", "Coffee break"),
        simple("agenda_item_dialog", ["enter"], "agenda", "title", "Only item, renamed"),
        simple("checklist_note_dialog", ["n"], "pre-checklist", "note",
               "Ask about the budget"),
        quiet("plan, a field saved as it is typed", typed=("venue", "Hall 2")),
        refused(plan_field_refused),
    ]),
    ("attendance", [
        quiet("untouched dialog", ["enter"], shows="PersonDialog"),
        simple("person_dialog", ["n"], None, "name", "Dee Newcomer"),
    ]),
    (CommentCardsScreen, [
        simple("comment_card", [], None, "card", "4 It really changed things"),
    ]),
    (StatementsScreen, [
        simple("statements", [], None, "evidence", "Everyone spoke at least twice"),
    ]),
    ("conduct", [simple("amend_conduct_dialog", ["m"], None, "note", "Phones on silent")]),
    ("followup", [
        simple("outcome_dialog", ["d"], "actions", "words", "The ramp was fixed in May"),
    ]),
    (open_earlier, [correction_dialog]),
    ("close", [refused(close_field_refused)]),
]


def box_text(app, box_id: str) -> str:
    box = app.screen.query_one(f"#{box_id}")
    return box.text if isinstance(box, TextArea) else box.value


def held_exit(app) -> list[bool]:
    """Record the app's exit instead of ending the run, so that one run can quit from
    many places: what Ctrl+Q decides is whether it calls exit. ``del app.exit`` lets
    the last place quit for real."""
    exits: list[bool] = []
    app.exit = lambda *args, **kwargs: exits.append(True)
    return exits


async def back_home(pilot, app) -> None:
    """Drop what this place holds (popped, not asked about) and start the next from Home."""
    while screen_name(app) != "HomeScreen":
        app.pop_screen()
    app.service.release_all()
    await pilot.pause()
    assert screen_name(app) == "HomeScreen"


async def undo(pilot, app, where: str, box_id: str | None) -> None:
    """Leave the place as it was before it was typed in: its dialog popped (not asked
    about), or its box emptied."""
    if screen_name(app) != where:
        while screen_name(app) != where:
            app.pop_screen()
    elif box_id is not None:
        typed_in(app, box_id, "")
    await pilot.pause()
    assert screen_name(app) == where


async def asks_once(pilot, app, place, box_id: str, text: str, exits: list[bool]) -> None:
    """Ctrl+Q asks, showing what would be lost; Escape stays with it all; Ctrl+Q asks
    again, and Ctrl+Q while asked quits."""
    name, where = place.__name__, screen_name(app)
    await run(pilot, "ctrl+q")
    assert app.is_running and not exits, f"{name}: Ctrl+Q threw away what was typed"
    assert screen_name(app) == "QuitDialog", name
    assert "Quit and lose what is not saved?" in screen_text(app), name
    assert text[:20] in screen_text(app), f"{name}: the question does not show what is lost"
    await run(pilot, "escape")  # stay
    assert app.is_running and screen_name(app) == where and not exits, name
    assert box_text(app, box_id) == text, name
    await run(pilot, "ctrl+q")
    assert screen_name(app) == "QuitDialog", name
    await run(pilot, "ctrl+q")  # asked once; Ctrl+Q again quits


async def asked_once(pilot, app, place, box_id: str, text: str, exits: list[bool]) -> None:
    """As ``asks_once``, with the question caught as it is asked rather than drawn: Ctrl+Q
    asks (the quit question, listing what would be lost); staying keeps it all; Ctrl+Q
    asks again, and quitting quits. (The question drawn and answered with its keys:
    the refused places of the same walk, and test_a_refused_idea_is_not_lost_by_ctrl_q.)"""
    from coprod_tui.screens.quit import QuitDialog

    name, where = place.__name__, screen_name(app)
    for answer in (False, True):  # stay, then quit
        with ScreensAskedFor(app) as asked:
            await run(pilot, "ctrl+q")
        assert app.is_running and not exits, f"{name}: Ctrl+Q threw away what was typed"
        assert asked.names == ["QuitDialog"], (name, asked.names)
        question = asked.screens[0]
        assert isinstance(question, QuitDialog)
        assert any(text[:20] in line for line in question._lost), \
            f"{name}: the question does not show what is lost: {question._lost}"
        asked.callbacks[0](answer)
        await pilot.pause()
        if not answer:
            assert app.is_running and screen_name(app) == where and not exits, name
            assert box_text(app, box_id) == text, name


async def open_where(pilot, app, world, where) -> None:
    if callable(where) and not isinstance(where, type):
        await where(pilot, app, world)
    elif where is not None:
        await open_place(pilot, app, world[1], where)


async def quits_at_once(pilot, app, name: str, exits: list[bool]) -> None:
    with ScreensAskedFor(app) as asked:
        await run(pilot, "ctrl+q")
    assert exits == [True] and asked.names == [], \
        f"quitting asked with nothing unsaved ({name}): {asked.names}"
    exits.clear()


async def test_unsaved_text_makes_quit_ask_once(store, world, faults):
    """Every place with a text box, and places with nothing unsaved, in one app run:
    each assertion names its place."""
    app = CoprodApp(store)
    last_place = WALK[-1][1][-1]
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        exits = held_exit(app)
        for where, places in WALK:
            await open_where(pilot, app, world, where)
            here = screen_name(app)
            for place in places:
                if place is last_place:
                    del app.exit  # the last one quits for real
                got = await place(pilot, app, faults, world)
                if got is None:  # nothing unsaved here
                    await quits_at_once(pilot, app, place.__name__, exits)
                    await undo(pilot, app, here, None)
                    continue
                box_id, text = got
                was_refused = getattr(place, "refused", False)
                await (asks_once if was_refused else asked_once)(pilot, app, place, box_id,
                                                                 text, exits)
                if place is last_place:
                    assert not app.is_running, place.__name__
                    break
                assert exits == [True], place.__name__  # quit, once
                exits.clear()
                if was_refused:  # the last place on its screen
                    faults.clear()
                    continue
                await undo(pilot, app, here, box_id)
                await quits_at_once(pilot, app, f"{place.__name__}, undone", exits)
            else:
                await back_home(pilot, app)


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
