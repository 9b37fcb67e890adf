"""Quick capture: who raised an idea, or what a comment card said, from what was typed.

An idea typed on its own is credited to whoever is speaking (or anonymous if no
one is). Starting it with ``@name`` credits someone present instead (the start
of their name is enough; spaces may be left out; a whole name typed with its spaces,
"@Ann Lee", is taken whole), and ``@anon``, ``@chat`` or
``@after`` record it as anonymous, via the online chat, or after the meeting.
``@chat @name`` (or ``@after @name``) credits a named person whose idea came
that way: the idea is theirs, and a tag ("chat", "after") says how it came.

What is typed is trimmed one way everywhere: blank space (spaces, tabs, line
breaks) before the first word and after the last goes; everything between,
a pasted letter's lines and their indents included, is kept as it came.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import framework as fw
from .errors import ValidationError
from .model import Person
from .names.units import fold

KEYWORDS = {"anon": "anonymous", "anonymous": "anonymous", "chat": "chat",
            "after": "after"}
#: The ways an idea can come that may also name who sent it (``@chat @sam``).
CHANNELS = {"chat": "via the chat", "after": "after the meeting"}

_FIRST_WORD = re.compile(r"(\S*)\s*(.*)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Who:
    raised_by: str
    person_id: str | None = None
    #: How a named person's idea came, if not said in the room: "chat" or "after".
    via: str = ""

    @property
    def tags(self) -> list[str]:
        """The idea's tags that keep how it came (the record has no other place)."""
        return [self.via] if self.via else []

    @classmethod
    def of(cls, raised_by: str, person_id: str | None, tags: list[str]) -> Who:
        """Who raised an idea already recorded (its tags say how a named idea came)."""
        via = next((t for t in tags if t in CHANNELS), "") if person_id else ""
        return cls(raised_by, person_id, via)

    def describe(self, people: dict[str, Person]) -> str:
        """Who raised it, for the facilitator: a real name, or how it came."""
        if self.person_id:
            name = people[self.person_id].name if self.person_id in people else "Someone"
            return f"{name} ({CHANNELS[self.via]})" if self.via else name
        return fw.labels(fw.RAISED_BY).get(self.raised_by, "Someone")


def trim(typed: str) -> str:
    """What was typed, without blank space before the first word or after the last."""
    return typed.strip()


def _first_word(text: str) -> tuple[str, str]:
    """The first word, and the rest without the space after the word."""
    match = _FIRST_WORD.match(text)
    assert match is not None  # the pattern matches any text
    return match.group(1), match.group(2)


def _squash(text: str) -> str:
    # Compared as the name rule compares names: "@jose" finds José, "@SIOBHAN" Siobhán.
    return "".join(fold(text).split())


#: The most words after @ read as one name ("@Mary Ann de Souza").
MOST_NAME_WORDS = 4


def _letters(text: str) -> str:
    """``_squash`` with only letters and digits kept: "Zoë 🎉 Smith" is "zoesmith"."""
    return "".join(ch for ch in _squash(text) if ch.isalnum())


def _named(token: str, rest: str, present: list[Person]) -> tuple[Person, str]:
    """The person ``@token`` names, and what follows the name. A whole name typed with
    its spaces ("@Ann Lee", "@Person 2") is taken whole, the longest first, so the
    surname does not stay at the start of the idea; otherwise ``token`` alone is the
    start of a name (``match_person``)."""
    words = rest.split(maxsplit=MOST_NAME_WORDS)
    by_name: dict[str, list[Person]] = {}
    if words:  # (Run reads what is typed at every key: names are folded once here)
        for p in present:
            by_name.setdefault(_letters(p.name), []).append(p)
    for k in range(min(len(words), MOST_NAME_WORDS - 1), 0, -1):
        whole = by_name.get(_letters(token + "".join(words[:k])), [])
        if len(whole) == 1:
            for word in words[:k]:  # what follows the last word of the name
                rest = rest[rest.index(word) + len(word):]
            return whole[0], rest
    return match_person(token, present), rest


def match_person(token: str, present: list[Person]) -> Person:
    """The one present person whose name starts with ``token`` (spaces ignored)."""
    want = _squash(token)
    exact = [p for p in present if _squash(p.name) == want]
    found = exact or [p for p in present if _squash(p.name).startswith(want)]
    if not found:
        found = [p for p in present
                 if any(_squash(part).startswith(want) for part in p.name.split())]
    if not found:
        raise ValidationError(f"Nobody present is called '{token}': the idea was not "
                              "recorded yet.")
    if len(found) > 1:
        names = ", ".join(p.name for p in found[:4])
        raise ValidationError(f"'@{token}' could be {names}: type more of the name.")
    return found[0]


def parse_capture(typed: str, present: list[Person], speaker: str | None
                  ) -> tuple[Who, str]:
    """Split what was typed into who raised it and the idea itself."""
    text = trim(typed)
    if text.startswith("@"):
        token, rest = _first_word(text[1:])
        if not token:
            raise ValidationError("Type a name after @, or @anon, @chat or @after.")
        keyword = KEYWORDS.get(token.casefold())
        if keyword and rest.startswith("@"):
            return _named_via(keyword, rest, present)
        if keyword:
            return Who(keyword), trim(rest)
        person, rest = _named(token, rest, present)
        return Who("person", person.id), trim(rest)
    if speaker is not None:
        return Who("person", speaker), text
    return Who("anonymous"), text


def _named_via(keyword: str, rest: str, present: list[Person]) -> tuple[Who, str]:
    """``@chat @name``: a named person's idea that came by the chat (or after)."""
    token, idea = _first_word(rest[1:])
    if keyword not in CHANNELS:
        raise ValidationError("An anonymous idea has no name: use @anon alone, or the "
                              "person's @name alone.")
    if not token or token.casefold() in KEYWORDS:
        raise ValidationError(f"Type the person's name after @{keyword}, for example "
                              f"@{keyword} @sam.")
    person, idea = _named(token, idea, present)
    return Who("person", person.id, via=keyword), trim(idea)


def parse_card(typed: str, present: list[Person]) -> tuple[int, str | None, str]:
    """A comment card typed as: level (1-4), then @name if they want to be named,
    then the comment. Returns (level, person id or None, comment)."""
    text = typed.strip()
    if not text or text[0] not in "1234":
        raise ValidationError("Start with the level the person chose, 1 to 4.")
    level, rest = int(text[0]), text[1:].strip()
    person_id = None
    if rest.startswith("@"):
        token, _, rest = rest[1:].partition(" ")
        if not token:
            raise ValidationError("Type a name after @, or leave it out to keep the card "
                                  "anonymous.")
        person, rest = _named(token, rest, present)
        person_id = person.id
        rest = rest.strip()
    return level, person_id, rest
