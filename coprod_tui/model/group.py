"""Groups, the people on their roster, and their code of conduct."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import framework as fw
from ..clock import new_id, now
from ..errors import ValidationError
from ..text import clean_line, clean_long
from .base import Record, one_of


@dataclass(slots=True)
class ConductVersion(Record):
    """One agreed wording of a group's code of conduct; amendments add versions."""

    noun = "code of conduct version"
    version: int
    text: str
    adopted_at: str = field(default_factory=now)
    note: str = ""

    def __post_init__(self) -> None:
        if self.version < 1:
            raise ValidationError("A code of conduct version starts at 1.", field="version")
        self.text = clean_long(self.text, what="The code of conduct", required=True, field="text")
        self.note = clean_line(self.note, what="The note about the change", limit=2000,
                               field="note")

    def points(self) -> list[str]:
        """The code as separate points, one per non-empty line."""
        return [line.strip().lstrip("-•* ").strip() for line in self.text.splitlines()
                if line.strip()]


#: A picture's key: what an organisation names its own picture file after ("idea").
_PICTURE_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


def picture_key(value: str, field: str = "picture") -> str:
    """A picture key ("idea", "short-stay"), or "" for none."""
    value = value.strip()
    if value and not _PICTURE_KEY.fullmatch(value):
        raise ValidationError("A picture's name is small letters, digits and dashes, "
                              "like short-stay.", field=field)
    return value


@dataclass(slots=True)
class GlossaryWord(Record):
    """A word the group uses, with what it means in plain words (the easy read
    explains it the first time it appears). The meaning may wait to be written."""

    noun = "glossary word"
    word: str
    meaning: str = ""
    #: The picture shown beside it ("" for the glossary's own picture).
    picture: str = ""

    def __post_init__(self) -> None:
        self.word = clean_line(self.word, what="The word", required=True, limit=100,
                               field="word")
        self.meaning = clean_long(self.meaning, what="What it means", limit=2000,
                                  field="meaning")
        self.picture = picture_key(self.picture)

    @property
    def key(self) -> str:
        """The word as it is matched: case and spacing do not matter."""
        return " ".join(self.word.casefold().split())


@dataclass(slots=True)
class Person(Record):
    """Someone on a group's roster. Personal data: kept only in 0600 files."""

    noun = "person"
    name: str
    role: str = "other"
    id: str = field(default_factory=new_id)
    organisation: str = ""
    support_needs: list[str] = field(default_factory=list)
    support_other: str = ""
    consent_to_be_named: bool = False
    contact: str = ""
    created_at: str = field(default_factory=now)

    def __post_init__(self) -> None:
        self.name = clean_line(self.name, what="A person's name", required=True, limit=200,
                               field="name")
        one_of(self.role, (c.key for c in fw.ROLES), "A person's role", "role")
        self.organisation = clean_line(self.organisation, what="The organisation",
                                       field="organisation")
        self.support_needs = _support_needs(self.support_needs)
        self.support_other = clean_line(self.support_other, what="Other support needs",
                                        limit=2000, field="support_other")
        self.contact = clean_line(self.contact, what="Contact details", limit=500, field="contact")


def _support_needs(keys: list[str]) -> list[str]:
    known = {c.key for c in fw.SUPPORT_NEEDS}
    for key in keys:
        one_of(key, known, "A support need", "support_needs")
    return list(dict.fromkeys(keys))


@dataclass(slots=True)
class Group(Record):
    """A co-production group that meets over time."""

    noun = "group"
    id_fields = ("roster",)
    name: str
    id: str = field(default_factory=new_id)
    purpose: str = ""
    can_change: str = ""
    cannot_change: str = ""
    stage: str = "analyse"
    organisation: str = ""
    conduct: list[ConductVersion] = field(default_factory=list)
    roster: list[str] = field(default_factory=list)
    created_at: str = field(default_factory=now)
    #: Words the group uses, with their plain meaning (see ``GlossaryWord``).
    glossary: list[GlossaryWord] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.name = clean_line(self.name, what="The group's name", required=True, limit=200,
                               field="name")
        self.purpose = clean_long(self.purpose, what="The group's purpose", limit=20_000,
                                  field="purpose")
        self.can_change = clean_long(self.can_change, what="What can change", limit=20_000,
                                     field="can_change")
        self.cannot_change = clean_long(self.cannot_change, what="What cannot change",
                                        limit=20_000, field="cannot_change")
        one_of(self.stage, (c.key for c in fw.STAGES), "The commissioning stage", "stage")
        self.organisation = clean_line(self.organisation, what="The organisation",
                                       field="organisation")
        self.roster = list(dict.fromkeys(self.roster))
        words = [g.key for g in self.glossary]
        if len(set(words)) != len(words):
            raise ValidationError("A word is in the glossary twice.", field="glossary")
        for expected, version in enumerate(self.conduct, start=1):
            if version.version != expected:
                raise ValidationError("The code of conduct versions must be numbered 1, 2, 3 ...",
                                      field="conduct")

    @property
    def current_conduct(self) -> ConductVersion | None:
        return self.conduct[-1] if self.conduct else None
