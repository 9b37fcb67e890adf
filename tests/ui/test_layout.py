"""At 80×24 nothing on any screen or dialog is cut off (tests/ui/layout_check.py).

Every pictured stop of the tour is scanned by its snapshot test
(``test_snapshots.py::test_at_80_by_24``), on the same run as its picture; the
stops without a picture are scanned here.
"""

from __future__ import annotations

import pytest

from tests.ui.layout_check import cut_offs
from tests.ui.test_snapshots import PICTURED
from tests.ui.tour import TOUR, demo_app


@pytest.mark.parametrize("name", [name for name in TOUR if name not in PICTURED])
async def test_nothing_is_cut_off_at_80_by_24(store, monkeypatch, name):
    app = demo_app(store, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await TOUR[name](pilot)
        problems = cut_offs(app)
        assert not problems, "\n".join(problems)


async def test_the_check_finds_a_cut_off_word_and_a_covered_key():
    """The check itself: a line too long for its one-line box, and a footer with more
    keys than fit (the palette key sits over the last ones), are both found."""
    from textual.app import App
    from textual.binding import Binding
    from textual.widgets import Footer, Static

    class Crowded(App[None]):
        CSS = "#line { height: 1; width: 30; }"
        BINDINGS = [Binding(k, f"nothing_{k}", f"Something long {k}") for k in "abcdefgh"]

        def compose(self):
            yield Static("Not spoken yet: Ann Lee, Bob Stone, Cat Moss, Dan Park",
                         id="line")
            yield Static("This one fits.")
            yield Footer(compact=True)

    app = Crowded()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        problems = cut_offs(app)
    assert any("#line" in p and "Dan Park" in p for p in problems), problems
    assert any("footer" in p and "Something long h" in p for p in problems), problems
    assert not any("This one fits" in p for p in problems)
