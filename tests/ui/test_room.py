"""The room view beside the app, on one data folder (issue 15).

Both are the real thing: ``CoprodApp`` driven by Pilot as a facilitator would,
and ``RoomApp`` (what ``coprod room`` runs) reading the hand-over file the app
writes. What the room shows is read off its screen.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from coprod_tui.app import CoprodApp
from coprod_tui.room import HANDOVER_FILE, PRESENCE_FILE, Presence, room_view_open
from coprod_tui.screens.room import WAITING_WORDS, RoomApp
from coprod_tui.service import Service
from tests.ui.helpers import screen_text, type_into, until

SIZE = (80, 24)
#: The room follows the app "within a second of each save".
WITHIN_S = 1.0


@pytest.fixture
def meeting(service: Service, group, people):
    """A planned session: Ann and Cat agreed to be named; Bob (a carer with support
    needs and an email address) and Dan did not."""
    session = service.create_session(group.id, "Transport to the day centre",
                                     date="2026-05-14", start="10:00", end="12:00",
                                     purpose="Shape the new bus service")
    session.add_agenda_item("Getting there on time", 20)
    session.add_agenda_item("Paying for it", 15)
    for person in people:
        session.mark(person.id, "present")
        session.set_attendance(person.id, consent_to_be_named=person.consent_to_be_named)
    session.release()
    return session.id


def room_text(room: RoomApp) -> str:
    return screen_text(room)


async def room_shows(room_pilot, *texts: str, absent: tuple[str, ...] = (),
                     within: float = WITHIN_S) -> float:
    """Seconds until the room shows every one of ``texts`` and none of ``absent``."""
    start = time.monotonic()
    while True:
        shown = room_text(room_pilot.app)
        if all(t in shown for t in texts) and not any(t in shown for t in absent):
            return time.monotonic() - start
        if time.monotonic() - start > within:
            raise AssertionError(f"after {within} s the room shows:\n{shown}")
        await room_pilot.pause(0.02)


def step_bar(app) -> str:
    """The step bar's words (it draws itself, so it is not in ``screen_text``)."""
    return str(app.screen.query_one("#step-bar").render())


def handover(data_dir: Path) -> str:
    return (data_dir / HANDOVER_FILE).read_text("utf-8")


async def open_run(pilot) -> None:
    await pilot.pause()
    await pilot.press("enter")  # the only session: a planned one opens at Plan
    await pilot.pause()
    await start_on_run(pilot)


async def start_on_run(pilot) -> None:
    """F6, then Ctrl+S starts it with the first item's clock (looking starts nothing);
    planned for another day, it asks, and keeps its own date."""
    await pilot.press("f6")
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    if type(pilot.app.screen).__name__ == "ConfirmDialog":  # not when already running
        await pilot.click("#keep")
        await pilot.pause()


async def test_the_room_follows_the_app_through_a_meeting_and_after_it_quits(
        store, data_dir, meeting, people, service):
    """One room view beside the app for the whole meeting (each part used to start its
    own room and app): it follows the app and names only by consent; blanking and
    hiding work, and the minutes keep what is hidden; it survives the app quitting and
    coming back."""
    room = RoomApp(data_dir)
    async with room.run_test(size=SIZE) as room_pilot:
        app = CoprodApp(store)
        async with app.run_test(size=SIZE) as pilot:
            await the_room_follows_the_app_and_names_only_by_consent(pilot, room_pilot,
                                                                     data_dir, people)
            await blanking_and_hiding_work(pilot, room_pilot, data_dir)
            await pilot.press("ctrl+q")
            await pilot.pause()
        await the_room_survives_the_app_quitting_and_coming_back(room_pilot, store, data_dir)
    the_minutes_keep_what_is_hidden(service, meeting)


async def the_room_follows_the_app_and_names_only_by_consent(pilot, room_pilot, data_dir,
                                                             people):
    ann, bob = people[0], people[1]
    room = room_pilot.app
    await room_shows(room_pilot, WAITING_WORDS)
    await pilot.pause()
    await pilot.press("enter")  # Plan: the room says what the meeting is for
    await room_shows(room_pilot, "Transport to the day centre", "Shape the new bus service")
    await start_on_run(pilot)
    await room_shows(room_pilot, "Item 1 of 2: Getting there on time", "left of 20")

    # An idea typed in the app is on the room view within a second.
    await type_into(pilot, "capture", "@Ann Buses before 9 so Bob Stone gets to work")
    entered = time.monotonic()
    await pilot.press("enter")
    await room_shows(room_pilot, "Buses before 9")
    assert time.monotonic() - entered < WITHIN_S
    shown = room_text(room)
    # Ann agreed to be named; Bob did not: in the room he is "Carer 1", as in the minutes.
    assert "IDEA 1 · Ann Lee" in shown
    assert "so Carer 1 gets to work" in shown
    assert "Bob" not in shown and "Stone" not in shown

    # Hands up: the order by consented name or role label.
    for name in ("Bob", "Ann"):  # Ctrl+R, a name, Enter: as the facilitator does
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press(*name, "enter")
        await pilot.pause()
    await room_shows(room_pilot, "Next: Carer 1, then Ann Lee")
    room_file = handover(data_dir)
    for secret in ("Bob", "Stone", "bob@example.org", "bsl", "BSL", "Not spoken",
                   "not spoken", bob.id, ann.id):
        assert secret not in room_file and secret not in room_text(room), secret


async def blanking_and_hiding_work(pilot, room_pilot, data_dir):
    app = pilot.app
    for idea in ("A shelter at the stop", "Drivers who wait"):
        await type_into(pilot, "capture", idea)
        await pilot.press("enter")
    await room_shows(room_pilot, "A shelter at the stop", "Drivers who wait")
    # The step bar looks for a room view every second.
    await until(pilot, lambda: "Room view open" in step_bar(app))

    await pilot.press("f9")  # a private moment
    await room_shows(room_pilot, "The screen is paused",
                     absent=("A shelter", "Drivers", "Getting there"))
    assert "A shelter" not in handover(data_dir)  # the file holds nothing of it either
    assert "Room view BLANK" in step_bar(app)
    await pilot.press("f9")
    await room_shows(room_pilot, "A shelter at the stop", "Drivers who wait")

    await pilot.press("f10")  # hide the newest record from the room
    await room_shows(room_pilot, "A shelter at the stop", absent=("Drivers who wait",))
    assert "Drivers who wait" not in handover(data_dir)


def the_minutes_keep_what_is_hidden(service, meeting):
    # It stays in the minutes: the record is unchanged, and the shared report has it.
    data = service.snapshot(meeting)
    assert [i.text for i in data.ideas][-2:] == ["A shelter at the stop", "Drivers who wait"]
    assert data.session.room_hidden_ids == [data.ideas[-1].id]
    from coprod_tui.report import session_report
    from coprod_tui.templates import default_wording
    report = session_report(data, default_wording())
    assert "Drivers who wait" in [i.text for i in report.items[0].ideas]


async def the_room_survives_the_app_quitting_and_coming_back(room_pilot, store, data_dir):
    # The app has gone (Ctrl+Q): the room waits, and shows nothing of the meeting.
    await room_shows(room_pilot, WAITING_WORDS, absent=("Getting there on time",))
    assert json.loads(handover(data_dir))["state"] == "closed"
    again = CoprodApp(store)
    async with again.run_test(size=SIZE) as pilot:
        await open_run(pilot)  # running now: Enter resumes it at Run
        await room_shows(room_pilot, "Getting there on time", absent=(WAITING_WORDS,))
        await pilot.press("pagedown")
        await room_shows(room_pilot, "Item 2 of 2: Paying for it")


async def test_a_room_view_open_is_seen_by_the_app_without_the_room_writing(data_dir, store,
                                                                            meeting):
    assert room_view_open(data_dir) is False  # no presence file yet: none can be open
    Service(store).room.leave()  # the app's first write makes the presence file
    assert (data_dir / PRESENCE_FILE).stat().st_size == 0
    assert room_view_open(data_dir) is False
    first, second = Presence(data_dir), Presence(data_dir)
    assert first.hold() and second.hold()  # two room views at once (a terminal, a browser)
    assert room_view_open(data_dir) is True
    first.release()
    assert room_view_open(data_dir) is True
    second.release()
    assert room_view_open(data_dir) is False


def folder_state(root: Path) -> dict[str, tuple[bytes | None, int, int]]:
    """Every file and folder with its bytes, modification time and inode."""
    state = {}
    for path in [root, *root.rglob("*")]:
        info = os.lstat(path)
        content = path.read_bytes() if path.is_file() else None
        state[str(path.relative_to(root))] = (content, info.st_mtime_ns, info.st_ino)
    return state


async def test_the_room_view_never_writes_to_the_data_folder(store, data_dir, meeting,
                                                             service, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing in the working folder either
    session = service.session(meeting)
    session.start(first_item=True)
    session.add_idea("Ask the drivers")
    service.room.follow(meeting, "live")
    before, cwd_before = folder_state(data_dir), sorted(os.listdir(tmp_path))
    room = RoomApp(data_dir, poll_s=0.05, part_s=0.2)
    done = {"_poll": 0, "_tick": 0, "_next_part": 0}

    def counting(name: str):
        real = getattr(room, name)

        def counted() -> None:
            done[name] += 1
            real()
        return counted

    for name in done:  # counted as the room's timers call them
        setattr(room, name, counting(name))
    async with room.run_test(size=SIZE) as room_pilot:
        await room_shows(room_pilot, "Ask the drivers")
        # The clock ticks, the file is polled thirty times.
        await until(room_pilot, lambda: done["_poll"] >= 30 and done["_tick"] >= 1)
        await room_pilot.resize_terminal(40, 12)
        parts = done["_next_part"]
        await until(room_pilot, lambda: done["_next_part"] >= parts + 2)  # split, and turned
    assert folder_state(data_dir) == before
    assert sorted(os.listdir(tmp_path)) == cwd_before
