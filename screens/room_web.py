"""``coprod room --web``: the room view in a web browser, through textual-serve.

A browser window is often the easiest full-screen window on a projector. Each
browser that opens the page gets its own ``coprod room`` process (textual-serve
runs one per connection), drawing the same view into the page; like the room
view in a terminal it reads the hand-over file and writes nothing.

It listens on 127.0.0.1 only, unless ``--host`` names another address; then it
says, before it starts, that the room view shows the session to anyone who can
reach that address. It lives with the screens (it imports textual-serve), and is
imported only by ``coprod room --web``.
"""

from __future__ import annotations

import errno
import ipaddress
import shlex
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coprod_tui.errors import CoprodError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8150


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    """An address as it goes into a URL (an IPv6 address in brackets)."""
    host = host.strip("[]")
    return f"[{host}]" if ":" in host else host


def room_command(root: Path) -> str:
    """The shell command textual-serve runs for each browser: this Python, this folder."""
    return shlex.join([sys.executable, "-m", "coprod_tui", "--data-dir", str(root), "room"])


def check_port(host: str, port: int) -> None:
    """A plain sentence now if the port is taken (rather than a traceback later)."""
    try:
        family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host.strip("[]"), port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise CoprodError(f"Port {port} is already in use on {host}; choose another "
                              "with --port.") from None
        if exc.errno == errno.EACCES:
            raise CoprodError(f"This computer does not let coprod use port {port}; choose "
                              "one above 1024 with --port.") from None
        raise CoprodError(f"Cannot serve on {host}: {(exc.strerror or 'refused').lower()}. "
                          "Check the address given with --host.") from None


def serve(root: Path, *, host: str | None, port: int | None,
          say: Callable[..., None]) -> int:
    port = DEFAULT_PORT if port is None else port
    if not 0 < port < 65536:
        raise CoprodError("--port must be a number from 1 to 65535.")
    chosen = host is not None
    host = (host or DEFAULT_HOST).strip()
    if not host:
        raise CoprodError("--host needs an address, such as 127.0.0.1.")
    if chosen and not is_loopback(host):
        say(f"Warning: the room view will be served on {host}. It shows the session (what "
            "is said, and the names of those who agreed to be named) to anyone who can reach "
            "that address. Stop it with Ctrl+C when the meeting ends.", err=True)
    check_port(host, port)
    from textual_serve.server import Server

    class RoomServer(Server):
        """textual-serve, saying what coprod needs said and no more."""

        def initialize_logging(self) -> None:
            # textual-serve logs with the values of variables in a traceback; those
            # could hold what was said in the meeting. Warnings only, no values.
            import logging

            logging.basicConfig(level="WARNING", format="coprod room --web: %(message)s")

        async def on_startup(self, app: Any) -> None:
            """Nothing: textual-serve's logo and banner say more than a room needs."""

        def serve(self, debug: bool = False) -> None:
            # textual-serve's own serve(), but saying where the room view is only once
            # aiohttp listens (its print hook runs after the sockets are bound; startup
            # runs before, and a browser opened at once would be refused).
            import asyncio
            import signal

            from aiohttp import web

            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            for number in (signal.SIGINT, signal.SIGTERM):
                try:
                    loop.add_signal_handler(number, self.request_exit)
                except NotImplementedError:  # pragma: no cover - not on Linux
                    pass
            web.run_app(self._make_app(), host=self.host, port=self.port,
                        handle_signals=False, loop=loop, print=lambda *_: say(
                            f"The room view is at {self.public_url} - open it in a web "
                            "browser (full screen: F11). Ctrl+C stops it."))

        async def handle_index(self, request: Any) -> Any:
            if host is not None and not is_loopback(host):  # chosen
                # Served to other machines: the page's own address is the one they used.
                self.public_url = f"http://{request.host}"
            return await super().handle_index(request)

    server = RoomServer(room_command(root), host=host, port=port, title="coprod room view",
                        public_url=f"http://{url_host(host)}:{port}")
    try:
        server.serve()
    except OSError as exc:  # the port taken between the check and now
        raise CoprodError(f"Cannot serve on {host} port {port}: "
                          f"{(exc.strerror or 'refused').lower()}; choose another with "
                          "--port.") from None
    return 0
