"""Fair turns: how often each person present has spoken, and who has not yet."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import Attendance, Turn


@dataclass(frozen=True, slots=True)
class Voice:
    person_id: str
    turns: int


def voices(attendance: list[Attendance], turns: list[Turn]) -> list[Voice]:
    """Everyone present, fewest turns first (so those not heard yet lead the list)."""
    counts = Counter(t.person_id for t in turns)
    present = [a.person_id for a in attendance if a.present]
    order = {pid: n for n, pid in enumerate(present)}
    return sorted((Voice(pid, counts[pid]) for pid in present),
                  key=lambda v: (v.turns, order[v.person_id]))


def not_spoken(attendance: list[Attendance], turns: list[Turn]) -> list[str]:
    return [v.person_id for v in voices(attendance, turns) if v.turns == 0]


def current_speaker(turns: list[Turn], attendance: list[Attendance]) -> str | None:
    """Whoever was given the floor last, if they are still in the room."""
    if not turns:
        return None
    last = turns[-1].person_id
    here = {a.person_id for a in attendance if a.present and not a.left_at}
    return last if last in here else None
