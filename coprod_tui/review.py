"""Finding past sessions: by group, date, engagement method, status and words.

Everything here reads only the session list (index.json) and the search text
(search.json); no session file is opened, so it stays quick with years of
sessions. Open a session found here with ``store.snapshot(id)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import framework as fw
from .clock import is_date
from .errors import ValidationError
from .model.session import STATUSES
from .store.index import SessionSummary
from .store.store import Match


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


def filter_sessions(store, flt: SessionFilter | None = None, *,
                    hits: list[Match] | None = None) -> list[SessionSummary]:
    """The sessions matching ``flt``, latest first.

    ``hits`` are the search matches for ``flt.text`` if the caller already has them
    (the search is the costly part; a screen showing both need not run it twice).
    """
    flt = flt or SessionFilter()
    rows = [s for s in store.summaries(flt.group_id) if flt.allows(s)]
    words = flt.words
    if not words:
        return rows
    if hits is None:
        hits = store.search(flt.text, group_id=flt.group_id)
    with_hits = {m.session_id for m in hits}
    return [s for s in rows
            if s.id in with_hits or all(w in s.title.casefold() for w in words)]


def find_records(store, flt: SessionFilter, limit: int | None = None) -> list[Match]:
    """The ideas, decisions and actions containing every word of ``flt.text``.

    Only in sessions the rest of the filter allows; latest session first. No
    text, no matches.
    """
    if not flt.words:
        return []
    allowed = {s.id for s in store.summaries(flt.group_id) if flt.allows(s)}
    hits = [m for m in store.search(flt.text, group_id=flt.group_id)
            if m.session_id in allowed]
    return hits[:limit] if limit else hits
