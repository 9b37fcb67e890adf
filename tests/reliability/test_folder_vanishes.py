"""The data folder vanishes under the running app, and comes back (issue 11, finding 4).

A pulled USB stick or a folder moved while coprod runs: the session stays
loaded and correct in memory, nothing re-reads a file it cannot trust (the
one-second clock reads memory), what was typed stays on screen with a plain
message, and it is saved once the folder is back. A folder that comes back as
a *different* folder (a new empty one, or another copy's data) is never
written into: coprod says so and keeps what is on screen.
"""

from __future__ import annotations

import errno
import json

import pytest
from textual.widgets import Input

from coprod_tui.app import CoprodApp
from coprod_tui.errors import SaveError
from coprod_tui.store import open_store
from coprod_tui.service import Service
from tests.conftest import run_cli
from tests.ui.helpers import at_rest, screen_text, searched, type_into, until

from .conftest import folder_bytes, temp_files
from .test_save_faults import SAVES, live_session, memory_matches_disk, notifications

GONE = "cannot be reached"
NOT_OURS = "not the data folder coprod opened"


def ideas_on_disk(data_dir, session_id) -> list[str]:
    raw = json.loads((data_dir / "sessions" / f"{session_id}.json").read_text("utf-8"))
    return sorted(doc["text"] for doc in raw["ideas"].values())


async def open_run(app, pilot) -> Input:
    await pilot.press("r")
    await pilot.pause()
    assert type(app.screen).__name__ == "LiveScreen"
    return app.screen.query_one("#capture")


TABLES = ("ideas", "decisions", "actions", "attendance", "turns")


def test_a_refused_write_puts_memory_back_without_reading_the_disk(store, data_dir,
                                                                    tmp_path):
    """Every kind of change, refused because the folder is gone: the memory copy is the
    last durable state again, and no file is read to get it (TinyDB changes its dict
    in place before it writes, so the storage keeps what the disk held)."""
    group, file, people = live_session(store)
    session, rows = file.session, {t: file.rows(t) for t in TABLES}
    groups, everyone = store.groups.groups(), store.groups.people()
    reads = []
    # (The index is not among them: it is an SQLite file read through the descriptor
    # it was opened with, the same file wherever its folder went, and SQLite itself
    # refuses to write a file that has moved.)
    for table_file in (store.session(file.id), store.groups):
        storage = table_file._storage
        storage._loader = lambda path, load=storage._loader: reads.append(path) or load(path)
    data_dir.rename(tmp_path / "away")
    for what, save in SAVES.items():
        with pytest.raises(SaveError, match=GONE):
            save(store, file, people)
        assert file.session == session, what
        assert {t: file.rows(t) for t in TABLES} == rows, what
        assert store.groups.groups() == groups and store.groups.people() == everyone, what
    assert [s.title for s in store.summaries()] == ["Live one"]
    assert reads == [], "a file was read again after a refused write"


async def test_run_keeps_what_is_typed_while_the_folder_is_away(store, data_dir, tmp_path,
                                                                 faults, seconds):
    """On Run, one after the other in one app run (each part's assertions name it): the
    folder vanishes and comes back; it comes back read-only, then writable; a different
    folder stands in its place and is never written into. Each time the typed idea is
    kept, and saved once the real folder is back."""
    group, file, people = live_session(store)
    file.go_to_item(file.session.agenda[0].id)  # the agenda clock is running
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        capture = await open_run(app, pilot)
        await the_folder_vanishes_and_comes_back_and_the_idea_is_saved(
            pilot, app, capture, file, data_dir, tmp_path / "moved-away", seconds)
        await the_folder_comes_back_read_only_then_writable(
            pilot, app, capture, store, file, data_dir, tmp_path / "moved-away-2", faults)
        theirs = await a_different_folder_in_its_place_is_never_written_into(
            pilot, app, capture, data_dir, tmp_path / "moved-away-3",
            tmp_path / "the-new-folder", seconds)
    assert ideas_on_disk(data_dir, file.id) == sorted([
        "already here", "Ramps at the front door and a bell", "Quiet room for breaks",
        "Hearing loop in the hall"])
    assert folder_bytes(tmp_path / "the-new-folder") == theirs
    memory_matches_disk(store, file)


async def the_folder_vanishes_and_comes_back_and_the_idea_is_saved(pilot, app, capture, file,
                                                                   data_dir, away, seconds):
    part = "the folder vanishes and comes back"
    idea = "Ramps at the front door"
    # The room view's hand-over is written on a thread a moment after each change: a
    # folder moved while it is written keeps its temp file (tidied at the next start).
    # Each part starts from a folder at rest, so what it finds is its own doing.
    await at_rest(pilot)
    data_dir.rename(away)  # the stick is pulled / the folder is moved
    await type_into(pilot, "capture", idea)
    await pilot.press("enter")
    await seconds(pilot, 2)  # the clock ticks, and the room view is looked for, twice
    assert app.is_running and app._exception is None, part
    assert capture.value == idea, f"{part}: the typed idea left the box"
    shown = screen_text(app)
    assert "NOT SAVED" in shown and GONE in shown, part
    assert GONE in notifications(app) and "Traceback" not in shown, part
    assert "Item 1 of 1: Only item" in shown, part  # the clock still runs, from memory
    # Keep typing, try again: still refused, still kept, said once.
    await pilot.press(*" and a bell")
    await pilot.press("enter")
    await seconds(pilot)  # nor does the once-a-second work say it again
    assert capture.value == idea + " and a bell", part
    assert notifications(app).count(GONE) == 1, part
    await pilot.press("f7")  # going to another step would drop the box: it stays
    await pilot.pause()
    assert type(app.screen).__name__ == "LiveScreen" and capture.value.endswith("bell"), part
    assert [i.text for i in file.ideas()] == ["already here"], part
    assert not data_dir.exists(), f"{part}: something recreated the data folder"
    away.rename(data_dir)  # the folder is back
    capture.focus()
    await pilot.press("enter")
    await pilot.pause()
    assert capture.value == "", part
    assert "Saved at" in screen_text(app), part
    assert f"IDEA · Ann Lee: {idea} and a bell" in screen_text(app) or \
        f"{idea} and a bell" in screen_text(app), part
    assert "Ramps at the front door and a bell" in ideas_on_disk(data_dir, file.id), part


async def the_folder_comes_back_read_only_then_writable(pilot, app, capture, store, file,
                                                        data_dir, away, faults):
    part = "the folder comes back read-only"
    await at_rest(pilot)
    data_dir.rename(away)
    capture.value = "Quiet room for breaks"
    await pilot.press("enter")
    await until(pilot, lambda: GONE in screen_text(app))
    away.rename(data_dir)
    faults.fail("open", errno.EROFS)  # back, but read-only
    await pilot.press("enter")
    await until(pilot, lambda: "read-only disk" in screen_text(app))
    assert capture.value == "Quiet room for breaks", part
    assert "read-only disk" in screen_text(app) and app.is_running, part
    await at_rest(pilot)
    assert not temp_files(data_dir), part
    memory_matches_disk(store, file)
    faults.clear()  # writable again
    await pilot.press("enter")
    await pilot.pause()
    assert capture.value == "" and "Saved at" in screen_text(app), part
    assert "Quiet room for breaks" in ideas_on_disk(data_dir, file.id), part


async def a_different_folder_in_its_place_is_never_written_into(pilot, app, capture,
                                                                data_dir, away, elsewhere,
                                                                seconds):
    """The path comes back as a new empty folder, and then another copy of coprod
    fills it with its own data: the running app writes nothing there, says why,
    keeps what is on screen, and saves it once the real folder is back."""
    part = "a different folder in its place"
    await at_rest(pilot)
    data_dir.rename(away)
    data_dir.mkdir(mode=0o700)  # an empty folder where ours was
    capture.value = "Hearing loop in the hall"
    await pilot.press("enter")
    await seconds(pilot)  # and the once-a-second work has looked at it too
    assert capture.value == "Hearing loop in the hall", part
    assert NOT_OURS in screen_text(app) and NOT_OURS in notifications(app), part
    assert list(data_dir.iterdir()) == [], f"{part}: the app wrote into a folder not its own"
    # Another copy of coprod now uses the new folder (it is not locked: it is new).
    made = run_cli("demo", data_dir=data_dir)
    assert made.returncode == 0, made.stderr
    theirs = folder_bytes(data_dir)
    await pilot.press("enter")
    await pilot.press("ctrl+r")  # a hand up: a different kind of change
    await pilot.pause()
    await pilot.press(*"bob", "enter")
    await seconds(pilot)
    assert NOT_OURS in screen_text(app) and app.is_running, part
    assert folder_bytes(data_dir) == theirs, f"{part}: the app changed another copy's folder"
    # The real folder comes back.
    data_dir.rename(elsewhere)
    away.rename(data_dir)
    capture.focus()
    await pilot.press("enter")
    await pilot.pause()
    assert capture.value == "" and "Saved at" in screen_text(app), part
    return theirs


async def test_home_and_other_screens_survive_a_vanished_folder(store, data_dir, tmp_path):
    """Going back Home, opening another session, the follow-up and actions lists, history
    and search while the folder is away: plain messages, never a crash."""
    group, file, people = live_session(store)
    other = Service(store).create_session(group.id, "Closed earlier", date="2020-01-01")
    other.start()
    other.add_action("Fix the ramp")
    other.release()
    app = CoprodApp(store)
    away = tmp_path / "moved-away"
    async with app.run_test(size=(100, 30)) as pilot:
        await open_run(app, pilot)
        data_dir.rename(away)
        for key in ("f5", "f7", "f3", "f2", "f6"):  # steps of the open session
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("escape")  # Run → Follow up
        await pilot.pause()
        app.action_home()
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        app.screen.open_session(other.id)
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert GONE in notifications(app)
        for key in ("a", "escape", "h", "escape", "s"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press(*"ramp")
        await searched(pilot)
        assert app.is_running and app._exception is None
        away.rename(data_dir)
    with open_store(data_dir, read_only=True) as again:
        assert again.problems == []
        assert [i.text for i in again.session(file.id).rows("ideas")] == ["already here"]
