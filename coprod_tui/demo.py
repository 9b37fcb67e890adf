"""coprod demo: an example group with three past sessions, in our own words.

Fixed ids (uuid5 of a name) make it idempotent: running it twice adds nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

from .model import (
    Action, AgendaItem, Attendance, AuditAnswer, ConductVersion, Decision, Feedback, Group,
    Idea, NextMeeting, Person, Session, Turn,
)
from .model.session import ChecklistTick
from .templates import default_wording

_NS = uuid.UUID("5b0f3f0e-6f1c-4a53-9d55-2c8c2b1d6a10")


def _id(name: str) -> str:
    return uuid.uuid5(_NS, name).hex


def _at(day: str, clock: str) -> str:
    return f"{day}T{clock}:00+01:00"


GROUP_ID = _id("group")

PEOPLE = [
    # key, name, role, organisation, support needs, consent to be named
    ("maya", "Maya Okafor", "uses_services", "", ["easy_read", "breaks"], True),
    ("tom", "Tom Reilly", "family", "", [], True),
    ("priya", "Priya Shah", "carer", "", ["hearing_loop"], False),
    ("daniel", "Daniel Hughes", "uses_services", "", ["supporter", "quiet_space"], False),
    ("grace", "Grace Bennett", "professional", "Riverside NHS Trust", [], True),
    ("sam", "Sam Whitfield", "officer", "Riverside Council commissioning", [], True),
    ("hannah", "Hannah Price", "councillor", "Riverside Council", [], True),
    ("leon", "Leon Carter", "partner", "Riverside Advocacy", [], True),
    ("joan", "Joan Murphy", "family", "", ["large_print"], False),
]


def _people() -> list[Person]:
    return [Person(id=_id(f"person:{key}"), name=name, role=role, organisation=org,
                   support_needs=needs, consent_to_be_named=consent,
                   created_at=_at("2026-04-20", "09:00"))
            for key, name, role, org, needs, consent in PEOPLE]


def P(key: str) -> str:
    return _id(f"person:{key}")


def _group() -> Group:
    wording = default_wording()
    return Group(
        id=GROUP_ID,
        name="Riverside Short Stay Co-production Group",
        organisation="Riverside Council Adult Social Care",
        purpose=("Design a new short-stay unit together with the people who will use it: "
                 "a place where autistic adults and adults with a learning disability can "
                 "stay for a few nights while staff get to know them and plan their support."),
        can_change=("How the rooms and garden look and feel; colours and furniture; how the "
                    "day runs; how families are kept up to date; what the welcome pack says."),
        cannot_change=("Where the building is and its size; the budget the council has "
                       "agreed; fire and safety rules; staffing levels set by the regulator."),
        stage="plan",
        conduct=[ConductVersion(version=1, text=wording.code_of_conduct,
                                adopted_at=_at("2026-05-14", "10:40"),
                                note="Agreed at the first meeting.")],
        roster=[P(key) for key, *_ in PEOPLE],
        created_at=_at("2026-04-20", "09:00"),
    )


def _session(n: int, day: str, title: str, **fields: Any) -> Session:
    return Session(id=_id(f"session:{n}"), group_id=GROUP_ID, title=title, date=day,
                   start="10:30", end="12:30", facilitator="Alex Morgan", status="closed",
                   stage="plan", created_at=_at(day, "09:00"), started_at=_at(day, "10:30"),
                   closed_at=_at(day, "12:35"), **fields)


def _agenda(n: int, items: list[tuple[str, int, int]]) -> list[AgendaItem]:
    return [AgendaItem(id=_id(f"item:{n}:{i}"), title=title, planned_min=planned,
                       spent_s=spent * 60) for i, (title, planned, spent) in enumerate(items)]


def _attendance(day: str, present: dict[str, str], apologies: list[str], absent: list[str],
                late: tuple[str, ...] = (), left: dict[str, str] | None = None
                ) -> list[Attendance]:
    people = {p.id: p for p in _people()}
    rows = []
    for key, mode in present.items():
        p = people[P(key)]
        arrived = "10:50" if key in late else "10:25"
        rows.append(Attendance(
            person_id=p.id, status="present", mode=mode, role=p.role,
            organisation=p.organisation, support_needs=p.support_needs,
            consent_to_be_named=p.consent_to_be_named, late=key in late,
            arrived_at=_at(day, arrived),
            left_at=_at(day, (left or {})[key]) if key in (left or {}) else None,
            conduct_version=1, conduct_how="later" if key in late else "agreed",
            conduct_agreed_at=_at(day, "10:55" if key in late else "10:40")))
    for status, keys in (("apologies", apologies), ("absent", absent)):
        for key in keys:
            p = people[P(key)]
            rows.append(Attendance(person_id=p.id, status=status, role=p.role,
                                   organisation=p.organisation,
                                   consent_to_be_named=p.consent_to_be_named))
    return rows


def _ideas(n: int, day: str, item_ids: list[str],
           rows: list[tuple[str, str | None, int, str]]) -> list[Idea]:
    ideas = []
    for i, (raised_by, who, item, text) in enumerate(rows):
        ideas.append(Idea(id=_id(f"idea:{n}:{i}"), text=text, raised_by=raised_by,
                          person_id=P(who) if who else None, agenda_item_id=item_ids[item],
                          at=_at(day, f"11:{10 + i * 3:02d}")))
    return ideas


def _turns(n: int, day: str, item_id: str, keys: list[str]) -> list[Turn]:
    return [Turn(id=_id(f"turn:{n}:{i}"), person_id=P(key), agenda_item_id=item_id,
                 at=_at(day, f"11:{5 + i * 2:02d}")) for i, key in enumerate(keys)]


def _cards(n: int, day: str, rows: list[tuple[int, str, str | None]]) -> list[Feedback]:
    return [Feedback(id=_id(f"card:{n}:{i}"), level=level, comment=comment,
                     person_id=P(who) if who else None, at=_at(day, "12:25"))
            for i, (level, comment, who) in enumerate(rows)]


def _checklists(pre: list[str], involvement: list[str]) -> dict[str, dict[str, ChecklistTick]]:
    wording = default_wording()
    ticked = {"pre": set(pre), "involvement": set(involvement)}
    return {name: {item.key: ChecklistTick(ticked=item.key in ticked[name])
                   for item in getattr(wording, f"{name}_checklist")}
            for name in ("pre", "involvement")}


def _first() -> tuple[Session, dict[str, list[Any]]]:
    day, n = "2026-05-14", 1
    agenda = _agenda(n, [("Welcome and our code of conduct", 15, 18),
                         ("What makes a good short stay?", 45, 52),
                         ("What we can and cannot change", 20, 17),
                         ("What happens next", 10, 8)])
    items = [i.id for i in agenda]
    session = _session(
        n, day, "Getting started: what makes a good short stay?", agenda=agenda,
        venue="Riverside Community Hub, Room 2", format="hybrid",
        methods=["workshop", "activity"],
        purpose="Hear what a good short stay would feel like, before any plans are drawn.",
        can_change="The look and feel of rooms, the garden, how days run.",
        cannot_change="The site, the budget, safety rules.",
        checklists=_checklists(
            ["time_budget", "scope", "aim", "known", "recruit", "formats", "access"],
            ["how", "purpose", "conduct", "provision", "listening", "record"]),
        next_meeting=NextMeeting(date="2026-06-18", start="10:30",
                                 venue="Riverside Community Hub, Room 2"))
    ideas = _ideas(n, day, items, [
        ("person", "maya", 1, "Bedrooms should feel like home, not a hospital: soft lights "
                              "and a choice of bedding."),
        ("person", "daniel", 1, "A quiet room with no bright lights, for when things get "
                                "too much."),
        ("person", "tom", 1, "Let families video-call in the evening so nobody lies awake "
                             "worrying."),
        ("chat", None, 1, "A board by the front door with photos and names of the staff on "
                          "shift."),
        ("anonymous", None, 1, "A garden where people can grow things and look after plants."),
        ("person", "grace", 2, "Doors and handles in contrasting colours so people can find "
                               "their way."),
    ])
    decisions = [
        Decision(id=_id("decision:1:0"), text="The design will include a sensory room.",
                 reasons="Four people said a calm space matters most to them, and the "
                         "occupational therapist said it helps people settle in.",
                 idea_ids=[ideas[1].id], method="consensus", in_control="yes",
                 agenda_item_id=items[1], at=_at(day, "11:40")),
        Decision(id=_id("decision:1:1"),
                 text="Ask the architects for a second, smaller lounge.",
                 reasons="People want a choice between a busy room and a quiet one.",
                 idea_ids=[ideas[0].id, ideas[1].id], method="vote", votes_for=5,
                 votes_against=1, votes_abstain=1,
                 differing_views="One person was worried about cost. The group kept the "
                                 "idea but asked for the lounge to be small enough to stay "
                                 "inside the budget.",
                 in_control="partly", agenda_item_id=items[2], at=_at(day, "12:05")),
    ]
    actions = [
        Action(id=_id("action:1:0"), text="Share the sensory room decision with the "
                                          "architects.",
               owner_person_id=P("sam"), due="2026-06-01", source_kind="decision",
               source_id=decisions[0].id, status="done",
               outcome="The architects added a sensory room beside the garden door in the "
                       "new drawings.",
               communicated_back_at=_at("2026-06-18", "10:45"),
               created_at=_at(day, "12:10"), updated_at=_at("2026-05-30", "14:00")),
        Action(id=_id("action:1:1"), text="Find out if every bedroom can have video calls.",
               owner="IT team, Riverside Council", due="2026-06-30", source_kind="idea",
               source_id=ideas[2].id, status="not_able",
               reason="The building's network cannot reach every room this year. A shared "
                      "call room with a tablet will be set up instead.",
               communicated_back_at=_at("2026-07-23", "10:45"),
               created_at=_at(day, "12:12"), updated_at=_at("2026-07-01", "09:30")),
        Action(id=_id("action:1:2"), text="Make an easy read version of the plans.",
               owner_person_id=P("leon"), due="2026-06-10", status="done",
               outcome="Riverside Advocacy made an easy read plan with pictures and sent it "
                       "to everyone before the June meeting.",
               communicated_back_at=_at("2026-06-18", "10:45"),
               created_at=_at(day, "12:14"), updated_at=_at("2026-06-08", "16:00")),
    ]
    feedback = _cards(n, day, [
        (4, "I liked that we drew our ideas instead of just talking.", "maya"),
        (4, "Good to be asked before the plans are made.", None),
        (3, "The sound online dropped out for a while.", None),
        (3, "", None),
        (2, "I am not sure the council will listen about the lounge.", None),
    ])
    audit = [
        AuditAnswer(id=_id("audit:1:1"), statement=1, answers=["yes", "yes", "yes"],
                    evidence="People who will use the unit and their families outnumbered "
                             "staff seven to three.", at=_at(day, "12:30")),
        AuditAnswer(id=_id("audit:1:5"), statement=5, answers=["yes", "partly", "yes"],
                    evidence="Easy read agenda sent a week before; large print was missed "
                             "for one person.",
                    at=_at(day, "12:30")),
        AuditAnswer(id=_id("audit:1:6"), statement=6, answers=["partly", "no"],
                    evidence="The morning time suited most people but not working carers.",
                    will_change="Ask the group to choose between a morning and an early "
                                "evening slot for the next meeting.",
                    at=_at(day, "12:30")),
    ]
    tables = {
        "attendance": _attendance(day, {"maya": "in_room", "tom": "in_room",
                                        "priya": "online", "daniel": "in_room",
                                        "grace": "in_room", "sam": "in_room",
                                        "leon": "in_room"},
                                  apologies=["hannah"], absent=["joan"], late=("daniel",)),
        "turns": _turns(n, day, items[1], ["maya", "tom", "grace", "maya", "priya", "daniel",
                                            "sam", "tom"]),
        "ideas": ideas, "decisions": decisions, "actions": actions, "feedback": feedback,
        "audit": audit, "corrections": [],
    }
    return session, tables


def _second() -> tuple[Session, dict[str, list[Any]]]:
    day, n = "2026-06-18", 2
    agenda = _agenda(n, [("Welcome, and what happened since last time", 15, 20),
                         ("Colours and furniture for the bedrooms", 40, 44),
                         ("The garden", 30, 33),
                         ("The welcome pack", 20, 15)])
    items = [i.id for i in agenda]
    session = _session(
        n, day, "Rooms, colours and the garden", agenda=agenda,
        venue="Riverside Community Hub, Room 2", format="hybrid",
        methods=["workshop", "document_review"],
        purpose="Choose how the bedrooms and garden should look, using the new drawings.",
        can_change="Colours, furniture, garden layout, the welcome pack.",
        cannot_change="The size of the garden; the insurer's rules on equipment.",
        checklists=_checklists(
            ["time_budget", "scope", "aim", "known", "similar", "recruit", "formats",
             "access"],
            ["how", "purpose", "conduct", "provision", "adapt", "listening", "record",
             "feedback"]),
        next_meeting=NextMeeting(date="2026-07-23", start="10:30",
                                 venue="Riverside Community Hub, Room 4"))
    ideas = _ideas(n, day, items, [
        ("person", "maya", 1, "Calm greens and blues in the bedrooms, nothing too bright."),
        ("person", "joan", 1, "Let each person choose one wall colour, so the room feels "
                              "theirs."),
        ("person", "daniel", 2, "Raised flower beds that you can reach from a wheelchair."),
        ("person", "tom", 2, "A trampoline in the garden."),
        ("after", None, 3, "The welcome pack should say what to bring and what is already "
                           "there."),
        ("person", "priya", 1, "Blackout blinds, because some people cannot sleep with any "
                               "light."),
        ("person", "hannah", 3, "Put a sign in words and pictures on every door."),
    ])
    decisions = [
        Decision(id=_id("decision:2:0"),
                 text="Bedrooms will be painted in calm greens and blues, with one wall "
                      "each resident can choose.",
                 reasons="Everyone agreed calm colours help people rest, and choosing a "
                         "wall gives each person some control over their room.",
                 idea_ids=[ideas[0].id, ideas[1].id], method="consensus", in_control="yes",
                 agenda_item_id=items[1], at=_at(day, "11:30")),
        Decision(id=_id("decision:2:1"),
                 text="The garden will have raised beds and a covered seating area, but no "
                      "trampoline.",
                 reasons="Raised beds suit everyone who spoke about the garden; the covered "
                         "seating means it can be used in the rain.",
                 idea_ids=[ideas[2].id, ideas[3].id], method="facilitator",
                 differing_views="Two people wanted a trampoline. It was not followed "
                                 "because the council's insurer will not cover one at this "
                                 "site; the group asked for the reason in writing.",
                 in_control="partly", agenda_item_id=items[2], at=_at(day, "12:00")),
    ]
    actions = [
        Action(id=_id("action:2:0"), text="Order paint samples so the group can try them "
                                          "in the room.",
               owner_person_id=P("sam"), due="2026-07-15", source_kind="decision",
               source_id=decisions[0].id, status="done",
               outcome="Samples were painted on boards and the group chose three greens "
                       "and two blues in July.",
               communicated_back_at=_at("2026-07-23", "10:45"),
               created_at=_at(day, "12:10"), updated_at=_at("2026-07-10", "11:00")),
        Action(id=_id("action:2:1"),
               text="Ask the insurer in writing what garden equipment is allowed.",
               owner="Riverside Council insurance team", due="2026-12-15",
               source_kind="decision", source_id=decisions[1].id,
               created_at=_at(day, "12:12"), updated_at=_at(day, "12:12")),
        Action(id=_id("action:2:2"), text="Draft the welcome pack with two group members.",
               owner_person_id=P("leon"), due="2026-11-30", source_kind="idea",
               source_id=ideas[4].id,
               created_at=_at(day, "12:14"), updated_at=_at(day, "12:14")),
    ]
    feedback = _cards(n, day, [
        (4, "We actually chose the colours!", None),
        (4, "", None),
        (3, "Shame about the trampoline but I understand why.", None),
        (4, "Good to see the drawings changed after last time.", None),
    ])
    audit = [
        AuditAnswer(id=_id("audit:2:7"), statement=7, answers=["yes", "yes", "yes"],
                    evidence="All three actions from May were reported back at the start "
                             "of the meeting: two done, one not able with the reason.",
                    at=_at(day, "12:30")),
        AuditAnswer(id=_id("audit:2:8"), statement=8, answers=["yes", "partly", "yes"],
                    evidence="The trampoline decision went against two people; the reason "
                             "was given and will be sent in writing.",
                    at=_at(day, "12:30")),
    ]
    tables = {
        "attendance": _attendance(day, {"maya": "in_room", "tom": "in_room",
                                        "priya": "online", "daniel": "in_room",
                                        "joan": "in_room", "sam": "in_room",
                                        "hannah": "online", "leon": "in_room"},
                                  apologies=["grace"], absent=[], left={"hannah": "11:45"}),
        "turns": _turns(n, day, items[1], ["maya", "joan", "priya", "tom", "daniel",
                                            "hannah", "joan"]),
        "ideas": ideas, "decisions": decisions, "actions": actions, "feedback": feedback,
        "audit": audit, "corrections": [],
    }
    return session, tables


def _third() -> tuple[Session, dict[str, list[Any]]]:
    day, n = "2026-07-23", 3
    agenda = _agenda(n, [("Welcome and updates", 15, 15),
                         ("A day at the unit, from waking to bedtime", 50, 58),
                         ("Keeping families in the loop", 30, 26)])
    items = [i.id for i in agenda]
    session = _session(
        n, day, "How the days will run", agenda=agenda,
        venue="Riverside Community Hub, Room 4", format="in_person",
        methods=["focus_group"],
        purpose="Agree what a day at the unit should look like, for the service "
                "specification.",
        can_change="Routines, meal times, how families hear how the stay is going.",
        cannot_change="Staffing levels; the council's contract rules.",
        checklists=_checklists(
            ["time_budget", "scope", "aim", "known", "similar", "recruit",
             "existing_groups", "recognition", "formats", "access"],
            ["how", "purpose", "conduct", "provision", "adapt", "listening", "record",
             "feedback", "review"]),
        next_meeting=NextMeeting(date="2026-12-10", start="10:30",
                                 venue="Riverside Community Hub, Room 2",
                                 note="We will look at the draft welcome pack."))
    ideas = _ideas(n, day, items, [
        ("person", "daniel", 1, "A picture timetable for each day, on the wall and on "
                                "paper."),
        ("person", "maya", 1, "Choose your own meal time within a window, not one fixed "
                              "time."),
        ("person", "tom", 1, "Meet your key worker before the stay, so the first night is "
                             "not with strangers."),
        ("person", "joan", 2, "Tell families at the end of each day how it went."),
        ("anonymous", None, 2, "Let the person decide what is shared with family."),
    ])
    decisions = [
        Decision(id=_id("decision:3:0"),
                 text="Every stay starts with a visit beforehand to meet the key worker.",
                 reasons="Families and people who use services both said the first night is "
                         "the hardest, and a familiar face makes it easier.",
                 idea_ids=[ideas[2].id], method="consensus", in_control="yes",
                 agenda_item_id=items[1], at=_at(day, "11:35")),
        Decision(id=_id("decision:3:1"),
                 text="Families get a short update each day, by text or phone as they "
                      "prefer, with the resident agreeing what is shared.",
                 reasons="Families want to know how things are going; residents want a say "
                         "in what is said about them.",
                 idea_ids=[ideas[3].id, ideas[4].id], method="vote", votes_for=6,
                 votes_against=0, votes_abstain=1, in_control="yes",
                 agenda_item_id=items[2], at=_at(day, "12:15")),
    ]
    actions = [
        Action(id=_id("action:3:0"), text="Write the pre-stay visit into the service "
                                          "specification.",
               owner_person_id=P("sam"), due="2026-12-01", source_kind="decision",
               source_id=decisions[0].id,
               created_at=_at(day, "12:20"), updated_at=_at(day, "12:20")),
        Action(id=_id("action:3:1"), text="Try the picture timetable with two residents "
                                          "at the current service.",
               owner_person_id=P("grace"), due="2026-09-30", source_kind="idea",
               source_id=ideas[0].id, status="done",
               outcome="Two residents used it for a month; both asked to keep it, so it "
                       "is now in the plan.",
               created_at=_at(day, "12:22"), updated_at=_at("2026-10-02", "15:00")),
        Action(id=_id("action:3:2"), text="Set up a text service for daily family updates.",
               owner="IT team, Riverside Council", due="2026-10-31", source_kind="decision",
               source_id=decisions[1].id, status="not_able",
               reason="The council's text system can only send to staff phones. Updates "
                      "will be by phone call until a new system arrives next year.",
               created_at=_at(day, "12:24"), updated_at=_at("2026-10-20", "10:00")),
    ]
    feedback = _cards(n, day, [
        (4, "It felt like our ideas are going into the real plan.", None),
        (3, "", None),
        (4, "I liked the smaller group.", None),
        (1, "Nobody asked me what I thought about meal times.", None),
    ])
    audit = [
        AuditAnswer(id=_id(f"audit:3:{k}"), statement=k, answers=answers, evidence=evidence,
                    will_change=change, at=_at(day, "12:30"))
        for k, answers, evidence, change in [
            (1, ["yes", "yes", "yes"], "Five of the eight people there use services or are "
                                       "family.", ""),
            (2, ["yes", "yes", "partly"], "The group has been part of analyse and plan; "
                                          "a role in reviewing is still being worked out.",
             ""),
            (3, ["yes", "partly"], "No young people or people from minority ethnic "
                                   "communities are in the group yet.", ""),
            (4, ["yes", "yes", "yes"], "Focus group with picture cards; quiet room "
                                       "available.", ""),
            (5, ["yes", "yes", "yes"], "Easy read and large print sent a week before.", ""),
            (6, ["yes", "yes"], "The group chose the time and place.", ""),
            (7, ["yes", "partly", "yes"], "One comment card said someone was not asked "
                                          "about meal times.", ""),
            (8, ["yes", "yes", "yes"], "Decisions and reasons recorded; 'You said, We "
                                       "did' shared at every meeting.", ""),
        ]]
    tables = {
        "attendance": _attendance(day, {"maya": "in_room", "tom": "in_room",
                                        "priya": "in_room", "daniel": "in_room",
                                        "joan": "in_room", "grace": "in_room",
                                        "sam": "in_room", "leon": "in_room"},
                                  apologies=["hannah"], absent=[]),
        "turns": _turns(n, day, items[1], ["daniel", "maya", "tom", "grace", "joan",
                                            "priya", "maya", "sam", "leon", "tom"]),
        "ideas": ideas, "decisions": decisions, "actions": actions, "feedback": feedback,
        "audit": audit, "corrections": [],
    }
    return session, tables


def add_demo(store) -> list[str]:
    """Add the example group and its sessions. Returns what was added (may be nothing)."""
    added: list[str] = []
    if GROUP_ID not in {g.id for g in store.groups.groups()}:
        store.groups.adopt(_group(), _people())
        added.append("the Riverside Short Stay Co-production Group with 9 people")
    existing = {s.id for s in store.summaries()}
    for build in (_first, _second, _third):
        session, tables = build()
        if session.id not in existing:
            store.release(store.add_session(session, tables))
            added.append(f"the session '{session.title}' ({session.date})")
    return added
