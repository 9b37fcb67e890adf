"""The layer contracts hold, and a violation anywhere (even inside a function) is caught."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.layers import PACKAGES, ROOT, check_file, check_tree


def test_the_source_keeps_every_contract():
    found = check_tree()
    assert not found, "\n".join(map(str, found))


def _violations(path: str, extra: str) -> list[str]:
    real = ROOT / path
    return [str(v) for v in check_file(real, source=real.read_text("utf-8") + extra)]


@pytest.mark.parametrize(("path", "extra", "contract"), [
    # The issue's own example: a function-level import of the screens in the core.
    ("coprod_tui/words.py", "\n\ndef sneak():\n    import coprod_tui.screens\n", "core"),
    ("coprod_tui/service/session.py",
     "\n\ndef sneak():\n    from ..exports import formats\n", "core"),
    ("coprod_tui/store/atomic.py", "\n\ndef sneak():\n    import docx\n", "core"),
    ("coprod_tui/report/__init__.py",
     "\n\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import textual\n", "core"),
    ("coprod_tui/words.py",
     "\n\ndef sneak():\n    import importlib\n    importlib.import_module('coprod_tui.screens.home')\n",
     "core"),
    ("exports/minutes.py", "\n\ndef sneak():\n    from textual.app import App\n", "exports"),
    ("exports/minutes.py", "\n\ndef sneak():\n    from ..screens import home\n", "exports"),
    ("screens/home.py", "\n\ndef sneak():\n    from coprod_tui.store import open_store\n",
     "screens"),
    ("screens/home.py", "\n\ndef sneak():\n    from coprod_tui.app import CoprodApp\n",
     "screens"),
])
def test_a_deliberate_violation_is_caught(path, extra, contract):
    found = _violations(path, extra)
    assert any(f"contract '{contract}'" in v for v in found), found


def test_a_screen_may_name_the_app_for_typing_only():
    extra = ("\n\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
             "    from coprod_tui.app import CoprodApp\n")
    assert _violations("screens/home.py", extra) == []


def test_the_command_fails_on_a_violating_tree(tmp_path, monkeypatch, capsys):
    for folder in PACKAGES:
        shutil.copytree(ROOT / folder, tmp_path / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.tcss", "*.json"))
    with (tmp_path / "coprod_tui" / "words.py").open("a", encoding="utf-8") as f:
        f.write("\n\ndef sneak():\n    import coprod_tui.screens\n")
    import tests.layers as layers

    # The command CI runs fails on it and names it (its check, pointed at that tree).
    monkeypatch.setattr(layers.check_tree, "__defaults__", (tmp_path,))
    assert layers.main() == 1
    listed = capsys.readouterr().out
    assert "coprod_tui/words.py" in listed and "coprod_tui.screens" in listed
    clean = subprocess.run([sys.executable, "-m", "tests.layers"], cwd=ROOT,
                           capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout


def test_every_source_folder_is_checked():
    assert set(PACKAGES) == {p.name for p in ROOT.iterdir()
                             if p.is_dir() and (p / "__init__.py").exists()
                             and p.name != "tests"}
