"""Reading only ordinary files.

A named pipe (FIFO) blocks whoever opens it until something writes to it, a
device such as /dev/zero never ends, a folder cannot be read as a file, and a
symbolic link can point anywhere. coprod opens a file without blocking, asks the
open file what it is, and reads it only if it is an ordinary (regular) file, up
to a size limit where one is given.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import CoprodError

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class NotRegularFile(CoprodError):
    """The path is a folder, link, pipe, socket or device, not an ordinary file."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path.name} is {kind}, not an ordinary file.")
        self.kind = kind


class TooBig(CoprodError):
    """The file is bigger than the caller will read."""


def kind_of(mode: int) -> str | None:
    """In words, what a file of this mode is; None for an ordinary file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def special_kind(path: Path) -> str | None:
    """What ``path`` itself is, if it is not an ordinary file (links are not followed).

    None for an ordinary file or for nothing there at all.
    """
    try:
        return kind_of(os.lstat(path).st_mode)
    except FileNotFoundError:
        return None


def read_regular(path: Path, *, limit: int | None = None, follow_links: bool = False
                 ) -> bytes:
    """The bytes of ``path`` if it is an ordinary file.

    NotRegularFile if it is anything else (never opened in a way that blocks),
    TooBig if it holds more than ``limit`` bytes, OSError (FileNotFoundError ...)
    as ``open`` gives them.
    """
    flags = os.O_RDONLY | _NONBLOCK | _BINARY | _CLOEXEC | (0 if follow_links else _NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError:
        # A link refused by O_NOFOLLOW (ELOOP, or EMLINK on some systems), a socket
        # (ENXIO), a folder on Windows: say what it is rather than why open failed.
        try:
            mode = (os.stat if follow_links else os.lstat)(path).st_mode
        except OSError:
            mode = stat.S_IFREG
        kind = kind_of(mode)
        if kind is not None:
            raise NotRegularFile(path, kind) from None
        raise
    try:
        info = os.fstat(fd)
        kind = kind_of(info.st_mode)
        if kind is not None:
            raise NotRegularFile(path, kind)
        if limit is not None and info.st_size > limit:
            raise TooBig(f"{path.name} is bigger than {limit:,} bytes.")
        chunks = []
        size = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if limit is not None and size > limit:  # it grew while being read
                raise TooBig(f"{path.name} is bigger than {limit:,} bytes.")
        return b"".join(chunks)
    finally:
        os.close(fd)
