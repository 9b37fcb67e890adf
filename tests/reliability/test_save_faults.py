"""A disk that refuses a save never loses what is on screen (issue 8, part 2).

Faults are injected into ``coprod_tui.store.atomic`` (its ``os.open``,
``os.write``, ``os.fsync`` and ``os.replace``) because the tests may run as
root, where chmod stops nothing; real full and read-only disks are also used
where the machine allows it (a small tmpfs in a user namespace), and a chmod
0500 folder when not root. Each time: a plain message, the typed entry still
on screen, no partial or temp file, the memory copy equal to the disk, and a
retry that succeeds once the fault clears.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from coprod_tui.app import CoprodApp
from coprod_tui.errors import SaveError
from coprod_tui.store import open_store
from coprod_tui.templates import default_wording
from coprod_tui.service import Service
from tests.ui.helpers import said as notifications
from tests.ui.helpers import at_rest, screen_text, type_into, until

from . import budget
from .conftest import ROOT, child_env, temp_files

WORDING = default_wording()

REASONS = {errno.ENOSPC: "the disk is full",
           errno.EDQUOT: "the disk quota is used up",
           errno.EACCES: "not allowed to write",
           errno.EROFS: "read-only disk",
           errno.EIO: "the disk reported an error",
           errno.EFBIG: "bigger than this system allows"}
OPS = ("open", "write", "fsync", "replace")


def live_session(store):
    group = Service(store).groups.add_group(name="G", conduct="Be kind")
    file = Service(store).create_session(group.id, "Live one")
    file.add_agenda_item("Only item", 10)
    people = [Service(store).groups.add_person(group.id, name=name) for name in ("Ann Lee", "Bob Stone")]
    for person in people:
        file.mark(person.id, "present")
    file.start()
    file.add_idea("already here")
    return group, file, people


def disk_state(data_dir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data_dir)): p.read_bytes()
            for p in data_dir.rglob("*") if p.is_file() and p.name not in (".lock", ".running")}


def without_room(state: dict[str, bytes]) -> dict[str, bytes]:
    """The data folder's state without the room view's hand-over (a view, not data)."""
    return {name: data for name, data in state.items()
            if name not in ("room.json", ".room-view")}


def memory_matches_disk(store, file) -> None:
    """What the open store holds equals what a fresh reader finds on disk."""
    with open_store(store.root, read_only=True) as fresh:
        again = fresh.session(file.id)
        assert again.session == file.session
        for table in ("ideas", "decisions", "actions", "attendance", "turns"):
            assert [r.to_dict() for r in again.rows(table)] == [
                r.to_dict() for r in file.rows(table)], table
        assert fresh.groups.people() == store.groups.people()
        assert fresh.groups.groups() == store.groups.groups()


# -- the store, every operation and every refusal -------------------------------------------

SAVES = {
    "idea": lambda store, file, people: file.add_idea("lost?"),
    "decision": lambda store, file, people: file.add_decision("Paint it", "People asked"),
    "attendance": lambda store, file, people: file.mark(people[1].id, "apologies"),
    "hand up": lambda store, file, people: file.raise_hand(people[0].id),
    "session details": lambda store, file, people: file.update_details(venue="Room 2"),
    "new person": lambda store, file, people: Service(store).groups.add_person(file.session.group_id, name="Cat Moss"),
    "new session": lambda store, file, people: Service(store).create_session(file.session.group_id,
                                                                     "Another"),
}


def fault_cases() -> list:
    """(operation, the code each save in SAVES is refused with). The code changes only the
    words (``atomic._reason``): by default each operation's saves take the codes in turn,
    so each operation meets every code and every save; with --torture, every operation ×
    code × save."""
    codes = sorted(REASONS)
    if budget.TORTURE:
        return [pytest.param(op, [code] * len(SAVES), id=f"{code}-{op}")
                for code in codes for op in OPS]
    return [pytest.param(op, [codes[(k + n) % len(codes)] for n in range(len(SAVES))], id=op)
            for k, op in enumerate(OPS)]


@pytest.mark.parametrize(("op", "codes"), fault_cases())
def test_a_refused_save_changes_nothing_and_can_be_retried(store, data_dir, faults, op,
                                                           codes):
    group, file, people = live_session(store)
    for (what, save), code in zip(SAVES.items(), codes, strict=True):
        before = disk_state(data_dir)
        faults.fail(op, code)
        with pytest.raises(SaveError) as refused:
            save(store, file, people)
        message = str(refused.value)
        assert REASONS[code] in message and "Nothing was lost" in message, (what, message)
        assert "Ann Lee" not in message and "Traceback" not in message
        faults.clear()
        assert disk_state(data_dir) == before, f"{what}: a refused save changed the disk"
        assert not temp_files(data_dir), f"{what}: a temp file was left"
        memory_matches_disk(store, file)
        save(store, file, people)  # the disk is back: the same save works
        memory_matches_disk(store, file)
    assert [i.text for i in file.ideas()] == ["already here", "lost?"]


def test_a_refused_index_write_never_fails_a_save_or_the_session_list(store, data_dir):
    group, file, people = live_session(store)
    store.refresh(store.session(file.id))
    # SQLite's own full disk: the index may not grow by a single page.
    pages = store.index.conn.execute("PRAGMA page_count").fetchone()[0]
    store.index.conn.execute(f"PRAGMA max_page_count = {pages}")
    new = Service(store).create_session(group.id, "Made on a nearly full disk")
    new.start()
    new.add_idea("saved even though the index is not " + "words " * 20_000)
    assert not store.refresh(store.session(new.id))  # the index did refuse it
    listed = {s.id: s for s in store.summaries()}
    assert listed[new.id].ideas == 1  # listed from the session itself
    assert (data_dir / "sessions" / f"{new.id}.json").is_file()
    store.close()
    with open_store(data_dir) as again:  # room again: the index catches up
        assert again.problems == []
        assert [s.title for s in again.summaries() if s.id == new.id] == [
            "Made on a nearly full disk"]
        assert again.search("index is not")


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_opening_a_folder_on_a_refusing_disk_is_a_plain_sentence(data_dir, faults, code):
    with open_store(data_dir) as store:
        Service(store).groups.add_group(name="G")
    faults.fail("open", code)
    with pytest.raises(SaveError) as refused:
        open_store(data_dir)
    assert str(refused.value).startswith(f"Could not open the data folder {data_dir} because")
    assert REASONS[code] in str(refused.value)
    faults.clear()
    with open_store(data_dir) as store:  # and once it clears, it opens
        assert [g.name for g in store.groups.groups()] == ["G"]


def test_an_export_to_a_refusing_folder_is_a_plain_sentence(store, tmp_path, faults,
                                                            monkeypatch):
    from coprod_tui import placing
    from coprod_tui.exports.formats import export_session

    monkeypatch.setattr(placing, "os", faults)  # an export writes its own temp file
    group, file, people = live_session(store)
    out = tmp_path / "out"
    out.mkdir()
    faults.fail("write", errno.ENOSPC)
    with pytest.raises(SaveError, match="the disk is full"):
        export_session(Service(store), file.id, "minutes", out, wording=WORDING)
    assert list(out.iterdir()) == []
    faults.clear()
    assert export_session(Service(store), file.id, "minutes", out, wording=WORDING).exists()


# -- through the real UI ------------------------------------------------------------------------

async def test_run_keeps_what_is_typed_on_a_disk_that_refuses(store, data_dir, faults):
    """Run's entries on a disk that refuses, one after the other in one app run (each
    part's assertions name it): a typed idea stays in the box, a decision's and an
    action's dialogs stay open with their text, a refused hand up can be raised again;
    each is saved once the disk clears."""
    group, file, people = live_session(store)
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen"
        await a_typed_idea_stays_in_the_box_until_it_can_be_saved(pilot, app, store,
                                                                  data_dir, faults, file)
        await a_decision_dialog_stays_open_with_its_text(pilot, app, store, data_dir,
                                                         faults, file)
        await an_action_dialog_stays_open_with_its_text(pilot, app, data_dir, faults, file)
        await a_refused_hand_up_can_be_raised_again(pilot, app, faults)
    assert [i.text for i in file.ideas()] == ["already here"] + [
        f"Ramps ({n})" for n in range(3)]
    assert [d.reasons for d in file.decisions()] == ["Asked (0)", "Asked (1)"]
    assert [a.owner for a in file.actions()] == ["Participation team"]
    memory_matches_disk(store, file)


async def a_typed_idea_stays_in_the_box_until_it_can_be_saved(pilot, app, store, data_dir,
                                                              faults, file):
    part = "a typed idea"
    capture = app.screen.query_one("#capture")
    for n, (code, op) in enumerate([(errno.ENOSPC, "fsync"), (errno.EACCES, "open"),
                                    (errno.EROFS, "replace")]):
        idea = f"Ramps ({n})"
        await at_rest(pilot)  # the room view's hand-over of the last save is written
        before = disk_state(data_dir)
        faults.fail(op, code)
        if n == 0:
            await type_into(pilot, "capture", idea, keys=True)  # typed key by key
        else:
            capture.value = idea  # as a paste arrives
        await pilot.press("enter")
        await pilot.pause()
        assert capture.value == idea, f"{part}: the typed idea left the box"
        assert REASONS[code] in notifications(app), part
        assert "NOT SAVED" in screen_text(app), part
        await at_rest(pilot)
        assert disk_state(data_dir) == before and not temp_files(data_dir), part
        memory_matches_disk(store, file)
        faults.clear()
        capture.focus()
        await pilot.press("enter")  # the same entry, once more
        await pilot.pause()
        assert capture.value == "", part
        assert "Saved at" in screen_text(app) and f"IDEA · Anonymous: {idea}" in \
            screen_text(app), part


async def a_decision_dialog_stays_open_with_its_text(pilot, app, store, data_dir, faults,
                                                     file):
    part = "a decision dialog"
    for n, op in enumerate(["write", "replace"]):
        await pilot.press("ctrl+g")
        await pilot.pause()
        dialog = app.screen
        text, reasons = f"Paint it ({n})", f"Asked ({n})"
        if n == 0:
            await type_into(pilot, "text", text)
            await type_into(pilot, "reasons", reasons)
        else:
            dialog.query_one("#text").text = text
            dialog.query_one("#reasons").text = reasons
        await at_rest(pilot)
        before = disk_state(data_dir)
        faults.fail(op, errno.ENOSPC)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog, f"{part}: the dialog closed on a failed save"
        assert dialog.query_one("#text").text == text, part
        assert dialog.query_one("#reasons").text == reasons, part
        assert "Not saved: Could not save the session because the disk is full" in \
            screen_text(app), part
        await at_rest(pilot)
        assert disk_state(data_dir) == before and not temp_files(data_dir), part
        memory_matches_disk(store, file)
        faults.clear()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen", part
        assert f"DECISION: {text}" in screen_text(app), part


async def an_action_dialog_stays_open_with_its_text(pilot, app, data_dir, faults, file):
    part = "an action dialog"
    await pilot.press("ctrl+l")
    await pilot.pause()
    app.screen.query_one("#text", Input).value = "Write to the head teacher"
    app.screen.query_one("#owner_text", Input).value = "Participation team"
    app.screen.query_one("#source", Select).value = "__nothing__"
    faults.fail("open", errno.EROFS)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert type(app.screen).__name__ == "ActionDialog", part
    assert app.screen.query_one("#text", Input).value == "Write to the head teacher", part
    assert "read-only disk" in screen_text(app), part
    await at_rest(pilot)
    assert file.actions() == [] and not temp_files(data_dir), part
    faults.clear()
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert type(app.screen).__name__ == "LiveScreen", part


async def a_refused_hand_up_can_be_raised_again(pilot, app, faults):
    part = "a hand up"
    faults.fail("fsync", errno.EIO)
    await pilot.press("ctrl+r")
    await pilot.pause()
    await pilot.press(*"bob", "enter")
    await pilot.pause()
    assert "the disk reported an error" in notifications(app), part
    assert "No hands up" in screen_text(app), part
    faults.clear()
    await pilot.press("ctrl+r")
    await pilot.pause()
    await pilot.press(*"bob", "enter")
    await pilot.pause()
    assert "1. Bob Stone" in screen_text(app), part


async def test_a_typed_field_that_could_not_be_saved_is_saved_when_the_disk_clears(
        store, data_dir, faults):
    """The Plan step saves fields as they are typed: a refused one is tried again
    (shortly, on leaving the box, and on quitting), never silently dropped."""
    group, file, people = live_session(store)
    stored = store.session(file.id)  # made planned again, behind the service's back
    stored.put_session(stored.session.replace(status="planned"))
    app = CoprodApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.open_session(file.id, "setup")
        await pilot.pause()
        assert type(app.screen).__name__ == "SetupScreen"
        faults.fail("write", errno.ENOSPC)
        await type_into(pilot, "venue", "Hall 1")
        await until(pilot, lambda: "NOT SAVED" in screen_text(app))  # the autosave fires
        assert "NOT SAVED" in screen_text(app) and "the disk is full" in notifications(app)
        assert app.screen.query_one("#venue", Input).value == "Hall 1"
        await at_rest(pilot)
        assert file.session.venue == "" and not temp_files(data_dir)
        memory_matches_disk(store, file)
        faults.clear()
        app.screen.query_one("#title").focus()  # leaving the box tries again
        await pilot.pause()
        assert file.session.venue == "Hall 1"
        assert "Saved at" in screen_text(app)
    memory_matches_disk(store, file)


async def test_starting_a_planned_session_on_a_full_disk(store, data_dir, faults, seconds):
    """Viewing Run never starts a planned session (nothing is written); the start an
    idea asks for is refused on a full disk like any other change: a plain message, no
    crash, the idea kept in the box, and both saved once the disk clears."""
    group, file, people = live_session(store)
    stored = store.session(file.id)  # made planned again, behind the service's back
    stored.put_session(stored.session.replace(status="planned", started_at=None))
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        before = disk_state(data_dir)
        app.screen.open_session(file.id, "live")
        await seconds(pilot)  # and Run's once-a-second work has run
        assert app.is_running and type(app.screen).__name__ == "LiveScreen"
        # Nothing of the session is written (the room view's hand-over may follow the step).
        assert file.session.status == "planned"
        await at_rest(pilot)
        assert without_room(disk_state(data_dir)) == without_room(before)
        assert not temp_files(data_dir)
        faults.fail("write", errno.ENOSPC)
        capture = app.screen.query_one("#capture")
        capture.value = "Start on time"
        await pilot.press("enter")  # today is its day: it starts without asking
        await pilot.pause()
        assert "the disk is full" in notifications(app)
        assert "NOT SAVED" in screen_text(app) and "has started" not in notifications(app)
        assert capture.value == "Start on time" and file.session.status == "planned"
        await at_rest(pilot)
        assert without_room(disk_state(data_dir)) == without_room(before)
        assert not temp_files(data_dir)
        memory_matches_disk(store, file)
        faults.clear()
        await pilot.press("enter")  # the start, then the idea
        await pilot.pause()
        assert capture.value == "" and "The session has started." in notifications(app)
        assert "Saved at" in screen_text(app)
    assert file.session.status == "live"
    assert [i.text for i in file.ideas()] == ["already here", "Start on time"]
    memory_matches_disk(store, file)


# -- real refusing disks --------------------------------------------------------------------------

def _can_mount() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c",
                            "d=$(mktemp -d) && mount -t tmpfs -o size=64k none $d && "
                            "umount $d && rmdir $d"], capture_output=True, timeout=30)
    return probe.returncode == 0


needs_mount = pytest.mark.skipif(not _can_mount(),
                                 reason="no user namespaces here to mount a small disk")

REAL_DISK = textwrap.dedent("""
    import errno, json, os, subprocess, sys
    from pathlib import Path
    from coprod_tui.errors import SaveError
    from coprod_tui.service import Service
    from coprod_tui.store import open_store

    root = Path(sys.argv[1]) / "data"
    report = {}
    store = open_store(root)
    group = Service(store).groups.add_group(name="G")
    file = Service(store).create_session(group.id, "On a small disk")
    file.start()
    saved = []
    # Fill the disk with ideas until it refuses one.
    n = 0
    while True:
        n += 1
        try:
            saved.append(file.add_idea(f"idea {n} " + "words " * 400).id)
        except SaveError as exc:
            report["full"] = str(exc)
            break
    report["memory"] = [i.id for i in file.ideas()] == saved
    report["temps"] = [p.name for p in root.rglob("*.coprod-tmp")]
    on_disk = json.loads((root / "sessions" / f"{file.id}.json").read_text())
    report["disk"] = sorted(d["id"] for d in on_disk["ideas"].values()) == sorted(saved)
    # Free some space (a file outside coprod), and the same save works.
    os.remove(Path(sys.argv[1]) / "ballast")
    file.add_idea("after the space was freed")
    report["retried"] = file.ideas()[-1].text
    # Now a read-only disk (remounting needs no file open for writing: the lock is).
    store.close()
    subprocess.run(["mount", "-o", "remount,ro", sys.argv[1]], check=True)
    try:
        open_store(root)
    except SaveError as exc:
        report["ro_open"] = str(exc)
    with open_store(root, read_only=True) as reader:  # reading still works
        report["ro_read"] = [s.ideas for s in reader.summaries()]
    import contextlib, io
    from coprod_tui.cli import main
    report["ro_list"] = main(["--data-dir", str(root), "list"])
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        report["ro_demo"] = main(["--data-dir", str(root), "demo"])
    report["ro_demo_err"] = err.getvalue()
    subprocess.run(["mount", "-o", "remount,rw", sys.argv[1]], check=True)
    os.remove(Path(sys.argv[1]) / "ballast2")
    with open_store(root) as again:
        Service(again).session(file.id).add_idea("writable again")
        report["rw"] = [i.text for i in again.session(file.id).rows("ideas")][-2:]
    print("REPORT" + json.dumps(report))
""")


def on_a_small_disk(tmp_path, script: str, *, size: str, fill: str = "") -> dict:
    """Run ``script`` (given the disk's folder) as root of its own user and mount
    namespaces, on a fresh tmpfs of ``size`` (``fill``: shell run first); its REPORT."""
    path = tmp_path / "on_a_small_disk.py"
    path.write_text(script)
    disk = tmp_path / "disk"
    disk.mkdir()
    shell = (f"mount -t tmpfs -o size={size} none {disk} && {fill.format(disk=disk)} "
             f"{sys.executable} {path} {disk}")
    out = subprocess.run(["unshare", "-rm", "sh", "-c", shell], capture_output=True,
                         text=True, timeout=300, cwd=ROOT, env=child_env())
    line = next((l for l in out.stdout.splitlines() if l.startswith("REPORT")), None)
    assert line, out.stderr[-3000:]
    assert "Traceback" not in out.stderr, out.stderr[-3000:]
    return json.loads(line[len("REPORT"):])


@needs_mount
def test_a_real_full_then_read_only_disk(tmp_path):
    report = on_a_small_disk(tmp_path, REAL_DISK, size="1m",
                             fill="head -c 300000 /dev/zero > {disk}/ballast && "
                                  "head -c 300000 /dev/zero > {disk}/ballast2 &&")
    assert "the disk is full" in report["full"] and "Nothing was lost" in report["full"]
    assert report["memory"] and report["disk"] and report["temps"] == []
    assert report["retried"] == "after the space was freed"
    assert "Could not open the data folder" in report["ro_open"]
    assert "read-only disk" in report["ro_open"]
    assert report["ro_read"] and report["ro_list"] == 0
    assert report["ro_demo"] == 2 and "read-only disk" in report["ro_demo_err"]
    assert "Traceback" not in report["ro_demo_err"]
    assert report["rw"] == ["after the space was freed", "writable again"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod 0500")
def test_a_real_read_only_folder_when_not_root(store, data_dir):
    group, file, people = live_session(store)
    before = disk_state(data_dir)
    os.chmod(data_dir / "sessions", 0o500)
    try:
        with pytest.raises(SaveError, match="not allowed to write"):
            file.add_idea("refused")
        assert [i.text for i in file.ideas()] == ["already here"]
        assert disk_state(data_dir) == before and not temp_files(data_dir)
    finally:
        os.chmod(data_dir / "sessions", 0o700)
    file.add_idea("allowed again")
    memory_matches_disk(store, file)
