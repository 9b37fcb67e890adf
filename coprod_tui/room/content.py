"""What the room may see of a session: one page, built from the report model.

``room_view(data, wording, step)`` puts the page for the facilitator's step into a
``RoomView``. Every field is copied on purpose from the *shared* report
(``report.session_report``, the one the minutes read): names follow consent
exactly as the minutes give them ("Carer 1", or "Maya" when she agreed), and the
name rule has already run over every free text. Nothing is copied wholesale, so
what is not listed here - support needs, contact details, organisations, who has
not spoken yet, attendance, comment cards, ids - can never reach the room.

Pages: before the meeting starts (Plan, People, Follow up) the title, why we are
here and what can and cannot change; at Agree the code of conduct; at Run the
current agenda item, its clock, the hands-up order, and the ideas and decisions
recorded under it (newest last); at Close and Share the decisions and the
actions ("You said, We will") and thanks. Records the facilitator hid from the
room (``Session.room_hidden_ids``) are left out; they stay in the minutes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..clock import parse_instant
from ..consent import RedactionMemo
from ..model import SessionData
from ..model.base import Record
from ..report import DecisionFact, IdeaFact, ItemFact, Naming, SessionReport, session_report
from ..rules.speaking import current_speaker
from ..templates import Wording
from ..words import long_date, minutes, time_span

#: The facilitator's step (``screens/steps.py`` keys) → the room's page.
PAGES = {"setup": "welcome", "attendance": "welcome", "followup": "welcome",
         "conduct": "conduct", "live": "run", "close": "close", "share": "close"}
#: How the room shows its page: everything that fits; large (fewer things, more
#: space); easy read (one thing per screen, very large, the plainest words).
MODES = ("standard", "large", "easy_read")
#: The most the room is given of each list: a projector shows far fewer, and the
#: hand-over file stays small however long the meeting (newest kept).
MOST_RECORDS = 40
#: The most of one text the room is given (a 1 MB paste stays in the minutes).
MOST_CHARS = 600


def page_for(step: str) -> str:
    return PAGES.get(step, "welcome")


@dataclass(slots=True)
class RecordLine(Record):
    """One idea or decision as the room sees it."""

    noun = "room record"
    #: idea | decision
    kind: str
    number: int
    text: str
    #: An idea: who raised it (a label, or "Via the chat"); a decision: "".
    by: str = ""
    #: A decision's reasons, and how it was reached ("Everyone agreed.").
    reasons: str = ""
    how: str = ""


@dataclass(slots=True)
class ActionLine(Record):
    """One action, "You said, We will", as the room sees it."""

    noun = "room action"
    we_will: str
    you_said: str = ""
    who: str = ""
    #: "by Friday 3 July 2026", or "".
    by: str = ""


@dataclass(slots=True)
class Clock(Record):
    """The current agenda item's clock: the room counts on from ``running_since``."""

    noun = "room clock"
    planned_s: int
    spent_s: int = 0
    #: When the current stretch began (a stored time); None while stopped.
    running_since: str | None = None

    def elapsed(self, at: datetime | None = None) -> int:
        if self.running_since is None:
            return self.spent_s
        try:
            began = parse_instant(self.running_since)
        except (TypeError, ValueError):
            return self.spent_s
        at = at or datetime.now().astimezone()
        return self.spent_s + max(0, int((at - began).total_seconds()))


@dataclass(slots=True)
class RoomView(Record):
    """One page of the room view: only what the room may see."""

    noun = "room page"
    #: welcome | conduct | run | close
    page: str
    title: str
    group: str = ""
    #: "Thursday 14 May 2026, 10:00 to 12:00"
    when: str = ""
    venue: str = ""
    purpose: str = ""
    can_change: str = ""
    cannot_change: str = ""
    conduct: list[str] = field(default_factory=list)
    #: Run: the current agenda item ("" when none is running).
    item_title: str = ""
    item_number: int = 0
    item_count: int = 0
    clock: Clock | None = None
    #: Run: who has the floor, and the hands up in order (labels by consent).
    speaking: str = ""
    next_up: list[str] = field(default_factory=list)
    #: Run: ideas and decisions under the current item, newest last.
    records: list[RecordLine] = field(default_factory=list)
    #: Close: every decision and action of the meeting.
    decisions: list[RecordLine] = field(default_factory=list)
    actions: list[ActionLine] = field(default_factory=list)
    #: Close: "Next time: Tuesday 9 June 2026, 10:00, at the Town Hall." or "".
    next_meeting: str = ""
    #: How many records are not in this page (hidden ones are not counted).
    more: int = 0


def room_view(data: SessionData, wording: Wording, step: str,
              at: datetime | None = None, memo: RedactionMemo | None = None) -> RoomView:
    """The room's page of a session at the facilitator's ``step`` (``memo``: what the
    name rule read for the page before, see ``consent.RedactionMemo``)."""
    report = session_report(data, wording, at=at, memo=memo)  # shared: names by consent
    session = data.session
    hidden = set(session.room_hidden_ids)
    page = page_for(step)
    view = RoomView(
        page=page, title=_cap(report.title), group=_cap(report.group),
        when=", ".join(p for p in (long_date(report.date),
                                   time_span(report.start, report.end)) if p),
        venue=_cap(report.venue))
    if page == "welcome":
        view.purpose = _cap(report.purpose)
        view.can_change = _cap(report.can_change)
        view.cannot_change = _cap(report.cannot_change)
    elif page == "conduct":
        conduct = data.group.current_conduct
        shown = Naming(data).text
        view.conduct = [_cap(shown(point)) for point in conduct.points()] if conduct else []
    elif page == "run":
        _run_page(view, data, report.items, report.general, hidden, at)
    else:
        decisions = [line for line, _ in _close_decisions(report, hidden)]
        actions = [line for line, _ in _close_actions(report, hidden)]
        view.more = max(0, len(decisions) - MOST_RECORDS) + max(0, len(actions) - MOST_RECORDS)
        view.decisions = decisions[:MOST_RECORDS]
        view.actions = actions[:MOST_RECORDS]
        nm = report.next_meeting
        if nm is not None and (nm.date or nm.start or nm.venue):
            parts = [p for p in (long_date(nm.date), nm.start, nm.venue and f"at {nm.venue}")
                     if p]
            view.next_meeting = _cap(f"Next time: {', '.join(parts)}.")
    return view


def _run_page(view: RoomView, data: SessionData, items: tuple[ItemFact, ...],
              general: ItemFact | None, hidden: set[str], at: datetime | None) -> None:
    session = data.session
    naming = Naming(data)
    current = session.item(session.current_item_id)
    fact = _current_fact(data, items, general)
    if current is not None and fact is not None:
        index = [i.id for i in session.agenda].index(current.id)
        view.item_title = fact.title
        view.item_number, view.item_count = index + 1, len(session.agenda)
        view.clock = Clock(planned_s=current.planned_min * 60, spent_s=current.spent_s,
                           running_since=current.running_since)
    speaker = current_speaker(data.turns, data.attendance)
    view.speaking = naming.person(speaker) if speaker else ""
    view.next_up = [naming.person(h.person_id)
                    + (" (point of order)" if h.kind == "point_of_order" else "")
                    for h in session.hands]
    if fact is None:
        return
    lines = _run_lines(fact, data, hidden)
    view.more = max(0, len(lines) - MOST_RECORDS)
    view.records = [line for line, _ in lines[-MOST_RECORDS:]]


def _current_fact(data: SessionData, items: tuple[ItemFact, ...],
                  general: ItemFact | None) -> ItemFact | None:
    session = data.session
    current = session.item(session.current_item_id)
    if current is None:
        return general
    return items[[i.id for i in session.agenda].index(current.id)]


def _run_lines(fact: ItemFact, data: SessionData, hidden: set[str]
               ) -> list[tuple[RecordLine, str]]:
    """The ideas and decisions under an item, newest last (by the second each was
    recorded; a decision in the same second as an idea after it), each with its id."""
    when = {i.id: i.at for i in data.ideas}
    when.update({d.id: d.at for d in data.decisions})
    lines = [(when.get(idea.id, ""), 0, n, _idea(idea), idea.id)
             for n, idea in enumerate(fact.ideas) if idea.id not in hidden]
    lines += [(when.get(d.id, ""), 1, n, _decision(d), d.id)
              for n, d in enumerate(fact.decisions) if d.id not in hidden]
    lines.sort(key=lambda line: line[:3])
    return [(line, record_id) for *_, line, record_id in lines]


def _close_decisions(report: SessionReport, hidden: set[str]) -> list[tuple[RecordLine, str]]:
    return [(_decision(d), d.id) for item in report.all_items for d in item.decisions
            if d.id not in hidden]


def _close_actions(report: SessionReport, hidden: set[str]) -> list[tuple[ActionLine, str]]:
    return [(ActionLine(we_will=_cap(row.text), you_said=_cap(row.source_text), who=row.owner,
                        by=f"by {long_date(row.due)}" if row.due else ""), row.id)
            for row in report.actions if row.id not in hidden]


def shown_records(data: SessionData, wording: Wording, step: str
                  ) -> list[tuple[str, str, str]]:
    """(kind, id, text as typed) of the records the room shows at ``step``, in the order
    it shows them: the last is the newest, the one ``hide`` takes off first."""
    page = page_for(step)
    if page not in ("run", "close"):
        return []
    report = session_report(data, wording)
    hidden = set(data.session.room_hidden_ids)
    texts = {i.id: i.text for i in data.ideas}
    texts.update({d.id: d.text for d in data.decisions})
    texts.update({a.id: a.text for a in data.actions})
    if page == "run":
        fact = _current_fact(data, report.items, report.general)
        pairs: list[tuple[RecordLine | ActionLine, str]] = \
            list(_run_lines(fact, data, hidden)) if fact else []
    else:
        pairs = [*_close_decisions(report, hidden), *_close_actions(report, hidden)]
    return [(getattr(line, "kind", "action"), record_id, texts.get(record_id, ""))
            for line, record_id in pairs]


def _idea(idea: IdeaFact) -> RecordLine:
    return RecordLine(kind="idea", number=idea.number, text=_cap(idea.text), by=idea.by)


def _decision(d: DecisionFact) -> RecordLine:
    return RecordLine(kind="decision", number=d.number, text=_cap(d.text),
                      reasons=_cap(d.reasons), how=d.how)


def _cap(text: str, most: int = MOST_CHARS) -> str:
    text = text.strip()
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


# -- the clock in words (the room says over time in words, never by colour alone) ----------

def clock_digits(elapsed_s: int, planned_s: int) -> str:
    """The time left, counting down ('12:05'; hours as minutes: '75:00'), then the time
    over with a plus ('+03:10'): beside "8 minutes left of 20" the room reads one
    number the same way, not time gone in digits and time left in words."""
    left = planned_s - max(0, elapsed_s)
    sign, seconds = ("+", -left) if left < 0 else ("", left)
    return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"


def clock_words(elapsed_s: int, planned_s: int) -> tuple[str, bool]:
    """('8 minutes left of 20', False) or ('OVER TIME by 3 minutes', True): in capitals,
    as on the Run screen, so it stands out without colour."""
    planned_min = planned_s // 60
    if elapsed_s > planned_s:
        over = -(-(elapsed_s - planned_s) // 60)  # a part minute counts as one
        return f"OVER TIME by {minutes(over)} (planned {minutes(planned_min)})", True
    left = -(-(planned_s - elapsed_s) // 60)
    if left <= 0:
        return f"Time is up ({minutes(planned_min)} planned)", False
    return f"{minutes(left)} left of {planned_min}", False


def hands_words(next_up: list[str]) -> str:
    """'Next: Carer 1, then Maya, then Sam'."""
    if not next_up:
        return "No hands up"
    return "Next: " + ", then ".join(next_up)


__all__ = ["MODES", "PAGES", "ActionLine", "Clock", "RecordLine", "RoomView", "clock_digits",
           "clock_words", "hands_words", "page_for", "room_view", "shown_records"]
