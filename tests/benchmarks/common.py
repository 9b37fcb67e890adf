"""What every figure shares: settings, alternating runs, percentiles, the result rows."""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

#: The keys of each JSON object, in order (the JSON shape is part of the contract).
#: ``floor``: the least any design could cost for the same result (a raw durable
#: write of the same bytes, reading the index directly ...), and ours / it.
KEYS = ("figure", "value", "unit", "baseline", "ratio", "floor", "floor_ratio", "target",
        "met")
REPO = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("_child.py")


@dataclass(frozen=True)
class Settings:
    """How many samples each figure takes. ``--quick`` uses the small numbers."""

    quick: bool = False
    #: Sessions in the long history (``--sessions``).
    sessions: int = 1000
    #: Start-up: triples of child processes (coprod at N, coprod at 100, the minimal
    #: app); each triple is a repeat.
    startup_pairs: int = 15
    #: Memory: pairs of child processes (1,000 sessions, none).
    memory_pairs: int = 5
    #: Saves per side, alternating, ...
    saves: int = 400
    #: ... in this many repeats (consecutive runs of saves), each giving a ratio.
    save_repeats: int = 8
    #: Exports per side (each pair is a repeat).
    exports: int = 9
    #: Searches (each on a freshly opened store).
    searches: int = 15
    #: Enter presses on the Run screen.
    presses: int = 200
    #: Command-line calls per side (list, search).
    commands: int = 9
    #: Round trips to a session and back to Home; words typed into Past sessions.
    trips: int = 15
    #: ``--tiny``: the least data, no warm-ups and Python's own byte-code cache, to
    #: prove the machinery runs (its tests); its figures mean nothing.
    tiny: bool = False

    @property
    def warmups(self) -> int:
        """Unrecorded rounds before the samples (where a figure has one): none when tiny."""
        return 0 if self.tiny else 1

    @classmethod
    def make(cls, *, quick: bool, repeats: int | None = None,
             sessions: int = 1000, tiny: bool = False) -> Settings:
        if quick:
            s = cls(quick=True, sessions=sessions, startup_pairs=5, memory_pairs=3, saves=80,
                    save_repeats=4, exports=3, searches=5, presses=40, commands=3, trips=4,
                    tiny=tiny)
        else:
            s = cls(sessions=sessions, tiny=tiny)
        if repeats is not None:  # one number for everything (tests use a tiny one)
            n = max(1, repeats)
            s = cls(quick=s.quick, sessions=sessions, startup_pairs=n, memory_pairs=n,
                    saves=n, save_repeats=min(n, s.save_repeats), exports=n, searches=n,
                    presses=n, commands=n, trips=n, tiny=tiny)
        return s


@dataclass(frozen=True)
class Compared:
    """Two alternated sets of samples, summarised repeat by repeat."""

    #: The median, over the repeats, of each repeat's statistic for our side ...
    value: float
    #: ... and for the baseline.
    baseline: float
    #: The median, over the repeats, of each repeat's ours / baseline.
    ratio: float


def compare(ours: list[float], base: list[float], repeats: int,
            stat: Callable[[list[float]], float] = statistics.median) -> Compared:
    """Split alternated samples into ``repeats`` consecutive runs and compare each.

    Sample i of each side was taken next to the other's sample i, so a run of
    samples on one side and the same run on the other saw the same machine; a
    burst of load elsewhere spoils one repeat's ratio, not the median of them.
    """
    n = len(ours)
    if n != len(base) or n == 0:
        raise ValueError("compare needs the same number of samples on both sides")
    repeats = max(1, min(repeats, n))
    bounds = [round(i * n / repeats) for i in range(repeats + 1)]
    values, baselines, ratios = [], [], []
    for lo, hi in zip(bounds, bounds[1:]):
        a, b = stat(ours[lo:hi]), stat(base[lo:hi])
        values.append(a)
        baselines.append(b)
        ratios.append(a / b if b > 0 else math.inf)
    return Compared(statistics.median(values), statistics.median(baselines),
                    statistics.median(ratios))


@dataclass(frozen=True)
class Figure:
    """One row of the table (and one object of the JSON)."""

    figure: str
    value: float
    unit: str
    baseline: float | None
    ratio: float | None
    target: str
    #: None for a figure reported without a target (it is measured and shown).
    met: bool | None
    floor: float | None = None
    floor_ratio: float | None = None

    def as_json(self) -> dict[str, Any]:
        row = asdict(self)
        return {key: row[key] for key in KEYS}


def ratio_figure(name: str, compared: Compared, unit: str, limit: float, *,
                 scale: float = 1.0, also_below: float | None = None,
                 floor: Compared | None = None) -> Figure:
    """A figure judged by its ratio ≤ limit (and value < also_below, if given).

    ``scale`` turns the samples' unit into ``unit`` (1000 for seconds → ms).
    ``floor``: our side against the floor, measured alongside (reported, not judged).
    """
    value, baseline = compared.value * scale, compared.baseline * scale
    met = compared.ratio <= limit
    target = f"≤ {limit:g}×"
    if also_below is not None:
        met = met and value < also_below
        target += f" and < {also_below:g} {unit}"
    return Figure(name, round(value, 3), unit, round(baseline, 3),
                  round(compared.ratio, 3), target, bool(met), *_floor(floor, scale))


def reported_ratio(name: str, compared: Compared, unit: str, *, scale: float = 1.0) -> Figure:
    """A comparison shown for information, with no target."""
    return Figure(name, round(compared.value * scale, 3), unit,
                  round(compared.baseline * scale, 3), round(compared.ratio, 3),
                  "(reported)", None)


def absolute_figure(name: str, value: float, unit: str, below: float | None, *,
                    floor: Compared | None = None, scale: float = 1.0) -> Figure:
    """A figure judged by its value < below (``below`` None: reported only)."""
    if below is None:
        return Figure(name, round(value, 3), unit, None, None, "(reported)", None,
                      *_floor(floor, scale))
    return Figure(name, round(value, 3), unit, None, None, f"< {below:g} {unit}",
                  bool(value < below), *_floor(floor, scale))


def _floor(floor: Compared | None, scale: float) -> tuple[float | None, float | None]:
    if floor is None:
        return None, None
    return round(floor.baseline * scale, 3), round(floor.ratio, 3)


def alternate(a: Callable[[], float], b: Callable[[], float], n: int, *,
              warmup: int = 1) -> tuple[list[float], list[float]]:
    """Run A, B, A, B ... ``n`` times each (after ``warmup`` unrecorded pairs).

    Each callable returns its own measurement, so set-up between samples is
    never counted.
    """
    for _ in range(warmup):
        a()
        b()
    first: list[float] = []
    second: list[float] = []
    for _ in range(n):
        first.append(a())
        second.append(b())
    return first, second


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0-100), interpolating between the nearest samples."""
    if not values:
        raise ValueError("no samples")
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    k = (len(ordered) - 1) * p / 100
    lo, hi = math.floor(k), math.ceil(k)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(values: list[float]) -> float:
    return statistics.median(values)


def child_env(pycache: Path | None) -> dict[str, str]:
    """The environment of a measured child process.

    Byte-code caching is on, as for an installed coprod (some shells set
    PYTHONDONTWRITEBYTECODE, which would make coprod, and only coprod, compile
    its sources on every start). The cache lives in the benchmark's temp folder,
    so nothing is written into the repository; a warm-up run of each side fills it.
    ``pycache`` None (``--tiny``, the tests): Python's own cache, which the tests'
    imports have filled already (a new one costs seconds of compiling each time).
    """
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "COPROD_DATA_DIR", "COPROD_TEMPLATE")}
    if pycache is not None:
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env.pop("TEXTUAL", None)  # no devtools
    return env


def run_child(args: list[str], env: dict[str, str], *, timeout: float = 120) -> dict[str, Any]:
    """Spawn ``_child.py`` with ``args``; its report, with ``spawned`` (monotonic seconds).

    The child prints one line ``BENCH {json}``; ``time.monotonic()`` is the same
    clock in both processes (CLOCK_MONOTONIC), so its times can be compared.
    """
    spawned = time.monotonic()
    proc = subprocess.run([sys.executable, str(CHILD), *args], env=env, cwd=REPO,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=timeout)
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH "):
            report = json.loads(line[len("BENCH "):])
            report["spawned"] = spawned
            return report
    raise RuntimeError(f"benchmark child {args[0]} failed (exit {proc.returncode}):\n"
                       f"{proc.stderr[-3000:]}")


def check_shape(rows: object) -> None:
    """The JSON's promised shape; the benchmark checks what it writes (so CI's run checks
    every figure at its real size), and its tests check it too."""
    assert isinstance(rows, list) and rows
    for row in rows:
        assert isinstance(row, dict)
        assert tuple(row) == KEYS  # exactly these keys, in this order
        assert isinstance(row["figure"], str) and row["figure"]
        assert isinstance(row["value"], (int, float)) and not isinstance(row["value"], bool)
        assert isinstance(row["unit"], str) and row["unit"]
        for key in ("baseline", "ratio", "floor", "floor_ratio"):
            assert row[key] is None or (isinstance(row[key], (int, float))
                                        and not isinstance(row[key], bool))
        assert (row["baseline"] is None) == (row["ratio"] is None)
        assert (row["floor"] is None) == (row["floor_ratio"] is None)
        assert isinstance(row["target"], str) and row["target"]
        assert row["met"] is None or isinstance(row["met"], bool)
        assert (row["met"] is None) == row["target"].startswith("(")
