"""Keeping the index in step with the session files.

Opening: an index that is missing, damaged, foreign or of another layout is made
again from the session files (the old file is set aside, never deleted); the
old index.json and search.json are moved to backups/. A new index is built in a
temp file, synced, and renamed into place, so a crash while building leaves
the old state or the new one and a temp file that the next start removes.

Reconciling: each summary keeps its file's identity; a file whose identity
differs (changed outside the app, or a crash came between its save and the
index update), a new file, or a file gone is put right. It costs a stat of
each file, so the app runs it on a thread once Home is shown
(``reconcile_in_background``); the command line and a start after a crash run
it at once. Nothing is lost either way: a change that did not reach the index
reaches it here.

Read-only (another copy has the folder): nothing is written. If the index is
behind, a copy of it in memory is brought up to date; if it cannot be read, one
is made in memory from the session files.
"""

from __future__ import annotations

import os
import stat
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DamagedFile
from ..ids import session_id_of, session_path
from ..regular_files import kind_of, special_kind
from .atomic import DIR_MODE, TEMP_SUFFIX, fsync_dir, temp_path_for
from .index import (
    INDEX_NAME, OLD_NAMES, SIDE_SUFFIXES, IndexUnusable, SessionIndex, as_os_error,
)
from .set_aside import make_private
from .summary import Entry, SessionSummary, entries_of, file_sig

if TYPE_CHECKING:
    from .store import Store

#: Sessions summarised per transaction while building; while reconciling (beside the
#: app, which waits for each transaction), fewer.
BATCH = 200
CHECKED_BATCH = 40


def open_index(store: Store) -> SessionIndex:
    """The store's index, made or repaired as needed (see the module's notes)."""
    path = store.root / INDEX_NAME
    if not store.read_only:
        _retire_old_layout(store)
    # (SQLite would take the side files as the index's journal, log and shared index.)
    for odd in (*side_files(path), path):
        kind = special_kind(odd)
        if kind is None:
            continue
        # A folder, pipe or link in its place is worth a word; plain damage is not
        # (it is rebuilt, and nothing in it was anyone's only copy).
        said = f"{odd.name} is {kind}, not a file coprod wrote, so it was "
        if store.read_only:
            store.problems.append(said + "skipped; the session list is made in memory.")
            return build_in_memory(store)
        moved = store.set_aside(odd)
        store.problems.append(said + f"not opened. It was moved to {moved}" + (
            "; the session list is made again from the sessions." if odd == path else "."))
        if odd == path:
            return build(store)
    if os.path.lexists(path):
        try:
            return SessionIndex.connect(path, read_only=store.read_only, guard=store._guard)
        except IndexUnusable:
            if store.read_only:
                return build_in_memory(store)
            set_aside_index(store, path)
    elif store.read_only:
        return build_in_memory(store)
    return build(store)


def _retire_old_layout(store: Store) -> None:
    """index.json and search.json (before the SQLite index) go to backups/."""
    root = store.root
    for name in OLD_NAMES:
        old = root / name
        if not os.path.lexists(old):
            continue
        odd = special_kind(old)
        if odd is not None:
            moved = store.set_aside(old)
            store.problems.append(f"{name} is {odd}, not a file coprod wrote, so it was "
                                  f"not opened. It was moved to {moved}.")
            continue
        backups = root / "backups"
        backups.mkdir(mode=DIR_MODE, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = backups / f"{name}.before-sqlite.{stamp}"
        n = 1
        while os.path.lexists(target):
            n += 1
            target = backups / f"{name}.before-sqlite.{stamp}-{n}"
        os.replace(old, target)
        make_private(target)
    fsync_dir(root)


def side_files(path: Path) -> list[Path]:
    """The journal, log and shared index SQLite may keep beside the index."""
    return [path.with_name(path.name + suffix) for suffix in SIDE_SUFFIXES]


def set_aside_index(store: Store, path: Path) -> None:
    """A damaged index, and its side files with it (a journal or log left beside a
    new index would be played into it by SQLite as if it were its own)."""
    store.set_aside(path)
    _set_aside_side_files(store, path)


def _set_aside_side_files(store: Store, path: Path) -> None:
    for side in side_files(path):
        if os.path.lexists(side):
            store.set_aside(side)


def _drop_stale_side_files(store: Store, path: Path) -> None:
    """Before a new index takes the old one's place: the old one's log or journal, left
    by another copy that still has it open, is removed. It holds nothing that is not
    in the session files, and a copy kept in set-aside/ would keep what ``forget`` has
    just erased. Anything but a plain file there is set aside, as ever, unopened."""
    for side in side_files(path):
        try:
            plain = stat.S_ISREG(os.lstat(side).st_mode)
        except FileNotFoundError:
            continue
        if plain:
            side.unlink(missing_ok=True)
        else:
            store.set_aside(side)


# -- building ----------------------------------------------------------------------------

def build(store: Store) -> SessionIndex:
    """A new index from the session files, renamed into place; open on return."""
    root = store.root
    path = root / INDEX_NAME
    store.check_folder("make the session list", saving=False)
    temp = temp_path_for(path)
    try:
        try:
            fresh = SessionIndex.create(temp)
            try:
                _fill(store, fresh)
            finally:
                fresh.close()
        except sqlite3.Error as exc:  # a full disk, as SQLite says it
            raise as_os_error(exc) from exc
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        store.check_folder("make the session list", saving=False)
        _drop_stale_side_files(store, path)  # never let SQLite play an old log into it
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(root)
    return SessionIndex.connect(path, read_only=False, guard=store._guard)


def build_in_memory(store: Store) -> SessionIndex:
    index = SessionIndex.in_memory()
    _fill(store, index)
    return index


def _fill(store: Store, index: SessionIndex) -> None:
    files = store._session_files()
    # Oldest change first, so that the sessions changed last get the highest numbers:
    # search lists the most recently added first where it does not rank (search.py).
    order = sorted(files, key=lambda sid: file_sig(files[sid], missing_ok=True)[1:2])
    batch: list[tuple[SessionSummary, list[Entry]]] = []
    for sid in order:
        taken = _take(store, sid, files[sid])
        if taken is not None:
            batch.append(taken)
        if len(batch) >= BATCH:
            index.put_many(batch, new=True)
            batch = []
    if batch:
        index.put_many(batch, new=True)


def _take(store: Store, sid: str, path: Path) -> tuple[SessionSummary, list[Entry]] | None:
    """A session file's summary and text, read from disk; None if it is damaged
    (then set aside and said) or if it changed while it was read."""
    try:
        before = file_sig(path)
    except OSError:
        return None  # gone since the folder was listed
    file = store._session_file(path)
    try:
        file.load()
    except DamagedFile as exc:
        store._report_damaged(path, exc)
        return None
    except OSError:
        return None
    try:
        after = file_sig(path, missing_ok=True)
        if after != before:
            return None  # written meanwhile: whoever wrote it updates the index
        return SessionSummary.of(file, sig=after), entries_of(file)
    finally:
        file.close()


def rebuild(store: Store) -> None:
    """Make the index again from scratch (after ``coprod forget``: the old file's
    free pages and full-text segments may still hold a removed name)."""
    if store.read_only:
        return
    old = store.current_index()
    path = old.path
    assert path is not None  # a writer's index is always its file (memory: read-only)
    old.close()  # a clean close leaves no journal or log behind
    try:
        store.index = build(store)
    except BaseException:
        # (a full disk): the old index stays in use; forget says what failed, and
        # running it again makes the index again.
        store.index = SessionIndex.connect(path, read_only=False, guard=store._guard)
        raise


# -- reconciling --------------------------------------------------------------------------

def reconcile(store: Store, *, stop: threading.Event | None = None) -> bool:
    """Bring the index in step with the session files; True if anything changed.

    The folder's listing goes straight into SQLite and is compared there, so ten
    thousand sessions cost no big dictionaries here (the app's memory at Home).
    Safe beside the app writing: a summary taken here is only stored if the
    index still holds the identity seen before the file was read, and a session
    is only dropped if its file is still gone.
    """
    before = None if store.read_only else store.opened_ns
    odd: list[str] = []
    index = store.current_index()
    stale, gone = index.compare(identities(store.sessions_dir, tidy_before=before, odd=odd))
    if odd:  # something odd in sessions/: the careful listing sets it aside, then again
        store._session_files()
        stale, gone = index.compare(identities(store.sessions_dir))
    if not stale and not gone:
        return False
    if index.read_only:
        # Nothing may be written here: bring a copy in memory up to date instead,
        # and let the file go (an open file would keep a disk that was pulled out
        # and plugged in again from being unmounted cleanly).
        file_index = index
        index = store.index = index.copy_to_memory()
        file_index.close()
    changed = False
    batch: list[tuple[SessionSummary, list[Entry], list[int]]] = []
    for sid, stored in stale:
        if stop is not None and stop.is_set():
            break
        path = session_path(store.sessions_dir, sid)
        taken = _take(store, sid, path)  # read outside any transaction
        if taken is None:
            if not os.path.lexists(path) and stored:  # damaged, so set aside
                gone.append(sid)
            continue
        batch.append((*taken, stored))
        if len(batch) >= CHECKED_BATCH:  # short transactions: the app's own wait briefly
            changed |= index.put_checked(batch) > 0
            batch = []
    if batch:
        changed |= index.put_checked(batch) > 0
    if stop is not None and stop.is_set():
        return changed
    really_gone = [sid for sid in gone
                   if not os.path.lexists(session_path(store.sessions_dir, sid))]
    if really_gone:
        index.drop_many(really_gone)
        changed = True
    return changed


def identities(sessions_dir: Path, *, tidy_before: int | None = None,
               odd: list[str] | None = None) -> Iterator[tuple[str, int, int, int]]:
    """(id, inode, mtime, size) of every session file, from one listing of the
    folder (a stat each). Anything else named like a data file (a folder, link or
    pipe, or a name that is no session id) is left out and named in ``odd``:
    ``Store._session_files`` deals with it. With ``tidy_before`` (ns since the
    epoch), temp files a killed write left, older than that, are removed on the way.
    """
    try:
        entries = os.scandir(sessions_dir)
    except FileNotFoundError:  # read-only, in a folder made before sessions/ was
        return
    with entries:
        for entry in entries:
            name = entry.name
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                if tidy_before is not None:
                    _tidy_one(entry, tidy_before)
                continue
            if not name.endswith(".json"):
                continue
            sid = session_id_of(name)
            if sid is None or not entry.is_file(follow_symlinks=False):
                if odd is not None:
                    odd.append(name)
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # gone since it was listed
            yield sid, st.st_ino, st.st_mtime_ns, st.st_size


def _tidy_one(entry: os.DirEntry[str], before: int) -> None:
    try:
        st = entry.stat(follow_symlinks=False)
        if kind_of(st.st_mode) in (None, "a symbolic link") and st.st_mtime_ns < before:
            os.unlink(entry.path)
    except OSError:
        pass  # gone already, or refused: tried again at the next start


class Reconciler:
    """``reconcile`` on a thread, started once the first screen is shown."""

    def __init__(self, store: Store, on_done: Callable[[bool], None] | None = None) -> None:
        self.store = store
        self.on_done = on_done
        self.stop = threading.Event()
        self.finished = threading.Event()
        self.changed = False
        self._thread = threading.Thread(target=self._run, name="coprod-reconcile",
                                        daemon=True)

    def start(self) -> Reconciler:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self.changed = reconcile(self.store, stop=self.stop)
        except Exception:  # noqa: BLE001 - a derived index: never a reason to disturb
            self.changed = False  # the app; the next start tries again
        finally:
            self.finished.set()
        if self.on_done is not None and not self.stop.is_set():
            try:
                self.on_done(self.changed)
            except Exception:  # noqa: BLE001 - the app may be closing
                pass

    def cancel(self, timeout: float = 10.0) -> None:
        self.stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
