"""What happens in a session: turns, ideas, decisions, actions, feedback."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import framework as fw
from ..clock import new_id, now
from ..errors import ValidationError
from ..text import clean_line, clean_long
from .base import Record, one_of
from .session import _date, _instant


#: A plain-words version is a few short sentences, never a pasted document.
PLAIN_LIMIT = 2000


def _plain(text: str) -> str:
    return clean_long(text, what="The plain words", limit=PLAIN_LIMIT, field="plain")


@dataclass(slots=True)
class Turn(Record):
    """One person speaking once: the record behind 'who has not spoken yet'."""

    noun = "speaking turn"
    person_id: str
    agenda_item_id: str | None = None
    kind: str = "normal"
    id: str = field(default_factory=new_id)
    at: str = field(default_factory=now)

    def __post_init__(self) -> None:
        one_of(self.kind, (c.key for c in fw.TURN_KINDS), "The kind of turn", "kind")
        _instant(self.at, "When they spoke", "at")


@dataclass(slots=True)
class Idea(Record):
    noun = "idea"
    text: str
    #: person | anonymous | chat | after | removed (see framework.RAISED_BY)
    raised_by: str = "anonymous"
    person_id: str | None = None
    agenda_item_id: str | None = None
    tags: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    at: str = field(default_factory=now)
    #: The idea in plain words, for the easy read (an addition, not a correction).
    plain: str = ""

    def __post_init__(self) -> None:
        self.text = clean_long(self.text, what="An idea", required=True, field="text")
        self.plain = _plain(self.plain)
        one_of(self.raised_by, (c.key for c in fw.RAISED_BY), "Who raised the idea", "raised_by")
        if (self.raised_by == "person") != (self.person_id is not None):
            raise ValidationError("Say which person raised the idea, or choose anonymous.",
                                  field="person_id")
        self.tags = [clean_line(t, what="A tag", required=True, limit=60, field="tags")
                     for t in self.tags]
        _instant(self.at, "When the idea was raised", "at")


@dataclass(slots=True)
class Decision(Record):
    noun = "decision"
    text: str
    reasons: str
    idea_ids: list[str] = field(default_factory=list)
    #: consensus | vote | facilitator
    method: str = "consensus"
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    differing_views: str = ""
    #: yes | partly | no: is carrying it out within the group's control?
    in_control: str = "yes"
    agenda_item_id: str | None = None
    id: str = field(default_factory=new_id)
    at: str = field(default_factory=now)
    #: What was decided and why, in plain words, for the easy read.
    plain: str = ""

    def __post_init__(self) -> None:
        self.text = clean_long(self.text, what="The decision", required=True, field="text")
        self.plain = _plain(self.plain)
        self.reasons = clean_long(self.reasons, what="The reasons", field="reasons")
        if not self.reasons.strip():
            raise ValidationError(
                "A decision needs its reasons: say why the group decided this.", field="reasons")
        one_of(self.method, (c.key for c in fw.DECISION_METHODS), "How it was decided",
               "method")
        votes = (self.votes_for, self.votes_against, self.votes_abstain)
        if self.method == "vote":
            if self.votes_for is None or self.votes_against is None:
                raise ValidationError("For a vote, give the number for and against.",
                                      field="votes_for")
            if any(v is not None and v < 0 for v in votes):
                raise ValidationError("Vote counts cannot be negative.", field="votes_for")
        elif any(v is not None for v in votes):
            raise ValidationError("Vote counts are only kept when the decision was a vote.",
                                  field="method")
        self.differing_views = clean_long(self.differing_views, what="Views that differed",
                                          field="differing_views")
        one_of(self.in_control, (c.key for c in fw.IN_CONTROL), "Whether it is in our control",
               "in_control")
        self.idea_ids = list(dict.fromkeys(self.idea_ids))
        _instant(self.at, "When the decision was made", "at")


@dataclass(slots=True)
class Action(Record):
    """A promise to do something: the 'We did' half of 'You said, We did'."""

    noun = "action"
    text: str
    owner: str = ""
    owner_person_id: str | None = None
    due: str = ""
    #: idea | decision | "" (raised on its own)
    source_kind: str = ""
    source_id: str | None = None
    status: str = "open"
    #: What was done ("We did ..."), when status is done.
    outcome: str = ""
    #: Why it could not be done, when status is not_able.
    reason: str = ""
    communicated_back_at: str | None = None
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=now)
    updated_at: str = field(default_factory=now)
    #: The job in plain words, for the easy read.
    plain: str = ""

    def __post_init__(self) -> None:
        self.text = clean_long(self.text, what="The action", required=True, field="text")
        self.plain = _plain(self.plain)
        self.owner = clean_line(self.owner, what="Who will do it", field="owner")
        self.due = _date(self.due, "The due date", field="due")
        one_of(self.source_kind, ("", "idea", "decision"), "What the action came from",
               "source_kind")
        if bool(self.source_kind) != (self.source_id is not None):
            raise ValidationError("An action's source needs both its kind and its id.",
                                  field="source_id")
        one_of(self.status, (c.key for c in fw.ACTION_STATUS), "The action's status", "status")
        self.outcome = clean_long(self.outcome, what="What was done", field="outcome")
        self.reason = clean_long(self.reason, what="The reason", field="reason")
        if self.status == "not_able" and not self.reason.strip():
            raise ValidationError(
                "Say why it could not be done: people deserve to know the reason.",
                field="reason")
        if self.status == "done" and not self.outcome.strip():
            raise ValidationError("Say what was done, so people can see the result.",
                                  field="outcome")
        _instant(self.communicated_back_at, "When it was told back", "communicated_back_at")
        _instant(self.created_at, "When the action was made", "created_at")
        _instant(self.updated_at, "When the action changed", "updated_at")


@dataclass(slots=True)
class Feedback(Record):
    """A comment card: how far someone feels their voice has influence."""

    noun = "comment card"
    #: 1 (no influence) .. 4 (heard and has influence)
    level: int
    comment: str = ""
    #: Set only when the person asked to be named.
    person_id: str | None = None
    id: str = field(default_factory=new_id)
    at: str = field(default_factory=now)

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 4:
            raise ValidationError("Choose one of the four levels, 1 to 4.", field="level")
        self.comment = clean_long(self.comment, what="The comment", field="comment")
        _instant(self.at, "When the card was given", "at")


@dataclass(slots=True)
class AuditAnswer(Record):
    """The check of one 'I' statement: an answer per question, with evidence."""

    noun = "'I' statement check"
    statement: int
    #: One of yes | partly | no | "" (not answered) per question, in order.
    answers: list[str] = field(default_factory=list)
    evidence: str = ""
    #: Required when any answer is "no": what will change.
    will_change: str = ""
    id: str = field(default_factory=new_id)
    at: str = field(default_factory=now)

    def __post_init__(self) -> None:
        if not 1 <= self.statement <= len(fw.I_STATEMENTS):
            raise ValidationError(f"There are {len(fw.I_STATEMENTS)} 'I' statements.",
                                  field="statement")
        for answer in self.answers:
            one_of(answer, ("", *(c.key for c in fw.AUDIT_ANSWERS)), "An answer", "answers")
        self.evidence = clean_long(self.evidence, what="The evidence", field="evidence")
        self.will_change = clean_long(self.will_change, what="What will change",
                                      field="will_change")
        if "no" in self.answers and not self.will_change.strip():
            raise ValidationError("Where the answer is no, say what will change.",
                                  field="will_change")
        _instant(self.at, "When the check was made", "at")


#: The note ``coprod forget`` keeps where it removed a name from a closed session's
#: text. Its correction holds neither value: the old one would hold the name.
NAME_REMOVED_NOTE = "A name was removed at the person's request."


@dataclass(slots=True)
class Correction(Record):
    """A dated change to a closed session, keeping the value it replaced."""

    noun = "correction"
    record_kind: str
    record_id: str
    field_name: str
    old: Any
    new: Any
    note: str = ""
    id: str = field(default_factory=new_id)
    at: str = field(default_factory=now)

    def __post_init__(self) -> None:
        self.note = clean_long(self.note, what="The note", limit=20_000, field="note")
        _instant(self.at, "When the correction was made", "at")

    @property
    def is_name_removal(self) -> bool:
        """True for the note ``coprod forget`` keeps (no values, by design)."""
        return self.note == NAME_REMOVED_NOTE and self.old is None and self.new is None
