"""One session's file: where ideas, decisions, actions and the rest are saved.

Each method that changes something returns only once the change is durable on
disk (see ``atomic.py``). Records are validated by the model before anything is
written, so a refused entry leaves the file as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from tinydb import Query

from ..clock import now
from ..errors import DamagedFile, NotFound, ValidationError
from ..model import (
    Action, AgendaItem, Attendance, AuditAnswer, Correction, Decision, Feedback, Group,
    Hand, Idea, NextMeeting, Person, Record, Session, SessionData, Turn,
)
from ..model.session import ChecklistTick
from .fileformat import META, new_tables
from .table_file import TableFile

R = TypeVar("R", bound=Record)

#: Table name → record type. The session's own details live in table "session".
TABLES: dict[str, type[Record]] = {
    "attendance": Attendance,
    "turns": Turn,
    "ideas": Idea,
    "decisions": Decision,
    "actions": Action,
    "feedback": Feedback,
    "audit": AuditAnswer,
    "corrections": Correction,
}
#: Edits to these after a session is closed are kept as dated corrections.
CORRECTED = frozenset({"session", "attendance", "ideas", "decisions", "actions"})
#: Live-running state: changing it is not a correction of the record.
_LIVE_FIELDS = frozenset({"hands", "current_item_id", "agenda", "checklists", "status",
                          "started_at", "closed_at", "next_meeting"})
#: Follow-up on an action after the meeting is not a correction either.
_FOLLOW_UP = frozenset({"status", "outcome", "reason", "communicated_back_at", "updated_at"})


class SessionFile(TableFile):
    """A session's TinyDB file."""

    TABLES = TABLES

    def __init__(self, path: Path, *, loader, read_only: bool = False, guard=None) -> None:
        super().__init__(path, loader=loader, what="the session", read_only=read_only,
                         guard=guard)
        self.id = path.stem
        self._session: Session | None = None
        #: True when something changed since the index last summarised this file.
        self.changed = False

    # -- opening ---------------------------------------------------------------

    def create(self, session: Session, tables: dict[str, list[Any]] | None = None) -> None:
        """Write a new session file, with any records, in one durable write."""
        with self._writing():
            self._storage.write(new_tables("session"))
            self._table("session").insert(session.to_dict())
            for name, records in (tables or {}).items():
                self._table(name).insert_multiple(r.to_dict() for r in records)
                self._rows[name] = list(records)
            self._session = session

    def load(self) -> None:
        """Read and check every record; DamagedFile if any does not fit."""
        data = self._storage.read() or {}
        unknown = set(data) - set(TABLES) - {"session", META}
        if unknown:
            raise DamagedFile(f"{self.path.name} has parts coprod does not know "
                              f"({', '.join(sorted(unknown))}).")
        try:
            docs = list(self._table("session").all())
            if len(docs) != 1:
                raise ValidationError("A session file must hold exactly one session.")
            self._session = Session.from_dict(dict(docs[0]))
            if self._session.id != self.id:
                raise ValidationError("The session's id does not match its file name.")
            for name in TABLES:
                self.rows(name)
        except ValidationError as exc:
            self._session, self._rows = None, {}
            raise DamagedFile(f"{self.path.name} does not hold a valid session: {exc}") from None

    # -- reading ---------------------------------------------------------------

    @property
    def session(self) -> Session:
        if self._session is None:
            self.load()
        assert self._session is not None
        return self._session

    def attendance(self) -> list[Attendance]:
        return self.rows("attendance")

    def attendance_of(self, person_id: str) -> Attendance | None:
        return next((a for a in self.rows("attendance") if a.person_id == person_id), None)

    def ideas(self) -> list[Idea]:
        return self.rows("ideas")

    def decisions(self) -> list[Decision]:
        return self.rows("decisions")

    def actions(self) -> list[Action]:
        return self.rows("actions")

    def turns(self) -> list[Turn]:
        return self.rows("turns")

    def snapshot(self, group: Group, people: dict[str, Person]) -> SessionData:
        referenced = self.person_ids()
        return SessionData(
            session=self.session, group=group,
            people={pid: p for pid, p in people.items() if pid in referenced},
            everyone=dict(people),
            **{name: self.rows(name) for name in TABLES},
        )

    def person_ids(self) -> set[str]:
        """Everyone this session's records refer to."""
        ids = {a.person_id for a in self.rows("attendance")}
        ids |= {t.person_id for t in self.rows("turns")}
        ids |= {i.person_id for i in self.rows("ideas") if i.person_id}
        ids |= {a.owner_person_id for a in self.rows("actions") if a.owner_person_id}
        ids |= {f.person_id for f in self.rows("feedback") if f.person_id}
        ids |= {h.person_id for h in self.session.hands}
        return ids

    # -- the session's details and agenda --------------------------------------

    def update_session(self, **changes: Any) -> Session:
        old = self.session
        new = old.replace(**changes)
        if new == old:
            return old  # nothing changed: no write
        corrections = []
        if old.status == "closed":
            corrections = _corrections("session", old.id, old, new, skip=_LIVE_FIELDS)
        with self._writing():
            self._table("session").update(new.to_dict(), Query().id == old.id)
            self._append_corrections(corrections)
            self._session = new
        return new

    def set_agenda(self, items: Iterable[AgendaItem]) -> Session:
        items = list(items)
        current = self.session.current_item_id
        if current not in {i.id for i in items}:
            current = None
        return self.update_session(agenda=items, current_item_id=current)

    def add_agenda_item(self, title: str, planned_min: int = 10) -> AgendaItem:
        item = AgendaItem(title=title, planned_min=planned_min)
        self.set_agenda([*self.session.agenda, item])
        return item

    def move_agenda_item(self, item_id: str, step: int) -> None:
        items = list(self.session.agenda)
        index = next(i for i, item in enumerate(items) if item.id == item_id)
        target = max(0, min(len(items) - 1, index + step))
        items.insert(target, items.pop(index))
        self.set_agenda(items)

    def remove_agenda_item(self, item_id: str) -> None:
        self.set_agenda(i for i in self.session.agenda if i.id != item_id)

    def edit_agenda_item(self, item_id: str, **changes: Any) -> AgendaItem:
        items = [i.replace(**changes) if i.id == item_id else i for i in self.session.agenda]
        self.set_agenda(items)
        return next(i for i in items if i.id == item_id)

    def go_to_item(self, item_id: str | None, at: datetime | None = None) -> Session:
        """Make an agenda item current, stopping the clock on the one before."""
        at = at or datetime.now().astimezone()
        stamp = at.isoformat(timespec="seconds")
        items = []
        for item in self.session.agenda:
            if item.running_since is not None:
                item = item.replace(spent_s=item.elapsed_s(at), running_since=None)
            if item.id == item_id:
                item = item.replace(running_since=stamp)
            items.append(item)
        if item_id is not None and item_id not in {i.id for i in items}:
            raise NotFound("That agenda item is not on the agenda.")
        return self.update_session(agenda=items, current_item_id=item_id)

    def start(self) -> Session:
        """Mark the session live (idempotent: a resumed session keeps its start)."""
        session = self.session
        if session.status == "live":
            return session
        return self.update_session(status="live", started_at=session.started_at or now())

    def close_session(self, next_meeting: NextMeeting | None = None) -> Session:
        self.go_to_item(None)
        return self.update_session(status="closed", closed_at=now(), hands=[],
                                   next_meeting=next_meeting or self.session.next_meeting)

    def tick(self, checklist: str, key: str, ticked: bool, note: str = "") -> Session:
        lists = {name: dict(items) for name, items in self.session.checklists.items()}
        lists.setdefault(checklist, {})[key] = ChecklistTick(ticked=ticked, note=note)
        return self.update_session(checklists=lists)

    # -- attendance and code of conduct ----------------------------------------

    def set_attendance(self, person: Person, **changes: Any) -> Attendance:
        """Create or change a person's attendance; new entries copy the roster details."""
        old = self.attendance_of(person.id)
        if old is None:
            record = Attendance(
                person_id=person.id, role=person.role, organisation=person.organisation,
                support_needs=list(person.support_needs), support_other=person.support_other,
                consent_to_be_named=person.consent_to_be_named)
            new = record.replace(**changes)
            self._insert("attendance", new)
            return new
        return self._change("attendance", old, changes, key="person_id")

    def mark(self, person: Person, status: str, at: datetime | None = None) -> Attendance:
        """Mark present/apologies/absent. Marking present after the start means late."""
        changes: dict[str, Any] = {"status": status}
        if status == "present":
            stamp = (at or datetime.now().astimezone()).isoformat(timespec="seconds")
            old = self.attendance_of(person.id)
            if old is None or old.arrived_at is None:
                changes["arrived_at"] = stamp
        else:
            changes.update(late=False, left_at=None)
        return self.set_attendance(person, **changes)

    def agree_conduct(self, person: Person, version: int, how: str = "agreed") -> Attendance:
        return self.set_attendance(person, conduct_version=version, conduct_how=how,
                                   conduct_agreed_at=now())

    def withdraw_conduct(self, person: Person) -> Attendance:
        return self.set_attendance(person, conduct_version=None, conduct_how="",
                                   conduct_agreed_at=None)

    # -- hands up and speaking turns -------------------------------------------

    def raise_hand(self, person_id: str, kind: str = "normal") -> list[Hand]:
        """Add to the queue; a point of order goes ahead of ordinary hands."""
        hands = [h for h in self.session.hands if h.person_id != person_id]
        hand = Hand(person_id=person_id, kind=kind)
        if kind == "point_of_order":
            position = sum(1 for h in hands if h.kind == "point_of_order")
            hands.insert(position, hand)
        else:
            hands.append(hand)
        return self.update_session(hands=hands).hands

    def lower_hand(self, person_id: str) -> list[Hand]:
        hands = [h for h in self.session.hands if h.person_id != person_id]
        return self.update_session(hands=hands).hands

    def next_speaker(self) -> Turn | None:
        """The first in the queue speaks: their turn is recorded and they leave the queue."""
        hands = self.session.hands
        if not hands:
            return None
        first = hands[0]
        turn = Turn(person_id=first.person_id, kind=first.kind,
                    agenda_item_id=self.session.current_item_id)
        with self._writing():
            self.update_session(hands=hands[1:])
            self._insert("turns", turn)
        return turn

    def skip_speaker(self) -> list[Hand]:
        """The first in the queue passes: they leave the queue without a turn."""
        return self.update_session(hands=self.session.hands[1:]).hands

    def record_turn(self, person_id: str, kind: str = "normal") -> Turn:
        """Someone spoke without the queue (or the facilitator noted it after)."""
        turn = Turn(person_id=person_id, kind=kind, agenda_item_id=self.session.current_item_id)
        self._insert("turns", turn)
        return turn

    # -- ideas, decisions, actions ---------------------------------------------

    def add_idea(self, text: str, *, raised_by: str = "anonymous", person_id: str | None = None,
                 agenda_item_id: str | None = None, tags: Iterable[str] = ()) -> Idea:
        idea = Idea(text=text, raised_by=raised_by, person_id=person_id, tags=list(tags),
                    agenda_item_id=agenda_item_id or self.session.current_item_id)
        self._insert("ideas", idea)
        return idea

    def edit_idea(self, idea_id: str, *, note: str = "", **changes: Any) -> Idea:
        return self._change("ideas", self._find("ideas", idea_id), changes, note=note)

    def remove_idea(self, idea_id: str) -> None:
        """Take back an idea entered by mistake (only while the session is open)."""
        if any(idea_id in d.idea_ids for d in self.decisions()):
            raise ValidationError("A decision refers to this idea; change the decision first.")
        if any(a.source_kind == "idea" and a.source_id == idea_id for a in self.actions()):
            # Else the action would point at nothing (and its export could not be imported).
            raise ValidationError("An action came from this idea; change the action first.")
        self._remove("ideas", self._find("ideas", idea_id))

    def add_decision(self, text: str, reasons: str, **fields: Any) -> Decision:
        known = {i.id for i in self.ideas()}
        missing = [i for i in fields.get("idea_ids", []) if i not in known]
        if missing:
            raise ValidationError("A decision can only refer to ideas in this session.")
        fields.setdefault("agenda_item_id", self.session.current_item_id)
        decision = Decision(text=text, reasons=reasons, **fields)
        self._insert("decisions", decision)
        return decision

    def edit_decision(self, decision_id: str, *, note: str = "", **changes: Any) -> Decision:
        return self._change("decisions", self._find("decisions", decision_id), changes,
                            note=note)

    def add_action(self, text: str, **fields: Any) -> Action:
        kind, source = fields.get("source_kind", ""), fields.get("source_id")
        if kind and source not in {r.id for r in self.rows(kind + "s")}:
            raise ValidationError(f"That {kind} is not in this session.")
        action = Action(text=text, **fields)
        self._insert("actions", action)
        return action

    def edit_action(self, action_id: str, *, note: str = "", **changes: Any) -> Action:
        return self._change("actions", self._find("actions", action_id),
                            {**changes, "updated_at": now()}, note=note)

    def set_action_status(self, action_id: str, status: str, *, outcome: str = "",
                          reason: str = "") -> Action:
        return self.edit_action(action_id, status=status, outcome=outcome, reason=reason)

    def mark_told_back(self, action_id: str) -> Action:
        return self.edit_action(action_id, communicated_back_at=now())

    # -- comment cards and the 'I' statements check ----------------------------

    def add_feedback(self, level: int, comment: str = "", person_id: str | None = None) -> Feedback:
        card = Feedback(level=level, comment=comment, person_id=person_id)
        self._insert("feedback", card)
        return card

    def remove_feedback(self, feedback_id: str) -> None:
        self._remove("feedback", self._find("feedback", feedback_id))

    def set_audit(self, statement: int, answers: list[str], evidence: str = "",
                  will_change: str = "") -> AuditAnswer:
        answer = AuditAnswer(statement=statement, answers=answers, evidence=evidence,
                             will_change=will_change)
        old = next((a for a in self.rows("audit") if a.statement == statement), None)
        if old is None:
            self._insert("audit", answer)
            return answer
        return self._change("audit", old, {"answers": answers, "evidence": evidence,
                                            "will_change": will_change, "at": answer.at})

    # -- rewriting (coprod forget) ------------------------------------------------------

    def rewrite(self, session: Session, tables: dict[str, list[Any]]) -> None:
        """Replace the session's details and whole tables in one durable write.

        For ``coprod forget``, which works out the records without a person
        (``erasure.py``); not a correction: nothing of the person is kept.
        """
        with self._writing():
            if session != self.session:
                self._table("session").update(session.to_dict(), Query().id == session.id)
                self._session = session
            for name, records in tables.items():
                self._replace_table(name, records)

    # -- primitives --------------------------------------------------------------

    def _forget_memory(self) -> None:
        super()._forget_memory()
        self._session = None

    def _written(self) -> None:
        self.changed = True

    def _change(self, table: str, old: R, changes: dict[str, Any], *, key: str = "id",
                note: str = "") -> R:
        """Change a record; after the session closed, keep each change as a correction."""
        new = old.replace(**changes)
        if new == old:
            return old  # nothing changed: no write
        corrections = []
        if table in CORRECTED and self.session.status == "closed":
            skip = _FOLLOW_UP if table == "actions" else frozenset()
            corrections = _corrections(table, getattr(old, key), old, new, skip=skip,
                                       note=note)
        with self._writing():
            self._put(table, new, key=key)
            self._append_corrections(corrections)
        return new

    def _remove(self, table: str, record: Any) -> None:
        if table in CORRECTED and self.session.status == "closed":
            raise ValidationError("Records of a closed session are corrected, not deleted.")
        self._delete(table, record.id)

    def _append_corrections(self, corrections: list[Correction]) -> None:
        if corrections:
            rows = self.rows("corrections")
            self._table("corrections").insert_multiple(c.to_dict() for c in corrections)
            self._rows["corrections"] = [*rows, *corrections]


def _corrections(kind: str, record_id: str, old: Record, new: Record, *,
                 skip: frozenset[str], note: str = "") -> list[Correction]:
    before, after = old.to_dict(), new.to_dict()
    return [Correction(record_kind=kind, record_id=record_id, field_name=name,
                       old=before[name], new=after[name], note=note)
            for name in after if name not in skip and before.get(name) != after[name]]


def agenda_clock(session: Session, at: datetime | None = None) -> tuple[int, int] | None:
    """(seconds spent, planned seconds) for the current item, or None."""
    item = session.item(session.current_item_id)
    if item is None:
        return None
    return item.elapsed_s(at), item.planned_min * 60


