"""The name rule (``coprod_tui/names.py``, DESIGN.md §4): where a name is written as a name.

One rule serves exports (consent) and ``coprod forget``, so it is tried here on
its own with the cases that broke the old whole-word, any-case match: names that
are also words (Will, May, Rose, Mark ...), names inside other words, joined
names, possessives, line breaks, capitals, composed and decomposed accents,
regex metacharacters, one letter, 200 characters, right-to-left and CJK names.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, strategies as st

from coprod_tui.names import NameMatcher, name_parts, starts_sentence

from .conftest import hypothesis_settings


def found(name: str, text: str) -> list[str]:
    return [m.text for m in NameMatcher({"p": [name]}).find(text)]


@pytest.mark.parametrize("name, text, expected", [
    # Names that are also words: found only where written as a name.
    ("Will", "Will said the days will run long; we will see", ["Will"]),
    ("Will", "How the days will run", []),
    ("Will", "willing, Willow, goodwill, Will-o'-the-wisp", []),
    ("May", "May asked if we may meet; maybe in may", ["May"]),
    ("Rose", "Rose's idea: the rose garden; prices rose; Rosemary", ["Rose"]),
    ("Mark", "Mark it down, said Mark; remark; Marks & Spencer; mark", ["Mark", "Mark"]),
    ("Faith", "Faith has faith", ["Faith"]),
    ("Hope", "we hope Hope comes; hopeful", ["Hope"]),
    ("Bill", "the bill is paid by Bill; billing", ["Bill"]),
    ("Grace", "Grace said grace; disgrace", ["Grace"]),
    ("Sue", "Sue will not sue; pursue", ["Sue"]),
    # Never inside another word, an identifier or a joined name.
    ("Ed", "Ed wants education; Edward, credited, created_at, ED_AT, e-d, Ed.", ["Ed", "Ed"]),
    ("Ed", "0ed1, ed, bed, Ted", []),
    ("Anne", "Anne-Marie, Mary-Anne and Anne's; Anne\u2011Sophie", ["Anne"]),
    ("O'Neil", "O'Neil, O\u2019Neil, O'Neils, O'Neil's, BO'Neil", ["O'Neil", "O\u2019Neil", "O'Neil"]),
    ("Neil", "O'Neil and d'Neil are not Neil", ["Neil"]),
    # Capitals: the initial decides; the rest may be any case.
    ("Will", "WILL IT WORK? Will it work? wILL", ["WILL", "Will"]),
    ("will", "we will see; Will said", ["Will"]),  # stored in lower case
    ("McDonald", "MCDONALD, Mcdonald, McDonald, mcdonald", ["MCDONALD", "Mcdonald", "McDonald"]),
    # A whole name of several words: any spacing, line breaks, any case.
    ("Maya Okafor", "Maya  Okafor, Maya\nOkafor, maya okafor, MAYA OKAFOR, Maya Okafors",
     ["Maya  Okafor", "Maya\nOkafor", "maya okafor", "MAYA OKAFOR"]),
    ("Anna van der Berg", "anna VAN der berg said", ["anna VAN der berg"]),
    # Metacharacters are letters like any other.
    ("A.B (Jr)*", "A.B (Jr)* came; AxB (Jr)* did not", ["A.B (Jr)*"]),
    ("J", "J said; J.K. said; jam; JJ", ["J", "J"]),
    # Scripts without capitals, right to left, and without spaces.
    ("سارة", "قالت سارة نعم، وسارة", ["سارة"]),
    ("שרה", "שרה אמרה, ושרה", ["שרה"]),
    ("王伟", "我和王伟说过", ["王伟"]),
])
def test_found_only_where_written_as_a_name(name, text, expected):
    assert found(name, text) == expected


def test_composed_and_decomposed_accents_are_the_same_name():
    name = "Renée Zoë"
    for form in ("NFC", "NFD"):
        text = unicodedata.normalize(form, "Renée Zoë came, and Renée too")
        assert len(found(unicodedata.normalize("NFD", name), text)) == 1
        assert found("Renée", text) == [unicodedata.normalize(form, "Renée")] * 2
    # A combining accent after the name makes another name: "Jose" is not "José".
    assert found("Jose", unicodedata.normalize("NFD", "José said")) == []


def test_a_very_long_name_and_a_long_text():
    name = " ".join(["Aa" + chr(0x61 + i % 26) * 3 for i in range(50)])[:200]
    text = ("filler " * 10_000) + name.replace(" ", "\n") + "'s" + (" more" * 10_000)
    assert found(name, text) == [name.replace(" ", "\n")]


def test_the_longest_name_wins_so_part_of_another_name_is_never_taken():
    matcher = NameMatcher({"will": ["Will"], "jones": ["Will Jones"]})
    assert [(m.text, set(m.keys)) for m in matcher.find("Will Jones and Will")] == [
        ("Will Jones", {"jones"}), ("Will", {"will"})]


def test_a_shared_name_is_found_once_with_everyone_who_has_it():
    matcher = NameMatcher({"a": ["Sam"], "b": ["Sam"]})
    assert [set(m.keys) for m in matcher.find("Sam said")] == [{"a", "b"}]


def test_replace_keeps_every_other_character():
    matcher = NameMatcher({"p": ["Will"]})
    assert matcher.replace("Will's cake; we will; WILL!", "[x]") == "[x]'s cake; we will; [x]!"
    assert matcher.replace("Will and Will", lambda m: None if m.start else "[x]") == \
        "[x] and Will"


def test_parts_of_a_name():
    assert name_parts("Maya  Okafor") == ["Maya Okafor", "Maya", "Okafor"]
    assert name_parts("Cher") == ["Cher"]
    assert name_parts("Sam Sam") == ["Sam Sam", "Sam"]
    assert name_parts("Agent 47") == ["Agent 47", "Agent"]  # "47" alone names no one


def test_sentence_starts():
    text = 'Yes. Will said "Will" (Will)\nWill'
    starts = [starts_sentence(text, m.start()) for m in re.finditer("Will", text)]
    assert starts == [True, False, False, True]


# -- properties ---------------------------------------------------------------------------

WORD_NAMES = ["Will", "May", "Rose", "Mark", "Faith", "Hope", "Bill", "Grace", "Sue", "Ed",
              "Jo", "Art", "Dawn", "Zoë", "O'Neil", "Anne-Marie", "Ångström"]
names = st.lists(st.one_of(st.sampled_from(WORD_NAMES), st.from_regex(r"[A-Z][a-z]{0,7}",
                                                                      fullmatch=True)),
                 min_size=1, max_size=3).map(" ".join)
texts = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(WORD_NAMES),
                           st.sampled_from([w.lower() for w in WORD_NAMES]),
                           st.sampled_from([" ", "\n", "'s", "-", "_", ". ", "O'"])),
                 max_size=30).map("".join)


def test_properties_of_every_match():
    @hypothesis_settings(quick=400, full=6000)
    @given(name=names, text=texts)
    def run(name, text):
        matcher = NameMatcher({"p": [name]})
        mentions = matcher.find(text)
        words = name.split()
        last_end = 0
        for m in mentions:
            assert m.start >= last_end and text[m.start:m.end] == m.text
            last_end = m.end
            # The same words, in order, with only space between them.
            assert [unicodedata.normalize("NFC", w).casefold() for w in m.text.split()] == \
                [w.casefold() for w in words] or any(c in m.text for c in "'\u2019-")
            # Never inside a word: the neighbours are not letters, marks or digits.
            for neighbour in (text[m.start - 1:m.start], text[m.end:m.end + 1]):
                assert not neighbour or not (neighbour.isalnum() or neighbour == "_"
                                             or unicodedata.category(neighbour)[0] == "M")
            # A one-word name is written with a capital.
            if len(words) == 1:
                assert next(c for c in m.text if c.lower() != c.upper()).isupper()
        # Replacing keeps everything between the mentions exactly.
        kept = [text[a:b] for a, b in zip([0] + [m.end for m in mentions],
                                          [m.start for m in mentions] + [len(text)])]
        assert matcher.replace(text, "[x]") == "[x]".join(kept)

    run()
