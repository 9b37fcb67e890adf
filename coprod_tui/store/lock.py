"""One writer per data folder.

An OS file lock (flock on POSIX): the kernel drops it when the process ends,
however it ends, so a copy killed with SIGKILL never blocks the next start.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import FolderInUse


class FolderLock:
    def __init__(self, root: Path) -> None:
        self._lock = FileLock(root / ".lock", timeout=0, mode=0o600, thread_local=False,
                              fallback_to_soft=False)
        self._root = root

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout:
            raise FolderInUse(
                f"Another copy of coprod is already using the data folder {self._root}; "
                "close it first, or choose another folder with --data-dir.") from None

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()
