"""The benchmark's own data, made in a temp folder and shared between figures."""

from __future__ import annotations

import json
import shutil
from functools import cached_property
from pathlib import Path

from coprod_tui.screens.home import OLDER_WORDS, PAGE
from coprod_tui.store import open_store
from coprod_tui.text import one_line
from tests.big_session import big_session, put_in_store
from tests.long_history import make_long_history

#: The folder start-up at N sessions is compared with.
FEW = 100


def home_rows(sessions: int) -> int:
    """How many rows Home's table holds at start: a page, and "Older sessions…"."""
    return sessions if sessions <= PAGE else PAGE + 1


class Workspace:
    """Folders under ``root``, each made the first time a figure asks for it."""

    def __init__(self, root: Path, sessions: int = 1000, *, own_pycache: bool = True) -> None:
        self.root = root
        self.sessions = sessions
        #: The children's byte-code cache (None: Python's own; see ``child_env``).
        self.pycache = root / "pycache" if own_pycache else None
        #: Seconds the first opening of the history took (it builds the index).
        self.first_build_s: float | None = None

    @cached_property
    def history(self) -> Path:
        """A data folder with N sessions in 10 groups, index built (as after a first start)."""
        import time

        path = self.root / "history"
        make_long_history(path, self.sessions, index=False)
        (path / "index.sqlite3").unlink()  # (made for the demo's three): none at all
        started = time.perf_counter()
        open_store(path).close()
        self.first_build_s = time.perf_counter() - started
        return path

    def use_history(self, source: Path) -> None:
        """Copy an existing data folder in as the long history (made by an earlier run)."""
        path = self.root / "history"
        shutil.copytree(source, path, ignore=shutil.ignore_patterns(".lock", ".running"))
        with open_store(path) as store:
            self.sessions = store.count_sessions()
        self.__dict__["history"] = path  # the cached_property, filled

    @cached_property
    def few(self) -> Path:
        """The same kind of folder with 100 sessions."""
        path = self.root / "few"
        make_long_history(path, FEW)
        return path

    @cached_property
    def empty(self) -> Path:
        """A data folder with no sessions (opened once, as after a first start)."""
        path = self.root / "empty"
        open_store(path).close()
        return path

    @cached_property
    def home_rows(self) -> Path:
        """The rows Home shows for the history folder, for the minimal app to show.

        The same text as Home at 80 columns: title and group shortened to 24
        characters (Home's rule), status in words, the open actions; the latest
        page of sessions, and the row that loads older ones.
        """
        room = max(16, 80 * 7 // 10 - 32)
        with open_store(self.history, read_only=True) as store:
            names = {g.id: g.name for g in store.groups.groups()}
            rows = [[s.date, one_line(s.title, room) + "\n"
                     + one_line(names.get(s.group_id, "Unknown group"), room),
                     {"planned": "Planned", "live": "RUNNING", "closed": "Closed"}[s.status],
                     str(s.actions_open)] for s in store.latest(limit=PAGE)]
        if self.sessions > PAGE:
            rows.append(["", OLDER_WORDS, "", ""])
        path = self.root / "home-rows.json"
        path.write_text(json.dumps(rows, ensure_ascii=False), "utf-8")
        return path

    def session_folder(self, name: str, *, ideas: int, with_history: bool,
                       status: str = "live") -> tuple[Path, str]:
        """A data folder holding one big session (and the long history, if asked)."""
        path = self.root / name
        if with_history:
            shutil.copytree(self.history, path)
            (path / ".lock").unlink(missing_ok=True)
        with open_store(path) as store:
            session_id = put_in_store(store, big_session(ideas=ideas, status=status))
            store.summaries()  # the index knows it, as after any save the app makes
        return path, session_id
