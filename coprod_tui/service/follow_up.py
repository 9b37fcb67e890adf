"""Following up "You said, We did" across a group's sessions.

The verbs change one action in its own session file (``SessionService`` does the
change, so a closed session's rules hold), then bring the session list's count of
open actions up to date. A session file the app did not have open is let go again.
"""

from __future__ import annotations

import threading
from datetime import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..model import Action
from ..rules import actions as action_rules
from ..store import Store
from .contract import verb
from .session import SessionService

if TYPE_CHECKING:
    from ..report import ActionRow


class FollowUpService:
    """Actions across a group's sessions (``Service.follow_up``)."""

    def __init__(self, store: Store, lock: threading.RLock) -> None:
        self._store = store
        self._lock = lock

    # -- reading ---------------------------------------------------------------------------

    @verb
    def group_actions(self, group_id: str, status: str | None = None) -> list[ActionRow]:
        """Every action of a group (or those with ``status``): open first, then by due date."""
        from .. import follow_up as listing  # the report model: not needed at start-up

        return listing.group_actions(self._store, group_id, status)

    @verb
    def open_before(self, group_id: str, before_date: str) -> list[ActionRow]:
        """The open actions of the group's sessions held before ``before_date``."""
        from .. import follow_up as listing

        return listing.open_actions_for_new_session(self._store, group_id, before_date)

    @verb
    def reported_at(self, session_id: str) -> list[ActionRow]:
        """The actions of the group's other sessions whose outcome was reported or told
        back at this meeting ("Last time's actions" in its minutes), oldest first."""
        from .. import follow_up as listing

        return listing.reported_at(self._store, session_id)

    @verb
    def untold(self, group_id: str) -> list[ActionRow]:
        """Actions done or not able to be done whose outcome the group has not heard."""
        from .. import follow_up as listing

        return listing.untold_outcomes(self._store, group_id)

    # -- changing --------------------------------------------------------------------------

    @verb
    def mark_done(self, session_id: str, action_id: str, outcome: str, *,
                  meeting: str | None = None) -> Action:
        """What was done (the "We did"); refused without ``outcome``. ``meeting``: the
        later session at which it was reported (its minutes list it)."""
        return self._change(session_id, lambda s: s.set_action_status(
            action_id, "done", outcome=outcome, meeting=meeting))

    @verb
    def mark_not_able(self, session_id: str, action_id: str, reason: str, *,
                      meeting: str | None = None) -> Action:
        """It could not be done, and why; refused without ``reason``."""
        return self._change(session_id, lambda s: s.set_action_status(
            action_id, "not_able", reason=reason, meeting=meeting))

    @verb
    def reopen(self, session_id: str, action_id: str) -> Action:
        """Undo a mistaken done / not able: open again, nothing told back."""
        return self._change(session_id, lambda s: s.set_action_status(action_id, "open"))

    @verb
    def mark_told_back(self, session_id: str, action_id: str, at: str | None = None, *,
                       on: str | None = None, meeting: str | None = None) -> Action:
        """When the outcome was told back to the group (now, at ``at``, or on the day
        ``on``), and at which meeting (``meeting``: a session id), if at one; refused
        while the action is open."""
        if on is not None:
            at = action_rules.told_on(on.strip(), datetime.now().astimezone())
        return self._change(session_id, lambda s: s.mark_told_back(action_id, at,
                                                                    meeting=meeting))

    def _change(self, session_id: str, change: Callable[[SessionService], Action]) -> Action:
        with self._store.visiting(session_id) as file:
            action = change(SessionService(self._store, self._lock, session_id))
            # The session list shows how many actions are open: keep it true now.
            self._store.refresh(file)
        return action
