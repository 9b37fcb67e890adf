"""Dialogs about one record of a session: correct it, withdraw it, or say why an idea
was not taken up.

* ``RecordPicker``: choose the idea, decision, action (or, to withdraw, comment card);
  it then opens the dialog that does the job.
* ``CorrectDialog``: change a record's words; the old words are kept with the date.
* ``WithdrawDialog``: withdraw a record entered in error, saying why; it stays in the
  session's history, marked withdrawn, and leaves every count and document.
* ``NotTakenUpDialog``: choose an idea nothing answers yet and say why the group did
  not take it up (the "We could not" of You said, We did).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from coprod_tui.text import one_line

from .forms import FormDialog, label, text_area
from .widgets import InFull

_KINDS = (("idea", "ideas"), ("decision", "decisions"), ("action", "actions"))


class RecordPicker(FormDialog[str]):
    """Choose the record to correct (``purpose="correct"``) or withdraw."""

    SUBMIT_LABEL = "Choose it"
    FIRST_FOCUS = "records"

    def __init__(self, session_id: str, purpose: str = "correct") -> None:
        super().__init__()
        self.session_id, self.purpose = session_id, purpose
        self.TITLE_TEXT = ("Which record needs correcting?" if purpose == "correct" else
                           "Which record was entered by mistake?")

    def fields(self) -> ComposeResult:
        session = self.service.session(self.session_id)
        kinds = _KINDS + ((("card", "feedback"),) if self.purpose == "withdraw" else ())
        options = [Option(Text(f"{_noun(kind)}: {one_line(_words(r), 70)}"),
                          id=f"{kind}:{r.id}")
                   for kind, table in kinds for r in session.rows(table) if not r.withdrawn]
        if options:
            yield OptionList(*options, id="records")
            yield InFull("records", {f"{kind}:{r.id}": _words(r).strip() for kind, table in kinds
                                     for r in session.rows(table) if not r.withdrawn})
        else:
            yield Static("There is nothing here to choose yet.", id="records", markup=False)
        yield Static("Other details (title, attendance, agenda) are corrected on the "
                     "steps: press o on the session." if self.purpose == "correct" else
                     "A withdrawn record stays in the session's history with the date and "
                     "your reason; it is left out of every count and document.",
                     classes="hint", markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_submit()

    def submit(self) -> str:
        records = self.query("#records").first()
        if not isinstance(records, OptionList) or records.highlighted is None:
            return ""
        choice = records.get_option_at_index(records.highlighted).id or ""
        kind, _, record_id = choice.partition(":")
        dialog = (CorrectDialog if self.purpose == "correct" else WithdrawDialog)(
            self.session_id, kind, record_id)
        self.app.call_later(self.app.push_screen, dialog)
        return choice


class CorrectDialog(FormDialog[str]):
    """Change a record's words; the old words are kept with the date."""

    FIELDS = {"idea": (("text", "The idea"),),
              "decision": (("text", "The decision"), ("reasons", "Why"),
                           ("differing_views", "Views that differed"),
                           ("decided_by", "Who decides (if not only the group)")),
              "action": (("text", "The action"), ("owner", "Who will do it (if not a "
                                                           "person in the group)"),
                         ("due", "Due by (year-month-day)"))}
    ONE_LINE = frozenset({"owner", "due", "decided_by"})

    def __init__(self, session_id: str, kind: str, record_id: str) -> None:
        super().__init__()
        self.session_id, self.kind, self.record_id = session_id, kind, record_id
        self.TITLE_TEXT = f"Correct the {kind}"
        self.SUBMIT_LABEL = "Save the correction"

    def _record(self):
        rows = self.service.session(self.session_id).rows(self.kind + "s")
        return next(r for r in rows if r.id == self.record_id)

    def fields(self) -> ComposeResult:
        record = self._record()
        for field, words in self.FIELDS[self.kind]:
            yield label(words)
            value = getattr(record, field)
            if field in self.ONE_LINE:
                yield Input(value, id=field)
            else:
                yield text_area(value, id=field, height=4)
        if record.plain.strip():  # else the easy read would tell the words as they were
            yield label("The same in plain words, for the easy read (change them too)")
            yield text_area(record.plain, id="plain", height=3)
        yield label("What was wrong (kept with the correction)")
        yield Input(id="note")
        yield Static("To take a record out altogether, withdraw it instead (w on the "
                     "session's page).", classes="hint", markup=False)

    def submit(self) -> str:
        changes = {field: self.value(field) for field, _ in self.FIELDS[self.kind]}
        if self.query("#plain"):
            changes["plain"] = self.value("plain")
        self.service.session(self.session_id).correct(self.kind, self.record_id,
                                                      note=self.value("note"), **changes)
        return self.record_id


class WithdrawDialog(FormDialog[str]):
    """Withdraw a record entered in error, with the reason."""

    FIRST_FOCUS = "reason"
    WIDGETS = {"withdrawn_reason": "reason"}

    def __init__(self, session_id: str, kind: str, record_id: str) -> None:
        super().__init__()
        self.session_id, self.kind, self.record_id = session_id, kind, record_id
        self.TITLE_TEXT = f"Withdraw this {_noun(kind).lower()}"
        self.SUBMIT_LABEL = "Withdraw it"

    def fields(self) -> ComposeResult:
        table = dict(_KINDS + (("card", "feedback"),))[self.kind]
        rows = self.service.session(self.session_id).rows(table)
        record = next(r for r in rows if r.id == self.record_id)
        yield Static(Text(one_line(_words(record), 300)), markup=False)
        yield label("Why is it withdrawn? (kept with it; for example: typed into the "
                    "wrong session, or entered twice)")
        yield Input(id="reason")
        yield Static("It stays in the session's history, marked withdrawn with today's "
                     "date and your reason, and is left out of every count and document. "
                     "It cannot be put back.", classes="hint", markup=False)

    def on_input_submitted(self) -> None:
        self.action_submit()

    def submit(self) -> str:
        self.service.session(self.session_id).withdraw(self.kind, self.record_id,
                                                       self.value("reason"))
        return self.record_id


class NotTakenUpDialog(FormDialog[str]):
    """Say why the group did not take an idea up."""

    TITLE_TEXT = "An idea the group did not take up"
    SUBMIT_LABEL = "Save the reason"
    FIRST_FOCUS = "ideas"
    WIDGETS = {"not_taken_up": "reason"}

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id

    def fields(self) -> ComposeResult:
        ideas = self.service.session(self.session_id).unanswered_ideas()
        if ideas:
            yield label("Ideas with no decision or action answering them")
            yield OptionList(*(Option(Text(one_line(i.text, 70)), id=i.id) for i in ideas),
                             id="ideas")
            yield InFull("ideas", {i.id: i.text.strip() for i in ideas}, lead="The idea: ")
        else:
            yield Static("Every idea has a decision or an action answering it, or a reason "
                         "it was not taken up.", id="ideas", markup=False)
        yield label("Why the group did not take it up (people deserve the reason)")
        yield Input(id="reason")

    def on_option_list_option_selected(self) -> None:
        self.query_one("#reason", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_submit()

    def submit(self) -> str:
        ideas = self.query("#ideas").first()
        if not isinstance(ideas, OptionList) or ideas.highlighted is None:
            return ""
        idea_id = ideas.get_option_at_index(ideas.highlighted).id or ""
        self.service.session(self.session_id).not_taken_up(idea_id, self.value("reason"))
        return idea_id


def _noun(kind: str) -> str:
    return {"card": "Comment card"}.get(kind, kind.title())


def _words(record) -> str:
    return getattr(record, "text", None) or getattr(record, "comment", "") or \
        f"level {getattr(record, 'level', '')}"
