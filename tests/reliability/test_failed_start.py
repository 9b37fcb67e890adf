"""A start that fails leaves no ``.running`` behind (issue 11, finding 10).

``.running`` tells the next start that coprod did not close properly. It is
written only once the folder is really open, so a start refused by a full
disk does not make the next clean start say so; a marker left by a real crash
before is kept until a start succeeds.
"""

from __future__ import annotations

import pytest

from coprod_tui.errors import SaveError
from coprod_tui.service import Service
from coprod_tui.store import open_store
from coprod_tui.store.index import SessionIndex


@pytest.fixture
def needs_reindex(data_dir):
    """A folder whose index must be rebuilt on opening: opening it writes."""
    with open_store(data_dir) as store:
        group = Service(store).groups.add_group(name="G")
        Service(store).create_session(group.id, "One").add_idea("kept " + "words " * 20_000)
    (data_dir / "index.sqlite3").unlink()
    return data_dir


def refuse_index_writes(monkeypatch):
    """SQLite's own full disk: the new index may grow no further than one page."""
    real = SessionIndex.create

    def full(path):
        index = real(path)
        index.conn.execute("PRAGMA max_page_count = 1")  # (as many as it has now)
        return index

    monkeypatch.setattr(SessionIndex, "create", full)


def test_a_start_refused_by_a_full_disk_leaves_no_marker(needs_reindex, monkeypatch):
    data_dir = needs_reindex
    refuse_index_writes(monkeypatch)
    with pytest.raises(SaveError, match="the disk is full"):
        open_store(data_dir)
    assert not (data_dir / ".running").exists()
    monkeypatch.undo()
    with open_store(data_dir) as store:  # the disk has room again: a clean start
        assert not store.unclean_shutdown
        assert [s.ideas for s in store.summaries()] == [1]
    assert not (data_dir / ".running").exists()


def test_a_crash_before_a_failed_start_is_still_told(needs_reindex, monkeypatch):
    data_dir = needs_reindex
    (data_dir / ".running").write_text("4242")  # left by a copy killed earlier
    refuse_index_writes(monkeypatch)
    with pytest.raises(SaveError):
        open_store(data_dir)
    assert (data_dir / ".running").exists(), "the evidence of the crash was wiped"
    monkeypatch.undo()
    with open_store(data_dir) as store:
        assert store.unclean_shutdown
    with open_store(data_dir) as store:
        assert not store.unclean_shutdown


def test_closing_never_fails(store, data_dir, tmp_path, monkeypatch):
    """A folder gone, or refusing every change, at closing: no error, and the
    marker of a folder that is no longer ours is left alone."""
    group = Service(store).groups.add_group(name="G")
    file = Service(store).create_session(group.id, "Open when the folder went")
    file.add_idea("typed")
    away = tmp_path / "away"
    data_dir.rename(away)
    data_dir.mkdir()
    (data_dir / ".running").write_text("another copy's marker")
    store.close()  # no exception
    assert (data_dir / ".running").read_text() == "another copy's marker"
    assert (away / ".running").exists()  # ours: not reachable, so it stays (true enough)
