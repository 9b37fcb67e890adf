"""coprod demo: an example group with three past sessions, in our own words.

The records are data (``demo.json``, beside this file): the group, its people
and each session with its records, as coprod stores them, except that every id
is a name there ("idea:1:0"). Each name becomes a fixed id (a uuid5), so adding
the demo twice adds nothing. They are added through the service, as an import
is: the group and people join, then each session that is not here yet.
"""

from __future__ import annotations

import json
import uuid
from importlib.resources import files
from typing import Any

from .interchange import Bundle
from .model import Group, Person, Session
from .model.base import Record
from .service import Service
from .store.session_file import TABLES

_NS = uuid.UUID("5b0f3f0e-6f1c-4a53-9d55-2c8c2b1d6a10")
GROUP_ID = uuid.uuid5(_NS, "group").hex


def _fixed(name: str) -> str:
    return uuid.uuid5(_NS, name).hex


def _ids(kind: type[Record], fields: dict[str, Any]) -> dict[str, Any]:
    """A record's fields with each id named as in demo.json made into its fixed id."""
    out = dict(fields)
    for name, value in fields.items():
        if name == "id" or name.endswith(("_id", "_ids")) or name in kind.id_fields:
            if isinstance(value, list):
                out[name] = [_fixed(v) for v in value]
            elif isinstance(value, str):
                out[name] = _fixed(value)
    return out


def _record(kind: type[Record], fields: dict[str, Any]) -> Any:
    """One record from demo.json (nested records, such as agenda items, included)."""
    fields = _ids(kind, fields)
    if kind is Session:
        fields["agenda"] = [_ids(Record, item) for item in fields.get("agenda", [])]
    return kind.from_dict(fields)


def demo_bundles() -> list[Bundle]:
    """The demo's sessions, each with the group and its people, ready to import."""
    data = json.loads(files("coprod_tui").joinpath("demo.json").read_text("utf-8"))
    group: Group = _record(Group, data["group"])
    people: list[Person] = [_record(Person, p) for p in data["people"]]
    return [Bundle(group=group, people=people, session=_record(Session, entry["session"]),
                   tables={name: [_record(kind, r) for r in entry.get(name, [])]
                           for name, kind in TABLES.items()})
            for entry in data["sessions"]]


def add_demo(service: Service) -> list[str]:
    """Add the example group and its sessions. Returns what was added (may be nothing)."""
    added: list[str] = []
    bundles = demo_bundles()
    group, people = bundles[0].group, bundles[0].people
    if not service.groups.has_group(group.id):
        service.groups.adopt(group, people)
        added.append(f"the {group.name} with {len(people)} people")
    existing = {s.id for s in service.summaries()}
    for bundle in bundles:
        if bundle.session.id not in existing:
            service.import_session(bundle)
            service.session(bundle.session.id).release()
            added.append(f"the session '{bundle.session.title}' ({bundle.session.date})")
    return added
