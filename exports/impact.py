"""Evidence of impact for a whole group, across its sessions.

What the guide asks evidence to show - who was involved, how, for what, and
what difference it made - plus how people felt and the 'I' statements over
time. Counts only: no one is named in this report.
"""

from __future__ import annotations

from collections import Counter

from coprod_tui import framework as fw
from coprod_tui.consent import group_redactor, redactor
from coprod_tui.evidence import card_tally, involvement, statement_checks
from coprod_tui.model import Group, SessionData
from coprod_tui.templates import Wording

from .docx_base import MINUTES_LOOK, DocWriter, Meta
from .plain import full_stop, join_words, plural, short_date, table_date


def group_impact_docx(group: Group, sessions: list[SessionData], wording: Wording) -> bytes:
    held = sorted((d for d in sessions if d.session.status != "planned"),
                  key=lambda d: (d.session.date, d.session.start))
    shared = group_redactor(sessions)  # counts only: no one is named (consent.py)
    name, organisation = shared(group.name), shared(group.organisation)
    doc = DocWriter(Meta(title=f"Evidence of impact: {name}",
                         subject=f"{name}: what involvement changed",
                         author=organisation or name,
                         keywords="co-production; evidence of impact",
                         category="Evidence of impact"), MINUTES_LOOK)
    doc.title("Evidence of impact")
    doc.para(name)
    if not held:
        doc.para("The group has not met yet, so there is nothing to report.")
        return doc.to_bytes()
    first, last = held[0].session.date, held[-1].session.date
    doc.para(full_stop(f"{plural(len(held), 'meeting')} from {short_date(first)} to "
                       f"{short_date(last)}"))
    if group.purpose.strip():
        doc.heading("What the group is for", 1)
        doc.para(full_stop(shared(group.purpose.strip())))

    facts = [(d, involvement(d)) for d in held]
    _who(doc, facts)
    _how(doc, held)
    _difference(doc, facts)
    _feelings(doc, held, wording)
    _statements(doc, held, wording)
    return doc.to_bytes()


def _who(doc: DocWriter, facts) -> None:
    doc.heading("Who was involved", 1)
    places = sum(inv.present for _, inv in facts)
    lived = sum(inv.lived_experience for _, inv in facts)
    people = len({a.person_id for d, _ in facts for a in d.present()})
    share = round(100 * lived / places) if places else 0
    doc.para(full_stop(f"{plural(people, 'person', 'people')} took part, filling "
                       f"{plural(places, 'place')} across the meetings; {share}% of places were "
                       "taken by people with lived experience (people who use services, "
                       "family, carers and young people)"))
    totals: Counter[str] = Counter()
    for data, _ in facts:
        totals.update(a.role for a in data.present())
    label = fw.labels(fw.ROLES)
    doc.table("Places taken by each role", ("Role", "Places taken"),
              [(label[c.key], str(totals[c.key])) for c in fw.ROLES if totals[c.key]],
              (9.0, 4.0))
    missing = [label[c.key] for c in fw.ROLES if c.key != "other" and not totals[c.key]]
    if missing:
        doc.para(full_stop("Not yet represented: " + join_words(missing)))


def _how(doc: DocWriter, held: list[SessionData]) -> None:
    doc.heading("Ways of working", 1)
    methods: Counter[str] = Counter(m for d in held for m in d.session.methods)
    label = fw.labels(fw.METHODS)
    if methods:
        doc.table("Ways of working used", ("Way of working", "Meetings"),
                  [(label.get(m, m), str(n)) for m, n in methods.most_common()], (9.0, 4.0))
    else:
        doc.para("No ways of working were recorded.")


def _difference(doc: DocWriter, facts) -> None:
    doc.heading("What difference it made", 1)
    ideas = sum(inv.ideas for _, inv in facts)
    decisions = sum(inv.decisions for _, inv in facts)
    informed = sum(inv.decisions_informed for _, inv in facts)
    done = sum(inv.actions_done for _, inv in facts)
    not_able = sum(inv.actions_not_able for _, inv in facts)
    still = sum(inv.actions_open for _, inv in facts)
    told = sum(inv.actions_told_back for _, inv in facts)
    doc.para(full_stop(
        f"People raised {plural(ideas, 'idea')}; {informed} of "
        f"{plural(decisions, 'decision')} drew on them. Of the actions agreed, {done} "
        f"{'was' if done == 1 else 'were'} done, {not_able} could not be done (with the "
        f"reason given) and {still} {'is' if still == 1 else 'are'} still open; "
        f"{told} {'result was' if told == 1 else 'results were'} told back to the group"))
    rows = [((table_date(d.session.date), redactor(d)(d.session.title)), str(inv.ideas),
             f"{inv.decisions_informed} of {inv.decisions}", str(inv.actions_done),
             str(inv.actions_not_able), str(inv.actions_open))
            for d, inv in facts]
    doc.table("Ideas, decisions and actions at each meeting",
              ("Meeting", "Ideas", "Decisions using ideas", "Done", "Not able", "Open"),
              rows, (5.5, 1.7, 3.0, 1.8, 2.0, 1.8))


def _feelings(doc: DocWriter, held: list[SessionData], wording: Wording) -> None:
    doc.heading("How people felt over time", 1)
    rows = []
    for data in held:
        tally = card_tally(data, wording)
        if tally is not None:
            counts = {lc.level: lc.count for lc in tally.levels}
            rows.append((table_date(data.session.date), *(str(counts[n]) for n in (4, 3, 2, 1)),
                         str(tally.total)))
    if not rows:
        doc.para("No comment cards were collected.")
        return
    doc.para("The comment card asks: " + full_stop(wording.card_question) + " The levels are:")
    doc.bullets(f"{n}: {wording.card_level(n)}" for n in (4, 3, 2, 1))
    doc.table("Comment cards at each meeting", ("Meeting", "4", "3", "2", "1", "Cards"), rows,
              (5.0, 2.0, 2.0, 2.0, 2.0, 2.5))


def _statements(doc: DocWriter, held: list[SessionData], wording: Wording) -> None:
    doc.heading("The 'I' statements over time", 1)
    rows = []
    for data in held:
        checks = statement_checks(data, wording)
        if checks:
            verdicts = Counter(c.verdict for c in checks)
            rows.append((table_date(data.session.date), str(len(checks)),
                         str(verdicts["met"]), str(verdicts["partly"]),
                         str(verdicts["not_met"])))
    if not rows:
        doc.para("The 'I' statements have not been checked yet.")
        return
    doc.table("The 'I' statements check at each meeting",
              ("Meeting", "Checked", "Met", "Partly", "Not met"), rows,
              (5.0, 2.5, 2.5, 2.5, 2.5))
