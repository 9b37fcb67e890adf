"""Every screen and dialog of coprod, as the keys a facilitator would press leave it.

A stop is reached with those keys, except that a screen the picture does not show
is not drawn on the way: a step opens from Home as its F-key on Run leaves it (in
Run's place), and comment cards and the 'I' statements, which cover the step they
are opened from, open from Home. Each stop checks the screen it reaches.

The demo's group and sessions, with its latest session still running: Home
lists it first, so Enter opens Run; the one below it is closed (its read-only
view). The snapshot, cut-off and NO_COLOR tests all walk this same list, so a
screen added to the app is added here once and checked every way.

The pictures are taken on walks (``WALKS``, below): several stops on one run of
the app, one after another, as a facilitator goes from one to the next.
"""

from __future__ import annotations

import gc
import traceback
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
import textual._doc
from textual.app import App
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


async def SEARCH(pilot: Pilot) -> None:
    """Past sessions, 'garden' searched for (once typing pauses, on a worker)."""
    await keys("s", "paste:garden")(pilot)
    await searched(pilot)
    await steady(pilot)


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


# --- Several stops on one app run ---------------------------------------------------
#
# Starting the app and drawing the screen a stop is over is most of a picture's cost, so
# the snapshot and cut-off tests do not start the app once per stop: they walk. A walk
# is a list of stops taken one after another on one run of the app, each reached from
# the stop before it with the keys a facilitator would press (Escape to close a dialog,
# then the next dialog's key; a step's F-key to the next step). Each stop is checked
# (the screen it must reach, and layout_check's cut-offs at 80×24) and pictured as
# pytest-textual-snapshot pictures an app on a run of its own: headless, notifications
# shown, the plugin's own pauses, then ``export_screenshot(simplify=True)``.
#
# Every picture is byte for byte the one a run of its own (TOUR's keys from a fresh
# start) takes: the accepted SVGs were made one run per stop, and they are what the
# walks' pictures are compared with. So a dialog that no longer leaves its screen as it
# found it on Escape shows as the next stop's picture changing. Each stop is on exactly
# one walk at 80×24 (test_snapshots.py checks it), the busiest (LARGE) on one at 120×40.
# If a walk cannot reach a stop, that stop's test and every later one fail, saying where
# it stopped and why.


def seq(*visits: Visit) -> Visit:
    """One visit after another."""
    async def visit(pilot: Pilot) -> None:
        for one in visits:
            await one(pilot)
    return visit


async def SEARCH_TYPED(pilot: Pilot) -> None:
    """On Past sessions: 'garden' searched for, as SEARCH does from Home."""
    await keys("paste:garden")(pilot)
    await searched(pilot)
    await steady(pilot)


#: A stop's name and the keys that reach it from the stop before (the first: from Home,
#: as the app starts).
Leg = tuple[str, Visit]

WALKS: dict[str, tuple[Leg, ...]] = {
    "home": (("home", TOUR["home"]), ("new-session", keys("n")),
             ("new-group", keys("escape", "g")),
             ("discard-question", keys("paste:Young Carers", "escape")),
             ("actions", keys("d", "a")),  # d: discard it
             ("history", keys("escape", "h")),
             ("past-sessions", keys("escape", "s")), ("search-results", SEARCH_TYPED),
             ("session-view", keys("escape", "down", "enter")),
             ("correct-which", keys("c")), ("correct-idea", keys("enter")),
             ("withdraw-which", keys("escape", "w")), ("withdraw-record", keys("enter")),
             ("home-group", seq(keys("escape", "escape"), TOUR["home-group"])),
             ("edit-group", keys("e")),
             ("statements", seq(keys("escape"), over_home(StatementsScreen))),
             ("comment-cards", seq(keys("escape"), over_home(CommentCardsScreen))),
             ("move-session", seq(keys("escape"), with_second_group("m"))),
             ("start-question", seq(keys("escape"), planned_tomorrow("ctrl+s")))),
    "steps": (("plan", TOUR["plan"]), ("agenda-item", keys("focus:#agenda", "enter")),
              ("checklist-note", keys("escape", "focus:#pre-checklist", "n")),
              ("people", keys("escape", "f3")), ("add-person", keys("n")),
              ("person-details", keys("escape", "enter")),
              ("agree", keys("escape", "f4")), ("conduct-large", keys("f")),
              ("change-code", keys("escape", "m")),
              ("follow-up", keys("escape", "f5")), ("outcome-done", keys("d")),
              ("outcome-not-able", keys("escape", "x")),
              ("close", keys("escape", "f7")), ("close-question", keys("ctrl+f")),
              ("share", keys("escape", "f8"))),
    "run": (("run", TOUR["run"]), ("help", keys("f1")), ("palette", keys("escape", "ctrl+p")),
            ("hand-up", keys("escape", "ctrl+r")), ("decision", keys("escape", "ctrl+g")),
            ("decision-idea-in-full", keys("focus:#ideas", "down", "down")),
            ("action", keys("escape", "ctrl+l")), ("not-taken-up", keys("escape", "ctrl+y")),
            ("quit-question", keys("escape", "paste:Ramps at the door", "ctrl+q"))),
}

#: The LARGE stops, at 120×40.
LARGE_WALK: tuple[Leg, ...] = (
    ("home", TOUR["home"]), ("search-results", SEARCH),
    ("session-view", keys("escape", "down", "enter")),
    ("people", seq(keys("escape"), at_step("attendance"))),
    ("close", keys("f7")), ("run", keys("escape", "enter")), ("help", keys("f1")))


@dataclass(frozen=True)
class Picture:
    """A stop as it was reached on a walk: its SVG, as pytest-textual-snapshot takes it,
    and what layout_check found cut off on it (checked at 80×24 only)."""

    svg: str
    cut_off: tuple[str, ...]


@pytest.fixture
def compare(snap_compare, monkeypatch):
    """pytest-textual-snapshot's own comparison of a picture taken on a walk (its
    report of a mismatch, and ``--snapshot-update``, included): the plugin's screenshot
    function answers with the picture (a blank App stands for the app, which has run)."""
    def same(taken: Picture, size: tuple[int, int]) -> bool:
        monkeypatch.setattr(textual._doc, "take_svg_screenshot", lambda **_: taken.svg)
        return snap_compare(App(), terminal_size=size)
    return same


async def as_the_snapshot_plugin_waits(pilot: Pilot) -> None:
    """What textual._doc.take_svg_screenshot does between ``run_before`` and its picture."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()


@contextmanager
def heap_frozen() -> Iterator[None]:
    """Python's collector leaves the objects that were already there (every earlier
    test's, pytest's, the modules') alone while an app runs: a full collection walks
    them all, and an app run makes enough objects to set off many (a quarter of a
    walk's CPU). They are handed back to the collector afterwards, so nothing is kept
    that would have been freed; the app's own objects are collected as ever."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def walk(app: CoprodApp, legs: tuple[Leg, ...], size: tuple[int, int]
         ) -> dict[str, Picture | str]:
    """Run the app once, as the snapshot plugin runs it, and picture each leg's stop. A
    stop not reached maps to why not (it fails its test with that)."""
    from tests.ui.layout_check import cut_offs

    title = app.title  # the plugin's title: the app's before it runs
    taken: dict[str, Picture | str] = {}

    async def auto_pilot(pilot: Pilot) -> None:
        try:
            for name, visit in legs:
                taken[name] = f"the walk stopped on the way to {name!r}"
                await visit(pilot)
                shown = type(pilot.app.screen).__name__
                assert shown == TOUR[name].screen, \
                    f"the tour reached {shown}, not {TOUR[name].screen}"
                cut = tuple(cut_offs(pilot.app)) if size == (80, 24) else ()
                await as_the_snapshot_plugin_waits(pilot)
                taken[name] = Picture(pilot.app.export_screenshot(title=title,
                                                                  simplify=True), cut)
                gc.freeze()  # as the app does once a screen is shown (see heap_frozen)
        except Exception as error:
            why = "".join(traceback.format_exception(error))
            taken[name] = f"the walk stopped at {name!r}:\n{why}"
        finally:
            pilot.app.exit()

    with heap_frozen():
        app.run(headless=True, auto_pilot=auto_pilot, size=size)
    return {name: taken.get(name, f"the walk stopped before {name!r}") for name, _ in legs}


_WALKED: dict[tuple[str, tuple[int, int]], dict[str, Picture | str]] = {}


def walk_of(name: str, size: tuple[int, int]) -> str:
    """The walk a stop is pictured on at that size."""
    if size != (80, 24):
        return "large"
    return next(walk for walk, legs in WALKS.items() if name in dict(legs))


def picture(name: str, size: tuple[int, int], store, monkeypatch) -> Picture:
    """The stop as its walk reached it. A walk is taken once per test process, by the
    first of its tests to run there (on that test's data folder: the demo, running)."""
    key = (walk_of(name, size), size)
    if key not in _WALKED:
        legs = LARGE_WALK if key[0] == "large" else WALKS[key[0]]
        _WALKED[key] = walk(demo_app(store, monkeypatch), legs, size)
    return reached(_WALKED[key][name])


def reached(got: Picture | str) -> Picture:
    """A walk's picture of a stop, or the test fails saying why the walk did not get there."""
    if isinstance(got, str):
        raise AssertionError(got)
    return got
