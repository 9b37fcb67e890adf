"""What is typed in Run's box: who raised it, and the idea, trimmed one way (issue 14)."""

from __future__ import annotations

import pytest

from coprod_tui.capture import Who, parse_capture
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
