"""``coprod forget`` erases the person, and nothing else (issue 11, finding 2).

The old forget replaced the name as a whole word in any case, in every text of
every session, and rewrote damaged files byte by byte: forgetting Will turned
"How the days will run" into "How the days [name removed] run" in sessions Will
never attended, and forgetting Ed turned a damaged file's "education" into
"[name removed]ucation". Here: records go by id; the name goes only where the
name rule finds it written as a name; a file coprod cannot parse is listed,
never rewritten; every change is reported, a dry run changes no byte, and a
closed session keeps a dated note of each change.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import given, strategies as st

from coprod_tui.report import describe_corrections
from coprod_tui.demo import add_demo
from coprod_tui.exports.formats import render
from coprod_tui.model import NextMeeting, Person
from coprod_tui.store import open_store
from coprod_tui.templates import default_wording
from coprod_tui.service import Service
from tests.conftest import run_cli

from . import name_texts as nt
from .conftest import every_file, folder_bytes, hypothesis_settings, session_json
from .test_privacy import package_bytes

WORDING = default_wording()

REMOVED = "[name removed]"
#: The dated note a closed session keeps (words a reader of the minutes sees).
NAME_REMOVED_NOTE = "A name was removed at the person's request."


def records(data_dir: Path, session_id: str) -> dict[str, dict]:
    """Every record of a session file by id (TinyDB's own numbering aside)."""
    tables = session_json(data_dir, session_id)
    out = {}
    for name, table in tables.items():
        for doc in table.values():
            key = doc.get("id") or doc.get("person_id") or name
            out[f"{name}:{key}"] = doc
    return out


def will_folder(data_dir: Path) -> dict[str, str]:
    """The demo, plus Will (who never came to its sessions) and a session he came to."""
    with open_store(data_dir) as store:
        add_demo(Service(store))
        group = store.groups.groups()[0]
        will = Service(store).groups.add_person(group.id, name="Will", role="carer")
        ann = Service(store).groups.add_person(group.id, name="Ann Lee", role="family")
        Service(store).groups.update_group(group.id, purpose=group.purpose + " We will meet monthly.")
        file = Service(store).create_session(group.id, "Will's first meeting")
        file.start()
        file.mark(will.id, "present")
        file.mark(ann.id, "present")
        file.add_idea("Will said the days will run long; we will see", raised_by="person",
                      person_id=will.id)
        file.add_idea("Ann: we will need more rooms", raised_by="person", person_id=ann.id)
        file.add_decision("We will paint it green", "Will and Ann agreed; it will be calm")
        file.close(NextMeeting(note="Will brings cake; we will bring tea"))
        ids = {"will": will.id, "first": file.id}
        file.release()
        ids["demo"] = [s.id for s in store.summaries() if s.id != file.id]
    return ids


def test_forgetting_will_leaves_the_word_will_alone(data_dir):
    ids = will_folder(data_dir)
    demo_files = {sid: (data_dir / "sessions" / f"{sid}.json").read_bytes()
                  for sid in ids["demo"]}
    assert any(b"How the days will run" in raw for raw in demo_files.values())

    with open_store(data_dir) as store:
        report = Service(store).forget("Will")
    # Sessions Will never attended, where his name is never written: not one byte changed.
    for sid, raw in demo_files.items():
        assert (data_dir / "sessions" / f"{sid}.json").read_bytes() == raw
    with open_store(data_dir) as store:
        assert store.groups.groups()[0].purpose.endswith(" We will meet monthly.")
        data = store.snapshot(ids["first"])
    assert [i.text for i in data.ideas] == [
        f"{REMOVED} said the days will run long; we will see", "Ann: we will need more rooms"]
    assert data.decisions[0].text == "We will paint it green"
    assert data.decisions[0].reasons == f"{REMOVED} and Ann agreed; it will be calm"
    assert data.session.title == f"{REMOVED}'s first meeting"
    assert data.session.next_meeting.note == f"{REMOVED} brings cake; we will bring tea"
    assert not any("How the days" in line for line in report.lines)


def test_forgetting_ed_never_touches_words_ids_or_a_damaged_file(data_dir):
    with open_store(data_dir) as store:
        group = Service(store).groups.add_group(name="Education forum", purpose="Credited work")
        ed = Service(store).groups.add_person(group.id, name="Ed")
        # Ids of hex digits often hold "ed": none may change.
        dee = Person(name="Dee Reed", id="edededededededededededededededed")
        Service(store).groups.adopt(group, [dee])  # joins the roster with its own id
        file = Service(store).create_session(group.id, "Education and credit", venue="Shed")
        file.start()
        file.mark(ed.id, "present")
        file.mark(dee.id, "present")
        file.add_idea("Ed wants education; ED agreed. Edward disagreed. created_at",
                      raised_by="person", person_id=dee.id)
        sid = file.id
        file.release()
    raw = (data_dir / "sessions" / f"{sid}.json").read_bytes()
    aside = data_dir / "set-aside"
    aside.mkdir()
    damaged = aside / f"{sid}.json.20260101-000000"
    damaged.write_bytes(raw[:-40])  # cut short: coprod cannot parse it
    readable = aside / "old-index.json.20260101-000000"
    # A copy that names Ed (his attendance), so a name that is also a word ("ed") is
    # looked for in it too.
    readable.write_text(json.dumps({"rows": [{"title": "Ed and education", "id": dee.id,
                                              "created_at": "ed", "note": "Edward"}],
                                    "attendance": [{"person_id": ed.id}]}))

    with open_store(data_dir) as store:
        report = Service(store).forget("Ed")

    assert damaged.read_bytes() == raw[:-40]  # never rewritten byte by byte
    assert any(damaged.name in line and "cannot be read" in line for line in report.lines)
    assert json.loads(readable.read_text()) == {"rows": [
        {"title": f"{REMOVED} and education", "id": dee.id, "created_at": "ed",
         "note": "Edward"}], "attendance": []}
    data = session_json(data_dir, sid)
    (idea,) = data["ideas"].values()
    assert idea["text"] == (f"{REMOVED} wants education; {REMOVED} agreed. Edward "
                            "disagreed. created_at")
    assert idea["person_id"] == dee.id
    assert data["session"]["1"]["title"] == "Education and credit"
    assert data["session"]["1"]["venue"] == "Shed"
    # Ed still came (the meeting's counts stay true), as someone unnamed.
    kept = {a["person_id"]: a["forgotten"] for a in data["attendance"].values()}
    assert kept.pop(dee.id) is False
    assert list(kept.values()) == [True] and ed.id not in kept
    with open_store(data_dir) as store:
        assert store.groups.groups()[0].purpose == "Credited work"
        assert set(store.groups.people()) == {dee.id}


def test_sessions_they_never_attended_change_only_where_their_full_name_is_written(data_dir):
    with open_store(data_dir) as store:
        group = Service(store).groups.add_group(name="Group")
        maya = Service(store).groups.add_person(group.id, name="Maya Okafor")
        other = Service(store).groups.add_person(group.id, name="Tom Reilly")
        files = {}
        for key, text in (("named", "As Maya Okafor said, and Maya agreed"),
                          ("first name only", "Maya (another Maya) said so"),
                          ("none", "Nothing about anyone")):
            file = Service(store).create_session(group.id, f"Meeting: {key}")
            file.start()
            file.mark(other.id, "present")
            file.add_idea(text)
            files[key] = file.id
            file.release()
        file = Service(store).create_session(group.id, "Maya came")
        file.start()
        file.mark(maya.id, "present")
        file.add_idea("Maya said hello; Okafor again")
        files["attended"] = file.id
        file.release()
    before = {key: records(data_dir, sid) for key, sid in files.items()}
    raw = {key: (data_dir / "sessions" / f"{sid}.json").read_bytes()
           for key, sid in files.items()}

    with open_store(data_dir) as store:
        Service(store).forget("Maya Okafor")

    for key in ("first name only", "none"):  # never there, full name never written
        assert (data_dir / "sessions" / f"{files[key]}.json").read_bytes() == raw[key]
    after = records(data_dir, files["named"])
    changed = {k for k in before["named"] if before["named"][k] != after[k]}
    assert len(changed) == 1
    assert after[changed.pop()]["text"] == f"As {REMOVED} said, and Maya agreed"
    (idea,) = session_json(data_dir, files["attended"])["ideas"].values()
    assert idea["text"] == f"{REMOVED} said hello; {REMOVED} again"


def test_a_dry_run_reports_everything_and_changes_no_byte(tmp_path):
    data_dir = tmp_path / "data"
    ids = will_folder(data_dir)
    # A room view's hand-over file, which a real run removes and a dry run leaves.
    with open_store(data_dir) as store:
        Service(store).room.follow(ids["first"], "close")
    assert (data_dir / "room.json").exists()
    # A damaged session still in sessions/, which a real run sets aside first.
    raw = (data_dir / "sessions" / f"{ids['first']}.json").read_bytes()
    (data_dir / "sessions" / "0badc0de0badc0de0badc0de0badc0de.json").write_bytes(raw[:-9])
    before = folder_bytes(data_dir)

    dry = run_cli("forget", "Will", "--dry-run", data_dir=data_dir)
    assert dry.returncode == 0, dry.stderr
    assert folder_bytes(data_dir) == before  # every file, every byte, every name
    assert "nothing was changed" in dry.stdout

    real = run_cli("forget", "Will", "--yes", data_dir=data_dir)
    assert real.returncode == 0, real.stderr
    assert folder_bytes(data_dir) != before
    dry_lines = [line.replace("sessions/0badc0de", "set-aside/0badc0de")
                 for line in dry.stdout.splitlines()[1:]]
    real_lines = real.stdout.splitlines()[1:]
    # The same changes, told the same way (the damaged file is listed in both).
    assert [line.split(".json")[0] for line in dry_lines] == \
        [line.split(".json")[0] for line in real_lines]
    assert any("0badc0de" in line and "cannot be read" in line for line in real_lines)
    assert any(line.startswith("- room.json: ") for line in real_lines)
    assert not (data_dir / "room.json").exists()
    # Fields are named as the minutes name them (words.FIELD_WORDS).
    for line in (f"- Session '{REMOVED}'s first meeting' ", "idea 1 ", "the wording",
                 "decision 1 'We will paint it green': the reasons",
                 "the next meeting"):
        assert line in real.stdout, line


def test_a_closed_session_keeps_a_dated_note_without_the_name(data_dir):
    ids = will_folder(data_dir)
    with open_store(data_dir) as store:
        Service(store).forget("Will")
        data = store.snapshot(ids["first"])
        sentences = [str(n) for n in describe_corrections(data)]
        minutes = render(data, "minutes", WORDING)
    notes = [c for c in data.corrections if c.note == NAME_REMOVED_NOTE]
    assert {(c.record_kind, c.field_name) for c in notes} == {
        ("session", "title"), ("session", "next_meeting"), ("ideas", "text"),
        ("decisions", "reasons")}
    assert all(c.old is None and c.new is None and c.at for c in notes)
    assert all("a name was removed from" in s and "Will" not in s for s in sentences)
    package = package_bytes(minutes)
    assert b"Will" not in package
    assert b"Note: A name was removed at the person's request." in package


def test_an_interrupted_forget_can_be_run_again_without_notes_twice(data_dir):
    ids = will_folder(data_dir)
    with open_store(data_dir) as store:
        Service(store).forget("Will")
    with open_store(data_dir) as store:  # the person is gone: nothing more to do
        first = store.snapshot(ids["first"]).corrections
    # Put the person back on the list, as if the run had been killed before the end.
    with open_store(data_dir) as store:
        group = store.groups.groups()[0]
        Service(store).groups.adopt(group, [Person(name="Will", id=ids["will"], role="carer")])
        report = Service(store).forget("Will")
        assert store.snapshot(ids["first"]).corrections == first
    assert not any("their name removed" in line for line in report.lines)


def test_a_field_at_its_length_limit_stays_within_it(data_dir):
    with open_store(data_dir) as store:
        group = Service(store).groups.add_group(name="G")
        ed = Service(store).groups.add_person(group.id, name="Ed")
        title = ("Ed and " * 60)[:300].strip()
        file = Service(store).create_session(group.id, title)
        file.start()
        file.mark(ed.id, "present")
        sid = file.id
        file.release()
        Service(store).forget("Ed")  # "[name removed]" would not fit: a shorter stand-in does
    with open_store(data_dir) as store:
        assert store.problems == []
        title = store.snapshot(sid).session.title
    assert len(title) <= 300 and "Ed" not in title and title.count(" and ") == 42


# -- the property: for any session and any person ---------------------------------------

@st.composite
def folders(draw):
    """People (names that are words, and others) and sessions full of their names."""
    names = draw(st.lists(nt.person_names, min_size=2, max_size=4))
    phones = {f"07700 900{n:03d}": n for n in range(len(names))}
    sessions = []
    for _ in range(draw(st.integers(1, 3))):
        present = draw(st.lists(st.integers(0, len(names) - 1), unique=True, max_size=3))
        credited = draw(st.sampled_from([None, *present])) if present else None
        sessions.append({
            "present": present, "credited": credited,
            "closed": draw(st.booleans()),
            "idea": draw(nt.texts(names, phones)), "reasons": draw(nt.texts(names, phones)),
            "views": draw(nt.texts(names, phones)), "comment": draw(nt.texts(names, phones)),
            "owner": draw(st.sampled_from(names)),
        })
    return {"names": names, "sessions": sessions, "phones": phones,
            "purpose": draw(nt.texts(names, phones)),
            "victim": draw(st.integers(0, len(names) - 1)),
            "seps": draw(st.lists(st.sampled_from(nt.SEPARATORS), min_size=1, max_size=4))}


def removed_forms(victim: str, others: list[str], linked: bool) -> dict[tuple, str]:
    """The spec, written out: the whole name everywhere (unless it is one word that is
    also a word: "May"); that one word, and the first or last name alone, only where
    the person took part, and then only if no one else in the group has it."""
    mine = nt.forms(victim)
    whole = nt.key(victim)
    word = len(whole) == 1 and nt.ordinary(tuple(victim.split()))
    out = {} if word else {whole: "whole"}
    if linked:
        taken = {k for other in others for k in nt.forms(other)}
        out.update({k: kind for k, kind in mine.items()
                    if (kind != "whole" or word) and k not in taken})
    return out


def test_forget_changes_only_their_records_and_their_name_as_a_name():
    @hypothesis_settings(quick=25, full=400)
    @given(folder=folders())
    def run(folder):
        root = Path(tempfile.mkdtemp(prefix="h12-forget-"))
        try:
            check(root / "data", folder)
        finally:
            shutil.rmtree(root)

    run()


def check(data_dir: Path, f: dict) -> None:
    names, seps = f["names"], f["seps"]
    with open_store(data_dir) as store:
        group = Service(store).groups.add_group(name="Group",
                                                purpose=nt.render(f["purpose"], seps))
        people = [Service(store).groups.add_person(group.id, name=n, role="carer", contact=phone)
                  for n, phone in zip(names, f["phones"])]
        sids = []
        for s in f["sessions"]:
            file = Service(store).create_session(group.id, "Meeting", purpose="")
            file.start()
            for i in s["present"]:
                file.mark(people[i].id, "present")
            credited = people[s["credited"]] if s["credited"] is not None else None
            file.add_idea(nt.render(s["idea"], seps), raised_by="person" if credited else "chat",
                          person_id=credited.id if credited else None)
            file.add_decision("Decided", nt.render(s["reasons"], seps), method="most",
                              differing_views=nt.render(s["views"], seps))
            file.add_action("Do it", owner=s["owner"])
            file.add_feedback(3, nt.render(s["comment"], seps))
            if s["closed"]:
                file.close()
            sids.append(file.id)
            file.release()
    victim = people[f["victim"]]
    others = [n for i, n in enumerate(names) if i != f["victim"]]
    phone = next(p for p, n in f["phones"].items() if n == f["victim"])
    before = {sid: records(data_dir, sid) for sid in sids}
    raw = {sid: (data_dir / "sessions" / f"{sid}.json").read_bytes() for sid in sids}

    with open_store(data_dir) as store:
        Service(store).forget(victim.id)

    parts = tuple(victim.name.split())
    last = nt.key(parts[-1:]) if len(parts) > 1 else None

    def expect(tokens, linked):
        forms = removed_forms(victim.name, others, linked)
        # Other people's whole names are known, so an address that is theirs stays.
        known = dict(forms)
        for other in others:
            known.setdefault(nt.key(other), "other")

        def new(token, _before):
            if token.kind == "contact":
                return REMOVED if token.text == phone else None
            if token.kind == "address":
                held = set(nt.key(token.words))
                fits = [k for k in known if set(k) <= held]
                longest = max(map(len, fits), default=0)
                return REMOVED if any(len(k) == longest and known[k] != "other"
                                      for k in fits) else None
            kind = forms.get(nt.key(token.words))
            # A plural ("the Dvořáks") is of the last name, also where the first name is
            # the same word (forms keeps "first" for it).
            if kind is None or (token.variant == "plural" and nt.key(token.words) != last):
                return None
            return REMOVED
        return nt.render(tokens, seps, new)

    with open_store(data_dir) as store:
        assert store.groups.groups()[0].purpose == expect(f["purpose"], True)
        assert victim.id not in store.groups.people()
    for sid, s in zip(sids, f["sessions"]):
        linked = f["victim"] in s["present"]
        owner = [nt.Token("name", s["owner"], tuple(s["owner"].split()), "as stored")]
        wanted = {"ideas": {"text": expect(s["idea"], linked)},
                  "decisions": {"reasons": expect(s["reasons"], linked),
                                "differing_views": expect(s["views"], linked)},
                  "actions": {"owner": expect(owner, linked)},
                  "feedback": {"comment": expect(s["comment"], linked)}}
        after = records(data_dir, sid)
        old = before[sid]
        changed_fields = 0
        for key, doc in old.items():
            table = key.split(":")[0]
            if table == "attendance" and doc["person_id"] == victim.id:
                assert key not in after
                # They still came: kept under an id that leads to no one, role only.
                (stand_in,) = [d for k, d in after.items() if k.startswith("attendance:")
                               and k not in old]
                assert (stand_in["forgotten"], stand_in["role"], stand_in["status"]) == (
                    True, doc["role"], doc["status"])
                continue
            new = dict(after[key])
            for name, value in wanted.get(table, {}).items():
                assert new[name] == value, (table, name)
                if doc[name] != value:
                    changed_fields += 1
                new[name] = doc[name]
            if table == "ideas" and doc["person_id"] == victim.id:
                assert (new["person_id"], new["raised_by"]) == (None, "removed")
                new["person_id"], new["raised_by"] = doc["person_id"], doc["raised_by"]
            assert new == doc, key  # nothing else about any record changed
        notes = [d for k, d in after.items() if k not in old
                 and not k.startswith("attendance:")]
        assert all(n["note"] == NAME_REMOVED_NOTE and n["old"] is None and n["new"] is None
                   for n in notes)
        assert len(notes) == (changed_fields if s["closed"] else 0)
        if not linked and not changed_fields:
            path = data_dir / "sessions" / f"{sid}.json"
            assert path.read_bytes() == raw[sid]  # a session without them: every byte kept
    assert all(victim.id.encode() not in p.read_bytes() for p in every_file(data_dir))
