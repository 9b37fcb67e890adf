"""The easy read's screens: plain words at Close (longest first), the check before
sharing on Share (fix there, or share anyway) and the group's glossary; with
snapshots of these screens at 80×24."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from textual.widgets import Input, OptionList, TextArea

from coprod_tui.app import CoprodApp
from coprod_tui.demo import add_demo
from coprod_tui.screens.easy_read_check import EasyReadCheckScreen
from coprod_tui.screens.glossary import GlossaryScreen
from coprod_tui.screens.plain_words import PlainWordsDialog
from coprod_tui.service import Service
from tests.ui.helpers import ScreensAskedFor, palette_settled, said, screen_text
from tests.ui.tour import enter_opens

#: The app's garbage collection after each screen is shown is skipped (tests/conftest.py).

SIZE = (80, 24)
LONG = ("The short-term assessment unit should send the Teams link to families a week "
        "before, so that everyone who wants to join the meeting can join it.")


@pytest.fixture
def demo(store, monkeypatch):
    """The demo, its latest session with two records back to as they were typed: a
    long idea full of jargon and a short job."""
    add_demo(Service(store))
    monkeypatch.setattr("coprod_tui.screens.share.documents_dir",
                        lambda: Path("/home/facilitator/Documents/coprod"))
    sid = store.summaries()[0].id
    file = store.session(sid)
    idea = file.rows("ideas")[1]
    action = file.rows("actions")[0]
    with file.batch():
        file.put("ideas", idea.replace(text=LONG, plain=""))
        file.put("actions", action.replace(plain=""))
    return sid, idea.id, action.id


async def _open_latest(pilot, step: str = "close") -> None:
    """A step of the latest session (closed: Enter opens it to read, and F7 or F8 there
    opens the step over it), opened from Home: the read-only view is not drawn first."""
    await pilot.pause()
    pilot.app.screen.open_session(enter_opens(pilot), step)
    await pilot.pause()


def _steady(app) -> None:
    for box in app.screen.query("Input, TextArea"):
        box.cursor_blink = False


async def test_closing_says_what_lacks_plain_words_and_ctrl_y_walks_them_longest_first(
        store, demo):
    """One app run: the session closed at Close says how many records lack plain words;
    Ctrl+Y then walks them, the longest first (with plain words typed but not saved,
    quitting asks first)."""
    sid, idea_id, action_id = demo
    file = store.session(sid)
    file.put_session(file.session.replace(status="live", closed_at=None))
    before = len(store.snapshot(sid).corrections)
    app = CoprodApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_latest(pilot)  # running now: Close as F7 on Run leaves it
        await closing_a_session_says_how_many_records_lack_plain_words(pilot)
        await pilot.press("ctrl+y")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PlainWordsDialog)
        text = screen_text(app)
        assert "(1 of 2, the longest first; Ctrl+N skips it)" in text and LONG[:40] in text
        await plain_words_typed_but_not_saved_make_quit_ask(pilot)
        box = dialog.query_one("#plain", TextArea)
        box.text = ("The unit sends families the link to the video call.\nIt sends it a "
                    "week before the meeting, so everyone who wants to can join in.")
        await pilot.pause()
        measure = screen_text(app)
        assert "2 sentences; the longest has 16 words. Try to keep each one to 15." in measure
        box.text = "The unit sends families the link to the video call.\nIt sends it a week before."
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "(2 of 2, the longest first; Ctrl+N skips it)" in screen_text(app)
        await pilot.press("ctrl+n")  # skip the job
        await pilot.pause()
        assert not isinstance(app.screen, PlainWordsDialog)
        assert "Plain words saved for 1 record." in said(app)
    data = store.snapshot(sid)
    idea = next(i for i in data.ideas if i.id == idea_id)
    assert idea.plain == ("The unit sends families the link to the video call.\n"
                          "It sends it a week before.")
    assert idea.text == LONG
    assert next(a for a in data.actions if a.id == action_id).plain == ""
    assert len(data.corrections) == before  # not a correction of what was said


async def closing_a_session_says_how_many_records_lack_plain_words(pilot):
    app = pilot.app
    await pilot.press("ctrl+f")
    await pilot.pause()
    await pilot.click("#close")  # closing asks first (issue 13)
    await pilot.pause()
    assert not app._notifications  # said on the step, not over it (issue 14)
    assert "The session is closed." in said(app)
    assert ("2 records have no plain words for the easy read yet. Ctrl+Y goes through "
            "them, the longest first.") in said(app)


async def plain_words_typed_but_not_saved_make_quit_ask(pilot):
    app = pilot.app
    app.screen.query_one("#plain", TextArea).text = "Families get the link early."
    await pilot.pause()
    await pilot.press("ctrl+q")
    await pilot.pause()
    assert type(app.screen).__name__ == "QuitDialog"
    assert "Families get the link early." in screen_text(app)
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, PlainWordsDialog)
    assert app.screen.query_one("#plain", TextArea).text == "Families get the link early."


# -- snapshots of the new screens -----------------------------------------------------------

def test_snapshot_plain_words_dialog(store, demo, snap_compare):
    async def run_before(pilot) -> None:
        await _open_latest(pilot)
        await pilot.press("ctrl+y")
        await pilot.pause()
        _steady(pilot.app)
        await pilot.pause()
    assert snap_compare(CoprodApp(store), terminal_size=SIZE, run_before=run_before)


def test_snapshot_check_before_sharing(store, demo, snap_compare):
    async def run_before(pilot) -> None:
        await _open_latest(pilot, "share")
        pilot.app.screen.query_one("#formats", OptionList).focus()
        pilot.app.screen.query_one("#formats", OptionList).highlighted = 1
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    assert snap_compare(CoprodApp(store), terminal_size=SIZE, run_before=run_before)


def test_snapshot_glossary(store, demo, snap_compare):
    group_id = store.snapshot(demo[0]).group.id

    async def run_before(pilot) -> None:
        pilot.app.push_screen(GlossaryScreen(group_id))
        await pilot.pause()
    assert snap_compare(CoprodApp(store), terminal_size=SIZE, run_before=run_before)


async def palette(pilot, words: str) -> None:
    """Choose a command from the palette, its words pasted rather than typed."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    pilot.app.screen.query_one(Input).value = words
    await palette_settled(pilot)
    await pilot.press("enter")
    await pilot.pause()


async def palette_asks_for(pilot, words: str) -> list[str]:
    """The screens a command chosen from the palette asks for (not drawn here: each is
    drawn, for real, by the snapshot tour and by the test below)."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    pilot.app.screen.query_one(Input).value = words
    await palette_settled(pilot)
    with ScreensAskedFor(pilot.app) as asked:
        await pilot.press("enter")
        await pilot.pause()
    return asked.names


async def test_the_easy_read_screens_are_in_the_command_palette(store, demo, tmp_path):
    """One app run: the glossary from Home's palette (and what it does there), then
    plain words and the glossary from a session's palette and the check from Share's;
    then Share checks the easy read before writing it (fix it there, then share)."""
    service = Service(store)
    group_id = store.snapshot(demo[0]).group.id
    service.groups.set_glossary_word(group_id, "respite", "Care that gives a family "
                                     "carer a break, for a few hours or a few nights away")
    service.groups.set_glossary_word(group_id, "rota", "Who works when")
    app = CoprodApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await palette(pilot, "Glossary")  # from Home: the highlighted group's
        assert isinstance(app.screen, GlossaryScreen)
        assert app.screen.group_id == group_id
        await a_meaning_cut_short_in_the_glossary_is_shown_whole(pilot)
        await the_glossary_screen_adds_a_word_for_the_group(pilot, group_id)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # the latest session, to read
        await pilot.pause()
        assert await palette_asks_for(pilot, "Plain words for the easy read") == [
            "PlainWordsDialog"]
        assert await palette_asks_for(pilot, "Glossary") == ["GlossaryScreen"]
        await pilot.press("f8")
        await pilot.pause()
        await palette(pilot, "Check the easy read")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EasyReadCheckScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ShareScreen"
        await share_checks_the_easy_read_fix_it_there_then_share(pilot, tmp_path / "out")


async def share_checks_the_easy_read_fix_it_there_then_share(pilot, out):
    app = pilot.app
    app.screen.query_one("#folder", Input).value = str(out)
    formats = app.screen.query_one("#formats", OptionList)
    formats.focus()
    formats.highlighted = 1  # Easy read minutes
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, EasyReadCheckScreen)
    text = screen_text(app)
    findings = [str(o.prompt) for o in app.screen.query_one("#findings").options]
    assert "6 things are worth fixing first." in text
    assert findings[0].startswith("Plain words: Idea 2 has no plain words yet")
    assert findings[1].startswith("Plain words: Job 1 has no plain words yet")
    assert any(f.startswith("Long sentence: Idea 2: a sentence of 26 words")
               for f in findings)
    assert any("‘short-term’ is jargon; you could say ‘for a short time’" in f
               for f in findings)
    assert any("‘Teams link’ is jargon; you could say ‘the link to join the video call’"
               in f for f in findings)
    assert not out.exists()  # nothing written yet
    await pilot.press("enter")  # fix the first: the idea's plain words
    await pilot.pause()
    assert isinstance(app.screen, PlainWordsDialog)
    app.screen.query_one("#plain", TextArea).text = "Families get the video link early."
    await pilot.press("ctrl+s")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, EasyReadCheckScreen)  # checked again
    assert "1 thing is worth fixing first." in screen_text(app)
    await pilot.press("ctrl+s")  # share anyway
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert "Written to:" in screen_text(app)
    (written,) = out.glob("*.docx")
    lines = [p.text.lstrip("\t") for p in docx.Document(str(written)).paragraphs]
    assert "Families get the video link early." in lines and LONG not in lines


async def a_meaning_cut_short_in_the_glossary_is_shown_whole(pilot):
    # The table cuts a meaning at 38 characters ("…"); the highlighted one is whole
    # under it, and a short one is not repeated.
    app = pilot.app
    table = app.screen.query_one("#words")
    whole = app.screen.query_one("#words-in-full")
    words = [str(table.get_row_at(n)[0]) for n in range(table.row_count)]
    table.move_cursor(row=words.index("respite"))
    await pilot.pause()
    assert whole.display and str(whole.content) == (
        "What it means: Care that gives a family carer a break, for a few hours or a "
        "few nights away")
    table.move_cursor(row=words.index("rota"))
    await pilot.pause()
    assert not whole.display


async def the_glossary_screen_adds_a_word_for_the_group(pilot, group_id):
    app = pilot.app
    text = screen_text(app)
    assert "key worker" in text and "co-production" in text  # the group's and ours
    await pilot.press("a")
    await pilot.pause()
    app.screen.query_one("#word", Input).value = "care plan"
    app.screen.query_one("#meaning", TextArea).text = "A plan of the help you get."
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, GlossaryScreen)
    assert "A plan of the help you get." in screen_text(app)
    # A word every group has: Delete leaves it; Enter gives the group its own.
    table = app.screen.query_one("#words")
    row = next(n for n, (entry, _) in enumerate(app.screen._rows)
               if entry.word == "agenda")
    table.move_cursor(row=row)
    await pilot.press("delete")
    await pilot.pause()
    assert "is in every group's glossary" in " ".join(
        str(n.message) for n in app._notifications)
    await pilot.press("enter")
    await pilot.pause()
    app.screen.query_one("#meaning", TextArea).text = "What we will talk about."
    await pilot.press("ctrl+s")
    await pilot.pause()
    words = {g.word: g.meaning for g in Service(app.store).groups.group(group_id).glossary}
    assert words["care plan"] == "A plan of the help you get."
    assert words["agenda"] == "What we will talk about."
