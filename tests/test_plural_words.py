"""Counts read as English in every document and screen text (issue 13).

Sessions holding 0, 1 and 2 of everything (people present, apologies, people there
to support others, late arrivals, ideas, ideas not taken up, decisions, actions in
every state, comment cards, turns, corrections, withdrawn records, 'I' statements,
agenda items) are rendered through every document (minutes, easy read, You said We
did for the session and for the group, the impact report) and the screen texts that
count (the read-only view, the Close summary, the group history), and the text is
searched for the errors the issue found: "1 sessions", "1 open actions", "3 all
actions", "0 of the 1 job", "1 of 1 turn to speak were", "0 decisions (each with
reasons)", "(last never came)".
"""

from __future__ import annotations

import io
import re

import docx
import pytest

from coprod_tui.exports.formats import render, render_group
from coprod_tui.model import (
    Action, AgendaItem, Attendance, AuditAnswer, ConductVersion, Correction, Decision,
    Feedback, Group, Idea, Person, Session, SessionData, Turn,
)
from coprod_tui.report import history_of, session_report
from coprod_tui.screens.close import summary_lines
from coprod_tui.screens.history import summary_lines as history_lines
from coprod_tui.screens.session_view import session_text
from coprod_tui.templates import default_wording
from coprod_tui.words import of, plural

WORDING = default_wording()
ROLES = ("uses_services", "carer", "officer", "young_person")

#: Every plural noun coprod counts with.
PLURALS = ("sessions|meetings|ideas|decisions|actions|jobs|people|persons|turns|cards|"
           "comment cards|apologies|minutes|statements|records|corrections|items|times|"
           "places|roles|votes|days|weeks|months|reasons|interpreters|supporters")
BAD = [
    # "1 sessions", "1 open actions", "1 comment cards"
    re.compile(rf"\b1 (?:(?:open|more|new|other|earlier|missed|withdrawn|held|recorded|"
               rf"unanswered|comment|late|all) )?(?:{PLURALS})\b"),
    # "0 of the 1 job are done", "of 1 minutes"
    re.compile(rf"\bof (?:the )?1 (?:{PLURALS})\b"),
    re.compile(r"\bof the [01] \w+"),
    # "3 all actions"
    re.compile(r"\b\d+ all\b"),
    # "1 of 1 turn to speak were taken"
    re.compile(r"\b1 of \d+ [a-z' ]{1,40}? were\b"),
    # "0 decisions (each with reasons)", "2 ideas (0 not taken up)"
    re.compile(r"\b[01] \w+ \(each with"),
    re.compile(r"\(0 [a-z ]+\)"),
    # "1 people", "1 persons"
    re.compile(r"\b1 people\b"),
    re.compile(r"\blast never came\b", re.I),
    re.compile(r"\bis are\b|\bwas were\b|\b1 (?:\w+ )?are\b(?! (?:done|not))"),
]


def at(day: str, clock: str) -> str:
    return f"{day}T{clock}:00+00:00"


def session_of(n: int, day: str = "2026-03-05", *, group: Group | None = None,
               people: list[Person] | None = None) -> SessionData:
    """A closed session with ``n`` of everything."""
    group = group or Group(name="Grammar group", roster=[],
                           conduct=[ConductVersion(version=1, text="Be kind",
                                                   agreed_on="2026-01-05")])
    people = people if people is not None else [
        Person(name=f"Person {k}", role=ROLES[k % len(ROLES)], consent_to_be_named=k % 2 == 0)
        for k in range(4 * 2 + 2)]
    present = people[:n]
    away = people[2:2 + n]
    helpers = [Person(name=f"Helper {k}", role="interpreter") for k in range(n)]
    late = people[4:4 + n]
    attendance = (
        [Attendance(person_id=p.id, status="present", role=p.role, arrived_at=at(day, "10:00"),
                    consent_to_be_named=p.consent_to_be_named, conduct_version=1,
                    conduct_how="agreed", conduct_agreed_at=at(day, "10:01")) for p in present]
        + [Attendance(person_id=p.id, status="apologies", role=p.role) for p in away]
        + [Attendance(person_id=p.id, status="present", role=p.role,
                      arrived_at=at(day, "10:00")) for p in helpers]
        + [Attendance(person_id=p.id, status="present", role=p.role, late=True,
                      arrived_at=at(day, "10:20"), left_at=at(day, "11:30")) for p in late])
    agenda = [AgendaItem(title=f"Item {k}", planned_min=1 + k, spent_s=60 * (1 + 2 * k))
              for k in range(n)]
    item = agenda[0].id if agenda else None
    ideas = [Idea(text=f"Idea {k}", raised_by="person" if present else "anonymous",
                  person_id=present[0].id if present else None, agenda_item_id=item,
                  at=at(day, "10:05")) for k in range(n)]
    ideas += [Idea(text=f"Not this {k}", raised_by="chat", not_taken_up="Too costly",
                   at=at(day, "10:06")) for k in range(n)]
    ideas += [Idea(text=f"Typed in error {k}", withdrawn_at=at(day, "10:07"),
                   withdrawn_reason="Wrong session") for k in range(n)]
    decisions = [Decision(text=f"Decided {k}", reasons="Because", idea_ids=[ideas[0].id],
                          method=("consensus", "vote", "most")[k % 3],
                          votes_for=n if k % 3 == 1 else None,
                          votes_against=n - 1 if k % 3 == 1 else None,
                          differing_views="Some wanted more" if k % 3 == 2 else "",
                          in_control=("yes", "partly", "no")[k % 3],
                          decided_by="" if k % 3 == 0 else "The council",
                          agenda_item_id=item, at=at(day, "10:30")) for k in range(n)]
    actions = []
    for k in range(n):
        actions += [
            Action(text=f"Open {k}", owner="The team", due="2026-04-01"),
            Action(text=f"Done {k}", owner="The team", status="done", outcome="Done it",
                   communicated_back_at=at(day, "11:00"),
                   source_kind="decision" if decisions else "", 
                   source_id=decisions[0].id if decisions else None),
            Action(text=f"Not able {k}", owner="The team", status="not_able",
                   reason="No money")]
    feedback = [Feedback(level=1 + k % 4, comment=f"Card {k}") for k in range(n)]
    turns = [Turn(person_id=p.id, at=at(day, "10:10")) for p in present[:n]][:n]
    audit = [AuditAnswer(statement=1 + k, answers=["yes", "partly", ""],
                         evidence="Seen") for k in range(n)]
    corrections = [Correction(record_kind="decisions", record_id=decisions[0].id,
                              field_name="reasons", old="Old", new=f"New {k}",
                              at=at("2026-03-09", "09:15")) for k in range(n)]
    session = Session(group_id=group.id, title=f"Meeting with {n}", date=day, start="10:00",
                      end="12:00", status="closed", agenda=agenda, started_at=at(day, "10:00"),
                      closed_at=at(day, "12:00"))
    everyone = {p.id: p for p in [*people, *helpers]}
    return SessionData(session=session, group=group, people=everyone, attendance=attendance,
                       turns=turns, ideas=ideas, decisions=decisions, actions=actions,
                       feedback=feedback, audit=audit, corrections=corrections)


def docx_text(payload: bytes) -> str:
    doc = docx.Document(io.BytesIO(payload))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def problems(text: str) -> list[str]:
    return [f"{m.group(0)!r} in {line!r}" for line in text.splitlines()
            for rule in BAD for m in [rule.search(line)] if m]


def texts_for(n: int) -> dict[str, str]:
    data = session_of(n)
    facilitator = session_report(data, WORDING, for_facilitator=True)
    out = {"view": session_text(facilitator).plain,
           "close": "\n".join(summary_lines(facilitator))}
    for fmt in ("minutes", "easy-read", "you-said-we-did"):
        out[fmt] = docx_text(render(data, fmt, WORDING))
    # The group: n meetings of this size (0: a group with none held).
    people = list(data.people.values())
    group = data.group.replace(roster=[p.id for p in people if p.role != "interpreter"])
    sessions = [session_of(n, f"2026-0{3 + k}-05", group=group, people=people)
                for k in range(n)]
    for fmt in ("you-said-we-did", "impact"):
        out[f"group {fmt}"] = docx_text(render_group(group, sessions, fmt, WORDING))
    history = history_of(group, sessions)
    out["history"] = "\n".join([
        f"History of {history.group_name}: {plural(len(history.sessions), 'session')} held",
        *history_lines(history)])
    return out


@pytest.mark.parametrize("n", [0, 1, 2])
def test_no_count_in_any_text_reads_wrongly(n):
    found = {name: problems(text) for name, text in texts_for(n).items()}
    assert {name: p for name, p in found.items() if p} == {}


def test_the_checks_catch_the_errors_the_issue_found():
    for wrong in ("1 sessions", "There is 1 open actions.", "3 all actions",
                  "0 of the 1 job are done", "1 of 1 turn to speak were taken",
                  "0 decisions (each with reasons)", "Ann (last never came)",
                  "2 ideas (0 not taken up)", "1 people took part", "1 comment cards"):
        assert problems(wrong), wrong
    for right in ("1 session", "2 sessions", "1 of 2 ideas", "0 of 1 idea", "1 job is done",
                  "2 decisions (each with reasons)", "1 of 3 turns to speak was taken",
                  "On 1 April 2026", "1 person took part"):
        assert not problems(right), right
    assert of(0, 1, "job") == "0 of 1 job" and of(1, 2, "idea") == "1 of 2 ideas"


def test_the_texts_do_say_the_counts():
    """Not a test that cannot fail: each size shows its own numbers somewhere."""
    zero, one, two = texts_for(0), texts_for(1), texts_for(2)
    # One of each size: an idea, and one not taken up, beside one withdrawn (in no count).
    assert "2 ideas (1 not taken up)" in one["close"]
    assert "4 ideas (2 not taken up)" in two["close"]
    assert "1 record withdrawn as entered in error" in one["close"]
    assert "1 comment card handed in" in one["minutes"]
    assert "2 comment cards handed in" in two["minutes"]
    assert "0 ideas" in zero["close"] and "withdrawn" not in zero["close"]
