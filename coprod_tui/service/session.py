"""One session's verbs: what the steps of a session change, and what they read.

Each verb applies the session's rules (``coprod_tui.rules``), then asks the store
to save the result in one durable write; it returns once the change is on disk,
or raises one of the contract's errors (``contract.py``) with nothing changed.
In a closed session, a change to the record is kept as dated corrections.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from ..clock import now
from ..errors import NotFound, ValidationError
from ..model import (
    Action, AgendaItem, Attendance, AuditAnswer, Correction, Decision, Feedback, Group, Hand,
    Idea, NextMeeting, Person, Record, Session, SessionData, Turn,
)
from ..model.session import ChecklistTick
from ..rules import actions as action_rules
from ..rules import agenda, hands, lifecycle, links
from ..rules import attendance as attending
from ..store import Store
from ..store.session_file import SessionFile
from .contract import verb

R = TypeVar("R", bound=Record)

#: The session's details the Plan step changes (the rest is running state, changed
#: only by its own verbs: the agenda clock, hands, start and close).
DETAILS = frozenset({"title", "date", "start", "end", "venue", "facilitator", "format",
                     "methods", "purpose", "can_change", "cannot_change", "stage"})
#: What a correction may change, per kind of record.
CORRECTABLE = {"idea": "ideas", "decision": "decisions", "action": "actions"}


def _local_now() -> datetime:
    return datetime.now().astimezone()


class SessionService:
    """The verbs of one session (``Service.session(id)`` makes one; it costs nothing)."""

    def __init__(self, store: Store, lock: threading.RLock, session_id: str) -> None:
        self._store = store
        self._lock = lock
        self.id = session_id

    def _file(self) -> SessionFile:
        return self._store.session(self.id)

    # -- reading ---------------------------------------------------------------------------

    @property
    @verb
    def session(self) -> Session:
        return self._file().session

    @verb
    def rows(self, table: str) -> list[Any]:
        return self._file().rows(table)

    def attendance(self) -> list[Attendance]:
        return self.rows("attendance")

    def ideas(self) -> list[Idea]:
        return self.rows("ideas")

    def decisions(self) -> list[Decision]:
        return self.rows("decisions")

    def actions(self) -> list[Action]:
        return self.rows("actions")

    def turns(self) -> list[Turn]:
        return self.rows("turns")

    def feedback(self) -> list[Feedback]:
        return self.rows("feedback")

    def audit(self) -> list[AuditAnswer]:
        return self.rows("audit")

    def corrections(self) -> list[Correction]:
        return self.rows("corrections")

    @verb
    def attendance_of(self, person_id: str) -> Attendance | None:
        return next((a for a in self._file().rows("attendance") if a.person_id == person_id),
                    None)

    @verb
    def group(self) -> Group:
        """The session's group (a stand-in named "Unknown group" if it has gone)."""
        group_id = self._file().session.group_id
        try:
            return self._store.groups.group(group_id)
        except NotFound:
            return Group(id=group_id, name="Unknown group")

    @verb
    def present_people(self, *, still_here: bool = False) -> list[Person]:
        """The people marked present, in the attendance order (``still_here``: not
        those who have left)."""
        people = self._store.groups.people()
        return [people[a.person_id] for a in self._file().rows("attendance")
                if a.present and a.person_id in people and not (still_here and a.left_at)]

    @verb
    def listed_people(self) -> list[Person]:
        """The group's roster, then anyone else with an attendance record here."""
        book = self._store.groups
        roster = book.roster(self._file().session.group_id)
        known = {p.id for p in roster}
        everyone = book.people()
        extra = [everyone[a.person_id] for a in self._file().rows("attendance")
                 if a.person_id not in known and a.person_id in everyone]
        return roster + extra

    @verb
    def snapshot(self) -> SessionData:
        """The whole session at once, with its group and the people it names."""
        return self._store.snapshot(self.id)

    @verb
    def release(self) -> None:
        """Done with the session for now (the session list is brought up to date)."""
        if self._store.is_open(self.id):
            self._store.release(self._file())

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
        lists = {name: dict(items) for name, items in file.session.checklists.items()}
        lists.setdefault(checklist, {})[key] = ChecklistTick(ticked=ticked, note=note)
        return self._save_session(file, file.session.replace(checklists=lists))

    # -- the agenda and its clock ------------------------------------------------------------

    @verb
    def add_agenda_item(self, title: str, planned_min: int = 10) -> AgendaItem:
        file = self._file()
        items, item = agenda.added(file.session.agenda, title, planned_min)
        self._set_agenda(file, items)
        return item

    @verb
    def move_agenda_item(self, item_id: str, step: int) -> Session:
        file = self._file()
        return self._set_agenda(file, agenda.moved(file.session.agenda, item_id, step))

    @verb
    def remove_agenda_item(self, item_id: str) -> Session:
        file = self._file()
        return self._set_agenda(file, agenda.removed(file.session.agenda, item_id))

    @verb
    def edit_agenda_item(self, item_id: str, **changes: Any) -> AgendaItem:
        file = self._file()
        items = agenda.edited(file.session.agenda, item_id, **changes)
        self._set_agenda(file, items)
        return next(i for i in items if i.id == item_id)

    @verb
    def go_to_item(self, item_id: str | None, at: datetime | None = None) -> Session:
        """Make an agenda item current (None: none), stopping the clock on the one before."""
        file = self._file()
        items = agenda.gone_to(file.session.agenda, item_id, at or _local_now())
        return self._save_session(file, file.session.replace(agenda=items,
                                                             current_item_id=item_id))

    def _set_agenda(self, file: SessionFile, items: list[AgendaItem]) -> Session:
        current = agenda.current_on(items, file.session.current_item_id)
        return self._save_session(file, file.session.replace(agenda=items,
                                                             current_item_id=current))

    # -- starting and closing ----------------------------------------------------------------

    @verb
    def start(self, *, first_item: bool = False) -> Session:
        """The session is running (opening Run does this); with ``first_item``, the first
        agenda item's clock starts too, in the same write. Starting a running session
        changes nothing."""
        file = self._file()
        session = lifecycle.started(file.session)
        if session is file.session:
            return session
        if first_item and session.agenda and session.current_item_id is None:
            first = session.agenda[0].id
            session = session.replace(agenda=agenda.gone_to(session.agenda, first,
                                                            _local_now()),
                                      current_item_id=first)
        return self._save_session(file, session)

    @verb
    def close(self, next_meeting: NextMeeting | None = None) -> Session:
        """Close the session: from now on, changes to it are kept as corrections."""
        file = self._file()
        session = self._save_session(file, lifecycle.closed(file.session, next_meeting))
        self._store.refresh(file)  # the session list shows it closed at once
        return session

    # -- attendance and the code of conduct --------------------------------------------------

    @verb
    def set_attendance(self, person_id: str, **changes: Any) -> Attendance:
        """Create or change a person's attendance (a new one copies the roster's details)."""
        return self._attend(self._file(), person_id, changes)

    @verb
    def mark(self, person_id: str, status: str, at: datetime | None = None) -> Attendance:
        """Present, apologies or absent (present: they arrived now, unless noted before)."""
        file = self._file()
        old = self._attendance(file, person_id)
        return self._attend(file, person_id, attending.marking(old, status, at or _local_now()))

    @verb
    def mark_late(self, person_id: str, at: datetime | None = None) -> Attendance:
        """Present, and arrived late, now."""
        stamp = (at or _local_now()).isoformat(timespec="seconds")
        return self._attend(self._file(), person_id,
                            {"status": "present", "late": True, "arrived_at": stamp})

    @verb
    def mark_left(self, person_id: str, at: datetime | None = None) -> Attendance:
        """Left early now; said again, back in the room."""
        file = self._file()
        old = self._attendance(file, person_id)
        return self._attend(file, person_id, attending.leaving(old, at or _local_now()))

    @verb
    def agree_conduct(self, person_id: str, how: str = "agreed", *,
                      version: int | None = None) -> Attendance:
        """They agreed the group's code of conduct (its current version unless given)."""
        file = self._file()
        version = version or self._conduct_version(file)
        return self._attend(file, person_id, self._agreement(version, how))

    @verb
    def agree_everyone(self) -> int:
        """Everyone present who has not agreed the code agreed it: one write; how many."""
        file = self._file()
        version = self._conduct_version(file)
        people = self._store.groups.people()
        waiting = [a for a in file.rows("attendance")
                   if a.present and a.conduct_version is None and a.person_id in people]
        with file.batch():
            for a in waiting:
                self._attend(file, a.person_id, self._agreement(version, "agreed"))
        return len(waiting)

    @verb
    def withdraw_conduct(self, person_id: str) -> Attendance:
        """Take back an agreement recorded by mistake."""
        return self._attend(self._file(), person_id, {
            "conduct_version": None, "conduct_how": "", "conduct_agreed_at": None})

    def _conduct_version(self, file: SessionFile) -> int:
        group = self._store.groups.group(file.session.group_id)
        if group.current_conduct is None:
            raise ValidationError("This group has no code of conduct yet: write one with the "
                                  "group first.", field="conduct_version")
        return group.current_conduct.version

    @staticmethod
    def _agreement(version: int, how: str) -> dict[str, Any]:
        return {"conduct_version": version, "conduct_how": how, "conduct_agreed_at": now()}

    @staticmethod
    def _attendance(file: SessionFile, person_id: str) -> Attendance | None:
        return next((a for a in file.rows("attendance") if a.person_id == person_id), None)

    def _attend(self, file: SessionFile, person_id: str, changes: dict[str, Any]) -> Attendance:
        old = self._attendance(file, person_id)
        if old is None:
            new = attending.new_attendance(self._store.groups.person(person_id)).replace(
                **changes)
            file.insert("attendance", new)
            return new
        return self._change(file, "attendance", old, changes, key="person_id")

    # -- hands up and speaking turns ---------------------------------------------------------

    @verb
    def raise_hand(self, person_id: str, kind: str = "normal") -> list[Hand]:
        """Add to the queue; a point of order goes ahead of ordinary hands."""
        file = self._file()
        queue = hands.raised(file.session.hands, person_id, kind)
        return self._save_session(file, file.session.replace(hands=queue)).hands

    @verb
    def next_speaker(self) -> Turn | None:
        """The first in the queue speaks: their turn is kept and they leave the queue."""
        file = self._file()
        session = file.session
        queue, turn = hands.next_speaker(session.hands, session.current_item_id)
        if turn is None:
            return None
        with file.batch():
            self._save_session(file, session.replace(hands=queue))
            file.insert("turns", turn)
        return turn

    @verb
    def skip_speaker(self) -> Hand | None:
        """The first in the queue passes: they leave it without a turn. Who passed."""
        file = self._file()
        session = file.session
        if not session.hands:
            return None
        self._save_session(file, session.replace(hands=hands.skipped(session.hands)))
        return session.hands[0]

    @verb
    def record_turn(self, person_id: str, kind: str = "normal") -> Turn:
        """Someone spoke without the queue (or the facilitator noted it after)."""
        file = self._file()
        turn = Turn(person_id=person_id, kind=kind, agenda_item_id=file.session.current_item_id)
        file.insert("turns", turn)
        return turn

    # -- ideas, decisions, actions -----------------------------------------------------------

    @verb
    def add_idea(self, text: str, *, raised_by: str = "anonymous", person_id: str | None = None,
                 agenda_item_id: str | None = None, tags: Iterable[str] = ()) -> Idea:
        file = self._file()
        idea = Idea(text=text, raised_by=raised_by, person_id=person_id, tags=list(tags),
                    agenda_item_id=agenda_item_id or file.session.current_item_id)
        file.insert("ideas", idea)
        return idea

    @verb
    def add_decision(self, text: str, reasons: str, **fields: Any) -> Decision:
        file = self._file()
        links.check_decision_ideas(fields.get("idea_ids", []), file.rows("ideas"))
        fields.setdefault("agenda_item_id", file.session.current_item_id)
        decision = Decision(text=text, reasons=reasons, **fields)
        file.insert("decisions", decision)
        return decision

    @verb
    def add_action(self, text: str, **fields: Any) -> Action:
        file = self._file()
        links.check_action_source(fields.get("source_kind", ""), fields.get("source_id"),
                                  file.rows("ideas"), file.rows("decisions"))
        action = Action(text=text, **fields)
        file.insert("actions", action)
        return action

    @verb
    def correct(self, kind: str, record_id: str, *, note: str = "", **changes: Any) -> Record:
        """Change an idea, decision or action of a session, keeping what it said before
        (as dated corrections, once the session is closed)."""
        if kind not in CORRECTABLE:
            raise ValidationError("Only an idea, a decision or an action is corrected here.",
                                  field="kind")
        file = self._file()
        table = CORRECTABLE[kind]
        old = file.find(table, record_id)
        if table == "decisions" and "idea_ids" in changes:
            links.check_decision_ideas(changes["idea_ids"], file.rows("ideas"))
        if table == "actions":
            new: Record = self._edit_action(file, old, changes, note)
        else:
            new = self._change(file, table, old, changes, note=note)
        self._store.refresh(file)  # the session list and search see the new words
        return new

    @verb
    def set_action_status(self, action_id: str, status: str, *, outcome: str = "",
                          reason: str = "") -> Action:
        """Done (saying what was done), not able (saying why) or open again."""
        file = self._file()
        changes = action_rules.status_changes(status, outcome=outcome, reason=reason)
        return self._edit_action(file, file.find("actions", action_id), changes, "")

    @verb
    def mark_told_back(self, action_id: str, at: str | None = None) -> Action:
        """The group has been told the outcome (now, or at ``at``)."""
        file = self._file()
        action = file.find("actions", action_id)
        return self._edit_action(file, action, action_rules.told_back(action, at), "")

    def _edit_action(self, file: SessionFile, old: Action, changes: dict[str, Any],
                     note: str) -> Action:
        return self._change(file, "actions", old,
                            {**changes, "updated_at": now()}, note=note)

    # -- comment cards and the 'I' statements check ------------------------------------------

    @verb
    def add_feedback(self, level: int, comment: str = "", person_id: str | None = None
                     ) -> Feedback:
        card = Feedback(level=level, comment=comment, person_id=person_id)
        self._file().insert("feedback", card)
        return card

    @verb
    def remove_feedback(self, feedback_id: str) -> None:
        file = self._file()
        file.delete("feedback", file.find("feedback", feedback_id).id)

    @verb
    def set_audit(self, statement: int, answers: list[str], evidence: str = "",
                  will_change: str = "") -> AuditAnswer:
        """The check of one 'I' statement (a second check replaces the first)."""
        file = self._file()
        answer = AuditAnswer(statement=statement, answers=answers, evidence=evidence,
                             will_change=will_change)
        old = next((a for a in file.rows("audit") if a.statement == statement), None)
        if old is None:
            file.insert("audit", answer)
            return answer
        return self._change(file, "audit", old, {"answers": answers, "evidence": evidence,
                                                 "will_change": will_change, "at": answer.at})

    # -- saving, with the corrections rule ---------------------------------------------------

    def _save_session(self, file: SessionFile, new: Session) -> Session:
        old = file.session
        if new == old:
            return old  # nothing changed: no write
        kept = lifecycle.corrections("session", old.id, old, new, old)
        with file.batch():
            file.put_session(new)
            for correction in kept:
                file.insert("corrections", correction)
        return new

    def _change(self, file: SessionFile, table: str, old: R, changes: dict[str, Any], *,
                key: str = "id", note: str = "") -> R:
        """Change a record; in a closed session, keep each change as a correction."""
        new = old.replace(**changes)
        if new == old:
            return old  # nothing changed: no write
        kept = lifecycle.corrections(table, getattr(old, key), old, new, file.session, note)
        with file.batch():
            file.put(table, new, key=key)
            for correction in kept:
                file.insert("corrections", correction)
        return new
