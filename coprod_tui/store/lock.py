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

A disk pulled and plugged in again (a USB stick) comes back under a new device
number, and the old lock went with the old mount. The folder is known again by
the file system's id (``f_fsid``: from its UUID on ext4, XFS and Btrfs, so
another stick differs), its inode (a copy of the folder differs), the marker's
random folder id, and the ``.running`` note this copy wrote when it opened
(another copy that used the folder meanwhile would have changed or removed it).
The lock is then taken again on the folder as it is now (refused as "in use" if
another copy holds it) and writing goes on. Nothing is written anywhere else.

On POSIX this calls flock directly, as filelock's Unix lock does: importing
filelock was a third of the store's import time at start-up (about 9 ms).
Elsewhere (Windows, where an open file cannot be deleted) filelock does the
locking.
"""

from __future__ import annotations

import errno
import os
import stat
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
#: ... and, for a disk that came back under a new device number: another copy holds
#: it now, or another copy used it while it was away.
IN_USE, USED_MEANWHILE = "in use", "used meanwhile"
#: The most a proof file (the marker, ``.running``) is read of.
_PROOF_BYTES = 4096


class FolderLock:
    #: False where a folder cannot be locked (tests set it to play such a disk).
    LOCK_FOLDER = True

    def __init__(self, root: Path) -> None:
        self._root = root
        self._path = root / ".lock"
        self._fd: int | None = None
        self._dir_fd: int | None = None
        self._identity: tuple[int, int] | None = None
        #: The file system's id (None where the system has none to give).
        self._fsid: int | None = None
        #: Files whose bytes prove the folder is the one opened, unchanged by others.
        self._proof: dict[str, bytes] = {}
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
        self._fsid = _fsid(self._dir_fd, self._root)

    def remember(self, name: str, payload: bytes) -> None:
        """The file ``name`` in the folder holds ``payload`` (the marker with the folder's
        id, the ``.running`` note): the folder back after a new mount must hold it too."""
        self._proof[name] = payload

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
        if _identity(here) != self._identity:
            if here.st_ino == self._identity[1] and self._fd is not None:
                return self._take_back()
            return NOT_OURS
        if not os.path.lexists(self._root / MARKER):
            return NOT_OURS
        if self._fd is not None and self._dir_fd is None:
            try:
                if _identity(os.stat(self._path)) != _identity(os.fstat(self._fd)):
                    return LOCK_LOST
            except OSError:
                return LOCK_LOST
        return None

    def _take_back(self) -> str | None:
        """The same inode under another device number: a disk mounted again. Lock the
        folder as it is now, make sure it is the very folder opened and that no other
        copy used it meanwhile (it holds the proof files unchanged), and only then let
        go of the old lock (on a mount that is gone) and carry on with the new one.
        Nothing is written unless the folder proved to be ours."""
        old = (self._fd, self._dir_fd)
        fd = dir_fd = None
        try:
            if old[1] is not None:
                dir_fd = _flocked(self._root, os.O_RDONLY | _DIRECTORY, self._in_use)
            here = os.fstat(dir_fd) if dir_fd is not None else os.stat(self._root)
            problem = self._not_the_same(here, _fsid(dir_fd, self._root))
            if problem is None:
                fd = _flocked(self._path, os.O_RDONLY | os.O_CREAT | _NOFOLLOW, self._in_use)
                if dir_fd is None:  # only .lock excludes others here: look again, held
                    problem = self._not_the_same(here, _fsid(dir_fd, self._root))
        except FolderInUse:
            problem = IN_USE
        except OSError:
            problem = GONE
        if problem is not None:
            _close_locked(fd, dir_fd)
            return problem
        _close_locked(*old)
        self._fd, self._dir_fd, self._identity = fd, dir_fd, _identity(here)
        return None

    def _not_the_same(self, here: os.stat_result, fsid: int | None) -> str | None:
        """Why the folder at hand is not the one opened, as it was left; or None."""
        if here.st_ino != self._identity[1] or fsid != self._fsid or MARKER not in self._proof:
            return NOT_OURS  # another disk (a new stick's first folder has the same inode)
        if _read_proof(self._root / MARKER) != self._proof[MARKER]:
            return NOT_OURS  # another folder, or a copy of this one
        if any(_read_proof(self._root / name) != payload
               for name, payload in self._proof.items()):
            return USED_MEANWHILE
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
        fds = (self._dir_fd, self._fd)
        self._dir_fd = self._fd = None
        _close_locked(*fds)


def _close_locked(*fds: int | None) -> None:
    """Unlock and close; never fails."""
    for fd in fds:
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


def _read_proof(path: Path) -> bytes | None:
    """The first bytes of an ordinary file (never through a link), or None."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        return os.read(fd, _PROOF_BYTES) if stat.S_ISREG(os.fstat(fd).st_mode) else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _fsid(fd: int | None, path: Path) -> int | None:
    """The file system's id, as statvfs gives it; None where it cannot."""
    try:
        return (os.fstatvfs(fd) if fd is not None else os.statvfs(path)).f_fsid
    except (OSError, AttributeError):  # Windows has no statvfs
        return None


def _identity(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def _flocked(path: Path, flags: int, in_use) -> int:
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
