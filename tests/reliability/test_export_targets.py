"""Exports write only ordinary files (issue 11, findings 8 and 10).

``export -o`` never replaces a device node, a FIFO, a socket, a folder or a
symbolic link (refused, said plainly), never writes inside a coprod data folder
however the path is spelt, and says plainly when a name is too long. An export is
written through a temp file that no failure leaves behind, and one left by a
``kill -9`` (it holds the whole minutes) is removed by the next export and when
the app starts. The export folder is made 0700, whatever the umask.

Exports run the command line in this process (``cli``), except onto a FIFO (a child
with a timeout: a faulty export would wait on it for ever) and the export killed
with ``kill -9``.
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from coprod_tui.demo import add_demo
from coprod_tui.errors import CoprodError
from coprod_tui.exports.formats import export_data, export_session
from coprod_tui.store import open_store
from coprod_tui.templates import default_wording
from coprod_tui.service import Service

from .conftest import RealApp, child_env
from .edges import cli, cli_child, demo_folder, plain_failure, tree

WORDING = default_wording()


@pytest.fixture
def demo(tmp_path) -> tuple[Path, str]:
    root, sids = demo_folder(tmp_path)
    return root, sids[0]


def export(root: Path, sid: str, target: Path | str, fmt: str = "minutes"
           ) -> tuple[int, str, str]:
    """``coprod export``, in this process: exit code, stdout, stderr."""
    return cli("export", sid[:8], "--format", fmt, "-o", str(target), data_dir=root)


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_device_node_is_never_replaced(demo, tmp_path):
    root, sid = demo
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a copy of /dev/null
    except PermissionError:
        pytest.skip("making a device node needs root")
    code, out, err = export(root, sid, device)
    plain_failure(code, err)
    assert "is a device, not an ordinary file" in err
    info = os.lstat(device)
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 3)
    assert hidden(tmp_path) == []


def test_a_symlink_is_refused_and_what_it_points_to_is_kept(demo, tmp_path):
    root, sid = demo
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    for name, points_to in (("link.docx", victim), ("dangling.docx", tmp_path / "nowhere")):
        link = tmp_path / name
        link.symlink_to(points_to)
        code, out, err = export(root, sid, link)
        plain_failure(code, err)
        assert "is a symbolic link; coprod does not write through links" in err
        assert link.is_symlink() and os.readlink(link) == str(points_to)
    assert victim.read_text() == "keep me"
    assert not (tmp_path / "nowhere").exists() and hidden(tmp_path) == []


def test_a_fifo_or_socket_is_refused_without_hanging(demo, tmp_path):
    root, sid = demo
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    short = Path(tempfile.mkdtemp(prefix="s", dir="/tmp"))
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(short / "s"))
    os.rename(short / "s", tmp_path / "sock.docx")
    sock.close()
    short.rmdir()
    # Onto the FIFO in a child with a timeout: a faulty export would wait for a reader.
    child = cli_child("export", sid[:8], "--format", "minutes", "-o", str(fifo),
                      data_dir=root, timeout=30)
    plain_failure(child.returncode, child.stderr)
    assert "is a named pipe (FIFO), not an ordinary file" in child.stderr
    code, out, err = export(root, sid, tmp_path / "sock.docx")
    plain_failure(code, err)
    assert "is a socket, not an ordinary file" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert stat.S_ISSOCK(os.lstat(tmp_path / "sock.docx").st_mode)


def test_a_folder_with_the_export_name_is_left_alone(demo, tmp_path):
    root, sid = demo
    out = tmp_path / "out"
    out.mkdir()
    code, first, err = export(root, sid, out)
    assert code == 0, err
    name = Path(first.strip()).name
    (out / name).unlink()
    (out / name).mkdir()  # a folder where the file would go
    (out / name / "inside.txt").write_text("kept")
    code, again, err = export(root, sid, out)
    assert code == 0, err
    written = Path(again.strip())
    assert written.is_file() and written.name != name
    assert (out / name / "inside.txt").read_text() == "kept"


@pytest.mark.parametrize("where", ["groups.json", "the folder", "sessions", "spelt round",
                                   "a link to it", "a new name inside"])
def test_nothing_is_ever_written_inside_the_data_folder(demo, tmp_path, where):
    root, sid = demo
    link = tmp_path / "innocent"
    link.symlink_to(root)
    target = {"groups.json": root / "groups.json", "the folder": root,
              "sessions": root / "sessions", "spelt round": root / ".." / "data" / "x.docx",
              "a link to it": link, "a new name inside": root / "backups" / "m.docx"}[where]
    before = tree(root)
    for fmt in ("minutes", "json"):
        code, out, err = export(root, sid, target, fmt)
        plain_failure(code, err)
        assert "inside coprod's data folder" in err
    assert tree(root) == before
    code, out, err = cli("list", data_dir=root)
    assert code == 0 and err == ""


def test_the_share_step_cannot_write_into_a_data_folder_either(demo):
    root, sid = demo
    with open_store(root, read_only=True) as store:
        data = store.snapshot(sid)
    before = tree(root)
    with pytest.raises(CoprodError, match="inside coprod's data folder"):
        export_data(data, "json", root, wording=WORDING)  # as the Share step does: no store
    assert tree(root) == before


def test_a_name_too_long_for_the_disk_is_said_plainly(demo, tmp_path):
    root, sid = demo
    code, out, err = export(root, sid, tmp_path / ("x" * 300 + ".docx"))
    plain_failure(code, err)
    assert "too long" in err
    longest = tmp_path / ("y" * 250 + ".docx")  # fits, though its temp name would not have
    code, out, err = export(root, sid, longest)
    assert code == 0, err
    assert longest.is_file() and hidden(tmp_path) == []


def test_a_named_file_is_replaced_but_a_folder_export_never_overwrites(demo, tmp_path):
    root, sid = demo
    named = tmp_path / "minutes.docx"
    named.write_bytes(b"old")
    assert export(root, sid, named)[0] == 0
    assert named.read_bytes()[:2] == b"PK"  # the user named it: replaced
    out = tmp_path / "out"
    out.mkdir()
    paths = {export(root, sid, out)[1].strip() for _ in range(3)}
    assert len(paths) == 3 and len(list(out.iterdir())) == 3


STALL = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    real = os.fsync
    def stall(fd):
        real(fd)
        print("WRITTEN", flush=True)
        time.sleep(120)
    os.fsync = stall
    from coprod_tui.exports.formats import export_session
    from coprod_tui.service import Service
    from coprod_tui.store import open_store
    from coprod_tui.templates import default_wording
    with open_store(Path(sys.argv[1]), read_only=True) as store:
        export_session(Service(store), sys.argv[2], "minutes", sys.argv[3],
                       wording=default_wording())
""")


def kill_mid_export(root: Path, sid: str, out: Path) -> list[str]:
    """Start an export, kill -9 it once its temp file is written; the leftovers."""
    child = subprocess.Popen([sys.executable, "-c", STALL, str(root), sid, str(out)],
                             stdout=subprocess.PIPE, env=child_env(), text=True)
    assert child.stdout.readline().strip() == "WRITTEN"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    left = hidden(out)
    assert left and all((out / n).read_bytes()[:2] == b"PK" for n in left)  # whole minutes
    return left


def test_a_temp_file_left_by_kill_9_is_removed_by_the_next_export(demo, tmp_path):
    root, sid = demo
    out = tmp_path / "out"
    out.mkdir()
    kill_mid_export(root, sid, out)
    code, written, err = export(root, sid, out)
    assert code == 0, err
    assert hidden(out) == []
    assert [p.name for p in out.iterdir()] == [Path(written.strip()).name]


def test_a_failed_export_leaves_no_temp_file(demo, tmp_path, monkeypatch):
    root, sid = demo
    out = tmp_path / "out"
    out.mkdir()

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    with open_store(root, read_only=True) as store:
        monkeypatch.setattr(os, "fsync", refuse)
        with pytest.raises(CoprodError, match="the disk is full"):
            export_session(Service(store), sid, "minutes", out, wording=WORDING)
    assert list(out.iterdir()) == []


def test_the_app_removes_killed_exports_from_the_documents_folder(demo, tmp_path):
    root, sid = demo
    home = tmp_path / "home"
    documents = home / "Documents" / "coprod"
    documents.mkdir(parents=True)
    left = kill_mid_export(root, sid, documents)
    mine = documents / f".coprod-export-{os.getpid()}-{'0' * 12}.tmp"
    mine.write_bytes(b"an export this test is still writing")
    app = RealApp(root, env={"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")})
    try:
        assert app.ready(b"Riverside")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any((documents / n).exists() for n in left):
            time.sleep(0.2)
    finally:
        code, screen = app.quit()
    assert code == 0, screen[-2000:]
    assert hidden(documents) == [mine.name]  # a running copy's temp file is kept


def test_the_export_folder_is_made_0700_whatever_the_umask(demo, tmp_path):
    root, sid = demo
    folder = tmp_path / "Documents" / "coprod"
    old = os.umask(0)
    try:
        with open_store(root, read_only=True) as store:
            path = export_session(Service(store), sid, "minutes", default_dir=folder, wording=WORDING)
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_the_share_step_makes_its_folder_0700(store, tmp_path):
    from coprod_tui.app import CoprodApp
    from tests.ui.helpers import screen_text

    add_demo(Service(store))
    out = tmp_path / "new" / "exports"
    app = CoprodApp(store)
    old = os.umask(0)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("f8")
            await pilot.pause()
            app.screen.query_one("#folder").value = str(out)  # typing it is tested elsewhere
            app.screen.query_one("#formats").focus()
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert f"Written to:\n{out}" in screen_text(app)
            app.screen.query_one("#folder").value = str(store.root / "sessions")
            app.screen.query_one("#formats").focus()
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "inside coprod's data folder" in screen_text(app)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert [p.name for p in (store.root / "sessions").iterdir() if p.suffix != ".json"] == []
