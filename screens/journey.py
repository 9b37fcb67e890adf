"""The base class every step of a session shares, and the step bar at the top.

F2–F8 jump between steps (shown in the step bar), Ctrl+Home goes Home; Escape
goes back to where the session was opened from (Home, or the read-only view of
a past session). Leaving with something typed but not entered asks first
(``quit.DiscardDialog``). Every change goes through ``save``
(saving.py), which shows a refused entry or a failed save in plain words and
leaves what was typed on screen so it can be fixed or retried. Which steps
there are, and how a step is opened, is ``steps.py``'s.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar


from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Static

from .base import OfOneSession, after_typing

from .commands import StepCommands
from .room_controls import ROOM_BINDINGS, RoomControls
from .saving import REFUSED, SaveStatus, Saving
from .steps import STEPS, make_step, open_step, step

__all__ = ["SaveStatus", "SessionScreen", "StepScreen"]


class StepBar(Static):
    """The journey at the top: each step with its key, the current one marked (by
    ▶ ◀ as well as by style); under it the session, shortened with "…"
    to fit (its whole title is on Plan)."""

    def __init__(self, current: str, title: str) -> None:
        super().__init__(id="step-bar")
        self._current = current
        self._title = title
        #: What the room view shows, in words ('' when no room view is open).
        self._room = ""

    def render(self) -> Content:
        width = max(20, self.content_region.width)
        labels = [f"{s.fkey.upper()} {s.label}" for s in STEPS]
        # Two spaces between steps where they fit; one at 80 columns.
        gap = 2 if sum(map(len, labels)) + 2 * len(labels) + 2 <= width else 1
        parts: list[Content] = []
        for s, label in zip(STEPS, labels):
            if s.key == self._current:
                parts.append(Content.styled(f"▶{label}◀", "reverse bold"))
            else:
                parts.append(Content(label))
        bar = Content(" " * gap).join(parts)
        room = f"[{self._room}] " if self._room else ""
        return Content.assemble(bar, "\n", Content.styled(room, "reverse bold"),
                                Content(fit(self._title, width - len(room))))

    def retitle(self, title: str) -> None:
        self._title = title
        self.refresh()

    def room_note(self, words: str) -> None:
        if words != self._room:
            self._room = words
            self.refresh(layout=True)


def fit(text: str, width: int) -> str:
    """One line of at most ``width`` characters, ending "…" if it was shortened."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


class SessionScreen(OfOneSession, Saving, Screen[None]):
    """A screen about one session; ``self.session`` holds its verbs."""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id

    # -- messages ------------------------------------------------------------------

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """The screen's own messages go to its status line, even while a dialog is over it."""
        if not self.say_in_status_line(message, title=title, severity=severity):
            super().notify(message, title=title, severity=severity, timeout=timeout,
                           markup=markup)

    def say_in_status_line(self, message: str, *, title: str = "",
                           severity: str = "information") -> bool:
        """Every message while a step of the session is on screen (``CoprodApp.notify``
        sends them here): a message on top would cover what people follow (Run's feed
        and speaking list, a step's heading) and stay there after moving on to the next
        step. A refused save is said there already ("NOT SAVED: ..."), so it is not said
        twice; why the screen stays open is. False if this screen has no status line."""
        statuses = self.query(SaveStatus)
        if not statuses:
            return False
        status = statuses.last()
        if not (title == "Not saved" and message in str(status.content)):
            words = f"{title}: {message}" if title else message
            status.tell(words, warning=severity != "information", refusal=title in REFUSED)
        return True

    # -- leaving -------------------------------------------------------------------

    def _may_leave(self) -> bool:
        """Save what is typed; stay (and say so) if the disk still refuses it."""
        self.flush_saves()
        if self.has_unsaved():
            self.notify("Something typed here is not saved yet (the disk refused it), so "
                        "this screen stays open. Fix the disk or the folder: a form field is "
                        "tried again by itself; press Enter again for an idea.",
                        title="Not saved", severity="error", timeout=15)
            return False
        return True

    def leave_then(self, go: Callable[[], None], going: str) -> None:
        """Leave this screen by ``go``: once everything typed is saved, or, for what is
        typed but was never entered (an idea still in its box), once the facilitator
        has said to discard it."""
        if not self._may_leave():
            return
        lost = self.unsaved_text()
        if not lost:
            go()
            return
        from .quit import DiscardDialog

        def answered(discard: bool | None) -> None:
            if discard:
                go()

        self.app.push_screen(DiscardDialog(lost, going=going), answered)

    def action_leave(self) -> None:
        """Back to the screen this one was opened from."""
        self.leave_then(self.app.pop_screen, "go back")

    # -- the session's other screens -------------------------------------------------

    def open_cards(self) -> None:
        from .cards import CommentCardsScreen

        self.flush_saves()
        self.app.push_screen(CommentCardsScreen(self.session_id))

    def open_statements(self) -> None:
        from .statements import StatementsScreen

        self.flush_saves()
        self.app.push_screen(StatementsScreen(self.session_id))


class StepScreen(RoomControls, SessionScreen):
    """Base for the session's step screens (the room view follows them)."""

    STEP: ClassVar[str] = ""
    CSS_PATH = "journey.tcss"
    COMMANDS = {StepCommands}
    BINDINGS = [
        Binding("escape", "back", "Back", show=False, id="step.back"),
        *(Binding(s.fkey, f"go('{s.key}')", s.label, show=False, priority=True,
                  id=f"step.{s.name}") for s in STEPS),
        *ROOM_BINDINGS,
    ]

    # -- the room view follows the step shown ------------------------------------------

    def on_mount(self) -> None:
        self.room_changed()
        self.look_for_room()
        self.set_interval(1.0, self.look_for_room)

    def on_screen_resume(self) -> None:
        self.room_changed()  # back from a dialog that saved, or from another screen

    def save(self, change, *args, **kwargs):
        result = super().save(change, *args, **kwargs)
        if self.refusal is None:
            self.room_changed()  # whatever was saved, the room view may show it
        return result

    def room_shown(self) -> None:
        for bar in self.query(StepBar):
            bar.room_note(self.room_words())

    def compose_header(self) -> ComposeResult:
        yield StepBar(self.STEP, self.header_title())

    def header_title(self) -> str:
        session = self.session.session
        return f"{session.title} · {session.date} · {self.session.group().name}"

    def show_part(self, selector: str) -> None:
        """Bring a part of the step into view and put the keys there (the palette's
        way to a checklist or a box further down)."""
        part = self.query_one(selector)
        part.focus()
        part.scroll_visible(animate=False)

    def go_to_part(self, key: str, selector: str) -> None:
        """Another step, with the keys on one part of it (a checklist)."""
        def go() -> None:
            screen = make_step(key, self.session_id)
            self.app.switch_screen(screen)
            self.app.call_after_refresh(screen.show_part, selector)

        self.leave_then(go, f"go to {step(key).label}")

    def checklist_note(self, selector: str) -> None:
        """The note dialog for the highlighted item of a checklist on this step."""
        self.show_part(selector)
        self.query_one(selector).action_note()

    # -- moving between steps --------------------------------------------------------

    def action_go(self, key: str) -> None:
        if key != self.STEP:
            after_typing(self.app, self.leave_then,
                         lambda: open_step(self.app, key, self.session_id, replace=True),
                         f"go to {step(key).label}")

    def action_back(self) -> None:
        """Back to where the session was opened from: Home, or a past session's view."""
        self.action_leave()

    def action_next_step(self) -> None:
        keys = [s.key for s in STEPS]
        index = keys.index(self.STEP)
        if index + 1 < len(keys):
            self.action_go(keys[index + 1])

    def action_leave(self) -> None:
        def leave() -> None:
            self.session.release()
            self.app.pop_screen()

        self.leave_then(leave, "go back")

    def action_withdraw_record(self) -> None:
        """Withdraw a record entered by mistake (kept, marked withdrawn, with why)."""
        from .records import RecordPicker

        self.flush_saves()
        self.app.push_screen(RecordPicker(self.session_id, "withdraw"))

    def action_cards(self) -> None:
        self.open_cards()

    def action_statements(self) -> None:
        self.open_statements()
