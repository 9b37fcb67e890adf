"""A data folder with a long history, for the scale tests and the benchmark.

The sessions are copies of the demo's three realistic sessions (attendance,
turns, ideas, decisions with reasons, actions, comment cards), given new ids,
dates and groups, written straight into sessions/ as the store would have
left them.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from coprod_tui.demo import GROUP_ID, add_demo
from coprod_tui.store import open_store
from coprod_tui.service import Service

RARE = "kingfisher"


@dataclass
class LongHistory:
    root: Path
    groups: list[str]
    #: (group id, date, methods) of every copy made.
    made: list[tuple[str, str, list[str]]] = field(default_factory=list)


def make_long_history(root: Path, sessions: int = 1000, groups: int = 10,
                      *, index: bool = True) -> LongHistory:
    """Write ``sessions`` sessions into a new data folder at ``root``.

    With ``index``, the folder is opened once so the index is built (as it
    would be after the first start); the copy numbered 123 mentions RARE.
    """
    with open_store(root) as store:
        add_demo(Service(store))
        templates = [(store.sessions_dir / f"{s.id}.json").read_bytes()
                     for s in store.summaries()]
        group_ids = [GROUP_ID] + [Service(store).groups.add_group(name=f"Group {n}").id
                                  for n in range(1, groups)]
    history = LongHistory(root, group_ids)
    start = date(2016, 1, 4)
    for n in range(sessions - len(templates)):
        data = json.loads(templates[n % len(templates)])
        (doc,) = data["session"].values()
        session_id = uuid.uuid4().hex
        doc.update(id=session_id, group_id=group_ids[n % groups],
                   date=(start + timedelta(days=3 * n)).isoformat(),
                   title=f"{doc['title']} ({n})")
        if n == 123:
            idea = next(iter(data["ideas"].values()))
            idea["text"] += f" A {RARE} was seen by the pond."
        path = root / "sessions" / f"{session_id}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        os.chmod(path, 0o600)
        history.made.append((doc["group_id"], doc["date"], doc["methods"]))
    if index:
        with open_store(root) as store:
            assert len(store.summaries()) == sessions
    return history
