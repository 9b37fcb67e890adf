"""``coprod room`` as a user runs it: beside the real app, in two terminals (issue 15)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from coprod_tui.service import Service
from coprod_tui.store import open_store
from tests.conftest import run_cli
from tests.reliability.edges import cli
from tests.reliability.conftest import ROOT, RealApp, child_env

F6 = b"\x1b[17~"
F9 = b"\x1b[20~"


@pytest.fixture
def folder(data_dir):
    with open_store(data_dir) as store:
        service = Service(store)
        group = service.groups.add_group(name="Bus group", conduct="One at a time")
        session = service.create_session(group.id, "Transport to the day centre",
                                         purpose="Shape the new bus service")
        session.add_agenda_item("Getting there on time", 20)
        maya = service.groups.add_person(group.id, name="Maya Okafor", role="carer")
        session.mark(maya.id, "present")
    return data_dir


def test_the_room_view_beside_the_real_app_in_two_terminals(folder):
    app = RealApp(folder)
    room = None
    try:
        assert app.ready(b"Bus group"), app.screen[-3000:]
        room = RealApp(folder, args=("room",))
        assert room.wait_for(b"Waiting for the facilitator")  # the app is at Home
        app.type(b"\r")  # the planned session opens at Plan
        assert room.wait_for(b"Shape the new bus service", timeout=10)
        assert app.wait_for(b"Room view open", timeout=10)  # the app sees the room
        app.type(F6)
        assert app.wait_for(b"Ctrl+S starts it", timeout=10)  # looking starts nothing
        app.type(b"\x13")  # Ctrl+S: today is its day, so it starts without asking
        assert room.wait_for(b"Item 1 of 1: Getting there on time", timeout=10)
        app.type(b"Ask Maya Okafor about the stop\r")
        assert room.wait_for(b"Ask Carer 1 about the stop", timeout=10)
        app.type(F9)
        assert room.wait_for(b"The screen is paused", timeout=10)
        app.type(F9)
        assert room.wait_for(b"Ask Carer 1 about the stop", timeout=10)
        seen = len(room.screen)
        code, _ = app.quit()
        assert code == 0
        assert drawn_after(room, seen, b"Waiting for the facilitator")
        assert b"Maya" not in room.screen
        code, shown = room.quit()
        assert code == 0 and "Traceback" not in shown
    finally:
        for one in (app, room):
            if one is not None and one.process.poll() is None:
                one.process.kill()


def drawn_after(terminal: RealApp, seen: int, text: bytes, timeout: float = 10) -> bool:
    """``text`` drawn on the terminal after its first ``seen`` bytes."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if text in terminal.screen[seen:]:
            return True
        time.sleep(0.05)
    return False


def test_room_needs_a_data_folder_and_keeps_web_options_for_web(tmp_path, folder):
    # Refused before anything starts, so run in this process (tests/reliability/edges.py).
    code, _, err = cli("room", data_dir=tmp_path / "none")
    assert code == 2 and "There is no coprod data" in err
    assert not (tmp_path / "none").exists()  # never made, as for list
    code, _, err = cli("room", "--port", "9000", data_dir=folder)
    assert code == 2 and "--port and --host go with --web" in err
    code, _, err = cli("room", "--web", "--port", "70000", data_dir=folder)
    assert code == 2 and "from 1 to 65535" in err


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_port_in_use_is_said_plainly(folder):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("room", "--web", "--port", str(port), data_dir=folder)
    assert result.returncode == 2
    assert f"Port {port} is already in use on 127.0.0.1; choose another with --port." \
        in result.stderr
    assert "Traceback" not in result.stderr


def start_web(folder, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "coprod_tui", "--data-dir", str(folder), "room", "--web",
         *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env(),
        cwd=ROOT, start_new_session=True)


def stop_web(server: subprocess.Popen[str]) -> None:
    """The server and the room views it started (its own process group)."""
    try:
        os.killpg(server.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    server.wait(timeout=30)


def test_another_address_is_served_only_with_host_and_a_warning(folder):
    port = free_port()
    server = start_web(folder, "--port", str(port))
    try:
        line = server.stdout.readline()
        assert line.startswith(f"The room view is at http://127.0.0.1:{port} ")
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
    finally:
        stop_web(server)
    assert "Warning" not in server.stderr.read()
    port = free_port()
    server = start_web(folder, "--port", str(port), "--host", "0.0.0.0")
    try:
        warning = server.stderr.readline()
        assert warning.startswith("Warning: the room view will be served on 0.0.0.0.")
        assert "anyone who can reach that address" in warning
        assert server.stdout.readline().startswith("The room view is at")
    finally:
        stop_web(server)


def test_a_room_view_in_a_browser_ends_when_the_browser_leaves_as_it_starts(folder):
    """textual-serve's room process told to quit between two resizes (a browser tab
    closed as the page opens) ends, rather than staying busy for ever (Textual 8.2.8
    can keep resizing the screen while it closes; ``RoomApp.on_exit_app``)."""
    with open_store(folder) as store:
        service = Service(store)
        session_id = service.summaries()[0].id
        service.session(session_id).start(first_item=True)
        service.room.follow(session_id, "live")  # the Run page, with its clock
    env = dict(child_env(), TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver",
               TEXTUAL_FPS="60", TEXTUAL_COLOR_SYSTEM="truecolor", TERM_PROGRAM="textual",
               COLUMNS="142", ROWS="32")  # what textual-serve gives each room process
    room = subprocess.Popen([sys.executable, "-m", "coprod_tui", "--data-dir", str(folder),
                             "room"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT)
    try:
        for meta in ({"type": "resize", "width": 142, "height": 32},
                     {"type": "resize", "width": 142, "height": 33}, {"type": "quit"}):
            packet = json.dumps(meta).encode()
            room.stdin.write(b"M" + len(packet).to_bytes(4, "big") + packet)
            room.stdin.flush()
        assert room.wait(timeout=20) == 0
        assert b"Traceback" not in room.stderr.read()
    finally:
        if room.poll() is None:
            room.kill()
            room.wait()
