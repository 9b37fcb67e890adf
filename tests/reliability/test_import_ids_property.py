"""For any id, import refuses it plainly or writes inside the data folder only
(issue 11, property test).

Each example takes one id in a real bundle (the session's, the group's, a
person's, an idea's, an agenda item's) and renames it, everywhere it is used, to
a generated string: path separators, ``..``, NUL, line breaks, Unicode, upper
case, very long, or a well-formed id. The command line then either refuses the
file with one plain sentence and writes nothing, or imports it and every file it
made is inside the data folder.
"""

from __future__ import annotations

import json
import os
import shutil

from hypothesis import event, example, given, strategies as st

from .conftest import hypothesis_settings
from .edges import cli, demo_bundle, tree

PIECES = ["..", "/", "\\", "\x00", "\n", "\r", ".json", "~", "$HOME", "%2e%2e", "\u202e",
          "ＡＢ", "٠١", "😀", "A", "f", " ", "\t", "CON", ":", "*"]

ids = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="./\\\x00\n0123456789abcdefABCDEF", min_size=30, max_size=34),
    st.lists(st.sampled_from(PIECES), max_size=8).map("".join),
    st.builds(lambda u, up: u.hex.upper() if up else u.hex, st.uuids(), st.booleans()),
    st.integers(min_value=1, max_value=600).map(lambda n: "a" * n),
    st.sampled_from(["", "../../x", "/", "..", ".", "a" * 300, "0" * 31, "0" * 33,
                     "g" * 32, "x/../../../y"]),
)

PLACES = ["session", "group", "person", "idea", "agenda item"]


def _original(data: dict, place: str) -> str:
    return {"session": lambda: data["session"]["id"], "group": lambda: data["group"]["id"],
            "person": lambda: data["people"][0]["id"], "idea": lambda: data["ideas"][0]["id"],
            "agenda item": lambda: data["session"]["agenda"][0]["id"]}[place]()


@hypothesis_settings(quick=60, full=1500)
@given(new_id=ids, place=st.sampled_from(PLACES))
@example(new_id="../../x", place="session")  # the case found by hand, tried first
def test_any_id_is_refused_plainly_or_kept_inside_the_data_folder(tmp_path_factory, new_id,
                                                                  place):
    base = tmp_path_factory.mktemp("ids")
    data = demo_bundle(base)
    old = _original(data, place)
    # Renamed everywhere it is used, so only the id itself can be at fault.
    text = json.dumps(data, ensure_ascii=False).replace(json.dumps(old), json.dumps(new_id))
    bundle = base / "in" / "bundle.json"
    bundle.parent.mkdir()
    bundle.write_text(text, "utf-8")
    root = base / "data"
    before = tree(base)
    code, out, err = cli("import", str(bundle), data_dir=root)
    after = tree(base)
    event("refused" if code else "imported")  # --hypothesis-show-statistics shows both
    if code != 0:
        assert code == 2, err
        assert err.startswith("coprod: bundle.json ") and len(err.strip().splitlines()) == 1, err
        assert after == before
    else:
        assert err == "", err
        made = set(after) - set(before)
        assert made and all(name.startswith("data") for name in made), made
        sessions = [p for p in (root / "sessions").iterdir()]
        assert len(sessions) == 1 and sessions[0].parent == root / "sessions"
    # Nowhere the id could have pointed outside the folder holds a new file.
    if "\x00" not in new_id:
        stray = os.path.normpath(root / "sessions" / f"{new_id}.json")
        existed = {os.path.normpath(base / name) for name in before}
        if not stray.startswith(str(root) + os.sep):
            assert not os.path.lexists(stray) or stray in existed, stray
    shutil.rmtree(base)
