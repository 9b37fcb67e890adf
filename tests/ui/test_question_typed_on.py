"""A question's note of what was typed on it is seen whole, however long the question
(screens/confirm.py; Run's start question is walked in test_live_rules)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input

from coprod_tui.screens.confirm import ConfirmDialog
from tests.ui.layout_check import screen_text, squashed


class Box(App):
    def compose(self) -> ComposeResult:
        yield Input(id="box")


async def test_the_note_of_what_was_typed_on_a_long_question_is_seen_whole():
    # As long as Close's question at 80×24: it scrolls, and the note grows as the Enter
    # that ended the typing is said.
    long = ("Closing locks the record of this meeting. After it, nothing new can be "
            "added: no ideas, decisions, actions, hands up or comment cards.")
    app = Box()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ConfirmDialog("Close the session?", [long] * 4,
                                      [("close", "Close it", "primary")]))
        await pilot.pause()
        await pilot.press(*" room 2", "enter")
        await pilot.pause()
        note = str(app.screen.query_one("#confirm-typed").content)
        assert squashed(note) in squashed(screen_text(app))  # on screen, every line of it
        assert note.endswith("Enter did not answer: read the question, then choose.")


async def test_keys_typed_on_after_a_tab_that_moved_the_focus_are_not_lost(store):
    """In one burst, "alpha", Enter, "beta", Tab on Run of a session planned for another
    day: the Tab (a key the app takes at once) moves the focus before the box takes its
    Enter, which then asks whether to start. "beta" is still kept for the box that
    asked, and once the question is answered it goes back there."""
    from datetime import date, timedelta

    from coprod_tui.app import CoprodApp
    from coprod_tui.service import Service
    from tests.ui.helpers import burst

    service = Service(store)
    group = service.groups.add_group(name="G")
    later = service.create_session(group.id, "Later", date=(
        date.today() + timedelta(days=2)).isoformat())
    later.release()
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.open_session(later.id, "live")
        await pilot.pause()
        await burst(pilot, "alpha\rbeta\t")
        assert type(app.screen).__name__ == "ConfirmDialog"
        assert "You typed \u201cbeta\u201d" in " ".join(screen_text(app).split())
        await pilot.press("enter", "enter")  # after typing, the second Enter answers: Start
        await pilot.pause()
        # Back in the box that asked, the focus with it, and entered again there.
        assert [i.text for i in service.session(later.id).ideas()] == ["alpha", "beta"]
        assert app.focused is app.screen.query_one("#capture")
