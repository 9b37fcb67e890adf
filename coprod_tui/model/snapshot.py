"""A whole session loaded at once, with its group and the people it names.

Exports and the review screens work from this; it is plain data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .. import framework as fw
from .group import Group, Person
from .records import Action, AuditAnswer, Correction, Decision, Feedback, Idea, Turn
from .session import Attendance, Session


@dataclass(slots=True)
class SessionData:
    session: Session
    group: Group
    people: dict[str, Person] = field(default_factory=dict)
    attendance: list[Attendance] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    ideas: list[Idea] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    audit: list[AuditAnswer] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    #: Everyone on the data folder's people list (names in free text are looked for
    #: among all of them, not only the people above).
    everyone: dict[str, Person] = field(default_factory=dict)

    def present(self) -> list[Attendance]:
        """Everyone present, those there to support others included."""
        return [a for a in self.attendance if a.status == "present"]

    def participants(self) -> list[Attendance]:
        """Those present as participants: not an interpreter, supporter or note-taker
        (``framework.SUPPORT_ROLES``), who are there so that others can take part."""
        return [a for a in self.present() if a.role not in fw.SUPPORT_ROLES]

    def supporting(self) -> list[Attendance]:
        """Those present to support others taking part."""
        return [a for a in self.present() if a.role in fw.SUPPORT_ROLES]

    def apologies(self) -> list[Attendance]:
        return [a for a in self.attendance if a.status == "apologies"]

    def role_counts(self) -> Counter[str]:
        """How many participants of each role were present (keys are role keys)."""
        return Counter(a.role for a in self.participants())

    def public_names(self) -> dict[str, str]:
        """How each person may be named in anything shared.

        A person is named only if they consented at this session; everyone else
        is described by role and number ("Carer 2"), numbered in the order of
        the attendance list so the same label means the same person throughout.
        """
        # Worked out again only when what it depends on changed: the Run screen asks
        # after every idea (to warn about names typed), and it costs 4 ms with 60 people.
        # The key holds values, not the records, so a record changed in place is seen.
        key = (tuple((a.person_id, a.consent_to_be_named, a.role, a.status)
                     for a in self.attendance),
               tuple((pid, p.name, p.role, p.contact) for pid, p in self.people.items()),
               tuple((pid, p.name, p.role, p.contact) for pid, p in self.everyone.items()),
               self.group.name, self.group.organisation, tuple(self.group.roster),
               self.session.venue, self.session.next_meeting.venue)
        global _LAST_NAMES
        last = _LAST_NAMES
        if last is not None and last[0] == key:
            return dict(last[1])
        names = self._public_names()
        _LAST_NAMES = (key, names)
        return dict(names)

    def _public_names(self) -> dict[str, str]:
        numbers: Counter[str] = Counter()
        names: dict[str, str] = {}

        def by_role(person_id: str, role: str) -> str:
            numbers[role] += 1
            return f"{fw.PERSON_BY_ROLE.get(role, 'Participant')} {numbers[role]}"

        for a in self.attendance:
            person = self.people.get(a.person_id)
            if a.consent_to_be_named and person is not None:
                names[a.person_id] = person.name
            else:
                names[a.person_id] = by_role(a.person_id, a.role)
        # People named in records without an attendance entry have not consented here.
        for person_id, person in self.people.items():
            if person_id not in names:
                names[person_id] = by_role(person_id, person.role)
        # A shown name is shared text too: "Joan (Sam's mum)" must not name Sam.
        from ..consent import shown_names  # the consent rule is built on this model

        return shown_names(self, names)


#: The last ``public_names`` worked out, and what it was worked out from.
_LAST_NAMES: tuple[tuple[Any, ...], dict[str, str]] | None = None


def referenced_people(session: Session, tables: dict[str, list[Any]]) -> set[str]:
    """Everyone a session's records refer to (by id): attendance, turns, ideas, action
    owners, named comment cards and raised hands."""
    ids = {a.person_id for a in tables.get("attendance", [])}
    ids |= {t.person_id for t in tables.get("turns", [])}
    ids |= {i.person_id for i in tables.get("ideas", []) if i.person_id}
    ids |= {a.owner_person_id for a in tables.get("actions", []) if a.owner_person_id}
    ids |= {f.person_id for f in tables.get("feedback", []) if f.person_id}
    ids |= {h.person_id for h in session.hands}
    return ids
