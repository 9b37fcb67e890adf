"""coprod search TEXT [--group NAME] [--json], run as a user would run it."""

from __future__ import annotations

import json

import pytest

from coprod_tui.store import open_store
from coprod_tui.service import Service
from tests.conftest import run_cli

KEYS = {"session_id", "title", "date", "kind", "id", "text", "snippet"}
FIRST = "Getting started: what makes a good short stay?"


@pytest.fixture
def data(tmp_path):
    """The demo group, plus a second group that also talks about plants."""
    folder = tmp_path / "data"
    assert run_cli("demo", data_dir=folder).returncode == 0
    with open_store(folder) as store:
        youth = Service(store).groups.add_group(name="Youth Forum")
        file = Service(store).create_session(youth.id, "Park plans", date="2026-09-01")
        file.add_idea("More plants and trees in the park")
        file.close()
        file.release()
    return folder


def search(data, *args):
    out = run_cli("search", *args, data_dir=data)
    assert out.returncode == 0, out.stderr
    return out


def test_finds_an_idea_from_the_first_closed_session_by_one_word(data):
    listed = json.loads(run_cli("list", "--json", data_dir=data).stdout)
    first = next(s for s in listed if s["title"] == FIRST)
    assert first["status"] == "closed"

    hits = json.loads(search(data, "PLANTS", "--json").stdout)
    demo_hits = [h for h in hits if h["session_id"] == first["id"]]
    assert [(h["kind"], h["text"]) for h in demo_hits] == [
        ("idea", "A garden where people can grow things and look after plants.")]
    plain = search(data, "plants").stdout
    assert f"{first['id'][:8]}  2026-05-14  idea" in plain
    assert "A garden where people can grow things" in plain


def test_json_has_one_object_per_hit_with_the_promised_keys(data):
    hits = json.loads(search(data, "insurer", "--json").stdout)
    assert hits and all(set(h) == KEYS for h in hits)
    # The snippet is the matched words in context, as plain text from the record.
    for h in hits:
        assert "insurer" in h["snippet"].casefold()
        assert h["snippet"].strip("…") in " ".join(h["text"].split())
    assert {h["kind"] for h in hits} == {"decision", "action"}
    assert all(h["title"] == "Rooms, colours and the garden" and h["date"] == "2026-06-18"
               for h in hits)
    assert json.loads(search(data, "zzzz-nothing", "--json").stdout) == []
    assert search(data, "zzzz-nothing").stdout.strip() == "Nothing found."


def test_group_limits_the_search(data):
    everywhere = json.loads(search(data, "plants", "--json").stdout)
    assert {h["title"] for h in everywhere} == {"Park plans", FIRST}
    youth = json.loads(search(data, "plants", "--group", "youth forum", "--json").stdout)
    assert [h["text"] for h in youth] == ["More plants and trees in the park"]
    riverside = json.loads(search(data, "plants", "--group", "Riverside", "--json").stdout)
    assert [h["title"] for h in riverside] == [FIRST]


def test_an_unknown_group_is_one_plain_sentence_and_exit_2(data):
    out = run_cli("search", "plants", "--group", "Nowhere Club", data_dir=data)
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.strip() == "coprod: No group is called 'Nowhere Club'."


def test_search_works_while_the_app_has_the_folder_open(data):
    with open_store(data) as store:
        # A change the app made but has not summarised yet is still found.
        live = Service(store).session(store.summaries()[0].id)
        live.add_idea("A hammock under the willow tree")
        out = run_cli("search", "hammock", "--json", data_dir=data)
    assert out.returncode == 0, out.stderr
    assert [h["text"] for h in json.loads(out.stdout)] == ["A hammock under the willow tree"]
