"""Text cleaning at the model boundary.

Whatever a person types or pastes is kept exactly, with one documented
normalisation so every file we write can be encoded and every export opens:

* ``\\r\\n`` and ``\\r`` become ``\\n``;
* control characters other than tab and newline (C0, DEL and C1) are removed,
  because XML (so Word) cannot hold them and they are never meaningful text;
* a lone surrogate (possible from a broken paste) becomes U+FFFD, because it
  cannot be encoded as UTF-8.

Single-line fields (names, titles) also turn tabs and newlines into spaces and
trim the ends. Everything else (emoji, right-to-left text, combining marks,
markup-like text such as ``[b]``) is kept as typed.
"""

from __future__ import annotations

import re

from .errors import ValidationError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LINE_SPACE = re.compile(r"[\t\n]+")

#: Long fields (an idea, a decision's reasons) take a whole pasted document.
LONG_LIMIT = 2_000_000
#: Short fields (a name, a title, a venue).
SHORT_LIMIT = 300


def clean_long(value: object, *, what: str, required: bool = False,
               limit: int = LONG_LIMIT, field: str | None = None) -> str:
    """Clean free text that may span lines (``field``: the record's field, for errors)."""
    text = _as_str(value, what, field)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))
    return _check(text, what=what, required=required, limit=limit, field=field)


def clean_line(value: object, *, what: str, required: bool = False,
               limit: int = SHORT_LIMIT, field: str | None = None) -> str:
    """Clean a one-line field: line breaks and tabs become single spaces."""
    text = _as_str(value, what, field)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))
    text = _LINE_SPACE.sub(" ", text).strip()
    return _check(text, what=what, required=required, limit=limit, field=field)


def _as_str(value: object, what: str, field: str | None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be text.", field=field)
    return value


def _check(text: str, *, what: str, required: bool, limit: int, field: str | None) -> str:
    if required and not text.strip():
        raise ValidationError(f"{what} cannot be empty.", field=field)
    if len(text) > limit:
        raise ValidationError(
            f"{what} is too long: keep it under {limit:,} characters.", field=field)
    return text


def one_line(text: str, limit: int = 70) -> str:
    """A record's text on one line, shortened for a list."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


#: Zero-width joiners are part of emoji and many scripts; every other format
#: character (right-to-left overrides, zero-width spaces) can disguise text.
_JOINERS = frozenset("\u200c\u200d")
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def safe_to_print(text: str) -> str:
    """``text`` as it can be shown on a terminal: control, escape and invisible
    characters written out (``\\x1b``, ``\\u202e``), so a title or an argument can
    never move the cursor, change colours or pretend to be other text."""
    if text.isprintable():
        return text
    import unicodedata

    return "".join(
        ch.encode("unicode_escape", "backslashreplace").decode("ascii")
        if ch not in _JOINERS and unicodedata.category(ch) in _HIDDEN else ch
        for ch in text)
