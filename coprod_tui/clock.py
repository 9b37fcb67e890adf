"""Ids and times. Ids are our own UUIDs; times are ISO-8601 with offset."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime, time


def new_id() -> str:
    """A random (version 4) UUID in hex, as ``uuid.uuid4().hex`` makes it: the same
    bits set by hand, because importing uuid (and the platform module it brings)
    cost every start of the command line 13 ms."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    return raw.hex()


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
    """A date written as 2026-03-14 (and nothing else)."""
    return _written_as(value, date.fromisoformat, 10)


def is_clock_time(value: str) -> bool:
    """A wall-clock time such as 10:30."""
    return _written_as(value, time.fromisoformat, 5)


def _written_as(value: str, parse: Callable[[str], object], length: int) -> bool:
    try:
        parse(value)
    except (TypeError, ValueError):
        return False
    return len(value) == length


def instant_on(day: str, clock_time: str) -> str:
    """A wall-clock time (10:50) on a date, as a stored time with the local offset."""
    from .errors import ValidationError

    clock_time = clock_time.strip()
    if not is_clock_time(clock_time):
        raise ValidationError("Times are written like 10:50.")
    moment = datetime.fromisoformat(f"{day}T{clock_time}:00").astimezone()
    return moment.isoformat(timespec="seconds")
