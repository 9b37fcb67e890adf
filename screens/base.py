"""Typed access to the app, for every screen, dialog and widget that needs it.

``self.coprod`` is the running ``CoprodApp`` (typed, so the service and the
wording are known to a type checker); ``self.service`` is its one service, the
only way a screen reads or changes data.
"""

from __future__ import annotations

import inspect

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from textual.app import App

    from coprod_tui.app import CoprodApp
    from coprod_tui.service import Service, SessionService


def after_typing(app: App, callback: Callable[..., Any], *args: Any) -> None:
    """Run ``callback`` once the focused box has taken every key already sent to it.

    A priority key (Ctrl+S, an F-key, Ctrl+Home, Ctrl+Q) is handled as it arrives,
    ahead of keys typed just before it that still wait in the box's own queue on a
    busy machine: read then, the last words typed would be lost ("to arrange cover"
    was saved as "to arra"). ``call_later`` on the box runs after those keys; it then
    hands ``callback`` to the app, so that it never runs inside the box's own loop (a
    callback that removes the box would wait for itself). Keys typed after it wait
    meanwhile (``CoprodApp.hold_input``), for the screen it opens.
    """
    release = cast("CoprodApp", app).hold_input()  # keys typed after it wait meanwhile

    async def run() -> None:
        try:
            result = callback(*args)
            if inspect.isawaitable(result):
                await result
        finally:  # once the screen it opens is shown, with its focus
            app.call_after_refresh(release)

    focused = app.focused
    if focused is None:
        app.call_later(run)
    else:
        focused.call_later(app.call_later, run)


class AppAccess:
    """Mixin for a Screen, ModalScreen or Widget."""

    app: App  # provided by Textual

    @property
    def coprod(self) -> CoprodApp:
        return cast("CoprodApp", self.app)

    @property
    def service(self) -> Service:
        return self.coprod.service


class OfOneSession(AppAccess):
    """Mixin for a screen or dialog about one session: ``self.session`` holds its verbs."""

    session_id: str

    @property
    def session(self) -> SessionService:
        return self.service.session(self.session_id)
