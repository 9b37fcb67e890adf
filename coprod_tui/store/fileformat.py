"""Reading our JSON files: shape checks, schema version and migrations.

Every file we write holds TinyDB tables plus a ``_meta`` table naming what
kind of file it is and its schema version. Older files are migrated on load
(the original is first copied to ``backups/``); newer ones are refused so an
older coprod never overwrites them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import DamagedFile
from ..regular_files import NotRegularFile, read_regular

SCHEMA_VERSION = 2
META = "_meta"

Tables = dict[str, dict[str, Any]]


def settle_consensus(decision: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 → 2 for one stored decision: "everyone agreed" recorded beside views
    that differed said two things at once; it was "most agreed" (a method schema 2
    has), so that is what it becomes. Anything else is given back as it is."""
    views = decision.get("differing_views")
    if decision.get("method") == "consensus" and isinstance(views, str) and views.strip():
        return {**decision, "method": "most"}
    return decision


def _to_2(kind: str, tables: Tables) -> Tables:
    """Schema 2 adds roles, a decision method and optional fields (their defaults
    stand for "not said"); only a session's self-contradicting decisions change."""
    if kind != "session" or not isinstance(tables.get("decisions"), dict):
        return tables
    return {**tables, "decisions": {key: settle_consensus(doc) if isinstance(doc, dict)
                                    else doc for key, doc in tables["decisions"].items()}}


#: MIGRATIONS[n](kind, tables) turns schema n into schema n + 1 for a file of that
#: kind ("session", "groups", "index", "search"). Each must be pure. A file of an
#: older schema is copied to backups/ before it is upgraded.
MIGRATIONS: dict[int, Callable[[str, Tables], Tables]] = {1: _to_2}


def new_tables(kind: str) -> Tables:
    return {META: {"1": {"kind": kind, "schema": SCHEMA_VERSION}}}


def parse_tables(raw: bytes, *, kind: str, name: str) -> tuple[Tables, int]:
    """Check a file's bytes are one of our files; return its tables and version."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        # RecursionError: garbage such as "[[[[..." nested deeper than the parser goes.
        raise DamagedFile(f"{name} is not readable: it may have been cut short "
                          "or overwritten.") from None
    if not isinstance(data, dict) or not all(
            isinstance(table, dict) and all(
                isinstance(doc, dict) and _is_doc_id(key) for key, doc in table.items())
            for table in data.values()):
        raise DamagedFile(f"{name} does not have the layout of a coprod file.")
    meta = data.get(META, {}).get("1")
    if not isinstance(meta, dict) or meta.get("kind") != kind:
        raise DamagedFile(f"{name} is not a coprod {kind} file.")
    version = meta.get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DamagedFile(f"{name} has no valid schema version.")
    if version > SCHEMA_VERSION:
        raise DamagedFile(f"{name} was saved by a newer version of coprod; "
                          "update coprod to open it.", future=True)
    return data, version


def _is_doc_id(key: str) -> bool:
    """TinyDB reads each record's key with int(): only plain "1", "2" ... will do."""
    return 0 < len(key) <= 18 and key.isascii() and key.isdigit() and str(int(key)) == key


def migrate(data: Tables, version: int, *, kind: str, name: str) -> Tables:
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise DamagedFile(f"{name} uses schema {version}, which this coprod "
                              "cannot upgrade.")
        data = step(kind, data)
        version += 1
        data[META]["1"]["schema"] = version
    return data


def make_loader(kind: str, *, backups: Path | None) -> Callable[[Path], Tables]:
    """A loader for AtomicJSONStorage: missing file → empty tables, old schema → migrated."""
    from .atomic import dump_json, write_atomic

    def load(path: Path) -> Tables:
        try:
            raw = read_regular(path)
        except FileNotFoundError:
            return new_tables(kind)
        except NotRegularFile as exc:
            # Never opened in a way that blocks or follows a link: set aside like any
            # damaged file (not a "free some space" message from a failed read).
            raise DamagedFile(f"{path.name} is {exc.kind}, not a file coprod wrote, "
                              "so it was not opened.") from None
        data, version = parse_tables(raw, kind=kind, name=path.name)
        if version < SCHEMA_VERSION:
            if backups is None:
                raise DamagedFile(f"{path.name} needs upgrading, which cannot happen "
                                  "while another copy of coprod has the folder open.")
            write_atomic(backups / f"{path.stem}.schema{version}{path.suffix}", raw)
            data = migrate(data, version, kind=kind, name=path.name)
            write_atomic(path, dump_json(data))
        return data

    return load
