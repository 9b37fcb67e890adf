"""A past session, every part of it, read-only; corrections are made from here."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from coprod_tui.report import SessionReport, session_report
from coprod_tui.text import one_line
from coprod_tui.words import full_stop, join_words, long_date, plural, short_date, time_span

from .base import AppAccess
from .commands import SessionViewCommands
from .records import RecordPicker
from .steps import STEPS, open_step

_CONDUCT = {"agreed": "; agreed the code", "later": "; agreed the code later"}


def session_text(report: SessionReport) -> Text:
    """The whole record in plain words, for the facilitator (real names).

    It reads the same report as the minutes (``for_facilitator=True``), so its
    numbers, labels and durations are theirs.
    """
    r = report
    out = Text()

    def head(words: str) -> None:
        out.append(f"\n{words}\n", style="bold underline")

    def line(words: str = "", style: str = "") -> None:
        out.append(words + "\n", style=style)

    def said(label: str, words: str) -> None:
        if words:
            line(f"   {label}: {words}")

    line(r.title)
    line(f"{r.group} · {long_date(r.date)} {time_span(r.start, r.end)} · "
         f"{r.venue or 'no venue given'}")
    line(f"How people joined: {r.format_label}. Ways of working: "
         + (", ".join(r.methods) or "none given") + ".")
    line(f"Stage of the work: {r.stage}. Status: {r.status_label}.")
    if r.facilitator:
        line(f"Facilitator: {r.facilitator}")
    for title, body in (("Purpose", r.purpose), ("What could change", r.can_change),
                        ("What could not change", r.cannot_change)):
        if body:
            head(title)
            line(body)

    inv = r.involvement
    helpers = sum(n for _, n in inv.supporting)
    head(f"Who took part ({plural(inv.present, 'person', 'people')} present"
         + (f", {helpers} there to support others" if helpers else "")
         + f", {plural(inv.apologies, 'apology', 'apologies')})")
    for p in r.people:
        shown = "" if p.named else f"; in the minutes as {p.shared_label}"
        support = "; there to support others" if p.supporting else ""
        line(f"{p.label} ({p.role}): {p.here}{_CONDUCT.get(p.conduct, '')}{support}{shown}")
    if r.participants:
        line(f"{plural(inv.turns, 'turn')} to speak; "
             + (f"not heard yet: {join_words(r.not_spoken)}." if r.not_spoken
                else "everyone taking part was heard."))

    if r.followed_up:
        head(f"Last time's actions, followed up here ({len(r.followed_up)})")
        for a in r.followed_up:
            line(f"{a.text} (agreed {short_date(a.session_date)}): {a.status_label}.")
            said("We did", a.outcome)
            said("Not able because", a.reason)

    head(f"What was discussed ({plural(inv.ideas, 'idea')}, "
         f"{plural(inv.decisions, 'decision')})")
    for item in r.all_items:
        line(item.title + (f": {item.timing}" if item.timing else ""), style="bold")
        for idea in item.ideas:
            line(f"   Idea {idea.number} ({', '.join(filter(None, (idea.at, idea.by)))}): "
                 f"{idea.text}")
            said("   Not taken up, because", idea.not_taken_up)
        for d in item.decisions:
            line(f"   Decision {d.number}" + (f" ({d.at})" if d.at else "") + f": {d.text}")
            line(f"      Why: {d.reasons}")
            line(f"      How: {d.how} {d.control}")
            for idea in d.informed_by:
                line(f"      Informed by idea {idea.number}: {one_line(idea.text, 80)}")
            said("   Views that differed", d.differing_views)
    if not r.all_items:
        line("No agenda, ideas or decisions.")

    head(f"Actions ({plural(inv.actions, 'action')}: {inv.actions_done} done, "
         f"{inv.actions_not_able} not able, {inv.actions_open} open)")
    for a in r.actions:
        source = f" From {a.source_kind} {a.source_number}." if a.source_number else ""
        line(f"{a.number}. {a.text} — {a.owner}, due {short_date(a.due) or 'no date'}: "
             f"{a.status_label}.{source}")
        said("We did", a.outcome)
        said("Not able because", a.reason)
        said("Told back to the group on", short_date(a.told_back_at))

    if r.cards:
        head(f"Comment cards ({r.cards.total})")
        for level in r.cards.levels:
            line(f"{level.count} × {level.text}")
        for comment in r.cards.comments:
            line(f"   “{comment.text}”" + (f" ({comment.name})" if comment.name else ""))
    if r.checks:
        head(f"'I' statements check ({len(r.checks)} of 8)")
        for check in r.checks:
            line(f"{check.number}. {check.statement} {check.answer_counts}")
            said("Evidence", check.evidence)
            said("What will change", check.will_change)
    if r.correction_notes:
        head(f"Corrections ({len(r.correction_notes)})")
        for note in r.correction_notes:
            line(note.text)
    if r.withdrawn:
        head(f"Withdrawn as entered in error ({len(r.withdrawn)}; in no count or document)")
        for w in r.withdrawn:
            line(f"WITHDRAWN {w.kind} on {short_date(w.day)}: {one_line(w.text, 200)}")
            said("Why", w.reason)
    nm = r.next_meeting
    if nm is not None:
        head("Next meeting")
        line("When: " + (" at ".join(p for p in (long_date(nm.date), nm.start) if p)
                         or "to be agreed"))
        if nm.venue:
            line(f"Where: {nm.venue}")
        if nm.note:
            line(full_stop(nm.note))
    return out


class SessionViewScreen(AppAccess, Screen[None]):
    CSS_PATH = "session_view.tcss"
    COMMANDS = {SessionViewCommands}
    BINDINGS = [
        Binding("escape", "back", "Back", id="view.back"),
        Binding("c", "correct", "Correct a record", id="view.correct"),
        Binding("w", "withdraw", "Withdraw a record", id="view.withdraw"),
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
            "c corrects a record, w withdraws one entered by mistake; both are kept "
            "with their date.")
        report = session_report(data, self.coprod.wording, for_facilitator=True,
                                followed_up=self.service.follow_up.reported_at(self.session_id))
        self.query_one("#record", Static).update(session_text(report))

    def action_back(self) -> None:
        self.service.session(self.session_id).release()
        self.app.pop_screen()

    def action_correct(self) -> None:
        self.app.push_screen(RecordPicker(self.session_id))

    def action_withdraw(self) -> None:
        self.app.push_screen(RecordPicker(self.session_id, "withdraw"))

    def action_go(self, key: str) -> None:
        open_step(self.app, key, self.session_id)
