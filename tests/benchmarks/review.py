"""Review: a full-text search across 1,000 sessions (absolute; no baseline).

Each sample opens the data folder afresh, as the app does at start, and then
times one search exactly as the Past sessions screen runs it for the words
typed: ``filter_sessions`` (the sessions whose records hold every word) and
``find_records`` (the records themselves, up to 500), for a common word (it
is in two of every three sessions, over 1,600 records). The first search after opening also reads
search.json, so that cost is in every sample. ("Home list ready", the other
review figure, comes from the start-up children: see startup.py.)
"""

from __future__ import annotations

import time

from coprod_tui.review import SessionFilter, filter_sessions, find_records
from coprod_tui.store import open_store

from .common import Figure, Settings, absolute_figure, median
from .data import HISTORY, Workspace

WORD = "garden"


def search(ws: Workspace, settings: Settings) -> list[Figure]:
    samples: list[float] = []
    for n in range(settings.searches + 1):
        with open_store(ws.history) as store:
            started = time.perf_counter()
            flt = SessionFilter(text=WORD)
            sessions = filter_sessions(store, flt)
            records = find_records(store, flt, limit=500)
            took = time.perf_counter() - started
        if not HISTORY // 2 <= len(sessions) <= HISTORY or len(records) != 500:
            raise RuntimeError(f"search found {len(sessions)} sessions, {len(records)} records")
        if n:  # the first is a warm-up
            samples.append(took)
    return [absolute_figure(f"review: full-text search (1,000 sessions, '{WORD}')",
                            median(samples) * 1000, "ms", 200)]
