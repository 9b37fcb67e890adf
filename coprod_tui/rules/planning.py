"""Planning the next session from the group's last one.

A group that meets monthly meets in the same place, with the same facilitator,
working the same way and to much the same agenda, on the date it agreed at the
end of the last meeting. ``carried_over`` is what a new session takes from the
last one: a facilitator then changes only what is different.
"""

from __future__ import annotations

from typing import Any

from ..clock import today
from ..model import AgendaItem, Session


def latest(sessions: list[Session]) -> Session | None:
    """The group's last meeting: the latest one held (running or closed), else the
    latest planned one."""
    held = [s for s in sessions if s.status != "planned"]
    pool = held or sessions
    return max(pool, key=lambda s: (s.date, s.start, s.created_at), default=None)


def carried_over(last: Session | None, *, on: str | None = None) -> dict[str, Any]:
    """The fields a new session starts with, from the group's last session.

    The date is the next meeting agreed at the last one (when that is not already
    past), else ``on`` (today); the start time and venue are the next meeting's if
    it gave them, else the last meeting's; the end time, facilitator, format, ways of
    working and the agenda's items (titles and planned minutes, no time spent) are
    the last meeting's.
    """
    day = on or today()
    if last is None:
        return {"date": day}
    nm = last.next_meeting
    fields: dict[str, Any] = {
        "date": nm.date if nm.date and nm.date >= day else day,
        "start": nm.start or last.start,
        "end": last.end if not nm.start or nm.start == last.start else "",
        "venue": nm.venue or last.venue,
        "facilitator": last.facilitator,
        "format": last.format,
        "methods": list(last.methods),
        "agenda": [AgendaItem(title=item.title, planned_min=item.planned_min)
                   for item in last.agenda],
    }
    return fields
