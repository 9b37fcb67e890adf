"""Corrections to a closed session, told in plain English, two ways.

The store keeps a dated ``Correction`` (field, old value, new value) whenever a
record of a closed session is edited.

* ``describe_corrections`` makes each one a sentence, for the list on the
  read-only view::

    On 3 May 2026 at 14:02 an idea was changed: the wording was 'Blue walls', now
    'Green walls'.

* ``correction_summary`` says, per record and day, what was corrected
  ("decision 2: the reasons") and, for a free-text field, what the record says
  now ("The reasons now say: '...'"), for the minutes and easy read: a
  correction may be exactly the removal of something that should never have
  been written down, so shared documents never repeat an old value.

Fields are named through the one table ``words.FIELD_WORDS``. People are
labelled as in the minutes (by name only with consent, otherwise by role), and
support needs and contact details are never written out: a sentence says only
that they were updated. A change of consent to be named is not tied to anyone's
label, so it cannot link "Carer 2" to an earlier copy that named them. With
``old_values=False`` (for sharing) no old value is quoted and every quoted value
and note passes through the shared ``Naming``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import framework as fw
from ..clock import is_date, parse_instant
from ..model import Correction, SessionData
from ..text import one_line
from ..words import day_and_time, field_words, join_words, short_date
from .naming import Naming

if TYPE_CHECKING:
    from ..store import Store

#: Never written out, even in the corrections list (DESIGN.md §6).
PRIVATE_FIELDS = frozenset({"support_needs", "support_other", "contact"})
#: Book-keeping that changes with any edit.
_IGNORED = frozenset({"updated_at", "created_at", "id"})

#: The field that names a record: when it is the one corrected, the sentence
#: does not also quote it as the record's label.
_NAMING_FIELD = {"ideas": "text", "decisions": "text", "actions": "text"}
_KIND_NOUN = {"ideas": "idea", "decisions": "decision", "actions": "action",
              "feedback": "comment card", "audit": "'I' statement check"}

_LABELS: dict[str, dict[str, str]] = {
    "format": fw.labels(fw.FORMATS),
    "methods": fw.labels(fw.METHODS),
    "stage": {c.key: c.label.split(":")[0] for c in fw.STAGES},
    "mode": fw.labels(fw.MODES),
    "role": fw.labels(fw.ROLES),
    "raised_by": fw.labels(fw.RAISED_BY),
    "method": fw.labels(fw.DECISION_METHODS),
    "in_control": fw.labels(fw.IN_CONTROL),
    "status": fw.labels(fw.ATTENDANCE),
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


# -- sentences, for the read-only view -------------------------------------------------

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


def session_corrections(store: Store, session_id: str, **options: Any) -> list[CorrectionNote]:
    """``describe_corrections`` for a session in the store (let go afterwards)."""
    with store.visiting(session_id):
        data = store.snapshot(session_id)
    return describe_corrections(data, **options)


def when(instant: str) -> str:
    """'3 May 2026 at 14:02' (the wall-clock time where it was recorded)."""
    parse_instant(instant)  # a stored time has its offset; anything else is refused
    return day_and_time(instant)


class _Teller:
    def __init__(self, data: SessionData, limit: int | None, old_values: bool) -> None:
        self.data = data
        self.limit = limit
        self.old_values = old_values
        self.naming = Naming(data)
        #: Free text as it may be shown: as typed, or with hidden names as labels.
        self.shown = (lambda text: text) if old_values else self.naming.text
        shown = self.shown
        self.records = {("ideas", i.id): shown(i.text) for i in data.ideas}
        self.records.update({("decisions", d.id): shown(d.text) for d in data.decisions})
        self.records.update({("actions", a.id): shown(a.text) for a in data.actions})
        self.texts = {i.id: shown(i.text) for i in data.ideas}
        self.texts.update({d.id: shown(d.text) for d in data.decisions})
        self.texts.update({item.id: shown(item.title) for item in data.session.agenda})

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
            new = self.value(name, c.new)
            if self.old_values:
                verb = "were" if name in _PLURAL else "was"
                change = f"{field_words(name)} {verb} {self.value(name, c.old)}, now {new}"
            else:
                change = f"{field_words(name)} {'are' if name in _PLURAL else 'is'} now {new}"
        note = f" Note: {_shorten(self.shown(c.note), None)}" if c.note.strip() else ""
        return f"On {when(c.at)} {record} was changed: {change}.{note}"

    def record(self, c: Correction) -> str:
        if c.record_kind == "session":
            return "the session"
        if c.record_kind == "attendance":
            return f"the attendance record of {self.naming.person(c.record_id)}"
        noun = _KIND_NOUN.get(c.record_kind, "record")
        label = self.records.get((c.record_kind, c.record_id))
        if label is None or _NAMING_FIELD.get(c.record_kind) == c.field_name:
            return _a(noun)
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
        if name in _LABELS:
            return _LABELS[name].get(value, value)
        if name in _PEOPLE:
            return self.naming.person(value)
        if name in ("idea_ids", "agenda_item_id", "source_id"):
            return _shorten(self.texts.get(value, "one no longer recorded"), 60)
        if name in _INSTANTS:
            try:
                return when(value)
            except ValueError:
                return value
        if name in ("date", "due") and is_date(value):
            return short_date(value)
        if name == "group_id":
            return (self.shown(self.data.group.name) if value == self.data.group.id
                    else "another group")
        return self.shown(value)


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _shorten(text: str, limit: int | None) -> str:
    return one_line(text, limit or len(text))


def _quote(text: str, limit: int | None) -> str:
    return f"'{_shorten(text, limit)}'"


# -- what was corrected, for the minutes ------------------------------------------------

@dataclass(frozen=True, slots=True)
class CorrectionFact:
    #: The day it was corrected (ISO date).
    day: str
    #: Precise: "decision 2: the reasons".
    what: str
    #: For easy read: "a decision".
    kind: str
    note: str
    #: The record corrected: its kind ("decisions", "session" ...) and id, and the
    #: fields changed, so the easy read can say what changed and show it.
    record_kind: str = ""
    record_id: str = ""
    fields: tuple[str, ...] = ()
    #: For each free-text field corrected, what the record says now (as shared):
    #: (field name, value). Never the value it replaced.
    changed_to: tuple[tuple[str, str], ...] = ()

    @property
    def now(self) -> tuple[str, ...]:
        """``changed_to`` as sentences: "The reasons now say: 'Standing is hard'." """
        said = []
        for name, value in self.changed_to:
            if not value:
                said.append(now_blank(name))
            else:
                stop = "" if value.endswith((".", "!", "?")) else "."  # not "hard.'."
                said.append(f"{now_says(name)} {_quote(value, None)}{stop}")
        return tuple(said)


def now_says(name: str) -> str:
    """'The reasons now say:', 'The wording now says:'."""
    words = field_words(name)
    return f"{words[:1].upper()}{words[1:]} now {'say' if name in _PLURAL else 'says'}:"


def now_blank(name: str) -> str:
    """'The reasons are now blank.'"""
    words = field_words(name)
    return f"{words[:1].upper()}{words[1:]} {'are' if name in _PLURAL else 'is'} now blank."


def correction_summary(data: SessionData, naming: Naming, numbers: dict[str, dict[str, int]]
                       ) -> tuple[CorrectionFact, ...]:
    """Dated corrections, one per record corrected on one day, values never repeated.

    ``numbers`` gives, for "ideas", "decisions" and "actions", each record's number
    in the minutes.
    """
    grouped: dict[tuple[str, str, str], list[Correction]] = {}
    for c in data.corrections:
        if c.field_name in PRIVATE_FIELDS or c.field_name in _IGNORED:
            continue
        grouped.setdefault((c.at[:10], c.record_kind, c.record_id), []).append(c)
    facts = []
    for (day, kind, record_id), group in grouped.items():
        fields = list(dict.fromkeys(c.field_name for c in group))
        notes = dict.fromkeys(naming.text(c.note.strip()) for c in group if c.note.strip())
        what, plain = _what(kind, record_id, fields, naming, numbers)
        facts.append(CorrectionFact(day, what, plain, " ".join(notes), kind, record_id,
                                    tuple(fields), _now(data, kind, record_id, fields, naming)))
    facts.sort(key=lambda f: f.day)
    return tuple(facts)


#: Free text a person typed, which the minutes print anyway: after a correction the
#: minutes say what it says now. Labels, people, times and private fields are only named.
_TEXT_FIELDS = frozenset({"title", "venue", "purpose", "can_change", "cannot_change",
                          "facilitator", "text", "reasons", "differing_views", "decided_by",
                          "not_taken_up", "owner", "outcome", "reason", "plain", "comment",
                          "evidence", "will_change"})
_TABLES = {"ideas", "decisions", "actions", "feedback", "audit"}


def _now(data: SessionData, kind: str, record_id: str, fields: list[str],
         naming: Naming) -> tuple[tuple[str, str], ...]:
    """What each corrected free-text field of a record says now, read from the record
    itself (so two corrections on one day give the last word), with the naming rule."""
    if kind == "session":
        record: Any = data.session
    elif kind in _TABLES:
        record = next((r for r in getattr(data, kind) if r.id == record_id), None)
        if record is None or getattr(record, "withdrawn", False):
            return ()  # not in the minutes: nothing of it is quoted
    else:
        return ()
    return tuple((name, naming.text(value.strip())) for name in fields
                 if name in _TEXT_FIELDS and isinstance(value := getattr(record, name, None), str))


def _what(kind: str, record_id: str, fields: list[str], naming: Naming,
          numbers: dict[str, dict[str, int]]) -> tuple[str, str]:
    words = join_words([field_words(f) for f in fields])
    if kind == "session":
        return f"the meeting's details: {words}", "the meeting details"
    if kind in _KIND_NOUN and kind in numbers:
        noun = _KIND_NOUN[kind]
        n = numbers[kind].get(record_id)
        where = f"{noun} {n}" if n else f"{_a(noun)} no longer in the minutes"
        return f"{where}: {words}", _a(noun)
    if kind == "feedback":
        return f"a comment card: {words}", "a comment card"
    if kind == "audit":
        return f"the 'I' statements check: {words}", "the 'I' statements check"
    if kind == "attendance":
        if "consent_to_be_named" in fields:
            # Say that naming changed without linking the change to a label.
            return "how one person is named in these minutes", "who came"
        label = naming.public.get(record_id, "one person")
        return f"the attendance record for {label}", "who came"
    return "part of the record", "part of the notes"

