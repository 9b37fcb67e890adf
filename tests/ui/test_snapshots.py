"""Every screen and dialog at 80×24, and the busiest at 120×40, compared with an
accepted picture (pytest-textual-snapshot). The screens are those of the tour
(tests/ui/tour.py), as the keys a facilitator would press leave them.

Update after a deliberate change with: pytest tests/ui/test_snapshots.py --snapshot-update
and look at every picture that changed before committing it.
"""

from __future__ import annotations

import pytest

from tests.ui.layout_check import cut_offs
from tests.ui.tour import LARGE, RUN, TOUR, demo_app, steady

#: The app's garbage collection after each screen is shown is skipped (tests/conftest.py).


#: The palette lists its commands as its providers answer, in an order that differs
#: from run to run: it is checked by tests/ui/test_layout.py and the palette tests instead.
PICTURED = [name for name in TOUR if name != "palette"]


@pytest.mark.parametrize("name", PICTURED)
def test_at_80_by_24(store, monkeypatch, snap_compare, name):
    """The accepted picture, and nothing in it cut off (tests/ui/layout_check.py): both
    read off the same run, since reaching a screen is most of a test's time."""
    problems: list[str] = []

    async def visit(pilot) -> None:
        await TOUR[name](pilot)
        problems.extend(cut_offs(pilot.app))

    same = snap_compare(demo_app(store, monkeypatch), terminal_size=(80, 24),
                        run_before=visit)
    assert not problems, "\n".join(problems)
    assert same


@pytest.mark.parametrize("name", LARGE)
def test_at_120_by_40(store, monkeypatch, snap_compare, name):
    assert snap_compare(demo_app(store, monkeypatch), terminal_size=(120, 40),
                        run_before=TOUR[name])


def test_run_in_high_contrast(store, monkeypatch, snap_compare):
    app = demo_app(store, monkeypatch)

    async def run_before(pilot) -> None:
        pilot.app.action_toggle_contrast()
        await RUN(pilot)
        pilot.app.clear_notifications()  # "High contrast is on." would cover the picture
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_people_without_colour(store, monkeypatch, snap_compare):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(demo_app(store, monkeypatch), terminal_size=(80, 24),
                        run_before=TOUR["people"])
