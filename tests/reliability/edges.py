"""Helpers for the tests of issue 11 (trust at the edges): a real bundle to tamper
with, the command line run in-process or as a child, and what a folder holds."""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from coprod_tui.cli import main
from coprod_tui.demo import add_demo
from coprod_tui.exports.formats import export_session
from coprod_tui.store import open_store
from coprod_tui.templates import default_wording
from coprod_tui.service import Service

from .conftest import child_env

WORDING = default_wording()

_BUNDLES: dict[str, dict] = {}


def demo_bundle(tmp_root: Path) -> dict:
    """The JSON export of the demo's latest session (made once, copied each call)."""
    if "demo" not in _BUNDLES:
        with open_store(tmp_root / "bundle-source") as store:
            add_demo(Service(store))
            sid = store.summaries()[0].id
            path = export_session(Service(store), sid, "json", tmp_root / "bundle.json", wording=WORDING)
        _BUNDLES["demo"] = json.loads(path.read_text("utf-8"))
    return copy.deepcopy(_BUNDLES["demo"])


def demo_folder(tmp_path: Path) -> tuple[Path, list[str]]:
    """A data folder holding the demo, and its session ids, latest first."""
    root = tmp_path / "data"
    with open_store(root) as store:
        add_demo(Service(store))
        return root, [s.id for s in store.summaries()]


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def cli(*args: str, data_dir: Path | None = None) -> tuple[int, str, str]:
    """The command line in this process: exit code, stdout, stderr. Any exception
    other than SystemExit escapes, so a traceback fails the test."""
    out, err = io.StringIO(), io.StringIO()
    argv = (["--data-dir", str(data_dir)] if data_dir is not None else []) + list(args)
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def cli_child(*args: str, data_dir: Path | None = None, timeout: float = 30,
              cwd: Path | None = None, env: dict[str, str] | None = None
              ) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, with a timeout (a FIFO must not hang it)."""
    argv = [sys.executable, "-m", "coprod_tui"]
    if data_dir is not None:
        argv += ["--data-dir", str(data_dir)]
    return subprocess.run([*argv, *args], capture_output=True, text=True, timeout=timeout,
                          env={**child_env(), **(env or {})}, cwd=cwd,
                          errors="surrogateescape")


def plain_failure(code: int, stderr: str) -> None:
    """One plain sentence on stderr, exit code 2, no traceback."""
    assert code == 2, stderr
    assert stderr.startswith("coprod: "), stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert "Traceback" not in stderr and "Error:" not in stderr, stderr


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every path under ``folder`` (links not followed) with its bytes or its kind."""
    found: dict[str, bytes | str] = {}
    if not os.path.lexists(folder):
        return found
    for path in [folder, *folder.rglob("*")]:
        rel = str(path.relative_to(folder))
        if path.name in (".lock", ".running"):
            continue
        if path.is_symlink():
            found[rel] = "link -> " + os.readlink(path)
        elif path.is_file():
            found[rel] = path.read_bytes()
        else:
            found[rel] = "folder" if path.is_dir() else "special"
    return found
