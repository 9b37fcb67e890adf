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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from .. import framework as fw
from ..consent import RedactionMemo
from ..model import AgendaItem, Attendance, SessionData
from ..rules.speaking import credited
from ..templates import Wording
from ..words import clock_of, whole_minutes
from .actions import ActionRow, action_rows
from .corrections import CorrectionFact, CorrectionNote, correction_summary, describe_corrections
from .evidence import CardTally, Involvement, StatementCheck, card_tally, involvement, \
    statement_checks
from .facts import (
    ConductFact, DecisionFact, IdeaFact, ItemFact, NextMeetingFact, PersonFact, WithdrawnFact,
)
from .naming import SOMEONE, Naming

_ROLE = fw.labels(fw.ROLES)
_MODE = fw.labels(fw.MODES)
_ATTENDANCE = fw.labels(fw.ATTENDANCE)
_METHOD = fw.labels(fw.DECISION_METHODS)
_CONTROL = fw.labels(fw.IN_CONTROL)
_SESSION_STATUS = {"planned": "Planned", "live": "Running", "closed": "Closed"}
_WITHDRAWN_NOUN = {"ideas": "idea", "decisions": "decision", "actions": "action",
                   "feedback": "comment card"}


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
    #: Records withdrawn as entered in error, oldest first.
    withdrawn: tuple[WithdrawnFact, ...] = ()
    #: Actions of earlier meetings followed up at this one ("Last time's actions").
    followed_up: tuple[ActionRow, ...] = ()
    #: Each record's number in these minutes, by table ("ideas", "decisions",
    #: "actions") and record id: a screen finds a record found by search here.
    record_numbers: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def present(self) -> tuple[PersonFact, ...]:
        """Everyone present, supporters included (the attendance list)."""
        return tuple(p for p in self.people if p.present)

    @property
    def participants(self) -> tuple[PersonFact, ...]:
        return tuple(p for p in self.people if p.participant)

    @property
    def supporting(self) -> tuple[PersonFact, ...]:
        """Present to support others: an interpreter, a supporter, the note-taker."""
        return tuple(p for p in self.present if p.supporting)

    @property
    def ideas(self) -> tuple[IdeaFact, ...]:
        return tuple(i for item in self.all_items for i in item.ideas)

    @property
    def decisions(self) -> tuple[DecisionFact, ...]:
        return tuple(d for item in self.all_items for d in item.decisions)

    @property
    def apologies(self) -> tuple[str, ...]:
        return tuple(p.label for p in self.people if p.status == "apologies")

    @property
    def not_spoken(self) -> tuple[str, ...]:
        """Participants present who have not been heard (no turn, no idea of theirs)."""
        return tuple(p.label for p in self.participants if not p.heard)

    @property
    def all_items(self) -> tuple[ItemFact, ...]:
        return (*self.items, *([self.general] if self.general else []))

    @property
    def author(self) -> str:
        """Who the document is from: the organisation, else the facilitator."""
        return self.organisation or self.facilitator or self.group


def session_report(data: SessionData, wording: Wording, *, for_facilitator: bool = False,
                   at: datetime | None = None,
                   followed_up: Sequence[ActionRow] = (),
                   memo: RedactionMemo | None = None) -> SessionReport:
    """The session in facts. ``at`` is the moment a running item's clock is read
    (now, by default); ``followed_up``: the actions of earlier meetings followed up at
    this one (``FollowUpService.reported_at``), as their own sessions' rows;
    ``memo``: texts the name rule read for an earlier report (the room view's).

    A withdrawn record is left out of every list and count (``withdrawn`` lists it)."""
    naming = Naming(data, for_facilitator=for_facilitator, memo=memo)
    shown = naming.text
    session, group = data.session, data.group

    # Ideas and decisions grouped under their agenda item, numbered in print order.
    known = {item.id for item in session.agenda}
    ideas_under: dict[str | None, list] = defaultdict(list)
    for idea in data.ideas:
        if not idea.withdrawn:
            ideas_under[idea.agenda_item_id if idea.agenda_item_id in known
                        else None].append(idea)
    decisions_under: dict[str | None, list] = defaultdict(list)
    for d in (d for d in data.decisions if not d.withdrawn):
        decisions_under[d.agenda_item_id if d.agenda_item_id in known else None].append(d)
    order: list[str | None] = [item.id for item in session.agenda] + [None]
    ideas: dict[str, IdeaFact] = {}
    for key in order:
        for idea in ideas_under[key]:
            ideas[idea.id] = IdeaFact(len(ideas) + 1, shown(idea.text.strip()),
                                      naming.idea_by(idea), idea.raised_by, clock_of(idea.at),
                                      shown(idea.not_taken_up.strip()), idea.id,
                                      plain=shown(idea.plain.strip()))
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
                at=clock_of(d.at), decided_by=shown(d.decided_by.strip()), id=d.id,
                plain=shown(d.plain.strip()))

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
               "actions": {a.id: n for n, a in enumerate(
                   (a for a in data.actions if not a.withdrawn), start=1)}}
    turns: dict[str, int] = defaultdict(int)
    for turn in data.turns:
        turns[turn.person_id] += 1
    said = credited(data.ideas)
    people = tuple(_person(a, naming, turns[a.person_id], said[a.person_id])
                   for a in data.attendance)
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
        withdrawn=_withdrawn(data, naming),
        followed_up=tuple(followed_up),
        record_numbers=numbers,
    )


def _withdrawn(data: SessionData, naming: Naming) -> tuple[WithdrawnFact, ...]:
    found = [(table, r) for table in ("ideas", "decisions", "actions", "feedback")
             for r in getattr(data, table) if r.withdrawn]
    found.sort(key=lambda pair: pair[1].withdrawn_at)
    return tuple(WithdrawnFact(
        kind=_WITHDRAWN_NOUN[table], day=(r.withdrawn_at or "")[:10],
        reason=naming.text(r.withdrawn_reason.strip()),
        text=(r.comment if table == "feedback" else r.text) if naming.for_facilitator else "")
        for table, r in found)


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


def _person(a: Attendance, naming: Naming, turns: int, ideas: int) -> PersonFact:
    return PersonFact(
        label=naming.person(a.person_id), shared_label=naming.public.get(a.person_id, SOMEONE),
        named=naming.named(a.person_id),
        role=_ROLE.get(a.role, _ROLE["other"]), organisation=naming.organisation(a),
        status=a.status, status_label=_ATTENDANCE.get(a.status, a.status),
        here=attendance_words(a),
        mode=_MODE.get(a.mode, a.mode), late=a.late, arrived=clock_of(a.arrived_at),
        left_at=clock_of(a.left_at), conduct=conduct_state(a), turns=turns, ideas=ideas,
        supporting=a.role in fw.SUPPORT_ROLES)


def _conduct(data: SessionData, people: tuple[PersonFact, ...],
             shown: Callable[[str], str]) -> ConductFact:
    present = [p for p in people if p.present]
    agreed_versions = [a.conduct_version for a in data.present() if a.conduct_version]
    current = data.group.current_conduct
    version = max(agreed_versions) if agreed_versions else (current.version if current else None)
    agreed_on = ""
    changed_here = None
    if version is not None and 0 < version <= len(data.group.conduct):
        chosen = data.group.conduct[version - 1]
        agreed_on = chosen.agreed_on
        here = (chosen.session_id == data.session.id if chosen.session_id is not None
                else chosen.adopted_at[:10] == data.session.date)  # before it was kept
        if version > 1 and here:
            changed_here = shown(chosen.note.strip())
    agreed = sum(1 for p in present if p.conduct == "agreed")
    later = sum(1 for p in present if p.conduct == "later")
    return ConductFact(version, agreed_on, agreed, later, len(present) - agreed - later,
                       changed_here)
