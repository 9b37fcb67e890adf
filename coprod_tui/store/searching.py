"""Search through the store (``Searching``, a part of ``Store``): every question
is answered by the index (``search.py`` holds the queries), after the sessions
open in this copy of coprod are summarised again, so what was just typed is found.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from . import search as _search
from .search import Filters, Match
from .summary import SessionSummary

if TYPE_CHECKING:
    from .index import SessionIndex

_T = TypeVar("_T")


class Searching:
    """Mixin for ``Store``: its search verbs."""

    if TYPE_CHECKING:
        def _index(self, read: Callable[[SessionIndex], _T]) -> _T: ...

        def _refresh_open(self) -> dict[str, SessionSummary]: ...

    def search(self, text: str, *, group_id: str | None = None, limit: int | None = None,
               marks: bool = True) -> list[Match]:
        """Ideas, decisions and actions holding every word of ``text``, best first,
        with the words in context (see search.py; ``marks``: where in it)."""
        return self.find(text, Filters(group_id=group_id), limit=limit, marks=marks)

    def find(self, text: str, filters: Filters = Filters(), *, limit: int | None = 50,
             offset: int = 0, marks: bool = True) -> list[Match]:
        """One page of records matching ``text`` in sessions ``filters`` allows."""
        self._refresh_open()
        return self._index(lambda index: _search.find(index, text, filters, limit=limit,
                                                      offset=offset, marks=marks))

    def find_page(self, text: str, filters: Filters = Filters(), *, limit: int = 50,
                  offset: int = 0) -> _search.Page:
        """``find``, with the number of hits in all."""
        self._refresh_open()
        return self._index(lambda index: _search.find_page(index, text, filters, limit=limit,
                                                           offset=offset))

    def count_found(self, text: str, filters: Filters = Filters()) -> int:
        self._refresh_open()
        return self._index(lambda index: _search.count(index, text, filters))

    def find_sessions(self, text: str = "", filters: Filters = Filters(), *,
                      limit: int | None = 50, offset: int = 0) -> list[SessionSummary]:
        """One page of sessions ``filters`` allows whose title or records hold every
        word of ``text``, latest first."""
        self._refresh_open()
        return self._index(lambda index: _search.sessions(index, text, filters, limit=limit,
                                                          offset=offset))

    def find_sessions_page(self, text: str = "", filters: Filters = Filters(), *,
                           limit: int = 50, offset: int = 0
                           ) -> tuple[list[SessionSummary], int]:
        """``find_sessions``, with the number of sessions in all."""
        self._refresh_open()
        return self._index(lambda index: _search.sessions_page(index, text, filters,
                                                               limit=limit, offset=offset))

    def count_found_sessions(self, text: str = "", filters: Filters = Filters()) -> int:
        self._refresh_open()
        return self._index(lambda index: _search.count_sessions(index, text, filters))
