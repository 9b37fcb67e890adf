"""Import trusts nothing (issue 11, finding 1).

Ids are checked against the one rule in ``coprod_tui/ids.py`` (32 lower-case hex
characters, as coprod makes them) wherever they come from: a bundle being
imported, a file in the data folder, the command line. A bundle whose ids or
links do not hold together is refused whole, with one plain sentence naming the
file, and nothing is written anywhere.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coprod_tui.demo import add_demo
from coprod_tui.errors import CoprodError, ValidationError
from coprod_tui.model import Session
from coprod_tui.store import open_store
from coprod_tui.service import Service

from .edges import cli, demo_bundle, plain_failure, tree, write_json

HOSTILE_IDS = {
    "traversal": "../../x",
    "absolute": "<absolute>",  # a path inside the test's own folder
    "empty": "",
    "300 characters": "a" * 300,
    "NUL": "0123456789abcdef\x000123456789abcde",
    "newline": "0123456789abcdef\n0123456789abcde",
    "upper case": "F1B91EC253E35542A78713AFEB6B28B4",
    "dot-dot": "..",
    "backslash": "..\\..\\x",
    "not hex": "z" * 32,
    "unicode digits": "٠" * 32,
    "a number": 12345,
    "null": None,
}


def _import(tmp_path: Path, data: dict, name: str = "bundle.json") -> tuple[int, str, str]:
    (tmp_path / "in").mkdir(exist_ok=True)
    path = write_json(tmp_path / "in" / name, data)
    return cli("import", str(path), data_dir=tmp_path / "data")


@pytest.mark.parametrize("bad", list(HOSTILE_IDS.values()), ids=list(HOSTILE_IDS))
def test_a_hostile_session_id_is_refused_and_nothing_is_written(tmp_path, bad):
    if bad == "<absolute>":
        bad = str(tmp_path / "absolute")
    data = demo_bundle(tmp_path)
    data["session"]["id"] = bad
    before = tree(tmp_path)
    code, out, err = _import(tmp_path, data)
    plain_failure(code, err)
    assert "bundle.json" in err and "id" in err, err
    assert "free some space" not in err
    after = tree(tmp_path)
    del after["in/bundle.json"], after["in"]
    assert after == before  # no data folder made, nothing written beside it


# Where an id sits in a bundle, and how to put a hostile one there.
PLACES = {
    "group id": lambda d, v: d["group"].__setitem__("id", v),
    "session's group": lambda d, v: d["session"].__setitem__("group_id", v),
    "person id": lambda d, v: d["people"][0].__setitem__("id", v),
    "roster entry": lambda d, v: d["group"]["roster"].append(v),
    "attendance": lambda d, v: d["attendance"][0].__setitem__("person_id", v),
    "idea id": lambda d, v: d["ideas"][0].__setitem__("id", v),
    "decision's idea": lambda d, v: d["decisions"][0]["idea_ids"].append(v),
    "action owner": lambda d, v: d["actions"][0].__setitem__("owner_person_id", v),
    "turn id": lambda d, v: d["turns"][0].__setitem__("id", v),
    "agenda item": lambda d, v: d["session"]["agenda"][0].__setitem__("id", v),
    "correction": lambda d, v: d["corrections"].append(
        {"record_kind": "ideas", "record_id": v, "field_name": "text", "old": "a",
         "new": "b", "id": "c" * 32, "at": "2026-07-24T10:00:00+01:00"}),
}


@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize("bad", ["../x", "", "ABCDEF0123456789ABCDEF0123456789", "a\nb"],
                         ids=["traversal", "empty", "upper", "newline"])
def test_a_hostile_id_anywhere_in_the_bundle_is_refused(tmp_path, place, bad):
    data = demo_bundle(tmp_path)
    PLACES[place](data, bad)
    code, out, err = _import(tmp_path, data)
    plain_failure(code, err)
    assert err.startswith("coprod: bundle.json cannot be imported"), err
    assert not (tmp_path / "data").exists()


INCONSISTENT = {
    "two people with one id": (
        lambda d: d["people"].append(dict(d["people"][0], name="Someone Else")),
        "two people share an id"),
    "an action from an idea not in the file": (
        lambda d: d["actions"][1].update(source_kind="idea", source_id="f" * 32),
        "an action comes from an idea that is not in the file"),
    "an action from a decision not in the file": (
        lambda d: d["actions"][0].update(source_kind="decision", source_id="f" * 32),
        "an action comes from a decision that is not in the file"),
    "a turn of an unknown person": (
        lambda d: d["turns"][0].update(person_id="e" * 32),
        "a speaking turn refers to a person who is not in the file"),
    "a hand of an unknown person": (
        lambda d: d["session"]["hands"].append({"person_id": "e" * 32, "kind": "normal",
                                               "raised_at": "2026-07-23T10:00:00+01:00"}),
        "a raised hand refers to a person who is not in the file"),
    "an idea of an unknown person": (
        lambda d: next(i for i in d["ideas"] if i["person_id"]).update(person_id="e" * 32),
        "an idea refers to a person who is not in the file"),
    "an action owned by an unknown person": (
        lambda d: d["actions"][0].update(owner_person_id="e" * 32),
        "an action refers to a person who is not in the file"),
    "a comment card of an unknown person": (
        lambda d: d["feedback"].append({"level": 3, "person_id": "e" * 32, "id": "d" * 32,
                                        "at": "2026-07-23T12:00:00+01:00"}),
        "a comment card refers to a person who is not in the file"),
    "attendance of an unknown person": (
        lambda d: d["attendance"][0].update(person_id="e" * 32),
        "someone in the attendance list refers to a person who is not in the file"),
    "someone in the attendance list twice": (
        lambda d: d["attendance"].append(dict(d["attendance"][0])),
        "someone is in the attendance list twice"),
    "a decision on an unknown idea": (
        lambda d: d["decisions"][0]["idea_ids"].append("f" * 32),
        "a decision refers to an idea that is not in the file"),
    "a current agenda item that is not on the agenda": (
        lambda d: d["session"].update(current_item_id="f" * 32),
        "current agenda item is not on the agenda"),
    "a correction of an unknown kind of record": (
        lambda d: d["corrections"].append({
            "record_kind": "groups.json", "record_id": "f" * 32, "field_name": "x",
            "old": 1, "new": 2, "id": "c" * 32, "at": "2026-07-24T10:00:00+01:00"}),
        "a correction is of a kind of record coprod does not know"),
    "schema true": (lambda d: d.update(schema=True), "has no valid schema version"),
}


@pytest.mark.parametrize("case", list(INCONSISTENT))
def test_an_inconsistent_bundle_is_refused_whole(tmp_path, case):
    change, message = INCONSISTENT[case]
    with open_store(tmp_path / "data") as store:  # a folder with something in it
        add_demo(Service(store))
    data = demo_bundle(tmp_path)
    data["session"]["id"] = "9" * 32  # a new session, so only the fault can refuse it
    change(data)
    before = tree(tmp_path / "data")
    code, out, err = _import(tmp_path, data)
    plain_failure(code, err)
    assert "bundle.json" in err and message in err, err
    assert tree(tmp_path / "data") == before


def test_the_same_session_again_is_refused_plainly_even_in_capitals(tmp_path):
    data = demo_bundle(tmp_path)
    assert _import(tmp_path, data)[0] == 0
    before = tree(tmp_path / "data")
    code, out, err = _import(tmp_path, data, "again.json")
    plain_failure(code, err)
    assert "is already in this data folder" in err and "nothing was imported" in err
    data["session"]["id"] = data["session"]["id"].upper()  # once made a second copy
    code, out, err = _import(tmp_path, data, "upper.json")
    plain_failure(code, err)
    assert tree(tmp_path / "data") == before
    assert len(json.loads(cli("list", "--json", data_dir=tmp_path / "data")[1])) == 1


def test_a_bundle_coprod_made_still_imports_exactly(tmp_path):
    data = demo_bundle(tmp_path)
    code, out, err = _import(tmp_path, data)
    assert code == 0 and err == "", err
    sid = data["session"]["id"]
    with open_store(tmp_path / "data") as store:
        snap = store.snapshot(sid)
        assert [i.id for i in snap.ideas] == [i["id"] for i in data["ideas"]]
        assert snap.session.to_dict() == data["session"]


def test_a_stored_file_with_a_bad_id_inside_is_set_aside_and_the_rest_opens(tmp_path):
    root = tmp_path / "data"
    with open_store(root) as store:
        add_demo(Service(store))
        sids = [s.id for s in store.summaries()]
    victim = root / "sessions" / f"{sids[0]}.json"
    raw = json.loads(victim.read_text("utf-8"))
    first = next(iter(raw["ideas"]))
    raw["ideas"][first]["person_id"] = "../../etc/passwd"
    victim.write_text(json.dumps(raw), "utf-8")
    (root / "index.sqlite3").unlink()  # so the file is read again at the next start
    code, out, err = cli("list", data_dir=root)
    assert code == 0
    assert f"{sids[0]}.json does not hold a valid session" in err and "set-aside" in err
    assert sids[1][:8] in out and sids[2][:8] in out and sids[0][:8] not in out
    assert not victim.exists() and len(list((root / "set-aside").iterdir())) == 1


def test_the_store_makes_no_path_from_a_bad_id(tmp_path, store, group):
    for bad in ("../x", "", "A" * 32, str(tmp_path / "absolute"), "a" * 300):
        with pytest.raises(CoprodError):
            store.session(bad)
        with pytest.raises(CoprodError):
            store.add_session(Session(id=bad, group_id=group.id, title="t"))
    assert list(store.sessions_dir.iterdir()) == []
    assert not (tmp_path / "data" / "x.json").exists()
    assert not (tmp_path / "absolute.json").exists()


@pytest.mark.parametrize("needle", ["../../etc", "/", "..", "\x1b[31m", "f1b9.json", " "])
def test_the_session_argument_is_a_hex_prefix_only(tmp_path, needle):
    root = tmp_path / "data"
    with open_store(root) as store:
        add_demo(Service(store))
    code, out, err = cli("export", needle, "--format", "json", "-o",
                         str(tmp_path / "out.json"), data_dir=root)
    plain_failure(code, err)
    assert not (tmp_path / "out.json").exists()
    assert "\x1b" not in err


def test_session_path_is_the_one_gate(tmp_path):
    from coprod_tui.ids import check_id, is_id, session_path

    folder = tmp_path / "sessions"
    good = "0123456789abcdef" * 2
    assert session_path(folder, good) == folder / f"{good}.json"
    for bad in HOSTILE_IDS.values():
        assert not is_id(bad)
        with pytest.raises(ValidationError):
            session_path(folder, bad)  # type: ignore[arg-type]
        with pytest.raises(ValidationError):
            check_id(bad)
