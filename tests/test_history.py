"""A group's history: who took part how often, the mix of roles, seldom-heard gaps."""

from __future__ import annotations

import pytest

from coprod_tui.errors import NotFound
from coprod_tui.report import group_history
from coprod_tui.service import Service


def run_session(store, group, date, methods, present, *, apologies=(), absent=(), turns=(),
                ideas=(), cards=()):
    """A held session: who came, who spoke, who raised ideas; then closed and let go."""
    file = Service(store).create_session(group.id, f"Meeting {date}", date=date, methods=methods)
    file.start()
    for person in present:
        file.mark(person.id, "present")
    for person in apologies:
        file.mark(person.id, "apologies")
    for person in absent:
        file.mark(person.id, "absent")
    for person in turns:
        file.record_turn(person.id)
    for person in ideas:
        if person is None:
            file.add_idea("An idea from the chat", raised_by="chat")
        else:
            file.add_idea(f"An idea from {person.name}", raised_by="person",
                          person_id=person.id)
    for level in cards:
        file.add_feedback(level)
    file.close()
    file.release()
    return file.id


@pytest.fixture
def story(store, group, people):
    """Five meetings. Dan came only to the first; Eve joined the roster at the second (she
    was marked as not coming) and has never come."""
    ann, bob, cat, dan = people
    eve = Service(store).groups.add_person(group.id, name="Eve Hart", role="young_person")
    fay = Service(store).groups.add_person(group.id, name="Fay Dunn", role="partner")
    ids = [
        run_session(store, group, "2026-01-10", ["workshop"], [ann, bob, dan, fay],
                    apologies=[cat], turns=[ann, ann, bob], ideas=[ann, bob, None],
                    cards=[4, 3]),
        run_session(store, group, "2026-02-10", ["workshop", "activity"], [ann, cat, fay],
                    absent=[eve], turns=[cat], ideas=[cat]),
        run_session(store, group, "2026-03-10", ["focus_group"], [ann, cat],
                    apologies=[bob]),
        run_session(store, group, "2026-04-10", ["workshop"], [ann, bob],
                    turns=[bob, ann], ideas=[ann], cards=[2]),
    ]
    # Fay moved on: off the roster, but her part in the history stays.
    book = store.groups  # (coprod has no screen for this yet: set it as it would be)
    book.put("groups", book.group(group.id).replace(
        roster=[p for p in book.group(group.id).roster if p != fay.id]))
    # A session planned for later has nobody in it yet and is not part of the history.
    planned = Service(store).create_session(group.id, "Next time", date="2026-05-10",
                                   methods=["mystery_shopping"])
    planned.release()
    return {"ann": ann, "bob": bob, "cat": cat, "dan": dan, "eve": eve, "fay": fay,
            "ids": ids}


def test_who_took_part_how_often(store, group, story):
    h = group_history(store, group.id)
    ann = h.person(story["ann"].id)
    assert (ann.attended, ann.last_attended, ann.turns, ann.ideas) == (4, "2026-04-10", 3, 2)
    bob = h.person(story["bob"].id)
    assert (bob.attended, bob.apologies, bob.last_attended, bob.turns, bob.ideas) == (
        2, 1, "2026-04-10", 2, 1)
    cat = h.person(story["cat"].id)
    assert (cat.attended, cat.apologies, cat.turns, cat.ideas) == (2, 1, 1, 1)
    eve = h.person(story["eve"].id)
    assert (eve.attended, eve.last_attended, eve.turns, eve.on_roster) == (0, None, 0, True)
    fay = h.person(story["fay"].id)
    assert (fay.attended, fay.on_roster, fay.role_label) == (2, False, "Partner organisation")
    # Most involved first.
    assert [p.name for p in h.people][:2] == ["Ann Lee", "Bob Stone"]


def test_role_mix_per_session_and_overall(store, group, story):
    h = group_history(store, group.id)
    assert [m.date for m in h.sessions] == ["2026-04-10", "2026-03-10", "2026-02-10",
                                            "2026-01-10"]
    first = h.sessions[-1]
    assert first.roles == {"uses_services": 1, "carer": 2, "partner": 1}
    assert (first.present, first.lived_experience) == (4, 3)
    assert first.influence == {3: 1, 4: 1}
    assert h.role_totals == {"uses_services": 4, "carer": 3, "partner": 2, "officer": 2}
    assert h.lived_experience_share == pytest.approx(7 / 11)


def test_seldom_heard_gaps(store, group, story):
    h = group_history(store, group.id)
    # Not at the latest two meetings or more in a row (since they joined), longest away
    # first, with how they missed them; Bob, away once with apologies, is not listed.
    assert [p.name for p in h.not_seen_lately] == ["Dan Park", "Eve Hart"]
    dan, eve = h.not_seen_lately
    assert dan.missed_words == "not seen for 3 meetings (3 not marked)"
    assert eve.missed_words == "not seen for 3 meetings (1 did not come, 2 not marked)"
    assert (eve.absent, eve.apologies) == (1, 0)
    assert h.person(story["dan"].id).last_attended == "2026-01-10"
    # Roles the group recruits (its roster, its meetings) that nobody has come as: Eve
    # is its only young person, and has never come. Roles it does not recruit (a
    # councillor, a family member) are not "missing".
    assert h.roles_never_present == ["young_person"]
    assert h.methods == {"workshop": 3, "activity": 1, "focus_group": 1}


def test_recent_window_can_be_widened(store, group, story):
    assert [p.name for p in group_history(store, group.id, recent=3).not_seen_lately] == [
        "Dan Park", "Eve Hart"]
    assert group_history(store, group.id, recent=4).not_seen_lately == []


def test_history_lets_session_files_go_but_not_the_one_the_app_holds(store, group, story):
    live = store.session(story["ids"][0])
    group_history(store, group.id)
    assert store.is_open(live.id)
    assert not any(store.is_open(i) for i in story["ids"][1:])


def test_a_new_group_has_an_empty_history(store):
    fresh = Service(store).groups.add_group(name="Brand new")
    h = group_history(store, fresh.id)
    assert (h.sessions, h.people, h.role_totals, h.methods) == ([], [], {}, {})
    assert h.lived_experience_share is None
    assert h.roles_never_present == []  # it recruits nobody yet
    with pytest.raises(NotFound):
        group_history(store, "no-such-group")


def test_a_damaged_session_is_left_out_and_said_so(store, group, story, data_dir):
    broken = story["ids"][0]
    (data_dir / "sessions" / f"{broken}.json").write_text("{ half a file")
    h = group_history(store, group.id)
    assert len(h.sessions) == 3
    (message,) = h.skipped
    assert "Meeting 2026-01-10" in message and "left out" in message
    assert any(broken in p for p in store.problems)
    assert h.person(story["dan"].id).attended == 0
