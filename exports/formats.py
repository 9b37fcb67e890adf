"""Every format a session or a group can be written in, and the one way to write it.

The Share step, the group history screen and ``coprod export`` all call these
same functions: ``render`` / ``render_group`` make the bytes, then the core's
``placing.place`` writes the file safely. The wording (comment-card levels,
statement questions) is always passed in: the caller loads it once, and nothing
here reads the environment.

The Word writers are imported inside ``render`` so that start-up never loads
python-docx, and the rest of what writing needs inside the functions that write, so
that the command line's other commands (which read the format names) load none of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from coprod_tui.errors import CoprodError

if TYPE_CHECKING:
    from coprod_tui.model import Group, SessionData
    from coprod_tui.report import ActionRow
    from coprod_tui.service import Service
    from coprod_tui.templates import Wording


@dataclass(frozen=True, slots=True)
class Format:
    key: str
    label: str
    suffix: str


FORMATS = {f.key: f for f in (
    Format("minutes", "Minutes", ".docx"),
    Format("easy-read", "Easy read minutes", ".docx"),
    Format("you-said-we-did", "You said, We did", ".docx"),
    Format("json", "Backup", ".json"),
)}

#: Reports that cover a whole group rather than one session.
GROUP_FORMATS = {f.key: f for f in (
    FORMATS["you-said-we-did"],
    Format("impact", "Evidence of impact", ".docx"),
)}


def render(data: SessionData, fmt: str, wording: Wording, *,
           as_of: date | None = None, followed_up: Sequence[ActionRow] = (),
           problems: list[str] | None = None) -> bytes:
    """The bytes of one session in one format (``as_of``: the day "overdue" is judged on;
    ``followed_up``: earlier meetings' actions followed up at this one, for the minutes;
    ``problems`` gets a sentence for each of the template's pictures that could not be
    used, coprod's own being used instead)."""
    if fmt == "json":
        from coprod_tui.interchange import dumps

        return dumps(data).encode("utf-8")
    if fmt == "minutes":
        from .minutes import minutes_docx

        return minutes_docx(data, wording, followed_up)
    if fmt == "easy-read":
        from .easy_read import easy_read_docx

        return easy_read_docx(data, wording, problems, followed_up=followed_up)
    if fmt == "you-said-we-did":
        from .you_said_we_did import you_said_we_did_docx

        return you_said_we_did_docx(data, wording, as_of)
    raise CoprodError(f"There is no export format called '{fmt}'; choose one of: "
                      f"{', '.join(FORMATS)}.")


def render_group(group: Group, sessions: list[SessionData], fmt: str, wording: Wording, *,
                 as_of: date | None = None) -> bytes:
    """The bytes of one report covering every session of a group."""
    if fmt == "impact":
        from .impact import group_impact_docx

        return group_impact_docx(group, sessions, wording)
    if fmt == "you-said-we-did":
        from .you_said_we_did import group_you_said_we_did_docx

        return group_you_said_we_did_docx(group, sessions, wording, as_of)
    raise CoprodError("A whole group can be reported as you-said-we-did or impact.")


def export_data(data: SessionData, fmt: str, output: str | Path | None = None, *,
                wording: Wording, default_dir: Path | None = None,
                data_root: Path | None = None, followed_up: Sequence[ActionRow] = (),
                problems: list[str] | None = None) -> Path:
    """Write an already loaded session: needs no store, so it can run off the UI thread."""
    from coprod_tui.consent import redactor
    from coprod_tui.placing import place

    if fmt not in FORMATS:
        raise CoprodError(f"There is no export format called '{fmt}'; choose one of: "
                          f"{', '.join(FORMATS)}.")
    spec = FORMATS[fmt]
    # The file name is shared as much as the document: it names no one the document hides.
    return place(render(data, fmt, wording, followed_up=followed_up, problems=problems),
                 output,
                 date=data.session.date, title=redactor(data)(data.session.title),
                 label=spec.label, suffix=spec.suffix, default_dir=default_dir,
                 data_root=data_root)


def export_session(service: Service, session_id: str, fmt: str,
                   output: str | Path | None = None, *, wording: Wording,
                   default_dir: Path | None = None, problems: list[str] | None = None
                   ) -> Path:
    """Write one session. The service reads it (under its lock), with the earlier
    meetings' actions followed up at it; the document is made and written after, so a
    worker thread can call this."""
    followed = service.follow_up.reported_at(session_id) if fmt in ("minutes", "easy-read") \
        else []
    return export_data(service.snapshot(session_id), fmt, output, wording=wording,
                       default_dir=default_dir, data_root=service.root, followed_up=followed,
                       problems=problems)


def export_group(service: Service, group_ref: str, fmt: str,
                 output: str | Path | None = None, *, wording: Wording,
                 default_dir: Path | None = None) -> Path:
    """Write one report covering every session of a group: You said, We did, or impact."""
    from coprod_tui.clock import today
    from coprod_tui.consent import group_redactor
    from coprod_tui.placing import place

    if fmt not in GROUP_FORMATS:
        raise CoprodError("A whole group can be reported as you-said-we-did or impact.")
    group, sessions = service.group_sessions(group_ref)
    spec = GROUP_FORMATS[fmt]
    return place(render_group(group, sessions, fmt, wording), output, date=today(),
                 title=group_redactor(sessions)(group.name), label=spec.label,
                 suffix=spec.suffix, default_dir=default_dir, data_root=service.root)
