"""What index.sqlite3 holds: its tables, their layout's number, and SQLite's
errors in the store's words. The index itself is in ``index.py``.

Sessions and records are plain tables; two FTS5 tables index the words of the
titles and the records, kept in step by triggers (they hold no copy of the
text: SQLite's "external content"). A record's row number is its session's
number shifted left by SHIFT plus its own number in the session, so a match in
the full-text index says which session it is in without reading another table.
"""

from __future__ import annotations

import errno
import os
import sqlite3

#: The file's name in the data folder; SQLite may add "-journal", "-wal" and "-shm"
#: beside it.
INDEX_NAME = "index.sqlite3"
#: What SQLite keeps beside the index: the rollback journal (a build, an older copy)
#: and, while a copy of the app writes, the write-ahead log and its shared index.
SIDE_SUFFIXES = ("-journal", "-wal", "-shm")
#: Older layouts, replaced by INDEX_NAME (moved to backups/, never deleted).
OLD_NAMES = ("index.json", "search.json")
#: "cprx": marks the file as coprod's index; user_version is the layout's version.
APPLICATION_ID = 0x63707278
LAYOUT = 2
#: How long a reader waits for a writer's commit (another process) before giving up.
BUSY_S = 10.0
#: unicode61 with combining marks kept inside words ("café" typed decomposed is
#: still one word) and accents not folded: as the old search, which matched exactly.
TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"

#: A record's row number is (its session's n << SHIFT) + its number in the session.
SHIFT = 24
_SCHEMA = f"""
CREATE TABLE sessions (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    group_id TEXT NOT NULL, title TEXT NOT NULL, date TEXT NOT NULL,
    start TEXT NOT NULL, status TEXT NOT NULL, venue TEXT NOT NULL,
    format TEXT NOT NULL, methods TEXT NOT NULL, stage TEXT NOT NULL, -- "a,b": method keys
    present INTEGER NOT NULL, ideas INTEGER NOT NULL, decisions INTEGER NOT NULL,
    actions INTEGER NOT NULL, actions_open INTEGER NOT NULL,
    file_ino INTEGER NOT NULL, file_mtime INTEGER NOT NULL, file_size INTEGER NOT NULL
);
CREATE INDEX sessions_latest ON sessions (date DESC, start DESC, id DESC);
CREATE INDEX sessions_of_group ON sessions (group_id, date DESC, start DESC, id DESC);
CREATE INDEX sessions_by_status ON sessions (status);
-- What reconciling compares, without reading the summaries themselves.
CREATE INDEX sessions_files ON sessions (id, file_ino, file_mtime, file_size);
CREATE TABLE records (
    n INTEGER PRIMARY KEY,
    kind TEXT NOT NULL, record_id TEXT NOT NULL, body TEXT NOT NULL
);
PRAGMA application_id = {APPLICATION_ID};
"""
#: The full-text index over titles and records, kept by triggers.
_FULL_TEXT = f"""
CREATE VIRTUAL TABLE words USING fts5 (
    body, content='records', content_rowid='n', tokenize="{TOKENIZER}"
);
CREATE VIRTUAL TABLE titles USING fts5 (
    title, content='sessions', content_rowid='n', tokenize="{TOKENIZER}"
);
CREATE TRIGGER records_added AFTER INSERT ON records BEGIN
    INSERT INTO words (rowid, body) VALUES (new.n, new.body);
END;
CREATE TRIGGER records_removed AFTER DELETE ON records BEGIN
    INSERT INTO words (words, rowid, body) VALUES ('delete', old.n, old.body);
END;
CREATE TRIGGER records_changed AFTER UPDATE OF body ON records BEGIN
    INSERT INTO words (words, rowid, body) VALUES ('delete', old.n, old.body);
    INSERT INTO words (rowid, body) VALUES (new.n, new.body);
END;
CREATE TRIGGER sessions_added AFTER INSERT ON sessions BEGIN
    INSERT INTO titles (rowid, title) VALUES (new.n, new.title);
END;
CREATE TRIGGER sessions_removed AFTER DELETE ON sessions BEGIN
    INSERT INTO titles (titles, rowid, title) VALUES ('delete', old.n, old.title);
END;
CREATE TRIGGER sessions_retitled AFTER UPDATE OF title ON sessions BEGIN
    INSERT INTO titles (titles, rowid, title) VALUES ('delete', old.n, old.title);
    INSERT INTO titles (rowid, title) VALUES (new.n, new.title);
END;
"""
#: The layout without a full-text index (a Python whose SQLite lacks FTS5) is numbered
#: apart, so a file made by one is made again by the other.
PLAIN = 1000


def has_fts5() -> bool:
    """Does this Python's SQLite have FTS5? (The standard builds do.)"""
    global _FTS5
    if _FTS5 is None:
        conn = sqlite3.connect(":memory:")
        try:
            conn.execute("CREATE VIRTUAL TABLE t USING fts5 (x)")
            _FTS5 = True
        except sqlite3.Error:
            _FTS5 = False
        finally:
            conn.close()
    return _FTS5


_FTS5: bool | None = None


def layout() -> int:
    return LAYOUT if has_fts5() else LAYOUT + PLAIN


def expected_names() -> frozenset[tuple[str, str]]:
    """(type, name) of every table, index and trigger an index made here holds (an
    index missing one, or holding more, is not this layout: made again)."""
    fts = has_fts5()
    if fts not in _NAMES:
        conn = sqlite3.connect(":memory:")
        try:
            conn.executescript(schema())
            _NAMES[fts] = frozenset(conn.execute("SELECT type, name FROM sqlite_master"))
        finally:
            conn.close()
    return _NAMES[fts]


_NAMES: dict[bool, frozenset[tuple[str, str]]] = {}


def schema() -> str:
    """The script that makes an empty index here."""
    return (_SCHEMA + (_FULL_TEXT if has_fts5() else "")
            + f"PRAGMA user_version = {layout()};")

COLUMNS = ("id", "group_id", "title", "date", "start", "status", "venue", "format",
            "methods", "stage", "present", "ideas", "decisions", "actions", "actions_open",
            "file_ino", "file_mtime", "file_size")
SELECT_SUMMARY = "SELECT " + ", ".join(f"s.{c}" for c in COLUMNS) + " FROM sessions s"
#: Latest first; ids break ties so that paging is stable.
LATEST = "ORDER BY s.date DESC, s.start DESC, s.id DESC"


class IndexUnusable(Exception):
    """The index file cannot be used as it is (damaged, foreign, another layout)."""


#: SQLite's codes for a file that is damaged or not a database at all.
DAMAGED = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})
_ERRNO = {"SQLITE_FULL": errno.ENOSPC, "SQLITE_READONLY": errno.EROFS,
          "SQLITE_PERM": errno.EACCES, "SQLITE_AUTH": errno.EACCES,
          "SQLITE_CANTOPEN": errno.EACCES}


def is_damage(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.DatabaseError) and getattr(
        exc, "sqlite_errorname", "") in DAMAGED


def as_os_error(exc: sqlite3.Error) -> OSError:
    """A failed write, as the OSError the rest of the store reports in words
    (a full disk is a full disk, whoever was writing)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    code = _ERRNO.get("_".join(name.split("_")[:2]), errno.EIO)  # SQLITE_IOERR_WRITE ...
    return OSError(code, os.strerror(code))
