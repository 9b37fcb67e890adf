"""Groups, their rosters, the people on them and their code of conduct.

Every verb saves ``groups.json`` once, durably, and returns what it saved; the
file it replaced is kept as the previous copy (see ``store/groups.py``).
"""

from __future__ import annotations

import threading
from typing import Any

from ..errors import NotFound, ValidationError
from ..model import ConductVersion, GlossaryWord, Group, Person
from ..rules import groups as group_rules
from ..store import Store
from ..store.groups import find_person
from .contract import verb

#: What ``update_group`` changes (the roster and the code have their own verbs).
GROUP_DETAILS = frozenset({"name", "organisation", "purpose", "can_change", "cannot_change",
                           "stage"})
#: What ``update_person`` changes.
PERSON_DETAILS = frozenset({"name", "role", "organisation", "support_needs", "support_other",
                            "consent_to_be_named", "contact"})


class GroupService:
    """The groups of the data folder (``Service.groups``)."""

    def __init__(self, store: Store, lock: threading.RLock) -> None:
        self._store = store
        self._lock = lock

    # -- reading ---------------------------------------------------------------------------

    @verb
    def groups(self) -> list[Group]:
        """Every group, by name."""
        return self._store.groups.groups()

    @verb
    def group(self, group_id: str) -> Group:
        return self._store.groups.group(group_id)

    @verb
    def people(self) -> dict[str, Person]:
        """Everyone in the data folder, by id."""
        return self._store.groups.people()

    @verb
    def person(self, person_id: str) -> Person:
        return self._store.groups.person(person_id)

    @verb
    def roster(self, group_id: str) -> list[Person]:
        return self._store.groups.roster(group_id)

    @verb
    def find_person(self, needle: str) -> Person:
        """A person by exact name, id, or unique start of an id (6 or more characters; a
        name first, see store/groups.py)."""
        return find_person(self._store.groups, needle)

    @verb
    def has_group(self, group_id: str) -> bool:
        return any(g.id == group_id for g in self._store.groups.rows("groups"))

    # -- groups ----------------------------------------------------------------------------

    @verb
    def add_group(self, name: str, *, conduct: str | None = None, conduct_note: str = "",
                  **details: Any) -> Group:
        """A new group; ``conduct`` is the first version of its code of conduct (None:
        none yet; an empty one is refused)."""
        _only(details, GROUP_DETAILS - {"name"}, "a group")
        versions = [ConductVersion(version=1, text=conduct, note=conduct_note)] \
            if conduct is not None else []
        group = Group(name=name, conduct=versions, **details)
        book = self._store.groups
        group_rules.check_name_free(group.name, book.groups())
        book.insert("groups", group)
        return group

    @verb
    def update_group(self, group_id: str, **changes: Any) -> Group:
        _only(changes, GROUP_DETAILS, "a group")
        book = self._store.groups
        new = book.group(group_id).replace(**changes)
        group_rules.check_name_free(new.name, book.groups(), except_id=group_id)
        book.put("groups", new)
        return new

    @verb
    def amend_conduct(self, group_id: str, text: str, note: str = "") -> ConductVersion:
        """The group's new wording, as its next version (the old ones are kept)."""
        book = self._store.groups
        group = book.group(group_id)
        version = group_rules.next_conduct(group, text, note)
        book.put("groups", group.replace(conduct=[*group.conduct, version]))
        return version

    # -- the glossary: words the group uses, in plain words -----------------------------------

    @verb
    def set_glossary_word(self, group_id: str, word: str, meaning: str = "",
                          picture: str = "", *, replacing: str | None = None) -> GlossaryWord:
        """Add a word to the group's glossary, or change one (``replacing``: the word as
        it was, when the word itself changes)."""
        book = self._store.groups
        group = book.group(group_id)
        entry = GlossaryWord(word=word, meaning=meaning, picture=picture)
        book.put("groups", group.replace(
            glossary=group_rules.glossary_with(group, entry, replacing)))
        return entry

    @verb
    def remove_glossary_word(self, group_id: str, word: str) -> Group:
        book = self._store.groups
        group = book.group(group_id)
        new = group.replace(glossary=group_rules.glossary_without(group, word))
        book.put("groups", new)
        return new

    # -- people ----------------------------------------------------------------------------

    @verb
    def add_person(self, group_id: str | None, **details: Any) -> Person:
        """Someone new, on the roster of ``group_id`` (None: on no roster)."""
        _only(details, PERSON_DETAILS, "a person")
        person = Person(**details)
        book = self._store.groups
        group = book.group(group_id) if group_id is not None else None
        with book.batch():
            book.insert("people", person)
            if group is not None:
                book.put("groups", group.replace(roster=[*group.roster, person.id]))
        return person

    @verb
    def update_person(self, person_id: str, **changes: Any) -> Person:
        _only(changes, PERSON_DETAILS, "a person")
        book = self._store.groups
        new = book.person(person_id).replace(**changes)
        book.put("people", new)
        return new

    @verb
    def adopt(self, group: Group, people: list[Person]) -> Group | None:
        """Take in an imported group and its people, keeping any already here (one
        write). The group as it joined (renamed if its name is taken), or None if it
        was here already."""
        book = self._store.groups
        known = book.people()
        joined = group_rules.adopted(group, people, book.rows("groups"), set(known))
        with book.batch():
            if joined is not None:
                book.insert("groups", joined)
            target = book.group(group.id)
            roster = list(target.roster)
            for person in people:
                if person.id not in known:
                    # Someone new arrives on the group's roster, whoever brought them.
                    book.insert("people", person)
                    if person.id not in roster:
                        roster.append(person.id)
            if roster != target.roster:
                book.put("groups", target.replace(roster=roster))
        return joined


def _only(fields: dict[str, Any], allowed: frozenset[str], what: str) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise ValidationError(f"'{unknown[0]}' is not something {what} has.", field=unknown[0])


__all__ = ["GroupService", "NotFound"]
