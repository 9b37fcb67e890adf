"""A whole session, end to end, through the real UI; then what is on disk.

What is typed is set in its box (``fill``), as the box takes it the same either way:
key-by-key typing is what the typing tests prove (tests/ui/test_nothing_typed_is_lost.py,
tests/reliability/test_paste.py, the benchmarks). Where a screen would only be used again
the same way (a third and fourth person added), the rest is added through the service."""

from __future__ import annotations

from textual.widgets import Checkbox, Input

from coprod_tui.app import CoprodApp
from coprod_tui.service import Service
from tests.ui.helpers import choose, screen_text, session_on_disk


async def fill(pilot, **values: str) -> None:
    """Put each value in its box (by id) as typing it would leave it, then let the
    screen take them all in at once."""
    for box_id, value in values.items():
        box = pilot.app.screen.query_one(f"#{box_id}")
        if isinstance(box, Input):
            box.value = value
        else:  # a TextArea
            box.text = value
    await pilot.pause()


def file_status(store) -> str:
    (summary,) = store.summaries()
    return store.session(summary.id).session.status


async def test_a_whole_session_through_the_screens(store, data_dir):
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        # A group, made through the New group dialog.
        await pilot.press("g")
        await fill(pilot, name="Young Carers Forum", organisation="Riverside Council")
        await pilot.press("ctrl+s")
        assert [g.name for g in store.groups.groups()] == ["Young Carers Forum"]

        # A new session, then its plan with an agenda.
        await pilot.press("n")
        await fill(pilot, title="Homework and breaks", date="2026-03-14")
        app.screen.query_one("#date").focus()  # Enter in the form makes the session
        await pilot.press("enter")
        assert type(app.screen).__name__ == "SetupScreen"
        await fill(pilot, venue="Town Hall, Room 1")
        for title, minutes in (("Welcome", "5"), ("What would help", "30")):
            await fill(pilot, **{"item-minutes": minutes, "item-title": title})
            app.screen.query_one("#item-title").focus()
            await pilot.press("enter")  # Enter on the title adds the item

        # People: three present, one apology. Bob and Cat were on the group's list and
        # are marked present through the service (as Ann is through the screen below).
        service = Service(store)
        (group,) = service.groups.groups()
        session_id = app.screen.session_id
        for name in ("Bob Stone", "Cat Moss"):
            service.session(session_id).mark(
                service.groups.add_person(group.id, name=name).id, "present")
        await pilot.press("f3")
        for name in ("Ann Lee", "Dan Park"):
            await pilot.press("n")
            assert app.focused is app.screen.query_one("#name"), name  # typed into at once
            await fill(pilot, name=name)
            if name == "Ann Lee":
                app.screen.query_one("#consent", Checkbox).value = True
            await pilot.press("ctrl+s")
        await pilot.press("a")  # the cursor is on Dan, added last
        assert "Present 3" in screen_text(app) and "Apologies 1" in screen_text(app)

        # The code of conduct: everyone present agrees.
        await pilot.press("f4", "A")
        assert screen_text(app).count("Agreed (version 1)") == 3

        # Follow up: a first session has nothing from before.
        await pilot.press("f5")
        assert "Nothing to follow up" in screen_text(app)

        # Run: hands up, the floor, two ideas, a decision, an action.
        await pilot.press("f6")
        assert file_status(store) == "planned"  # looking at Run starts nothing
        await pilot.press("ctrl+s")  # not today's date: asked first
        assert "Start this session now?" in screen_text(app)
        await pilot.click("#keep")  # typed up on the day: it keeps its own date
        await pilot.pause()
        assert file_status(store) == "live"
        await pilot.press("ctrl+r")
        assert app.focused is app.screen.query_one("#filter")  # typed into at once
        await fill(pilot, filter="bob")  # part of a name, then Enter
        await pilot.press("enter", "ctrl+o")
        assert app.focused is app.screen.query_one("#filter")
        await fill(pilot, filter="cat")
        await pilot.press("enter")
        assert "1. Cat Moss (point of order)" in screen_text(app)
        await pilot.press("ctrl+n")  # the point of order speaks first
        assert app.focused is app.screen.query_one("#capture")  # typed into at once
        await fill(pilot, capture="A quiet room for homework")
        await pilot.press("enter", "ctrl+n")
        assert app.focused is app.screen.query_one("#capture")
        await fill(pilot, capture="@ann Breaks every hour")
        await pilot.press("enter")
        # Ann did not speak, but the idea credited to her is her contribution.
        assert "Everyone taking part has been heard." in screen_text(app)

        await pilot.press("ctrl+g")
        await fill(pilot, text="Ask the school for a homework room",
                   reasons="Two young carers said home is too noisy")
        app.screen.query_one("#ideas").select_all()
        await pilot.press("ctrl+s")

        await pilot.press("ctrl+l")
        await fill(pilot, text="Write to the head teacher", owner_text="Participation team",
                   due="2026-04-01")
        await pilot.press("ctrl+s")
        assert "Choose what this action answers" in screen_text(app)  # never guessed
        choose(app, "source", "decision:")
        await pilot.press("ctrl+s")
        assert "DECISION: Ask the school for a homework room" in screen_text(app)
        assert "ACTION · Participation team: Write to the head teacher" in screen_text(app)

        # Close.
        await pilot.press("f7")
        await fill(pilot, next_date="2026-04-11")
        await pilot.press("ctrl+f")
        assert "Closing locks the record of this meeting" in screen_text(app)
        await pilot.click("#close")
        await pilot.pause()
        assert "This session is closed" in screen_text(app)
        session_id = app.screen.session_id

    disk = session_on_disk(data_dir, session_id)
    (session,) = disk["session"]
    assert session["title"] == "Homework and breaks" and session["status"] == "closed"
    assert session["venue"] == "Town Hall, Room 1"
    assert [i["title"] for i in session["agenda"]] == ["Welcome", "What would help"]
    assert [i["planned_min"] for i in session["agenda"]] == [5, 30]
    assert session["next_meeting"]["date"] == "2026-04-11"
    people = {p.name: p.id for p in store.groups.people().values()}
    status = {a["person_id"]: a["status"] for a in disk["attendance"]}
    assert status == {people["Ann Lee"]: "present", people["Bob Stone"]: "present",
                      people["Cat Moss"]: "present", people["Dan Park"]: "apologies"}
    assert all(a["conduct_version"] == 1 for a in disk["attendance"]
               if a["status"] == "present")
    consent = {a["person_id"]: a["consent_to_be_named"] for a in disk["attendance"]}
    assert consent[people["Ann Lee"]] is True and consent[people["Bob Stone"]] is False
    turns = [(t["person_id"], t["kind"]) for t in disk["turns"]]
    assert turns == [(people["Cat Moss"], "point_of_order"), (people["Bob Stone"], "normal")]
    ideas = {i["text"]: i for i in disk["ideas"]}
    assert ideas["A quiet room for homework"]["person_id"] == people["Cat Moss"]
    assert ideas["Breaks every hour"]["person_id"] == people["Ann Lee"]
    (decision,) = disk["decisions"]
    assert decision["reasons"] == "Two young carers said home is too noisy"
    assert set(decision["idea_ids"]) == {i["id"] for i in disk["ideas"]}
    (action,) = disk["actions"]
    assert (action["owner"], action["due"], action["status"]) == (
        "Participation team", "2026-04-01", "open")
    assert (action["source_kind"], action["source_id"]) == ("decision", decision["id"])


async def test_arrival_and_leaving_times_can_be_set_by_hand(store, data_dir):

    group = Service(store).groups.add_group(name="G", conduct="Be kind")
    file = Service(store).create_session(group.id, "Evening", date="2026-03-14")
    file.start()
    ann = Service(store).groups.add_person(group.id, name="Ann Lee")
    file.mark(ann.id, "present")
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        # Its People step, as F3 leaves it (Enter, then F3, is walked above).
        await pilot.pause()
        app.screen.open_session(file.id, "attendance")
        await pilot.press("enter")  # Ann's details
        await fill(pilot, arrived="10:50", left="11:45")
        app.screen.query_one("#late", Checkbox).value = True
        await pilot.press("ctrl+s")
        assert "Present, late 10:50, left 11:45" in screen_text(app)
        await pilot.press("enter")
        await fill(pilot, left="quarter to")
        await pilot.press("ctrl+s")
        assert "Times are written like 10:50." in screen_text(app)
    (record,) = session_on_disk(data_dir, file.id)["attendance"]
    assert record["late"] is True
    assert record["arrived_at"].startswith("2026-03-14T10:50:00")
    assert record["left_at"].startswith("2026-03-14T11:45:00")
