"""Deleting ``.lock`` does not let a second writer in (issue 11, finding 7).

The holder locks the data folder itself as well as ``.lock``; where a disk
cannot lock a folder, it checks before each write that ``.lock`` is still the
file it locked, and refuses to write if not, so a second writer's changes
(``coprod forget``) are never silently undone.
"""

from __future__ import annotations

import json

import pytest

from coprod_tui.errors import FolderInUse, SaveError
from coprod_tui.service import Service
from coprod_tui.store import open_store
from coprod_tui.store.lock import FolderLock
from tests.conftest import run_cli

from .conftest import RealApp, folder_bytes
from .test_save_faults import disk_state, live_session
from .test_two_at_once import IN_USE, assert_folder_whole


def test_a_second_store_is_refused_after_lock_is_deleted(store, data_dir):
    (data_dir / ".lock").unlink()
    with pytest.raises(FolderInUse):
        open_store(data_dir)
    live_session(store)  # and the holder still saves


def test_deleting_lock_under_the_running_app_lets_no_writer_in(tmp_path):
    data_dir = tmp_path / "data"
    assert run_cli("demo", data_dir=data_dir).returncode == 0
    session_id = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)[0]["id"]
    bundle = tmp_path / "one.json"
    assert run_cli("export", session_id, "--format", "json", "-o", str(bundle),
                   data_dir=data_dir).returncode == 0
    app = RealApp(data_dir)
    try:
        assert app.ready(b"Riverside")
        (data_dir / ".lock").unlink()
        before = disk_state(data_dir)
        for argv in (["forget", "Maya Okafor", "--yes"], ["import", str(bundle)], ["demo"]):
            out = run_cli(*argv, data_dir=data_dir)
            assert out.returncode == 2, (argv, out.stdout, out.stderr)
            assert IN_USE in out.stderr and "Traceback" not in out.stderr
        # Nothing was changed by the refused commands (a new, empty .lock apart).
        assert disk_state(data_dir) == before
        assert "Maya Okafor" in (data_dir / "groups.json").read_text("utf-8")
        code, shown = app.quit()
        assert code == 0 and "Traceback" not in shown
    finally:
        if app.process.poll() is None:
            app.process.kill()
    assert_folder_whole(data_dir)


def test_where_a_folder_cannot_be_locked_a_replaced_lock_stops_writing(
        data_dir, monkeypatch):
    """A disk that cannot lock folders: the app's lock is bypassed by deleting .lock,
    `coprod forget` runs, and the app then refuses to write rather than put back
    what forget erased."""
    monkeypatch.setattr(FolderLock, "LOCK_FOLDER", False, raising=False)
    with open_store(data_dir) as store:
        group, file, people = live_session(store)
        file.add_idea("Ann Lee asked for ramps", raised_by="person", person_id=people[0].id)
        (data_dir / ".lock").unlink()
        forgot = run_cli("forget", "Ann Lee", "--yes", data_dir=data_dir)
        assert forgot.returncode == 0, forgot.stderr  # the bypass this test is about
        erased = folder_bytes(data_dir)
        assert b"Ann Lee" not in erased
        with pytest.raises(SaveError, match="lock file in .* was removed"):
            file.add_idea("typed in the app after forget ran")
        with pytest.raises(SaveError, match="lock file"):
            Service(store).groups.update_person(people[1].id, name="Bob Stone-Smith")
        assert folder_bytes(data_dir) == erased, "the app undid what forget erased"
        assert [i.text for i in file.ideas()][-1] == "Ann Lee asked for ramps"  # memory kept
    assert b"Ann Lee" not in folder_bytes(data_dir)
