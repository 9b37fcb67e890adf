"""A measured child process: start an app headless, report when its table is ready.

Run by path (not as part of the ``tests`` package) so that it imports nothing
but the app under test:

    python _child.py coprod DATA_DIR      coprod, through its command line, at Home
    python _child.py settled DATA_DIR     the same, reporting once the index has been
                                          checked against the files (on its thread)
    python _child.py minimal ROWS.json    a minimal Textual app: Header, DataTable, Footer

"Ready" is the same on both sides: the screen's ``on_mount`` has filled the
table, and the first refresh after it has run (``call_after_refresh``), so the
filled table has been laid out and drawn once. The child then prints one line,
``BENCH {json}``, with the time (``time.monotonic()``, the parent's clock too),
the peak resident memory so far, and the number of rows shown, and exits.
"""

from __future__ import annotations

import json
import sys
import time


def peak_rss_kb() -> int:
    """Peak resident set size of this process so far, in KiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS


def ready(app, rows: int, **extra: float) -> None:
    report = {"ready": time.monotonic(), "peak_kb": peak_rss_kb(), "rows": rows, **extra}
    print("BENCH " + json.dumps(report), flush=True)
    app.exit()


def run_coprod(data_dir: str, *, settled: bool = False) -> None:
    from textual.app import App
    from textual.widgets import DataTable

    from coprod_tui import app as coprod_app
    from coprod_tui.cli import main
    from coprod_tui.screens.home import HomeScreen

    marks: dict[str, float] = {}

    # Instrumentation only: note when the data folder starts opening, run headless
    # at 80x24, and report once Home has filled its table and drawn it.
    real_open = coprod_app.open_store

    def open_store(*args, **kwargs):
        marks["opening"] = time.monotonic()
        return real_open(*args, **kwargs)

    coprod_app.open_store = open_store
    real_run = App.run

    def run(self, *args, **kwargs):
        return real_run(self, headless=True, size=(80, 24))

    App.run = run
    real_mount = HomeScreen.on_mount

    def on_mount(self) -> None:
        real_mount(self)
        rows = self.query_one("#sessions", DataTable).row_count
        if settled:
            marks["rows"] = rows
            self.call_after_refresh(lambda: marks.setdefault("home", time.monotonic()))
        else:
            self.call_after_refresh(lambda: ready(self.app, rows, **marks))

    HomeScreen.on_mount = on_mount
    if settled:  # report once the reconcile thread is done and Home has followed it
        real_start = coprod_app.CoprodApp._reconcile
        real_done = coprod_app.CoprodApp.on_index_reconciled

        def start(self) -> None:
            marks["reconciling"] = time.monotonic()
            real_start(self)

        def done(self, event) -> None:
            marks["reconciled"] = time.monotonic()
            real_done(self, event)
            rows = marks.pop("rows")
            self.call_after_refresh(lambda: ready(self, rows, **marks))

        coprod_app.CoprodApp._reconcile = start
        coprod_app.CoprodApp.on_index_reconciled = done
    code = main(["--data-dir", data_dir])
    if code:
        raise SystemExit(code)


def run_minimal(rows_path: str) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header

    # The same moment as coprod's "opening": imports done, the app not yet made.
    opening = time.monotonic()

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Date", "Session", "Status", "To do")
            with open(rows_path, encoding="utf-8") as f:
                rows = json.load(f)
            for date, title, status, to_do in rows:
                table.add_row(date, title, status, to_do, height=title.count("\n") + 1)
            self.call_after_refresh(lambda: ready(self, table.row_count, opening=opening))

    Minimal().run(headless=True, size=(80, 24))


if __name__ == "__main__":
    side, target = sys.argv[1], sys.argv[2]
    {"coprod": run_coprod, "minimal": run_minimal,
     "settled": lambda folder: run_coprod(folder, settled=True)}[side](target)
