"""Every screen and dialog of coprod, reached with the keys a facilitator would press.

The demo's group and sessions, with its latest session still running: Home
lists it first, so Enter opens Run; the one below it is closed (its read-only
view). The snapshot, cut-off and NO_COLOR tests all walk this same list, so a
screen added to the app is added here once and checked every way.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from textual.pilot import Pilot

from coprod_tui.app import CoprodApp
from coprod_tui.demo import add_demo
from coprod_tui.service import Service

Visit = Callable[[Pilot], Awaitable[None]]


def demo_app(store, monkeypatch, *, running: bool = True) -> CoprodApp:
    """The demo, the latest session running; the documents folder the same everywhere."""
    add_demo(Service(store))
    if running:
        file = store.session(store.summaries()[0].id)
        file.put_session(file.session.replace(status="live", closed_at=None))
    monkeypatch.setattr("coprod_tui.screens.share.documents_dir",
                        lambda: Path("/home/facilitator/Documents/coprod"))
    # A new session's date box starts at today (or the next meeting agreed, if later).
    monkeypatch.setattr("coprod_tui.rules.planning.today", lambda: SAME_DAY.isoformat())
    # Run's start question says what day it is.
    monkeypatch.setattr("coprod_tui.screens.run_keys.today", lambda: SAME_DAY.isoformat())
    return CoprodApp(store)


#: The same day in every picture.
SAME_DAY = date(2026, 11, 30)


async def steady(pilot: Pilot) -> None:
    """Stop cursors blinking and let everything settle, so a picture is the same each time."""
    await pilot.pause()
    for box in pilot.app.screen.query("Input, TextArea"):
        box.cursor_blink = False
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def keys(*pressed: str) -> Visit:
    async def visit(pilot: Pilot) -> None:
        await pilot.pause()
        for key in pressed:
            if key.startswith("type:"):
                await pilot.press(*key[5:])
            elif key.startswith("focus:"):  # as Tab would
                pilot.app.screen.query_one(key[6:]).focus()
            else:
                await pilot.press(key)
            await pilot.pause()
        await steady(pilot)
    return visit


def then(first: Visit, *pressed: str) -> Visit:
    async def visit(pilot: Pilot) -> None:
        await first(pilot)
        await keys(*pressed)(pilot)
    return visit


def on_group(*pressed: str) -> Visit:
    """Home with the demo's group highlighted, then keys."""
    async def visit(pilot: Pilot) -> None:
        await pilot.pause()
        pilot.app.screen.query_one("#groups").highlighted = 1
        await keys(*pressed)(pilot)
    return visit


def with_second_group(*pressed: str) -> Visit:
    """Home with another group beside the demo's (somewhere to move a session to), the
    running session highlighted, then keys. Added here, not to the demo."""
    async def visit(pilot: Pilot) -> None:
        await pilot.pause()
        Service(pilot.app.store).groups.add_group(name="Young carers forum",
                                                  conduct="Listen to each other")
        pilot.app.screen.refresh_lists()
        await keys(*pressed)(pilot)
    return visit


def planned_tomorrow(*pressed: str) -> Visit:
    """Run on a session planned for the day after the pictures' day (added here, not to
    the demo), then keys: Run does not start it until asked."""
    async def visit(pilot: Pilot) -> None:
        await pilot.pause()
        service = Service(pilot.app.store)
        group = service.groups.groups()[0]
        file = service.create_session(group.id, "Planning the spring open day",
                                      date=(SAME_DAY + timedelta(days=1)).isoformat())
        file.release()
        pilot.app.screen.open_session(file.id, "live")
        await keys(*pressed)(pilot)
    return visit


RUN = keys("enter")
VIEW = keys("down", "enter")  # the closed session under the running one
SEARCH = keys("s", "type:garden")

@dataclass(frozen=True)
class Stop:
    """How to get to a screen or dialog, and the screen (class name) it must reach."""

    visit: Visit
    screen: str

    async def __call__(self, pilot: Pilot) -> None:
        await self.visit(pilot)
        shown = type(pilot.app.screen).__name__
        assert shown == self.screen, f"the tour reached {shown}, not {self.screen}"


#: name → how to get there. Each is a screen or dialog at 80×24.
TOUR: dict[str, Stop] = {
    "home": Stop(keys(), "HomeScreen"),
    "home-group": Stop(on_group(), "HomeScreen"),
    "plan": Stop(then(RUN, "f2"), "SetupScreen"),
    "people": Stop(then(RUN, "f3"), "AttendanceScreen"),
    "agree": Stop(then(RUN, "f4"), "ConductScreen"),
    "follow-up": Stop(then(RUN, "f5"), "FollowUpScreen"),
    "run": Stop(RUN, "LiveScreen"),
    "close": Stop(then(RUN, "f7"), "CloseScreen"),
    "share": Stop(then(RUN, "f8"), "ShareScreen"),
    "comment-cards": Stop(then(RUN, "f7", "ctrl+o"), "CommentCardsScreen"),
    "statements": Stop(then(RUN, "f7", "ctrl+t"), "StatementsScreen"),
    "past-sessions": Stop(keys("s"), "PastSessionsScreen"),
    "search-results": Stop(SEARCH, "PastSessionsScreen"),
    "actions": Stop(keys("a"), "GroupActionsScreen"),
    "history": Stop(keys("h"), "GroupHistoryScreen"),
    "session-view": Stop(VIEW, "SessionViewScreen"),
    "help": Stop(then(RUN, "f1"), "HelpScreen"),
    "palette": Stop(then(RUN, "ctrl+p"), "CommandPalette"),
    # Dialogs.
    "new-session": Stop(keys("n"), "NewSessionScreen"),
    "new-group": Stop(keys("g"), "GroupFormScreen"),
    "edit-group": Stop(on_group("e"), "GroupFormScreen"),
    "add-person": Stop(then(RUN, "f3", "n"), "PersonDialog"),
    "person-details": Stop(then(RUN, "f3", "enter"), "PersonDialog"),
    "agenda-item": Stop(then(RUN, "f2", "focus:#agenda", "enter"), "AgendaItemDialog"),
    "checklist-note": Stop(then(RUN, "f2", "focus:#pre-checklist", "n"), "NoteDialog"),
    "conduct-large": Stop(then(RUN, "f4", "f"), "ConductLarge"),
    "change-code": Stop(then(RUN, "f4", "m"), "AmendDialog"),
    "outcome-done": Stop(then(RUN, "f5", "d"), "OutcomeDialog"),
    "outcome-not-able": Stop(then(RUN, "f5", "x"), "OutcomeDialog"),
    "hand-up": Stop(then(RUN, "ctrl+r"), "PersonPicker"),
    "decision": Stop(then(RUN, "ctrl+g"), "DecisionDialog"),
    # The third idea is cut short in the list: under it, in full.
    "decision-idea-in-full": Stop(then(RUN, "ctrl+g", "focus:#ideas", "down", "down"),
                                  "DecisionDialog"),
    "action": Stop(then(RUN, "ctrl+l"), "ActionDialog"),
    "correct-which": Stop(then(VIEW, "c"), "RecordPicker"),
    "correct-idea": Stop(then(VIEW, "c", "enter"), "CorrectDialog"),
    "close-question": Stop(then(RUN, "f7", "ctrl+f"), "ConfirmDialog"),
    "not-taken-up": Stop(then(RUN, "ctrl+y"), "NotTakenUpDialog"),
    "withdraw-which": Stop(then(VIEW, "w"), "RecordPicker"),
    "withdraw-record": Stop(then(VIEW, "w", "enter"), "WithdrawDialog"),
    "discard-question": Stop(keys("g", "type:Young Carers", "escape"), "DiscardDialog"),
    "move-session": Stop(with_second_group("m"), "MoveSessionDialog"),
    "start-question": Stop(planned_tomorrow("ctrl+s"), "ConfirmDialog"),
    "quit-question": Stop(then(RUN, "type:Ramps at the door", "ctrl+q"), "QuitDialog"),
}


#: The busiest screens, also at 120×40.
LARGE = ("home", "run", "people", "close", "session-view", "search-results", "help")
