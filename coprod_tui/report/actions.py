"""Actions as rows: the one model behind "You said, We did", wherever it is told.

An ``ActionRow`` is one action with the session it was agreed at, what led to
it (the idea or decision: "You said"), who is doing it and what happened. The
minutes, easy read, You said We did (a session's and a group's), and the
follow-up lists on screen all read these rows, built through one ``Naming`` so
that the privacy rule is applied once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .. import clock
from .. import framework as fw
from ..model import Action, SessionData
from .naming import Naming

#: The order a report tells them in: results first, then what is still to come.
STATUS_ORDER = ("done", "not_able", "open")
#: The order a follow-up list shows them in: what still needs doing first.
_LIST_ORDER = {"open": 0, "done": 1, "not_able": 1}
_STATUS_LABEL = fw.labels(fw.ACTION_STATUS)


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One action, with the session it was agreed at and what led to it."""

    session_id: str
    session_title: str
    session_date: str
    #: In the order agreed at its session, from 1 (the minutes' "action 2").
    number: int
    text: str
    #: Who will do it: a label, or who was typed.
    owner: str
    due: str
    #: open | done | not_able
    status: str
    #: What was done ("We did"), when done.
    outcome: str
    #: Why it could not be done, when not able.
    reason: str
    #: "idea" or "decision" it came from, or "" (agreed on its own, or its source is gone).
    source_kind: str
    #: The idea's or decision's number in the minutes, when there is one.
    source_number: int | None
    #: The words of the idea or decision it came from: the "You said".
    source_text: str
    told_back_at: str | None
    #: The stored record, for changing it; never shown (its text is as typed).
    action: Action
    #: The job in plain words ("" when none was written), for the easy read.
    plain: str = ""

    @property
    def id(self) -> str:
        return self.action.id

    @property
    def status_label(self) -> str:
        return _STATUS_LABEL.get(self.status, self.status)

    @property
    def result(self) -> str:
        """What was done, or why it could not be; "" while open."""
        return {"done": self.outcome, "not_able": self.reason}.get(self.status, "")

    def is_overdue(self, on: str | date | None = None) -> bool:
        """Still open after its due date (``on`` defaults to today)."""
        day = on.isoformat() if isinstance(on, date) else (on or clock.today())
        return self.status == "open" and bool(self.due) and self.due < day


def action_rows(data: SessionData, naming: Naming | None = None, *,
                idea_numbers: dict[str, int] | None = None,
                decision_numbers: dict[str, int] | None = None) -> list[ActionRow]:
    """The actions of one loaded session as rows, in the order they were agreed
    (withdrawn ones left out).

    ``naming`` defaults to the shared one. The numbers of ideas and decisions are
    those the minutes print (``session_report`` passes them); without them the
    row still names its source, unnumbered.
    """
    naming = naming or Naming(data)
    shown = naming.text
    # A withdrawn record is in no count or list, and leads nowhere.
    sources = {("idea", i.id): i.text for i in data.ideas if not i.withdrawn}
    sources.update({("decision", d.id): d.text for d in data.decisions if not d.withdrawn})
    numbers = {"idea": idea_numbers or {}, "decision": decision_numbers or {}}
    s = data.session
    title = shown(s.title)
    rows = []
    for n, a in enumerate((a for a in data.actions if not a.withdrawn), start=1):
        source = sources.get((a.source_kind, a.source_id or ""))
        kind = a.source_kind if source is not None else ""
        rows.append(ActionRow(
            session_id=s.id, session_title=title, session_date=s.date, number=n,
            text=shown(a.text.strip()), owner=naming.owner(a), due=a.due, status=a.status,
            outcome=shown(a.outcome.strip()), reason=shown(a.reason.strip()),
            source_kind=kind,
            source_number=numbers[kind].get(a.source_id or "") if kind else None,
            source_text=shown(source.strip()) if source is not None else "",
            told_back_at=a.communicated_back_at, action=a, plain=shown(a.plain.strip())))
    return rows


def by_status(rows: Iterable[ActionRow]) -> dict[str, list[ActionRow]]:
    """The rows split into done / not able / open, each in its own order."""
    groups: dict[str, list[ActionRow]] = {status: [] for status in STATUS_ORDER}
    for row in rows:
        groups.setdefault(row.status, []).append(row)
    return groups


def list_order(row: ActionRow) -> tuple:
    """Open first; then soonest due (no due date last); then oldest session."""
    return (_LIST_ORDER.get(row.status, 1), row.due == "", row.due, row.session_date,
            row.action.created_at)
