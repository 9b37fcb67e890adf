"""Plan: the session's details and its agenda. Every field saves as it is typed."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static

from coprod_tui.errors import ValidationError
from coprod_tui.framework import FORMATS, METHODS, STAGES

from .autosave import FormStepScreen
from .checklist import TITLES, ChecklistTable
from .forms import SessionDialog, input_row, label, select, selection, text_area, whole_number
from .journey import SaveStatus, StepBar
from .saving import typed
from .widgets import Col, FitTable, FormScroll, LineBox, SteadyFooter

AGENDA = (Col("#", 3), Col("Item", wrap=True), Col("Minutes", 7))


class AgendaTable(FitTable):
    """The agenda. Typing a letter here starts a new item in the box below it (what is
    typed is never dropped)."""

    HELP_WHERE = "In the agenda"
    BINDINGS = [
        Binding("shift+up", "screen.move_item(-1)", "Move up", show=False, id="plan.move-up"),
        Binding("shift+down", "screen.move_item(1)", "Move down", show=False,
                id="plan.move-down"),
        Binding("delete", "screen.remove_item", "Remove", id="plan.remove-item"),
        Binding("enter", "screen.edit_item", "Edit", id="plan.edit-item"),
    ]

    def on_key(self, event: events.Key) -> None:
        # Typed here, meant for the new item's box. A space goes too once the box has
        # words: keys typed quickly can reach the list before the box has the focus
        # ("Next steps" must not become "Nextsteps"); a space alone does nothing.
        if not (event.is_printable and event.character):
            return
        box = self.screen.query_one("#item-title", Input)
        if event.character == " " and not box.value:
            return
        event.stop()
        event.prevent_default()
        box.focus()
        box.insert_text_at_cursor(event.character)


class SetupScreen(FormStepScreen):
    STEP = "setup"
    AUTO_FOCUS = ""  # the title box, as the form opens at its top (on_mount)
    HELP_TITLE = "Plan"
    ABOUT = (
        "Plan the session: its title, date and times, where, who facilitates, how "
        "people join, the ways of working, what it is for, what can and cannot change, "
        "and the stage of the work. Every box is saved as you type; there is no save "
        "key. A date is year-month-day (2026-03-14), a time hours:minutes (10:30). Tab "
        "moves to the next box; Space ticks a way of working.\n\n"
        "The agenda: type an item's title and its minutes in the boxes under the list, "
        "then Enter. In the list, Shift+Up and Shift+Down move an item, Delete removes "
        "it and Enter changes it.\n\n"
        "The planning checklist: Space ticks the highlighted item, n adds a note to it. "
        "Ctrl+N goes on to People.")
    AUTOSAVE = frozenset({"title", "date", "start", "end", "venue", "facilitator", "format",
                          "methods", "purpose", "can_change", "cannot_change", "stage"})
    CSS_PATH = ["journey.tcss", "setup.tcss"]
    BINDINGS = [Binding("ctrl+n", "next_step", "Next: People", id="plan.next")]

    def compose(self) -> ComposeResult:
        s = self.session.session
        yield from self.compose_header()
        with FormScroll(id="form"):
            yield label("Title")
            yield LineBox(s.title, id="title")
            yield input_row((("date", "Date", s.date, "year-month-day"),
                             ("start", "Starts", s.start, "hh:mm"),
                             ("end", "Ends", s.end, "hh:mm")))
            yield label("Venue (or the link for online)")
            yield LineBox(s.venue, id="venue")
            yield label("Facilitator")
            yield LineBox(s.facilitator, id="facilitator")
            yield label("Format")
            yield select(FORMATS, s.format, id="format")
            yield label("Ways of working together (Space to tick)")
            yield selection(METHODS, s.methods, id="methods")
            yield label("Purpose: what this session is for")
            yield text_area(s.purpose, id="purpose", height=3)
            yield label("What can change")
            yield text_area(s.can_change, id="can_change", height=3)
            yield label("What cannot change, and why")
            yield text_area(s.cannot_change, id="cannot_change", height=3)
            yield label("Stage of the work")
            yield select(STAGES, s.stage, id="stage")
            yield label("Agenda")
            yield AgendaTable(id="agenda")
            yield Static("Shift+Up/Down to reorder, Delete to remove, Enter to edit.",
                         classes="hint", markup=False)
            with Horizontal(classes="row", id="new-item"):
                # Not selected on focus: a key typed in the list moves here and is kept.
                yield LineBox(id="item-title", submit=self._add_item,
                              placeholder="New agenda item, then Enter",
                              select_on_focus=False)
                yield LineBox("10", id="item-minutes", placeholder="minutes", type="integer",
                              submit=self._add_item)
            yield Static("", id="field-error", markup=False)
            yield label(TITLES["pre"])
            yield Static("Space ticks an item, n adds a note.", classes="hint", markup=False)
            yield ChecklistTable(self.session_id, "pre", id="pre-checklist")
        yield SaveStatus()
        yield SteadyFooter()

    def on_mount(self) -> None:
        self._fill_agenda()
        self.query_one("#title", Input).focus(scroll_visible=False)

    # -- saving fields as they are typed (see autosave.py) ------------------------------

    def store_field(self, field: str, value: object) -> bool:
        if isinstance(value, str) and field in ("date", "start", "end"):
            value = value.strip()
        before = self.session.session
        after = self.session.update_details(**{field: value})
        if field in ("title", "date"):
            self.query_one(StepBar).retitle(self.header_title())
        return after is not before

    def unsaved_text(self) -> list[str]:
        lost = super().unsaved_text()
        item = self.query_one("#item-title", Input).value
        if item.strip():
            lost.append(typed("A new agenda item", item))
        return lost

    # -- the agenda ------------------------------------------------------------------------

    def _fill_agenda(self, keep: str | None = None) -> None:
        self.query_one("#agenda", AgendaTable).show(AGENDA, [
            (item.id, [str(n), item.title, str(item.planned_min)])
            for n, item in enumerate(self.session.session.agenda, start=1)], keep=keep)

    def _add_item(self) -> None:
        """Add the agenda item typed (Enter: before either box takes another key)."""
        title = self.query_one("#item-title", Input)
        minutes = self.query_one("#item-minutes", Input)
        try:
            planned = whole_number(minutes.value, "Minutes") or 10
        except ValidationError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        item = self.save(self.session.add_agenda_item, title.value, planned)
        if item is not None:
            title.value = ""
            self._fill_agenda(keep=item.id)
            title.focus()

    def _current_item(self) -> str | None:
        return self.query_one("#agenda", AgendaTable).current_key

    def action_move_item(self, step: int) -> None:
        item_id = self._current_item()
        if item_id:
            self.save(self.session.move_agenda_item, item_id, step)
            self._fill_agenda(keep=item_id)

    def action_remove_item(self) -> None:
        item_id = self._current_item()
        if item_id:
            item = self.session.session.item(item_id)
            if item is not None and self.save(self.session.remove_agenda_item,
                                              item_id) is not None:
                self._fill_agenda()
                self.notify(f"Removed '{item.title}' from the agenda.", markup=False)

    def action_edit_item(self) -> None:
        item_id = self._current_item()
        if item_id:
            self.app.push_screen(AgendaItemDialog(self.session_id, item_id),
                                 lambda _: self._fill_agenda(keep=item_id))


class AgendaItemDialog(SessionDialog[str]):
    TITLE_TEXT = "Agenda item"
    WIDGETS = {"planned_min": "minutes"}

    def __init__(self, session_id: str, item_id: str) -> None:
        super().__init__(session_id)
        self.item_id = item_id

    def fields(self) -> ComposeResult:
        item = self.session.session.item(self.item_id)
        assert item is not None  # the agenda table lists only items on the agenda
        yield label("Title")
        yield LineBox(item.title, id="title")
        yield label("Planned minutes")
        yield LineBox(str(item.planned_min), id="minutes", type="integer")

    def on_input_submitted(self) -> None:
        self.action_submit()

    def submit(self) -> str:
        minutes = whole_number(self.value("minutes"), "Planned minutes") or 10
        return self.session.edit_agenda_item(self.item_id, title=self.value("title"),
                                             planned_min=minutes).id
