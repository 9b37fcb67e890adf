"""JSON backup and transfer of one session, with its group and the people in it.

``bundle`` → ``json`` → ``read_bundle`` → ``Service.import_session`` reproduces the
session exactly: the same ids, text and times. A bundle holds personal data
(support needs, contact details), so it is written 0600 like everything else.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .clock import now
from .errors import ValidationError
from .model import Group, Person, SessionData
from .model.session import Session
from .regular_files import NotRegularFile, TooBig, read_regular
from .store.fileformat import SCHEMA_VERSION
from .store.session_file import TABLES

FORMAT = "coprod-session"
#: The biggest import read. The biggest plausible session (200 people, 5,000 ideas of
#: 1,500 characters, 5,000 speaking turns, 1,000 actions) exports as about 11 MiB.
MAX_BYTES = 64 * 1024 * 1024
#: The most JSON values (records, fields, list items) an import may hold; that same
#: session holds about 180,000. Each costs some 60 bytes in memory however short it is
#: in the file ("{}," is three bytes), so they are counted before anything is built.
MAX_VALUES = 600_000
#: A JSON string, to its closing quote or to the end of the data: it always matches,
#: so counting never rescans (a file of unclosed strings stays linear).
_STRING = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+(?:"|\\?\Z)', re.DOTALL)


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
    """Read and fully check an export file; ValidationError says what is wrong.

    Nothing is trusted: the file must be an ordinary file (a pipe or a device such
    as /dev/zero is refused before it is read), every id must be one coprod makes
    (see ``ids.py``), and every link inside the file must lead to something in it.
    An inconsistent file is refused whole, before anything is written.
    """
    name = path.name
    try:
        raw = read_regular(path, limit=MAX_BYTES, follow_links=True)
    except FileNotFoundError:
        raise ValidationError(f"There is no file called {name}.") from None
    except NotRegularFile as exc:
        what = ("a folder; give the path of an exported .json file" if exc.kind == "a folder"
                else f"{exc.kind}, not an exported .json file")
        raise ValidationError(f"{name} is {what}.") from None
    except TooBig:
        raise ValidationError(f"{name} is bigger than {MAX_BYTES // 2**20} MiB, the most "
                              "coprod imports, so it was not read.") from None
    except PermissionError:
        raise ValidationError(f"coprod is not allowed to read {name}.") from None
    except OSError as exc:
        raise ValidationError(f"{name} could not be read ({(exc.strerror or 'an error').lower()})."
                              ) from None
    if _values_at_most(raw, MAX_VALUES) is None:
        raise ValidationError(f"{name} holds far more records than a coprod session "
                              "export, so it was not read.")
    try:
        text = raw.decode("utf-8")
        del raw  # the text alone is held while parsing
        data = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ValidationError(f"{name} is not a JSON file.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(f"{name} is not a coprod session export.")
    schema = data.get("schema")
    # bool is a kind of int in Python: "schema": true is not a version.
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise ValidationError(f"{name} has no valid schema version.")
    if schema > SCHEMA_VERSION:
        raise ValidationError(f"{name} was exported by a newer coprod; update coprod to import it.")
    try:
        group = Group.from_dict(data.get("group"))
        people = [Person.from_dict(p) for p in _list(data, "people")]
        session = Session.from_dict(data.get("session"))
        tables = {t: [kind.from_dict(r) for r in _list(data, t)] for t, kind in TABLES.items()}
    except ValidationError as exc:
        raise ValidationError(f"{name} cannot be imported: {_lower_first(str(exc))}") from None
    problem = _broken_link(group, people, session, tables)
    if problem:
        raise ValidationError(f"{name} cannot be imported: {problem}.")
    return Bundle(group, people, session, tables)


def _values_at_most(raw: bytes, limit: int) -> int | None:
    """At most how many JSON values ``raw`` holds (each follows a '[', ',' or ':'), or
    None if that may be more than ``limit``. Counted without parsing or copying, in
    time linear in the file."""
    def count(data: bytes) -> int:
        return data.count(b",") + data.count(b":") + data.count(b"[") + 1

    found = count(raw)  # commas in the text count too: a quick upper bound
    if found <= limit:
        return found
    # Every string is a value or a key, and each key has a value: more than twice
    # ``limit`` strings is too many values (escaped quotes are not strings).
    if (raw.count(b'"') - raw.count(b'\\"')) // 2 > 2 * limit:
        return None
    # Take away what is inside the strings: few of them, so quick, and nothing copied.
    for match in _STRING.finditer(raw):
        start, end = match.span()
        found -= (raw.count(b",", start, end) + raw.count(b":", start, end)
                  + raw.count(b"[", start, end))
    return found if found <= limit else None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text.startswith(("The ", "A ", "An ")) else text


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ValidationError(f"The '{key}' part should be a list.")
    return value


def _broken_link(group: Group, people: list[Person], session: Session,
                 tables: dict[str, list[Any]]) -> str | None:
    """What is inconsistent inside a bundle, in words, or None.

    A record of an agenda item since taken off the agenda is not a broken link:
    coprod keeps such records (the minutes list them under no item).
    """
    if session.group_id != group.id:
        return "the session belongs to a different group than the one in the file"
    person_ids = [p.id for p in people]
    if len(set(person_ids)) != len(person_ids):
        return "two people share an id"
    for table, rows in tables.items():
        ids = [getattr(r, "id", None) for r in rows]
        if len([i for i in ids if i]) != len({i for i in ids if i}):
            return f"two {table} records share an id"
    known = set(person_ids)
    attendance = [a.person_id for a in tables["attendance"]]
    if len(set(attendance)) != len(attendance):
        return "someone is in the attendance list twice"
    refs = [("someone in the attendance list", attendance),
            ("a speaking turn", [t.person_id for t in tables["turns"]]),
            ("a raised hand", [h.person_id for h in session.hands]),
            ("an idea", [i.person_id for i in tables["ideas"] if i.person_id]),
            ("an action", [a.owner_person_id for a in tables["actions"] if a.owner_person_id]),
            ("a comment card", [f.person_id for f in tables["feedback"] if f.person_id])]
    for what, ids in refs:
        if not set(ids) <= known:
            return f"{what} refers to a person who is not in the file"
    idea_ids = {i.id for i in tables["ideas"]}
    for d in tables["decisions"]:
        if not set(d.idea_ids) <= idea_ids:
            return "a decision refers to an idea that is not in the file"
    sources = {"idea": idea_ids, "decision": {d.id for d in tables["decisions"]}}
    for a in tables["actions"]:
        if a.source_kind and a.source_id not in sources[a.source_kind]:
            return f"an action comes from {_article(a.source_kind)} that is not in the file"
    kinds = {"session", *TABLES}
    if any(c.record_kind not in kinds for c in tables["corrections"]):
        return "a correction is of a kind of record coprod does not know"
    return None


def _article(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
