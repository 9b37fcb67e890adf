"""index.sqlite3: the session list and the searchable text, in one SQLite file.

Derived from the session files and rebuilt from them whenever it is missing,
damaged or from an older layout (``index_upkeep.py``), so it is never anyone's
only copy of anything. It holds personal text (ideas, titles), so it is 0600
like every other file, and so are the journal files SQLite makes beside it
(SQLite gives them the database's own mode).

A change to one session touches only that session's rows: its summary, and
the records whose text changed (``put``), so an update costs the same with ten
sessions or ten thousand (the tables: ``index_layout.py``). Each summary keeps
the session file's identity (inode, mtime, size) when it was taken; a summary
whose file has changed since is taken again (``index_upkeep.reconcile``), which
is how a crash between a session's save and its index update heals.

While a copy of coprod writes to it, the index is in WAL mode with
``synchronous=NORMAL``: a commit appends to index.sqlite3-wal without a sync (an
update costs about a millisecond, not four syncs). A kill -9 loses nothing
(the log is in the system's cache); a power cut may lose the last updates but
never leaves the file damaged (SQLite's WAL guarantee), and a lost update is
caught by the next start's reconcile, since the summary then still has the
session file's old identity. The session files themselves stay synced before
anything is shown as saved.

A clean close puts the file back in rollback-journal mode, so at rest it is one
file that a read-only opening reads without creating or writing anything. A
read-only opening beside a live writer (or after a kill -9 left the log) opens
the log's shared index read-only (``readonly_shm``): it reads the log as it is
and never writes a byte (``reader_uri``).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .summary import Entry, SessionSummary
from .atomic import FILE_MODE, Guard
from .index_layout import (  # noqa: F401 - the names the rest of the store uses
    APPLICATION_ID, BUSY_S, COLUMNS, DAMAGED, INDEX_NAME, LATEST, OLD_NAMES,
    SELECT_SUMMARY, SHIFT, SIDE_SUFFIXES, IndexUnusable, as_os_error, expected_names,
    has_fts5, is_damage, layout, schema,
)


#: A row as sqlite3 returns it: each value's type is what the SQL selected.
Row = tuple[Any, ...]


def reader_uri(path: Path) -> str:
    """How to open the index read-only without creating or writing any file.

    In rollback mode a read-only connection only takes a shared lock. In WAL mode
    it would create the log and its shared index if they are missing, and write
    its read marks into the shared index: ``readonly_shm`` opens that read-only
    (SQLite then reads the log itself), and where the log is missing (no writer
    has it open; a close that could not leave rollback mode) ``immutable``
    reads the file alone, which then holds every committed update.
    """
    base = path.absolute().as_uri() + "?mode=ro"
    try:
        with open(path, "rb") as f:
            header = f.read(20)
    except OSError:
        return base  # connect says what is wrong with it
    in_wal = header[:16] == b"SQLite format 3\x00" and header[18:20] == b"\x02\x02"
    if not in_wal:
        return base + "&readonly_shm=1"
    side = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    if all(os.path.isfile(p) and not os.path.islink(p) for p in side):
        return base + "&readonly_shm=1"
    return base + "&immutable=1"


def create_private(path: Path) -> None:
    """Make an empty file that only its owner can read, whatever the umask."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


class SessionIndex:
    """An open index: one connection, used by one thread at a time (``self.lock``).

    ``guard`` is called before every write and raises if the folder may not be
    written to now (``Store.check_folder``); ``None`` for a copy in memory.
    """

    def __init__(self, conn: sqlite3.Connection, *, path: Path | None,
                 read_only: bool, guard: Guard | None = None) -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only
        self.guard = guard
        #: False where SQLite lacks FTS5: search then reads every record (search.py).
        self.fts = has_fts5()
        self.lock = threading.RLock()
        #: Statements run by writes (tests count them to prove an update is O(1)).
        self.statements = 0
        #: A writer's file goes to WAL mode before its first write ...
        self.log_wanted = False
        #: ... and back to rollback mode when closed.
        self.in_log = False

    # -- opening ----------------------------------------------------------------------

    @classmethod
    def connect(cls, path: Path, *, read_only: bool,
                guard: Guard | None = None) -> SessionIndex:
        """Open an existing index file; IndexUnusable if it is not one we can use."""
        uri = reader_uri(path) if read_only else path.absolute().as_uri() + "?mode=rw"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_S, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error as exc:
            raise IndexUnusable(str(exc)) from None
        index = cls(conn, path=path, read_only=read_only, guard=guard)
        try:
            index._setup()  # (WAL only once it is known to be ours: see below)
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID or version != layout():
                raise IndexUnusable("not this version's index")
            names = frozenset(conn.execute("SELECT type, name FROM sqlite_master"))
            if names != expected_names():
                raise IndexUnusable("not the tables this version makes")
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            size = conn.execute("PRAGMA page_size").fetchone()[0]
            in_log = conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            # (In WAL mode the newest pages may still be only in the log.)
            if not in_log and os.stat(path).st_size < pages * size:
                raise IndexUnusable("cut short")
            # Touch every table, so a file that is not a database says so now (one
            # row each: opening costs the same with ten sessions or ten thousand).
            conn.execute("SELECT n, id FROM sessions LIMIT 1").fetchall()
            conn.execute("SELECT n FROM records LIMIT 1").fetchall()
            for table in ("words", "titles") if index.fts else ():
                conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH 'x' "
                             "LIMIT 1").fetchall()
            # WAL from the first write on (``writing``): a file that is not ours is set
            # aside as it was, and an opening that writes nothing changes nothing.
            index.log_wanted = not read_only
        except (sqlite3.Error, OSError, IndexUnusable) as exc:
            conn.close()
            raise IndexUnusable(str(exc)) from None
        return index

    @classmethod
    def create(cls, path: Path) -> SessionIndex:
        """A new, empty index at ``path`` (a temp file: see ``index_upkeep.build``).

        Written without a journal or syncs: it is fsynced once, whole, before it is
        renamed into place, and a crash before that leaves only a temp file.
        """
        create_private(path)
        conn = sqlite3.connect(path, timeout=BUSY_S, isolation_level=None,
                               check_same_thread=False)
        index = cls(conn, path=path, read_only=False)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        index._setup()
        conn.executescript(schema())
        return index

    @classmethod
    def in_memory(cls) -> SessionIndex:
        """An index held in memory (a read-only opening that has to make its own)."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        index = cls(conn, path=None, read_only=False)
        index._setup()
        conn.executescript(schema())
        return index

    def copy_to_memory(self) -> SessionIndex:
        """A copy in memory, to bring up to date where the file cannot be written."""
        memory = SessionIndex.in_memory()
        with self.lock:
            self.conn.backup(memory.conn)
        return memory

    def _setup(self) -> None:
        conn = self.conn
        # Sorting and VACUUM work in memory: no temp file with personal text in /tmp.
        conn.execute("PRAGMA temp_store = MEMORY")
        # Freed space is overwritten with zeros, so removed text does not linger.
        conn.execute("PRAGMA secure_delete = ON")
        from .search import contains_words

        conn.create_function("coprod_contains", 2, contains_words, deterministic=True)

    def _write_ahead(self) -> None:
        """WAL with NORMAL syncs (see the module's notes: consistent after any crash;
        a lost update is caught by reconcile, as the session files are synced first).
        If SQLite cannot switch now, the file stays in rollback mode, fully synced."""
        self.log_wanted = False
        try:
            mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode == "wal":
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.in_log = True
        except sqlite3.Error:
            pass

    def close(self) -> None:
        with self.lock:
            if self.in_log or self.log_wanted:  # (a file left in WAL mode by a kill)
                self._back_to_rollback()
            self.conn.close()

    def _back_to_rollback(self) -> None:
        """Leave one file behind (the log written into it, and gone), so that a
        read-only opening at rest has nothing to create. Not possible while another
        process reads it: the log then stays, and a reader reads it as it is."""
        conn = self.conn
        try:
            if conn.in_transaction or conn.execute(
                    "PRAGMA journal_mode").fetchone()[0] != "wal":
                return
            conn.execute("PRAGMA busy_timeout = 200")  # never hold up quitting
            conn.execute("PRAGMA journal_mode = DELETE")
        except sqlite3.Error:
            pass  # busy, or the disk is gone: the next opening takes the log as it is

    # -- writing -----------------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it lands, or none of it (a crash is rolled back
        from the journal by the next opening)."""
        with self.lock:
            if self.guard is not None:
                self.guard("the session list")
            conn = self.conn
            if self.log_wanted:
                self._write_ahead()
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                if is_damage(exc):
                    raise  # the store sets the file aside and makes it again
                raise as_os_error(exc) from exc

    def _run(self, conn: sqlite3.Connection, sql: str, params: Iterable[object] = ()) -> None:
        self.statements += 1
        conn.execute(sql, tuple(params))

    def put(self, summary: SessionSummary, entries: list[Entry], *,
            only_if_sig: list[int] | None = None) -> bool:
        """Store one session's summary and searchable text, touching only what changed.

        With ``only_if_sig``, nothing is written unless the stored summary still has
        that identity ([] for none stored): a summary taken on another thread is not
        allowed to overwrite a newer one. True if it was written.
        """
        with self.writing() as conn:
            if only_if_sig is not None and self._sig(conn, summary.id) != only_if_sig:
                return False
            self._put(conn, summary, entries)
        return True

    def put_checked(self, items: list[tuple[SessionSummary, list[Entry], list[int]]]) -> int:
        """``put`` with ``only_if_sig`` for many sessions, in one transaction (one
        sync for all of them); how many were written."""
        written = 0
        with self.writing() as conn:
            for summary, entries, only_if_sig in items:
                if self._sig(conn, summary.id) == only_if_sig:
                    self._put(conn, summary, entries)
                    written += 1
        return written

    def put_many(self, items: list[tuple[SessionSummary, list[Entry]]], *,
                 new: bool = False) -> None:
        """Store many sessions in one transaction; ``new``: none of them is in the
        index yet (building), so nothing is looked up first."""
        with self.writing() as conn:
            for summary, entries in items:
                if not new:
                    self._put(conn, summary, entries)
                    continue
                n = conn.execute(f"INSERT INTO sessions ({', '.join(COLUMNS)}) "
                                 f"VALUES ({', '.join('?' * len(COLUMNS))})",
                                 summary.row()).lastrowid
                assert n is not None  # (None only before any row was inserted)
                conn.executemany("INSERT INTO records (n, kind, record_id, body) "
                                 "VALUES (?, ?, ?, ?)",
                                 [((n << SHIFT) + k, *entry) for k, entry in enumerate(entries)])

    def _sig(self, conn: sqlite3.Connection, session_id: str) -> list[int]:
        row = conn.execute("SELECT file_ino, file_mtime, file_size FROM sessions "
                           "WHERE id = ?", (session_id,)).fetchone()
        return list(row) if row else []

    def _put(self, conn: sqlite3.Connection, summary: SessionSummary,
             entries: list[Entry]) -> None:
        names = [c for c in COLUMNS if c != "id"]
        self._run(conn, f"INSERT INTO sessions ({', '.join(COLUMNS)}) "
                        f"VALUES ({', '.join('?' * len(COLUMNS))}) ON CONFLICT (id) DO UPDATE "
                        f"SET {', '.join(f'{c} = excluded.{c}' for c in names)}", summary.row())
        self.statements += 2
        (n,) = conn.execute("SELECT n FROM sessions WHERE id = ?", (summary.id,)).fetchone()
        low, high = n << SHIFT, ((n + 1) << SHIFT) - 1
        have = {(kind, rid): (row, body) for row, kind, rid, body in conn.execute(
            "SELECT n, kind, record_id, body FROM records WHERE n BETWEEN ? AND ?",
            (low, high))}
        last = max((row for row, _body in have.values()), default=low - 1)
        for kind, rid, body in entries:
            old = have.pop((kind, rid), None)
            if old is None:
                last += 1
                if last > high:
                    raise ValueError("too many records in one session for the index")
                self._run(conn, "INSERT INTO records (n, kind, record_id, body) "
                                "VALUES (?, ?, ?, ?)", (last, kind, rid, body))
            elif old[1] != body:
                self._run(conn, "UPDATE records SET body = ? WHERE n = ?", (body, old[0]))
        for row, _body in have.values():
            self._run(conn, "DELETE FROM records WHERE n = ?", (row,))

    def _drop(self, conn: sqlite3.Connection, session_id: str) -> None:
        found = conn.execute("SELECT n FROM sessions WHERE id = ?", (session_id,)).fetchone()
        self.statements += 1
        if found is None:
            return
        (n,) = found
        self._run(conn, "DELETE FROM records WHERE n BETWEEN ? AND ?",
                  (n << SHIFT, ((n + 1) << SHIFT) - 1))
        self._run(conn, "DELETE FROM sessions WHERE n = ?", (n,))

    def drop(self, session_id: str) -> None:
        with self.writing() as conn:
            self._drop(conn, session_id)

    def drop_many(self, session_ids: Iterable[str]) -> None:
        with self.writing() as conn:
            for sid in session_ids:
                self._drop(conn, sid)

    # -- reading the session list ------------------------------------------------------

    def query(self, sql: str, params: Iterable[object] = ()) -> list[Row]:
        with self.lock:
            return self.conn.execute(sql, tuple(params)).fetchall()

    def sigs(self) -> dict[str, tuple[int, int, int]]:
        """Every session's file identity, by id (what reconciling compares)."""
        return {row[0]: row[1:] for row in self.query(
            "SELECT id, file_ino, file_mtime, file_size FROM sessions")}

    def compare(self, on_disk: Iterable[tuple[str, int, int, int]]
                ) -> tuple[list[tuple[str, list[int]]], list[str]]:
        """The sessions whose file differs from their summary, or has none yet
        (with the identity stored: [] for none), and those whose file is gone.

        ``on_disk``: (id, inode, mtime, size) of each file, streamed into a table in
        memory (temp_store is MEMORY) and compared there.
        """
        with self.lock:
            conn = self.conn
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS disk (id TEXT PRIMARY KEY, "
                         "ino INTEGER, mtime INTEGER, size INTEGER) WITHOUT ROWID")
            conn.execute("BEGIN")
            try:
                conn.executemany("INSERT OR REPLACE INTO temp.disk VALUES (?, ?, ?, ?)",
                                 on_disk)
                stale = [(sid, [] if ino is None else [ino, mtime, size])
                         for sid, ino, mtime, size in conn.execute(
                             "SELECT d.id, s.file_ino, s.file_mtime, s.file_size "
                             "FROM temp.disk d LEFT JOIN sessions s INDEXED BY sessions_files "
                             "ON s.id = d.id "
                             "WHERE s.id IS NULL OR s.file_ino != d.ino "
                             "OR s.file_mtime != d.mtime OR s.file_size != d.size")]
                gone = [row[0] for row in conn.execute(
                    "SELECT s.id FROM sessions s INDEXED BY sessions_files WHERE NOT EXISTS "
                    "(SELECT 1 FROM temp.disk d WHERE d.id = s.id)")]
            finally:
                conn.execute("DELETE FROM temp.disk")
                conn.execute("COMMIT")
        return stale, gone

    def summaries(self, group_id: str | None = None, *, status: str | None = None,
                  after: SessionSummary | None = None,
                  limit: int | None = None) -> list[SessionSummary]:
        """Sessions latest first: of one group, in one state, after a given one."""
        where: list[str] = []
        params: list[object] = []
        if group_id is not None:
            where.append("s.group_id = ?")
            params.append(group_id)
        if status is not None:
            where.append("s.status = ?")
            params.append(status)
        if after is not None:
            where.append("(s.date, s.start, s.id) < (?, ?, ?)")
            params += [after.date, after.start, after.id]
        sql = SELECT_SUMMARY + (" WHERE " + " AND ".join(where) if where else "") + " " + LATEST
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [SessionSummary.from_row(r) for r in self.query(sql, params)]

    def summary(self, session_id: str) -> SessionSummary | None:
        rows = self.query(SELECT_SUMMARY + " WHERE s.id = ?", (session_id,))
        return SessionSummary.from_row(rows[0]) if rows else None

    def count(self, group_id: str | None = None) -> int:
        if group_id is None:
            return self.query("SELECT count(*) FROM sessions")[0][0]
        return self.query("SELECT count(*) FROM sessions WHERE group_id = ?", (group_id,))[0][0]

    def ids_starting(self, prefix: str, limit: int = 2) -> list[str]:
        """Up to ``limit`` session ids starting with ``prefix`` (lower-case hex)."""
        return [r[0] for r in self.query(
            "SELECT id FROM sessions WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            (prefix, prefix + "g", limit))]
