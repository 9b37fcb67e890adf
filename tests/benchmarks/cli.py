"""The command line with a long history: ``coprod list --json`` and ``coprod search``.

Each sample is a new process, timed from spawn to exit, its output read through
a pipe, with byte-code caching on (as after an install):

ours
    ``python -m coprod_tui --data-dir DIR list --json`` (and ``search garden
    --json``): opening the folder (the lock, the groups, the index, a stat of
    every session file to check the index), the query, and the JSON.
baseline
    ``python -c`` reading the same JSON from a file with the standard library
    and printing it the same way (``json.dumps(..., indent=2)``, checked to be
    the same bytes): the output alone, however it was found.
floor
    ``python -c`` reading the index itself with the standard library's sqlite3
    (and groups.json for the group names) and printing the same JSON with the
    same encoder as coprod (orjson), checked to be the same bytes for ``list``;
    for ``search``, the same hits in the same order, without snippets. What any
    program reading this index pays.

Samples rotate: ours, baseline, floor, ...
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from .common import REPO, Figure, Settings, child_env, compare, ratio_figure
from .data import Workspace

WORD = "garden"
#: The issue's target for these two is set at 10,000 sessions.
JUDGED_AT = 10_000

BASELINE = """
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    print(json.dumps(json.load(f), ensure_ascii=False, indent=2))
"""

LIST_FLOOR = """
import json, sqlite3, sys
from pathlib import Path
from orjson import OPT_INDENT_2, dumps
root = Path(sys.argv[1])
groups = json.loads((root / "groups.json").read_text("utf-8"))["groups"].values()
names = {g["id"]: g["name"] for g in groups}
conn = sqlite3.connect((root / "index.sqlite3").absolute().as_uri() + "?mode=ro", uri=True)
rows = conn.execute(
    "SELECT id, group_id, title, date, start, status, methods, present, ideas, decisions,"
    " actions, actions_open FROM sessions ORDER BY date DESC, start DESC, id DESC")
print(dumps([{
    "id": r[0], "group_id": r[1], "group": names.get(r[1], ""), "title": r[2],
    "date": r[3], "start": r[4], "status": r[5], "methods": r[6].split(",") if r[6] else [],
    "present": r[7], "ideas": r[8], "decisions": r[9], "actions": r[10],
    "actions_open": r[11]} for r in rows], option=OPT_INDENT_2).decode())
"""

SEARCH_FLOOR = """
import sqlite3, sys
from pathlib import Path
from orjson import OPT_INDENT_2, dumps
root, word = Path(sys.argv[1]), sys.argv[2]
conn = sqlite3.connect((root / "index.sqlite3").absolute().as_uri() + "?mode=ro", uri=True)
rows = conn.execute(
    "SELECT s.id, s.title, s.date, r.kind, r.record_id, r.body FROM words"
    " JOIN records r ON r.n = words.rowid JOIN sessions s ON s.n = (words.rowid >> 24)"
    " WHERE words MATCH ? ORDER BY words.rank, words.rowid", ('"' + word + '"*',))
print(dumps([{"session_id": r[0], "title": r[1], "date": r[2], "kind": r[3],
              "id": r[4], "text": r[5]} for r in rows], option=OPT_INDENT_2).decode())
"""


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, *argv], env=env, cwd=REPO, capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL)
    took = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[:3]} failed: {proc.stderr[-2000:]}")
    return took, proc.stdout


def _three(ours: list[str], out_file: Path, floor: list[str], env, n: int, check,
           warm: int = 1):
    """Rotate the three sides n times (after ``warm`` rounds); their samples. The
    first round checks that each side printed what coprod printed."""
    took, expected = _run(ours, env)
    out_file.write_text(expected, "utf-8")
    baseline = ["-c", BASELINE, str(out_file)]
    mine: list[float] = []
    base: list[float] = []
    least: list[float] = []
    for i in range(warm + n):
        for side, samples in ((ours, mine), (baseline, base), (floor, least)):
            took, out = _run(side, env)
            if i == 0 and side is floor:
                check(expected, out)
            elif i == 0 and out != expected:
                raise RuntimeError("the baseline did not print the same JSON")
            if i >= warm:
                samples.append(took)
    return mine, base, least


def _same_list(expected: str, out: str) -> None:
    if out != expected:
        raise RuntimeError("the floor did not print the same list")


def _same_hits(expected: str, out: str) -> None:
    ours = [(h["session_id"], h["id"]) for h in json.loads(expected)]
    theirs = [(h["session_id"], h["id"]) for h in json.loads(out)]
    if ours != theirs:
        raise RuntimeError("the floor did not find the same hits in the same order")


def commands(ws: Workspace, settings: Settings) -> list[Figure]:
    env = child_env(ws.pycache)
    root = str(ws.history)
    n = ws.sessions
    listed = _three(["-m", "coprod_tui", "--data-dir", root, "list", "--json"],
                    ws.root / "list.json", ["-c", LIST_FLOOR, root], env, settings.commands,
                    _same_list, settings.warmups)
    found = _three(["-m", "coprod_tui", "--data-dir", root, "search", WORD, "--json"],
                   ws.root / "search.json", ["-c", SEARCH_FLOOR, root, WORD], env,
                   settings.commands, _same_hits, settings.warmups)
    figures = []
    for name, (mine, base, least) in ((f"coprod list --json ({n:,} sessions)", listed),
                                      (f"coprod search {WORD} --json ({n:,} sessions)",
                                       found)):
        figure = ratio_figure(name, compare(mine, base, repeats=len(mine)), "ms", 2.0,
                              scale=1000, floor=compare(mine, least, repeats=len(mine)))
        if n < JUDGED_AT:
            # The target is for a long history: with a short one, the fixed cost of
            # starting coprod (Python importing it, about 60 ms) outweighs the output.
            figure = replace(figure, target=f"(≤ 2× at {JUDGED_AT:,})", met=None)
        figures.append(figure)
    return figures
