"""Record an action: what will be done, by whom, by when ("You said, We did")."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Select, Static

from coprod_tui.errors import ValidationError
from coprod_tui.text import one_line

from .forms import SessionDialog, label
from .widgets import LineBox

OTHER = "__other__"


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
        yield LineBox(id="due", placeholder="2026-03-31")
        yield label("It answers (so people see what happened to what they said)")
        sources = [(Text("Nothing in particular"), "")]
        sources += [(Text("Decision: " + one_line(d.text)), f"decision:{d.id}")
                    for d in reversed(session.decisions())]
        sources += [(Text("Idea: " + one_line(i.text)), f"idea:{i.id}")
                    for i in reversed(session.ideas())]
        yield Select(sources, value=sources[1][1] if len(sources) > 1 else "", id="source",
                     allow_blank=False)
        yield Static("The action starts as open; mark it done, or not able to do with the "
                     "reason, when you know.", classes="hint", markup=False)


    def submit(self) -> str:
        owner = self.value("owner")
        source = self.value("source") or ""
        kind, _, source_id = source.partition(":")
        fields = {"due": self.value("due").strip(), "source_kind": kind,
                  "source_id": source_id or None}
        if owner == OTHER:
            fields["owner"] = self.value("owner_text")
        else:
            fields["owner_person_id"] = owner
        if not self.value("text").strip():
            raise ValidationError("Say what will be done.", field="text")
        return self.session.add_action(self.value("text"), **fields).id
