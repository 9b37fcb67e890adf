"""Small plain-English helpers shared by every export: dates, lists, safe text.

No python-docx here: these are used to build the facts that documents (and,
later, screens) show.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from coprod_tui.text import plural

__all__ = ["clock_of", "day_of", "full_stop", "join_words", "long_date", "minutes", "people",
           "plural", "safe_text", "short_date", "table_date", "time_span"]

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")

# XML 1.0 cannot hold C0 controls (bar tab and newline), lone surrogates or
# U+FFFE/U+FFFF, and python-docx raises ValueError on them. C1 controls are
# legal XML but never meaningful text, so they go too (as in coprod_tui.text).
_NOT_XML = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_text(value: object) -> str:
    """Text that any XML writer accepts, whatever a record holds.

    The model already cleans what people type, but exports are pure functions
    that may be handed any SessionData, so they clean again rather than crash.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATE.sub("\ufffd", _NOT_XML.sub("", text))


def _as_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def long_date(value: str) -> str:
    """'2026-05-14' → 'Thursday 14 May 2026' (English whatever the locale)."""
    d = _as_date(value)
    if d is None:
        return value
    return f"{_DAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"


def short_date(value: str) -> str:
    """'2026-05-14' (or a time stamp on that day) → '14 May 2026'."""
    d = _as_date(value)
    if d is None:
        return value
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def table_date(value: str) -> str:
    """'2026-12-01' → '1 Dec 2026': short months fit a narrow table column
    (GOV.UK style allows this in tables)."""
    d = _as_date(value)
    if d is None:
        return value
    month = _MONTHS[d.month - 1]
    return f"{d.day} {'Sept' if d.month == 9 else month[:3]} {d.year}"


def day_of(instant: str | None) -> str:
    """The day of a stored time stamp, as '14 May 2026'."""
    return short_date(instant or "")


def clock_of(instant: str | None) -> str:
    """The wall-clock time of a stored time stamp, as '10:40'."""
    if not instant:
        return ""
    try:
        return datetime.fromisoformat(instant).strftime("%H:%M")
    except ValueError:
        return ""


def time_span(start: str, end: str) -> str:
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"from {start}"
    if end:
        return f"until {end}"
    return ""


def join_words(items: list[str] | tuple[str, ...], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def full_stop(text: str) -> str:
    """End a sentence once: 'short stay?' stays, 'the garden' gets its full stop."""
    text = text.rstrip()
    return text if not text or text[-1] in ".?!:;…" else text + "."


def people(n: int) -> str:
    return plural(n, "person", "people")


def minutes(n: int) -> str:
    return plural(n, "minute")
