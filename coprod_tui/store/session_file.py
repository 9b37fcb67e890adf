"""One session's file: its details and its tables of records, saved atomically.

Only loading and saving live here; what may change, and how (the hands-up
queue, the agenda clock, corrections after closing, erasure), is the services'
business (``coprod_tui.service``, applying ``coprod_tui.rules``). Each write
returns once it is durable on disk (see ``atomic.py``); a refused record or a
failed write leaves the file, and its memory copy, as they were.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb import Query

from ..errors import DamagedFile, ValidationError
from ..model import (
    Action, Attendance, AuditAnswer, Correction, Decision, Feedback, Group, Idea, Person,
    Record, Session, SessionData, Turn,
)
from ..model.snapshot import referenced_people
from .fileformat import META, new_tables
from .table_file import RecordFile

#: Table name → record type. The session's own details live in table "session".
TABLES: dict[str, type[Record]] = {
    "attendance": Attendance,
    "turns": Turn,
    "ideas": Idea,
    "decisions": Decision,
    "actions": Action,
    "feedback": Feedback,
    "audit": AuditAnswer,
    "corrections": Correction,
}


class SessionFile(RecordFile):
    """A session's TinyDB file."""

    TABLES = TABLES

    def __init__(self, path: Path, *, loader, read_only: bool = False, guard=None) -> None:
        super().__init__(path, loader=loader, what="the session", read_only=read_only,
                         guard=guard)
        self.id = path.stem
        self._session: Session | None = None
        #: True when something changed since the index last summarised this file.
        self.changed = False

    # -- opening ---------------------------------------------------------------------------

    def create(self, session: Session, tables: dict[str, list[Any]] | None = None) -> None:
        """Write a new session file, with any records, in one durable write."""
        with self._writing():
            self._storage.write(new_tables("session"))
            self._table("session").insert(session.to_dict())
            for name, records in (tables or {}).items():
                self._table(name).insert_multiple(r.to_dict() for r in records)
                self._rows[name] = list(records)
            self._session = session

    def load(self) -> None:
        """Read and check every record; DamagedFile if any does not fit."""
        data = self._storage.read() or {}
        unknown = set(data) - set(TABLES) - {"session", META}
        if unknown:
            raise DamagedFile(f"{self.path.name} has parts coprod does not know "
                              f"({', '.join(sorted(unknown))}).")
        try:
            docs = list(self._table("session").all())
            if len(docs) != 1:
                raise ValidationError("A session file must hold exactly one session.")
            self._session = Session.from_dict(dict(docs[0]))
            if self._session.id != self.id:
                raise ValidationError("The session's id does not match its file name.")
            for name in TABLES:
                self.rows(name)
        except ValidationError as exc:
            self._session, self._rows = None, {}
            raise DamagedFile(f"{self.path.name} does not hold a valid session: {exc}") from None

    # -- reading and saving ----------------------------------------------------------------

    @property
    def session(self) -> Session:
        if self._session is None:
            self.load()
        assert self._session is not None
        return self._session

    def put_session(self, session: Session) -> None:
        """Save the session's details (its plan, agenda, hands, state) as given."""
        with self._writing():
            self._table("session").update(session.to_dict(), Query().id == session.id)
            self._session = session

    def snapshot(self, group: Group, people: dict[str, Person]) -> SessionData:
        tables = {name: self.rows(name) for name in TABLES}
        referenced = referenced_people(self.session, tables)
        return SessionData(
            session=self.session, group=group,
            people={pid: p for pid, p in people.items() if pid in referenced},
            everyone=dict(people), **tables)

    # -- primitives ------------------------------------------------------------------------

    def _forget_memory(self) -> None:
        super()._forget_memory()
        self._session = None

    def _written(self) -> None:
        self.changed = True
