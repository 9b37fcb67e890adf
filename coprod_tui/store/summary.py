"""One line of the session list (``SessionSummary``), the searchable text of a
session (``entries_of``), and a session file's identity (``file_sig``): what the
index (``index.py``) keeps for each session, worked out from its file."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Record, Session

if TYPE_CHECKING:
    from .session_file import SessionFile


def file_sig(path: os.PathLike[str] | str, *, missing_ok: bool = False) -> list[int]:
    """The file's identity; with ``missing_ok``, [] for a file that cannot be reached
    (its summary then never matches, so it is summarised again at the next start)."""
    try:
        st = os.stat(path)
    except OSError:
        if missing_ok:
            return []
        raise
    return [st.st_ino, st.st_mtime_ns, st.st_size]


@dataclass(slots=True)
class SessionSummary(Record):
    """One line of the session list."""

    noun = "session summary"
    id: str
    group_id: str
    title: str
    date: str
    status: str
    start: str = ""
    venue: str = ""
    format: str = ""
    methods: list[str] = field(default_factory=list)
    stage: str = ""
    present: int = 0
    ideas: int = 0
    decisions: int = 0
    actions: int = 0
    actions_open: int = 0
    sig: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, file: SessionFile, sig: list[int] | None = None) -> SessionSummary:
        """The summary of a loaded ``SessionFile`` (``sig``: its identity, if known)."""
        s: Session = file.session
        # A record withdrawn as entered in error is in no count.
        actions = [a for a in file.rows("actions") if not a.withdrawn]
        return cls(
            id=s.id, group_id=s.group_id, title=s.title, date=s.date, status=s.status,
            start=s.start, venue=s.venue, format=s.format, methods=list(s.methods),
            stage=s.stage, present=sum(1 for a in file.rows("attendance") if a.present),
            ideas=sum(1 for i in file.rows("ideas") if not i.withdrawn),
            decisions=sum(1 for d in file.rows("decisions") if not d.withdrawn),
            actions=len(actions),
            actions_open=sum(1 for a in actions if a.status == "open"),
            sig=sig if sig is not None else file_sig(file.path, missing_ok=True))

    @classmethod
    def from_row(cls, row: tuple) -> SessionSummary:
        (sid, group_id, title, date, start, status, venue, fmt, methods, stage, present,
         ideas, decisions, actions, actions_open, ino, mtime, size) = row
        return cls(id=sid, group_id=group_id, title=title, date=date, status=status,
                   start=start, venue=venue, format=fmt,
                   methods=methods.split(",") if methods else [],
                   stage=stage, present=present, ideas=ideas, decisions=decisions,
                   actions=actions, actions_open=actions_open, sig=[ino, mtime, size])

    def row(self) -> tuple:
        sig = self.sig if len(self.sig) == 3 else [-1, -1, -1]
        return (self.id, self.group_id, self.title, self.date, self.start, self.status,
                self.venue, self.format, ",".join(self.methods), self.stage, self.present,
                self.ideas, self.decisions, self.actions, self.actions_open, *sig)

    @property
    def sort_key(self) -> tuple[str, str, str]:
        return (self.date, self.start, self.id)


#: One searchable record: (kind, record id, text); the title is in the summary.
Entry = tuple[str, str, str]


def entries_of(file: SessionFile) -> list[Entry]:
    """What can be searched in a loaded session besides its title: ideas, decisions
    (with their reasons and the views that differed) and actions (with what was
    done, or why not)."""
    entries: list[Entry] = [("idea", i.id, i.text) for i in file.rows("ideas")]
    entries += [("decision", d.id,
                 "\n".join(t for t in (d.text, d.reasons, d.differing_views) if t))
                for d in file.rows("decisions")]
    entries += [("action", a.id, "\n".join(t for t in (a.text, a.outcome, a.reason) if t))
                for a in file.rows("actions")]
    return entries
