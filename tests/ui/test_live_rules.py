"""What the Run step refuses, shows literally, and recovers after a crash.

The checks on Run share one app run (each used to start its own app and draw Run
again): each is a function below, named for what it shows, and says its case in its
assertion messages where the same words could fail in more than one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from contextlib import asynccontextmanager
from datetime import date, timedelta
from pathlib import Path

from coprod_tui.app import CoprodApp
from coprod_tui.screens.typed_ahead import KeyTypedAhead
from coprod_tui.store import open_store
from coprod_tui.service import Service
from tests.ui.helpers import burst, paste, screen_text, session_on_disk, type_into

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


async def test_run_refuses_shows_literally_and_records_keys_as_they_came(store, data_dir,
                                                                        monkeypatch):
    """One app on Run, one check after another (each leaves Run's box empty); the
    last opens Run again on a long record."""
    file = live_session(store)
    file.edit_agenda_item(file.session.agenda[0].id, spent_s=13 * 60)  # ten minutes planned
    tomorrow, past = planned_besides(store, file.session.group_id)
    async with on_run(store) as (app, pilot):
        await over_time_is_said_in_words(pilot)
        await entering_an_idea_lays_nothing_out_again_and_a_long_line_still_wraps(
            pilot, file, monkeypatch)
        await markup_and_emoji_are_stored_and_shown_literally(pilot, data_dir, file.id)
        await an_unknown_name_keeps_the_idea_in_the_box_until_it_is_put_right(pilot, data_dir,
                                                                             file.id)
        await ideas_typed_in_one_burst_are_recorded_one_by_one(pilot, data_dir, file.id)
        await a_decision_dialog_takes_keys_sent_at_once_and_refuses_one_without_reasons(
            pilot, data_dir, file.id)
        await comment_cards_typed_in_one_burst_are_recorded_one_by_one(pilot, data_dir,
                                                                       file.id)
        await the_footer_always_shows_the_keys_that_work_now(pilot)
        await a_session_planned_for_tomorrow_is_only_started_on_todays_date(pilot, tomorrow,
                                                                            past)
        await typing_on_while_the_start_question_is_up_is_kept_and_enter_does_not_answer(
            pilot)
        await a_long_record_keeps_its_latest_lines_and_a_new_idea_shows_at_once(pilot, data_dir,
                                                                                file)


async def typing_on_while_the_start_question_is_up_is_kept_and_enter_does_not_answer(pilot):
    """The first idea of a session planned for another day asks whether to start it.
    A facilitator watching the room types on: what they type is kept and said, an
    Enter that ends it (or came before the question) does not answer it, quitting
    asks about it, and once the question is answered it is back in the box, after a
    space where it goes on from text still there."""
    app = pilot.app
    service = Service(app.store)
    later = service.create_session(
        service.groups.groups()[0].id, "In two days",
        date=(date.today() + timedelta(days=2)).isoformat())
    later.release()
    await pilot.press("ctrl+home")
    await pilot.pause()
    app.screen.open_session(later.id, "live")
    await pilot.pause()
    capture = app.screen.query_one("#capture")

    async def asked(said: str) -> None:
        assert type(app.screen).__name__ == "ConfirmDialog", "the question was answered"
        text = " ".join(screen_text(app).split())
        assert said in text and "Enter did not answer" in text, text
        assert service.session(later.id).session.status == "planned"

    # All in one burst (a text expander): the keys after the first Enter, already on
    # their way to the box, go to the question; neither Enter answers it, nor asks again.
    await burst(pilot, "Ramps at the door\rand a bell\rIt is too heavy!\r")
    await asked("You typed \u201cand a bell It is too heavy!\u201d while this question")
    assert [type(s).__name__ for s in app.screen_stack].count("ConfirmDialog") == 1, \
        "asked twice"
    await pilot.press("backspace", "backspace")  # the Enter, then the "!"
    await pilot.press("enter")  # it ends that typing again: still no answer
    await pilot.pause()
    await asked("You typed \u201cand a bell It is too heavy\u201d while this question")
    await pilot.press("ctrl+q")  # quitting asks, naming it
    await pilot.pause()
    assert "Typed while a question was open: and a bell It is too heavy" in screen_text(app)
    await pilot.press("escape")  # stay
    await pilot.pause()
    # Cancelled, with keys typed just after Escape: what was kept follows the idea
    # still in the box and is not entered again (the question would only come back);
    # the keys after Escape follow it in order, and their own Enter asks again.
    await burst(pilot, "\x1b and more\r")
    await pilot.pause()
    assert type(app.screen).__name__ == "ConfirmDialog"
    assert capture.value == "Ramps at the door and a bell It is too heavy and more"
    assert service.session(later.id).session.status == "planned"
    await pilot.press("escape")
    await pilot.pause()
    assert type(app.screen).__name__ == "LiveScreen"
    # An Enter pressed twice, the second before the question is on screen: still in
    # the box's queue, or held by the app while the question was on its way.
    capture.value = "Ramps at the door"
    await burst(pilot, "\r\r")
    await asked("")
    app.post_message(KeyTypedAhead("enter", "\r"))
    await pilot.pause()
    await asked("")
    # Typed on: an entry and the start of another; then a button chosen (Tab) and
    # Enter, with keys typed just after it: the question is answered, and all of it
    # goes on in the box, in order, the entry entered again.
    await pilot.press(*"beta", "enter", *"Ne", "tab", "shift+tab")
    await pilot.pause()
    assert type(app.screen).__name__ == "ConfirmDialog"
    assert "You typed \u201cbeta Ne\u201d" in " ".join(screen_text(app).split())
    await burst(pilot, "\rxt")
    await pilot.pause()
    assert type(app.screen).__name__ == "LiveScreen" and app.focused is capture
    file = service.session(later.id)
    assert file.session.status == "live" and file.session.date == date.today().isoformat()
    assert [i.text for i in file.ideas()] == ["Ramps at the door", "beta"]
    assert capture.value == "Next"
    capture.value = ""


async def a_long_record_keeps_its_latest_lines_and_a_new_idea_shows_at_once(pilot, data_dir,
                                                                            file):
    """The live record keeps its latest FEED_LINES lines (the session's page shows them
    all): past the cap a new idea still shows at the end, and the record no longer
    grows (once a line has filled the pane's width), so it costs no layout of the
    whole screen (issue 17: typing)."""
    from textual.widgets import RichLog

    from coprod_tui.screens.live import FEED_LINES

    app = pilot.app
    with app.store.session(file.id).batch():  # one write: the record's size is tested here
        for n in range(FEED_LINES + 50):
            # Now and then one as long as a line of the pane, as in any meeting.
            file.add_idea(f"Idea number {n}" + (" and a longer reason why" * 3 if n % 40 == 0
                                                else ""))
    await pilot.press("ctrl+home")
    await pilot.pause()
    app.screen.open_session(file.id, "live")
    await pilot.pause()
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


async def over_time_is_said_in_words(pilot):
    await pilot.press("pagedown", "pageup")  # leave and come back to the item
    await pilot.pause()
    assert "OVER TIME by 3:0" in screen_text(pilot.app)


async def entering_an_idea_lays_nothing_out_again_and_a_long_line_still_wraps(pilot, file,
                                                                             monkeypatch):
    """An idea's Enter changes lines that still fit (the status, who the next idea is
    from): none asks Textual to lay the whole screen out again, which cost 20-40 ms
    per idea on a busy Run (issue 17). Words that need more room still get it."""
    from textual.widget import Widget

    from coprod_tui.screens.lines import show_line

    await paste(pilot, "A bench by the front door")
    await pilot.pause()
    laid_out: list[str] = []
    real = Widget.refresh

    def refresh(self, *regions, **kwargs):
        if kwargs.get("layout"):
            laid_out.append(f"{type(self).__name__}#{self.id}")
        return real(self, *regions, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(Widget, "refresh", refresh)
        await pilot.press("enter")
        await pilot.pause()
    assert [i.text for i in file.ideas()][-1] == "A bench by the front door"
    # (The agenda clock ticks on its own each second; only what the idea changes here.)
    changed_by_the_idea = {"SaveStatus#save-status", "Static#who", "Static#not-spoken"}
    assert not changed_by_the_idea & set(laid_out), laid_out
    who = pilot.app.screen.query_one("#who")
    show_line(who, "Idea from: " + "someone with a very long name " * 5)
    await pilot.pause()
    assert who.size.height > 1  # wrapped onto more lines, none cut off


async def markup_and_emoji_are_stored_and_shown_literally(pilot, data_dir, session_id):
    weird = "[b]oops[/ [red]x[/red] 😀 مرحبا " + "long " * 80
    capture = pilot.app.screen.query_one("#capture")
    capture.value = weird  # as a paste would arrive
    await pilot.press("enter")
    await pilot.pause()
    shown = screen_text(pilot.app)
    assert "[b]oops[/" in shown and "[red]x[/red]" in shown and "😀 مرحبا" in shown
    assert capture.value == ""
    texts = [i["text"] for i in session_on_disk(data_dir, session_id)["ideas"]]
    assert texts[-1] == weird.strip() and texts.count(weird.strip()) == 1  # written once


async def an_unknown_name_keeps_the_idea_in_the_box_until_it_is_put_right(pilot, data_dir,
                                                                         session_id):
    """Refused, the idea stays in the box and the status says why; put right and
    recorded, why it was refused goes (found in a terminal: "Not recorded: '@Person'
    could be ..." stayed beside "Saved at" after the idea was put right and recorded).
    The list of who was heard counts the idea, least heard first."""
    app = pilot.app
    status = app.screen.query_one("#save-status")
    voices = app.screen.query_one("#voices")
    ideas_before = len(session_on_disk(data_dir, session_id)["ideas"])
    before = [line.split() for line in voices.lines]
    assert before == [["Name", "Heard"], ["Ann", "Lee", "0"], ["Bob", "Stone", "0"]]
    await type_into(pilot, "capture", "@zed More light")
    await pilot.press("enter")
    await pilot.pause()
    assert app.screen.query_one("#capture").value == "@zed More light"
    assert "Nobody present is called 'zed'" in screen_text(app)
    assert "Not recorded:" in str(status.content)
    assert len(session_on_disk(data_dir, session_id)["ideas"]) == ideas_before
    app.screen.query_one("#capture").value = ""
    await type_into(pilot, "capture", "@Ann a ramp at the side door")
    await pilot.press("enter")
    await pilot.pause()
    assert "Saved at " in str(status.content)
    assert "Not recorded" not in str(status.content)
    after = [line.split() for line in voices.lines]
    assert after == [["Name", "Heard"], ["Bob", "Stone", "0"], ["Ann", "Lee", "1"]]
    # The counts stand in one column, whatever the width.
    assert len({len(line) for line in voices.lines}) == 1, voices.lines
    assert "Bob Stone" in screen_text(app)  # on screen, as drawn
    ideas = session_on_disk(data_dir, session_id)["ideas"]
    assert [i["text"] for i in ideas].count("a ramp at the side door") == 1  # written once
    assert (ideas[-1]["text"], ideas[-1]["raised_by"]) == ("a ramp at the side door", "person")


async def ideas_typed_in_one_burst_are_recorded_one_by_one(pilot, data_dir, session_id):
    """Keys that arrive all at once (a text expander, a remote keyboard, tmux): each
    Enter records what was typed before it, not what came after (found in a terminal:
    three ideas ran together into one)."""
    await burst(pilot, "@Ann a ramp\r@Bob braille signs\rmore benches\r")
    assert pilot.app.screen.query_one("#capture").value == ""
    ideas = session_on_disk(data_dir, session_id)["ideas"]
    assert [i["text"] for i in ideas[-3:]] == ["a ramp", "braille signs", "more benches"]
    assert ideas[-4]["text"] == "a ramp at the side door"  # none more


async def a_decision_dialog_takes_keys_sent_at_once_and_refuses_one_without_reasons(
        pilot, data_dir, session_id):
    app = pilot.app
    # Found in a terminal: Ctrl+G then "Fit a hearing loop", Tab, the reasons, sent at
    # once: the words went nowhere (typed while the dialog was on its way).
    await burst(pilot, "a ramp\x07Fit a hearing loop\tTwo people asked for it")
    await pilot.pause()
    assert not app.holding_input  # the keys held while it opened all handed on
    dialog = app.screen
    assert type(dialog).__name__ == "DecisionDialog"
    text, reasons = dialog.query_one("#text"), dialog.query_one("#reasons")
    assert text.text == "Fit a hearing loop", "typed while the dialog was on its way"
    assert reasons.text == "Two people asked for it", "typed while the dialog was on its way"
    run = app.screen_stack[-2]
    assert run.query_one("#capture").value == "a ramp"
    # Found in a terminal: "Put a ramp at the side door", Tab, "Wheelchair users cannot
    # get in now" sent at once to the open dialog all went into the first box.
    text.text = reasons.text = ""
    text.focus()
    await pilot.pause()
    await burst(pilot, "Put a ramp at the side door\tWheelchair users cannot get in")
    assert text.text == "Put a ramp at the side door", "sent at once to the open dialog"
    assert reasons.text == "Wheelchair users cannot get in", "sent at once to the open dialog"
    # A decision without reasons is refused on screen, its words kept.
    reasons.text = ""
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert app.screen is dialog  # still open, text kept
    assert "A decision needs its reasons" in screen_text(app)
    assert text.text == "Put a ramp at the side door"
    assert app.focused.id == "reasons"
    await type_into(pilot, "reasons", "Most people asked for it")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert app.screen is run
    decision = session_on_disk(data_dir, session_id)["decisions"][-1]
    assert (decision["text"], decision["reasons"]) == ("Put a ramp at the side door",
                                                       "Most people asked for it")
    run.query_one("#capture").value = ""  # the idea typed before Ctrl+G, not entered


async def comment_cards_typed_in_one_burst_are_recorded_one_by_one(pilot, data_dir,
                                                                   session_id):
    app = pilot.app
    app.screen.action_cards()
    await pilot.pause()
    app.screen.query_one("#card").focus()
    await burst(pilot, "4 good\r2 too hot\r")
    assert app.screen.query_one("#card").value == ""
    cards = session_on_disk(data_dir, session_id)["feedback"]
    assert [(c["level"], c["comment"]) for c in cards] == [(4, "good"), (2, "too hot")]
    await pilot.press("escape")
    await pilot.pause()
    assert type(app.screen).__name__ == "LiveScreen"


async def the_footer_always_shows_the_keys_that_work_now(pilot):
    """The footer is drawn again only when its keys change (Textual's was rebuilt at
    each move of the focus); after each step of a walk (from Run, where the checks before left
    it, to Home) it shows exactly the keys the screen has."""
    from coprod_tui.screens.widgets import SteadyFooter

    app = pilot.app

    def shown() -> set[str]:
        return {entry.key for entry in app.screen.query_one(SteadyFooter).keys or ()}

    def working() -> set[str]:  # as Textual's footer chooses: one key per action shown
        first: dict[str, str] = {}
        for _, binding, _, _ in app.screen.active_bindings.values():
            if binding.show:
                first.setdefault(binding.action, binding.key)
        return {*first.values(), app.COMMAND_PALETTE_BINDING}

    for keys in ((), ("tab",), ("tab",), ("f2",), ("tab",), ("tab",), ("f6",), ("ctrl+g",),
                 ("escape",), ("ctrl+home",)):
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.pause()
        if app.screen.query(SteadyFooter):  # (a dialog has its keys on its buttons)
            assert shown() == working(), (keys, type(app.screen).__name__)
    assert type(app.screen).__name__ == "HomeScreen" and "n" in shown()


def planned_besides(store, group_id):
    """A session planned for tomorrow and one typed up later (dated in the past),
    beside the running one."""
    service = Service(store)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    soon = service.create_session(group_id, "Tomorrow's", date=tomorrow)
    soon.release()
    past = service.create_session(group_id, "Typed up later", date="2026-01-05")
    past.release()
    return soon.id, past.id


async def a_session_planned_for_tomorrow_is_only_started_on_todays_date(pilot, soon, past):
    # Started early (Ctrl+S on Run), a session planned for tomorrow is asked about, and
    # can only start dated today: a meeting is never held on a day still to come (Home,
    # the history and the impact report would count it there). A past date may be kept.
    app = pilot.app
    service = Service(app.store)
    assert type(app.screen).__name__ == "HomeScreen"
    app.screen.open_session(soon, "live")
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    text = " ".join(screen_text(app).split())
    assert "Start this session now?" in text and "day still to come" in text
    assert not app.screen.query("#keep")
    await pilot.press("escape")
    await pilot.pause()
    assert service.session(soon).session.status == "planned"
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.click("#today")
    await pilot.pause()
    started = service.session(soon).session
    assert (started.status, started.date) == ("live", date.today().isoformat())
    await pilot.press("ctrl+home")
    await pilot.pause()
    app.screen.open_session(past, "live")
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert app.screen.query("#keep")  # a meeting typed up later keeps its own day
