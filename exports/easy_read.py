"""Easy-read minutes as a Word document: a picture beside each point, large clear text.

Rules kept here (DESIGN.md §7): Arial at 16 pt or more everywhere, one idea per
short sentence, a heading for each part, space after every paragraph, 1.5 line
spacing, and no tables, not even for layout. What it says is ``easy_read_text``'s.

Two columns without a table: each point starts with a paragraph holding the
picture *inline* (so a screen reader meets it, and its words, in reading order,
and Word's accessibility check has no floating object to warn about), a tab, and
a short first line; the paragraph hangs from an indent with a tab stop at it, so
the words start at the indent, beside the picture. Every later line of the point
is its own paragraph at the same indent. Word and LibreOffice lay out inline
pictures, hanging indents and tab stops the same way (the PDF test checks it).
The first line is centred on the picture (``textAlignment``) and that paragraph
is single-spaced, so 1.5 spacing does not stretch the picture's line.
"""

from __future__ import annotations

import io
from copy import deepcopy

from coprod_tui.model import SessionData
from coprod_tui.templates import Wording

from .docx_base import DocWriter
from .docx_setup import EASY_READ_LOOK, TWIPS_PER_CM, Look, Meta, w
from .easy_read_model import Heading, Para, Point, Quoted
from .easy_read_text import easy_read
from .minutes_parts import start
from .pictures import OPENMOJI_CREDIT, OPENMOJI_LICENCE_URL, Picture, Pictures

#: The picture's box, and where the words start (the box and a gap).
PICTURE_CM = 2.0
INDENT_CM = 2.6
#: A bullet inside a point hangs this far in from the point's words.
BULLET_CM = 0.63
_EMU_PER_CM = 360_000
_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_C_NV_PR = (".//{http://schemas.openxmlformats.org/drawingml/2006/picture}nvPicPr/"
            "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr")


def easy_read_docx(data: SessionData, wording: Wording,
                   problems: list[str] | None = None) -> bytes:
    """The easy read as .docx bytes; sentences about pictures that could not be used
    (an organisation's own, unreadable) are added to ``problems``."""
    content = easy_read(data, wording)
    pictures = Pictures(wording.pictures)
    chosen = {id(b): pictures.get(b.picture) for b in content.blocks if isinstance(b, Point)}
    credit = _credit(pictures, wording)
    chosen.update({id(b): pictures.get(b.picture) for b in credit if isinstance(b, Point)})
    doc = start(content.report, EASY_READ_LOOK, "Easy read minutes", "easy read notes",
                "co-production; minutes; easy read", EasyReadWriter)
    assert isinstance(doc, EasyReadWriter)
    for block in [*content.blocks, *credit]:
        if isinstance(block, Point):
            doc.point(chosen[id(block)], block)
        elif isinstance(block, Heading):
            doc.part_heading(block)
        else:
            doc.body(block, 0)
    if problems is not None:
        problems.extend(pictures.problems)
    return doc.to_bytes()


def _credit(pictures: Pictures, wording: Wording) -> list[Heading | Point]:
    """The last page: whose pictures these are, as their licences ask."""
    body: list[Para] = []
    if pictures.used_own:
        body.append(Para((Quoted(wording.picture_credit, "The template's picture credit"),)
                         if wording.picture_credit else ("Some pictures are our own.",)))
    if pictures.used_openmoji:
        body += [Para(("Our other pictures are from OpenMoji:" if pictures.used_own
                       else "The pictures are from OpenMoji:",)),
                 Para((Quoted(OPENMOJI_CREDIT, "OpenMoji's credit"),)),
                 Para((Quoted(OPENMOJI_LICENCE_URL, "OpenMoji's licence"),))]
    return [Heading("About the pictures", 1, new_page=True),
            Point("pictures", ("Pictures help you find each part.",), body)]


class EasyReadWriter(DocWriter):
    """A ``DocWriter`` that also writes points: a picture with its words beside it."""

    def __init__(self, meta: Meta, look: Look) -> None:
        super().__init__(meta, look)
        self._indent = str(round(INDENT_CM * TWIPS_PER_CM))
        self._bullet = str(round((INDENT_CM + BULLET_CM) * TWIPS_PER_CM))
        self._hang = str(round(BULLET_CM * TWIPS_PER_CM))
        self._shapes = 0
        #: Drawings made so far, by picture (the PNG kept so its id stays its own).
        self._made: dict[int, tuple[bytes, object]] = {}

    def part_heading(self, heading: Heading) -> None:
        self.heading(heading.text, heading.level)
        if heading.new_page:
            p = self._end.getprevious()
            p_pr = p.find(w("pPr"))
            p_pr.insert(1, p_pr.makeelement(w("pageBreakBefore"), {}))

    def point(self, picture: Picture, point: Point) -> None:
        sub = self._sub
        p = self._end.makeelement(w("p"), {})
        p_pr = sub(p, w("pPr"))
        if point.body:
            sub(p_pr, w("keepNext"))
        tab = sub(sub(p_pr, w("tabs")), w("tab"))
        tab.set(w("val"), "left")
        tab.set(w("pos"), self._indent)
        # Single spacing on the picture's line: 1.5 would stretch it half a picture.
        sub(p_pr, w("spacing"), {w("before"): "120", w("after"): "120" if point.body else "240",
                                 w("line"): "240", w("lineRule"): "auto"})
        sub(p_pr, w("ind"), {w("left"): self._indent, w("hanging"): self._indent})
        sub(p_pr, w("textAlignment"), {w("val"): "center"})
        p.append(self._picture_run(picture))
        sub(sub(p, w("r")), w("tab"))
        self._fill(p, point.lead)
        self._end.addprevious(p)
        last = len(point.body) - 1
        for n, para in enumerate(point.body):
            self.body(para, self._indent, keep_next=n < last and n == 0)

    def body(self, para: Para, indent: str | int, *, keep_next: bool = False) -> None:
        """A paragraph of a point: at the point's indent, or a bullet hanging from it."""
        p = self._paragraph(para.pieces, style="ListBullet" if para.bullet else None,
                            keep_next=keep_next)
        if indent:
            p_pr = p.find(w("pPr"))
            if p_pr is None:
                p_pr = self._sub(p, w("pPr"))
                p.insert(0, p_pr)
            left, hanging = ((self._bullet, self._hang) if para.bullet
                             else (self._indent, "0"))
            self._sub(p_pr, w("ind"), {w("left"): left, w("hanging"): hanging})

    def _picture_run(self, picture: Picture):
        self._shapes += 1
        # Each picture is stored once and its drawing made once; later uses copy it
        # (python-docx would hash and parse the PNG again for every point).
        made = self._made.get(id(picture.png))
        if made is None:
            made = self._made[id(picture.png)] = (picture.png, self._inline(picture))
        inline = deepcopy(made[1])
        doc_pr = inline.find(_DOC_PR)
        doc_pr.set("id", str(self._shapes))
        doc_pr.set("name", f"Picture {self._shapes}: {picture.key}")
        doc_pr.set("descr", picture.alt)
        doc_pr.set("title", picture.title)
        inline.find(_C_NV_PR).set("id", str(self._shapes))
        r = self._end.makeelement(w("r"), {})
        self._sub(r, w("drawing")).append(inline)
        return r

    def _inline(self, picture: Picture):
        from docx.oxml.shape import CT_Inline

        r_id, _ = self._doc.part.get_or_add_image(io.BytesIO(picture.png))
        scale = PICTURE_CM * _EMU_PER_CM / max(picture.width, picture.height)
        cx, cy = round(picture.width * scale), round(picture.height * scale)
        inline = CT_Inline.new_pic_inline(0, r_id, f"{picture.key}.png", cx, cy)
        for side in ("distT", "distB", "distL", "distR"):
            inline.set(side, "0")  # LibreOffice adds a gap round a picture that has none set
        return inline
