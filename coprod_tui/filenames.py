"""Safe file names for exports, whatever a session's title holds."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

_UNSAFE = re.compile(r"[^\w\- ]+")
_SPACES = re.compile(r"[\s_]+")
#: Names Windows refuses whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}
MAX_STEM = 80
#: File systems count bytes, not characters (255 on most): 80 CJK characters or
#: mathematical letters take 240–320 bytes, so the stem is also cut by bytes,
#: leaving room for " - Easy read minutes" and " (2)".
MAX_STEM_BYTES = 150


def safe_stem(text: str, fallback: str = "session") -> str:
    """A file name stem with no separators, traversal, control or reserved names."""
    text = unicodedata.normalize("NFC", text)
    text = _UNSAFE.sub(" ", text)
    text = _SPACES.sub(" ", text).strip(" .-")
    text = text[:MAX_STEM]
    while len(text.encode("utf-8")) > MAX_STEM_BYTES:
        text = text[:-1]
    text = text.rstrip(" .-")
    if not text or text.split(".")[0].casefold() in _RESERVED:
        text = f"{fallback} {text}".strip() if text else fallback
    return text


def default_name(date: str, title: str, label: str, suffix: str) -> str:
    return f"{safe_stem(f'{date} {title}')} - {label}{suffix}"


def free_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name (2)`` etc. if that is taken: never overwrite."""
    path = folder / name
    stem, suffix = path.stem, path.suffix
    n = 1
    while os.path.lexists(path):  # a dangling link is taken too
        n += 1
        path = folder / f"{stem} ({n}){suffix}"
    return path
