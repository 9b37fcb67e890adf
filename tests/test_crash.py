"""kill -9 in the middle of saving never loses what was shown as recorded.

The default run does a few dozen kills; ``--torture`` runs the full 200+.
Each trial is seeded, so a failure names the seed that repeats it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coprod_tui.store import open_store

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).resolve().parents[1]


def one_trial(data_dir: Path, seed: int) -> dict[str, set[str]]:
    """Start the child, kill it at a random moment, return what it reported."""
    rng = random.Random(seed)
    child = subprocess.Popen([sys.executable, str(CHILD), str(data_dir), str(seed)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=ROOT)
    assert child.stdout is not None
    first = child.stdout.readline()  # the session exists: now let it write for a while
    assert first.startswith("session "), child.stderr.read() if child.stderr else first
    time.sleep(rng.uniform(0.0, 0.25))
    os.kill(child.pid, signal.SIGKILL)
    out, _ = child.communicate(timeout=30)
    reported: dict[str, set[str]] = {"session": {first.split()[1]}}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2:  # a line cut by the kill is not a report
            reported.setdefault(parts[0], set()).add(parts[1])
    return reported


def trials(request: pytest.FixtureRequest, quick: int, full: int) -> int:
    return full if request.config.getoption("--torture") else quick


def test_sigkill_while_saving_loses_nothing_reported(tmp_path, request):
    data_dir = tmp_path / "data"
    count = trials(request, quick=25, full=200)
    expected: dict[str, dict[str, set[str]]] = {}
    for seed in range(count):
        reported = one_trial(data_dir, seed)
        (session_id,) = reported["session"]
        expected[session_id] = reported
        # The lock of a killed process never blocks the next start, and every file loads.
        with open_store(data_dir) as store:
            assert store.problems == [], f"seed {seed}: {store.problems}"
            for sid, want in expected.items():
                file = store.session(sid)
                have = {"idea": {i.id for i in file.ideas()},
                        "decision": {d.id for d in file.decisions()},
                        "action": {a.id for a in file.actions()}}
                for kind in ("idea", "decision", "action"):
                    missing = want.get(kind, set()) - have[kind]
                    assert not missing, f"seed {seed}: lost {kind}s {missing}"
            assert {s.id for s in store.summaries()} == set(expected)
    assert not list(data_dir.rglob("*.coprod-tmp"))
