"""Record a decision: what was decided and, always, why."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select, Static

from coprod_tui.framework import DECISION_METHODS, IN_CONTROL
from coprod_tui.text import one_line

from .forms import SessionDialog, label, select, text_area, whole_number
from .widgets import LineBox, TickList


class DecisionDialog(SessionDialog[str]):
    TITLE_TEXT = "Record a decision"
    SUBMIT_LABEL = "Record decision"
    WIDGETS = {"votes_for": "for", "votes_against": "against", "votes_abstain": "abstain",
               "differing_views": "differing", "idea_ids": "ideas"}

    def fields(self) -> ComposeResult:
        ideas = list(reversed(self.session.ideas()))
        yield label("What was decided")
        yield text_area("", id="text", height=3)
        yield label("Why: the reasons (needed)")
        yield text_area("", id="reasons", height=3)
        yield label("Ideas that informed it (Space to tick; newest first)")
        if ideas:
            yield TickList(*((Text(one_line(i.text)), i.id) for i in ideas), id="ideas")
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

    def on_mount(self) -> None:
        self._show_votes("consensus")

    @on(Select.Changed, "#method")
    def _method(self, event: Select.Changed) -> None:
        self._show_votes(event.value)

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
        idea_ids = self.value("ideas") if self.query("#ideas") else []
        decision = self.session.add_decision(
            self.value("text"), self.value("reasons"), idea_ids=idea_ids, method=method,
            differing_views=self.value("differing"), in_control=self.value("in_control"),
            **votes)
        return decision.id
