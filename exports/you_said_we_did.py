"""The "You said, We did" report, for one session or a whole group.

Each action is told with what led to it ("You said ..." for an idea, "Together
we decided ..." for a decision) and what happened: "We did ...", "We were not
able to do this, because ...", or that it is still open and when it is due.
Results come first, then what could not be done, then what is still to come.
"""

from __future__ import annotations

from datetime import date

from coprod_tui.consent import group_redactor, redactor
from coprod_tui.model import Group, SessionData

from .docx_base import MINUTES_LOOK, B, DocWriter, Meta
from .follow_up import STATUS_ORDER, Promise, by_status, promises
from .plain import full_stop, join_words, plural, short_date

_PARTS = {"done": "What we did",
          "not_able": "What we were not able to do",
          "open": "What we are still working on"}


def you_said_we_did_docx(data: SessionData, as_of: date | None = None) -> bytes:
    """The report for one session."""
    session = data.session
    items = promises(data, as_of)
    shared = redactor(data)
    group = shared(data.group.name)
    doc = DocWriter(_meta(group, shared(data.group.organisation), shared(session.facilitator),
                          f"{group}: the meeting on {short_date(session.date)}"),
                    MINUTES_LOOK)
    doc.title("You said, We did")
    doc.para(B(group))
    doc.para(full_stop(f"What happened after the meeting on {short_date(session.date)}: "
                       f"{shared(session.title)}"))
    doc.heading("Summary", 1)
    if not items:
        doc.para("No actions were agreed at this meeting.")
    else:
        doc.para(_summary(items))
    _parts(doc, items, with_meeting=False)
    return doc.to_bytes()


def group_you_said_we_did_docx(group: Group, sessions: list[SessionData],
                               as_of: date | None = None) -> bytes:
    """The report for every session of a group, oldest meeting first."""
    sessions = sorted(sessions, key=lambda d: (d.session.date, d.session.start))
    shared = group_redactor(sessions)
    name = shared(group.name)
    facilitator = next((d.session.facilitator for d in reversed(sessions)
                        if d.session.facilitator), "")
    doc = DocWriter(_meta(name, shared(group.organisation), shared(facilitator),
                          f"{name}: all meetings"), MINUTES_LOOK)
    doc.title("You said, We did")
    doc.para(B(name))
    doc.para("What happened to what people said at each of the group's meetings.")
    doc.heading("Summary", 1)
    per_session = [(d, promises(d, as_of)) for d in sessions]
    everything = [p for _, found in per_session for p in found]
    if not sessions:
        doc.para("The group has not met yet.")
    elif not everything:
        doc.para("No actions have been agreed at the group's meetings yet.")
    else:
        doc.para(_summary(everything))
        rows = []
        for data, found in per_session:
            counts = by_status(found)
            rows.append(((short_date(data.session.date), redactor(data)(data.session.title)),
                         str(len(counts["done"])), str(len(counts["not_able"])),
                         str(len(counts["open"]))))
        doc.table("Actions from each meeting",
                  ("Meeting", "Done", "Not able to do", "Still open"), rows,
                  (8.0, 2.5, 3.5, 3.0))
    _parts(doc, everything, with_meeting=True)
    return doc.to_bytes()


def _meta(group: str, organisation: str, facilitator: str, subject: str) -> Meta:
    return Meta(title=f"You said, We did: {group}", subject=subject,
                author=organisation or facilitator or group,
                keywords="co-production; You said, We did", category="You said, We did")


def _summary(items: list[Promise]) -> str:
    counts = by_status(items)
    parts = [f"{len(counts['done'])} done",
             f"{len(counts['not_able'])} not able to be done",
             f"{len(counts['open'])} still open"]
    return f"{plural(len(items), 'action')} agreed: {join_words(parts)}."


def _parts(doc: DocWriter, items: list[Promise], *, with_meeting: bool) -> None:
    groups = by_status(items)
    for status in STATUS_ORDER:
        if groups[status]:
            doc.heading(_PARTS[status], 1)
            for item in groups[status]:
                _entry(doc, item, with_meeting)


def _entry(doc: DocWriter, p: Promise, with_meeting: bool) -> None:
    # The first line of each entry has space above it, so entries read as blocks.
    if with_meeting:
        doc.para(B(f"At the meeting on {short_date(p.session_date)} "),
                 f"({p.session_title})", keep_next=True, gap=True)
    first = not with_meeting
    if p.said_kind == "idea":
        doc.para(B("You said: "), p.said, keep_next=True, gap=first)
        first = False
    elif p.said_kind == "decision":
        doc.para(B("Together we decided: "), p.said, keep_next=True, gap=first)
        first = False
    doc.para(B("We said we would: "), p.action, keep_next=True, gap=first)
    doc.para(B("Who: "), p.owner, keep_next=True)
    told = f" We told the group on {short_date(p.told_back)}." if p.told_back else ""
    if p.status == "done":
        doc.para(B("We did: "), full_stop(p.outcome or "Done") + told)
    elif p.status == "not_able":
        doc.para(B("We were not able to do this, because: "),
                 full_stop(p.reason or "No reason was recorded") + told)
    elif not p.due:
        doc.para(B("Still open: "), "no due date has been set yet.")
    elif p.overdue:
        doc.para(B("Still open: "), f"this was due by {short_date(p.due)} and is late.")
    else:
        doc.para(B("Still open: "), f"due by {short_date(p.due)}.")
