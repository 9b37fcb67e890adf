"""Evidence of impact for a whole group, across its sessions.

What the guide asks evidence to show - who was involved, how, for what, and
what difference it made - plus how people felt and the 'I' statements over
time. Counts only: no one is named in this report. The counts are the report
model's: the group history's sums (as the history screen shows them) and each
meeting's involvement, comment cards and 'I' statements (as its minutes show them).
"""

from __future__ import annotations

from collections import Counter

from coprod_tui.model import Group, SessionData
from coprod_tui.report import GroupReport, MeetingFacts, group_report
from coprod_tui.templates import Wording
from coprod_tui.words import full_stop, is_are, join_words, people, plural, short_date, \
    table_date, was_were

from .docx_base import DocWriter
from .docx_setup import MINUTES_LOOK, Meta


def group_impact_docx(group: Group, sessions: list[SessionData], wording: Wording) -> bytes:
    report = group_report(group, sessions, wording)
    held = report.held
    doc = DocWriter(Meta(title=f"Evidence of impact: {report.name}",
                         subject=f"{report.name}: what involvement changed",
                         author=report.organisation or report.name,
                         keywords="co-production; evidence of impact",
                         category="Evidence of impact"), MINUTES_LOOK)
    doc.title("Evidence of impact")
    doc.para(report.name)
    if not held:
        doc.para("The group has not met yet, so there is nothing to report.")
        return doc.to_bytes()
    doc.para(full_stop(f"{plural(len(held), 'meeting')} from {short_date(held[0].date)} to "
                       f"{short_date(held[-1].date)}"))
    if report.purpose:
        doc.heading("What the group is for", 1)
        doc.para(full_stop(report.purpose))
    _who(doc, report)
    _how(doc, report)
    _difference(doc, held)
    _feelings(doc, held, wording)
    _statements(doc, held)
    return doc.to_bytes()


def _who(doc: DocWriter, report: GroupReport) -> None:
    doc.heading("Who was involved", 1)
    history = report.history
    doc.para(full_stop(f"{people(history.people_who_came)} took part, filling "
                       f"{plural(history.places, 'place')} across the meetings; "
                       f"{history.lived_experience_percent or 0}% of places were taken by "
                       "people with lived experience (people who use services, family, "
                       "carers and young people)"))
    doc.table("Places taken by each role", ("Role", "Places taken"),
              [(label, str(n)) for label, n in history.role_mix], (9.0, 4.0))
    if history.roles_missing:
        doc.para(full_stop("Not yet represented: " + join_words(history.roles_missing)))


def _how(doc: DocWriter, report: GroupReport) -> None:
    doc.heading("Ways of working", 1)
    if report.history.method_mix:
        doc.table("Ways of working used", ("Way of working", "Meetings"),
                  [(label, str(n)) for label, n in report.history.method_mix], (9.0, 4.0))
    else:
        doc.para("No ways of working were recorded.")


def _difference(doc: DocWriter, held: tuple[MeetingFacts, ...]) -> None:
    doc.heading("What difference it made", 1)
    ideas = sum(m.involvement.ideas for m in held)
    decisions = sum(m.involvement.decisions for m in held)
    informed = sum(m.involvement.decisions_informed for m in held)
    done = sum(m.involvement.actions_done for m in held)
    not_able = sum(m.involvement.actions_not_able for m in held)
    still = sum(m.involvement.actions_open for m in held)
    told = sum(m.involvement.actions_told_back for m in held)
    doc.para(full_stop(
        f"People raised {plural(ideas, 'idea')}; {informed} of "
        f"{plural(decisions, 'decision')} drew on them. Of the actions agreed, {done} "
        f"{was_were(done)} done, {not_able} could not be done (with the "
        f"reason given) and {still} {is_are(still)} still open; "
        f"{plural(told, 'result')} {was_were(told)} told back to the group"))
    rows = [((table_date(m.date), m.title), str(m.involvement.ideas),
             f"{m.involvement.decisions_informed} of {m.involvement.decisions}",
             str(m.involvement.actions_done), str(m.involvement.actions_not_able),
             str(m.involvement.actions_open))
            for m in held]
    doc.table("Ideas, decisions and actions at each meeting",
              ("Meeting", "Ideas", "Decisions using ideas", "Done", "Not able", "Open"),
              rows, (5.5, 1.7, 3.0, 1.8, 2.0, 1.8))


def _feelings(doc: DocWriter, held: tuple[MeetingFacts, ...], wording: Wording) -> None:
    doc.heading("How people felt over time", 1)
    rows = []
    for m in held:
        if m.cards is not None:
            counts = {lc.level: lc.count for lc in m.cards.levels}
            rows.append((table_date(m.date), *(str(counts[n]) for n in (4, 3, 2, 1)),
                         str(m.cards.total)))
    if not rows:
        doc.para("No comment cards were collected.")
        return
    doc.para("The comment card asks: " + full_stop(wording.card_question) + " The levels are:")
    doc.bullets(f"{n}: {wording.card_level(n)}" for n in (4, 3, 2, 1))
    doc.table("Comment cards at each meeting", ("Meeting", "4", "3", "2", "1", "Cards"), rows,
              (5.0, 2.0, 2.0, 2.0, 2.0, 2.5))


def _statements(doc: DocWriter, held: tuple[MeetingFacts, ...]) -> None:
    doc.heading("The 'I' statements over time", 1)
    rows = []
    for m in held:
        if m.checks:
            verdicts = Counter(c.verdict for c in m.checks)
            rows.append((table_date(m.date), str(len(m.checks)), str(verdicts["met"]),
                         str(verdicts["partly"]), str(verdicts["not_met"])))
    if not rows:
        doc.para("The 'I' statements have not been checked yet.")
        return
    doc.table("The 'I' statements check at each meeting",
              ("Meeting", "Checked", "Met", "Partly", "Not met"), rows,
              (5.0, 2.5, 2.5, 2.5, 2.5))
