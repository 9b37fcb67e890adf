"""Word minutes for a big session: 60 attendees, 600 ideas, 60 decisions, 100 actions,
and 1,000 more people in the data folder whose names are looked for in its free text.

Ours: ``coprod_tui.exports.formats.render(data, "minutes")``, the bytes of the .docx
from a loaded session (what ``coprod export`` and the Share screen write).
Each python-docx script writes the same paragraphs (same text, same style) and
the same tables and rows (same cell text) in the same order, read back once
from our own document (and checked to be the same in what it wrote), then
saved to bytes. Their source is below:

baseline: ``competent_docx``
    a competent script with the public API: styles looked up once, no style
    for Normal paragraphs, ``add_row()`` once per row;
floor: ``expert_docx``
    python-docx at its quickest: style ids written directly, the template's
    unused table styles removed (what coprod's own writer does);
``naive_docx``
    the old baseline, labelled naïve (full run only): the style passed by name to every
    paragraph (python-docx then scans all styles on each one).

Each side is warmed up once (python-docx imported, caches filled); the runs
rotate.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable

from coprod_tui.exports.formats import render
from coprod_tui.templates import default_wording

from .common import Figure, Settings, alternate, compare, ratio_figure, reported_ratio
from tests.big_session import big_session

WORDING = default_wording()
#: The session exported: attendees, ideas, decisions, actions, more people in the folder.
SIZE = {"attendees": 60, "ideas": 600, "decisions": 60, "actions": 100, "folder": 1000}
#: With ``--tiny`` (the tests of the machinery; its figures mean nothing).
TINY = {"attendees": 4, "ideas": 12, "decisions": 4, "actions": 4, "folder": 20}


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


def naive_docx(blocks: list[tuple[str, str | None, object]]) -> bytes:
    """Naïve python-docx (the old baseline, kept for comparison only): the style
    passed by name to every paragraph, which makes python-docx look it up, and
    scan every style for the default, each time."""
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


def competent_docx(blocks: list[tuple[str, str | None, object]]) -> bytes:
    """The baseline: what a competent python-docx script does, public API only.

    Each style is looked up once; a Normal paragraph gets no style at all (it is
    the default); each table row is added once with ``add_row()`` and its cells
    filled from the row it returns.
    """
    import docx

    doc = docx.Document()
    styles: dict[str | None, object] = {None: None, "Normal": None}
    by_name = {s.name: s for s in doc.styles}
    grid = by_name["Table Grid"]
    for kind, name, content in blocks:
        if kind == "p":
            if name not in styles:
                styles[name] = by_name.get(name)
            paragraph = doc.add_paragraph(content)
            if styles[name] is not None:
                paragraph.style = styles[name]
        else:
            rows = content
            table = doc.add_table(rows=0, cols=len(rows[0]))
            table.style = grid
            for values in rows:
                for cell, value in zip(table.add_row().cells, values):
                    cell.text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def expert_docx(blocks: list[tuple[str, str | None, object]]) -> bytes:
    """The floor: python-docx at its quickest, as coprod's own writer works.

    As ``competent_docx``, and besides: the style id is written into each
    paragraph directly (python-docx's ``style`` setter scans every style for the
    default on each assignment), and the template's hundred unused table styles
    are removed before saving.
    """
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document()
    ids = {s.name: s.style_id for s in doc.styles}
    ids.pop("Normal", None)
    element = doc.styles.element
    for style in element.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) != "TableGrid":
            element.remove(style)
    for kind, name, content in blocks:
        if kind == "p":
            paragraph = doc.add_paragraph(content)
            if name in ids:
                paragraph._p.get_or_add_pPr().style = ids[name]
        else:
            rows = content
            table = doc.add_table(rows=0, cols=len(rows[0]))
            table._tbl.tblPr.style = "TableGrid"
            for values in rows:
                for cell, value in zip(table.add_row().cells, values):
                    cell.text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _same_document(mine: list[tuple[str, str | None, object]], theirs: bytes) -> None:
    """The two documents hold the same paragraphs (text and style) and tables
    (``mine``: our document's blocks, read once)."""
    other = blocks_of(theirs)
    if [(k, s if s != "Normal" else None, c) for k, s, c in mine] != [
            (k, s if s != "Normal" else None, c) for k, s, c in other]:
        raise RuntimeError("the baseline wrote a different document")


def timer(work: Callable[..., object], *args: object) -> Callable[[], float]:
    """A sample: how long one call of ``work(*args)`` takes, in seconds."""
    def sample() -> float:
        started = time.perf_counter()
        work(*args)
        return time.perf_counter() - started
    return sample


def export(ws, settings: Settings) -> list[Figure]:
    # A thousand more people in the folder: every one is looked for in the free text.
    size = TINY if settings.tiny else SIZE
    data = big_session(**size)
    payload = render(data, "minutes", WORDING)
    blocks = blocks_of(payload)
    paragraphs = sum(1 for b in blocks if b[0] == "p")
    rows = sum(len(b[2]) for b in blocks if b[0] == "t")
    assert paragraphs > size["ideas"] and rows > size["actions"], (paragraphs, rows)
    # The naïve script is timed in the full run only (two seconds a sample: the
    # quick run in CI has a time limit, and nothing is judged on it).
    scripts = {"competent": competent_docx, "expert": expert_docx}
    if not settings.quick:
        scripts["naive"] = naive_docx
    for script in scripts.values():
        _same_document(blocks, script(blocks))

    sides = {"ours": timer(render, data, "minutes", WORDING)}
    sides.update((name, timer(script, blocks)) for name, script in scripts.items())
    samples: dict[str, list[float]] = {name: [] for name in sides}
    warm = settings.warmups
    for i in range(warm + settings.exports):  # rotating; the first round warms up (not tiny)
        for name, sample in sides.items():
            took = sample()
            if i >= warm:
                samples[name].append(took)
    n = len(samples["ours"])
    shape = "/".join(str(size[k]) for k in ("attendees", "ideas", "decisions", "actions"))
    rows = [ratio_figure(
        f"export: Word minutes ({shape}, {size['folder']:,} in folder) vs competent "
        "python-docx",
        compare(samples["ours"], samples["competent"], repeats=n), "ms", 0.5,
        scale=1000, also_below=1000,
        floor=compare(samples["ours"], samples["expert"], repeats=n))]
    if "naive" in samples:
        rows.append(reported_ratio(
            "export: the same vs naïve python-docx (the old baseline)",
            compare(samples["ours"], samples["naive"], repeats=n), "ms", scale=1000))
    if not settings.quick:
        rows.append(easy_read(settings, size))
    return rows


def pictured_paragraphs(payload: bytes) -> list[tuple[str, bytes | None]]:
    """The easy read's paragraphs in order: text, and the picture beside it (PNG)."""
    import docx

    doc = docx.Document(io.BytesIO(payload))
    out: list[tuple[str, bytes | None]] = []
    for p in doc.paragraphs:
        blip = p._p.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
        png = None
        if blip is not None:
            r_id = blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/"
                            "relationships}embed")
            png = doc.part.related_parts[r_id].blob
        out.append((p.text, png))
    return out


def bare_pictured_docx(paragraphs: list[tuple[str, bytes | None]]) -> bytes:
    """The baseline: python-docx's plain API, a picture added with ``add_picture``."""
    import docx
    from docx.shared import Cm

    doc = docx.Document()
    for text, png in paragraphs:
        p = doc.add_paragraph()
        if png is not None:
            p.add_run().add_picture(io.BytesIO(png), width=Cm(2))
        p.add_run(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def easy_read(settings: Settings, size: dict[str, int]) -> Figure:
    """The easy read of a quarter of that session: a picture beside each of about 300
    points (the full run only: its baseline is slow)."""
    quarter = {k: size[k] // 4 for k in ("ideas", "decisions", "actions")}
    data = big_session(attendees=size["attendees"], **quarter, folder=size["folder"])
    paragraphs = pictured_paragraphs(render(data, "easy-read", WORDING))
    assert sum(1 for _, png in paragraphs if png) > 250 * size["ideas"] // SIZE["ideas"]

    mine, base = alternate(timer(render, data, "easy-read", WORDING),
                           timer(bare_pictured_docx, paragraphs), settings.exports,
                           warmup=settings.warmups)
    shape = "/".join(str(n) for n in (size["attendees"], *quarter.values()))
    return ratio_figure(f"export: easy read with pictures ({shape})",
                        compare(mine, base, repeats=len(mine)), "ms", 1.5, scale=1000,
                        also_below=1000)
