"""Erasing one person from records, exactly: the planning half of ``coprod forget``.

Pure functions: given records and a person, the records without them and an
account of every change, in words. ``service/forget.py`` reads the records, decides
which names to look for, and writes the result (or, for a dry run, does not).

By id, the person's own records go (a raised hand, corrections about their
attendance) and links to them are cut (the idea they raised is kept as "removed
at the person's request", an action they owned has no owner, a named comment
card becomes anonymous). That they came stays: their attendance and speaking
turns are kept, leading to a fresh id that leads to no one, so a meeting's
counts ("6 people took part") do not change when someone is forgotten.

By name, free text changes only where the name rule (``coprod_tui/names``) finds the
name written as a name: the replacement is ``REMOVED`` and every other
character stays as it was. Any free text may mention someone, so every field
that is free text is read (the privacy-safe reading) and each change reported:
a session's title, venue, facilitator, purpose, what can and cannot change,
agenda titles, checklist notes and next meeting; ideas and their tags;
decisions, their reasons and the views that differed; actions, who will do
them (as typed), what was done and why not; comment cards; the 'I' statement
evidence; corrections (their notes and the values they keep); other people's
organisation and support notes at a session; and in groups.json each group's
name, purpose, organisation and code of conduct, and other people's names
("Joan (Sam Whitfield's mum)"), organisation, contact and support notes.
Fields that cannot mention anyone by design are never read: codes, ids, dates
and times (``is_code``). Which forms of the name are looked for where (the
whole name everywhere, a part alone only where the person took part) is
``forget.py``'s choice; in another person's name only the whole name is. In a
closed session, each text change leaves a dated correction saying a name was
removed at the person's request, without either value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..clock import new_id
from ..errors import ValidationError
from ..model import (
    Action, Attendance, Correction, Feedback, Group, Idea, Person, Record, Session,
)
from ..model.records import NAME_REMOVED_NOTE
from ..names import NameMatcher
from ..text import one_line
from ..words import field_words, plural

REMOVED = "[name removed]"

#: Fields holding codes, ids, dates or times: never free text, so never read for
#: names (a name like "Ed" must not turn the status "closed" into "clos[name removed]").
_CODES = frozenset({
    "id", "kind", "status", "raised_by", "method", "in_control", "role", "mode", "format",
    "stage", "methods", "support_needs", "conduct_how", "source_kind", "record_kind",
    "field_name", "answers", "roster", "date", "start", "end", "due", "at", "schema",
    "agreed_on", "picture"})

#: How the session's tables are named in a report, in the order they are told.
_TABLES = ("ideas", "decisions", "actions", "feedback", "audit", "attendance", "corrections")

#: Which tables' text changes leave a note in a closed session (the rest are history).
_NOTED = frozenset({"session", "ideas", "decisions", "actions", "feedback", "audit",
                    "attendance"})


def is_code(field_name: str) -> bool:
    """True for a field that holds a code, id or time rather than words."""
    return (field_name in _CODES
            or field_name.endswith(("_id", "_ids", "_at", "_since")))


@dataclass(frozen=True, slots=True)
class TextChange:
    """One field of one record whose text lost the person's name."""

    #: The record, as a person finds it: "idea 3 'Ramps at both doors'".
    record: str
    #: The field: "the reasons".
    field: str

    def __str__(self) -> str:
        return f"{self.record}: {self.field}"


@dataclass(slots=True)
class Erasure:
    """What erasing the person changes in one file."""

    #: Records and links removed, in words ("attendance record removed").
    removed: list[str] = field(default_factory=list)
    texts: list[TextChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.removed or self.texts)


#: ``scrub(text, replacement)``: the text with the person's name replaced.
Scrub = Callable[..., str]

#: Shorter stand-ins, for a field the usual one would make too long for its limit
#: (a 300-character title holding "Ed"): "…" is never longer than a name.
_SHORTER = ("[removed]", "…")


def scrubber(matcher: NameMatcher, person_id: str) -> Scrub:
    """Replace the person's name, where the matcher finds it as theirs."""
    def scrub(text: str, replacement: str = REMOVED) -> str:
        if not text:
            return text
        return matcher.replace(text, lambda m: replacement if person_id in m.keys else None)
    return scrub


def scrub_value(value: Any, scrub: Scrub, name: str = "") -> Any:
    """A stored value with ``scrub`` applied to each piece of free text in it."""
    if isinstance(value, str):
        return value if is_code(name) else scrub(value)
    if isinstance(value, list):
        return [scrub_value(v, scrub, name) for v in value]
    if isinstance(value, dict):
        return {k: scrub_value(v, scrub, k) for k, v in value.items()}
    return value


R = TypeVar("R", bound=Record)


def _record_id(record: Record) -> str:
    """An attendance row is known by its person; every other record by its own id."""
    return str(getattr(record, "person_id" if isinstance(record, Attendance) else "id"))


def _scrub_record(record: R, scrub: Scrub, skip: frozenset[str] = frozenset()
                  ) -> tuple[R, list[str]]:
    """The record with its free text scrubbed, and the names of the fields that changed."""
    before = record.to_dict()
    replacements = [REMOVED, *_SHORTER]
    while True:
        replacement = replacements.pop(0)
        after = dict(before)
        changed = []
        for name, value in before.items():
            if name in skip or is_code(name):
                continue
            if isinstance(record, Correction) and name in ("old", "new") \
                    and is_code(record.field_name):
                continue
            new = scrub_value(value, lambda text: scrub(text, replacement), name)
            if new != value:
                after[name] = new
                changed.append(name)
        if not changed:
            return record, changed
        try:
            return type(record).from_dict(after), changed
        except ValidationError:
            if not replacements:
                raise


def _gist(text: str) -> str:
    return f"'{one_line(text, 40)}'"


_NOUNS = {"ideas": "idea", "decisions": "decision", "actions": "action"}


def _label(table: str, n: int, record: Any) -> str:
    """A record as the report names it: "decision 2 'Paint it green'"."""
    if table in _NOUNS:
        return f"{_NOUNS[table]} {n} {_gist(record.text)}"
    if table == "feedback":
        return f"comment card {n}"
    if table == "audit":
        return f"the check of 'I' statement {record.statement}"
    if table == "attendance":
        return f"the attendance record of another person (id {record.person_id[:8]})"
    return f"the correction made on {record.at[:10]}"


#: What cutting a record's link to the person means, per table.
_UNLINKED = {"ideas": "is no longer credited to them",
             "actions": "no longer has them as its owner",
             "feedback": "is anonymous now",
             "corrections": "no longer refers to them"}


def _without(value: Any, person_id: str) -> Any:
    """A corrected value with the person's id taken out (a correction of who raised it)."""
    if value == person_id:
        return None
    if isinstance(value, list):
        return [v for v in value if v != person_id]
    return value


def _unlink(record: Record, person_id: str) -> Record | None:
    """The record with its links to the person cut; None if it has none."""
    if isinstance(record, Idea) and record.person_id == person_id:
        return record.replace(person_id=None, raised_by="removed")
    if isinstance(record, Action) and record.owner_person_id == person_id:
        return record.replace(owner_person_id=None)
    if isinstance(record, Feedback) and record.person_id == person_id:
        return record.replace(person_id=None)
    if isinstance(record, Correction) and any(
            v == person_id or (isinstance(v, list) and person_id in v)
            for v in (record.old, record.new)):
        return record.replace(old=_without(record.old, person_id),
                              new=_without(record.new, person_id))
    return None


def erase_session(session: Session, tables: dict[str, list[Any]], person_id: str,
                  scrub: Scrub, *, at: str
                  ) -> tuple[Session, dict[str, list[Any]], Erasure]:
    """A session's records without the person; ``at`` dates any note left behind."""
    out = Erasure()
    rows = {name: list(records) for name, records in tables.items()}

    # They still came: the meeting's counts stay true, with no one named. Their
    # attendance and turns now lead to a fresh id that leads to no one, and say
    # nothing of them but their role (support needs, organisation and consent go).
    stand_in = new_id()
    ours = [a for a in rows["attendance"] if a.person_id == person_id]
    if ours:
        out.removed.append("attendance record kept, counted as someone unnamed")
    rows["attendance"] = [
        a.replace(person_id=stand_in, forgotten=True, organisation="", support_needs=[],
                  support_other="", consent_to_be_named=False)
        if a.person_id == person_id else a for a in rows["attendance"]]
    turns = sum(1 for t in rows["turns"] if t.person_id == person_id)
    if turns:
        out.removed.append(plural(turns, "speaking turn") + " kept, credited to no one")
    rows["turns"] = [t.replace(person_id=stand_in) if t.person_id == person_id else t
                     for t in rows["turns"]]
    hands = [h for h in session.hands if h.person_id != person_id]
    if len(hands) != len(session.hands):
        out.removed.append("raised hand removed")
        session = session.replace(hands=hands)
    about = [c for c in rows["corrections"] if c.record_id == person_id]
    if about:
        out.removed.append(plural(len(about), "correction") + " of their attendance removed")
        rows["corrections"] = [c for c in rows["corrections"] if c.record_id != person_id]
    notes: list[Correction] = []
    closed = session.status == "closed"

    def noted(kind: str, record_id: str, names: list[str]) -> None:
        if closed and kind in _NOTED:
            notes.extend(Correction(record_kind=kind, record_id=record_id, field_name=name,
                                    old=None, new=None, note=NAME_REMOVED_NOTE, at=at)
                         for name in names)

    session, changed = _scrub_record(session, scrub)
    out.texts.extend(TextChange("the session's details", field_words(name)) for name in changed)
    noted("session", session.id, changed)
    for name in _TABLES:
        for n, record in enumerate(rows[name], start=1):
            cut = _unlink(record, person_id)
            new, changed = _scrub_record(cut or record, scrub)
            if cut is None and not changed:
                continue
            rows[name][n - 1] = new
            label = _label(name, n, new)  # told as it is now: without the name
            if cut is not None:
                out.removed.append(f"{label} {_UNLINKED[name]}")
            out.texts.extend(TextChange(label, field_words(f)) for f in changed)
            noted(name, _record_id(new), changed)
    rows["corrections"] = [*rows["corrections"], *notes]
    return session, rows, out


def erase_groups(groups: list[Group], people: list[Person], person_id: str,
                 scrub_for: Callable[[Group], Scrub], scrub_people: Scrub
                 ) -> tuple[list[Group], list[Person], Erasure]:
    """groups.json without the person: off the people list and every roster, and their
    name out of each group's text and out of other people's details (never their name)."""
    out = Erasure()
    kept_people = [p for p in people if p.id != person_id]
    new_groups = []
    rosters = 0
    for group in groups:
        scrub = scrub_for(group)  # asked while the roster still has them
        if person_id in group.roster:
            group = group.replace(roster=[p for p in group.roster if p != person_id])
            rosters += 1
        group, changed = _scrub_record(group, scrub)
        out.texts.extend(TextChange(f"the group '{one_line(group.name, 40)}'", field_words(f))
                         for f in changed)
        new_groups.append(group)
    new_people = []
    for person in kept_people:
        # Their own name too: "Joan (Sam Whitfield's mum)" loses Sam Whitfield.
        person, changed = _scrub_record(person, scrub_people)
        out.texts.extend(TextChange(f"the details of another person (id {person.id[:8]})",
                                    "that person's name" if f == "name" else field_words(f))
                         for f in changed)
        new_people.append(person)
    if len(kept_people) != len(people):
        out.removed.append("removed from the people list"
                           + (f" and from the roster of {plural(rosters, 'group')}"
                              if rosters else ""))
    return new_groups, new_people, out


_DROP = object()


def erase_json(value: Any, person_id: str, scrub: Scrub, scrub_names: Scrub | None = None
               ) -> tuple[Any, Erasure]:
    """Any JSON coprod once wrote (a backup, a set-aside copy) without the person.

    Records are recognised by their fields, as in the live files; text changes
    are reported by where they sit in the file ("ideas › 3 › text"). Another
    person's own name is read with ``scrub_names`` (meant to take only the whole
    name) or, without it, left alone.
    """
    out = Erasure()
    counts = {"records": 0, "links": 0}

    def walk(value: Any, key: str, where: tuple[str, ...]) -> Any:
        if isinstance(value, dict):
            if value.get("id") == person_id and "name" in value:
                counts["records"] += 1
                return _DROP  # their entry in the people list
            if value.get("record_id") == person_id or (
                    value.get("person_id") == person_id
                    and "text" not in value and "level" not in value):
                counts["records"] += 1
                return _DROP  # attendance, a turn, a raised hand, a correction about them
            if value.get("person_id") == person_id:  # an idea or a comment card: kept
                value = {**value, "person_id": None}
                if "text" in value:
                    value["raised_by"] = "removed"
                counts["links"] += 1
            if value.get("owner_person_id") == person_id:
                value = {**value, "owner_person_id": None}
                counts["links"] += 1
            own_name = "role" in value and "name" in value  # a person's own name
            result = {}
            for k, v in value.items():
                if k == "name" and own_name:
                    named = scrub_names(v) if scrub_names and isinstance(v, str) else v
                    if named != v:
                        out.texts.append(TextChange(" › ".join((*where, k)), "the text"))
                    result[k] = named
                    continue
                new = walk(v, k, (*where, k))
                if new is _DROP:
                    if isinstance(v, dict):
                        continue
                    new = None  # their id as a value (a corrected "who raised it")
                    counts["links"] += 1
                result[k] = new
            return result
        if isinstance(value, list):
            kept = []
            for i, item in enumerate(value):
                new = walk(item, key, (*where, str(i)))
                if new is _DROP:
                    if not isinstance(item, dict):
                        counts["links"] += 1  # their id in a list (a roster)
                    continue
                kept.append(new)
            return kept
        if isinstance(value, str):
            if value == person_id:
                return _DROP
            if is_code(key):
                return value
            new = scrub(value)
            if new != value:
                out.texts.append(TextChange(" › ".join(where) or "the file", "the text"))
            return new
        return value

    new = walk(value, "", ())
    if new is _DROP:
        new = None
    if counts["records"]:
        out.removed.append(plural(counts["records"], "record") + " of theirs removed")
    if counts["links"]:
        out.removed.append(plural(counts["links"], "link") + " to them removed")
    return new, out
