"""Placing an export file: where it may go, and writing it so that nothing is lost or replaced.

The core only places files; what goes in them (every format, and how it is
rendered) is ``coprod_tui.exports.formats``, which calls ``place`` here.

Only an ordinary file is ever written, never inside a coprod data folder, never
through a symbolic link, a device or a pipe; an existing file is replaced only
when the user named it exactly. The bytes go to a temp file in the same folder
that no failure leaves behind (and one a killed copy left is removed later).
"""

from __future__ import annotations

import errno
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import CoprodError
from .filenames import default_name, free_path
from .regular_files import special_kind
from .store.atomic import DIR_MODE, FILE_MODE, TEMP_SUFFIX, fsync_dir, save_error
from .store.store import MARKER

#: An export is written to ".coprod-export-<pid>-<random>.tmp" in its folder, then
#: renamed. The pid tells a temp file left by a killed copy (which holds the full
#: minutes) from one still being written.
EXPORT_TEMP = re.compile(r"\.coprod-export-(\d+)-[0-9a-f]{12}\.tmp")
#: Temp files older than this are left over whatever their pid says.
STALE_AFTER_S = 24 * 3600
_OPEN_NEW = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))


@dataclass(frozen=True, slots=True)
class Target:
    path: Path
    #: True only when the user named this very file: an ordinary file there is replaced.
    replace: bool


def target_path(output: str | Path | None, name: str, *, default_dir: Path | None = None,
                data_root: Path | None = None) -> Target:
    """Where to write: a given file, a given folder, or the default folder.

    Only an ordinary file is ever written or replaced, never inside a coprod data
    folder, and an existing file only when the user named it exactly.
    """
    path: Path | None = None
    if output:
        given = Path(output).expanduser()
        try:
            is_folder = given.is_dir()  # a link to a folder is the user's choice of folder
        except OSError as exc:  # a name too long for the disk, a loop of links
            raise _write_error(exc, given) from None
        if is_folder:
            folder = given
        elif str(output).endswith(tuple(filter(None, ("/", os.sep, os.altsep)))):
            # "out1/" names a folder (Path drops the slash): never a file called out1.
            if os.path.lexists(given):
                raise CoprodError(f"{given} is not a folder; give a folder that exists, "
                                  "or a file name without the slash at the end.")
            raise CoprodError(f"The folder {given} does not exist; make it first, or "
                              "choose a folder that does.")
        else:
            folder, path = given.parent, given
            if not folder.is_dir():
                raise CoprodError(f"The folder {folder} does not exist.")
    else:
        folder = default_dir or Path.cwd()
        make_export_folder(folder)
    if _in_data_folder(folder, data_root):
        raise CoprodError(f"{folder} is inside coprod's data folder; exports go somewhere "
                          "else, so they can never replace coprod's own files.")
    tidy_export_temps(folder)
    target = Target(path, True) if path is not None else Target(free_path(folder, name), False)
    _check_name(target.path)
    _check_kind(target.path)
    return target


def place(payload: bytes, output: str | Path | None, *, date: str, title: str, label: str,
          suffix: str, default_dir: Path | None = None, data_root: Path | None = None) -> Path:
    """Write an export's bytes where asked (a file, a folder, else ``default_dir``),
    under a name made from the date, the title and what it is when none was given."""
    name = default_name(date, title, label, suffix)
    return write_export(target_path(output, name, default_dir=default_dir,
                                    data_root=data_root), payload)


def make_export_folder(folder: Path) -> None:
    """Create the export folder 0700 (exports hold personal data) if it is not there."""
    if folder.is_dir():
        return
    try:
        folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    except FileExistsError:
        raise CoprodError(f"{folder} is a file, not a folder.") from None
    except OSError as exc:
        raise save_error(exc, f"to the folder {folder}") from exc


def _in_data_folder(folder: Path, data_root: Path | None) -> bool:
    """True if ``folder`` is (inside) the given data folder or any coprod data folder."""
    real = folder.resolve()
    if data_root is not None:
        root = Path(data_root).resolve()
        if real == root or root in real.parents:
            return True
    return any((place / MARKER).is_file() for place in (real, *real.parents))


def _check_name(path: Path) -> None:
    try:
        limit = os.pathconf(path.parent, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # no pathconf (Windows), or no answer
        limit = 255
    if len(os.fsencode(path.name)) > limit:
        raise CoprodError(f"That file name is too long for this disk (at most {limit} "
                          "bytes); choose a shorter name.")


def _check_kind(path: Path) -> None:
    kind = special_kind(path)
    if kind == "a symbolic link":
        raise CoprodError(f"{path.name} is a symbolic link; coprod does not write through "
                          "links. Give the path of the file itself, or a new name.")
    if kind is not None:
        raise CoprodError(f"{path.name} is {kind}, not an ordinary file; coprod writes "
                          "exports only as ordinary files. Choose another name.")


def tidy_export_temps(folder: Path) -> int:
    """Remove export temp files a killed copy left in ``folder``; how many went."""
    try:
        with os.scandir(folder) as entries:
            found = [(e.name, e.stat(follow_symlinks=False)) for e in entries
                     if e.name.startswith(".") and e.name.endswith((".tmp", TEMP_SUFFIX))]
    except OSError:
        return 0
    removed = 0
    now = time.time()
    for name, info in found:
        match = EXPORT_TEMP.fullmatch(name)
        if not stat.S_ISREG(info.st_mode) or not (match or name.endswith(TEMP_SUFFIX)):
            continue
        old = now - info.st_mtime > STALE_AFTER_S
        # Without a pid (written by an older coprod), only an old file is surely left over.
        if old or (match and not _running(int(match.group(1)))):
            try:
                (folder / name).unlink()
                removed += 1
            except OSError:
                pass
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # Windows: os.kill would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process
        return True
    return True


def write_export(target: Target | Path, payload: bytes) -> Path:
    """Write ``payload`` through a temp file that is removed on any failure."""
    if isinstance(target, Path):
        target = Target(target, False)
    path = target.path
    folder = path.parent
    temp = folder / f".coprod-export-{os.getpid()}-{os.urandom(6).hex()}.tmp"
    try:
        fd = os.open(temp, _OPEN_NEW, FILE_MODE)
    except OSError as exc:
        raise _write_error(exc, path) from exc
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, FILE_MODE)  # the umask may have taken bits away
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        _check_kind(path)  # again, just before the rename
        if target.replace:
            os.replace(temp, path)
        else:
            path = _place_new(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _write_error(exc, path) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(folder)
    return path.resolve()


def _place_new(temp: Path, path: Path) -> Path:
    """Give ``temp`` the name ``path`` without replacing anything already there."""
    wanted = path
    for _ in range(100):
        try:
            os.link(temp, path)  # fails if the name was taken meanwhile: never replaces
        except FileExistsError:
            path = free_path(wanted.parent, wanted.name)
            continue
        except OSError:  # no hard links here (FAT, some network disks)
            path = free_path(wanted.parent, wanted.name)
            os.replace(temp, path)
            return path
        temp.unlink()
        return path
    raise FileExistsError(errno.EEXIST, "every free name was taken")


def _write_error(exc: OSError, path: Path) -> CoprodError:
    if exc.errno == errno.ENAMETOOLONG:
        return CoprodError("That file name is too long for this disk; choose a shorter name.")
    return save_error(exc, f"the file {path.name}")
