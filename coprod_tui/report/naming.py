"""The privacy rule, applied once for everything that puts a session into words.

Shared (the default: documents, lists the group may see): a person is named
only if they agreed to be named at this session, otherwise by their role label
("Carer 2", numbered in attendance order by ``SessionData.public_names``); every
free text passes through ``consent.redactor`` (the name rule, ``coprod_tui/names``),
so a hidden name typed into an idea becomes the same label; an organisation is
shown only next to a name; support needs are never read, and contact details
are read only to take them out of free text.

For the facilitator (the read-only view, the Close summary) real names and text
as typed are shown, asked for explicitly with ``for_facilitator=True``; the
labels, numbers and counts are the same, since everything else is shared.
"""

from __future__ import annotations

from .. import framework as fw
from ..consent import RedactionMemo, consenting, redactor
from ..model import Action, Attendance, Feedback, Idea, SessionData

#: Who someone is when the record no longer says (a person since erased).
SOMEONE = "A participant"
_RAISED_BY = fw.labels(fw.RAISED_BY)


class Naming:
    """How one session's people and free text may be shown."""

    def __init__(self, data: SessionData, *, for_facilitator: bool = False,
                 memo: RedactionMemo | None = None) -> None:
        self.for_facilitator = for_facilitator
        #: Each person's label in anything shared ("Ann Lee" with consent, else "Carer 2").
        self.public = data.public_names()
        self.consenting = consenting(data)
        self._names = ({pid: p.name for pid, p in data.people.items()} if for_facilitator
                       else self.public)
        #: Free text as it may be shown.
        self.text = (lambda text: text) if for_facilitator else redactor(data, memo)

    def person(self, person_id: str | None) -> str:
        return self._names.get(person_id or "", self.public.get(person_id or "", SOMEONE))

    def named(self, person_id: str) -> bool:
        """Whether the person agreed to be named at this session."""
        return person_id in self.consenting

    def idea_by(self, idea: Idea) -> str:
        """Who an idea is credited to: a label, or how it came ("Via the chat")."""
        if idea.raised_by == "person" and idea.person_id:
            return self.person(idea.person_id)
        return _RAISED_BY.get(idea.raised_by, _RAISED_BY["anonymous"])

    def owner(self, action: Action) -> str:
        """Who will do an action: a label, or who was typed (free text, so it may hold a name)."""
        if action.owner_person_id:
            return self.person(action.owner_person_id)
        return self.text(action.owner.strip()) or "Not yet agreed"

    def organisation(self, a: Attendance) -> str:
        """Shown only beside a name: with a role label it could identify someone."""
        return a.organisation if self.for_facilitator or self.named(a.person_id) else ""

    def card_name(self, card: Feedback) -> str | None:
        """A comment card's author, only when they asked to be named on it (and, when
        shared, agreed to be named at the session)."""
        if not card.person_id:
            return None
        if self.for_facilitator or self.named(card.person_id):
            return self._names.get(card.person_id)
        return None
