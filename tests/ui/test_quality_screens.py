"""Comment cards, the 'I' statements check and checklists, through the real UI."""

from __future__ import annotations

import io

import docx

from coprod_tui.app import CoprodApp
from coprod_tui.exports.formats import render
from coprod_tui.templates import default_wording
from coprod_tui.service import Service
from tests.ui.helpers import paste, screen_text, session_on_disk, type_into


def docx_text(payload: bytes) -> str:
    document = docx.Document(io.BytesIO(payload))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def held_session(store, *, close=True):
    group = Service(store).groups.add_group(name="Parents Forum", conduct="Be kind")
    file = Service(store).create_session(group.id, "Autumn meeting", date="2026-10-01")
    file.start()
    ann = Service(store).groups.add_person(group.id, name="Ann Lee", role="family", consent_to_be_named=True)
    bob = Service(store).groups.add_person(group.id, name="Bob Stone", role="carer")
    for person in (ann, bob):
        file.mark(person.id, "present")
    file.add_idea("More evening meetings", raised_by="person", person_id=ann.id)
    if close:
        file.close()
    return file


async def open_close_step(pilot, session_id: str):
    """The running session's Close step, opened from Home as F7 on Run leaves it (Run,
    the costliest screen to draw, is not drawn first: Enter then F7 is walked in
    tests/ui/test_walk_session.py)."""
    await pilot.pause()
    pilot.app.screen.open_session(session_id, "close")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "CloseScreen"


async def test_the_end_of_a_meeting_cards_statements_and_checklists(store, data_dir):
    """One app at the end of a meeting still running, on its Close step: comment cards
    are entered quickly and counted; a full 'I' statements check goes through its
    screen; the checklists are ticked with notes on Close and Plan. Then what is on
    disk, and the minutes."""
    file = held_session(store, close=False)
    app = CoprodApp(store)
    wording = default_wording()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_close_step(pilot, file.id)

        # Comment cards. Each card as typed in one go (pasted: the box takes it the same
        # either way), then Enter, which records it at once.
        await pilot.press("ctrl+o")
        for card in ("4 I could say what I think", "3", "4 @ann Loved it",
                     "2 @bob Not sure", "7 wrong level"):
            await paste(pilot, card)
            await pilot.press("enter")
        shown = screen_text(app)
        assert "4 cards so far: level 4: 2 · level 3: 1 · level 2: 1 · level 1: 0" in shown
        assert "Start with the level the person chose" in shown
        assert app.screen.query_one("#card").value == "7 wrong level"  # kept to fix
        app.screen.query_one("#card").value = ""  # not kept: back to Close
        await pilot.press("escape")
        assert type(app.screen).__name__ == "CloseScreen", "after the cards"

        # A full 'I' statements check.
        await pilot.press("ctrl+t")
        for number in range(1, 9):
            screen = app.screen
            assert screen.number == number
            count = len(wording.statement_questions[number - 1])
            for i in range(count):
                answer = "no" if (number, i) == (6, 1) else "partly" if i == 0 else "yes"
                screen.query_one(f"#q{i}").value = answer
            if number == 1:  # the suggested evidence, used (one page is enough: it is
                await pilot.press("ctrl+g")  # the same key on each)
            if number == 6:
                await pilot.press("pagedown")  # refused until it says what will change
                assert app.screen.number == 6
                assert "say what will change" in screen_text(app)
                await type_into(pilot, "will_change", "Ask which evening suits people")
            await pilot.press("pagedown" if number < 8 else "ctrl+s")
        assert "Checked so far: 1, 2, 3, 4, 5, 6, 7" in screen_text(app)
        await pilot.press("escape")
        assert "8 of 8 'I' statements checked" in screen_text(app)

        # The checklists, on Close and then on Plan.
        table = app.screen.query_one("#involvement-checklist")
        table.focus()
        await pilot.press("space", "down", "n")
        await paste(pilot, "Room booked late")  # into the note, as typed in one go
        await pilot.press("enter", "f2")
        app.screen.query_one("#pre-checklist").focus()
        await pilot.press("space")
        assert wording.pre_checklist[0].label in screen_text(app)

    on_disk = session_on_disk(data_dir, file.id)
    cards = on_disk["feedback"]
    assert [(c["level"], c["comment"]) for c in cards] == [
        (4, "I could say what I think"), (3, ""), (4, "Loved it"), (2, "Not sure")]
    people = {p.name: p.id for p in store.groups.people().values()}
    assert [c["person_id"] for c in cards] == [None, None, people["Ann Lee"],
                                              people["Bob Stone"]]

    audit = sorted(on_disk["audit"], key=lambda a: a["statement"])
    assert [a["statement"] for a in audit] == list(range(1, 9))
    assert audit[5]["answers"] == ["partly", "no"]
    assert audit[5]["will_change"] == "Ask which evening suits people"
    assert "took part" in audit[0]["evidence"]  # the suggestion was used

    lists = on_disk["session"][0]["checklists"]
    first, second = (c.key for c in wording.involvement_checklist[:2])
    assert lists["involvement"][first] == {"ticked": True, "note": ""}
    assert lists["involvement"][second] == {"ticked": False, "note": "Room booked late"}
    assert lists["pre"][wording.pre_checklist[0].key]["ticked"] is True

    minutes = docx_text(render(store.snapshot(file.id), "minutes", wording))
    assert "4 comment cards handed in" in minutes
    assert wording.card_level(4) in minutes
    assert "Loved it" in minutes and "Ann Lee" in minutes  # named: she consented
    assert "Not sure" in minutes and "Bob Stone" not in minutes  # he did not
    assert "8 statements of 8 checked at this meeting" in minutes
    assert "Ask which evening suits people" in minutes
    assert "I can actively participate in meetings and other events." in minutes
