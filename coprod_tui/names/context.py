"""Is this word a person here? The words around a name that say it is not one.

A single name part ("May", "Hope", "Green") written as a name is still not the
person when it is part of something else: a date ("12 May", "in May", "the
May meeting"), a place or an organisation ("Hope Street", "Green Lane Carers",
"St Mary's Trust"), or, for a name that is also a verb, a question or an
instruction ("Will it work?", "May I ask", "Mark the date"). ``TextContext``
answers these questions for one text, looking only at the words next to the
name; how it decides is described in ``coprod_tui/names/__init__.py``.
"""

from __future__ import annotations

import re

from .units import Unit, sentence_start
from .words import words

_AFTER_NUMBER = frozenset({"", "'"})  # May 12, May '26
_RANGE_GAPS = frozenset({"/", "\u2013", "\u2014", "-", "&"})
_PHRASE_GAPS = frozenset({"", ",", "-", "&", "/"})
_ABBREVIATED = frozenset({"", "."})
_DAY_OR_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?|(\d{4})")


def _number(unit: Unit | None) -> bool:
    """A day of the month ("12", "3rd") or a year ("2026")."""
    if unit is None:
        return False
    found = _DAY_OR_YEAR.fullmatch(unit.fold)
    if found is None:
        return False
    day, year = found.groups()
    return 1 <= int(day) <= 31 if day else 1900 <= int(year) <= 2199


class TextContext:
    """One text's words, and what the words around a name say about it."""

    def __init__(self, text: str, units: list[Unit], known: frozenset[str]) -> None:
        self.text = text
        self.units = units
        #: Every word of a known person's name: never a sign of a proper noun.
        self.known = known
        self._title: bool | None = None
        self._initial: dict[int, bool] = {}

    # -- neighbours ----------------------------------------------------------------------

    def sep(self, i: int, j: int) -> str:
        """The text between units ``i`` and ``j`` (j = i + 1)."""
        return self.text[self.units[i].end:self.units[j].start]

    def _beside(self, i: int, step: int, gaps: frozenset[str] = frozenset({""})) -> Unit | None:
        j = i + step
        if not 0 <= j < len(self.units):
            return None
        sep = self.sep(min(i, j), max(i, j))
        if "\n" in sep or "\r" in sep:
            return None
        return self.units[j] if sep.strip() in gaps else None

    def before(self, i: int, gaps: frozenset[str] = frozenset({""})) -> Unit | None:
        """The word just before unit ``i`` on the same line, with only ``gaps`` between."""
        return self._beside(i, -1, gaps)

    def after(self, j: int, gaps: frozenset[str] = frozenset({""})) -> Unit | None:
        return self._beside(j, 1, gaps)

    def initial(self, i: int) -> bool:
        """Unit ``i`` begins a sentence, a line or a field (its capital says nothing)."""
        if i not in self._initial:
            self._initial[i] = sentence_start(self.text, self.units[i].start)
        return self._initial[i]

    def shouting(self, i: int, j: int) -> bool:
        """Units ``i``..``j`` stand among words in capitals ("WE WILL MEET")."""
        return any(unit is not None and unit.caps
                   for unit in (self.before(i, _PHRASE_GAPS), self.after(j, _PHRASE_GAPS)))

    def title_case(self) -> bool:
        """Most words of the text have a capital ("Green Lane Carers", a title), so a
        capital says little: only place words then make a proper noun."""
        if self._title is None:
            counted = capitals = 0
            for k, unit in enumerate(self.units):
                if unit.text[:1].isalpha() and not self.initial(k):
                    counted += 1
                    capitals += unit.cap
            self._title = counted >= 2 and capitals >= 0.6 * counted
        return self._title

    # -- the three questions ----------------------------------------------------------------

    def is_date(self, i: int, possessive: bool) -> bool:
        """Unit ``i`` (a month or season) is part of a date."""
        w = words()
        calendar = w.months | w.seasons
        prev = self.before(i)
        if possessive:  # "May's idea" is May's; "last May's meeting" is a date
            return prev is not None and prev.fold in ("last", "next", "this")
        year = self.after(i, frozenset({","}))
        if (_number(self.before(i)) or _number(self.after(i, _AFTER_NUMBER))
                or (year is not None and len(year.fold) == 4 and _number(year))):
            return True  # 12 May, May 12th, May 2026, May, 2026
        if prev is not None:
            if prev.fold in w.date_before:
                return True  # in May, since April, the May meeting
            if prev.fold == "of":  # the end of May, the 3rd of May
                first = self.before(i - 1)
                if first is not None and (first.fold in w.date_before_of or _number(first)):
                    return True
            if prev.fold in w.date_range:  # April to May, 3 to 5 May
                first = self.before(i - 1)
                if first is not None and (first.fold in calendar or _number(first)):
                    return True
        nxt = self.after(i)
        if nxt is not None:
            if nxt.fold in w.date_after:
                return True  # the June review, May half-term
            if nxt.fold in w.date_range:
                then = self.after(i + 1)
                if then is not None and (then.fold in calendar or _number(then)):
                    return True
        for other in (self.before(i, _RANGE_GAPS), self.after(i, _RANGE_GAPS)):
            if other is not None and other.fold in calendar:
                return True  # May/June, April–May
        return False

    def is_verb(self, i: int, j: int) -> bool:
        """A name that is also a word, opening a question or an instruction."""
        nxt = self.after(j)
        return self.initial(i) and nxt is not None and nxt.key in words().verb_then

    def _plain(self, unit: Unit) -> bool:
        """A word that never makes a proper noun of the name next to it."""
        key = unit.key
        return (key in words().small or key in self.known or not unit.text[:1].isalpha())

    def is_proper_noun(self, i: int, j: int) -> bool:
        """Units ``i``..``j`` (a name part) are part of a longer proper noun."""
        w = words()
        title = self.title_case()
        prev, nxt = self.before(i), self.after(j)
        dotted = self.before(i, _ABBREVIATED)  # "St. Mary's", "Mrs. May"
        # Across a full stop only a title written short: "the mayor. Will Street" ends
        # a sentence.
        if dotted is not None and dotted.key in w.titles and (
                dotted is prev or dotted.key in w.short_titles):
            return False  # Mrs May, Mrs. May, Auntie Rose, Thanks Sam: a person
        if dotted is not None and dotted.cap and dotted.key in w.place_prefixes:
            return True  # St Mary's, Mount Hope
        if prev is not None and prev.cap and not prev.caps and not self.initial(i - 1):
            if self.units[j].key in w.place_heads:
                return True  # Green Lane, Town Hall, even where Green is someone's name
            if not title and not self._plain(prev):
                return True  # Bloody Mary, Riverside Hope
        if nxt is not None and nxt.cap:
            if nxt.key in w.place_heads:
                return True  # Hope Street, Mary's Trust, HOPE STREET
            return not (title or nxt.caps or self._plain(nxt))  # Hope Academy
        return False
