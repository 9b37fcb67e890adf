"""The data folder: groups, sessions, the index, the lock, and damaged files.

Layout (folder 0700, every file 0600)::

    .coprod            marks the folder as ours (we refuse to take over others)
    .lock              the single-writer lock
    groups.json        groups, rosters, codes of conduct, people
    index.json         session summaries (derived; rebuilt from sessions/)
    search.json        searchable text (derived; loaded only when searching)
    sessions/<id>.json one TinyDB file per session
    backups/           the previous groups.json; files as they were before an upgrade
    set-aside/         damaged or newer-version files, moved here, never deleted
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CoprodError, DamagedFile, NotFound, ValidationError
from ..ids import is_prefix, session_path
from ..model import Group, Session, SessionData
from ..regular_files import read_regular, special_kind
from .atomic import DIR_MODE, folder_error, open_error, read_error
from .fileformat import make_loader, new_tables
from .folder import (
    RUNNING, mark_running, not_special, prepare_folder, refuse_foreign, tidy,
)
from .groups import open_groups
from .index import SearchIndex, SearchText, SessionIndex, SessionSummary, file_sig
from .lock import MARKER, FolderLock
from .session_file import SessionFile
from .set_aside import scan_sessions, set_aside

__all__ = ["MARKER", "RUNNING", "Match", "Store", "open_store", "prepare_folder",
           "refuse_foreign"]


@dataclass(frozen=True, slots=True)
class Match:
    """One search hit."""

    session_id: str
    title: str
    date: str
    kind: str
    record_id: str
    text: str


class Store:
    """The open data folder. Use ``open_store`` (or ``with Store(...)``)."""

    def __init__(self, root: Path, *, read_only: bool = False) -> None:
        self.root = root
        self.read_only = read_only
        #: Plain messages about files that were set aside or repaired on opening.
        self.problems: list[str] = []
        #: True when coprod did not shut down cleanly last time (crash, kill, power).
        self.unclean_shutdown = False
        self._lock = FolderLock(root) if not read_only else None
        self._open: dict[str, SessionFile] = {}
        self._search: SearchIndex | None = None
        #: Read-only opening cannot fix the index, so changed files are summarised here.
        self._fresh_rows: dict[str, SessionSummary] = {}
        #: Read-only opening cannot fix search.json either: its healed texts.
        self._healed_texts: dict[str, SearchText] = {}
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
                    self.unclean_shutdown = tidy(self.root)
                self.groups = open_groups(self)
                self.index = self._open_derived(SessionIndex, "index.json", "the session list")
                self._reconcile()
                if not self.read_only:
                    # Last, so a start that fails before this leaves no marker behind
                    # to say, next time, that coprod did not close properly.
                    # What shows no other copy used the folder meanwhile (lock.py).
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
        for file in list(self._open.values()):
            self.release(file)
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
    def _guard(self):
        """What every file's storage calls before writing (see ``check_folder``)."""
        if self._lock is None:
            return None
        return lambda what: self.check_folder(f"save {what}")

    def _loader(self, kind: str):
        return make_loader(kind, backups=None if self.read_only else self.root / "backups")

    def _open_derived(self, kind: type, name: str, what: str):
        path = self.root / name
        loader = self._loader(kind.KIND)
        file = kind(path, loader=loader, what=what, read_only=self.read_only,
                    guard=self._guard)
        try:
            file.rows(next(iter(kind.TABLES)))
            return file
        except (DamagedFile, ValidationError) as exc:
            # A folder, pipe or link in its place is worth a word; plain damage is not
            # (it is rebuilt, and nothing in it was anyone's only copy).
            special = str(exc) if special_kind(path) is not None else None
        # Derived data: start again from the session files (keeping the old copy).
        if self.read_only:
            if special:
                self.problems.append(f"{special} It was skipped.")
            return kind(path, loader=lambda p: new_tables(kind.KIND), what=what, read_only=True)
        moved = self.set_aside(path)
        if special:
            self.problems.append(f"{special} It was moved to {moved}; {what} is made "
                                 "again from the sessions.")
        return kind(path, loader=loader, what=what, guard=self._guard)

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

    def _reconcile(self) -> None:
        """Bring the index up to date with the session files on disk."""
        rows = self.index.summaries()
        files = self._session_files()
        stale = [sid for sid, path in files.items()
                 if sid not in rows or rows[sid].sig != file_sig(path)]
        gone = [sid for sid in rows if sid not in files]
        if not stale and not gone:
            return
        fresh: dict[str, SessionSummary] = {}
        texts: dict[str, SearchText] = {}
        for sid in stale:
            file = self._session_file(files[sid])
            try:
                file.load()
            except DamagedFile as exc:
                self._report_damaged(files[sid], exc)
                gone.append(sid)
                continue
            fresh[sid] = SessionSummary.of(file)
            texts[sid] = SearchText.of(file)
            file.close()
        if self.read_only:
            self._fresh_rows = fresh
            return
        summaries = {sid: s for sid, s in rows.items() if sid not in gone}
        summaries.update(fresh)
        self.index.set_all(sorted(summaries.values(), key=lambda s: s.sort_key))
        search = self._search_index(heal=False)
        kept = search.texts()
        kept.update(texts)
        self._heal_texts(kept, summaries)
        search.set_all(list(kept.values()))

    def _report_damaged(self, path: Path, exc: DamagedFile) -> None:
        if self.read_only:
            self.problems.append(f"{exc} It was skipped.")
        else:
            moved = self.set_aside(path)
            self.problems.append(f"{exc} It was moved to {moved}; everything else is fine.")

    def _search_index(self, *, heal: bool = True) -> SearchIndex:
        if self._search is None:
            # Loaded when first needed: never from a folder gone or not ours.
            self.check_folder("search", saving=False)
            self._search = search = self._open_derived(SearchIndex, "search.json",
                                                       "the search index")
            texts = search.texts()
            if heal and self._heal_texts(texts, self.index.summaries()):
                if self.read_only:
                    self._healed_texts = texts
                else:
                    try:
                        search.set_all(list(texts.values()))
                    except CoprodError:
                        pass  # a full disk: healed again next time
        return self._search

    def _heal_texts(self, texts: dict[str, SearchText],
                    rows: dict[str, SessionSummary]) -> bool:
        """Make ``texts`` match the session list, in place; True if anything changed.

        search.json is written just after index.json, so a crash between the two
        (or a lost search.json) would otherwise leave sessions unsearchable for good.
        """
        changed = False
        for sid in [sid for sid in texts if sid not in rows]:
            del texts[sid]
            changed = True
        for sid, summary in rows.items():
            have = texts.get(sid)
            if have is not None and have.sig == summary.sig:
                continue
            file = self._session_file(session_path(self.sessions_dir, sid))
            try:
                file.load()
            except (DamagedFile, OSError):
                continue  # set aside when it is next opened
            texts[sid] = SearchText.of(file)
            file.close()
            changed = True
        return changed

    def refresh(self, file: SessionFile) -> bool:
        """Update a changed session's summary and search text.

        False if they could not be written now (a full disk, a folder gone): they are
        derived, so the next call, or the next start, catches up; never an error.
        """
        if not file.changed or self.read_only:
            return True
        try:
            self.index.put(SessionSummary.of(file))
            self._search_index().put(SearchText.of(file))
        except (CoprodError, OSError):
            return False
        file.changed = False
        return True

    def summaries(self, group_id: str | None = None) -> list[SessionSummary]:
        """Sessions, latest first."""
        unindexed: dict[str, SessionSummary] = {}
        for file in self._open.values():
            if not self.refresh(file):
                # The index could not be written (a full disk): list the session as it
                # is; the next call tries again.
                unindexed[file.id] = SessionSummary.of(file)
        rows = self.index.summaries()
        rows.update(self._fresh_rows)
        rows.update(unindexed)
        found = [s for s in rows.values() if group_id is None or s.group_id == group_id]
        return sorted(found, key=lambda s: s.sort_key, reverse=True)

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
        ids = [s.id for s in self.summaries()]
        if needle in ids:
            return needle
        matches = [i for i in ids if i.startswith(needle)] if needle else []
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
            if not self.read_only:
                self.index.drop(session_id)
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

    # -- search ---------------------------------------------------------------------------

    def search(self, text: str, *, group_id: str | None = None,
               limit: int | None = None) -> list[Match]:
        """Sessions' ideas, decisions and actions containing every word of ``text``."""
        words = text.casefold().split()
        if not words:
            return []
        summaries = {s.id: s for s in self.summaries(group_id)}
        texts = self._search_index().texts()
        texts.update(self._healed_texts)
        for sid in self._fresh_rows:
            file = self._session_file(session_path(self.sessions_dir, sid))
            file.load()
            texts[sid] = SearchText.of(file)
        hits: list[Match] = []
        for sid, summary in summaries.items():
            entry = texts.get(sid)
            if entry is None:
                continue
            for kind, record_id, body in entry.entries:
                folded = body.casefold()
                if all(w in folded for w in words):
                    hits.append(Match(sid, summary.title, summary.date, kind, record_id, body))
        hits.sort(key=lambda m: (m.date, m.session_id), reverse=True)
        return hits[:limit] if limit else hits


def open_store(root: Path, *, read_only: bool = False) -> Store:
    return Store(root, read_only=read_only).open()
