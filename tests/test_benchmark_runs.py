"""The benchmark (tests/benchmarks) runs, and its JSON has the promised shape.

No timings are asserted here: the figures and their targets are the
benchmark's business (``python -m tests.benchmarks``). This only checks that
the machinery works, in its tiny mode (``--tiny``: the least data, no warm-ups)
with a sample or two a side. The whole runs of figures are left to CI's benchmark
step by default (every figure, at its real size, its JSON checked as it is written);
``--torture`` runs them here too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from coprod_tui.store import open_store
from tests.benchmarks.common import (
    REPO, Compared, Settings, absolute_figure, alternate, check_shape, child_env, compare,
    percentile, ratio_figure, run_child,
)


@pytest.fixture
def full_run(request: pytest.FixtureRequest) -> None:
    """A whole run of figures takes seconds of child processes, so the default suite
    leaves them to ``--torture``, which CI runs for this file (.ci/run) beside its
    benchmark step (every figure at its real size, its JSON checked with
    ``check_shape`` before it is written)."""
    if not request.config.getoption("--torture"):
        pytest.skip("CI runs these with --torture (.ci/run); so does pytest --torture")


def test_cheap_figures_run_and_write_json(tmp_path, full_run):
    out = tmp_path / "figures.json"
    proc = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks", "--tiny", "--only", "save,export",
         "--repeats", "2", "--json", str(out), "--workdir", str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = json.loads(out.read_text("utf-8"))
    check_shape(rows)
    assert [r["figure"].split(",")[0].split(":")[0] for r in rows] == [
        "save one idea"] * 4 + ["export"] * 3
    assert [r["figure"].rsplit("(", 1)[1] for r in rows[:4]] == [
        "500 ideas)", "500 ideas)", "5,000 ideas)", "5,000 ideas)"]
    # Beside each save, the raw durable write of the same bytes; beside the export,
    # python-docx at its quickest (and the competent script as the baseline).
    assert all(r["floor"] > 0 and r["floor_ratio"] > 0 for r in rows[:4])
    assert rows[4]["floor"] and rows[4]["target"].startswith("≤ 0.5×")
    assert rows[5]["met"] is None and "naïve" in rows[5]["figure"]
    assert "easy read" in rows[6]["figure"]  # the full run's (the quick run skips both)
    assert "figure" in proc.stdout and "target" in proc.stdout  # the printed table
    # The temp data is cleaned up afterwards.
    assert [p.name for p in tmp_path.iterdir()] == ["figures.json"]


def test_the_history_figures_run_with_a_given_number_of_sessions(tmp_path, full_run):
    out = tmp_path / "figures.json"
    proc = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks", "--tiny", "--quick", "--sessions", "200",
         "--only", "home,search,index,cli,startup,memory", "--repeats", "1",
         "--json", str(out), "--workdir", str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = json.loads(out.read_text("utf-8"))
    check_shape(rows)
    names = [r["figure"] for r in rows]
    assert all("200" in name for name in names if "sessions" in name)
    expected = ["back to Home", "search: results shown", "search: keystroke", "index update",
                "coprod list",
                "coprod search", "start-up", "review: Home list ready", "memory",
                "reconcile after Home", "first build"]
    assert [next(e for e in expected if n.startswith(e)) for n in names] == expected
    by_name = {e: next(r for r in rows if r["figure"].startswith(e)) for e in expected}
    assert by_name["coprod list"]["floor"] and by_name["coprod search"]["floor"]
    assert by_name["start-up"]["floor"]  # the minimal Textual app
    # Beside the absolute figures, what Textual alone and a durable write cost here.
    assert by_name["review: Home list ready"]["floor"] > 0
    assert by_name["index update"]["floor"] > 0 and by_name["index update"]["ratio"] > 0
    assert "(200 sessions vs 100)" in by_name["start-up"]["figure"]
    assert "200 sessions" in proc.stdout


def test_too_few_sessions_is_refused():
    proc = subprocess.run([sys.executable, "-m", "tests.benchmarks", "--sessions", "50"],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "--sessions must be at least 200" in proc.stderr


def test_both_start_up_children_report_ready(tmp_path):
    env = child_env(None)  # (as --tiny: the byte-code this run has compiled already)
    open_store(tmp_path / "data").close()
    coprod = run_child(["coprod", str(tmp_path / "data")], env)
    assert coprod["rows"] == 0
    assert coprod["spawned"] < coprod["opening"] < coprod["ready"]
    assert coprod["peak_kb"] > 0
    rows = tmp_path / "rows.json"
    rows.write_text(json.dumps([["2026-03-05", "A session\nA group", "Closed", "1"]]))
    minimal = run_child(["minimal", str(rows)], env)
    assert minimal["rows"] == 1 and minimal["spawned"] < minimal["ready"]


def test_the_figure_rows_and_helpers():
    row = ratio_figure("x", Compared(0.012, 0.010, 1.2), "ms", 1.2, scale=1000).as_json()
    assert row == {"figure": "x", "value": 12.0, "unit": "ms", "baseline": 10.0,
                   "ratio": 1.2, "floor": None, "floor_ratio": None, "target": "≤ 1.2×",
                   "met": True}
    row = ratio_figure("x", Compared(0.012, 0.010, 1.2), "ms", 1.2, scale=1000,
                       floor=Compared(0.012, 0.004, 3.0)).as_json()
    assert (row["floor"], row["floor_ratio"]) == (4.0, 3.0)
    assert not ratio_figure("x", Compared(13.0, 10.0, 1.3), "ms", 1.2).met
    assert not ratio_figure("x", Compared(1.1, 1.0, 1.1), "ms", 1.5, scale=1000,
                            also_below=1000).met
    row = absolute_figure("y", 49.0, "ms", 50).as_json()
    assert row["baseline"] is None and row["ratio"] is None and row["met"] is True
    check_shape([row, ratio_figure("x", Compared(1.0, 1.0, 1.0), "ms", 2.0).as_json()])

    # Repeat by repeat: a burst that slows one repeat does not move the median ratio.
    ours = [2.0, 2.0, 9.0, 2.0, 2.0, 2.0]
    base = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    assert compare(ours, base, repeats=3) == Compared(2.0, 1.0, 2.0)
    assert compare(ours, base, repeats=6).ratio == 2.0

    calls: list[str] = []
    a, b = alternate(lambda: calls.append("A") or 1.0, lambda: calls.append("B") or 2.0,
                     3, warmup=1)
    assert calls == ["A", "B"] * 4 and a == [1.0] * 3 and b == [2.0] * 3

    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile(list(map(float, range(101))), 95) == 95.0
    assert Settings.make(quick=True).saves < Settings.make(quick=False).saves
    assert Settings.make(quick=False, repeats=1).presses == 1
    assert Settings.make(quick=True).warmups == 1
    assert Settings.make(quick=True, repeats=1, tiny=True).warmups == 0

    # A measured child caches its byte-code in the benchmark's folder (not the
    # repository's) and always writes it; with --tiny, wherever this Python does.
    env = child_env(REPO / "no-such-folder")
    assert env["PYTHONPYCACHEPREFIX"] == str(REPO / "no-such-folder")
    assert "PYTHONDONTWRITEBYTECODE" not in env and "COPROD_DATA_DIR" not in env
    assert child_env(None).get("PYTHONPYCACHEPREFIX") == os.environ.get("PYTHONPYCACHEPREFIX")


def test_the_shape_check_refuses_a_row_out_of_shape():
    """The check the benchmark makes of its own JSON (so a CI run fails on it)."""
    good = ratio_figure("x", Compared(0.012, 0.010, 1.2), "ms", 1.2, scale=1000).as_json()
    check_shape([good])
    for bad in ([], [{**good, "extra": 1}], [{k: v for k, v in good.items() if k != "met"}],
                [{**good, "value": "12"}], [{**good, "value": True}],
                [{**good, "ratio": None}], [{**good, "target": ""}], [[*good.items()]]):
        with pytest.raises(AssertionError):
            check_shape(bad)
