"""The domain model: plain dataclasses validated at the boundary.

No Textual and no python-docx here (a test enforces it).
"""

from .base import Record
from .group import ConductVersion, GlossaryWord, Group, Person
from .records import (
    Action, AuditAnswer, Correction, Decision, Feedback, Idea, Turn,
)
from .session import AgendaItem, Attendance, Hand, NextMeeting, Session
from .snapshot import SessionData

__all__ = [
    "Action", "AgendaItem", "Attendance", "AuditAnswer", "ConductVersion",
    "Correction", "Decision", "Feedback", "GlossaryWord", "Group", "Hand", "Idea",
    "NextMeeting", "Person", "Record", "Session", "SessionData", "Turn",
]
