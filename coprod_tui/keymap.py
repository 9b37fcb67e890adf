"""Keys of one's own: ``keymap.toml`` in the data folder.

Each line gives a key binding's id and the key (or keys, separated by commas)
to use for it instead of coprod's own::

    "run.hand-up" = "ctrl+h"
    "step.back" = "escape,backspace"

The ids are listed in the README ("Your own keys"). A file that cannot be read,
or any line that does not fit, is named in a message and coprod's own keys are
kept, every one of them: half a keymap would be harder to use than none.
"""

from __future__ import annotations

import re
from pathlib import Path

from .regular_files import NotRegularFile, TooBig, read_regular

KEYMAP_FILE = "keymap.toml"
#: A binding id: lower-case words joined by dots and hyphens ("run.hand-up").
_ID = re.compile(r"[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*")
#: One key as Textual names it ("ctrl+shift+f5", "a", "A", "escape", "question_mark").
_KEY = re.compile(r"([a-z]+\+)*([A-Za-z0-9]|[a-z][a-z0-9_]+)")


def load_keymap(data_dir: Path) -> tuple[dict[str, str], str | None]:
    """The keymap in ``data_dir`` ({} without one), and what is wrong with it, if anything
    (then the keymap is {}: coprod's own keys)."""
    path = data_dir / KEYMAP_FILE
    try:
        raw = read_regular(path, limit=1024 * 1024)
    except FileNotFoundError:
        return {}, None
    except (NotRegularFile, TooBig, OSError):
        return {}, f"{KEYMAP_FILE} could not be read; coprod's own keys are used."
    try:
        keymap = parse_keymap(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        reason = str(exc) if isinstance(exc, ValueError) and str(exc) else "it is not text"
        return {}, f"{KEYMAP_FILE} is not used ({reason}); coprod's own keys are used."
    return keymap, None


def parse_keymap(text: str) -> dict[str, str]:
    """Binding id → keys, checked; ValueError says, in words, what does not fit."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"it is not valid TOML: {exc}") from None
    keymap: dict[str, str] = {}
    for binding_id, keys in data.items():
        if not _ID.fullmatch(binding_id):
            raise ValueError(f"'{binding_id[:40]}' is not a key binding's id")
        if not isinstance(keys, str):
            raise ValueError(f"the keys for {binding_id} should be text, like \"ctrl+h\"")
        parts = [k.strip() for k in keys.split(",")]
        if not all(_KEY.fullmatch(k) for k in parts):
            raise ValueError(f"'{keys[:40]}' (for {binding_id}) is not a key or keys")
        keymap[binding_id] = ",".join(parts)
    return keymap
