"""A group's history: who takes part, the mix of voices, and who is missing.

``group_history(store, group_id)`` reads every session the group has held
(live or closed; planned ones have no one in them yet) and answers the
questions the co-production guide asks a facilitator to keep asking: who was
involved and how much, which methods were used, whether people with lived
experience are there in numbers, and whose voice is seldom heard: who has not
been seen for a while (and how many meetings they missed, with apologies or
without), and which of the roles the group recruits has never been in the room.
People there to support others (an interpreter, a supporter, the note-taker) are
not participants: they take no place in the role mix. Someone forgotten still
counts at the meetings they came to, as no one in particular.

``history_of(group, sessions, people)`` does the same sums for sessions already
loaded: the impact report reads its counts (places, the share of lived
experience, roles never present, ways of working) from there, so the screen and
the report agree. The people in it carry their real names, so only its counts
are ever shared.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import framework as fw
from ..errors import DamagedFile, NotFound, SaveError, ValidationError
from ..model import Group, Person, SessionData
from ..words import plural

if TYPE_CHECKING:
    from ..store import Store

_ROLE = fw.labels(fw.ROLES)
_METHOD = fw.labels(fw.METHODS)
_METHOD_ORDER = {c.key: n for n, c in enumerate(fw.METHODS)}

#: Someone on the roster who missed this many of the latest meetings in a row (since
#: they joined) has "not been seen for a while".
RECENT = 2
HELD = ("live", "closed")


@dataclass(slots=True)
class PersonHistory:
    """How one person has taken part in the group's sessions."""

    person_id: str
    name: str
    #: Their role at the latest session they were listed at (else the roster's).
    role: str
    on_roster: bool
    #: Sessions they were present at.
    attended: int = 0
    apologies: int = 0
    #: Meetings they were marked as not coming to, without apologies.
    absent: int = 0
    #: The latest meetings in a row they were not at (since they joined), and of
    #: those, how many with apologies and how many marked as not coming.
    missed: int = 0
    missed_apologies: int = 0
    missed_absent: int = 0
    #: The date of the latest session they were present at; None if never.
    last_attended: str | None = None
    #: Times they spoke (turns from the hands-up queue or noted by the facilitator).
    turns: int = 0
    ideas: int = 0

    @property
    def role_label(self) -> str:
        return _ROLE.get(self.role, _ROLE["other"])

    @property
    def missed_words(self) -> str:
        """'not seen for 3 meetings (2 apologies, 1 did not come)'."""
        parts = []
        if self.missed_apologies:
            parts.append(plural(self.missed_apologies, "apology", "apologies"))
        if self.missed_absent:
            parts.append(f"{self.missed_absent} did not come")
        unmarked = self.missed - self.missed_apologies - self.missed_absent
        if unmarked:
            parts.append(f"{unmarked} not marked")
        return (f"not seen for {plural(self.missed, 'meeting')}"
                + (f" ({', '.join(parts)})" if parts else ""))


@dataclass(slots=True)
class SessionMix:
    """Who was in the room (or online) at one session, by role."""

    session_id: str
    title: str
    date: str
    status: str
    #: Role key → participants present, in the framework's order.
    roles: dict[str, int]
    methods: list[str]
    #: Comment cards by level (1 no influence .. 4 heard and has influence).
    influence: dict[int, int]

    @property
    def present(self) -> int:
        return sum(self.roles.values())

    @property
    def role_mix(self) -> str:
        """'Young person 5, Council officer 1' (or 'nobody')."""
        return ", ".join(f"{_ROLE.get(k, k)} {n}" for k, n in self.roles.items()) or "nobody"

    @property
    def method_labels(self) -> list[str]:
        return [_METHOD.get(m, m) for m in self.methods]

    @property
    def lived_experience(self) -> int:
        """How many present came as people who use services, family, carers or young people."""
        return sum(n for role, n in self.roles.items() if role in fw.LIVED_EXPERIENCE_ROLES)


@dataclass(slots=True)
class GroupHistory:
    group_id: str
    group_name: str
    #: The sessions held, latest first.
    sessions: list[SessionMix]
    #: Everyone on the roster or who ever came: most sessions first, then by name.
    people: list[PersonHistory]
    #: Role key → presences across all sessions (a person at 3 sessions counts 3).
    role_totals: dict[str, int]
    #: On the roster and not at the latest ``RECENT`` meetings or more in a row (since
    #: they joined), longest away first.
    not_seen_lately: list[PersonHistory]
    #: Roles the group recruits (on its roster, or ever listed at its meetings) with
    #: nobody present at any meeting: seldom-heard gaps. Never "other", never a role
    #: there to support others.
    roles_never_present: list[str]
    #: Engagement method key → number of sessions that used it, most used first
    #: (ties in the framework's order).
    methods: dict[str, int]
    #: Plain messages about sessions that could not be read and were left out.
    skipped: list[str] = field(default_factory=list)

    @property
    def places(self) -> int:
        """Places taken across all sessions (a person at 3 sessions takes 3)."""
        return sum(self.role_totals.values())

    @property
    def people_who_came(self) -> int:
        """Different people present at one session or more."""
        return sum(1 for p in self.people if p.attended)

    @property
    def lived_experience_share(self) -> float | None:
        """The share of all places taken by lived experience; None before any session."""
        if not self.places:
            return None
        lived = sum(n for role, n in self.role_totals.items()
                    if role in fw.LIVED_EXPERIENCE_ROLES)
        return lived / self.places

    @property
    def lived_experience_percent(self) -> int | None:
        """The same share as a whole percentage, as every view and report says it."""
        share = self.lived_experience_share
        return None if share is None else round(share * 100)

    @property
    def role_mix(self) -> list[tuple[str, int]]:
        """(role label, places taken), in the framework's order."""
        return [(_ROLE[key], n) for key, n in self.role_totals.items()]

    @property
    def roles_missing(self) -> list[str]:
        """Labels of the roles never present: seldom-heard gaps."""
        return [_ROLE[key] for key in self.roles_never_present]

    @property
    def method_mix(self) -> list[tuple[str, int]]:
        """(way of working label, sessions that used it), most used first."""
        return [(_METHOD.get(key, key), n) for key, n in self.methods.items()]

    def person(self, person_id: str) -> PersonHistory | None:
        return next((p for p in self.people if p.person_id == person_id), None)


def _joined(person: Person, marks: list[tuple[str, dict[str, str]]]) -> str:
    """The day someone joined: the first meeting they were listed at, or the day they
    were added, whichever came first."""
    listed = [day for day, status in marks if person.id in status]
    return min([person.created_at[:10], *listed])


def group_history(store: Store, group_id: str, *, recent: int = RECENT) -> GroupHistory:
    """Read the group's held sessions and sum up who took part. NotFound for an unknown group."""
    if recent < 1:
        raise ValidationError("Look back over at least one session.")
    group = store.groups.group(group_id)
    held = [s for s in store.summaries(group_id) if s.status in HELD]  # latest first
    everyone = store.groups.people()
    tally = _Tally({pid: everyone[pid] for pid in group.roster if pid in everyone}, everyone)
    skipped: list[str] = []
    for summary in held:
        try:
            with store.visiting(summary.id):
                data = store.snapshot(summary.id)
        except (DamagedFile, NotFound, SaveError):  # SaveError: the folder is unreachable
            skipped.append(f"The session '{summary.title}' ({summary.date}) could not be "
                           "read, so it is left out.")
            continue
        tally.add(data)
    return tally.result(group.id, group.name, recent, skipped)


def history_of(group: Group, sessions: list[SessionData], *,
               recent: int = RECENT) -> GroupHistory:
    """The same sums over sessions already loaded (those held; any order)."""
    held = sorted((d for d in sessions if d.session.status in HELD),
                  key=lambda d: (d.session.date, d.session.start), reverse=True)
    everyone: dict[str, Person] = {}
    for data in held:
        everyone.update(data.people)
    tally = _Tally({pid: everyone[pid] for pid in group.roster if pid in everyone}, everyone)
    for data in held:
        tally.add(data)
    return tally.result(group.id, group.name, recent, [])


class _Tally:
    """Sums sessions given latest first."""

    def __init__(self, roster: dict, everyone: dict) -> None:
        self.roster = roster
        self.everyone = everyone
        self.people: dict[str, PersonHistory] = {
            pid: PersonHistory(pid, p.name, p.role, on_roster=True) for pid, p in roster.items()}
        self.sessions: list[SessionMix] = []
        #: For each session (latest first): its date and each person's status there.
        self.marks: list[tuple[str, dict[str, str]]] = []
        self.role_known: set[str] = set()
        #: Every role listed at a meeting (the roster's are added at the end).
        self.roles_listed: set[str] = set()

    def person(self, person_id: str) -> PersonHistory:
        if person_id not in self.people:
            known = self.everyone.get(person_id)
            self.people[person_id] = PersonHistory(
                person_id, known.name if known else "Someone no longer on record",
                known.role if known else "other", on_roster=False)
        return self.people[person_id]

    def add(self, data: SessionData) -> None:
        s = data.session
        for a in data.attendance:
            self.roles_listed.add(a.role)
            if a.forgotten:
                continue  # counted in the session's mix below, as no one in particular
            p = self.person(a.person_id)
            if a.person_id not in self.role_known:
                p.role = a.role  # sessions come latest first: this is their latest role
                self.role_known.add(a.person_id)
            if a.present:
                p.attended += 1
                p.last_attended = p.last_attended or s.date
            elif a.status == "apologies":
                p.apologies += 1
            elif a.status == "absent":
                p.absent += 1
        nobody = {a.person_id for a in data.attendance if a.forgotten}
        for turn in data.turns:
            if turn.person_id not in nobody:
                self.person(turn.person_id).turns += 1
        for idea in data.ideas:
            if idea.raised_by == "person" and idea.person_id and not idea.withdrawn:
                self.person(idea.person_id).ideas += 1
        counts = data.role_counts()
        self.sessions.append(SessionMix(
            session_id=s.id, title=s.title, date=s.date, status=s.status,
            roles={c.key: counts[c.key] for c in fw.ROLES if counts[c.key]},
            methods=list(s.methods),
            influence=dict(sorted(Counter(f.level for f in data.feedback).items()))))
        self.marks.append((s.date, {a.person_id: a.status for a in data.attendance}))

    def _count_missed(self, p: PersonHistory, person: Person) -> None:
        """The latest meetings in a row ``p`` was not at, since they joined."""
        since = _joined(person, self.marks)
        for day, status in self.marks:  # latest first
            if day < since or status.get(p.person_id) == "present":
                break
            p.missed += 1
            mark = status.get(p.person_id, "expected")
            p.missed_apologies += mark == "apologies"
            p.missed_absent += mark == "absent"

    def result(self, group_id: str, name: str, recent: int,
               skipped: list[str]) -> GroupHistory:
        totals: Counter[str] = Counter()
        methods: Counter[str] = Counter()
        for mix in self.sessions:
            totals.update(mix.roles)
            methods.update(mix.methods)
        for pid, p in self.people.items():
            if pid in self.roster:
                self._count_missed(p, self.roster[pid])
        away = [p for pid, p in self.people.items() if pid in self.roster and p.missed >= recent]
        away.sort(key=lambda p: (-p.missed, p.name.casefold()))
        recruited = {p.role for p in self.roster.values()} | self.roles_listed
        people = sorted(self.people.values(),
                        key=lambda p: (-p.attended, -p.turns, p.name.casefold()))
        return GroupHistory(
            group_id=group_id, group_name=name, sessions=self.sessions, people=people,
            role_totals={c.key: totals[c.key] for c in fw.ROLES if totals[c.key]},
            not_seen_lately=away,
            roles_never_present=[c.key for c in fw.ROLES
                                 if c.key in recruited and c.key != "other"
                                 and c.key not in fw.SUPPORT_ROLES and not totals[c.key]],
            # Most used first; ties in the framework's order, so every view agrees.
            methods=dict(sorted(methods.items(), key=lambda kv: (-kv[1], _METHOD_ORDER.get(
                kv[0], len(_METHOD_ORDER))))),
            skipped=skipped)
