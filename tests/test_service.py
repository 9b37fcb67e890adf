"""The service: every verb saves durably; a refused one names its field and changes
nothing; a failed save keeps memory equal to the disk; nothing but the contract's
three errors escapes."""

from __future__ import annotations

import errno
import json
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coprod_tui.errors import NotFound, SaveError, ValidationError
from coprod_tui.model import NextMeeting
from coprod_tui.service import Service
from coprod_tui.store import atomic, open_store
from coprod_tui.store.session_file import TABLES, SessionFile


def on_disk(service: Service, session_id: str) -> dict:
    """What a fresh reader finds on disk: the session and each table, as stored."""
    with open_store(service.root, read_only=True) as fresh:
        file = fresh.session(session_id)
        return {"session": file.session.to_dict(),
                **{t: [r.to_dict() for r in file.rows(t)] for t in TABLES},
                "groups": [g.to_dict() for g in fresh.groups.groups()],
                "people": sorted(p.to_dict()["id"] for p in fresh.groups.people().values())}


def in_memory(service: Service, session_id: str) -> dict:
    session = service.session(session_id)
    return {"session": session.session.to_dict(),
            **{t: [r.to_dict() for r in session.rows(t)] for t in TABLES},
            "groups": [g.to_dict() for g in service.groups.groups()],
            "people": sorted(service.groups.people())}


@pytest.fixture
def live(service, group, people):
    """A running session with an agenda, everyone present, an idea and a decision."""
    session = service.create_session(group.id, "Bus stops")
    session.add_agenda_item("Routes", 20)
    session.add_agenda_item("Any other business", 5)
    session.start(first_item=True)
    for person in people[:3]:
        session.mark(person.id, "present")
    return session


# -- every verb is on disk when it returns ---------------------------------------------------

VERBS = {
    "update_details": lambda s, p: s.update_details(venue="Town Hall", methods=["workshop"]),
    "set_next_meeting": lambda s, p: s.set_next_meeting(date="2026-05-01", venue="Library"),
    "tick": lambda s, p: s.tick("pre", "scope", True, "Agreed with the commissioner"),
    "add_agenda_item": lambda s, p: s.add_agenda_item("Lunch", 30),
    "move_agenda_item": lambda s, p: s.move_agenda_item(s.session.agenda[0].id, 1),
    "remove_agenda_item": lambda s, p: s.remove_agenda_item(s.session.agenda[1].id),
    "edit_agenda_item": lambda s, p: s.edit_agenda_item(s.session.agenda[0].id,
                                                        title="Routes and stops"),
    "go_to_item": lambda s, p: s.go_to_item(s.session.agenda[1].id),
    "set_attendance": lambda s, p: s.set_attendance(p[3].id, mode="online"),
    "mark": lambda s, p: s.mark(p[3].id, "apologies"),
    "mark_late": lambda s, p: s.mark_late(p[3].id),
    "mark_left": lambda s, p: s.mark_left(p[0].id),
    "agree_conduct": lambda s, p: s.agree_conduct(p[0].id, "later"),
    "agree_everyone": lambda s, p: s.agree_everyone(),
    "withdraw_conduct": (lambda s, p: s.agree_conduct(p[0].id),
                         lambda s, p, a: s.withdraw_conduct(a.person_id)),
    "raise_hand": lambda s, p: s.raise_hand(p[1].id, "point_of_order"),
    "next_speaker": lambda s, p: (s.raise_hand(p[1].id), s.next_speaker()),
    "skip_speaker": (lambda s, p: s.raise_hand(p[1].id), lambda s, p, _: s.skip_speaker()),
    "record_turn": lambda s, p: s.record_turn(p[2].id),
    "add_idea": lambda s, p: s.add_idea("Benches", raised_by="person", person_id=p[0].id),
    "add_decision": lambda s, p: s.add_decision("Benches", "Standing is hard",
                                                idea_ids=[s.add_idea("Benches").id]),
    "add_action": lambda s, p: s.add_action("Write to them", owner_person_id=p[2].id,
                                            due="2026-04-01"),
    "set_action_status": lambda s, p: s.set_action_status(
        s.add_action("Write").id, "done", outcome="Written"),
    "mark_told_back": lambda s, p: s.mark_told_back(s.set_action_status(
        s.add_action("Write").id, "not_able", reason="No budget").id),
    "correct": lambda s, p: s.correct("idea", s.add_idea("Bench").id, text="Benches",
                                      note="a typo"),
    "add_feedback": lambda s, p: s.add_feedback(4, "Heard", person_id=p[0].id),
    "remove_feedback": (lambda s, p: s.add_feedback(2),
                        lambda s, p, card: s.remove_feedback(card.id)),
    "set_audit": lambda s, p: s.set_audit(6, ["no", "yes"], "Time clash", "Try evenings"),
    "close": lambda s, p: s.close(NextMeeting(date="2026-05-01")),
}


@pytest.mark.parametrize("verb", VERBS)
def test_each_session_verb_is_on_disk_when_it_returns(service, live, people, verb):
    run = VERBS[verb]
    if isinstance(run, tuple):  # (what the verb needs first, the verb)
        prepared = run[0](live, people)
        before = in_memory(service, live.id)
        run[1](live, people, prepared)
    else:
        before = in_memory(service, live.id)
        run(live, people)
    after = in_memory(service, live.id)
    assert after != before, "the verb changed nothing"
    assert on_disk(service, live.id) == after


GROUP_VERBS = {
    "add_group": lambda g, grp, p: g.add_group("Parents Forum", conduct="Be kind"),
    "update_group": lambda g, grp, p: g.update_group(grp.id, purpose="New purpose"),
    "amend_conduct": lambda g, grp, p: g.amend_conduct(grp.id, "Be kind\nListen", "Asked"),
    "add_person": lambda g, grp, p: g.add_person(grp.id, name="Eve Hart", role="family"),
    "update_person": lambda g, grp, p: g.update_person(p[0].id, organisation="Council"),
}


@pytest.mark.parametrize("verb", GROUP_VERBS)
def test_each_group_verb_is_on_disk_when_it_returns(service, live, group, people, verb):
    before = (service.groups.groups(), service.groups.people())
    GROUP_VERBS[verb](service.groups, group, people)
    assert (service.groups.groups(), service.groups.people()) != before
    with open_store(service.root, read_only=True) as fresh:
        assert fresh.groups.groups() == service.groups.groups()
        assert fresh.groups.people() == service.groups.people()


def test_follow_up_verbs_change_the_session_and_the_session_list(service, live, people):
    action = live.add_action("Write to the transport team")
    live.close()
    live.release()
    follow = service.follow_up
    follow.mark_done(live.id, action.id, "Letter sent")
    assert {s.id: s.actions_open for s in service.summaries()}[live.id] == 0
    follow.mark_told_back(live.id, action.id)
    follow.reopen(live.id, action.id)
    (again,) = on_disk(service, live.id)["actions"]
    assert (again["status"], again["outcome"], again["communicated_back_at"]) == (
        "open", "", None)
    assert {s.id: s.actions_open for s in service.summaries()}[live.id] == 1
    # Follow-up of a closed session is not a correction of the record.
    assert on_disk(service, live.id)["corrections"] == []


# -- a refusal names its field and changes nothing -----------------------------------------

REFUSED = {
    "reasons": lambda s, p: s.add_decision("Paint it", "   "),
    "text": lambda s, p: s.add_idea("  "),
    "date": lambda s, p: s.update_details(date="14/3"),
    "start": lambda s, p: s.update_details(start="half ten"),
    "status": lambda s, p: s.update_details(status="closed"),
    "title": lambda s, p: s.add_agenda_item("", 10),
    "planned_min": lambda s, p: s.add_agenda_item("Lunch", 0),
    "level": lambda s, p: s.add_feedback(5),
    "will_change": lambda s, p: s.set_audit(2, ["no"]),
    "votes_for": lambda s, p: s.add_decision("Paint it", "Cheap", method="vote"),
    "idea_ids": lambda s, p: s.add_decision("Paint it", "Cheap", idea_ids=["0" * 32]),
    "source_id": lambda s, p: s.add_action("Buy paint", source_kind="idea",
                                           source_id="0" * 32),
    "outcome": lambda s, p: s.set_action_status(s.actions()[0].id, "done", outcome=" "),
    "reason": lambda s, p: s.set_action_status(s.actions()[0].id, "not_able"),
    "communicated_back_at": lambda s, p: s.mark_told_back(s.actions()[0].id),
    "left_at": lambda s, p: s.mark_left(p[3].id),
    "mode": lambda s, p: s.set_attendance(p[0].id, mode="by pigeon"),
}


@pytest.mark.parametrize("field", REFUSED)
def test_a_refused_verb_names_its_field_and_changes_nothing(service, live, people, field):
    live.add_action("Buy paint")
    before = on_disk(service, live.id)
    with pytest.raises(ValidationError) as refused:
        REFUSED[field](live, people)
    assert refused.value.field == field
    assert str(refused.value)  # a sentence to show
    assert on_disk(service, live.id) == before == in_memory(service, live.id)


def test_group_refusals_name_their_field(service, group):
    with pytest.raises(ValidationError) as same_name:
        service.groups.add_group("test group")
    assert same_name.value.field == "name"
    with pytest.raises(ValidationError) as same_code:
        service.groups.amend_conduct(group.id, "One at a time\nBe kind")
    assert same_code.value.field == "text"
    with pytest.raises(ValidationError) as no_name:
        service.groups.add_person(group.id, name=" ")
    assert no_name.value.field == "name"
    with pytest.raises(ValidationError) as not_a_field:
        service.groups.update_group(group.id, roster=[])
    assert not_a_field.value.field == "roster"


# -- a failed save -------------------------------------------------------------------------

def test_a_save_error_says_what_to_do_and_keeps_the_memory_state(service, live, people,
                                                                   monkeypatch):
    live.add_idea("kept")
    before = in_memory(service, live.id)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    for verb in (lambda: live.add_idea("lost"), lambda: live.raise_hand(people[0].id),
                 lambda: live.agree_everyone(), lambda: live.close(),
                 lambda: service.groups.add_person(None, name="Eve")):
        with pytest.raises(SaveError, match="disk is full.*Nothing was lost: free some"):
            verb()
        assert in_memory(service, live.id) == before
    monkeypatch.undo()
    assert on_disk(service, live.id) == before
    live.add_idea("saved once the disk has room")
    assert on_disk(service, live.id)["ideas"][-1]["text"] == "saved once the disk has room"


def test_a_disk_error_the_store_did_not_word_is_a_save_error(service, live, monkeypatch):
    live.release()

    def failing(self):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(SessionFile, "load", failing)
    with pytest.raises(SaveError, match="the disk reported an error"):
        live.session


# -- not found ------------------------------------------------------------------------------

def test_what_is_not_there_is_not_found(service, live, group):
    with pytest.raises(NotFound):
        service.session("0" * 32).session
    with pytest.raises(NotFound):
        live.correct("idea", "0" * 32, text="x")
    with pytest.raises(NotFound):
        live.remove_feedback("0" * 32)
    with pytest.raises(NotFound):
        live.go_to_item("0" * 32)
    with pytest.raises(NotFound):
        service.groups.group("0" * 32)
    with pytest.raises(NotFound):
        live.mark("0" * 32, "present")  # nobody with that id


def test_a_damaged_session_is_not_found_and_set_aside(service, live, data_dir):
    live.release()
    path = data_dir / "sessions" / f"{live.id}.json"
    path.write_text("{ half a file")
    with pytest.raises(NotFound, match="set-aside|not readable"):
        service.session(live.id).session
    assert not path.exists()
    assert len(list((data_dir / "set-aside").iterdir())) == 1


# -- the session's rules, applied by the verbs ----------------------------------------------

def test_a_point_of_order_goes_ahead_and_the_first_hand_speaks(live, people):
    ann, bob, cat, _ = people
    live.raise_hand(ann.id)
    live.raise_hand(bob.id)
    assert [h.person_id for h in live.raise_hand(cat.id, "point_of_order")] == [
        cat.id, ann.id, bob.id]
    assert [h.person_id for h in live.raise_hand(ann.id)] == [cat.id, bob.id, ann.id]
    turn = live.next_speaker()
    assert (turn.person_id, turn.kind) == (cat.id, "point_of_order")
    assert turn.agenda_item_id == live.session.agenda[0].id
    assert live.skip_speaker().person_id == bob.id
    assert [h.person_id for h in live.session.hands] == [ann.id]
    assert [t.person_id for t in live.turns()] == [cat.id]
    live.next_speaker()
    assert live.next_speaker() is None and live.skip_speaker() is None


def test_the_agenda_clock_moves_with_the_current_item(live):
    first, second = live.session.agenda
    start = datetime.now().astimezone()
    live.go_to_item(first.id, at=start)
    # It ran from the fixture's start until now: no time at all, or a second or two.
    already = live.session.item(first.id).spent_s
    assert 0 <= already < 60
    live.go_to_item(second.id, at=start + timedelta(minutes=7))
    session = live.session
    assert session.current_item_id == second.id
    # Stopped when the next began.
    assert session.item(first.id).elapsed_s() == already + 7 * 60
    live.go_to_item(first.id, at=start + timedelta(minutes=9))
    assert live.session.item(second.id).elapsed_s() == 2 * 60
    live.remove_agenda_item(first.id)
    assert live.session.current_item_id is None  # the running item left the agenda


def test_starting_and_closing_follow_the_lifecycle(service, group, people):
    planned = service.create_session(group.id, "Later")
    planned.add_agenda_item("Only item")
    assert planned.session.status == "planned"
    started = planned.start(first_item=True)
    assert started.status == "live" and started.current_item_id is not None
    assert planned.start() == started  # a running session keeps its start
    planned.raise_hand(people[0].id)
    closed = planned.close()
    assert (closed.status, closed.hands, closed.current_item_id) == ("closed", [], None)
    assert closed.item(closed.agenda[0].id).running_since is None
    with pytest.raises(ValidationError, match="already closed"):
        planned.close()
    with pytest.raises(ValidationError, match="cannot be started again"):
        planned.start()


def test_after_closing_changes_are_dated_corrections_and_nothing_is_deleted(live, people):
    idea = live.add_idea("Blue walls")
    live.close()
    live.correct("idea", idea.id, text="Green walls", note="misheard")
    live.update_details(title="Bus stops review")
    live.set_attendance(people[0].id, role="carer")
    fixes = {(c.record_kind, c.field_name): (c.old, c.new, c.note) for c in live.corrections()}
    assert fixes == {("ideas", "text"): ("Blue walls", "Green walls", "misheard"),
                     ("session", "title"): ("Bus stops", "Bus stops review", ""),
                     ("attendance", "role"): ("uses_services", "carer", "")}
    live.set_next_meeting(date="2026-07-01")  # a plan for later: not a correction
    assert len(live.corrections()) == 3
    with pytest.raises(ValidationError, match="closed"):
        live.tick("involvement", "conduct", True)  # the record of the meeting: locked


def test_everyone_agrees_in_one_write_and_only_those_waiting(service, live, people,
                                                           monkeypatch):
    live.agree_conduct(people[0].id, "later")
    writes = []
    real = atomic.write_atomic
    monkeypatch.setattr(atomic, "write_atomic",
                        lambda *a, **k: (writes.append(a[0]), real(*a, **k)))
    assert live.agree_everyone() == 2
    # One write of the session; the group notes once that it agreed its code that day.
    assert sum(1 for p in writes if p.parent.name == "sessions") == 1
    assert [p.name for p in writes if p.parent.name != "sessions"] == ["groups.json"]
    how = {a.person_id: a.conduct_how for a in live.attendance() if a.present}
    assert how == {people[0].id: "later", people[1].id: "agreed", people[2].id: "agreed"}


def test_a_new_session_starts_from_its_groups_purpose(service, group):
    session = service.create_session(group.id, "Next one", date="2026-06-01")
    session.start()
    assert session.session.purpose == "Shape the service"
    assert [s.title for s in service.summaries(group.id)] == ["Next one"]


# -- the lock: a worker thread and the screen take turns -------------------------------------

def test_a_worker_reading_while_the_screen_saves_sees_whole_states(service, live, people):
    from coprod_tui.review import SessionFilter

    problems: list[BaseException] = []
    stop = threading.Event()

    def worker() -> None:
        while not stop.is_set():
            try:
                service.find(SessionFilter(text="bench"))
                service.group_history(live.session.group_id)
            except BaseException as exc:  # noqa: BLE001 - any failure is the finding
                problems.append(exc)
                return

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        for n in range(60):
            live.add_idea(f"bench {n}")
            live.raise_hand(people[n % 3].id)
            live.next_speaker()
    finally:
        stop.set()
        thread.join(timeout=60)
    assert problems == []
    assert len(on_disk(service, live.id)["ideas"]) == 60


# -- the demo, as data, through the service ------------------------------------------------

def test_the_demo_is_its_data_file_added_through_the_service(service, data_dir):
    from coprod_tui.demo import GROUP_ID, add_demo

    added = add_demo(service)
    assert len(added) == 4 and "9 people" in added[0]
    assert add_demo(service) == []  # idempotent: fixed ids
    data = json.loads((Path(__file__).parents[1] / "coprod_tui" / "demo.json").read_text())
    group = service.groups.group(GROUP_ID)
    assert group.name == data["group"]["name"] and len(group.roster) == 9
    sessions = sorted(service.summaries(GROUP_ID), key=lambda s: s.date)
    assert [s.title for s in sessions] == [e["session"]["title"] for e in data["sessions"]]
    for entry, summary in zip(data["sessions"], sessions, strict=True):
        stored = service.snapshot(summary.id)
        assert [i.text for i in stored.ideas] == [i["text"] for i in entry["ideas"]]
        assert [a.outcome for a in stored.actions] == [a.get("outcome", "")
                                                      for a in entry["actions"]]
        assert stored.session.status == "closed"


def test_a_code_is_agreed_by_the_group_on_the_day_people_first_agree_it(store):
    """Issue 13: a code written for a September meeting is not "agreed" on the day it
    was typed, nor before anyone agreed: the group agreed it on the meeting's day."""
    from coprod_tui.service import Service

    service = Service(store)
    group = service.groups.add_group(name="Parents forum", conduct="Listen")
    assert group.current_conduct.agreed_on == ""
    ann = service.groups.add_person(group.id, name="Ann Lee")
    bob = service.groups.add_person(group.id, name="Bob Stone")
    file = service.create_session(group.id, "September", date="2026-09-10")
    file.start()
    file.mark(ann.id, "present")
    file.agree_conduct(ann.id, "later")
    assert service.groups.group(group.id).current_conduct.agreed_on == ""  # not at it
    file.mark(bob.id, "present")
    file.agree_conduct(bob.id)
    assert service.groups.group(group.id).current_conduct.agreed_on == "2026-09-10"
    later = service.create_session(group.id, "October", date="2026-10-08")
    later.start()
    later.mark(ann.id, "present")
    later.agree_conduct(ann.id)
    assert service.groups.group(group.id).current_conduct.agreed_on == "2026-09-10"  # kept
