"""The command line contract (DESIGN.md §5).

Most commands run in this process (``cli``: exit code, stdout, stderr; any exception
but SystemExit fails the test): starting Python and importing coprod for each one
cost a quarter of a second and tested nothing more. A real process is kept where it
is what is tested: ``python -m coprod_tui``, the modules a fresh process loads, a
lock held by another process, and opening the app (which would run in this process
if the refusal failed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import run_cli
from tests.reliability.edges import cli


def test_help_and_version_do_not_import_textual_or_docx():
    code = ("import sys\nfrom coprod_tui.cli import main\n"
            "for args in (['--help'], ['--version']):\n"
            "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'docx', 'rich')]\n"
            "print('LOADED', bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "usage: coprod" in out.stdout and "LOADED []" in out.stdout


def test_version():
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.startswith("coprod ")


def test_demo_list_export_import_forget(tmp_path):
    data = tmp_path / "data"
    code, out, err = cli("demo", data_dir=data)
    assert code == 0 and "Riverside Short Stay" in out, err
    code, again, err = cli("demo", data_dir=data)
    assert code == 0 and "nothing was added" in again, err

    listed = json.loads(cli("list", "--json", data_dir=data)[1])
    assert [r["title"] for r in listed] == [
        "How the days will run", "Rooms, colours and the garden",
        "Getting started: what makes a good short stay?"]
    assert listed[0]["status"] == "closed" and listed[0]["ideas"] == 5
    plain = cli("list", data_dir=data)[1]
    assert listed[0]["id"][:8] in plain

    target = tmp_path / "backup.json"
    code, out, err = cli("export", listed[0]["id"][:6], "--format", "json", "-o", str(target),
                         data_dir=data)
    assert code == 0, err
    assert json.loads(target.read_text())["session"]["title"] == "How the days will run"

    fresh = tmp_path / "fresh"
    code, out, err = cli("import", str(target), data_dir=fresh)
    assert code == 0 and "Imported 'How the days will run'" in out, err
    assert len(json.loads(cli("list", "--json", data_dir=fresh)[1])) == 1

    code, out, err = cli("forget", "Joan Murphy", "--yes", data_dir=data)
    assert code == 0 and "Erased Joan Murphy" in out, err
    assert "Session 'How the days will run'" in out


def test_env_var_chooses_the_folder(tmp_path, monkeypatch):
    data = tmp_path / "env-data"
    monkeypatch.setenv("COPROD_DATA_DIR", str(data))  # read when the command runs
    code, out, err = cli("demo")
    assert code == 0, err
    assert (data / "groups.json").exists()


def test_user_mistakes_are_one_plain_sentence_and_exit_2(tmp_path):
    data = tmp_path / "data"
    assert cli("demo", data_dir=data)[0] == 0
    cases = [
        ("export", "zzzz", "--format", "json"),
        ("export",),
        ("import", str(tmp_path / "missing.json")),
        ("forget", "Nobody At All"),
        ("export", "--format", "pdf", "x"),
        ("frobnicate",),
    ]
    for args in cases:
        code, out, err = cli(*args, data_dir=data)
        assert code == 2, (args, err)
        assert err.startswith("coprod: "), (args, err)
        assert "Traceback" not in err
        assert len(err.strip().splitlines()) == 1, err


def test_word_formats_export_end_to_end(tmp_path):
    import docx

    data = tmp_path / "data"
    assert cli("demo", data_dir=data)[0] == 0
    sid = json.loads(cli("list", "--json", data_dir=data)[1])[0]["id"]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    titles = {"minutes": "Minutes: How the days will run",
              "easy-read": "Easy read minutes: How the days will run",
              "you-said-we-did": "You said, We did: Riverside Short Stay Co-production Group"}
    for fmt, title in titles.items():
        code, out, err = cli("export", sid[:8], "--format", fmt, "-o", str(out_dir),
                             data_dir=data)
        assert code == 0, err
        path = Path(out.strip())
        assert path.parent == out_dir.resolve() and path.suffix == ".docx"
        assert docx.Document(str(path)).core_properties.title == title

    code, out, err = cli("export", "--group", "riverside", "--format", "you-said-we-did",
                         "-o", str(out_dir / "group.docx"), data_dir=data)
    assert code == 0, err
    report = docx.Document(str(out_dir / "group.docx"))
    assert any(p.text == "Still being worked on" for p in report.paragraphs)
    assert len(list(out_dir.iterdir())) == 4

    for args in (("--group", "nobody", "--format", "you-said-we-did"),
                 ("--group", "riverside", "--format", "minutes")):
        code, out, err = cli("export", *args, data_dir=data)
        assert code == 2 and err.startswith("coprod: ")
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_second_copy_is_refused_but_reading_still_works(tmp_path):
    data = tmp_path / "data"
    assert cli("demo", data_dir=data)[0] == 0
    from coprod_tui.store import open_store

    with open_store(data):
        # A real second process: the lock is the kernel's, between processes.
        out = run_cli("demo", data_dir=data)
        assert out.returncode == 2 and "already using the data folder" in out.stderr
        code, listed, err = cli("list", "--json", data_dir=data)
        assert code == 0 and len(json.loads(listed)) == 3, err


def test_opening_a_folder_in_use_gives_the_message_not_the_app(tmp_path):
    data = tmp_path / "data"
    from coprod_tui.store import open_store

    with open_store(data):
        out = run_cli(data_dir=data)  # a child: were it not refused, the app would run
    assert out.returncode == 2 and "already using the data folder" in out.stderr


def test_export_says_which_of_the_templates_pictures_it_could_not_use(tmp_path, monkeypatch):
    import docx

    data = tmp_path / "data"
    assert cli("demo", data_dir=data)[0] == 0
    sid = json.loads(cli("list", "--json", data_dir=data)[1])[0]["id"]
    pictures = tmp_path / "pics"
    pictures.mkdir()
    (pictures / "idea.png").write_bytes(b"\x89PNG broken")
    template = tmp_path / "template.toml"
    template.write_text(f'pictures = "{pictures}"\n')
    monkeypatch.setenv("COPROD_TEMPLATE", str(template))  # read when the command runs
    code, out, err = cli("export", sid[:8], "--format", "easy-read", "-o",
                         str(tmp_path / "e.docx"), data_dir=data)
    assert code == 0, err
    assert f"coprod: The picture {pictures / 'idea.png'} could not be used (it is not a " \
           "PNG file); coprod's own is used instead." in err
    assert docx.Document(str(tmp_path / "e.docx")).paragraphs  # opens, with our picture
