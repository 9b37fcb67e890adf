"""The app opens on Home, listing the groups' sessions."""

from __future__ import annotations

from textual.widgets import DataTable

from coprod_tui.app import CoprodApp
from coprod_tui.demo import add_demo
from coprod_tui.service import Service


async def test_home_lists_the_demo_sessions(store):
    add_demo(Service(store))
    app = CoprodApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        titles = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        # Latest first; at 80 columns a long title is shortened, and the group is named.
        assert titles[0].startswith("How the days")
        assert "\nRiverside Short" in titles[0]
        assert table.row_count == 3
