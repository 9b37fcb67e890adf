"""Errors the facilitator may see. Every message is one plain sentence."""

from __future__ import annotations


class CoprodError(Exception):
    """Base for errors with a message fit to show a user as it is."""


class ValidationError(CoprodError, ValueError):
    """Something typed or imported does not fit the record (say what to fix).

    ``field`` names the record's field the message is about, when there is one
    ("reasons"), so a form can put the cursor in that box.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(CoprodError, LookupError):
    """A session, group or person asked for does not exist."""


class FolderInUse(CoprodError):
    """Another copy of coprod holds the data folder."""


class SaveError(CoprodError, OSError):
    """The disk refused a save. The change was not recorded; it can be retried."""


class FolderUnavailable(SaveError):
    """The data folder cannot be reached, or the path now leads to another folder.

    Nothing is written (or read) there until the folder coprod opened is back.
    """


class DamagedFile(CoprodError):
    """A file could not be read as coprod data."""

    def __init__(self, message: str, *, future: bool = False) -> None:
        super().__init__(message)
        self.future = future
