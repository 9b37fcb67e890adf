"""What every part of a session's verbs shares: reading the session, and saving a
change with the corrections rule (``rules/lifecycle.py``) applied.

``SessionService`` (session.py) is made of this and of the verbs for the people
in the room (attending.py) and for what they said and agreed (records.py).
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any, TypeVar

from ..errors import NotFound
from ..model import (
    Action, Attendance, AuditAnswer, Correction, Decision, Feedback, Group, Idea, Person,
    Record, Session, SessionData, Turn,
)
from ..rules import lifecycle
from ..store import Store
from ..store.session_file import SessionFile
from .contract import verb

R = TypeVar("R", bound=Record)


def local_now() -> datetime:
    return datetime.now().astimezone()


def stamp(moment: datetime) -> str:
    """A moment as it is stored: to the second, with its offset."""
    return moment.isoformat(timespec="seconds")


class SessionBase:
    """One session of the store (``Service.session(id)`` makes one; it costs nothing)."""

    def __init__(self, store: Store, lock: threading.RLock, session_id: str) -> None:
        self._store = store
        self._lock = lock
        self.id = session_id

    def _file(self) -> SessionFile:
        return self._store.session(self.id)

    # -- reading ---------------------------------------------------------------------------

    @property
    @verb
    def session(self) -> Session:
        return self._file().session

    @verb
    def rows(self, table: str) -> list[Any]:
        return self._file().rows(table)

    def attendance(self) -> list[Attendance]:
        return self.rows("attendance")

    def ideas(self) -> list[Idea]:
        return self.rows("ideas")

    def decisions(self) -> list[Decision]:
        return self.rows("decisions")

    def actions(self) -> list[Action]:
        return self.rows("actions")

    def turns(self) -> list[Turn]:
        return self.rows("turns")

    def feedback(self) -> list[Feedback]:
        return self.rows("feedback")

    def audit(self) -> list[AuditAnswer]:
        return self.rows("audit")

    def corrections(self) -> list[Correction]:
        return self.rows("corrections")

    @verb
    def attendance_of(self, person_id: str) -> Attendance | None:
        return next((a for a in self._file().rows("attendance") if a.person_id == person_id),
                    None)

    @verb
    def group(self) -> Group:
        """The session's group (a stand-in named "Unknown group" if it has gone)."""
        group_id = self._file().session.group_id
        try:
            return self._store.groups.group(group_id)
        except NotFound:
            return Group(id=group_id, name="Unknown group")

    @verb
    def present_people(self, *, still_here: bool = False) -> list[Person]:
        """The people marked present, in the attendance order (``still_here``: not
        those who have left)."""
        people = self._store.groups.people()
        return [people[a.person_id] for a in self._file().rows("attendance")
                if a.present and a.person_id in people and not (still_here and a.left_at)]

    @verb
    def listed_people(self) -> list[Person]:
        """The group's roster, then anyone else with an attendance record here."""
        book = self._store.groups
        roster = book.roster(self._file().session.group_id)
        known = {p.id for p in roster}
        everyone = book.people()
        extra = [everyone[a.person_id] for a in self._file().rows("attendance")
                 if a.person_id not in known and a.person_id in everyone]
        return roster + extra

    @verb
    def snapshot(self) -> SessionData:
        """The whole session at once, with its group and the people it names."""
        return self._store.snapshot(self.id)

    @verb
    def release(self) -> None:
        """Done with the session for now (the session list is brought up to date)."""
        if self._store.is_open(self.id):
            self._store.release(self._file())

    # -- saving, with the corrections rule ---------------------------------------------------

    def _save_session(self, file: SessionFile, new: Session) -> Session:
        old = file.session
        if new == old:
            return old  # nothing changed: no write
        kept = lifecycle.corrections("session", old.id, old, new, old)
        with file.batch():
            file.put_session(new)
            for correction in kept:
                file.insert("corrections", correction)
        return new

    def _moment(self, file: SessionFile, at: datetime | None = None, *,
                end: bool = False) -> datetime:
        """``at``, or when "now" is for this session (``lifecycle.meeting_moment``: the
        clock on its day, else a time on its own date)."""
        return at or lifecycle.meeting_moment(file.session, local_now(), end=end)

    def _change(self, file: SessionFile, table: str, old: R, changes: dict[str, Any], *,
                key: str = "id", note: str = "") -> R:
        """Change a record; in a closed session, keep each change as a correction."""
        new = old.replace(**changes)
        if new == old:
            return old  # nothing changed: no write
        kept = lifecycle.corrections(table, getattr(old, key), old, new, file.session, note)
        with file.batch():
            file.put(table, new, key=key)
            for correction in kept:
                file.insert("corrections", correction)
        return new
