"""What the room view may see (issue 15): the hand-over file, at every step and mode.

No Textual here: these read ``room.json`` as the room view would, from a data
folder the service wrote.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timedelta

import pytest

from coprod_tui.report import session_report
from coprod_tui.room import (
    HANDOVER_FILE, PAGES, Clock, Handover, RoomView, Watcher, encode, read_handover,
)
from coprod_tui.room.content import MOST_CHARS, clock_digits, clock_words, hands_words
from coprod_tui.room.handover import CLOSED, SHOWING, WAITING
from coprod_tui.service import Service
from coprod_tui.templates import default_wording

STEPS = list(PAGES)


@pytest.fixture
def meeting(service: Service, group, people):
    ann, bob, cat, dan = people
    session = service.create_session(group.id, "Bus times", date="2026-05-14",
                                     purpose="Bob Stone asked for this meeting.")
    session.add_agenda_item("Getting there", 20)
    for person in people:
        session.mark(person.id, "present")
        session.set_attendance(person.id, consent_to_be_named=person.consent_to_be_named)
    session.start(first_item=True)
    first = session.add_idea("Bob Stone and Dan Park both need the 8:40 bus.",
                             raised_by="person", person_id=bob.id)
    session.add_idea("Ann Lee: a shelter at the stop.", raised_by="person", person_id=ann.id)
    decision = session.add_decision("Ask for an 8:40 bus", "Bob said he is late every day",
                                    idea_ids=[first.id])
    session.add_action("Write to the bus company", owner_person_id=bob.id,
                       source_kind="decision", source_id=decision.id)
    session.add_action("Tell Dan what they say", owner="Dan Park")
    session.raise_hand(bob.id)
    session.raise_hand(ann.id, "point_of_order")
    session.next_speaker()  # Ann (a point of order goes first) has the floor
    return session.id


def written(service: Service, data_dir) -> bytes:
    return (data_dir / HANDOVER_FILE).read_bytes()


@pytest.mark.parametrize("mode", ["standard", "large", "easy_read"])
@pytest.mark.parametrize("step", STEPS)
def test_the_room_sees_no_hidden_name_support_need_contact_or_id(service, data_dir, meeting,
                                                                 people, step, mode):
    ann, bob, cat, dan = people
    service.room.choose(mode=mode)
    service.room.follow(meeting, step)
    raw = written(service, data_dir)
    text = raw.decode("utf-8")
    for secret in ("Bob", "Stone", "Dan Park", "bob@example.org", "bsl", "BSL",
                   "British Sign", "Council", "spoken", "Spoken"):
        assert secret not in text, (step, secret)
    assert not re.search(r"[0-9a-f]{32}", text)  # no person's or record's id
    view = read_handover(data_dir).view
    assert view is not None and view.page == PAGES[step]


def test_names_and_free_text_are_exactly_as_the_minutes_give_them(service, data_dir, meeting):
    service.room.follow(meeting, "live")
    view = read_handover(data_dir).view
    report = session_report(service.snapshot(meeting), default_wording())
    minutes_ideas = [(i.text, i.by) for i in report.items[0].ideas]
    room_ideas = [(r.text, r.by) for r in view.records if r.kind == "idea"]
    assert room_ideas == minutes_ideas
    assert room_ideas[0] == ("Carer 1 and Carer 2 both need the 8:40 bus.", "Carer 1")
    (decision,) = [r for r in view.records if r.kind == "decision"]
    assert decision.reasons == report.items[0].decisions[0].reasons == \
        "Carer 1 said he is late every day"
    # The hands: a point of order first; whoever has the floor, by consent.
    assert view.speaking == "Ann Lee"
    assert hands_words(view.next_up) == "Next: Carer 1"
    service.room.follow(meeting, "close")
    view = read_handover(data_dir).view
    assert [(a.we_will, a.who) for a in view.actions] == [
        ("Write to the bus company", "Carer 1"), ("Tell Carer 2 what they say", "Carer 2")]
    assert view.actions[0].you_said == "Ask for an 8:40 bus"


def test_hidden_records_leave_the_room_and_stay_in_the_minutes(service, data_dir, meeting):
    room = service.room
    room.follow(meeting, "live")
    hidden = room.hide_latest()
    assert hidden is not None and hidden.kind == "decision"
    room.publish()
    view = read_handover(data_dir).view
    assert [r.kind for r in view.records] == ["idea", "idea"]
    assert "Ask for an 8:40 bus" not in written(service, data_dir).decode()
    room.follow(meeting, "close")
    assert read_handover(data_dir).view.decisions == []
    assert str(room.hide_latest()).startswith("The action \u201cTell Dan what they say\u201d")
    room.publish()
    assert [a.we_will for a in read_handover(data_dir).view.actions] == [
        "Write to the bus company"]
    data = service.snapshot(meeting)
    assert len(data.session.room_hidden_ids) == 2 and data.corrections == []
    report = session_report(data, default_wording())
    assert len(report.actions) == 2 and report.items[0].decisions
    assert room.show_hidden_again() == 2
    room.publish()
    assert len(read_handover(data_dir).view.actions) == 2


def room_ideas(data_dir) -> list[tuple[str, str]]:
    return [(r.text, r.by) for r in read_handover(data_dir).view.records if r.kind == "idea"]


def test_the_room_reads_only_new_text_with_the_name_rule(service, data_dir, meeting,
                                                         monkeypatch):
    """The page is made again on every change; texts the name rule read for the last
    page are not read again (at 5,000 ideas that was most of the work, and the
    screens waited for it)."""
    import coprod_tui.consent as consent

    read: list[str] = []
    real = consent._apply

    def counting(rule, text, *args, **kwargs):
        read.append(text)
        return real(rule, text, *args, **kwargs)

    monkeypatch.setattr(consent, "_apply", counting)
    service.room.follow(meeting, "live")
    assert "Ann Lee: a shelter at the stop." in read  # the first page reads everything
    read.clear()
    service.session(meeting).add_idea("Dan Park wants a timetable at the stop.")
    service.room.publish()
    assert "Dan Park wants a timetable at the stop." in read
    # (People's shown names are read again each time: a few, not every record.)
    assert "Ann Lee: a shelter at the stop." not in read
    assert "Bob Stone and Dan Park both need the 8:40 bus." not in read
    assert room_ideas(data_dir)[-1] == ("Carer 2 wants a timetable at the stop.", "Anonymous")


def test_a_change_of_consent_reaches_the_room_though_its_texts_were_read_before(
        service, data_dir, meeting, people):
    ann, bob, cat, dan = people
    session = service.session(meeting)
    service.room.follow(meeting, "live")
    assert room_ideas(data_dir)[0] == ("Carer 1 and Carer 2 both need the 8:40 bus.",
                                       "Carer 1")
    for agreed in (True, False):
        session.set_attendance(bob.id, consent_to_be_named=agreed)
        service.room.publish()
        report = session_report(service.snapshot(meeting), default_wording())
        assert room_ideas(data_dir) == [(i.text, i.by) for i in report.items[0].ideas]
        bus = room_ideas(data_dir)[0][0]
        assert bus.startswith("Bob Stone and" if agreed else "Carer 1 and"), bus


def test_a_save_never_waits_for_the_room_page_and_a_late_page_is_not_written(
        service, data_dir, meeting, monkeypatch):
    """The page is made outside the lock the saves take; a page overtaken by a later
    change while it was made is dropped, not written over the newer one."""
    import threading

    import coprod_tui.service.room as room_module

    real = room_module.room_view
    first = threading.Event()
    go_on = threading.Event()

    def slow(data, *args, **kwargs):
        if not first.is_set():  # the first page waits until told
            first.set()
            go_on.wait(10)
        return real(data, *args, **kwargs)

    monkeypatch.setattr(room_module, "room_view", slow)
    service.room.choose(following=(meeting, "live"))
    late = threading.Thread(target=service.room.publish)
    late.start()
    assert first.wait(10)
    saver = threading.Thread(target=lambda: service.session(meeting).add_idea(
        "Benches at the stop."))
    saver.start()
    saver.join(5)
    assert not saver.is_alive(), "the save waited for the room's page"
    assert service.room.publish()  # a later page, with the new idea
    newest = written(service, data_dir)
    go_on.set()
    late.join(10)
    assert written(service, data_dir) == newest
    assert room_ideas(data_dir)[-1][0] == "Benches at the stop."


def test_blank_holds_nothing_and_a_restart_keeps_it_blank(service, data_dir, meeting, store):
    service.room.follow(meeting, "live")
    service.room.set_blank(True)
    handover = read_handover(data_dir)
    assert handover.blank and handover.state == SHOWING and handover.view is None
    assert b"Getting there" not in written(service, data_dir)
    service.room.set_mode("easy_read")
    service.room.goodbye()
    assert read_handover(data_dir).state == CLOSED
    again = Service(store).room  # the app started again: a private moment goes on
    assert again.blank and again.mode == "easy_read"
    again.leave()
    assert read_handover(data_dir).state == WAITING


def test_the_file_is_written_only_when_what_the_room_sees_changes(service, data_dir, meeting):
    service.room.follow(meeting, "live")
    before = os.stat(data_dir / HANDOVER_FILE)
    service.room.follow(meeting, "live")
    assert os.stat(data_dir / HANDOVER_FILE).st_ino == before.st_ino
    assert oct(before.st_mode & 0o777) == "0o600"
    service.session(meeting).add_idea("One more")
    service.room.publish()
    assert os.stat(data_dir / HANDOVER_FILE).st_ino != before.st_ino


def test_a_long_text_or_a_long_meeting_keeps_the_file_small(service, data_dir, meeting):
    session = service.session(meeting)
    session.add_idea("x" * 100_000)
    for n in range(120):
        session.add_idea(f"Idea number {n}")
    service.room.follow(meeting, "live")
    view = read_handover(data_dir).view
    # The meeting's decision may share a second with these ideas, and then it is shown
    # after them (the room orders by the second each was recorded): look at the ideas.
    ideas = [r for r in view.records if r.kind == "idea"]
    assert len(view.records) == 40 and ideas[-1].text == "Idea number 119"
    assert view.more == 124 - 40
    assert len(written(service, data_dir)) < 50_000
    service.session(meeting).add_idea("y" * 100_000)
    service.room.publish()
    newest = [r for r in read_handover(data_dir).view.records if r.kind == "idea"][-1].text
    assert len(newest) == MOST_CHARS and newest.endswith("…")


def test_a_damaged_missing_or_odd_file_means_waiting(data_dir, service, meeting):
    path = data_dir / HANDOVER_FILE
    assert read_handover(data_dir) is None  # not written yet
    for raw in (b"", b"{", b"[]", b'{"format": "coprod room view", "version": 99}',
                b'{"format": "coprod room view", "version": 1, "state": "dancing"}',
                json.dumps({"format": "coprod room view", "version": 1, "state": "showing",
                            "view": {"page": "run", "title": 5}}).encode(),
                b"\xff\xfe"):
        path.write_bytes(raw)
        assert read_handover(data_dir) is None, raw
    # A blank room with a page is refused: the app never writes one.
    body = json.loads(encode(Handover(state=SHOWING, view=RoomView(page="run", title="T"))))
    body["blank"] = True
    path.write_text(json.dumps(body))
    assert read_handover(data_dir) is None
    path.unlink()
    os.mkfifo(path)  # never blocks on a pipe
    assert read_handover(data_dir) is None
    path.unlink()
    os.symlink(data_dir / "groups.json", path)  # never follows a link
    assert read_handover(data_dir) is None


def test_the_watcher_reads_only_when_the_file_changed(data_dir, service, meeting, monkeypatch):
    watcher = Watcher(data_dir)
    assert watcher.poll() is False and watcher.current is None
    service.room.follow(meeting, "setup")
    assert watcher.poll() is True and watcher.current.view.page == "welcome"
    reads = []
    import coprod_tui.room.handover as handover

    real = handover.read_handover
    monkeypatch.setattr(handover, "read_handover", lambda root: reads.append(1) or real(root))
    for _ in range(20):
        assert watcher.poll() is False
    assert reads == []  # a stat each time, no read
    service.room.follow(meeting, "conduct")
    assert watcher.poll() is True and watcher.current.view.conduct == ["One at a time",
                                                                       "Be kind"]


def test_the_clock_counts_on_and_says_over_time_in_words():
    started = datetime(2026, 5, 14, 10, 0).astimezone()
    clock = Clock(planned_s=600, spent_s=60, running_since=started.isoformat())
    assert clock.elapsed(started + timedelta(seconds=30)) == 90
    assert clock_words(90, 600) == ("9 minutes left of 10", False)
    assert clock_words(600, 600) == ("Time is up (10 minutes planned)", False)
    assert clock_words(661, 600) == ("OVER TIME by 2 minutes (planned 10 minutes)", True)
    assert Clock(planned_s=60, spent_s=5).elapsed() == 5


def test_the_digits_count_down_the_time_left_then_the_time_over():
    # The words say time left, so the large digits must too (a room read "00:04"
    # beside "20 minutes left of 20" as four minutes gone).
    assert clock_digits(4, 1200) == "19:56"
    assert clock_digits(600, 600) == "00:00"
    assert clock_digits(790, 600) == "+03:10"
    assert clock_digits(0, 75 * 60) == "75:00"
