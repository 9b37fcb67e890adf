"""Saving one idea, durably, in a session that holds 500 ideas.

save (p50, p95)
    ``SessionService.add_idea`` (the service the Run screen calls) on an open
    store: the real code path,
    which returns once the idea is on disk (temp file, fsync, ``os.replace``,
    fsync of the folder). Baseline: the same session's JSON, the tables exactly
    as coprod holds them after that idea, serialised with ``json.dumps`` and
    written the plain way: temp file, fsync, ``os.replace``, and the folder
    fsynced too (as coprod does), into a folder of its own on the same disk.
    Samples alternate: coprod saves an idea, the baseline writes the same
    state; then the idea is taken out again (not timed), so every sample saves
    the 501st idea.
save vs history
    The same coprod save (median) with 1,000 other sessions in the data
    folder, against the same save in a folder holding only that session,
    alternating between the two folders.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from coprod_tui.service import Service
from coprod_tui.store import open_store

from .common import Figure, Settings, alternate, compare, percentile, ratio_figure
from .data import Workspace

IDEAS = 500
TEXT = ("We could meet in the community room on the ground floor, so people who use "
        "wheelchairs do not have to wait for the lift.")


def plain_save(path: Path, data: dict) -> None:
    """The baseline: write JSON safely with nothing but the standard library."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    temp = path.with_name(path.name + ".tmp")
    with open(temp, "wb") as f:
        f.write(payload)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, path)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Saver:
    """Times ``add_idea`` on one session, keeping it at the same size.

    Before each timed save, the idea the previous sample added is taken out
    again (a save of its own, straight to the session file, not timed), so every
    sample saves the 501st idea of a 500-idea session instead of the session growing.
    """

    def __init__(self, session, stored) -> None:
        self.file = session
        self.stored = stored
        self.last: str | None = None

    def __call__(self) -> float:
        self.undo()
        started = time.perf_counter()
        idea = self.file.add_idea(TEXT)
        took = time.perf_counter() - started
        self.last = idea.id
        return took

    def undo(self) -> None:
        if self.last is not None:
            self.stored.delete("ideas", self.last)
            self.last = None


def save(ws: Workspace, settings: Settings) -> list[Figure]:
    folder, session_id = ws.session_folder("save", ideas=IDEAS, with_history=False)
    plain = ws.root / "plain-save"
    plain.mkdir()
    target = plain / f"{session_id}.json"
    with open_store(folder) as store:
        stored = store.session(session_id)  # the file itself: the baseline copies its tables
        ours = Saver(Service(store).session(session_id), stored)
        assert len(ours.file.ideas()) == IDEAS

        def baseline() -> float:
            data = stored.raw()  # the tables exactly as coprod has just written them
            started = time.perf_counter()
            plain_save(target, data)
            took = time.perf_counter() - started
            # Both files hold the same tables: the two sides wrote the same JSON.
            assert json.loads(target.read_bytes()) == json.loads(stored.path.read_bytes())
            return took

        mine, base = alternate(ours, baseline, settings.saves, warmup=3)
        ours.undo()
        assert len(ours.file.ideas()) == IDEAS
    return [
        ratio_figure("save one idea, p50 (500 ideas)",
                     compare(mine, base, settings.save_repeats, p50), "ms", 2.0, scale=1000),
        ratio_figure("save one idea, p95 (500 ideas)",
                     compare(mine, base, settings.save_repeats, p95), "ms", 2.0, scale=1000),
    ]


def save_vs_history(ws: Workspace, settings: Settings) -> list[Figure]:
    crowded, crowded_id = ws.session_folder("save-history", ideas=IDEAS, with_history=True)
    alone, alone_id = ws.session_folder("save-alone", ideas=IDEAS, with_history=False)
    with open_store(crowded) as big, open_store(alone) as small:
        assert len(big.summaries()) == 1001 and len(small.summaries()) == 1
        a = Saver(Service(big).session(crowded_id), big.session(crowded_id))
        b = Saver(Service(small).session(alone_id), small.session(alone_id))
        mine, base = alternate(a, b, settings.saves, warmup=3)
        a.undo()
        b.undo()
    return [ratio_figure("save vs history (p50, 1,000 sessions vs none)",
                         compare(mine, base, settings.save_repeats, p50), "ms", 1.1,
                         scale=1000)]


def p50(samples: list[float]) -> float:
    return percentile(samples, 50)


def p95(samples: list[float]) -> float:
    return percentile(samples, 95)
