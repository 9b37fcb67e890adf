"""What is typed in Run's box: who raised it, and the idea, trimmed one way (issue 14)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from coprod_tui.capture import Who, parse_capture, parse_card
from coprod_tui.errors import ValidationError
from coprod_tui.model import Person

TOM = Person(id="p-tom", name="Tom Reilly", role="family")
ANN = Person(id="p-ann", name="Ann Lee", role="uses_services")
PRESENT = [TOM, ANN]


@pytest.mark.parametrize("typed, who, idea", [
    ("@chat @tom A bigger garden", Who("person", "p-tom", "chat"), "A bigger garden"),
    ("@after @ann   Later idea", Who("person", "p-ann", "after"), "Later idea"),
    ("@chat A bigger garden", Who("chat"), "A bigger garden"),
    ("@tom A bigger garden", Who("person", "p-tom"), "A bigger garden"),
    ("\t  @tom\tA bigger garden \n", Who("person", "p-tom"), "A bigger garden"),
    ("   A bigger garden   ", Who("person", "p-ann"), "A bigger garden"),
    ("@anon\n  line one\n  line two\n", Who("anonymous"), "line one\n  line two"),
])
def test_who_and_the_idea_trimmed_only_at_its_ends(typed, who, idea):
    assert parse_capture(typed, PRESENT, speaker="p-ann") == (who, idea)


def test_the_way_a_named_idea_came_is_kept_in_its_tags_and_read_back():
    who, _ = parse_capture("@chat @tom Hello", PRESENT, speaker=None)
    assert who.tags == ["chat"]
    again = Who.of("person", "p-tom", who.tags)
    assert again == who
    assert again.describe({"p-tom": TOM}) == "Tom Reilly (via the chat)"
    assert Who.of("person", "p-tom", ["other"]).describe({"p-tom": TOM}) == "Tom Reilly"


@pytest.mark.parametrize("typed, says", [
    ("@anon @tom Hello", "An anonymous idea has no name"),
    ("@chat @chat Hello", "Type the person's name after @chat"),
    ("@chat @ Hello", "Type the person's name after @chat"),
    ("@ Hello", "Type a name after @"),
])
def test_a_name_that_cannot_be_given_is_refused_in_words(typed, says):
    with pytest.raises(ValidationError, match=says):
        parse_capture(typed, PRESENT, speaker=None)


def test_a_whole_name_typed_with_its_spaces_is_taken_whole():
    """Found in a terminal: "@Zoë Smith lower the counter" credited Zoë and kept
    "Smith lower the counter" as the idea."""
    zoe = Person(id="p-zoe", name="Zoë 🎉 Smith", role="carer")
    p0, p1 = (Person(id=f"p-{n}", name=f"Person {n}", role="carer") for n in (0, 10))
    present = [*PRESENT, zoe, p0, p1]
    cases = {
        "@Zoë Smith lower the counter": ("p-zoe", "lower the counter"),
        "@Zoë lower the counter": ("p-zoe", "lower the counter"),
        "@zoe smith lower it": ("p-zoe", "lower it"),  # without her accent, as typed quickly
        "@Person 0 add braille signs": ("p-0", "add braille signs"),
        "@Person 10 more benches": ("p-10", "more benches"),
        "@Ann Lee   said\nthis": ("p-ann", "said\nthis"),
        "@ann lee": ("p-ann", ""),
        "@Tom Reilly Reilly's idea": ("p-tom", "Reilly's idea"),
    }
    for typed, (person, idea) in cases.items():
        assert parse_capture(typed, present, speaker=None) == (Who("person", person), idea), typed
    who, idea = parse_capture("@chat @Ann Lee from home", present, speaker=None)
    assert (who, idea) == (Who("person", "p-ann", "chat"), "from home")
    assert parse_card("4 @Ann Lee loved it", present) == (4, "p-ann", "loved it")
    with pytest.raises(ValidationError, match="could be"):
        parse_capture("@Person more benches", present, speaker=None)


def test_a_name_is_found_without_its_accents_or_case():
    jose = Person(id="p-jose", name="José Núñez", role="carer")
    siobhan = Person(id="p-siobhan", name="Siobhán Ó Briain", role="family")
    present = [*PRESENT, jose, siobhan]
    for typed, person in (("@jose hi", "p-jose"), ("@NUNEZ hi", "p-jose"),
                          ("@siobhan hi", "p-siobhan"), ("@Siobhan O Briain hi", "p-siobhan")):
        assert parse_capture(typed, present, speaker=None) == (Who("person", person), "hi"), typed


@settings(max_examples=300, deadline=None)
@given(names=st.lists(st.text(min_size=1, max_size=30).filter(str.strip), min_size=1,
                      max_size=5),
       typed=st.text(max_size=80))
def test_whatever_follows_at_is_refused_in_words_or_split_without_losing_a_character(
        names, typed):
    """Any names (markup, right-to-left, emoji, names that are words) and anything typed
    after @: a plain refusal, or a person present and the rest of what was typed, as
    typed (only blank space at its ends trimmed)."""
    try:  # (a name the model refuses, such as one of control characters only, is no one)
        present = [Person(id=f"p{n}", name=name, role="carer")
                   for n, name in enumerate(names)]
    except ValidationError:
        assume(False)
    try:
        who, idea = parse_capture("@" + typed, present, speaker=None)
    except ValidationError:
        return
    if who.person_id is not None:
        assert who.person_id in {p.id for p in present}
    assert ("@" + typed).strip().endswith(idea)
