"""JSON export then import reproduces a session exactly; bad files write nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coprod_tui.demo import add_demo
from coprod_tui.errors import ValidationError
from coprod_tui.exports.formats import export_session
from coprod_tui.interchange import read_bundle
from coprod_tui.store import open_store
from coprod_tui.templates import default_wording

WORDING = default_wording()
from coprod_tui.service import Service


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.name not in {".lock", ".running"}}


def test_round_trip_is_exact(store, tmp_path):
    add_demo(Service(store))
    for summary in store.summaries():
        path = export_session(Service(store), summary.id, "json", tmp_path / f"{summary.id}.json",
                              wording=WORDING)
        with open_store(tmp_path / f"fresh-{summary.id}") as fresh:
            Service(fresh).import_session(read_bundle(path))
            before, after = store.snapshot(summary.id), fresh.snapshot(summary.id)
            assert after == before  # same ids, text, times, every record
            assert fresh.groups.group(before.group.id).name == before.group.name


def test_hostile_text_survives_the_round_trip(store, group, people, tmp_path):
    file = Service(store).create_session(group.id, "[b]Title[/b] ../../etc")
    file.start()
    weird = "[red]x[/] \u202eRTL\u202c مرحبا 👩‍👩‍👧 e\u0301\ttab\nline"
    idea = file.add_idea(weird, raised_by="person", person_id=people[1].id)
    path = export_session(Service(store), file.id, "json", tmp_path / "x.json", wording=WORDING)
    with open_store(tmp_path / "fresh") as fresh:
        Service(fresh).import_session(read_bundle(path))
        (copied,) = fresh.session(file.id).rows("ideas")
        assert copied == idea


@pytest.mark.parametrize("content, message", [
    (b"not json at all", "is not a JSON file"),
    (b"\xff\xfe\x00garbage", "is not a JSON file"),
    (json.dumps({"hello": "world"}).encode(), "is not a coprod session export"),
    (json.dumps([1, 2]).encode(), "is not a coprod session export"),
    (json.dumps({"format": "coprod-session", "schema": 99}).encode(), "newer coprod"),
    (json.dumps({"format": "coprod-session", "schema": 1, "group": {"name": "G"},
                 "session": {"title": "t"}}).encode(), "missing its 'group_id'"),
])
def test_bad_files_are_rejected_and_nothing_is_written(tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(ValidationError, match=message):
        read_bundle(bad)


def test_a_broken_link_inside_the_file_is_named(store, tmp_path):
    add_demo(Service(store))
    sid = store.summaries()[0].id
    path = export_session(Service(store), sid, "json", tmp_path / "x.json", wording=WORDING)
    data = json.loads(path.read_text())
    data["decisions"][0]["idea_ids"] = ["f" * 32]  # a real id, but of no idea here
    path.write_text(json.dumps(data))
    with pytest.raises(ValidationError, match="refers to an idea that is not in the file"):
        read_bundle(path)


def test_importing_twice_is_refused_without_change(store, tmp_path, data_dir):
    add_demo(Service(store))
    sid = store.summaries()[0].id
    path = export_session(Service(store), sid, "json", tmp_path / "x.json", wording=WORDING)
    before = folder_bytes(data_dir)
    with pytest.raises(ValidationError, match="already in this data folder"):
        Service(store).import_session(read_bundle(path))
    assert folder_bytes(data_dir) == before
