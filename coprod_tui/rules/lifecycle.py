"""A session's states and what each allows; the rule that keeps corrections.

planned → live (Run opened: ``started``) → closed (``closed``). A planned or
live session is changed freely. A closed session is the record of what happened:
a change to its details, attendance, ideas, decisions or actions is kept as a
dated ``Correction`` holding the old and the new value (``corrections``), and
there is no verb that deletes one of those records.
"""

from __future__ import annotations

from datetime import datetime

from ..clock import now
from ..errors import ValidationError
from ..model import Correction, NextMeeting, Record, Session
from . import agenda

PLANNED, LIVE, CLOSED = "planned", "live", "closed"

#: Changes to these after a session closed are kept as dated corrections.
CORRECTED = frozenset({"session", "attendance", "ideas", "decisions", "actions"})
#: The session's running state: changing it is not a correction of the record.
LIVE_FIELDS = frozenset({"hands", "current_item_id", "agenda", "checklists", "status",
                         "started_at", "closed_at", "next_meeting", "room_hidden_ids"})
#: Following up an action after the meeting is not a correction either.
FOLLOW_UP_FIELDS = frozenset({"status", "outcome", "reason", "communicated_back_at",
                              "updated_at"})
#: A plain-words version is written for the easy read, often after the meeting: it
#: adds to the record without changing what was said, so it is not a correction.
ADDED_FOR_EASY_READ = frozenset({"plain"})


def started(session: Session) -> Session:
    """The session running (a running one keeps its start: Run may be opened again)."""
    if session.status == LIVE:
        return session
    if session.status == CLOSED:
        raise ValidationError("This session is closed; it cannot be started again.",
                              field="status")
    return session.replace(status=LIVE, started_at=session.started_at or now())


def closed(session: Session, next_meeting: NextMeeting | None = None,
           at: datetime | None = None) -> Session:
    """The session closed now: the agenda clock stopped, no hands left up."""
    if session.status == CLOSED:
        raise ValidationError("This session is already closed.", field="status")
    at = at or datetime.now().astimezone()
    return session.replace(agenda=agenda.gone_to(session.agenda, None, at),
                           current_item_id=None, status=CLOSED, closed_at=now(), hands=[],
                           next_meeting=next_meeting or session.next_meeting)


def corrections(table: str, record_id: str, old: Record, new: Record, session: Session,
                note: str = "") -> list[Correction]:
    """The dated corrections a change from ``old`` to ``new`` leaves (none while the
    session is open, and none for running state or follow-up)."""
    if table not in CORRECTED or session.status != CLOSED:
        return []
    skip = {"session": LIVE_FIELDS, "actions": FOLLOW_UP_FIELDS | ADDED_FOR_EASY_READ,
            "ideas": ADDED_FOR_EASY_READ, "decisions": ADDED_FOR_EASY_READ,
            }.get(table, frozenset())
    before, after = old.to_dict(), new.to_dict()
    return [Correction(record_kind=table, record_id=record_id, field_name=name,
                       old=before[name], new=after[name], note=note)
            for name in after if name not in skip and before.get(name) != after[name]]
