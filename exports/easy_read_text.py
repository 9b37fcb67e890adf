"""The easy read's words: every part of the meeting as headings and points.

Written for people with a learning disability and anyone who wants the short
version, following UK easy-read guidance: a picture beside each point, one idea
per sentence, no sentence over 15 words in our own wording (a test reads every
one), numbers as digits, the same word for the same thing. Records are told in
their plain-words version where the facilitator wrote one; otherwise a short
original is copied and a long one is not (``easy_read_model.told``). A word from
the glossary is explained the first time it appears, with its picture.
"""

from __future__ import annotations

from collections.abc import Sequence

from coprod_tui.consent import redactor
from coprod_tui.model import GlossaryWord, SessionData
from coprod_tui.plain_words import Terms
from coprod_tui.report import DecisionFact, IdeaFact, SessionReport, session_report
from coprod_tui.report.actions import ActionRow
from coprod_tui.report.corrections import now_blank, now_says
from coprod_tui.templates import Wording
from coprod_tui.words import counted, field_words, join_words, long_date, minutes, plural, \
    short_date

from .docx_base import B
from .easy_read_evidence import _checks, _difference, _feelings
from .easy_read_model import BQ, Block, EasyRead, Heading, Para, Point, Quoted, sentence, told

_SAID = {"chat": "Someone wrote in the chat:", "after": "Someone told us after the meeting:"}
_NOUN = {"ideas": "idea", "decisions": "decision", "actions": "job"}


def glossary_of(data: SessionData, wording: Wording) -> list[GlossaryWord]:
    """The group's own words, then the template's and ours for any it does not have;
    read by the name rule like any other text people typed."""
    words = {g.key: g for g in wording.glossary}
    words.update({g.key: g for g in data.group.glossary})
    shown = redactor(data)
    return [GlossaryWord(word=shown(g.word), meaning=shown(g.meaning), picture=g.picture)
            for g in words.values()]


def easy_read(data: SessionData, wording: Wording,
              followed_up: Sequence[ActionRow] = ()) -> EasyRead:
    """``followed_up``: earlier meetings' jobs heard about at this one ("Jobs from last
    time")."""
    # The shared report: names only with consent.
    report = session_report(data, wording, followed_up=followed_up)
    doc = EasyRead(report)
    for part in (_about, _who, _rules, _last_time, _talked_about, _jobs, _difference,
                 _feelings, _checks, _next_meeting, _changes):
        part(doc, report)
    _explain_glossary(doc, glossary_of(data, wording))
    return doc


# -- the parts ---------------------------------------------------------------------------

def _about(doc: EasyRead, f: SessionReport) -> None:
    doc.point("meeting", "These are the easy read notes from our meeting.",
              body=[Para(("We are the ", Quoted(f.group, "The group's name"), "."))])
    doc.add(Heading("About the meeting", 1))
    doc.point("date", f"We met on {long_date(f.date)}.",
              body=[Para((s,)) for s in (f.start and f"It started at {f.start}.",
                                         f.end and f"It finished at {f.end}.") if s])
    venue = [Para((Quoted(f.venue, "The venue"),))] if f.venue else []
    if f.format == "online":
        doc.point("online", "We met online.")
    elif f.format == "email":
        doc.point("email", "People sent us their comments by email.")
    elif f.format == "hybrid":
        doc.point("room", "Some people came to the room.",
                  body=[Para(("Some people joined online.",))])
    if venue and f.format != "online":
        doc.point("place", "Where we met:", body=venue)
    if f.facilitator:
        doc.point("leader", Quoted(f.facilitator, "The facilitator's name"),
                  " led the meeting.")
    if f.purpose:
        doc.point("why", "Why we met:", body=told(f.purpose, where="The purpose"))
    else:
        doc.point("why", "We did not write down why we met.")
    if f.can_change:
        doc.point("can-change", "What we can change:",
                  body=told(f.can_change, where="What can change"))
    if f.cannot_change:
        doc.point("cannot-change", "What we cannot change:",
                  body=told(f.cannot_change, where="What cannot change"))


def _who(doc: EasyRead, f: SessionReport) -> None:
    doc.add(Heading("Who came", 1))
    inv = f.involvement
    body = []
    if inv.lived_experience:
        body.append(sentence(counted(inv.lived_experience, "person", (
            "uses services, or is family or a carer",
            "use services, or are family or carers"), "people")))
    if inv.through_work:
        body.append(sentence(counted(inv.through_work, "person", "came for their job",
                                     "people")))
    # An interpreter or supporter is there for others: said apart, not counted.
    body += [sentence(counted(n, "person", f"came to help people take part ({label.lower()})",
                              "people")) for label, n in inv.supporting]
    doc.point("people", sentence(counted(inv.present, "person", "came", "people")),
              body=[Para((s,)) for s in body])
    named = [p.label for p in f.participants if p.named]
    unnamed = [p.label for p in f.participants if not p.named]
    if named:
        doc.point("named", "These people said we can use their name:",
                  body=[Para((Quoted(n, "A name"),), bullet=True) for n in named])
    if unnamed:
        doc.point("person", "Some people did not want their name used.",
                  body=[Para((f"We call them by their role, like {unnamed[0]}.",))])
    if f.apologies:
        doc.point("sorry", sentence(counted(len(f.apologies), "person", "could not come",
                                            "people")),
                  body=[Para(("They said sorry.",)),
                        *(Para((Quoted(a, "A name"),), bullet=True) for a in f.apologies)])


def _rules(doc: EasyRead, f: SessionReport) -> None:
    doc.add(Heading("Our meeting rules", 1))
    c = f.conduct
    if c.version is None:
        doc.point("rules", "We have not written our rules down yet.")
        return
    doc.point("rules", "We have rules for how we behave.",
              body=[Para(("The rules are called our code of conduct.",))])
    if c.changed_here is not None:
        doc.point("changes", "We changed our rules at this meeting.")
    elif c.agreed_on:  # the day the group agreed them, never the day they were typed
        doc.point("agreed", f"We agreed our rules on {short_date(c.agreed_on)}.")
    lines = [c.agreed and sentence(counted(c.agreed, "person",
                                           "agreed to the rules at the start", "people")),
             c.agreed_later and sentence(counted(c.agreed_later, "person",
                                                 "agreed to the rules later", "people")),
             c.not_agreed and sentence(counted(c.not_agreed, "person",
                                               "did not say yet if they agree", "people"))]
    lines = [line for line in lines if line]
    if lines:
        doc.point("agreed", lines[0], body=[Para((line,)) for line in lines[1:]])


def _talked_about(doc: EasyRead, f: SessionReport) -> None:
    doc.add(Heading("What we talked about", 1))
    if not f.all_items:
        doc.point("idea", "We did not write down any ideas or decisions.")
    for n, item in enumerate(f.all_items, start=1):
        doc.add(Heading(Quoted(item.title, f"Agenda item {n}")
                        if item is not f.general else "Other things we talked about", 2))
        if item.spent_min:
            doc.point("time", f"We talked about this for {minutes(item.spent_min)}.")
        if not item.ideas and not item.decisions:
            doc.point("idea", "We did not write down any ideas for this part.")
        for idea in item.ideas:
            _idea(doc, idea)
        for decision in item.decisions:
            _decision(doc, decision)


def _idea(doc: EasyRead, idea: IdeaFact) -> None:
    record = ("idea", idea.id)
    said = ((BQ(idea.by, "A name"), B(" said:")) if idea.raised_by == "person"
            else (B(_SAID.get(idea.raised_by, "Someone said:")),))
    doc.point("idea", *said, body=told(idea.text, plain=idea.plain, record=record,
                                         where=f"Idea {idea.number}"), record=record,
              where=f"Idea {idea.number}")
    if idea.not_taken_up:  # the reason, where the idea is: "We said why" must be true
        doc.point("no", "We could not use this idea.",
                  body=told(idea.not_taken_up, record=record, first=(B("Why: "),),
                            where=f"Idea {idea.number}: why we could not use it"))


def _decision(doc: EasyRead, d: DecisionFact) -> None:
    record, where = ("decision", d.id), f"Decision {d.number}"
    body = told(d.text, plain=d.plain, record=record, where=where)
    if not d.plain:  # the plain words say what was decided and why; else the reasons
        body += told(d.reasons, record=record, where=f"{where}: the reasons",
                     first=(B("Why: "),))
    if d.informed_by:
        body.append(Para(("This decision came from ideas people shared.",)))
    doc.point("decision", B("We decided:"), body=body, record=record, where=where)
    if d.method == "vote":
        votes = [sentence(counted(d.votes_for or 0, "person", "voted yes", "people")),
                 sentence(counted(d.votes_against or 0, "person", "voted no", "people"))]
        if d.votes_abstain:
            votes.append(sentence(counted(d.votes_abstain, "person",
                                          "did not vote yes or no", "people")))
        doc.point("vote", "We voted.", body=[Para((v,)) for v in votes])
    elif d.method == "consensus":
        doc.point("agreed", "Everyone agreed.")
    elif d.method == "most":
        doc.point("agreed", "Most people agreed.")
    else:
        doc.point("leader", "The person leading the meeting decided.")
    if d.differing_views:
        doc.point("no", B("Some people did not agree:"),
                  body=told(d.differing_views, record=record,
                            where=f"{where}: the views that differed"))
    if d.in_control == "yes":
        doc.point("yes", "We can do this ourselves.")
    elif d.in_control == "partly":
        doc.point("ask", "We can do some of this ourselves.",
                  body=[Para(("Someone else decides the rest: ",
                              Quoted(d.decided_by, f"{where}: who decides"), "."))
                        if d.decided_by else Para(("Someone else decides the rest.",))])
    else:
        doc.point("ask", "We cannot decide this ourselves.",
                  body=[Para(("Who decides: ", Quoted(d.decided_by, f"{where}: who decides"),
                              "."))
                        if d.decided_by else Para(("Someone else decides.",))])


def _jobs(doc: EasyRead, f: SessionReport) -> None:
    # Not "What will happen next": agendas often have an item called that.
    doc.add(Heading("Jobs to do after the meeting", 1))
    if not f.actions:
        doc.point("job", "We did not agree any jobs to do.")
        return
    doc.point("job", f"We agreed {plural(len(f.actions), 'job')} to do.")
    for a in f.actions:
        _job(doc, a)


def _job(doc: EasyRead, a: ActionRow) -> None:
    record, where = ("action", a.id), f"Job {a.number}"
    body = told(a.text, plain=a.plain, record=record, where=where)
    body.append(Para(("Who will do it: ", Quoted(a.owner, f"{where}: who will do it"), ".")))
    if a.due:
        body.append(Para((f"When: by {short_date(a.due)}.",)))
    doc.point("job", B("A job to do:"), body=body, record=record, where=where)
    if a.status == "done":
        doc.point("yes", "This is done.",
                  body=told(a.outcome, record=record, where=f"{where}: what was done",
                            first=(B("What we did: "),)) if a.outcome else [])
    elif a.status == "not_able":
        doc.point("no", "We could not do this.",
                  body=told(a.reason, record=record, where=f"{where}: the reason",
                            first=(B("Why: "),)) if a.reason else [])
    else:
        doc.point("not-yet", "This is not done yet.")


def _last_time(doc: EasyRead, f: SessionReport) -> None:
    """Jobs from earlier meetings that this meeting heard about."""
    if not f.followed_up:
        return
    doc.add(Heading("Jobs from last time", 1))
    doc.point("job", f"We heard what happened to {plural(len(f.followed_up), 'job')} from "
              "earlier meetings.")
    for a in f.followed_up:
        record, where = ("action", a.id), f"A job from {short_date(a.session_date)}"
        body = told(a.text, plain=a.plain, record=record, where=where)
        body.append(Para((f"We agreed this on {short_date(a.session_date)}.",)))
        if a.status == "done" and a.outcome:
            body += told(a.outcome, record=record, where=f"{where}: what was done",
                         first=(B("What we did: "),))
        elif a.status == "not_able" and a.reason:
            body += told(a.reason, record=record, where=f"{where}: the reason",
                         first=(B("We could not do this, because: "),))
        doc.point("yes" if a.status == "done" else "no" if a.status == "not_able"
                  else "not-yet", B("A job from last time:"), body=body)


def _next_meeting(doc: EasyRead, f: SessionReport) -> None:
    doc.add(Heading("Next meeting", 1))
    nm = f.next_meeting
    if nm is None or not nm.date:
        lead = "We will tell you when we meet next."
    else:
        lead = f"We meet next on {long_date(nm.date)}."
    body = []
    if nm is not None:
        if nm.start:
            body.append(Para((f"It starts at {nm.start}.",)))
        if nm.venue:
            body.append(Para((B("Where: "), Quoted(nm.venue, "The next meeting's place"))))
        if nm.note:
            body += told(nm.note, where="The note about the next meeting")
    doc.point("next", lead, body=body)


def _changes(doc: EasyRead, f: SessionReport) -> None:
    if not f.corrections and not f.withdrawn:
        return
    doc.add(Heading("Changes to these notes", 1))
    if f.withdrawn:  # what it said is not told: it was entered by mistake
        n = len(f.withdrawn)
        doc.point("changes", f"We took {plural(n, 'thing')} out of these notes.",
                  body=[Para((f"{'It was' if n == 1 else 'They were'} written down by "
                              "mistake.",))])
    records = {("ideas", i.id): (i.text, i.plain, f"Idea {i.number}")
               for item in f.all_items for i in item.ideas}
    records.update({("decisions", d.id): (d.text, d.plain, f"Decision {d.number}")
                    for item in f.all_items for d in item.decisions})
    records.update({("actions", a.id): (a.text, a.plain, f"Job {a.number}")
                    for a in f.actions})
    for c in f.corrections:
        noun = _NOUN.get(c.record_kind)
        what = f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}" if noun else c.kind
        body = [Para((f"What we changed: {join_words([field_words(x) for x in c.fields])}.",))]
        found = records.get((c.record_kind, c.record_id)) if noun is not None else None
        if found is not None and ("text" in c.fields or not c.changed_to):
            text, plain, where = found
            body += told(text, plain=plain, where=where, first=(B("It now says: "),),
                         record=(noun if noun != "job" else "action", c.record_id))
        else:  # what the corrected part says now (the reasons, the purpose ...)
            for name, value in c.changed_to[:1]:
                body += told(value, where=f"The correction: {field_words(name)}",
                             first=(B(f"{now_says(name)} "),)) if value \
                    else [Para((now_blank(name),))]
        if c.note:
            body.append(Para((B("Why: "), Quoted(c.note, "A correction's note"))))
        doc.point("changes", f"On {short_date(c.day)} we changed {what}.", body=body)


# -- the glossary ----------------------------------------------------------------------------

def _explain_glossary(doc: EasyRead, glossary: list[GlossaryWord]) -> None:
    """After the first block that uses a glossary word, a point saying what it means.

    Only words people typed are looked at: coprod's own wording explains itself."""
    by_word = {g.word: g for g in glossary}
    terms = Terms(by_word)
    if not terms:
        return
    seen: set[str] = set()
    blocks: list[Block] = []
    for block in doc.blocks:
        blocks.append(block)
        pieces = [block.text] if isinstance(block, Heading) else \
            list(block.pieces()) if isinstance(block, Point) else list(block.pieces)
        for word in terms.find("\n".join(p for p in pieces if isinstance(p, Quoted))):
            entry = by_word[word]
            if entry.key in seen:
                continue
            seen.add(entry.key)
            if not entry.meaning.strip():
                doc.unexplained.append(entry)
                continue
            doc.explained.append(entry)
            word = entry.word[:1].upper() + entry.word[1:]
            blocks.append(Point(entry.picture or "word",
                                (BQ(f"‘{word}’", "The glossary"), B(" means:")),
                                told(entry.meaning, where=f"The glossary: {entry.word}")))
    doc.blocks = blocks
