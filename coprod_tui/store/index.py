"""index.json and search.json: what Home, the session list and search read.

Both are derived from the session files and can be rebuilt from them, so a
save during a live session never has to touch them (a save costs one session,
never the whole history). Each summary remembers the file's identity
(inode, mtime, size) when it was made; the store refreshes summaries whose
file has changed since.
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from ..model import Record, Session
from .session_file import SessionFile
from .table_file import TableFile


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
    def of(cls, file: SessionFile) -> SessionSummary:
        s: Session = file.session
        actions = file.rows("actions")
        return cls(
            id=s.id, group_id=s.group_id, title=s.title, date=s.date, status=s.status,
            start=s.start, venue=s.venue, format=s.format, methods=list(s.methods),
            stage=s.stage, present=sum(1 for a in file.rows("attendance") if a.present),
            ideas=len(file.rows("ideas")), decisions=len(file.rows("decisions")),
            actions=len(actions),
            actions_open=sum(1 for a in actions if a.status == "open"),
            sig=file_sig(file.path, missing_ok=True))

    @property
    def sort_key(self) -> tuple[str, str, str]:
        return (self.date, self.start, self.id)


@dataclass(slots=True)
class SearchText(Record):
    """The searchable text of one session: [kind, record id, text] triples."""

    noun = "search entry"
    session_id: str
    entries: list[list[str]] = field(default_factory=list)
    #: The session file's identity when the text was taken (as in SessionSummary), so
    #: a text that missed a change (a crash between the two writes) is noticed.
    sig: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, file: SessionFile) -> SearchText:
        entries = [["idea", i.id, i.text] for i in file.rows("ideas")]
        for d in file.rows("decisions"):
            entries.append(["decision", d.id,
                            "\n".join(t for t in (d.text, d.reasons, d.differing_views) if t)])
        for a in file.rows("actions"):
            entries.append(["action", a.id,
                            "\n".join(t for t in (a.text, a.outcome, a.reason) if t)])
        return cls(session_id=file.id, entries=entries, sig=file_sig(file.path, missing_ok=True))


class SessionIndex(TableFile):
    KIND = "index"
    TABLES = {"sessions": SessionSummary}

    def summaries(self) -> dict[str, SessionSummary]:
        return {s.id: s for s in self.rows("sessions")}

    def put(self, summary: SessionSummary) -> None:
        if summary.id in self.summaries():
            self._put("sessions", summary)
        else:
            self._insert("sessions", summary)

    def drop(self, session_id: str) -> None:
        self._delete("sessions", session_id)

    def set_all(self, summaries: list[SessionSummary]) -> None:
        self._replace_table("sessions", summaries)

    def batch(self) -> AbstractContextManager[None]:
        return self._writing()


class SearchIndex(TableFile):
    KIND = "search"
    TABLES = {"text": SearchText}

    def texts(self) -> dict[str, SearchText]:
        return {t.session_id: t for t in self.rows("text")}

    def put(self, text: SearchText) -> None:
        if text.session_id in self.texts():
            self._put("text", text, key="session_id")
        else:
            self._insert("text", text)

    def drop(self, session_id: str) -> None:
        self._delete("text", session_id, key="session_id")

    def set_all(self, texts: list[SearchText]) -> None:
        self._replace_table("text", texts)

    def batch(self) -> AbstractContextManager[None]:
        return self._writing()
