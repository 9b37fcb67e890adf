"""Record a decision: what was decided and, always, why.

The core refuses a decision that contradicts itself ("Everyone agreed" with views
that differed; outside the group's control without who decides). A vote counting
more people than are present is said once, here: saving again keeps it.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select, Static

from coprod_tui.errors import ValidationError
from coprod_tui.framework import DECISION_METHODS, IN_CONTROL
from coprod_tui.text import one_line

from .forms import SessionDialog, label, select, text_area, whole_number
from .widgets import InFull, LineBox, TickList


class DecisionDialog(SessionDialog[str]):
    TITLE_TEXT = "Record a decision"
    SUBMIT_LABEL = "Record decision"
    WIDGETS = {"votes_for": "for", "votes_against": "against", "votes_abstain": "abstain",
               "differing_views": "differing", "idea_ids": "ideas"}

    def __init__(self, session_id: str) -> None:
        super().__init__(session_id)
        #: The vote warning already shown: saving again records the vote as it is.
        self._warned: str | None = None

    def fields(self) -> ComposeResult:
        ideas = [i for i in reversed(self.session.ideas()) if not i.withdrawn]
        yield label("What was decided")
        yield text_area("", id="text", height=3)
        yield label("Why: the reasons (needed)")
        yield text_area("", id="reasons", height=3)
        yield label("Ideas that informed it (Space to tick; newest first)")
        if ideas:
            yield TickList(*((Text(one_line(i.text)), i.id) for i in ideas), id="ideas")
            yield InFull("ideas", {i.id: i.text.strip() for i in ideas}, lead="The idea: ")
        else:
            yield Static("No ideas have been recorded in this session yet.", classes="hint",
                         markup=False)
        yield label("How it was reached")
        yield select(DECISION_METHODS, "consensus", id="method")
        yield label("Votes for / against / abstaining (for a vote)")
        with Horizontal(id="vote-row"):
            yield LineBox(id="for", placeholder="for", type="integer")
            yield LineBox(id="against", placeholder="against", type="integer")
            yield LineBox(id="abstain", placeholder="abstaining", type="integer")
        yield label("Views that differed, and why they were not followed")
        yield text_area("", id="differing", height=3)
        yield label("Can the group make it happen?")
        yield select(IN_CONTROL, "yes", id="in_control")
        yield label("Who decides, if it is partly or wholly outside the group's control")
        yield Input(id="decided_by", placeholder="for example: the council's housing team")

    def on_mount(self) -> None:  # FormDialog's on_mount runs too (Textual calls each)
        self._show_votes("consensus")
        self._show_who_decides("yes")

    @on(Select.Changed, "#method")
    def _method(self, event: Select.Changed) -> None:
        self._show_votes(event.value)

    @on(Select.Changed, "#in_control")
    def _control(self, event: Select.Changed) -> None:
        self._show_who_decides(event.value)

    def _show_who_decides(self, control: object) -> None:
        self.query_one("#decided_by", Input).disabled = control == "yes"

    def _show_votes(self, method: object) -> None:
        for box in ("for", "against", "abstain"):
            self.query_one(f"#{box}", Input).disabled = method != "vote"

    def submit(self) -> str:
        method = self.value("method")
        votes = {}
        if method == "vote":
            votes = {"votes_for": whole_number(self.value("for"), "Votes for", "votes_for"),
                     "votes_against": whole_number(self.value("against"), "Votes against",
                                                   "votes_against"),
                     "votes_abstain": whole_number(self.value("abstain"), "Abstentions",
                                                   "votes_abstain")}
        warning = self.session.vote_warning(method=method, **votes)
        if warning and warning != self._warned:
            self._warned = warning  # said once: saving again keeps the numbers
            raise ValidationError(warning, field="votes_for")
        idea_ids = self.value("ideas") if self.query("#ideas") else []
        control = self.value("in_control")
        decision = self.session.add_decision(
            self.value("text"), self.value("reasons"), idea_ids=idea_ids, method=method,
            differing_views=self.value("differing"), in_control=control,
            decided_by="" if control == "yes" else self.value("decided_by"), **votes)
        return decision.id
