"""A big, realistic session: by default 60 attendees, 600 ideas, 60 decisions, 100 actions.

Used by the benchmark (tests/benchmarks) for the export, save and typing figures.
``big_session()`` builds the records in memory; ``put_in_store()`` writes them
into a data folder in one durable write, as an import would.
"""

from __future__ import annotations

from coprod_tui import framework as fw
from coprod_tui.interchange import Bundle
from coprod_tui.model import (
    Action,
    AgendaItem,
    Attendance,
    AuditAnswer,
    ConductVersion,
    Decision,
    Feedback,
    Group,
    Idea,
    Person,
    Session,
    SessionData,
    Turn,
)
from coprod_tui.service import Service
from coprod_tui.store.session_file import TABLES

IDEA_TEXT = ("a realistic sentence or two about what could be better for the people "
             "who use this service and their families.")


def big_session(*, attendees: int = 60, ideas: int = 600, decisions: int = 60,
                actions: int = 100, status: str = "planned", folder: int = 0) -> SessionData:
    """A session with every kind of record, in the proportions of a long workshop;
    ``folder`` more people in the data folder who are not at it (each name is looked
    for in the free text all the same)."""
    roles = [c.key for c in fw.ROLES]
    group = Group(name="Big group", organisation="Council",
                  conduct=[ConductVersion(version=1, text="Be kind")])
    people = [Person(name=f"Member {i:02d}", role=roles[i % len(roles)],
                     consent_to_be_named=i % 2 == 0) for i in range(attendees)]
    agenda = [AgendaItem(title=f"Item {i}", planned_min=20, spent_s=1500) for i in range(6)]
    session = Session(group_id=group.id, title="A very big session", agenda=agenda,
                      methods=["workshop", "focus_group"], purpose="Test the speed",
                      status=status)
    attendance = [Attendance(person_id=p.id, status="present", role=p.role,
                             consent_to_be_named=p.consent_to_be_named, conduct_version=1,
                             conduct_how="agreed") for p in people]
    idea_list = [Idea(text=f"Idea {i}: {IDEA_TEXT}",
                      raised_by="person" if people else "anonymous",
                      person_id=people[i % len(people)].id if people else None,
                      agenda_item_id=agenda[i % 6].id) for i in range(ideas)]
    decision_list = [
        Decision(text=f"Decision {i}", reasons="Because most people said so.",
                 idea_ids=[idea.id for idea in idea_list[i * 10:i * 10 + 2]],
                 method="vote", votes_for=40, votes_against=10, votes_abstain=10,
                 differing_views="Some wanted more time.", agenda_item_id=agenda[i % 6].id)
        for i in range(decisions)]
    action_list = [
        Action(text=f"Action {i}",
               owner_person_id=people[i % len(people)].id if people else None,
               due="2026-12-01",
               source_kind="decision" if decision_list else "",
               source_id=decision_list[i % len(decision_list)].id if decision_list else None,
               status="done" if i % 3 == 0 else "open",
               outcome="Done and told back." if i % 3 == 0 else "")
        for i in range(actions)]
    turns = [Turn(person_id=people[i % len(people)].id) for i in range(300)] if people else []
    feedback = [Feedback(level=1 + i % 4, comment=f"Comment {i}") for i in range(attendees)]
    audit = [AuditAnswer(statement=n, answers=["yes", "partly"], evidence="Seen.")
             for n in range(1, 9)]
    syllables = ["ka", "lo", "vi", "ru", "ze", "tho", "mar", "san", "pri", "ya", "ok", "af"]
    def made_up(n: int, shift: int) -> str:
        return "".join(syllables[(n // 12 ** k + shift) % 12] for k in range(3)).capitalize()

    others = [Person(name=f"{made_up(n, 0)} {made_up(n, 5)}ton", role=roles[n % len(roles)],
                     contact=f"07700 {n:06d}") for n in range(folder)]
    return SessionData(session=session, group=group, people={p.id: p for p in people},
                       attendance=attendance, turns=turns, ideas=idea_list,
                       decisions=decision_list, actions=action_list, feedback=feedback,
                       audit=audit, everyone={p.id: p for p in [*people, *others]})


def put_in_store(store, data: SessionData) -> str:
    """Write ``data`` (its group, people and session) into an open store, as an import
    does; its session id."""
    service = Service(store)
    service.import_session(Bundle(
        group=data.group, people=list(data.people.values()), session=data.session,
        tables={name: getattr(data, name) for name in TABLES}))
    service.session(data.session.id).release()
    return data.session.id
