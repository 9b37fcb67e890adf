"""The Word exports open in a real word processor: LibreOffice turns them into PDFs
whose text holds what the documents promise (and nothing private)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coprod_tui.demo import add_demo
from coprod_tui.exports.formats import export_group, export_session
from coprod_tui.templates import default_wording

WORDING = default_wording()
from coprod_tui.service import Service

# One worker takes both tests, so LibreOffice converts the documents once.
pytestmark = [pytest.mark.soffice, pytest.mark.xdist_group("libreoffice-pdf")]

SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")


def to_pdf(files: list[Path], out: Path, profile: Path) -> None:
    """Convert with a private LibreOffice profile, so runs never clash."""
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr


def pdf_text(path: Path) -> str:
    out = subprocess.run([PDFTOTEXT, str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, Path]:
    """The demo's first session in every format, and the group's You said, We did, as
    Word files, each also converted to PDF by one LibreOffice run (a start of it costs
    seconds): ``{fmt}`` → the .docx, ``{fmt}.pdf`` → its PDF."""
    from coprod_tui.store import open_store

    root = tmp_path_factory.mktemp("pdf")
    docs, pdfs = root / "docx", root / "pdf"
    docs.mkdir()
    with open_store(root / "data") as store:
        add_demo(Service(store))
        first = store.summaries()[-1].id
        # A correction after closing, so the Corrections part is rendered too.
        file = Service(store).session(first)
        decision = file.decisions()[0]
        file.correct("decision", decision.id,
                     reasons=decision.reasons + " Everyone agreed again.")
        file.release()
        files = {fmt: export_session(Service(store), first, fmt, docs / f"{fmt}.docx",
                                     wording=WORDING)
                 for fmt in ("minutes", "easy-read", "you-said-we-did")}
        files["group"] = export_group(Service(store), "Riverside", "you-said-we-did",
                                      docs / "group.docx", wording=WORDING)
    to_pdf(list(files.values()), pdfs, root / "lo-profile")
    return {**files, **{f"{fmt}.pdf": pdfs / f"{fmt}.pdf" for fmt in files}}


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler's pdftotext is not installed")
def test_every_format_converts_to_a_pdf_with_the_expected_text(converted):
    expected = {
        "minutes": ["Getting started: what makes a good short stay?",
                    "Minutes of the Riverside Short Stay Co-production Group meeting",
                    "Who took part", "Maya Okafor", "Carer 1",
                    "Decision 1: The design will include a sensory room.",
                    "Actions (You said, We did)", "Evidence of involvement",
                    "Comment cards", "'I' statements check", "Corrections",
                    "Page 1 of"],
        "easy-read": ["About the meeting", "Maya Okafor said:", "We decided:",
                      "Jobs to do after the meeting", "How people felt",
                      "Changes to these notes", "Page 1 of"],
        "you-said-we-did": ["You said, We did", "You said", "We decided (decision 1):",
                            "We did: The architects added a sensory room",
                            "We were not able to, because:"],
        "group": ["We did", "We could not", "Still being worked on",
                  "The meeting on 18 June 2026", "We did: The architects added a sensory room",
                  "Page 1 of"],
    }
    for fmt, phrases in expected.items():
        pdf = converted[f"{fmt}.pdf"]
        assert pdf.exists(), f"{fmt} did not convert"
        text = pdf_text(pdf)
        for phrase in phrases:
            assert phrase in text, (fmt, phrase)
        for private in ("Priya Shah", "Daniel Hughes", "Joan Murphy"):
            assert private not in text, (fmt, private)
        assert not re.search(r"Page \d+ of 0", text)

    fonts = shutil.which("pdffonts")
    if fonts:  # the easy read's fonts, as embedded: sans-serif only
        listing = subprocess.run([fonts, str(converted["easy-read.pdf"])], capture_output=True,
                                 text=True, check=True).stdout
        names = [line.split()[0] for line in listing.splitlines()[2:] if line.strip()]
        assert names and all(re.search("Sans|Arial|Helvetica|OpenSymbol|Symbol", n)
                             for n in names), names


PDFTOHTML = shutil.which("pdftohtml")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.skipif(PDFTOHTML is None, reason="poppler's pdftohtml is not installed")
def test_the_easy_reads_two_columns_survive_libreoffice(converted, tmp_path):
    """Every picture is in the left column with its first line beside it, and every
    line of words (but headings and the page footer) starts right of the pictures."""
    import xml.etree.ElementTree as ET

    import docx

    document = docx.Document(str(converted["easy-read"]))
    headings = [p.text for p in document.paragraphs
                if p.style.name.startswith("Heading") or p.style.name == "Title"]
    pictures_in_docx = len(list(document.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}inline")))
    # pdftohtml -xml: every text line and picture with its place on the page.
    result = subprocess.run([PDFTOHTML, "-xml", "-hidden", "-q", str(converted["easy-read.pdf"]),
                             str(tmp_path / "layout")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    root = ET.parse(tmp_path / "layout.xml").getroot()
    pictures = 0
    for page in root.iter("page"):
        images = [(int(i.get("left")), int(i.get("top")), int(i.get("width")),
                   int(i.get("height"))) for i in page.iter("image")]
        lines = [(int(t.get("left")), int(t.get("top")), int(t.get("height")),
                  "".join(t.itertext()).strip()) for t in page.iter("text")]
        # A long heading or title wraps: any line of one is left out.
        words = [line for line in lines if line[3] and not any(line[3] in h for h in headings)
                 and not re.fullmatch(r"Page \d+ of \d+", line[3])]
        pictures += len(images)
        if not images:
            continue
        column = max(left + width for left, _, width, _ in images)
        assert len({left for left, *_ in images}) == 1, page.get("number")  # one column
        for left, top, width, height in images:
            assert width >= 80 and abs(width - height) <= 2  # 2 cm square, not squashed
            middle = top + height / 2
            beside = [line for line in words if line[1] <= middle <= line[1] + line[2]]
            assert beside and all(line[0] > left + width for line in beside), (
                page.get("number"), top)
        for left, _top, _, text in words:
            assert left > column, (page.get("number"), text)
    assert pictures == pictures_in_docx
