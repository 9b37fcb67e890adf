"""Several stops of the tour on one app run: the walks the snapshot tests picture.

Starting the app and drawing the screen a stop is over is most of a picture's cost, so
the snapshot and cut-off tests do not start the app once per stop: they walk. A walk
is a list of stops taken one after another on one run of the app, each reached from
the stop before it with the keys a facilitator would press (Escape to close a dialog,
then the next dialog's key; a step's F-key to the next step). Each stop is checked
(the screen it must reach, and layout_check's cut-offs at 80×24) and pictured as
pytest-textual-snapshot pictures an app on a run of its own: headless, notifications
shown, the plugin's own pauses, then ``export_screenshot(simplify=True)``.

Every picture is byte for byte the one a run of its own (TOUR's keys from a fresh
start) takes: the accepted SVGs were made one run per stop, and they are what the
walks' pictures are compared with. So a dialog that no longer leaves its screen as it
found it on Escape shows as the next stop's picture changing. Each stop is on exactly
one walk at 80×24 (test_snapshots.py checks it), the busiest (LARGE) on one at 120×40.
If a walk cannot reach a stop, that stop's test and every later one fail, saying where
it stopped and why.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass

import pytest
import textual._doc
from textual.app import App
from textual.containers import ScrollableContainer
from textual.scroll_view import ScrollView
from textual.pilot import Pilot

from coprod_tui.app import CoprodApp
from coprod_tui.screens.cards import CommentCardsScreen
from coprod_tui.screens.statements import StatementsScreen
from tests.ui.tour import SEARCH, SEARCH_TYPED, TOUR, Visit, at_step, demo_app, keys, \
    over_home, planned_tomorrow, with_second_group


def seq(*visits: Visit) -> Visit:
    """One visit after another."""
    async def visit(pilot: Pilot) -> None:
        for one in visits:
            await one(pilot)
    return visit


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
    #: Places Tab stops that would show nothing when it lands there (tab_stops_unseen).
    unseen_stops: tuple[str, ...] = ()


def tab_stops_unseen(app: App) -> list[str]:
    """Scrolling containers that Tab stops on without a focus style of their own: only
    text to read (class "reading") shows that it has the focus; a form's body is not a
    stop at all (FormScroll), its boxes are. (Lists, tables and boxes scroll too, and
    each has its own focus style, app.tcss.)"""
    return [f"Tab stops on {type(w).__name__}#{w.id}, which shows no focus"
            for w in app.screen.focus_chain
            if isinstance(w, ScrollableContainer) and not isinstance(w, ScrollView)
            and not w.has_class("reading")]


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
                at_80 = size == (80, 24)  # where cut-offs and Tab stops are checked
                cut = tuple(cut_offs(pilot.app)) if at_80 else ()
                unseen = tuple(tab_stops_unseen(pilot.app)) if at_80 else ()
                await as_the_snapshot_plugin_waits(pilot)
                taken[name] = Picture(pilot.app.export_screenshot(title=title,
                                                                  simplify=True), cut, unseen)
        except Exception as error:
            why = "".join(traceback.format_exception(error))
            taken[name] = f"the walk stopped at {name!r}:\n{why}"
        finally:
            pilot.app.exit()

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
