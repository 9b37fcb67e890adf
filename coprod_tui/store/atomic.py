"""Atomic, durable file writes, and the TinyDB Storage built on them.

TinyDB's own JSONStorage rewrites a file in place, so a crash mid-write leaves
half a file. Here every write goes to a new temp file in the same folder, is
flushed and fsynced, renamed over the old file with ``os.replace`` (atomic on
POSIX and Windows), and then the folder is fsynced so the rename itself
survives a power cut. A reader sees the old file or the new one, never a mix.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import Storage

from ..errors import CoprodError, FolderUnavailable, SaveError
from .lock import GONE, IN_USE, LOCK_LOST, USED_MEANWHILE

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".coprod-tmp"


def temp_path_for(path: Path) -> Path:
    # os.urandom is what secrets.token_hex uses; importing secrets (hmac, hashlib)
    # cost start-up more than anything else in this module.
    return path.with_name(f".{path.name}.{os.urandom(6).hex()}{TEMP_SUFFIX}")


def write_atomic(path: Path, payload: bytes, *, keep_previous: Path | None = None) -> None:
    """Replace ``path`` with ``payload`` so that it is all there or not at all.

    With ``keep_previous``, the file being replaced stays reachable under that
    name (a hard link, so no copy is made).
    """
    temp = temp_path_for(path)
    old: Path | None = None
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        try:
            os.fchmod(fd, FILE_MODE)  # the umask may have taken bits away
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if keep_previous is not None and path.exists():
            # Linked under a temp name first, so a refused replace leaves the
            # previous copy as it was.
            old = temp_path_for(keep_previous)
            os.link(path, old)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        if old is not None:
            old.unlink(missing_ok=True)
        raise
    if old is not None:
        # The new file is in place: keeping the previous copy is a bonus, and a
        # refusal now must not report the save as failed.
        try:
            os.replace(old, keep_previous)
            fsync_dir(old.parent)
        except OSError:
            try:
                old.unlink(missing_ok=True)
            except OSError:
                pass  # a leftover temp file is tidied at the next start
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders can't be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def dump_json(data: Any) -> bytes:
    """The compact JSON of ``data``, as UTF-8 (text is cleaned at the model boundary,
    so it always encodes).

    orjson writes exactly the bytes ``json.dumps(data, ensure_ascii=False,
    separators=(",", ":"))`` writes for everything coprod stores (strings, whole
    numbers, true/false/null, lists, objects: tests/test_store.py checks this),
    about fifteen times faster: most of a save was encoding (50 ms of a 5,000-idea
    session, 3 ms with orjson). Anything orjson will not take (a lone surrogate, a
    number beyond 64 bits) goes the standard library's way, as before.
    """
    global _orjson_dumps
    if _orjson_dumps is None:
        try:
            from orjson import dumps as fast  # imported on the first save, not at start-up
        except ImportError:  # pragma: no cover - a platform without a wheel
            fast = _stdlib_dumps
        _orjson_dumps = fast
    try:
        return _orjson_dumps(data)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return _stdlib_dumps(data)


def _stdlib_dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


_orjson_dumps = None


_UNREACHABLE = ("the folder cannot be reached (its disk may have been removed, or the "
                "folder moved or renamed)")


def _reason(exc: OSError) -> str:
    """Why the disk refused, in words (never the file's name: it may hold a title)."""
    import errno

    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EFBIG: "the file would be bigger than this system allows",
        errno.EACCES: "coprod is not allowed to write to the folder",
        errno.EPERM: "coprod is not allowed to write to the folder",
        errno.EROFS: "the folder is on a read-only disk",
        errno.ENAMETOOLONG: "the file name is too long",
        errno.EIO: "the disk reported an error",
        errno.ENOENT: _UNREACHABLE,
        errno.ENODEV: _UNREACHABLE,
        errno.ENXIO: _UNREACHABLE,
        errno.ESTALE: _UNREACHABLE,
        errno.ENOTCONN: _UNREACHABLE,
    }
    if exc.errno in reasons:
        return reasons[exc.errno]
    if exc.strerror:
        return f"the disk refused it ({exc.strerror.lower()})"
    return "the disk refused it"


def save_error(exc: OSError, what: str) -> SaveError:
    """A plain message for a failed save, naming the cause but no personal data."""
    return SaveError(f"Could not save {what} because {_reason(exc)}. "
                     "Nothing was lost: free some space or fix the folder, then try again.")


def folder_error(problem: str, action: str, root: Path, *,
                 saving: bool = True) -> FolderUnavailable:
    """A plain message for something refused because the data folder is not there, or
    is not the folder coprod opened (``problem`` is one of lock.py's answers).

    ``action`` is what was refused ("save the session"); ``saving`` says whether
    typed work is waiting (then it is kept, to be saved once the folder is back).
    """
    then = ("What you typed is kept, to save once the folder is back." if saving
            else "Put the folder back, then try again.")
    if problem == GONE:
        return FolderUnavailable(
            f"Could not {action}: the data folder {root} cannot be reached (its disk "
            f"removed, or the folder moved or renamed). {then}")
    if problem == LOCK_LOST:
        return FolderUnavailable(
            f"Could not {action}: coprod's lock file in {root} was removed, so another "
            "copy of coprod may be changing the data; nothing is written. Copy what you "
            "typed, close every copy of coprod and start it again.")
    if problem == IN_USE:
        return FolderUnavailable(
            f"Could not {action}: the data folder {root} is back, but another copy of "
            "coprod is using it now; nothing is written there, so as not to undo its "
            "work. Copy what you typed, close every copy and start coprod again.")
    if problem == USED_MEANWHILE:
        return FolderUnavailable(
            f"Could not {action}: the data folder {root} is back, but another copy of "
            "coprod used it meanwhile; nothing is written there, so as not to undo its "
            "work. Copy what you typed and start coprod again.")
    return FolderUnavailable(
        f"Could not {action}: {root} is not the data folder coprod opened (a new folder "
        "or another disk is in its place), so nothing is written there. Put the original "
        "back, or copy what you typed and start coprod again.")


def read_error(exc: OSError, what: str) -> SaveError:
    """A plain message for a file the disk would not let us read."""
    return SaveError(f"Could not open {what} because {_reason(exc)}. Nothing was changed: "
                     "fix the folder, then try again.")


def open_error(exc: OSError, root: Path) -> SaveError:
    """A plain message for a data folder that cannot be opened for writing."""
    import errno

    if exc.errno in (errno.ENOTDIR, errno.ENAMETOOLONG, errno.ELOOP):
        # The path itself is wrong: no amount of free space would help.
        why = {errno.ENOTDIR: "part of that path is a file, not a folder",
               errno.ENAMETOOLONG: "a name in that path is too long for the disk",
               errno.ELOOP: "that path is a loop of links"}[exc.errno]
        return SaveError(f"Could not open the data folder {root} because {why}. "
                         "Choose another folder with --data-dir.")
    return SaveError(f"Could not open the data folder {root} because {_reason(exc)}. "
                     "Free some space or fix the folder, then start coprod again.")


class AtomicJSONStorage(Storage):
    """A TinyDB Storage that writes through ``write_atomic`` and keeps a memory copy.

    ``read`` returns the copy last loaded or saved, so queries cost no disk
    reads. TinyDB edits the returned dict in place before calling ``write``, so
    the bytes last known to be on disk are kept too: if a write fails, the
    memory copy goes back to them, without reading the disk (which may be gone,
    or may no longer be ours). ``guard`` is called before every write and
    raises if the folder is not safe to write to.
    """

    def __init__(self, path: Path, loader, *, what: str, read_only: bool = False,
                 keep_previous: Path | None = None, guard=None) -> None:
        self.path = path
        self._loader = loader
        self._what = what
        self._read_only = read_only
        self._keep_previous = keep_previous
        self._guard = guard
        self._data: dict[str, dict[str, Any]] | None = None
        #: The last durable state, serialised (taken when first needed, then kept
        #: from each successful write, so it costs no extra work per save).
        self._durable: bytes | None = None
        self._batching = False
        self._pending = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._data is None:
            self._data = self._loader(self.path)
            self._durable = None
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self._read_only:
            self._roll_back()
            raise SaveError("This data folder is open read-only here, so nothing can be saved.")
        if self._batching:
            self._data, self._pending = data, True
            return
        self._flush(data)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several table writes into one durable write: all or nothing."""
        if self._batching:
            yield
            return
        if self._durable is None:
            # Before TinyDB changes anything in place: what the disk holds now.
            self._durable = dump_json(self.read())
        self._batching, self._pending = True, False
        try:
            yield
        except BaseException:
            if self._pending:  # forget the half-made change: back to the last durable one
                self._roll_back()
            raise
        finally:
            self._batching = False
        if self._pending and self._data is not None:
            self._flush(self._data)

    def _roll_back(self) -> None:
        if self._durable is not None:
            self._data = json.loads(self._durable)
        else:  # never loaded: the next read loads
            self._data = None

    def _flush(self, data: dict[str, dict[str, Any]]) -> None:
        try:
            if self._guard is not None:
                self._guard(self._what)
            payload = dump_json(data)
            write_atomic(self.path, payload, keep_previous=self._keep_previous)
        except OSError as exc:
            self._roll_back()
            if isinstance(exc, CoprodError):
                raise
            raise save_error(exc, self._what) from exc
        self._data, self._durable = data, payload

    def close(self) -> None:
        self._data = self._durable = None
