"""At 80×24 nothing on any screen or dialog is cut off (tests/ui/layout_check.py):
the check itself, and long values shown in full where a list or table cuts them.

Every stop of the tour is scanned on its walk (tests/ui/walks.py), at the moment it
is pictured: ``test_snapshots.py::test_at_80_by_24`` for a pictured stop,
``test_snapshots.py::test_nothing_is_cut_off_at_80_by_24`` for the others.
"""

from __future__ import annotations


from tests.ui.layout_check import cut_offs
from tests.ui.tour import TOUR, demo_app


async def test_the_check_finds_a_cut_off_word_and_a_covered_key():
    """The check itself: a line too long for its one-line box, and a footer with more
    keys than fit (the palette key sits over the last ones), are both found."""
    from textual.app import App
    from textual.binding import Binding
    from textual.widgets import Static

    from coprod_tui.screens.widgets import SteadyFooter

    class Crowded(App[None]):
        CSS = "#line { height: 1; width: 30; }"
        BINDINGS = [Binding(k, f"nothing_{k}", f"Something long {k}") for k in "abcdefgh"]

        def compose(self):
            yield Static("Not spoken yet: Ann Lee, Bob Stone, Cat Moss, Dan Park",
                         id="line")
            yield Static("This one fits.")
            yield SteadyFooter()

    app = Crowded()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        problems = cut_offs(app)
    assert any("#line" in p and "Dan Park" in p for p in problems), problems
    assert any("footer" in p and "Something long h" in p for p in problems), problems
    assert not any("This one fits" in p for p in problems)


LONG_IDEA = ("A quiet room next to the lounge, with soft lights and no television, where "
             "anyone who finds the noise of the evening too much can sit until they are "
             "ready to come back: ask the residents what should be in it SEAGREEN")


async def test_a_long_idea_is_readable_in_full_where_a_list_cuts_it_short(store, monkeypatch):
    # Issue 14: "tables truncate with '…' and show the whole value on focus". The
    # decision dialog's "ideas that informed it" and the "not taken up" list end a long
    # idea in "…": the highlighted one is shown whole, wrapped, under the list.
    from textual.widgets import OptionList

    from tests.ui.layout_check import screen_text
    from tests.ui.tour import RUN, steady

    app = demo_app(store, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await RUN(pilot)
        app.screen.query_one("#capture").value = LONG_IDEA
        await pilot.press("enter")
        await pilot.press("ctrl+g")
        await steady(pilot)
        whole = app.screen.query_one("#ideas-in-full")
        assert not whole.display  # the keys are in "What was decided"
        app.screen.query_one("#ideas").focus()
        await steady(pilot)
        text = screen_text(app)
        assert "ask the residents what should be in it SEAGREEN" not in text.split(
            "The idea:")[0]  # the list itself cuts it short...
        assert whole.display and str(whole.content) == f"The idea: {LONG_IDEA}"
        assert "in it SEAGREEN" in text  # ... and it is on screen, whole, under the list
        assert whole.region.bottom <= app.screen.query_one("#dialog").content_region.bottom
        assert not cut_offs(app)
        await pilot.press("down")  # a short idea, whole in the list: nothing under it
        await steady(pilot)
        assert not whole.display and "SEAGREEN" not in screen_text(app)
        await pilot.press("down", "down")  # it follows the highlight to the next long one
        await steady(pilot)
        assert whole.display and "first night is not with strangers." in str(whole.content)
        await pilot.press("escape")
        await steady(pilot)

        await pilot.press("ctrl+y")
        await steady(pilot)
        ideas = app.screen.query_one("#ideas", OptionList)
        ideas.highlighted = next(n for n in range(ideas.option_count)
                                 if "SEAGREEN" not in str(ideas.get_option_at_index(n).prompt)
                                 and "A quiet room" in str(ideas.get_option_at_index(n).prompt))
        await steady(pilot)
        assert str(app.screen.query_one("#ideas-in-full").content) == f"The idea: {LONG_IDEA}"
        assert "in it SEAGREEN" in screen_text(app)
        await pilot.press("escape")
        await steady(pilot)

        # The action's "It answers": the chosen idea is one line in its box; in full under it.
        await pilot.press("ctrl+l")
        await steady(pilot)
        source = app.screen.query_one("#source")
        source.value = next(v for _label, v in source._options if str(_label).startswith(
            "Idea: A quiet room"))
        await steady(pilot)
        whole = app.screen.query_one("#source-in-full")
        assert whole.display and str(whole.content) == f"It answers: Idea: {LONG_IDEA}"
        whole.scroll_visible(animate=False)
        await steady(pilot)
        assert "in it SEAGREEN" in screen_text(app)
        source.value = "__nothing__"  # "Nothing in particular"
        await steady(pilot)
        assert not whole.display


async def test_a_table_shows_the_highlighted_rows_cut_values_in_full(store, monkeypatch):
    # The group history's table of people cuts long names and roles at 80 columns
    # ("Daniel Hug…", "Uses…"): the highlighted row's cut values are shown whole under
    # it, named by their column, and nothing when nothing is cut.
    from tests.ui.layout_check import screen_text

    app = demo_app(store, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await TOUR["history"](pilot)
        table = app.screen.query_one("#people")
        whole = app.screen.query_one("#people-in-full")
        rows = [str(table.get_row_at(n)[0]) for n in range(table.row_count)]
        table.move_cursor(row=next(n for n, r in enumerate(rows) if r.startswith("Daniel")))
        await pilot.pause()
        assert "Daniel Hug…" in screen_text(app)
        assert whole.display
        assert str(whole.content) == "In full: Name: Daniel Hughes · Role: Uses services"
        table.move_cursor(row=rows.index("Priya Shah"))  # a carer: nothing cut
        await pilot.pause()
        assert not whole.display
        app.screen.query_one("#sessions").focus()  # the keys elsewhere: not shown
        await pilot.pause()
        assert not whole.display


async def test_the_whole_idea_is_scrolled_into_view_in_the_decision_dialog(store):
    # Tried at 80x24 with one long idea: the whole text started under the list, below
    # the dialog's bottom edge, so only its first lines could be read.
    from coprod_tui.app import CoprodApp
    from coprod_tui.service import Service
    from tests.ui.tour import steady

    service = Service(store)
    group = service.groups.add_group(name="G", conduct="Be kind")
    file = service.create_session(group.id, "Evening")
    file.start()
    file.add_idea(LONG_IDEA)
    file.release()
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")  # resume the running session: Run
        await steady(pilot)
        await pilot.press("ctrl+g")
        await steady(pilot)
        app.screen.query_one("#ideas").focus()
        await steady(pilot)
        whole = app.screen.query_one("#ideas-in-full")
        assert whole.display
        assert whole.region.bottom <= app.screen.query_one("#dialog").content_region.bottom
