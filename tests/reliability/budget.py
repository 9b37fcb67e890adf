"""How long the reliability suite runs: short by default, in full with --torture."""

from __future__ import annotations

#: Set from the --torture option when the suite is collected (see conftest.py).
TORTURE = False


def scaled(quick: int, full: int) -> int:
    return full if TORTURE else quick
