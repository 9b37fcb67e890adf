"""Finding past sessions: by group, date, engagement method, status and words.

Everything here asks the index (``store/index.py``, ``store/search.py``); no
session file is opened, and a page costs the same with ten sessions or ten
thousand. Open a session found here with ``store.snapshot(id)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import framework as fw
from .clock import is_date
from .errors import ValidationError
from .model.session import STATUSES
from .store.summary import SessionSummary
from .store.search import Filters, Match

if TYPE_CHECKING:
    from .store import Store

#: How many sessions and records a screen shows at once (it says how many there are):
#: a few screenfuls; more words or filters narrow them.
PAGE = 25


@dataclass(frozen=True, slots=True)
class SessionFilter:
    """What to look for in the session list. Empty fields do not filter.

    Dates are YYYY-MM-DD and both ends are included. ``method`` is a key of
    ``framework.METHODS``; ``status`` one of planned, live, closed. ``text``
    keeps the sessions whose title, or any idea, decision (with its reasons)
    or action (with its outcome), contains every word, ignoring case.
    """

    group_id: str | None = None
    date_from: str = ""
    date_to: str = ""
    method: str = ""
    status: str = ""
    text: str = ""

    def __post_init__(self) -> None:
        # Frozen, so normalise through object.__setattr__; the UI passes raw input.
        for name in ("date_from", "date_to", "method", "status"):
            object.__setattr__(self, name, (getattr(self, name) or "").strip())
        object.__setattr__(self, "text", " ".join((self.text or "").split()))
        object.__setattr__(self, "group_id", self.group_id or None)
        for name, what in (("date_from", "The 'from' date"), ("date_to", "The 'to' date")):
            value = getattr(self, name)
            if value and not is_date(value):
                raise ValidationError(f"{what} must be a date like 2026-03-14.")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValidationError("The 'from' date is after the 'to' date; swap them round.")
        if self.method and self.method not in {c.key for c in fw.METHODS}:
            raise ValidationError("Choose an engagement method from the list.")
        if self.status and self.status not in STATUSES:
            raise ValidationError("The status must be planned, live or closed.")

    @property
    def words(self) -> list[str]:
        return self.text.casefold().split()

    def allows(self, summary: SessionSummary) -> bool:
        """Does a session pass everything except the text?"""
        return ((self.group_id is None or summary.group_id == self.group_id)
                and (not self.date_from or summary.date >= self.date_from)
                and (not self.date_to or summary.date <= self.date_to)
                and (not self.method or self.method in summary.methods)
                and (not self.status or summary.status == self.status))

    @property
    def filters(self) -> Filters:
        """Everything except the text, as the index takes it."""
        return Filters(group_id=self.group_id, date_from=self.date_from,
                       date_to=self.date_to, method=self.method, status=self.status)


@dataclass(frozen=True, slots=True)
class Found:
    """What the Past sessions screen shows: a page of each list, and their sizes."""

    sessions: list[SessionSummary]
    total_sessions: int
    records: list[Match]
    total_records: int
    #: The records are best first (False: so many match that the newest come first).
    ranked: bool = True


def filter_sessions(store: Store, flt: SessionFilter | None = None, *,
                    limit: int | None = None) -> list[SessionSummary]:
    """The sessions matching ``flt``, latest first (``limit`` None: all of them).

    With text, a session matches if its title, or any one of its ideas,
    decisions or actions, holds every word (see ``store/search.py``).
    """
    flt = flt or SessionFilter()
    return store.find_sessions(flt.text, flt.filters, limit=limit)


def find_records(store: Store, flt: SessionFilter, limit: int | None = None) -> list[Match]:
    """The ideas, decisions and actions holding every word of ``flt.text``, best
    first, in sessions the rest of the filter allows. No text, no matches."""
    if not flt.words:
        return []
    return store.find(flt.text, flt.filters, limit=limit)


def look_up(store: Store, flt: SessionFilter, *, page: int = PAGE) -> Found:
    """One page of sessions and of records for ``flt``, with how many there are."""
    sessions, total_sessions = store.find_sessions_page(flt.text, flt.filters, limit=page)
    if not flt.words:
        return Found(sessions, total_sessions, [], 0)
    records = store.find_page(flt.text, flt.filters, limit=page)
    return Found(sessions, total_sessions, records.hits, records.total, records.ranked)
