"""Attendance: a person's part in one session, and marking it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..errors import ValidationError
from ..model import Attendance, Person


def new_attendance(person: Person) -> Attendance:
    """A first attendance record: the roster's role, support and consent, copied (they
    may differ at a later session)."""
    return Attendance(person_id=person.id, role=person.role, organisation=person.organisation,
                      support_needs=list(person.support_needs),
                      support_other=person.support_other,
                      consent_to_be_named=person.consent_to_be_named)


def marking(old: Attendance | None, status: str, at: datetime) -> dict[str, Any]:
    """The changes that mark someone present, apologies or absent.

    Marked present, they arrived now (unless an arrival was noted before); marked
    anything else, they were neither late nor left early.
    """
    changes: dict[str, Any] = {"status": status}
    if status == "present":
        if old is None or old.arrived_at is None:
            changes["arrived_at"] = at.isoformat(timespec="seconds")
    else:
        changes.update(late=False, left_at=None)
    return changes


def leaving(old: Attendance | None, at: datetime) -> dict[str, Any]:
    """Left early now, or, if they were marked as having left, back again."""
    if old is None or not old.present:
        raise ValidationError("Only someone marked present can leave early.", field="left_at")
    return {"left_at": None if old.left_at else at.isoformat(timespec="seconds")}
