"""A past session, every part of it, read-only; corrections are made from here.

Opened from a search result, it scrolls to the record found and marks it (▶ and
reversed), so the facilitator lands on what they were looking for.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from coprod_tui.report import SessionReport, session_report
from coprod_tui.text import one_line
from coprod_tui.words import full_stop, join_words, long_date, plural, short_date, time_span

from .base import AppAccess
from .commands import SessionViewCommands
from .records import RecordPicker
from .steps import STEPS, open_step
from .widgets import SteadyFooter

_CONDUCT = {"agreed": "; agreed the code", "later": "; agreed the code later"}


FOUND = "bold reverse"


def session_text(report: SessionReport, *, found: str = "",
                 where: list[int] | None = None) -> Text:
    """The whole record in plain words, for the facilitator (real names).

    It reads the same report as the minutes (``for_facilitator=True``), so its
    numbers, labels and durations are theirs. ``found`` ("idea 3", "decision 1",
    "action 2") is marked with ▶ and reversed; where its first line starts is
    put in ``where``.
    """
    r = report
    out = Text()

    def mark(what: str) -> str:
        """The start of a record's first line: ▶ if it is the one found."""
        if what != found:
            return ""
        if where is not None:
            where.append(len(out))
        return "▶ "

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
            this = f"idea {idea.number}"
            line(f"{mark(this) or '   '}Idea {idea.number} "
                 f"({', '.join(filter(None, (idea.at, idea.by)))}): {idea.text}",
                 style=FOUND if this == found else "")
            said("   Not taken up, because", idea.not_taken_up)
        for d in item.decisions:
            this = f"decision {d.number}"
            line(f"{mark(this) or '   '}Decision {d.number}" + (f" ({d.at})" if d.at else "")
                 + f": {d.text}", style=FOUND if this == found else "")
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
        this = f"action {a.number}"
        line(f"{mark(this)}{a.number}. {a.text} — {a.owner}, due "
             f"{short_date(a.due) or 'no date'}: {a.status_label}.{source}",
             style=FOUND if this == found else "")
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
    HELP_TITLE = "A past session (read only)"
    ABOUT = (
        "Everything recorded in this session, as the facilitator sees it (with real "
        "names). Up, Down, PgUp, PgDn, Home, End and Space scroll it.\n\n"
        "Nothing here can be changed by accident. c corrects an idea, decision or "
        "action: the old words are kept, with the date and a note of what was wrong. "
        "o opens the session's steps (F2 to F8 open one step), for other details; s "
        "goes straight to Share, to write the minutes. Escape goes back.")
    BINDINGS = [
        Binding("escape", "back", "Back", id="view.back"),
        Binding("c", "correct", "Correct a record", id="view.correct"),
        Binding("w", "withdraw", "Withdraw", id="view.withdraw"),
        Binding("o", "go('setup')", "Open the steps", show=False, id="view.open-steps"),
        Binding("s", "go('share')", "Share", id="view.share"),
        # Space pages down as in a browser or a pager (the scroll area has no key for it).
        Binding("space", "page_down", "Next page", show=False, id="view.next-page"),
        # F2–F8 open a step of this session, as they do inside a session.
        *(Binding(step.fkey, f"go('{step.key}')", step.label, show=False,
                  id=f"view.go-{step.name}") for step in STEPS),
    ]

    def __init__(self, session_id: str, *, record: tuple[str, str] | None = None) -> None:
        """``record``: (kind, id) of an idea, decision or action to scroll to and mark."""
        super().__init__()
        self.session_id = session_id
        self.record = record
        #: Where the marked record starts in the text, once shown.
        self._found_at: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="view-title", markup=False)
        with VerticalScroll(id="view", classes="reading"):
            yield Static(id="record", markup=False)
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.show()
        self.query_one("#view").focus()
        if self._found_at is not None:
            self.call_after_refresh(self._scroll_to_found)

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
        found = ""
        if self.record is not None:
            kind, record_id = self.record
            number = report.record_numbers.get(f"{kind}s", {}).get(record_id)
            found = f"{kind} {number}" if number else ""
        where: list[int] = []
        self._text = session_text(report, found=found, where=where)
        self._found_at = where[0] if where else None
        self.query_one("#record", Static).update(self._text)

    def _scroll_to_found(self) -> None:
        """Scroll so the marked record is the first line showing (or as near as the
        end of the text allows)."""
        view = self.query_one("#view", VerticalScroll)
        width = view.scrollable_content_region.width
        before = self._text.plain[: self._found_at]
        y = 0
        for logical in before.split("\n")[:-1]:
            y += max(1, len(Text(logical).wrap(self.app.console, width)))
        view.scroll_to(y=y, animate=False)

    def action_back(self) -> None:
        self.service.session(self.session_id).release()
        self.app.pop_screen()

    def action_page_down(self) -> None:
        self.query_one("#view", VerticalScroll).scroll_page_down(animate=False)

    def action_correct(self) -> None:
        self.app.push_screen(RecordPicker(self.session_id))

    def action_withdraw(self) -> None:
        self.app.push_screen(RecordPicker(self.session_id, "withdraw"))

    def action_go(self, key: str) -> None:
        open_step(self.app, key, self.session_id)
