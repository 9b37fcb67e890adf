"""What a valid id is: the one place that decides, and the only way a path is made from one.

coprod makes every id itself: ``uuid.uuid4().hex`` (``clock.new_id``) and, for the
demo, ``uuid.uuid5(...).hex``: exactly 32 lower-case hex characters. Anything else
in a file (an import, a damaged or edited file) is refused, so an id can never name
a path outside its folder, be empty, too long for a file name, hold a NUL or a line
break, or differ from a stored id only in case.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import ValidationError

ID_LENGTH = 32
# [0-9a-f], not \d or \w: those match other scripts' digits and letters.
_ID = re.compile(r"[0-9a-f]{32}")
_PREFIX = re.compile(r"[0-9a-f]{1,32}")
SESSION_SUFFIX = ".json"


def is_id(value: object) -> bool:
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def check_id(value: object, what: str = "An id") -> str:
    """``value`` if it is an id coprod makes; ValidationError naming ``what`` if not."""
    if not is_id(value):
        raise ValidationError(f"{what} is not an id coprod makes "
                              f"({ID_LENGTH} characters, 0-9 and a-f).")
    return value  # type: ignore[return-value]


def is_prefix(value: str) -> bool:
    """True if ``value`` could be the start of an id (what `coprod list` shows)."""
    return _PREFIX.fullmatch(value) is not None


def session_path(sessions_dir: Path, session_id: str) -> Path:
    """``sessions_dir/<id>.json``: every session file's path is made here.

    The id is checked first; the result is checked to be a plain child of the
    folder even so, so that no later change to the rule can let a path escape.
    """
    check_id(session_id, "A session's id")
    path = sessions_dir / f"{session_id}{SESSION_SUFFIX}"
    if path.parent != sessions_dir or path.name != f"{session_id}{SESSION_SUFFIX}":
        raise ValidationError("A session's id would name a file outside the sessions folder.")
    return path


def session_id_of(name: str) -> str | None:
    """The session id a file name in ``sessions/`` stands for, or None if it names none."""
    if not name.endswith(SESSION_SUFFIX):
        return None
    stem = name[: -len(SESSION_SUFFIX)]
    return stem if is_id(stem) else None
