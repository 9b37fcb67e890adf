"""The services' one error contract, and the lock that makes them safe to share.

Every public method of a service is a ``verb``. What it raises is one of three
errors, each a plain sentence fit to show as it is:

* ``ValidationError``: what was asked does not fit (a decision without reasons,
  a date like 14/3); ``.field`` names the field when there is one;
* ``SaveError``: the disk or the folder refused; it says what to do, and nothing
  was changed (the memory copy is the last state on disk);
* ``NotFound``: the session, group, person or record is not there (a file that
  turned out to be damaged was set aside and is not there any more).

Nothing else escapes. Verbs hold the service's lock, so a worker thread (a
search, a group report) and the screen never use the store at the same moment.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from ..errors import CoprodError, DamagedFile, NotFound, SaveError, ValidationError
from ..store.atomic import save_error

__all__ = ["Locked", "NotFound", "SaveError", "ValidationError", "verb"]

P = ParamSpec("P")
R = TypeVar("R")


class Locked(Protocol):
    _lock: threading.RLock


S = TypeVar("S", bound=Locked)


def verb(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Run a service method under the lock, with the error contract applied."""
    @functools.wraps(method)
    def run(self: S, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._lock:
            try:
                return method(self, *args, **kwargs)
            except (ValidationError, SaveError, NotFound):
                raise
            except DamagedFile as exc:
                # The store has set the file aside and said so: it is no longer there.
                raise NotFound(str(exc)) from exc
            except CoprodError as exc:
                raise ValidationError(str(exc)) from exc
            except OSError as exc:  # a disk error the store did not word
                raise save_error(exc, "the change") from exc
    return run
