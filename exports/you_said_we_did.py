"""The "You said, We did" report, for one session or a whole group.

Each action is told with what led to it ("You said ..." for an idea, "Together
we decided ..." for a decision) and what happened: "We did ...", "We were not
able to do this, because ...", or that it is still open and when it is due.
Results come first, then what could not be done, then what is still to come.
The rows are the report model's ``ActionRow``s, as the minutes and the
follow-up lists show them.
"""

from __future__ import annotations

from datetime import date

from coprod_tui.model import Group, SessionData
from coprod_tui.report import STATUS_ORDER, ActionRow, by_status, group_report, session_report
from coprod_tui.templates import Wording
from coprod_tui.words import full_stop, join_words, plural, short_date

from .docx_base import B, DocWriter
from .docx_setup import MINUTES_LOOK, Meta

_PARTS = {"done": "What we did",
          "not_able": "What we were not able to do",
          "open": "What we are still working on"}


def you_said_we_did_docx(data: SessionData, wording: Wording,
                         as_of: date | None = None) -> bytes:
    """The report for one session."""
    report = session_report(data, wording)
    rows = list(report.actions)
    doc = DocWriter(_meta(report.group, report.author,
                          f"{report.group}: the meeting on {short_date(report.date)}"),
                    MINUTES_LOOK)
    doc.title("You said, We did")
    doc.para(B(report.group))
    doc.para(full_stop(f"What happened after the meeting on {short_date(report.date)}: "
                       f"{report.title}"))
    doc.heading("Summary", 1)
    if not rows:
        doc.para("No actions were agreed at this meeting.")
    else:
        doc.para(_summary(rows))
    _parts(doc, rows, as_of or date.today(), with_meeting=False)
    return doc.to_bytes()


def group_you_said_we_did_docx(group: Group, sessions: list[SessionData], wording: Wording,
                               as_of: date | None = None) -> bytes:
    """The report for every session of a group, oldest meeting first."""
    report = group_report(group, sessions, wording)
    doc = DocWriter(_meta(report.name, report.author, f"{report.name}: all meetings"),
                    MINUTES_LOOK)
    doc.title("You said, We did")
    doc.para(B(report.name))
    doc.para("What happened to what people said at each of the group's meetings.")
    doc.heading("Summary", 1)
    everything = list(report.actions)
    if not report.meetings:
        doc.para("The group has not met yet.")
    elif not everything:
        doc.para("No actions have been agreed at the group's meetings yet.")
    else:
        doc.para(_summary(everything))
        rows = []
        for meeting in report.meetings:
            counts = by_status(meeting.actions)
            rows.append(((short_date(meeting.date), meeting.title), str(len(counts["done"])),
                         str(len(counts["not_able"])), str(len(counts["open"]))))
        doc.table("Actions from each meeting",
                  ("Meeting", "Done", "Not able to do", "Still open"), rows,
                  (8.0, 2.5, 3.5, 3.0))
    _parts(doc, everything, as_of or date.today(), with_meeting=True)
    return doc.to_bytes()


def _meta(group: str, author: str, subject: str) -> Meta:
    return Meta(title=f"You said, We did: {group}", subject=subject, author=author,
                keywords="co-production; You said, We did", category="You said, We did")


def _summary(rows: list[ActionRow]) -> str:
    counts = by_status(rows)
    parts = [f"{len(counts['done'])} done",
             f"{len(counts['not_able'])} not able to be done",
             f"{len(counts['open'])} still open"]
    return f"{plural(len(rows), 'action')} agreed: {join_words(parts)}."


def _parts(doc: DocWriter, rows: list[ActionRow], as_of: date, *, with_meeting: bool) -> None:
    groups = by_status(rows)
    for status in STATUS_ORDER:
        if groups[status]:
            doc.heading(_PARTS[status], 1)
            for row in groups[status]:
                _entry(doc, row, as_of, with_meeting)


def _entry(doc: DocWriter, row: ActionRow, as_of: date, with_meeting: bool) -> None:
    # The first line of each entry has space above it, so entries read as blocks.
    if with_meeting:
        doc.para(B(f"At the meeting on {short_date(row.session_date)} "),
                 f"({row.session_title})", keep_next=True, gap=True)
    first = not with_meeting
    if row.source_kind == "idea":
        doc.para(B("You said: "), row.source_text, keep_next=True, gap=first)
        first = False
    elif row.source_kind == "decision":
        doc.para(B("Together we decided: "), row.source_text, keep_next=True, gap=first)
        first = False
    doc.para(B("We said we would: "), row.text, keep_next=True, gap=first)
    doc.para(B("Who: "), row.owner, keep_next=True)
    told = f" We told the group on {short_date(row.told_back_at)}." if row.told_back_at else ""
    if row.status == "done":
        doc.para(B("We did: "), full_stop(row.outcome or "Done") + told)
    elif row.status == "not_able":
        doc.para(B("We were not able to do this, because: "),
                 full_stop(row.reason or "No reason was recorded") + told)
    elif not row.due:
        doc.para(B("Still open: "), "no due date has been set yet.")
    elif row.is_overdue(as_of):
        doc.para(B("Still open: "), f"this was due by {short_date(row.due)} and is late.")
    else:
        doc.para(B("Still open: "), f"due by {short_date(row.due)}.")
