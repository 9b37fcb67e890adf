"""One session's verbs: what the steps of a session change, and what they read.

Each verb applies the session's rules (``coprod_tui.rules``), then asks the store
to save the result in one durable write; it returns once the change is on disk,
or raises one of the contract's errors (``contract.py``) with nothing changed.
In a closed session, a change to the record is kept as dated corrections. The
verbs for the people in the room are in attending.py, those for what they said
and agreed in records.py; here are the session's details, its agenda and clock,
and starting and closing it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..errors import ValidationError
from ..model import AgendaItem, NextMeeting, Session
from ..model.session import ChecklistTick
from ..rules import agenda, lifecycle
from ..store.session_file import SessionFile
from .attending import AttendingVerbs
from .contract import verb
from .records import RecordVerbs
from .session_base import local_now

#: The session's details the Plan step changes (the rest is running state, changed
#: only by its own verbs: the agenda clock, hands, start and close).
DETAILS = frozenset({"title", "date", "start", "end", "venue", "facilitator", "format",
                     "methods", "purpose", "can_change", "cannot_change", "stage"})


class SessionService(AttendingVerbs, RecordVerbs):
    """The verbs of one session (``Service.session(id)`` makes one; it costs nothing)."""

    # -- what the session's state allows ------------------------------------------------------

    @verb
    def refusal(self, what: str) -> str | None:
        """Why ``what`` ("a decision", "a hand up") cannot be recorded now (the session
        has not started, or has closed), or None: asked before a form is opened, so
        nobody types a decision only to have it refused."""
        try:
            lifecycle.check_recording(self._file().session, what)
        except ValidationError as exc:
            return str(exc)
        return None

    # -- the session's details, checklists and next meeting ----------------------------------

    @verb
    def update_details(self, **changes: Any) -> Session:
        """Change the session's details (title, date, venue, purpose ...)."""
        unknown = sorted(set(changes) - DETAILS)
        if unknown:
            raise ValidationError(f"'{unknown[0]}' is not one of the session's details.",
                                  field=unknown[0])
        file = self._file()
        return self._save_session(file, file.session.replace(**changes))

    @verb
    def set_next_meeting(self, **fields: Any) -> Session:
        """Change some details of the next meeting (date, start, venue, note)."""
        file = self._file()
        current = file.session.next_meeting.to_dict()
        current.update(fields)
        return self._save_session(file, file.session.replace(
            next_meeting=NextMeeting(**current)))

    @verb
    def tick(self, checklist: str, key: str, ticked: bool, note: str = "") -> Session:
        file = self._file()
        lifecycle.check_not_closed(file.session, "a checklist")
        lists = {name: dict(items) for name, items in file.session.checklists.items()}
        lists.setdefault(checklist, {})[key] = ChecklistTick(ticked=ticked, note=note)
        return self._save_session(file, file.session.replace(checklists=lists))

    @verb
    def move_to_group(self, group_id: str) -> Session:
        """Move a session made in the wrong group. The people who came join that group's
        roster (they were at its meeting); in a closed session the move is kept as a
        dated correction, like any change to its details."""
        book = self._store.groups
        target = book.group(group_id)
        file = self._file()
        if file.session.group_id == target.id:
            raise ValidationError(f"This session is already in {target.name}.",
                                  field="group_id")
        known = book.people()
        joining = [a.person_id for a in file.rows("attendance")
                   if a.status != "expected" and a.person_id in known
                   and a.person_id not in target.roster]
        if joining:
            book.put("groups", target.replace(roster=[*target.roster, *joining]))
        moved = self._save_session(file, file.session.replace(group_id=target.id))
        self._store.refresh(file)
        return moved

    # -- the agenda and its clock ------------------------------------------------------------

    @verb
    def add_agenda_item(self, title: str, planned_min: int = 10) -> AgendaItem:
        file = self._file()
        lifecycle.check_not_closed(file.session, "the agenda")
        items, item = agenda.added(file.session.agenda, title, planned_min)
        self._set_agenda(file, items)
        return item

    @verb
    def move_agenda_item(self, item_id: str, step: int) -> Session:
        file = self._file()
        lifecycle.check_not_closed(file.session, "the agenda")
        return self._set_agenda(file, agenda.moved(file.session.agenda, item_id, step))

    @verb
    def remove_agenda_item(self, item_id: str) -> Session:
        file = self._file()
        lifecycle.check_not_closed(file.session, "the agenda")
        return self._set_agenda(file, agenda.removed(file.session.agenda, item_id))

    @verb
    def edit_agenda_item(self, item_id: str, **changes: Any) -> AgendaItem:
        file = self._file()
        lifecycle.check_not_closed(file.session, "the agenda")
        items = agenda.edited(file.session.agenda, item_id, **changes)
        self._set_agenda(file, items)
        return next(i for i in items if i.id == item_id)

    @verb
    def go_to_item(self, item_id: str | None, at: datetime | None = None) -> Session:
        """Make an agenda item current (None: none), stopping the clock on the one before."""
        file = self._file()
        lifecycle.check_recording(file.session, "time on an agenda item")
        items = agenda.gone_to(file.session.agenda, item_id, at or local_now())
        return self._save_session(file, file.session.replace(agenda=items,
                                                             current_item_id=item_id))

    def _set_agenda(self, file: SessionFile, items: list[AgendaItem]) -> Session:
        current = agenda.current_on(items, file.session.current_item_id)
        return self._save_session(file, file.session.replace(agenda=items,
                                                             current_item_id=current))

    # -- starting and closing ----------------------------------------------------------------

    @verb
    def start(self, *, first_item: bool = False, today: bool = False) -> Session:
        """Start the session: an explicit act (Run's Start key), never a side effect of
        looking at it. With ``first_item``, the first agenda item's clock starts too, in
        the same write; with ``today``, a session planned for another day takes today's
        date. Starting a running session changes nothing."""
        file = self._file()
        session = lifecycle.started(
            file.session, on=local_now().date().isoformat() if today else None)
        if session is file.session:
            return session
        if first_item and session.agenda and session.current_item_id is None:
            first = session.agenda[0].id
            session = session.replace(agenda=agenda.gone_to(session.agenda, first,
                                                            local_now()),
                                      current_item_id=first)
        return self._save_session(file, session)

    @verb
    def close(self, next_meeting: NextMeeting | None = None) -> Session:
        """Close the session: from now on nothing new is added to it, and changes to it
        are kept as corrections (``rules/lifecycle.py``)."""
        file = self._file()
        session = self._save_session(file, lifecycle.closed(file.session, next_meeting))
        self._store.refresh(file)  # the session list shows it closed at once
        return session
