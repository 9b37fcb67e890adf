"""Record an action: what will be done, by whom, by when ("You said, We did")."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Select, Static

from coprod_tui.errors import ValidationError
from coprod_tui.text import one_line

from .forms import SessionDialog, label
from .widgets import InFull, LineBox

OTHER = "__other__"
NOTHING = "__nothing__"


class ActionDialog(SessionDialog[str]):
    TITLE_TEXT = "Record an action"
    FIRST_FOCUS = "text"
    SUBMIT_LABEL = "Record action"

    WIDGETS = {"owner_person_id": "owner", "owner": "owner_text", "source_id": "source"}

    def fields(self) -> ComposeResult:
        session = self.session
        present = session.present_people()
        yield label("What will be done")
        yield LineBox(id="text")
        yield label("Who will do it")
        yield Select([(Text(p.name), p.id) for p in present]
                     + [(Text("Someone else (type below)"), OTHER)],
                     value=OTHER, id="owner", allow_blank=False)
        yield LineBox(id="owner_text", placeholder="A team or person not in the room")
        yield label("Due by (year-month-day, optional)")
        yield LineBox(id="due", placeholder="year-month-day")
        yield label("It answers (so people see what happened to what they said)")
        # Chosen by whoever records it: never a silent link to the latest decision.
        sources = [(Text("Nothing in particular"), NOTHING)]
        sources += [(Text("Decision: " + one_line(d.text)), f"decision:{d.id}")
                    for d in reversed(session.decisions()) if not d.withdrawn]
        sources += [(Text("Idea: " + one_line(i.text)), f"idea:{i.id}")
                    for i in reversed(session.ideas()) if not i.withdrawn]
        yield Select(sources, id="source", allow_blank=True,
                     prompt="Choose: an idea, a decision, or nothing in particular")
        yield InFull("source", {
            **{f"decision:{d.id}": f"Decision: {d.text.strip()}" for d in session.decisions()},
            **{f"idea:{i.id}": f"Idea: {i.text.strip()}" for i in session.ideas()}},
            lead="It answers: ")
        yield Static("The action starts as open; mark it done, or not able to do with the "
                     "reason, when you know.", classes="hint", markup=False)


    def submit(self) -> str:
        owner = self.value("owner")
        if not self.value("text").strip():
            raise ValidationError("Say what will be done.", field="text")
        source = self.value("source")
        if source is None:
            raise ValidationError("Choose what this action answers: an idea, a decision, "
                                  "or nothing in particular.", field="source_id")
        kind, _, source_id = ("" if source == NOTHING else source).partition(":")
        fields = {"due": self.value("due").strip(), "source_kind": kind,
                  "source_id": source_id or None}
        if owner == OTHER:
            fields["owner"] = self.value("owner_text")
        else:
            fields["owner_person_id"] = owner
        return self.session.add_action(self.value("text"), **fields).id
