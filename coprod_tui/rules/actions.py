"""Following an action up after the meeting: done, not able, reopened, told back."""

from __future__ import annotations

from typing import Any

from ..clock import now, parse_instant
from ..errors import ValidationError
from ..model import Action

#: The statuses an action can be given, in the order lists show them.
STATUSES = ("open", "done", "not_able")


def status_changes(status: str, *, outcome: str = "", reason: str = "") -> dict[str, Any]:
    """Done (with what was done), not able (with why) or open again.

    The action's own checks refuse done without an outcome and not able without a
    reason. Opening it again clears both and what was told back.
    """
    if status not in STATUSES:
        raise ValidationError("The status must be open, done or not_able.", field="status")
    if status == "open":
        return {"status": "open", "outcome": "", "reason": "", "communicated_back_at": None}
    return {"status": status, "outcome": outcome, "reason": reason}


def told_back(action: Action, at: str | None = None) -> dict[str, Any]:
    """When the outcome was told back to the group (now, or at ``at``).

    Refused while the action is open: there is no outcome to tell yet.
    """
    if action.status == "open":
        raise ValidationError("There is no outcome to tell back yet: mark the action done "
                              "or not able first.", field="communicated_back_at")
    if at is None:
        return {"communicated_back_at": now()}
    try:
        parse_instant(at)
    except (TypeError, ValueError):
        raise ValidationError("When it was told back must be a date and time with its "
                              "offset.", field="communicated_back_at") from None
    return {"communicated_back_at": at}
