"""Every screen and dialog of coprod, as the keys a facilitator would press leave it.

A stop is reached with those keys, except that a screen the picture does not show
is not drawn on the way: a step opens from Home as its F-key on Run leaves it (in
Run's place), and comment cards and the 'I' statements, which cover the step they
are opened from, open from Home. Each stop checks the screen it reaches.

The demo's group and sessions, with its latest session still running: Home
lists it first, so Enter opens Run; the one below it is closed (its read-only
view). The snapshot, cut-off and NO_COLOR tests all walk this same list, so a
screen added to the app is added here once and checked every way.

The pictures are taken on walks (tests/ui/walks.py): several stops on one run of
the app, one after another, as a facilitator goes from one to the next.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable

from coprod_tui.app import CoprodApp
from coprod_tui.demo import add_demo
from coprod_tui.screens.cards import CommentCardsScreen
from coprod_tui.screens.statements import StatementsScreen
from coprod_tui.service import Service
from tests.ui.helpers import paste, searched

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
    # An action open after its due date shows as overdue (coprod_tui/report/actions.py).
    monkeypatch.setattr("coprod_tui.clock.today", lambda: SAME_DAY.isoformat())
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
            elif key.startswith("paste:"):  # into the box with the keys, as a paste arrives
                await paste(pilot, key[6:])
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


def enter_opens(pilot: Pilot) -> str:
    """The session Enter on Home would open (the highlighted one: the running session)."""
    sessions = pilot.app.screen.query_one("#sessions", DataTable)
    return sessions.coordinate_to_cell_key(sessions.cursor_coordinate).row_key.value


def at_step(key: str, *pressed: str) -> Visit:
    """A step of the running session as its F-key on Run leaves it: that step in Run's
    place, over Home. Opened from Home, so Run (the costliest screen to draw, and not in
    the picture) is not drawn first; then keys."""
    async def visit(pilot: Pilot) -> None:
        await pilot.pause()
        pilot.app.screen.open_session(enter_opens(pilot), key)
        await keys(*pressed)(pilot)
    return visit


def over_home(screen: Callable[[str], Screen], *pressed: str) -> Visit:
    """A full screen about the running session (comment cards, the 'I' statements),
    opened from Home rather than over the step it is opened from: it covers that step
    wholly, so the step would be drawn only to be hidden; then keys."""
    async def visit(pilot: Pilot) -> None:
        await pilot.pause()
        pilot.app.push_screen(screen(enter_opens(pilot)))
        await keys(*pressed)(pilot)
    return visit


RUN = keys("enter")
VIEW = keys("down", "enter")  # the closed session under the running one


async def SEARCH_TYPED(pilot: Pilot) -> None:
    """On Past sessions: 'garden' searched for (once typing pauses, on a worker)."""
    await keys("paste:garden")(pilot)
    await searched(pilot)
    await steady(pilot)


async def SEARCH(pilot: Pilot) -> None:
    """Past sessions, from Home, with 'garden' searched for."""
    await keys("s")(pilot)
    await SEARCH_TYPED(pilot)


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
    "plan": Stop(at_step("setup"), "SetupScreen"),
    "people": Stop(at_step("attendance"), "AttendanceScreen"),
    "agree": Stop(at_step("conduct"), "ConductScreen"),
    "follow-up": Stop(at_step("followup"), "FollowUpScreen"),
    "run": Stop(RUN, "LiveScreen"),
    "close": Stop(at_step("close"), "CloseScreen"),
    "share": Stop(at_step("share"), "ShareScreen"),
    "comment-cards": Stop(over_home(CommentCardsScreen), "CommentCardsScreen"),
    "statements": Stop(over_home(StatementsScreen), "StatementsScreen"),
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
    "add-person": Stop(at_step("attendance", "n"), "PersonDialog"),
    "person-details": Stop(at_step("attendance", "enter"), "PersonDialog"),
    "agenda-item": Stop(at_step("setup", "focus:#agenda", "enter"), "AgendaItemDialog"),
    "checklist-note": Stop(at_step("setup", "focus:#pre-checklist", "n"), "NoteDialog"),
    "conduct-large": Stop(at_step("conduct", "f"), "ConductLarge"),
    "change-code": Stop(at_step("conduct", "m"), "AmendDialog"),
    "outcome-done": Stop(at_step("followup", "d"), "OutcomeDialog"),
    "outcome-not-able": Stop(at_step("followup", "x"), "OutcomeDialog"),
    "hand-up": Stop(then(RUN, "ctrl+r"), "PersonPicker"),
    "decision": Stop(then(RUN, "ctrl+g"), "DecisionDialog"),
    # The third idea is cut short in the list: under it, in full.
    "decision-idea-in-full": Stop(then(RUN, "ctrl+g", "focus:#ideas", "down", "down"),
                                  "DecisionDialog"),
    "action": Stop(then(RUN, "ctrl+l"), "ActionDialog"),
    "correct-which": Stop(then(VIEW, "c"), "RecordPicker"),
    "correct-idea": Stop(then(VIEW, "c", "enter"), "CorrectDialog"),
    "close-question": Stop(at_step("close", "ctrl+f"), "ConfirmDialog"),
    "not-taken-up": Stop(then(RUN, "ctrl+y"), "NotTakenUpDialog"),
    "withdraw-which": Stop(then(VIEW, "w"), "RecordPicker"),
    "withdraw-record": Stop(then(VIEW, "w", "enter"), "WithdrawDialog"),
    "discard-question": Stop(keys("g", "paste:Young Carers", "escape"), "DiscardDialog"),
    "move-session": Stop(with_second_group("m"), "MoveSessionDialog"),
    "start-question": Stop(planned_tomorrow("ctrl+s"), "ConfirmDialog"),
    "quit-question": Stop(then(RUN, "paste:Ramps at the door", "ctrl+q"), "QuitDialog"),
}


#: The busiest screens, also at 120×40.
LARGE = ("home", "run", "people", "close", "session-view", "search-results", "help")
