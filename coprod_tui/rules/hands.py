"""The hands-up queue: a point of order goes ahead of ordinary hands."""

from __future__ import annotations

from ..model import Hand, Turn


def raised(hands: list[Hand], person_id: str, kind: str = "normal") -> list[Hand]:
    """The queue with ``person_id``'s hand up (once: raising it again moves it).

    A point of order goes after the other points of order, ahead of every
    ordinary hand; an ordinary hand goes to the back.
    """
    queue = [h for h in hands if h.person_id != person_id]
    hand = Hand(person_id=person_id, kind=kind)
    if kind == "point_of_order":
        queue.insert(sum(1 for h in queue if h.kind == "point_of_order"), hand)
    else:
        queue.append(hand)
    return queue


def next_speaker(hands: list[Hand], item_id: str | None) -> tuple[list[Hand], Turn | None]:
    """The first in the queue speaks: their turn, and the queue without them.

    ``item_id`` is the agenda item the turn belongs to. No one waiting: no turn.
    """
    if not hands:
        return hands, None
    first = hands[0]
    return hands[1:], Turn(person_id=first.person_id, kind=first.kind, agenda_item_id=item_id)


def skipped(hands: list[Hand]) -> list[Hand]:
    """The first in the queue passes: they leave it without a turn."""
    return hands[1:]
