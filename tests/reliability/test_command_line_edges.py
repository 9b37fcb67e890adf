"""The command line against the worst input (issue 11, finding 10).

Control and escape characters in anything echoed (arguments, file names,
titles, names) are shown written out, never sent raw to the terminal; a closed
pipe (`coprod list | head -1`) ends quietly; no input gives a traceback or a
hang (`import /dev/zero`, a FIFO, a folder, a 300-character name); read-only
commands never create a mistyped data folder; importing same-named groups from
several computers numbers them instead of stacking "(imported) (imported) …".

The command runs in this process (``cli``) except where only a real process shows
it: a closed pipe (Python flushes again at exit), and a FIFO or a device that a
faulty command would wait on for ever (a child with a timeout).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from coprod_tui.store import open_store
from coprod_tui.service import Service

from .conftest import child_env
from .edges import cli, cli_child, demo_bundle, demo_folder, plain_failure, write_json

#: What a terminal acts on: ESC (CSI, OSC), the 8-bit CSI, BEL, text direction.
RAW = ("\x1b", "\x9b", "\x07", "\u202e", "\u2066")
EVIL = "\x1b[31mRED\x1b]0;title\x07\x9b2J\u202eevil"


@pytest.fixture
def demo_root(tmp_path) -> Path:
    return demo_folder(tmp_path)[0]


def shows_nothing_raw(text: str) -> None:
    assert not any(ch in text for ch in RAW), ascii(text)


@pytest.mark.parametrize("args", [
    ("export", EVIL),
    ("export", "--group", EVIL, "--format", "impact"),
    ("import", EVIL + ".json"),
    ("forget", EVIL, "--yes"),
    ("search", "x", "--group", EVIL),
    ("no-such-command", EVIL),
    ("export", "f1b", "--format", EVIL),
    ("export", "f1b", "-o", f"/nowhere/{EVIL}/x.docx"),
], ids=lambda a: a[0] + "-" + a[1][:6].encode("unicode_escape").decode())
def test_arguments_are_echoed_escaped(demo_root, args):
    code, out, err = cli(*args, data_dir=demo_root)
    assert code == 2, err
    shows_nothing_raw(out + err)
    assert "Traceback" not in err


def test_a_mistyped_data_folder_is_echoed_escaped(tmp_path):
    code, out, err = cli("list", data_dir=tmp_path / EVIL)
    plain_failure(code, err)
    shows_nothing_raw(err)
    assert "\\x1b[31mRED" in err  # written out, so the user sees what it was


def test_titles_and_names_from_a_file_are_printed_escaped(tmp_path):
    data = demo_bundle(tmp_path)
    data["session"]["title"] = "Plan \u202eevil\u2066 here \u200b"
    data["group"]["name"] = "Group \u202e2"
    path = write_json(tmp_path / "evil \u202e.json", data)
    root = tmp_path / "data"
    results = [cli("import", str(path), data_dir=root),
               cli("list", data_dir=root),
               cli("list", "--json", data_dir=root),
               cli("search", "picture", data_dir=root)]
    for code, out, err in results:
        assert code == 0, err
        shows_nothing_raw(out + err)
    assert "\\u202e" in results[1][1]
    # --json stays JSON, and the same text once parsed
    assert json.loads(results[2][1])[0]["title"] == "Plan \u202eevil\u2066 here \u200b"


def test_a_closed_pipe_ends_quietly(demo_root):
    # Enough sessions that the output is bigger than a pipe holds (made once, for
    # every command: each run only reads).
    with open_store(demo_root) as store:
        file = Service(store).session(store.summaries()[0].id)
        for n in range(40):
            copy = Service(store).create_session(file.session.group_id, f"Copy {n} of the days")
            copy.start()
            for idea in file.ideas()[:3]:
                copy.add_idea(idea.text + " " + "padding " * 60)
            copy.release()
    for command in (["list"], ["search", "the"], ["list", "--json"],
                    ["search", "the", "--json"]):
        for early in (True, False):
            case = (command, "closed before reading" if early else "after one line")
            child = subprocess.Popen(
                [sys.executable, "-m", "coprod_tui", "--data-dir", str(demo_root), *command],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env())
            if not early:
                child.stdout.readline()  # `| head -1`
            child.stdout.close()
            err = child.stderr.read().decode()
            code = child.wait(timeout=60)
            assert "Traceback" not in err and "BrokenPipe" not in err, (case, err)
            assert "Exception ignored" not in err, (case, err)
            assert code in (0, 141), (case, code, err)


def test_no_traceback_and_no_hang_for_any_file_given_to_import(demo_root, tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    folder = tmp_path / "a-folder.json"
    folder.mkdir()
    # A FIFO or a device could hang a faulty command: those run in a child with a timeout.
    could_hang = {str(fifo): "named pipe"}
    if os.path.exists("/dev/zero"):
        could_hang["/dev/zero"] = "is a device"  # only ever opened to be refused
    for path, words in could_hang.items():
        result = cli_child("import", path, data_dir=demo_root, timeout=30)
        plain_failure(result.returncode, result.stderr)
        assert words in result.stderr, result.stderr
    cases = {str(folder): "is a folder", str(tmp_path / ("n" * 300 + ".json")): "",
             str(tmp_path / "missing.json"): "There is no file"}
    for path, words in cases.items():
        code, out, err = cli("import", path, data_dir=demo_root)
        plain_failure(code, err)
        assert words in err, err


def test_an_unreadable_file_to_import_is_said_plainly(demo_root, tmp_path, monkeypatch):
    import coprod_tui.regular_files as regular

    path = write_json(tmp_path / "locked.json", demo_bundle(tmp_path))
    real_open = os.open

    def refuse(target, *args, **kwargs):  # root reads anything: refuse as a disk would
        if str(target) == str(path):
            raise PermissionError(13, "Permission denied", str(target))
        return real_open(target, *args, **kwargs)

    monkeypatch.setattr(regular.os, "open", refuse)
    code, out, err = cli("import", str(path), data_dir=demo_root)
    plain_failure(code, err)
    assert "not allowed to read locked.json" in err


@pytest.mark.parametrize("command", [["list"], ["search", "x"], ["export", "f1b"],
                                     ["export", "--group", "x", "--format", "impact"]])
def test_reading_commands_never_create_a_mistyped_data_folder(tmp_path, command):
    typo = tmp_path / "dta"
    code, out, err = cli(*command, data_dir=typo)
    plain_failure(code, err)
    assert "There is no coprod data in" in err
    assert not typo.exists()
    empty = tmp_path / "empty"  # an existing folder is not made into a data folder either
    empty.mkdir()
    code, out, err = cli(*command, data_dir=empty)
    plain_failure(code, err)
    assert list(empty.iterdir()) == []


def test_a_data_folder_name_too_long_is_said_plainly(tmp_path):
    for command in (["list"], ["demo"], ["search", "x"]):
        code, out, err = cli(*command, data_dir=tmp_path / ("d" * 300))
        plain_failure(code, err)


def test_same_named_groups_from_other_computers_are_numbered(tmp_path):
    root = tmp_path / "data"
    names = []
    for long in (False, True):
        for n in range(4):
            data = demo_bundle(tmp_path)
            data["group"]["id"] = uuid.uuid4().hex  # another computer's group
            data["session"]["group_id"] = data["group"]["id"]
            data["session"]["id"] = uuid.uuid4().hex
            if long:
                data["group"]["name"] = "L" * 200
            path = write_json(tmp_path / f"from-{long}-{n}.json", data)
            code, out, err = cli("import", str(path), data_dir=root)
            assert code == 0, err
    with open_store(root) as store:
        names = sorted(g.name for g in store.groups.groups())
    base = "Riverside Short Stay Co-production Group"
    assert [n for n in names if n.startswith("R")] == [
        base, f"{base} (imported 2)", f"{base} (imported 3)", f"{base} (imported)"]
    long_names = [n for n in names if n.startswith("L")]
    assert len(long_names) == 4 and all(len(n) <= 200 for n in long_names)
    assert "L" * 200 in long_names
    for mark in (" (imported)", " (imported 2)", " (imported 3)"):
        assert "L" * (200 - len(mark)) + mark in long_names
