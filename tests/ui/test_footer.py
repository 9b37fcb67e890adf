"""The footer: the keys that work now, in one line (screens/widgets.py, SteadyFooter).

It is drawn as Textual's compact footer is (every snapshot the same picture but the
easy-read check's, whose footer was the one not compact), so these tests cover what
a picture cannot: a key that stops working is dimmed, a click
on a key presses it, pointing at one says what it does, and the line follows the keys
as they change.
"""

from __future__ import annotations

from rich.console import Console
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from coprod_tui.screens.widgets import SteadyFooter
from tests.ui.helpers import until
from tests.ui.layout_check import screen_text
from tests.ui.tour import demo_app


class Keys(App[None]):
    BINDINGS = [
        Binding("a", "add", "Add an idea", tooltip="Adds what is typed to the record"),
        Binding("d", "decide", "Decide"),
        Binding("x", "add", "Add again"),  # a second key for one action: not shown
        Binding("h", "hidden", "Not shown", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.done: list[str] = []
        self.can_decide = True

    def compose(self) -> ComposeResult:
        yield Static("A room of people")
        yield SteadyFooter()

    def action_add(self) -> None:
        self.done.append("add")

    def action_decide(self) -> None:
        self.done.append("decide")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # None: shown but not working now (Textual dims it).
        return None if action == "decide" and not self.can_decide else True


def footer_line(app: App) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_footer_shows_each_action_once_and_the_palette_on_the_right():
    app = Keys()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert line.startswith("a Add an idea d Decide "), line
        assert line.endswith("▏^p palette "), line  # one column after it, as Textual's
        assert "Add again" not in line and "Not shown" not in line


async def test_a_click_presses_the_key_and_a_key_not_working_is_dimmed_and_refused():
    app = Keys()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        footer = app.query_one(SteadyFooter)
        where = {entry.key: start for start, _, entry in footer.placed()}
        await pilot.click(SteadyFooter, offset=(where["d"] + 3, 0))  # on "Decide"
        assert app.done == ["decide"]

        app.can_decide = False
        app.refresh_bindings()
        await until(pilot, lambda: not footer.keys[1].enabled)
        line, console = footer.render(), Console()
        dim = [line.get_style_at_offset(console, n).dim for n in range(len(line.plain))]
        decide = line.plain.index("d Decide")
        assert all(dim[decide:decide + len("d Decide")]) and not any(dim[:decide])
        rang: list[bool] = []
        app.bell = lambda: rang.append(True)  # type: ignore[method-assign]
        await pilot.click(SteadyFooter, offset=(where["d"], 0))
        assert app.done == ["decide"] and rang == [True]

        await pilot.click(SteadyFooter, offset=(where["a"], 0))
        assert app.done == ["decide", "add"]


async def test_pointing_at_a_key_says_what_it_does_and_lights_it():
    app = Keys()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        footer = app.query_one(SteadyFooter)
        console = Console()

        def look(n: int):
            return footer.render().get_style_at_offset(console, n)
        before = look(2)
        await pilot.hover(SteadyFooter, offset=(1, 0))
        assert footer.tooltip == "Adds what is typed to the record"
        # Its background changes (as Textual's does), its words keep their colour.
        assert look(2).bgcolor != before.bgcolor and look(2).color == before.color
        assert look(len("a Add an idea d")).bgcolor == before.bgcolor  # not "Decide"
        await pilot.hover(SteadyFooter, offset=(footer.size.width - 3, 0))
        assert footer.tooltip and "palette" in str(footer.tooltip).lower()


async def test_a_click_on_home_s_footer_opens_the_new_session_dialog(store, monkeypatch):
    app = demo_app(store, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(SteadyFooter)
        start = next(start for start, _, entry in footer.placed() if entry.key == "n")
        await pilot.click(SteadyFooter, offset=(start, 0))
        await until(pilot, lambda: type(app.screen).__name__ == "NewSessionScreen")


async def test_in_a_narrow_terminal_the_palette_key_stays_on_the_right_over_the_others():
    from tests.ui.layout_check import cut_offs

    app = Keys()
    async with app.run_test(size=(24, 5)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert line == "a Add an ide▏^p palette ", line
        assert any("Add an idea" in problem for problem in cut_offs(app))  # as the check says
        await pilot.click(SteadyFooter, offset=(line.index("▏"), 0))  # its bar, over "a"
        await until(pilot, lambda: type(app.screen).__name__ == "CommandPalette")
        assert app.done == []
