"""Run's list of who was heard: a name column and a count, for any name and any width."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from coprod_tui.screens.voices import voice_lines, wrap_cells


def test_wide_and_right_to_left_names_keep_the_counts_in_one_column():
    rows = [("李小龍 Lee", "0"), ("مريم الحسيني", "2"), ("Zoë 🎉 Smith", "11"), ("Ann", "3")]
    lines = voice_lines(rows, 30)
    assert {cell_len(line) for line in lines} == {30}
    assert [line.split()[-1] for line in lines] == ["Heard", "0", "2", "11", "3"]


def test_a_name_too_long_for_its_column_goes_on_below_whole():
    name = "Bartholomew Featherstonehaugh-Wolstenholme"
    lines = voice_lines([(name, "4")], 24)
    assert lines[1].endswith("4") and "Bartholomew" in lines[1]
    assert "".join(line.replace(" ", "") for line in lines[1:]).replace("4", "", 1) \
        == name.replace(" ", "")
    assert all(cell_len(line) <= 24 for line in lines)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=80), st.integers(min_value=1, max_value=40))
def test_wrapping_keeps_every_character_and_the_width(text, width):
    lines = wrap_cells(text, width)
    assert "".join(lines).replace(" ", "") == "".join(text.split())
    assert all(cell_len(line) <= max(width, 2) for line in lines)
