"""Consent that holds in free text: who may be named in what a session shares.

``SessionData.public_names`` says how each person is labelled (their name only
if they agreed to be named at that session, otherwise "Carer 2"). People's
names are also typed into ideas, reasons, views that differed, comments and
notes, so everything a document takes from free text passes through
``redactor(data)``: wherever the name rule (``coprod_tui/names``) finds the
name of someone who did not agree, written as a name, it becomes their label,
exactly as the minutes label them.

Everyone in the data folder is looked for, not only the people this session's
records name: their whole name, their first name alone and their last name
alone, an email address or @handle holding their name, and their stored
contact details. Who a mention stands for is decided nearest first:

1. people this session names (who came, who raised an idea ...): one of them
   is labelled as the minutes label them ("Carer 2"); a name two of them share
   is "a participant", unless all who share it agreed to be named;
2. otherwise people on the group's roster: "a group member";
3. otherwise anyone else in the folder: "someone".

Labels 2 and 3 have no number, on purpose: nothing else in the document says
who they are, so a number would only let a reader link mentions across
sessions (where the same person would get the same number) without telling
them anything they need.

Stored contact details never appear (DESIGN.md §6), whoever they belong to:
they become "[contact details removed]". The names of things (the group, its
organisation, the venue) are never changed, and a person's name inside one of
them is not taken for the person: a label there ("Carer 2 Lane Carers") would
tell anyone who knows the place who Carer 2 is.

A consenting person's shown name is itself shared text: "Joan (Sam
Whitfield's mum)" is shown as "Joan (Carer 1's mum)" (``shown_names``).

``warnings(data, text)`` is the same check at the moment of typing, so the
facilitator knows what the minutes will say. A report on a whole group
(``group_redactor``) has no single label per person, so there every hidden
name of someone who came becomes "a participant".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from .model import Person, SessionData
from .names import Form, Mention, NameMatcher, name_parts, starts_sentence

#: What an ambiguous or group-wide hidden name becomes.
PARTICIPANT = "a participant"
#: Someone on the group's roster who is not in this session's records.
GROUP_MEMBER = "a group member"
#: Anyone else in the data folder.
SOMEONE = "someone"
#: A person's stored email address or phone number, typed into free text.
CONTACT = "[contact details removed]"
#: The key under which the names of things are looked for (never a person's id).
_THING = "\x00thing"

Redactor = Callable[[str], str]


def consenting(data: SessionData) -> set[str]:
    """The people who agreed to be named at this session."""
    return {a.person_id for a in data.attendance
            if a.consent_to_be_named and a.person_id in data.people}


def everyone(data: SessionData) -> dict[str, Person]:
    """Everyone the data folder knows, and anyone this session names besides."""
    return {**data.everyone, **data.people}


def things(data: SessionData) -> list[str]:
    """Names of things, not people: the group, its organisation, the venues."""
    session = data.session
    return [t for t in (data.group.name, data.group.organisation, session.venue,
                        session.next_meeting.venue) if t.strip()]


def matcher(people: dict[str, Person], names_of_things: Iterable[str]) -> NameMatcher:
    """The name rule for these people and things. The rule for a folder's people is
    made once and kept (the same people give the same one); things are added cheaply."""
    return _cached(tuple((pid, p.name, p.contact) for pid, p in people.items())
                   ).with_things(_THING, names_of_things)


@lru_cache(maxsize=4)
def _cached(people: tuple[tuple[str, str, str], ...]) -> NameMatcher:
    return NameMatcher({
        pid: [*name_parts(name), *([Form(contact, "contact")] if contact.strip() else [])]
        for pid, name, contact in people})


def _capital(text: str, mention: Mention, label: str) -> str:
    return label[0].upper() + label[1:] if starts_sentence(text, mention.start) else label


class _Labels:
    """What each mention becomes in what this session shares (None: as written)."""

    def __init__(self, data: SessionData, labels: dict[str, str]) -> None:
        self.labels = labels
        self.named = consenting(data)
        self.tiers = ((set(data.people), PARTICIPANT), (set(data.group.roster), GROUP_MEMBER))

    def holders(self, mention: Mention) -> tuple[set[str], str]:
        """Who the mention stands for (nearest first), and what several of them are."""
        for tier, several in self.tiers:
            if mention.keys & tier:
                return set(mention.keys & tier), several
        return set(mention.keys), SOMEONE

    def bare(self, mention: Mention) -> str | None:
        """The label, as it stands inside a sentence."""
        if mention.kind == "thing":
            return None
        if mention.kind == "contact":
            return CONTACT
        holders, several = self.holders(mention)
        if holders <= self.named:
            return None
        if several is PARTICIPANT and len(holders) == 1:
            return self.labels[holders.pop()]
        return several

    def __call__(self, text: str, mention: Mention) -> str | None:
        label = self.bare(mention)
        return None if label is None else _capital(text, mention, label)


def _apply(rule: NameMatcher, text: str, label: Callable[[str, Mention], str | None],
           fixed: frozenset[str], exclude: str | None = None) -> str:
    if not text or " ".join(text.split()).casefold() in fixed:
        return text  # the name of a thing, as a field: never changed
    return rule.replace(text, lambda m: label(text, m), exclude)


def _fixed(names_of_things: Iterable[str]) -> frozenset[str]:
    return frozenset(" ".join(t.split()).casefold() for t in names_of_things)


class RedactionMemo:
    """Texts already read by the name rule, kept from one report of a session to the
    next for as long as nothing the rule depends on has changed (who is in the
    folder, their names and contacts, the names of things, each label, who agreed
    to be named). The room view makes its page again after every change: with
    thousands of ideas, reading every one of them again each time was most of it.
    Only for one holder (the room service): documents never keep one."""

    MOST = 50_000

    def __init__(self) -> None:
        self._key: object = None
        self._texts: dict[str, str] = {}

    def texts(self, key: object) -> dict[str, str]:
        if key != self._key or len(self._texts) > self.MOST:
            self._key, self._texts = key, {}
        return self._texts


def redactor(data: SessionData, memo: RedactionMemo | None = None) -> Redactor:
    """Free text as this session may share it: hidden names become labels."""
    names_of_things = things(data)
    people = everyone(data)
    rule = matcher(people, names_of_things)
    if not rule:
        return lambda text: text
    label = _Labels(data, data.public_names())
    fixed = _fixed(names_of_things)
    if memo is None:
        return lambda text: _apply(rule, text, label, fixed)
    # Everything the answer for a text depends on (see _Labels, matcher, _fixed).
    key = (tuple((pid, p.name, p.contact) for pid, p in people.items()),
           tuple(names_of_things), tuple(sorted(label.labels.items())),
           frozenset(label.named), *(frozenset(tier) for tier, _ in label.tiers))
    texts = memo.texts(key)

    def shown(text: str) -> str:
        found = texts.get(text)
        if found is None:
            found = texts[text] = _apply(rule, text, label, fixed)
        return found
    return shown


def shown_names(data: SessionData, labels: dict[str, str]) -> dict[str, str]:
    """``labels`` (from ``SessionData.public_names``) with each consenting person's
    name read for other people's names: "Joan (Sam Whitfield's mum)" becomes "Joan
    (Carer 1's mum)". Their own name in it is theirs to show."""
    named = consenting(data)
    if not named:
        return labels
    rule = matcher(everyone(data), things(data))  # the same rule the redactor uses
    label = _Labels(data, labels)
    return {pid: _apply(rule, shown, label, frozenset(), pid) if pid in named else shown
            for pid, shown in labels.items()}


def group_redactor(sessions: list[SessionData]) -> Redactor:
    """Free text about a whole group (its name, its purpose): a name stays only if
    its person agreed to be named at every one of these sessions they attended."""
    if not sessions:
        return lambda text: text
    people: dict[str, Person] = {}
    names_of_things: list[str] = []
    attended: dict[str, bool] = {}
    for data in sessions:
        people.update(everyone(data))
        names_of_things += things(data)
        named = consenting(data)
        for a in data.attendance:
            attended[a.person_id] = attended.get(a.person_id, True) and a.person_id in named
    rule = matcher(people, names_of_things)
    named_everywhere = {pid for pid, ok in attended.items() if ok}
    came = set(attended) | {pid for data in sessions for pid in data.people}
    roster = set(sessions[0].group.roster)

    def label(text: str, mention: Mention) -> str | None:
        if mention.kind == "thing":
            return None
        if mention.kind == "contact":
            return CONTACT
        if mention.keys <= named_everywhere:
            return None
        several = (PARTICIPANT if mention.keys & came
                   else GROUP_MEMBER if mention.keys & roster else SOMEONE)
        return _capital(text, mention, several)

    fixed = _fixed(names_of_things)
    return lambda text: _apply(rule, text, label, fixed)


def warnings(data: SessionData, text: str) -> list[str]:
    """Plain sentences for each hidden name in ``text``, saying what the minutes will
    show instead (for the facilitator's screen only: they hold the name)."""
    people = everyone(data)
    rule = matcher(people, things(data))
    label = _Labels(data, data.public_names())
    seen: set[tuple] = set()
    out = []
    for mention in rule.find(text):
        instead = label.bare(mention)
        if instead is None:
            continue
        holders, _ = label.holders(mention)
        key = (mention.kind == "contact", frozenset(holders))
        if key in seen:
            continue
        seen.add(key)
        if mention.kind == "contact":
            out.append("A phone number or email address was typed: the minutes will say "
                       f"'{CONTACT}'.")
        elif len(holders) == 1:
            (person_id,) = holders
            out.append(f"{people[person_id].name} did not agree to be named: "
                       f"the minutes will say '{instead}'.")
        else:
            out.append(f"'{' '.join(mention.text.split())}' could be more than one person, "
                       "and not all of them agreed to be named: the minutes will say "
                       f"'{instead}'.")
    return out
