"""Getting around (issue 14): Ctrl+Home to Home from everywhere, Escape back to where you came
from, Enter opens what is highlighted, every palette entry opens its screen, F1 is
coprod's own help."""

from __future__ import annotations

import asyncio

from tests.ui.helpers import ScreensAskedFor
from tests.ui.layout_check import screen_text
from tests.ui.tour import TOUR, VIEW, demo_app, with_second_group


def name(app) -> str:
    return type(app.screen).__name__


async def test_escape_goes_back_to_where_the_session_was_opened_from(store, monkeypatch):
    """Escape from a step goes back to where its session was opened (Home, or a past
    session's view), not back through every step seen on the way. (Then, on Home, Enter
    on a group shows its sessions: one app for both.)"""
    app = demo_app(store, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        # A running session, opened from Home (at its Agree step, as F4 on Run leaves
        # it: Run, the costliest screen to draw, is opened by Enter in the tour's "run"
        # stop): moving about its steps, then Escape. (Every F-key changes step the one
        # way, JourneyScreen's step keys: two moves show it as well as five.)
        await TOUR["agree"](pilot)
        await pilot.press("f8", "f5")
        assert name(app) == "FollowUpScreen"
        await pilot.press("escape")
        assert name(app) == "HomeScreen"
        assert len(app.screen_stack) == 2
        # A past session's view: Share opened from it by its key; from there the
        # facilitator moves to another step: Escape goes back to the view, then Home.
        await VIEW(pilot)
        await pilot.press("s")
        assert name(app) == "ShareScreen"
        await pilot.press("f4")
        assert name(app) == "ConductScreen"
        names = []
        for _ in range(2):
            await pilot.press("escape")
            names.append(name(app))
        assert names == ["SessionViewScreen", "HomeScreen"]

        # Enter on a group shows its sessions.
        groups = app.screen.query_one("#groups")
        groups.focus()
        groups.highlighted = 1  # the demo's group
        await pilot.press("enter")
        assert app.focused is app.screen.query_one("#sessions")  # Enter again opens one
        with ScreensAskedFor(app) as asked:  # which screen, not drawn (the tour's "run"
            await pilot.press("enter")        # stop opens Run by Enter, drawn)
        assert asked.names == ["LiveScreen"]


#: One stop of the tour for each kind of screen: the palette is looked at on each.
PALETTE_STOPS = ("home-group", "plan", "people", "agree", "follow-up", "run", "close",
                 "share", "comment-cards", "statements", "past-sessions", "actions",
                 "history", "session-view")


def _commands(app):
    """The palette's commands on the screen showing (its own providers)."""
    out = []
    for provider in app.screen.COMMANDS:
        if isinstance(provider, type):
            out += list(provider(app.screen).commands())
    return out


async def _asks_for(pilot, command) -> list[str]:
    """Run a palette entry; the screens it asks the app to show (not drawn: see
    ScreensAskedFor), once it has asked for one (or a moment has passed)."""
    with ScreensAskedFor(pilot.app) as asked:
        command.run()
        # Most ask at once, or a turn or two of the app's messages later (a step's way
        # waits for the box to take its keys): no need to wait for the app to be idle.
        for _ in range(50):
            if asked.screens:
                break
            await asyncio.sleep(0)
        for _ in range(40):
            if asked.screens:
                break
            await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    return asked.names


async def test_every_palette_entry_opens_its_screen_and_ctrl_home_goes_home(store,
                                                                          monkeypatch):
    """At each kind of screen, every palette entry that opens something asks for the
    screen it names, and nothing else; its Home entry is the Ctrl+Home key's own, and
    Ctrl+Home, pressed there, goes Home with nothing left under it. Each screen and
    dialog of the tour is opened by some palette entry.

    Which screen is asked for is what is checked here; the screens themselves are
    drawn by the snapshot tour, and typed palette searches really open some of them
    in test_navigation's test_every_step_and_screen_is_found_in_the_palette.
    """
    opened: set[str] = set()
    app = demo_app(store, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        for stop in PALETTE_STOPS:
            await TOUR[stop](pilot)  # from Home: the steps by Run, then their F-key
            where, stack = app.screen, list(app.screen_stack)
            commands = [c for c in _commands(app) if c.opens]
            assert commands, stop
            opened |= {c.opens for c in commands}
            for command in commands:
                if command.opens == "HomeScreen":
                    continue  # not shown on top of this one: Ctrl+Home's, below
                assert await _asks_for(pilot, command) == [command.opens], \
                    f"{stop}: {command.name}"
                assert app.screen_stack == stack  # nothing left half done
            assert app.screen is where
            if stop == "run":  # its own F-key keeps it (no new Run drawn)
                await pilot.press("f6")
                assert app.screen is where
            home = [c for c in commands if c.opens == "HomeScreen"]
            assert len(home) == (stop != "home-group"), stop  # in every other palette
            assert all(c.run == app.action_home for c in home), stop
            if stop == "home-group":
                continue
            assert "^Home Home" in screen_text(app), stop  # shown in the footer
            await pilot.press("ctrl+home")
            assert name(app) == "HomeScreen", stop
            assert len(app.screen_stack) == 2, stop  # nothing left under Home
        # A session can be moved only with somewhere to go.
        await with_second_group()(pilot)
        (move,) = [c for c in _commands(app) if c.opens == "MoveSessionDialog"]
        assert await _asks_for(pilot, move) == ["MoveSessionDialog"]
        opened.add(move.opens)
    # Asked by coprod itself, never opened on purpose; the palette and help are app keys;
    # a record is corrected (or withdrawn) from the palette's entry once it is chosen;
    # closing asks its question (ConfirmDialog) before it closes.
    not_by_palette = {"DiscardDialog", "QuitDialog", "CommandPalette", "HelpScreen",
                      "CorrectDialog", "WithdrawDialog", "ConfirmDialog"}
    screens = {stop.screen for stop in TOUR.values()}
    assert screens - not_by_palette <= opened, sorted(screens - not_by_palette - opened)


#: A screen of the tour, the keys that reach it from the one before, and the words its
#: F1 help must have.
HELP = (("home", (), ("Enter on a session opens it", "Ctrl+Home")),
        ("run", ("enter",), ("@chat @name", "@anon", "@after", "Ctrl+R", "Ctrl+G")),
        ("decision", ("ctrl+g",), ("Escape",)),
        ("people", ("escape", "f3"), ("p", "Present")),
        ("session-view", ("ctrl+home", "down", "enter"), ("c corrects",)))


def help_text(help_screen) -> str:
    """What a help screen shows, as its Statics would (title, what the screen is for,
    the keys), read from the screen made for F1 without drawing it."""
    keys = " ".join(f"{where} " + " ".join(f"{k} {what}" for k, what in rows)
                    for where, rows in help_screen._keys)
    return " ".join(f"Help: {help_screen._title} {help_screen._about} {keys}".split())


async def test_f1_is_coprods_own_help_for_the_screen(store, monkeypatch):
    """F1 on each kind of screen makes coprod's own help for it. The first is shown
    and closed for real (Escape goes back to the screen under it); for the others,
    what the help made for them says is read without drawing it (each is drawn by the
    snapshot tour's help stop, the same screen with other words)."""
    app = demo_app(store, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for n, (stop, pressed, words) in enumerate(HELP):
            await pilot.press(*pressed)
            await app.workers.wait_for_complete()
            await pilot.pause()
            under = name(app)
            assert under == TOUR[stop].screen, stop
            if n == 0:
                await pilot.press("f1")
                assert name(app) == "HelpScreen", stop
                text = " ".join(str(s.content) for s in app.screen.query("Static"))
                assert help_text(app.screen) in " ".join(text.split()), stop
            else:
                with ScreensAskedFor(app) as asked:
                    await pilot.press("f1")
                assert asked.names == ["HelpScreen"], stop
                text = help_text(asked.screens[0])
            for word in words:
                assert word in text, (stop, word)
            assert "Focus Next" not in text, stop  # Textual's generic keys are not listed
            if n == 0:
                await pilot.press("escape")
            assert name(app) == under, stop
