"""Typed access to the app, for every screen, dialog and widget that needs it.

``self.coprod`` is the running ``CoprodApp`` (typed, so the service and the
wording are known to a type checker); ``self.service`` is its one service, the
only way a screen reads or changes data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.app import App

    from coprod_tui.app import CoprodApp
    from coprod_tui.service import Service, SessionService


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
