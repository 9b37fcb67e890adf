"""``coprod room --web`` in a real browser: headless Chromium shows the current item.

textual-serve draws the room view with xterm.js onto a canvas, so the page's DOM
holds no text. The test reads what xterm.js holds on screen instead, through
Chromium's DevTools protocol: it finds the page's xterm ``Terminal`` among the
page's objects (``Runtime.queryObjects``) and reads each row of its buffer
(``translateToString``), which is exactly what is drawn. It also takes a PNG
screenshot (``COPROD_ROOM_SCREENSHOT=path`` keeps it: the README's picture).

Skips, saying why, only where Chromium is not installed (``.ci/run`` installs
Debian's ``chromium`` where it is missing).
"""

from __future__ import annotations

import asyncio
import base64
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from coprod_tui.service import Service
from coprod_tui.store import open_store
from tests.reliability.conftest import ROOT, child_env

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium"
                                        if os.path.exists("/usr/bin/chromium") else None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed here (.ci/run installs Debian's "
                             "chromium package where apt-get is available)")

#: Runs in the page: the xterm.js Terminal's rows as text (None until it exists).
READ_TERMINAL = """function () {
  const t = this.find(o => { try { return o && typeof o.rows === 'number' && o.buffer
      && o.buffer.active && typeof o.buffer.active.getLine === 'function'; }
      catch (e) { return false; } });
  if (!t) return null;
  const rows = [];
  for (let i = 0; i < t.rows; i++) {
    const line = t.buffer.active.getLine(i);
    rows.push(line ? line.translateToString(true) : '');
  }
  return rows;
}"""


class DevTools:
    """Just enough of the Chrome DevTools protocol, over aiohttp's websocket client."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.next_id = 0

    async def call(self, method: str, **params) -> dict:
        self.next_id += 1
        await self.ws.send_json({"id": self.next_id, "method": method, "params": params})
        while True:
            message = await self.ws.receive_json(timeout=30)
            if message.get("id") == self.next_id:
                return message

    async def terminal_rows(self) -> list[str] | None:
        proto = await self.call("Runtime.evaluate", expression="Object.prototype")
        found = proto.get("result", {}).get("result", {}).get("objectId")
        if found is None:
            return None  # the page is still loading
        objects = await self.call("Runtime.queryObjects", prototypeObjectId=found)
        every = objects.get("result", {}).get("objects", {}).get("objectId")
        if every is None:
            return None
        rows = await self.call("Runtime.callFunctionOn", objectId=every,
                               functionDeclaration=READ_TERMINAL, returnByValue=True)
        return rows.get("result", {}).get("result", {}).get("value")


async def read_room_in_browser(url: str, expected: str, timeout: float = 40
                               ) -> tuple[list[str], bytes]:
    """The rows the browser shows once ``expected`` is among them, and a screenshot."""
    import aiohttp

    profile = tempfile.mkdtemp(prefix="coprod-chromium-")
    browser = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", "--window-size=1280,720",
         "--remote-debugging-port=0", url],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        devtools_url = None
        for line in browser.stderr:
            if found := re.search(r"DevTools listening on (ws://\S+)", line):
                devtools_url = found.group(1)
                break
        assert devtools_url, "Chromium did not start its DevTools endpoint"
        port = re.search(r":(\d+)/", devtools_url).group(1)
        async with aiohttp.ClientSession() as http:
            end = time.monotonic() + timeout
            pages: list[dict] = []
            while not pages and time.monotonic() < end:
                listing = await (await http.get(f"http://127.0.0.1:{port}/json/list")).json()
                pages = [t for t in listing if t.get("type") == "page"]
                await asyncio.sleep(0.1)
            async with http.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                tools = DevTools(ws)
                rows: list[str] | None = None
                while time.monotonic() < end:
                    rows = await tools.terminal_rows()
                    if rows and any(expected in row for row in rows):
                        break
                    await asyncio.sleep(0.3)
                shot = await tools.call("Page.captureScreenshot", format="png")
                return rows or [], base64.b64decode(shot["result"]["data"])
    finally:
        os.killpg(browser.pid, signal.SIGKILL)
        browser.wait(timeout=30)
        shutil.rmtree(profile, ignore_errors=True)


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_browser_shows_the_room_view_of_the_current_item(data_dir, tmp_path):
    with open_store(data_dir) as store:
        service = Service(store)
        group = service.groups.add_group(name="Bus group", conduct="One at a time")
        maya = service.groups.add_person(group.id, name="Maya Okafor", role="carer",
                                         consent_to_be_named=True)
        sam = service.groups.add_person(group.id, name="Sam Whitfield", role="carer")
        session = service.create_session(group.id, "Transport to the day centre",
                                         date="2026-05-14", start="10:00", end="12:00")
        session.add_agenda_item("Getting there on time", 20)
        for person in (maya, sam):
            session.mark(person.id, "present")
            session.set_attendance(person.id,
                                   consent_to_be_named=person.consent_to_be_named)
        session.start(first_item=True)
        session.add_idea("Buses before 9, so nobody misses the start.", raised_by="person",
                         person_id=maya.id)
        session.add_idea("Sam Whitfield asks for a shelter at the stop.", raised_by="person",
                         person_id=sam.id)
        session.add_decision("Ask for a bus that arrives by 9:15.",
                             "Most people said the 9:45 bus makes them late.")
        session.raise_hand(sam.id)
        session.raise_hand(maya.id)
        service.room.follow(session.id, "live")  # as the app does at Run
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "coprod_tui", "--data-dir", str(data_dir), "room", "--web",
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env(), cwd=ROOT,
        start_new_session=True)  # its own group: the room views it starts go with it
    try:
        said = server.stdout.readline()
        assert said.startswith(f"The room view is at http://127.0.0.1:{port} "), said
        rows, png = asyncio.run(read_room_in_browser(f"http://127.0.0.1:{port}/",
                                                     "Getting there on time"))
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)
    shown = "\n".join(rows)
    assert "Item 1 of 1: Getting there on time" in shown, shown
    assert "Buses before 9" in shown and "IDEA 1 · Maya Okafor" in shown
    assert "Carer 1 asks for a shelter" in shown and "Sam" not in shown
    assert "Next: Carer 1, then Maya Okafor." in shown
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    keep = os.environ.get("COPROD_ROOM_SCREENSHOT")
    if keep:
        Path(keep).write_bytes(png)
