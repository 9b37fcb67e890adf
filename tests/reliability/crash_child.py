"""A child process for the crash tests: works through the app's own code path.

``record``: records people, attendance, hands up, speaking turns, ideas,
decisions and actions with the same service verbs the screens make, and
prints one line per record *after* the store has returned (the moment the app
would show it as recorded). ``forget``, ``import`` and ``open`` run those
operations (the last one rebuilds a lost index); ``update`` saves ideas in many
sessions, updating the index after each. The parent kills it at random.
"""

from __future__ import annotations

import sys
from pathlib import Path


def say(*words: str) -> None:
    print(*words, flush=True)  # one write(2) per line, so a kill never splits one


def record(data_dir: str, seed: int) -> None:
    from coprod_tui.model import Person
    from coprod_tui.service import Service
    from coprod_tui.store import open_store

    store = open_store(Path(data_dir))
    service = Service(store)
    groups = service.groups.groups()
    group = groups[0] if groups else service.groups.add_group(name="Crash group")
    file = service.create_session(group.id, f"Session {seed}")
    file.start()
    say("session", file.id)
    present: list[Person] = []
    n = 0
    while True:
        n += 1
        if n % 5 == 1:
            person = service.groups.add_person(group.id, name=f"Person {seed}-{n}",
                                               role="carer")
            say("person", person.id)
            file.mark(person.id, "present")
            say("present", person.id)
            present.append(person)
        who = present[n % len(present)]
        file.raise_hand(who.id)
        turn = file.next_speaker()
        say("turn", turn.id)
        idea = file.add_idea(f"idea {seed}-{n} 😀 " + "x" * (n % 50), raised_by="person",
                             person_id=who.id)
        say("idea", idea.id)
        if n % 3 == 0:
            d = file.add_decision(f"decision {n}", "because", idea_ids=[idea.id])
            say("decision", d.id)
            a = file.add_action(f"action {n}", source_kind="decision", source_id=d.id)
            say("action", a.id)
        if n % 4 == 0:
            say("turn", file.record_turn(who.id).id)
        if n % 7 == 0:
            store.refresh(store.session(file.id))  # the index is written too, now and then


def forget(data_dir: str, name: str) -> None:
    from coprod_tui.service import Service
    from coprod_tui.store import open_store

    store = open_store(Path(data_dir))
    say("start")
    Service(store).forget(name)
    store.close()
    say("done")


def import_file(data_dir: str, bundle: str) -> None:
    from coprod_tui.interchange import read_bundle
    from coprod_tui.service import Service
    from coprod_tui.store import open_store

    store = open_store(Path(data_dir))
    checked = read_bundle(Path(bundle))
    say("start")
    Service(store).import_session(checked)
    store.close()
    say("done")


def open_folder(data_dir: str) -> None:
    from coprod_tui.store import open_store

    say("start")  # the import above is done: from here on it is the rebuild
    open_store(Path(data_dir)).close()  # rebuilds the lost index.sqlite3
    say("done")


def update_index(data_dir: str) -> None:
    from coprod_tui.service import Service
    from coprod_tui.store import open_store

    store = open_store(Path(data_dir))
    service = Service(store)
    ids = [s.id for s in store.summaries()]
    say("start")  # from here on: session saves, each followed by its index update
    for round_ in range(3):
        for sid in ids:
            service.session(sid).add_idea(f"update<{round_}> after the meeting")
            store.refresh(store.session(sid))  # one session's rows: summary, new record
    store.close()
    say("done")


def stop_mid_update(data_dir: str) -> None:
    """Stop inside an index transaction that has already written into the file
    (a page cache of one page spills every change at once), to be killed there."""
    import time

    from coprod_tui.store import open_store

    store = open_store(Path(data_dir))
    store.index.conn.execute("PRAGMA cache_size = 1")
    update = store.index.writing()  # as every update (kept: its exit would end it)
    conn = update.__enter__()
    conn.execute("DELETE FROM records")
    conn.execute("UPDATE sessions SET ideas = 999, title = 'half written'")
    say("start")
    time.sleep(120)


if __name__ == "__main__":
    mode, folder, arg = sys.argv[1], sys.argv[2], (sys.argv[3:] or [""])[0]
    {"record": lambda: record(folder, int(arg)), "forget": lambda: forget(folder, arg),
     "import": lambda: import_file(folder, arg), "open": lambda: open_folder(folder),
     "update": lambda: update_index(folder), "mid-update": lambda: stop_mid_update(folder)}[
        mode]()
