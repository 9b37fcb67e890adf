"""The demo is realistic and idempotent; forget erases a person from every byte it can read."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path

import docx

from coprod_tui.demo import add_demo
from coprod_tui.store import open_store
from coprod_tui.service import Service
from coprod_tui.exports.formats import render
from coprod_tui.templates import default_wording


def docx_text(payload: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(payload)).paragraphs)


def test_demo_has_three_full_sessions_and_is_idempotent(store):
    assert add_demo(Service(store))
    assert add_demo(Service(store)) == []
    summaries = store.summaries()
    assert len(summaries) == 3 and {s.status for s in summaries} == {"closed"}
    statuses = Counter()
    for s in summaries:
        data = store.snapshot(s.id)
        assert data.present() and data.ideas and data.decisions and data.actions
        assert all(d.reasons for d in data.decisions)
        assert all(a.conduct_version for a in data.present())
        assert data.feedback and data.audit and data.session.checklists
        statuses.update(a.status for a in data.actions)
    assert set(statuses) == {"open", "done", "not_able"}


def folder_text(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_forget_leaves_no_trace_in_any_file(data_dir, store):
    add_demo(Service(store))
    # Put the name in free text too, and a damaged copy in set-aside.
    sid = store.summaries()[0].id
    file = Service(store).session(sid)
    # The session is closed: the name goes in through a correction (kept with the old words).
    file.correct("idea", file.ideas()[0].id, text="As Daniel Hughes said, the lights are too bright")
    file.release()
    (data_dir / "set-aside").mkdir(exist_ok=True)
    damaged = data_dir / "set-aside" / "old.json.1"
    damaged.write_bytes(
        b'{"broken": "Daniel Hughes", "x": ' + json.dumps("Daniel Hughes").encode())
    before = damaged.read_bytes()
    assert b"Daniel Hughes" in folder_text(data_dir)
    person = next(p for p in store.groups.people().values() if p.name == "Daniel Hughes")
    took_part = {s.id: s.present for s in store.summaries()}
    minutes_before = docx_text(render(store.snapshot(sid), "minutes", default_wording()))

    report = Service(store).forget("daniel hughes")
    store.close()

    # A file coprod cannot parse is never rewritten: it is listed for the user to decide.
    assert damaged.read_bytes() == before
    assert any("set-aside/old.json.1" in line and "holds their name" in line
               for line in report.lines)
    damaged.unlink()
    everything = folder_text(data_dir)
    assert b"Daniel Hughes" not in everything
    assert b"daniel hughes" not in everything.lower()
    assert person.id.encode() not in everything
    assert any("attendance record kept, counted as someone unnamed" in line
               for line in report.lines)
    with open_store(data_dir) as again:
        assert again.problems == []
        for s in again.summaries():
            data = again.snapshot(s.id)
            assert person.id not in {a.person_id for a in data.attendance}
            assert all(i.raised_by != "person" or i.person_id != person.id for i in data.ideas)
        # He came: every meeting still counts him, as someone unnamed (issue 13).
        assert {s.id: s.present for s in again.summaries()} == took_part
        minutes = docx_text(render(again.snapshot(sid), "minutes", default_wording()))
        told = re.compile(r"^\d+ people took part", re.M)
        assert told.findall(minutes) == told.findall(minutes_before) != []
        hits = again.search("lights are too bright")
        assert [h.text for h in hits] == ["As [name removed] said, the lights are too bright"]
