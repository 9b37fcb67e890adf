"""Pasted text arrives whole and in order, whatever it holds.

A terminal marks a paste with ``ESC [200~`` ... ``ESC [201~``. Textual 8.2.8's
parser (``textual/_xterm_parser.py``) collects the paste, but an ESC *inside* it
starts an escape sequence that the parser reads on past the paste's own
characters, then sends them as key presses, ahead of the paste, with ESC shown
as a literal ``^`` (and characters that are not keys, such as right-to-left
marks, dropped). "Live [b]bold[/b] \\e[31mRED" reached a title as
"^[31mRED...Live [b]bold[/b]".

``PasteSafeParser`` takes the control characters out of a paste's text before
the parser sees it: exactly what coprod would take out when saving it anyway
(``coprod_tui/text.py``: control characters other than tab and line breaks are
never kept), so what is pasted shows, and is saved, whole and in order. Keys
typed outside a paste reach the parser untouched and at once (nothing is held
back there, so Escape is never delayed).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from itertools import chain

from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.message import Message

#: What text.py removes on saving (C0 but tab and line breaks, DEL, C1), ESC included.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class PasteSafeParser(XTermParser):
    """Textual's parser, fed a paste's text without its control characters."""

    def __init__(self, *args, **kwargs) -> None:
        self._in_paste = False
        #: Outside a paste: the last few characters already passed on, in case the
        #: paste's start marker is split between two reads.
        self._tail = ""
        #: Inside a paste: what may be the start of the end marker, held back.
        self._held = ""
        super().__init__(*args, **kwargs)

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # the end of input: nothing held back is lost
            held, self._held = _CONTROL.sub("", self._held), ""
            return chain(super().feed(held) if held else (), super().feed(""))
        data = self._without_controls_in_pastes(data)
        # All of it held back (or taken out): "" would tell the parser input has ended.
        return super().feed(data) if data else ()

    def _without_controls_in_pastes(self, data: str) -> str:
        out: list[str] = []
        while data:
            if not self._in_paste:
                joined = self._tail + data
                start = joined.find(BRACKETED_PASTE_START)
                if start < 0:
                    out.append(data)
                    self._tail = joined[-(len(BRACKETED_PASTE_START) - 1):]
                    break
                cut = start + len(BRACKETED_PASTE_START) - len(self._tail)
                out.append(data[:cut])
                data, self._tail, self._in_paste = data[cut:], "", True
            else:
                joined, self._held = self._held + data, ""
                end = joined.find(BRACKETED_PASTE_END)
                if end < 0:
                    keep = _marker_start_at_end(joined, BRACKETED_PASTE_END)
                    out.append(_CONTROL.sub("", joined[:len(joined) - keep]))
                    self._held = joined[len(joined) - keep:]
                    break
                out.append(_CONTROL.sub("", joined[:end]) + BRACKETED_PASTE_END)
                data, self._in_paste = joined[end + len(BRACKETED_PASTE_END):], False
        return "".join(out)


def _marker_start_at_end(text: str, marker: str) -> int:
    """How many characters at the end of ``text`` could begin ``marker``."""
    for size in range(min(len(marker) - 1, len(text)), 0, -1):
        if marker.startswith(text[-size:]):
            return size
    return 0


def use_for(driver_class: type) -> None:
    """Make the driver the app runs on parse input with ``PasteSafeParser``.

    The drivers make their parser inside their input thread, by the name
    ``XTermParser`` in their own module; that name is pointed at ours (Textual is
    pinned exactly, and a test checks the real driver picks it up).
    """
    module = sys.modules.get(driver_class.__module__)
    if module is not None and getattr(module, "XTermParser", None) is XTermParser:
        module.XTermParser = PasteSafeParser
