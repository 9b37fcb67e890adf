"""Damaged files are named, moved aside (never deleted or rewritten), and
everything else opens (issue 8, part 3).

A real session file is cut short at many offsets, filled with garbage, marked
as a future schema, or replaced by valid JSON of the wrong shape. groups.json
is damaged the same ways, and the index (index.sqlite3) in the ways a
database can be: cut short, garbage, a newer layout, another database, empty,
missing, or an older copy of itself.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import stat
from pathlib import Path

import pytest

from coprod_tui.app import CoprodApp
from coprod_tui.demo import add_demo
from coprod_tui.store import open_store
from coprod_tui.store.fileformat import SCHEMA_VERSION
from coprod_tui.store.index_layout import layout
from coprod_tui.service import Service

from .budget import scaled
from .conftest import folder_bytes, temp_files


@pytest.fixture
def demo_dir(data_dir: Path) -> Path:
    with open_store(data_dir) as store:
        add_demo(Service(store))
    return data_dir


def sessions_of(data_dir: Path) -> dict[str, str]:
    """Session id → title, from the files themselves."""
    out = {}
    for path in (data_dir / "sessions").glob("*.json"):
        tables = json.loads(path.read_text("utf-8"))
        out[path.stem] = next(iter(tables["session"].values()))["title"]
    return out


def set_aside(data_dir: Path) -> list[Path]:
    folder = data_dir / "set-aside"
    return sorted(folder.iterdir()) if folder.exists() else []


def clear_set_aside(data_dir: Path) -> None:
    for path in set_aside(data_dir):
        path.unlink()


def check_one_session_set_aside(data_dir: Path, victim: str, damaged: bytes,
                                others: dict[str, str], what: str) -> None:
    path = data_dir / "sessions" / f"{victim}.json"
    path.write_bytes(damaged)
    os.chmod(path, 0o644)  # as a copy made by hand might be
    with open_store(data_dir) as store:
        assert len(store.problems) == 1, (what, store.problems)
        (problem,) = store.problems
        assert f"{victim}.json" in problem and "set-aside/" in problem, (what, problem)
        assert "Traceback" not in problem and len(problem) < 400
        assert {s.id: s.title for s in store.summaries()} == others, what
        for sid in others:
            data = store.snapshot(sid)
            assert data.ideas and data.decisions, what
        assert store.search("sensory") is not None
    (moved,) = set_aside(data_dir)
    assert moved.read_bytes() == damaged, f"{what}: the damaged file was changed"
    assert stat.S_IMODE(moved.stat().st_mode) == 0o600, what
    assert not path.exists()
    assert not temp_files(data_dir)
    clear_set_aside(data_dir)


def test_a_session_cut_short_at_many_offsets(demo_dir):
    titles = sessions_of(demo_dir)
    victim = max(titles, key=lambda sid: (demo_dir / "sessions" / f"{sid}.json").stat().st_size)
    raw = (demo_dir / "sessions" / f"{victim}.json").read_bytes()
    others = {sid: t for sid, t in titles.items() if sid != victim}
    step = max(1, len(raw) // scaled(40, 600))
    offsets = sorted({0, 1, len(raw) - 1, *range(0, len(raw), step)})
    for offset in offsets:
        check_one_session_set_aside(demo_dir, victim, raw[:offset], others,
                                    f"cut at byte {offset} of {len(raw)}")


def _garbage(seed: int) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    return [
        ("random bytes", bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 4000)))),
        ("random text", "".join(chr(rng.randint(32, 0x2FFF)) for _ in range(500)).encode()),
        ("zeros", b"\0" * rng.randint(1, 9000)),
    ]


def test_a_session_full_of_garbage(demo_dir):
    titles = sessions_of(demo_dir)
    victim = next(iter(titles))
    others = {sid: t for sid, t in titles.items() if sid != victim}
    cases = [("deep arrays", b"[" * 200_000), ("deep objects", b'{"a":' * 100_000),
             ("bom", b"\xef\xbb\xbf" + (demo_dir / "sessions" / f"{victim}.json").read_bytes()),
             ("utf-16", json.dumps({"x": 1}).encode("utf-16")),
             ("huge number", b'{"_meta":{"1":{"kind":"session","schema":' + b"9" * 5000 + b"}}}")]
    for seed in range(scaled(4, 40)):
        cases += [(f"{what} ({seed})", payload) for what, payload in _garbage(seed)]
    for what, payload in cases:
        check_one_session_set_aside(demo_dir, victim, payload, others, what)


def _wrong_shapes(good: dict) -> list[tuple[str, object]]:
    def with_(**changes) -> dict:
        return {**json.loads(json.dumps(good)), **changes}

    meta = good["_meta"]["1"]
    session_doc = next(iter(good["session"].values()))
    idea = next(iter(good["ideas"].values()))
    return [
        ("a list", [1, 2, 3]), ("a string", "session"), ("a number", 42), ("null", None),
        ("an empty object", {}), ("a table that is a list", with_(ideas=[idea])),
        ("a record that is a string", with_(ideas={"1": "an idea"})),
        ("a record key that is not a number", with_(ideas={"abc": idea})),
        ("a record key with a leading zero", with_(ideas={"01": idea})),
        ("a record key in other digits", with_(ideas={"١": idea})),
        ("a record key that is empty", with_(ideas={"": idea})),
        ("no _meta", {k: v for k, v in good.items() if k != "_meta"}),
        ("another kind of file", with_(_meta={"1": {**meta, "kind": "groups"}})),
        ("a schema that is text", with_(_meta={"1": {**meta, "schema": "1"}})),
        ("a schema that is true", with_(_meta={"1": {**meta, "schema": True}})),
        ("schema 0", with_(_meta={"1": {**meta, "schema": 0}})),
        ("a future schema", with_(_meta={"1": {**meta, "schema": SCHEMA_VERSION + 1}})),
        ("no session", with_(session={})),
        ("two sessions", with_(session={"1": session_doc, "2": session_doc})),
        ("the session of another file", with_(session={"1": {**session_doc, "id": "0" * 32}})),
        ("an unknown table", with_(spreadsheet={"1": {"a": 1}})),
        ("an idea whose text is a number", with_(ideas={"1": {**idea, "text": 42}})),
        ("an idea whose text is nested", with_(ideas={"1": {**idea, "text": [[["x"]]]}})),
        ("an idea with no text", with_(ideas={"1": {k: v for k, v in idea.items()
                                                     if k != "text"}})),
        ("a decision with no reasons", with_(decisions={"1": {
            **next(iter(good["decisions"].values())), "reasons": ""}})),
        ("a bad date", with_(session={"1": {**session_doc, "date": "14/03/2026"}})),
        ("a status nobody knows", with_(session={"1": {**session_doc, "status": "lost"}})),
    ]


def test_a_session_of_valid_json_but_the_wrong_shape(demo_dir):
    titles = sessions_of(demo_dir)
    victim = next(iter(titles))
    good = json.loads((demo_dir / "sessions" / f"{victim}.json").read_bytes())
    others = {sid: t for sid, t in titles.items() if sid != victim}
    for what, value in _wrong_shapes(good):
        payload = json.dumps(value, ensure_ascii=False).encode()
        check_one_session_set_aside(demo_dir, victim, payload, others, what)


def test_a_future_version_is_set_aside_and_never_overwritten(demo_dir):
    titles = sessions_of(demo_dir)
    victim = next(iter(titles))
    path = demo_dir / "sessions" / f"{victim}.json"
    data = json.loads(path.read_bytes())
    data["_meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    data["new_table_from_the_future"] = {"1": {"x": "kept"}}
    payload = json.dumps(data).encode()
    path.write_bytes(payload)
    with open_store(demo_dir) as store:
        (problem,) = store.problems
        assert "newer version of coprod" in problem and victim in problem
        # Saving other sessions never touches it.
        other = next(s.id for s in store.summaries())
        Service(store).session(other).add_idea("a change elsewhere")
    (moved,) = set_aside(demo_dir)
    assert moved.read_bytes() == payload
    # A read-only opening (another copy has the folder) skips it and moves nothing.
    writer = open_store(demo_dir)
    try:
        path.write_bytes(payload)
        with open_store(demo_dir, read_only=True) as reader:
            assert reader.problems and "skipped" in reader.problems[0]
            assert victim not in {s.id for s in reader.summaries()}
        assert path.read_bytes() == payload
    finally:
        writer.close()


def _damage(path: Path, how: str) -> bytes:
    raw = path.read_bytes()
    if how == "cut short":
        new = raw[: len(raw) // 3]
    elif how == "garbage":
        new = random.Random(7).randbytes(500)
    elif how == "future":
        data = json.loads(raw)
        data["_meta"]["1"]["schema"] = SCHEMA_VERSION + 1
        new = json.dumps(data).encode()
    elif how == "wrong shape":
        new = json.dumps({"_meta": [], "people": "everyone"}).encode()
    elif how == "empty":
        new = b""
    else:
        raise ValueError(how)
    path.write_bytes(new)
    return new


HOW = ["cut short", "garbage", "future", "wrong shape", "empty"]


@pytest.mark.parametrize("how", HOW)
def test_damaged_groups_file_comes_back_from_the_previous_copy(demo_dir, how):
    before = json.loads((demo_dir / "groups.json").read_bytes())
    with open_store(demo_dir) as store:
        names = sorted(p.name for p in store.groups.people().values())
        group = store.groups.groups()[0]
        Service(store).groups.update_group(group.id, purpose=group.purpose + " (edited)")
    damaged = _damage(demo_dir / "groups.json", how)
    with open_store(demo_dir) as store:
        (problem,) = store.problems
        assert "groups.json" in problem and "restored" in problem
        assert sorted(p.name for p in store.groups.people().values()) == names
        assert len(store.summaries()) == 3
        assert store.groups.groups()[0].purpose == next(iter(before["groups"].values()))[
            "purpose"]  # the change before the damage is the one that may be missing
    (moved,) = set_aside(demo_dir)
    assert moved.read_bytes() == damaged


@pytest.mark.parametrize("how", HOW)
def test_damaged_groups_file_with_no_copy_still_lists_every_session(demo_dir, how):
    (demo_dir / "backups" / "groups.previous.json").unlink(missing_ok=True)
    damaged = _damage(demo_dir / "groups.json", how)
    with open_store(demo_dir) as store:
        (problem,) = store.problems
        assert "groups.json" in problem and "sessions are safe" in problem
        assert len(store.summaries()) == 3
        for summary in store.summaries():
            assert store.snapshot(summary.id).ideas
    (moved,) = set_aside(demo_dir)
    assert moved.read_bytes() == damaged


def _damage_index(path: Path, how: str) -> bytes:
    if how == "cut short":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    elif how == "garbage":
        path.write_bytes(random.Random(7).randbytes(500))
    elif how in ("future", "another database"):
        conn = sqlite3.connect(path)
        if how == "future":
            conn.execute(f"PRAGMA user_version = {layout() + 1}")
        else:
            conn.execute("DROP TABLE sessions")
        conn.commit()
        conn.close()
    elif how == "empty":
        path.write_bytes(b"")
    else:
        raise ValueError(how)
    return path.read_bytes()


@pytest.mark.parametrize("how", ["cut short", "garbage", "future", "another database",
                                 "empty", "missing", "stale"])
def test_a_damaged_or_lost_index_is_rebuilt_from_the_sessions(demo_dir, how):
    path = demo_dir / "index.sqlite3"
    with open_store(demo_dir) as store:
        expected = [(s.id, s.title, s.ideas) for s in store.summaries()]
        hits = len(store.search("room"))
        file = Service(store).session(expected[0][0])
        stale = path.read_bytes()
        file.add_idea("a room recorded just before the crash")
        store.refresh(store.session(file.id))
    if how == "missing":
        path.unlink()
    elif how == "stale":
        path.write_bytes(stale)  # as if the last update never reached the disk
    else:
        damaged = _damage_index(path, how)
    before = folder_bytes(demo_dir)
    # Read-only (another copy holds the folder): right answers, and nothing written.
    for read_only in (True, False):
        with open_store(demo_dir, read_only=read_only) as store:
            got = [(s.id, s.title, s.ideas) for s in store.summaries()]
            assert [g[:2] for g in got] == [e[:2] for e in expected]
            assert sum(g[2] for g in got) == sum(e[2] for e in expected) + 1
            assert len(store.search("room")) == hits + 1
            assert store.search("just before the crash")
            assert store.problems == []  # derived: made again without a word
        if read_only:
            assert folder_bytes(demo_dir) == before, how
    if how not in ("missing", "stale"):
        (moved,) = set_aside(demo_dir)
        assert moved.read_bytes() == damaged
    assert not temp_files(demo_dir)


@pytest.mark.parametrize("name", ["index.json", "search.json"])
def test_the_old_index_files_are_kept_in_backups_and_replaced(demo_dir, name):
    """Before the SQLite index, index.json and search.json held the same."""
    (demo_dir / "index.sqlite3").unlink()
    old = json.dumps({"_meta": {"1": {"kind": name[:-5], "schema": 1}}}).encode()
    (demo_dir / name).write_bytes(old)
    with open_store(demo_dir, read_only=True) as store:  # reading only: left as it is
        assert len(store.summaries()) == 3
    assert (demo_dir / name).read_bytes() == old
    with open_store(demo_dir) as store:
        assert len(store.summaries()) == 3 and store.search("garden")
    assert not (demo_dir / name).exists()
    (kept,) = (demo_dir / "backups").glob(f"{name}.*")
    assert kept.read_bytes() == old and stat.S_IMODE(kept.stat().st_mode) == 0o600


async def test_the_app_names_a_set_aside_file_and_shows_the_rest(demo_dir):
    titles = sessions_of(demo_dir)
    victim = next(iter(titles))
    (demo_dir / "sessions" / f"{victim}.json").write_bytes(b'{"_meta": {"1": {"ki')
    with open_store(demo_dir) as store:
        app = CoprodApp(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            messages = [n.message for n in app._notifications]
            assert any(f"{victim}.json" in m and "set-aside" in m for m in messages)
            table = app.screen.query_one("#sessions")
            assert table.row_count == 2


@pytest.mark.parametrize("payload", [b"[" * 200_000, b'{"format": "coprod-session", "a":' * 60_000,
                                     b"\xff\xfe garbage", b""],
                         ids=["deep arrays", "deep objects", "not utf-8", "empty"])
def test_importing_a_damaged_backup_file_is_a_plain_sentence(demo_dir, tmp_path, payload):
    from tests.conftest import run_cli

    bad = tmp_path / "backup.json"
    bad.write_bytes(payload)
    before = {p.name: p.read_bytes() for p in (demo_dir / "sessions").iterdir()}
    out = run_cli("import", str(bad), data_dir=demo_dir)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.startswith("coprod: backup.json ") and len(out.stderr.splitlines()) == 1
    assert {p.name: p.read_bytes() for p in (demo_dir / "sessions").iterdir()} == before
