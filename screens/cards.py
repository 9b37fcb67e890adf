"""Comment cards: each person's answer on the four-level scale, with a comment.

Typed as the level, then (only if the person wants to be named) @name, then
the comment; Enter records it. Cards are anonymous unless a name is given.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from coprod_tui.capture import parse_card
from coprod_tui.errors import CoprodError, SaveError
from coprod_tui.words import plural

from .commands import SessionPartCommands
from .journey import SaveStatus, SessionScreen
from .saving import typed
from .widgets import Col, FitTable, LineBox, SteadyFooter


class CardsTable(FitTable):
    HELP_WHERE = "In the list of cards"
    BINDINGS = [Binding("delete", "screen.remove_card", "Remove card", id="cards.remove")]


class CommentCardsScreen(SessionScreen):
    CSS_PATH = ["journey.tcss", "cards.tcss"]
    COMMANDS = {SessionPartCommands}
    HELP_TITLE = "Comment cards"
    ABOUT = (
        "At the end of the meeting each person says how far their voice had influence, "
        "on a scale of 1 to 4, and may add a comment. Type the number they chose, then "
        "their comment, and press Enter: for example  3 The breaks helped.\n\n"
        "A card is anonymous unless the person wants to be named: then put @ and the "
        "start of their name after the number:  4 @maya Thank you.\n\n"
        "Tab moves to the list of cards; Delete removes the highlighted card. Escape goes "
        "back to Close.")
    BINDINGS = [Binding("escape", "leave", "Back", id="cards.back")]

    def compose(self) -> ComposeResult:
        wording = self.coprod.wording
        yield Static(f"Comment cards: {wording.card_question}", id="cards-title", markup=False)
        yield Static("\n".join(f" {n}  {wording.card_level(n)}" for n in (4, 3, 2, 1)),
                     id="levels", markup=False)
        yield Static(id="tally", markup=False)
        yield CardsTable(id="cards")
        yield Static(id="card-detail", markup=False)
        yield Static("Type the number they chose, then their comment. Add @name only if "
                     "they want to be named. Enter records it.", classes="hint", markup=False)
        yield LineBox(id="card", placeholder=f"4 then: {wording.card_comment}",
                      submit=self._record)
        yield Static("", id="problem", markup=False)
        yield SaveStatus()
        yield SteadyFooter()

    def on_mount(self) -> None:
        self._fill()
        box = self.query_one("#card", Input)
        if self.session.session.status == "closed":
            # Closed is closed (issue 13): the cards are read here, not added.
            box.disabled = True
            box.placeholder = ("This session is closed: no new comment cards. Its page "
                               "(Home, Enter) corrects or withdraws one.")
            self.query_one(CardsTable).focus()
        else:
            box.focus()

    def _fill(self) -> None:
        cards = self.session.feedback()
        people = self.service.groups.people()
        table = self.query_one("#cards", CardsTable)
        rows = [(card.id, [str(card.level), card.comment,
                           people[card.person_id].name if card.person_id in people
                           else "Anonymous"]) for card in cards]
        table.show((Col("Level", 5), Col("Comment"), Col("Named", 16)), rows)
        counts = {n: sum(1 for c in cards if c.level == n) for n in (4, 3, 2, 1)}
        self.query_one("#tally", Static).update(
            f"{plural(len(cards), 'card')} so far: "
            + " · ".join(f"level {n}: {counts[n]}" for n in (4, 3, 2, 1)))
        table.move_cursor(row=table.row_count - 1)

    def _record(self) -> None:
        """Record the card in the box (Enter: before the box takes another key)."""
        box = self.query_one("#card", Input)

        def add():
            level, person_id, comment = parse_card(box.value, self.session.present_people())
            return self.session.add_feedback(level, comment, person_id)

        if self.save(add) is None:
            return  # the typed card stays in the box to fix or retry
        self.query_one("#problem", Static).update("")
        box.value = ""
        self._fill()

    def saving_refused(self, exc: CoprodError) -> None:
        self.query_one("#problem", Static).update(f"Not recorded: {exc}")
        if isinstance(exc, SaveError):
            super().saving_refused(exc)

    def unsaved_text(self) -> list[str]:
        card = self.query_one("#card", Input).value
        return [typed("A comment card", card)] if card.strip() else []

    def action_remove_card(self) -> None:
        table = self.query_one("#cards", CardsTable)
        if not table.row_count:
            return
        card = self.session.feedback()[table.cursor_row]
        if self.save(self.session.remove_feedback, card.id) is not None:
            self._fill()
            self.save_status("saved")
            self.notify("The card was removed.")

    @on(DataTable.RowHighlighted, "#cards")
    @on(events.DescendantFocus)
    @on(events.DescendantBlur)
    def _whole_card(self) -> None:
        """While the list has the keys, the highlighted card in full (its comment may
        be cut short in the list)."""
        table = self.query_one("#cards", CardsTable)
        detail = self.query_one("#card-detail", Static)
        detail.display = table.has_focus and table.row_count > 0
        if detail.display:
            card = self.session.feedback()[table.cursor_row]
            detail.update(f"Card {table.cursor_row + 1}, level {card.level}: {card.comment}")
