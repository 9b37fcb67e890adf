"""One writer per data folder.

An OS file lock (flock on POSIX): the kernel drops it when the process ends,
however it ends, so a copy killed with SIGKILL never blocks the next start.

On POSIX this calls flock directly, as filelock's Unix lock does: importing
filelock was a third of the store's import time at start-up (about 9 ms).
Elsewhere (Windows) filelock does the locking.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from ..errors import FolderInUse

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

#: flock's answers when another process holds the lock (EACCES on some filesystems).
_HELD = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES})


class FolderLock:
    def __init__(self, root: Path) -> None:
        self._root = root
        self._path = root / ".lock"
        self._fd: int | None = None
        self._lock = None  # filelock's, where there is no flock
        if fcntl is None:
            from filelock import FileLock

            self._lock = FileLock(self._path, timeout=0, mode=0o600, thread_local=False,
                                  fallback_to_soft=False)

    def _in_use(self) -> FolderInUse:
        return FolderInUse(
            f"Another copy of coprod is already using the data folder {self._root}; "
            "close it first, or choose another folder with --data-dir.")

    def acquire(self) -> None:
        if self._lock is not None:
            from filelock import Timeout

            try:
                self._lock.acquire()
            except Timeout:
                raise self._in_use() from None
            return
        if self._fd is not None:
            return
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in _HELD:
                raise self._in_use() from None
            raise
        self._fd = fd

    def release(self) -> None:
        if self._lock is not None:
            if self._lock.is_locked:
                self._lock.release()
            return
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)
