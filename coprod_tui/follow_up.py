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
from typing import TYPE_CHECKING

from .clock import is_date
from .errors import DamagedFile, NotFound, ValidationError
from .report.actions import ActionRow, action_rows, list_order
from .store.summary import SessionSummary

if TYPE_CHECKING:
    from .model import Action
    from .store import Store

_STATUSES = ("open", "done", "not_able")


# -- reading ---------------------------------------------------------------------------


def group_actions(store: Store, group_id: str, status: str | None = None) -> list[ActionRow]:
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
    return sorted(rows, key=list_order)


def open_actions_for_new_session(store: Store, group_id: str, before_date: str) -> list[ActionRow]:
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
    return sorted(rows, key=list_order)


def reported_at(store: Store, session_id: str) -> list[ActionRow]:
    """The actions of the group's other sessions followed up at this meeting (reported
    done or not able, or told back, there), oldest meeting first."""
    with store.visiting(session_id) as file:
        group_id, day = file.session.group_id, file.session.date
    rows = [row for summary in store.summaries(group_id)
            if summary.id != session_id and summary.actions > 0 and summary.date < day
            for row in _rows_of(store, summary)
            if _followed_up_at(row.action, session_id, day)]
    return sorted(rows, key=lambda r: (r.session_date, r.number))


def _followed_up_at(action: Action, session_id: str, day: str) -> bool:
    """Followed up at this meeting: said so, or (recorded before meetings were noted,
    as in the demo) told back on the meeting's own day."""
    if action.followed_up_session_id is not None:
        return action.followed_up_session_id == session_id
    told = action.communicated_back_at
    return told is not None and told[:10] == day


def untold_outcomes(store: Store, group_id: str) -> list[ActionRow]:
    """Actions done or not able to be done, whose outcome the group has not been told yet."""
    rows = [row for row in group_actions(store, group_id)
            if row.status != "open" and row.told_back_at is None]
    return sorted(rows, key=list_order)


def _rows_of(store: Store, summary: SessionSummary) -> Iterator[ActionRow]:
    try:
        with store.visiting(summary.id):
            data = store.snapshot(summary.id)
    except (DamagedFile, NotFound):
        # A damaged file was set aside and reported in store.problems; a file
        # gone since the list was read has nothing to show.
        return
    yield from action_rows(data)


def _check_status(status: str) -> None:
    if status not in _STATUSES:
        raise ValidationError("The status must be open, done or not_able.")
