"""The room view at 80×24 (a projector's common size) and 120×40, at each page and mode.

The pages are made by the app's own service from a real session, then the clock
is fixed (12:34 into a 20-minute item) so the picture does not depend on the
moment it is taken. Update after a deliberate change with
``pytest tests/ui/test_room_snapshots.py --snapshot-update``, and look at them.

Several pictures per run of the room view: at each size one run is shown each page in
turn, as the app hands them over (the room view finds each new one itself, as it
polls the hand-over file), and each is pictured the way pytest-textual-snapshot
pictures an app (tests/ui/walks.py). Each page is still a test of its own with its own
accepted SVG, compared, reported and updated by the plugin's own ``snap_compare``;
a size's tests share an xdist group, so its walk is taken once in the whole run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod_tui.room import HANDOVER_FILE, Clock, encode, read_handover
from coprod_tui.screens.room import RoomApp
from coprod_tui.service import Service
from tests.ui.helpers import until
from tests.ui.walks import Picture, as_the_snapshot_plugin_waits, compare, reached

__all__ = ["compare"]  # a fixture (tests/ui/walks.py)

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
    await until(pilot, lambda: pilot.app.settled)
    await pilot.pause()


PAGES = {
    "welcome": dict(step="setup"),
    "conduct": dict(step="conduct"),
    "run": dict(step="live"),
    "close": dict(step="close"),
}
MODES = {
    "run-over-time": dict(step="live", spent_s=23 * 60 + 5),
    "run-large": dict(step="live", mode="large"),
    "run-easy-read": dict(step="live", mode="easy_read"),
    "close-easy-read": dict(step="close", mode="easy_read"),
    "blank": dict(step="live", blank=True),
}

#: Every picture: its test's name for it → its size and the page written (none: the
#: app not showing a session), in the order the room view's walk at that size shows them.
SHOWN: dict[str, tuple[str, dict | None]] = {
    "waiting": ("80x24", None),
    **{f"{page}-{size}": (size, PAGES[page]) for size in SIZES for page in PAGES},
    **{case: ("80x24", MODES[case]) for case in MODES},
}

_WALKED: dict[str, dict[str, Picture | str]] = {}


def room_walk(service: Service, data_dir: Path, session_id: str, size: str
              ) -> dict[str, Picture | str]:
    """One run of the room view at that size, shown each of its pages in turn as the app
    hands them over (the room view finds each on its own, as it polls), each pictured as
    pytest-textual-snapshot pictures it."""
    names = [name for name, (at, _) in SHOWN.items() if at == size]
    app = RoomApp(data_dir, part_s=1000)
    title = app.title
    taken: dict[str, Picture | str] = {}

    async def auto_pilot(pilot) -> None:
        try:
            for name in names:
                taken[name] = f"the room view never showed {name!r}"
                page = SHOWN[name][1]
                if page is not None:
                    write_page(service, data_dir, session_id, **page)
                    written = read_handover(data_dir)
                    await until(pilot, lambda page=written: app.handover == page)
                await settled(pilot)
                await as_the_snapshot_plugin_waits(pilot)
                taken[name] = Picture(app.export_screenshot(title=title, simplify=True), ())
        except Exception as error:
            taken[name] = f"the walk stopped at {name!r}: {error!r}"
        finally:
            app.exit()

    app.run(headless=True, auto_pilot=auto_pilot, size=SIZES[size])
    return taken


def shown(name: str, service: Service, data_dir: Path, session_id: str) -> Picture:
    """The picture of ``name`` on its size's walk, taken once per test process."""
    size = SHOWN[name][0]
    if size not in _WALKED:
        _WALKED[size] = room_walk(service, data_dir, session_id, size)
    return reached(_WALKED[size].get(name, f"the walk never got to {name!r}"))


def on_its_walk(names) -> list:
    return [pytest.param(name, marks=pytest.mark.xdist_group(f"room-{SHOWN[name][0]}"))
            for name in names]


@pytest.mark.parametrize("name", on_its_walk(f"{page}-{size}" for page in PAGES
                                             for size in SIZES))
def test_room_page(compare, service, data_dir, folder, name):
    assert compare(shown(name, service, data_dir, folder), SIZES[SHOWN[name][0]])


@pytest.mark.parametrize("name", on_its_walk(MODES))
def test_room_mode(compare, service, data_dir, folder, name):
    assert compare(shown(name, service, data_dir, folder), SIZES["80x24"])


@pytest.mark.xdist_group("room-80x24")
def test_room_waiting(compare, service, data_dir, folder):
    assert compare(shown("waiting", service, data_dir, folder), SIZES["80x24"])
