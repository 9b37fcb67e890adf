"""Shared helpers for the reliability suite (issue 8).

The suite runs short by default (CI) and in full with ``--torture``; every
random choice is seeded, so a failure names the seed that repeats it.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from coprod_tui.store import atomic
from tests.ui.helpers import until

from . import budget


def pytest_configure(config: pytest.Config) -> None:
    budget.TORTURE = bool(config.getoption("--torture", default=False))


def hypothesis_settings(quick: int, full: int) -> settings:
    """Few examples by default, many with --torture; never a deadline (CI is slow)."""
    return settings(max_examples=budget.scaled(quick, full), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large,
                                           HealthCheck.large_base_example])


def every_file(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def folder_bytes(folder: Path) -> bytes:
    """Every byte of every file under ``folder``, names included."""
    return b"\n".join(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes()
                      for p in every_file(folder))


def modes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): stat.S_IMODE(p.lstat().st_mode)
            for p in [folder, *folder.rglob("*")]}


def session_json(data_dir: Path, session_id: str) -> dict:
    return json.loads((data_dir / "sessions" / f"{session_id}.json").read_text("utf-8"))


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".coprod-tmp")]


ROOT = Path(__file__).resolve().parents[2]


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("COPROD_DATA_DIR", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


class RealApp:
    """The real ``coprod`` command in a pseudo-terminal, as a facilitator runs it.

    Its output is read continuously (a full terminal buffer would stall it).
    """

    def __init__(self, data_dir: Path, *, env: dict[str, str] | None = None,
                 cwd: Path | None = None, size: tuple[int, int] = (80, 24),
                 args: tuple[str, ...] = ()) -> None:
        import fcntl
        import pty
        import struct
        import subprocess
        import sys
        import termios
        import threading

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        full_env = {**child_env(), "TERM": "xterm-256color", "COLUMNS": str(size[0]),
                    "LINES": str(size[1]), **(env or {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "coprod_tui", "--data-dir", str(data_dir), *args],
            stdin=slave, stdout=slave, stderr=slave, env=full_env,
            cwd=cwd or ROOT, start_new_session=True)
        os.close(slave)
        self.screen = bytearray()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.screen += chunk

    def wait_for(self, text: bytes, timeout: float = 30) -> bool:
        import time

        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if text in self.screen:
                return True
            if self.process.poll() is not None:
                return text in self.screen
            time.sleep(0.05)
        return False

    def ready(self, text: bytes, timeout: float = 30) -> bool:
        """Wait for ``text`` on screen, then until the app stops drawing: keys typed
        before the app listens to the terminal are lost. (It listens before it first
        draws; the quiet moment, not a fixed second, is what keeps this safe on a busy
        machine.)"""
        found = self.wait_for(text, timeout)
        self.settled()
        return found

    def settled(self, quiet: float = 0.25, timeout: float = 10) -> None:
        """Wait until nothing new has been drawn for ``quiet`` seconds."""
        import time

        end = time.monotonic() + timeout
        size, since = len(self.screen), time.monotonic()
        while time.monotonic() < end and self.process.poll() is None:
            time.sleep(0.05)
            if len(self.screen) != size:
                size, since = len(self.screen), time.monotonic()
            elif time.monotonic() - since >= quiet:
                return

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def quit(self, timeout: float = 30) -> tuple[int, str]:
        if self.process.poll() is None:
            self.type(b"\x11")  # ctrl+q
        try:
            self.process.wait(timeout=timeout)
        except Exception:
            self.process.kill()
            raise
        return self.finish()

    def finish(self) -> tuple[int, str]:
        """The exit code, and everything written to the terminal (Textual draws on
        stderr, so error messages are in there too)."""
        code = self.process.wait(timeout=30)
        self._reader.join(timeout=5)
        try:
            os.close(self.master)
        except OSError:
            pass
        return code, self.screen.decode("utf-8", "replace")


# -- a sick disk ------------------------------------------------------------------------------

class FaultyOS:
    """``os`` as atomic.py sees it, with some calls failing like a sick disk."""

    def __init__(self) -> None:
        self.failing: dict[str, int] = {}
        self.calls: dict[str, int] = {}

    def __getattr__(self, name: str):
        real = getattr(os, name)
        if not callable(real):
            return real

        def call(*args, **kwargs):
            self.calls[name] = self.calls.get(name, 0) + 1
            code = self.failing.get(name)
            if code is not None:
                raise OSError(code, os.strerror(code))
            return real(*args, **kwargs)

        return call

    def fail(self, op: str, code: int) -> None:
        self.failing[op] = code

    def clear(self) -> None:
        self.failing.clear()


@pytest.fixture
def faults(monkeypatch) -> FaultyOS:
    faulty = FaultyOS()
    monkeypatch.setattr(atomic, "os", faulty)
    return faulty


@pytest.fixture
def seconds(monkeypatch):
    """Wait for Run's once-a-second work to run again on its timers, all of it: the
    agenda clock (from memory) and the look for a room view (a lock file in the data
    folder): a vanished folder or a full disk must break neither. Only the timers'
    calls count (each also runs once as its screen is mounted). Waiting for the work
    itself, not for a length of time, holds on a machine of any speed."""
    from textual.message_pump import MessagePump

    runs = {"_tick": 0, "look_for_room": 0}
    set_interval = MessagePump.set_interval

    def counted_interval(self, interval, callback=None, **kwargs):
        name = getattr(callback, "__name__", "")
        if callback is not None and name in runs:
            run = callback

            def callback() -> None:
                runs[name] += 1
                run()
        return set_interval(self, interval, callback, **kwargs)

    monkeypatch.setattr(MessagePump, "set_interval", counted_interval)

    async def pass_(pilot, n: int = 1) -> None:
        ran = dict(runs)
        await until(pilot, lambda: all(runs[k] >= ran[k] + n for k in runs))

    return pass_
