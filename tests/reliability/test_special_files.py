"""Special files in the data folder (issue 11, findings 9 and 10).

Setting a file aside never follows a symbolic link (the file a link points to
keeps its mode and bytes; the link itself is moved). A folder, named pipe
(FIFO), socket or link named ``*.json`` in ``sessions/``, or in place of
``groups.json``, the index ``index.sqlite3`` or its journal, or the older
``index.json`` or ``search.json``, is named in a plain message
and set aside without being opened: it never blocks the rest of the folder,
never hangs ``coprod list`` (a FIFO would), and never gives the wrong "free some
space" message. A command that meets a FIFO runs in a child with a timeout (were
it to open the pipe, it would wait for a writer for ever); the others, and every
command once the FIFO is set aside, run in this process (``cli``).
"""

from __future__ import annotations

import os
import socket
import stat
import tempfile
from pathlib import Path

import pytest

from coprod_tui.store import open_store

from .edges import cli, cli_child, demo_folder

ODD_ID = "a" * 32


@pytest.fixture
def demo_root(tmp_path) -> tuple[Path, list[str]]:
    return demo_folder(tmp_path)


def make_special(path: Path, kind: str, tmp_path: Path) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
        (path / "inside.txt").write_text("kept")
    elif kind == "socket":
        # A socket's address is short (108 bytes): made in a short folder, then moved.
        short = Path(tempfile.mkdtemp(prefix="s", dir="/tmp"))
        sock = socket.socket(socket.AF_UNIX)
        try:
            sock.bind(str(short / "s"))
            os.rename(short / "s", path)
        finally:
            sock.close()
            short.rmdir()
    elif kind == "dangling link":
        path.symlink_to(tmp_path / "nowhere")
    elif kind == "link to a file outside":
        outside = tmp_path / "outside.txt"
        outside.write_text("someone else's file")
        outside.chmod(0o644)
        path.symlink_to(outside)
    else:  # pragma: no cover
        raise AssertionError(kind)


def run(kind: str, *args: str, data_dir: Path) -> tuple[int, str, str]:
    """The command line, in a child with a timeout where a FIFO could hang it."""
    if kind == "fifo":
        child = cli_child(*args, data_dir=data_dir, timeout=30)
        return child.returncode, child.stdout, child.stderr
    return cli(*args, data_dir=data_dir)


KINDS = ["fifo", "folder", "socket", "dangling link", "link to a file outside"]
WORDS = {"fifo": "a named pipe (FIFO)", "folder": "a folder", "socket": "a socket",
         "dangling link": "a symbolic link", "link to a file outside": "a symbolic link"}


def test_setting_aside_a_linked_session_file_leaves_what_it_points_to_alone(
        demo_root, tmp_path):
    root, sids = demo_root
    outside = tmp_path / "precious.txt"
    outside.write_text("not a session, and not coprod's to change")
    outside.chmod(0o644)
    link = root / "sessions" / f"{ODD_ID}.json"
    link.symlink_to(outside)
    code, out, err = cli("list", data_dir=root)
    assert code == 0, err
    assert stat.S_IMODE(outside.stat().st_mode) == 0o644  # once chmodded to 0600
    assert outside.read_text() == "not a session, and not coprod's to change"
    moved = list((root / "set-aside").iterdir())
    assert len(moved) == 1 and moved[0].is_symlink()
    assert moved[0].resolve() == outside.resolve()
    assert f"sessions/{ODD_ID}.json is a symbolic link" in err


def test_set_aside_moves_a_link_and_never_chmods_its_target(store, tmp_path):
    outside = tmp_path / "target.txt"
    outside.write_text("x")
    outside.chmod(0o640)
    link = store.root / "groups-link.json"
    link.symlink_to(outside)
    moved = store.root / store.set_aside(link)
    assert moved.is_symlink() and not os.path.lexists(link)
    assert stat.S_IMODE(outside.stat().st_mode) == 0o640


@pytest.mark.parametrize("kind", KINDS)
def test_a_special_file_in_sessions_is_named_skipped_and_the_rest_opens(
        demo_root, tmp_path, kind):
    root, sids = demo_root
    make_special(root / "sessions" / f"{ODD_ID}.json", kind, tmp_path)
    code, out, err = run(kind, "list", data_dir=root)  # a FIFO once hung here
    assert code == 0, err
    assert all(sid[:8] in out for sid in sids)
    assert f"sessions/{ODD_ID}.json is {WORDS[kind]}" in err
    assert "free some space" not in err and "Traceback" not in err
    assert not os.path.lexists(root / "sessions" / f"{ODD_ID}.json")
    (moved,) = (root / "set-aside").iterdir()
    assert moved.name.startswith(f"{ODD_ID}.json.")
    if kind == "folder":
        assert (moved / "inside.txt").read_text() == "kept"
    # and the next start is quiet
    code, out, err = cli("list", data_dir=root)
    assert code == 0 and err == ""


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_special_file_is_skipped_by_a_reader_while_the_app_has_the_folder(
        demo_root, tmp_path, kind):
    root, sids = demo_root
    odd = root / "sessions" / f"{ODD_ID}.json"
    with open_store(root):  # holds the lock: `list` reads without changing anything
        make_special(odd, kind, tmp_path)
        code, out, err = run(kind, "list", data_dir=root)
        found = run(kind, "search", "garden", data_dir=root)
    assert code == 0, err
    assert all(sid[:8] in out for sid in sids)
    assert f"sessions/{ODD_ID}.json is {WORDS[kind]}" in err
    assert "It was skipped" in err
    assert found[0] == 0 and "garden" in found[1].lower()
    assert os.path.lexists(odd)  # a reader moves nothing


def test_a_file_not_named_like_a_session_is_set_aside_unopened(demo_root, tmp_path):
    root, sids = demo_root
    os.mkfifo(root / "sessions" / "notes.json")
    result = cli_child("list", data_dir=root, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "sessions/notes.json is a named pipe (FIFO)" in result.stderr
    assert all(sid[:8] in result.stdout for sid in sids)


@pytest.mark.parametrize("name", ["groups.json", "index.sqlite3", "index.sqlite3-journal",
                                  "index.sqlite3-wal", "index.sqlite3-shm",
                                  "index.json", "search.json"])
@pytest.mark.parametrize("kind", ["fifo", "folder", "dangling link"])
def test_a_special_file_in_place_of_a_shared_file_is_named_and_skipped(
        demo_root, tmp_path, name, kind):
    root, sids = demo_root
    (root / name).unlink(missing_ok=True)  # the last two: files of an older coprod
    make_special(root / name, kind, tmp_path)
    code, out, err = run(kind, "search", "garden", data_dir=root)
    assert code == 0, err
    assert "garden" in out.lower()
    assert f"{name} is {WORDS[kind]}" in err
    assert "free some space" not in err and "Traceback" not in err
    assert not os.path.lexists(root / name) or (root / name).is_file()
    listed = cli("list", data_dir=root)  # the special file is gone: nothing can hang
    assert all(sid[:8] in listed[1] for sid in sids)


def test_a_fifo_as_the_organisations_template_does_not_hang(demo_root):
    root, sids = demo_root
    os.mkfifo(root / "template.toml")
    result = cli_child("export", sids[0][:8], "--format", "minutes", "-o",
                       str(root.parent / "m.docx"), data_dir=root, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "template" in result.stderr and "coprod's own wording is used" in result.stderr
