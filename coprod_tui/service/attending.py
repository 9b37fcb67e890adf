"""The verbs for the people in the room: attendance, the code of conduct, hands up
and speaking turns."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..clock import now
from ..errors import ValidationError
from ..model import Attendance, Hand, Turn
from ..rules import attendance as attending
from ..rules import hands
from ..store.session_file import SessionFile
from .contract import verb
from .session_base import SessionBase, local_now


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
        return self._attend(file, person_id, attending.marking(old, status, at or local_now()))

    @verb
    def mark_late(self, person_id: str, at: datetime | None = None) -> Attendance:
        """Present, and arrived late, now."""
        stamp = (at or local_now()).isoformat(timespec="seconds")
        return self._attend(self._file(), person_id,
                            {"status": "present", "late": True, "arrived_at": stamp})

    @verb
    def mark_left(self, person_id: str, at: datetime | None = None) -> Attendance:
        """Left early now; said again, back in the room."""
        file = self._file()
        old = self._attendance(file, person_id)
        return self._attend(file, person_id, attending.leaving(old, at or local_now()))

    @verb
    def agree_conduct(self, person_id: str, how: str = "agreed", *,
                      version: int | None = None) -> Attendance:
        """They agreed the group's code of conduct (its current version unless given)."""
        file = self._file()
        version = version or self._conduct_version(file)
        return self._attend(file, person_id, self._agreement(version, how))

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
                self._attend(file, a.person_id, self._agreement(version, "agreed"))
        return len(waiting)

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

    @staticmethod
    def _agreement(version: int, how: str) -> dict[str, Any]:
        return {"conduct_version": version, "conduct_how": how, "conduct_agreed_at": now()}

    @staticmethod
    def _attendance(file: SessionFile, person_id: str) -> Attendance | None:
        return next((a for a in file.rows("attendance") if a.person_id == person_id), None)

    def _attend(self, file: SessionFile, person_id: str, changes: dict[str, Any]) -> Attendance:
        old = self._attendance(file, person_id)
        if old is None:
            new = attending.new_attendance(self._store.groups.person(person_id)).replace(
                **changes)
            file.insert("attendance", new)
            return new
        return self._change(file, "attendance", old, changes, key="person_id")

    # -- hands up and speaking turns ---------------------------------------------------------

    @verb
    def raise_hand(self, person_id: str, kind: str = "normal") -> list[Hand]:
        """Add to the queue; a point of order goes ahead of ordinary hands."""
        file = self._file()
        queue = hands.raised(file.session.hands, person_id, kind)
        return self._save_session(file, file.session.replace(hands=queue)).hands

    @verb
    def next_speaker(self) -> Turn | None:
        """The first in the queue speaks: their turn is kept and they leave the queue."""
        file = self._file()
        session = file.session
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
        if not session.hands:
            return None
        self._save_session(file, session.replace(hands=hands.skipped(session.hands)))
        return session.hands[0]

    @verb
    def record_turn(self, person_id: str, kind: str = "normal") -> Turn:
        """Someone spoke without the queue (or the facilitator noted it after)."""
        file = self._file()
        turn = Turn(person_id=person_id, kind=kind, agenda_item_id=file.session.current_item_id)
        file.insert("turns", turn)
        return turn
