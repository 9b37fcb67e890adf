"""A TinyDB file of validated records, with a parsed copy kept in memory."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, ClassVar

from tinydb import Query, TinyDB
from tinydb.table import Table

from ..errors import NotFound
from ..model import Record
from .atomic import AtomicJSONStorage, Guard, Loader


class AppendingTable(Table):
    """TinyDB's table, with an insert whose cost does not grow with the table.

    TinyDB's own insert rebuilds the whole table twice (its keys to numbers and back)
    to add one record: 5 ms of each idea's save in a session of 5,000. Here the table
    is copied as it is (a dict copy, 50 times cheaper) and the record added under the
    next free id; a reader still holding the old table (a search on another thread)
    sees it unchanged, as with TinyDB's insert.
    """

    def insert(self, document: Mapping[str, Any]) -> int:
        if isinstance(document, self.document_class):  # an id of its own: TinyDB's way
            return super().insert(document)
        doc_id = self._get_next_id()
        tables = self._storage.read() or {}
        table = dict(tables.get(self.name, {}))
        key = str(doc_id)
        if key in table:
            raise ValueError(f"Document with ID {key} already exists")
        table[key] = dict(document)
        tables[self.name] = table
        self._storage.write(tables)
        self.clear_cache()
        return doc_id


class _Database(TinyDB):
    table_class = AppendingTable


class TableFile:
    """Base for our files: each table holds one kind of record.

    Writes go through ``_writing()`` so that several table changes land in one
    durable write, and so a failure leaves the memory copy matching the disk.
    """

    #: Table name → record type.
    TABLES: ClassVar[dict[str, type[Record]]] = {}

    def __init__(self, path: Path, *, loader: Loader, what: str, read_only: bool = False,
                 keep_previous: Path | None = None, guard: Guard | None = None) -> None:
        self.path = path
        self._storage = AtomicJSONStorage(path, loader, what=what, read_only=read_only,
                                          keep_previous=keep_previous, guard=guard)
        self._db = _Database(storage=lambda: self._storage)
        self._rows: dict[str, list[Any]] = {}

    def close(self) -> None:
        self._db.close()

    def raw(self) -> dict[str, Any] | None:
        """The file's tables as stored (for checks and search; do not mutate)."""
        return self._storage.read()

    def rows(self, table: str) -> list[Any]:
        """All records of a table, oldest first (a fresh list each call)."""
        if table not in self._rows:
            kind = self.TABLES[table]
            self._rows[table] = [kind.from_dict(dict(doc)) for doc in self._table(table).all()]
        return list(self._rows[table])

    def _table(self, name: str) -> Table:
        # No query cache: its results are handed out, and a cache can be mutated.
        return self._db.table(name, cache_size=0)

    def _find(self, table: str, value: str, *, key: str = "id") -> Any:
        found = next((r for r in self.rows(table) if getattr(r, key) == value), None)
        if found is None:
            raise NotFound(f"That {self.TABLES[table].noun} could not be found.")
        return found

    def _forget_memory(self) -> None:
        self._rows.clear()

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Make the changes inside the block as one durable write.

        Memory copies are updated inside the block; if anything fails (a
        refused record, a full disk, a folder gone) they are dropped and made
        again from the storage's copy of the last durable state: the file itself
        is not read again (it may be gone, or no longer ours).
        """
        try:
            with self._storage.batch():
                yield
        except BaseException:
            self._forget_memory()
            raise
        self._written()

    def _written(self) -> None:
        """Hook: called after each successful write."""

    def _insert(self, table: str, record: Record) -> None:
        with self._writing():
            rows = self.rows(table)
            self._table(table).insert(record.to_dict())
            self._rows[table] = [*rows, record]

    def _put(self, table: str, new: Record, *, key: str = "id") -> None:
        """Replace the record whose ``key`` matches ``new``'s."""
        value = getattr(new, key)
        with self._writing():
            rows = self.rows(table)
            self._table(table).update(new.to_dict(), Query()[key] == value)
            self._rows[table] = [new if getattr(r, key) == value else r for r in rows]

    def _delete(self, table: str, value: str, *, key: str = "id") -> None:
        with self._writing():
            rows = self.rows(table)
            self._table(table).remove(Query()[key] == value)
            self._rows[table] = [r for r in rows if getattr(r, key) != value]

    def _replace_table(self, table: str, records: Sequence[Record]) -> None:
        """Swap a whole table's contents in one write (for rebuilding)."""
        with self._writing():
            self._table(table).truncate()
            self._table(table).insert_multiple(r.to_dict() for r in records)
            self._rows[table] = list(records)


class RecordFile(TableFile):
    """A file of records that the services change: the session files and groups.json.

    The services decide what to change (the rules live in ``coprod_tui.rules``);
    these only save it. Each call is one durable write, or part of the one write a
    ``batch()`` makes; on failure nothing changed, on disk or in memory.
    """

    def batch(self) -> AbstractContextManager[None]:
        """Make every change inside the block one durable write: all or nothing."""
        return self._writing()

    def find(self, table: str, value: str, *, key: str = "id") -> Any:
        """The record whose ``key`` is ``value``; NotFound (in words) if none."""
        return self._find(table, value, key=key)

    def insert(self, table: str, record: Record) -> None:
        self._insert(table, record)

    def put(self, table: str, record: Record, *, key: str = "id") -> None:
        """Replace the record whose ``key`` matches ``record``'s."""
        self._put(table, record, key=key)

    def delete(self, table: str, value: str, *, key: str = "id") -> None:
        self._delete(table, value, key=key)

    def replace_table(self, table: str, records: list[Record]) -> None:
        """A whole table's records at once (``coprod forget``)."""
        self._replace_table(table, records)
