"""coprod forget: erase a person from the whole data folder, and nothing else.

What changes is worked out in ``rules/erasure.py``: the person's records and links go
by id, and their name leaves free text only where the name rule
(``coprod_tui/names``) finds it written as their name. Their whole name, an
email address or @handle holding it, and their stored contact details are
looked for everywhere (other people's names included: "Joan (Sam Whitfield's
mum)" loses Sam Whitfield). Their first name alone, their last name alone, and
a one-word name that is also a word ("May") only where they took part (a
session that names them, a group whose roster has them) and where no one else
there shares it: "All three actions from May were reported back" in another
group stays. The rule itself never takes a date or a proper noun ("12 May",
"Hope Street"). Other people's whole names are known too, so part of someone
else's name is never taken ("Will" stays in "Will Jones" when Will Smith is
forgotten).

Every text change is reported: which session (title and date), which record,
which field. In a closed session each one also leaves a dated correction saying
a name was removed at the person's request (without the old value, which would
hold the name). A dry run works out and reports the same on a store opened
read-only, and writes nothing.

Backups and set-aside copies are cleaned the same way when they are JSON.
A file coprod cannot parse is never rewritten (changing bytes it cannot read
could destroy the only copy of a damaged session): it is listed, so the user
can delete it or repair it and run forget again. Documents already exported
outside the data folder are beyond reach, and the report says so.

The index (the session list and search) is then made again from the cleaned
session files: a full-text index keeps removed words in its segments, and a
database its freed pages, until they are rewritten, so updating it in place
would not be enough.

The order survives a crash: sessions, backups and set-aside copies first, then
the index, and the people list last, so a forget that was interrupted can simply
be run again (the person is still on the list until everything else is clean).
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..clock import now
from ..errors import DamagedFile, NotFound
from ..model import Person
from ..model.snapshot import referenced_people
from ..names import (
    Form, NameMatcher, form_units, name_parts, name_words, ordinary, proper_name,
)
from ..room.handover import HANDOVER_FILE
from ..rules.erasure import Scrub, erase_groups, erase_json, erase_session, scrubber
from ..store import Store
from ..store.atomic import write_atomic
from ..store.groups import find_person
from ..store.session_file import TABLES


@dataclass(slots=True)
class ForgetReport:
    person_id: str
    dry_run: bool = False
    lines: list[str] = field(default_factory=list)
    #: Files left as they were because coprod cannot read them (relative paths).
    unreadable: list[str] = field(default_factory=list)


def forget(store: Store, needle: str, *, dry_run: bool = False) -> ForgetReport:
    """Erase the person ``needle`` names (see the module's notes); ``Service.forget``
    runs this.

    With ``dry_run``, change nothing: open ``store`` read-only for that, so that
    even a damaged file is left where it is.
    """
    person: Person = find_person(store.groups, needle)
    people = store.groups.people()
    rosters = {g.id: set(g.roster) for g in store.groups.rows("groups")}
    report = ForgetReport(person.id, dry_run)
    at = now()

    # 1. Every session, while the person is still on the people list.
    sessions: list[str] = []
    done: set[str] = set()
    for summary in store.summaries():
        try:
            file = store.session(summary.id)
        except (DamagedFile, NotFound):
            continue  # set aside by store.session (not in a dry run); listed below
        try:
            tables = {name: file.rows(name) for name in TABLES}
            referenced = referenced_people(file.session, tables)
            scrub = _scrub(person, people, person.id in referenced,
                           referenced | rosters.get(file.session.group_id, set()))
            session, new, erasure = erase_session(file.session, tables, person.id, scrub,
                                                  at=at)
            if erasure.changed and not dry_run:
                # Not a correction: nothing of the person is kept. One durable write.
                with file.batch():
                    if session != file.session:
                        file.put_session(session)
                    for name, rows in new.items():
                        if rows != tables[name]:
                            file.replace_table(name, rows)
        finally:
            store.release(file)
        done.add(summary.id)
        where = f"Session '{session.title}' ({session.date})"
        if erasure.removed:
            sessions.append(f"{where}: " + "; ".join(erasure.removed) + ".")
        sessions.extend(f"{where}: their name removed from {change}." for change in erasure.texts)
        if erasure.texts and session.status == "closed":
            sessions.append(f"{where} is closed, so a dated note that a name was removed "
                            "at the person's request was added to its corrections.")

    # 2. Backups and set-aside copies, including the previous groups.json (and, in a
    #    dry run, a damaged session that a real run would first set aside).
    root = store.root
    files = [p for p in sorted(store.sessions_dir.glob("*.json")) if p.stem not in done]
    for folder in (root / "backups", root / "set-aside"):
        files += sorted(folder.iterdir()) if folder.is_dir() else []
    copies: list[str] = []
    for path in files:
        _forget_in_copy(path, root, person, people, dry_run, copies, report.unreadable)
    if not dry_run:
        store.rebuild_index()

    # The room view's hand-over may show their name (they agreed to be named): it is
    # only ever a copy of what the app showed, so it goes whole (the app writes it
    # again when it next shows a session).
    handover = root / HANDOVER_FILE
    if os.path.lexists(handover):
        if not dry_run:
            handover.unlink()
        copies.append(f"{HANDOVER_FILE}: the room view's copy of the last page it showed "
                      "was removed.")

    # 3. Last, the people list and rosters; then the previous copy is made the same.
    #    (The index holds nothing from groups.json: it needs no rebuild after this.)
    book = store.groups
    groups, kept, erasure = erase_groups(
        book.rows("groups"), book.rows("people"), person.id,
        lambda g: _scrub(person, people, person.id in g.roster, g.roster),
        _scrub(person, people, False, ()))
    if not dry_run:
        book.rewrite(groups, kept)
        previous = root / "backups" / "groups.previous.json"
        if previous.exists():
            write_atomic(previous, (root / "groups.json").read_bytes())

    report.lines.append(erasure.removed[0][0].upper() + erasure.removed[0][1:] + "."
                        if erasure.removed else "Not on the people list.")
    report.lines.extend(f"{_group_line(change.record)}: their name removed from "
                        f"{change.field}." for change in erasure.texts)
    report.lines.extend(sessions)
    report.lines.extend(copies)
    report.lines.extend(report.unreadable)
    report.lines.append("Documents exported before now are outside coprod: "
                        "delete or edit those copies yourself.")
    return report


def _group_line(record: str) -> str:
    return record[0].upper() + record[1:]


def _scrub(person: Person, people: dict[str, Person], linked: bool,
           context: Iterable[str]) -> Scrub:
    """How the person's name is removed from one session's, group's or file's text.

    Everywhere: their whole name, an address or handle that holds it, and their
    stored contact details. Only where they are ``linked`` (a session that names
    them, a group whose roster has them): their first or last name alone, and a
    one-word name that is also an ordinary word ("May"), each unless someone else
    in ``context`` (person ids) has it too. The name rule itself leaves dates and
    proper nouns alone ("12 May", "Hope Street").
    """
    whole, *alone = name_parts(person.name)
    word = len(form_units(whole.text)) == 1 and ordinary(whole.text)
    forms = [] if word else [whole]
    if linked:
        taken = {form_units(form.text) for pid in context
                 if pid != person.id and pid in people
                 for form in name_parts(people[pid].name)}
        forms += [form for form in ([whole] if word else []) + alone
                  if form_units(form.text) not in taken]
    if person.contact.strip():
        forms.append(Form(person.contact, "contact"))
    mine = {form_units(form.text) for form in forms}
    # Everyone else's whole name, so a part of theirs is never taken for this person's
    # ("Will" stays in "Will Jones"); but not a name that mentions this person
    # ("Joan (Sam Whitfield's mum)"), so that no byte of them is left.
    names: dict[str, list] = {
        pid: [other.name] for pid, other in people.items()
        if pid != person.id and form_units(other.name) not in mine
        and not (not word and _mentions(other.name, form_units(whole.text)))}
    names[person.id] = forms
    return scrubber(NameMatcher(names), person.id)


def _mentions(name: str, words: tuple[str, ...]) -> bool:
    """``words`` stand in ``name`` outside the name proper: in a note ("Joan (Sam
    Whitfield's mum)"), not as the person's own name ("Maya Okafor Lee")."""
    def holds(held: tuple[str, ...]) -> bool:
        n = len(words)
        return any(held[i:i + n] == words for i in range(len(held) - n + 1))

    return holds(form_units(name)) and not holds(form_units(" ".join(proper_name(name))))


def _forget_in_copy(path: Path, root: Path, person: Person, people: dict[str, Person],
                    dry_run: bool, lines: list[str], unreadable: list[str]) -> None:
    """Erase the person from one backup or set-aside file, if coprod can read it."""
    name = str(path.relative_to(root))
    info = path.lstat()
    if not stat.S_ISREG(info.st_mode):
        unreadable.append(f"{name} is not an ordinary file, so it was left alone.")
        return
    try:
        raw = path.read_bytes()
    except OSError:
        unreadable.append(f"{name} could not be opened, so it was left as it is.")
        return
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        text = raw.decode("utf-8", "replace").casefold()
        holds = person.id in text or " ".join(name_words(person.name)).casefold() in text
        unreadable.append(
            f"{name} cannot be read by coprod, so it was left exactly as it is"
            + ("; it holds their name or id" if holds else "; it may mention them")
            + ". Delete it, or repair it and run forget again.")
        return
    ids = _strings(data) & set(people)
    scrub = _scrub(person, people, person.id in ids, ids)
    new, erasure = erase_json(data, person.id, scrub, _scrub(person, people, False, ()))
    if not erasure.changed:
        return
    if not dry_run:
        write_atomic(path, json.dumps(new, ensure_ascii=False, separators=(",", ":"))
                     .encode("utf-8", "surrogatepass"))
    if erasure.removed:
        lines.append(f"{name}: " + "; ".join(erasure.removed) + ".")
    lines.extend(f"{name}: their name removed from {change.record}." for change in erasure.texts)


def _strings(value: object) -> set[str]:
    """Every string value in parsed JSON (to find whose ids a file holds)."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found

