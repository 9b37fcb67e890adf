"""The room view at 80×24 (a projector's common size) and 120×40, at each page and mode.

The pages are made by the app's own service from a real session, then the clock
is fixed (12:34 into a 20-minute item) so the picture does not depend on the
moment it is taken. Update after a deliberate change with
``pytest tests/ui/test_room_snapshots.py --snapshot-update``, and look at them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod_tui.room import HANDOVER_FILE, Clock, encode, read_handover
from coprod_tui.screens.room import RoomApp
from coprod_tui.service import Service

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.fixture
def folder(service: Service, group, people, data_dir: Path):
    ann, bob, cat, dan = people
    session = service.create_session(
        group.id, "Transport to the day centre", date="2026-05-14", start="10:00",
        end="12:00", venue="Riverside Hub, Room 4",
        purpose="Shape the new bus service so everyone gets to the centre on time.",
        can_change="The times, the stops, and how people book a seat.",
        cannot_change="The budget for this year, and the bus company's contract.")
    session.add_agenda_item("Getting there on time", 20)
    session.add_agenda_item("Paying for it", 15)
    for person in people:
        session.mark(person.id, "present")
        session.set_attendance(person.id, consent_to_be_named=person.consent_to_be_named)
    session.start(first_item=True)
    first = session.add_idea("Buses before 9, so people are not late for the first session.",
                             raised_by="person", person_id=ann.id)
    session.add_idea("Bob Stone says the stop needs a shelter: it rains a lot.",
                     raised_by="person", person_id=bob.id)
    session.add_idea("A text message when the bus is running late.", raised_by="chat")
    session.add_decision("The first bus arrives by 9:15.",
                         "Most people said the 9:45 bus makes them late.", method="vote",
                         votes_for=9, votes_against=1, idea_ids=[first.id])
    session.add_action("Ask the bus company for a 9:15 arrival.", owner_person_id=cat.id,
                       due="2026-06-01", source_kind="idea", source_id=first.id)
    session.raise_hand(dan.id)
    session.raise_hand(ann.id)
    session.set_next_meeting(date="2026-06-11", start="10:00", venue="Riverside Hub")
    return session.id


def write_page(service: Service, data_dir: Path, session_id: str, step: str, *,
               mode: str = "standard", blank: bool = False, spent_s: int = 754) -> None:
    service.room.choose(mode=mode, blank=blank)
    service.room.follow(session_id, step)
    handover = read_handover(data_dir)
    assert handover is not None
    if handover.view is not None and handover.view.clock is not None:
        handover.view.clock = Clock(planned_s=handover.view.clock.planned_s, spent_s=spent_s)
    (data_dir / HANDOVER_FILE).write_bytes(encode(handover))


async def settled(pilot) -> None:
    for _ in range(50):
        await pilot.pause(0.05)
        if pilot.app.settled:
            break
    await pilot.pause(0.1)


PAGES = {
    "welcome": dict(step="setup"),
    "conduct": dict(step="conduct"),
    "run": dict(step="live"),
    "close": dict(step="close"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", PAGES)
def test_room_page(snap_compare, service, data_dir, folder, page, size):
    write_page(service, data_dir, folder, **PAGES[page])
    assert snap_compare(RoomApp(data_dir, part_s=1000), terminal_size=SIZES[size],
                        run_before=settled)


MODES = {
    "run-over-time": dict(step="live", spent_s=23 * 60 + 5),
    "run-large": dict(step="live", mode="large"),
    "run-easy-read": dict(step="live", mode="easy_read"),
    "close-easy-read": dict(step="close", mode="easy_read"),
    "blank": dict(step="live", blank=True),
}


@pytest.mark.parametrize("case", MODES)
def test_room_mode(snap_compare, service, data_dir, folder, case):
    write_page(service, data_dir, folder, **MODES[case])
    assert snap_compare(RoomApp(data_dir, part_s=1000), terminal_size=SIZES["80x24"],
                        run_before=settled)


def test_room_waiting(snap_compare, data_dir, folder):
    assert snap_compare(RoomApp(data_dir, part_s=1000), terminal_size=SIZES["80x24"],
                        run_before=settled)
