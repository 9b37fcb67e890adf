"""One session in plain-English facts: what every view and document of it reads.

``session_report(data, wording)`` gathers, once, everything that is said about a
session: who came (and in what role), the agenda with the time each item took
(one rounding rule, ``words.whole_minutes``), the ideas and decisions numbered
in the order the minutes print them (so a decision can say "informed by ideas 2
and 3" and an action "from decision 1"), the actions as ``ActionRow``s, the
evidence counts, the comment cards, the 'I' statements, the next meeting and
the corrections. The privacy rule is applied here through one ``Naming``: the
report is the shared one unless ``for_facilitator=True`` asks for real names.

The full minutes, the easy-read minutes, the read-only view and the Close
summary all read this, so they state the same durations, counts and labels.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from .. import framework as fw
from ..model import AgendaItem, Attendance, SessionData
from ..templates import Wording
from ..words import clock_of, join_words, minutes, over_under, took, whole_minutes
from .actions import ActionRow, action_rows
from .corrections import CorrectionFact, CorrectionNote, correction_summary, describe_corrections
from .evidence import CardTally, Involvement, StatementCheck, card_tally, involvement, \
    statement_checks
from .naming import SOMEONE, Naming

_ROLE = fw.labels(fw.ROLES)
_MODE = fw.labels(fw.MODES)
_ATTENDANCE = fw.labels(fw.ATTENDANCE)
_METHOD = fw.labels(fw.DECISION_METHODS)
_CONTROL = fw.labels(fw.IN_CONTROL)
_SESSION_STATUS = {"planned": "Planned", "live": "Running", "closed": "Closed"}


@dataclass(frozen=True, slots=True)
class PersonFact:
    """One person on the session's attendance list, as this report may show them."""

    label: str
    #: Their label in anything shared (the same as ``label`` unless for the facilitator).
    shared_label: str
    #: Agreed to be named at this session.
    named: bool
    role: str
    #: Shown only beside a name (or to the facilitator).
    organisation: str
    #: expected | present | apologies | absent
    status: str
    status_label: str
    #: Attendance in words: "Present, late 10:40, left 11:30" (never by colour alone).
    here: str
    mode: str
    late: bool
    #: Wall-clock times, "10:40", or "".
    arrived: str
    left_at: str
    #: "agreed" (at the meeting), "later", or "" (not yet).
    conduct: str
    #: Times they were given the floor.
    turns: int

    @property
    def present(self) -> bool:
        return self.status == "present"


@dataclass(frozen=True, slots=True)
class IdeaFact:
    number: int
    text: str
    #: How the idea is credited: a label, "Anonymous", "Via the chat", ...
    by: str
    #: person | anonymous | chat | after | removed
    raised_by: str
    #: When it was raised, "10:42".
    at: str
    #: The stored record's id (for choosing what a view shows; never printed).
    id: str = ""
    #: The idea in plain words ("" when none was written), for the easy read.
    plain: str = ""


@dataclass(frozen=True, slots=True)
class DecisionFact:
    number: int
    text: str
    reasons: str
    informed_by: tuple[IdeaFact, ...]
    #: consensus | vote | facilitator
    method: str
    method_label: str
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None
    differing_views: str
    #: yes | partly | no
    in_control: str
    in_control_label: str
    at: str
    #: The stored record's id (for choosing what a view shows; never printed).
    id: str = ""
    #: What was decided and why, in plain words ("" when none was written).
    plain: str = ""

    @property
    def how(self) -> str:
        """How it was decided, as a sentence: 'By vote: 3 for, 0 against and 1 abstained.'"""
        if self.method == "vote":
            parts = [f"{self.votes_for or 0} for", f"{self.votes_against or 0} against"]
            if self.votes_abstain:
                parts.append(f"{self.votes_abstain} abstained")
            return f"By vote: {join_words(parts)}."
        return {"consensus": "Everyone agreed.",
                "facilitator": "The facilitator made the call."}.get(
                    self.method, self.method_label + ".")


@dataclass(frozen=True, slots=True)
class ItemFact:
    """One agenda item (or the general heading) with what was raised under it."""

    title: str
    planned_min: int | None
    #: Whole minutes spent (``words.whole_minutes``); None if it was never started.
    spent_min: int | None
    ideas: tuple[IdeaFact, ...]
    decisions: tuple[DecisionFact, ...]

    @property
    def timing(self) -> str:
        """'Planned for 50 minutes; took 58 minutes (8 minutes over).', or ''."""
        if not self.planned_min:
            return ""
        if self.spent_min is None:
            return f"Planned for {minutes(self.planned_min)}."
        return (f"Planned for {minutes(self.planned_min)}; {took(self.spent_min)} "
                f"({over_under(self.planned_min, self.spent_min)}).")


@dataclass(frozen=True, slots=True)
class ConductFact:
    version: int | None
    adopted: str
    agreed: int
    agreed_later: int
    not_agreed: int
    #: The note when the group changed its code at this very meeting.
    changed_here: str | None


@dataclass(frozen=True, slots=True)
class NextMeetingFact:
    date: str
    start: str
    venue: str
    note: str


@dataclass(frozen=True, slots=True)
class SessionReport:
    for_facilitator: bool
    title: str
    group: str
    organisation: str
    date: str
    start: str
    end: str
    venue: str
    format: str
    format_label: str
    methods: tuple[str, ...]
    stage: str
    #: planned | live | closed
    status: str
    status_label: str
    facilitator: str
    purpose: str
    can_change: str
    cannot_change: str
    #: Everyone on the attendance list, in its order.
    people: tuple[PersonFact, ...]
    conduct: ConductFact
    items: tuple[ItemFact, ...]
    #: Ideas and decisions with no (known) agenda item; None when there are none.
    general: ItemFact | None
    actions: tuple[ActionRow, ...]
    involvement: Involvement
    cards: CardTally | None
    checks: tuple[StatementCheck, ...]
    next_meeting: NextMeetingFact | None
    #: What was corrected, per record and day (values never repeated).
    corrections: tuple[CorrectionFact, ...]
    #: Each correction as a sentence; old values only for the facilitator.
    correction_notes: tuple[CorrectionNote, ...]
    #: Each record's number in these minutes, by table ("ideas", "decisions",
    #: "actions") and record id: a screen finds a record found by search here.
    record_numbers: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def present(self) -> tuple[PersonFact, ...]:
        return tuple(p for p in self.people if p.present)

    @property
    def apologies(self) -> tuple[str, ...]:
        return tuple(p.label for p in self.people if p.status == "apologies")

    @property
    def not_spoken(self) -> tuple[str, ...]:
        """People present who have not had a turn to speak."""
        return tuple(p.label for p in self.present if not p.turns)

    @property
    def all_items(self) -> tuple[ItemFact, ...]:
        return (*self.items, *([self.general] if self.general else []))

    @property
    def author(self) -> str:
        """Who the document is from: the organisation, else the facilitator."""
        return self.organisation or self.facilitator or self.group


def session_report(data: SessionData, wording: Wording, *, for_facilitator: bool = False,
                   at: datetime | None = None) -> SessionReport:
    """The session in facts. ``at`` is the moment a running item's clock is read
    (now, by default)."""
    naming = Naming(data, for_facilitator=for_facilitator)
    shown = naming.text
    session, group = data.session, data.group

    # Ideas and decisions grouped under their agenda item, numbered in print order.
    known = {item.id for item in session.agenda}
    ideas_under: dict[str | None, list] = defaultdict(list)
    for idea in data.ideas:
        ideas_under[idea.agenda_item_id if idea.agenda_item_id in known else None].append(idea)
    decisions_under: dict[str | None, list] = defaultdict(list)
    for d in data.decisions:
        decisions_under[d.agenda_item_id if d.agenda_item_id in known else None].append(d)
    order: list[str | None] = [item.id for item in session.agenda] + [None]
    ideas: dict[str, IdeaFact] = {}
    for key in order:
        for idea in ideas_under[key]:
            ideas[idea.id] = IdeaFact(len(ideas) + 1, shown(idea.text.strip()),
                                      naming.idea_by(idea), idea.raised_by, clock_of(idea.at),
                                      idea.id, plain=shown(idea.plain.strip()))
    decisions: dict[str, DecisionFact] = {}
    for key in order:
        for d in decisions_under[key]:
            decisions[d.id] = DecisionFact(
                number=len(decisions) + 1, text=shown(d.text.strip()),
                reasons=shown(d.reasons.strip()),
                informed_by=tuple(ideas[i] for i in d.idea_ids if i in ideas),
                method=d.method, method_label=_METHOD.get(d.method, d.method),
                votes_for=d.votes_for, votes_against=d.votes_against,
                votes_abstain=d.votes_abstain, differing_views=shown(d.differing_views.strip()),
                in_control=d.in_control, in_control_label=_CONTROL.get(d.in_control, d.in_control),
                at=clock_of(d.at), id=d.id, plain=shown(d.plain.strip()))

    def item_fact(item: AgendaItem | None) -> ItemFact:
        key = item.id if item else None
        return ItemFact(
            shown(item.title) if item else "Other ideas and decisions",
            item.planned_min if item else None,
            _spent(item, at) if item else None,
            tuple(ideas[i.id] for i in ideas_under[key]),
            tuple(decisions[d.id] for d in decisions_under[key]))

    numbers = {"ideas": {k: f.number for k, f in ideas.items()},
               "decisions": {k: f.number for k, f in decisions.items()},
               "actions": {a.id: n for n, a in enumerate(data.actions, start=1)}}
    turns: dict[str, int] = defaultdict(int)
    for turn in data.turns:
        turns[turn.person_id] += 1
    people = tuple(_person(a, naming, turns[a.person_id]) for a in data.attendance)
    nm = session.next_meeting
    return SessionReport(
        for_facilitator=for_facilitator,
        title=shown(session.title), group=shown(group.name),
        organisation=shown(group.organisation), date=session.date, start=session.start,
        end=session.end, venue=shown(session.venue), format=session.format,
        format_label=fw.labels(fw.FORMATS).get(session.format, session.format),
        methods=tuple(fw.labels(fw.METHODS).get(m, m) for m in session.methods),
        stage=fw.labels(fw.STAGES).get(session.stage, session.stage),
        status=session.status, status_label=_SESSION_STATUS.get(session.status, session.status),
        facilitator=shown(session.facilitator),
        purpose=shown((session.purpose or group.purpose).strip()),
        can_change=shown((session.can_change or group.can_change).strip()),
        cannot_change=shown((session.cannot_change or group.cannot_change).strip()),
        people=people,
        conduct=_conduct(data, people, shown),
        items=tuple(item_fact(item) for item in session.agenda),
        general=item_fact(None) if ideas_under[None] or decisions_under[None] else None,
        actions=tuple(action_rows(data, naming, idea_numbers=numbers["ideas"],
                                  decision_numbers=numbers["decisions"])),
        involvement=involvement(data, naming),
        cards=card_tally(data, wording, naming),
        checks=tuple(statement_checks(data, wording, naming)),
        next_meeting=(NextMeetingFact(nm.date, nm.start, shown(nm.venue), shown(nm.note.strip()))
                      if any((nm.date, nm.start, nm.venue, nm.note.strip())) else None),
        corrections=correction_summary(data, naming, numbers),
        correction_notes=(tuple(describe_corrections(data, old_values=for_facilitator))
                          if data.corrections else ()),
        record_numbers=numbers,
    )


def _spent(item: AgendaItem, at: datetime | None) -> int | None:
    if not item.spent_s and item.running_since is None:
        return None  # never started
    return whole_minutes(item.elapsed_s(at))


def conduct_state(a: Attendance) -> str:
    """'agreed' (at the meeting), 'later', or '' (not yet)."""
    if a.conduct_how == "later":
        return "later"
    if a.conduct_how == "agreed" or a.conduct_version is not None or a.conduct_agreed_at:
        return "agreed"
    return ""


def attendance_words(a: Attendance | None) -> str:
    """Attendance in words, as every screen shows it: 'Present, late 10:40, left 11:30'."""
    if a is None:
        return _ATTENDANCE["expected"]
    words = _ATTENDANCE.get(a.status, a.status)
    if a.present and a.late:
        words += f", late {clock_of(a.arrived_at)}".rstrip()
    if a.present and a.left_at:
        words += f", left {clock_of(a.left_at)}"
    return words


def _person(a: Attendance, naming: Naming, turns: int) -> PersonFact:
    return PersonFact(
        label=naming.person(a.person_id), shared_label=naming.public.get(a.person_id, SOMEONE),
        named=naming.named(a.person_id),
        role=_ROLE.get(a.role, _ROLE["other"]), organisation=naming.organisation(a),
        status=a.status, status_label=_ATTENDANCE.get(a.status, a.status),
        here=attendance_words(a),
        mode=_MODE.get(a.mode, a.mode), late=a.late, arrived=clock_of(a.arrived_at),
        left_at=clock_of(a.left_at), conduct=conduct_state(a), turns=turns)


def _conduct(data: SessionData, people: tuple[PersonFact, ...], shown) -> ConductFact:
    present = [p for p in people if p.present]
    agreed_versions = [a.conduct_version for a in data.present() if a.conduct_version]
    current = data.group.current_conduct
    version = max(agreed_versions) if agreed_versions else (current.version if current else None)
    adopted = ""
    changed_here = None
    if version is not None and 0 < version <= len(data.group.conduct):
        chosen = data.group.conduct[version - 1]
        adopted = chosen.adopted_at
        if version > 1 and chosen.adopted_at[:10] == data.session.date:
            changed_here = shown(chosen.note.strip())
    agreed = sum(1 for p in present if p.conduct == "agreed")
    later = sum(1 for p in present if p.conduct == "later")
    return ConductFact(version, adopted, agreed, later, len(present) - agreed - later,
                       changed_here)
