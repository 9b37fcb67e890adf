"""What happened at a session, gathered once for every document that reports it.

The full minutes and the easy-read minutes tell the same facts in different
words, so both are written from one ``SessionFacts``. The privacy rule is
applied here, in one place: people are named only if they agreed to be named at
this session (``SessionData.public_names``), and every piece of free text passes
through ``consent.redactor``, so a name typed into an idea or a note becomes the
person's label there too; organisations are shown only next to a name, and
support needs and contact details are never read at all.

Ideas and decisions are numbered in the order the minutes print them, so a
decision can say "informed by ideas 2 and 3" and an action "from decision 1".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from coprod_tui import framework as fw
from coprod_tui.consent import redactor
from coprod_tui.model import Correction, SessionData
from coprod_tui.templates import Wording

from coprod_tui.evidence import (
    CardTally, Involvement, StatementCheck, card_tally, involvement, statement_checks,
)
from .plain import clock_of, join_words


@dataclass(frozen=True, slots=True)
class IdeaFact:
    number: int
    text: str
    #: How the idea is credited: a consented name, "Carer 2", "Anonymous", ...
    by: str
    #: person | anonymous | chat | after | removed
    raised_by: str


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


@dataclass(frozen=True, slots=True)
class ItemFact:
    """One agenda item (or the general heading) with what was raised under it."""

    title: str
    planned_min: int | None
    spent_min: int | None
    ideas: tuple[IdeaFact, ...]
    decisions: tuple[DecisionFact, ...]


@dataclass(frozen=True, slots=True)
class ActionFact:
    number: int
    text: str
    owner: str
    due: str
    status: str
    status_label: str
    outcome: str
    reason: str
    #: "idea" or "decision" with its number in these minutes, or "" and None.
    source_kind: str
    source_number: int | None
    told_back: str | None


@dataclass(frozen=True, slots=True)
class PersonFact:
    label: str
    named: bool
    role: str
    organisation: str
    mode: str
    late: bool
    left_at: str


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
class CorrectionFact:
    #: The day it was corrected (ISO date).
    day: str
    #: Precise: "decision 2: the reasons".
    what: str
    #: For easy read: "a decision".
    kind: str
    note: str


@dataclass(frozen=True, slots=True)
class NextMeetingFact:
    date: str
    start: str
    venue: str
    note: str


@dataclass(frozen=True, slots=True)
class SessionFacts:
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
    facilitator: str
    purpose: str
    can_change: str
    cannot_change: str
    present: tuple[PersonFact, ...]
    apologies: tuple[str, ...]
    conduct: ConductFact
    items: tuple[ItemFact, ...]
    #: Ideas and decisions with no (known) agenda item; None when there are none.
    general: ItemFact | None
    actions: tuple[ActionFact, ...]
    involvement: Involvement
    cards: CardTally | None
    checks: tuple[StatementCheck, ...]
    next_meeting: NextMeetingFact | None
    corrections: tuple[CorrectionFact, ...]

    @property
    def author(self) -> str:
        """Who the document is from: the organisation, else the facilitator."""
        return self.organisation or self.facilitator or self.group


def session_facts(data: SessionData, wording: Wording) -> SessionFacts:
    session, group = data.session, data.group
    names = data.public_names()
    shared = redactor(data)
    role_label = fw.labels(fw.ROLES)

    # Ideas and decisions grouped under their agenda item, numbered in print order.
    known_items = {item.id for item in session.agenda}
    ideas_under: dict[str | None, list] = defaultdict(list)
    for idea in data.ideas:
        ideas_under[idea.agenda_item_id if idea.agenda_item_id in known_items else None
                    ].append(idea)
    decisions_under: dict[str | None, list] = defaultdict(list)
    for decision in data.decisions:
        decisions_under[decision.agenda_item_id
                        if decision.agenda_item_id in known_items else None].append(decision)

    order: list[str | None] = [item.id for item in session.agenda] + [None]
    idea_facts: dict[str, IdeaFact] = {}
    for key in order:
        for idea in ideas_under[key]:
            idea_facts[idea.id] = IdeaFact(len(idea_facts) + 1, shared(idea.text.strip()),
                                           data.raised_by_label(idea, names), idea.raised_by)
    method_label = fw.labels(fw.DECISION_METHODS)
    control_label = fw.labels(fw.IN_CONTROL)
    decision_facts: dict[str, DecisionFact] = {}
    for key in order:
        for d in decisions_under[key]:
            decision_facts[d.id] = DecisionFact(
                number=len(decision_facts) + 1, text=shared(d.text.strip()),
                reasons=shared(d.reasons.strip()),
                informed_by=tuple(idea_facts[i] for i in d.idea_ids if i in idea_facts),
                method=d.method, method_label=method_label.get(d.method, d.method),
                votes_for=d.votes_for, votes_against=d.votes_against,
                votes_abstain=d.votes_abstain,
                differing_views=shared(d.differing_views.strip()),
                in_control=d.in_control,
                in_control_label=control_label.get(d.in_control, d.in_control))

    def item_fact(title: str, key: str | None, planned: int | None, spent_s: int | None
                  ) -> ItemFact:
        return ItemFact(shared(title), planned, round(spent_s / 60) if spent_s else None,
                        tuple(idea_facts[i.id] for i in ideas_under[key]),
                        tuple(decision_facts[d.id] for d in decisions_under[key]))

    items = tuple(item_fact(item.title, item.id, item.planned_min, item.spent_s)
                  for item in session.agenda)
    general = (item_fact("Other ideas and decisions", None, None, None)
               if ideas_under[None] or decisions_under[None] else None)

    status_label = fw.labels(fw.ACTION_STATUS)
    actions = []
    for n, action in enumerate(data.actions, start=1):
        source = (idea_facts.get(action.source_id) if action.source_kind == "idea"
                  else decision_facts.get(action.source_id) if action.source_kind == "decision"
                  else None)
        actions.append(ActionFact(
            number=n, text=shared(action.text.strip()),
            # A label, or who will do it as typed (free text, so it may hold a name).
            owner=(data.owner_label(action, names) if action.owner_person_id
                   else shared(data.owner_label(action, names))),
            due=action.due, status=action.status,
            status_label=status_label.get(action.status, action.status),
            outcome=shared(action.outcome.strip()), reason=shared(action.reason.strip()),
            source_kind=action.source_kind if source else "",
            source_number=source.number if source else None,
            told_back=action.communicated_back_at))

    mode_label = fw.labels(fw.MODES)
    present = tuple(
        PersonFact(label=names[a.person_id],
                   named=a.consent_to_be_named and a.person_id in data.people,
                   role=role_label.get(a.role, "Other"),
                   organisation=(a.organisation if a.consent_to_be_named
                                 and a.person_id in data.people else ""),
                   mode=mode_label.get(a.mode, a.mode), late=a.late,
                   left_at=clock_of(a.left_at))
        for a in data.present())

    next_meeting = session.next_meeting
    nm = (NextMeetingFact(next_meeting.date, next_meeting.start, shared(next_meeting.venue),
                          shared(next_meeting.note.strip()))
          if any((next_meeting.date, next_meeting.start, next_meeting.venue,
                  next_meeting.note.strip())) else None)

    cards = card_tally(data, wording)
    if cards is not None:
        cards = replace(cards, comments=tuple(replace(c, text=shared(c.text))
                                              for c in cards.comments))
    checks = tuple(replace(c, evidence=shared(c.evidence), will_change=shared(c.will_change))
                   for c in statement_checks(data, wording))
    conduct = _conduct(data)
    if conduct.changed_here:
        conduct = replace(conduct, changed_here=shared(conduct.changed_here))
    inv = involvement(data)
    return SessionFacts(
        title=shared(session.title), group=shared(group.name),
        organisation=shared(group.organisation),
        date=session.date, start=session.start, end=session.end, venue=shared(session.venue),
        format=session.format,
        format_label=fw.labels(fw.FORMATS).get(session.format, session.format),
        methods=tuple(fw.labels(fw.METHODS).get(m, m) for m in session.methods),
        stage=fw.labels(fw.STAGES).get(session.stage, session.stage),
        facilitator=shared(session.facilitator),
        purpose=shared((session.purpose or group.purpose).strip()),
        can_change=shared((session.can_change or group.can_change).strip()),
        cannot_change=shared((session.cannot_change or group.cannot_change).strip()),
        present=present,
        apologies=tuple(names[a.person_id] for a in data.apologies()),
        conduct=conduct,
        items=items, general=general, actions=tuple(actions),
        involvement=replace(inv, purpose=shared(inv.purpose)), cards=cards,
        checks=checks, next_meeting=nm,
        corrections=tuple(replace(c, note=shared(c.note)) for c in
                          _corrections(data, names, idea_facts, decision_facts)),
    )


def _conduct(data: SessionData) -> ConductFact:
    present = data.present()
    agreed_versions = [a.conduct_version for a in present if a.conduct_version]
    current = data.group.current_conduct
    version = max(agreed_versions) if agreed_versions else (current.version if current else None)
    adopted = ""
    changed_here = None
    if version is not None and 0 < version <= len(data.group.conduct):
        chosen = data.group.conduct[version - 1]
        adopted = chosen.adopted_at
        if version > 1 and chosen.adopted_at[:10] == data.session.date:
            changed_here = chosen.note.strip()
    later = sum(1 for a in present if a.conduct_how == "later")
    agreed = sum(1 for a in present if a.conduct_how != "later"
                 and (a.conduct_how == "agreed" or a.conduct_agreed_at))
    return ConductFact(version, adopted, agreed, later, len(present) - agreed - later,
                       changed_here)


# -- corrections -------------------------------------------------------------------

#: Fields whose correction changes nothing the minutes show (never mention them).
_PRIVATE = frozenset({"support_needs", "support_other", "contact"})
#: Book-keeping that changes with any edit.
_IGNORED = frozenset({"updated_at", "created_at", "id"})

_SESSION_FIELDS = {
    "title": "the title", "date": "the date", "start": "the start time",
    "end": "the end time", "venue": "the venue", "format": "how people joined",
    "methods": "the ways of working", "purpose": "the purpose",
    "can_change": "what could change", "cannot_change": "what could not change",
    "stage": "the stage", "facilitator": "the facilitator",
    "agenda": "the agenda", "next_meeting": "the next meeting",
    "checklists": "a checklist note",
}
_IDEA_FIELDS = {"text": "the wording", "raised_by": "who raised it",
                "person_id": "who raised it", "agenda_item_id": "its agenda item",
                "tags": "its tags", "at": "the time"}
_DECISION_FIELDS = {
    "text": "the wording", "reasons": "the reasons", "idea_ids": "the ideas behind it",
    "method": "how it was decided", "votes_for": "the vote",
    "votes_against": "the vote", "votes_abstain": "the vote",
    "differing_views": "the views that differed",
    "in_control": "whether it is in the group's control",
    "agenda_item_id": "its agenda item", "at": "the time"}
_ACTION_FIELDS = {"text": "the wording", "owner": "who will do it",
                  "owner_person_id": "who will do it", "due": "the due date",
                  "source_kind": "what it came from", "source_id": "what it came from",
                  "outcome": "what was done", "reason": "the reason"}


def _corrections(data: SessionData, names: dict[str, str], ideas: dict[str, IdeaFact],
                 decisions: dict[str, DecisionFact]) -> tuple[CorrectionFact, ...]:
    """Dated corrections, one line per record corrected on one day.

    Old values are never repeated: a correction may be exactly the removal of
    something that should not have been written down.
    """
    actions = {a.id: n for n, a in enumerate(data.actions, start=1)}
    grouped: dict[tuple[str, str, str], list[Correction]] = {}
    for c in data.corrections:
        if c.field_name in _PRIVATE or c.field_name in _IGNORED:
            continue
        grouped.setdefault((c.at[:10], c.record_kind, c.record_id), []).append(c)

    facts = []
    for (day, kind, record_id), group in grouped.items():
        fields = [c.field_name for c in group]
        notes = list(dict.fromkeys(c.note.strip() for c in group if c.note.strip()))
        what, plain = _describe(kind, record_id, fields, names, ideas, decisions, actions)
        facts.append(CorrectionFact(day, what, plain, " ".join(notes)))
    facts.sort(key=lambda f: f.day)
    return tuple(facts)


def _describe(kind: str, record_id: str, fields: list[str], names: dict[str, str],
              ideas: dict[str, IdeaFact], decisions: dict[str, DecisionFact],
              actions: dict[str, int]) -> tuple[str, str]:
    def parts(table: dict[str, str], fallback: str) -> str:
        return join_words(list(dict.fromkeys(table.get(f, fallback) for f in fields)))

    if kind == "session":
        return "the meeting's details: " + parts(_SESSION_FIELDS, "other details"), \
            "the meeting details"
    if kind == "ideas":
        idea = ideas.get(record_id)
        where = f"idea {idea.number}" if idea else "an idea no longer in the minutes"
        return f"{where}: {parts(_IDEA_FIELDS, 'its details')}", "an idea"
    if kind == "decisions":
        decision = decisions.get(record_id)
        where = (f"decision {decision.number}" if decision
                 else "a decision no longer in the minutes")
        return f"{where}: {parts(_DECISION_FIELDS, 'its details')}", "a decision"
    if kind == "actions":
        n = actions.get(record_id)
        where = f"action {n}" if n else "an action no longer in the minutes"
        return f"{where}: {parts(_ACTION_FIELDS, 'its details')}", "an action"
    if kind == "feedback":
        return "a comment card: the comment", "a comment card"
    if kind == "audit":
        return ("the 'I' statements check: "
                + parts({"evidence": "the evidence", "will_change": "what will change"},
                        "its details"), "the 'I' statements check")
    if kind == "attendance":
        if "consent_to_be_named" in fields:
            # Say that naming changed without linking the change to a label.
            return "how one person is named in these minutes", "who came"
        label = names.get(record_id, "one person")
        return f"the attendance record for {label}", "who came"
    return "part of the record", "part of the notes"
