"""How a session's records may refer to one another.

A decision names the ideas that informed it; an action says which idea or
decision it answers. Every link must lead to a record of the same session (else
an export of it could not be imported).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import ValidationError
from ..model import Decision, Idea


def check_decision_ideas(idea_ids: Iterable[str], ideas: list[Idea]) -> None:
    known = {i.id for i in ideas}
    if any(i not in known for i in idea_ids):
        raise ValidationError("A decision can only refer to ideas in this session.",
                              field="idea_ids")


def check_action_source(kind: str, source_id: str | None, ideas: list[Idea],
                        decisions: list[Decision]) -> None:
    if not kind:
        return
    known = {"idea": {i.id for i in ideas}, "decision": {d.id for d in decisions}}
    if source_id not in known.get(kind, set()):
        raise ValidationError(f"That {kind} is not in this session.", field="source_id")
