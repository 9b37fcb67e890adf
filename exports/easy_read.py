"""Easy-read minutes: the same facts as the full minutes, in short plain sentences.

Rules kept here (DESIGN.md §7): Arial at 16 pt or more everywhere, one idea per
short sentence, a heading for each part, space after every paragraph and 1.5
line spacing, and no tables at all: lists and paragraphs only. Numbers are
written as figures, which most easy-read guides prefer.
"""

from __future__ import annotations

from coprod_tui.model import SessionData
from coprod_tui.report import DecisionFact, IdeaFact, ItemFact, SessionReport, session_report
from coprod_tui.templates import Wording
from coprod_tui.words import full_stop, is_are, long_date, minutes, people, plural, short_date

from .docx_base import B, DocWriter
from .docx_setup import EASY_READ_LOOK
from .minutes_parts import Telling, start, write_discussion

#: How an idea is introduced when no person is named: easy read's own sentences
#: for the ways an idea can come (``framework.RAISED_BY``).
_SAID = {"chat": "Someone wrote in the chat:", "after": "Someone told us after the meeting:"}


def easy_read_docx(data: SessionData, wording: Wording) -> bytes:
    facts = session_report(data, wording)  # the shared report: names only with consent
    doc = start(facts, EASY_READ_LOOK, "Easy read minutes", "easy read notes",
                "co-production; minutes; easy read")
    doc.para(f"These are the easy read notes from a meeting of the {facts.group}.")
    for part in (_about, _why, _who, _rules, _talked_about, _next_steps, _difference,
                 _feelings, _checks, _next_meeting, _changes):
        part(doc, facts)
    return doc.to_bytes()


def _about(doc: DocWriter, f: SessionReport) -> None:
    doc.heading("About the meeting", 1)
    doc.sentences(f"The meeting was on {long_date(f.date)}.",
                  f.start and f"It started at {f.start}.",
                  f.end and f"It finished at {f.end}.",
                  f.venue and full_stop(f"It was at {f.venue}"))
    doc.para({"in_person": "Everyone met in the same room.",
              "online": "Everyone met online.",
              "hybrid": "Some people came to the room. Some people joined online.",
              "email": "People sent us their comments by email.",
              }.get(f.format, f"How we met: {f.format_label}."))
    if f.methods:
        doc.para("How we worked together:", keep_next=True)
        doc.bullets(f.methods)
    if f.facilitator:
        doc.para(f"{f.facilitator} led the meeting.")


def _why(doc: DocWriter, f: SessionReport) -> None:
    doc.heading("Why we met", 1)
    doc.para(f.purpose or "We did not write down why we met.")
    if f.can_change:
        doc.para(B("What we can change:"), keep_next=True)
        doc.para(f.can_change)
    if f.cannot_change:
        doc.para(B("What we cannot change:"), keep_next=True)
        doc.para(f.cannot_change)


def _who(doc: DocWriter, f: SessionReport) -> None:
    doc.heading("Who came", 1)
    inv = f.involvement
    doc.para(f"{people(inv.present)} came to the meeting.")
    if inv.lived_experience:
        doc.para(f"{inv.lived_experience} of them use services, or are family or carers.")
    if inv.through_work:
        doc.para(f"{inv.through_work} of them came as part of their job.")
    named = [p.label for p in f.present if p.named]
    unnamed = [p.label for p in f.present if not p.named]
    if named:
        doc.para("These people said we can use their name:", keep_next=True)
        doc.bullets(named)
    if unnamed:
        doc.para("Some people did not want their name in these notes.")
        doc.para(f"We call them by their role, like {unnamed[0]}.")
    if f.apologies:
        doc.para("These people could not come. They said sorry:", keep_next=True)
        doc.bullets(f.apologies)


def _rules(doc: DocWriter, f: SessionReport) -> None:
    doc.heading("Our meeting rules", 1)
    doc.para("We have rules for how we behave in meetings.")
    doc.para("The rules are called our code of conduct.")
    c = f.conduct
    if c.version is None:
        doc.para("We have not written our rules down yet.")
        return
    if c.changed_here is not None:
        doc.para("We changed our rules at this meeting.")
    if c.agreed:
        doc.para(f"{people(c.agreed)} agreed to the rules at the start.")
    if c.agreed_later:
        doc.para(f"{people(c.agreed_later)} agreed to the rules later.")
    if c.not_agreed:
        doc.para(f"{people(c.not_agreed)} did not say yet if they agree.")


def _talked_about(doc: DocWriter, f: SessionReport) -> None:
    write_discussion(doc, f, Telling(
        heading="What we talked about",
        nothing="We did not write down any ideas or decisions.",
        item_empty="We did not write down any ideas for this part.",
        ideas_heading="Ideas people shared:", timing=_time_taken, idea=_idea,
        decision=_decision))


def _time_taken(item: ItemFact) -> str:
    return f"We talked about this for {minutes(item.spent_min)}." if item.spent_min else ""


def _idea(idea: IdeaFact) -> tuple[str, ...]:
    said = (f"{idea.by} said:" if idea.raised_by == "person"
            else _SAID.get(idea.raised_by, "Someone said:"))
    return B(said + " "), idea.text


def _decision(doc: DocWriter, d: DecisionFact) -> None:
    # Only the decision and its reason are kept together: a longer chain
    # leaves half-empty pages.
    doc.para(B("We decided: "), d.text, keep_next=True, gap=True)
    doc.para(B("Why: "), d.reasons)
    if d.informed_by:
        doc.para("This decision came from ideas people shared.")
    if d.method == "vote":
        doc.para("We voted.")
        doc.para(f"{people(d.votes_for or 0)} voted yes.")
        doc.para(f"{people(d.votes_against or 0)} voted no.")
        if d.votes_abstain:
            doc.para(f"{people(d.votes_abstain)} did not vote yes or no.")
    elif d.method == "consensus":
        doc.para("Everyone agreed.")
    else:
        doc.para("The person leading the meeting made the decision.")
    if d.differing_views:
        doc.para(B("Some people did not agree. "), d.differing_views)
    doc.para({"yes": "We can do this ourselves.",
              "partly": "We can do some of this ourselves. Someone else needs to agree "
                        "to the rest.",
              "no": "Someone else needs to agree to this first."}.get(d.in_control,
                                                                      d.in_control_label))


def _next_steps(doc: DocWriter, f: SessionReport) -> None:
    # Not "What will happen next": agendas often have an item called that.
    doc.heading("Jobs to do after the meeting", 1)
    if not f.actions:
        doc.para("We did not agree any jobs to do after the meeting.")
        return
    doc.para(f"We agreed {plural(len(f.actions), 'job')} to do after the meeting.")
    for a in f.actions:
        # The job stays with who and when; what happened may run onto the next page.
        doc.para(B(a.text), keep_next=True, gap=True)
        doc.para(f"Who will do it: {a.owner}.", keep_next=bool(a.due))
        if a.due:
            doc.para(f"When: by {short_date(a.due)}.")
        if a.status == "done":
            doc.para("This is done.")
            if a.outcome:
                doc.para(B("What we did: "), a.outcome)
        elif a.status == "not_able":
            doc.para("We could not do this.")
            if a.reason:
                doc.para(B("Why: "), a.reason)
        else:
            doc.para("This is not done yet.")


def _difference(doc: DocWriter, f: SessionReport) -> None:
    inv = f.involvement
    doc.heading("The difference you made", 1)
    doc.sentences(
        f"People shared {plural(inv.ideas, 'idea')}.",
        inv.ideas_lived_experience and f"{inv.ideas_lived_experience} of these ideas came "
                                       "from people who use services, or are family or carers.",
        f"We made {plural(inv.decisions, 'decision')}.",
        inv.decisions and f"{inv.decisions_informed} of the decisions used ideas from this "
                          "meeting.",
        inv.present and f"{inv.spoke} of the {people(inv.present)} who came spoke in the "
                        "meeting.",
        inv.actions and f"{inv.actions_done} of the {plural(inv.actions, 'job')} "
                        f"{is_are(inv.actions_done)} done.",
        inv.actions_not_able and f"{plural(inv.actions_not_able, 'job')} could not be done. "
                                 "We said why.",
        inv.actions_open and f"{plural(inv.actions_open, 'job')} {is_are(inv.actions_open)} "
                             "not done yet.")


def _feelings(doc: DocWriter, f: SessionReport) -> None:
    if f.cards is None:
        return
    doc.heading("How people felt", 1)
    doc.para(f"{people(f.cards.total)} filled in a comment card.")
    for level in f.cards.levels:
        if level.count:
            doc.bullet(B(f"{people(level.count)} said: "), level.text)
    if f.cards.comments:
        doc.para(B("What people wrote:"), keep_next=True)
        for comment in f.cards.comments:
            doc.bullet(comment.text + (f" ({comment.name})" if comment.name else ""))


def _checks(doc: DocWriter, f: SessionReport) -> None:
    if not f.checks:
        return
    doc.heading("Checking how we work", 1)
    doc.para("We use 8 sentences to check how we work together.")
    doc.para("They are called the 'I' statements.")
    doc.para(f"At this meeting we checked {len(f.checks)} of them.")
    for check in f.checks:
        doc.para(B(check.statement), keep_next=True, gap=True)
        doc.para({"met": "We think we did this well.",
                  "partly": "We did some of this.",
                  "not_met": "We need to do better.",
                  "unanswered": "We have not answered this yet."}[check.verdict],
                 keep_next=bool(check.will_change))
        if check.will_change:
            doc.para(B("What we will change: "), check.will_change)


def _next_meeting(doc: DocWriter, f: SessionReport) -> None:
    doc.heading("Next meeting", 1)
    nm = f.next_meeting
    if nm is None or not nm.date:
        doc.para("We will tell you the date of the next meeting.")
    else:
        doc.para(f"The next meeting is on {long_date(nm.date)}.")
    if nm is None:
        return
    if nm.start:
        doc.para(f"It starts at {nm.start}.")
    if nm.venue:
        doc.para(full_stop(f"It will be at {nm.venue}"))
    if nm.note:
        doc.para(nm.note)


def _changes(doc: DocWriter, f: SessionReport) -> None:
    doc.listed("Changes to these notes", "We corrected these notes after the meeting.",
               [f"On {short_date(c.day)} we corrected {c.kind}." for c in f.corrections])
