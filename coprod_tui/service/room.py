"""The room view's hand-over, written by the app: what the room may see, and when.

The app tells this service what it shows (``follow(session_id, step)``, or
``leave()`` at Home) and the facilitator's choices (``set_blank``, ``set_mode``,
``hide_latest``); each writes ``room.json`` again (``coprod_tui.room``) when
what the room may see changed, atomically and 0600 like every file, and only
into the folder this app opened. ``goodbye()`` says the app has quit, so the
room waits for it. Blank and mode are read back from the file when the app
starts again: a private moment is not ended by a restart.

The room view is a second screen: a write it could not make (a full disk, the
folder gone) never stops the facilitator. ``publish`` says False and keeps the
reason in ``problem``; the next change tries again.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import datetime

from ..consent import RedactionMemo
from ..errors import CoprodError, ValidationError
from ..model import SessionData
from ..room import (
    CLOSED, HANDOVER_FILE, MODES, PRESENCE_FILE, SHOWING, WAITING, Handover, encode,
    read_handover, room_view, room_view_open,
)
from ..room.content import shown_records
from ..store import Store
from ..store.atomic import FILE_MODE, write_atomic
from ..templates import Wording
from ..text import one_line
from .contract import verb

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@dataclass(frozen=True, slots=True)
class Hidden:
    """What ``hide_latest`` took off the room view."""

    kind: str
    text: str

    def __str__(self) -> str:
        return (f"The {self.kind} \u201c{one_line(self.text, 50)}\u201d is hidden from the "
                "room view; it stays in the minutes.")


class RoomService:
    """The hand-over file of one open data folder (``Service.room``)."""

    def __init__(self, store: Store, lock: threading.RLock) -> None:
        self._store = store
        self._lock = lock
        self.blank = False
        self.mode = "standard"
        #: (session id, step) the app shows, or None (Home, a past session ...).
        self.following: tuple[str, str] | None = None
        self.wording: Wording | None = None
        #: Why the last write could not be made ("" when it was).
        self.problem = ""
        #: True once the app has said goodbye: a late worker writes nothing after it.
        self.gone = False
        self._written: bytes | None = None
        #: Publishes asked for: one whose page was overtaken while it was made is
        #: not written (the later one is).
        self._asked = 0
        #: What the name rule read for the last page (the next page reads only new text).
        self._memo = RedactionMemo()
        previous = read_handover(store.root)
        if previous is not None:
            self.blank, self.mode = previous.blank, previous.mode

    # -- what the app shows --------------------------------------------------------------

    _UNCHANGED: tuple[str, str] | None = ("", "")

    def choose(self, *, following: tuple[str, str] | None = _UNCHANGED,
               blank: bool | None = None, mode: str | None = None) -> None:
        """Change what the room view follows or how, without writing (``publish`` does)."""
        with self._lock:
            if following != self._UNCHANGED:
                self.following = following
            if blank is not None:
                self.blank = blank
            if mode is not None:
                if mode not in MODES:
                    raise ValidationError("The room view shows standard, large or easy read.",
                                          field="mode")
                self.mode = mode

    def follow(self, session_id: str, step: str) -> bool:
        self.following = (session_id, step)
        return self.publish()

    def leave(self) -> bool:
        self.following = None
        return self.publish()

    def set_blank(self, blank: bool) -> bool:
        self.blank = blank
        return self.publish()

    def set_mode(self, mode: str) -> bool:
        if mode not in MODES:
            raise ValidationError("The room view shows standard, large or easy read.",
                                  field="mode")
        self.mode = mode
        return self.publish()

    def goodbye(self) -> bool:
        """The app is quitting: the room waits for it (and shows nothing of the session)."""
        with self._lock:
            self.following = None
            done = self._write(Handover(state=CLOSED, blank=self.blank, mode=self.mode))
            self.gone = True
            return done

    @property
    def open(self) -> bool | None:
        """True while a room view runs on this folder (None: cannot be told here)."""
        return room_view_open(self._store.root)

    # -- hiding a record ------------------------------------------------------------------

    @verb
    def hide_latest(self) -> Hidden | None:
        """Hide the newest record the room shows now (None: it shows none). Saved in the
        session (``room_hidden_ids``: not a correction, the record is unchanged);
        ``publish`` then takes it off the room view."""
        if self.following is None:
            return None
        session_id, step = self.following
        file = self._store.session(session_id)
        session = file.session
        shown = shown_records(self._store.snapshot(session_id), self._wording(), step)
        if not shown:
            return None
        kind, record_id, text = shown[-1]
        file.put_session(session.replace(room_hidden_ids=[*session.room_hidden_ids,
                                                          record_id]))
        return Hidden(kind, text)

    @verb
    def show_hidden_again(self) -> int:
        """Show every record hidden from the room again; how many there were."""
        if self.following is None:
            return 0
        file = self._store.session(self.following[0])
        count = len(file.session.room_hidden_ids)
        if count:
            file.put_session(file.session.replace(room_hidden_ids=[]))
        return count

    # -- writing ---------------------------------------------------------------------------

    def publish(self, at: datetime | None = None, *,
                following: tuple[str, str] | None = _UNCHANGED) -> bool:
        """Write what the room may see now (following ``following``, when given); True
        if the file is up to date."""
        with self._lock:
            if self.gone:
                return False
            self.choose(following=following)
            self._asked += 1
            ticket, mode = self._asked, self.mode
            wording = self._wording()
            try:
                data, step = self._what_to_show()
            except CoprodError as exc:  # the session gone, a damaged file set aside
                self.problem = str(exc)
                return self._write(Handover(state=WAITING, blank=self.blank, mode=mode))
            if data is None:
                return self._write(Handover(state=WAITING if self.following is None
                                            else SHOWING, blank=self.blank, mode=mode))
        # The page is made from a snapshot outside the lock: with thousands of records
        # (the shared report runs the name rule over every text) it takes long, and the
        # screens' saves wait for that lock (typing at 5,000 ideas waited for it).
        view = room_view(data, wording, step, at=at, memo=self._memo)
        with self._lock:
            if self.gone:
                return False
            if ticket != self._asked:
                return True  # a later change was asked for meanwhile: it writes
            return self._write(Handover(state=SHOWING, mode=mode, view=view))

    def _what_to_show(self) -> tuple[SessionData | None, str]:
        """The session's snapshot and step whose page the room is given (None: the
        room waits, or is blank)."""
        if self.following is None or self.blank:
            return None, ""
        session_id, step = self.following
        return self._store.snapshot(session_id), step

    def _wording(self) -> Wording:
        if self.wording is None:
            from ..templates import default_wording

            self.wording = default_wording()
        return self.wording

    def _write(self, handover: Handover) -> bool:
        with self._lock:
            same = encode(handover.replace(written_at=""))
            if same == self._written:
                return True  # nothing the room sees changed: no write
            try:
                self._store.check_folder("update the room view")
                root = self._store.root
                write_atomic(root / HANDOVER_FILE, encode(handover))
                self._make_presence_file()
            except (CoprodError, OSError) as exc:
                self.problem = str(exc) if isinstance(exc, CoprodError) else (
                    "the room view could not be updated: " + (exc.strerror or "refused"))
                self._written = None
                return False
            self.problem = ""
            self._written = same
            return True

    def _make_presence_file(self) -> None:
        """The empty file each room view holds a shared lock on (made once)."""
        path = self._store.root / PRESENCE_FILE
        if os.path.lexists(path):
            return
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, FILE_MODE)
        except FileExistsError:
            return
        os.fchmod(fd, FILE_MODE)  # whatever the umask
        os.close(fd)
