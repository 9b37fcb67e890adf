"""groups.json: the groups, their rosters and codes of conduct, and the people.

What may change, and how, is ``GroupService``'s business (with the rules in
``rules/groups.py``); this file only reads and saves.

This file is small and changes rarely. The version it replaced is kept (as a
hard link, no copy) in ``backups/`` so a file damaged outside coprod can be
recovered with at most the last change missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import DamagedFile, NotFound, ValidationError
from ..model import Group, Person
from ..regular_files import NotRegularFile, read_regular
from .atomic import write_atomic
from .fileformat import new_tables
from .table_file import RecordFile

if TYPE_CHECKING:
    from .store import Store


class GroupBook(RecordFile):
    """groups.json: reading it, and saving what ``GroupService`` decided."""

    TABLES = {"groups": Group, "people": Person}

    def check(self) -> None:
        """Parse everything now; DamagedFile if any record does not fit."""
        try:
            for name in self.TABLES:
                self.rows(name)
        except ValidationError as exc:
            self._forget_memory()
            raise DamagedFile(f"{self.path.name} does not hold valid groups: {exc}") from None

    def groups(self) -> list[Group]:
        """Every group, by name."""
        return sorted(self.rows("groups"), key=lambda g: g.name.casefold())

    def group(self, group_id: str) -> Group:
        return self._find("groups", group_id)

    def people(self) -> dict[str, Person]:
        return {p.id: p for p in self.rows("people")}

    def person(self, person_id: str) -> Person:
        return self._find("people", person_id)

    def roster(self, group_id: str) -> list[Person]:
        people = self.people()
        return [people[pid] for pid in self.group(group_id).roster if pid in people]

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


def open_groups(store: Store) -> GroupBook:
    """groups.json, checked; a damaged one is set aside and its previous copy restored
    (or, without one, groups start empty: the sessions are safe either way)."""
    path = store.root / "groups.json"
    previous = store.root / "backups" / "groups.previous.json"
    book = GroupBook(path, loader=store._loader("groups"), what="the groups",
                     read_only=store.read_only,
                     keep_previous=None if store.read_only else previous,
                     guard=store._guard)
    try:
        book.check()
        return book
    except DamagedFile as exc:
        if store.read_only:
            store.problems.append(f"{exc} Open coprod normally to repair it.")
            return GroupBook(path.with_name("missing"), loader=lambda p: new_tables("groups"),
                             what="the groups", read_only=True)
        moved = store.set_aside(path)
        message = f"{exc} It was moved to {moved}."
    try:
        kept = read_regular(previous)
    except (NotRegularFile, FileNotFoundError):
        kept = None
    if kept is not None:
        write_atomic(path, kept)
        book = GroupBook(path, loader=store._loader("groups"), what="the groups",
                         keep_previous=previous, guard=store._guard)
        try:
            book.check()
            store.problems.append(message + " The copy from before the last change was "
                                  "restored; check the most recent change to a group.")
            return book
        except DamagedFile:
            store.set_aside(path)
    store.problems.append(message + " Groups and rosters start empty; sessions are safe.")
    return GroupBook(path, loader=store._loader("groups"), what="the groups",
                     keep_previous=previous, guard=store._guard)


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
