"""A group across its sessions: what the group reports (You said We did, impact) read.

``group_report(group, sessions, wording)`` puts each session into the same facts
the session report uses (its involvement counts, comment cards, 'I' statements
and action rows, through that session's shared ``Naming``) and sums the group's
history (``history_of``) for the counts across meetings. Text about the whole
group (its name, purpose, organisation) passes through ``consent.group_redactor``:
a name stays only if its person agreed to be named at every session they came to.
The people in ``history`` carry real names: only its counts are ever shared.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..consent import group_redactor
from ..model import Group, SessionData
from ..templates import Wording
from .actions import ActionRow
from .evidence import CardTally, Involvement, StatementCheck
from .history import HELD, GroupHistory, history_of
from .said import SaidAndDone, said_and_done
from .session import session_report


@dataclass(frozen=True, slots=True)
class MeetingFacts:
    """One session of the group, as the group reports tell it."""

    session_id: str
    date: str
    title: str
    #: planned | live | closed
    status: str
    involvement: Involvement
    cards: CardTally | None
    checks: tuple[StatementCheck, ...]
    actions: tuple[ActionRow, ...]
    #: You said, We did, We could not, at this meeting.
    said: SaidAndDone

    @property
    def held(self) -> bool:
        return self.status in HELD


@dataclass(frozen=True, slots=True)
class GroupReport:
    name: str
    organisation: str
    purpose: str
    #: The facilitator of the latest meeting that names one.
    facilitator: str
    #: Every session, oldest first.
    meetings: tuple[MeetingFacts, ...]
    history: GroupHistory

    @property
    def held(self) -> tuple[MeetingFacts, ...]:
        """The meetings that have taken place (not those only planned)."""
        return tuple(m for m in self.meetings if m.held)

    @property
    def actions(self) -> tuple[ActionRow, ...]:
        return tuple(row for m in self.meetings for row in m.actions)

    @property
    def author(self) -> str:
        return self.organisation or self.facilitator or self.name


def group_report(group: Group, sessions: list[SessionData], wording: Wording) -> GroupReport:
    sessions = sorted(sessions, key=lambda d: (d.session.date, d.session.start))
    shown = group_redactor(sessions)
    facilitator = next((d.session.facilitator for d in reversed(sessions)
                        if d.session.facilitator), "")
    return GroupReport(
        name=shown(group.name), organisation=shown(group.organisation),
        purpose=shown(group.purpose.strip()), facilitator=shown(facilitator),
        meetings=tuple(_meeting(data, wording) for data in sessions),
        history=history_of(group, sessions))


def _meeting(data: SessionData, wording: Wording) -> MeetingFacts:
    # The session's own shared report: the same facts its minutes tell.
    report = session_report(data, wording)
    s = data.session
    return MeetingFacts(
        session_id=s.id, date=s.date, title=report.title, status=s.status,
        involvement=report.involvement, cards=report.cards, checks=report.checks,
        actions=report.actions, said=said_and_done(report))
