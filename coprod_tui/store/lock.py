"""One writer per data folder, and the folder's identity while it is held.

An OS file lock (flock on POSIX): the kernel drops it when the process ends,
however it ends, so a copy killed with SIGKILL never blocks the next start.

Two locks are taken: on the ``.lock`` file (as every coprod has) and on the
data folder itself. Deleting ``.lock`` would let a second copy lock a new
file of that name; nobody can delete the folder's own lock without deleting
the folder, so a second writer is still refused. Where a folder cannot be
locked (some network disks), the holder checks before each write that
``.lock`` is still the file it locked.

Before each write the holder also checks that the path still leads to the
folder it opened (same device and inode, marker present): a folder moved
away, a pulled disk, or a new folder made in its place is never written into.

On POSIX this calls flock directly, as filelock's Unix lock does: importing
filelock was a third of the store's import time at start-up (about 9 ms).
Elsewhere (Windows, where an open file cannot be deleted) filelock does the
locking.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

from ..errors import FolderInUse

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

#: flock's answers when another process holds the lock (EACCES on some filesystems).
_HELD = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES})
MARKER = ".coprod"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)

#: What ``FolderLock.check`` can find wrong (None: all is well).
GONE, NOT_OURS, LOCK_LOST = "gone", "not ours", "lock lost"


class FolderLock:
    #: False where a folder cannot be locked (tests set it to play such a disk).
    LOCK_FOLDER = True

    def __init__(self, root: Path) -> None:
        self._root = root
        self._path = root / ".lock"
        self._fd: int | None = None
        self._dir_fd: int | None = None
        self._identity: tuple[int, int] | None = None
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
            self._identity = _identity(os.stat(self._root))
            return
        if self._fd is not None:
            return
        # Read-only is enough for flock, and a file open for writing would stop the
        # disk being remounted read-only under the app.
        self._fd = _flocked(self._path, os.O_RDONLY | os.O_CREAT | _NOFOLLOW, self._in_use)
        if self.LOCK_FOLDER:
            try:
                self._dir_fd = _flocked(self._root, os.O_RDONLY | _DIRECTORY, self._in_use)
            except FolderInUse:
                self.release()
                raise
            except OSError:
                self._dir_fd = None  # this disk cannot lock a folder: .lock is checked
        here = os.fstat(self._dir_fd) if self._dir_fd is not None else os.stat(self._root)
        self._identity = _identity(here)

    def check(self) -> str | None:
        """Why writing to the folder now would be unsafe, or None if it is safe.

        A few stat calls: cheap enough to make before every write.
        """
        if self._identity is None:
            return None
        try:
            here = os.stat(self._root)
        except OSError:
            return GONE
        if _identity(here) != self._identity or not os.path.lexists(self._root / MARKER):
            return NOT_OURS
        if self._fd is not None and self._dir_fd is None:
            try:
                if _identity(os.stat(self._path)) != _identity(os.fstat(self._fd)):
                    return LOCK_LOST
            except OSError:
                return LOCK_LOST
        return None

    def release(self) -> None:
        """Let go; never fails (a disk gone or read-only must not stop coprod closing)."""
        if self._lock is not None:
            try:
                if self._lock.is_locked:
                    self._lock.release()
            except OSError:
                pass
            return
        for name in ("_dir_fd", "_fd"):
            fd = getattr(self, name)
            setattr(self, name, None)
            if fd is None:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            except OSError:
                pass  # closing the descriptor lets go of the lock in any case
            try:
                os.close(fd)
            except OSError:
                pass


def _identity(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def _flocked(path: Path, flags: int, in_use: Callable[[], FolderInUse]) -> int:
    """An open descriptor of ``path`` holding an exclusive flock, or FolderInUse."""
    fd = os.open(path, flags, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in _HELD:
            raise in_use() from None
        if exc.errno == errno.EBADF and flags & os.O_CREAT:
            # A network disk that plays flock with fcntl locks wants the file open
            # for writing.
            return _flocked(path, (flags & ~os.O_ACCMODE) | os.O_RDWR, in_use)
        raise
    return fd
