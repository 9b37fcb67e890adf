"""Start-up, "Home list ready", the reconcile after Home, memory: fresh child processes.

start-up (N sessions)
    Wall time from spawning the process to Home ready, headless at 80x24, with
    N sessions in the data folder (``--sessions``), going through coprod's command
    line (``coprod --data-dir DIR``). Baseline: the same with 100 sessions, so the
    ratio is what the history costs. Floor: a minimal Textual app (Header,
    DataTable, Footer) showing the same rows (the latest page, and the row that
    loads older sessions) read from a JSON file. Ready means the same on every
    side: the screen's ``on_mount`` has filled the table and the first refresh
    after it has run. Spawns rotate: coprod at N, at 100, minimal, ...
review: Home list ready
    From the moment coprod starts opening the data folder (after Python and
    the imports) to the same "ready", from the samples at N above. Floor: the
    minimal app from the same moment (its imports done, the app not yet made)
    to its "ready": what Textual alone takes to show those rows on this machine.
reconcile after Home
    The check of every session file against the index (a stat each), which the
    app runs on a thread once Home is shown: from its start until Home has been
    told (and refreshed if anything changed). Reported, not judged.
memory
    Peak resident memory (VmHWM) once that check is done: coprod with N
    sessions, against coprod with an empty data folder (the same check, of
    nothing).
first build
    Opening the history the first time builds the index from every session file
    (once, on the first start after an upgrade or after the index was lost).
"""

from __future__ import annotations

from .common import (
    Figure, Settings, absolute_figure, alternate, child_env, compare, median, ratio_figure,
    run_child,
)
from .data import FEW, Workspace, home_rows


def startup(ws: Workspace, settings: Settings) -> list[Figure]:
    env = child_env(ws.pycache)
    history, few, rows = str(ws.history), str(ws.few), str(ws.home_rows)
    n = ws.sessions
    home_ready: list[float] = []

    def coprod(folder: str, sessions: int, keep: bool):
        def sample() -> float:
            report = run_child(["coprod", folder], env)
            if report["rows"] != home_rows(sessions):
                raise RuntimeError(f"Home showed {report['rows']} rows, not "
                                   f"{home_rows(sessions)}")
            if keep:
                home_ready.append(report["ready"] - report["opening"])
            return report["ready"] - report["spawned"]
        return sample

    minimal_ready: list[float] = []

    def minimal() -> float:
        report = run_child(["minimal", rows], env)
        if report["rows"] != home_rows(n):
            raise RuntimeError(f"the minimal app showed {report['rows']} rows")
        minimal_ready.append(report["ready"] - report["opening"])
        return report["ready"] - report["spawned"]

    at_n, at_few, floor = [], [], []
    many, some = coprod(history, n, True), coprod(few, FEW, False)
    for sample in (many, some, minimal) * settings.warmups:  # fills the byte-code cache
        sample()
    home_ready.clear()
    minimal_ready.clear()
    for _ in range(settings.startup_pairs):
        at_n.append(many())
        at_few.append(some())
        floor.append(minimal())
    return [
        ratio_figure(f"start-up ({n:,} sessions vs {FEW})",
                     compare(at_n, at_few, repeats=len(at_n)), "ms", 1.1, scale=1000,
                     floor=compare(at_n, floor, repeats=len(at_n))),
        absolute_figure(f"review: Home list ready ({n:,} sessions)",
                        median(home_ready) * 1000, "ms", 300,
                        floor=compare(home_ready, minimal_ready, repeats=len(home_ready)),
                        scale=1000),
    ]


def memory(ws: Workspace, settings: Settings) -> list[Figure]:
    env = child_env(ws.pycache)
    history, empty = str(ws.history), str(ws.empty)
    n = ws.sessions
    reconciled: list[float] = []

    def peak(folder: str, expected: int, keep: bool):
        def sample() -> float:
            report = run_child(["settled", folder], env)
            if report["rows"] != expected:
                raise RuntimeError(f"Home showed {report['rows']} rows, not {expected}")
            if keep:
                reconciled.append(report["reconciled"] - report["reconciling"])
            return report["peak_kb"] / 1024
        return sample

    ours, base = alternate(peak(history, home_rows(n), True), peak(empty, 0, False),
                           settings.memory_pairs, warmup=settings.warmups)
    figures = [
        ratio_figure(f"memory: peak RSS at Home ({n:,} sessions vs none)",
                     compare(ours, base, repeats=len(ours)), "MiB", 1.2),
        absolute_figure(f"reconcile after Home, on its thread ({n:,} sessions)",
                        median(reconciled[-len(ours):]) * 1000, "ms", None),
    ]
    if ws.first_build_s is not None:
        figures.append(absolute_figure(f"first build of the index ({n:,} sessions, once)",
                                       ws.first_build_s, "s", None))
    return figures

