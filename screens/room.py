"""The room view: what the people in the room see, on a projector or a second screen.

``coprod room`` runs ``RoomApp`` on a data folder while the app works on it. It
reads the hand-over file the app writes (``coprod_tui.room``) and never writes
anything, takes no lock on the folder, and shows no key hints (nobody in the room
has the keyboard). It follows the facilitator's step within half a second of a
save, and says "Waiting for the facilitator" when the app is closed, at Home, or
the file cannot be read.

Readable from the back of a room: high contrast (white on black), bold text,
over time said in words, the clock in large digits (Textual's ``Digits``). What
does not fit is never cut off: the page is split into parts shown in turn
("Part 1 of 3"); at Run the newest records are the ones kept in view.
"""

from __future__ import annotations

import os
import threading
from datetime import datetime
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import Digits, Static

from coprod_tui.room import Handover, Presence, RoomView, Watcher
from coprod_tui.room.content import ActionLine, RecordLine, clock_digits, clock_words, \
    hands_words
from coprod_tui.room.handover import CLOSED, SHOWING

#: White on black, yellow for what matters most: the room's own theme, always on.
ROOM_THEME = Theme(
    name="coprod-room", primary="#ffff00", secondary="#00ffff", accent="#ffff00",
    foreground="#ffffff", background="#000000", surface="#000000", panel="#000000",
    success="#00ff00", warning="#ffff00", error="#ff6060", dark=True)
#: How often the hand-over file is looked at (a stat; read only when it changed).
POLL_S = 0.25
#: How long each part of a page that does not fit stays up.
PART_S = 12.0
#: How long ``coprod room`` may take to close before it ends anyway (see ``on_exit_app``).
CLOSE_S = 2.0

WAITING_WORDS = "Waiting for the facilitator"


def _text(*parts: tuple[str, str] | str) -> Content:
    """Literal text (never markup: ``[b]`` typed into an idea shows as typed)."""
    return Content.assemble(*parts)


class Block(Static):
    """One thing on a page: a heading, a record, a point. Pages are split between blocks."""

    def __init__(self, content: Content | str, *classes: str) -> None:
        super().__init__(content, markup=False, classes=" ".join(("block", *classes)))


class Clock(Horizontal):
    """The current item's time in large digits, with how it stands in words."""

    def compose(self) -> ComposeResult:
        yield Digits("00:00", id="digits")
        yield Static(id="clock-words", markup=False)

    def show(self, elapsed: int, planned: int, *, digits: bool = True) -> None:
        words, over = clock_words(elapsed, planned)
        self.query_one(Digits).update(clock_digits(elapsed, planned))
        self.query_one(Digits).display = digits
        line = self.query_one("#clock-words", Static)
        line.update(words)
        self.set_class(over, "over")


class RoomApp(App[None]):
    """The read-only room view of the data folder ``root``."""

    TITLE = "coprod room view"
    CSS_PATH = "room.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="room.quit", show=False, priority=True)]

    def __init__(self, root: Path, *, poll_s: float = POLL_S, part_s: float = PART_S) -> None:
        super().__init__()
        self.root = root
        self.watcher = Watcher(root)
        self.presence = Presence(root)
        self._poll_s = poll_s
        self._part_s = part_s
        self._shown: Handover | None = None
        self._part = 0
        self._parts: list[list[Widget]] = []
        #: True once the page is shown whole or in parts (tests wait for it).
        self.settled = False
        #: Set by ``coprod room`` only (never in a test's process): see ``on_exit_app``.
        self.end_anyway = False

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="room"):
            yield Static(id="heading", markup=False)
            yield Static(id="item", markup=False)
            yield Clock(id="clock")
            yield Static(id="hands", markup=False)
            yield Vertical(id="page")
            yield Static(id="part", markup=False)

    def on_mount(self) -> None:
        from coprod_tui.keymap import load_keymap

        keymap, _ = load_keymap(self.root)  # read only; a problem is the app's to say
        if keymap:
            self.set_keymap(keymap)
        self.register_theme(ROOM_THEME)
        self.theme = ROOM_THEME.name
        self._poll()
        self.set_interval(self._poll_s, self._poll)
        self.set_interval(1.0, self._tick)
        self.set_interval(self._part_s, self._next_part)

    def on_unmount(self) -> None:
        self.presence.release()

    def on_exit_app(self) -> None:
        """Asked to close (Ctrl+Q, SIGTERM, or the browser gone): make sure it ends.

        Textual 8.2.8 can keep resizing the screen forever, drawing nothing, when the
        request to close comes between two resizes - as when a browser leaves while
        the room view starts - and the process would stay, busy, after the browser
        went. The room view holds nothing to save (it never writes; the system frees
        its shared lock), so ``coprod room`` ends anyway after ``CLOSE_S``.
        """
        if self.end_anyway:
            timer = threading.Timer(CLOSE_S, os._exit, args=(0,))
            timer.daemon = True  # a normal close ends the process first
            timer.start()

    def on_resize(self) -> None:
        self.call_after_refresh(self._split)

    # -- following the app -------------------------------------------------------------

    @property
    def handover(self) -> Handover | None:
        return self.watcher.current

    def _poll(self) -> None:
        self.presence.hold()
        if self.watcher.poll() or self._shown is None:
            self._show(self.watcher.current)

    def _show(self, handover: Handover | None) -> None:
        self._shown = handover or Handover(state=CLOSED)
        self.settled = False
        page = self.query_one("#page", Vertical)
        heading = self.query_one("#heading", Static)
        view = handover.view if handover and handover.state == SHOWING else None
        mode = handover.mode if handover else "standard"
        self.screen.set_class(mode == "large", "large")
        self.screen.set_class(mode == "easy_read", "easy-read")
        blocks: list[Widget]
        with self.batch_update():
            page.remove_children()
            # Emptied, not only hidden: nothing of a blanked page stays on the screen.
            for line in ("#hands", "#item", "#clock-words"):
                self.query_one(line, Static).update("")
            for part in ("#clock", "#hands", "#item"):
                self.query_one(part).display = False
            if handover is not None and handover.state == SHOWING and handover.blank:
                heading.update("")
                blocks = [Block("The screen is paused for a moment.", "paused")]
            elif view is None:
                heading.update("coprod")
                blocks = [Block(WAITING_WORDS, "waiting"),
                          Block("This screen shows the meeting once the facilitator opens it.",
                                "quiet")]
            else:
                heading.update(_heading(view))
                blocks = self._page(view, mode)
            page.mount_all(blocks)
        self._part = 0
        self.call_after_refresh(self._split)
        self._tick()

    def _page(self, view: RoomView, mode: str) -> list[Widget]:
        easy = mode == "easy_read"
        if view.page == "run":
            return self._run_page(view, mode)
        if view.page == "conduct" and view.conduct:
            return [Block("How we work together", "title"),
                    *(Block(_text(("•  ", "bold"), point), "point") for point in view.conduct)]
        if view.page == "close":
            return _close_blocks(view, easy)
        return _welcome_blocks(view, easy)

    def _run_page(self, view: RoomView, mode: str) -> list[Widget]:
        self.query_one("#clock", Clock).display = view.clock is not None
        hands = self.query_one("#hands", Static)
        who = [f"Speaking now: {view.speaking}."] if view.speaking else []
        hands.update(" ".join([*who, hands_words(view.next_up) + "."]))
        hands.display = True
        title = (f"Item {view.item_number} of {view.item_count}: {view.item_title}"
                 if view.item_title else "Ideas and decisions")
        item = self.query_one("#item", Static)
        item.update(title)
        item.display = True
        blocks: list[Widget] = []
        records = view.records
        if mode != "standard":
            records = records[-1:] if mode == "easy_read" else records[-3:]
        if not records:
            blocks.append(Block("Nothing recorded under this item yet.", "quiet"))
        blocks += [_record_block(r, mode == "easy_read") for r in records]
        return blocks

    # -- the clock, and pages that do not fit ------------------------------------------

    def _tick(self) -> None:
        view = self._shown.view if self._shown else None
        clock = self.query_one("#clock", Clock)
        if view is None or view.clock is None or not clock.display:
            return
        at = datetime.now().astimezone()
        clock.show(view.clock.elapsed(at), view.clock.planned_s,
                   digits=not self.screen.has_class("easy-read"))

    def _split(self) -> None:
        """Group the page's blocks into parts that each fit on the screen."""
        page = self.query_one("#page", Vertical)
        blocks = list(page.children)
        for block in blocks:
            block.display = True
        room = page.content_region.height
        parts: list[list[Widget]] = [[]]
        used = 0
        # Easy read: one thing per screen (a heading stays with what follows it).
        one_each = self.screen.has_class("easy-read")
        for block in blocks:
            height = block.outer_size.height + block.styles.margin.bottom
            if parts[-1] and (used + height > room or one_each):
                moved = []
                if parts[-1][-1].has_class("section-head") and len(parts[-1]) > 1:
                    moved = [parts[-1].pop()]  # a heading goes with what follows it
                    used -= moved[0].outer_size.height + moved[0].styles.margin.bottom
                elif parts[-1][-1].has_class("section-head"):
                    moved = None  # the heading alone: keep the block with it
                if moved is not None:
                    parts.append(moved)
                    used = sum(b.outer_size.height + b.styles.margin.bottom for b in moved)
            parts[-1].append(block)
            used += height
        self._parts = parts
        view = self._shown.view if self._shown is not None else None
        if view is not None and view.page == "run" and len(parts) > 1:
            # At Run the newest records matter: as many as fit, counted from the newest.
            newest: list[Widget] = []
            used = 0
            for block in reversed(blocks):
                height = block.outer_size.height + block.styles.margin.bottom
                if newest and used + height > room:
                    break
                newest.insert(0, block)
                used += height
            self._parts = [newest]
            self._part = 0
        self._part = min(self._part, len(self._parts) - 1)
        self._show_part()

    def _next_part(self) -> None:
        if len(self._parts) > 1:
            self._part = (self._part + 1) % len(self._parts)
            self._show_part()

    def _show_part(self) -> None:
        shown = set(map(id, self._parts[self._part])) if self._parts else set()
        for block in self.query_one("#page", Vertical).children:
            block.display = id(block) in shown
        label = self.query_one("#part", Static)
        many = len(self._parts) > 1
        label.update(f"Part {self._part + 1} of {len(self._parts)}" if many else "")
        self.settled = True


def _heading(view: RoomView) -> str:
    return " · ".join(p for p in (view.title, view.when) if p)


def _welcome_blocks(view: RoomView, easy: bool) -> list[Widget]:
    blocks: list[Widget] = [Block(_text((view.title, "bold")), "title")]
    where = " · ".join(p for p in (view.group, view.venue) if p)
    if where and not easy:
        blocks.append(Block(where, "quiet"))
    for label, easy_label, text in (
            ("Why we are here", "We are here to talk about", view.purpose),
            ("What we can change", "We can change", view.can_change),
            ("What we cannot change", "We cannot change", view.cannot_change)):
        if text:
            blocks.append(Block(_text((easy_label if easy else label, "bold"), "\n", text),
                                "section"))
    return blocks


def _record_block(record: RecordLine, easy: bool) -> Block:
    if record.kind == "decision":
        label = "We decided" if easy else f"DECISION {record.number}"
        parts: list[tuple[str, str] | str] = [(label, "bold reverse"), "\n", (record.text, "bold")]
        if record.reasons:
            parts += ["\n", ("Because: ", "bold"), record.reasons]
        if record.how and not easy:
            parts += ["\n", record.how]
        return Block(_text(*parts), "record", "decision")
    label = "An idea" if easy else f"IDEA {record.number}"
    by = f" · {record.by}" if record.by else ""
    return Block(_text((label + by, "bold"), "\n", record.text), "record", "idea")


def _action_block(action: ActionLine, easy: bool) -> Block:
    parts: list[tuple[str, str] | str] = []
    if action.you_said:
        parts += [("You said: ", "bold"), action.you_said, "\n"]
    parts += [("We will: ", "bold"), action.we_will]
    who = ", ".join(p for p in (action.who, action.by) if p)
    if who:
        parts += ["\n", (f"Who: {who}" if not easy else who, "")]
    return Block(_text(*parts), "record", "action")


def _close_blocks(view: RoomView, easy: bool) -> list[Widget]:
    blocks: list[Widget] = [Block(_text(("Thank you for coming today.", "bold")), "title")]
    if view.decisions:
        blocks.append(Block(_text(("What we decided", "bold underline")), "section-head"))
        blocks += [_record_block(d, easy) for d in view.decisions]
    if view.actions:
        blocks.append(Block(_text(("You said, We will", "bold underline")), "section-head"))
        blocks += [_action_block(a, easy) for a in view.actions]
    if view.more:
        blocks.append(Block(f"And {view.more} more in the minutes.", "quiet"))
    if not view.decisions and not view.actions:
        blocks.append(Block("Everything you said today goes into the minutes.", "section"))
    if view.next_meeting:
        blocks.append(Block(_text((view.next_meeting, "bold")), "section"))
    return blocks


def run_room(root: Path) -> int:
    room = RoomApp(root)
    room.end_anyway = True
    room.run()
    return 0
