"""The suite's own order (tests/conftest.py): the longest tests first, as
tests/durations.json has them; a missing or damaged file orders nothing, and
--store-durations keeps the times of the tests it did not run."""

from __future__ import annotations

import json

import pytest

import tests.conftest as suite


@pytest.mark.parametrize("text", ["", "{not json", "[1, 2]", '"a string"',
                                  '{"t::a": "slow", "t::b": true, "t::c": null}'])
def test_a_damaged_durations_file_orders_nothing(tmp_path, monkeypatch, text):
    monkeypatch.setattr(suite, "DURATIONS", tmp_path / "durations.json")
    suite.DURATIONS.write_text(text, encoding="utf-8")
    assert suite._durations() == {}


def test_the_longest_go_first_by_module_and_a_run_keeps_what_it_did_not_measure(tmp_path, monkeypatch):
    monkeypatch.setattr(suite, "DURATIONS", tmp_path / "durations.json")
    suite.DURATIONS.write_text(json.dumps({"t::old": 9.0, "t::b": 3.0, "t::gone": 2.0}))

    class Item:
        def __init__(self, nodeid: str) -> None:
            self.nodeid = nodeid

    items = [Item(n) for n in ("t::new", "t::b", "u::short", "t::old")]
    suite.pytest_collection_modifyitems(None, items)  # type: ignore[arg-type]
    # A module's tests together (a fixture it shares is built once), longest first.
    assert [i.nodeid for i in items] == ["t::old", "t::b", "t::new", "u::short"]

    class Report:
        def __init__(self, nodeid: str, duration: float) -> None:
            self.nodeid, self.duration = nodeid, duration

    store = suite._Durations()
    for report in (Report("t::b", 0.1), Report("t::b", 0.2), Report("t::new", 4.04),
                   Report("t::new", 1.0)):
        store.pytest_runtest_logreport(report)  # type: ignore[arg-type]
    store.pytest_sessionfinish(None)  # type: ignore[arg-type]
    # t::b now takes 0.3 s (too short to keep); t::new is the sum of its phases.
    assert json.loads(suite.DURATIONS.read_text()) == {"t::gone": 2.0, "t::new": 5.0,
                                                       "t::old": 9.0}
