"""The data folder itself: making it, and refusing a folder that is not coprod's."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..clock import new_id
from ..errors import CoprodError, NotFound
from ..ids import is_id
from ..regular_files import kind_of, read_regular, special_kind
from .atomic import DIR_MODE, TEMP_SUFFIX, write_atomic
from .lock import MARKER
from .set_aside import SET_ASIDE, own_folder, set_aside

#: Present while a copy of coprod has the folder open (a crash leaves it behind).
RUNNING = ".running"


def refuse_foreign(root: Path) -> None:
    """Refuse a file, or a folder holding someone else's files (writes nothing)."""
    if root.exists():
        if not root.is_dir():
            raise CoprodError(f"{root} is a file, not a folder; choose a folder for the data.")
        marker = root / MARKER
        # The marker is looked for again after the listing: another copy may have
        # written it (and more) in between.
        if not marker.exists() and not _only_ours(root) and not marker.exists():
            raise CoprodError(f"{root} already holds other files; choose an empty "
                              "or new folder for coprod's data.")


def prepare_folder(root: Path, *, create: bool) -> list[str]:
    """Make sure ``root`` is a coprod data folder we may use (0700); what had to be
    put right there, in words."""
    marker = root / MARKER
    refuse_foreign(root)
    if os.path.islink(root / "sessions"):
        # Setting it aside would make coprod open looking empty: said, not moved.
        raise CoprodError(f"The sessions folder in {root} is a link to another place, and "
                          "coprod never reads or writes its records through a link: put the "
                          "folder itself there, then try again.")
    if not create:  # reading only: nothing is written, not even a chmod
        if not root.exists():
            raise NotFound(f"There is no coprod data in {root} yet.")
        return []
    root.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    os.chmod(root, DIR_MODE)
    # Our own folders, never links: a link would carry writes (and a chmod) elsewhere.
    problems = [own_folder(root, sub) for sub in ("sessions", "backups")]
    if os.path.lexists(root / SET_ASIDE):  # made when first needed
        problems.append(own_folder(root, SET_ASIDE))
    problems += not_special(root, MARKER)
    if _folder_id(marker) is None:
        # The folder's own id (added to a marker that has none): how the folder is
        # known again if its disk is plugged in again under another name (lock.py).
        write_atomic(marker, json.dumps({"format": "coprod data folder", "version": 1,
                                         "id": new_id()}).encode())
    return [p for p in problems if p]


def _folder_id(marker: Path) -> str | None:
    try:
        data = json.loads(read_regular(marker, limit=4096))
    except (OSError, CoprodError, ValueError, UnicodeDecodeError):
        return None
    return data.get("id") if isinstance(data, dict) and is_id(data.get("id")) else None


def not_special(root: Path, name: str) -> list[str]:
    """Move aside anything but an ordinary file named ``name`` (a link is never
    followed, a FIFO never opened); what was done, in words."""
    kind = special_kind(root / name)
    if kind is None:
        return []
    try:
        moved = set_aside(root, root / name)
    except FileNotFoundError:  # another copy starting moved it first
        return []
    return [f"{name} in the data folder was {kind}, not a file coprod wrote; it was "
            f"moved, unopened, to {moved} and made again."]


def _only_ours(root: Path) -> bool:
    """True if ``root`` holds nothing but what coprod makes before its marker.

    A first start that was killed, or another copy starting at the same moment,
    leaves the lock, the empty sub-folders or the marker's temp file.
    """
    for path in root.iterdir():
        name = path.name
        if name == ".lock" or (name.startswith(f".{MARKER}.") and name.endswith(TEMP_SUFFIX)):
            continue
        try:
            if name in ("sessions", "backups") and path.is_dir() and not any(path.iterdir()):
                continue
        except OSError:
            pass
        return False
    return True


def tidy(root: Path, *, sessions: bool = True) -> bool:
    """Remove temp files a killed write left behind; True if coprod did not close
    properly last time. ``sessions`` False: not those in sessions/ (the store's
    reconcile removes them as it lists that folder, which start-up need not wait for)."""
    for folder in (root, *([root / "sessions"] if sessions else []), root / "backups"):
        for temp in folder.glob(f".*{TEMP_SUFFIX}"):
            if kind_of(os.lstat(temp).st_mode) in (None, "a symbolic link"):
                temp.unlink(missing_ok=True)
    return (root / RUNNING).exists()


def mark_running(root: Path) -> bytes:
    """Say the folder is in use until it is closed (kill -9 leaves this behind); the
    note written. A random part too: another copy that opens the folder (on this
    computer or another) leaves a different note, or none, so the lock can tell."""
    note = f"{os.getpid()} {os.urandom(8).hex()}".encode()
    write_atomic(root / RUNNING, note)
    return note
