"""A past session, every part of it, read-only; corrections are made from here."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from coprod_tui import framework as fw
from coprod_tui.corrections import describe_corrections
from coprod_tui.model import SessionData
from coprod_tui.text import one_line

from .attendance import here_words
from .base import AppAccess
from .commands import SessionViewCommands
from .forms import FormDialog, label, text_area
from .steps import STEPS, open_step

ROLE = fw.labels(fw.ROLES)
METHOD = fw.labels(fw.METHODS)
FORMAT = fw.labels(fw.FORMATS)
STAGE = fw.labels(fw.STAGES)
HOW = fw.labels(fw.DECISION_METHODS)
CONTROL = fw.labels(fw.IN_CONTROL)
STATUS = fw.labels(fw.ACTION_STATUS)


def _hhmm(stamp: str | None) -> str:
    return datetime.fromisoformat(stamp).strftime("%H:%M") if stamp else ""


def session_text(data: SessionData, wording) -> Text:
    """The whole record in plain words, for the facilitator (real names)."""
    s = data.session
    people = data.people
    name = {pid: p.name for pid, p in people.items()}
    out = Text()

    def head(words: str) -> None:
        out.append(f"\n{words}\n", style="bold underline")

    def line(words: str = "") -> None:
        out.append(words + "\n")

    line(f"{s.title}")
    line(f"{data.group.name} · {s.date} {s.start}–{s.end} · {s.venue or 'no venue given'}")
    line(f"Format: {FORMAT.get(s.format, s.format)}. Ways of working: "
         + (", ".join(METHOD[m] for m in s.methods) or "none given") + ".")
    line(f"Stage: {STAGE.get(s.stage, s.stage)}. Status: {s.status}.")
    if s.facilitator:
        line(f"Facilitator: {s.facilitator}")
    for title, body in (("Purpose", s.purpose), ("What could change", s.can_change),
                        ("What could not change", s.cannot_change)):
        if body.strip():
            head(title)
            line(body)

    head("Who took part")
    for a in data.attendance:
        agreed = (f"; agreed the code{' later' if a.conduct_how == 'later' else ''}"
                  if a.conduct_version else "")
        named = "" if a.consent_to_be_named else "; not named in minutes"
        line(f"{name.get(a.person_id, 'Someone')} ({ROLE[a.role]}): {here_words(a)}"
             f"{agreed}{named}")

    head("Agenda")
    for item in s.agenda:
        line(f"{item.title}: {item.elapsed_s() // 60} of {item.planned_min} minutes")
    if not s.agenda:
        line("No agenda.")

    head(f"Ideas ({len(data.ideas)})")
    for idea in data.ideas:
        who = name.get(idea.person_id or "", "") if idea.raised_by == "person" else \
            fw.labels(fw.RAISED_BY)[idea.raised_by]
        line(f"{_hhmm(idea.at)} {who}: {idea.text}")

    head(f"Decisions ({len(data.decisions)})")
    ideas = {i.id: i.text for i in data.ideas}
    for d in data.decisions:
        line(f"{_hhmm(d.at)} {d.text}")
        line(f"   Why: {d.reasons}")
        votes = (f" ({d.votes_for} for, {d.votes_against} against, "
                 f"{d.votes_abstain or 0} abstaining)" if d.method == "vote" else "")
        line(f"   How: {HOW[d.method]}{votes}. {CONTROL[d.in_control]}.")
        for idea_id in d.idea_ids:
            line(f"   Informed by: {one_line(ideas.get(idea_id, ''), 80)}")
        if d.differing_views:
            line(f"   Views that differed: {d.differing_views}")

    head(f"Actions ({len(data.actions)})")
    for a in data.actions:
        owner = name.get(a.owner_person_id or "", "") or a.owner or "no one yet"
        line(f"{a.text} — {owner}, due {a.due or 'no date'}: {STATUS[a.status]}")
        if a.outcome:
            line(f"   We did: {a.outcome}")
        if a.reason:
            line(f"   Not able because: {a.reason}")

    if data.feedback:
        head(f"Comment cards ({len(data.feedback)})")
        for level in (4, 3, 2, 1):
            count = sum(1 for f in data.feedback if f.level == level)
            line(f"{count} × {wording.card_level(level)}")
        for f in data.feedback:
            if f.comment:
                line(f"   “{f.comment}”")
    if data.audit:
        head("'I' statements check")
        for answer in sorted(data.audit, key=lambda a: a.statement):
            marks = ", ".join(x or "not answered" for x in answer.answers)
            line(f"{answer.statement}. {fw.I_STATEMENTS[answer.statement - 1]} {marks}")
            if answer.evidence:
                line(f"   Evidence: {answer.evidence}")
            if answer.will_change:
                line(f"   What will change: {answer.will_change}")
    notes = describe_corrections(data)
    if notes:
        head(f"Corrections ({len(notes)})")
        for note in notes:
            line(note.text)
    nm = s.next_meeting
    if nm.date:
        head("Next meeting")
        line(f"{nm.date} {nm.start} {nm.venue}".strip())
    return out


class SessionViewScreen(AppAccess, Screen[None]):
    CSS_PATH = "session_view.tcss"
    COMMANDS = {SessionViewCommands}
    BINDINGS = [
        Binding("escape", "back", "Back", id="view.back"),
        Binding("c", "correct", "Correct a record", id="view.correct"),
        Binding("o", "go('setup')", "Open the steps", id="view.open-steps"),
        Binding("s", "go('share')", "Share", id="view.share"),
        # F2–F8 open a step of this session, as they do inside a session.
        *(Binding(step.fkey, f"go('{step.key}')", step.label, show=False,
                  id=f"view.go-{step.name}") for step in STEPS),
    ]

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        yield Static(id="view-title", markup=False)
        with VerticalScroll(id="view"):
            yield Static(id="record", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.show()
        self.query_one("#view").focus()

    def on_screen_resume(self) -> None:
        self.show()

    def show(self) -> None:
        data = self.service.snapshot(self.session_id)
        self.query_one("#view-title", Static).update(
            f"Read only: {data.session.title} ({data.session.date}). "
            "c corrects a record; every correction is kept with its date.")
        self.query_one("#record", Static).update(session_text(data, self.coprod.wording))

    def action_back(self) -> None:
        self.service.session(self.session_id).release()
        self.app.pop_screen()

    def action_correct(self) -> None:
        self.app.push_screen(RecordPicker(self.session_id))

    def action_go(self, key: str) -> None:
        open_step(self.app, key, self.session_id)


class RecordPicker(FormDialog[str]):
    """Choose the idea, decision or action to correct."""

    TITLE_TEXT = "Which record needs correcting?"
    SUBMIT_LABEL = "Correct it"
    FIRST_FOCUS = "records"

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id

    def fields(self) -> ComposeResult:
        session = self.service.session(self.session_id)
        options = [Option(Text(f"{kind.title()}: {one_line(r.text, 70)}"), id=f"{kind}:{r.id}")
                   for kind, rows in (("idea", session.ideas()),
                                      ("decision", session.decisions()),
                                      ("action", session.actions()))
                   for r in rows]
        yield OptionList(*options, id="records")
        yield Static("Other details (title, attendance, agenda) are corrected on the "
                     "steps: press o on the session.", classes="hint", markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_submit()

    def submit(self) -> str:
        records = self.query_one("#records", OptionList)
        if records.highlighted is None:
            return ""
        choice = records.get_option_at_index(records.highlighted).id or ""
        kind, _, record_id = choice.partition(":")
        self.app.call_later(self.app.push_screen, CorrectDialog(self.session_id, kind, record_id))
        return choice


class CorrectDialog(FormDialog[str]):
    """Change a record's words; the old words are kept with the date."""

    FIELDS = {"idea": (("text", "The idea"),),
              "decision": (("text", "The decision"), ("reasons", "Why"),
                           ("differing_views", "Views that differed")),
              "action": (("text", "The action"), ("owner", "Who will do it (if not a "
                                                           "person in the group)"),
                         ("due", "Due by"))}

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
            if field in ("owner", "due"):
                yield Input(value, id=field)
            else:
                yield text_area(value, id=field, height=4)
        yield label("What was wrong (kept with the correction)")
        yield Input(id="note")

    def submit(self) -> str:
        changes = {field: self.value(field) for field, _ in self.FIELDS[self.kind]}
        self.service.session(self.session_id).correct(self.kind, self.record_id,
                                                      note=self.value("note"), **changes)
        return self.record_id
