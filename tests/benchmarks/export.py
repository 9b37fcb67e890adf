"""Word minutes for a big session: 60 attendees, 600 ideas, 60 decisions, 100 actions,
and 1,000 more people in the data folder whose names are looked for in its free text.

Ours: ``coprod_tui.exports.formats.render(data, "minutes")``, the bytes of the .docx
from a loaded session (what ``coprod export`` and the Share screen write).
Baseline: a bare python-docx script writing the same paragraphs (same text,
same style names) and the same tables and rows (same cell text) in the same
order, read back once from our own document before timing, then saved to
bytes. Each side is warmed up once (python-docx imported, caches filled);
the runs alternate.
"""

from __future__ import annotations

import io
import time

from coprod_tui.exports.formats import render
from coprod_tui.templates import default_wording

from .common import Figure, Settings, alternate, compare, ratio_figure
from tests.big_session import big_session

WORDING = default_wording()


def blocks_of(payload: bytes) -> list[tuple[str, str | None, object]]:
    """The document's body in order: ("p", style name, text) or ("t", None, rows)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = docx.Document(io.BytesIO(payload))
    blocks: list[tuple[str, str | None, object]] = []
    for element in doc.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(element, doc)
            blocks.append(("p", p.style.name if p.style is not None else None, p.text))
        elif tag == "tbl":
            table = Table(element, doc)
            blocks.append(("t", None, [[cell.text for cell in row.cells]
                                       for row in table.rows]))
    return blocks


def bare_docx(blocks: list[tuple[str, str | None, object]]) -> bytes:
    """The baseline: python-docx's plain API, nothing else."""
    import docx

    doc = docx.Document()
    known = {s.name for s in doc.styles}
    for kind, style, content in blocks:
        if kind == "p":
            doc.add_paragraph(content, style=style if style in known else None)
        else:
            rows = content
            table = doc.add_table(rows=0, cols=len(rows[0]))
            table.style = "Table Grid"
            for values in rows:
                for cell, value in zip(table.add_row().cells, values):
                    cell.text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def export(ws, settings: Settings) -> list[Figure]:
    # A thousand more people in the folder: every one is looked for in the free text.
    data = big_session(folder=1000)
    blocks = blocks_of(render(data, "minutes", WORDING))
    paragraphs = sum(1 for b in blocks if b[0] == "p")
    rows = sum(len(b[2]) for b in blocks if b[0] == "t")
    assert paragraphs > 600 and rows > 100, (paragraphs, rows)

    def ours() -> float:
        started = time.perf_counter()
        render(data, "minutes", WORDING)
        return time.perf_counter() - started

    def baseline() -> float:
        started = time.perf_counter()
        bare_docx(blocks)
        return time.perf_counter() - started

    mine, base = alternate(ours, baseline, settings.exports, warmup=1)
    return [ratio_figure("export: Word minutes (60/600/60/100, 1,000 in folder)",
                         compare(mine, base, repeats=len(mine)), "ms", 1.5, scale=1000,
                         also_below=1000)]
