"""The steps of a session, and the base class every step screen shares.

F2–F7 jump between steps (shown in the step bar at the top); Escape goes back
one step, and from the first step back Home. Every change goes through
``record()``, which shows a refused entry or a failed save in plain words and
leaves what was typed on screen so it can be fixed or retried (see saving.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coprod_tui.errors import CoprodError
from coprod_tui.store.session_file import SessionFile

from .saving import SaveStatus, Saving

__all__ = ["STEPS", "SaveStatus", "SessionScreen", "StepScreen", "step_screen"]


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    label: str
    fkey: str
    help: str


STEPS: tuple[Step, ...] = (
    Step("setup", "Plan", "f2", "Title, date, venue, purpose and agenda"),
    Step("attendance", "People", "f3", "Who came, roles, support and consent"),
    Step("conduct", "Agree", "f4", "The code of conduct, and who agreed it"),
    Step("followup", "Follow up", "f5", "What happened to what was said last time"),
    Step("live", "Run", "f6", "Agenda timer, hands up, ideas, decisions, actions"),
    Step("close", "Close", "f7", "Summary, next meeting, comment cards"),
    Step("share", "Share", "f8", "Word minutes, easy read, You said We did, backup"),
)
STEP_KEYS = [s.key for s in STEPS]


def step_screen(key: str, session_id: str) -> Screen:
    """Make the screen for a step (imported lazily: each is its own module)."""
    if key == "setup":
        from .setup import SetupScreen as cls
    elif key == "attendance":
        from .attendance import AttendanceScreen as cls
    elif key == "conduct":
        from .conduct import ConductScreen as cls
    elif key == "followup":
        from .follow_up import FollowUpScreen as cls
    elif key == "live":
        from .live import LiveScreen as cls
    elif key == "close":
        from .close import CloseScreen as cls
    elif key == "share":
        from .share import ShareScreen as cls
    else:
        raise KeyError(key)
    return cls(session_id)


def first_step_for(status: str) -> str:
    """Where opening a session lands: plan it, resume it, or see how it closed."""
    return {"planned": "setup", "live": "live"}.get(status, "close")


class StepBar(Static):
    """The journey at the top: each step with its key; the current one marked."""

    def __init__(self, current: str, title: str) -> None:
        super().__init__(id="step-bar")
        self._current = current
        self._title = title

    def render(self) -> Content:
        parts: list[Content] = []
        for step in STEPS:
            label = f"{step.fkey.upper()} {step.label}"
            if step.key == self._current:
                parts.append(Content.styled(f"▶{label}◀", "reverse bold"))
            else:
                parts.append(Content(f" {label} "))
        bar = Content("").join(parts)
        return Content.assemble(bar, "\n", Content(self._title))


class SessionScreen(Saving, Screen[None]):
    """A screen about one session; ``self.file`` is its open session file."""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id

    @property
    def file(self) -> SessionFile:
        return self.app.store.session(self.session_id)


class StepScreen(SessionScreen):
    """Base for the session's step screens."""

    STEP: ClassVar[str] = ""
    CSS_PATH = "journey.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        *(Binding(s.fkey, f"go('{s.key}')", s.label, show=False, priority=True,
                  id=f"step-{s.key}") for s in STEPS),
    ]

    def compose_header(self) -> ComposeResult:
        session = self.file.session
        group = _group_name(self.app.store, session.group_id)
        title = f"{session.title} · {session.date} · {group}"
        yield StepBar(self.STEP, title)

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
            self.app.switch_screen(step_screen(key, self.session_id))

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
        self.app.store.release(self.file)
        self.app.pop_screen()

    def palette_commands(self) -> Iterable[SystemCommand]:
        for step in STEPS:
            if step.key != self.STEP:
                yield SystemCommand(f"Go to {step.label} ({step.fkey.upper()})", step.help,
                                    lambda key=step.key: self.action_go(key))
        yield SystemCommand("Home", "Back to the list of groups and sessions",
                            self.app.action_home)


def _group_name(store, group_id: str) -> str:
    try:
        return store.groups.group(group_id).name
    except CoprodError:
        return "Unknown group"
