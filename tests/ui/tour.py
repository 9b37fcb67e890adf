"""Every screen and dialog of coprod, reached with the keys a facilitator would press.

The demo's group and sessions, with its latest session still running: Home
lists it first, so Enter opens Run; the one below it is closed (its read-only
view). The snapshot, cut-off and NO_COLOR tests all walk this same list, so a
screen added to the app is added here once and checked every way.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
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
    return CoprodApp(store)


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


RUN = keys("enter")
VIEW = keys("down", "enter")  # the closed session under the running one
SEARCH = keys("s", "type:garden")

#: name → how to get there. Each is a screen or dialog at 80×24.
TOUR: dict[str, Visit] = {
    "home": keys(),
    "home-group": on_group(),
    "plan": then(RUN, "f2"),
    "people": then(RUN, "f3"),
    "agree": then(RUN, "f4"),
    "follow-up": then(RUN, "f5"),
    "run": RUN,
    "close": then(RUN, "f7"),
    "share": then(RUN, "f8"),
    "comment-cards": then(RUN, "f7", "ctrl+o"),
    "statements": then(RUN, "f7", "ctrl+t"),
    "past-sessions": keys("s"),
    "search-results": SEARCH,
    "actions": keys("a"),
    "history": keys("h"),
    "session-view": VIEW,
    "help": then(RUN, "f1"),
    "palette": then(RUN, "ctrl+p"),
    # Dialogs.
    "new-session": keys("n"),
    "new-group": keys("g"),
    "edit-group": on_group("e"),
    "add-person": then(RUN, "f3", "n"),
    "person-details": then(RUN, "f3", "enter"),
    "agenda-item": then(RUN, "f2", "focus:#agenda", "enter"),
    "checklist-note": then(RUN, "f2", "focus:#pre-checklist", "n"),
    "conduct-large": then(RUN, "f4", "f"),
    "change-code": then(RUN, "f4", "m"),
    "outcome-done": then(RUN, "f5", "d"),
    "outcome-not-able": then(RUN, "f5", "x"),
    "hand-up": then(RUN, "ctrl+r"),
    "decision": then(RUN, "ctrl+g"),
    "action": then(RUN, "ctrl+l"),
    "correct-which": then(VIEW, "c"),
    "correct-idea": then(VIEW, "c", "enter"),
    "discard-question": keys("g", "type:Young Carers", "escape"),
    "quit-question": then(RUN, "type:Ramps at the door", "ctrl+q"),
}


#: The busiest screens, also at 120×40.
LARGE = ("home", "run", "people", "close", "session-view", "search-results", "help")
