"""``coprod forget`` takes the whole person and only the person (attack findings F5, F6).

* F5: after forgetting Sam Whitfield, another person's name "Joan (Sam
  Whitfield's mum)" still held his name in groups.json and its backup copy;
* F6: forgetting "May" rewrote "All three actions from May were reported back"
  in a session of another group; forgetting "May Chen" rewrote "12 May", "3 May
  at the library" and "Plan for May"; and forgetting Sam Whitfield left his
  email address, "sam about the bus" and "Sam-led" behind.
"""

from __future__ import annotations

import json

from coprod_tui.demo import add_demo
from coprod_tui.model import NextMeeting
from coprod_tui.service import Service
from coprod_tui.store import open_store
from tests.conftest import run_cli

from .conftest import folder_bytes, session_json

REMOVED = "[name removed]"


def riverside(data_dir):
    """The attacker's folder (mk.py): Sam, May and Maya at one closed session."""
    with open_store(data_dir) as store:
        service = Service(store)
        group = service.groups.add_group(name="Riverside", purpose="Shape the service",
                                         conduct="Be kind")
        sam = service.groups.add_person(group.id, name="Sam Whitfield", role="carer",
                                        contact="07700 900123")
        may = service.groups.add_person(group.id, name="May Chen", role="uses_services")
        named = service.groups.add_person(group.id, name="Maya Named", role="uses_services",
                                          consent_to_be_named=True)
        file = service.create_session(group.id, "Catch-up with Sam Whitfield",
                                      purpose="Plan for May")
        for person in (sam, may, named):
            file.mark(person.id, "present")
        file.add_idea("ask sam about the bus; sam whitfield agreed. Email "
                      "sam.whitfield@council.gov.uk or ring 07700900123. Sam-led walk.")
        file.add_idea("We meet again on 12 May. Mark the date. In May the garden opens. "
                      "May asked for shade.")
        file.start()
        file.close(NextMeeting(note="Next on 3 May at the library"))
        sid = file.id
        file.release()
    return sid


def test_f6_forget_takes_every_way_the_person_is_written_and_leaves_dates(data_dir):
    sid = riverside(data_dir)
    with open_store(data_dir) as store:
        service = Service(store)
        service.forget("Sam Whitfield")
        service.forget("May Chen")
        data = service.snapshot(sid)
    assert [i.text for i in data.ideas] == [
        f"ask {REMOVED} about the bus; {REMOVED} agreed. Email {REMOVED} or ring {REMOVED}. "
        f"{REMOVED}-led walk.",
        f"We meet again on 12 May. Mark the date. In May the garden opens. {REMOVED} asked "
        "for shade."]
    assert data.session.purpose == "Plan for May"
    assert data.session.next_meeting.note == "Next on 3 May at the library"
    everything = folder_bytes(data_dir).lower()
    for gone in (b"whitfield", b"900123", b"may chen", b"sam about", b"sam-led"):
        assert gone not in everything, gone


def test_f6_a_name_that_is_a_word_is_only_taken_where_the_person_took_part(data_dir):
    with open_store(data_dir) as store:
        service = Service(store)
        add_demo(service)
        other = service.groups.add_group(name="Other group")
        may = service.groups.add_person(other.id, name="May", role="carer")
        file = service.create_session(other.id, "May's first meeting")
        file.mark(may.id, "present")
        file.add_idea("May said the rooms are cold")
        sid = file.id
        file.release()
        demo = [s.id for s in service.summaries() if s.id != sid]
    raw = {s: (data_dir / "sessions" / f"{s}.json").read_bytes() for s in demo}
    assert any(b"All three actions from May were reported back" in r for r in raw.values())

    dry = run_cli("forget", "May", "--dry-run", data_dir=data_dir)
    assert dry.returncode == 0, dry.stderr
    assert "Rooms, colours and the garden" not in dry.stdout
    real = run_cli("forget", "May", "--yes", data_dir=data_dir)
    assert real.returncode == 0, real.stderr
    for s, before in raw.items():  # the demo group's sessions: not one byte changed
        assert (data_dir / "sessions" / f"{s}.json").read_bytes() == before
    (idea,) = session_json(data_dir, sid)["ideas"].values()
    assert idea["text"] == f"{REMOVED} said the rooms are cold"


def test_f5_forget_takes_the_name_out_of_other_peoples_names_too(data_dir):
    with open_store(data_dir) as store:
        service = Service(store)
        group = service.groups.add_group(name="Riverside")
        sam = service.groups.add_person(group.id, name="Sam Whitfield", role="uses_services")
        joan = service.groups.add_person(group.id, name="Joan (Sam Whitfield's mum)",
                                         role="family", consent_to_be_named=True)
        will = service.groups.add_person(group.id, name="Sam Jones", role="carer")
        file = service.create_session(group.id, "Spring meeting")
        for person in (sam, joan, will):
            file.mark(person.id, "present")
        file.add_idea("More buses, said Joan (Sam Whitfield's mum) and Sam Jones",
                      raised_by="person", person_id=joan.id)
        sid = file.id
        file.release()
    # An earlier copy of groups.json, as the app keeps one.
    (data_dir / "backups").mkdir(exist_ok=True)
    (data_dir / "backups" / "groups.previous.json").write_bytes(
        (data_dir / "groups.json").read_bytes())

    with open_store(data_dir) as store:
        service = Service(store)
        service.forget("Sam Whitfield")
        people = {p.id: p.name for p in service.groups.people().values()}
        data = service.snapshot(sid)
    assert people == {joan.id: f"Joan ({REMOVED}'s mum)", will.id: "Sam Jones"}
    assert data.ideas[0].text == f"More buses, said Joan ({REMOVED}'s mum) and Sam Jones"
    everything = folder_bytes(data_dir)
    assert b"Whitfield" not in everything
    previous = json.loads((data_dir / "backups" / "groups.previous.json").read_text())
    assert "Whitfield" not in json.dumps(previous)
