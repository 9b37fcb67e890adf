"""groups.json: the groups, their rosters and codes of conduct, and the people.

This file is small and changes rarely. The version it replaced is kept (as a
hard link, no copy) in ``backups/`` so a file damaged outside coprod can be
recovered with at most the last change missing.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import DamagedFile, NotFound, ValidationError
from ..model import ConductVersion, Group, Person
from .table_file import TableFile


class GroupBook(TableFile):
    TABLES = {"groups": Group, "people": Person}

    def check(self) -> None:
        """Parse everything now; DamagedFile if any record does not fit."""
        try:
            for name in self.TABLES:
                self.rows(name)
        except ValidationError as exc:
            self._forget_memory()
            raise DamagedFile(f"{self.path.name} does not hold valid groups: {exc}") from None

    # -- groups ------------------------------------------------------------------

    def groups(self) -> list[Group]:
        return sorted(self.rows("groups"), key=lambda g: g.name.casefold())

    def group(self, group_id: str) -> Group:
        return self._find("groups", group_id)

    def add_group(self, group: Group) -> Group:
        if any(g.name.casefold() == group.name.casefold() for g in self.rows("groups")):
            raise ValidationError(f"There is already a group called {group.name}.")
        self._insert("groups", group)
        return group

    def update_group(self, group_id: str, **changes: Any) -> Group:
        new = self.group(group_id).replace(**changes)
        self._put("groups", new)
        return new

    def amend_conduct(self, group_id: str, text: str, note: str = "") -> ConductVersion:
        """Keep the old wording and add the group's new one as the next version."""
        group = self.group(group_id)
        version = ConductVersion(version=len(group.conduct) + 1, text=text, note=note)
        current = group.current_conduct
        if current is not None and current.text.strip() == version.text.strip():
            raise ValidationError("The code of conduct has not changed.")
        self.update_group(group_id, conduct=[*group.conduct, version])
        return version

    def adopt(self, group: Group, people: list[Person]) -> None:
        """Take in an imported group and people, keeping any already here (one write)."""
        with self._writing():
            known = self.people()
            if group.id not in {g.id for g in self.rows("groups")}:
                name = _free_name(group.name, {g.name.casefold() for g in self.rows("groups")})
                incoming = {p.id for p in people}
                roster = [p for p in group.roster if p in known or p in incoming]
                self._insert("groups", group.replace(name=name, roster=roster))
            for person in people:
                if person.id not in known:
                    self.add_person(person, group_id=group.id)

    # -- people --------------------------------------------------------------------

    def people(self) -> dict[str, Person]:
        return {p.id: p for p in self.rows("people")}

    def person(self, person_id: str) -> Person:
        return self._find("people", person_id)

    def roster(self, group_id: str) -> list[Person]:
        people = self.people()
        return [people[pid] for pid in self.group(group_id).roster if pid in people]

    def add_person(self, person: Person, *, group_id: str | None = None) -> Person:
        with self._writing():
            if person.id not in self.people():
                self._insert("people", person)
            if group_id is not None:
                group = self.group(group_id)
                if person.id not in group.roster:
                    self._put("groups", group.replace(roster=[*group.roster, person.id]))
        return person

    def update_person(self, person_id: str, **changes: Any) -> Person:
        new = self.person(person_id).replace(**changes)
        self._put("people", new)
        return new

    def leave_roster(self, group_id: str, person_id: str) -> None:
        group = self.group(group_id)
        self._put("groups", group.replace(roster=[p for p in group.roster if p != person_id]))

    def rewrite(self, groups: list[Group], people: list[Person]) -> None:
        """Write the groups and the people list as ``coprod forget`` made them.

        One durable write. The file it replaces still holds the person, so it is
        not kept as the previous copy.
        """
        storage = self._storage
        keep, storage._keep_previous = storage._keep_previous, None
        try:
            with self._writing():
                self._replace_table("groups", groups)
                self._replace_table("people", people)
        finally:
            storage._keep_previous = keep


#: A group's name is at most this long (model/group.py).
NAME_LIMIT = 200
_IMPORTED = re.compile(r" \(imported(?: \d+)?\)$")


def _free_name(name: str, taken: set[str]) -> str:
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


#: The shortest start of an id taken as an id: four letters such as "Cade" or "Dede"
#: are also names, and an erasure cannot be undone.
ID_PREFIX_MIN = 6


def find_person(book: GroupBook, needle: str) -> Person:
    """A person by id, exact name (ignoring case), or a unique start of an id of at
    least ``ID_PREFIX_MIN`` characters. A name is tried before a start of an id, and
    a needle that is one person's name and the start of another's id is refused."""
    needle = needle.strip()
    people = book.people()
    if needle in people:
        return people[needle]
    named = [p for p in people.values() if p.name.casefold() == needle.casefold()]
    start = needle.lower()
    by_id = ([p for p in people.values() if p.id.startswith(start)]
             if len(start) >= ID_PREFIX_MIN else [])
    if named and by_id and {p.id for p in named} != {p.id for p in by_id}:
        name_ids = " or ".join(p.id for p in named)
        other_ids = " or ".join(p.id for p in by_id if p not in named)
        raise NotFound("That is someone's name and also the start of another person's "
                       f"id; to be sure who is meant, give the full id ({name_ids} for "
                       f"the name, {other_ids} for the id).")
    matches = named or by_id
    if not matches:
        raise NotFound("No one with that name or id is in this data folder.")
    if len(matches) > 1:
        ids = ", ".join(p.id[:8] for p in matches)
        raise NotFound(f"More than one person matches; use one of these ids: {ids}.")
    return matches[0]


def find_group(book: GroupBook, needle: str) -> Group:
    """A group by id, exact name (ignoring case), or the one name containing ``needle``."""
    wanted = needle.strip().casefold()
    groups = book.groups()
    exact = [g for g in groups if g.name.casefold() == wanted or g.id == wanted]
    matches = exact or ([g for g in groups if wanted in g.name.casefold()] if wanted else [])
    if not matches:
        raise NotFound(f"No group is called '{needle.strip()}'.")
    if len(matches) > 1:
        raise NotFound(f"More than one group matches '{needle.strip()}'; give more of its name.")
    return matches[0]
