"""The word lists the name rule reads (``words.toml``, shipped with coprod), folded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .units import fold


@dataclass(frozen=True, slots=True)
class Words:
    #: Names that are also ordinary words: they count only with a capital.
    ordinary: frozenset[str]
    months: frozenset[str]
    seasons: frozenset[str]
    date_before: frozenset[str]
    date_before_of: frozenset[str]
    date_range: frozenset[str]
    date_after: frozenset[str]
    place_prefixes: frozenset[str]
    place_heads: frozenset[str]
    titles: frozenset[str]
    #: Titles read across a full stop ("Mrs. May").
    short_titles: frozenset[str]
    verb_then: frozenset[str]
    #: Small words and days: never part of a proper noun.
    small: frozenset[str]


def _set(values: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(v) for v in values)


@lru_cache(maxsize=1)
def words() -> Words:
    # Imported here, when a name is first looked for: importlib.resources brings
    # tempfile, shutil and random, 17 ms of every start of the command line.
    import tomllib
    from importlib.resources import files

    data = tomllib.loads(files("coprod_tui.names").joinpath("words.toml")
                         .read_text(encoding="utf-8"))
    small = _set(data["small"]["words"])
    days = _set(data["small"]["days"])
    dates = data["dates"]
    return Words(
        # The small words of English are ordinary too: someone called "In" or "An"
        # is found only as "In" or "An".
        ordinary=_set(w for group in data["ordinary"].values() for w in group) | small | days,
        months=_set(dates["months"]), seasons=_set(dates["seasons"]),
        date_before=_set(dates["before"]), date_before_of=_set(dates["before_of"]),
        date_range=_set(dates["range_words"]), date_after=_set(dates["after"]),
        place_prefixes=_set(data["places"]["prefixes"]),
        place_heads=_set(data["places"]["heads"]),
        titles=_set(data["people"]["titles"]),
        short_titles=_set(data["people"]["short_titles"]),
        verb_then=_set(data["people"]["verb_then"]),
        small=small | days | _set(dates["months"]))
