"""The base class every step of a session shares, and the step bar at the top.

F2–F8 jump between steps (shown in the step bar); Escape goes back one step,
and from the first step back Home. Every change goes through ``save``
(saving.py), which shows a refused entry or a failed save in plain words and
leaves what was typed on screen so it can be fixed or retried. Which steps
there are, and how a step is opened, is ``steps.py``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coprod_tui.service import SessionService

from .commands import StepCommands
from .room_controls import ROOM_BINDINGS, RoomControls
from .saving import SaveStatus, Saving
from .steps import STEP_KEYS, STEPS, open_step

__all__ = ["SaveStatus", "SessionScreen", "StepScreen"]


class StepBar(Static):
    """The journey at the top: each step with its key; the current one marked."""

    def __init__(self, current: str, title: str) -> None:
        super().__init__(id="step-bar")
        self._current = current
        self._title = title
        #: What the room view shows, in words ('' when no room view is open).
        self._room = ""

    def render(self) -> Content:
        parts: list[Content] = []
        for step in STEPS:
            label = f"{step.fkey.upper()} {step.label}"
            if step.key == self._current:
                parts.append(Content.styled(f"▶{label}◀", "reverse bold"))
            else:
                parts.append(Content(f" {label} "))
        bar = Content("").join(parts)
        room = Content.styled(f"[{self._room}] ", "reverse bold") if self._room else Content("")
        return Content.assemble(bar, "\n", room, Content(self._title))

    def retitle(self, title: str) -> None:
        self._title = title
        self.refresh()

    def room_note(self, words: str) -> None:
        if words != self._room:
            self._room = words
            self.refresh(layout=True)


class SessionScreen(Saving, Screen[None]):
    """A screen about one session; ``self.session`` holds its verbs."""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id

    @property
    def session(self) -> SessionService:
        return self.service.session(self.session_id)


class StepScreen(RoomControls, SessionScreen):
    """Base for the session's step screens (the room view follows them)."""

    STEP: ClassVar[str] = ""
    CSS_PATH = "journey.tcss"
    COMMANDS = {StepCommands}
    BINDINGS = [
        Binding("escape", "back", "Back", id="step.back"),
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

    # -- moving between steps --------------------------------------------------------

    def action_go(self, key: str) -> None:
        if key != self.STEP and self._may_leave():
            open_step(self.app, key, self.session_id, replace=True)

    def action_back(self) -> None:
        index = STEP_KEYS.index(self.STEP)
        if index == 0:
            self.action_leave()
        else:
            self.action_go(STEP_KEYS[index - 1])

    def action_next_step(self) -> None:
        index = STEP_KEYS.index(self.STEP)
        if index + 1 < len(STEP_KEYS):
            self.action_go(STEP_KEYS[index + 1])

    def action_leave(self) -> None:
        """Back to Home from any step (the session stays as it is)."""
        if not self._may_leave():
            return
        self.session.release()
        self.app.pop_screen()

    def step_commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        """This step's own commands for the palette (name, what it does, what runs it)."""
        yield from ()

    def action_withdraw(self) -> None:
        """Withdraw a record entered by mistake (kept, marked withdrawn, with why)."""
        from .records import RecordPicker

        self.flush_saves()
        self.app.push_screen(RecordPicker(self.session_id, "withdraw"))

    def action_cards(self) -> None:
        from .cards import CommentCardsScreen

        self.flush_saves()
        self.app.push_screen(CommentCardsScreen(self.session_id))

    def action_statements(self) -> None:
        from .statements import StatementsScreen

        self.flush_saves()
        self.app.push_screen(StatementsScreen(self.session_id))
