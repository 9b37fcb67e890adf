"""The "You said, We did" report, for one session or a whole group.

It starts from what people said: **You said** lists every idea raised (named as the
minutes name people: by consent, otherwise by role) with what became of it; **We
did** what the group decided within its control and the actions done; **We could
not** the ideas not taken up, the decisions outside the group's control (with who
decides) and the actions that could not be done, each with its reason; then what
is **still being worked on**. The facts are the report model's (``said_and_done``),
as the minutes tell them.
"""

from __future__ import annotations

from datetime import date

from coprod_tui.model import Group, SessionData
from coprod_tui.report import (
    ActionRow, SaidAndDone, by_status, group_report, said_and_done, session_report,
)
from coprod_tui.templates import Wording
from coprod_tui.words import full_stop, join_words, plural, short_date, table_date

from .docx_base import B, DocWriter
from .docx_setup import MINUTES_LOOK, Meta


def you_said_we_did_docx(data: SessionData, wording: Wording,
                         as_of: date | None = None) -> bytes:
    """The report for one session."""
    report = session_report(data, wording)
    facts = said_and_done(report)
    doc = DocWriter(_meta(report.group, report.author,
                          f"{report.group}: the meeting on {short_date(report.date)}"),
                    MINUTES_LOOK)
    doc.title("You said, We did")
    doc.para(B(report.group))
    doc.para(full_stop(f"What happened to what people said at the meeting on "
                       f"{short_date(report.date)}: {report.title}"))
    doc.heading("Summary", 1)
    doc.para(_summary(facts))
    _parts(doc, facts, as_of or date.today(), level=1)
    return doc.to_bytes()


def group_you_said_we_did_docx(group: Group, sessions: list[SessionData], wording: Wording,
                               as_of: date | None = None) -> bytes:
    """The report for every meeting of a group, oldest first."""
    report = group_report(group, sessions, wording)
    doc = DocWriter(_meta(report.name, report.author, f"{report.name}: all meetings"),
                    MINUTES_LOOK)
    doc.title("You said, We did")
    doc.para(B(report.name))
    doc.para("What happened to what people said at each of the group's meetings.")
    doc.heading("Summary", 1)
    held = report.held
    if not held:
        doc.para("The group has not met yet.")
        return doc.to_bytes()
    doc.para(full_stop(f"{plural(len(held), 'meeting')} so far"))
    rows = []
    for meeting in held:
        s, counts = meeting.said, by_status(meeting.actions)
        rows.append(((table_date(meeting.date), meeting.title), str(len(s.said)),
                     str(sum(1 for x in s.said if x.status == "answered")),
                     str(sum(1 for x in s.said if x.status == "not_taken_up")),
                     str(len(counts["done"])), str(len(counts["not_able"])),
                     str(len(counts["open"]))))
    doc.table("What became of what was said at each meeting",
              ("Meeting", "Ideas", "Answered", "Not taken up", "Done", "Not able", "Open"),
              rows, (5.0, 1.7, 2.0, 2.3, 1.8, 2.0, 1.7))
    for meeting in held:
        doc.heading(f"The meeting on {short_date(meeting.date)}: {meeting.title}", 1)
        doc.para(_summary(meeting.said))
        _parts(doc, meeting.said, as_of or date.today(), level=2)
    return doc.to_bytes()


def _meta(group: str, author: str, subject: str) -> Meta:
    return Meta(title=f"You said, We did: {group}", subject=subject, author=author,
                keywords="co-production; You said, We did", category="You said, We did")


def _summary(facts: SaidAndDone) -> str:
    if facts.empty:
        return "Nothing was raised, decided or agreed at this meeting."
    said = facts.said
    taken = sum(1 for s in said if s.status == "answered")
    not_taken = sum(1 for s in said if s.status == "not_taken_up")
    waiting = len(said) - taken - not_taken
    parts = [f"{taken} answered by a decision or an action"] \
        + ([f"{not_taken} not taken up"] if not_taken else []) \
        + ([f"{waiting} with no answer yet"] if waiting else [])
    first = (f"People raised {plural(len(said), 'idea')}: {join_words(parts)}."
             if said else "No ideas were recorded.")
    decisions = sum(1 for d in facts.did if d.kind == "decision") + \
        sum(1 for c in facts.could_not if c.kind == "decision")
    done = sum(1 for d in facts.did if d.kind == "action")
    not_able = sum(1 for c in facts.could_not if c.kind == "action")
    actions = done + not_able + len(facts.still_open)
    second = (f"The group made {plural(decisions, 'decision')} and agreed "
              f"{plural(actions, 'action')}")
    if actions:
        second += (f": {done} done, {not_able} not able to be done and "
                   f"{len(facts.still_open)} still open")
    return f"{first} {second}."


def _parts(doc: DocWriter, facts: SaidAndDone, as_of: date, *, level: int) -> None:
    if facts.said:
        doc.heading("You said", level)
        for s in facts.said:
            doc.para(B(f"{s.idea.by}: "), s.idea.text, keep_next=True, gap=True)
            doc.para(s.answer)
    if facts.did:
        doc.heading("We did", level)
        for d in facts.did:
            if d.kind == "decision":
                doc.para(B(f"We decided (decision {d.number}): "), d.text, keep_next=True,
                         gap=True)
                doc.para(B("Why: "), full_stop(d.detail), keep_next=d.partly is not None)
                if d.partly:
                    doc.para(B("Part of this is for someone else to decide: "),
                             full_stop(d.partly))
                elif d.partly is not None:
                    doc.para("Part of this is for someone else to decide.")
            else:
                doc.para(B(f"We said we would (action {d.number}): "), d.text,
                         keep_next=True, gap=True)
                doc.para(B("We did: "), full_stop(d.detail) + _told(d.told_back_at))
    if facts.could_not:
        doc.heading("We could not", level)
        for c in facts.could_not:
            lead = {"idea": f"You asked (idea {c.number}): ",
                    "decision": f"We decided (decision {c.number}): ",
                    "action": f"We said we would (action {c.number}): "}[c.kind]
            doc.para(B(lead), c.text, keep_next=True, gap=True)
            why = {"idea": "We could not take this up, because: ",
                   "decision": "Why we could not do it ourselves: ",
                   "action": "We were not able to, because: "}[c.kind]
            doc.para(B(why), full_stop(c.reason) + _told(c.told_back_at))
    if facts.still_open:
        doc.heading("Still being worked on", level)
        for row in facts.still_open:
            doc.para(B(f"We said we would (action {row.number}): "), row.text,
                     keep_next=True, gap=True)
            doc.para(B("Who: "), row.owner, keep_next=True)
            doc.para(B("When: "), _due(row, as_of))


def _told(at: str | None) -> str:
    return f" We told the group on {short_date(at)}." if at else ""


def _due(row: ActionRow, as_of: date) -> str:
    if not row.due:
        return "no due date has been set yet."
    if row.is_overdue(as_of):
        return f"this was due by {short_date(row.due)} and is late."
    return f"due by {short_date(row.due)}."
