"""Every state is readable without colour, and what the screen says is true (issue 14).

The screen is read as a terminal shows it, with no colours (``layout_check.screen_text``):
ticks are ``[x]``/``[ ]``, over time and not saved are words, and where the keys are
is marked by a character (a heavier edge), not by a colour.
"""

from __future__ import annotations

import errno

from textual.widgets import Input

from coprod_tui.app import CoprodApp
from coprod_tui.screens.statements import StatementsScreen
from coprod_tui.service import Service
from tests.ui.helpers import palette_settled, paste, until
from tests.ui.layout_check import cut_offs, screen_text
from tests.ui.tour import RUN, TOUR, at_step, demo_app, enter_opens, over_home, steady

#: The app's garbage collection after each screen is shown is skipped (tests/conftest.py).


def lines_with(text: str, mark: str) -> list[str]:
    return [line for line in text.splitlines() if mark in line]


async def test_no_color_every_state_is_in_the_plain_text(store, monkeypatch):
    """With NO_COLOR, one app run: over time on Run, where the keys are on Home, a
    checkbox in a dialog, then ticks, focus and not saved on Plan."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr("coprod_tui.screens.live.clock", lambda session: (700, 300))
    app = demo_app(store, monkeypatch)
    assert app.no_color
    async with app.run_test(size=(80, 24)) as pilot:
        await no_color_over_time_is_said(pilot)
        await pilot.press("ctrl+home")
        await steady(pilot)
        await no_color_focus_in_lists_is_marked_at_their_left_edge(pilot)
        await no_color_a_checkbox_says_ticked_or_not(pilot)
        await pilot.press("escape", "d")  # the changed tick thrown away
        await steady(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        await no_color_every_state_on_plan(pilot, monkeypatch)


async def no_color_every_state_on_plan(pilot, monkeypatch):
    app = pilot.app
    await TOUR["plan"](pilot)
    # Focus: the box with the keys has the heavy edge (┏━┓), the others do not.
    text = screen_text(app)
    assert len(lines_with(text, "┏")) == 1 and "┃  How the days will run" in text
    await pilot.press("tab")
    await steady(pilot)
    text = screen_text(app)
    assert len(lines_with(text, "┏")) == 1 and "┃  How the days will run" not in text

    # Ticked and unticked, in a checklist and in a list of choices.
    checklist = app.screen.query_one("#pre-checklist")
    checklist.focus()
    checklist.scroll_visible(animate=False)
    await steady(pilot)
    assert "[x]" in screen_text(app)  # the demo's planning is all ticked
    await pilot.press("space")  # untick the first
    await steady(pilot)
    text = screen_text(app)
    assert "[ ]   There is enough time and money" in text and "[x]" in text
    assert "▐X▌" not in text  # Textual's own tick, the same both ways
    methods = app.screen.query_one("#methods")
    methods.focus()
    methods.scroll_visible(animate=False)
    await steady(pilot)
    shown = [line for line in screen_text(app).splitlines()
             if "[x]" in line or "[ ]" in line]
    assert any("[ ] Workshop" in line for line in shown)
    assert any("[x] Focus group" in line for line in shown)  # the demo's way

    # Not saved: said in words, in full, on the screen.
    from coprod_tui.store import atomic

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    venue = app.screen.query_one("#venue", Input)
    venue.focus()
    venue.value = "The new hall"
    await until(pilot, lambda: "NOT SAVED" in screen_text(app))  # the autosave refused
    await steady(pilot)
    text = screen_text(app)
    assert "NOT SAVED" in text and "space" in text.lower()
    assert not [p for p in cut_offs(app) if "save-status" in p]
    monkeypatch.undo()
    monkeypatch.setenv("NO_COLOR", "1")


async def no_color_over_time_is_said(pilot):
    app = pilot.app
    await RUN(pilot)
    await pilot.press("pagedown")  # the first item starts
    await until(pilot, lambda: "OVER TIME" in screen_text(app))  # the clock has ticked
    assert "OVER TIME by 6:40 (planned 5:00)" in " ".join(screen_text(app).split())
    assert not [p for p in cut_offs(app) if "agenda-line" in p]


async def no_color_focus_in_lists_is_marked_at_their_left_edge(pilot):
    app = pilot.app
    groups, sessions = (app.screen.query_one(s) for s in ("#groups", "#sessions"))
    edge = sessions.region.x

    def marked() -> bool:
        """Is the sessions table's left edge drawn (the keys are there)?"""
        row = screen_text(app).splitlines()[sessions.region.y + 1]
        return row[edge] not in " "

    sessions.focus()
    await steady(pilot)
    assert marked()
    groups.focus()
    await steady(pilot)
    assert not marked()
    sessions.focus()  # as it was, for what comes next


async def no_color_a_checkbox_says_ticked_or_not(pilot):
    # Maya Okafor's details (named, on time), opened over Home: People, which it would
    # cover, is not drawn first (the snapshot tour draws the dialog over People).
    from coprod_tui.screens.person_form import PersonDialog

    app = pilot.app
    session_id = enter_opens(pilot)
    maya = Service(app.store).groups.find_person("Maya Okafor")
    group_id = app.service.session(session_id).session.group_id
    app.push_screen(PersonDialog(group_id, maya.id, session_id))
    await steady(pilot)
    consent = app.screen.query_one("#consent")
    consent.scroll_visible(animate=False)
    await steady(pilot)
    assert "[x] Happy to be named in the minutes" in screen_text(app)
    app.screen.query_one("#late").scroll_visible(animate=False)
    await steady(pilot)
    assert "[ ] Arrived late" in screen_text(app)
    consent.focus()
    await pilot.press("space")
    await steady(pilot)
    assert "[ ] Happy to be named in the minutes" in screen_text(app)


async def test_each_step_says_its_own_state_in_its_own_status_line(store, monkeypatch):
    """One app run, each check after the one before has left the status line saying
    something else: on Plan a rename reaches the step bar, and Plan's message stays
    on Plan (not on People, not on Run); Run says in its status line, not in a message
    on top of the record or the speaking list: a turn changing hands; an idea typed but
    not yet entered (then saved); the app's own messages and a widget's. Then Close
    says everything is saved, then when a tick was, and the session closed there reads
    by keyboard."""
    app = demo_app(store, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step("setup")(pilot)
        await the_step_bar_follows_a_rename(pilot)
        await a_steps_messages_stay_on_that_step(pilot)
        await turn_changes_go_in_the_status_line_not_a_message_on_top(pilot)
        await an_idea_typed_but_not_entered_is_not_called_saved(pilot)
        await app_messages_go_in_runs_status_line_too(pilot)
        await at_step("close")(pilot)
        await a_session_closed_in_this_run_can_be_read_by_keyboard(pilot)


async def turn_changes_go_in_the_status_line_not_a_message_on_top(pilot):
    app = pilot.app
    app.clear_notifications()
    await pilot.press("ctrl+r")
    await pilot.pause()
    await pilot.press(*"tom", "enter")
    await pilot.pause()
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert not app._notifications  # nothing over the record or the speaking list
    status = str(app.screen.query_one("#save-status").content)
    assert "Tom Reilly has the floor." in status and "Saved at" in status


async def an_idea_typed_but_not_entered_is_not_called_saved(pilot):
    """A letter pasted into Run's box is not a record until Enter: the status says so,
    then says it was saved once it was (found walking a meeting in a terminal)."""
    app = pilot.app
    status = app.screen.query_one("#save-status")
    await paste(pilot, "Dear council,\nthe breaks are too short.")
    assert "Not recorded yet: Enter records the idea." in str(status.content)
    assert "Saved at" not in str(status.content) and "is saved" not in str(status.content)
    app.screen.query_one("#capture").value = ""
    await pilot.pause()
    assert "Not recorded yet" not in str(status.content)
    await paste(pilot, "Longer breaks")
    await pilot.press("enter")
    await pilot.pause()
    assert "Saved at " in str(status.content)
    assert "Not recorded yet" not in str(status.content)


async def app_messages_go_in_runs_status_line_too(pilot):
    # The app's own messages (high contrast, "Please check" from the index check) and a
    # widget's are said in Run's status line while Run is on screen; on Home they are
    # the usual message in the corner.
    app = pilot.app
    app.clear_notifications()
    await pilot.press("ctrl+p")  # an app command, from the palette
    await pilot.pause()
    app.screen.query_one(Input).value = "high contrast"  # as if typed
    await palette_settled(pilot)
    await pilot.press("enter")
    await steady(pilot)
    assert app.theme == "coprod-high-contrast"
    status = app.screen.query_one("#save-status")
    assert "High contrast is on." in str(status.content)
    app.notify("A session file could not be read.", title="Please check",
               severity="warning")
    await pilot.pause()
    assert "Please check: A session file could not be read." in str(status.content)
    assert status.has_class("warning")
    app.screen.query_one("#capture").notify("From a widget on Run.")
    await pilot.pause()
    assert "From a widget on Run." in str(status.content)
    assert not app._notifications  # nothing over the feed or the speaking list
    app.action_toggle_contrast()
    await pilot.pause()
    assert "High contrast is off." in str(status.content)
    assert not app._notifications
    app.action_home()
    await steady(pilot)
    app.notify("A session file could not be read.", title="Please check",
               severity="warning")
    await pilot.pause()
    assert [n.title for n in app._notifications] == ["Please check"]


async def the_step_bar_follows_a_rename(pilot):
    app = pilot.app
    app.screen.query_one("#title", Input).value = "Rooms and gardens"
    bar = app.screen.query_one("#step-bar")
    await until(pilot, lambda: "Rooms and gardens · " in str(bar.render()))  # saved as typed
    # (F3, People, below: its step bar says the new title too.)


async def a_steps_messages_stay_on_that_step(pilot):
    """Every step says its messages in its own status line: a message in the corner
    covered the step's heading and was still over Run's feed after moving on (found
    walking a meeting: "Recorded 5 agreements." from Agree, over Run's heading)."""
    app = pilot.app
    app.clear_notifications()
    app.screen.query_one("#agenda").focus()
    await pilot.press("delete")
    await pilot.pause()
    assert "from the agenda." in str(app.screen.query_one("#save-status").content)
    assert not app._notifications
    await pilot.press("f3")
    await pilot.pause()
    assert type(app.screen).__name__ == "AttendanceScreen"
    assert "Rooms and gardens · " in str(app.screen.query_one("#step-bar").render()), \
        "the step bar follows a rename"
    assert not app._notifications, "on People"
    assert "from the agenda" not in str(app.screen.query_one("#save-status").content)
    await pilot.press("f6")
    await pilot.pause()
    assert type(app.screen).__name__ == "LiveScreen"
    assert not app._notifications, "on Run"
    assert "from the agenda" not in str(app.screen.query_one("#save-status").content)


def new_session(store):
    service = Service(store)
    group = service.groups.add_group(name="Parents Forum", conduct="Be kind")
    file = service.create_session(group.id, "Autumn meeting", date="2026-10-01")
    file.start()
    file.release()
    return file


async def test_a_new_session_says_what_it_has_not_got_yet(store):
    """One app run on a session just started with nobody present: Run does not say
    everyone has spoken; the 'I' statements count only what was saved."""
    new_session(store)
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # running: Run
        await pilot.pause()
        text = " ".join(screen_text(app).replace("│", " ").split())
        assert "Everyone present has spoken" not in text
        assert "Nobody is marked present yet (F3 People), so nobody has spoken." in text
        await pilot.press("ctrl+home")
        await over_home(StatementsScreen)(pilot)
        progress = app.screen.query_one("#progress")
        assert "Checked so far: none" in str(progress.content)
        app.screen.query_one("#evidence").text = "We met in a room with a ramp."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Checked so far: 1." in str(app.screen.query_one("#progress").content)


async def a_session_closed_in_this_run_can_be_read_by_keyboard(pilot):
    """Close says everything is saved, then when a tick was; closed there, the session's
    read-only view scrolls by keyboard: what is ticked is saved before the session is
    closed."""
    app = pilot.app
    # Saved at moves after a tick.
    status = app.screen.query_one("#save-status")
    assert str(status.content) == "Everything is saved."
    app.screen.show_part("#involvement-checklist")
    await pilot.press("space")
    await pilot.pause()
    assert str(status.content).startswith("Saved at ")
    # Closed in this run, then read by keyboard.
    await pilot.press("ctrl+f")  # close it (asked first)
    await pilot.pause()
    await pilot.click("#close")
    await pilot.pause()
    assert app.service.session(app.screen.session_id).session.status == "closed"
    await pilot.press("ctrl+home")
    await pilot.pause()
    await pilot.press("enter")  # now closed: its read-only view
    await pilot.pause()
    assert type(app.screen).__name__ == "SessionViewScreen"
    view = app.screen.query_one("#view")
    assert app.focused is view and view.max_scroll_y > 10
    for key, where in (("down", 1), ("pagedown", None), ("end", view.max_scroll_y),
                       ("home", 0), ("space", None)):
        def got_there(before=view.scroll_y, where=where) -> bool:
            return view.scroll_y > before if where is None else view.scroll_y == where

        await pilot.press(key)
        await until(pilot, got_there)
        await pilot.wait_for_scheduled_animations()  # where it ends, not on its way
        assert got_there(), key
    assert view.show_vertical_scrollbar  # and a scroll bar shows there is more
