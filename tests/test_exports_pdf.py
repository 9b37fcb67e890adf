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

pytestmark = pytest.mark.soffice

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


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler's pdftotext is not installed")
def test_every_format_converts_to_a_pdf_with_the_expected_text(store, tmp_path):
    add_demo(Service(store))
    first = store.summaries()[-1].id
    # A correction after closing, so the Corrections part is rendered too.
    file = Service(store).session(first)
    decision = file.decisions()[0]
    file.correct("decision", decision.id, reasons=decision.reasons + " Everyone agreed again.")
    file.release()

    docs = tmp_path / "docx"
    docs.mkdir()
    files = {fmt: export_session(Service(store), first, fmt, docs / f"{fmt}.docx", wording=WORDING)
             for fmt in ("minutes", "easy-read", "you-said-we-did")}
    files["group"] = export_group(Service(store), "Riverside", "you-said-we-did", docs / "group.docx",
                                  wording=WORDING)
    pdfs = tmp_path / "pdf"
    to_pdf(list(files.values()), pdfs, tmp_path / "lo-profile")

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
        "you-said-we-did": ["You said, We did", "Together we decided:",
                            "We did: The architects added a sensory room",
                            "We were not able to do this, because:"],
        "group": ["What we did", "What we were not able to do",
                  "What we are still working on", "At the meeting on 18 June 2026",
                  "Page 1 of"],
    }
    for fmt, phrases in expected.items():
        pdf = pdfs / f"{fmt}.pdf"
        assert pdf.exists(), f"{fmt} did not convert"
        text = pdf_text(pdf)
        for phrase in phrases:
            assert phrase in text, (fmt, phrase)
        for private in ("Priya Shah", "Daniel Hughes", "Joan Murphy"):
            assert private not in text, (fmt, private)
        assert not re.search(r"Page \d+ of 0", text)

    fonts = shutil.which("pdffonts")
    if fonts:  # the easy read's fonts, as embedded: sans-serif only
        listing = subprocess.run([fonts, str(pdfs / "easy-read.pdf")], capture_output=True,
                                 text=True, check=True).stdout
        names = [line.split()[0] for line in listing.splitlines()[2:] if line.strip()]
        assert names and all(re.search("Sans|Arial|Helvetica|OpenSymbol|Symbol", n)
                             for n in names), names
