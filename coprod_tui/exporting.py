"""Choosing where an export goes and which writer makes it.

The writers themselves live in ``coprod_tui.exports`` (pure functions from a
loaded session to bytes); this module turns a request into a file on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import CoprodError
from .filenames import default_name, free_path
from .store.atomic import save_error, write_atomic


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


def render(data, fmt: str) -> bytes:
    """The bytes of one session in one format."""
    if fmt == "json":
        from .interchange import dumps

        return dumps(data).encode("utf-8")
    raise CoprodError(f"The {FORMATS[fmt].label.lower()} format is not available yet; "
                      "use --format json for now.")


def target_path(output: str | Path | None, name: str, *, default_dir: Path | None = None
                ) -> Path:
    """Where to write: a given file, a given folder, or the default folder."""
    if output:
        path = Path(output).expanduser()
        if path.is_dir():
            return free_path(path, name)
        if not path.parent.is_dir():
            raise CoprodError(f"The folder {path.parent} does not exist.")
        return path
    folder = default_dir or Path.cwd()
    folder.mkdir(parents=True, exist_ok=True)
    return free_path(folder, name)


def write_export(path: Path, payload: bytes) -> Path:
    try:
        write_atomic(path, payload)
    except OSError as exc:
        raise save_error(exc, f"the file {path.name}") from exc
    return path.resolve()


def export_session(store, session_id: str, fmt: str, output: str | Path | None = None, *,
                   default_dir: Path | None = None) -> Path:
    data = store.snapshot(session_id)
    payload = render(data, fmt)
    spec = FORMATS[fmt]
    name = default_name(data.session.date, data.session.title, spec.label, spec.suffix)
    return write_export(target_path(output, name, default_dir=default_dir), payload)


def export_group_report(store, group_name: str, output: str | Path | None = None, *,
                        default_dir: Path | None = None) -> Path:
    raise CoprodError("The group 'You said, We did' report is not available yet.")
