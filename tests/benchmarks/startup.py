"""Start-up, "Home list ready" and memory: each sample is a fresh child process.

start-up
    Wall time from spawning the process to Home ready, headless at 80x24, with
    1,000 sessions in the data folder, going through coprod's command line
    (``coprod --data-dir DIR``). Baseline: a minimal Textual app (Header,
    DataTable, Footer) that reads the same 1,000 rows (date, title and group,
    status, open actions) from a JSON file and shows them. Ready means the
    same on both sides: the screen's ``on_mount`` has filled the table and the
    first refresh after it has run. Spawns alternate: coprod, minimal, ...
review: Home list ready
    From the moment coprod starts opening the data folder (after Python and
    the imports) to the same "ready", from the coprod samples above.
memory
    Peak resident memory (VmHWM) at ready: coprod at Home with the 1,000
    sessions, against coprod at Home with an empty data folder.
"""

from __future__ import annotations

from .common import (
    Figure, Settings, absolute_figure, alternate, child_env, compare, median, ratio_figure,
    run_child,
)
from .data import HISTORY, Workspace


def startup(ws: Workspace, settings: Settings) -> list[Figure]:
    env = child_env(ws.pycache)
    history, rows = str(ws.history), str(ws.home_rows)
    home_ready: list[float] = []

    def coprod() -> float:
        report = run_child(["coprod", history], env)
        if report["rows"] != HISTORY:
            raise RuntimeError(f"Home showed {report['rows']} sessions, not {HISTORY}")
        home_ready.append(report["ready"] - report["opening"])
        return report["ready"] - report["spawned"]

    def minimal() -> float:
        report = run_child(["minimal", rows], env)
        if report["rows"] != HISTORY:
            raise RuntimeError(f"the minimal app showed {report['rows']} rows")
        return report["ready"] - report["spawned"]

    ours, base = alternate(coprod, minimal, settings.startup_pairs, warmup=1)
    warm = home_ready[-len(ours):]  # not the warm-up run, which filled the byte-code cache
    return [
        ratio_figure("start-up (1,000 sessions)", compare(ours, base, repeats=len(ours)),
                     "ms", 1.2, scale=1000),
        absolute_figure("review: Home list ready (1,000 sessions)",
                        median(warm) * 1000, "ms", 300),
    ]


def memory(ws: Workspace, settings: Settings) -> list[Figure]:
    env = child_env(ws.pycache)
    history, empty = str(ws.history), str(ws.empty)

    def peak(folder: str, expected: int):
        def sample() -> float:
            report = run_child(["coprod", folder], env)
            if report["rows"] != expected:
                raise RuntimeError(f"Home showed {report['rows']} sessions, not {expected}")
            return report["peak_kb"] / 1024
        return sample

    ours, base = alternate(peak(history, HISTORY), peak(empty, 0), settings.memory_pairs)
    return [ratio_figure("memory: peak RSS at Home (1,000 sessions vs none)",
                         compare(ours, base, repeats=len(ours)), "MiB", 1.2)]
