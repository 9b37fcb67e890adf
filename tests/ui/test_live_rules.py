"""What the Run step refuses, shows literally, and recovers after a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from contextlib import asynccontextmanager
from pathlib import Path

from coprod_tui.app import CoprodApp
from coprod_tui.store import open_store
from coprod_tui.service import Service
from tests.ui.helpers import burst, screen_text, session_on_disk, type_into

ROOT = Path(__file__).resolve().parents[2]


@asynccontextmanager
async def on_run(store):
    """The app at 80×24 on Run, where r (resume, on Home) leaves the live session."""
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        yield app, pilot


def live_session(store):
    group = Service(store).groups.add_group(name="G", conduct="Be kind")
    file = Service(store).create_session(group.id, "Live one")
    file.add_agenda_item("Only item", 10)
    for name in ("Ann Lee", "Bob Stone"):
        file.mark(Service(store).groups.add_person(group.id, name=name).id, "present")
    file.start()
    return file


async def test_a_decision_without_reasons_is_refused_on_screen(store, data_dir):
    file = live_session(store)
    async with on_run(store) as (app, pilot):
        await pilot.press("ctrl+g")
        await pilot.pause()
        await type_into(pilot, "text", "Paint the hall blue")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "DecisionDialog"  # still open, text kept
        assert "A decision needs its reasons" in screen_text(app)
        assert dialog.query_one("#text").text == "Paint the hall blue"
        assert app.focused.id == "reasons"
        await type_into(pilot, "reasons", "Most people asked for it")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "LiveScreen"
    (decision,) = session_on_disk(data_dir, file.id)["decisions"]
    assert decision["reasons"] == "Most people asked for it"


async def test_markup_and_emoji_are_stored_and_shown_literally(store, data_dir):
    file = live_session(store)
    weird = "[b]oops[/ [red]x[/red] 😀 مرحبا " + "long " * 80
    async with on_run(store) as (app, pilot):
        capture = app.screen.query_one("#capture")
        capture.value = weird  # as a paste would arrive
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(app)
        assert "[b]oops[/" in shown and "[red]x[/red]" in shown and "😀 مرحبا" in shown
        assert capture.value == ""
    (idea,) = session_on_disk(data_dir, file.id)["ideas"]
    assert idea["text"] == weird.strip()


async def test_an_unknown_name_keeps_the_idea_in_the_box(store, data_dir):
    file = live_session(store)
    async with on_run(store) as (app, pilot):
        await pilot.press(*"@zed More light", "enter")
        await pilot.pause()
        assert app.screen.query_one("#capture").value == "@zed More light"
        assert "Nobody present is called 'zed'" in screen_text(app)
    assert session_on_disk(data_dir, file.id).get("ideas", []) == []


async def test_over_time_is_said_in_words(store):
    file = live_session(store)
    item = file.session.agenda[0]
    file.edit_agenda_item(item.id, spent_s=13 * 60)  # ten minutes planned
    async with on_run(store) as (app, pilot):
        await pilot.press("pagedown", "pageup")  # leave and come back to the item
        await pilot.pause()
        assert "OVER TIME by 3:0" in screen_text(app)


CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from coprod_tui.service import Service
    from coprod_tui.store import open_store
    service = Service(open_store(Path(sys.argv[1])))
    group = service.groups.add_group(name="Crash group")
    file = service.create_session(group.id, "Killed mid-way")
    file.mark(service.groups.add_person(group.id, name="Ann Lee").id, "present")
    file.start()
    n = 0
    while True:
        n += 1
        idea = file.add_idea(f"idea number {n}")
        print(idea.text, flush=True)
""")


async def test_a_killed_session_is_resumed_from_home_with_nothing_lost(data_dir):
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data_dir)],
                             stdout=subprocess.PIPE, text=True, cwd=ROOT)
    reported = []
    for line in child.stdout:
        reported.append(line.strip())
        if len(reported) == 40:
            os.kill(child.pid, signal.SIGKILL)
            break
    child.wait()
    reported += [line.strip() for line in child.stdout if line.endswith("\n")]

    with open_store(data_dir) as store:
        app = CoprodApp(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            banner = screen_text(app)
            assert "did not close properly" in banner
            assert "'Killed mid-way'" in banner and "press r to resume" in banner
            await pilot.press("r")
            await pilot.pause()
            assert type(app.screen).__name__ == "LiveScreen"
            shown = screen_text(app) + "\n"
            for text in reported:  # each whole entry, so "idea 1" is not found in "idea 10"
                assert f"IDEA · Anonymous: {text} " in shown.replace("\n", " ")


async def test_a_session_planned_for_tomorrow_is_only_started_on_todays_date(store):
    # Started early (Ctrl+S on Run), a session planned for tomorrow is asked about, and
    # can only start dated today: a meeting is never held on a day still to come (Home,
    # the history and the impact report would count it there). A past date may be kept.
    from datetime import date, timedelta

    service = Service(store)
    group = service.groups.add_group(name="G", conduct="Be kind")
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    soon = service.create_session(group.id, "Tomorrow's", date=tomorrow)
    soon.release()
    past = service.create_session(group.id, "Typed up later", date="2026-01-05")
    past.release()
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.open_session(soon.id, "live")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Start this session now?" in text and "day still to come" in text
        assert not app.screen.query("#keep")
        await pilot.press("escape")
        await pilot.pause()
        assert service.session(soon.id).session.status == "planned"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#today")
        await pilot.pause()
        started = service.session(soon.id).session
        assert (started.status, started.date) == ("live", date.today().isoformat())
        await pilot.press("ctrl+home")
        await pilot.pause()
        app.screen.open_session(past.id, "live")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.query("#keep")  # a meeting typed up later keeps its own day


async def test_a_long_record_keeps_its_latest_lines_and_a_new_idea_shows_at_once(store,
                                                                                 data_dir):
    """The live record keeps its latest FEED_LINES lines (the session's page shows them
    all): past the cap a new idea still shows at the end, and the record no longer
    grows (once a line has filled the pane's width), so it costs no layout of the
    whole screen (issue 17: typing)."""
    from textual.widgets import RichLog

    from coprod_tui.screens.live import FEED_LINES
    from tests.ui.helpers import paste

    file = live_session(store)
    for n in range(FEED_LINES + 50):
        # Now and then one as long as a line of the pane, as in any meeting.
        file.add_idea(f"Idea number {n}" + (" and a longer reason why" * 3 if n % 40 == 0
                                            else ""))
    async with on_run(store) as (app, pilot):
        log = app.screen.query_one("#record", RichLog)
        assert len(log.lines) == FEED_LINES
        assert f"Idea number {FEED_LINES + 49}" in log.lines[-1].text
        size = log.virtual_size
        await paste(pilot, "One more, at the end")
        await pilot.press("enter")
        await pilot.pause()
        assert "One more, at the end" in log.lines[-1].text
        assert len(log.lines) == FEED_LINES and log.virtual_size == size
    assert session_on_disk(data_dir, file.id)["ideas"][-1]["text"] == "One more, at the end"


async def test_entering_an_idea_lays_nothing_out_again_and_a_long_line_still_wraps(store,
                                                                                   monkeypatch):
    """An idea's Enter changes lines that still fit (the status, who the next idea is
    from): none asks Textual to lay the whole screen out again, which cost 20-40 ms
    per idea on a busy Run (issue 17). Words that need more room still get it."""
    from textual.widget import Widget

    from coprod_tui.screens.lines import show_line
    from tests.ui.helpers import paste

    file = live_session(store)
    async with on_run(store) as (app, pilot):
        await paste(pilot, "A bench by the front door")
        await pilot.pause()
        laid_out: list[str] = []
        real = Widget.refresh

        def refresh(self, *regions, **kwargs):
            if kwargs.get("layout"):
                laid_out.append(f"{type(self).__name__}#{self.id}")
            return real(self, *regions, **kwargs)

        monkeypatch.setattr(Widget, "refresh", refresh)
        await pilot.press("enter")
        await pilot.pause()
        assert [i.text for i in file.ideas()][-1] == "A bench by the front door"
        # (The agenda clock ticks on its own each second; only what the idea changes here.)
        changed_by_the_idea = {"SaveStatus#save-status", "Static#who", "Static#not-spoken"}
        assert not changed_by_the_idea & set(laid_out), laid_out
        who = app.screen.query_one("#who")
        show_line(who, "Idea from: " + "someone with a very long name " * 5)
        await pilot.pause()
        assert who.size.height > 1  # wrapped onto more lines, none cut off


async def test_the_voices_list_counts_who_was_heard_least_heard_first(store, data_dir):
    file = live_session(store)
    async with on_run(store) as (app, pilot):
        voices = app.screen.query_one("#voices")
        before = [line.split() for line in voices.lines]
        assert before == [["Name", "Heard"], ["Ann", "Lee", "0"], ["Bob", "Stone", "0"]]
        await type_into(pilot, "capture", "@Ann a ramp at the side door")
        await pilot.press("enter")
        await pilot.pause()
        after = [line.split() for line in voices.lines]
        assert after == [["Name", "Heard"], ["Bob", "Stone", "0"], ["Ann", "Lee", "1"]]
        # The counts stand in one column, whatever the width.
        assert len({len(line) for line in voices.lines}) == 1, voices.lines
        assert "Bob Stone" in screen_text(app)  # on screen, as drawn
    (idea,) = session_on_disk(data_dir, file.id)["ideas"]
    assert idea["text"] == "a ramp at the side door"


async def test_why_an_idea_was_refused_goes_once_it_is_recorded(store, data_dir):
    """Found in a terminal: "Not recorded: '@Person' could be ..." stayed beside "Saved at"
    after the idea was put right and recorded."""
    live_session(store)
    async with on_run(store) as (app, pilot):
        status = app.screen.query_one("#save-status")
        await type_into(pilot, "capture", "@Zed a ramp at the side door")
        await pilot.press("enter")
        await pilot.pause()
        assert "Not recorded:" in str(status.content)
        app.screen.query_one("#capture").value = ""
        await type_into(pilot, "capture", "@Ann a ramp at the side door")
        await pilot.press("enter")
        await pilot.pause()
        assert "Saved at " in str(status.content)
        assert "Not recorded" not in str(status.content)


async def test_the_footer_always_shows_the_keys_that_work_now(store):
    """The footer is rebuilt only when its keys change (Textual's rebuilds at each move
    of the focus); after each step of a walk it shows exactly the keys the screen has."""
    from textual.widgets._footer import FooterKey

    live_session(store)
    app = CoprodApp(store)

    def shown() -> set[str]:
        return {key.key for key in app.screen.query(FooterKey)}

    def working() -> set[str]:  # as Textual's footer chooses: one key per action shown
        first: dict[str, str] = {}
        for _, binding, _, _ in app.screen.active_bindings.values():
            if binding.show:
                first.setdefault(binding.action, binding.key)
        return {*first.values(), app.COMMAND_PALETTE_BINDING}

    async with app.run_test(size=(120, 30)) as pilot:
        for keys in ((), ("r",), ("tab",), ("tab",), ("f2",), ("tab",), ("tab",), ("f6",),
                     ("ctrl+g",), ("escape",), ("ctrl+home",)):
            await pilot.press(*keys)
            await pilot.pause()
            await pilot.pause()
            if app.screen.query("Footer"):  # (a dialog has its keys on its buttons)
                assert shown() == working(), (keys, type(app.screen).__name__)
        assert type(app.screen).__name__ == "HomeScreen" and "n" in shown()


async def test_ideas_typed_in_one_burst_are_recorded_one_by_one(store, data_dir):
    """Keys that arrive all at once (a text expander, a remote keyboard, tmux): each
    Enter records what was typed before it, not what came after (found in a terminal:
    three ideas ran together into one)."""
    file = live_session(store)
    async with on_run(store) as (app, pilot):
        await burst(pilot, "@Ann a ramp\r@Bob braille signs\rmore benches\r")
        assert app.screen.query_one("#capture").value == ""
    ideas = session_on_disk(data_dir, file.id)["ideas"]
    assert [i["text"] for i in ideas] == ["a ramp", "braille signs", "more benches"]


async def test_comment_cards_typed_in_one_burst_are_recorded_one_by_one(store, data_dir):
    file = live_session(store)
    async with on_run(store) as (app, pilot):
        app.screen.action_cards()
        await pilot.pause()
        app.screen.query_one("#card").focus()
        await burst(pilot, "4 good\r2 too hot\r")
        assert app.screen.query_one("#card").value == ""
    cards = session_on_disk(data_dir, file.id)["feedback"]
    assert [(c["level"], c["comment"]) for c in cards] == [(4, "good"), (2, "too hot")]


async def test_a_form_filled_in_one_burst_puts_each_answer_in_its_box(store, data_dir):
    """Found in a terminal: "Put a ramp at the side door", Tab, "Wheelchair users cannot
    get in now" sent at once all went into the first box."""
    live_session(store)
    async with on_run(store) as (app, pilot):
        await pilot.press("ctrl+g")
        await pilot.pause()
        await burst(pilot, "Put a ramp at the side door\tWheelchair users cannot get in")
        dialog = app.screen
        assert dialog.query_one("#text").text == "Put a ramp at the side door"
        assert dialog.query_one("#reasons").text == "Wheelchair users cannot get in"


async def test_words_typed_right_after_a_key_that_opens_a_dialog_go_into_it(store, data_dir):
    """Found in a terminal: Ctrl+G then "Fit a hearing loop", Tab, the reasons, sent at
    once: the words went nowhere (typed while the dialog was on its way)."""
    live_session(store)
    async with on_run(store) as (app, pilot):
        await burst(pilot, "a ramp\x07Fit a hearing loop\tTwo people asked for it")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "DecisionDialog"
        assert dialog.query_one("#text").text == "Fit a hearing loop"
        assert dialog.query_one("#reasons").text == "Two people asked for it"
        assert app.screen_stack[-2].query_one("#capture").value == "a ramp"
