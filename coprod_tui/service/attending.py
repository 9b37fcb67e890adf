"""The verbs for the people in the room: attendance, the code of conduct, hands up
and speaking turns.

Times default to when "now" is for the session (``lifecycle.meeting_moment``): the
clock on the day it is held, else a time on the meeting's own date. After a session
closed, attendance changes are kept as dated corrections; hands up and turns are
recorded only while it runs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..clock import now
from ..errors import ValidationError
from ..model import Attendance, Hand, Turn
from ..rules import attendance as attending
from ..rules import hands, lifecycle
from ..store.session_file import SessionFile
from .contract import verb
from .session_base import SessionBase, stamp


class AttendingVerbs(SessionBase):
    """Who came, who agreed the code, who waits to speak and who spoke."""

    # -- attendance and the code of conduct --------------------------------------------------

    @verb
    def set_attendance(self, person_id: str, **changes: Any) -> Attendance:
        """Create or change a person's attendance (a new one copies the roster's details)."""
        return self._attend(self._file(), person_id, changes)

    @verb
    def mark(self, person_id: str, status: str, at: datetime | None = None) -> Attendance:
        """Present, apologies or absent (present: they arrived now, unless noted before)."""
        file = self._file()
        old = self._attendance(file, person_id)
        return self._attend(file, person_id,
                            attending.marking(old, status, self._moment(file, at)))

    @verb
    def mark_late(self, person_id: str, at: datetime | None = None) -> Attendance:
        """Present, and arrived late, now (on another day than the meeting's: at its
        start, to be put right with the time they came)."""
        file = self._file()
        return self._attend(file, person_id, {"status": "present", "late": True,
                                              "arrived_at": stamp(self._moment(file, at))})

    @verb
    def mark_left(self, person_id: str, at: datetime | None = None) -> Attendance:
        """Left early now; said again, back in the room."""
        file = self._file()
        old = self._attendance(file, person_id)
        return self._attend(file, person_id,
                            attending.leaving(old, self._moment(file, at, end=True)))

    @verb
    def agree_conduct(self, person_id: str, how: str = "agreed", *,
                      version: int | None = None) -> Attendance:
        """They agreed the group's code of conduct (its current version unless given)."""
        file = self._file()
        version = version or self._conduct_version(file)
        agreed = self._attend(file, person_id, self._agreement(file, version, how))
        if how == "agreed":
            self._group_agreed(file, version)
        return agreed

    @verb
    def agree_everyone(self) -> int:
        """Everyone present who has not agreed the code agreed it: one write; how many."""
        file = self._file()
        version = self._conduct_version(file)
        people = self._store.groups.people()
        waiting = [a for a in file.rows("attendance")
                   if a.present and a.conduct_version is None and a.person_id in people]
        with file.batch():
            for a in waiting:
                self._attend(file, a.person_id, self._agreement(file, version, "agreed"))
        if waiting:
            self._group_agreed(file, version)
        return len(waiting)

    def _group_agreed(self, file: SessionFile, version: int) -> None:
        """The first time people agree a wording at a meeting, the group agreed it on
        that meeting's day (not the day it was typed in: the code is never "agreed"
        before anyone has)."""
        book = self._store.groups
        group = book.group(file.session.group_id)
        if 1 <= version <= len(group.conduct) and not group.conduct[version - 1].agreed_on:
            chosen = group.conduct[version - 1].replace(agreed_on=file.session.date)
            book.put("groups", group.replace(conduct=[
                chosen if v.version == version else v for v in group.conduct]))

    @verb
    def withdraw_conduct(self, person_id: str) -> Attendance:
        """Take back an agreement recorded by mistake."""
        return self._attend(self._file(), person_id, {
            "conduct_version": None, "conduct_how": "", "conduct_agreed_at": None})

    def _conduct_version(self, file: SessionFile) -> int:
        group = self._store.groups.group(file.session.group_id)
        if group.current_conduct is None:
            raise ValidationError("This group has no code of conduct yet: write one with the "
                                  "group first.", field="conduct_version")
        return group.current_conduct.version

    def _agreement(self, file: SessionFile, version: int, how: str) -> dict[str, Any]:
        # Agreed in the meeting: on its day. Agreed later: when it was recorded.
        when = stamp(self._moment(file)) if how == "agreed" else now()
        return {"conduct_version": version, "conduct_how": how, "conduct_agreed_at": when}

    @staticmethod
    def _attendance(file: SessionFile, person_id: str) -> Attendance | None:
        return next((a for a in file.rows("attendance") if a.person_id == person_id), None)

    def _attend(self, file: SessionFile, person_id: str, changes: dict[str, Any]) -> Attendance:
        old = self._attendance(file, person_id)
        if old is None:
            fresh = attending.new_attendance(self._store.groups.person(person_id))
            new = fresh.replace(**changes)
            # Someone marked after the session closed: the record keeps that it was added.
            kept = lifecycle.new_record_correction("attendance", person_id, "status",
                                                   fresh.status, new.status, file.session)
            with file.batch():
                file.insert("attendance", new)
                for correction in kept:
                    file.insert("corrections", correction)
            return new
        return self._change(file, "attendance", old, changes, key="person_id")

    # -- hands up and speaking turns ---------------------------------------------------------

    @verb
    def raise_hand(self, person_id: str, kind: str = "normal") -> list[Hand]:
        """Add to the queue; a point of order goes ahead of ordinary hands."""
        file = self._file()
        lifecycle.check_recording(file.session, "a hand up")
        queue = hands.raised(file.session.hands, person_id, kind)
        return self._save_session(file, file.session.replace(hands=queue)).hands

    @verb
    def next_speaker(self) -> Turn | None:
        """The first in the queue speaks: their turn is kept and they leave the queue."""
        file = self._file()
        session = file.session
        lifecycle.check_recording(session, "a turn to speak")
        queue, turn = hands.next_speaker(session.hands, session.current_item_id)
        if turn is None:
            return None
        with file.batch():
            self._save_session(file, session.replace(hands=queue))
            file.insert("turns", turn)
        return turn

    @verb
    def skip_speaker(self) -> Hand | None:
        """The first in the queue passes: they leave it without a turn. Who passed."""
        file = self._file()
        session = file.session
        lifecycle.check_recording(session, "a turn to speak")
        if not session.hands:
            return None
        self._save_session(file, session.replace(hands=hands.skipped(session.hands)))
        return session.hands[0]

    @verb
    def record_turn(self, person_id: str, kind: str = "normal") -> Turn:
        """Someone spoke without the queue (or the facilitator noted it after)."""
        file = self._file()
        lifecycle.check_recording(file.session, "a turn to speak")
        turn = Turn(person_id=person_id, kind=kind, agenda_item_id=file.session.current_item_id)
        file.insert("turns", turn)
        return turn
