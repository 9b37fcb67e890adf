"""A Word document set up the way every coprod export needs it.

``DocWriter`` starts from python-docx's blank document and makes it ours:

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
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Sequence
from xml.sax.saxutils import escape

from .xml_safe import safe_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
LANGUAGE = "en-GB"
#: Twips per centimetre (1 inch = 1440 twips = 2.54 cm).
TWIPS_PER_CM = 1440 / 2.54
#: A4 with 2 cm margins leaves 17 cm for text; tables are sized to fit it.
TEXT_WIDTH_CM = 17.0
HEADING_COLOUR = "1F3864"  # dark blue: over 10:1 contrast on white
HEADER_FILL = "D9E2F3"     # pale blue behind table header rows; black text stays 14:1


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


class B(str):
    """A piece of text to show in bold: ``writer.para(B("Reasons: "), reasons)``."""


#: A paragraph is made of pieces: plain ``str`` or bold ``B``.
Piece = str


@dataclass(frozen=True, slots=True)
class Look:
    """Typography for one kind of document."""

    font: str
    body_pt: float
    title_pt: float
    h1_pt: float
    h2_pt: float
    footer_pt: float
    #: Line spacing as a multiple of single spacing.
    line: float
    #: Space after each paragraph, in points.
    after_pt: float
    #: No style may be smaller than this (easy read: 16 pt).
    min_pt: float = 0
    #: Keep the space between list items (easy read) or close them up (minutes).
    spaced_lists: bool = False
    #: Extra space above a paragraph that starts a new block (a decision, an action).
    gap_pt: float = 12


MINUTES_LOOK = Look(font="Arial", body_pt=12, title_pt=24, h1_pt=16, h2_pt=14,
                    footer_pt=10, line=1.15, after_pt=6)
EASY_READ_LOOK = Look(font="Arial", body_pt=16, title_pt=28, h1_pt=22, h2_pt=18,
                      footer_pt=16, line=1.5, after_pt=12, min_pt=16, spaced_lists=True,
                      gap_pt=24)


@dataclass(frozen=True, slots=True)
class Meta:
    """What the document says about itself (File > Properties)."""

    title: str
    subject: str
    author: str
    keywords: str = "co-production"
    category: str = ""


class DocWriter:
    """Writes one document top to bottom. Call ``to_bytes()`` at the end."""

    def __init__(self, meta: Meta, look: Look) -> None:
        import docx
        from lxml import etree

        self._sub = etree.SubElement
        self.look = look
        self._doc = docx.Document()
        self._end = self._doc.element.body.sectPr  # new blocks go just before it
        self._level: int | None = None
        self._after_table = False
        _set_metadata(self._doc, meta)
        _set_styles(self._doc, look)
        _set_page(self._doc, look)

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

    def bullets(self, items: Iterable[str]) -> None:
        for item in items:
            self._paragraph([item], style="ListBullet")

    def table(self, caption: str, headers: Sequence[str],
              rows: Iterable[Sequence[str | Sequence[Piece | tuple[Piece, ...]]]],
              widths_cm: Sequence[float]
              ) -> None:
        """A data table. The header row is marked so it repeats on every page and
        screen readers announce it. A cell is a string, or a list of paragraphs where
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
        sub(tbl_pr, w("tblCaption"), {w("val"): _one_line(caption)[:255]})
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
                   keep_next: bool = False, gap: bool = False) -> None:
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


def _one_line(text: str) -> str:
    return " ".join(safe_text(text).split())


def _prop(text: str) -> str:
    """A core property value: one line, and python-docx refuses more than 255 chars."""
    text = _one_line(text)
    return text if len(text) <= 255 else text[:254].rstrip() + "…"


# -- metadata ------------------------------------------------------------------------

def _set_metadata(doc, meta: Meta) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    props = doc.core_properties
    author = _prop(meta.author) or "coprod"
    props.title = _prop(meta.title)
    props.subject = _prop(meta.subject)
    props.author = author
    props.last_modified_by = author
    props.keywords = _prop(meta.keywords)
    props.category = _prop(meta.category)
    props.comments = ""  # replaces "generated by python-docx"
    props.language = LANGUAGE
    props.revision = 1
    now = datetime.now(timezone.utc).replace(microsecond=0)
    props.created = now
    props.modified = now

    package = doc.part.package
    # The template's thumbnail shows python-docx's blank page, not this document.
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]
    # A Word 2010 copy of the styles (still en-US, still Calibri) and an empty
    # bibliography: neither is ours, and Word rebuilds the first if it wants it.
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype == RT.CUSTOM_XML or rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    app = package.part_related_by(RT.EXTENDED_PROPERTIES)
    company = escape(_prop(meta.author))
    app._blob = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        '2006/docPropsVTypes"><Application>coprod</Application><DocSecurity>0</DocSecurity>'
        f"<ScaleCrop>false</ScaleCrop><Company>{company}</Company>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>").encode("utf-8")
    theme = doc.part.part_related_by(RT.THEME)
    # Anything still pointing at a theme font gets our font, not Calibri or Cambria.
    theme._blob = (theme.blob.replace(b'typeface="Calibri"', b'typeface="Arial"')
                   .replace(b'typeface="Cambria"', b'typeface="Arial"'))
    settings = doc.settings.element
    for lang in settings.iter(w("themeFontLang")):
        lang.set(w("val"), LANGUAGE)
    # The template claims it was spell-checked; let Word check this text itself.
    for proof in settings.findall(w("proofState")):
        settings.remove(proof)


# -- styles ----------------------------------------------------------------------------

#: Children of w:rPr in schema order, so inserted elements land in a valid place.
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
              "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
              "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz",
              "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
              "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr",
              "widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs",
              "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
              "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing",
              "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
              "cnfStyle", "rPr", "sectPr", "pPrChange")
_STYLE_ORDER = ("name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden",
                "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "locked",
                "personal", "personalCompose", "personalReply", "rsid", "pPr", "rPr",
                "tblPr", "trPr", "tcPr", "tblStylePr")
_THEME_FONT_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
#: Table styles we use; python-docx's template carries a hundred more (400 KB).
_KEEP_TABLE_STYLES = {"TableNormal", "TableGrid"}


def _child(parent, tag: str, order: Sequence[str], attrs: dict[str, str] | None = None):
    """The child ``w:tag`` of ``parent``, added in schema order if missing."""
    found = parent.find(w(tag))
    if found is None:
        found = parent.makeelement(w(tag), {})
        later = order[order.index(tag) + 1:]
        successor = next((c for c in parent if c.tag in {w(t) for t in later}), None)
        if successor is not None:
            successor.addprevious(found)
        else:
            parent.append(found)
    for key, value in (attrs or {}).items():
        found.set(w(key), value)
    return found


def _font(r_pr, name: str) -> None:
    fonts = _child(r_pr, "rFonts", _RPR_ORDER)
    for attr in _THEME_FONT_ATTRS:
        found = w(attr)
        if found in fonts.attrib:
            del fonts.attrib[found]
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(w(attr), name)


def _size(r_pr, pt: float) -> None:
    half_points = str(round(pt * 2))
    _child(r_pr, "sz", _RPR_ORDER, {"val": half_points})
    _child(r_pr, "szCs", _RPR_ORDER, {"val": half_points})


def _colour(r_pr, rgb: str) -> None:
    colour = _child(r_pr, "color", _RPR_ORDER)
    colour.attrib.clear()  # themeColor would override the value in Word
    colour.set(w("val"), rgb)


def _spacing(p_pr, *, before_pt: float | None = None, after_pt: float | None = None,
             line: float | None = None) -> None:
    spacing = _child(p_pr, "spacing", _PPR_ORDER)
    if before_pt is not None:
        spacing.set(w("before"), str(round(before_pt * 20)))
    if after_pt is not None:
        spacing.set(w("after"), str(round(after_pt * 20)))
    if line is not None:
        spacing.set(w("line"), str(round(line * 240)))
        spacing.set(w("lineRule"), "auto")


def _set_styles(doc, look: Look) -> None:
    styles = doc.styles.element
    for style in styles.findall(w("style")):
        if (style.get(w("type")) == "table"
                and style.get(w("styleId")) not in _KEEP_TABLE_STYLES):
            styles.remove(style)

    defaults = styles.find(w("docDefaults"))
    r_pr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
    _font(r_pr, look.font)
    _size(r_pr, look.body_pt)
    _child(r_pr, "lang", _RPR_ORDER, {"val": LANGUAGE, "eastAsia": LANGUAGE})
    _spacing(defaults.find(f"{w('pPrDefault')}/{w('pPr')}"), after_pt=look.after_pt,
             line=look.line)

    by_id = {s.get(w("styleId")): s for s in styles.findall(w("style"))}
    for style in by_id.values():
        style_r_pr = style.find(w("rPr"))
        if style_r_pr is None:
            continue
        if style_r_pr.find(w("rFonts")) is not None:
            _font(style_r_pr, look.font)
        if look.min_pt:
            for tag in ("sz", "szCs"):
                size = style_r_pr.find(w(tag))
                if size is not None and int(size.get(w("val"), "0")) < look.min_pt * 2:
                    size.set(w("val"), str(round(look.min_pt * 2)))

    normal_r_pr = _child(by_id["Normal"], "rPr", _STYLE_ORDER)
    _font(normal_r_pr, look.font)
    _size(normal_r_pr, look.body_pt)
    _child(normal_r_pr, "lang", _RPR_ORDER, {"val": LANGUAGE, "eastAsia": LANGUAGE})

    for style_id, pt, before, after in (("Title", look.title_pt, 0, look.after_pt * 2),
                                        ("Heading1", look.h1_pt, look.h1_pt, look.after_pt),
                                        ("Heading2", look.h2_pt, look.h2_pt * 0.8,
                                         look.after_pt)):
        style = by_id[style_id]
        style_r_pr = _child(style, "rPr", _STYLE_ORDER)
        _size(style_r_pr, pt)
        _colour(style_r_pr, HEADING_COLOUR)
        _child(style_r_pr, "b", _RPR_ORDER)
        _spacing(_child(style, "pPr", _STYLE_ORDER), before_pt=before, after_pt=after,
                 line=1.0 if style_id == "Title" else None)

    _size(_child(by_id["Footer"], "rPr", _STYLE_ORDER), look.footer_pt)
    if look.spaced_lists:
        bullet_p_pr = by_id["ListBullet"].find(w("pPr"))
        spacing = bullet_p_pr.find(w("contextualSpacing"))
        if spacing is not None:
            bullet_p_pr.remove(spacing)


# -- page ------------------------------------------------------------------------------

def _set_page(doc, look: Look) -> None:
    from docx.shared import Cm

    from lxml import etree

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    margin = Cm((21.0 - TEXT_WIDTH_CM) / 2)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = Cm(2.0)
    footer_p = section.footer.paragraphs[0]._p
    _child(footer_p.get_or_add_pPr(), "jc", _PPR_ORDER, {"val": "center"})

    def text(value: str) -> None:
        t = etree.SubElement(etree.SubElement(footer_p, w("r")), w("t"))
        t.text = value
        t.set(XML_SPACE, "preserve")

    def field(instr: str) -> None:
        simple = etree.SubElement(footer_p, w("fldSimple"), {w("instr"): instr})
        etree.SubElement(etree.SubElement(simple, w("r")), w("t")).text = "1"

    text("Page ")
    field("PAGE")
    text(" of ")
    field("NUMPAGES")
