"""Fair turns: how often each participant present has been heard, and who has not yet.

Being heard is speaking (a turn, from the hands-up queue or noted) or having an idea
credited to you (typed with ``@name``, or said while you had the floor). People
present to help others take part (an interpreter, a supporter, the note-taker:
``framework.SUPPORT_ROLES``) are not participants, so they are never "not spoken
yet".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .. import framework as fw
from ..model import Attendance, Idea, Turn


@dataclass(frozen=True, slots=True)
class Voice:
    person_id: str
    turns: int
    #: Ideas credited to them.
    ideas: int = 0

    @property
    def heard(self) -> bool:
        return bool(self.turns or self.ideas)


def participants(attendance: Iterable[Attendance]) -> list[Attendance]:
    """Those present as participants (not there to support others)."""
    return [a for a in attendance if a.present and a.role not in fw.SUPPORT_ROLES]


def credited(ideas: Iterable[Idea]) -> Counter[str]:
    """Ideas credited to each person (withdrawn ones are not theirs any more)."""
    return Counter(i.person_id for i in ideas
                   if i.raised_by == "person" and i.person_id and not i.withdrawn)


def voices(attendance: list[Attendance], turns: list[Turn],
           ideas: Iterable[Idea] = ()) -> list[Voice]:
    """Every participant present, least heard first (those not heard yet lead)."""
    counts = Counter(t.person_id for t in turns)
    said = credited(ideas)
    present = [a.person_id for a in participants(attendance)]
    order = {pid: n for n, pid in enumerate(present)}
    return sorted((Voice(pid, counts[pid], said[pid]) for pid in present),
                  key=lambda v: (v.turns + v.ideas, order[v.person_id]))


def current_speaker(turns: list[Turn], attendance: list[Attendance]) -> str | None:
    """Whoever was given the floor last, if they are still in the room."""
    if not turns:
        return None
    last = turns[-1].person_id
    here = {a.person_id for a in attendance if a.present and not a.left_at}
    return last if last in here else None
