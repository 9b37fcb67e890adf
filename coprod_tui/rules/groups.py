"""Groups: their names, their code of conduct, and taking in an imported one."""

from __future__ import annotations

import re

from ..errors import ValidationError
from ..model import ConductVersion, GlossaryWord, Group, Person

#: A group's name is at most this long (model/group.py).
NAME_LIMIT = 200
_IMPORTED = re.compile(r" \(imported(?: \d+)?\)$")


def check_name_free(name: str, groups: list[Group], *, except_id: str | None = None) -> None:
    """Refuse a second group of the same name (ignoring case)."""
    if any(g.name.casefold() == name.casefold() and g.id != except_id for g in groups):
        raise ValidationError(f"There is already a group called {name}.", field="name")


def next_conduct(group: Group, text: str, note: str = "") -> ConductVersion:
    """The group's new wording as the next version (the old ones are kept)."""
    version = ConductVersion(version=len(group.conduct) + 1, text=text, note=note)
    current = group.current_conduct
    if current is not None and current.text.strip() == version.text.strip():
        raise ValidationError("The code of conduct has not changed.", field="text")
    return version


def glossary_with(group: Group, entry: GlossaryWord, replacing: str | None = None
                  ) -> list[GlossaryWord]:
    """The group's glossary with ``entry`` in it, in place of the word ``replacing``
    (or of the same word); a different word already there is refused."""
    old_key = GlossaryWord(word=replacing).key if replacing else entry.key
    words = list(group.glossary)
    if entry.key != old_key and any(g.key == entry.key for g in words):
        raise ValidationError(f"'{entry.word}' is already in the glossary.", field="word")
    for n, g in enumerate(words):
        if g.key == old_key:
            words[n] = entry
            return words
    if replacing:
        raise ValidationError(f"'{replacing}' is not in the glossary.", field="word")
    return sorted([*words, entry], key=lambda g: g.key)


def glossary_without(group: Group, word: str) -> list[GlossaryWord]:
    key = GlossaryWord(word=word).key
    if not any(g.key == key for g in group.glossary):
        raise ValidationError(f"'{word}' is not in the glossary.", field="word")
    return [g for g in group.glossary if g.key != key]


def adopted(group: Group, people: list[Person], groups: list[Group],
            known_people: set[str]) -> Group | None:
    """An imported group as it joins this folder, or None if it is here already.

    A name already taken gets "(imported)" (numbered, never repeated); its roster
    keeps only people who are here or arrive with it.
    """
    if group.id in {g.id for g in groups}:
        return None
    name = free_name(group.name, {g.name.casefold() for g in groups})
    incoming = {p.id for p in people}
    roster = [p for p in group.roster if p in known_people or p in incoming]
    return group.replace(name=name, roster=roster)


def free_name(name: str, taken: set[str]) -> str:
    """``name``, or "name (imported)", "name (imported 2)" ... if it is taken.

    Groups of the same name from several computers get numbered, never a growing
    "(imported) (imported) ..."; the name is shortened to leave room for the mark.
    """
    if name.casefold() not in taken:
        return name
    base = _IMPORTED.sub("", name)
    n = 1
    while True:
        mark = " (imported)" if n == 1 else f" (imported {n})"
        candidate = base[:NAME_LIMIT - len(mark)].rstrip() + mark
        if candidate.casefold() not in taken:
            return candidate
        n += 1
