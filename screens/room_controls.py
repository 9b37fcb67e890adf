"""The facilitator's controls of the room view, on every step of a session.

``RoomLink`` (one per app) tells the service (``Service.room``) which session and
step the app shows, a moment after anything changed (a save, a step opened, a
dialog closed): the hand-over file is built from the report model on a worker
thread, so typing never waits for it, and a burst of changes is written once.

``RoomControls`` is the steps' part: F9 blanks the room view and shows it again,
F10 hides the newest record the room shows (it stays in the minutes), F12
chooses standard, large or easy read; the command palette has them too. The step
bar says, in words, whether a room view is open, blank, or could not be updated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from textual.binding import Binding

from coprod_tui.room import MODES

from .base import AppAccess

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

    from coprod_tui.service.room import RoomService

#: How long after a change the room view is written (a burst is written once).
SETTLE_S = 0.1
MODE_WORDS = {"standard": "standard", "large": "large text", "easy_read": "easy read"}


class RoomLink:
    """Keeps the room view's hand-over up to date with what one app shows."""

    def __init__(self, app: App, room: RoomService) -> None:
        self.app = app
        self.room = room
        self._timer: Timer | None = None

    @property
    def pending(self) -> bool:
        """A write is asked for and waits for its moment (the worker then writes it)."""
        return self._timer is not None

    def changed(self) -> None:
        """Something the room may see changed: write it a moment from now."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.app.set_timer(SETTLE_S, self._publish)

    def following(self) -> tuple[str, str] | None:
        """The session and step on top of the screen stack (under any dialog)."""
        for screen in reversed(self.app.screen_stack):
            step, session_id = getattr(screen, "STEP", ""), getattr(screen, "session_id", "")
            if step and session_id:
                return session_id, step
        return None

    def _publish(self) -> None:
        self._timer = None
        following = self.following()
        self.app.run_worker(lambda: self.room.publish(following=following), thread=True,
                            group="room", exit_on_error=False)

    def publish_now(self) -> bool:
        """Write at once, here (the room view's controls: their effect must not wait)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        return self.room.publish(following=self.following())


_LINKS: WeakKeyDictionary[Any, RoomLink] = WeakKeyDictionary()


def room_link(app: App, room: RoomService) -> RoomLink:
    link = _LINKS.get(app)
    if link is None:
        link = _LINKS[app] = RoomLink(app, room)
    return link


#: The room view's keys, part of every step's BINDINGS (Textual reads bindings from
#: the screen classes only, not from a mixin).
#: Not in the footer: at 80 columns a step's own keys need all of it. The step bar
#: names F9 while a room view is open; F1 and the command palette list them all.
ROOM_BINDINGS = [
    Binding("f9", "room_blank", "Blank room", id="room.blank", priority=True, show=False),
    Binding("f10", "room_hide", "Hide from room", id="room.hide", priority=True, show=False),
    Binding("f12", "room_mode", "Room text", id="room.mode", priority=True, show=False),
]


class RoomControls(AppAccess):
    """Mixin for the step screens: the room view's keys, and saying it is open."""

    #: Whether a room view is open (None: not known here), as last looked.
    room_open: bool | None = False

    @property
    def room(self) -> RoomService:
        return self.service.room

    @property
    def link(self) -> RoomLink:
        return room_link(self.app, self.room)

    def room_changed(self) -> None:
        self.link.changed()

    def look_for_room(self) -> None:
        """Ask whether a room view is open (a flock that is never waited for)."""
        was = self.room_open
        self.room_open = self.room.open
        if was != self.room_open:
            self.room_shown()

    def room_words(self) -> str:
        """What the step bar says about the room view ('' when there is nothing to say)."""
        if self.room.problem:
            return "Room view not updated"
        if self.room.blank:
            return "Room view BLANK: F9 shows it"
        if not self.room_open:
            return ""
        mode = "" if self.room.mode == "standard" else f", {MODE_WORDS[self.room.mode]}"
        return f"Room view open{mode}: F9 blanks it"

    def room_shown(self) -> None:
        """Say the room view's state again (screens show ``room_words`` somewhere)."""

    # -- the controls ------------------------------------------------------------------

    def action_room_blank(self) -> None:
        blank = not self.room.blank
        self.room.choose(blank=blank)
        done = self.link.publish_now()
        self.room_shown()
        if blank:
            self.notify("The room view is blank. F9 shows it again." if done else
                        f"The room view could not be blanked: {self.room.problem}",
                        severity="information" if done else "error", markup=False)
        else:
            self.notify("The room view shows the meeting again.", markup=False)

    def action_room_hide(self) -> None:
        self.room.choose(following=self.link.following())
        hidden = self.save(self.room.hide_latest)
        if getattr(self, "refusal", None) is not None:
            return
        if hidden is None:
            self.notify("The room view shows no idea, decision or action here to hide.",
                        markup=False)
            return
        self.link.publish_now()
        self.notify(str(hidden), title="Hidden from the room", markup=False, timeout=8)

    def action_room_show_hidden(self) -> None:
        self.room.choose(following=self.link.following())
        count = self.save(self.room.show_hidden_again)
        if count is None:
            return
        self.link.publish_now()
        self.notify(f"{count} hidden record{'s' if count != 1 else ''} shown in the room "
                    "view again." if count else "Nothing was hidden from the room view.",
                    markup=False)

    def action_room_mode(self, mode: str = "") -> None:
        if not mode:
            mode = MODES[(MODES.index(self.room.mode) + 1) % len(MODES)]
        self.room.choose(mode=mode)
        self.link.publish_now()
        self.room_shown()
        self.notify(f"The room view shows {MODE_WORDS[mode]}.", markup=False)
