"""One session told by every output says the same thing (issue 12).

The read-only view, the Close summary, the minutes, the easy-read minutes and
You said We did all read the one report model. Here one session with every
hard case - agenda items that ran over and under (with times that round
differently half up and down, 36.5 and 17.5 minutes, and the "1 of 1 minutes"
case), a late arrival, someone who left early, a vote, a correction, an action in
every status, comment cards and a person who did not agree to be named but
whose name was typed into free text - is rendered through each, and the
numbers are read back out of the text each one shows a person and compared.

The session is built from the model's records directly (no store), so the test
depends only on what the outputs are given: a loaded session.
"""

from __future__ import annotations

import io
import re
from collections import Counter

import docx
import pytest

from coprod_tui.exports.formats import render
from coprod_tui.model import (
    Action, AgendaItem, Attendance, AuditAnswer, ConductVersion, Correction, Decision,
    Feedback, Group, Idea, Person, Session, SessionData, Turn,
)
from coprod_tui.report import session_report
from coprod_tui.screens.close import summary_lines
from coprod_tui.screens.session_view import session_text
from coprod_tui.templates import default_wording

# One worker builds the module fixture once (pytest-xdist, --dist loadgroup).
pytestmark = pytest.mark.xdist_group("report-consistency")

WORDING = default_wording()
DAY = "2026-03-05"


def at(clock: str) -> str:
    return f"{DAY}T{clock}:00+00:00"


#: (title, planned minutes, seconds spent); None: never started.
AGENDA = [("Routes and stops", 30, 36 * 60 + 30),   # 36.5: half up is 37 (round() says 36)
          ("Bus shelters", 20, 17 * 60 + 30),       # 17.5: 18 (a floor says 17)
          ("Any other business", 1, 90),            # 1.5: 2, "1 minute over" (not "1 of 1")
          ("Next steps", 10, None)]


def whole_minutes(seconds: int) -> int:
    """The rule, restated: the nearest minute, a half rounded up."""
    return int(seconds / 60 + 0.5)


def the_session() -> SessionData:
    group = Group(name="Transport Group", organisation="Council",
                  conduct=[ConductVersion(version=1, text="Be kind", adopted_at=at("09:00"))])
    ann = Person(name="Ann Lee", role="uses_services", consent_to_be_named=True)
    bob = Person(name="Bob Stone", role="carer", support_needs=["bsl"],
                 support_other="needs-SECRET-support", contact="bob@example.org")
    cat = Person(name="Cat Moss", role="officer", organisation="Council",
                 consent_to_be_named=True)
    dan = Person(name="Dan Park", role="carer")
    eve = Person(name="Eve Green", role="family", consent_to_be_named=True)
    fay = Person(name="Fay Wood", role="professional", organisation="Trust")
    people = [ann, bob, cat, dan, eve, fay]
    attendance = [
        Attendance(person_id=ann.id, status="present", role=ann.role, consent_to_be_named=True,
                   arrived_at=at("10:00"), conduct_version=1, conduct_how="agreed",
                   conduct_agreed_at=at("10:01")),
        Attendance(person_id=bob.id, status="present", role=bob.role, mode="online",
                   support_needs=["bsl"], arrived_at=at("10:00"), conduct_version=1,
                   conduct_how="agreed", conduct_agreed_at=at("10:01")),
        Attendance(person_id=cat.id, status="present", role=cat.role, organisation="Council",
                   consent_to_be_named=True, arrived_at=at("10:00"), conduct_version=1,
                   conduct_how="agreed", conduct_agreed_at=at("10:01")),
        Attendance(person_id=dan.id, status="apologies", role=dan.role),
        Attendance(person_id=eve.id, status="present", role=eve.role, consent_to_be_named=True,
                   late=True, arrived_at=at("10:20"), conduct_version=1, conduct_how="later",
                   conduct_agreed_at=at("10:25")),
        Attendance(person_id=fay.id, status="present", role=fay.role, organisation="Trust",
                   arrived_at=at("10:00"), left_at=at("11:30")),
    ]
    agenda = [AgendaItem(title=title, planned_min=planned, spent_s=spent or 0)
              for title, planned, spent in AGENDA]
    routes, shelters = agenda[0], agenda[1]
    session = Session(group_id=group.id, title="Bus stops review", date=DAY, start="10:00",
                      end="12:00", venue="Town Hall", format="hybrid", methods=["focus_group"],
                      facilitator="Fay Facil", status="closed", agenda=agenda,
                      started_at=at("10:00"), closed_at=at("12:00"))
    turns = [Turn(person_id=pid, at=at(clock)) for pid, clock in
             ((ann.id, "10:05"), (bob.id, "10:06"), (ann.id, "10:30"), (cat.id, "10:40"))]
    i1 = Idea(text="More benches at the stops", raised_by="person", person_id=bob.id,
              agenda_item_id=routes.id, at=at("10:06"))
    i2 = Idea(text="Free wifi on buses", raised_by="chat", agenda_item_id=routes.id,
              at=at("10:10"))
    i3 = Idea(text="Bob Stone says the shelter roof leaks", raised_by="anonymous",
              agenda_item_id=shelters.id, at=at("10:50"))
    d1 = Decision(text="Ask for benches at the five busiest stops",
                  reasons="As Bob said, standing for a long wait is hard", idea_ids=[i1.id],
                  method="vote", votes_for=5, votes_against=1, votes_abstain=2,
                  differing_views="Stone preferred shelters", in_control="partly",
                  agenda_item_id=routes.id, at=at("10:35"))
    d2 = Decision(text="Report the leaking roof", reasons="Everyone gets wet",
                  idea_ids=[i3.id], method="consensus", agenda_item_id=shelters.id,
                  at=at("10:55"))
    actions = [
        Action(text="Write to the transport team", owner_person_id=bob.id, due="2026-04-01",
               source_kind="decision", source_id=d1.id, status="done",
               outcome="Letter sent with Bob Stone's photos", communicated_back_at=at("11:00")),
        Action(text="Check the cost of wifi", owner="Bob Stone and the IT team",
               due="2026-04-10", source_kind="idea", source_id=i2.id, status="not_able",
               reason="No budget this year"),
        Action(text="Fix the roof", owner_person_id=cat.id, due="2020-01-01",
               source_kind="decision", source_id=d2.id),
    ]
    feedback = [Feedback(level=4, comment="Felt heard", person_id=ann.id),
                Feedback(level=3, comment="Bob Stone made me laugh"),
                Feedback(level=3), Feedback(level=1, comment="Too long")]
    audit = [AuditAnswer(statement=1, answers=["yes", "partly", ""],
                         evidence="Bob and Ann spoke first")]
    corrections = [Correction(record_kind="decisions", record_id=d1.id, field_name="reasons",
                              old="Standing is hard",
                              new="As Bob said, standing for a long wait is hard",
                              at="2026-03-09T09:15:00+00:00", note="Bob asked for it")]
    return SessionData(session=session, group=group, people={p.id: p for p in people},
                       attendance=attendance, turns=turns, ideas=[i1, i2, i3],
                       decisions=[d1, d2], actions=actions, feedback=feedback, audit=audit,
                       corrections=corrections)


def docx_lines(payload: bytes) -> list[str]:
    doc = docx.Document(io.BytesIO(payload))
    # The easy read starts a point with its picture and a tab: the words follow.
    lines = [p.text.lstrip("\t") for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.replace("\n", " / ") for cell in row.cells))
    return lines


@pytest.fixture(scope="module")
def outputs() -> dict[str, list[str]]:
    data = the_session()
    facilitator = session_report(data, WORDING, for_facilitator=True)
    return {
        "view": session_text(facilitator).plain.splitlines(),
        "close": summary_lines(facilitator),
        "minutes": docx_lines(render(data, "minutes", WORDING)),
        "easy read": docx_lines(render(data, "easy-read", WORDING)),
        "you said we did": docx_lines(render(data, "you-said-we-did", WORDING)),
    }


SHARED = ("minutes", "easy read", "you said we did")


def said(lines: list[str], first: str, then: str) -> bool:
    """The easy read's point: its first line beside the picture, then the words."""
    return any(a == first and b == then for a, b in zip(lines, lines[1:]))


def after(lines: list[str], heading: str) -> list[str]:
    """The lines after the first one that is ``heading`` (or starts with it and a colon)."""
    for n, line in enumerate(lines):
        if line.strip() == heading or line.strip().startswith(heading + ":"):
            return [line.strip(), *(x.strip() for x in lines[n + 1:])]
    raise AssertionError(f"no line {heading!r}")


# -- durations ------------------------------------------------------------------------------

TIMING = re.compile(r"Planned for (\d+) minutes?; took (\d+) minutes? \((\d+) minutes? "
                    r"(over|under)\)|Planned for (\d+) minutes?\.$|"
                    r"Planned for (\d+) minutes?; took (\d+) minutes? \(on time\)")
TALKED = re.compile(r"We talked about this for (\d+) minutes?\.")


def timings(lines: list[str], title: str) -> tuple:
    """(planned, spent, over/under) for an agenda item, from the first timing after its title."""
    for line in after(lines, title)[:2]:
        found = TIMING.search(line)
        if found:
            if found.group(5):
                return int(found.group(5)), None, None
            if found.group(6):
                return int(found.group(6)), int(found.group(7)), 0
            planned, spent, by, way = found.group(1, 2, 3, 4)
            return int(planned), int(spent), (int(by) if way == "over" else -int(by))
    raise AssertionError(f"no timing for {title!r}")


@pytest.mark.parametrize("title, planned, spent", AGENDA)
def test_every_output_gives_an_item_the_same_minutes(outputs, title, planned, spent):
    expected = None if spent is None else whole_minutes(spent)
    told = {name: timings(outputs[name], title) for name in ("view", "close", "minutes")}
    assert set(told.values()) == {
        (planned, expected, None if expected is None else expected - planned)}, told
    easy = [TALKED.search(line) for line in after(outputs["easy read"], title)[:3]]
    said = [int(m.group(1)) for m in easy if m]
    assert said == ([] if expected is None else [expected])


def test_the_old_disagreements_are_gone(outputs):
    # The Close step used to say "1 of 1 minutes" where the minutes said "took 2 minutes",
    # and round 36.5 down where a half-up rule says 37.
    for name in ("view", "close", "minutes"):
        text = "\n".join(outputs[name])
        assert "of 1 minutes" not in text and "took 36 minutes" not in text
        assert "took 2 minutes (1 minute over)" in text
        assert "took 37 minutes (7 minutes over)" in text
        assert "took 18 minutes (2 minutes under)" in text


@pytest.mark.parametrize("seconds", [61, 89, 90, 119, 150])
def test_the_close_step_and_the_minutes_agree_on_a_short_item(seconds):
    # Issue 13: the Close step said "1 of 1 minutes" where the minutes said "took 2
    # minutes". An item planned for 1 minute that ran 61 to 119 seconds: both read the
    # one report, so both state the same whole minutes, rounded half up.
    data = the_session()
    data.session.agenda[2].spent_s = seconds
    close = summary_lines(session_report(data, WORDING, for_facilitator=True))
    minutes = docx_lines(render(data, "minutes", WORDING))
    expected = whole_minutes(seconds)
    told = {"close": timings(close, "Any other business"),
            "minutes": timings(minutes, "Any other business")}
    assert set(told.values()) == {(1, expected, expected - 1)}, told
    assert not any("of 1 minute" in line for line in close + minutes)


# -- counts -----------------------------------------------------------------------------------

COUNTS = {
    # count name: {output: pattern whose first group is the number}
    "present": {"view": r"Who took part \((\d+) people present",
                "close": r"^(\d+) people took part",
                "minutes": r"^(\d+) people took part",
                "easy read": r"^(\d+) people came\.$"},
    "apologies": {"view": r"present, (\d+) apolog", "close": r"; (\d+) apolog",
                  "minutes": r"(\d+) people? sent apologies|(\d+) person sent apologies"},
    "ideas": {"view": r"What was discussed \((\d+) ideas?", "close": r"^(\d+) ideas?,",
              "minutes": r"^Ideas: (\d+) ideas? raised",
              "easy read": r"People shared (\d+) ideas?"},
    "decisions": {"view": r"ideas?, (\d+) decisions?\)", "close": r"ideas?, (\d+) decisions?",
                  "minutes": r"of (\d+) decisions? drew on",
                  "easy read": r"We made (\d+) decisions?"},
    "actions": {"view": r"^Actions \((\d+) actions?", "close": r"reasons\), (\d+) actions?",
                "minutes": r"^Actions: (\d+) actions?",
                "easy read": r"We agreed (\d+) jobs? to do",
                "you said we did": r"agreed (\d+) actions?:"},
    "done": {"view": r"actions?: (\d+) done", "close": r"actions?: (\d+) done",
             "minutes": r"actions?: (\d+) done",
             "easy read": r"^(\d+) jobs? (?:is|are) done\.",
             "you said we did": r"actions?: (\d+) done"},
    "not able": {"view": r"(\d+) not able", "close": r"(\d+) not able",
                 "minutes": r"(\d+) not able to be done",
                 "easy read": r"^(\d+) jobs? could not be done",
                 "you said we did": r"(\d+) not able to be done"},
    "open": {"view": r"(\d+) open\)", "close": r"(\d+) open\.",
             "minutes": r"(\d+) still open", "easy read": r"^(\d+) jobs? (?:is|are) not done yet",
             "you said we did": r"(\d+) still open"},
    "turns": {"view": r"^(\d+) turns? to speak", "close": r"^(\d+) turns? to speak",
              "minutes": r"of (\d+) turns? to speak"},
    "spoke": {"minutes": r"(\d+) of \d+ people present were heard",
              "easy read": r"^(\d+) (?:people|person) had their say"},
    "cards": {"view": r"^Comment cards \((\d+)\)", "minutes": r"^(\d+) comment cards? handed in",
              "easy read": r"^(\d+) people filled in a comment card"},
    "agreed the code": {"close": r"^(\d+) of \d+ people present agreed the code of conduct at the",
                        "minutes": r"^(\d+) people agreed it at the meeting",
                        "easy read": r"^(\d+) people agreed to the rules at the start"},
    "agreed it later": {"close": r"at the meeting, (\d+) later",
                        "minutes": r"and (\d+) agreed it later",
                        "easy read": r"^(\d+) person agreed to the rules later"},
}
EXPECTED = {"present": 5, "apologies": 1, "ideas": 3, "decisions": 2, "actions": 3, "done": 1,
            "not able": 1, "open": 1, "turns": 4, "spoke": 3, "cards": 4,
            "agreed the code": 3, "agreed it later": 1}


def read_count(lines: list[str], pattern: str) -> int:
    found = {int(next(g for g in m.groups() if g is not None))
             for line in lines for m in [re.search(pattern, line.strip())] if m}
    assert len(found) == 1, (pattern, found)
    return found.pop()


@pytest.mark.parametrize("count", COUNTS)
def test_every_output_states_the_same_counts(outputs, count):
    told = {name: read_count(outputs[name], pattern) for name, pattern in COUNTS[count].items()}
    assert set(told.values()) == {EXPECTED[count]}, told


def test_the_view_lists_who_did_not_speak_as_the_counts_say(outputs):
    # 5 present, 3 spoke: the 2 who did not are named to the facilitator.
    assert "4 turns to speak; not heard yet: Eve Green and Fay Wood." in outputs["view"]
    assert "4 turns to speak; not heard yet: Eve Green and Fay Wood." in outputs["close"]


def test_votes_are_the_same_everywhere(outputs):
    how = "By vote: 5 for, 1 against and 2 abstained."
    assert any(how in line for line in outputs["view"])
    assert any(how in line for line in outputs["minutes"])
    easy = outputs["easy read"]
    assert {"5 people voted yes.", "1 person voted no.",
            "2 people did not vote yes or no."} <= set(easy)


# -- labels -----------------------------------------------------------------------------------

def test_the_same_person_has_the_same_label_everywhere(outputs):
    view, minutes, easy, ysw = (outputs[n] for n in ("view", "minutes", "easy read",
                                                     "you said we did"))
    # The facilitator sees who "Carer 1" is, in the words the documents use.
    assert "Bob Stone (Carer): Present; agreed the code; in the minutes as Carer 1" in view
    assert "Fay Wood (Professional): Present, left 11:30; in the minutes as Professional 1" \
        in view
    assert "Eve Green (Family member): Present, late 10:20; agreed the code later" in view
    # Who raised idea 1 and who does action 1: "Carer 1" in every shared document.
    assert "Idea 1 (Carer 1): More benches at the stops" in minutes
    assert said(easy, "Carer 1 said:", "More benches at the stops")
    assert any(line.startswith("1 | Write to the transport team / From decision 1. | Carer 1 |")
               for line in minutes)
    assert "Who will do it: Carer 1." in easy
    assert "Carer 1: More benches at the stops" in ysw
    # Free text: the same label where the name was typed.
    assert "Idea 3 (Anonymous): Carer 1 says the shelter roof leaks" in minutes
    assert said(easy, "Someone said:", "Carer 1 says the shelter roof leaks")
    assert "Reasons: As Carer 1 said, standing for a long wait is hard" in minutes
    # A late arrival and an early leaver, in the minutes' words.
    assert "Eve Green | Family member | In the room | Arrived late at 10:20" in minutes
    assert "Professional 1 | Professional | In the room | Left early at 11:30" in minutes


def test_statuses_and_field_words_are_the_same_everywhere(outputs):
    status = {n: line.split(" | ")[4] for line in outputs["minutes"]
              for n in "123" if line.startswith(f"{n} | ")}
    assert status == {"1": "Done", "2": "Not able to do", "3": "Open"}
    view = "\n".join(outputs["view"])
    for n, words in status.items():
        assert re.search(rf"^{n}\. .*: {words}\.", view, re.M), (n, words)
    ysw = outputs["you said we did"]
    assert [h for h in ("You said", "We did", "We could not", "Still being worked on")
            if h in ysw] == ["You said", "We did", "We could not", "Still being worked on"]
    # The correction: the minutes and the view name the field with the same words, and
    # the minutes say what the reasons say now (with the naming rule), never what they said.
    assert "Corrected on 9 March 2026: decision 1: the reasons. The reasons now say: 'As " \
        "Carer 1 said, standing for a long wait is hard'. Note: Carer 1 asked for it." \
        in outputs["minutes"]
    assert "Standing is hard" not in "\n".join(outputs["minutes"])
    assert any(line.startswith("On 9 March 2026 at 09:15 the decision 'Ask for benches at "
                               "the five busiest stops' was changed: the reasons were")
               for line in outputs["view"])
    assert "On 9 March 2026 we changed a decision." in outputs["easy read"]
    # The easy read says what the corrected part says now: the reasons, not the decision.
    assert said(outputs["easy read"], "What we changed: the reasons.",
                "The reasons now say: As Carer 1 said, standing for a long wait is hard")
    assert "Standing is hard" not in "\n".join(outputs["easy read"])


def test_comment_card_levels_match(outputs):
    levels = Counter(f.level for f in the_session().feedback)
    for n in (4, 3, 2, 1):
        text = WORDING.card_level(n)
        assert f"{levels[n]} × {text}" in outputs["view"]
        assert f"{text} | {levels[n]}" in outputs["minutes"]
        if levels[n]:
            people = "1 person" if levels[n] == 1 else f"{levels[n]} people"
            assert said(outputs["easy read"], f"{people} said:", text)


# -- privacy ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", SHARED)
def test_the_non_consenting_names_appear_in_no_shared_output(outputs, name):
    text = "\n".join(outputs[name])
    for secret in ("Bob", "Stone", "Dan Park", "Fay Wood", "Trust", "bob@example.org",
                   "needs-SECRET-support", "BSL"):
        assert secret not in text, (name, secret)
    # ... though they were there to be found: the facilitator's view names them.
    assert "Bob Stone" in "\n".join(outputs["view"])
