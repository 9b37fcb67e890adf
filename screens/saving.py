"""The one path for every change a screen makes, and what quitting would lose.

``save(change, *args)`` runs a change, a verb of the service
(``coprod_tui.service``). It returns the change's result and says "Saved"; or,
if the service refused (its one error contract: a ``ValidationError``, a
``SaveError``, ``NotFound``), it returns None after saying why in plain words,
leaving what was typed where it is. A disk that keeps refusing is said once, not
at every retry. Screens, dialogs and the widgets inside them (through
``self.screen.save``) make changes only this way.

``unsaved_text()`` lists what is typed on a screen but not saved; quitting asks
before it throws any of that away.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from textual.widgets import Static

from coprod_tui.errors import CoprodError, SaveError, ValidationError
from coprod_tui.text import one_line

from .base import AppAccess
from .lines import show_line

T = TypeVar("T")


#: The titles of messages saying a change was refused: each is taken back from the
#: status line once a change goes through (it is no longer true).
REFUSED = frozenset({"Not recorded", "Not done", "Not saved"})
#: What the status says while something typed waits to be saved (never "saved").
WAITING = "Saving… what you typed is not saved yet."


class SaveStatus(Static):
    """Says, in words, whether the last change is safely on disk; true at every moment,
    also while something typed waits to be saved. On a screen that has news to give
    (Run: who has the floor), that news too, first."""

    def __init__(self) -> None:
        super().__init__("Everything is saved.", id="save-status", markup=False)
        #: What was last true of the disk ("Saved at ..."), said again once nothing waits.
        self._confirmed = "Everything is saved."
        #: What is true of the disk now.
        self._state = self._confirmed
        self._news = ""
        self._refusal = False

    def saved(self) -> None:
        self.remove_class("failed", "waiting")
        if self._refusal:  # why something was refused is not true once a change goes in
            self._news, self._refusal = "", False
            self.remove_class("warning")
        self._confirmed = f"Saved at {datetime.now():%H:%M:%S}."
        self._show(self._confirmed)

    def waiting(self, message: str = WAITING) -> None:
        self.remove_class("failed")
        self.add_class("waiting")
        self._show(message)

    def settled(self) -> None:
        """Nothing waits any more, and nothing new was written (the text typed was
        taken back): what was true before is true again."""
        if self.has_class("waiting"):
            self.remove_class("waiting")
            self._show(self._confirmed)

    def failed(self, message: str) -> None:
        self.remove_class("waiting")
        self.add_class("failed")
        self._show(f"NOT SAVED: {message}")

    def tell(self, news: str, *, warning: bool = False, refusal: bool = False) -> None:
        """Say what just happened (instead of a message that would cover the screen);
        a ``refusal`` ("Not recorded: ...") is taken back by the next change saved."""
        self._news, self._refusal = news, refusal
        self.set_class(warning, "warning")
        self._show(self._state)

    def _show(self, state: str) -> None:
        self._state = state
        show_line(self, f"{self._news}  {state}" if self._news else state)


class Saving(AppAccess):
    """Mixin for a Screen: ``save`` for changes; hooks to say how they went."""

    #: The last refusal (None after a change went through), for callers that react to it.
    refusal: CoprodError | None = None
    #: The disk's last refusal already said in a notification (said once until it clears).
    _refusal_said: str | None = None

    def save(self, change: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run a change through the core; on refusal say why and return None."""
        try:
            result = change(*args, **kwargs)
        except CoprodError as exc:  # the contract's errors (and a form's own checks)
            self.refusal = exc
            self.saving_refused(exc)
            return None
        self.refusal = None
        if self._refusal_said is not None:
            # The disk's "not saved" is no longer true: take it off the screen.
            self._refusal_said = None
            self.app.clear_notifications()
        self.saving_done()
        return result

    # -- how it is said (screens override these) -----------------------------------------

    def saving_done(self) -> None:
        self.save_status("saved")

    def saving_refused(self, exc: CoprodError) -> None:
        message = str(exc)
        if isinstance(exc, SaveError):
            self.save_status("failed", message)
            if message != self._refusal_said:
                self._refusal_said = message
                self.notify(message, title="Not saved", severity="error", timeout=30,
                            markup=False)
            return
        title = "Not recorded" if isinstance(exc, ValidationError) else "Not done"
        self.notify(message, title=title, severity="warning", timeout=12, markup=False)

    def save_status(self, how: str, message: str = "") -> None:
        """``how``: "saved", "failed" (with the reason), "waiting" (typed, not yet
        saved; an optional message says how it will be), or "settled"."""
        for status in self.query(SaveStatus):
            if how == "saved":
                status.saved()
            elif how == "waiting":
                status.waiting(message or WAITING)
            elif how == "settled":
                status.settled()
            else:
                status.failed(message)

    # -- what quitting would lose -------------------------------------------------------------

    def flush_saves(self) -> None:
        """Save anything typed but not yet saved (screens that save as you type)."""

    def has_unsaved(self) -> bool:
        """True while something typed here could not be saved (the disk refused it)."""
        return False

    def unsaved_text(self) -> list[str]:
        """What is typed here but not saved, one line each, for the quit question."""
        return []


def typed(where: str, text: str) -> str:
    """One line for the quit question: where it was typed, and how it starts."""
    text = one_line(text.strip(), 60) if text.strip() else "(a box emptied)"
    return f"{where}: {text}"
