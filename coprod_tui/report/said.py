"""You said, We did, We could not: one meeting's ideas, and what became of them.

"You said, We did" starts from what people said, not from the actions: every idea
raised (named as the minutes name people: by consent, otherwise by role) with what
answered it. ``said_and_done(report)`` reads the shared ``SessionReport``:

* **You said** (``Said``): each idea, with the decisions it informed and the actions
  that answer it, or why the group did not take it up, or that it has no answer yet;
* **We did** (``Did``): what the group decided that is within (or partly within) its
  control, with the reasons, and the actions done, with what was done;
* **We could not** (``CouldNot``): ideas not taken up, decisions outside (or partly
  outside) the group's control, and actions that could not be done, each with its
  reason or who decides;
* **still being worked on**: the actions still open.

An action answers what its owner chose when it was recorded (an idea, a decision,
or nothing in particular); coprod never links it to anything by itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..words import full_stop, join_words
from .actions import ActionRow
from .facts import IdeaFact
from .session import SessionReport


@dataclass(frozen=True, slots=True)
class Said:
    """One idea raised, and what answered it."""

    idea: IdeaFact
    #: Numbers of the decisions it informed and of the actions that answer it.
    decisions: tuple[int, ...]
    actions: tuple[int, ...]

    @property
    def status(self) -> str:
        """answered (a decision drew on it, or an action answers it) | not_taken_up |
        waiting (no answer yet)."""
        if self.decisions or self.actions:
            return "answered"
        return "not_taken_up" if self.idea.not_taken_up else "waiting"

    @property
    def answer(self) -> str:
        """What became of it, as a sentence."""
        if self.status == "answered":
            parts = [_numbered("decision", self.decisions), _numbered("action", self.actions)]
            return f"Answered by {join_words(parts)}."
        if self.status == "not_taken_up":
            return f"Not taken up, because: {full_stop(self.idea.not_taken_up)}"
        return "No answer recorded yet."


@dataclass(frozen=True, slots=True)
class Did:
    """Something the group decided (within its control, or the part that is) or did."""

    #: "decision" or "action".
    kind: str
    number: int
    text: str
    #: The reasons (a decision) or what was done (an action).
    detail: str
    #: For a decision partly in the group's control: who decides the rest ("" when
    #: that was not recorded); None when it is wholly the group's.
    partly: str | None = None
    told_back_at: str | None = None


@dataclass(frozen=True, slots=True)
class CouldNot:
    """Something asked for that the group could not do, with why."""

    #: "idea", "decision" or "action".
    kind: str
    number: int
    text: str
    #: Why: the reason not taken up or not able, or who decides.
    reason: str
    told_back_at: str | None = None


@dataclass(frozen=True, slots=True)
class SaidAndDone:
    said: tuple[Said, ...]
    did: tuple[Did, ...]
    could_not: tuple[CouldNot, ...]
    still_open: tuple[ActionRow, ...]

    @property
    def empty(self) -> bool:
        return not (self.said or self.did or self.could_not or self.still_open)


def said_and_done(report: SessionReport) -> SaidAndDone:
    decisions = report.decisions
    said = tuple(
        Said(idea,
             tuple(d.number for d in decisions
                   if any(i.number == idea.number for i in d.informed_by)),
             tuple(a.number for a in report.actions
                   if a.source_kind == "idea" and a.source_number == idea.number))
        for idea in report.ideas)
    did: list[Did] = []
    could_not: list[CouldNot] = [
        CouldNot("idea", s.idea.number, s.idea.text, s.idea.not_taken_up)
        for s in said if s.status == "not_taken_up"]
    for d in decisions:
        if d.in_control == "yes":
            did.append(Did("decision", d.number, d.text, d.reasons))
        elif d.in_control == "partly":
            did.append(Did("decision", d.number, d.text, d.reasons, partly=d.decided_by))
        else:
            could_not.append(CouldNot("decision", d.number, d.text, _decides(d.decided_by)))
    for a in report.actions:
        if a.status == "done":
            did.append(Did("action", a.number, a.text, a.outcome, told_back_at=a.told_back_at))
        elif a.status == "not_able":
            could_not.append(CouldNot("action", a.number, a.text, a.reason,
                                      told_back_at=a.told_back_at))
    return SaidAndDone(said, tuple(did), tuple(could_not),
                       tuple(a for a in report.actions if a.status == "open"))


def _decides(who: str) -> str:
    return (f"It is outside the group's control. Who decides: {full_stop(who)}" if who else
            "It is outside the group's control; who decides was not recorded.")


def _numbered(noun: str, numbers: tuple[int, ...]) -> str:
    if not numbers:
        return ""
    words = join_words([str(n) for n in numbers])
    return f"{noun}{'s' if len(numbers) > 1 else ''} {words}"
