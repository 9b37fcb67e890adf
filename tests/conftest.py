"""Shared fixtures: every test gets its own data folder on a real disk."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coprod_tui.model import Group, Person
from coprod_tui.service import Service
from coprod_tui.store import Store, open_store

# The tests start coprod in child processes a few hundred times (the command line, the
# app killed mid-save). Where the machine says not to write byte code
# (PYTHONDONTWRITEBYTECODE, set on this one), each child compiled coprod from source,
# half of every run; they keep it compiled (in __pycache__, as an installed copy has it).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


# Python's collector, tuned for a test process. Its full passes walk every object alive,
# and a test process keeps more alive with every test (caches, each app's leftovers): at
# Python's default thresholds they were a third of a Pilot test's CPU. Fewer passes here,
# and what is loaded before the first test (Textual, python-docx, hypothesis, the tests
# themselves, alive until the end anyway) is kept out of them (gc.freeze). The app tunes
# its own heap (coprod_tui/app.py, settle_heap); no test depends on when a pass runs.
gc.set_threshold(10_000, 20, 20)


def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()


def _parse_css_once_per_process() -> None:
    """Each app parses its stylesheet (Textual's widgets' and ours) afresh: a quarter of
    an app's start, and the suite starts a few hundred. Textual already keeps the rules
    it parsed per app and hands the same rule sets out again; here they are kept per
    test process, keyed on everything the parse reads (the text, where it came from and
    the theme's variables), so a different theme or a changed rule is parsed anew."""
    from textual.css.stylesheet import Stylesheet

    parse = Stylesheet._parse_rules
    parsed: dict[tuple, list] = {}
    # The variables in the key, sorted once per dict: Textual gives a stylesheet a new
    # dict when they change (set_variables) and never changes one in place.
    seen: list = [None, ()]

    def parse_once(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        if seen[0] is not self._variables:
            seen[:] = [self._variables, tuple(sorted(self._variables.items()))]
        key = (css, read_from, is_default_rules, tie_breaker, scope, seen[1])
        if key not in parsed:
            parsed[key] = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
        return parsed[key]

    Stylesheet._parse_rules = parse_once  # type: ignore[method-assign]


_parse_css_once_per_process()


def _pilot_waits_until_the_app_has_settled() -> None:
    """Pilot's ``press`` and ``pause`` wait until the app has gone idle: Textual looks
    every 20 ms (SLEEP_GRANULARITY) for a stretch in which the process used under a
    twentieth of the time. Each wait lasted at least 20 ms where the app handles most
    keys in one or two: over half of a walk's time went in waiting (the snapshots, on
    one process: 30 s, of which 13 s of work; 18 s now).

    Here it looks every 5 ms, and idle means settled: nothing left that waits for the
    screen's next refresh (Textual's ``call_after_refresh``), and no typed keys held for
    a screen being shown (coprod's ``hold_input``, released over a refresh or two). A
    process is idle between those refreshes, which the 20 ms step had mostly covered
    by its length. So each key Pilot presses arrives once the screen the last one opened
    is shown; keys that arrive while it is on its way are ``helpers.burst``'s, which
    tests the holding itself. Where the app has more to do (a worker, a timer, a save
    delay) a test awaits what it waits for (helpers.py, ``until``). (Textual's private
    names used here hold: it is pinned exactly, pyproject.toml.)"""
    import textual.app
    import textual.pilot
    from textual import _wait
    from textual._context import active_app

    step = _wait.SLEEP_GRANULARITY = 0.005
    _wait.SLEEP_IDLE = step / 20
    idle = _wait.wait_for_idle

    def unsettled(app) -> bool:
        screen = app.screen if app._screen_stack else None
        return getattr(app, "holding_input", False) or bool(
            screen is not None and screen._callbacks)

    async def wait_for_idle(min_sleep: float = step, max_sleep: float = 1) -> None:
        await idle(min_sleep, max_sleep)
        app = active_app.get(None)
        # Held keys are handed on within a second whatever happens (hold_input): an app
        # still unsettled well after that is stuck, and says so.
        end = time.monotonic() + 5
        while app is not None and app.is_running and unsettled(app):
            assert time.monotonic() < end, (
                f"the app never settled: keys held {getattr(app, 'holding_input', False)}, "
                f"waiting for a refresh {app.screen._callbacks}")
            await idle(0, max_sleep)

    textual.app.wait_for_idle = textual.pilot.wait_for_idle = wait_for_idle


_pilot_waits_until_the_app_has_settled()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--torture", action="store_true",
                     help="run the reliability suite (tests/reliability) in full: "
                          "200 kills, many more generated cases; and the benchmark's "
                          "whole runs of figures (slow)")
    parser.addoption("--store-durations", action="store_true",
                     help=f"record how long each test run took in {DURATIONS.name}, which "
                          "orders the next runs (longest first)")


# Longest first. pytest-xdist hands tests to its workers in the order collected (a group
# of tests sharing one app goes as one), so a long walk collected last ran alone at the
# end while the other workers stood idle: about 10 s of every run. The file holds each
# test's seconds (--store-durations updates it with those of the tests run); a test it
# does not name runs after those it does, in the order collected. The order
# changes no result: every test already runs on whichever worker is free.
DURATIONS = Path(__file__).with_name("durations.json")


def _durations() -> dict[str, float]:
    """The file's seconds per test; a missing or damaged file orders nothing."""
    try:
        seconds = json.loads(DURATIONS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(seconds, dict):
        return {}
    return {nodeid: float(s) for nodeid, s in seconds.items()
            if isinstance(s, (int, float)) and not isinstance(s, bool)}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Whole modules stay together (longest first by their longest test), so a fixture a
    # module shares is built once; within a module, its longest tests first.
    seconds = _durations()
    longest: dict[str, float] = {}
    for item in items:
        module = item.nodeid.split("::")[0]
        longest[module] = max(longest.get(module, 0.0), seconds.get(item.nodeid, 0.0))
    items.sort(key=lambda item: (-longest[item.nodeid.split("::")[0]],
                                 -seconds.get(item.nodeid, 0.0)))


class _Durations:
    """--store-durations: each test's setup, call and teardown, summed (on the process
    that reports, so with or without xdist)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[report.nodeid] = self.seconds.get(report.nodeid, 0.0) + report.duration

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        kept = _durations()  # a run of some tests updates theirs and keeps the others'
        for nodeid, s in self.seconds.items():
            kept.pop(nodeid, None)
            if s >= 0.5:  # shorter ones fill the gaps, in the order collected
                kept[nodeid] = round(s, 1)
        DURATIONS.write_text(json.dumps(dict(sorted(kept.items())), indent=1) + "\n",
                             encoding="utf-8")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--store-durations") and not hasattr(config, "workerinput"):
        config.pluginmanager.register(_Durations(), "coprod-durations")


def pytest_unconfigure(config: pytest.Config) -> None:
    # Then pytest collects five times over, so that an exception raised by an object
    # freed at the end is still reported (_pytest/unraisableexception.py). Each pass
    # walked every object the tests left alive: 2 s at the end of each test process,
    # while the run waited for it. Here the garbage is freed (and what its finalizers
    # raise reported) until a pass finds none; what is still alive is then frozen, so
    # pytest's passes have almost nothing to walk (the end of a run: 4.5 s to 1.3 s).
    for _ in range(5):  # (pytest's own count, at most)
        if not gc.collect():
            break
    gc.freeze()


@pytest.fixture(autouse=True)
def _no_stray_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests must never touch a real user's data or wording.
    monkeypatch.delenv("COPROD_DATA_DIR", raising=False)
    monkeypatch.delenv("COPROD_TEMPLATE", raising=False)


@pytest.fixture(autouse=True)
def _no_full_collections(request: pytest.FixtureRequest,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    # The app runs a full garbage collection a moment after each screen is shown
    # (``settle_heap``), cheap in the app but 0.1-0.2 s here, where the test process
    # holds every earlier test's objects: about 7% of every test that walks screens.
    # It changes no behaviour; the test of it, and the benchmarks, keep it.
    if request.node.get_closest_marker("settle_heap") is None:
        monkeypatch.setattr("coprod_tui.app.settle_heap", lambda: None)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path):
    with open_store(data_dir) as s:
        yield s


@pytest.fixture
def service(store: Store) -> Service:
    return Service(store)


def add_test_group(service: Service) -> Group:
    """The test group (the ``group`` fixture; for a fixture shared by a module too)."""
    return service.groups.add_group(name="Test Group", purpose="Shape the service",
                                    conduct="One at a time\nBe kind")


def add_test_people(service: Service, group: Group) -> list[Person]:
    """Its four people (the ``people`` fixture)."""
    return [service.groups.add_person(group.id, **details) for details in (
        dict(name="Ann Lee", role="uses_services", consent_to_be_named=True),
        dict(name="Bob Stone", role="carer", consent_to_be_named=False,
             support_needs=["bsl"], contact="bob@example.org"),
        dict(name="Cat Moss", role="officer", consent_to_be_named=True,
             organisation="Council"),
        dict(name="Dan Park", role="carer"),
    )]


@pytest.fixture
def group(service: Service) -> Group:
    return add_test_group(service)


@pytest.fixture
def people(service: Service, group: Group) -> list[Person]:
    return add_test_people(service, group)


def run_cli(*args: str, data_dir: Path | None = None, input: str | None = None,
            env: dict[str, str] | None = None, cwd: Path | None = None
            ) -> subprocess.CompletedProcess[str]:
    """Run the real console command in a child process."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("COPROD_DATA_DIR", None) if env is None or "COPROD_DATA_DIR" not in env else None
    argv = [sys.executable, "-m", "coprod_tui"]
    if data_dir is not None:
        argv += ["--data-dir", str(data_dir)]
    return subprocess.run([*argv, *args], capture_output=True, text=True, input=input,
                          env=full_env, cwd=cwd, timeout=120)
