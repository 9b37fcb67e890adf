"""Import never needs memory far beyond the file's size (issue 11, finding F12 of the
outside attack).

A 30 MB file of ``{"format":"coprod-session","schema":1,"people":[{},{},...]}`` once
took 780 MB: three bytes of "{}," become a 64-byte dict when parsed. Import now
counts the JSON values before parsing (linear, nothing copied) and refuses a file
holding far more than any session, and refuses anything over 64 MiB unread. The real
``coprod import`` runs in a child process, which reads its peak memory (``ru_maxrss``)
against the peak it had before importing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coprod_tui import interchange

from .conftest import child_env
from .edges import demo_bundle, write_json

MiB = 2**20
#: The attacker's shapes, at a size that is safe on a shared machine (each would
#: take some 200 MiB or more to parse, as it did before).
SIZE = 8 * MiB

CHILD = """
import contextlib, io, json, resource, sys
from coprod_tui.cli import main
import coprod_tui.interchange, coprod_tui.store.store  # loaded before the baseline
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
for path in sys.argv[2:]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--data-dir", sys.argv[1], "import", path])
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"code": code, "err": err.getvalue(), "extra": (after - before) * 1024}))
"""


def run_imports(data_dir: Path, *paths: Path) -> list[dict]:
    """``coprod import`` of each file in turn, in one child process: for each, its exit
    code, what it said, and the child's peak memory since before the first import (a
    high-water mark, so an import over the limit shows at that import and after)."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(data_dir), *map(str, paths)],
                          capture_output=True, text=True, env=child_env(), timeout=120)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def run_import(data_dir: Path, path: Path) -> dict:
    (result,) = run_imports(data_dir, path)
    return result


def shaped(path: Path, item: str, size: int = SIZE) -> Path:
    head, tail = '{"format":"coprod-session","schema":1,"people":[', "]}"
    count = (size - len(head) - len(tail)) // (len(item) + 1)
    path.write_text(head + ",".join([item] * count) + tail, "ascii")
    return path


def test_a_file_of_tiny_records_is_refused_before_it_is_parsed(tmp_path):
    items = ["{}", "[]", '""', '"ab"', '{"a":1}', "0"]
    paths = [shaped(tmp_path / f"many{n}.json", item) for n, item in enumerate(items)]
    for item, path, result in zip(items, paths, run_imports(tmp_path / "data", *paths),
                                  strict=True):
        size = path.stat().st_size
        # Reading the file costs about two copies of it; parsing it cost thirty.
        assert result["extra"] < 3 * size + 8 * MiB, \
            f"{item}: {result['extra'] / MiB:.0f} MiB"
        assert result["code"] == 2, item
        assert "holds far more records than a coprod session export" in result["err"], item
        assert "Traceback" not in result["err"], item
    assert not (tmp_path / "data" / "sessions").exists() or \
        not list((tmp_path / "data" / "sessions").iterdir())


def test_a_file_over_the_cap_is_not_read(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as f:  # sparse: costs no disk
        f.truncate(interchange.MAX_BYTES + 1)
    result = run_import(tmp_path / "data", path)
    assert result["code"] == 2 and "bigger than 64 MiB" in result["err"]
    assert result["extra"] < 8 * MiB


def test_the_biggest_plausible_session_still_imports(tmp_path):
    """200 people, 5,000 ideas of about 1,500 characters, 5,000 speaking turns and
    1,000 actions: about 11 MiB, well inside both limits."""
    from coprod_tui.model import Idea, Turn
    from tests.big_session import big_session

    data = big_session(attendees=200, ideas=5000, decisions=500, actions=1000)
    words = ("Someone said something long and careful about the bus, the rooms, the "
             "times of day, and what it is like to wait: ") * 14
    data.ideas[:] = [Idea(id=idea.id, text=f"{n}: {words}", raised_by="person",
                          person_id=idea.person_id, agenda_item_id=idea.agenda_item_id)
                     for n, idea in enumerate(data.ideas)]
    data.turns[:] = [Turn(person_id=data.turns[n % len(data.turns)].person_id)
                     for n in range(5000)]
    path = tmp_path / "big.json"
    path.write_text(interchange.dumps(data), "utf-8")
    size = path.stat().st_size
    assert 8 * MiB < size < interchange.MAX_BYTES
    assert interchange._values_at_most(path.read_bytes(), interchange.MAX_VALUES)
    result = run_import(tmp_path / "data", path)
    assert result["code"] == 0, result["err"]
    # Parsing, checking and writing a real session: a few times its size, no more.
    assert result["extra"] < 12 * size, f"{result['extra'] / MiB:.0f} MiB"


@pytest.mark.parametrize("text", [
    "a, b: c [d]" * 5, '"quoted, with: [brackets]"' * 3, "\\" * 7, "\\\"" * 9, ""])
def test_commas_and_quotes_in_text_are_not_counted_as_records(tmp_path, text):
    """The count leaves out what is inside strings (so text full of commas imports),
    and it is an upper bound of the real number of values."""
    bundle = demo_bundle(tmp_path)
    bundle["ideas"][0]["text"] = text
    raw = json.dumps(bundle).encode()

    def values(v) -> int:
        if isinstance(v, dict):
            return 1 + sum(values(x) for x in v.values())
        if isinstance(v, list):
            return 1 + sum(values(x) for x in v)
        return 1

    counted = interchange._values_at_most(raw, 10**9)
    assert counted is not None and values(bundle) <= counted
    # Text full of commas, colons and brackets (300,000 of them) is not counted: the
    # file passes a limit of twice its real number of values.
    limit = values(bundle) * 2
    assert interchange._values_at_most(raw, limit) is not None
    bundle["ideas"][0]["text"] = text + ", : [" * 100_000
    path = write_json(tmp_path / "stuffed.json", bundle)
    assert interchange._values_at_most(path.read_bytes(), limit) is not None
    assert interchange._values_at_most(path.read_bytes(), limit // 4) is None
    read = interchange.read_bundle(path)
    assert read.tables["ideas"][0].text == text + ", : [" * 100_000
