"""The one typed service that screens and the command line call for every verb.

``Service(store)`` is the way in; see ``service.py`` for its parts and
``contract.py`` for the errors a verb may raise (``ValidationError`` naming its
field, ``SaveError`` saying what to do, ``NotFound``; nothing else).
"""

from ..errors import NotFound, SaveError, ValidationError
from ..store.summary import SessionSummary
from ..store.store import Match
from .follow_up import FollowUpService
from .groups import GroupService
from .service import Service
from .session import SessionService

__all__ = ["FollowUpService", "GroupService", "Match", "NotFound", "SaveError", "Service",
           "SessionService", "SessionSummary", "ValidationError"]
