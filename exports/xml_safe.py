"""Text that any XML writer accepts, whatever a record holds (the last step before Word).

The plain-English helpers (dates, lists, plurals) are ``coprod_tui.words``.
"""

from __future__ import annotations

import re

# XML 1.0 cannot hold C0 controls (bar tab and newline), lone surrogates or
# U+FFFE/U+FFFF, and python-docx raises ValueError on them. C1 controls are
# legal XML but never meaningful text, so they go too (as in coprod_tui.text).
_NOT_XML = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_text(value: object) -> str:
    """``value`` as text Word can hold.

    The model already cleans what people type, but exports are pure functions
    that may be handed any SessionData, so they clean again rather than crash.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATE.sub("\ufffd", _NOT_XML.sub("", text))
