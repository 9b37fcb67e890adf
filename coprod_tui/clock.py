"""Ids and times. Ids are our own UUIDs; times are ISO-8601 with offset."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time


def new_id() -> str:
    return uuid.uuid4().hex


def now() -> str:
    """The current local time, to the second, with its UTC offset."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def today() -> str:
    return date.today().isoformat()


def parse_instant(value: str) -> datetime:
    """Parse a stored time; raises ValueError for anything else."""
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("time has no offset")
    return parsed


def is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return len(value) == 10


def is_clock_time(value: str) -> bool:
    """A wall-clock time such as 10:30."""
    try:
        time.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return len(value) == 5
