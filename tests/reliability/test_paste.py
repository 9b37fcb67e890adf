"""A paste holding escape sequences arrives whole and in order (issue 11, finding F11
of the outside attack).

``tmux paste-buffer -p`` of "Live [b]bold[/b] \\e[31mRED\\e[0m \\u202eevil\\u202c with
Sam" into a title stored "^[31mRED^[0m evil with SamLive [b]bold[/b]": Textual
8.2.8's parser read the ESC inside the paste as the start of a key sequence, sent
what followed as key presses ahead of the paste, showed ESC as ``^`` and dropped
the direction marks. The app now feeds Textual's parser a paste without its
control characters (``screens/paste.py``), which is what coprod takes out when
saving anyway (``coprod_tui/text.py``). These tests feed the parser the app's
driver really uses, byte by byte and in every split, and the real app in a terminal.
"""

from __future__ import annotations

import json
import re
import sys
import time

import pytest
from textual import constants, events
from textual._xterm_parser import XTermParser
from textual.widgets import Input, TextArea

from coprod_tui.app import CoprodApp
from coprod_tui.service import Service
from coprod_tui.text import clean_line, clean_long

from tests.ui.helpers import until

from .conftest import RealApp

START, END = "\x1b[200~", "\x1b[201~"
ATTACK = "Live [b]bold[/b] \x1b[31mRED\x1b[0m \u202eevil\u202c with Sam"
#: What coprod keeps of it: the control characters (ESC) go, as text.py says.
KEPT = "Live [b]bold[/b] [31mRED[0m \u202eevil\u202c with Sam"
PASTES = [
    ATTACK,
    "\x1b]0;a title\x07then text \x9b2J and \x1b",  # OSC, BEL, 8-bit CSI, ESC at the end
    "one\r\ntwo\tthree\x1b[1;5A\x00four",
    "\x1b" * 40 + "x",  # longer than Textual's escape-sequence search
    "emoji 👩🏽‍🦱 and مرحبا",
]


def the_apps_parser(store) -> XTermParser:
    """A parser of the class the app's real driver makes (not the headless one)."""
    driver_class = CoprodApp(store).driver_class
    return sys.modules[driver_class.__module__].XTermParser()


def parse(parser, chunks) -> list:
    found = []
    for chunk in chunks:
        found += list(parser.feed(chunk))
    return found


def described(found) -> list[tuple[str, str]]:
    return [("paste", e.text) if isinstance(e, events.Paste) else ("key", e.key)
            for e in found]


@pytest.mark.parametrize("pasted", PASTES, ids=range(len(PASTES)))
def test_the_apps_parser_reports_a_paste_whole(store, pasted):
    data = START + pasted + END
    # Every control character but tab and line breaks goes (the widgets take line
    # breaks as typed), so it saves exactly as coprod saves the original text.
    kept = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", pasted)
    assert clean_long(kept, what="x") == clean_long(pasted, what="x")
    expected = [("paste", kept)]
    fresh = type(the_apps_parser(store))  # a new parser of that class for each feed
    assert described(parse(fresh(), [data])) == expected
    # However the terminal's reads split it: one character at a time, or in two.
    assert described(parse(fresh(), list(data))) == expected
    for cut in range(1, len(data)):
        assert described(parse(fresh(), [data[:cut], data[cut:]])) == expected, cut


def test_keys_around_a_paste_stay_in_order_and_escape_is_not_held(store):
    parser = the_apps_parser(store)
    found = parse(parser, ["ab" + START[:3], START[3:] + ATTACK + END + "c"])
    assert described(found) == [("key", "a"), ("key", "b"), ("paste", KEPT), ("key", "c")]
    # Escape typed on its own after a paste still reaches the app after Textual's
    # usual short wait for more of a sequence: the paste filter holds nothing back.
    assert parse(parser, ["\x1b"]) == []
    time.sleep(constants.ESCAPE_DELAY + 0.05)
    assert described(parser.tick()) == [("key", "escape")]


def test_the_app_uses_the_paste_safe_parser_on_a_real_terminal(store):
    parser = the_apps_parser(store)
    assert type(parser).__name__ == "PasteSafeParser"


async def test_a_paste_into_a_title_and_a_long_field_is_kept_in_order(store, data_dir):
    service = Service(store)
    group = service.groups.add_group(name="Riverside")
    file = service.create_session(group.id, "x")
    file.release()
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        for field, widget_type, _clean in (("title", Input, clean_line),
                                          ("purpose", TextArea, clean_long)):
            box = app.screen.query_one(f"#{field}", widget_type)
            box.focus()
            await pilot.pause()
            for event in parse(the_apps_parser(store), [START + ATTACK + END]):
                app._driver.process_message(event)  # as the real driver does
            await pilot.pause()
            value = box.value if widget_type is Input else box.text
            assert value == KEPT, field

        def on_disk() -> dict:
            path = data_dir / "sessions" / f"{file.id}.json"
            return json.loads(path.read_text("utf-8"))["session"]["1"]

        await until(pilot, lambda: on_disk()["purpose"] == KEPT)  # saved
    assert on_disk()["title"] == KEPT
    assert on_disk()["purpose"] == KEPT


def test_a_paste_in_the_real_app_in_a_terminal(store, data_dir):
    """The real ``coprod`` in a pseudo-terminal, pasted into with the bytes a terminal
    sends for a bracketed paste."""
    service = Service(store)
    group = service.groups.add_group(name="Riverside")
    file = service.create_session(group.id, "x")
    file.release()
    store.close()
    app = RealApp(data_dir)
    try:
        assert app.ready(b"Riverside")
        app.type(b"\r")  # opens the planned session on Plan, in its title
        assert app.ready(b"Title")
        app.type((START + ATTACK + END).encode())
        assert app.wait_for(b"Saved at", timeout=15)
        code, shown = app.quit()
        assert code == 0 and "Traceback" not in shown
    finally:
        if app.process.poll() is None:
            app.process.kill()
    raw = json.loads((data_dir / "sessions" / f"{file.id}.json").read_text("utf-8"))
    assert raw["session"]["1"]["title"] == KEPT
