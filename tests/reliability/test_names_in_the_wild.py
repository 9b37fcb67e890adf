"""Consent holds for names as people really write them (issue 11, attack findings F1-F5).

An outside attacker broke the first version of the name rule in five ways, each
reproduced here as a user would meet it, through the real documents:

* F1: replacing a name inside a proper noun or a date told the reader who a
  label is ("Carer 2 Lane Carers", "St Carer 3's Trust", "12 Person using
  services 1"), and the Run screen warned about "meet 3 May";
* F2: the export's file name was built from the raw title, so it named the
  person the document calls "Carer 1";
* F3: ordinary ways of writing a name were missed: "sam said", "@sam", an
  email address, "Sam-led", "the Whitfields", a name typed without its accents,
  "Mary Ann" for Mary-Ann, "STRAUSS" for Strauß;
* F4: someone on the roster who was not marked at this session (or who
  belongs to another group) was never looked for;
* F5: a consenting person's shown name carried someone else's name.
"""

from __future__ import annotations

import re

from coprod_tui.consent import redactor, warnings
from coprod_tui.exports.formats import export_group, export_session, render
from coprod_tui.model import NextMeeting
from coprod_tui.templates import default_wording
from tests.conftest import run_cli

from .test_consent_free_text import document_text, parts_text

DOCUMENTS = ("minutes", "easy-read", "you-said-we-did")
WORDING = default_wording()
LABEL = re.compile(r"(Carer|Person using services|Family member|Participant) \d+")


def add_people(service, group, *specs):
    """People added to ``group``: (name, role[, consenting])."""
    return [service.groups.add_person(group.id, name=s[0], role=s[1],
                                      consent_to_be_named=bool(s[2:] and s[2]))
            for s in specs]


# -- F1: proper nouns and dates are not people -----------------------------------------

def test_f1_proper_nouns_and_dates_keep_their_words_and_tie_no_label_to_a_name(service):
    group = service.groups.add_group(
        name="Green Lane Carers", organisation="St Mary's Trust", purpose="Plan for May",
        conduct="Be kind")
    hope, sam, mary, may = add_people(service, group, ("Hope Adams", "carer"),
                                      ("Sam Green", "carer"), ("Mary Jones", "carer"),
                                      ("May Chen", "uses_services"))
    file = service.create_session(group.id, "Spring meeting",
                                  venue="Hope Street Community Centre")
    for person in (hope, sam, mary, may):
        file.mark(person.id, "present")
    file.add_idea("Ask St Mary's Trust to fund the Green Lane minibus")
    file.add_idea("We meet again on 12 May. In May the garden opens; it shuts at the end "
                  "of May. Hope asked for ramps, Green agreed and May said yes.")
    file.start()
    file.close(NextMeeting(venue="Hope Street Community Centre",
                           note="Next on 3 May at the library"))
    data = service.snapshot(file.id)
    file.release()
    labels = data.public_names()
    assert [labels[p.id] for p in (hope, sam, mary, may)] == [
        "Carer 1", "Carer 2", "Carer 3", "Person using services 1"]

    minutes = document_text(render(data, "minutes", WORDING))
    for line in ("Group: Green Lane Carers", "Organisation: St Mary's Trust",
                 "Venue: Hope Street Community Centre", "Purpose: Plan for May",
                 "Ask St Mary's Trust to fund the Green Lane minibus",
                 "We meet again on 12 May. In May the garden opens; it shuts at the end of "
                 "May. Carer 1 asked for ramps, Carer 2 agreed and Person using services 1 "
                 "said yes.",
                 "Next on 3 May at the library"):
        assert line in minutes, line
    for fmt in DOCUMENTS:
        parts = parts_text(render(data, fmt, WORDING))
        for part, text in parts.items():
            # A label never stands where a word of a proper noun or a date stood.
            assert not re.search(LABEL.pattern + r"(?:'s)? (?:Lane|Street|Trust)", text), \
                (fmt, part)
            assert not re.search(r"\d " + LABEL.pattern, text), (fmt, part)
            assert "St Carer" not in text, (fmt, part)
        if fmt != "you-said-we-did":
            # Who the document is from: the organisation, as it is called.
            assert "St Mary's Trust" in parts["docProps/core.xml"], fmt
    # The Run screen's warning is the same rule: a date is not a person.
    assert warnings(data, "meet 3 May at Hope Street, or in May") == []
    assert warnings(data, "May said yes") == [
        "May Chen did not agree to be named: the minutes will say 'Person using services 1'."]


# -- F2: the file name is as private as the document ---------------------------------------

def test_f2_the_export_file_name_is_built_from_the_redacted_title(store, service, data_dir,
                                                                  tmp_path):
    group = service.groups.add_group(name="Riverside")
    sam, = add_people(service, group, ("Sam Whitfield", "carer"))
    file = service.create_session(group.id, "Catch-up with Sam Whitfield")
    file.mark(sam.id, "present")
    sid = file.id
    file.release()
    (tmp_path / "api").mkdir()
    (tmp_path / "cli").mkdir()
    for fmt in ("minutes", "easy-read", "you-said-we-did"):
        path = export_session(service, sid, fmt, tmp_path / "api", wording=WORDING)
        assert "Sam" not in path.name and "Whitfield" not in path.name, path.name
        assert "Catch-up with Carer 1" in path.name, path.name
    store.close()
    out = run_cli("export", sid, "--format", "minutes", "-o", str(tmp_path / "cli"),
                  data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    (written,) = (tmp_path / "cli").iterdir()
    assert "Whitfield" not in written.name and "Catch-up with Carer 1" in written.name


# -- F3: every ordinary way of writing a name ------------------------------------------------

WRITTEN = [
    ("ask sam about the bus", "ask Carer 1 about the bus"),
    ("sam said no", "Carer 1 said no"),
    ("SAM said no", "Carer 1 said no"),
    ("thanks @sam and @Whitfield", "thanks Carer 1 and Carer 1"),
    ("mail sam.whitfield@council.gov.uk today", "mail Carer 1 today"),
    ("a Sam-led walk", "a Carer 1-led walk"),
    ("the Whitfields came", "the Carer 1 came"),
    ("Sam’s idea", "Carer 1’s idea"),
    ("Jose said, and jose alvarez agreed", "Carer 2 said, and Carer 2 agreed"),
    ("JOSÉ ÁLVAREZ", "Carer 2"),
    ("Mary Ann asked; Mary-Ann Smith too", "Carer 3 asked; Carer 3 too"),
    ("JOHANN STRAUSS and johann strauss", "Carer 4 and Carer 4"),
    ("Zoe asked", "Carer 5 asked"),
    ("Siobhan asked, and siobhan o’neil", "Carer 6 asked, and Carer 6"),
    ("priya will come", "Carer 7 will come"),
    # Still never inside another word, nor a compound name.
    ("Samantha, Anne-Mary, sample, samwise", "Samantha, Anne-Mary, sample, samwise"),
]


def test_f3_names_written_in_lower_case_without_accents_or_joined_are_found(service):
    group = service.groups.add_group(name="G")
    people = add_people(service, group, *[(n, "carer") for n in (
        "Sam Whitfield", "José Álvarez", "Mary-Ann Smith", "Johann Strauß", "Zoë Kay",
        "Siobhán O'Neil", "Priya Absent")])
    file = service.create_session(group.id, "M")
    for person in people:
        file.mark(person.id, "present")
    for text, _ in WRITTEN:
        file.add_idea(text)
    data = service.snapshot(file.id)
    file.release()
    shared = redactor(data)
    assert [shared(text) for text, _ in WRITTEN] == [want for _, want in WRITTEN]
    minutes = document_text(render(data, "minutes", WORDING))
    for _, want in WRITTEN:
        assert want in minutes, want
    # And the Run screen says so when such a name is typed.
    assert warnings(data, "ask sam about the bus") == [
        "Sam Whitfield did not agree to be named: the minutes will say 'Carer 1'."]


# -- F4: everyone in the data folder is looked for -----------------------------------------------

def test_f4_people_not_at_this_session_are_looked_for_and_labelled_without_a_number(service):
    group = service.groups.add_group(name="Riverside")
    other = service.groups.add_group(name="Another group")
    sam, named, priya = add_people(service, group, ("Sam Whitfield", "carer"),
                                   ("Maya Named", "uses_services", True),
                                   ("Priya Absent", "family"))
    olu, kofi = add_people(service, other, ("Olu Brightwater", "carer"), ("Kofi Mensah", "carer"))
    file = service.create_session(group.id, "Catch-up")
    file.mark(sam.id, "present")
    file.mark(named.id, "present")
    file.add_idea("Priya Absent sent a note. Priya will come in June; Olu Brightwater "
                  "and kofi too. Sam agreed with Maya Named.")
    data = service.snapshot(file.id)
    file.release()
    minutes = document_text(render(data, "minutes", WORDING))
    assert ("A group member sent a note. A group member will come in June; someone and "
            "someone too. Carer 1 agreed with Maya Named.") in minutes
    for fmt in DOCUMENTS:
        for part, text in parts_text(render(data, fmt, WORDING)).items():
            for word in ("Priya", "Absent", "Olu", "Brightwater", "Kofi", "kofi"):
                assert word not in text, (fmt, part, word)
    group_report = export_group(service, group.name, "you-said-we-did", service.root.parent,
                                wording=WORDING)
    for part, text in parts_text(group_report.read_bytes()).items():
        assert "Priya" not in text and "Olu" not in text, part


# -- F5: a shown name is itself shared text ------------------------------------------------------

def test_f5_a_consenting_persons_shown_name_does_not_name_someone_else(service):
    group = service.groups.add_group(name="Riverside")
    sam, joan = add_people(service, group, ("Sam Whitfield", "uses_services"),
                           ("Joan (Sam Whitfield's mum)", "family", True))
    file = service.create_session(group.id, "Spring meeting")
    file.mark(sam.id, "present")
    file.mark(joan.id, "present")
    file.add_idea("More buses", raised_by="person", person_id=joan.id)
    file.add_action("Ask the bus company", owner_person_id=joan.id)
    data = service.snapshot(file.id)
    file.release()
    assert data.public_names()[joan.id] == "Joan (Person using services 1's mum)"
    for fmt in DOCUMENTS:
        payload = render(data, fmt, WORDING)
        for part, text in parts_text(payload).items():
            assert "Whitfield" not in text and "Sam" not in text, (fmt, part)
    minutes = document_text(render(data, "minutes", WORDING))
    assert "Idea 1 (Joan (Person using services 1's mum))" in minutes
