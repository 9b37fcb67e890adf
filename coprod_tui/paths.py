"""Where the data folder is: --data-dir, then COPROD_DATA_DIR, then the usual place."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import CoprodError

#: The longest name one folder may have on almost every disk (bytes, not characters).
_NAME_MAX = 255


def data_dir(cli_value: str | None = None) -> Path:
    """The data folder asked for. An empty --data-dir or COPROD_DATA_DIR is refused,
    never read as "not given": a script with an unset variable (``--data-dir "$DIR"``)
    would otherwise act on the real data, and ``forget --yes`` cannot be undone."""
    if cli_value is not None:
        return _usable(cli_value, "--data-dir")
    env = os.environ.get("COPROD_DATA_DIR")
    if env is not None:
        return _usable(env, "COPROD_DATA_DIR")
    from platformdirs import user_data_dir

    return Path(user_data_dir("coprod", appauthor=False))


def _usable(value: str, source: str) -> Path:
    """``value`` as a folder path, or one plain sentence on why it cannot be one."""
    if not value:
        raise CoprodError(f"{source} is empty; give the data folder's path, or leave "
                          f"{source} out to use the usual folder.")
    path = Path(value).expanduser()
    if any(len(os.fsencode(part)) > _NAME_MAX for part in path.parts):
        raise CoprodError(f"A folder name in {source} is longer than a disk allows "
                          f"({_NAME_MAX} bytes); choose a shorter path.")
    try:
        path = path.resolve()
    except (RuntimeError, OSError):  # Python 3.11 says RuntimeError for a loop of links
        raise CoprodError(f"The path given with {source} is a loop of links; "
                          "choose a real folder.") from None
    # The nearest part of the path that exists must be a folder: /tmp/notes.txt/data
    # can never be made, whatever space the disk has.
    for place in (path, *path.parents):
        if os.path.lexists(place):
            if place.is_dir():
                break
            if place == path:
                raise CoprodError(f"{path} is a file, not a folder; choose a folder for "
                                  f"the data with {source}.")
            raise CoprodError(f"{place} is a file, not a folder, so it cannot hold the "
                              f"data folder; choose another path with {source}.")
    return path


def documents_dir() -> Path:
    """Where exports go by default: a coprod folder in the user's documents."""
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "coprod"
