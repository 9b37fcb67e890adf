"""A USB stick pulled and plugged in again (issue 11, finding F7 of the outside attack).

The stick comes back as the same file system, folder and inode, but under a new
device number, and the lock coprod held went with the old mount. The folder is
known again by what is in it (its inode, the marker's folder id, the ``.running``
note this copy wrote), the lock is taken again on it as it is now, and what was
typed meanwhile is saved. Another copy holding it now, another copy having used
it meanwhile, a copy of the folder and a new folder are never written into.

The real case runs on a loop-mounted ext4 image where the machine allows mounting
(root, ``losetup``, ``mount``); a simulation of the changed device number runs
everywhere.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from coprod_tui.app import CoprodApp
from coprod_tui.errors import FolderInUse, SaveError
from coprod_tui.service import Service
from coprod_tui.store import open_store
from coprod_tui.store import lock as lock_module
from tests.ui.helpers import screen_text, type_into

from .conftest import folder_bytes
from .test_folder_vanishes import GONE, NOT_OURS, ideas_on_disk, open_run
from .test_save_faults import live_session, memory_matches_disk, notifications

IN_USE = "another copy of coprod is using it now"
USED_MEANWHILE = "another copy of coprod used it meanwhile"


# -- a simulation: the same folder under another device number ---------------------------

class Remounted:
    """``os`` as lock.py sees it, where the data folder's disk can be "plugged in
    again": from then on every stat of it reports another device number. The lock
    held before is let go, as it would be by a mount that is gone (a lock on the old
    mount does not cover the new one)."""

    def __init__(self, root: Path) -> None:
        self.root = os.path.realpath(root)
        self.shift = 0

    def __getattr__(self, name: str):
        return getattr(os, name)

    def _moved(self, st: os.stat_result) -> os.stat_result:
        if not self.shift:
            return st
        values = list(st)
        values[2] += self.shift  # st_dev
        return os.stat_result(values)

    def stat(self, path, *args, **kwargs):
        st = os.stat(path, *args, **kwargs)
        here = os.path.realpath(path)
        return self._moved(st) if here == self.root or here.startswith(self.root + os.sep) \
            else st

    def fstat(self, fd):
        st = os.fstat(fd)
        return self._moved(st) if os.path.samestat(st, os.stat(self.root)) else st

    def plug_in_again(self, store) -> None:
        held = store._lock
        for fd in (held._fd, held._dir_fd):
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
        self.shift += 1000


@pytest.fixture
def remount(data_dir, monkeypatch) -> Remounted:
    fake = Remounted(data_dir)
    monkeypatch.setattr(lock_module, "os", fake)
    return fake


def test_the_same_folder_under_a_new_device_number_is_taken_back(store, data_dir, tmp_path,
                                                                 remount):
    group, file, people = live_session(store)
    away = tmp_path / "pulled"
    data_dir.rename(away)
    with pytest.raises(SaveError, match=GONE):
        file.add_idea("typed while the stick was out")
    away.rename(data_dir)
    remount.plug_in_again(store)
    file.add_idea("typed while the stick was out")  # the lock is taken again, then saved
    assert "typed while the stick was out" in ideas_on_disk(data_dir, file.id)
    with pytest.raises(FolderInUse):  # the lock is held again, on the folder as it is now
        open_store(data_dir)
    memory_matches_disk(store, file)


def test_another_copy_holding_the_folder_when_it_comes_back_is_never_undone(
        store, data_dir, remount):
    group, file, people = live_session(store)
    remount.plug_in_again(store)
    other = open_store(data_dir)  # another copy got there first
    try:
        before = folder_bytes(data_dir)
        with pytest.raises(SaveError, match=IN_USE):
            file.add_idea("not over their work")
        assert folder_bytes(data_dir) == before
    finally:
        other.close()
    # That copy has gone, but it used the folder meanwhile: still never written.
    with pytest.raises(SaveError, match=USED_MEANWHILE):
        file.add_idea("not over their work")
    assert "not over their work" not in ideas_on_disk(data_dir, file.id)


def test_a_forget_run_while_the_stick_was_elsewhere_is_never_undone(store, data_dir,
                                                                      remount):
    group, file, people = live_session(store)
    remount.plug_in_again(store)
    with open_store(data_dir) as other:  # the stick in another computer
        Service(other).forget(people[1].id)
    after_forget = folder_bytes(data_dir)
    with pytest.raises(SaveError, match=USED_MEANWHILE):
        file.add_idea("Bob Stone said yes")
    assert folder_bytes(data_dir) == after_forget


def test_a_copy_of_the_folder_in_its_place_is_never_written_into(store, data_dir, tmp_path,
                                                                   remount):
    """Same marker, same folder id, same .running note: a copy made while the app ran,
    plugged in instead. Its inode differs, so it is not ours."""
    group, file, people = live_session(store)
    copy = tmp_path / "copy"
    shutil.copytree(data_dir, copy)
    data_dir.rename(tmp_path / "original")
    copy.rename(data_dir)
    remount.plug_in_again(store)
    before = folder_bytes(data_dir)
    with pytest.raises(SaveError, match=NOT_OURS):
        file.add_idea("not into a copy")
    assert folder_bytes(data_dir) == before


def test_a_folder_opened_by_an_older_coprod_gets_an_id(data_dir):
    with open_store(data_dir):
        pass
    (data_dir / ".coprod").write_text(json.dumps({"format": "coprod data folder",
                                                  "version": 1}))
    with open_store(data_dir):
        pass
    marker = json.loads((data_dir / ".coprod").read_text())
    assert len(marker["id"]) == 32
    with open_store(data_dir):
        pass
    assert json.loads((data_dir / ".coprod").read_text())["id"] == marker["id"]


# -- the real thing: an ext4 image, unmounted and mounted again -----------------------------

def _run(*argv: str) -> str:
    return subprocess.run(argv, check=True, capture_output=True, text=True,
                          timeout=60).stdout.strip()


class Stick:
    """An ext4 image on a loop device, mounted at ``mount``.

    Pulled: unmounted lazily, as a pulled stick's mount lingers while coprod holds
    files on it. Plugged in again: what the stick held at that moment comes back on
    a new loop device (so a new device number), from a copy of the image. The old
    mount still has the old image to itself, so it can never write over the stick
    as it is now (a really pulled stick's old mount cannot write at all); mounting
    one image twice at once would let it.
    """

    def __init__(self, tmp_path: Path) -> None:
        self.folder = tmp_path
        self.mount = tmp_path / "usb"
        self.images: list[Path] = []
        self.loops: list[str] = []
        self.mounted = False

    def make(self) -> None:
        image = self.folder / "usb-0.img"
        with open(image, "wb") as f:
            f.truncate(32 * 2**20)
        _run("mkfs.ext4", "-q", "-F", str(image))
        self.mount.mkdir()
        self._plug(image)

    def _plug(self, image: Path) -> None:
        self.images.append(image)
        loop = _run("losetup", "--find", "--show", str(image))
        self.loops.append(loop)
        _run("mount", loop, str(self.mount))
        self.mounted = True

    def pull(self) -> None:
        _run("umount", "-l", str(self.mount))
        self.mounted = False

    def plug_in(self) -> None:
        image = self.folder / f"usb-{len(self.images)}.img"
        _run("cp", "--sparse=always", str(self.images[-1]), str(image))
        self._plug(image)

    def plug_in_another(self, data_name: str) -> None:
        """A different stick, holding a copy of the data folder made now (``cp -a``:
        same marker, same ``.running`` note, and, as the first folder made on a new
        ext4 stick, very likely the same inode)."""
        image = self.folder / f"usb-{len(self.images)}.img"
        with open(image, "wb") as f:
            f.truncate(32 * 2**20)
        _run("mkfs.ext4", "-q", "-F", str(image))
        other = self.folder / "other"
        other.mkdir()
        loop = _run("losetup", "--find", "--show", str(image))
        self.loops.append(loop)
        _run("mount", loop, str(other))
        try:
            _run("cp", "-a", str(self.mount / data_name), str(other / data_name))
        finally:
            _run("umount", str(other))
        self.pull()
        self.images.append(image)
        _run("mount", loop, str(self.mount))
        self.mounted = True

    def read_back(self) -> Path:
        """Unplug everything, then mount the stick as it is now on its own: what a
        later start of coprod would find on it."""
        self.clean_up()
        self.loops, self.images = [], self.images[-1:]
        self._plug(self.images[0])
        return self.mount

    def clean_up(self) -> None:
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.mount)], capture_output=True, timeout=60)
            self.mounted = False
        for loop in self.loops:
            subprocess.run(["losetup", "-d", loop], capture_output=True, timeout=60)


@pytest.fixture
def stick(tmp_path):
    if os.geteuid() != 0 or not all(shutil.which(t) for t in ("mkfs.ext4", "losetup",
                                                              "mount", "umount")):
        pytest.skip("mounting a disk image needs root and mkfs.ext4, losetup, mount")
    made = Stick(tmp_path)
    try:
        made.make()
    except (subprocess.CalledProcessError, OSError) as exc:
        made.clean_up()
        pytest.skip(f"this machine does not allow mounting a disk image ({exc})")
    yield made
    made.clean_up()


async def test_a_usb_stick_pulled_and_plugged_in_again(stick):
    data_dir = stick.mount / "coprod"
    store = open_store(data_dir)
    try:
        group, file, people = live_session(store)
        first_device = os.stat(data_dir).st_dev
        app = CoprodApp(store)
        async with app.run_test(size=(80, 24)) as pilot:
            capture = await open_run(app, pilot)
            await type_into(pilot, "capture", "Idea A before the stick is pulled")
            await pilot.press("enter")
            await pilot.pause()
            assert capture.value == "" and "Saved at" in screen_text(app)
            stick.pull()
            await type_into(pilot, "capture", "Idea B while it is out")
            await pilot.press("enter")
            await pilot.pause()
            assert capture.value == "Idea B while it is out"
            assert GONE in screen_text(app)
            stick.plug_in()
            assert os.stat(data_dir).st_dev != first_device  # a new device number
            capture.focus()
            await pilot.press("enter")
            await pilot.pause()
            assert capture.value == "", notifications(app)
            assert "Saved at" in screen_text(app)
            assert NOT_OURS not in screen_text(app)
            # The lock is held again, on the stick as it is mounted now.
            with pytest.raises(FolderInUse):
                open_store(data_dir)
            await type_into(pilot, "capture", "Idea C after")
            await pilot.press("enter")
            await pilot.pause()
            assert capture.value == ""
        memory_matches_disk(store, file)
    finally:
        store.close()
    # The stick on its own, mounted afresh: everything said to be saved is on it, and
    # coprod closed cleanly there (no .running left to say it crashed).
    data_dir = stick.read_back() / "coprod"
    assert ideas_on_disk(data_dir, file.id) == sorted([
        "already here", "Idea A before the stick is pulled", "Idea B while it is out",
        "Idea C after"])
    assert not (data_dir / ".running").exists()
    with open_store(data_dir) as again:
        assert again.problems == [] and not again.unclean_shutdown


async def test_a_stick_plugged_in_again_while_another_copy_uses_it(stick):
    data_dir = stick.mount / "coprod"
    store = open_store(data_dir)
    try:
        group, file, people = live_session(store)
        app = CoprodApp(store)
        async with app.run_test(size=(80, 24)) as pilot:
            capture = await open_run(app, pilot)
            stick.pull()
            stick.plug_in()
            with open_store(data_dir) as other:  # another copy got there first
                before = folder_bytes(data_dir)
                capture.value = "Not over their work"
                await pilot.press("enter")
                await pilot.pause()
                assert capture.value == "Not over their work"
                assert IN_USE in screen_text(app) and app.is_running
                assert folder_bytes(data_dir) == before
                Service(other).groups.add_group(name="Theirs")
            theirs = folder_bytes(data_dir)
            await pilot.press("enter")
            await pilot.pause()
            assert capture.value == "Not over their work"
            assert USED_MEANWHILE in notifications(app)
            assert folder_bytes(data_dir) == theirs
    finally:
        store.close()


async def test_a_copy_of_the_folder_on_another_stick_is_never_written_into(stick):
    """Another stick holding a copy of the folder, plugged in where the first one was:
    the same inode, marker and note, but another file system, so not ours."""
    data_dir = stick.mount / "coprod"
    store = open_store(data_dir)
    try:
        group, file, people = live_session(store)
        inode = os.stat(data_dir).st_ino
        app = CoprodApp(store)
        async with app.run_test(size=(80, 24)) as pilot:
            capture = await open_run(app, pilot)
            stick.plug_in_another("coprod")
            if os.stat(data_dir).st_ino != inode:
                pytest.skip("the copy got another inode; the simulation covers that case")
            before = folder_bytes(data_dir)
            capture.value = "Not into a copy"
            await pilot.press("enter")
            await pilot.pause()
            assert capture.value == "Not into a copy"
            assert NOT_OURS in screen_text(app) and app.is_running
            assert folder_bytes(data_dir) == before
    finally:
        store.close()
