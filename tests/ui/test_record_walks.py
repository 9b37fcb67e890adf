"""Issue 13's "Done when": three realistic meetings walked through the real screens,
then the minutes, easy read and You said, We did read back as an attendee would.

* A design workshop: a session planned for next year is closed too early
  (refused), opened on Run (nothing starts), started with its date made today
  (asked first), an interpreter present, a late arrival, an idea credited with
  @name, a decision form that refuses a contradiction, a decision outside the
  group's control (its missing "who decides" refused by the service, in a test of
  its own), a vote that counts more people than are present, an action that answers
  an idea (added through the service), an idea not taken up with its reason, a close that asks
  first; then comment cards and every key of Run refuse to add to the closed
  session.
* A document review: a session made in the wrong group is moved, a duplicate
  planned one deleted (a held one is not), a record typed by mistake withdrawn and
  a wrong one corrected, from the read-only view.
* A youth council over three meetings: the next session starts from the last one
  (date agreed at Close, venue, facilitator, ways of working, agenda), last time's
  action is followed up and told back on the meeting's own date, and the group's
  history says who has not been seen and which of its roles never came.

Typing is done by setting values (pasting), so each walk takes seconds. Who is
present is marked through the service (the People step is walked in
tests/ui/test_walk_session.py).
"""

from __future__ import annotations

import io
from datetime import date, datetime

import docx
import pytest
from textual.widgets import Input, OptionList
from coprod_tui.screens.widgets import CaptureBox

from coprod_tui.app import CoprodApp
from coprod_tui.exports.formats import export_session, render_group
from coprod_tui.model import NextMeeting
from coprod_tui.report import history_of
from coprod_tui.screens.history import summary_lines as history_lines
from coprod_tui.service import Service
from coprod_tui.templates import default_wording
from coprod_tui.words import short_date
from tests.ui.helpers import choose, said, screen_text

WORDING = default_wording()
TODAY = date.today().isoformat()


def doc_lines(payload: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(payload))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return lines


def documents(store, session_id: str,
              formats: tuple[str, ...] = ("minutes", "easy-read", "you-said-we-did")
              ) -> dict[str, str]:
    """The documents as the Share step writes them, read back from the .docx."""
    out = store.root.parent / "out"
    out.mkdir(exist_ok=True)
    texts = {}
    for fmt in formats:
        path = export_session(Service(store), session_id, fmt, out / f"{fmt}.docx",
                              wording=WORDING)
        texts[fmt] = "\n".join(doc_lines(path.read_bytes()))
    return texts


def notices(app) -> str:
    return said(app)


def set_value(app, widget_id: str, value: str) -> None:
    box = app.screen.query_one(f"#{widget_id}")
    if isinstance(box, Input):
        box.value = value
    else:  # a TextArea
        box.text = value


async def fill_in(pilot, values: dict[str, str]) -> None:
    """Each box by its id: a choice (a Select) by the start of its value, then a pause
    for the boxes it shows (a vote's counts); the others typed as a paste leaves them."""
    from textual.widgets import Select

    for widget_id, value in values.items():
        if isinstance(pilot.app.screen.query_one(f"#{widget_id}"), Select):
            choose(pilot.app, widget_id, value)
            await pilot.pause()
        else:
            set_value(pilot.app, widget_id, value)


async def decision_asked_again(pilot, filled: dict[str, str], says: str,
                               put_right: dict[str, str]) -> None:
    """Ctrl+G, the dialog ``filled``, Ctrl+S: not recorded, the dialog saying ``says``;
    ``put_right`` (or nothing: the question asked once), Ctrl+S: recorded, back on Run."""
    app = pilot.app
    await pilot.press("ctrl+g")
    await fill_in(pilot, filled)
    await pilot.press("ctrl+s")
    assert says in screen_text(app)
    await fill_in(pilot, put_right)
    await pilot.press("ctrl+s")
    assert type(app.screen).__name__ == "LiveScreen"


async def idea(pilot, text: str) -> None:
    pilot.app.screen.query_one("#capture", CaptureBox).value = text
    await pilot.press("enter")
    await pilot.pause()


# -- a design workshop ------------------------------------------------------------------------

def design_workshop(store):
    service = Service(store)
    group = service.groups.add_group(name="Garden design group", conduct="Listen to everyone")
    add = service.groups.add_person
    people = {
        "ann": add(group.id, name="Ann Lee", role="uses_services", consent_to_be_named=True),
        "bob": add(group.id, name="Bob Stone", role="carer"),
        "cat": add(group.id, name="Cat Moss", role="officer", consent_to_be_named=True),
        "ian": add(group.id, name="Ian Sign", role="interpreter"),
        "nat": add(group.id, name="Nat Notes", role="note_taker"),
        "sue": add(group.id, name="Sue Help", role="supporter"),
    }
    file = service.create_session(group.id, "Designing the sensory garden", date="2027-05-01",
                                  start="10:00", end="12:00", venue="Community hall")
    file.add_agenda_item("Ideas for the garden", 60)
    file.release()
    return file.id, people


async def test_a_design_workshop(store, data_dir):
    sid, people = design_workshop(store)
    service = Service(store)
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        # Closing too early is refused (its Close step opened as F7 on Run leaves it).
        await pilot.pause()
        app.screen.open_session(sid, "close")
        await pilot.press("ctrl+f")
        assert "has not started, so there is nothing to close" in notices(app)
        assert service.session(sid).session.status == "planned"
        # Looking at Run does not start a session planned for next year.
        await pilot.press("f6")
        assert type(app.screen).__name__ == "LiveScreen"
        assert service.session(sid).session.status == "planned"
        assert "has started" not in notices(app)
        # The first idea asks to start it: its date is not today, so it asks first.
        await idea(pilot, "Benches in the shade")
        assert "Start this session now?" in screen_text(app)
        assert "planned for Saturday 1 May 2027" in screen_text(app)
        await pilot.click("#today")
        session = service.session(sid).session
        assert (session.status, session.date) == ("live", TODAY)
        assert [i.text for i in service.session(sid).ideas()] == ["Benches in the shade"]

        # Who is here (the People step is walked elsewhere): Cat came late.
        live = service.session(sid)
        for key in ("ann", "bob", "ian", "nat", "sue"):
            live.mark(people[key].id, "present")
        live.mark_late(people["cat"].id, datetime.fromisoformat(f"{TODAY}T10:20:00").astimezone())
        app.screen.on_screen_resume()  # as Run does when shown again after People
        await idea(pilot, "@ann Raised beds a wheelchair can reach")
        await idea(pilot, "@bob Gravel paths are hard for wheels")
        # Ann and Bob had their say through ideas in their names; Ian is not a participant.
        assert "Not spoken yet (1): Cat Moss." in screen_text(app)
        assert "Ian" not in screen_text(app).split("Not spoken yet (1):")[1].split("\n")[0]

        # A decision that contradicts itself is refused; "Most agreed" is not.
        await decision_asked_again(
            pilot, {"text": "Build raised beds by the door",
                    "reasons": "Ann said people in wheelchairs cannot reach the ground",
                    "differing": "Bob wanted them at the back"},
            "cannot go with views that differed", {"method": "most"})

        # Outside the group's control: the dialog asks who decides, then keeps it. (The
        # rule for "partly" too: test_a_decision_outside_the_groups_control_says_who_decides.)
        await decision_asked_again(
            pilot, {"text": "Keep the lease's wording on opening hours",
                    "reasons": "It is in the lease and cannot change", "in_control": "no"},
            "Say who decides", {"decided_by": "the landlord"})
        assert [d.decided_by for d in service.session(sid).decisions()
                if d.in_control == "no"] == ["the landlord"]

        # A vote of 5 + 1 with 4 present is questioned once, then kept.
        await decision_asked_again(
            pilot, {"text": "Paint the shed green", "reasons": "Most liked green",
                    "method": "vote", "for": "5", "against": "1"},
            "The vote counts 6 people, but 3 people are taking part", {})

        # An action answers what its owner chooses: the gravel idea, not the last
        # decision. (Added through the service: choosing what an action answers in its
        # dialog is walked in tests/ui/test_walk_session.py.)
        gravel = next(i for i in service.session(sid).ideas() if "Gravel" in i.text)
        service.session(sid).add_action("Price up smooth paths", owner="Parks team",
                                        source_kind="idea", source_id=gravel.id)

        # The shade idea is not taken up, with the reason.
        await pilot.press("ctrl+y")
        ideas = app.screen.query_one("#ideas", OptionList)
        ideas.highlighted = 0
        set_value(app, "reason", "The trees there belong to the school")
        await pilot.press("ctrl+s")

        # Close asks once, and says what will be locked.
        await pilot.press("f7")
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert "Closing locks the record of this meeting" in screen_text(app)
        assert "not heard yet: Cat Moss" in screen_text(app)
        await pilot.click("#close")
        assert service.session(sid).session.status == "closed"
        await pilot.press("ctrl+o")  # comment cards: read, not added to
        card = app.screen.query_one("#card")
        assert card.disabled and "This session is closed" in card.placeholder
        await pilot.press("escape")

        # Back on Run after closing (F6; Escape now goes where the session was opened
        # from): nothing can be added from any key.
        await pilot.press("f6")
        assert type(app.screen).__name__ == "LiveScreen"
        box = app.screen.query_one("#capture", CaptureBox)
        assert box.disabled and "closed" in box.placeholder
        for key in ("ctrl+r", "ctrl+g", "ctrl+l"):
            await pilot.press(key)
            assert type(app.screen).__name__ == "LiveScreen", key
            # Run says it in its status line, not in a message over the record.
            assert "This session is closed, so" in screen_text(app), key
        assert "a decision cannot be added" in " ".join(screen_text(app).split()) or \
            "an action cannot be added" in " ".join(screen_text(app).split())
    after = service.session(sid)
    assert [i.text for i in after.ideas()] == [
        "Benches in the shade", "Raised beds a wheelchair can reach",
        "Gravel paths are hard for wheels"]
    assert len(after.decisions()) == 3 and len(after.actions()) == 1
    assert after.feedback() == [] and after.corrections() == []
    (action,) = after.actions()
    assert action.source_kind == "idea"

    docs = documents(store, sid)
    minutes, easy, ysw = docs["minutes"], docs["easy-read"], docs["you-said-we-did"]
    # The interpreter is there, not counted as taking part.
    assert "3 people took part" in minutes and "there to support" in minutes.lower() \
        or "Interpreter" in minutes
    for helper in ("Ian Sign", "Nat Notes", "Sue Help"):
        assert helper not in minutes + easy + ysw
    # Easy read: the helpers are said apart and not counted among those who came.
    assert "\t3 people came.\n" in easy
    assert "1 person came to help people take part (interpreter)." in easy
    assert "1 person came to help people take part (note-taker)." in easy
    assert "1 person came to help people take part (supporter or personal assistant)." in easy
    assert "\t2 people had their say.\n1 person did not have their say yet." in easy
    assert "Arrived late at 10:20" in minutes
    assert "Outside the group's control" in minutes and "the landlord" in minutes
    assert "Needs someone else to agree" not in minutes + easy + ysw
    assert "How it was decided: Most agreed; not everyone did." in minutes
    assert "We cannot decide this ourselves." in easy
    # You said, We did: what people said, what was done, and what could not be.
    you_said = ysw.split("\nYou said\n")[1].split("\nWe did\n")[0]
    assert "Ann Lee: Raised beds a wheelchair can reach" in you_said
    assert "Carer 1: Gravel paths are hard for wheels" in you_said
    could_not = ysw.split("\nWe could not\n")[1]
    assert "Benches in the shade" in could_not
    assert "The trees there belong to the school" in could_not
    # The easy read says the idea was not used, and why, beside the idea.
    assert "\tSomeone said:\nBenches in the shade\n\tWe could not use this idea.\n" \
        "Why: The trees there belong to the school\n" in easy
    assert "We could not use 1 idea. We said why." in easy
    assert "the landlord" in could_not


def test_a_decision_outside_the_groups_control_says_who_decides(store):
    """The rule the decision dialog shows when it refuses (the workshop above shows a
    refusal there): partly or wholly outside the group's control, it says who decides."""
    from coprod_tui.errors import ValidationError

    sid, _ = design_workshop(store)
    file = Service(store).session(sid)
    file.start()
    for in_control in ("no", "partly"):
        with pytest.raises(ValidationError, match="Say who decides") as refused:
            file.add_decision("Keep the lease's wording", "It is in the lease",
                              in_control=in_control)
        assert refused.value.field == "decided_by", in_control
    assert file.decisions() == []
    file.add_decision("Keep the lease's wording", "It is in the lease", in_control="no",
                      decided_by="the landlord")
    assert [d.decided_by for d in file.decisions()] == ["the landlord"]


# -- a document review --------------------------------------------------------------------------

async def test_a_document_review(store, data_dir):
    service = Service(store)
    housing = service.groups.add_group(name="Housing panel", conduct="Be kind")
    youth = service.groups.add_group(name="Youth council", conduct="Be kind")
    ann = service.groups.add_person(youth.id, name="Ann Lee", role="uses_services",
                                    consent_to_be_named=True)
    review = service.create_session(youth.id, "Tenancy leaflet review", date="2026-10-05",
                                    methods=["document_review"])
    review.start()
    review.mark(ann.id, "present")
    review.add_idea("Shorter sentences on page one", raised_by="person", person_id=ann.id)
    review.add_idea("Skate park opening hours")  # said at the wrong meeting
    review.add_decision("Rewrite page one", "People stopped reading there")
    review.close()
    review.release()
    copy = service.create_session(youth.id, "Tenancy leaflet review (copy)", date="2026-10-05")
    copy.release()
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions")

        async def highlight(session_id: str) -> None:
            """Move the cursor of Home's session list (all groups) to that session."""
            table.move_cursor(row=table.get_row_index(session_id))
            await pilot.pause()

        # The held session cannot be deleted; it is moved to the right group.
        await highlight(review.id)
        assert app.screen._highlighted() == review.id
        await pilot.press("d")
        assert "holds a record of a meeting" in notices(app)
        await pilot.press("m")
        app.screen.query_one("#group").value = housing.id
        await pilot.press("ctrl+s")
        assert service.session(review.id).session.group_id == housing.id
        # Still highlighted after the move (it was back at the top of the list), and the
        # message says where it went.
        assert app.screen._highlighted() == review.id
        assert "The session was moved to Housing panel." in notices(app)
        # The duplicate, never held, is deleted (asked first).
        await highlight(copy.id)
        assert app.screen._highlighted() == copy.id
        await pilot.press("d")
        assert "Delete this session?" in screen_text(app)
        # Home has no box to type into: letters typed now (n: a new session, on Home)
        # do nothing, and the Enter after them does not answer.
        await pilot.press("n", "enter")
        assert "Typing goes nowhere while this question is open. Enter did not answer" \
            in " ".join(screen_text(app).split())
        await pilot.click("#delete")
        assert copy.id not in {s.id for s in store.summaries()}

        # The read-only view: withdraw the idea said at the wrong meeting, correct one.
        await highlight(review.id)
        await pilot.press("enter")  # closed: its read-only view
        assert type(app.screen).__name__ == "SessionViewScreen"
        await pilot.press("w")
        records = app.screen.query_one("#records", OptionList)
        records.highlighted = next(n for n in range(records.option_count)
                                   if "Skate park" in str(records.get_option_at_index(n).prompt))
        await pilot.press("ctrl+s")
        set_value(app, "reason", "Said at the youth council, not this panel")
        await pilot.press("ctrl+s")
        assert "withdrawn" in screen_text(app).lower()
        await pilot.press("c")
        records = app.screen.query_one("#records", OptionList)
        records.highlighted = next(n for n in range(records.option_count)
                                   if "Rewrite" in str(records.get_option_at_index(n).prompt))
        await pilot.press("ctrl+s")
        set_value(app, "text", "Rewrite pages one and two")
        await pilot.press("ctrl+s")

    data = store.snapshot(review.id)
    (withdrawn,) = [i for i in data.ideas if i.withdrawn]
    assert withdrawn.withdrawn_reason == "Said at the youth council, not this panel"
    docs = documents(store, review.id)
    minutes, easy, ysw = docs["minutes"], docs["easy-read"], docs["you-said-we-did"]
    assert "Housing panel" in minutes and "Youth council" not in minutes.split("\n")[1]
    assert "Ideas: 1 idea raised" in minutes  # the withdrawn one is in no count
    assert "Skate park" not in easy + ysw
    # Easy read: one thing taken out (never what it said), the correction with its new words.
    assert "\tWe took 1 thing out of these notes.\nIt was written down by mistake." in easy
    assert "Said at the youth council" not in easy  # the reason is for the minutes
    assert "we changed a decision.\nWhat we changed: the wording.\nIt now says: Rewrite " \
        "pages one and two" in easy
    assert "Rewrite page one\n" not in easy + minutes
    assert "Withdrawn records" in minutes
    assert "Reason: Said at the youth council, not this panel." in minutes
    assert "Decision 1: Rewrite pages one and two" in minutes
    assert "decision 1: the wording. The wording now says: 'Rewrite pages one and two'." \
        in minutes
    assert "People raised 1 idea" in ysw


# -- a youth council over three meetings ----------------------------------------------------------

async def test_a_youth_council_over_three_meetings(store, data_dir):
    service = Service(store)
    group = service.groups.add_group(name="Youth council", conduct="Respect each other")
    add = service.groups.add_person
    kids = [add(group.id, name=n, role="young_person", consent_to_be_named=True)
            for n in ("Zara Khan", "Leo Park", "Mia Jones")]
    worker = add(group.id, name="Sam Worker", role="professional", consent_to_be_named=True)
    first = service.create_session(group.id, "Skate park plans", date="2026-11-12",
                                   start="17:00", end="18:30", venue="Youth centre",
                                   facilitator="Sam Worker", methods=["workshop"])
    first.add_agenda_item("Skate park", 45)
    first.start()
    for person in (*kids, worker):
        first.mark(person.id, "present")
    first.agree_everyone()  # the code is agreed at this meeting, on its day
    first.add_idea("Lights so it is safe after dark", raised_by="person", person_id=kids[0].id)
    action = first.add_action("Ask the council about lights", owner="Sam Worker",
                              source_kind="idea", source_id=first.ideas()[0].id)
    first.close(NextMeeting(date="2027-01-14", venue="Youth centre, room 2"))
    first.release()

    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # The next session starts from the last one.
        await pilot.press("n")
        assert app.screen.query_one("#date", Input).value == "2027-01-14"
        assert app.screen.query_one("#start", Input).value == "17:00"
        set_value(app, "title", "Lights and litter")
        await pilot.press("ctrl+s")
        second_id = next(s.id for s in store.summaries() if s.title == "Lights and litter")
        second = service.session(second_id).session
        assert (second.venue, second.facilitator, second.methods) == (
            "Youth centre, room 2", "Sam Worker", ["workshop"])
        assert [i.title for i in second.agenda] == ["Skate park"]
        # Follow up: last time's action is done and told back on this meeting's date.
        await pilot.press("f5")
        assert "Ask the council about lights" in screen_text(app)
        await pilot.press("d")
        set_value(app, "words", "The council will put up two lights in spring")
        await pilot.press("ctrl+s")
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.query_one("#day", Input).value == "2027-01-14"
        await pilot.press("ctrl+s")

    done = next(a for a in service.session(first.id).actions() if a.id == action.id)
    assert done.status == "done" and done.communicated_back_at.startswith("2027-01-14")
    assert done.followed_up_session_id == second_id
    live = service.session(second_id)
    live.start()
    for person in (kids[0], kids[1], worker):
        live.mark(person.id, "present")
    live.mark(kids[2].id, "absent")
    live.close()
    third = service.create_session(group.id, "Litter picking day", carry_over=True)
    assert third.session.date == TODAY  # nothing agreed for it: today, not a past date
    third.start()
    for person in (kids[0], worker):
        third.mark(person.id, "present")
    third.mark(kids[1].id, "apologies")
    third.close()
    store.release(store.session(third.id))

    docs = documents(store, second_id, ("minutes", "easy-read"))
    minutes, easy = docs["minutes"], docs["easy-read"]
    last_time = minutes.split("Last time's actions")[1]
    assert "Ask the council about lights" in last_time
    assert "The council will put up two lights in spring" in last_time
    assert "No actions were agreed" not in minutes.split("Last time's actions")[0]
    assert "Jobs from last time" in easy
    # The rules were agreed at the first meeting: its date, not the day this ran.
    assert "We agreed our rules on 12 November 2026." in easy
    assert "We agreed our rules on 12 November 2026." in documents(store, first.id, ("easy-read",))["easy-read"]
    assert f"agreed our rules on {short_date(TODAY)}" not in easy
    group_ysw = "\n".join(doc_lines(render_group(
        service.groups.group(group.id), [store.snapshot(s.id) for s in store.summaries()],
        "you-said-we-did", WORDING)))
    assert "Zara Khan: Lights so it is safe after dark" in group_ysw
    assert "The council will put up two lights in spring" in group_ysw

    history = history_of(service.groups.group(group.id),
                         [store.snapshot(s.id) for s in store.summaries()])
    text = "\n".join(history_lines(history))
    # Mia: marked "did not come" once, then not marked at all: both count as missed.
    assert "Mia Jones: not seen for 2 meetings (1 did not come, 1 not marked); last came " \
        "2026-11-12" in text
    assert "Leo Park" not in text.split("Not seen lately:")[1]  # sent apologies once
    # Roles the group recruits: young people and a youth worker, not "Carer" or "Councillor".
    assert "Carer" not in text and "Councillor" not in text
    assert "1 meetings" not in text and "last never came" not in text
