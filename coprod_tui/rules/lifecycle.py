"""A session's states and what each allows; the rules that keep the record true.

planned → live (started, an explicit act: ``started``) → closed (``closed``).

* **planned**: the plan, the people expected (apologies can come in early), the
  code of conduct and last time's follow-up may change; nothing is *recorded* yet
  (no idea, decision, action, hand up, turn, comment card): ``check_recording``.
* **live**: everything may be recorded and changed.
* **closed**: the record of what happened. Nothing new is added (``check_recording``,
  ``check_not_closed``); a change to the details, attendance, ideas, decisions or
  actions is kept as a dated ``Correction`` holding the old and the new value
  (``corrections``); a record entered in error is withdrawn, never deleted
  (``withdrawn``). Following up an action or an idea after the meeting is not a
  change to the record, so it leaves no correction.

``meeting_moment`` is when "now" is for a session: the real clock on the day it
is held, otherwise a time on the meeting's own date (a session typed up the day
after still says it happened on its day).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

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
#: Following up an action or an idea after the meeting is not a correction either;
#: nor is withdrawing a record (the record itself keeps when and why).
FOLLOW_UP_FIELDS = frozenset({"status", "outcome", "reason", "communicated_back_at",
                              "updated_at", "followed_up_session_id", "not_taken_up",
                              "withdrawn_at", "withdrawn_reason"})
#: A plain-words version is written for the easy read, often after the meeting: it
#: adds to the record without changing what was said, so it is not a correction.
ADDED_FOR_EASY_READ = frozenset({"plain"})
_SKIPPED = {"session": LIVE_FIELDS, "actions": FOLLOW_UP_FIELDS | ADDED_FOR_EASY_READ,
            "ideas": FOLLOW_UP_FIELDS | ADDED_FOR_EASY_READ,
            "decisions": FOLLOW_UP_FIELDS | ADDED_FOR_EASY_READ}


# -- what each state allows ------------------------------------------------------------------

def check_recording(session: Session, what: str) -> None:
    """Refuse a new record (``what``: "an idea", "a hand up" ...) unless the session runs."""
    if session.status == CLOSED:
        raise ValidationError(
            f"This session is closed, so {what} cannot be added to it. A record entered "
            "by mistake can be withdrawn, and a wrong one corrected, from the session's "
            "read-only page.", field="status")
    if session.status == PLANNED:
        raise ValidationError(f"This session has not started yet, so {what} cannot be "
                              "recorded: start the session first.", field="status")


def check_not_closed(session: Session, what: str) -> None:
    """Refuse a change (``what``: "the agenda", "a checklist") to a closed session."""
    if session.status == CLOSED:
        raise ValidationError(f"This session is closed, so {what} can no longer be "
                              "changed: it is part of the record of the meeting.",
                              field="status")


def started(session: Session, *, on: str | None = None) -> Session:
    """The session running (a running one is given back as it is: Run may be opened
    again). ``on``: a new date for it (a session planned for another day, held today)."""
    if session.status == LIVE:
        return session
    if session.status == CLOSED:
        raise ValidationError("This session is closed; it cannot be started again.",
                              field="status")
    changes: dict[str, Any] = {"status": LIVE, "started_at": session.started_at or now()}
    if on is not None:
        changes["date"] = on
    return session.replace(**changes)


def closed(session: Session, next_meeting: NextMeeting | None = None,
           at: datetime | None = None) -> Session:
    """The session closed now: the agenda clock stopped, no hands left up."""
    if session.status == CLOSED:
        raise ValidationError("This session is already closed.", field="status")
    if session.status == PLANNED:
        raise ValidationError("This session has not started, so there is nothing to close: "
                              "start it first, or delete it if it will not take place.",
                              field="status")
    at = at or datetime.now().astimezone()
    return session.replace(agenda=agenda.gone_to(session.agenda, None, at),
                           current_item_id=None, status=CLOSED, closed_at=now(), hands=[],
                           next_meeting=next_meeting or session.next_meeting)


def withdrawn(record: Record, reason: str, at: str | None = None) -> dict[str, Any]:
    """The changes that withdraw a record entered in error (kept, with when and why)."""
    if getattr(record, "withdrawn_at", None) is not None:
        raise ValidationError(f"This {record.noun} is already withdrawn.",
                              field="withdrawn_reason")
    if not reason.strip():
        raise ValidationError("Say why it is withdrawn (for example: typed into the wrong "
                              "session): the record keeps the reason.",
                              field="withdrawn_reason")
    return {"withdrawn_at": at or now(), "withdrawn_reason": reason}


def deletable(session: Session, tables: dict[str, list[Any]]) -> None:
    """Refuse to delete a session that holds a record of a meeting.

    A planned session may go (it never took place); so may one started or closed by
    mistake with nothing recorded in it. Anything else is the record of a meeting:
    it can be moved to another group, or its records withdrawn, but not deleted.
    """
    if session.status == PLANNED:
        return
    held = [name for name, rows in tables.items()
            if name != "attendance" and rows
            or name == "attendance" and any(a.status != "expected" for a in rows)]
    if held:
        raise ValidationError("This session holds a record of a meeting (who came, or what "
                              "was said), so it cannot be deleted. Move it to the right "
                              "group, or withdraw records entered by mistake.",
                              field="status")


def meeting_moment(session: Session, clock: datetime, *, end: bool = False) -> datetime:
    """When "now" is for this session: the clock on the day it is held; otherwise its
    start (``end``: its end) on its own date, or midday when no time is planned."""
    if date.fromisoformat(session.date) == clock.date():
        return clock
    times = (session.end, session.start) if end else (session.start, session.end)
    hhmm = next((t for t in times if t), "12:00")
    return datetime.fromisoformat(f"{session.date}T{hhmm}:00").astimezone()


def corrections(table: str, record_id: str, old: Record, new: Record, session: Session,
                note: str = "") -> list[Correction]:
    """The dated corrections a change from ``old`` to ``new`` leaves (none while the
    session is open, and none for running state or follow-up)."""
    if table not in CORRECTED or session.status != CLOSED:
        return []
    skip = _SKIPPED.get(table, frozenset())
    before, after = old.to_dict(), new.to_dict()
    return [Correction(record_kind=table, record_id=record_id, field_name=name,
                       old=before.get(name), new=after[name], note=note)
            for name in after if name not in skip and before.get(name) != after[name]]


def new_record_correction(table: str, record_id: str, field_name: str, old: Any, new: Any,
                          session: Session) -> list[Correction]:
    """The correction a record added to a closed session leaves (someone marked present
    after the meeting closed): the record is new, so its "old" value is the default."""
    if table not in CORRECTED or session.status != CLOSED:
        return []
    return [Correction(record_kind=table, record_id=record_id, field_name=field_name,
                       old=old, new=new)]
