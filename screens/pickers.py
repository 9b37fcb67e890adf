"""Pick a person present: type to narrow the list, Enter to choose."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from coprod_tui.model import Person
from .widgets import LineBox


class PersonPicker(ModalScreen[str]):
    CSS_PATH = "pickers.tcss"
    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel", id="picker.cancel"),
        Binding("down", "move(1)", "Down", show=False, priority=True, id="picker.down"),
        Binding("up", "move(-1)", "Up", show=False, priority=True, id="picker.up"),
    ]

    def __init__(self, title: str, people: list[Person]) -> None:
        super().__init__()
        self._title = title
        self._people = people

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(self._title, id="picker-title", markup=False)
            yield LineBox(id="filter", placeholder="Type part of a name, then Enter")
            yield OptionList(id="choices")
            yield Static("Up/Down to choose · Enter to pick · Escape to cancel",
                         classes="hint", markup=False)

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#filter", Input).focus()

    def _fill(self, typed: str) -> None:
        want = typed.casefold().split()
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        for person in self._people:
            name = person.name.casefold()
            if all(w in name for w in want):
                choices.add_option(Option(Text(person.name), id=person.id))
        if choices.option_count:
            choices.highlighted = 0

    @on(Input.Changed, "#filter")
    def _narrow(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#filter")
    def _enter(self) -> None:
        choices = self.query_one("#choices", OptionList)
        if choices.highlighted is not None:
            self.dismiss(choices.get_option_at_index(choices.highlighted).id)

    @on(OptionList.OptionSelected, "#choices")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        choices = self.query_one("#choices", OptionList)
        if choices.option_count:
            current = choices.highlighted or 0
            choices.highlighted = max(0, min(choices.option_count - 1, current + step))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
