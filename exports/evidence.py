"""Measuring the impact of a session: evidence, comment cards and the audit.

Pure functions from a loaded session to plain numbers and words. They hold no
python-docx so the review screens can show the same figures the minutes print.

* ``involvement`` - who was involved, how, and what difference it made;
* ``card_tally`` - how people felt, from the comment cards (counts only;
  a comment is linked to a name only when the person asked to be named);
* ``statement_checks`` - the 'I' statements check, one entry per statement
  that has answers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from coprod_tui import framework as fw
from coprod_tui.model import SessionData
from coprod_tui.templates import Wording

#: Which side of the table a role sits on, for "lived experience vs professional".
LIVED = "lived"
WORK = "work"
OTHER = "other"


def role_side(role: str) -> str:
    """Lived experience, there through their work, or other."""
    if role in fw.LIVED_EXPERIENCE_ROLES:
        return LIVED
    return OTHER if role == "other" else WORK


@dataclass(frozen=True, slots=True)
class Involvement:
    """Evidence of involvement for one session (all counts)."""

    present: int
    lived_experience: int
    through_work: int
    other_roles: int
    #: (role label, how many were present), in the framework's order, none zero.
    by_role: tuple[tuple[str, int], ...]
    in_room: int
    online: int
    apologies: int
    format: str
    methods: tuple[str, ...]
    purpose: str
    stage: str
    #: People present who spoke at least once, and all turns taken.
    spoke: int
    turns: int
    turns_lived_experience: int
    ideas: int
    ideas_lived_experience: int
    ideas_through_work: int
    #: Ideas raised anonymously, in the chat, after the meeting or since removed.
    ideas_unnamed: int
    decisions: int
    #: Decisions that name at least one idea raised in this session.
    decisions_informed: int
    #: Different ideas that went into decisions.
    ideas_used: int
    decisions_in_control: int
    actions: int
    actions_done: int
    actions_not_able: int
    actions_open: int
    #: Actions whose result has been told back to the group.
    actions_told_back: int


def involvement(data: SessionData) -> Involvement:
    session = data.session
    present = data.present()
    role_of = {a.person_id: a.role for a in data.attendance}
    for pid, person in data.people.items():
        role_of.setdefault(pid, person.role)
    sides = Counter(role_side(a.role) for a in present)
    roles = data.role_counts()
    role_label = fw.labels(fw.ROLES)
    present_ids = {a.person_id for a in present}

    idea_sides: Counter[str] = Counter()
    for idea in data.ideas:
        if idea.raised_by == "person" and idea.person_id:
            idea_sides[role_side(role_of.get(idea.person_id, "other"))] += 1
        else:
            idea_sides["unnamed"] += 1

    idea_ids = {i.id for i in data.ideas}
    used: set[str] = set()
    informed = 0
    for decision in data.decisions:
        linked = [i for i in decision.idea_ids if i in idea_ids]
        if linked:
            informed += 1
            used.update(linked)

    statuses = Counter(a.status for a in data.actions)
    return Involvement(
        present=len(present),
        lived_experience=sides[LIVED],
        through_work=sides[WORK],
        other_roles=sides[OTHER],
        by_role=tuple((role_label[c.key], roles[c.key]) for c in fw.ROLES if roles[c.key]),
        in_room=sum(1 for a in present if a.mode == "in_room"),
        online=sum(1 for a in present if a.mode == "online"),
        apologies=len(data.apologies()),
        format=fw.labels(fw.FORMATS).get(session.format, session.format),
        methods=tuple(fw.labels(fw.METHODS).get(m, m) for m in session.methods),
        purpose=session.purpose or data.group.purpose,
        stage=fw.labels(fw.STAGES).get(session.stage, session.stage),
        spoke=len({t.person_id for t in data.turns} & present_ids),
        turns=len(data.turns),
        turns_lived_experience=sum(1 for t in data.turns
                                   if role_side(role_of.get(t.person_id, "other")) == LIVED),
        ideas=len(data.ideas),
        ideas_lived_experience=idea_sides[LIVED],
        ideas_through_work=idea_sides[WORK],
        ideas_unnamed=idea_sides["unnamed"],
        decisions=len(data.decisions),
        decisions_informed=informed,
        ideas_used=len(used),
        decisions_in_control=sum(1 for d in data.decisions if d.in_control == "yes"),
        actions=len(data.actions),
        actions_done=statuses["done"],
        actions_not_able=statuses["not_able"],
        actions_open=statuses["open"],
        actions_told_back=sum(1 for a in data.actions if a.communicated_back_at),
    )


@dataclass(frozen=True, slots=True)
class LevelCount:
    level: int
    #: The organisation's wording for this level of the comment card.
    text: str
    count: int


@dataclass(frozen=True, slots=True)
class CardComment:
    text: str
    level: int
    #: The person's name, only when the card is theirs and they agreed to be named.
    name: str | None = None


@dataclass(frozen=True, slots=True)
class CardTally:
    total: int
    #: Every level, most influence (4) first, including those nobody chose.
    levels: tuple[LevelCount, ...]
    comments: tuple[CardComment, ...]


def card_tally(data: SessionData, wording: Wording) -> CardTally | None:
    """How people felt; None when no comment cards were given."""
    if not data.feedback:
        return None
    counts = Counter(f.level for f in data.feedback)
    consenting = {a.person_id for a in data.attendance
                  if a.consent_to_be_named and a.person_id in data.people}
    comments = tuple(
        CardComment(f.comment.strip(), f.level,
                    data.people[f.person_id].name if f.person_id in consenting else None)
        for f in data.feedback if f.comment.strip())
    levels = tuple(LevelCount(n, wording.card_level(n), counts[n]) for n in (4, 3, 2, 1))
    return CardTally(len(data.feedback), levels, comments)


@dataclass(frozen=True, slots=True)
class StatementCheck:
    number: int
    statement: str
    #: (question, answer label), "Not answered" where there is none.
    answers: tuple[tuple[str, str], ...]
    yes: int
    partly: int
    no: int
    unanswered: int
    evidence: str
    will_change: str

    @property
    def verdict(self) -> str:
        """met | partly | not_met | unanswered, for a one-word summary."""
        if self.no:
            return "not_met"
        if self.partly:
            return "partly"
        if self.yes and not self.unanswered:
            return "met"
        return "partly" if self.yes else "unanswered"


def statement_checks(data: SessionData, wording: Wording) -> list[StatementCheck]:
    """The 'I' statements that were checked at this session, in order."""
    answer_label = fw.labels(fw.AUDIT_ANSWERS)
    latest = {a.statement: a for a in data.audit}  # a later answer replaces an earlier one
    checks = []
    for number in sorted(latest):
        audit = latest[number]
        questions = (wording.statement_questions[number - 1]
                     if number - 1 < len(wording.statement_questions) else ())
        given = list(audit.answers) + [""] * max(0, len(questions) - len(audit.answers))
        pairs = tuple(
            (questions[i] if i < len(questions) else f"Question {i + 1}",
             answer_label.get(answer, "Not answered"))
            for i, answer in enumerate(given))
        counts = Counter(given)
        checks.append(StatementCheck(
            number=number, statement=fw.I_STATEMENTS[number - 1], answers=pairs,
            yes=counts["yes"], partly=counts["partly"], no=counts["no"],
            unanswered=counts[""], evidence=audit.evidence.strip(),
            will_change=audit.will_change.strip()))
    return checks
