"""An organisation's own wording: read, used everywhere, and refused clearly if broken."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest

from coprod_tui.app import CoprodApp
from coprod_tui.demo import add_demo
from coprod_tui.exports.formats import export_session
from coprod_tui.templates import (
    TemplateError, default_wording, load_wording_reporting, read_template,
)
from coprod_tui.service import Service
from tests.reliability.edges import cli
from tests.ui.helpers import screen_text

TEMPLATE = '''
code_of_conduct = """
Be on time.
Phones away.
"""

[comment_card]
question = "Did we listen to you today?"
level_4 = "Yes, and it changed things."
level_1 = "No, not at all."

[pre_checklist]
budget_ok = "The money for interpreters is agreed."

[statements]
1 = ["Did everyone get the same chance to speak, whoever they are?"]
'''


def write_template(folder: Path, text: str = TEMPLATE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "template.toml"
    path.write_text(text, "utf-8")
    return path


def test_a_template_replaces_only_what_it_gives(tmp_path):
    wording = read_template(write_template(tmp_path))
    ours = default_wording()
    assert wording.code_of_conduct == "Be on time.\nPhones away."
    assert wording.card_question == "Did we listen to you today?"
    assert wording.card_level(4) == "Yes, and it changed things."
    assert wording.card_level(2) == ours.card_level(2)  # not given: ours
    assert [c.label for c in wording.pre_checklist] == ["The money for interpreters is agreed."]
    assert wording.involvement_checklist == ours.involvement_checklist
    assert wording.statement_questions[0] == (
        "Did everyone get the same chance to speak, whoever they are?",)
    assert wording.statement_questions[1] == ours.statement_questions[1]


@pytest.mark.parametrize("text, message", [
    ("code_of_conduct = [unclosed", "is not valid TOML"),
    ("code_of_conduct = 5", "code_of_conduct must be text"),
    ("code_of_condcut = 'typo'", "a part coprod does not know, 'code_of_condcut'"),
    ("[comment_card]\nlevel_5 = 'x'", "[comment_card] has 'level_5'"),
    ("[pre_checklist]", "should list at least one item"),
    ("[statements]\n9 = ['x']", "numbered 1 to 8, not '9'"),
    ("[statements]\n2 = 'not a list'", "statements.2 should be a list of questions"),
    ("[comment_card]\nquestion = ''", "cannot be empty"),
])
def test_a_broken_template_says_what_is_wrong(tmp_path, text, message):
    path = write_template(tmp_path, text)
    with pytest.raises(TemplateError, match=re.escape(message)):
        read_template(path)
    wording, problem = load_wording_reporting(tmp_path)
    assert wording == default_wording()  # our wording is used instead
    assert problem and "coprod's own wording is used instead" in problem
    assert "template.toml" in problem


async def test_the_wording_shows_on_screen_and_in_the_minutes(store, data_dir, tmp_path):
    write_template(data_dir)
    add_demo(Service(store))
    sid = store.summaries()[0].id
    app = CoprodApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        shown = screen_text(app)
        assert "Did we listen to you today?" in shown
        assert "Yes, and it changed things." in shown
        await pilot.press("escape", "ctrl+t")
        await pilot.pause()
        assert "Did everyone get the same chance to speak" in screen_text(app)
        await pilot.press("escape", "f2")
        await pilot.pause()
        assert "The money for interpreters is agreed." in screen_text(app)
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert app.screen.query_one("#conduct").text == "Be on time.\nPhones away."
    path = export_session(Service(store), sid, "minutes", tmp_path, wording=app.wording)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs)
    tables = docx.Document(io.BytesIO(path.read_bytes())).tables
    cells = "\n".join(c.text for t in tables for r in t.rows for c in r.cells)
    assert "Yes, and it changed things." in cells and "No, not at all." in cells
    assert "My voice was heard and it is making a difference." not in text + cells


async def test_a_broken_template_is_reported_when_the_app_opens(store, data_dir):
    write_template(data_dir, "code_of_conduct = [")
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("is not valid TOML" in m and "own wording is used instead" in m
                   for m in messages)
        assert app.wording == default_wording()


def test_export_on_the_command_line_reports_a_broken_template(tmp_path):
    data = tmp_path / "data"
    assert cli("demo", data_dir=data)[0] == 0
    write_template(data, "[statements]\n1 = 'x'")
    code, out, err = cli("export", "--group", "Riverside", "--format", "you-said-we-did",
                         "-o", str(tmp_path), data_dir=data)
    assert code == 0, err
    assert "statements.1 should be a list of questions" in err


def test_coprod_template_env_points_at_a_file(tmp_path, monkeypatch):
    path = write_template(tmp_path / "elsewhere")
    monkeypatch.setenv("COPROD_TEMPLATE", str(path))
    wording, problem = load_wording_reporting(tmp_path / "data")
    assert problem is None and wording.card_question == "Did we listen to you today?"
