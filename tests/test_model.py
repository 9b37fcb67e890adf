"""The model refuses what a facilitator must not record, in plain words."""

from __future__ import annotations

import pytest

from coprod_tui.errors import ValidationError
from coprod_tui.model import Action, AuditAnswer, Decision, Feedback, Idea, Person, Session
from coprod_tui.text import clean_line, clean_long


def test_decision_without_reasons_is_refused():
    with pytest.raises(ValidationError, match="needs its reasons"):
        Decision(text="Paint it blue", reasons="   ")


def test_vote_needs_counts_and_only_votes_have_them():
    with pytest.raises(ValidationError, match="number for and against"):
        Decision(text="x", reasons="y", method="vote")
    with pytest.raises(ValidationError, match="only kept when the decision was a vote"):
        Decision(text="x", reasons="y", method="consensus", votes_for=3)
    d = Decision(text="x", reasons="y", method="vote", votes_for=3, votes_against=1)
    assert (d.votes_for, d.votes_against, d.votes_abstain) == (3, 1, None)


def test_action_not_able_needs_a_reason_and_done_needs_an_outcome():
    with pytest.raises(ValidationError, match="Say why it could not be done"):
        Action(text="Buy paint", status="not_able")
    with pytest.raises(ValidationError, match="Say what was done"):
        Action(text="Buy paint", status="done")
    assert Action(text="Buy paint", status="not_able", reason="No budget").reason == "No budget"


def test_idea_from_a_person_must_say_who():
    with pytest.raises(ValidationError, match="which person"):
        Idea(text="More light", raised_by="person")
    with pytest.raises(ValidationError, match="cannot be empty"):
        Idea(text="  \n ")


def test_statement_answered_no_asks_what_will_change():
    with pytest.raises(ValidationError, match="what will change"):
        AuditAnswer(statement=6, answers=["yes", "no"])
    with pytest.raises(ValidationError, match="8 'I' statements"):
        AuditAnswer(statement=9)


def test_feedback_levels_are_one_to_four():
    with pytest.raises(ValidationError, match="four levels"):
        Feedback(level=5)


def test_markup_emoji_and_rtl_are_kept_exactly():
    text = "[b]oops[/ 😀 مرحبا e\u0301 \u202eabc"
    assert Idea(text=text).text == text


def test_control_characters_and_surrogates_are_normalised():
    assert clean_long("a\x00b\x07c\r\nd\re\x1bf\ud800g", what="x") == "abc\nd\nef\ufffdg"
    assert clean_line("  two\nlines\tand tab ", what="x") == "two lines and tab"


def test_short_fields_have_a_clear_length_limit():
    with pytest.raises(ValidationError, match="too long"):
        Person(name="x" * 201)
    # A whole pasted document fits in an idea.
    assert len(Idea(text="y" * 1_000_000).text) == 1_000_000


def test_session_fields_are_checked():
    with pytest.raises(ValidationError, match="date like"):
        Session(group_id="g", title="t", date="14/03/2026")
    with pytest.raises(ValidationError, match="time like"):
        Session(group_id="g", title="t", start="ten")
    with pytest.raises(ValidationError, match="engagement method"):
        Session(group_id="g", title="t", methods=["chatting"])


def test_from_dict_names_the_bad_field():
    with pytest.raises(ValidationError, match="idea 'text' should be text"):
        Idea.from_dict({"text": 5})
    with pytest.raises(ValidationError, match="missing its 'reasons'"):
        Decision.from_dict({"text": "x"})
    with pytest.raises(ValidationError, match="should be a set of named fields"):
        Idea.from_dict(["x"])


def test_round_trip_through_dict_is_exact():
    d = Decision(text="x", reasons="y", method="vote", votes_for=2, votes_against=0,
                 idea_ids=["0123456789abcdef0123456789abcdef"], differing_views="z")
    assert Decision.from_dict(d.to_dict()) == d


def test_how_people_are_named_follows_every_change_to_consent_and_names():
    """``public_names`` is kept between calls (the Run screen asks after every idea); a
    change of consent, role or name is seen at once, even one made to a record in place."""
    from coprod_tui.model import Attendance, Group, SessionData

    ann, bob = Person(name="Ann Lee", role="carer"), Person(name="Bob Stone", role="carer")
    data = SessionData(
        session=Session(group_id="g", title="Meeting"), group=Group(id="g", name="Friends"),
        people={p.id: p for p in (ann, bob)}, everyone={p.id: p for p in (ann, bob)},
        attendance=[Attendance(person_id=ann.id, status="present", role="carer",
                               consent_to_be_named=True),
                    Attendance(person_id=bob.id, status="present", role="carer")])
    assert data.public_names() == {ann.id: "Ann Lee", bob.id: "Carer 1"}
    data.attendance[0].consent_to_be_named = False  # changed in place
    assert data.public_names() == {ann.id: "Carer 1", bob.id: "Carer 2"}
    data.attendance[1].consent_to_be_named = True
    bob.name = "Robert Stone"
    assert data.public_names() == {ann.id: "Carer 1", bob.id: "Robert Stone"}
    data.public_names()[bob.id] = "changed by a caller"
    assert data.public_names()[bob.id] == "Robert Stone"


def test_ids_are_random_version_4_uuids():
    import uuid

    from coprod_tui.clock import new_id

    ids = {new_id() for _ in range(2000)}
    assert len(ids) == 2000
    for value in list(ids)[:200]:
        parsed = uuid.UUID(hex=value)
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122
        assert parsed.hex == value
