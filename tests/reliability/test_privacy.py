"""Personal data stays private (issue 8, part 6).

Export file names stay inside the chosen folder whatever a title holds; the
data folder is 0700 and every file 0600 (backups, set-aside copies and temp
files mid-write included); no name reaches an error message, a crash report or
a log file; ``coprod forget`` leaves no byte of a person anywhere in the data
folder; and Word documents name no one who did not consent, anywhere in the
package.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import stat
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, strategies as st

from coprod_tui import placing
from coprod_tui.app import CoprodApp
from coprod_tui.demo import add_demo
from coprod_tui.errors import NotFound
from coprod_tui.exports.formats import FORMATS, GROUP_FORMATS, export_group, export_session, render
from coprod_tui.filenames import safe_stem
from coprod_tui.model import NextMeeting
from coprod_tui.store import atomic, fileformat, open_store
from coprod_tui.templates import default_wording
from coprod_tui.service import Service

from .conftest import RealApp, folder_bytes, hypothesis_settings, modes
from .edges import cli
from .test_hostile_text import hostile_text

WORDING = default_wording()

# -- export file names ---------------------------------------------------------------------------

HOSTILE_TITLES = [
    "../../x", "/etc/passwd", "..", ".", "....", "CON", "con", "nul.txt", "NUL", "COM1",
    "LPT9.txt", "aux.docx", "a/b\\c:d*?<>|\"'", "   .hidden", "trailing dots...",
    "x" * 1000, "漢" * 300, "𝒜" * 300, "😀" * 200, "\x00\x1b[31mred\x07", "\u202eexe.docx",
    "\r\nnew\nlines\t", "[b]markup[/b]", "~/home", "$HOME", "%APPDATA%", "-rf", "--help",
]


def check_name(path: Path, out: Path, title: str) -> None:
    assert path.parent == out.resolve(), (title, path)
    name = path.name
    assert len(name.encode("utf-8")) <= 255, (title, name)
    assert not re.search(r"[\x00-\x1f\x7f/\\:*?\"<>|\u202e]", name), (title, name)
    assert not name.startswith((".", "-", " ")) and not name.endswith((" ", ".")), (title, name)
    assert path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600, (title, path)


def test_hostile_titles_make_sane_file_names_inside_the_folder(tmp_path, monkeypatch):
    # What is tested is the file's name and place, which come from the title and the
    # format, not from the document's bytes: each format is rendered once, and every
    # export places those bytes (choosing, cutting and numbering the name for real).
    # Documents of hostile titles are read back in test_hostile_text
    # (test_a_session_full_of_hostile_text_round_trips_and_exports) and test_exports
    # (test_hostile_titles_stay_inside_the_folder, the control-character tests).
    from coprod_tui.exports import formats

    rendered: dict[str, bytes] = {}
    real_render, real_render_group = formats.render, formats.render_group

    def render_once(data, fmt, wording, **kwargs):
        if fmt not in rendered:
            rendered[fmt] = real_render(data, fmt, wording, **kwargs)
        return rendered[fmt]

    def render_group_once(group, sessions, fmt, wording, **kwargs):
        if "group " + fmt not in rendered:
            rendered["group " + fmt] = real_render_group(group, sessions, fmt, wording, **kwargs)
        return rendered["group " + fmt]

    monkeypatch.setattr(formats, "render", render_once)
    monkeypatch.setattr(formats, "render_group", render_group_once)
    for n, title in enumerate(HOSTILE_TITLES):
        title = title[:200]  # the longest a group's name may be
        place = tmp_path / f"title{n}"  # a data folder each ("CON" and "con" are one group)
        place.mkdir()
        out = place / "out"
        out.mkdir()
        with open_store(place / "data") as store:
            group = Service(store).groups.add_group(name=title)
            file = Service(store).create_session(group.id, title, date="2026-02-03")
            file.start()
            around = sorted(place.iterdir())
            for fmt in FORMATS:
                for _ in range(2):  # the second time, "(2)" is added: never overwritten
                    path = export_session(Service(store), file.id, fmt, out, wording=WORDING)
                    check_name(path, out, title)
                    assert path.name.startswith("2026-02-03"), (title, path.name)
            check_name(export_group(Service(store), group.id, "you-said-we-did", out,
                                    wording=WORDING), out, title)
        assert sorted(place.iterdir()) == around, title  # nothing written beside the folder
        assert len(list(out.iterdir())) == 2 * len(FORMATS) + 1, title


def test_safe_stem_for_any_text():
    reserved = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                *(f"lpt{i}" for i in range(1, 10))}

    @hypothesis_settings(quick=300, full=5000)
    @given(text=st.one_of(hostile_text, st.text(), st.sampled_from(HOSTILE_TITLES)))
    def run(text):
        stem = safe_stem(text)
        assert stem and stem not in (".", "..")
        assert len(stem.encode("utf-8")) <= 150
        assert not re.search(r"[\x00-\x1f\x7f-\x9f/\\:*?\"<>|.]", stem)
        assert stem == stem.strip(" -")
        assert stem.casefold() not in reserved  # (and no dot, so no "nul.txt")

    run()


# -- folder and file modes ---------------------------------------------------------------------------

def test_folder_0700_files_0600_everywhere_even_with_a_permissive_umask(tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    seen_temp_modes: list[tuple[str, int, int]] = []
    real_write = os.write

    class Watching:
        """atomic.py's os, pausing at each write to look at the temp file."""

        def __getattr__(self, name):
            return getattr(os, name)

        @staticmethod
        def write(fd, data):
            path = os.readlink(f"/proc/self/fd/{fd}")
            # Caught mid-write: the file exists under its temp name, not yet renamed.
            seen_temp_modes.append((path, stat.S_IMODE(os.fstat(fd).st_mode),
                                    stat.S_IMODE(os.lstat(path).st_mode)))
            return real_write(fd, data)

    old_umask = os.umask(0)
    try:
        monkeypatch.setattr(atomic, "os", Watching())
        monkeypatch.setattr(placing, "os", Watching())  # exports' own temp files
        with open_store(data_dir) as store:
            add_demo(Service(store))
            group = store.groups.groups()[0]
            Service(store).groups.update_group(group.id, purpose="Changed")  # backups/ gets a copy
            sid = store.summaries()[0].id
            export_session(Service(store), sid, "minutes", tmp_path, wording=WORDING)
            export_session(Service(store), sid, "json", tmp_path, wording=WORDING)
        (data_dir / "sessions" / "stray.json").write_text("{ damaged")  # 0666 here
        # An older schema is upgraded, with a copy of the original in backups/.
        now = fileformat.SCHEMA_VERSION
        monkeypatch.setattr(fileformat, "SCHEMA_VERSION", now + 1)
        monkeypatch.setitem(fileformat.MIGRATIONS, now, lambda kind, tables: tables)
        with open_store(data_dir) as store:
            assert any("stray.json" in p for p in store.problems)
            for summary in store.summaries():
                store.session(summary.id)
            Service(store).forget("Maya Okafor")
    finally:
        os.umask(old_umask)
    assert seen_temp_modes and all(p.endswith(".coprod-tmp") for p, _, _ in seen_temp_modes
                                   if "/data/" in p)
    assert any(".coprod-export-" in p for p, _, _ in seen_temp_modes)
    assert {(m1, m2) for _, m1, m2 in seen_temp_modes} == {(0o600, 0o600)}
    found = modes(data_dir)
    assert any(name.startswith("set-aside/") for name in found)
    assert any(name.startswith("backups/") and f"schema{now}" in name for name in found)
    assert any(name == "backups/groups.previous.json" for name in found)
    for name, mode in found.items():
        path = data_dir / name if name != "." else data_dir
        expected = 0o700 if path.is_dir() else 0o600
        assert mode == expected, (name, oct(mode))
    for export in tmp_path.glob("*.*"):
        if export.is_file():
            assert stat.S_IMODE(export.stat().st_mode) == 0o600, export


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_the_index_and_every_file_sqlite_makes_beside_it_are_0600(tmp_path, umask):
    """The index holds ideas and titles; SQLite's log (WAL) and its shared index
    beside it hold copies of its pages."""
    data_dir = tmp_path / "data"
    old_umask = os.umask(umask)
    try:
        with open_store(data_dir) as store:
            add_demo(Service(store))
            assert stat.S_IMODE((data_dir / "index.sqlite3").stat().st_mode) == 0o600
            with pytest.raises(RuntimeError):
                with store.index.writing() as conn:  # mid-update: the log is there
                    conn.execute("UPDATE records SET body = body || ' (edited)'")
                    side = sorted(p.name for p in data_dir.glob("index.sqlite3*"))
                    assert side == ["index.sqlite3", "index.sqlite3-shm",
                                    "index.sqlite3-wal"]
                    for name in side:
                        assert stat.S_IMODE((data_dir / name).stat().st_mode) == 0o600, name
                    raise RuntimeError("stop here")
            store.rebuild_index()  # as forget does: a new file in its place
            store.search("garden")  # sorting happens in memory: no temp file anywhere
        assert not list(data_dir.glob("index.sqlite3-*"))
        for name, mode in modes(data_dir).items():
            path = data_dir / name if name != "." else data_dir
            assert mode == (0o700 if path.is_dir() else 0o600), (name, oct(mode))
    finally:
        os.umask(old_umask)


# -- no personal data in messages, crash reports or logs ---------------------------------------------

SECRET = "Zoë Quillfeather"
CONTACT = "zoe.quillfeather@example.org"


@pytest.fixture
def secret_folder(tmp_path) -> Path:
    data_dir = tmp_path / "data"
    with open_store(data_dir) as store:
        add_demo(Service(store))
        group = store.groups.groups()[0]
        for _ in range(2):  # two people of the same name: forget must ask which
            Service(store).groups.add_person(group.id, name=SECRET, contact=CONTACT, role="carer")
        file = Service(store).create_session(group.id, "Private meeting")
        file.start()
        zoe = next(p for p in store.groups.people().values() if p.name == SECRET)
        file.mark(zoe.id, "present")
        file.add_idea(f"{SECRET} asked for a hearing loop", raised_by="person",
                      person_id=zoe.id)
    return data_dir


def test_command_line_failures_name_no_one(secret_folder, tmp_path):
    data = secret_folder
    listed = json.loads(cli("list", "--json", data_dir=data)[1])
    session_id = next(s["id"] for s in listed if s["title"] == "Private meeting")
    bundle = tmp_path / "backup.json"
    assert cli("export", session_id, "--format", "json", "-o", str(bundle),
               data_dir=data)[0] == 0
    newer = json.loads(bundle.read_text())
    newer["schema"] = 99
    (tmp_path / "newer.json").write_text(json.dumps(newer))
    broken = bundle.read_text()[:-40]
    (tmp_path / "broken.json").write_text(broken)
    linkless = json.loads(bundle.read_text())
    linkless["people"] = []
    (tmp_path / "linkless.json").write_text(json.dumps(linkless))
    (data / "sessions" / "0123.json").write_text(broken)  # a damaged file to report
    cases = [
        ("forget", SECRET, "--yes"),  # two people of that name
        ("forget", "Nobody Here", "--yes"),
        ("forget", "zoe", "--yes"),
        ("export", "nosuchsession", "--format", "minutes"),
        ("export", session_id, "--format", "minutes", "-o", str(tmp_path / "no" / "x.docx")),
        ("import", str(bundle)),  # already here
        ("import", str(tmp_path / "newer.json")),
        ("import", str(tmp_path / "broken.json")),
        ("import", str(tmp_path / "linkless.json")),
        ("search", SECRET, "--group", "no such group"),
        ("export", "--group", "Riverside", "--format", "minutes"),
    ]
    seen = []
    for args in cases:  # in this process: any exception but SystemExit fails the test
        code, out, err = cli(*args, data_dir=data)
        seen.append(err)
        assert code == 2, (args, err)
        assert "Traceback" not in err, (args, err)
    for stderr in seen:
        for secret in (SECRET, "Zoë", "Quillfeather", CONTACT, "hearing loop"):
            assert secret not in stderr, (secret, stderr)
    assert any("0123.json" in s for s in seen)  # the damaged file was named, its content not


async def test_a_crash_report_shows_no_values(secret_folder, capsys):
    """Textual prints a crash with every variable's value by default: not here."""
    with open_store(secret_folder) as store:
        app = CoprodApp(store)
        with pytest.raises(RuntimeError, match="simulated fault"):
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()

                def handler_with_personal_data_in_scope():
                    person = next(p for p in store.groups.people().values()
                                  if p.name == SECRET)
                    contact = person.contact  # noqa: F841 (in scope on purpose)
                    raise RuntimeError("simulated fault")

                app.call_later(handler_with_personal_data_in_scope)
                await pilot.pause()
        report = capsys.readouterr().err
    assert "simulated fault" in report and "handler_with_personal_data" in report
    for secret in (SECRET, "Quillfeather", CONTACT):
        assert secret not in report


def test_the_real_app_writes_no_log_or_stray_file(secret_folder, tmp_path):
    """Run coprod as a user would, in a clean home: nothing is written outside the
    data folder (no Textual log, no crash dump), and the name goes nowhere else."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TEXTUAL") and k != "COPROD_DEBUG"}
    env.update(HOME=str(home), TMPDIR=str(home / "tmp"), XDG_CONFIG_HOME=str(home / "cfg"),
               XDG_CACHE_HOME=str(home / "cache"), XDG_DATA_HOME=str(home / "share"),
               XDG_STATE_HOME=str(home / "state"),
               # Textual would log every typed character here; coprod does not let it.
               TEXTUAL_LOG=str(home / "textual.log"))
    (home / "tmp").mkdir()
    app = RealApp(secret_folder, env=env, cwd=home)
    try:
        assert app.ready(b"Riverside")
        app.type(b"g")  # a new group, named after the person
        assert app.wait_for(b"Name of the group")
        app.settled()
        app.type(f"Friends of {SECRET}".encode())
        app.settled()
        app.type(b"\x13")
        assert app.wait_for(b"Friends of")
        code, shown = app.quit()
    finally:
        if app.process.poll() is None:
            app.process.kill()
    assert code == 0
    strays = [p for p in home.rglob("*") if p.is_file()]
    assert strays == [], strays
    with open_store(secret_folder) as store:
        assert f"Friends of {SECRET}" in [g.name for g in store.groups.groups()]


# -- forget: every byte of the folder ------------------------------------------------------------

NAME = "Zoë Ångström-Quill"


def forms_of(text: str) -> list[bytes]:
    """The ways a name can sit in a file: as typed, in any case, JSON-escaped."""
    escaped = json.dumps(text)[1:-1]
    return sorted({text.encode(), text.casefold().encode(), text.upper().encode(),
                   escaped.encode(), escaped.lower().encode(), escaped.upper().encode(),
                   escaped.replace("\\u", "\\U").encode()}, key=len)


def test_forget_leaves_no_byte_of_the_person_anywhere(tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    with open_store(data_dir) as store:
        add_demo(Service(store))
        group = store.groups.groups()[0]
        zoe = Service(store).groups.add_person(group.id, name=NAME, role="carer", organisation="Quill Trust",
                                      contact="zoe.quill@example.org",
                                      support_needs=["bsl"], support_other="Needs a hoist",
                                      consent_to_be_named=True)
        ann = Service(store).groups.add_person(group.id, name="Ann Other", contact=f"c/o {NAME}",
                                      organisation="Riverside")
        Service(store).groups.update_group(group.id, purpose=group.purpose + f" Started by {NAME}.")
        Service(store).groups.amend_conduct(group.id, "Be kind\nListen", note=f"Asked by {NAME}")
        file = Service(store).create_session(group.id, f"Review with {NAME}", venue=f"{NAME}'s house",
                                    facilitator=NAME.upper(), purpose=f"{NAME.lower()} leads")
        file.start()
        file.add_agenda_item(f"{NAME} reports", 10)
        file.tick("pre", "accessible_venue", True, note=f"Checked by {NAME}")
        for person in (zoe, ann):
            file.mark(person.id, "present")
            file.agree_conduct(person.id, version=2)
            file.raise_hand(person.id)
        file.next_speaker()
        file.record_turn(zoe.id, "point_of_order")
        idea = file.add_idea(f"As {NAME} said, ramps", raised_by="person", person_id=zoe.id)
        other_idea = file.add_idea("Longer breaks", raised_by="person", person_id=ann.id)
        d = file.add_decision("Build ramps", f"{NAME} and others asked", method="most",
                              differing_views=f"{NAME.casefold()} wanted lifts",
                              idea_ids=[idea.id, other_idea.id])
        a = file.add_action("Ask estates", owner_person_id=zoe.id, source_kind="decision",
                            source_id=d.id)
        b = file.add_action("Tell the group", owner=f"{NAME} and Ann")
        file.add_feedback(4, f"I am {NAME} and I was heard", person_id=zoe.id)
        file.set_audit(1, ["yes"], evidence=f"{NAME} spoke first", will_change="")
        # The room view showed her (she agreed to be named then): its hand-over file too.
        Service(store).room.follow(file.id, "live")
        assert NAME.encode() in (data_dir / "room.json").read_bytes()
        file.close(NextMeeting(venue="Hall", note=f"{NAME} brings cake"))
        # Corrections after closing: old values, notes, and links that held her id.
        file.correct("idea", idea.id, text="Ramps at both doors", note=f"{NAME} asked to reword")
        file.correct("idea", other_idea.id, person_id=zoe.id, note="wrong person")
        file.correct("action", a.id, owner_person_id=ann.id)
        file.set_attendance(zoe.id, consent_to_be_named=False)
        file.set_action_status(b.id, "done", outcome=f"Told by {NAME}")
        sid = file.id
        file.release()
        store.search("ramps")
    # A damaged session (set aside), with the name raw and JSON-escaped.
    raw = (data_dir / "sessions" / f"{sid}.json").read_bytes()
    (data_dir / "sessions" / "0badc0de.json").write_bytes(
        raw[:-30] + json.dumps(NAME).encode() + NAME.encode())
    # The index holds her name too (titles and ideas, and the full-text index's
    # segments); a damaged copy of it is set aside with the name in it.
    index = data_dir / "index.sqlite3"
    assert NAME.encode() in index.read_bytes()
    (data_dir / "set-aside").mkdir(mode=0o700, exist_ok=True)
    shutil.copyfile(index, data_dir / "set-aside" / "index.sqlite3.20260101-000000")
    index.write_bytes(index.read_bytes()[:-4096])  # cut short: made again on opening
    # An upgrade, which keeps a copy of each file as it was in backups/ (the files
    # are one schema newer from here on, so the patch stays for the rest of the test).
    now = fileformat.SCHEMA_VERSION
    monkeypatch.setattr(fileformat, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(fileformat.MIGRATIONS, now, lambda kind, tables: tables)
    with open_store(data_dir) as store:
        assert len(store.problems) == 1  # the damaged session, set aside
        for summary in store.summaries():
            store.session(summary.id)
        counts = {s.id: (s.ideas, s.decisions, s.actions) for s in store.summaries()}
    everything = folder_bytes(data_dir)
    assert all(form in everything for form in (NAME.encode(), b"Needs a hoist",
                                              json.dumps(NAME).encode()[1:-1]))
    assert any(p.name.endswith(f"schema{now}.json") for p in (data_dir / "backups").iterdir())
    assert len(list((data_dir / "set-aside").iterdir())) == 3

    damaged = {p: p.read_bytes() for p in (data_dir / "set-aside").iterdir()}

    with open_store(data_dir) as store:
        report = Service(store).forget(NAME.lower())
        assert store.problems == []
    assert any("their name removed" in line for line in report.lines)

    # The files coprod cannot parse (the cut-short session, the index copies) are never
    # rewritten byte by byte: each is listed, for the user to delete or repair.
    for path, raw in damaged.items():
        assert path.read_bytes() == raw
        assert any(str(path.relative_to(data_dir)) in line and "holds their name" in line
                   for line in report.unreadable), path
        path.unlink()
    everything = folder_bytes(data_dir)
    # The index was made again from the cleaned sessions: updating it in place would
    # leave the name in freed pages and in the full-text index's old segments.
    assert index.stat().st_size > 0 and b"Ramps at both doors" in index.read_bytes()
    assert not list(data_dir.glob("index.sqlite3-*"))
    for word in ("zoë", "ångström"):  # the words of her name as the full-text index keeps them
        assert word.encode() not in index.read_bytes(), word
    for form in [*forms_of(NAME), *forms_of("zoe.quill@example.org"), zoe.id.encode(),
                 b"Needs a hoist"]:
        assert form not in everything, form
    # Everyone and everything else is still there, intact.
    with open_store(data_dir) as store:
        assert store.problems == []
        assert {s.id: (s.ideas, s.decisions, s.actions) for s in store.summaries()} == counts
        assert "Ann Other" in {p.name for p in store.groups.people().values()}
        assert "Maya Okafor" in {p.name for p in store.groups.people().values()}
        data = store.snapshot(sid)
        assert {a.person_id for a in data.attendance if not a.forgotten} == {ann.id}
        (kept,) = [a for a in data.attendance if a.forgotten]  # she came: still counted
        assert (kept.support_needs, kept.support_other, kept.organisation) == ([], "", "")
        assert data.session.status == "closed" and data.session.facilitator == "[name removed]"
        assert [i.text for i in data.ideas] == ["Ramps at both doors", "Longer breaks"]
        assert data.ideas[0].raised_by == "removed" and data.ideas[1].person_id is None
        assert store.search("ramps")
        for summary in store.summaries():
            for fmt in ("minutes", "json"):
                render(store.snapshot(summary.id), fmt, WORDING)
        # Forgetting again finds no one, in a plain sentence.
        with pytest.raises(NotFound, match="No one with that name"):
            Service(store).forget(NAME)


def test_forgetting_a_short_name_touches_only_that_name(store, data_dir):
    group = Service(store).groups.add_group(name="Education forum", purpose="Credit and debt")
    ed = Service(store).groups.add_person(group.id, name="Ed")
    dee = Service(store).groups.add_person(group.id, name="Dee")  # hex letters: ids hold "dee"
    file = Service(store).create_session(group.id, "Education and credit", venue="Shed")
    file.start()
    for person in (ed, dee):
        file.mark(person.id, "present")
    file.add_idea("Ed wants more education; ED agreed. Edward disagreed.",
                  raised_by="person", person_id=ed.id)
    file.add_decision("Proceed", "Ed said so", method="consensus")
    file.close()
    sid = file.id
    file.release()
    before_ids = {p.id for p in store.groups.people().values()} - {ed.id}
    Service(store).forget("Ed")
    store.close()
    with open_store(data_dir) as again:
        assert again.problems == []
        data = again.snapshot(sid)
        assert data.session.status == "closed" and data.session.title == "Education and credit"
        assert data.session.venue == "Shed"
        assert data.ideas[0].text == ("[name removed] wants more education; [name removed] "
                                      "agreed. Edward disagreed.")
        assert data.decisions[0].reasons == "[name removed] said so"
        assert {p.id for p in again.groups.people().values()} == before_ids
        # Ed still came, counted as someone unnamed: not a link to anyone.
        assert {a.person_id for a in data.attendance if not a.forgotten} == {dee.id}
        assert [a.forgotten for a in data.attendance].count(True) == 1
        assert again.groups.groups()[0].name == "Education forum"


# -- Word documents name no one who did not consent ---------------------------------------------------

HIDDEN = "Séan O'Neill-Brady"
HIDDEN_ORG = "Brady Carers Collective"
HIDDEN_CONTACT = "07700 900123"


def package_bytes(payload: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(payload)) as z:
        names = z.namelist()
        for name in names:
            assert not name.startswith(("customXml", "word/comments")), name
        return b"\n".join(name.encode() + b"\0" + z.read(name) for name in names)


def hidden_forms() -> list[bytes]:
    forms = []
    for text in (HIDDEN, "Séan", "O'Neill", "Brady", HIDDEN_ORG, HIDDEN_CONTACT):
        forms += [text.encode(), escape(text, {"'": "&apos;", '"': "&quot;"}).encode(),
                  text.encode("ascii", "xmlcharrefreplace"),
                  text.encode("ascii", "xmlcharrefreplace").replace(b"&#233;", b"&#xe9;"),
                  text.encode("utf-16-le")]
    return forms


def test_no_word_document_names_someone_who_did_not_consent(store, tmp_path):
    group = Service(store).groups.add_group(name="Consent group", organisation="Riverside", conduct="Be kind")
    named = Service(store).groups.add_person(group.id, name="Maya Named", role="uses_services",
                                    consent_to_be_named=True)
    hidden = Service(store).groups.add_person(group.id, name=HIDDEN, role="carer", organisation=HIDDEN_ORG,
                                     contact=HIDDEN_CONTACT, support_needs=["bsl"],
                                     support_other="Hidden support note",
                                     consent_to_be_named=False)
    snapshots = []
    for n in range(2):
        file = Service(store).create_session(group.id, f"Meeting {n}", facilitator="Pat Facilitator")
        file.start()
        item = file.add_agenda_item("Ideas", 10)
        file.go_to_item(item.id)
        for person in (named, hidden):
            file.mark(person.id, "present")
            file.agree_conduct(person.id, version=1)
            file.raise_hand(person.id)
        file.next_speaker()
        file.next_speaker()
        file.record_turn(hidden.id, "point_of_order")
        file.set_attendance(hidden.id, late=True, left_at="2026-01-01T12:00:00+00:00")
        idea = file.add_idea("Quieter rooms", raised_by="person", person_id=hidden.id)
        file.add_idea("More light", raised_by="person", person_id=named.id)
        d = file.add_decision("Make a quiet room", "Asked for", idea_ids=[idea.id])
        a = file.add_action("Find a room", owner_person_id=hidden.id, source_kind="idea",
                            source_id=idea.id)
        file.add_action("Book it", owner_person_id=named.id, source_kind="decision",
                        source_id=d.id)
        file.add_feedback(4, "Heard at last", person_id=hidden.id)
        file.add_feedback(3, "Good", person_id=named.id)
        file.set_audit(1, ["yes"], evidence="Everyone spoke")
        file.close(NextMeeting(venue="Hall"))
        file.correct("idea", idea.id, person_id=named.id, note="wrong person")
        file.correct("idea", idea.id, person_id=hidden.id, note="right person after all")
        file.set_attendance(hidden.id, role="family")  # a correction of their attendance
        file.set_action_status(a.id, "done", outcome="Room found")
        snapshots.append(store.snapshot(file.id))
    payloads = {}
    for n, data in enumerate(snapshots):
        for fmt in ("minutes", "easy-read", "you-said-we-did"):
            payloads[f"{fmt} {n}"] = render(data, fmt, WORDING)
    for fmt in GROUP_FORMATS:
        path = export_group(Service(store), group.name, fmt, tmp_path, wording=WORDING)
        payloads[f"group {fmt}"] = path.read_bytes()
    for what, payload in payloads.items():
        raw = package_bytes(payload)
        for form in hidden_forms():
            assert form not in raw, (what, form)
        for form in (hidden.id.encode(), b"Hidden support note", b"BSL"):
            assert form not in raw, (what, form)
        if what.startswith(("minutes", "easy-read")):
            assert b"Maya Named" in raw, what  # the one who consented is named
