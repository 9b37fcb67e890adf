"""Following an action up after the meeting: done, not able, reopened, told back."""

from __future__ import annotations

from typing import Any

from datetime import datetime

from ..clock import is_date, now, parse_instant
from ..errors import ValidationError
from ..model import Action

#: The statuses an action can be given, in the order lists show them.
STATUSES = ("open", "done", "not_able")


def status_changes(status: str, *, outcome: str = "", reason: str = "",
                   meeting: str | None = None) -> dict[str, Any]:
    """Done (with what was done), not able (with why) or open again.

    The action's own checks refuse done without an outcome and not able without a
    reason. Opening it again clears both, what was told back and where. ``meeting``:
    the later session at which this was reported (its minutes then list it).
    """
    if status not in STATUSES:
        raise ValidationError("The status must be open, done or not_able.", field="status")
    if status == "open":
        return {"status": "open", "outcome": "", "reason": "", "communicated_back_at": None,
                "followed_up_session_id": None}
    changes: dict[str, Any] = {"status": status, "outcome": outcome, "reason": reason}
    if meeting is not None:
        changes["followed_up_session_id"] = meeting
    return changes


def told_on(day: str, clock: datetime) -> str:
    """The stored time for "told back on ``day``": now on the day itself, else midday
    of that day (only the day is ever shown)."""
    if not is_date(day):
        raise ValidationError("The day it was told back must be a date like 2026-03-14.",
                              field="communicated_back_at")
    if day == clock.date().isoformat():
        return clock.isoformat(timespec="seconds")
    return datetime.fromisoformat(f"{day}T12:00:00").astimezone().isoformat(timespec="seconds")


def told_back(action: Action, at: str | None = None, *,
              meeting: str | None = None) -> dict[str, Any]:
    """When the outcome was told back to the group (now, or at ``at``), and at which
    meeting (``meeting``, a session id), if it was at one.

    Refused while the action is open: there is no outcome to tell yet.
    """
    if action.status == "open":
        raise ValidationError("There is no outcome to tell back yet: mark the action done "
                              "or not able first.", field="communicated_back_at")
    changes: dict[str, Any] = {} if meeting is None else {"followed_up_session_id": meeting}
    if at is None:
        return {**changes, "communicated_back_at": now()}
    try:
        parse_instant(at)
    except (TypeError, ValueError):
        raise ValidationError("When it was told back must be a date and time with its "
                              "offset.", field="communicated_back_at") from None
    return {**changes, "communicated_back_at": at}
