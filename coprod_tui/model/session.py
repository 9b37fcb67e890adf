"""A session: its plan, agenda, live state and who came."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .. import framework as fw
from ..clock import is_clock_time, is_date, new_id, now, parse_instant, today
from ..errors import ValidationError
from ..text import clean_line, clean_long
from .base import Record, one_of

STATUSES = ("planned", "live", "closed")
CHECKLISTS = ("pre", "involvement")


def _instant(value: str | None, what: str, field: str | None = None) -> str | None:
    if value is None:
        return None
    try:
        parse_instant(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{what} must be a date and time with its offset.",
                              field=field) from None
    return value


def _clock(value: str, what: str, field: str | None = None) -> str:
    value = value.strip()
    if value and not is_clock_time(value):
        raise ValidationError(f"{what} must be a time like 10:30.", field=field)
    return value


def _date(value: str, what: str, required: bool = False, field: str | None = None) -> str:
    value = value.strip()
    if (value or required) and not is_date(value):
        raise ValidationError(f"{what} must be a date like 2026-03-14.", field=field)
    return value


@dataclass(slots=True)
class AgendaItem(Record):
    noun = "agenda item"
    title: str
    planned_min: int = 10
    id: str = field(default_factory=new_id)
    #: Seconds spent on this item in earlier stretches (items can be revisited).
    spent_s: int = 0
    #: When the current stretch on this item began; None when not running.
    running_since: str | None = None

    def __post_init__(self) -> None:
        self.title = clean_line(self.title, what="An agenda item's title", required=True,
                                field="title")
        if not 0 < self.planned_min <= 24 * 60:
            raise ValidationError("Planned minutes must be between 1 and 1440.",
                                  field="planned_min")
        if self.spent_s < 0:
            raise ValidationError("Time spent cannot be negative.", field="spent_s")
        _instant(self.running_since, "When the item started", "running_since")

    def elapsed_s(self, at: datetime | None = None) -> int:
        """Seconds spent on the item so far, including the current stretch."""
        if self.running_since is None:
            return self.spent_s
        at = at or datetime.now().astimezone()
        return self.spent_s + max(0, int((at - parse_instant(self.running_since)).total_seconds()))


@dataclass(slots=True)
class Hand(Record):
    """A raised hand waiting in the queue to speak."""

    noun = "raised hand"
    person_id: str
    kind: str = "normal"
    raised_at: str = field(default_factory=now)

    def __post_init__(self) -> None:
        one_of(self.kind, (c.key for c in fw.TURN_KINDS), "The kind of hand", "kind")
        _instant(self.raised_at, "When the hand went up", "raised_at")


@dataclass(slots=True)
class ChecklistTick(Record):
    noun = "checklist item"
    ticked: bool = False
    note: str = ""

    def __post_init__(self) -> None:
        self.note = clean_long(self.note, what="A checklist note", limit=20_000, field="note")


@dataclass(slots=True)
class NextMeeting(Record):
    noun = "next meeting"
    date: str = ""
    start: str = ""
    venue: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        self.date = _date(self.date, "The next meeting's date", field="date")
        self.start = _clock(self.start, "The next meeting's start time", field="start")
        self.venue = clean_line(self.venue, what="The next meeting's venue", field="venue")
        self.note = clean_long(self.note, what="A note about the next meeting", limit=20_000,
                               field="note")


@dataclass(slots=True)
class Session(Record):
    noun = "session"
    group_id: str
    title: str
    date: str = field(default_factory=today)
    id: str = field(default_factory=new_id)
    start: str = ""
    end: str = ""
    venue: str = ""
    format: str = "in_person"
    methods: list[str] = field(default_factory=list)
    purpose: str = ""
    can_change: str = ""
    cannot_change: str = ""
    stage: str = "analyse"
    facilitator: str = ""
    status: str = "planned"
    agenda: list[AgendaItem] = field(default_factory=list)
    current_item_id: str | None = None
    hands: list[Hand] = field(default_factory=list)
    checklists: dict[str, dict[str, ChecklistTick]] = field(default_factory=dict)
    next_meeting: NextMeeting = field(default_factory=NextMeeting)
    #: Ideas, decisions and actions the facilitator hid from the room view (they stay
    #: in the minutes): a choice about the projector, not part of the record.
    room_hidden_ids: list[str] = field(default_factory=list)
    created_at: str = field(default_factory=now)
    started_at: str | None = None
    closed_at: str | None = None

    def __post_init__(self) -> None:
        self.title = clean_line(self.title, what="The session's title", required=True,
                                field="title")
        self.date = _date(self.date, "The session's date", required=True, field="date")
        self.start = _clock(self.start, "The start time", field="start")
        self.end = _clock(self.end, "The end time", field="end")
        self.venue = clean_line(self.venue, what="The venue", field="venue")
        one_of(self.format, (c.key for c in fw.FORMATS), "The format", "format")
        known = {c.key for c in fw.METHODS}
        for method in self.methods:
            one_of(method, known, "An engagement method", "methods")
        self.methods = list(dict.fromkeys(self.methods))
        self.purpose = clean_long(self.purpose, what="The purpose", limit=20_000, field="purpose")
        self.can_change = clean_long(self.can_change, what="What can change", limit=20_000,
                                     field="can_change")
        self.cannot_change = clean_long(self.cannot_change, what="What cannot change",
                                        limit=20_000, field="cannot_change")
        one_of(self.stage, (c.key for c in fw.STAGES), "The commissioning stage", "stage")
        self.facilitator = clean_line(self.facilitator, what="The facilitator's name",
                                      field="facilitator")
        one_of(self.status, STATUSES, "The session status", "status")
        ids = [item.id for item in self.agenda]
        if len(set(ids)) != len(ids):
            raise ValidationError("Two agenda items have the same id.", field="agenda")
        if self.current_item_id is not None and self.current_item_id not in ids:
            raise ValidationError("The current agenda item is not on the agenda.",
                                  field="current_item_id")
        for name in self.checklists:
            one_of(name, CHECKLISTS, "A checklist", "checklists")
        _instant(self.created_at, "When the session was created", "created_at")
        _instant(self.started_at, "When the session started", "started_at")
        _instant(self.closed_at, "When the session closed", "closed_at")

    def item(self, item_id: str | None) -> AgendaItem | None:
        return next((i for i in self.agenda if i.id == item_id), None)


@dataclass(slots=True)
class Attendance(Record):
    """One person's part in one session. Role, consent etc. are as at this session."""

    noun = "attendance record"
    person_id: str
    status: str = "expected"
    mode: str = "in_room"
    role: str = "other"
    organisation: str = ""
    support_needs: list[str] = field(default_factory=list)
    support_other: str = ""
    consent_to_be_named: bool = False
    late: bool = False
    arrived_at: str | None = None
    left_at: str | None = None
    conduct_version: int | None = None
    conduct_agreed_at: str | None = None
    #: "agreed" in the meeting, or "later" when they agreed after it.
    conduct_how: str = ""

    def __post_init__(self) -> None:
        one_of(self.status, (c.key for c in fw.ATTENDANCE), "Attendance", "status")
        one_of(self.mode, (c.key for c in fw.MODES), "How they joined", "mode")
        one_of(self.role, (c.key for c in fw.ROLES), "The role", "role")
        self.organisation = clean_line(self.organisation, what="The organisation",
                                       field="organisation")
        known = {c.key for c in fw.SUPPORT_NEEDS}
        for need in self.support_needs:
            one_of(need, known, "A support need", "support_needs")
        self.support_other = clean_line(self.support_other, what="Other support needs",
                                        limit=2000, field="support_other")
        _instant(self.arrived_at, "The arrival time", "arrived_at")
        _instant(self.left_at, "The time they left", "left_at")
        _instant(self.conduct_agreed_at, "When they agreed the code of conduct",
                 "conduct_agreed_at")
        one_of(self.conduct_how, ("", "agreed", "later"), "How the code was agreed", "conduct_how")
        if self.status != "present" and (self.late or self.left_at):
            raise ValidationError("Only someone marked present can be late or leave early.",
                                  field="status")

    @property
    def present(self) -> bool:
        return self.status == "present"
