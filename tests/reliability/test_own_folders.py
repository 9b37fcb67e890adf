"""coprod's own folders and files are never links (issue 11, finding F10 of the outside
attack).

With ``set-aside`` a link to /tmp/x, a damaged session was moved out of the data
folder (0755) while the message said "moved to set-aside/..."; with ``backups`` a
link, ``groups.previous.json`` was written outside and the link's target chmodded
0700. Now a link (or a file, or a pipe) in place of ``backups/`` or ``set-aside/``
is moved, as the link itself, into a real ``set-aside/`` and a real folder is made,
with a message; a link in place of ``sessions/`` is refused in one plain sentence
(setting it aside would make coprod open looking empty). Nothing outside the data
folder is ever written, moved or chmodded: every case compares the outside place,
bytes and modes, before and after.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from coprod_tui.app import CoprodApp
from coprod_tui.service import Service
from coprod_tui.store import open_store

from .edges import cli, cli_child, demo_folder, plain_failure, tree
from .test_save_faults import notifications


def outside_place(tmp_path: Path) -> Path:
    place = tmp_path / "outside"
    place.mkdir(mode=0o755)
    place.chmod(0o755)
    (place / "theirs.txt").write_text("someone else's file")
    (place / "theirs.txt").chmod(0o644)
    return place


def modes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): stat.S_IMODE(p.lstat().st_mode)
            for p in [folder, *folder.rglob("*")]}


def garbage_session(root: Path) -> None:
    (root / "sessions" / ("b" * 32 + ".json")).write_text("{ not a session")


def replace_with(path: Path, what: str, outside: Path) -> None:
    """Put ``what`` where coprod's own folder ``path`` was (its contents go outside)."""
    if path.exists():
        for child in path.iterdir():
            os.rename(child, outside / child.name)
        path.rmdir()
    if what == "link":
        path.symlink_to(outside, target_is_directory=True)
    elif what == "file":
        path.write_text("a file where a folder should be")
    elif what == "fifo":
        os.mkfifo(path)


@pytest.mark.parametrize("what", ["link", "file", "fifo"])
@pytest.mark.parametrize("folder", ["backups", "set-aside"])
def test_a_link_in_place_of_an_own_folder_is_moved_aside_never_followed(tmp_path, folder,
                                                                        what):
    root = demo_folder(tmp_path)[0]
    outside = outside_place(tmp_path)
    replace_with(root / folder, what, outside)
    garbage_session(root)  # something to set aside
    before, before_modes = tree(outside), modes(outside)
    # A write (demo) sets the damaged file aside and changes groups.json (so backups
    # gets the previous copy); the app's own start goes the same way.
    code, out, err = cli("demo", data_dir=root)
    assert code == 0, err
    with open_store(root) as store:
        Service(store).groups.add_group(name="One more")
    assert tree(outside) == before, "something was written outside the data folder"
    assert modes(outside) == before_modes, "something outside was chmodded"
    for name in ("backups", "set-aside"):
        path = root / name
        assert path.is_dir() and not path.is_symlink(), name
        assert stat.S_IMODE(path.lstat().st_mode) == 0o700, name
    kept = [p for p in (root / "set-aside").iterdir() if p.name.startswith(folder)]
    assert len(kept) == 1, list((root / "set-aside").iterdir())
    if what == "link":
        assert kept[0].is_symlink() and kept[0].resolve() == outside.resolve()
    assert f"{folder} in the data folder was" in err and str(kept[0].name) in err
    assert any(p.name.startswith("b" * 32) for p in (root / "set-aside").iterdir())
    assert (root / "backups" / "groups.previous.json").is_file()


def test_a_link_in_place_of_sessions_is_refused_plainly(tmp_path):
    root = demo_folder(tmp_path)[0]
    outside = outside_place(tmp_path)
    replace_with(root / "sessions", "link", outside)  # the sessions now live outside
    before, before_modes, inside = tree(outside), modes(outside), tree(root)
    for command in (("demo",), ("list",), ("search", "bus"), ("forget", "x", "--yes"), ()):
        code, out, err = cli(*command, data_dir=root)
        plain_failure(code, err)
        assert "sessions folder" in err and "link" in err, err
    assert tree(outside) == before and modes(outside) == before_modes
    assert tree(root) == inside


@pytest.mark.parametrize("name", [".lock", ".coprod", ".running", "groups.json",
                                  "index.sqlite3", "index.sqlite3-journal",
                                  "index.sqlite3-wal", "index.sqlite3-shm",
                                  "index.json", "search.json"])
def test_a_link_in_place_of_a_file_is_never_followed(tmp_path, name):
    root = demo_folder(tmp_path)[0]
    outside = outside_place(tmp_path)
    target = outside / "theirs.txt"
    (root / name).unlink(missing_ok=True)
    (root / name).symlink_to(target)
    before, before_modes = tree(outside), modes(outside)
    for command in (("list",), ("demo",), ("search", "bus"), ("list",)):
        code, out, err = cli(*command, data_dir=root)
        assert "Traceback" not in err
    assert tree(outside) == before, "something was written outside the data folder"
    assert modes(outside) == before_modes, "something outside was chmodded"


@pytest.mark.parametrize("what", ["link", "fifo"])
@pytest.mark.parametrize("name", [".lock", ".coprod"])
def test_a_link_or_pipe_in_place_of_the_lock_or_marker_is_set_aside(tmp_path, name, what):
    """Opening a FIFO named .lock would block for ever; a link there was refused with
    "free some space". Both are moved aside, unopened, and coprod starts."""
    root = demo_folder(tmp_path)[0]
    outside = outside_place(tmp_path)
    (root / name).unlink()
    if what == "link":
        (root / name).symlink_to(outside / "theirs.txt")
    else:
        os.mkfifo(root / name)
    before, before_modes = tree(outside), modes(outside)
    result = cli_child("demo", data_dir=root, timeout=60)  # a hang fails here
    assert result.returncode == 0, result.stderr
    assert f"{name} in the data folder was" in result.stderr
    kept = [p for p in (root / "set-aside").iterdir() if p.name.startswith(name)]
    assert len(kept) == 1 and stat.S_ISREG((root / name).lstat().st_mode)
    assert tree(outside) == before and modes(outside) == before_modes
    with open_store(root, read_only=True) as store:
        assert store.summaries()


async def test_the_app_starts_with_the_message_and_writes_nothing_outside(tmp_path):
    root = demo_folder(tmp_path)[0]
    outside = outside_place(tmp_path)
    replace_with(root / "backups", "link", outside)
    before = tree(outside)
    store = open_store(root)
    try:
        app = CoprodApp(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            shown = notifications(app)
            assert "backups in the data folder was a symbolic link" in shown
    finally:
        store.close()
    assert tree(outside) == before
