"""JSON backup and transfer of one session, with its group and the people in it.

``bundle`` → ``json`` → ``read_bundle`` → ``import_bundle`` reproduces the
session exactly: the same ids, text and times. A bundle holds personal data
(support needs, contact details), so it is written 0600 like everything else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .clock import now
from .errors import ValidationError
from .model import Group, Person, SessionData
from .model.session import Session
from .store.fileformat import SCHEMA_VERSION
from .store.session_file import TABLES

FORMAT = "coprod-session"
#: Anything bigger is not a session export; refuse before parsing it.
MAX_BYTES = 512 * 1024 * 1024


def bundle(data: SessionData) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "exported_at": now(),
        "coprod_version": __version__,
        "group": data.group.to_dict(),
        "people": [p.to_dict() for p in data.people.values()],
        "session": data.session.to_dict(),
        **{name: [r.to_dict() for r in getattr(data, name)] for name in TABLES},
    }


def dumps(data: SessionData) -> str:
    return json.dumps(bundle(data), ensure_ascii=False, indent=1)


@dataclass(slots=True)
class Bundle:
    group: Group
    people: list[Person]
    session: Session
    tables: dict[str, list[Any]]


def read_bundle(path: Path) -> Bundle:
    """Read and fully check an export file; ValidationError says what is wrong."""
    name = path.name
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ValidationError(f"{name} is far too big to be a coprod session export.")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ValidationError(f"There is no file called {name}.") from None
    except IsADirectoryError:
        raise ValidationError(f"{name} is a folder; give the path of an exported .json file.") from None
    except PermissionError:
        raise ValidationError(f"coprod is not allowed to read {name}.") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ValidationError(f"{name} is not a JSON file.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(f"{name} is not a coprod session export.")
    schema = data.get("schema")
    if not isinstance(schema, int) or schema < 1:
        raise ValidationError(f"{name} has no valid schema version.")
    if schema > SCHEMA_VERSION:
        raise ValidationError(f"{name} was exported by a newer coprod; update coprod to import it.")
    try:
        group = Group.from_dict(data.get("group"))
        people = [Person.from_dict(p) for p in _list(data, "people")]
        session = Session.from_dict(data.get("session"))
        tables = {t: [kind.from_dict(r) for r in _list(data, t)] for t, kind in TABLES.items()}
    except ValidationError as exc:
        raise ValidationError(f"{name} cannot be imported: {exc}") from None
    _check_links(name, group, people, session, tables)
    return Bundle(group, people, session, tables)


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ValidationError(f"The '{key}' part should be a list.")
    return value


def _check_links(name: str, group: Group, people: list[Person], session: Session,
                 tables: dict[str, list[Any]]) -> None:
    def fail(what: str) -> None:
        raise ValidationError(f"{name} cannot be imported: {what}.")

    if session.group_id != group.id:
        fail("the session belongs to a different group than the one in the file")
    person_ids = {p.id for p in people}
    for table, rows in tables.items():
        ids = [getattr(r, "id", None) for r in rows]
        if len([i for i in ids if i]) != len({i for i in ids if i}):
            fail(f"two {table} records share an id")
    for a in tables["attendance"]:
        if a.person_id not in person_ids:
            fail("someone in the attendance list is missing from its people")
    idea_ids = {i.id for i in tables["ideas"]}
    for d in tables["decisions"]:
        if not set(d.idea_ids) <= idea_ids:
            fail("a decision refers to an idea that is not in the file")


def import_bundle(store, bundle: Bundle) -> str:
    """Add a checked bundle to the store; returns the session id."""
    session = bundle.session
    if (store.sessions_dir / f"{session.id}.json").exists():
        raise ValidationError("That session is already in this data folder.")
    store.groups.adopt(bundle.group, bundle.people)
    store.add_session(session, bundle.tables)
    return session.id
