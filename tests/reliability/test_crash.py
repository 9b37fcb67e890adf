"""kill -9 at any moment never loses what was shown as recorded (issue 8, part 1).

A child process records through the app's own code path and reports each
record once the store has returned; the parent kills it with SIGKILL at a
random moment, then checks that every reported record is on disk, that every
file loads, and that the lock the killed process held does not block the next
start. The same is done to ``coprod forget``, to an import and to an index
rebuild: afterwards the folder opens and nothing is lost beyond the operation
that was cut short, which can simply be run again.

12 kills by default, 200 with --torture; each trial is seeded by its number.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coprod_tui.demo import add_demo
from coprod_tui.interchange import dumps, read_bundle
from coprod_tui.store import open_store
from coprod_tui.store.fileformat import parse_tables
from coprod_tui.service import Service

from .budget import scaled
from .conftest import ROOT, child_env, folder_bytes, temp_files

CHILD = Path(__file__).with_name("crash_child.py")
pytestmark = pytest.mark.slow  # short by default; in full with --torture


def start_child(mode: str, data_dir: Path, arg: str = "") -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(CHILD), mode, str(data_dir), arg],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT, env=child_env())


def kill(child: subprocess.Popen[str]) -> tuple[list[str], str]:
    """SIGKILL the child; return the whole lines it printed, and its stderr."""
    os.kill(child.pid, signal.SIGKILL)
    out, err = child.communicate(timeout=60)
    return out.split("\n")[:-1], err  # a line without its newline was never finished


def wait_for(child: subprocess.Popen[str], word: str) -> list[str]:
    assert child.stdout is not None
    line = child.stdout.readline()
    if line.strip() != word:
        child.kill()
        raise AssertionError(f"child said {line!r}: {child.stderr.read()}")
    return [line.rstrip("\n")]


# -- recording ----------------------------------------------------------------------------

def record_trial(data_dir: Path, seed: int) -> dict[str, set[str]]:
    """One child, killed at a random moment; what it reported as recorded."""
    rng = random.Random(seed)
    child = start_child("record", data_dir, str(seed))
    lines: list[str] = []
    if rng.random() < 0.15:
        # Now and then, kill it while it is still starting up (opening, tidying,
        # creating the folder, the groups or the session).
        time.sleep(rng.uniform(0.0, 0.3))
    else:
        assert child.stdout is not None
        lines.append(child.stdout.readline().rstrip("\n"))
        assert lines[0].startswith("session "), child.stderr.read() if child.stderr else ""
        time.sleep(rng.uniform(0.0, 0.3))
    more, err = kill(child)
    assert "Traceback" not in err, f"seed {seed}: the child failed:\n{err}"
    reported: dict[str, set[str]] = {}
    for line in lines + more:
        kind, _, value = line.partition(" ")
        reported.setdefault(kind, set()).add(value)
    return reported


def check_reported(store, seed: int, want: dict[str, set[str]]) -> None:
    (session_id,) = want["session"]
    file = store.session(session_id)
    have = {"idea": {i.id for i in file.rows("ideas")},
            "decision": {d.id for d in file.rows("decisions")},
            "action": {a.id for a in file.rows("actions")},
            "turn": {t.id for t in file.rows("turns")},
            "present": {a.person_id for a in file.rows("attendance") if a.present},
            "person": set(store.groups.people())}
    for kind, ids in want.items():
        if kind == "session":
            continue
        missing = ids - have[kind]
        assert not missing, f"seed {seed}: lost {kind} records {sorted(missing)}"


def test_sigkill_while_recording_loses_nothing_reported(tmp_path):
    data_dir = tmp_path / "data"
    expected: dict[str, dict[str, set[str]]] = {}
    count = scaled(12, 200)
    for seed in range(count):
        reported = record_trial(data_dir, seed)
        if "session" in reported:
            expected[next(iter(reported["session"]))] = reported
        if not data_dir.exists():
            continue  # killed before it made anything
        # The killed process's lock is still on disk; it must not block this start.
        with open_store(data_dir) as store:
            assert store.problems == [], f"seed {seed}: {store.problems}"
            assert not temp_files(data_dir), f"seed {seed}: temp files were not tidied"
            for want in expected.values():
                if want is reported or seed == count - 1:
                    check_reported(store, seed, want)
            listed = {s.id for s in store.summaries()}
            assert set(expected) <= listed, f"seed {seed}: the session list lost some"
    # Every file of the folder loads as what it claims to be.
    kinds = {"groups.json": "groups"}
    for path in [*data_dir.glob("*.json"), *(data_dir / "sessions").glob("*.json")]:
        parse_tables(path.read_bytes(), kind=kinds.get(path.name, "session"), name=path.name)
    assert index_is_whole(data_dir)
    with open_store(data_dir) as store:
        for summary in store.summaries():
            store.session(summary.id).load()
        assert len(store.search("idea")) > 0


def test_a_first_start_killed_before_its_marker_still_opens(tmp_path):
    """The folder, its sub-folders and the lock exist, the marker not yet."""
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    for sub in ("sessions", "backups"):
        (data_dir / sub).mkdir(mode=0o700)
    (data_dir / ".lock").touch()
    (data_dir / "..coprod.0123456789ab.coprod-tmp").write_bytes(b'{"form')
    with open_store(data_dir) as store:
        assert store.problems == [] and store.groups.groups() == []
    assert (data_dir / ".coprod").exists() and not temp_files(data_dir)
    # A folder with anything else in it is still refused.
    (data_dir / ".coprod").unlink()
    (data_dir / "sessions" / "notes.txt").write_text("someone else's")
    with pytest.raises(Exception, match="already holds other files"):
        open_store(data_dir)


# -- forget, import and index rebuild ------------------------------------------------------

TARGET = "Zoë Quillfeather"


@pytest.fixture(scope="module")
def forget_template(tmp_path_factory) -> Path:
    """The demo plus forty sessions in which the person to forget takes part."""
    data_dir = tmp_path_factory.mktemp("forget") / "data"
    with open_store(data_dir) as store:
        add_demo(Service(store))
        group = Service(store).groups.add_group(name="Forget group", conduct="Be kind")
        zoe = Service(store).groups.add_person(group.id, name=TARGET, role="carer", contact="zq@example.org")
        other = Service(store).groups.add_person(group.id, name="Ann Other", role="officer")
        for n in range(40):
            file = Service(store).create_session(group.id, f"Meeting {n} with {TARGET}")
            file.start()
            for person in (zoe, other):
                file.mark(person.id, "present")
                file.record_turn(person.id)
            file.add_idea(f"{TARGET} asked for ramps ({n})", raised_by="person",
                          person_id=zoe.id)
            file.add_idea(f"Ann wants longer breaks ({n})", raised_by="person",
                          person_id=other.id)
            file.release()
    return data_dir


def inventory(store) -> dict[str, tuple]:
    """Every record id per session, and everyone else's attendance: what forget keeps."""
    out = {}
    for summary in store.summaries():
        file = store.session(summary.id)
        out[summary.id] = (
            sorted(i.id for i in file.rows("ideas")),
            sorted(d.id for d in file.rows("decisions")),
            sorted(a.id for a in file.rows("actions")),
            sorted(f.id for f in file.rows("feedback")),
            # A forgotten person's attendance stays, leading to no one: not theirs.
            sorted((a.person_id, a.status) for a in file.rows("attendance")
                   if not a.forgotten))
        store.release(file)
    return out


def without(inv: dict[str, tuple], person_id: str) -> dict[str, tuple]:
    return {sid: (*rest, [a for a in att if a[0] != person_id])
            for sid, (*rest, att) in inv.items()}


def timed_run(mode: str, data_dir: Path, arg: str) -> float:
    """Run a child to the end; how long its operation took (for choosing kill times)."""
    child = start_child(mode, data_dir, arg)
    wait_for(child, "start")
    began = time.perf_counter()
    out, err = child.communicate(timeout=120)
    assert out.strip() == "done", err
    return time.perf_counter() - began


def kill_during(mode: str, template: Path, work: Path, arg: str, seed: int,
                span: float) -> bool:
    """Copy the template, start the operation, kill it; True if it had finished."""
    rng = random.Random(seed)
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(template, work)
    child = start_child(mode, work, arg)
    wait_for(child, "start")
    time.sleep(rng.uniform(0.0, span))
    lines, err = kill(child)
    assert "Traceback" not in err, f"seed {seed}:\n{err}"
    return "done" in lines


def test_sigkill_during_forget_loses_nothing_else_and_can_be_run_again(forget_template,
                                                                        tmp_path):
    with open_store(forget_template) as store:
        before = inventory(store)
        zoe = next(p for p in store.groups.people().values() if p.name == TARGET)
        others = {pid for pid in store.groups.people() if pid != zoe.id}
    span = timed_run("forget", _copy(forget_template, tmp_path / "calibrate"), TARGET)
    finished, kills = 0, scaled(4, 40)
    for seed in range(kills):
        work = tmp_path / "work"
        finished += kill_during("forget", forget_template, work, TARGET, seed, span * 1.1)
        with open_store(work) as store:
            assert store.problems == [], f"seed {seed}: {store.problems}"
            # Nothing of anyone else is lost; the person may be half-forgotten.
            now = inventory(store)
            assert without(now, zoe.id) == without(before, zoe.id), f"seed {seed}"
            assert others <= set(store.groups.people()), f"seed {seed}"
            # The interrupted forget can be run again and finishes the job.
            if zoe.id in store.groups.people():
                Service(store).forget(TARGET)
            assert zoe.id not in store.groups.people()
        everything = folder_bytes(work)
        for form in (TARGET.encode(), json.dumps(TARGET).encode()[1:-1], zoe.id.encode(),
                     b"zq@example.org"):
            assert form.lower() not in everything.lower(), f"seed {seed}: {form!r} is left"
    assert finished < kills, "no kill landed inside the forget"


def _copy(template: Path, to: Path) -> Path:
    shutil.copytree(template, to)
    return to


@pytest.fixture(scope="module")
def import_setup(tmp_path_factory) -> tuple[Path, Path]:
    """A data folder with the demo, and a backup file of a session from elsewhere."""
    base = tmp_path_factory.mktemp("import")
    with open_store(base / "elsewhere") as other:
        group = Service(other).groups.add_group(name="Visitors")
        people = [Service(other).groups.add_person(group.id, name=f"Visitor {n}") for n in range(30)]
        file = Service(other).create_session(group.id, "Visiting day")
        file.start()
        for n, person in enumerate(people):
            file.mark(person.id, "present")
            file.add_idea(f"Idea {n} " + "words " * 200, raised_by="person",
                          person_id=person.id)
        bundle = base / "visit.json"
        bundle.write_text(dumps(other.snapshot(file.id)), "utf-8")
    with open_store(base / "data") as store:
        add_demo(Service(store))
    return base / "data", bundle


def test_sigkill_during_import_leaves_all_or_nothing(import_setup, tmp_path):
    template, bundle_path = import_setup
    bundle = read_bundle(bundle_path)
    with open_store(template) as store:
        before = inventory(store)
    span = timed_run("import", _copy(template, tmp_path / "calibrate"), str(bundle_path))
    for seed in range(scaled(4, 40)):
        work = tmp_path / "work"
        kill_during("import", template, work, str(bundle_path), seed, span * 1.2)
        with open_store(work) as store:
            assert store.problems == [], f"seed {seed}: {store.problems}"
            now = inventory(store)
            imported = now.pop(bundle.session.id, None)
            assert now == before, f"seed {seed}: the sessions already there changed"
            if imported is None:  # cut short: importing again finishes it
                Service(store).import_session(bundle)
            data = store.snapshot(bundle.session.id)
            assert [i.to_dict() for i in data.ideas] == [
                i.to_dict() for i in bundle.tables["ideas"]], f"seed {seed}"
            assert data.session == bundle.session
            assert {p.id for p in bundle.people} <= set(store.groups.people())


@pytest.fixture(scope="module")
def many_sessions(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("rebuild") / "data"
    with open_store(data_dir) as store:
        group = Service(store).groups.add_group(name="Busy group")
        for n in range(scaled(150, 300)):
            file = Service(store).create_session(group.id, f"Meeting {n}")
            file.start()
            file.add_idea(f"marker<{n}> shared idea")
            file.release()
    (data_dir / "index.sqlite3").unlink()
    return data_dir


def test_sigkill_during_index_rebuild_then_the_folder_opens_whole(many_sessions, tmp_path):
    total = len(list((many_sessions / "sessions").glob("*.json")))
    span = timed_run("open", _copy(many_sessions, tmp_path / "calibrate"), "")
    for seed in range(scaled(4, 40)):
        work = tmp_path / "work"
        kill_during("open", many_sessions, work, "", seed, span * 1.1)
        with open_store(work) as store:
            assert store.problems == [], f"seed {seed}: {store.problems}"
            assert len(store.summaries()) == total, f"seed {seed}"
            assert len(store.search("shared idea")) == total, f"seed {seed}"
            assert len(store.search("marker<7>")) == 1
        assert not temp_files(work)


def index_is_whole(data_dir: Path) -> bool:
    """SQLite's own check of the index file, read-only (a hot journal fails it; a log
    left by a kill is read as it is, its shared index opened read-only)."""
    uri = (data_dir / "index.sqlite3").absolute().as_uri() + "?mode=ro&readonly_shm=1"
    conn = sqlite3.connect(uri, uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def on_disk_counts(data_dir: Path) -> dict[str, tuple[int, list[str]]]:
    """Each session file's number of ideas and the marker ideas, read from the files."""
    out = {}
    for path in (data_dir / "sessions").glob("*.json"):
        ideas = json.loads(path.read_bytes())["ideas"].values()
        out[path.stem] = (len(ideas), sorted(i["text"] for i in ideas
                                             if i["text"].startswith("update<")))
    return out


def test_sigkill_during_index_updates_loses_nothing(many_sessions, tmp_path):
    """Killed while sessions are saved and their index rows updated (in the middle of
    an update's transaction, now and then): the next opening, read-only or not,
    lists and finds exactly what the session files hold, and the file is whole."""
    template = _copy(many_sessions, tmp_path / "template")
    open_store(template).close()  # the index built, as after any start
    span = timed_run("update", _copy(template, tmp_path / "calibrate"), "")
    for seed in range(scaled(5, 40)):
        work = tmp_path / "work"
        kill_during("update", template, work, "", seed, span * 1.1)
        truth = on_disk_counts(work)
        markers = sum(len(m) for _n, m in truth.values())
        before = folder_bytes(work)
        for read_only in (True, False):
            with open_store(work, read_only=read_only) as store:
                assert store.problems == [], f"seed {seed}: {store.problems}"
                listed = {s.id: s.ideas for s in store.summaries()}
                assert listed == {sid: n for sid, (n, _m) in truth.items()}, f"seed {seed}"
                assert len(store.search("update")) == markers, f"seed {seed}"
                for round_ in range(3):
                    want = sum(1 for _n, m in truth.values()
                               if f"update<{round_}> after the meeting" in m)
                    assert len(store.search(f"update<{round_}>")) == want, f"seed {seed}"
            if read_only:  # reading never writes, not even to roll a journal back
                assert folder_bytes(work) == before, f"seed {seed}"
        assert index_is_whole(work), f"seed {seed}"
        assert not temp_files(work)


def test_a_kill_inside_an_index_transaction_is_rolled_back(many_sessions, tmp_path):
    """The worst moment: the transaction has written pages into the log (WAL), then
    SIGKILL. A read-only opening reads the last committed state past them and
    writes nothing; the next normal opening drops them, and its clean close
    leaves one file."""
    work = _copy(many_sessions, tmp_path / "work")
    open_store(work).close()
    truth = {sid: n for sid, (n, _m) in on_disk_counts(work).items()}
    child = start_child("mid-update", work)
    wait_for(child, "start")
    kill(child)
    # Uncommitted pages in the log: the real case.
    assert (work / "index.sqlite3-wal").stat().st_size > 4096
    before = folder_bytes(work)
    with open_store(work, read_only=True) as store:
        assert {s.id: s.ideas for s in store.summaries()} == truth
        assert "half written" not in {s.title for s in store.summaries()}
        assert len(store.search("shared idea")) == len(truth)
    assert folder_bytes(work) == before
    with open_store(work) as store:
        assert store.problems == []
        assert {s.id: s.ideas for s in store.summaries()} == truth
        assert len(store.search("shared idea")) == len(truth)
    assert sorted(p.name for p in work.glob("index.sqlite3*")) == ["index.sqlite3"]
    assert index_is_whole(work)


def test_an_index_update_lost_to_a_power_cut_is_caught_at_the_next_start(tmp_path):
    """The index's log is not synced on each update (WAL, synchronous NORMAL): a power
    cut may lose the last updates, never a session's save. The next start sees the
    session file's identity differ from its summary and takes it again."""
    live = tmp_path / "live"
    with open_store(live) as store:
        group = Service(store).groups.add_group(name="Evening group")
        session = Service(store).create_session(group.id, "Autumn meeting")
        session.start()
        session.add_idea("first idea")
        session.release()
        store.close()  # at rest: the update above is in the file itself
        store = open_store(live)
        Service(store).session(session.id).add_idea("a bench by the pond")  # saved, synced
        assert store.refresh(store.session(session.id))  # in the log only
        # The power goes: what was synced survives, the log's unsynced tail does not.
        cut = tmp_path / "after the cut"
        shutil.copytree(live, cut, ignore=shutil.ignore_patterns("index.sqlite3-*"))
        store.close()
    raw = sqlite3.connect(cut / "index.sqlite3")
    try:  # the update really was lost
        assert raw.execute("SELECT ideas FROM sessions").fetchall() == [(1,)]
        assert not raw.execute("SELECT 1 FROM records WHERE body LIKE '%bench%'").fetchall()
    finally:
        raw.close()
    for read_only in (True, False):
        with open_store(cut, read_only=read_only) as store:
            assert [s.ideas for s in store.summaries()] == [2]
            assert [h.text for h in store.search("bench")] == ["a bench by the pond"]
    assert index_is_whole(cut)
