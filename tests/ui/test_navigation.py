"""Moving around: palette, Escape, F-keys, and nothing typed is lost on the way."""

from __future__ import annotations

import pytest

from coprod_tui.app import CoprodApp
from coprod_tui.demo import add_demo
from coprod_tui.service import Service
from tests.ui.helpers import (
    palette_choice, palette_settled, paste, screen_text, session_on_disk, type_into, until,
)


async def open_latest(pilot):
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def palette(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await paste(pilot, words)
    await palette_settled(pilot)
    await pilot.press("enter")


async def palette_finds(pilot, *searches: tuple[str, str]) -> None:
    """Open the palette once; for each (words, entry), type the words: the entry Enter
    would run is that one. (What each entry opens is checked, at every kind of screen,
    by test_getting_around's test_every_palette_entry_opens_its_screen_and_ctrl_home_goes_home;
    the searches here that end in Enter open their screen for real.)"""
    from textual.command import CommandInput

    await pilot.press("ctrl+p")
    for words, entry in searches:
        pilot.app.screen.query_one(CommandInput).value = ""
        await paste(pilot, words)
        await palette_settled(pilot)
        assert palette_choice(pilot.app) == entry, words
    await pilot.press("escape")


async def test_every_step_and_screen_is_found_in_the_palette(store):
    add_demo(Service(store))
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await palette_finds(pilot, ("Past sessions and search", "Past sessions and search (s)"),
                            ("Actions: You said, We did", "Actions: You said, We did (a)"),
                            ("Group history", "Group history (h)"),
                            ("Open session", "Open the highlighted session (Enter)"),
                            ("New group", "New group (g)"))
        # Enter runs the entry found, for real: a session, a step from a session's view,
        # a step from a step. (That Past sessions, New group and the rest ask for their
        # screens is test_getting_around's palette test; Home's entry is Ctrl+Home's
        # own action, which that test presses on every kind of screen.)
        for words, screen in (("Open session", "SessionViewScreen"),  # the latest is closed
                              ("Go to Agree", "ConductScreen")):
            await palette(pilot, words)
            assert type(app.screen).__name__ == screen, words
        await palette_finds(pilot, *((f"Go to {step}", f"Go to {step} ({key})") for step, key in
                                     (("People", "F3"), ("Plan", "F2"), ("Share", "F8"),
                                      ("Run", "F6"), ("Follow up", "F5"), ("Close", "F7"))),
                            ("Comment cards", "Comment cards"),
                            ("'I' statements check", "'I' statements check"),
                            ("Home", "Home (Ctrl+Home)"))
        # Found by part of a name, and opened: comment cards and the statements check
        # over the step, and Close at its checklist about involvement.
        for words, screen in (("comment", "CommentCardsScreen"),
                              ("statements", "StatementsScreen"),
                              ("involvement", "CloseScreen")):
            await palette(pilot, words)
            assert type(app.screen).__name__ == screen, words
            if screen != "CloseScreen":
                await pilot.press("escape")
        assert app.focused is app.screen.query_one("#involvement-checklist")
        await palette_finds(pilot, ("Go to Run", "Go to Run (F6)"),
                            ("Comment cards", "Comment cards"),
                            ("'I' statements check", "'I' statements check"),
                            ("Home", "Home (Ctrl+Home)"))
        # A setting, from the palette.
        await palette(pilot, "High contrast")
        assert app.theme == "coprod-high-contrast"


async def test_no_color_still_says_everything_in_words(store, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    add_demo(Service(store))
    app = CoprodApp(store)
    assert app.no_color
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the latest session's People step, as F3 leaves it
        app.screen.open_session(store.summaries()[0].id, "attendance")
        await pilot.press("down", "down")  # Priya Shah: not named in the minutes
        text = screen_text(app)
        assert "Present, in the room" in text and "Apologies" in text
        assert "Priya Shah · Carer · Present, in the room · not named in the minutes (by role)" \
            in text


async def test_what_is_typed_on_plan_is_saved_before_moving_on_or_kept_with_the_reason(
        store, data_dir, monkeypatch):
    """One app, the demo's latest session's Plan step (opened as F2 leaves it): a bad
    date is kept on screen with the reason; typing then jumping at once still saves; a
    step stays open while the disk refuses what was typed."""
    import errno

    from coprod_tui.store import atomic

    add_demo(Service(store))
    sid = store.summaries()[0].id
    real_fsync = atomic.os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.open_session(sid, "setup")
        await pilot.pause()
        # A bad date: said once the save delay has passed (awaited, not slept for), and
        # not saved; then put right.
        await type_into(pilot, "date", "14/03/2026")
        await until(pilot, lambda: "Not saved yet: The session's date must be a date like"
                    in screen_text(app))
        assert app.screen.query_one("#date").value == "14/03/2026"
        assert session_on_disk(data_dir, sid)["session"][0]["date"] == "2026-07-23"
        await type_into(pilot, "date", "2026-07-23")

        # Typing, then jumping to another step at once (before the save delay).
        await type_into(pilot, "venue", "The new hall")
        await pilot.press("f3")
        assert type(app.screen).__name__ == "AttendanceScreen"
        assert session_on_disk(data_dir, sid)["session"][0]["venue"] == "The new hall"

        # The disk refuses: the step stays open, saying so, until it can save.
        await pilot.press("f2")
        monkeypatch.setattr(atomic.os, "fsync", full)
        await type_into(pilot, "venue", "The newer hall")
        await pilot.press("f3")
        assert type(app.screen).__name__ == "SetupScreen"  # not lost by moving on
        assert "NOT SAVED" in screen_text(app)
        assert "this screen stays open" in " ".join(screen_text(app).split())
        monkeypatch.setattr(atomic.os, "fsync", real_fsync)
        await pilot.press("f3")
        assert type(app.screen).__name__ == "AttendanceScreen"
        assert session_on_disk(data_dir, sid)["session"][0]["venue"] == "The newer hall"
    assert session_on_disk(data_dir, sid)["session"][0]["date"] == "2026-07-23"


@pytest.mark.settle_heap
async def test_a_screen_shown_is_kept_out_of_full_collections_and_one_left_is_freed(
        store, monkeypatch):
    """Once a screen is drawn its objects are frozen (no 0.2 s full collections while
    typing at 5,000 ideas); a screen left behind is still freed, not kept frozen."""
    import gc
    import weakref

    import coprod_tui.app as app_module

    settled: list[str] = []
    real = app_module.settle_heap

    def settle() -> None:
        real()
        settled.append(type(app.screen).__name__)

    monkeypatch.setattr(app_module, "settle_heap", settle)
    add_demo(Service(store))
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_latest(pilot)
        await pilot.pause()
        view = weakref.ref(app.screen)
        assert type(view()).__name__ == "SessionViewScreen"
        await until(pilot, lambda: "SessionViewScreen" in settled, timeout=5)
        assert gc.get_freeze_count() > 0
        await pilot.press("escape")
        await until(pilot, lambda: view() is None, timeout=5)  # freed, though frozen before
