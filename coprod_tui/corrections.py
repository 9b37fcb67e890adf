"""Corrections to a closed session, told in plain English.

The store keeps a dated ``Correction`` (field, old value, new value) whenever a
record of a closed session is edited. Here each becomes one sentence fit for
the minutes, for example::

    On 3 May 2026 at 14:02 an idea was changed: the text was 'Blue walls', now 'Green walls'.
    On 3 May 2026 at 14:05 the decision 'Paint it green' was changed: the reasons were
    'Cheaper', now 'Most people asked for it'.

People are named as in the minutes (by name only with consent, otherwise by
role), and support needs and contact details are never written out: a
sentence says only that they were updated. A change of consent to be named
is not tied to anyone's label, so it cannot link "Carer 2" to an earlier
copy that named them. For anything shared, ``old_values=False`` leaves out
what a value used to be: a correction may be the removal of something that
should never have been written down; it also passes every quoted value and
note through ``consent.redactor``, so a name typed into them is shown as the
minutes show it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from . import framework as fw
from .clock import is_date, parse_instant
from .consent import redactor
from .model import Correction, SessionData

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

#: Never written out, even in the corrections list (DESIGN.md §6).
PRIVATE_FIELDS = frozenset({"support_needs", "support_other", "contact"})

#: The field that names a record: when it is the one corrected, the sentence
#: does not also quote it as the record's label.
_NAMING_FIELD = {"ideas": "text", "decisions": "text", "actions": "text"}

_KIND_NOUN = {"ideas": "idea", "decisions": "decision", "actions": "action",
              "feedback": "comment card", "audit": "'I' statement check"}

_FIELD_WORDS = {
    # the session
    "title": "the title", "date": "the date", "start": "the start time",
    "end": "the end time", "venue": "the venue", "format": "the format",
    "methods": "the engagement methods", "purpose": "the purpose",
    "can_change": "what can change", "cannot_change": "what cannot change",
    "stage": "the commissioning stage", "facilitator": "the facilitator",
    "group_id": "the group",
    # attendance
    "status": "their attendance", "mode": "how they joined", "role": "the role",
    "organisation": "the organisation", "late": "whether they were late",
    "arrived_at": "the arrival time", "left_at": "the time they left",
    "conduct_version": "the code of conduct version",
    "conduct_agreed_at": "when they agreed the code of conduct",
    "conduct_how": "how they agreed the code of conduct",
    # ideas, decisions, actions
    "text": "the text", "raised_by": "who raised it", "person_id": "the person who raised it",
    "agenda_item_id": "the agenda item", "tags": "the tags", "at": "the time recorded",
    "reasons": "the reasons", "idea_ids": "the ideas it drew on",
    "method": "how it was decided", "votes_for": "the votes for",
    "votes_against": "the votes against", "votes_abstain": "the abstentions",
    "differing_views": "the views that differed",
    "in_control": "whether it is in the group's control", "owner": "who will do it",
    "owner_person_id": "who will do it", "due": "the due date",
    "source_kind": "what it came from", "source_id": "what it came from",
    "outcome": "what was done", "reason": "the reason",
    # text that coprod forget may change (it names each field it changed)
    "agenda": "an agenda item's title", "checklists": "a checklist note",
    "next_meeting": "the next meeting's details", "comment": "the comment",
    "evidence": "the evidence", "will_change": "what will change", "note": "the note",
    "old": "the value it replaced", "new": "the value it was given",
    "support_other": "other support needs", "contact": "the contact details",
    "conduct": "the code of conduct", "name": "the name",
}

_LABELS: dict[str, dict[str, str]] = {
    "format": fw.labels(fw.FORMATS),
    "methods": fw.labels(fw.METHODS),
    "stage": {c.key: c.label.split(":")[0] for c in fw.STAGES},
    "mode": fw.labels(fw.MODES),
    "role": fw.labels(fw.ROLES),
    "raised_by": fw.labels(fw.RAISED_BY),
    "method": fw.labels(fw.DECISION_METHODS),
    "in_control": fw.labels(fw.IN_CONTROL),
    "conduct_how": {"agreed": "Agreed in the meeting", "later": "Agreed later",
                    "": "Not agreed"},
    "source_kind": {"idea": "An idea", "decision": "A decision", "": "Nothing"},
}
#: Fields read as plural ("the reasons were ...").
_PLURAL = frozenset({"methods", "tags", "reasons", "idea_ids", "votes_for", "votes_against",
                     "votes_abstain", "differing_views"})
_INSTANTS = frozenset({"at", "arrived_at", "left_at", "conduct_agreed_at", "created_at",
                       "started_at", "closed_at", "communicated_back_at"})
_PEOPLE = frozenset({"person_id", "owner_person_id"})


@dataclass(frozen=True, slots=True)
class CorrectionNote:
    """One correction: the stored record of it, and the sentence that tells it."""

    correction: Correction
    text: str

    @property
    def at(self) -> str:
        return self.correction.at

    def __str__(self) -> str:
        return self.text


def describe_corrections(data: SessionData, *, record_id: str | None = None,
                         limit: int | None = None,
                         old_values: bool = True) -> list[CorrectionNote]:
    """The session's corrections (or one record's), oldest first, in plain English.

    ``limit`` shortens each quoted value to that many characters (for a list on
    screen); by default values are quoted in full, as the record needs.
    ``old_values=False`` says only what each value is now (for sharing).
    """
    teller = _Teller(data, limit, old_values)
    found = [c for c in data.corrections if record_id is None or c.record_id == record_id]
    found.sort(key=lambda c: parse_instant(c.at))  # true order, across clock changes
    return [CorrectionNote(c, teller.sentence(c)) for c in found]


def session_corrections(store, session_id: str, **options: Any) -> list[CorrectionNote]:
    """``describe_corrections`` for a session in the store (let go afterwards)."""
    with store.visiting(session_id):
        data = store.snapshot(session_id)
    return describe_corrections(data, **options)


def field_words(name: str) -> str:
    """A stored field's name as words ("differing_views" → "the views that differed")."""
    return _FIELD_WORDS.get(name, name.replace("_", " "))


def when(instant: str) -> str:
    """'3 May 2026 at 14:02' (the wall-clock time where it was recorded)."""
    moment = parse_instant(instant)
    return f"{_day(moment)} at {moment:%H:%M}"


def _day(moment: datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


class _Teller:
    def __init__(self, data: SessionData, limit: int | None, old_values: bool) -> None:
        self.data = data
        self.limit = limit
        self.old_values = old_values
        self.names = data.public_names()
        #: Free text as it may be shown: as typed, or with hidden names as labels.
        self.shared = (lambda text: text) if old_values else redactor(data)
        shared = self.shared
        self.records = {("ideas", i.id): shared(i.text) for i in data.ideas}
        self.records.update({("decisions", d.id): shared(d.text) for d in data.decisions})
        self.records.update({("actions", a.id): shared(a.text) for a in data.actions})
        self.texts = {i.id: shared(i.text) for i in data.ideas}
        self.texts.update({d.id: shared(d.text) for d in data.decisions})
        self.texts.update({item.id: shared(item.title) for item in data.session.agenda})

    def sentence(self, c: Correction) -> str:
        record = self.record(c)
        name = c.field_name
        if name in PRIVATE_FIELDS:
            change = ("their contact details were updated" if name == "contact"
                      else "their support needs were updated")
        elif name == "consent_to_be_named":
            record = "the attendance record of one person"
            change = "their consent to be named was updated"
        elif c.is_name_removal:
            # coprod forget keeps no value: the old one held the name.
            return f"On {when(c.at)} {record} was changed: a name was removed from " \
                   f"{field_words(name)} at the person's request."
        else:
            field = _FIELD_WORDS.get(name, name.replace("_", " "))
            new = self.value(name, c.new)
            if self.old_values:
                verb = "were" if name in _PLURAL else "was"
                change = f"{field} {verb} {self.value(name, c.old)}, now {new}"
            else:
                change = f"{field} {'are' if name in _PLURAL else 'is'} now {new}"
        note = f" Note: {_one_line(self.shared(c.note))}" if c.note.strip() else ""
        return f"On {when(c.at)} {record} was changed: {change}.{note}"

    def record(self, c: Correction) -> str:
        if c.record_kind == "session":
            return "the session"
        if c.record_kind == "attendance":
            return f"the attendance record of {self.names.get(c.record_id, 'a participant')}"
        noun = _KIND_NOUN.get(c.record_kind, "record")
        label = self.records.get((c.record_kind, c.record_id))
        if label is None or _NAMING_FIELD.get(c.record_kind) == c.field_name:
            return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"
        return f"the {noun} {_quote(label, 60)}"

    def value(self, name: str, value: Any) -> str:
        if value is None:
            return "not set"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, list):
            parts = [self.plain(name, v) for v in value]
            return _quote(", ".join(parts), self.limit) if parts else "none"
        if isinstance(value, str):
            if value == "" and name not in _LABELS:
                return "blank"
            return _quote(self.plain(name, value), self.limit)
        return _quote(str(value), self.limit)

    def plain(self, name: str, value: Any) -> str:
        """One value as a person would say it (labels, names, dates)."""
        value = str(value)
        if name == "status":
            return fw.labels(fw.ATTENDANCE).get(value, value)
        if name in _LABELS:
            return _LABELS[name].get(value, value)
        if name in _PEOPLE:
            return self.names.get(value, "a participant")
        if name in ("idea_ids", "agenda_item_id", "source_id"):
            return _shorten(self.texts.get(value, "one no longer recorded"), 60)
        if name in _INSTANTS:
            try:
                return when(value)
            except ValueError:
                return value
        if name in ("date", "due") and is_date(value):
            return _day(datetime.fromisoformat(value))
        if name == "group_id":
            return (self.shared(self.data.group.name) if value == self.data.group.id
                    else "another group")
        return self.shared(value)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _shorten(text: str, limit: int | None) -> str:
    text = _one_line(text)
    if limit is not None and len(text) > limit:
        return text[: limit - 1].rstrip() + "…"
    return text


def _quote(text: str, limit: int | None) -> str:
    return f"'{_shorten(text, limit)}'"
