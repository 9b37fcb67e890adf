"""coprod forget: erase a person from the whole data folder.

Their roster entry, attendance, speaking turns and links from ideas, actions,
comment cards and corrections are removed; their name is replaced in any text
that mentions it (as a whole word, in any case, so forgetting "Ed" leaves
"education" and the status "closed" alone). Files in backups/ and set-aside/
are cleaned the same way when they can be read as JSON, and in every case have
the name, id, contact details and support notes overwritten byte for byte. Documents already
exported outside the data folder are beyond reach, and the report says so.

The order survives a crash: sessions, backups and set-aside copies first, and
the people list last, so a forget that was interrupted can simply be run again
(the person is still on the list until everything else is clean).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DamagedFile
from .model import Person
from .store.atomic import write_atomic
from .store.groups import find_person
from .store.session_file import is_code
from .text import plural

REPLACEMENT = "[name removed]"


@dataclass(slots=True)
class ForgetReport:
    person_id: str
    lines: list[str] = field(default_factory=list)


def name_redactor(name: str):
    """Replace ``name`` as a whole word or words, ignoring case and spacing."""
    words = name.split()
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)",
                         re.IGNORECASE)
    return lambda text: pattern.sub(REPLACEMENT, text)


def forget(store, needle: str) -> ForgetReport:
    person: Person = find_person(store.groups, needle)
    report = ForgetReport(person.id)
    redact = name_redactor(person.name)

    # 1. Every session, while the person is still on the people list.
    sessions: list[str] = []
    for summary in store.summaries():
        try:
            file = store.session(summary.id)
        except DamagedFile:
            continue  # set aside by store.session; cleaned below with the others
        changes = file.erase_person(person.id, redact)
        store.release(file)
        if changes:
            sessions.append(f"Session '{summary.title}' ({summary.date}): "
                            + "; ".join(changes) + ".")

    # 2. Backups and set-aside copies, including the previous groups.json.
    previous = store.root / "backups" / "groups.previous.json"
    scrubbed = 0
    for folder in (store.root / "backups", store.root / "set-aside"):
        for path in sorted(folder.glob("*")) if folder.exists() else []:
            if path.is_file():
                changed = _scrub_file(path, person, redact)
                scrubbed += changed if path != previous else 0

    # 3. Last, the people list and rosters; then the previous copy is made the same.
    groups = [g.name for g in store.groups.groups() if person.id in g.roster]
    store.groups.erase_person(person.id, redact)
    if previous.exists():
        write_atomic(previous, (store.root / "groups.json").read_bytes())

    report.lines.append("Removed from the people list"
                        + (f" and from the roster of {plural(len(groups), 'group')}."
                           if groups else "."))
    report.lines.extend(sessions)
    if scrubbed:
        report.lines.append(f"Overwritten in {plural(scrubbed, 'backup or set-aside file')}.")
    report.lines.append("Documents exported before now are outside coprod: "
                        "delete or edit those copies yourself.")
    return report


def _scrub_file(path: Path, person: Person, redact) -> int:
    """Erase the person from a backup or set-aside file (which may be damaged). 1 if changed."""
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        # Damaged: overwrite the name wherever it is, as well as the id and contact.
        new = _scrub_bytes(raw, person, redact)
    else:
        # Readable: their records go and their name leaves the text fields (codes
        # such as "open" stay, whatever the name); then the id and contact anywhere.
        cleaned = _erase_json(data, person.id, redact)
        new = raw if cleaned == data else json.dumps(
            cleaned, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        new = _scrub_bytes(new, person, None)
    if new == raw:
        return 0
    write_atomic(path, new)
    return 1


_DROP = object()


def _erase_json(value: Any, person_id: str, redact, key: str = "") -> Any:
    """A parsed coprod file (or any JSON) without the person's records, links and name."""
    if isinstance(value, dict):
        if value.get("id") == person_id and "name" in value:
            return _DROP  # their entry in the people list
        if value.get("record_id") == person_id:
            return _DROP  # a correction to their attendance
        if value.get("person_id") == person_id:
            if "text" in value:  # an idea they raised: kept, without them
                value = {**value, "person_id": None, "raised_by": "removed"}
            elif "level" in value:  # a comment card: kept, anonymous
                value = {**value, "person_id": None}
            else:  # attendance, a speaking turn, a raised hand
                return _DROP
        if value.get("owner_person_id") == person_id:
            value = {**value, "owner_person_id": None}
        out = {}
        for k, v in value.items():
            new = _erase_json(v, person_id, redact, k)
            if new is _DROP:
                if isinstance(v, dict):
                    continue  # a record of theirs: gone
                new = None  # their id as a value (a corrected "who raised it")
            out[k] = new
        return out
    if isinstance(value, list):
        kept = (_erase_json(v, person_id, redact, key) for v in value)
        return [v for v in kept if v is not _DROP]
    if isinstance(value, str):
        if value == person_id:
            return _DROP
        return value if is_code(key) else redact(value)
    return value


def _scrub_bytes(raw: bytes, person: Person, redact) -> bytes:
    """Overwrite the person's id and own details (and name, given ``redact``)."""
    text = raw.decode("utf-8", "surrogateescape")
    forms = {person.id}
    if redact is not None:
        text = redact(text)
        forms.add(json.dumps(person.name)[1:-1])  # as JSON escapes it
    for detail in (person.contact.strip(), person.support_other.strip()):
        if len(detail) >= 3:  # their own details, wherever a damaged file holds them
            forms |= {detail, json.dumps(detail)[1:-1],
                      json.dumps(detail, ensure_ascii=False)[1:-1]}
    for form in sorted(forms, key=len, reverse=True):
        text = re.sub(re.escape(form), REPLACEMENT, text, flags=re.IGNORECASE)
    return text.encode("utf-8", "surrogateescape")
