"""The official document format (thể thức văn bản), as DOCX: small helpers.

What NĐ 30/2020/NĐ-CP asks of an administrative document (DOMAIN.md,
"Documents"), and what python-docx does not do by itself (PITFALLS.md, "DOCX
out"): A4 paper and the NĐ 30 margins; Times New Roman in *every* font slot
(``ascii``, ``hAnsi``, ``eastAsia``, ``cs``) of the document defaults, of every
style and of every run we write, with the theme-font attributes removed so
that the template's theme never wins; the ``vi-VN`` language tag; page
numbers centred in the top margin and none on page 1 (a different first-page
header plus a ``PAGE`` field); repeated table header rows (``w:tblHeader``);
text cleaned of the control characters XML refuses; the heading block of the
issuing office (Quốc hiệu and Tiêu ngữ for a state office, the Party heading
for a Party office). The margins, the body size and font and the heading
words and sizes are the pack's ``[[document_format]]`` values
(:func:`format_values`), the same ones the document check accepts.

The dossier checklist uses the same helpers, so the API is small:

* :func:`new_document` → a python-docx ``Document`` already in format;
* :func:`heading_block`, :func:`add_paragraph`, :func:`add_table`,
  :func:`table_row_xml` / :func:`append_rows` (fast rows built as XML text);
* :func:`to_bytes` → deterministic bytes (fixed zip dates, fixed core
  properties).

This is an adapter module: it may import python-docx and lxml; the core never
imports it.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

import attrs
import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from lxml import etree  # lxml ships no types

from coordrules.model.org import Office, Organisation
from coordrules.packs.docformat import DocumentFormat, FormatRange, FormatValues
from coordrules.packs.pack import Pack
from coordrules.rules.offices import is_party_office

FONT = "Times New Roman"
"""The one font of official documents (Unicode, TCVN 6909:2001)."""
LANG = "vi-VN"
"""The language tag of every run and of the document defaults."""
BODY_PT = 13
"""Default size of a run written without a document at hand (``paragraph_xml``); the
documents themselves take their body size from the pack (``state.body_size``)."""

A4_SHORT_MM = 210
A4_LONG_MM = 297
HEADER_MM = 10
"""Distance of the page-number header from the top edge, inside the top margin."""

_BUNDLED: list[DocumentFormat] = []


def format_values(pack: Pack | None, on: date | None) -> FormatValues:
    """The document format in force on *on*: *pack*'s ``[[document_format]]`` values.

    The one source of sizes, margins and heading texts for both the writer
    (*on* = the issue date) and the document check (*on* = the document's
    date); ``None`` takes the values with no end date. An id the pack does not
    define for that day comes from the bundled ``vn-province`` pack (its
    version on *on*, else its current one), so every id has a value.
    """
    if not _BUNDLED:
        from coordrules.packs.load import load_pack

        _BUNDLED.append(load_pack("vn-province").document_format)
    bundled = _BUNDLED[0]
    own = pack.document_format.at(on) if pack is not None else FormatValues({})
    values = dict(bundled.at(None).values)
    if on is not None:
        values.update(bundled.at(on).values)
    values.update(own.values)
    return FormatValues(values)


def number_line(
    fmt: FormatValues,
    *,
    party: bool,
    number: int | None,
    issuer: str,
    code: str | None = None,
    year: int | None = None,
) -> str:
    """A number line (số, ký hiệu) in the pack's form, the one the document check reads.

    The form is ``party.number_line`` for a Party document; for a state one,
    ``state.number_line_normative`` with a *year*, ``state.number_line_cong_van``
    without a type *code*, else ``state.number_line``. A ``None`` *number* is
    left blank for the văn thư to fill in.
    """
    if party:
        ident = "party.number_line"
    elif code is None:
        ident = "state.number_line_cong_van"
    elif year is not None:
        ident = "state.number_line_normative"
    else:
        ident = "state.number_line"
    form = fmt.number_form(ident)
    assert form is not None, ident  # format_values fills every id
    return form.format(number=number, issuer=issuer, code=code, year=year)


def size_pt(fmt: FormatValues, ident: str) -> float:
    """The size the writer writes for *ident* (a range id of the format): its low end, in pt."""
    return _span(fmt, ident).low


def _span(fmt: FormatValues, ident: str) -> FormatRange:
    span = fmt.span(ident)
    assert span is not None, ident  # format_values fills every id
    return span


def _text(fmt: FormatValues, ident: str) -> str:
    text = fmt.text(ident)
    assert text is not None, ident
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def clean_text(text: str) -> str:
    """*text* in NFC without the control characters XML cannot hold.

    Tab and newline stay (callers turn them into ``w:tab`` / paragraphs);
    carriage returns become newlines.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def _rfonts_xml() -> str:
    return f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'


def run_props_xml(*, size: float = BODY_PT, bold: bool = False, italic: bool = False) -> str:
    """The ``w:rPr`` of a run in format: font in every slot, size.

    The language (``vi-VN``) and the colour (automatic, black) come from the
    document defaults; repeating them on every run would make big tables
    needlessly large.
    """
    half = round(size * 2)
    return (
        "<w:rPr>"
        + _rfonts_xml()
        + ("<w:b/><w:bCs/>" if bold else "")
        + ("<w:i/><w:iCs/>" if italic else "")
        + f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
        + "</w:rPr>"
    )


def set_run_format(
    run: Any, *, size: float = BODY_PT, bold: bool = False, italic: bool = False
) -> None:
    """Put *run* (a python-docx ``Run``) in format, replacing its ``w:rPr``."""
    r = run._r
    old = r.find(qn("w:rPr"))
    if old is not None:
        r.remove(old)
    r.insert(
        0,
        parse_xml(
            f"<w:rPr {nsdecls('w')}>" + run_props_xml(size=size, bold=bold, italic=italic)[7:]
        ),
    )


def _fix_rpr(rpr: Any, *, size: float | None, font: str = FONT) -> None:
    """Font in every slot, no theme fonts, vi-VN, on an existing ``w:rPr``."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = etree.SubElement(rpr, qn("w:rFonts"))
        rpr.remove(fonts)
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.lower().endswith("theme"):
            del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), font)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(rpr, qn("w:lang"))
    lang.attrib.clear()
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = etree.SubElement(rpr, qn(tag))
            el.set(qn("w:val"), str(round(size * 2)))


def _format_styles(document: Any, body_size: float, font: str) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fix_rpr(rpr, size=body_size, font=font)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    # NĐ 30: paragraph spacing at least 6 pt, single to 1.5 line spacing.
    spacing.attrib.clear()
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    for fonts in styles.iter(qn("w:rFonts")):
        _fix_rpr(fonts.getparent(), size=None, font=font)
    for style in styles.iter(qn("w:style")):
        for color in style.iter(qn("w:color")):
            color.attrib.clear()
            color.set(qn("w:val"), "000000")


def new_document(*, landscape: bool = False, fmt: FormatValues | None = None) -> Any:
    """A python-docx ``Document`` in the official format, empty.

    A4 (landscape when *landscape*, allowed for wide tables), the margins and
    body size of *fmt* (the low end of each range; by default the bundled
    pack's current values, see :func:`format_values`), Times New Roman in
    every slot of the defaults and the styles, ``vi-VN``, and the page-number
    headers: a centred ``PAGE`` field in the default header, an empty
    first-page header (``w:titlePg``).
    """
    fmt = fmt if fmt is not None else format_values(None, None)
    document = docx.Document()
    _format_styles(document, _span(fmt, "state.body_size").low, _text(fmt, "state.font"))
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(A4_LONG_MM), Mm(A4_SHORT_MM)
    else:
        section.page_width, section.page_height = Mm(A4_SHORT_MM), Mm(A4_LONG_MM)
    section.top_margin = Mm(_span(fmt, "state.margin_top").low)
    section.bottom_margin = Mm(_span(fmt, "state.margin_bottom").low)
    section.left_margin = Mm(_span(fmt, "state.margin_left").low)
    section.right_margin = Mm(_span(fmt, "state.margin_right").low)
    section.header_distance = Mm(HEADER_MM)
    section.footer_distance = Mm(HEADER_MM)
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rpr = run_props_xml(size=body_pt(document))
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE ">'
            f"<w:r>{rpr}<w:t>2</w:t></w:r></w:fldSimple>"
        )
    )
    first = section.first_page_header
    first.is_linked_to_previous = False
    return document


def body_pt(container: Any) -> float:
    """The body size of the document holding *container* (its default run size), in pt."""
    styles = container.part.package.main_document_part.styles.element
    size = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
    return BODY_PT if size is None else int(size.get(qn("w:val"))) / 2


def add_paragraph(
    container: Any,
    text: str = "",
    *,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    align: str = "left",
    after_pt: float = 6,
    before_pt: float = 0,
    keep_next: bool = False,
) -> Any:
    """Add a paragraph of formatted text to *container* (document, cell, header).

    Without *size*, the document's body size (:func:`body_pt`).

    Lines of *text* become runs separated by line breaks. A *keep_next*
    paragraph (a heading) stays on the page of what follows it.
    """
    paragraph = container.add_paragraph()
    paragraph.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    paragraph.paragraph_format.space_after = Pt(after_pt)
    if before_pt:
        paragraph.paragraph_format.space_before = Pt(before_pt)
    if keep_next:
        paragraph.paragraph_format.keep_with_next = True
    for number, line in enumerate(clean_text(text).split("\n")):
        run = paragraph.add_run(line)
        if number:
            run._r.insert(0, parse_xml(f"<w:br {nsdecls('w')}/>"))
        set_run_format(
            run, size=size if size is not None else body_pt(container), bold=bold, italic=italic
        )
    return paragraph


def paragraph_xml(
    text: str,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: str | None = None,
    keep_next: bool = False,
) -> str:
    """One ``w:p`` as XML text (no namespace declaration): fast table cells."""
    ppr = "<w:pPr><w:keepNext/>" if keep_next else "<w:pPr>"
    ppr += '<w:spacing w:before="0" w:after="60"/>'
    if align is not None:
        ppr += f'<w:jc w:val="{align}"/>'
    ppr += "</w:pPr>"
    rpr = run_props_xml(size=size, bold=bold, italic=italic)
    text = clean_text(text)
    if not text:
        return f"<w:p>{ppr}</w:p>"
    body = "".join(
        f'<w:r>{rpr}<w:t xml:space="preserve">{escape(part)}</w:t></w:r>'
        for part in text.split("\t")
    )
    return f"<w:p>{ppr}{body}</w:p>"


@attrs.frozen
class Cell:
    """One table cell to write: paragraphs, bold, grid span, alignment."""

    paragraphs: Sequence[str]
    bold: bool = False
    italic: bool = False
    span: int = 1
    align: str | None = None
    shade: bool = False


def table_row_xml(
    cells: Iterable[Cell],
    widths: Sequence[int],
    *,
    header: bool = False,
    keep_next: bool = False,
    size: float = BODY_PT,
) -> str:
    """One ``w:tr`` as XML text; *widths* are the grid columns in twentieths of a point.

    Its text is *size* pt (pass the document's :func:`body_pt`).

    A *header* row gets ``w:tblHeader`` (repeated at the top of every page);
    every row gets ``w:cantSplit`` so an item is never cut across pages; a
    *keep_next* row (a day or session heading) stays on the page of the row
    after it.
    """
    parts = ["<w:tr><w:trPr><w:cantSplit/>"]
    if header:
        parts.append("<w:tblHeader/>")
    parts.append("</w:trPr>")
    column = 0
    for cell in cells:
        width = sum(widths[column : column + cell.span])
        column += cell.span
        parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>')
        if cell.span > 1:
            parts.append(f'<w:gridSpan w:val="{cell.span}"/>')
        if cell.shade:
            parts.append('<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>')
        parts.append("</w:tcPr>")
        paragraphs = list(cell.paragraphs) or [""]
        parts.extend(
            paragraph_xml(p, size=size, bold=cell.bold, italic=cell.italic, align=cell.align,
                          keep_next=keep_next)
            for p in paragraphs
        )  # fmt: skip
        parts.append("</w:tc>")
    parts.append("</w:tr>")
    return "".join(parts)


def add_table(document: Any, widths: Sequence[int], *, borders: bool = True) -> Any:
    """An empty table (the ``w:tbl`` element) with fixed grid *widths*, appended to *document*."""
    kind = "single" if borders else "nil"
    border = "".join(
        f'<w:{side} w:val="{kind}" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    tbl = parse_xml(
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{border}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/>'
        '<w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid></w:tbl>"
    )
    body = document.element.body
    body.insert(len(body) - 1, tbl)  # before the final w:sectPr
    return tbl


def append_rows(table: Any, rows_xml: Iterable[str]) -> None:
    """Append rows built by :func:`table_row_xml` to *table*, parsed in one go.

    One parse of many rows is what makes writing linear and fast (python-docx's
    ``add_row`` / ``cell()`` are slow on big tables).
    """
    fragment = parse_xml(f"<w:tbl {nsdecls('w')}>" + "".join(rows_xml) + "</w:tbl>")
    for tr in list(fragment):
        table.append(tr)


def issuer_heading(
    document: Any, pack: Pack, issuer: Office, org: Organisation, issued: date | None
) -> FormatValues:
    """The heading block for *issuer*, completed with the pack's ``place``.

    Returns the format values used (those of *pack* on *issued*), for the
    rest of the document.

    The left side names the first body the office serves and the office
    ("ỦY BAN NHÂN DÂN TỈNH THANH BÌNH" over "VĂN PHÒNG UBND TỈNH"); the right
    side's place-and-date line is "Thanh Bình, ngày 06 tháng 12 năm 2026"
    when *issued* is given (NĐ 30: a leading zero for days below 10 and for
    months 1 and 2).
    """
    parent = next((b.name for b in (org.body(s) for s in issuer.serves) if b is not None), None)
    if parent is not None and pack.place:
        parent = f"{parent} {pack.place}"
    line = None
    if issued is not None:
        month = f"{issued.month:02d}" if issued.month < 3 else str(issued.month)
        line = f"ngày {issued.day:02d} tháng {month} năm {issued.year}"
        if pack.place:
            line = f"{pack.place}, {line}"
    fmt = format_values(pack, issued)
    heading_block(
        document,
        office_name=issuer.name,
        parent_name=parent,
        party=is_party_office(issuer, org),
        place_date=line,
        fmt=fmt,
    )
    return fmt


def heading_block(
    document: Any,
    *,
    office_name: str,
    parent_name: str | None,
    party: bool,
    place_date: str | None = None,
    number: str | None = None,
    fmt: FormatValues | None = None,
) -> None:
    """The heading of an official document: issuing office left, national heading right.

    State office (NĐ 30): left, the parent body (capitals) over the office
    (capitals, bold); right, the Quốc hiệu (bold capitals) over the Tiêu ngữ
    (bold) with a line under it. Party office (36-HD/VPTW, as far as
    DOMAIN.md confirms): left, the Party committee over the office (bold) with
    "*" below; right, "ĐẢNG CỘNG SẢN VIỆT NAM" (bold). Every size is *fmt*'s
    (``state.issuer_size`` or ``party.issuer_size``, ``state.number_size``,
    ``state.place_date_size`` or ``party.place_date_size``, the headings'
    own). *place_date* (italic) and *number* go under each side (write
    *number* with :func:`number_line`, in the pack's form). The heading
    texts and their sizes (the low end of each range) come from *fmt* (by
    default the bundled pack's current values, see :func:`format_values`).
    """
    fmt = fmt if fmt is not None else format_values(None, None)
    full = text_width_twips(document)
    widths = [full * 2 // 5, full - full * 2 // 5]
    table = add_table(document, widths, borders=False)
    form = "party" if party else "state"
    issuer_pt = _span(fmt, f"{form}.issuer_size").low
    left: list[str] = []
    if parent_name:
        left.append(paragraph_xml(parent_name.upper(), size=issuer_pt, align="center"))
    left.append(paragraph_xml(office_name.upper(), size=issuer_pt, bold=True, align="center"))
    if party:
        left.append(paragraph_xml("*", size=issuer_pt, align="center"))
    else:
        left.append(_rule_xml(_twips_mm(20)))
    if number:
        left.append(paragraph_xml(number, size=_span(fmt, "state.number_size").low, align="center"))
    right: list[str] = []
    if party:
        right.append(
            paragraph_xml(
                _text(fmt, "party.heading"),
                size=_span(fmt, "party.heading_size").low,
                bold=True,
                align="center",
            )
        )
        right.append(_rule_xml(_twips_mm(60)))
    else:
        right.append(
            paragraph_xml(
                _text(fmt, "state.quoc_hieu"),
                size=_span(fmt, "state.quoc_hieu_size").low,
                bold=True,
                align="center",
            )
        )
        right.append(
            paragraph_xml(
                _text(fmt, "state.tieu_ngu"),
                size=_span(fmt, "state.tieu_ngu_size").low,
                bold=True,
                align="center",
            ).replace(
                "<w:pPr>",
                f"<w:pPr>{_UNDERLINE}",
                1,
            )
        )
    if place_date:
        place_pt = _span(fmt, f"{form}.place_date_size").low
        right.append(paragraph_xml(place_date, size=place_pt, italic=True, align="center"))
    row = (
        '<w:tr><w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr>{}</w:tc>'
        '<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr>{}</w:tc></w:tr>'
    ).format(widths[0], "".join(left), widths[1], "".join(right))
    append_rows(table, [row])


def signature_block(
    document: Any,
    *,
    recipients: Sequence[str],
    signer_title: str,
    on_behalf: str | None = None,
    fmt: FormatValues | None = None,
) -> None:
    """The foot of an official document: "Nơi nhận" left, the signer's block right.

    The signer's name and signature are left blank for the office to fill in.
    "Nơi nhận:" is bold italic, the signer's authority and title bold
    capitals; their sizes are *fmt*'s ``state.recipients_heading_size``,
    ``state.recipients_size`` and ``state.signer_size`` (by default the
    bundled pack's current values, see :func:`format_values`).
    """
    fmt = fmt if fmt is not None else format_values(None, None)
    full = text_width_twips(document)
    widths = [full // 2, full - full // 2]
    table = add_table(document, widths, borders=False)
    heading_pt = _span(fmt, "state.recipients_heading_size").low
    line_pt = _span(fmt, "state.recipients_size").low
    signer_pt = _span(fmt, "state.signer_size").low
    left = [paragraph_xml("Nơi nhận:", size=heading_pt, bold=True, italic=True)]
    left += [paragraph_xml(f"- {line};", size=line_pt) for line in recipients[:-1]]
    if recipients:
        left.append(paragraph_xml(f"- {recipients[-1]}.", size=line_pt))
    right = []
    if on_behalf:
        right.append(paragraph_xml(on_behalf.upper(), size=signer_pt, bold=True, align="center"))
    right.append(paragraph_xml(signer_title.upper(), size=signer_pt, bold=True, align="center"))
    row = (
        '<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>'
        '</w:tcPr>{}</w:tc><w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr>{}</w:tc></w:tr>'
    ).format(widths[0], "".join(left), widths[1], "".join(right))
    append_rows(table, [row])


_UNDERLINE = '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'


def _rule_xml(width: int) -> str:
    # A short centred line under the office name: an empty paragraph with a
    # bottom border, indented so the line is about *width* long.
    return (
        f"<w:p><w:pPr>{_UNDERLINE}"
        '<w:spacing w:before="0" w:after="60" w:line="120" w:lineRule="exact"/>'
        f'<w:ind w:left="{width}" w:right="{width}"/></w:pPr></w:p>'
    )


def _twips_mm(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def twips_mm(mm: float) -> int:
    """Millimetres in twentieths of a point (the unit of table widths)."""
    return _twips_mm(mm)


def text_width_twips(document: Any) -> int:
    """The width between the margins of the first section, in twentieths of a point."""
    section = document.sections[0]
    return int((section.page_width - section.left_margin - section.right_margin) / 635)


_FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _apply_font(document: Any) -> None:
    """Every run of every part in the document's default font (the pack's ``state.font``).

    Runs are written with :data:`FONT` in each slot; when the pack names
    another font, :func:`new_document` put it in the defaults and this puts
    it in every ``w:rFonts`` too.
    """
    styles = document.styles.element
    fonts = styles.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"
    )
    font = FONT if fonts is None else fonts.get(qn("w:ascii"), FONT)
    if font == FONT:
        return
    for part in document.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is None:
            continue
        for found in element.iter(qn("w:rFonts")):
            for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
                found.set(qn(f"w:{slot}"), font)


def to_bytes(document: Any, *, title: str, when: datetime) -> bytes:
    """The document as deterministic bytes.

    Core properties are fixed (author ``coordrules``, *title*, created and
    modified at *when*: a date taken from the input, never the clock); zip
    entries get a fixed date; the theme-font attributes python-docx's
    template keeps in ``stylesWithEffects.xml`` are stripped.
    """
    _apply_font(document)
    props = document.core_properties
    props.author = "coordrules"
    props.last_modified_by = "coordrules"
    props.title = clean_text(title)
    props.comments = ""
    props.revision = 1
    props.created = when.replace(tzinfo=None)
    props.modified = when.replace(tzinfo=None)
    raw = io.BytesIO()
    document.save(raw)
    raw.seek(0)
    out = io.BytesIO()
    theme = re.compile(rb'\sw:(?:ascii|hAnsi|eastAsia|cs)[Tt]heme="[^"]*"')
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == "docProps/thumbnail.jpeg":
                continue  # python-docx's template picture, not of this document
            data = source.read(item.filename)
            if item.filename == "word/stylesWithEffects.xml":
                data = theme.sub(b"", data)
            elif item.filename == "_rels/.rels":
                data = re.sub(rb"<Relationship [^>]*thumbnail[^>]*/>", b"", data)
            info = zipfile.ZipInfo(item.filename, date_time=_FIXED_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return out.getvalue()
