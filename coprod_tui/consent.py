"""Consent that holds in free text: who may be named in what a session shares.

``SessionData.public_names`` says how each person is labelled (their name only
if they agreed to be named at that session, otherwise "Carer 2"). People's
names are also typed into ideas, reasons, views that differed, comments and
notes, so everything a document takes from free text passes through
``redactor(data)``: wherever the name rule (``names.py``) finds the name of
someone who did not agree, written as a name, it becomes their label, exactly
as the minutes label them. Their full name is always looked for; their first
name alone, and their last name alone, too.

A first or last name shared by two people in the session is ambiguous. If
everyone who has it agreed to be named, it is left alone; if not, it cannot be
given one person's label (that would tie the label to the name), so it
becomes "a participant". A report on a whole group (``group_redactor``) has
no single label per person, so there every hidden name becomes "a
participant".

``warnings(data, text)`` is the same check at the moment of typing, so the
facilitator knows what the minutes will say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .model import SessionData
from .names import Mention, NameMatcher, name_parts, starts_sentence

#: What an ambiguous or group-wide hidden name becomes.
PARTICIPANT = "a participant"

Redactor = Callable[[str], str]


def consenting(data: SessionData) -> set[str]:
    """The people who agreed to be named at this session."""
    return {a.person_id for a in data.attendance
            if a.consent_to_be_named and a.person_id in data.people}


def _matcher(data: Iterable[SessionData]) -> NameMatcher:
    names: dict[str, list[str]] = {}
    for one in data:
        for person_id, person in one.people.items():
            names.setdefault(person_id, name_parts(person.name))
    return NameMatcher(names)


def _participant(text: str, mention: Mention) -> str:
    return PARTICIPANT.capitalize() if starts_sentence(text, mention.start) else PARTICIPANT


def redactor(data: SessionData) -> Redactor:
    """Free text as this session may share it: hidden names become role labels."""
    matcher = _matcher([data])
    if not matcher:
        return lambda text: text
    labels = data.public_names()
    named = consenting(data)

    def label(text: str, mention: Mention) -> str | None:
        if mention.keys <= named:
            return None
        if len(mention.keys) == 1:
            (person_id,) = mention.keys
            return labels[person_id]
        return _participant(text, mention)

    return lambda text: matcher.replace(text, lambda m: label(text, m)) if text else text


def group_redactor(sessions: list[SessionData]) -> Redactor:
    """Free text about a whole group (its name, its purpose): a name stays only if
    its person agreed to be named at every one of these sessions they attended."""
    matcher = _matcher(sessions)
    if not matcher:
        return lambda text: text
    attended: dict[str, bool] = {}
    for data in sessions:
        named = consenting(data)
        for a in data.attendance:
            attended[a.person_id] = attended.get(a.person_id, True) and a.person_id in named
    named_everywhere = {pid for pid, ok in attended.items() if ok}

    def label(text: str, mention: Mention) -> str | None:
        return None if mention.keys <= named_everywhere else _participant(text, mention)

    return lambda text: matcher.replace(text, lambda m: label(text, m)) if text else text


def warnings(data: SessionData, text: str) -> list[str]:
    """Plain sentences for each hidden name in ``text``, saying what the minutes will
    show instead (for the facilitator's screen only: they hold the name)."""
    matcher = _matcher([data])
    named = consenting(data)
    labels = data.public_names()
    seen: set[frozenset] = set()
    out = []
    for mention in matcher.find(text):
        if mention.keys <= named or mention.keys in seen:
            continue
        seen.add(mention.keys)
        if len(mention.keys) == 1:
            (person_id,) = mention.keys
            out.append(f"{data.people[person_id].name} did not agree to be named: "
                       f"the minutes will say '{labels[person_id]}'.")
        else:
            out.append(f"'{' '.join(mention.text.split())}' could be more than one person, and not all of "
                       f"them agreed to be named: the minutes will say '{PARTICIPANT}'.")
    return out
