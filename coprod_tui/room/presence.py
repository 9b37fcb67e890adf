"""Whether a room view is open, told without the room view writing anything.

The app makes an empty file, ``.room-view`` (0600), once. Each room view opens
it read-only and holds a shared ``flock`` on it while it runs (the kernel lets
go when the process ends, however it ends). The app asks with a non-blocking
exclusive ``flock``: refused means at least one room view is open. Where there
is no ``flock`` (Windows) the answer is None: not known.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

PRESENCE_FILE = ".room-view"
_HELD = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES})
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _open(path: Path) -> int | None:
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            return None
    except OSError:
        os.close(fd)
        return None
    return fd


def room_view_open(root: Path) -> bool | None:
    """True while a room view runs on the data folder ``root``; None if not known."""
    if fcntl is None:
        return None
    fd = _open(root / PRESENCE_FILE)
    if fd is None:
        return False  # no room view can hold a file that is not there
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        return True if exc.errno in _HELD else None
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


class Presence:
    """The room view's side: ``hold()`` until it succeeds, ``release()`` at the end."""

    def __init__(self, root: Path) -> None:
        self.path = root / PRESENCE_FILE
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def hold(self) -> bool:
        """Hold the shared lock (opening read-only: nothing is written); True once held.
        Tried again at each poll: the app may not have made the file yet, or may be
        asking at this very moment."""
        if self._fd is not None or fcntl is None:
            return self._fd is not None
        fd = _open(self.path)
        if fd is None:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing lets go of the lock
            self._fd = None
