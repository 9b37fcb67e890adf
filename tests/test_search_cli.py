"""coprod search TEXT [--group NAME] [--json], run as a user would run it: in this
process (``cli``), and in a real second process while the app holds the folder."""

from __future__ import annotations

import json

import pytest

from coprod_tui.store import open_store
from coprod_tui.service import Service
from tests.conftest import run_cli
from tests.reliability.edges import cli

KEYS = {"session_id", "title", "date", "kind", "id", "text", "snippet"}
FIRST = "Getting started: what makes a good short stay?"


@pytest.fixture
def data(tmp_path):
    """The demo group, plus a second group that also talks about plants."""
    folder = tmp_path / "data"
    assert cli("demo", data_dir=folder)[0] == 0
    with open_store(folder) as store:
        youth = Service(store).groups.add_group(name="Youth Forum")
        file = Service(store).create_session(youth.id, "Park plans", date="2026-09-01")
        file.start()
        file.add_idea("More plants and trees in the park")
        file.close()
        file.release()
    return folder


def search(data, *args) -> str:
    code, out, err = cli("search", *args, data_dir=data)
    assert code == 0, err
    return out


def test_finds_an_idea_from_the_first_closed_session_by_one_word(data):
    listed = json.loads(cli("list", "--json", data_dir=data)[1])
    first = next(s for s in listed if s["title"] == FIRST)
    assert first["status"] == "closed"

    hits = json.loads(search(data, "PLANTS", "--json"))
    demo_hits = [h for h in hits if h["session_id"] == first["id"]]
    assert [(h["kind"], h["text"]) for h in demo_hits] == [
        ("idea", "A garden where people can grow things and look after plants.")]
    plain = search(data, "plants")
    assert f"{first['id'][:8]}  2026-05-14  idea" in plain
    assert "A garden where people can grow things" in plain


def test_json_has_one_object_per_hit_with_the_promised_keys(data):
    hits = json.loads(search(data, "insurer", "--json"))
    assert hits and all(set(h) == KEYS for h in hits)
    # The snippet is the matched words in context, as plain text from the record.
    for h in hits:
        assert "insurer" in h["snippet"].casefold()
        assert h["snippet"].strip("…") in " ".join(h["text"].split())
    assert {h["kind"] for h in hits} == {"decision", "action"}
    assert all(h["title"] == "Rooms, colours and the garden" and h["date"] == "2026-06-18"
               for h in hits)
    assert json.loads(search(data, "zzzz-nothing", "--json")) == []
    assert search(data, "zzzz-nothing").strip() == "Nothing found."


def test_group_limits_the_search(data):
    everywhere = json.loads(search(data, "plants", "--json"))
    assert {h["title"] for h in everywhere} == {"Park plans", FIRST}
    youth = json.loads(search(data, "plants", "--group", "youth forum", "--json"))
    assert [h["text"] for h in youth] == ["More plants and trees in the park"]
    riverside = json.loads(search(data, "plants", "--group", "Riverside", "--json"))
    assert [h["title"] for h in riverside] == [FIRST]


def test_an_unknown_group_is_one_plain_sentence_and_exit_2(data):
    code, out, err = cli("search", "plants", "--group", "Nowhere Club", data_dir=data)
    assert code == 2
    assert out == ""
    assert err.strip() == "coprod: No group is called 'Nowhere Club'."


def test_search_works_while_the_app_has_the_folder_open(data):
    with open_store(data) as store:
        # A change the app made but has not summarised yet is still found.
        group = store.groups.groups()[0].id
        live = Service(store).create_session(group, "Garden day", date="2026-08-06")
        live.start()
        live.add_idea("A hammock under the willow tree")
        # A real second process, as a script run beside the open app would be.
        out = run_cli("search", "hammock", "--json", data_dir=data)
    assert out.returncode == 0, out.stderr
    assert [h["text"] for h in json.loads(out.stdout)] == ["A hammock under the willow tree"]
