"""Following up "You said, We did": a group's actions across all its sessions.

Reading: ``group_actions`` lists every action of a group with the session it
came from and what was said ("You said"); ``open_actions_for_new_session`` is
what a group reviews at the start of its next meeting; ``untold_outcomes`` is
what has been done (or could not be) but not yet told back to the group.

Changing them is ``FollowUpService``'s business (``service/follow_up.py``).

Only session files that hold actions are loaded (the index says which), and
each is let go afterwards unless the app already had it open.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from . import framework as fw
from .clock import is_date
from .errors import DamagedFile, NotFound, ValidationError
from .model import Action, SessionData
from .store.index import SessionSummary

#: The order actions are shown in: what still needs doing first.
_STATUS_ORDER = {"open": 0, "done": 1, "not_able": 1}


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One action, with the session it was agreed at and what led to it."""

    session_id: str
    session_title: str
    session_date: str
    action: Action
    #: "idea", "decision" or "" (raised on its own).
    source_kind: str
    #: The words of the idea or decision it came from: the "You said".
    source_text: str
    #: Who will do it, as it may be shown to the group (a name only with consent).
    owner: str

    @property
    def id(self) -> str:
        return self.action.id

    @property
    def text(self) -> str:
        return self.action.text

    @property
    def due(self) -> str:
        return self.action.due

    @property
    def status(self) -> str:
        return self.action.status

    @property
    def status_label(self) -> str:
        return fw.labels(fw.ACTION_STATUS)[self.action.status]

    @property
    def result(self) -> str:
        """What was done ("We did"), or why it could not be; "" while open."""
        if self.action.status == "done":
            return self.action.outcome
        if self.action.status == "not_able":
            return self.action.reason
        return ""

    @property
    def told_back_at(self) -> str | None:
        return self.action.communicated_back_at

    def is_overdue(self, on: str | None = None) -> bool:
        """Still open after its due date (``on`` defaults to today)."""
        on = on or date.today().isoformat()
        return self.action.status == "open" and bool(self.action.due) and self.action.due < on


# -- reading ---------------------------------------------------------------------------


def group_actions(store, group_id: str, status: str | None = None) -> list[ActionRow]:
    """Every action of a group (or only those with ``status``), open first, then by due date.

    Raises NotFound for an unknown group. A session file that turns out to be
    damaged is set aside by the store (see ``store.problems``) and skipped.
    """
    store.groups.group(group_id)  # NotFound with a plain message
    if status is not None:
        _check_status(status)
    wanted = (lambda s: s.actions_open > 0) if status == "open" else (lambda s: s.actions > 0)
    rows = [row for summary in store.summaries(group_id) if wanted(summary)
            for row in _rows_of(store, summary)
            if status is None or row.status == status]
    return sorted(rows, key=_order)


def open_actions_for_new_session(store, group_id: str, before_date: str) -> list[ActionRow]:
    """The open actions from the group's sessions held before ``before_date`` (YYYY-MM-DD).

    This is "last time's You said, We did" for the start of a new session: the
    group hears what is still being worked on.
    """
    if not is_date(before_date):
        raise ValidationError("The date must be a date like 2026-03-14.")
    store.groups.group(group_id)
    rows = [row for summary in store.summaries(group_id)
            if summary.date < before_date and summary.actions_open > 0
            for row in _rows_of(store, summary) if row.status == "open"]
    return sorted(rows, key=_order)


def untold_outcomes(store, group_id: str) -> list[ActionRow]:
    """Actions done or not able to be done, whose outcome the group has not been told yet."""
    rows = [row for row in group_actions(store, group_id)
            if row.status != "open" and row.told_back_at is None]
    return sorted(rows, key=_order)


def _rows_of(store, summary: SessionSummary) -> Iterator[ActionRow]:
    try:
        with store.visiting(summary.id):
            data = store.snapshot(summary.id)
    except (DamagedFile, NotFound):
        # A damaged file was set aside and reported in store.problems; a file
        # gone since the list was read has nothing to show.
        return
    yield from action_rows(data)


def action_rows(data: SessionData) -> list[ActionRow]:
    """The actions of one loaded session as rows (for exports and the session view)."""
    names = data.public_names()
    sources = {("idea", i.id): i.text for i in data.ideas}
    sources.update({("decision", d.id): d.text for d in data.decisions})
    s = data.session
    return [ActionRow(session_id=s.id, session_title=s.title, session_date=s.date, action=a,
                      source_kind=a.source_kind,
                      source_text=sources.get((a.source_kind, a.source_id or ""), ""),
                      owner=data.owner_label(a, names))
            for a in data.actions]


def _order(row: ActionRow) -> tuple:
    # Open first; then soonest due (no due date last); then oldest session.
    return (_STATUS_ORDER[row.status], row.due == "", row.due, row.session_date,
            row.action.created_at)


def _check_status(status: str) -> None:
    if status not in _STATUS_ORDER:
        raise ValidationError("The status must be open, done or not_able.")
