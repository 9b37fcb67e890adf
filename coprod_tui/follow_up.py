"""Following up "You said, We did": a group's actions across all its sessions.

Reading: ``group_actions`` lists every action of a group with the session it
came from and what was said ("You said"); ``open_actions_for_new_session`` is
what a group reviews at the start of its next meeting; ``untold_outcomes`` is
what has been done (or could not be) but not yet told back to the group.

Changing: ``mark_done``, ``mark_not_able``, ``reopen`` and ``mark_told_back``
each save to the action's own session file, then bring the session list's
open-action count up to date.

Only session files that hold actions are loaded (the index says which), and
each is let go afterwards unless the app already had it open.
"""

from __future__ import annotations

from collections.abc import Iterator

from .clock import is_date, parse_instant
from .errors import DamagedFile, NotFound, ValidationError
from .model import Action
from .report.actions import ActionRow, action_rows, list_order
from .store.index import SessionSummary

_STATUSES = ("open", "done", "not_able")


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
    return sorted(rows, key=list_order)


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
    return sorted(rows, key=list_order)


def untold_outcomes(store, group_id: str) -> list[ActionRow]:
    """Actions done or not able to be done, whose outcome the group has not been told yet."""
    rows = [row for row in group_actions(store, group_id)
            if row.status != "open" and row.told_back_at is None]
    return sorted(rows, key=list_order)


def _rows_of(store, summary: SessionSummary) -> Iterator[ActionRow]:
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


# -- changing --------------------------------------------------------------------------


def mark_done(store, session_id: str, action_id: str, outcome: str) -> Action:
    """Record what was done (the "We did"). Refused (ValidationError) without ``outcome``."""
    return _change(store, session_id,
                   lambda file: file.set_action_status(action_id, "done", outcome=outcome))


def mark_not_able(store, session_id: str, action_id: str, reason: str) -> Action:
    """Record that it could not be done, and why. Refused without ``reason``."""
    return _change(store, session_id,
                   lambda file: file.set_action_status(action_id, "not_able", reason=reason))


def reopen(store, session_id: str, action_id: str) -> Action:
    """Undo a mistaken done / not able: the action is open again, nothing told back."""
    return _change(store, session_id,
                   lambda file: file.edit_action(action_id, status="open", outcome="",
                                                 reason="", communicated_back_at=None))


def mark_told_back(store, session_id: str, action_id: str, at: str | None = None) -> Action:
    """Record when the outcome was told back to the group (now, or at ``at``).

    Refused while the action is open: there is no outcome to tell yet.
    """
    def tell(file) -> Action:
        action = next((a for a in file.actions() if a.id == action_id), None)
        if action is None:
            raise NotFound("That action could not be found.")
        if action.status == "open":
            raise ValidationError("There is no outcome to tell back yet: mark the action "
                                  "done or not able first.")
        if at is None:
            return file.mark_told_back(action_id)
        try:
            parse_instant(at)
        except (TypeError, ValueError):
            raise ValidationError("When it was told back must be a date and time "
                                  "with its offset.") from None
        return file.edit_action(action_id, communicated_back_at=at)

    return _change(store, session_id, tell)


def _change(store, session_id: str, change) -> Action:
    with store.visiting(session_id) as file:
        action = change(file)
        # The session list shows how many actions are open: keep it true now.
        store.refresh(file)
    return action
