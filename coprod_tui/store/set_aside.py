"""Files coprod cannot use: found without opening them, and moved out of the way.

Nothing here follows a symbolic link or opens a folder, pipe, socket or device:
a link is moved as the link itself, and the file it points to (perhaps outside
the data folder) keeps its mode and bytes; a pipe would block whoever opened it.
coprod's own folders (``sessions/``, ``backups/``, ``set-aside/``) are made real
folders the same way: a link in their place is moved, never written through.
"""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

from ..ids import session_id_of
from ..regular_files import kind_of
from .atomic import DIR_MODE, FILE_MODE

#: Room for the date stamp within a file name's 255 bytes.
_NAME_BYTES = 200
#: The folder damaged files go to.
SET_ASIDE = "set-aside"


def set_aside(root: Path, path: Path) -> Path:
    """Move ``path`` into root/set-aside/ (never delete it); its new path under root."""
    target_dir = root / SET_ASIDE
    own_folder(root, SET_ASIDE)  # never a link that would carry the file elsewhere
    target = _free_target(target_dir, path.name)
    os.replace(path, target)  # a rename never follows a link
    make_private(target)
    return target.relative_to(root)


def _free_target(target_dir: Path, name: str) -> Path:
    """A name in ``target_dir`` for ``name`` set aside now, dated, and not yet taken."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = name[:_NAME_BYTES]
    while len(name.encode("utf-8", "surrogateescape")) > _NAME_BYTES:
        name = name[:-1]
    target = target_dir / f"{name}.{stamp}"
    n = 1
    while os.path.lexists(target):
        n += 1
        target = target_dir / f"{name}.{stamp}-{n}"
    return target


def own_folder(root: Path, name: str) -> str | None:
    """Make root/name a real folder of coprod's own (0700), never a link.

    Anything else there (a link, which could lead outside the data folder; a file;
    a pipe) is moved into set-aside/ as it is (renamed: never followed, opened or
    chmodded) and a new folder is made. Says what was done, or None if nothing was.
    """
    path = root / name
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        path.mkdir(mode=DIR_MODE, exist_ok=True)
        return None
    if stat.S_ISDIR(mode):  # lstat: a real folder, not a link to one
        os.chmod(path, DIR_MODE)
        return None
    if name == SET_ASIDE:
        # set-aside/ cannot be moved into itself: renamed out of the way first.
        parked = _free_target(root, f".{name}")
        os.rename(path, parked)
        path.mkdir(mode=DIR_MODE)
        target = _free_target(path, name)
        os.rename(parked, target)
        make_private(target)
        moved = target.relative_to(root)
    else:
        moved = set_aside(root, path)
    path.mkdir(mode=DIR_MODE, exist_ok=True)
    os.chmod(path, DIR_MODE)
    return (f"{name} in the data folder was {kind_of(mode)}, not a folder, so coprod did "
            f"not use it: it was moved, unopened, to {moved} (anything a link pointed to "
            f"is untouched) and a new {name} folder was made.")


def make_private(path: Path) -> None:
    """chmod 0600 an ordinary file, without following a link (a link or a special
    file is left as it is: its mode means nothing, or belongs to what it points to)."""
    if not hasattr(os, "fchmod"):  # Windows
        if stat.S_ISREG(os.lstat(path).st_mode):
            os.chmod(path, FILE_MODE)
        return
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    except OSError:
        return  # a link (O_NOFOLLOW) or a socket
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


def scan_sessions(sessions_dir: Path) -> tuple[dict[str, Path], dict[Path, str]]:
    """The session files in ``sessions_dir`` by id, and everything else named
    ``*.json`` there (a folder, pipe, socket or link, or a name that is not a
    session id) with what is wrong with it, in words. Nothing is opened."""
    files: dict[str, Path] = {}
    odd: dict[Path, str] = {}
    try:
        with os.scandir(sessions_dir) as entries:
            # is_file() answers from the listing itself: no system call per file.
            found = [(e.name, stat.S_IFREG if e.is_file(follow_symlinks=False)
                      else e.stat(follow_symlinks=False).st_mode)
                     for e in entries if e.name.endswith(".json")]
    except (FileNotFoundError, NotADirectoryError):  # read-only: nothing to list
        return files, odd
    for name, mode in found:
        path = sessions_dir / name
        kind = kind_of(mode)
        sid = session_id_of(name)
        if kind is None and sid is not None:
            files[sid] = path
        elif kind is not None:
            odd[path] = f"sessions/{name} is {kind}, not a session file, so it was not opened."
        else:
            odd[path] = f"sessions/{name} is not named like a coprod session file."
    return files, odd
