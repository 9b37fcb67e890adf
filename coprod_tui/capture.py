"""Quick capture: who raised an idea, or what a comment card said, from what was typed.

An idea typed on its own is credited to whoever is speaking (or anonymous if no
one is). Starting it with ``@name`` credits someone present instead (the start
of their name is enough; spaces may be left out), and ``@anon``, ``@chat`` or
``@after`` record it as anonymous, via the online chat, or after the meeting.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import framework as fw
from .errors import ValidationError
from .model import Person

KEYWORDS = {"anon": "anonymous", "anonymous": "anonymous", "chat": "chat",
            "after": "after"}


@dataclass(frozen=True, slots=True)
class Who:
    raised_by: str
    person_id: str | None = None

    def describe(self, people: dict[str, Person]) -> str:
        """Who raised it, for the facilitator: a real name, or how it came."""
        if self.person_id:
            return people[self.person_id].name if self.person_id in people else "Someone"
        return fw.labels(fw.RAISED_BY).get(self.raised_by, "Someone")


def _squash(text: str) -> str:
    return "".join(text.casefold().split())


def match_person(token: str, present: list[Person]) -> Person:
    """The one present person whose name starts with ``token`` (spaces ignored)."""
    want = _squash(token)
    exact = [p for p in present if _squash(p.name) == want]
    found = exact or [p for p in present if _squash(p.name).startswith(want)]
    if not found:
        found = [p for p in present
                 if any(part.casefold().startswith(want) for part in p.name.split())]
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
    text = typed.strip()
    if text.startswith("@"):
        token, _, rest = text[1:].partition(" ")
        if not token:
            raise ValidationError("Type a name after @, or @anon, @chat or @after.")
        keyword = KEYWORDS.get(token.casefold())
        if keyword:
            return Who(keyword), rest.strip()
        return Who("person", match_person(token, present).id), rest.strip()
    if speaker is not None:
        return Who("person", speaker), text
    return Who("anonymous"), text


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
        person_id = match_person(token, present).id
        rest = rest.strip()
    return level, person_id, rest
