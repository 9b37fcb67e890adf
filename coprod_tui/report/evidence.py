"""Measuring the impact of a session: evidence, comment cards and the audit.

Pure functions from a loaded session to plain numbers and words, part of the
report model: the minutes, easy read, the impact report and the review screens
all show these same figures. Free text (a comment, the evidence) is shown
through a ``Naming`` (the shared one unless the caller is the facilitator's).

* ``involvement`` - who was involved, how, and what difference it made;
* ``card_tally`` - how people felt, from the comment cards (counts only;
  a comment is linked to a name only when the person asked to be named);
* ``statement_checks`` - the 'I' statements check, one entry per statement
  that has answers;
* ``suggested_evidence`` - what coprod already knows that bears on each 'I'
  statement, offered to the facilitator as a starting point for the check.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .. import framework as fw
from ..model import SessionData
from ..rules.speaking import credited
from ..templates import Wording
from ..words import people, plural
from .naming import Naming

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
    """Evidence of involvement for one session (all counts). ``present`` and what
    follows from it count participants: someone there to support others (an
    interpreter, a supporter, the note-taker) is in ``supporting``. Withdrawn
    records count nowhere."""

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
    #: Participants present who were heard (spoke, or had an idea credited to them),
    #: and all turns taken.
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
    #: (role label, how many) of those present to support others, none zero.
    supporting: tuple[tuple[str, int], ...] = ()
    #: Ideas the group said it would not take up, with the reason.
    ideas_not_taken_up: int = 0


def involvement(data: SessionData, naming: Naming | None = None) -> Involvement:
    session = data.session
    shown = (naming or Naming(data)).text
    present = data.participants()
    ideas = [i for i in data.ideas if not i.withdrawn]
    decisions = [d for d in data.decisions if not d.withdrawn]
    actions = [a for a in data.actions if not a.withdrawn]
    role_of = {a.person_id: a.role for a in data.attendance}
    for pid, person in data.people.items():
        role_of.setdefault(pid, person.role)
    sides = Counter(role_side(a.role) for a in present)
    roles = data.role_counts()
    role_label = fw.labels(fw.ROLES)
    present_ids = {a.person_id for a in present}

    idea_sides: Counter[str] = Counter()
    for idea in ideas:
        if idea.raised_by == "person" and idea.person_id:
            idea_sides[role_side(role_of.get(idea.person_id, "other"))] += 1
        else:
            idea_sides["unnamed"] += 1

    idea_ids = {i.id for i in ideas}
    used: set[str] = set()
    informed = 0
    for decision in decisions:
        linked = [i for i in decision.idea_ids if i in idea_ids]
        if linked:
            informed += 1
            used.update(linked)

    statuses = Counter(a.status for a in actions)
    heard = {t.person_id for t in data.turns} | set(credited(ideas))
    helpers = Counter(a.role for a in data.supporting())
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
        purpose=shown((session.purpose or data.group.purpose).strip()),
        stage=fw.labels(fw.STAGES).get(session.stage, session.stage),
        spoke=len(heard & present_ids),
        turns=len(data.turns),
        turns_lived_experience=sum(1 for t in data.turns
                                   if role_side(role_of.get(t.person_id, "other")) == LIVED),
        ideas=len(ideas),
        ideas_lived_experience=idea_sides[LIVED],
        ideas_through_work=idea_sides[WORK],
        ideas_unnamed=idea_sides["unnamed"],
        decisions=len(decisions),
        decisions_informed=informed,
        ideas_used=len(used),
        decisions_in_control=sum(1 for d in decisions if d.in_control == "yes"),
        actions=len(actions),
        actions_done=statuses["done"],
        actions_not_able=statuses["not_able"],
        actions_open=statuses["open"],
        actions_told_back=sum(1 for a in actions if a.communicated_back_at),
        supporting=tuple((role_label[c.key], helpers[c.key]) for c in fw.ROLES
                         if helpers[c.key]),
        ideas_not_taken_up=sum(1 for i in ideas if i.not_taken_up.strip()),
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


def card_tally(data: SessionData, wording: Wording,
               naming: Naming | None = None) -> CardTally | None:
    """How people felt; None when no comment cards were given."""
    cards = [f for f in data.feedback if not f.withdrawn]
    if not cards:
        return None
    naming = naming or Naming(data)
    counts = Counter(f.level for f in cards)
    comments = tuple(CardComment(naming.text(f.comment.strip()), f.level, naming.card_name(f))
                     for f in cards if f.comment.strip())
    levels = tuple(LevelCount(n, wording.card_level(n), counts[n]) for n in (4, 3, 2, 1))
    return CardTally(len(cards), levels, comments)


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
    def answer_counts(self) -> str:
        """'Yes 2, partly 1, no 0' (and 'not answered 1' when some were left)."""
        counts = [f"Yes {self.yes}", f"partly {self.partly}", f"no {self.no}"]
        if self.unanswered:
            counts.append(f"not answered {self.unanswered}")
        return ", ".join(counts)

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


def statement_checks(data: SessionData, wording: Wording,
                     naming: Naming | None = None) -> list[StatementCheck]:
    """The 'I' statements that were checked at this session, in order."""
    shown = (naming or Naming(data)).text
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
            unanswered=counts[""], evidence=shown(audit.evidence.strip()),
            will_change=shown(audit.will_change.strip())))
    return checks


def suggested_evidence(data: SessionData, wording: Wording) -> dict[int, str]:
    """For each 'I' statement (1-8), evidence drawn from the session's own record.

    Facts only, in plain words; the group decides whether they show the statement
    is met. Nothing here names a person.
    """
    inv = involvement(data)
    tally = card_tally(data, wording)
    roles = ", ".join(f"{label} {count}" for label, count in inv.by_role) or "nobody recorded"
    needs = Counter(need for a in data.present() for need in a.support_needs)
    need_words = ", ".join(f"{fw.labels(fw.SUPPORT_NEEDS)[k].lower()} ({n})"
                           for k, n in needs.most_common()) or "none recorded"
    quiet = inv.present - inv.spoke
    via = Counter(i.raised_by for i in data.ideas)
    feeling = ("; ".join(f"{level.count} said '{level.text}'" for level in tally.levels
                         if level.count) if tally else "no comment cards yet")
    late = sum(1 for a in data.present() if a.late)
    left = sum(1 for a in data.present() if a.left_at)
    return {
        1: (f"{people(inv.lived_experience)} with lived experience and "
            f"{people(inv.through_work)} there through their work took part. "
            f"{plural(inv.ideas_lived_experience, 'idea')} came from people with lived "
            f"experience, {plural(inv.ideas_through_work, 'idea')} from people there through "
            "their work."),
        2: (f"Stage of the work: {inv.stage}. Ways of working: "
            f"{', '.join(inv.methods) or 'none recorded'}."),
        3: (f"Roles present: {roles}. {people(inv.spoke)} spoke"
            + (f"; {people(quiet)} did not." if quiet else ", everyone present.")
            + f" {plural(inv.decisions_informed, 'decision')} of {inv.decisions} drew on ideas "
              "raised."),
        4: (f"How people joined: {inv.format}; {inv.in_room} in the room, {inv.online} online. "
            f"Ideas by chat {via['chat']}, after the meeting {via['after']}, anonymous "
            f"{via['anonymous']}."),
        5: (f"Support asked for by people present: {need_words}. How people joined: {inv.format}."),
        6: (f"{people(inv.present)} came, {plural(inv.apologies, 'apology', 'apologies')}"
            f"; {late} arrived late and {left} left early."),
        7: (f"Support asked for: {need_words}. {plural(inv.decisions_informed, 'decision')} "
            f"informed by ideas; {plural(inv.actions_told_back, 'outcome')} told back to the "
            "group."),
        8: (f"Comment cards: {feeling}. Actions: {inv.actions_done} done, "
            f"{inv.actions_not_able} not able (with reasons), {inv.actions_open} open. "
            f"{plural(sum(1 for d in data.decisions if d.differing_views.strip()), 'decision')} "
            "recorded views that differed and why."),
    }
