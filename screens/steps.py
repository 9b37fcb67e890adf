"""The steps of a session: the registry every step screen, the step bar and the
command palette read, and ``open_step``, which imports a step's module when it is
first needed (by name, so this module imports no screen and no screen imports a
step it does not show)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    label: str
    fkey: str
    help: str
    #: "module:Class" of its screen, in coprod_tui.screens.
    screen: str

    @property
    def name(self) -> str:
        """The step in a key binding's id ("step.follow-up"): its label, in lower case."""
        return self.label.lower().replace(" ", "-")


STEPS: tuple[Step, ...] = (
    Step("setup", "Plan", "f2", "Title, date, venue, purpose and agenda", "setup:SetupScreen"),
    Step("attendance", "People", "f3", "Who came, roles, support and consent",
         "attendance:AttendanceScreen"),
    Step("conduct", "Agree", "f4", "The code of conduct, and who agreed it",
         "conduct:ConductScreen"),
    Step("followup", "Follow up", "f5", "What happened to what was said last time",
         "follow_up:FollowUpScreen"),
    Step("live", "Run", "f6", "Agenda timer, hands up, ideas, decisions, actions",
         "live:LiveScreen"),
    Step("close", "Close", "f7", "Summary, next meeting, comment cards", "close:CloseScreen"),
    Step("share", "Share", "f8", "Word minutes, easy read, You said We did, backup",
         "share:ShareScreen"),
)
STEP_KEYS = [s.key for s in STEPS]
_BY_KEY = {s.key: s for s in STEPS}


def step(key: str) -> Step:
    return _BY_KEY[key]


def make_step(key: str, session_id: str) -> Screen:
    """The screen of one step of a session (its module imported now, if not yet)."""
    module, _, name = _BY_KEY[key].screen.partition(":")
    cls = getattr(importlib.import_module(f"{__package__}.{module}"), name)
    return cls(session_id)


def open_step(app: App, key: str, session_id: str, *, replace: bool = False) -> None:
    """Show a step of a session: on top of the screen showing (Home, a past session),
    or, with ``replace``, instead of it (moving from one step to another)."""
    screen = make_step(key, session_id)
    if replace:
        app.switch_screen(screen)
    else:
        app.push_screen(screen)


def first_step_for(status: str) -> str:
    """Where opening a session lands: plan it, resume it, or see how it closed."""
    return {"planned": "setup", "live": "live"}.get(status, "close")
