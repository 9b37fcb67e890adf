"""``python -m tests.benchmarks [--quick] [--sessions N] [--json PATH] [--only NAMES]``
(``--tiny``: the tests of the machinery)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .common import Figure, Settings, check_shape
from .data import Workspace

FigureFn = Callable[[Workspace, Settings], list[Figure]]


def figures() -> dict[str, FigureFn]:
    """Every group of figures by name, in the order they run and print."""
    from . import cli, export, review, save, startup, typing_latency

    return {
        "startup": startup.startup,      # start-up against 100 sessions; Home list ready
        "home": review.back_home,        # back to Home from a session
        "search": review.search,         # a keystroke in Past sessions
        "index": review.index_update,    # the index after one change
        "cli": cli.commands,             # coprod list --json, coprod search
        "save": save.save,               # p50 and p95, 500 and 5,000 ideas
        "history": save.save_vs_history,
        "export": export.export,
        "typing": typing_latency.typing,
        "memory": startup.memory,        # and the reconcile after Home
    }


def table(rows: list[Figure]) -> str:
    def num(x: float | None) -> str:
        return "—" if x is None else f"{x:,.2f}" if abs(x) < 100 else f"{x:,.0f}"

    head = ("figure", "value", "baseline", "ratio", "floor", "vs floor", "target", "met")
    lines = [(r.figure, f"{num(r.value)} {r.unit}",
              "—" if r.baseline is None else f"{num(r.baseline)} {r.unit}",
              "—" if r.ratio is None else f"{r.ratio:.2f}×",
              "—" if r.floor is None else f"{num(r.floor)} {r.unit}",
              "—" if r.floor_ratio is None else f"{r.floor_ratio:.2f}×", r.target,
              "—" if r.met is None else "yes" if r.met else "NO") for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *lines)]
    out = []
    for n, line in enumerate([head, *lines]):
        out.append("  ".join(str(x).ljust(w) if i == 0 else str(x).rjust(w)
                             for i, (x, w) in enumerate(zip(line, widths))).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    known = list(figures())
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks",
                                     description="coprod's figures against same-run baselines")
    parser.add_argument("--quick", action="store_true", help="fewer samples (for CI)")
    parser.add_argument("--sessions", type=int, default=1000, metavar="N",
                        help="sessions in the long history (default 1,000)")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument("--only", metavar="NAMES",
                        help=f"comma-separated, from: {', '.join(known)}")
    parser.add_argument("--repeats", type=int, metavar="N",
                        help="samples per side for every figure (overrides the mode)")
    parser.add_argument("--workdir", metavar="DIR",
                        help="make the temp data here (default: the system temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the temp data afterwards")
    parser.add_argument("--tiny", action="store_true",
                        help="the least data, no warm-ups, Python's own byte-code cache: "
                             "proves the machinery runs (its tests; the figures mean nothing)")
    parser.add_argument("--history", metavar="DIR",
                        help="copy this data folder as the long history instead of making "
                             "one (its sessions are counted; the first build is not measured)")
    args = parser.parse_args(argv)
    chosen = known if not args.only else [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = [n for n in chosen if n not in known]
    if unknown:
        parser.error(f"unknown figure {', '.join(unknown)}; choose from {', '.join(known)}")
    if args.sessions < 200:
        parser.error("--sessions must be at least 200 (Home shows the latest page of them)")
    settings = Settings.make(quick=args.quick, repeats=args.repeats, sessions=args.sessions,
                             tiny=args.tiny)

    root = Path(tempfile.mkdtemp(prefix="coprod-bench-", dir=args.workdir))
    started = time.perf_counter()
    # Absolute figures (ms) depend on what else the machine runs: say how busy it was.
    load_before = os.getloadavg()
    rows: list[Figure] = []
    try:
        ws = Workspace(root, settings.sessions, own_pycache=not settings.tiny)
        if args.history:
            ws.use_history(Path(args.history))
            settings = Settings.make(quick=args.quick, repeats=args.repeats,
                                     sessions=ws.sessions, tiny=args.tiny)
        run = figures()
        for name in chosen:
            began = time.perf_counter()
            print(f"  measuring {name} ...", file=sys.stderr, flush=True)
            rows.extend(run[name](ws, settings))
            print(f"  ... {name} took {time.perf_counter() - began:.1f} s",
                  file=sys.stderr, flush=True)
    finally:
        if args.keep:
            print(f"  data kept in {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    mode = "quick" if settings.quick else "full"
    print(f"\ncoprod benchmark ({mode}, {settings.sessions:,} sessions, "
          f"{time.perf_counter() - started:.0f} s). Both sides "
          "of each ratio were measured in this run, alternating; value and baseline are\n"
          "medians over repeats, ratio is the median of each repeat's ours / baseline.\n"
          f"Load average (1 min) on {os.cpu_count()} cores: {load_before[0]:.1f} at the start, "
          f"{os.getloadavg()[0]:.1f} at the end.\n")
    print(table(rows))
    judged = [r for r in rows if r.met is not None]
    missed = [r.figure for r in judged if not r.met]
    print(f"\n{len(judged) - len(missed)} of {len(judged)} targets met"
          + (f"; missed: {'; '.join(missed)}" if missed else "."))
    out = [r.as_json() for r in rows]
    check_shape(out)  # (raises: the run fails, in CI too)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2,
                                              ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
