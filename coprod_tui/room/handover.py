"""The hand-over file between the app and the room view: ``room.json``.

The app writes it (``service/room.py``, with the store's atomic write: 0600, a
temp file renamed into place, so a reader never sees half of it) each time what
the room may see changes. It holds only that: one ``RoomView`` page (or none),
whether the room is blanked, its mode, and the app's state: ``showing`` a step of
a session, ``waiting`` (the app is open at Home, or on a screen the room does not
follow), ``closed`` (the app has quit). No ids and no names without consent.

The room view reads it and never writes: ``Watcher.poll()`` costs one ``stat``
when nothing changed, and reads the file again only when its identity, time or
size changed (and every few seconds anyway, in case a rename reused an inode
within the clock's tick). A file missing, too big, not a plain file, or not
valid is "not there": the room says it is waiting.
"""

from __future__ import annotations

import json
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..clock import now
from ..errors import ValidationError
from ..model.base import Record, one_of
from .content import MODES, RoomView

HANDOVER_FILE = "room.json"
FORMAT = "coprod room view"
VERSION = 1
SHOWING, WAITING, CLOSED = "showing", "waiting", "closed"
#: A hand-over file is a few kilobytes; anything this big is not one.
MOST_BYTES = 4_000_000
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


@dataclass(slots=True)
class Handover(Record):
    noun = "room hand-over"
    #: showing | waiting | closed
    state: str
    blank: bool = False
    #: standard | large | easy_read
    mode: str = "standard"
    #: The page to show while ``showing`` (None otherwise, and while blank).
    view: RoomView | None = None
    written_at: str = field(default_factory=now)

    def __post_init__(self) -> None:
        one_of(self.state, (SHOWING, WAITING, CLOSED), "The room view's state", "state")
        one_of(self.mode, MODES, "The room view's mode", "mode")
        if self.view is not None and (self.blank or self.state != SHOWING):
            # Written only when it is to be shown: a blanked room holds nothing.
            raise ValidationError("The room view has a page it must not show.", field="view")


def encode(handover: Handover) -> bytes:
    body = {"format": FORMAT, "version": VERSION, **handover.to_dict()}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "replace")


def decode(raw: bytes) -> Handover:
    """A hand-over from the file's bytes; ValidationError if it is not one."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ValidationError("The room view's file is not valid JSON.") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise ValidationError("That is not a room view file.")
    if body.get("version") != VERSION:
        raise ValidationError("The room view's file is from another version of coprod.")
    return Handover.from_dict(body)


def read_handover(root: Path) -> Handover | None:
    """The hand-over in the data folder ``root``, or None if there is none that can be
    used (missing, damaged, not a plain file). Reads only: never blocks on a pipe,
    never follows a link."""
    path = root / HANDOVER_FILE
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MOST_BYTES:
            return None
        chunks = []
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
            if sum(map(len, chunks)) > MOST_BYTES:
                return None
    except OSError:
        return None
    finally:
        os.close(fd)
    try:
        return decode(b"".join(chunks))
    except ValidationError:
        return None


class Watcher:
    """Follows the hand-over file: ``poll()`` is True when ``current`` changed."""

    #: Read again after this long even if the file looks the same (see the module).
    REREAD_S = 3.0

    def __init__(self, root: Path) -> None:
        self.path = root / HANDOVER_FILE
        self.root = root
        self.current: Handover | None = None
        self._sig: tuple[int, ...] | None = None
        self._read_at = float("-inf")

    def _signature(self) -> tuple[int, ...] | None:
        try:
            info = os.stat(self.path, follow_symlinks=False)
        except OSError:
            return None
        return (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_ctime_ns, info.st_size)

    def poll(self) -> bool:
        sig = self._signature()
        due = time.monotonic() - self._read_at >= self.REREAD_S
        if sig == self._sig and not due:
            return False
        self._sig = sig
        self._read_at = time.monotonic()
        fresh = read_handover(self.root) if sig is not None else None
        if fresh == self.current:
            return False
        self.current = fresh
        return True
