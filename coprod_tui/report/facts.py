"""The facts one session's report is made of: a person, an idea, a decision, an
agenda item, the code of conduct, a withdrawn record, the next meeting.

``session.py`` makes them (``session_report``); every view and document reads them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..words import full_stop, join_words, minutes, over_under, took

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
    #: Ideas credited to them (they were heard, even without a turn).
    ideas: int = 0
    #: There to support others (an interpreter, a supporter, the note-taker), not as
    #: a participant: not counted among those who took part, never "not spoken".
    supporting: bool = False

    @property
    def present(self) -> bool:
        return self.status == "present"

    @property
    def participant(self) -> bool:
        return self.present and not self.supporting

    @property
    def heard(self) -> bool:
        """Spoke, or had an idea credited to them."""
        return bool(self.turns or self.ideas)


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
    #: Why the group did not take it up ("" when that was not said).
    not_taken_up: str = ""
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
    #: Who decides, when it is partly or wholly outside the group's control.
    decided_by: str = ""
    #: The stored record's id (for choosing what a view shows; never printed).
    id: str = ""
    #: What was decided and why, in plain words ("" when none was written).
    plain: str = ""

    @property
    def how(self) -> str:
        """How it was decided, as a sentence: 'By vote: 3 for, 0 against and 1 abstained.'"""
        if self.method == "vote":
            parts = [f"{self.votes_for or 0} for", f"{self.votes_against or 0} against"]
            if self.votes_abstain is not None:  # 0 abstentions, when given, are said
                parts.append(f"{self.votes_abstain} abstained")
            return f"By vote: {join_words(parts)}."
        return {"consensus": "Everyone agreed.",
                "most": "Most agreed; not everyone did.",
                "facilitator": "The facilitator made the call."}.get(
                    self.method, self.method_label + ".")

    @property
    def control(self) -> str:
        """Whether the group can make it happen, and who decides if not, as a sentence:
        'Outside the group's control: the Department for Education decides.'"""
        if self.in_control == "yes":
            return self.in_control_label + "."
        who = full_stop(self.decided_by) if self.decided_by else "Not recorded."
        rest = "who decides the rest" if self.in_control == "partly" else "who decides"
        return f"{self.in_control_label}; {rest}: {who}"


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
    #: The day the group agreed this version (ISO date), "" when it was not recorded.
    agreed_on: str
    agreed: int
    agreed_later: int
    not_agreed: int
    #: The note when the group changed its code at this very meeting.
    changed_here: str | None


@dataclass(frozen=True, slots=True)
class WithdrawnFact:
    """A record withdrawn as entered in error: kept, in no count and no list."""

    #: "idea", "decision", "action" or "comment card".
    kind: str
    #: The day it was withdrawn (ISO date) and why.
    day: str
    reason: str
    #: What it said: for the facilitator only ("" in anything shared: what was
    #: withdrawn may be exactly what should not have been written down).
    text: str


@dataclass(frozen=True, slots=True)
class NextMeetingFact:
    date: str
    start: str
    venue: str
    note: str
