"""A child process for the crash tests: records through the app's own code path.

It prints one line per record *after* the store has returned, which is the
moment the app would show it as recorded. The parent kills it at random.
"""

from __future__ import annotations

import sys
from pathlib import Path

from coprod_tui.model import Group
from coprod_tui.store import open_store


def main(data_dir: str, seed: int) -> None:
    store = open_store(Path(data_dir))
    groups = store.groups.groups()
    group = groups[0] if groups else store.groups.add_group(Group(name="Crash group"))
    file = store.create_session(group.id, f"Session {seed}")
    print(f"session {file.id}", flush=True)
    n = 0
    while True:
        n += 1
        idea = file.add_idea(f"idea {seed}-{n} " + "x" * (n % 50))
        print(f"idea {idea.id}", flush=True)
        if n % 3 == 0:
            d = file.add_decision(f"decision {n}", "because", idea_ids=[idea.id])
            print(f"decision {d.id}", flush=True)
            a = file.add_action(f"action {n}", source_kind="decision", source_id=d.id)
            print(f"action {a.id}", flush=True)
        if n % 7 == 0:
            store.refresh(file)  # the index is written too, now and then


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
