"""The room view: what the people in the room see, on a projector or a second screen.

The app writes a small hand-over file (``room.json``) into the data folder each
time what the room may see changes; ``coprod room`` (a separate, read-only
process) shows it. No Textual here (the core's rule): the screen that draws it is
``coprod_tui.screens.room``.

* ``content.py`` - ``room_view``: a session's room page, built from the report
  model through an allow-list of fields (names by consent exactly as the minutes
  give them; never support needs, contact details or who has not spoken yet);
* ``handover.py`` - the hand-over file: its format, writing it (atomically, 0600)
  and reading it (``Watcher``: a stat each poll, a read only when it changed);
* ``presence.py`` - whether a room view is open, told without the room writing
  anything (a shared ``flock`` the room holds on a file the app made).
"""

from .content import (
    MODES, PAGES, ActionLine, Clock, RecordLine, RoomView, page_for, room_view,
)
from .handover import (
    CLOSED, HANDOVER_FILE, SHOWING, WAITING, Handover, Watcher, encode, read_handover,
)
from .presence import PRESENCE_FILE, Presence, room_view_open

__all__ = [
    "CLOSED", "HANDOVER_FILE", "MODES", "PAGES", "PRESENCE_FILE", "SHOWING", "WAITING",
    "ActionLine", "Clock", "Handover", "Presence", "RecordLine", "RoomView", "Watcher",
    "encode", "page_for", "read_handover", "room_view", "room_view_open",
]
