"""The easy read's account of the difference people made: how many took part and
had their say, what the comment cards said, and the 'I' statements check (parts
of ``easy_read_text.easy_read``)."""

from __future__ import annotations

from coprod_tui.report import SessionReport
from coprod_tui.words import counted, plural

from .docx_base import B
from .easy_read_model import BQ, EasyRead, Heading, Para, Quoted, sentence, told

_VERDICT = {"met": ("yes", "We think we did this well."),
            "partly": ("not-yet", "We did some of this."),
            "not_met": ("no", "We need to do better."),
            "unanswered": ("ask", "We have not answered this yet.")}


def _difference(doc: EasyRead, f: SessionReport) -> None:
    inv = f.involvement
    doc.add(Heading("The difference you made", 1))
    if inv.ideas:
        doc.point("idea", f"People shared {plural(inv.ideas, 'idea')}.", body=[Para((s,)) for s in (
            inv.ideas_lived_experience and sentence(
                counted(inv.ideas_lived_experience, "idea",
                        "came from people who use services, family or carers")),
            inv.ideas_not_taken_up and sentence(
                f"We could not use {plural(inv.ideas_not_taken_up, 'idea')}. We said why")
        ) if s])
    else:
        doc.point("idea", "We did not write down any ideas.")
    doc.point("decision", f"We made {plural(inv.decisions, 'decision')}.", body=[
        Para((sentence(counted(inv.decisions_informed, "decision",
                               "used ideas from this meeting")),))] if inv.decisions else [])
    if inv.present:
        quiet = inv.present - inv.spoke
        # Heard: they spoke, or an idea was written down in their name.
        doc.point("spoke", sentence(counted(inv.spoke, "person", "had their say", "people")),
                  body=[Para((sentence(counted(quiet, "person", "did not have their say yet",
                                               "people")),))] if quiet else [])
    if inv.actions:
        lines = [sentence(counted(inv.actions_done, "job", "is done"))]
        if inv.actions_not_able:
            lines += [sentence(counted(inv.actions_not_able, "job", "could not be done")),
                      "We said why."]
        if inv.actions_open:
            lines.append(sentence(counted(inv.actions_open, "job", "is not done yet")))
        doc.point("job", f"We agreed {plural(inv.actions, 'job')}.",
                  body=[Para((line,)) for line in lines])


def _feelings(doc: EasyRead, f: SessionReport) -> None:
    cards = f.cards
    if cards is None:
        return
    doc.add(Heading("How people felt", 1))
    doc.point("card", sentence(counted(cards.total, "person", "filled in a comment card",
                                       "people")))
    for level in cards.levels:
        if level.count:
            doc.point(f"feeling-{level.level}",
                      B(f"{counted(level.count, 'person', 'said', 'people')}:"),
                      body=[Para((Quoted(level.text, "A comment card answer"),))])
    if cards.comments:
        body: list[Para] = []
        for comment in cards.comments:
            first = (BQ(comment.name, "A name"), B(" wrote: ")) if comment.name else ()
            paras = told(comment.text, where="A comment card", first=first)
            body += [Para(p.pieces, bullet=n == 0) for n, p in enumerate(paras)]
        doc.point("comment", B("What people wrote:"), body=body)


def _checks(doc: EasyRead, f: SessionReport) -> None:
    if not f.checks:
        return
    doc.add(Heading("Checking how we work", 1))
    doc.point("check", "We use 8 sentences to check how we work.",
              body=[Para(("They are called the 'I' statements.",)),
                    Para((f"At this meeting we checked {len(f.checks)} of them.",))])
    for check in f.checks:
        picture, verdict = _VERDICT[check.verdict]
        body = [Para((Quoted(check.statement, f"'I' statement {check.number}"),)),
                Para((verdict,))]
        if check.will_change:
            body += told(check.will_change, first=(B("What we will change: "),),
                         where=f"'I' statement {check.number}: what will change")
        doc.point(picture, B(f"'I' statement {check.number}:"), body=body)
