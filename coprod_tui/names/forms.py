"""The forms a person is looked for by: whole name, first and last name alone."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .units import fold, gap, units
from .words import words

#: Kinds of form: a person's whole name, their first or last name alone, their stored
#: contact details, or the name of a thing (a group, an organisation, a venue).
KINDS = ("whole", "first", "last", "contact", "thing")


@dataclass(frozen=True, slots=True)
class Form:
    """One way a person (or a thing) is written, to look for."""

    text: str
    kind: str = "whole"


@dataclass(frozen=True, slots=True)
class Mention:
    """One place a name is written in a text."""

    start: int
    end: int
    #: The text as written there ("Maya's" gives "Maya"; an address is whole).
    text: str
    #: The name looked for, as it was given.
    name: str
    #: Everyone known by that name (more than one where it is shared).
    keys: frozenset
    #: name | email | handle | contact | thing
    kind: str = "name"


def name_words(name: str) -> tuple[str, ...]:
    """A name's words, in composed form."""
    return tuple(unicodedata.normalize("NFC", name).split())


def form_units(text: str) -> tuple[str, ...]:
    """A name's words as the rule compares them ("Sam Whitfield's" gives sam, whitfield)."""
    return tuple(u.key for u in units(" ".join(name_words(text))))


def ordinary(text: str) -> bool:
    """Every word of ``text`` is also an ordinary word ("May", "Hope Green")."""
    found = form_units(text)
    return bool(found) and all(u in words().ordinary for u in found)


def proper_name(name: str) -> list[str]:
    """The words of the name proper: before a comma or a bracket, after a title
    ("Dr Sam Whitfield (carer)" gives Sam Whitfield)."""
    proper = re.split(r"[,(\[{]| [-–—] ", " ".join(name_words(name)), maxsplit=1)[0].split()
    while len(proper) > 1 and fold(proper[0].rstrip(".")) in words().titles:
        proper = proper[1:]
    return proper


def name_parts(name: str) -> list[Form]:
    """The ways one person may be written: the whole name, then the first and the
    last word of the name proper alone (``proper_name``). A part alone must hold two
    letters: an initial alone, or "47" in "Agent 47", names no one."""
    return list(_parts(name))


@lru_cache(maxsize=16384)
def _parts(name: str) -> tuple[Form, ...]:
    words_ = name_words(name)
    if not words_:
        return ()
    proper = proper_name(name)
    forms = [Form(" ".join(words_))]
    if len(words_) > 1 and proper:
        forms.append(Form(proper[0], "first"))
        if len(proper) > 1:
            forms.append(Form(proper[-1], "last"))
    out: dict[str, Form] = {}
    for form in forms:
        if form.kind != "whole" and sum(ch.isalpha() for ch in form.text) < 2:
            continue
        # "Sam Sam": Sam is both a first and a last name (a surname may be plural).
        out.setdefault(form.kind + ":" + " ".join(_shape(form.text)[0]), form)
    return tuple(out.values())


@lru_cache(maxsize=65536)
def _shape(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A form's folded words, and what lies between them as names compare it."""
    found = [u for u in units(text) if u.fold]  # a lone accent or BOM folds to nothing
    return (tuple(u.fold for u in found),
            tuple(gap(text[a.end:b.start]) for a, b in zip(found, found[1:])))


def starts_sentence(text: str, index: int) -> bool:
    """True where a word at ``index`` begins a sentence (so takes a capital)."""
    while index > 0 and text[index - 1] in " \t\"'\u2018\u201c(":
        index -= 1
    return index == 0 or text[index - 1] in ".!?…\n"
