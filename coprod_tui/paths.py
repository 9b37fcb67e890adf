"""Where the data folder is: --data-dir, then COPROD_DATA_DIR, then the usual place."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir(cli_value: str | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get("COPROD_DATA_DIR")
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_data_dir

    return Path(user_data_dir("coprod", appauthor=False))


def documents_dir() -> Path:
    """Where exports go by default: a coprod folder in the user's documents."""
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "coprod"
