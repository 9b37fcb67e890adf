"""Saving one idea, durably, in a session that holds 500 or 5,000 ideas.

save (p50, p95)
    ``SessionService.add_idea`` (the service the Run screen calls) on an open
    store: the real code path, which returns once the idea is on disk (temp file, fsync, ``os.replace``,
    fsync of the folder). Baseline: the same session's JSON, the tables exactly
    as coprod holds them after that idea, serialised with ``json.dumps`` and
    written the plain way: temp file, fsync, ``os.replace``, and the folder
    fsynced too (as coprod does), into a folder of its own on the same disk.
    This shares coprod's design (the whole session is written again), so its
    ratio says what coprod adds to that design. Floor: the same bytes, already
    encoded, written durably the same way: what any design that writes the
    session as one file pays; the floor ratio says how far a save is from it
    (the rest is mostly encoding the JSON). Samples rotate: coprod, baseline,
    floor; then the idea is taken out again (not timed), so every sample saves
    the 501st (5,001st) idea.
save vs history
    The same coprod save (median, 500 ideas) with N other sessions in the data
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

SIZES = (500, 5000)
TEXT = ("We could meet in the community room on the ground floor, so people who use "
        "wheelchairs do not have to wait for the lift.")


def durable_write(path: Path, payload: bytes) -> None:
    """Write bytes safely with nothing but the standard library."""
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


def plain_save(path: Path, data: dict) -> None:
    """The baseline: encode the tables as JSON, then write them durably."""
    durable_write(path, json.dumps(data, ensure_ascii=False, separators=(",", ":"))
                  .encode("utf-8"))


class Saver:
    """Times ``add_idea`` on one session, keeping it at the same size.

    Before each timed save, the idea the previous sample added is taken out
    again (a save of its own, straight to the session file, not timed), so every
    sample saves one idea more than the session's size instead of the session growing.
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


def _save_at(ws: Workspace, settings: Settings, ideas: int) -> list[Figure]:
    folder, session_id = ws.session_folder(f"save-{ideas}", ideas=ideas, with_history=False)
    plain = ws.root / f"plain-save-{ideas}"
    plain.mkdir()
    target, raw = plain / f"{session_id}.json", plain / f"raw-{session_id}.json"
    # Fewer samples for the big session: each costs ten times as much.
    count = settings.saves if ideas <= 500 else max(settings.save_repeats,
                                                    settings.saves // 4)
    mine, base, floor = [], [], []
    with open_store(folder) as store:
        stored = store.session(session_id)  # the file itself: the other sides copy it
        ours = Saver(Service(store).session(session_id), stored)
        assert len(ours.file.ideas()) == ideas
        for i in range(count + 3):  # three warm-up rounds
            took = ours()
            data = stored.raw()  # the tables exactly as coprod has just written them
            started = time.perf_counter()
            plain_save(target, data)
            plain_took = time.perf_counter() - started
            payload = stored.path.read_bytes()  # the very bytes coprod wrote
            started = time.perf_counter()
            durable_write(raw, payload)
            raw_took = time.perf_counter() - started
            if i == 0:  # the three sides wrote the same JSON
                assert json.loads(target.read_bytes()) == json.loads(payload)
                assert raw.read_bytes() == payload
            if i >= 3:
                mine.append(took)
                base.append(plain_took)
                floor.append(raw_took)
        ours.undo()
        assert len(ours.file.ideas()) == ideas
    rows = []
    for name, stat in (("p50", p50), ("p95", p95)):
        rows.append(ratio_figure(
            f"save one idea, {name} ({ideas:,} ideas)",
            compare(mine, base, settings.save_repeats, stat), "ms", 2.0, scale=1000,
            floor=compare(mine, floor, settings.save_repeats, stat)))
    return rows


def save(ws: Workspace, settings: Settings) -> list[Figure]:
    return [row for ideas in SIZES for row in _save_at(ws, settings, ideas)]


def save_vs_history(ws: Workspace, settings: Settings) -> list[Figure]:
    crowded, crowded_id = ws.session_folder("save-history", ideas=500, with_history=True)
    alone, alone_id = ws.session_folder("save-alone", ideas=500, with_history=False)
    with open_store(crowded) as big, open_store(alone) as small:
        assert big.count_sessions() == ws.sessions + 1 and small.count_sessions() == 1
        a = Saver(Service(big).session(crowded_id), big.session(crowded_id))
        b = Saver(Service(small).session(alone_id), small.session(alone_id))
        mine, base = alternate(a, b, settings.saves, warmup=3)
        a.undo()
        b.undo()
    return [ratio_figure(f"save vs history (p50, {ws.sessions:,} sessions vs none)",
                         compare(mine, base, settings.save_repeats, p50), "ms", 1.1,
                         scale=1000)]


def p50(samples: list[float]) -> float:
    return percentile(samples, 50)


def p95(samples: list[float]) -> float:
    return percentile(samples, 95)

