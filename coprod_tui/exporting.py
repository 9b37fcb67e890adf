"""Choosing where an export goes and which writer makes it.

The writers themselves live in ``coprod_tui.exports`` (pure functions from a
loaded session to bytes); this module turns a request into a file on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .clock import today
from .consent import group_redactor, redactor
from .errors import CoprodError
from .export_files import target_path, write_export
from .filenames import default_name
from .templates import load_wording


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


def render(data, fmt: str, wording=None) -> bytes:
    """The bytes of one session in one format.

    ``wording`` is the organisation's wording (comment-card levels, statement
    questions); by default, whatever ``load_wording()`` finds.
    """
    if fmt == "json":
        from .interchange import dumps

        return dumps(data).encode("utf-8")
    # Imported here so that start-up never loads python-docx.
    if fmt == "minutes":
        from .exports.minutes import minutes_docx

        return minutes_docx(data, wording)
    if fmt == "easy-read":
        from .exports.easy_read import easy_read_docx

        return easy_read_docx(data, wording)
    if fmt == "you-said-we-did":
        from .exports.you_said_we_did import you_said_we_did_docx

        return you_said_we_did_docx(data)
    raise CoprodError(f"There is no export format called '{fmt}'; choose one of: "
                      f"{', '.join(FORMATS)}.")


def export_session(store, session_id: str, fmt: str, output: str | Path | None = None, *,
                   default_dir: Path | None = None) -> Path:
    return export_data(store.snapshot(session_id), fmt, output,
                       wording=load_wording(store.root), default_dir=default_dir,
                       data_root=store.root)


def export_data(data, fmt: str, output: str | Path | None = None, *, wording=None,
                default_dir: Path | None = None, data_root: Path | None = None) -> Path:
    """Write an already loaded session: needs no store, so it can run off the UI thread."""
    if fmt not in FORMATS:
        raise CoprodError(f"There is no export format called '{fmt}'; choose one of: "
                          f"{', '.join(FORMATS)}.")
    payload = render(data, fmt, wording)
    spec = FORMATS[fmt]
    # The file name is shared as much as the document: it names no one the document hides.
    name = default_name(data.session.date, redactor(data)(data.session.title), spec.label,
                        spec.suffix)
    return write_export(target_path(output, name, default_dir=default_dir,
                                    data_root=data_root), payload)


#: Reports that cover a whole group rather than one session.
GROUP_FORMATS = {f.key: f for f in (
    FORMATS["you-said-we-did"],
    Format("impact", "Evidence of impact", ".docx"),
)}


def export_group_report(store, group_name: str, output: str | Path | None = None, *,
                        fmt: str = "you-said-we-did", default_dir: Path | None = None) -> Path:
    """One report covering every session of a group: You said, We did, or impact."""
    from .store.groups import find_group

    if fmt not in GROUP_FORMATS:
        raise CoprodError("A whole group can be reported as you-said-we-did or impact.")
    group = find_group(store.groups, group_name)
    sessions = []
    for summary in store.summaries(group.id):
        with store.visiting(summary.id):  # let each file go again afterwards
            sessions.append(store.snapshot(summary.id))
    if fmt == "impact":
        from .exports.impact import group_impact_docx

        payload = group_impact_docx(group, sessions, load_wording(store.root))
    else:
        from .exports.you_said_we_did import group_you_said_we_did_docx

        payload = group_you_said_we_did_docx(group, sessions)
    spec = GROUP_FORMATS[fmt]
    name = default_name(today(), group_redactor(sessions)(group.name), spec.label, spec.suffix)
    return write_export(target_path(output, name, default_dir=default_dir,
                                    data_root=store.root), payload)
