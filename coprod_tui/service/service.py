"""The one way into the data folder for screens and the command line.

``Service(store)`` holds the open store. Its parts each hold one kind of verb:
``session(id)`` a session's (``SessionService``), ``groups`` the groups and
people's (``GroupService``), ``follow_up`` the actions across a group's sessions
(``FollowUpService``), ``room`` what the room view may see (``RoomService``); here are the rest: making a session, reading the session
list, search and history, importing, forgetting a person, and the demo. Every
one keeps the error contract of ``contract.py``.
"""

from __future__ import annotations

import os
import threading
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from ..ids import session_path
from ..model import Group, Session, SessionData
from ..store import Store
from ..store.groups import find_group
from ..store.summary import SessionSummary
from .contract import verb
from .follow_up import FollowUpService
from .groups import GroupService
from .session import SessionService

if TYPE_CHECKING:
    from ..interchange import Bundle
    from ..report import GroupHistory
    from .forget import ForgetReport
    from .room import RoomService
    from ..review import Found, SessionFilter
    from ..store.store import Match


class Service:
    """Every verb and read of one open data folder."""

    def __init__(self, store: Store) -> None:
        self._store = store
        #: One lock for the store: a worker thread and the screen take turns.
        self._lock = threading.RLock()
        self.groups = GroupService(store, self._lock)
        self.follow_up = FollowUpService(store, self._lock)

    # -- the folder ------------------------------------------------------------------------

    @property
    def root(self) -> Path:
        return self._store.root

    @property
    def problems(self) -> list[str]:
        """Plain messages about files set aside or repaired since the folder opened."""
        return self._store.problems

    @property
    def unclean_shutdown(self) -> bool:
        """True when coprod did not close properly last time."""
        return self._store.unclean_shutdown

    # -- sessions --------------------------------------------------------------------------

    def session(self, session_id: str) -> SessionService:
        """The verbs of one session (nothing is read until one is used)."""
        return SessionService(self._store, self._lock, session_id)

    @verb
    def create_session(self, group_id: str, title: str, *, carry_over: bool = False,
                       **fields: Any) -> SessionService:
        """Plan a new session; what it may and may not change starts as the group's. With
        ``carry_over`` (a new session made on Home), its date, time, venue, facilitator,
        ways of working and agenda start as the group's last session left them
        (``next_session``); ``fields`` given win."""
        group = self._store.groups.group(group_id)
        for name in ("purpose", "can_change", "cannot_change", "stage"):
            fields.setdefault(name, getattr(group, name))
        for name, value in (self.next_session(group_id) if carry_over else {}).items():
            fields.setdefault(name, value)
        session = Session(group_id=group.id, title=title, **fields)
        self._store.add_session(session)
        return self.session(session.id)

    @verb
    def next_session(self, group_id: str) -> dict[str, Any]:
        """What a new session of the group starts with, from its last session: the next
        meeting's date and place agreed there, its facilitator, ways of working and the
        shape of its agenda (``rules/planning.py``)."""
        from ..rules import planning

        last = planning.latest([self._session_of(s.id)
                                for s in self._store.summaries(group_id)[:5]])
        return planning.carried_over(last)

    def _session_of(self, session_id: str) -> Session:
        with self._store.visiting(session_id) as file:
            return file.session

    @verb
    def delete_refusal(self, session_id: str) -> str | None:
        """Why this session cannot be deleted, or None (asked before asking to confirm)."""
        try:
            self._check_deletable(session_id)
        except ValidationError as exc:
            return str(exc)
        return None

    @verb
    def delete_session(self, session_id: str) -> None:
        """Delete a session made by mistake: one planned (it never took place), or one
        with nothing recorded in it. Anything else is the record of a meeting, and is
        refused (``lifecycle.deletable``)."""
        self._check_deletable(session_id)
        self._store.delete_session(session_id)

    def _check_deletable(self, session_id: str) -> None:
        from ..rules import lifecycle
        from ..store.session_file import TABLES

        with self._store.visiting(session_id) as file:
            lifecycle.deletable(file.session, {name: file.rows(name) for name in TABLES})

    @verb
    def move_session(self, session_id: str, group_id: str) -> Session:
        """Move a session made in the wrong group to ``group_id`` (see
        ``SessionService.move_to_group``); a session not open is let go again."""
        with self._store.visiting(session_id):
            return self.session(session_id).move_to_group(group_id)

    @verb
    def summaries(self, group_id: str | None = None) -> list[SessionSummary]:
        """The sessions (of one group, or all), latest first."""
        return self._store.summaries(group_id)

    @verb
    def latest(self, group_id: str | None = None, *, after: SessionSummary | None = None,
               limit: int = 50, status: str | None = None) -> list[SessionSummary]:
        """One page of sessions, latest first: those older than ``after``, if given
        (Home shows a page at a time; each costs the same however long the history)."""
        return self._store.latest(group_id, after=after, limit=limit, status=status)

    @verb
    def snapshot(self, session_id: str) -> SessionData:
        """A whole session at once, with its group and the people it names."""
        return self._store.snapshot(session_id)

    @verb
    def resolve(self, needle: str) -> str:
        """A session id from an id or a unique start of one."""
        return self._store.resolve(needle)

    @cached_property
    def room(self) -> RoomService:
        """The room view's hand-over (made when first used: only the app uses it; the
        report model it builds from is not needed at start-up)."""
        from .room import RoomService

        return RoomService(self._store, self._lock)

    def close(self) -> None:
        """Let the data folder go (after any worker's read has finished: the lock); a
        room view following the app is told it has gone."""
        with self._lock:
            self.room_goodbye()
            self._store.close()

    def room_goodbye(self) -> None:
        """Tell a room view following this app that the app has gone (if it followed)."""
        if "room" in self.__dict__:
            self.room.goodbye()

    @verb
    def release_all(self) -> None:
        """Let every open session go (back at Home: everything is saved)."""
        for file in self._store.open_sessions():
            self._store.release(file)

    # -- finding, history and reports ------------------------------------------------------

    @verb
    def find(self, flt: SessionFilter, limit: int | None = None
             ) -> tuple[list[SessionSummary], list[Match]]:
        """Every session a filter allows, and the records holding its words, best first
        (``limit``: at most that many records)."""
        from ..review import filter_sessions, find_records

        return filter_sessions(self._store, flt), find_records(self._store, flt, limit)

    @verb
    def look_up(self, flt: SessionFilter, page: int | None = None) -> Found:
        """A page of each (the sessions, the records), with how many there are in all:
        what Past sessions shows, quick however long the history."""
        from ..review import PAGE, look_up

        return look_up(self._store, flt, page=page or PAGE)

    @verb
    def group_history(self, group_id: str) -> GroupHistory:
        from ..report import group_history

        return group_history(self._store, group_id)

    @verb
    def group_sessions(self, group_ref: str) -> tuple[Group, list[SessionData]]:
        """A group (by id, name or unique part of its name) and all its sessions, loaded
        (for a report on the whole group); each file is let go again afterwards."""
        group = find_group(self._store.groups, group_ref)
        sessions = []
        for summary in self._store.summaries(group.id):
            with self._store.visiting(summary.id):
                sessions.append(self._store.snapshot(summary.id))
        return group, sessions

    # -- import, forget, demo --------------------------------------------------------------

    @verb
    def import_session(self, bundle: Bundle) -> str:
        """Add a checked bundle (``interchange.read_bundle``): its group and people join
        (kept if here already), then the session with every record, exactly."""
        session = bundle.session
        if os.path.lexists(session_path(self._store.sessions_dir, session.id)):
            # The date, not the title: error messages carry no one's words or name.
            raise ValidationError(f"The session in that file (held on {session.date}) is "
                                  "already in this data folder, so nothing was imported.")
        self.groups.adopt(bundle.group, bundle.people)
        self._store.add_session(session, bundle.tables)
        return session.id

    @verb
    def forget(self, needle: str, *, dry_run: bool = False) -> ForgetReport:
        """Erase a person (by name or id) from the whole data folder, and nothing else.

        With ``dry_run`` nothing changes; open the store read-only for that, so not
        even a damaged file is set aside."""
        from .forget import forget  # the name rule and erasure: not needed at start-up

        return forget(self._store, needle, dry_run=dry_run)
