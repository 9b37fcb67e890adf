"""At 80×24 nothing on any screen or dialog is cut off (tests/ui/layout_check.py)."""

from __future__ import annotations

import pytest

from tests.ui.layout_check import cut_offs
from tests.ui.tour import TOUR, demo_app


@pytest.mark.parametrize("name", list(TOUR))
async def test_nothing_is_cut_off_at_80_by_24(store, monkeypatch, name):
    app = demo_app(store, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await TOUR[name](pilot)
        problems = cut_offs(app)
        assert not problems, "\n".join(problems)
