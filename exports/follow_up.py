"""What happened to what people said: the data behind "You said, We did".

One ``Promise`` per action, carrying the idea or decision that led to it, who
is doing it, and what happened: done (with what was done), not able (with the
reason) or still open (with its due date, and whether that date has passed).
Pure data, no python-docx, so a follow-up screen can list the same things.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coprod_tui.consent import redactor
from coprod_tui.model import SessionData

#: The order a report tells them in: results first, then what is still to come.
STATUS_ORDER = ("done", "not_able", "open")


@dataclass(frozen=True, slots=True)
class Promise:
    session_title: str
    session_date: str
    #: "idea", "decision" or "" when the action was agreed on its own.
    said_kind: str
    said: str
    action: str
    owner: str
    due: str
    #: open | done | not_able
    status: str
    outcome: str
    reason: str
    told_back: str | None
    overdue: bool


def promises(data: SessionData, as_of: date | None = None) -> list[Promise]:
    """Every action of the session, in the order it was agreed."""
    as_of = as_of or date.today()
    shared = redactor(data)  # free text names only those who agreed (consent.py)
    ideas = {i.id: i.text.strip() for i in data.ideas}
    decisions = {d.id: d.text.strip() for d in data.decisions}
    names = data.public_names()
    found = []
    for action in data.actions:
        said = ""
        if action.source_kind == "idea":
            said = ideas.get(action.source_id or "", "")
        elif action.source_kind == "decision":
            said = decisions.get(action.source_id or "", "")
        owner = data.owner_label(action, names)
        found.append(Promise(
            session_title=shared(data.session.title), session_date=data.session.date,
            said_kind=action.source_kind if said else "", said=shared(said),
            action=shared(action.text.strip()),
            owner=owner if action.owner_person_id else shared(owner),
            due=action.due, status=action.status, outcome=shared(action.outcome.strip()),
            reason=shared(action.reason.strip()), told_back=action.communicated_back_at,
            overdue=(action.status == "open" and bool(action.due)
                     and _before(action.due, as_of))))
    return found


def _before(day: str, as_of: date) -> bool:
    try:
        return date.fromisoformat(day) < as_of
    except ValueError:
        return False


def by_status(items: list[Promise]) -> dict[str, list[Promise]]:
    """The promises split into done / not able / open, each in its own order."""
    groups: dict[str, list[Promise]] = {status: [] for status in STATUS_ORDER}
    for item in items:
        groups.setdefault(item.status, []).append(item)
    return groups
