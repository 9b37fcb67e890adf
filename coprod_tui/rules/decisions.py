"""What a decision may say about how it was reached, and who can make it happen.

The model takes any decision a file holds (an old one may say "everyone agreed"
beside views that differed); these rules are for decisions recorded or changed
now, so the record never contradicts itself again:

* "Everyone agreed" cannot stand beside views that differed: that is "Most agreed".
* Partly or wholly outside the group's control says who decides.
* A vote's counts may be checked against the people present (``vote_warning``):
  more votes than people is worth a second look, never a refusal (someone online
  may have voted for a group they speak for).
"""

from __future__ import annotations

from typing import Any

from ..errors import ValidationError
from ..model import Decision
from ..words import people


def check(decision: Decision, changed: set[str] | None = None) -> None:
    """Refuse a decision that contradicts itself. ``changed``: only the rules touching
    these fields are applied (a correction of the wording of an old decision is not
    refused for how it was reached)."""
    def touched(*names: str) -> bool:
        return changed is None or bool(changed & set(names))

    if touched("method", "differing_views") and decision.method == "consensus" \
            and decision.differing_views.strip():
        raise ValidationError("\"Everyone agreed\" cannot go with views that differed: "
                              "choose \"Most agreed\", or take the differing views out.",
                              field="method")
    if touched("in_control", "decided_by") and decision.in_control != "yes" \
            and not decision.decided_by.strip():
        raise ValidationError("Say who decides the part the group cannot (for example: "
                              "the council's housing team, or the law).", field="decided_by")


def vote_warning(fields: dict[str, Any], present: int) -> str | None:
    """A plain warning when a vote counts more people than are present, else None."""
    if fields.get("method") != "vote":
        return None
    cast = sum(fields.get(name) or 0 for name in ("votes_for", "votes_against",
                                                  "votes_abstain"))
    if cast <= present:
        return None
    return (f"The vote counts {people(cast)}, but {people(present)} "
            f"{'is' if present == 1 else 'are'} taking part. Check the numbers, or "
            "record it again to keep them.")
