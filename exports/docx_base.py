"""A Word document set up the way every coprod export needs it.

``DocWriter`` starts from python-docx's blank document made ours
(``docx_setup.new_document``):

* metadata: title, subject, author, en-GB, created now, and none of
  python-docx's leftovers (its name as creator, its comment, its 2013 dates,
  the template's thumbnail, a Mac Word application tag);
* language en-GB in the core properties, the styles' defaults, the Normal
  style and the theme, so spell-checkers and screen readers use British English;
* one sans-serif font everywhere; theme font references are removed because
  Word prefers them over a named font;
* an A4 page with "Page N of M" in the footer;
* real Title / Heading 1 / Heading 2 styles, refusing to skip a level;
* data tables whose first row is a marked, repeating header;
* every piece of text made XML-safe first, so no stored text can break it.

Paragraphs and table rows are written as XML directly. python-docx's
``add_paragraph`` scans the body and every style on each call, which made a
600-idea session take seconds; appending elements keeps an export linear.

python-docx is imported inside ``DocWriter`` only, so importing this module
(and starting coprod) stays fast.
"""

from __future__ import annotations

import io
from typing import Iterable, Sequence

from .docx_setup import (
    HEADER_FILL, TWIPS_PER_CM, XML_SPACE, Look, Meta, new_document, one_line, w,
)
from .xml_safe import safe_text


class B(str):
    """A piece of text to show in bold: ``writer.para(B("Reasons: "), reasons)``."""


#: A paragraph is made of pieces: plain ``str`` or bold ``B``.
Piece = str


class DocWriter:
    """Writes one document top to bottom. Call ``to_bytes()`` at the end."""

    def __init__(self, meta: Meta, look: Look) -> None:
        from lxml import etree

        self._sub = etree.SubElement
        self.look = look
        self._doc = new_document(meta, look)
        self._end = self._doc.element.body.sectPr  # new blocks go just before it
        self._level: int | None = None
        self._after_table = False

    # -- blocks -----------------------------------------------------------------

    def title(self, text: str) -> None:
        self._paragraph([text], style="Title")
        self._level = 0

    def heading(self, text: str, level: int) -> None:
        """Heading 1 or 2. Skipping a level (1 then 3) is a bug in the writer."""
        if not 1 <= level <= (self._level or 0) + 1 or level > 2:
            raise ValueError(f"A level {level} heading here would skip a level.")
        self._paragraph([text], style=f"Heading{level}")
        self._level = level

    def para(self, *pieces: Piece, keep_next: bool = False, gap: bool = False) -> None:
        """A paragraph; ``gap`` adds space above it to start a new block of lines."""
        self._paragraph(pieces, keep_next=keep_next, gap=gap)

    def bullet(self, *pieces: Piece) -> None:
        self._paragraph(pieces, style="ListBullet")

    def listed(self, heading: str, intro: str, items: Sequence[str]) -> None:
        """A part that is a list under its heading, left out when there is nothing in it."""
        if not items:
            return
        self.heading(heading, 1)
        self.para(intro)
        self.bullets(items)

    def bullets(self, items: Iterable[str]) -> None:
        for item in items:
            self._paragraph([item], style="ListBullet")

    def table(self, caption: str, headers: Sequence[str],
              rows: Iterable[Sequence[str | Sequence[Piece | tuple[Piece, ...]]]],
              widths_cm: Sequence[float]
              ) -> None:
        """A data table. The header row is marked so it repeats on every page and
        screen readers announce it; no row is cut across a page. A cell is a string, or a list of paragraphs where
        each is a string or a tuple of pieces (``(B("Label: "), text)``)."""
        sub = self._sub
        if len(headers) != len(widths_cm):
            raise ValueError("A table needs one width per column.")
        widths = [str(round(cm * TWIPS_PER_CM)) for cm in widths_cm]
        tbl = self._end.makeelement(w("tbl"), {})
        tbl_pr = sub(tbl, w("tblPr"))
        sub(tbl_pr, w("tblStyle"), {w("val"): "TableGrid"})
        sub(tbl_pr, w("tblW"), {w("w"): str(sum(int(x) for x in widths)), w("type"): "dxa"})
        sub(tbl_pr, w("tblLayout"), {w("type"): "fixed"})
        cell_margin = sub(tbl_pr, w("tblCellMar"))
        for side, space in (("top", "57"), ("left", "108"), ("bottom", "57"), ("right", "108")):
            sub(cell_margin, w(side), {w("w"): space, w("type"): "dxa"})  # a little air
        sub(tbl_pr, w("tblLook"), {w("val"): "04A0", w("firstRow"): "1", w("lastRow"): "0",
                                   w("firstColumn"): "0", w("lastColumn"): "0",
                                   w("noHBand"): "0", w("noVBand"): "1"})
        sub(tbl_pr, w("tblCaption"), {w("val"): one_line(caption)[:255]})
        grid = sub(tbl, w("tblGrid"))
        for width in widths:
            sub(grid, w("gridCol"), {w("w"): width})

        header = sub(tbl, w("tr"))
        tr_pr = sub(header, w("trPr"))
        sub(tr_pr, w("cantSplit"))
        sub(tr_pr, w("tblHeader"))
        for text, width in zip(headers, widths):
            tc = sub(header, w("tc"))
            tc_pr = sub(tc, w("tcPr"))
            sub(tc_pr, w("tcW"), {w("w"): width, w("type"): "dxa"})
            sub(tc_pr, w("shd"), {w("val"): "clear", w("color"): "auto",
                                  w("fill"): HEADER_FILL})
            self._fill(sub(tc, w("p")), [B(text)])

        for row in rows:
            tr = sub(tbl, w("tr"))
            # A row is read whole: one person's line of the attendance is never cut
            # across two pages (a row taller than a page is still split).
            sub(sub(tr, w("trPr")), w("cantSplit"))
            for value, width in zip(row, widths):
                tc = sub(tr, w("tc"))
                sub(sub(tc, w("tcPr")), w("tcW"), {w("w"): width, w("type"): "dxa"})
                paragraphs = [value] if isinstance(value, str) else list(value) or [""]
                for item in paragraphs:
                    self._fill(sub(tc, w("p")), item if isinstance(item, tuple) else [item])
        self._end.addprevious(tbl)
        self._after_table = True

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self._doc.save(out)
        return out.getvalue()

    # -- XML ----------------------------------------------------------------------

    def _paragraph(self, pieces: Iterable[Piece], *, style: str | None = None,
                   keep_next: bool = False, gap: bool = False):
        """Write a paragraph; returns its ``w:p`` element."""
        p = self._end.makeelement(w("p"), {})
        # A paragraph straight after a table would touch its bottom border.
        gap = gap or (self._after_table and style is None)
        if style or keep_next or gap:
            p_pr = self._sub(p, w("pPr"))
            if style:
                self._sub(p_pr, w("pStyle"), {w("val"): style})
            if keep_next:
                self._sub(p_pr, w("keepNext"))
            if gap:
                self._sub(p_pr, w("spacing"), {w("before"): str(round(self.look.gap_pt * 20))})
        self._fill(p, pieces)
        self._end.addprevious(p)
        self._after_table = False
        return p

    def _fill(self, p, pieces: Iterable[Piece]) -> None:
        """Add runs to paragraph ``p``: newlines become line breaks, tabs tabs."""
        sub = self._sub
        for piece in pieces:
            text = safe_text(piece)
            if not text:
                continue
            r = sub(p, w("r"))
            if isinstance(piece, B):
                sub(sub(r, w("rPr")), w("b"))
            for i, line in enumerate(text.split("\n")):
                if i:
                    sub(r, w("br"))
                for j, part in enumerate(line.split("\t")):
                    if j:
                        sub(r, w("tab"))
                    if part:
                        t = sub(r, w("t"))
                        t.text = part
                        t.set(XML_SPACE, "preserve")
