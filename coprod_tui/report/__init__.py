"""The report model: a session or a group put into plain-English facts, once.

Everything that puts a session into words reads this: the read-only view, the
Close summary, the corrections list, the follow-up lists, the minutes, easy
read, You said We did, the impact report and the group history. The privacy
rule is applied here, once (``naming.Naming``): a person is named only with
their consent at that session, otherwise by their role label ("Carer 2"); the
name rule runs over every free text; support needs and contact details are
never read. Facilitator-only views ask for real names with
``for_facilitator=True``; labels, durations and counts stay the same.

No Textual and no python-docx here (the core's rule).

* ``session.py`` - ``session_report``: one session's facts (``facts.py``);
* ``said.py`` - ``said_and_done``: You said, We did, We could not, for one session;
* ``actions.py`` - ``ActionRow``: one action with what led to it and what happened;
* ``group.py`` - ``group_report``: a group's meetings, for the group reports;
* ``history.py`` - ``group_history``: who takes part, for the facilitator;
* ``evidence.py`` - involvement counts, comment cards, the 'I' statements check;
* ``corrections.py`` - corrections as sentences and as a short list;
* ``naming.py`` - the privacy rule.
"""

from .actions import STATUS_ORDER, ActionRow, action_rows, by_status, list_order
from .corrections import (
    CorrectionFact, CorrectionNote, describe_corrections, session_corrections, when,
)
from .evidence import (
    CardComment, CardTally, Involvement, LevelCount, StatementCheck, card_tally, involvement,
    suggested_evidence, statement_checks,
)
from .group import GroupReport, MeetingFacts, group_report
from .history import GroupHistory, PersonHistory, SessionMix, group_history, history_of
from .naming import Naming
from .facts import (
    ConductFact, DecisionFact, IdeaFact, ItemFact, NextMeetingFact, PersonFact, WithdrawnFact,
)
from .said import CouldNot, Did, Said, SaidAndDone, said_and_done
from .session import SessionReport, attendance_words, conduct_state, session_report

__all__ = [
    "STATUS_ORDER", "ActionRow", "CardComment", "CardTally", "ConductFact", "CorrectionFact",
    "CorrectionNote", "DecisionFact", "GroupHistory", "GroupReport", "IdeaFact", "Involvement",
    "ItemFact", "LevelCount", "MeetingFacts", "Naming", "NextMeetingFact", "PersonFact",
    "PersonHistory", "SessionMix", "SessionReport", "StatementCheck", "action_rows",
    "attendance_words", "by_status", "card_tally", "conduct_state", "describe_corrections",
    "group_history", "group_report", "history_of", "involvement", "list_order",
    "session_corrections", "session_report", "statement_checks", "suggested_evidence", "when",
    "WithdrawnFact", "CouldNot", "Did", "Said", "SaidAndDone", "said_and_done",
]
