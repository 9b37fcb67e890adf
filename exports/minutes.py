"""The full Word minutes of one session.

Parts, in order: about the meeting; purpose; who took part; code of conduct;
last time's actions (those followed up at this meeting); what was discussed (one
Heading 2 per agenda item, then "Other ideas and decisions"); actions; evidence
of involvement; comment cards; the 'I' statements check; next meeting;
corrections; withdrawn records. Parts with nothing to say are left out, except
the core ones, which say plainly that nothing was recorded.

A record withdrawn as entered in error is in no count and no list; "Withdrawn
records" says what kind of record it was, when and why, but never what it said:
it may be exactly what should not have been written down (as a correction never
repeats an old value), and a council still needs to see that something was taken
out of its record, and why.

Tables are used only for data: who was present, the numbers by role, actions,
comment-card counts and the statement check.
"""

from __future__ import annotations

from collections.abc import Sequence

from coprod_tui.model import SessionData
from coprod_tui.report import ActionRow, DecisionFact, SessionReport, session_report
from coprod_tui.templates import Wording
from coprod_tui.words import (
    full_stop, is_are, join_words, long_date, of, people, plural, short_date, table_date,
    time_span, was_were,
)

from .docx_base import B, DocWriter
from .docx_setup import MINUTES_LOOK
from .minutes_parts import Telling, start, write_discussion


def minutes_docx(data: SessionData, wording: Wording,
                 followed_up: Sequence[ActionRow] = ()) -> bytes:
    # The shared report: names only with consent.
    facts = session_report(data, wording, followed_up=followed_up)
    doc = start(facts, MINUTES_LOOK, "Minutes", "minutes", "co-production; minutes")
    doc.para(B(f"Minutes of the {facts.group} meeting on {long_date(facts.date)}"))
    for part in (_about, _purpose, _who, _conduct, _followed_up, _discussion, _actions,
                 _evidence, _cards, _checks, _next_meeting, _corrections, _withdrawn):
        part(doc, facts)
    return doc.to_bytes()


def _about(doc: DocWriter, f: SessionReport) -> None:
    doc.heading("About the meeting", 1)
    rows = [("Group", f.group), ("Organisation", f.organisation),
            ("Date", long_date(f.date)), ("Time", time_span(f.start, f.end)),
            ("Venue", f.venue), ("How people joined", f.format_label),
            ("Ways of working", "; ".join(f.methods)),
            ("Stage of the work", f.stage), ("Facilitator", f.facilitator)]
    for label, value in rows:
        if value:
            doc.para(B(f"{label}: "), value)


def _purpose(doc: DocWriter, f: SessionReport) -> None:
    doc.heading("Purpose, and what could change", 1)
    doc.para(B("Purpose: "), f.purpose or "Not recorded.")
    doc.para(B("What the group could change: "), f.can_change or "Not recorded.")
    doc.para(B("What the group could not change: "), f.cannot_change or "Not recorded.")


def _who(doc: DocWriter, f: SessionReport) -> None:
    doc.heading("Who took part", 1)
    inv = f.involvement
    if not f.present:
        doc.para("Nobody was recorded as present.")
    elif not f.participants:
        doc.para("Nobody took part as a participant.")
    else:
        doc.para(f"{people(inv.present).capitalize()} took part: {inv.lived_experience} "
                 f"with lived experience (using services, or as family, carers or young "
                 f"people) and {inv.through_work} through their work"
                 + (f", and {inv.other_roles} in another role" if inv.other_roles else "")
                 + f". {inv.in_room} joined in the room and {inv.online} online.")
        doc.para("People are named only if they agreed to be; everyone else is shown by "
                 "their role.")
        rows = []
        for p in f.present:
            notes = []
            if p.supporting:
                notes.append("There to support others")
            if p.late:
                notes.append(f"Arrived late at {p.arrived}" if p.arrived else "Arrived late")
            if p.left_at:
                notes.append(f"Left early at {p.left_at}")
            who = [p.label, p.organisation] if p.organisation else p.label
            rows.append((who, p.role, p.mode, "; ".join(notes)))
        doc.table("People present", ("Who", "Role", "Joined", "Notes"), rows,
                  (5.5, 4.5, 3.0, 4.0))
        doc.para(B("Numbers by role"), keep_next=True)
        doc.table("How many people came in each role", ("Role", "Present"),
                  [(label, str(n)) for label, n in inv.by_role] + [("Total", str(inv.present))],
                  (8.5, 3.0))
    if inv.supporting:
        doc.para(B("Also there to support others: "),
                 full_stop(join_words([f"{label} {n}" for label, n in inv.supporting])))
    doc.para(B("Apologies: "), join_words(list(f.apologies)) if f.apologies else "None.")


def _conduct(doc: DocWriter, f: SessionReport) -> None:
    doc.heading("Code of conduct", 1)
    c = f.conduct
    if c.version is None:
        doc.para("The group has no code of conduct recorded yet.")
        return
    agreed = f", agreed by the group on {short_date(c.agreed_on)}" if c.agreed_on else ""
    doc.para(f"The group's code of conduct is version {c.version}{agreed}.")
    if c.changed_here is not None:
        doc.para("The group changed its code of conduct at this meeting."
                 + (f" {full_stop(c.changed_here)}" if c.changed_here else ""))
    line = f"{people(c.agreed)} agreed it at the meeting"
    if c.agreed_later:
        line += f" and {c.agreed_later} agreed it later"
    line += "."
    if c.not_agreed:
        line += f" {people(c.not_agreed)} present had not yet agreed it."
    doc.para(line)


def _followed_up(doc: DocWriter, f: SessionReport) -> None:
    """What happened to earlier meetings' actions, as reported at this one."""
    if not f.followed_up:
        return
    doc.heading("Last time's actions", 1)
    doc.para(f"{plural(len(f.followed_up), 'action')} from earlier meetings "
             f"{was_were(len(f.followed_up))} followed up at this meeting.")
    rows = []
    for a in f.followed_up:
        result = []
        if a.status == "done":
            result.append((B("We did: "), full_stop(a.outcome)))
        elif a.status == "not_able":
            result.append((B("Not able, because: "), full_stop(a.reason)))
        else:
            result.append("Still open.")
        if a.told_back_at:
            result.append(f"Told back to the group on {short_date(a.told_back_at)}.")
        rows.append(((a.text, f"Agreed on {short_date(a.session_date)}."), a.status_label,
                     result))
    doc.table("Actions from earlier meetings followed up at this one",
              ("Action", "Status", "What happened"), rows, (7.0, 2.5, 7.5))


def _discussion(doc: DocWriter, f: SessionReport) -> None:
    write_discussion(doc, f, Telling(
        heading="What was discussed",
        nothing="No agenda items, ideas or decisions were recorded.",
        item_empty="No ideas or decisions were recorded under this item.",
        ideas_heading="Ideas raised", timing=lambda item: item.timing,
        idea=lambda idea: (B(f"Idea {idea.number} "), f"({idea.by}): ", idea.text),
        decision=_decision))


def _decision(doc: DocWriter, d: DecisionFact) -> None:
    doc.para(B(f"Decision {d.number}: "), B(d.text), keep_next=True, gap=True)
    doc.para(B("Reasons: "), d.reasons, keep_next=True)
    if d.informed_by:
        # The number points back to the idea; a few words save turning back a page.
        doc.para(B("Informed by: "),
                 "; ".join(f"idea {i.number} ({_gist(i.text)})" for i in d.informed_by) + ".",
                 keep_next=True)
    doc.para(B("How it was decided: "), d.how, keep_next=True)
    if d.differing_views:
        doc.para(B("Views that differed, and why they were not followed: "),
                 d.differing_views, keep_next=True)
    doc.para(B("Can the group make it happen? "), d.control)


def _gist(text: str, limit: int = 60) -> str:
    """The first words of a text, cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text.rstrip(".")
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def _actions(doc: DocWriter, f: SessionReport) -> None:
    doc.heading("Actions (You said, We did)", 1)
    if not f.actions:
        doc.para("No actions were agreed.")
        return
    rows = []
    for a in f.actions:
        what = [a.text]
        if a.source_number:
            what.append(f"From {a.source_kind} {a.source_number}.")
        result = []
        if a.status == "done" and a.outcome:
            result.append((B("We did: "), full_stop(a.outcome)))
        elif a.status == "not_able" and a.reason:
            result.append((B("Not able, because: "), full_stop(a.reason)))
        if a.told_back_at:
            result.append(f"Told back to the group on {short_date(a.told_back_at)}.")
        rows.append((str(a.number), what, a.owner, table_date(a.due) if a.due else "Not set",
                     a.status_label, result))
    doc.table("Actions agreed at this meeting",
              ("No.", "Action", "Who", "Due", "Status", "What happened"), rows,
              (1.2, 4.3, 2.8, 2.4, 2.0, 4.3))


def _evidence(doc: DocWriter, f: SessionReport) -> None:
    inv = f.involvement
    doc.heading("Evidence of involvement", 1)
    doc.para(B("Who was involved: "),
             f"{people(inv.present)}: {inv.lived_experience} with lived experience and "
             f"{inv.through_work} through their work"
             + (f", {inv.other_roles} in another role" if inv.other_roles else "")
             + (f". {people(inv.apologies).capitalize()} sent apologies."
                if inv.apologies else "."))
    doc.para(B("How: "), f"{inv.format}"
             + (f"; {join_words([m.lower() for m in inv.methods])}." if inv.methods else "."))
    doc.para(B("Why: "), full_stop(inv.purpose) or "Not recorded.")
    doc.para(B("Stage: "), inv.stage + ".")
    if inv.present:
        spoke = (f"{of(inv.spoke, inv.present, 'person', 'people')} present "
                 f"{was_were(inv.spoke)} heard (spoke, or raised an idea in their name)")
        if inv.turns:
            spoke += (f"; people with lived experience took "
                      f"{of(inv.turns_lived_experience, inv.turns, 'turn')} to speak")
        doc.para(B("Voices heard: "), spoke + ".")
    doc.para(B("Ideas: "),
             f"{plural(inv.ideas, 'idea')} raised: {inv.ideas_lived_experience} by people with "
             f"lived experience, {inv.ideas_through_work} by people there through their work "
             f"and {inv.ideas_unnamed} without a name (anonymous, in the chat or after the "
             "meeting).")
    if inv.decisions:
        doc.para(B("Impact on the outcome: "),
                 f"{of(inv.decisions_informed, inv.decisions, 'decision')} "
                 f"drew on ideas raised at the meeting ({plural(inv.ideas_used, 'idea')} "
                 f"used); {inv.decisions_in_control} of them "
                 f"{is_are(inv.decisions_in_control)} fully within the "
                 "group's control.")
    else:
        doc.para(B("Impact on the outcome: "), "no decisions were recorded.")
    if inv.actions:
        doc.para(B("Actions: "),
                 f"{plural(inv.actions, 'action')}: {inv.actions_done} done, "
                 f"{inv.actions_not_able} not able to be done (with the reason given) and "
                 f"{inv.actions_open} still open; {inv.actions_told_back} told back to the "
                 "group.")
    else:
        doc.para(B("Actions: "), "none were agreed.")


def _cards(doc: DocWriter, f: SessionReport) -> None:
    if f.cards is None:
        return
    doc.heading("Comment cards", 1)
    doc.para(f"{plural(f.cards.total, 'comment card')} handed in. Cards are anonymous "
             "unless the person asked to be named.")
    doc.table("Comment card answers", ("Answer", "Cards"),
              [(level.text, str(level.count)) for level in f.cards.levels], (13.5, 3.5))
    if f.cards.comments:
        doc.para(B("What people wrote"), keep_next=True)
        for comment in f.cards.comments:
            doc.bullet(comment.text, f" ({comment.name})" if comment.name else "")


def _checks(doc: DocWriter, f: SessionReport) -> None:
    if not f.checks:
        return
    doc.heading("'I' statements check", 1)
    doc.para(f"{plural(len(f.checks), 'statement')} of 8 checked at this meeting.")
    rows = []
    for check in f.checks:
        notes = []
        if check.evidence:
            notes.append(check.evidence)
        if check.will_change:
            notes.append((B("What will change: "), check.will_change))
        rows.append((f"{check.number}. {check.statement}", check.answer_counts, notes))
    doc.table("'I' statements checked", ("Statement", "Answers", "Evidence"), rows,
              (6.0, 3.5, 7.5))


def _next_meeting(doc: DocWriter, f: SessionReport) -> None:
    doc.heading("Next meeting", 1)
    nm = f.next_meeting
    if nm is None:
        doc.para("The date of the next meeting has not been set yet.")
        return
    when = " at ".join(p for p in (long_date(nm.date), nm.start) if p)
    doc.para(B("When: "), when or "To be agreed.")
    if nm.venue:
        doc.para(B("Where: "), nm.venue)
    if nm.note:
        doc.para(nm.note)


def _corrections(doc: DocWriter, f: SessionReport) -> None:
    doc.listed("Corrections", "These minutes were corrected after the meeting:",
               [" ".join((f"Corrected on {short_date(c.day)}: {c.what}.", *c.now))
                + (f" Note: {full_stop(c.note)}" if c.note else "") for c in f.corrections])


def _withdrawn(doc: DocWriter, f: SessionReport) -> None:
    doc.listed("Withdrawn records",
               "These records were withdrawn as entered in error. They are kept in the "
               "session's history, and are not counted or listed in these minutes:",
               [f"{w.kind.capitalize()} withdrawn on {short_date(w.day)}. Reason: "
                f"{full_stop(w.reason)}" for w in f.withdrawn])
