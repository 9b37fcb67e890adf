"""Search (issue 14): on a worker once typing pauses, every date by default, the matched
words shown in context literally, and a result opens at its record."""

from __future__ import annotations

import threading

from coprod_tui.app import CoprodApp
from coprod_tui.demo import add_demo
from coprod_tui.service import Service
from coprod_tui.service.service import Service as ServiceClass
from tests.ui.helpers import searched
from tests.ui.layout_check import screen_text


def old_session(store) -> None:
    """A session from years ago, whose idea holds markup-like text and the word."""
    service = Service(store)
    group = service.groups.add_group(name="Allotment Forum", conduct="Be kind")
    file = service.create_session(group.id, "Spring planting", date="2019-03-01")
    file.start()
    file.add_idea("Keep [b]raised planters[/b] near the gate so chairs reach them",
                  raised_by="anonymous")
    file.close()
    file.release()


async def test_a_search_runs_on_a_worker_shows_words_literally_and_opens_at_them(
        store, monkeypatch):
    """One app on Past sessions: a search runs once typing pauses, on a worker, over
    every date; the matched words are shown in context literally; opening a result
    scrolls to and marks the record."""
    add_demo(Service(store))
    old_session(store)
    calls: list[tuple[str, bool]] = []
    real_look_up = ServiceClass.look_up

    def look_up(self, flt, *args, **kwargs):
        calls.append((flt.text, threading.current_thread() is threading.main_thread()))
        return real_look_up(self, flt, *args, **kwargs)

    monkeypatch.setattr(ServiceClass, "look_up", look_up)
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await searched(pilot)
        assert app.screen.query_one("#from").value == ""  # no dates: every date
        calls.clear()
        await pilot.press(*"raised planters")  # key by key, as typed
        await searched(pilot)
        assert calls == [("raised planters", False)]  # once, and not on the UI thread
        assert "2019-03-01" in screen_text(app)  # found, though years old

        # The matched words, in context, literally.
        app.screen.query_one("#words").value = "planters"
        await searched(pilot)
        hits = app.screen.query_one("#hits")
        assert hits.row_count == 1
        cell = hits.get_row_at(0)[2]
        assert "[b]raised planters[/b] near the gate" in cell.plain  # not read as markup
        marked = {cell.plain[span.start:span.end] for span in cell.spans
                  if "reverse" in str(span.style)}
        assert marked == {"planters"}

        # A result opens at its record, scrolled to and marked.
        app.screen.query_one("#words").value = "text service"
        await searched(pilot)
        hits = app.screen.query_one("#hits")
        assert hits.row_count >= 1
        hits.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SessionViewScreen"
        view = app.screen.query_one("#view")
        assert view.scroll_y > 0  # not left at the top of the session
        shown = screen_text(app)
        marked_lines = [line for line in shown.splitlines() if "▶ " in line]
        assert marked_lines and "text service" in " ".join(shown.split()), shown


async def test_a_list_shown_again_unchanged_is_not_drawn_again():
    """Typing a word further often finds the same sessions: the list keeps its rows
    (filling a table again redraws every cell: most of a search's time on screen)."""
    from textual.app import App

    from coprod_tui.screens.widgets import Col, FitTable

    class One(App[None]):
        def compose(self):
            yield FitTable(id="t")

    cols = (Col("Date", 10), Col("Session", weight=1))
    rows = [(f"k{n}", ["2026-01-0" + str(n), f"Meeting {n}"]) for n in range(1, 6)]
    app = One()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(FitTable)
        table.show(cols, rows)
        await pilot.pause()
        table.move_cursor(row=3)
        drawn = table._update_count
        table.show(cols, [(k, list(v)) for k, v in rows])  # equal, not the same objects
        assert table._update_count == drawn and table.cursor_row == 3
        columns = list(table.columns)
        table.show(cols, rows[:4] + [("k9", ["2026-01-09", "Meeting 9"])])
        await pilot.pause()
        assert table._update_count > drawn and table.get_row("k9")[1].plain == "Meeting 9"
        assert list(table.columns) == columns  # the same columns: only the rows refilled
        assert table.cursor_row == 3
