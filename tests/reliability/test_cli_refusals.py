"""The command line refuses what could act on the wrong data (issue 11, findings F8, F13
of the outside attack).

``coprod forget`` without ``--yes`` asks a person at a terminal, and refuses when
there is none to ask (``echo no | coprod forget ...`` once erased). An empty
``--data-dir`` or ``COPROD_DATA_DIR`` is refused, never read as "not given" (a
script with an unset variable would act on the real data). A path that can never
be a data folder (through a file, a name too long, a loop of links) gets its own
sentence, not "free some space". ``export -o out1/`` names a folder. A person is
found by their exact name before the start of an id, and a needle that is both is
refused with the full ids.
"""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coprod_tui.exports.formats import export_session
from coprod_tui.model import Group, Person
from coprod_tui.service import Service
from coprod_tui.store import open_store

from .conftest import child_env
from .edges import WORDING, cli, demo_folder, plain_failure, tree


def with_people(root: Path, *people: Person) -> None:
    with open_store(root) as store:  # people as they are (their ids), as an import would
        Service(store).groups.adopt(Group(name="Other group"), list(people))


@pytest.fixture
def folder(tmp_path) -> Path:
    root = demo_folder(tmp_path)[0]
    with_people(root, Person(name="Maya Named", role="carer"))
    return root


# -- F8: forget asks, or refuses -------------------------------------------------------

@pytest.mark.parametrize("answer", ["no\n", "yes\n", ""])
def test_forget_without_yes_refuses_when_no_one_can_answer(folder, answer, monkeypatch):
    before = tree(folder)
    # Input from a pipe or a file (`echo no | coprod forget ...`), or none at all: not
    # a terminal. A real terminal is test_forget_at_a_terminal_still_asks.
    monkeypatch.setattr(sys, "stdin", io.StringIO(answer))
    code, out, err = cli("forget", "Maya Named", data_dir=folder)
    plain_failure(code, err)
    assert "--yes" in err and "--dry-run" in err
    assert "Maya" not in err  # messages name no one
    assert tree(folder) == before, "forget changed the data without asking anyone"


def test_forget_at_a_terminal_still_asks(folder):
    """A person at a terminal is asked; 'no' changes nothing, 'yes' erases."""
    def ask(answer: bytes) -> tuple[int, str]:
        master, slave = pty.openpty()
        child = subprocess.Popen(
            [sys.executable, "-m", "coprod_tui", "--data-dir", str(folder), "forget",
             "Maya Named"], stdin=slave, stdout=slave, stderr=slave, env=child_env(),
            start_new_session=True)
        os.close(slave)
        seen = b""
        end = time.monotonic() + 60
        while b"Type yes" not in seen and time.monotonic() < end:
            seen += os.read(master, 4096)
        os.write(master, answer)
        code = child.wait(timeout=60)
        try:
            while chunk := os.read(master, 4096):
                seen += chunk
        except OSError:
            pass
        os.close(master)
        return code, seen.decode("utf-8", "replace")

    before = tree(folder)
    code, shown = ask(b"no\r")
    assert code == 1 and "Nothing was changed." in shown
    assert tree(folder) == before
    code, shown = ask(b"yes\r")
    assert code == 0 and "Erased Maya Named" in shown
    with open_store(folder, read_only=True) as store:
        assert "Maya Named" not in [p.name for p in store.groups.people().values()]


# -- F8: an empty data folder is refused ---------------------------------------------------

@pytest.fixture
def home_with_data(tmp_path) -> tuple[dict[str, str], Path]:
    """A home whose usual data folder holds real data (with Maya Named in it)."""
    home = tmp_path / "home"
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share")}
    usual = home / ".local" / "share" / "coprod"
    demo = demo_folder(tmp_path / "made")[0]
    usual.parent.mkdir(parents=True)
    os.rename(demo, usual)
    with_people(usual, Person(name="Maya Named", role="carer"))
    return env, usual


@pytest.mark.parametrize("args", [
    ("forget", "Maya Named", "--yes"), ("demo",), ("list",), ("search", "ramp"),
    ("import", "bundle.json"), ()], ids=lambda a: a[0] if a else "app")
def test_an_empty_data_dir_is_refused_not_read_as_the_usual_folder(home_with_data, args,
                                                                     tmp_path, monkeypatch):
    env, usual = home_with_data
    with open_store(tmp_path / "elsewhere") as store:  # a session new to the usual folder
        service = Service(store)
        group = service.groups.add_group(name="Elsewhere")
        sid = service.create_session(group.id, "From elsewhere").id
        export_session(service, sid, "json", tmp_path / "bundle.json", wording=WORDING)
    before = tree(usual)
    if not args:
        # Opening the app: were the refusal to fail, the app would open the folder
        # (and run here, in the test): it is asked which folder it would open instead.
        import coprod_tui.app

        def would_open(data_dir, **kwargs):
            raise AssertionError(f"the app would have opened {data_dir}")

        monkeypatch.setattr(coprod_tui.app, "run", would_open)
    # The data folder and its usual place are read when the command runs.
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    given_code, _, given_err = cli("--data-dir", "", *args)
    monkeypatch.setenv("COPROD_DATA_DIR", "")
    env_code, _, env_err = cli(*args)
    plain_failure(given_code, given_err)
    assert "--data-dir is empty" in given_err
    plain_failure(env_code, env_err)
    assert "COPROD_DATA_DIR is empty" in env_err
    assert tree(usual) == before, "the usual data folder was used instead"


# -- F13: a path that can never be a data folder --------------------------------------------

def bad_paths(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    return {
        "through a file": (a_file / "data", "is a file, not a folder"),
        "a file": (a_file, "is a file, not a folder"),
        "a name too long": (tmp_path / ("d" * 300), "longer than a disk allows"),
        "a loop of links": (loop, "loop of links"),
    }


@pytest.mark.parametrize("case", ["through a file", "a file", "a name too long",
                                  "a loop of links"])
@pytest.mark.parametrize("command", [("demo",), ("list",), ("forget", "x", "--yes"), ()],
                         ids=lambda a: a[0] if a else "app")
def test_a_path_that_cannot_be_a_data_folder_is_said_plainly(tmp_path, case, command):
    path, words = bad_paths(tmp_path)[case]
    before = tree(tmp_path)
    code, out, err = cli(*command, data_dir=path)
    plain_failure(code, err)
    assert words in err
    assert "free some space" not in err.lower()
    assert tree(tmp_path) == before


# -- F13: -o with a slash names a folder ----------------------------------------------------

@pytest.mark.parametrize("fmt", ["minutes", "json"])
def test_export_to_a_folder_that_does_not_exist_says_so(tmp_path, fmt, monkeypatch):
    root, sids = demo_folder(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    code, out, err = cli("export", sids[0][:8], "--format", fmt, "-o", "out1/", data_dir=root)
    plain_failure(code, err)
    assert "The folder out1 does not exist" in err
    assert list(work.iterdir()) == [], "a file named out1 was written"
    (work / "a-file").write_text("mine")
    code, out, err = cli("export", sids[0][:8], "-o", "a-file/", data_dir=root)
    plain_failure(code, err)
    assert "is not a folder" in err and (work / "a-file").read_text() == "mine"
    (work / "out1").mkdir()
    code, out, err = cli("export", sids[0][:8], "--format", fmt, "-o", "out1/", data_dir=root)
    assert code == 0, err
    assert Path(out.strip()).parent == work / "out1"


# -- F13: a name before the start of an id -------------------------------------------------

def test_a_name_is_tried_before_the_start_of_an_id(tmp_path):
    """"Cade" is a name, and the start of Pat's id: the person called Cade is meant
    (an erasure of the wrong person cannot be undone). Four or five characters are
    never taken as the start of an id; six or more are, when no one has that name."""
    root = tmp_path / "data"
    cade = Person(name="Cade", role="carer")
    pat = Person(name="Pat Other", role="carer", id="cade" + "0" * 28)
    with_people(root, cade, pat)
    code, out, err = cli("forget", "Cade", "--dry-run", data_dir=root)
    assert code == 0, err
    assert f"Forgetting Cade ({cade.id[:8]})" in out and "Pat" not in out
    code, out, err = cli("forget", "cade0", "--dry-run", data_dir=root)
    plain_failure(code, err)  # five characters: not an id, and no one's name
    code, out, err = cli("forget", "cade00", "--dry-run", data_dir=root)
    assert code == 0 and "Forgetting Pat Other" in out, err


def test_a_needle_that_is_a_name_and_an_id_start_is_refused_with_both_ids(tmp_path):
    root = tmp_path / "data"
    deedee = Person(name="Deedee", role="carer")
    other = Person(name="Sam Other", role="carer", id="deedee" + "1" * 26)
    with_people(root, deedee, other)
    before = tree(root)
    for args in (("forget", "Deedee", "--yes"), ("forget", "deedee", "--dry-run")):
        code, out, err = cli(*args, data_dir=root)
        plain_failure(code, err)
        assert deedee.id in err and other.id in err and "full id" in err
        assert "Sam" not in err
    assert tree(root) == before
    code, out, err = cli("forget", deedee.id, "--yes", data_dir=root)
    assert code == 0 and "Erased Deedee" in out, err
    with open_store(root, read_only=True) as store:
        assert other.id in store.groups.people()
