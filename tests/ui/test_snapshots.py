"""Every screen and dialog at 80×24, and the busiest at 120×40, compared with an
accepted picture (pytest-textual-snapshot). The screens are those of the tour
(tests/ui/tour.py), as the keys a facilitator would press leave them.

Several pictures per app run. Starting the app and drawing the screen under a dialog
are most of a picture's cost, so the stops are pictured on walks (walks.WALKS): a walk
is one run of the app that goes from stop to stop as a facilitator would (Escape, then
the next dialog's key; a step's F-key to the next step) and pictures each stop as
pytest-textual-snapshot pictures an app (see tests/ui/walks.py). Every picture is byte for byte
the one a run of its own takes; the accepted SVGs, made one run per stop, are
unchanged. How it stays the plugin's comparison:

- each stop is still a test of its own (same test id, same accepted SVG file);
- the first of a walk's tests to run in a test process takes the whole walk and keeps
  its pictures (walks.picture); the others read theirs;
- each test hands its picture to the plugin's own ``snap_compare`` fixture, whose
  screenshot function (``textual._doc.take_svg_screenshot``) is made to answer with
  that picture (walks.compare). So the plugin compares it, lists a mismatch in its
  HTML failure report (accepted and new picture side by side), and writes it with
  ``--snapshot-update``, exactly as it did for a run of its own;
- a walk's tests share an xdist group (``--dist loadgroup``), so each walk is taken
  once in the whole run; ``-k`` on one stop still takes its whole walk.

Update after a deliberate change with: pytest tests/ui/test_snapshots.py --snapshot-update
and look at every picture that changed before committing it.
"""

from __future__ import annotations

import pytest

from tests.ui.tour import LARGE, RUN, TOUR, demo_app, steady
from tests.ui.walks import LARGE_WALK, WALKS, compare, picture, reached, walk, walk_of

__all__ = ["compare"]  # a fixture (tests/ui/walks.py)

#: The app's garbage collection after each screen is shown is skipped (tests/conftest.py).


#: The palette lists its commands as its providers answer, in an order that differs
#: from run to run: it is scanned for cut-offs below, and checked by the palette tests.
PICTURED = [name for name in TOUR if name != "palette"]


def on_its_walk(names, size: tuple[int, int]) -> list:
    """Each stop as a test in its walk's xdist group (one worker takes the walk)."""
    return [pytest.param(name, marks=pytest.mark.xdist_group(
        f"tour-{walk_of(name, size)}")) for name in names]


def test_every_stop_is_pictured_on_one_walk():
    at_80 = [name for legs in WALKS.values() for name, _ in legs]
    assert sorted(at_80) == sorted(TOUR), "each stop of the tour on exactly one walk"
    assert sorted(name for name, _ in LARGE_WALK) == sorted(LARGE)


@pytest.mark.parametrize("name", on_its_walk(PICTURED, (80, 24)))
def test_at_80_by_24(store, monkeypatch, compare, name):
    """The accepted picture, nothing in it cut off (tests/ui/layout_check.py), and no
    Tab stop on it that would show nothing (walks.tab_stops_unseen): all read off the
    same moment of the walk."""
    taken = picture(name, (80, 24), store, monkeypatch)
    same = compare(taken, (80, 24))
    assert not taken.cut_off, "\n".join(taken.cut_off)
    assert not taken.unseen_stops, "\n".join(taken.unseen_stops)
    assert same


@pytest.mark.parametrize("name", on_its_walk([n for n in TOUR if n not in PICTURED], (80, 24)))
def test_nothing_is_cut_off_at_80_by_24(store, monkeypatch, name):
    """The stops without a picture are scanned on their walks too."""
    taken = picture(name, (80, 24), store, monkeypatch)
    assert not taken.cut_off, "\n".join(taken.cut_off)
    assert not taken.unseen_stops, "\n".join(taken.unseen_stops)


@pytest.mark.parametrize("name", on_its_walk(LARGE, (120, 40)))
def test_at_120_by_40(store, monkeypatch, compare, name):
    assert compare(picture(name, (120, 40), store, monkeypatch), (120, 40))


def test_run_in_high_contrast(store, monkeypatch, compare):
    async def run_in_high_contrast(pilot) -> None:
        pilot.app.action_toggle_contrast()
        await RUN(pilot)
        pilot.app.clear_notifications()  # "High contrast is on." would cover the picture
        await steady(pilot)

    taken = reached(walk(demo_app(store, monkeypatch), (("run", run_in_high_contrast),),
                         (80, 24))["run"])
    assert compare(taken, (80, 24))
    assert not taken.cut_off, "\n".join(taken.cut_off)


def test_people_without_colour(store, monkeypatch, compare):
    monkeypatch.setenv("NO_COLOR", "1")
    taken = reached(walk(demo_app(store, monkeypatch), (("people", TOUR["people"]),),
                         (80, 24))["people"])
    assert compare(taken, (80, 24))
    assert not taken.cut_off, "\n".join(taken.cut_off)
