"""Reviewing past sessions: the filtered list, follow-up of actions, and corrections."""

from __future__ import annotations

import json
import sqlite3

import pytest

from coprod_tui import follow_up
from coprod_tui.report import describe_corrections, session_corrections, when
from coprod_tui.errors import NotFound, ValidationError
from coprod_tui.model import Correction
from coprod_tui.review import SessionFilter, filter_sessions, find_records
from coprod_tui.store import open_store
from coprod_tui.store.session_file import SessionFile
from coprod_tui.service import Service


def held(store, group, title, date, *, methods=(), ideas=(), status="closed", **fields):
    """A session as it is after the meeting, let go by the store."""
    file = Service(store).create_session(group.id, title, date=date, methods=list(methods), **fields)
    for text in ideas:
        file.add_idea(text)
    if status != "planned":
        file.start()
    if status == "closed":
        file.close()
    file.release()
    return file.id


def on_disk(data_dir, session_id):
    return json.loads((data_dir / "sessions" / f"{session_id}.json").read_text("utf-8"))


def index_row(data_dir, session_id):
    """The session's row in the index file, read by a connection of its own."""
    uri = (data_dir / "index.sqlite3").absolute().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return dict(conn.execute("SELECT * FROM sessions WHERE id = ?",
                                 (session_id,)).fetchone())
    finally:
        conn.close()


# -- the filtered session list -----------------------------------------------------------


@pytest.fixture
def history(store, group):
    other = Service(store).groups.add_group(name="Youth Forum")
    ids = {
        "jan": held(store, group, "New year planning", "2026-01-12", methods=["workshop"],
                    ideas=["Longer opening hours at the library"]),
        "feb": held(store, group, "Reading the draft", "2026-02-09",
                    methods=["document_review"], ideas=["Shorter words in the leaflet"]),
        "mar": held(store, group, "Garden walk", "2026-03-16",
                    methods=["workshop", "activity"], ideas=["Benches in the shade"]),
        "apr": held(store, group, "Next steps", "2026-04-20", methods=["focus_group"],
                    status="planned"),
        "youth": held(store, other, "Skate park", "2026-03-01", methods=["workshop"],
                      ideas=["Opening hours that suit school days"]),
    }
    return ids, other


def titles(rows):
    return [r.title for r in rows]


def test_no_filter_lists_every_session_latest_first(store, history):
    assert titles(filter_sessions(store)) == [
        "Next steps", "Garden walk", "Skate park", "Reading the draft", "New year planning"]


def test_filters_by_group_date_method_and_status(store, group, history):
    ids, other = history
    assert titles(filter_sessions(store, SessionFilter(group_id=other.id))) == ["Skate park"]
    by_dates = SessionFilter(group_id=group.id, date_from="2026-02-09", date_to="2026-03-16")
    assert titles(filter_sessions(store, by_dates)) == ["Garden walk", "Reading the draft"]
    assert titles(filter_sessions(store, SessionFilter(method="workshop"))) == [
        "Garden walk", "Skate park", "New year planning"]
    assert titles(filter_sessions(store, SessionFilter(status="planned"))) == ["Next steps"]
    both = SessionFilter(group_id=group.id, method="workshop", date_from="2026-02-01")
    assert titles(filter_sessions(store, both)) == ["Garden walk"]


def test_text_finds_sessions_by_their_ideas_decisions_actions_or_title(store, group, history):
    ids, other = history
    file = Service(store).session(ids["feb"])
    decision = file.add_decision("Rewrite the leaflet", "People found it hard to follow")
    file.add_action("Send it to the printers", source_kind="decision", source_id=decision.id)
    file.release()

    assert titles(filter_sessions(store, SessionFilter(text="opening HOURS"))) == [
        "Skate park", "New year planning"]
    assert titles(filter_sessions(store, SessionFilter(text="hours", group_id=group.id))) == [
        "New year planning"]
    assert titles(filter_sessions(store, SessionFilter(text="hard to follow"))) == [
        "Reading the draft"]
    assert titles(filter_sessions(store, SessionFilter(text="printers"))) == [
        "Reading the draft"]
    assert titles(filter_sessions(store, SessionFilter(text="garden"))) == ["Garden walk"]
    assert filter_sessions(store, SessionFilter(text="opening hours",
                                                date_from="2026-03-02")) == []

    hits = find_records(store, SessionFilter(text="opening hours", group_id=group.id))
    assert [(h.session_id, h.kind, h.text) for h in hits] == [
        (ids["jan"], "idea", "Longer opening hours at the library")]
    assert find_records(store, SessionFilter(group_id=group.id)) == []


def test_the_list_and_search_never_open_a_session_file(store, history, monkeypatch):
    def refuse(self):
        raise AssertionError("a session file was loaded")

    monkeypatch.setattr(SessionFile, "load", refuse)
    assert len(filter_sessions(store, SessionFilter(text="hours", method="workshop"))) == 2
    assert len(find_records(store, SessionFilter(text="benches"))) == 1


@pytest.mark.parametrize("fields, message", [
    ({"date_from": "14/03/2026"}, "'from' date must be a date like"),
    ({"date_to": "soon"}, "'to' date must be a date like"),
    ({"date_from": "2026-05-01", "date_to": "2026-04-01"}, "after the 'to' date"),
    ({"method": "séance"}, "engagement method"),
    ({"status": "finished"}, "planned, live or closed"),
])
def test_a_filter_that_cannot_work_says_what_to_fix(fields, message):
    with pytest.raises(ValidationError, match=message):
        SessionFilter(**fields)


def test_blank_filter_fields_from_the_screen_do_not_filter(store, history):
    blank = SessionFilter(group_id="", date_from="  ", date_to="", method="", status="",
                          text="   ")
    assert len(filter_sessions(store, blank)) == 5


# -- actions across sessions: "You said, We did" ------------------------------------------


@pytest.fixture
def actions(store, group, people):
    ann, bob, cat, dan = people
    old = Service(store).create_session(group.id, "Spring meeting", date="2026-03-10")
    for person in (ann, bob):
        old.mark(person.id, "present")
    idea = old.add_idea("Signs in large print", raised_by="person", person_id=bob.id)
    decision = old.add_decision("Replace the signs", "Two people could not read them")
    a_late = old.add_action("Print new signs", source_kind="decision", source_id=decision.id,
                            owner_person_id=bob.id, due="2026-06-30")
    a_soon = old.add_action("Ask the printer for a quote", source_kind="idea",
                            source_id=idea.id, owner_person_id=ann.id, due="2026-04-01")
    a_done = old.add_action("Measure the doors", owner="Estates team", due="2026-03-20")
    old.close()
    old.release()

    new = Service(store).create_session(group.id, "Summer meeting", date="2026-07-07")
    a_new = new.add_action("Book the hall for autumn", owner="Cat", due="")
    new.close()
    new.release()

    other = Service(store).groups.add_group(name="Other Group")
    elsewhere = Service(store).create_session(other.id, "Elsewhere", date="2026-01-01")
    elsewhere.add_action("Not ours")
    elsewhere.release()
    return {"old": old.id, "new": new.id, "late": a_late.id, "soon": a_soon.id,
            "done": a_done.id, "hall": a_new.id}


def test_group_actions_show_source_owner_and_session_open_first(store, group, actions):
    Service(store).follow_up.mark_done(actions["old"], actions["done"], "All six doors measured")
    rows = follow_up.group_actions(store, group.id)
    assert [r.text for r in rows] == [
        "Ask the printer for a quote", "Print new signs", "Book the hall for autumn",
        "Measure the doors"]
    soon, late, hall, done = rows
    assert (soon.session_title, soon.session_date) == ("Spring meeting", "2026-03-10")
    assert (soon.source_kind, soon.source_text) == ("idea", "Signs in large print")
    assert (late.source_kind, late.source_text) == ("decision", "Replace the signs")
    assert (hall.source_kind, hall.source_text) == ("", "")
    # Owners as the group may see them: named with consent, otherwise by role.
    assert soon.owner == "Ann Lee"
    assert late.owner == "Carer 1" and "Bob" not in late.owner
    assert done.owner == "Estates team"
    assert (done.status, done.status_label, done.result) == (
        "done", "Done", "All six doors measured")
    assert late.is_overdue("2026-07-01") and not late.is_overdue("2026-06-30")
    assert not done.is_overdue("2027-01-01")


def test_group_actions_by_status(store, group, actions):
    Service(store).follow_up.mark_not_able(actions["old"], actions["late"], "The budget was cut")
    assert [r.text for r in follow_up.group_actions(store, group.id, "not_able")] == [
        "Print new signs"]
    assert [r.text for r in follow_up.group_actions(store, group.id, "open")] == [
        "Measure the doors", "Ask the printer for a quote", "Book the hall for autumn"]
    with pytest.raises(ValidationError, match="open, done or not_able"):
        follow_up.group_actions(store, group.id, "finished")
    with pytest.raises(NotFound):
        follow_up.group_actions(store, "no-such-group")


def test_we_did_needs_what_was_done_and_is_saved_with_the_index(
        store, group, actions, data_dir):
    before = on_disk(data_dir, actions["old"])
    with pytest.raises(ValidationError, match="Say what was done"):
        Service(store).follow_up.mark_done(actions["old"], actions["soon"], "   ")
    assert on_disk(data_dir, actions["old"]) == before
    assert index_row(data_dir, actions["old"])["actions_open"] == 3

    Service(store).follow_up.mark_done(actions["old"], actions["soon"], "The quote came in at £200")
    saved = next(a for a in on_disk(data_dir, actions["old"])["actions"].values()
                 if a["id"] == actions["soon"])
    assert (saved["status"], saved["outcome"]) == ("done", "The quote came in at £200")
    # The session list's open count is right straight away, on disk and in memory.
    assert index_row(data_dir, actions["old"])["actions_open"] == 2
    assert {s.id: s.actions_open for s in store.summaries()}[actions["old"]] == 2
    # Following up is not a correction of the meeting's record.
    assert on_disk(data_dir, actions["old"]).get("corrections", {}) == {}
    assert not store.is_open(actions["old"])


def test_not_able_needs_the_reason(store, actions, data_dir):
    with pytest.raises(ValidationError, match="Say why it could not be done"):
        Service(store).follow_up.mark_not_able(actions["old"], actions["late"], "")
    action = Service(store).follow_up.mark_not_able(actions["old"], actions["late"],
                                     "The printer closed down")
    assert (action.status, action.reason) == ("not_able", "The printer closed down")
    store.close()
    with open_store(data_dir) as again:
        row = next(r for r in follow_up.group_actions(again, action_group(again))
                   if r.id == actions["late"])
        assert (row.status, row.result) == ("not_able", "The printer closed down")


def action_group(store):
    return next(g.id for g in store.groups.groups() if g.name == "Test Group")


def test_told_back_is_recorded_only_once_there_is_an_outcome(store, group, actions, data_dir):
    with pytest.raises(ValidationError, match="no outcome to tell back yet"):
        Service(store).follow_up.mark_told_back(actions["old"], actions["soon"])
    Service(store).follow_up.mark_done(actions["old"], actions["soon"], "Quote received")
    assert [r.id for r in follow_up.untold_outcomes(store, group.id)] == [actions["soon"]]

    Service(store).follow_up.mark_told_back(actions["old"], actions["soon"])
    saved = next(a for a in on_disk(data_dir, actions["old"])["actions"].values()
                 if a["id"] == actions["soon"])
    assert saved["communicated_back_at"] is not None
    assert follow_up.untold_outcomes(store, group.id) == []

    Service(store).follow_up.mark_not_able(actions["old"], actions["late"], "No budget")
    Service(store).follow_up.mark_told_back(actions["old"], actions["late"],
                             at="2026-07-07T10:45:00+01:00")
    row = next(r for r in follow_up.group_actions(store, group.id) if r.id == actions["late"])
    assert row.told_back_at == "2026-07-07T10:45:00+01:00"
    with pytest.raises(ValidationError, match="date and time"):
        Service(store).follow_up.mark_told_back(actions["old"], actions["late"], at="last Tuesday")


def test_reopen_undoes_a_mistaken_outcome(store, group, actions):
    Service(store).follow_up.mark_done(actions["old"], actions["soon"], "Wrong one")
    Service(store).follow_up.mark_told_back(actions["old"], actions["soon"])
    action = Service(store).follow_up.reopen(actions["old"], actions["soon"])
    assert (action.status, action.outcome, action.communicated_back_at) == ("open", "", None)
    assert {s.id: s.actions_open for s in store.summaries()}[actions["old"]] == 3


def test_following_up_leaves_the_session_the_app_holds_open(store, actions, data_dir):
    held_file = store.session(actions["old"])
    Service(store).follow_up.mark_done(actions["old"], actions["done"], "Measured")
    assert index_row(data_dir, actions["old"])["actions_open"] == 2
    follow_up.group_actions(store, action_group(store))
    assert store.is_open(actions["old"])
    assert next(a for a in held_file.rows("actions")
                if a.id == actions["done"]).status == "done"
    assert not store.is_open(actions["new"])


def test_open_actions_for_the_next_session(store, group, actions):
    Service(store).follow_up.mark_done(actions["old"], actions["done"], "Measured")
    before_summer = follow_up.open_actions_for_new_session(store, group.id, "2026-07-07")
    assert [r.text for r in before_summer] == ["Ask the printer for a quote", "Print new signs"]
    later = follow_up.open_actions_for_new_session(store, group.id, "2026-09-01")
    assert [r.text for r in later] == [
        "Ask the printer for a quote", "Print new signs", "Book the hall for autumn"]
    assert follow_up.open_actions_for_new_session(store, group.id, "2026-03-10") == []
    with pytest.raises(ValidationError, match="date like"):
        follow_up.open_actions_for_new_session(store, group.id, "next week")


# -- correcting the record ------------------------------------------------------------------


def test_corrections_keep_old_and_new_values_on_disk(store, group, people, data_dir):
    file = Service(store).create_session(group.id, "Frist meeting", date="2026-05-03")
    idea = file.add_idea("Blue walls")
    decision = file.add_decision("Paint the hall", "It is cheap")
    file.close()

    file.correct("idea", idea.id, text="Green walls")
    file.correct("decision", decision.id, reasons="Most people asked for it")
    file.update_details(title="First meeting")
    file.release()

    stored = {(c["record_kind"], c["field_name"]): (c["old"], c["new"], c["at"])
              for c in on_disk(data_dir, file.id)["corrections"].values()}
    assert set(stored) == {("ideas", "text"), ("decisions", "reasons"), ("session", "title")}
    assert stored[("ideas", "text")][:2] == ("Blue walls", "Green walls")
    assert stored[("decisions", "reasons")][:2] == ("It is cheap", "Most people asked for it")
    assert stored[("session", "title")][:2] == ("Frist meeting", "First meeting")

    store.close()
    with open_store(data_dir) as again:
        notes = session_corrections(again, file.id)
        assert not again.is_open(file.id)
    texts = [n.text for n in notes]
    at = when(stored[("ideas", "text")][2])
    assert f"On {at} an idea was changed: the wording was 'Blue walls', now 'Green walls'." \
        in texts
    assert any("the decision 'Paint the hall' was changed: the reasons were 'It is cheap', "
               "now 'Most people asked for it'." in t for t in texts)
    assert any("the session was changed: the title was 'Frist meeting', now "
               "'First meeting'." in t for t in texts)


def test_correction_sentences_read_plainly(store, group, people):
    ann, bob, *_ = people
    file = Service(store).create_session(group.id, "Meeting", date="2026-05-03")
    for person in (ann, bob):
        file.mark(person.id, "present")
    action = file.add_action("Send the notes", owner_person_id=ann.id, due="2026-05-10")
    file.close()
    data = store.snapshot(file.id)
    data.corrections = [
        Correction(record_kind="actions", record_id=action.id, field_name="due",
                   old="2026-05-10", new="2026-06-01", at="2026-05-03T14:02:00+01:00",
                   note="The group agreed a later date."),
        Correction(record_kind="actions", record_id=action.id, field_name="owner_person_id",
                   old=ann.id, new=bob.id, at="2026-05-04T09:15:00+01:00"),
    ]
    assert [n.text for n in describe_corrections(data)] == [
        "On 3 May 2026 at 14:02 the action 'Send the notes' was changed: the due date was "
        "'10 May 2026', now '1 June 2026'. Note: The group agreed a later date.",
        "On 4 May 2026 at 09:15 the action 'Send the notes' was changed: who will do it was "
        "'Ann Lee', now 'Carer 1'.",
    ]
    assert len(describe_corrections(data, record_id="someone-else")) == 0


def test_corrections_to_attendance_never_show_support_needs_or_unconsented_names(
        store, group, people):
    ann, bob, *_ = people
    file = Service(store).create_session(group.id, "Meeting", date="2026-05-03")
    file.mark(bob.id, "apologies")
    file.close()
    file.set_attendance(bob.id, support_needs=["bsl", "large_print"],
                        support_other="Needs a carer with him")
    file.mark(bob.id, "present")
    notes = [n.text for n in describe_corrections(store.snapshot(file.id))]
    # Support needs (twice), attendance, arrival time.
    assert len(notes) == 4 and all("the attendance record of Carer 1" in n for n in notes)
    assert any("their attendance was 'Apologies', now 'Present'" in n for n in notes)
    joined = " ".join(notes).casefold()
    for secret in ("bob", "stone", "bsl", "large print", "carer with him", "example.org"):
        assert secret not in joined
    assert joined.count("their support needs were updated") == 2


def test_long_values_can_be_shortened_for_a_list_on_screen(store, group):
    file = Service(store).create_session(group.id, "Meeting")
    idea = file.add_idea("short")
    file.close()
    file.correct("idea", idea.id, text="word " * 100)
    (note,) = describe_corrections(store.snapshot(file.id), limit=30)
    assert "now 'word word word word word word…'" in note.text
    (full,) = describe_corrections(store.snapshot(file.id))
    assert "now '" + " ".join(["word"] * 100) + "'." in full.text


def test_for_sharing_old_values_and_consent_links_are_left_out(store, group, people):
    ann, bob, *_ = people
    file = Service(store).create_session(group.id, "Meeting", date="2026-05-03")
    file.mark(ann.id, "present")
    idea = file.add_idea("Bob Stone says the lift is broken")
    file.close()
    file.correct("idea", idea.id, text="The lift is broken")
    file.set_attendance(ann.id, consent_to_be_named=False)
    data = store.snapshot(file.id)

    shared = [n.text for n in describe_corrections(data, old_values=False)]
    assert shared[0].endswith("an idea was changed: the wording is now 'The lift is broken'.")
    assert "Bob Stone" not in " ".join(shared)
    # A change of consent is never tied to a label ("Service user 1") or a name.
    assert shared[1].endswith("the attendance record of one person was changed: their "
                              "consent to be named was updated.")
    assert "Ann" not in " ".join(shared) and "using services 1" not in " ".join(shared)
    # The facilitator's own view keeps the old wording.
    assert "was 'Bob Stone says the lift is broken'" in describe_corrections(data)[0].text
