"""Two copies started together on one data folder (issue 8, part 5).

One works; the other says plainly that the folder is in use (exit code 2 on
the command line) and changes nothing; no file is damaged. The race on a new,
empty folder (both creating it at once) is included.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from coprod_tui.store import open_store

from .budget import scaled
from .conftest import ROOT, RealApp, child_env, temp_files

IN_USE = "already using the data folder"

AT_THE_SAME_MOMENT = """
import sys, time
from coprod_tui.cli import main
go = float(sys.argv[1])
time.sleep(max(0.0, go - time.time()))
sys.exit(main(sys.argv[2:]))
"""


def together(*commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Run CLI commands in separate processes, released at the same instant."""
    go = time.time() + 0.7  # time for every process to start and import
    children = [subprocess.Popen([sys.executable, "-c", AT_THE_SAME_MOMENT, str(go), *argv],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 cwd=ROOT, env=child_env())
                for argv in commands]
    results = []
    for child, argv in zip(children, commands):
        out, err = child.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(argv, child.returncode, out, err))
    return results


def assert_folder_whole(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        assert store.problems == []
        for summary in store.summaries():
            store.session(summary.id).load()
    assert not temp_files(data_dir)


@pytest.mark.slow
def test_two_command_line_writers_on_a_new_folder(tmp_path):
    for round_ in range(scaled(2, 30)):
        data_dir = tmp_path / f"data{round_}"
        results = together(["--data-dir", str(data_dir), "demo"],
                           ["--data-dir", str(data_dir), "demo"])
        codes = sorted(r.returncode for r in results)
        assert codes in ([0, 0], [0, 2]), [(r.returncode, r.stderr) for r in results]
        for r in results:
            assert "Traceback" not in r.stderr
            if r.returncode == 2:
                assert r.stderr.startswith("coprod: Another copy of coprod is " + IN_USE), \
                    r.stderr  # not "already holds other files": the folder is ours
                assert len(r.stderr.strip().splitlines()) == 1
        assert_folder_whole(data_dir)
        with open_store(data_dir) as store:
            assert len(store.summaries()) == 3  # the demo, once


@pytest.mark.slow
def test_two_apps_started_together_one_runs_the_other_is_told(tmp_path):
    for round_ in range(scaled(1, 5)):
        data_dir = tmp_path / f"data{round_}"
        apps = [RealApp(data_dir), RealApp(data_dir)]  # started a few ms apart
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and all(a.process.poll() is None for a in apps):
                time.sleep(0.05)
            refused = [a for a in apps if a.process.poll() is not None]
            assert len(refused) == 1, "both apps are running on one folder"
            (running,) = [a for a in apps if a not in refused]
            code, shown = refused[0].finish()
            assert code == 2 and IN_USE in shown, shown[-500:]
            assert "Traceback" not in shown
            assert running.ready(b"Welcome")
            # The one that runs really works: it makes a group.
            running.type(b"g")
            assert running.wait_for(b"Name of the group")
            running.settled()
            running.type(b"Group made while another copy was refused")
            running.settled()
            running.type(b"\x13")  # ctrl+s
            assert running.wait_for(b"Group made while")
            code, _ = running.quit()
            assert code == 0
        finally:
            for app in apps:
                if app.process.poll() is None:
                    app.process.kill()
        assert_folder_whole(data_dir)
        with open_store(data_dir) as store:
            assert [g.name for g in store.groups.groups()] == [
                "Group made while another copy was refused"]


def test_writers_are_refused_while_the_app_runs_and_readers_still_work(tmp_path):
    data_dir = tmp_path / "data"
    from tests.conftest import run_cli

    assert run_cli("demo", data_dir=data_dir).returncode == 0
    before = {p.name: p.read_bytes() for p in (data_dir / "sessions").iterdir()}
    bundle = tmp_path / "one.json"
    first = run_cli("list", "--json", data_dir=data_dir)
    import json

    session_id = json.loads(first.stdout)[0]["id"]
    assert run_cli("export", session_id, "--format", "json", "-o", str(bundle),
                   data_dir=data_dir).returncode == 0
    app = RealApp(data_dir)
    try:
        assert app.wait_for(b"Riverside")
        for argv in (["demo"], ["forget", "Maya Okafor", "--yes"], ["import", str(bundle)]):
            out = run_cli(*argv, data_dir=data_dir)
            assert out.returncode == 2, (argv, out.stderr)
            assert IN_USE in out.stderr and "Traceback" not in out.stderr
        for argv in (["list"], ["search", "sensory"],
                     ["export", session_id, "--format", "minutes", "-o", str(tmp_path)]):
            out = run_cli(*argv, data_dir=data_dir)
            assert out.returncode == 0, (argv, out.stderr)
        code, _ = app.quit()
        assert code == 0
    finally:
        if app.process.poll() is None:
            app.process.kill()
    assert {p.name: p.read_bytes() for p in (data_dir / "sessions").iterdir()} == before
    assert_folder_whole(data_dir)
