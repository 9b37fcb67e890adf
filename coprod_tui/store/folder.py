"""The data folder itself: making it, and refusing a folder that is not coprod's."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import CoprodError, NotFound
from ..regular_files import kind_of
from .atomic import DIR_MODE, TEMP_SUFFIX, write_atomic
from .lock import MARKER

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


def prepare_folder(root: Path, *, create: bool) -> None:
    """Make sure ``root`` is a coprod data folder we may use (0700)."""
    marker = root / MARKER
    refuse_foreign(root)
    if not create:  # reading only: nothing is written, not even a chmod
        if not root.exists():
            raise NotFound(f"There is no coprod data in {root} yet.")
        return
    root.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    os.chmod(root, DIR_MODE)
    for sub in ("sessions", "backups"):
        (root / sub).mkdir(mode=DIR_MODE, exist_ok=True)
        os.chmod(root / sub, DIR_MODE)
    if not marker.exists():
        write_atomic(marker, json.dumps({"format": "coprod data folder", "version": 1}).encode())


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


def mark_running(root: Path) -> None:
    """Say the folder is in use until it is closed (kill -9 leaves this behind)."""
    write_atomic(root / RUNNING, str(os.getpid()).encode())
