"""``NameMatcher``: the name rule applied to texts (the rule itself: ``__init__.py``)."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

from . import contacts
from .context import TextContext
from .forms import Form, Mention, _shape, name_words
from .units import APOSTROPHES, fold, gap, joined, unspaced, units
from .sought import Anywhere, SoughtForm

_DIGITS = re.compile(r"\d+")


class NameMatcher:
    """Finds people's names in free text by the name rule.

    ``names`` maps a key (a person's id, usually) to the forms they may be written
    as: a string is a whole name; a ``Form`` says what it is (``name_parts`` gives a
    person's). A form given for several keys is found once, with all of them in
    ``Mention.keys`` (a shared first name is ambiguous: the caller decides what that
    means). Forms of kind "thing" are found so that no name inside them is taken.
    """

    def __init__(self, names: Mapping[Any, Iterable[str | Form]]) -> None:  # any hashable key
        forms: dict[tuple, SoughtForm] = {}
        anywhere: dict[tuple[str, ...], Anywhere] = {}
        self._emails: dict[str, set] = {}
        self._phones: dict[str, set] = {}
        for key, given in names.items():
            for item in given:
                form = item if isinstance(item, Form) else Form(item)
                if form.kind == "contact":
                    emails, phones = contacts.contact_keys(form.text)
                    for email in emails:
                        self._emails.setdefault(email, set()).add(key)
                    for phone in phones:
                        self._phones.setdefault(phone, set()).add(key)
                    continue
                words_ = name_words(form.text)
                if not form.text.isascii() and any(unspaced(ch) for w in words_ for ch in w):
                    spread = anywhere.setdefault(tuple(fold(w) for w in words_),
                                                 Anywhere(form.text, words_))
                    spread.keys.add(key)
                    continue
                folded, gaps = _shape(" ".join(words_))
                if not folded:
                    continue  # "[/" or "😀" as a name: nothing to tell it from other text
                thing = form.kind == "thing"
                entry = forms.get((folded, gaps, thing))
                if entry is None:
                    entry = forms[(folded, gaps, thing)] = SoughtForm(form.text, folded, gaps, thing)
                entry.keys.add(key)
                entry.kinds.add(form.kind)
                entry.singles.add(form.kind in ("first", "last") or len(words_) == 1)
        self._first: dict[str, list[SoughtForm]] = {}
        self._plural: dict[str, list[SoughtForm]] = {}
        self._by_unit: dict[str, set[SoughtForm]] = {}
        self._concat: dict[str, set[SoughtForm]] = {}
        self._squashed: dict[str, list[SoughtForm]] = {}
        self._prefixes: dict[str, set[SoughtForm]] | None = None
        for entry in forms.values():
            entry.settle()
            self._first.setdefault(entry.units[0], []).append(entry)
            if entry.plural:
                self._plural.setdefault(entry.units[0], []).append(entry)
            if not entry.thing:
                for unit in entry.units:
                    self._by_unit.setdefault(unit, set()).add(entry)
                for joined_up in contacts.concatenations(entry.units):
                    self._concat.setdefault(joined_up, set()).add(entry)
                if entry.n > 1 and len(squashed := "".join(entry.units)) >= 6:
                    self._squashed.setdefault(squashed, []).append(entry)
        for entries in self._first.values():
            # Longest first, so a whole name is taken before any part of it; a person's
            # name before a thing's of the same length.
            entries.sort(key=lambda f: (-f.n, f.thing))
        self._known = frozenset(self._by_unit)
        self._anywhere = list(anywhere.values())
        self._count = len(forms) + len(anywhere) + len(self._emails) + len(self._phones)

    def __bool__(self) -> bool:
        return bool(self._count)

    def with_things(self, key: Hashable, names_of_things: Iterable[str]) -> NameMatcher:
        """This matcher, also knowing the names of some things (under ``key``): cheap,
        so one matcher of everyone in a folder serves every session's venue."""
        new = copy.copy(self)
        new._first = dict(self._first)
        added = 0
        for text in dict.fromkeys(names_of_things):
            folded, gaps = _shape(" ".join(name_words(text)))
            if not folded:
                continue
            entry = SoughtForm(text, folded, gaps, True)
            entry.keys.add(key)
            entry.kinds.add("thing")
            entry.singles.add(False)
            entry.settle()
            new._first[folded[0]] = sorted([*new._first.get(folded[0], ()), entry],
                                           key=lambda f: (-f.n, f.thing))
            added += 1
        new._count = self._count + added
        return new

    # -- finding -----------------------------------------------------------------------------

    def find(self, text: str, exclude: Hashable = None) -> list[Mention]:
        """Every place a name is written as a name, left to right, never overlapping.

        With ``exclude``, that key's own forms are not looked for (a person's shown
        name is read for other people's names in it, not for their own).
        """
        if not self._count or not text:
            return []
        found: list[Mention] = []
        if "@" in text:
            found += self._addresses(text)
        if self._phones:
            found += self._phone_numbers(text)
        found += self._names(text, sorted((m.start, m.end) for m in found), exclude)
        for entry in self._anywhere:
            if exclude is None or exclude not in entry.keys:
                found += [Mention(a, b, text[a:b], entry.name, frozenset(entry.keys))
                          for a, b in entry.find(text)]
        if exclude is not None:
            found = [m for m in found if exclude not in m.keys]
        found.sort(key=lambda m: (m.start, m.start - m.end))
        kept, pos = [], 0
        for mention in found:
            if mention.start >= pos:
                kept.append(mention)
                pos = mention.end
        return kept

    def _names(self, text: str, taken: list[tuple[int, int]], exclude: Hashable
               ) -> list[Mention]:
        words_ = units(text)
        first, plural = self._first, self._plural
        if not any(u.fold in first or (u.core and u.core in first) or u.key in self._squashed
                   or (plural and u.fold.endswith("s")) for u in words_):
            return []
        context = TextContext(text, words_, self._known)
        out: list[Mention] = []
        i, t = 0, 0
        while i < len(words_):
            unit = words_[i]
            while t < len(taken) and taken[t][1] <= unit.start:
                t += 1
            if t < len(taken) and taken[t][0] < unit.end:
                i += 1  # inside an email address or a handle already found
                continue
            hit = self._match_at(context, i, exclude)
            if hit is None:
                i += 1
                continue
            entry, j, end = hit
            out.append(Mention(unit.start, end, text[unit.start:end], entry.name,
                               frozenset(entry.keys), "thing" if entry.thing else "name"))
            i = j + 1
        return out

    def _match_at(self, context: TextContext, i: int, exclude: Hashable = None
                  ) -> tuple[SoughtForm, int, int] | None:
        unit = context.units[i]
        candidates = list(self._first.get(unit.fold, ()))
        if unit.core:
            candidates += [f for f in self._first.get(unit.core, ()) if f.n == 1]
            candidates.sort(key=lambda f: (-f.n, f.thing))
        for entry in candidates:
            if exclude is not None and exclude in entry.keys:
                continue
            hit = self._structure(entry, context, i)
            if hit is not None and self._written_as_name(entry, context, i, *hit):
                return entry, hit[0], hit[1]
        for entry in self._squashed.get(unit.key, ()):  # "SamWhitfield", "samwhitfield's"
            possessive = unit.core is not None and unit.fold not in self._squashed
            end = (unit.start + max(unit.text.rfind(a) for a in APOSTROPHES) if possessive
                   else unit.end)
            if (exclude is None or exclude not in entry.keys) and self._edges(
                    context, i, i, possessive) and self._written_as_name(
                    entry, context, i, i, end, possessive):
                return entry, i, end
        if self._plural and unit.fold.endswith("s"):
            stems = [unit.fold[:-1]] + ([unit.fold[:-2]] if unit.fold.endswith("es") else [])
            for stem in stems:
                for entry in self._plural.get(stem, ()):
                    if self._edges(context, i, i, False) and self._written_as_name(
                            entry, context, i, i, unit.end, False):
                        return entry, i, unit.end
        return None

    @staticmethod
    def _edges(context: TextContext, i: int, j: int, possessive: bool) -> bool:
        """Not joined to a word before by a hyphen (Mary-Anne holds no Anne), nor to a
        capitalised word or a single letter after (Anne-Marie holds no Anne, nor
        Will-o'-the-wisp Will; a Sam-led walk holds Sam)."""
        found = context.units
        if i > 0 and joined(context.sep(i - 1, i)):
            return False
        if not possessive and j + 1 < len(found) and joined(context.sep(j, j + 1)):
            after = found[j + 1]
            return not after.cap and len(after.fold) > 1
        return True

    def _structure(self, entry: SoughtForm, context: TextContext, i: int
                   ) -> tuple[int, int, bool] | None:
        """(last unit, end, possessive) where the form's words stand at unit ``i``."""
        found = context.units
        j = i + entry.n - 1
        if j >= len(found):
            return None
        for k in range(1, entry.n):
            if found[i + k - 1].fold != entry.units[k - 1]:
                return None
            if gap(context.sep(i + k - 1, i + k)) != entry.gaps[k - 1]:
                return None
        last = found[j]
        possessive = last.fold != entry.units[-1]
        if possessive and last.core != entry.units[-1]:
            return None
        if not self._edges(context, i, j, possessive):
            return None
        end = last.end
        if possessive:
            end = last.start + max(last.text.rfind(a) for a in APOSTROPHES)
        return j, end, possessive

    @staticmethod
    def _written_as_name(entry: SoughtForm, context: TextContext, i: int, j: int, end: int,
                         possessive: bool) -> bool:
        if entry.thing:
            return True
        found = context.units
        if entry.needs_capital:
            if not all(found[k].cap for k in range(i, j + 1)):
                return False  # "we will", "the rose garden"
            if any(found[k].caps for k in range(i, j + 1)) and context.shouting(i, j):
                return False  # "WE WILL MEET": capitals say nothing here
        if entry.single:
            if entry.month and context.is_date(i, possessive):
                return False
            if entry.needs_capital and context.is_verb(i, j):
                return False
            if found[i].cap and context.is_proper_noun(i, j):
                return False
        return True

    # -- addresses, handles and phone numbers ------------------------------------------------

    def _addresses(self, text: str) -> list[Mention]:
        out = []
        for m in contacts.EMAIL.finditer(text):
            owners = self._emails.get(fold(m.group()))
            if owners:
                out.append(Mention(m.start(), m.end(), m.group(), m.group(),
                                   frozenset(owners), "contact"))
                continue
            entries = self._in_token(contacts.parts(m.group(1)), handle=False)
            if entries:
                out.append(self._token_mention(m, entries, "email"))
        for m in contacts.HANDLE.finditer(text):
            parts = contacts.parts(m.group(1))
            if not parts or "".join(parts) in contacts.KEYWORDS:
                continue
            entries = self._in_token(parts, handle=True)
            if entries:
                out.append(self._token_mention(m, entries, "handle"))
        return out

    @staticmethod
    def _token_mention(m: re.Match, entries: list[SoughtForm], kind: str) -> Mention:
        keys = frozenset(k for entry in entries for k in entry.keys)
        return Mention(m.start(), m.end(), m.group(), entries[0].name, keys, kind)

    def _in_token(self, parts: list[str], *, handle: bool) -> list[SoughtForm]:
        """The forms an address or a handle holds: all their words ("sam.whitfield",
        "sam"), their words run together ("swhitfield"), or, for a handle, the start
        of the name ("@samw", as the Run screen's capture box takes it)."""
        present = set(parts)
        squashed = "".join(parts)
        found: set[SoughtForm] = set()
        for part in parts:
            found |= {f for f in self._by_unit.get(part, ()) if set(f.units) <= present}
            found |= self._concat.get(part, set())
            if len(part) >= 5:  # an initial and a surname run together
                for stem in (part[1:], part[:-1]):
                    found |= {f for f in self._by_unit.get(stem, ()) if f.n == 1}
        if not found:
            found = set(self._concat.get(squashed, ()))
        if not found and handle and len(squashed) >= 3:
            found = set(self._prefix_index().get(squashed, ()))
        if not found:
            return []
        longest = max(f.n for f in found)
        return sorted((f for f in found if f.n == longest), key=lambda f: f.name)

    def _prefix_index(self) -> dict[str, set[SoughtForm]]:
        """The start of a one-word form ("@whit"): a handle that only starts a whole
        name ("@mayal") names no one more surely than its first word does."""
        if self._prefixes is None:  # only built when a handle is first met
            self._prefixes = {}
            for entries in self._first.values():
                for entry in entries:
                    if entry.thing or entry.n > 1:
                        continue
                    for n in range(3, len(entry.units[0]) + 1):
                        self._prefixes.setdefault(entry.units[0][:n], set()).add(entry)
        return self._prefixes

    def _phone_numbers(self, text: str) -> list[Mention]:
        """Stored phone numbers, however they are spaced: runs of digits joined by at
        most two of space . / ( ) - , the longest run that is someone's number."""
        out: list[Mention] = []
        groups = list(_DIGITS.finditer(text))
        i = 0
        while i < len(groups):
            start, best = groups[i].start(), None
            if start and text[start - 1] == "+":
                start -= 1
            for k in range(i, min(len(groups), i + 8)):
                between = text[groups[k - 1].end():groups[k].start()] if k > i else ""
                if len(between) > 2 or between.strip(" ./()-"):
                    break
                found = text[start:groups[k].end()]
                owners = self._phones.get(contacts.phone_key(found) or "")
                if owners:
                    best = (k, owners)
            if best is None:
                i += 1
                continue
            k, owners = best
            a, b = contacts.balanced(text, start, groups[k].end())
            out.append(Mention(a, b, text[a:b], text[a:b], frozenset(owners), "contact"))
            i = k + 1
        return out

    # -- replacing ---------------------------------------------------------------------------

    def replace(self, text: str, replacement: str | Callable[[Mention], str | None],
                exclude: Hashable = None) -> str:
        """``text`` with each mention replaced; a callable may return None to keep one."""
        mentions = self.find(text, exclude)
        if not mentions:
            return text
        out, pos = [], 0
        for mention in mentions:
            new = replacement if isinstance(replacement, str) else replacement(mention)
            if new is None:
                continue
            out.append(text[pos:mention.start])
            out.append(new)
            pos = mention.end
        out.append(text[pos:])
        return "".join(out)
