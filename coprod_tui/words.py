"""The plain-English helpers, once: counts, lists, sentences, dates, times and durations.

Every screen, report and document says a date, a time, a duration or a count
through these, so they read the same everywhere. English whatever the
machine's locale (no ``strftime`` month or day names). Input cleaning lives in
``text.py``; the words for stored field names in ``FIELD_WORDS`` below.
"""

from __future__ import annotations

from datetime import date, datetime

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


# -- counts and lists ----------------------------------------------------------------------

def plural(n: int, noun: str, many: str | None = None) -> str:
    """'1 idea', '2 ideas' (or the given plural form)."""
    return f"{n} {noun if n == 1 else (many or noun + 's')}"


def people(n: int) -> str:
    return plural(n, "person", "people")


def minutes(n: int) -> str:
    return plural(n, "minute")


def is_are(n: int) -> str:
    return "is" if n == 1 else "are"


def was_were(n: int) -> str:
    return "was" if n == 1 else "were"


_PLURAL_VERBS = {"is": "are", "was": "were", "has": "have"}


def counted(n: int, noun: str, verb: str | tuple[str, str], many: str | None = None) -> str:
    """A count that starts a sentence, its verb agreeing, in digits: ``counted(1, "job",
    "is done")`` is "1 job is done", 2 gives "2 jobs are done", 0 "No jobs are done".
    The verb's first word agrees ("is", "was", "has"); any other verb is given as it
    is ("said", "could not come"), or as (one, many) when it needs both ("uses
    services", "use services"). No person is "Nobody" ("Nobody voted no"). Never
    "0 of the 1 job are done"."""
    if n == 0 and noun == "person":
        return f"Nobody {counted(1, noun, verb, many).split(' ', 2)[2]}"
    if isinstance(verb, tuple):
        said = verb[0] if n == 1 else verb[1]
    else:
        first, _, rest = verb.partition(" ")
        if n != 1:
            first = _PLURAL_VERBS.get(first, first)
        said = " ".join(x for x in (first, rest) if x)
    subject = f"No {many or noun + 's'}" if n == 0 else plural(n, noun, many)
    return f"{subject} {said}"


def join_words(items: list[str] | tuple[str, ...], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def full_stop(text: str) -> str:
    """End a sentence once: 'short stay?' stays, 'the garden' gets its full stop."""
    text = text.rstrip()
    return text if not text or text[-1] in ".?!:;…" else text + "."


# -- durations -----------------------------------------------------------------------------

def whole_minutes(seconds: int) -> int:
    """A duration in whole minutes, to the nearest minute, a half rounded up.

    The one rounding rule for every time spent that is put into words (89
    seconds is 1 minute, 90 seconds is 2), so the Close step, the read-only
    view and the minutes always agree.
    """
    return (max(0, seconds) + 30) // 60


def took(n: int) -> str:
    """'took 12 minutes'; an item opened and left at once 'took less than a minute'."""
    return f"took {minutes(n)}" if n else "took less than a minute"


def over_under(planned: int, spent: int) -> str:
    """'2 minutes over', '3 minutes under' or 'on time' (whole minutes)."""
    if spent > planned:
        return f"{minutes(spent - planned)} over"
    if spent < planned:
        return f"{minutes(planned - spent)} under"
    return "on time"


# -- dates and times -----------------------------------------------------------------------

def _as_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def long_date(value: str) -> str:
    """'2026-05-14' → 'Thursday 14 May 2026'; anything else is given back as it is."""
    d = _as_date(value)
    if d is None:
        return value
    return f"{DAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}"


def short_date(value: str | None) -> str:
    """'2026-05-14' (or a stored time on that day) → '14 May 2026'."""
    d = _as_date(value or "")
    if d is None:
        return value or ""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def table_date(value: str) -> str:
    """'2026-12-01' → '1 Dec 2026': short months fit a narrow table column
    (GOV.UK style allows this in tables)."""
    d = _as_date(value)
    if d is None:
        return value
    month = MONTHS[d.month - 1]
    return f"{d.day} {'Sept' if d.month == 9 else month[:3]} {d.year}"


def clock_of(instant: str | None) -> str:
    """The wall-clock time of a stored time (where it was recorded), as '10:40'; '' for none."""
    if not instant:
        return ""
    try:
        return datetime.fromisoformat(instant).strftime("%H:%M")
    except ValueError:
        return ""


def day_and_time(instant: str) -> str:
    """'3 May 2026 at 14:02'; raises ValueError for something that is not a stored time."""
    moment = datetime.fromisoformat(instant)
    return f"{short_date(instant)} at {moment:%H:%M}"


def time_span(start: str, end: str) -> str:
    """'10:00 to 12:00', 'from 10:00', 'until 12:00' or ''."""
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"from {start}"
    if end:
        return f"until {end}"
    return ""


# -- stored fields in words ----------------------------------------------------------------

#: A stored field's name as words, the same wherever a change to it is told: the
#: corrections in the minutes and on screen, and what ``coprod forget`` changed.
FIELD_WORDS = {
    # the session
    "title": "the title", "date": "the date", "start": "the start time",
    "end": "the end time", "venue": "the venue", "format": "how people joined",
    "methods": "the ways of working", "purpose": "the purpose",
    "can_change": "what could change", "cannot_change": "what could not change",
    "stage": "the stage of the work", "facilitator": "the facilitator",
    "group_id": "the group", "agenda": "the agenda", "next_meeting": "the next meeting",
    "checklists": "a checklist note",
    # attendance
    "status": "their attendance", "mode": "how they joined", "role": "the role",
    "organisation": "the organisation", "late": "whether they were late",
    "arrived_at": "the arrival time", "left_at": "the time they left",
    "conduct_version": "the code of conduct version",
    "conduct_agreed_at": "when they agreed the code of conduct",
    "conduct_how": "how they agreed the code of conduct",
    "consent_to_be_named": "their consent to be named",
    "support_needs": "their support needs", "support_other": "other support needs",
    "contact": "the contact details",
    # ideas, decisions, actions
    "text": "the wording", "raised_by": "who raised it", "person_id": "who raised it",
    "agenda_item_id": "the agenda item", "tags": "the tags", "at": "the time recorded",
    "reasons": "the reasons", "idea_ids": "the ideas it drew on",
    "method": "how it was decided", "votes_for": "the votes for",
    "votes_against": "the votes against", "votes_abstain": "the abstentions",
    "differing_views": "the views that differed",
    "in_control": "whether it is in the group's control", "owner": "who will do it",
    "owner_person_id": "who will do it", "due": "the due date",
    "source_kind": "what it came from", "source_id": "what it came from",
    "outcome": "what was done", "reason": "the reason", "plain": "the plain words",
    # comment cards, the 'I' statements, the group, corrections themselves
    "comment": "the comment", "level": "the answer", "answers": "the answers",
    "evidence": "the evidence", "will_change": "what will change", "note": "the note",
    "old": "the value it replaced", "new": "the value it was given",
    "conduct": "the code of conduct", "name": "the name", "glossary": "the glossary",
    "word": "the word", "meaning": "what it means", "picture": "the picture",
}


def field_words(name: str) -> str:
    """A stored field's name as words ("differing_views" → "the views that differed")."""
    return FIELD_WORDS.get(name, name.replace("_", " "))
