"""A whole session, end to end, through the real UI; then what is on disk.

What is typed is pasted into its box (``type_into``), as the box takes it the same
either way: key-by-key typing is what the typing tests prove (tests/ui/
test_nothing_typed_is_lost.py, tests/reliability/test_paste.py, the benchmarks)."""

from __future__ import annotations

from textual.widgets import Checkbox

from coprod_tui.app import CoprodApp
from coprod_tui.service import Service
from tests.ui.helpers import choose, screen_text, session_on_disk, type_into


def file_status(store) -> str:
    (summary,) = store.summaries()
    return store.session(summary.id).session.status


async def test_a_whole_session_through_the_screens(store, data_dir):
    app = CoprodApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        # A group, made through the New group dialog.
        await pilot.press("g")
        await type_into(pilot, "name", "Young Carers Forum")
        await type_into(pilot, "organisation", "Riverside Council")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [g.name for g in store.groups.groups()] == ["Young Carers Forum"]

        # A new session, then its plan with an agenda.
        await pilot.press("n")
        await type_into(pilot, "title", "Homework and breaks")
        await type_into(pilot, "date", "2026-03-14")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SetupScreen"
        await type_into(pilot, "venue", "Town Hall, Room 1")
        for title, minutes in (("Welcome", "5"), ("What would help", "30")):
            await type_into(pilot, "item-minutes", minutes)
            await type_into(pilot, "item-title", title)
            await pilot.press("enter")
            await pilot.pause()

        # People: three present, one apology.
        await pilot.press("f3")
        await pilot.pause()
        for name in ("Ann Lee", "Bob Stone", "Cat Moss", "Dan Park"):
            await pilot.press("n")
            await pilot.pause()
            assert app.focused is app.screen.query_one("#name")  # typed into at once
            await type_into(pilot, "name", name)
            if name == "Ann Lee":
                app.screen.query_one("#consent", Checkbox).value = True
            await pilot.press("ctrl+s")
            await pilot.pause()
        await pilot.press("a")  # the cursor is on Dan, added last
        await pilot.pause()
        assert "Present 3" in screen_text(app) and "Apologies 1" in screen_text(app)

        # The code of conduct: everyone present agrees.
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        assert screen_text(app).count("Agreed (version 1)") == 3

        # Follow up: a first session has nothing from before.
        await pilot.press("f5")
        await pilot.pause()
        assert "Nothing to follow up" in screen_text(app)

        # Run: hands up, the floor, two ideas, a decision, an action.
        await pilot.press("f6")
        await pilot.pause()
        assert file_status(store) == "planned"  # looking at Run starts nothing
        await pilot.press("ctrl+s")  # not today's date: asked first
        await pilot.pause()
        assert "Start this session now?" in screen_text(app)
        await pilot.click("#keep")  # typed up on the day: it keeps its own date
        await pilot.pause()
        assert file_status(store) == "live"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#filter")  # typed into at once
        await type_into(pilot, "filter", "bob")  # part of a name, then Enter
        await pilot.press("enter")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#filter")
        await type_into(pilot, "filter", "cat")
        await pilot.press("enter")
        await pilot.pause()
        assert "1. Cat Moss (point of order)" in screen_text(app)
        await pilot.press("ctrl+n")  # the point of order speaks first
        await pilot.pause()
        assert app.focused is app.screen.query_one("#capture")  # typed into at once
        await type_into(pilot, "capture", "A quiet room for homework")
        await pilot.press("enter")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#capture")
        await type_into(pilot, "capture", "@ann Breaks every hour")
        await pilot.press("enter")
        await pilot.pause()
        # Ann did not speak, but the idea credited to her is her contribution.
        assert "Everyone taking part has been heard." in screen_text(app)

        await pilot.press("ctrl+g")
        await pilot.pause()
        await type_into(pilot, "text", "Ask the school for a homework room")
        await type_into(pilot, "reasons", "Two young carers said home is too noisy")
        app.screen.query_one("#ideas").select_all()
        await pilot.press("ctrl+s")
        await pilot.pause()

        await pilot.press("ctrl+l")
        await pilot.pause()
        await type_into(pilot, "text", "Write to the head teacher")
        await type_into(pilot, "owner_text", "Participation team")
        await type_into(pilot, "due", "2026-04-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Choose what this action answers" in screen_text(app)  # never guessed
        choose(app, "source", "decision:")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "DECISION: Ask the school for a homework room" in screen_text(app)
        assert "ACTION · Participation team: Write to the head teacher" in screen_text(app)

        # Close.
        await pilot.press("f7")
        await pilot.pause()
        await type_into(pilot, "next_date", "2026-04-11")
        await pilot.press("ctrl+f")
        await pilot.pause()
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
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # planned: opens on Plan
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("enter")  # Ann's details
        await pilot.pause()
        await type_into(pilot, "arrived", "10:50")
        await type_into(pilot, "left", "11:45")
        app.screen.query_one("#late", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Present, late 10:50, left 11:45" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        await type_into(pilot, "left", "quarter to")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Times are written like 10:50." in screen_text(app)
    (record,) = session_on_disk(data_dir, file.id)["attendance"]
    assert record["late"] is True
    assert record["arrived_at"].startswith("2026-03-14T10:50:00")
    assert record["left_at"].startswith("2026-03-14T11:45:00")
