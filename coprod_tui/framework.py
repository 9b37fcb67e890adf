"""The co-production framework as data.

Keys are stable (they are stored in files); labels are what people read.
All wording here is our own plain English, except the eight 'I' statements,
which are quoted as the framework names them. An organisation can replace
the wording with its own template (see ``templates.py``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    label: str


def labels(choices: tuple[Choice, ...]) -> dict[str, str]:
    return {c.key: c.label for c in choices}


ROLES: tuple[Choice, ...] = (
    Choice("uses_services", "Uses services"),
    Choice("family", "Family member"),
    Choice("carer", "Carer"),
    Choice("young_person", "Young person"),
    Choice("professional", "Professional"),
    Choice("partner", "Partner organisation"),
    Choice("councillor", "Councillor"),
    Choice("officer", "Council officer"),
    # There to help others take part, not as participants (``SUPPORT_ROLES``).
    Choice("interpreter", "Interpreter"),
    Choice("supporter", "Supporter or personal assistant"),
    Choice("note_taker", "Note-taker"),
    Choice("other", "Other"),
)

#: How someone not named in minutes is described, by role ("Carer 2").
PERSON_BY_ROLE: dict[str, str] = {
    "uses_services": "Person using services",
    "family": "Family member",
    "carer": "Carer",
    "young_person": "Young person",
    "professional": "Professional",
    "partner": "Partner organisation member",
    "councillor": "Councillor",
    "officer": "Council officer",
    "interpreter": "Interpreter",
    "supporter": "Supporter",
    "note_taker": "Note-taker",
    "other": "Participant",
}

#: Roles whose voice comes from lived experience; the rest are there for work.
LIVED_EXPERIENCE_ROLES = frozenset({"uses_services", "family", "carer", "young_person"})

#: Roles of people present to help others take part (a BSL interpreter, a support
#: worker, the note-taker): in the room, but not participants. They are not counted
#: among those who took part, nor listed as "not spoken yet".
SUPPORT_ROLES = frozenset({"interpreter", "supporter", "note_taker"})

FORMATS: tuple[Choice, ...] = (
    Choice("in_person", "In person"),
    Choice("online", "Online"),
    Choice("hybrid", "Hybrid (in the room and online)"),
    Choice("email", "Comments by email"),
)

METHODS: tuple[Choice, ...] = (
    Choice("workshop", "Workshop"),
    Choice("focus_group", "Focus group"),
    Choice("activity", "Activity or game"),
    Choice("market_testing", "Market testing"),
    Choice("shadowing", "Shadowing"),
    Choice("mystery_shopping", "Mystery shopping"),
    Choice("document_review", "Reviewing a document"),
    Choice("panel", "Recruitment or procurement panel"),
)

STAGES: tuple[Choice, ...] = (
    Choice("analyse", "Analyse: find out what people need and what is missing"),
    Choice("plan", "Plan: write the plans and what good looks like"),
    Choice("do", "Do: choose and buy services together"),
    Choice("review", "Review: check how a running service is doing"),
)

MODES: tuple[Choice, ...] = (
    Choice("in_room", "In the room"),
    Choice("online", "Online"),
)

ATTENDANCE: tuple[Choice, ...] = (
    Choice("expected", "Not marked"),
    Choice("present", "Present"),
    Choice("apologies", "Apologies"),
    Choice("absent", "Did not come"),
)

SUPPORT_NEEDS: tuple[Choice, ...] = (
    Choice("interpreter", "Spoken language interpreter"),
    Choice("bsl", "BSL interpreter"),
    Choice("easy_read", "Easy read papers"),
    Choice("large_print", "Large print"),
    Choice("breaks", "Regular breaks"),
    Choice("hearing_loop", "Hearing loop"),
    Choice("step_free", "Step-free access"),
    Choice("supporter", "Support worker or personal assistant"),
    Choice("captions", "Captions when online"),
    Choice("quiet_space", "A quiet space"),
)

RAISED_BY: tuple[Choice, ...] = (
    Choice("person", "A person in the meeting"),
    Choice("anonymous", "Anonymous"),
    Choice("chat", "Via the chat"),
    Choice("after", "After the meeting"),
    # Erased by coprod forget: the idea stays, credited to no one in particular.
    Choice("removed", "A participant"),
)

DECISION_METHODS: tuple[Choice, ...] = (
    Choice("consensus", "Everyone agreed"),
    # Not everyone agreed, but the group went ahead without a vote: the views that
    # differed are recorded with it (``rules/decisions.py``).
    Choice("most", "Most agreed"),
    Choice("vote", "Vote"),
    Choice("facilitator", "Facilitator's call"),
)

#: Can the group make a decision happen? "partly" and "no" say who decides
#: (``Decision.decided_by``).
IN_CONTROL: tuple[Choice, ...] = (
    Choice("yes", "Within the group's control"),
    Choice("partly", "Partly within the group's control"),
    Choice("no", "Outside the group's control"),
)

ACTION_STATUS: tuple[Choice, ...] = (
    Choice("open", "Open"),
    Choice("done", "Done"),
    Choice("not_able", "Not able to do"),
)

TURN_KINDS: tuple[Choice, ...] = (
    Choice("normal", "Hand up"),
    Choice("point_of_order", "Point of order"),
)

AUDIT_ANSWERS: tuple[Choice, ...] = (
    Choice("yes", "Yes"),
    Choice("partly", "Partly"),
    Choice("no", "No"),
)

#: The eight 'I' statements, quoted as the framework names them.
I_STATEMENTS: tuple[str, ...] = (
    "I am an equal partner.",
    "I can participate in different stages of the process.",
    "My views and experiences are represented and listened to.",
    "I felt the group used different ways to work to include me.",
    "I receive information, in a way that works for me.",
    "I can actively participate in meetings and other events.",
    "I am supported to actively and meaningfully participate in co-production.",
    "My involvement is recognised and valued and contributes to service "
    "development, design and delivery.",
)
