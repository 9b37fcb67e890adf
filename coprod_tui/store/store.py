"""The data folder: groups, sessions, the index, the lock, and damaged files.

Layout (folder 0700, every file 0600)::

    .coprod            marks the folder as ours (we refuse to take over others)
    .lock              the single-writer lock
    groups.json        groups, rosters, codes of conduct, people
    index.sqlite3      session summaries and searchable text (derived; rebuilt
                       from sessions/: see index.py and index_upkeep.py)
    sessions/<id>.json one TinyDB file per session
    backups/           the previous groups.json; files as they were before an upgrade
                       (index.json and search.json, the index before SQLite, too)
    set-aside/         damaged or newer-version files, moved here, never deleted
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from ..errors import (
    CoprodError, DamagedFile, FolderUnavailable, NotFound, SaveError, ValidationError,
)
from ..ids import is_prefix, session_path
from ..model import Group, Session, SessionData
from ..regular_files import read_regular
from .atomic import (
    DIR_MODE, Guard, Loader, folder_error, fsync_dir, open_error, read_error, save_error,
)
from .fileformat import make_loader
from .folder import (
    RUNNING, mark_running, not_special, prepare_folder, refuse_foreign, tidy,
)
from .groups import open_groups
from .index import SessionIndex, is_damage
from .index_upkeep import Reconciler, open_index, rebuild, reconcile
from .lock import MARKER, FolderLock
from .search import Filters, Match
from .searching import Searching
from .session_file import SessionFile
from .set_aside import scan_sessions, set_aside
from .summary import SessionSummary, entries_of

_T = TypeVar("_T")

__all__ = ["MARKER", "RUNNING", "Filters", "Match", "Store", "open_store", "prepare_folder",
           "refuse_foreign"]


class Store(Searching):
    """The open data folder. Use ``open_store`` (or ``with Store(...)``)."""

    def __init__(self, root: Path, *, read_only: bool = False,
                 defer_reconcile: bool = False) -> None:
        self.root = root
        self.read_only = read_only
        #: Plain messages about files that were set aside or repaired on opening.
        self.problems: list[str] = []
        #: True when coprod did not shut down cleanly last time (crash, kill, power).
        self.unclean_shutdown = False
        self._lock = FolderLock(root) if not read_only else None
        self._open: dict[str, SessionFile] = {}
        #: None before ``open`` and after ``close``: reading it then is refused
        #: (``current_index``), keeping it up to date is left to the next start.
        self.index: SessionIndex | None = None
        #: Leave reconciling the index with the files to ``reconcile_in_background``
        #: (the app, once Home is shown); done at once after a crash regardless.
        self._defer_reconcile = defer_reconcile
        self._reconciler: Reconciler | None = None
        #: When this store opened the folder (temp files older than this are leftovers).
        self.opened_ns: int | None = None
        self._opened = False
        #: True once this store has written .running (removed again on closing).
        self._marked = False

    # -- opening and closing --------------------------------------------------------

    def open(self) -> Store:
        try:
            if self._lock is not None:
                # The lock comes before anything is written, so two copies starting
                # at once never see (or tidy away) each other's half-made folder.
                refuse_foreign(self.root)
                self.root.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
                self.problems += not_special(self.root, ".lock")  # a FIFO would block
                self._lock.acquire()
            try:
                self.problems += prepare_folder(self.root, create=not self.read_only)
                if self._lock is not None:
                    # What proves it is this folder if its disk comes back (lock.py).
                    self._lock.remember(MARKER, read_regular(self.root / MARKER))
                if not self.read_only:
                    # Temp files in sessions/ go when reconciling lists that folder:
                    # only those older than this opening (see index_upkeep.identities).
                    self.opened_ns = time.time_ns()
                    self.unclean_shutdown = tidy(self.root, sessions=False)
                self.groups = open_groups(self)
                self.index = open_index(self)
                if self.read_only or self.unclean_shutdown or not self._defer_reconcile:
                    self._index(lambda index: reconcile(self))
                if not self.read_only:
                    # Last, so a start that fails before this leaves no marker behind
                    # to say, next time, that coprod did not close properly.
                    # What shows no other copy used the folder meanwhile (lock.py).
                    assert self._lock is not None  # a writer always holds the lock
                    self._lock.remember(RUNNING, mark_running(self.root))
                    self._marked = True
            except BaseException:
                self.close()
                raise
        except OSError as exc:
            if isinstance(exc, CoprodError):
                raise
            # A full or read-only disk: a plain sentence, not a traceback.
            raise open_error(exc, self.root) from exc
        self._opened = True
        return self

    def close(self) -> None:
        """Let everything go. Never fails: a folder gone, read-only or full must not
        turn quitting into a crash (the marker then stays, which is true enough)."""
        if self._reconciler is not None:
            self._reconciler.cancel()
        for file in list(self._open.values()):
            self.release(file)
        if self.index is not None:
            try:
                self.index.close()
            except sqlite3.Error:
                pass
            self.index = None
        if self._lock is not None:
            # Never touch a folder that is no longer ours: another copy may run there.
            if self._marked and self._lock.check() is None:
                try:
                    (self.root / RUNNING).unlink(missing_ok=True)
                except OSError:
                    pass
            self._lock.release()
        self._opened = self._marked = False

    def __enter__(self) -> Store:
        return self if self._opened else self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check_folder(self, action: str, *, saving: bool = True) -> None:
        """FolderUnavailable if the data folder is gone, or the path now leads to a
        folder that is not the one this store opened; ``action`` says what was refused."""
        problem = self._lock.check() if self._lock is not None else None
        if problem is not None:
            raise folder_error(problem, action, self.root, saving=saving)

    @property
    def sessions_dir(self) -> Path:
        return self.root / "sessions"

    @property
    def _guard(self) -> Guard | None:
        """What every file's storage calls before writing (see ``check_folder``)."""
        if self._lock is None:
            return None
        return lambda what: self.check_folder(f"save {what}")

    def _loader(self, kind: str) -> Loader:
        return make_loader(kind, backups=None if self.read_only else self.root / "backups")

    def set_aside(self, path: Path) -> Path:
        """Move a file we cannot use into set-aside/ (never delete it, never follow a
        link, never open a folder or pipe: see set_aside.py)."""
        return set_aside(self.root, path)

    # -- the session index ------------------------------------------------------------

    def _session_files(self) -> dict[str, Path]:
        """The session files in sessions/, by id; anything else named ``*.json`` there
        is named in a message and set aside unopened (a pipe would block)."""
        files, odd = scan_sessions(self.sessions_dir)
        for path, problem in odd.items():
            self._report_damaged(path, DamagedFile(problem))
        return files

    def _report_damaged(self, path: Path, exc: DamagedFile) -> None:
        if self.read_only:
            self.problems.append(f"{exc} It was skipped.")
        else:
            moved = self.set_aside(path)
            self.problems.append(f"{exc} It was moved to {moved}; everything else is fine.")

    def reconcile_in_background(self, on_done: Callable[[bool], None] | None = None
                                ) -> Reconciler | None:
        """Reconcile the index with the files on a thread (see index_upkeep.py);
        ``on_done(changed)`` is called on that thread. None if it was done already."""
        if not self._defer_reconcile or self.read_only or self.unclean_shutdown:
            return None
        if self._reconciler is None:
            self._reconciler = Reconciler(self, on_done).start()
        return self._reconciler

    def rebuild_index(self) -> None:
        """Make the index again from the session files alone (after ``forget``)."""
        for file in self._open.values():
            file.changed = False  # the rebuild reads them from disk as they are
        rebuild(self)

    def current_index(self) -> SessionIndex:
        """The open index; FolderUnavailable once the store is closed (a worker's
        read that outlived the app), a message the screens show like any other."""
        if self.index is None:
            raise FolderUnavailable("Could not read the session list: coprod has let go "
                                    "of the data folder. Start coprod again.")
        return self.index

    def _index(self, read: Callable[[SessionIndex], _T]) -> _T:
        """Run ``read`` on the index; a file found damaged now is made again once."""
        old = self.current_index()
        try:
            return read(old)
        except sqlite3.Error as exc:
            if not is_damage(exc):
                raise SaveError("Could not read the session list just now (the disk "
                                "refused it); try again.") from None
        from .index_upkeep import build, build_in_memory, set_aside_index

        try:
            old.close()
        except sqlite3.Error:
            pass
        if self.read_only or old.path is None:
            self.index = build_in_memory(self)
        else:
            set_aside_index(self, old.path)
            self.index = build(self)
        return read(self.index)

    def refresh(self, file: SessionFile) -> bool:
        """Update a changed session's summary and search text.

        False if they could not be written now (a full disk, a folder gone): they are
        derived, so the next call, or the next start, catches up; never an error.
        Only what changed is written (see ``SessionIndex.put``).
        """
        if not file.changed or self.read_only:
            return True
        if self.index is None:  # closed: the next start takes it from the file
            return False
        try:
            self.index.put(SessionSummary.of(file), entries_of(file))
        except (CoprodError, OSError, sqlite3.Error):
            return False
        file.changed = False
        return True

    def _refresh_open(self) -> dict[str, SessionSummary]:
        """Refresh every open session; those the index could not take, as they are."""
        unindexed: dict[str, SessionSummary] = {}
        for file in self._open.values():
            if not self.refresh(file):
                # The index could not be written (a full disk): list the session as it
                # is; the next call tries again.
                unindexed[file.id] = SessionSummary.of(file)
        return unindexed

    def summaries(self, group_id: str | None = None) -> list[SessionSummary]:
        """Every session (of a group), latest first. Costs the whole history: a
        screen showing the latest few asks ``latest`` instead."""
        unindexed = self._refresh_open()
        rows = self._index(lambda index: index.summaries(group_id))
        return _with(rows, unindexed, group_id)

    def latest(self, group_id: str | None = None, *, after: SessionSummary | None = None,
               limit: int = 50, status: str | None = None) -> list[SessionSummary]:
        """One page of sessions, latest first: those older than ``after``, if given."""
        unindexed = self._refresh_open()
        rows = self._index(lambda index: index.summaries(group_id, status=status,
                                                         after=after, limit=limit))
        if unindexed:
            rows = _with(rows, {sid: s for sid, s in unindexed.items()
                                if status is None or s.status == status}, group_id)
            if after is not None:
                rows = [s for s in rows if s.sort_key < after.sort_key]
            rows = rows[:limit]
        return rows

    def count_sessions(self, group_id: str | None = None) -> int:
        self._refresh_open()
        return self._index(lambda index: index.count(group_id))

    # -- sessions -------------------------------------------------------------------------

    def _session_file(self, path: Path) -> SessionFile:
        return SessionFile(path, loader=self._loader("session"), read_only=self.read_only,
                           guard=self._guard)

    def resolve(self, needle: str) -> str:
        """A session id from an id or a unique prefix of one."""
        needle = needle.strip().lower()
        if not is_prefix(needle):
            # Only looked up, never made into a path; said plainly, not echoed back.
            raise NotFound("That is not a session id: ids are letters a-f and digits, "
                           "as 'coprod list' shows them.")
        self._refresh_open()
        matches = self._index(lambda index: index.ids_starting(needle)) if needle else []
        if needle in matches:
            return needle
        if not matches:
            raise NotFound("No session has that id; 'coprod list' shows them.")
        if len(matches) > 1:
            raise NotFound("More than one session starts with that; give more of the id.")
        return matches[0]

    def add_session(self, session: Session, tables: dict[str, list[Any]] | None = None
                    ) -> SessionFile:
        """Write a new session file (with records, for an import) and open it."""
        path = session_path(self.sessions_dir, session.id)
        if os.path.lexists(path):
            raise ValidationError("That session is already in this data folder.")
        file = self._session_file(path)
        file.create(session, tables)
        self._open[session.id] = file
        self.refresh(file)  # the session is saved; the index may catch up later
        return file

    def delete_session(self, session_id: str) -> None:
        """Remove a session's file for good (the service decides when that is allowed),
        durably; then its line in the session list and search."""
        self.check_folder("delete that session", saving=False)
        path = session_path(self.sessions_dir, session_id)
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise save_error(exc, "the change") from exc
        fsync_dir(self.sessions_dir)
        file = self._open.pop(session_id, None)
        if file is not None:
            file.close()
        try:  # derived: if this fails now, the next start drops the line itself
            if self.index is not None:
                self.index.drop(session_id)
        except (CoprodError, OSError, sqlite3.Error):
            pass

    def session(self, session_id: str) -> SessionFile:
        """Open (or return the already open) session file."""
        if session_id in self._open:
            return self._open[session_id]
        self.check_folder("open that session", saving=False)
        path = session_path(self.sessions_dir, session_id)
        if not os.path.lexists(path):
            raise NotFound("That session is no longer in the data folder.")
        file = self._session_file(path)
        try:
            file.load()
        except OSError as exc:  # a disk failing as it is read
            if isinstance(exc, CoprodError):
                raise
            raise read_error(exc, "that session") from exc
        except DamagedFile as exc:
            self._report_damaged(path, exc)
            if not self.read_only and self.index is not None:
                try:
                    self.index.drop(session_id)
                except (CoprodError, OSError, sqlite3.Error):
                    pass  # the next start drops it: its file is gone
            raise
        self._open[session_id] = file
        return file

    def release(self, file: SessionFile) -> None:
        """Done with a session for now: bring the index up to date and let it go."""
        self.refresh(file)  # if it cannot, the index heals itself at the next start
        self._open.pop(file.id, None)
        file.close()

    def open_sessions(self) -> list[SessionFile]:
        """The session files the app holds open now."""
        return list(self._open.values())

    def is_open(self, session_id: str) -> bool:
        """True while some part of the app holds this session's file open."""
        return session_id in self._open

    @contextmanager
    def visiting(self, session_id: str) -> Iterator[SessionFile]:
        """A session file for a quick look or change, let go afterwards.

        A file that was already open stays open: the app may be holding it (the
        live session), and closing it under the app would lose its place.
        """
        was_open = self.is_open(session_id)
        file = self.session(session_id)
        try:
            yield file
        finally:
            if not was_open:
                self.release(file)

    def snapshot(self, session_id: str) -> SessionData:
        file = self.session(session_id)
        session = file.session
        try:
            group = self.groups.group(session.group_id)
        except NotFound:
            group = Group(id=session.group_id, name="Unknown group")
        return file.snapshot(group, self.groups.people())


def _with(rows: list[SessionSummary], extra: dict[str, SessionSummary],
          group_id: str | None) -> list[SessionSummary]:
    """``rows`` with ``extra`` put in (replacing the same ids), latest first."""
    if not extra:
        return rows
    merged = {s.id: s for s in rows}
    merged.update({sid: s for sid, s in extra.items()
                   if group_id is None or s.group_id == group_id})
    return sorted(merged.values(), key=lambda s: s.sort_key, reverse=True)


def open_store(root: Path, *, read_only: bool = False,
               defer_reconcile: bool = False) -> Store:
    """Open a data folder. ``defer_reconcile``: the caller will run
    ``reconcile_in_background`` once its first screen is shown (the app does)."""
    return Store(root, read_only=read_only, defer_reconcile=defer_reconcile).open()
