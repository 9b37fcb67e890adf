"""coprod forget: erase a person from the whole data folder.

Their roster entry, attendance, speaking turns and links from ideas, actions
and comment cards are removed; their name is replaced in any text that
mentions it; the backup copy of groups.json is replaced; files in backups/ and
set-aside/ (which may be damaged, so are not parsed) have the name and id
overwritten byte for byte. Documents already exported outside the data
folder are beyond reach, and the report says so.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DamagedFile
from .model import Person
from .store.atomic import write_atomic
from .store.groups import find_person
from .text import plural

REPLACEMENT = "[name removed]"


@dataclass(slots=True)
class ForgetReport:
    person_id: str
    lines: list[str] = field(default_factory=list)


def name_redactor(name: str):
    pattern = re.compile(re.escape(name), re.IGNORECASE)
    return lambda text: pattern.sub(REPLACEMENT, text)


def forget(store, needle: str) -> ForgetReport:
    person: Person = find_person(store.groups, needle)
    report = ForgetReport(person.id)
    redact = name_redactor(person.name)

    groups = [g.name for g in store.groups.groups() if person.id in g.roster]
    store.groups.erase_person(person.id)
    report.lines.append("Removed from the people list"
                        + (f" and from the roster of {plural(len(groups), 'group')}." if groups else "."))
    # The previous groups.json still holds them: replace it with the current one.
    previous = store.root / "backups" / "groups.previous.json"
    if previous.exists():
        write_atomic(previous, (store.root / "groups.json").read_bytes())

    for summary in store.summaries():
        try:
            file = store.session(summary.id)
        except DamagedFile:
            continue  # set aside by store.session; scrubbed below with the others
        changes = file.erase_person(person.id, redact)
        store.release(file)
        if changes:
            report.lines.append(f"Session '{summary.title}' ({summary.date}): "
                                + "; ".join(changes) + ".")

    scrubbed = 0
    for folder in (store.root / "backups", store.root / "set-aside"):
        for path in sorted(folder.glob("*")) if folder.exists() else []:
            if path.is_file() and path.name != "groups.previous.json":
                scrubbed += _scrub_bytes(path, person)
    if scrubbed:
        report.lines.append(f"Overwritten in {plural(scrubbed, 'backup or set-aside file')}.")
    report.lines.append("Documents exported before now are outside coprod: "
                        "delete or edit those copies yourself.")
    return report


def _scrub_bytes(path: Path, person: Person) -> int:
    """Overwrite the person's name and id in a file we cannot parse. 1 if changed."""
    raw = path.read_bytes()
    forms = {person.name.encode("utf-8"),
             json.dumps(person.name)[1:-1].encode("ascii"),  # as JSON escapes it
             json.dumps(person.name, ensure_ascii=False)[1:-1].encode("utf-8"),
             person.id.encode()}
    new = raw
    for form in forms:
        new = re.sub(re.escape(form), REPLACEMENT.encode(), new, flags=re.IGNORECASE)
    if new == raw:
        return 0
    write_atomic(path, new)
    return 1
