"""The agenda and its clock: which item runs, and for how long.

Time on an item is kept as seconds spent in earlier stretches plus the current
stretch (items can be revisited). ``spent_minutes`` is the one rule for turning
that into whole minutes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from ..errors import NotFound
from ..model import AgendaItem, Session


def added(items: list[AgendaItem], title: str, planned_min: int = 10
          ) -> tuple[list[AgendaItem], AgendaItem]:
    """The agenda with a new item at the end, and that item."""
    item = AgendaItem(title=title, planned_min=planned_min)
    return [*items, item], item


def moved(items: list[AgendaItem], item_id: str, step: int) -> list[AgendaItem]:
    """The agenda with one item moved ``step`` places (stopping at either end)."""
    items = list(items)
    index = _index(items, item_id)
    target = max(0, min(len(items) - 1, index + step))
    items.insert(target, items.pop(index))
    return items


def removed(items: list[AgendaItem], item_id: str) -> list[AgendaItem]:
    _index(items, item_id)
    return [i for i in items if i.id != item_id]


def edited(items: list[AgendaItem], item_id: str, **changes: Any) -> list[AgendaItem]:
    _index(items, item_id)
    return [i.replace(**changes) if i.id == item_id else i for i in items]


def current_on(items: Iterable[AgendaItem], current: str | None) -> str | None:
    """The current item, if it is still on the agenda ``items``."""
    return current if current in {i.id for i in items} else None


def gone_to(items: list[AgendaItem], item_id: str | None, at: datetime) -> list[AgendaItem]:
    """The agenda with ``item_id`` running from ``at`` (None: nothing runs), the clock
    stopped on the item that ran before."""
    if item_id is not None:
        _index(items, item_id)
    stamp = at.isoformat(timespec="seconds")
    out = []
    for item in items:
        if item.running_since is not None:
            item = item.replace(spent_s=item.elapsed_s(at), running_since=None)
        if item.id == item_id:
            item = item.replace(running_since=stamp)
        out.append(item)
    return out


def neighbour(session: Session, step: int) -> str | None:
    """The item ``step`` places from the current one (the first or last when none
    runs); None past either end or with no agenda."""
    ids = [i.id for i in session.agenda]
    if not ids:
        return None
    if session.current_item_id is None:
        return ids[0] if step > 0 else ids[-1]
    index = ids.index(session.current_item_id) + step
    return ids[index] if 0 <= index < len(ids) else None


def clock(session: Session, at: datetime | None = None) -> tuple[int, int] | None:
    """(seconds spent, planned seconds) for the current item, or None."""
    item = session.item(session.current_item_id)
    if item is None:
        return None
    return item.elapsed_s(at), item.planned_min * 60


def spent_minutes(item: AgendaItem, at: datetime | None = None) -> int:
    """Whole minutes spent on an item, to the nearest minute (half a minute up)."""
    return (item.elapsed_s(at) + 30) // 60


def _index(items: list[AgendaItem], item_id: str) -> int:
    for n, item in enumerate(items):
        if item.id == item_id:
            return n
    raise NotFound("That agenda item is not on the agenda.")
