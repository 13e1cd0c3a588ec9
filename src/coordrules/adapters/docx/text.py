"""The one text extractor of DOCX documents: what a person sees, in reading order.

:func:`read_document` turns an opened :class:`~.package.Package` into a
:class:`DocumentText`: the body as blocks (paragraphs and tables, tables as
rows of cells on the table grid), and the paragraphs of the header and footer
parts. Each :class:`Paragraph` knows its runs (text with resolved font, size,
bold, italic), its part, whether it is in a table cell (table, row, grid
column) or a text box, and its lines.

What a person sees, and so what is read:

* ``w:br`` and ``w:cr`` (Shift+Enter, page and column breaks) are line breaks
  inside the paragraph (``"\\n"``); ``w:tab`` and ``w:ptab`` are ``"\\t"``; a
  soft hyphen (``w:softHyphen``) is dropped; a no-break hyphen is ``"-"``;
* fields show their result, never their code: ``w:fldSimple`` through its
  runs, complex fields (``w:fldChar`` begin / separate / end, nested too)
  through the runs after ``separate``;
* content controls (``w:sdt``), hyperlinks, smart tags, custom XML and
  bidirectional wrappers are read through;
* text boxes and shapes (``w:txbxContent``) become paragraphs of their own,
  right after the paragraph that anchors them; of ``mc:AlternateContent`` only
  the first ``mc:Choice`` is read, else the ``mc:Fallback`` (never both);
* tracked changes: inserted and moved-to text is in, deleted and moved-from
  text is out, and so are deleted table rows;
* hidden text (``w:vanish``, resolved through the styles) is out;
* text in legacy 8-bit Vietnamese fonts (TCVN3, VNI, by the run's resolved
  font) is converted to Unicode, and counted.

Reading is bounded: at most :data:`MAX_PARAGRAPHS` paragraphs,
:data:`MAX_ROWS` table rows, :data:`MAX_CELLS` cells, tables and text boxes
nested :data:`MAX_DEPTH` deep; beyond, an :class:`~coordrules.InputError`
names the file and part. Grid spans are clamped to :data:`MAX_COLUMNS` (Word
allows 63 columns) and malformed numbers (``w:gridSpan w:val="abc"``) read as
their default, as LibreOffice reads them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import attrs

from coordrules.adapters.docx.legacy import (
    guess_legacy_encoding,
    is_capitals_font,
    legacy_font_encoding,
    legacy_to_unicode,
)
from coordrules.adapters.docx.package import _W, Package
from coordrules.adapters.docx.styles import StyleSheet, val
from coordrules.model.errors import InputError

MAX_PARAGRAPHS = 200_000
"""At most this many paragraphs in one document (all parts)."""
MAX_ROWS = 50_000
"""At most this many table rows in one document."""
MAX_CELLS = 250_000
"""At most this many table cells in one document."""
MAX_DEPTH = 32
"""Tables and text boxes nested at most this deep."""
MAX_COLUMNS = 64
"""Grid spans and ``gridBefore`` are clamped to this many columns (Word allows 63)."""

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_SOFT_HYPHEN = "\u00ad"
_MATH = (_M + "oMath", _M + "oMathPara")
_ALTERNATE = _MC + "AlternateContent"
_W_BODY = _W + "body"
_W_BR = _W + "br"
_W_CHAR = _W + "char"
_W_CR = _W + "cr"
_W_CUSTOM_XML = _W + "customXml"
_W_DEL = _W + "del"
_W_DOCUMENT = _W + "document"
_W_DRAWING = _W + "drawing"
_W_FLD_CHAR = _W + "fldChar"
_W_FLD_CHAR_TYPE = _W + "fldCharType"
_W_NO_BREAK_HYPHEN = _W + "noBreakHyphen"
_W_OBJECT = _W + "object"
_W_P = _W + "p"
_W_P_PR = _W + "pPr"
_W_P_STYLE = _W + "pStyle"
_W_JC = _W + "jc"
_W_PICT = _W + "pict"
_W_PTAB = _W + "ptab"
_W_R = _W + "r"
_W_R_PR = _W + "rPr"
_W_SDT = _W + "sdt"
_W_SDT_CONTENT = _W + "sdtContent"
_W_SYM = _W + "sym"
_W_T = _W + "t"
_W_TAB = _W + "tab"
_W_TBL = _W + "tbl"
_W_TC = _W + "tc"
_W_TC_PR = _W + "tcPr"
_W_TR = _W + "tr"
_W_TR_PR = _W + "trPr"
_W_TXBX_CONTENT = _W + "txbxContent"
_W_V_MERGE = _W + "vMerge"
_W_VAL = _W + "val"

_CHARACTERS: dict[str, str | None] = {
    _W_T: None,
    _W_TAB: "\t",
    _W_PTAB: "\t",
    _W_BR: "\n",
    _W_CR: "\n",
    _W_NO_BREAK_HYPHEN: "-",
}
"""Run content that shows as characters: its text (``None``) or the character it stands for."""

# Wrappers read through, at paragraph level (runs inside) and block level.
_THROUGH = frozenset(
    _W + t
    for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "dir", "bdo", "fldSimple")
)
_SKIPPED = frozenset(_W + t for t in ("del", "moveFrom"))


class Run(NamedTuple):
    """A stretch of text with its resolved properties."""

    text: str
    font: str | None = None
    size: float | None = None
    bold: bool = False
    italic: bool = False
    legacy: str | None = None
    """The legacy encoding the text was converted from (``"TCVN3"``, ``"VNI"``), if any."""


class Paragraph(NamedTuple):
    """One paragraph as a person sees it.

    ``text`` is the runs' text joined: line breaks are ``"\\n"``, tabs
    ``"\\t"``. ``area`` is ``"body"``, ``"header"`` or ``"footer"``;
    ``cell`` is (table, row, column) of the innermost cell holding it (table
    numbered in reading order over the part, rows from 1, grid columns from
    0), ``depth`` the table nesting, ``textbox`` whether it is in a text box.
    """

    text: str
    runs: tuple[Run, ...] = ()
    part: str = "word/document.xml"
    area: str = "body"
    style: str | None = None
    align: str | None = None
    cell: tuple[int, int, int] | None = None
    depth: int = 0
    textbox: bool = False

    @property
    def lines(self) -> list[str]:
        """The lines of the paragraph (split at its line breaks)."""
        return self.text.split("\n")


class Cell(NamedTuple):
    """One table cell on the grid: first grid column, span, vertical merge, content."""

    column: int
    span: int
    merge: str | None
    """``"restart"``, ``"continue"`` (a vertical continuation) or None."""
    blocks: tuple[Paragraph | Table, ...]

    @property
    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph of the cell, nested tables and text boxes included, in order."""
        return list(_flatten(self.blocks))


class Row(NamedTuple):
    """One table row (deleted rows are not read)."""

    number: int
    cells: tuple[Cell, ...]


class Table(NamedTuple):
    """A table: its number in reading order over its part, its nesting depth, its rows."""

    number: int
    depth: int
    rows: tuple[Row, ...]

    @property
    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph of the table, row by row, cell by cell."""
        return list(_flatten((self,)))


@attrs.frozen
class DocumentText:
    """What a person sees in a DOCX: the body's blocks and the headers' and footers' paragraphs."""

    blocks: tuple[Paragraph | Table, ...]
    headers: tuple[Paragraph, ...] = ()
    footers: tuple[Paragraph, ...] = ()
    legacy: tuple[tuple[str, int], ...] = ()
    """(font or encoding, runs converted) for text converted from legacy 8-bit fonts."""
    legacy_by_text: str | None = None
    """The encoding guessed from the characters when no run has a legacy font."""

    @property
    def paragraphs(self) -> list[Paragraph]:
        """Every body paragraph in reading order (table cells and text boxes included)."""
        return list(_flatten(self.blocks))


def _flatten(blocks: Any) -> Iterator[Paragraph]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block
        else:
            for row in block.rows:
                for cell in row.cells:
                    yield from _flatten(cell.blocks)


def _number(value: str | None, default: int) -> int:
    """A decimal attribute value, or *default* when malformed (as LibreOffice reads it)."""
    if value is None:
        return default
    try:
        return int(value.strip())
    except ValueError:
        return default


class _Reader:
    """Walks one part, with the counters shared by all the parts of a document."""

    def __init__(self, file: str, sheet: StyleSheet | None) -> None:
        self.file = file
        self.sheet = sheet
        self.paragraphs = 0
        self.rows = 0
        self.cells = 0
        self.legacy: Counter[str] = Counter()
        self.part = ""
        self.area = ""
        self.tables = 0
        self.fields: list[bool] = []
        self.soft_hyphens = False
        self.encodings: dict[str | None, str | None] = {}
        self.hidden_fields = 0  # fields on the stack that show their code, not their result

    def limit(self, what: str, limit: int, vi: str) -> InputError:
        return InputError(
            self.file,
            f"more than {limit} {what}: refused",
            place=self.part,
            reason_vi=f"quá {limit} {vi}, không xử lý",
            hint=f"limit {limit} {what}",
        )

    def read_part(self, root: Any, part: str, area: str) -> list[Paragraph | Table]:
        self.part, self.area, self.tables, self.fields = part, area, 0, []
        self.hidden_fields = 0
        self.precount(root)
        return self.blocks(root, None, 0, False)

    def precount(self, root: Any) -> None:
        """Refuse a part over the caps before building anything from it (counted in C)."""
        counts = Counter(e.tag for e in root.iter(_W_P, _W_TR, _W_TC))
        for tag, have, limit, what, vi in (
            (_W_P, self.paragraphs, MAX_PARAGRAPHS, "paragraphs", "đoạn văn"),
            (_W_TR, self.rows, MAX_ROWS, "table rows", "dòng bảng"),
            (_W_TC, self.cells, MAX_CELLS, "table cells", "ô bảng"),
        ):
            if have + counts[tag] > limit:
                raise self.limit(what, limit, vi)

    # -- blocks ---------------------------------------------------------------------

    def blocks(
        self, container: Any, cell: tuple[int, int, int] | None, depth: int, box: bool
    ) -> list[Paragraph | Table]:
        out: list[Paragraph | Table] = []
        self._blocks_into(container, cell, depth, box, out)
        return out

    def _blocks_into(
        self,
        container: Any,
        cell: tuple[int, int, int] | None,
        depth: int,
        box: bool,
        out: list[Paragraph | Table],
    ) -> None:
        for child in container:
            tag = child.tag
            if tag == _W_P:
                self.paragraph(child, cell, depth, box, out)
            elif tag == _W_TBL:
                out.append(self.table(child, depth + 1, box))
            elif tag == _W_SDT:
                content = child.find(_W_SDT_CONTENT)
                if content is not None:
                    self._blocks_into(content, cell, depth, box, out)
            elif tag in _THROUGH:
                self._blocks_into(child, cell, depth, box, out)
            elif tag == _ALTERNATE:
                branch = _branch(child)
                if branch is not None:
                    self._blocks_into(branch, cell, depth, box, out)

    def table(self, tbl: Any, depth: int, box: bool) -> Table:
        if depth > MAX_DEPTH:
            raise self.limit("levels of nested tables and text boxes", MAX_DEPTH, "cấp lồng nhau")
        self.tables += 1
        number = self.tables
        rows: list[Row] = []
        for tr in _rows(tbl):
            props = tr.find(_W_TR_PR)
            if props is not None and props.find(_W_DEL) is not None:
                continue  # a deleted row
            self.rows += 1
            if self.rows > MAX_ROWS:
                raise self.limit("table rows", MAX_ROWS, "dòng bảng")
            row_number = len(rows) + 1
            column = 0
            if props is not None:
                column = _clamp(_number(val(props, "gridBefore"), 0), 0)
            cells: list[Cell] = []
            for tc in _cells(tr):
                self.cells += 1
                if self.cells > MAX_CELLS:
                    raise self.limit("table cells", MAX_CELLS, "ô bảng")
                tc_pr = tc.find(_W_TC_PR)
                span, merge = 1, None
                if tc_pr is not None:
                    span = _clamp(_number(val(tc_pr, "gridSpan"), 1), 1)
                    v_merge = tc_pr.find(_W_V_MERGE)
                    if v_merge is not None:
                        merge = "restart" if v_merge.get(_W_VAL) == "restart" else "continue"
                where = (number, row_number, column)
                cells.append(Cell(column, span, merge, tuple(self.blocks(tc, where, depth, box))))
                column = min(column + span, MAX_COLUMNS)
            rows.append(Row(row_number, tuple(cells)))
        return Table(number, depth, tuple(rows))

    # -- paragraphs -----------------------------------------------------------------

    def paragraph(
        self,
        p: Any,
        cell: tuple[int, int, int] | None,
        depth: int,
        box: bool,
        out: list[Paragraph | Table],
    ) -> None:
        self.paragraphs += 1
        if self.paragraphs > MAX_PARAGRAPHS:
            raise self.limit("paragraphs", MAX_PARAGRAPHS, "đoạn văn")
        style = align = None
        ppr = p.find(_W_P_PR)
        if ppr is not None:
            for child in ppr:
                if child.tag == _W_P_STYLE:
                    style = child.get(_W_VAL)
                elif child.tag == _W_JC:
                    align = child.get(_W_VAL)
        runs: list[Run] = []
        boxes: list[Any] = []
        self.content(p, style, runs, boxes)
        if self.hidden_fields:
            # A field code does not run on past its paragraph: a stray "begin"
            # must not hide the rest of the document (results may span paragraphs).
            self.fields = [shown for shown in self.fields if shown]
            self.hidden_fields = 0
        text = "".join(r.text for r in runs)
        out.append(
            Paragraph(text, tuple(runs), self.part, self.area, style, align, cell, depth, box)
        )
        for content in boxes:
            if depth + 1 > MAX_DEPTH:
                raise self.limit(
                    "levels of nested tables and text boxes", MAX_DEPTH, "cấp lồng nhau"
                )
            self._blocks_into(content, cell, depth + 1, True, out)

    def content(self, parent: Any, style: str | None, runs: list[Run], boxes: list[Any]) -> None:
        """The paragraph-level content of *parent*: runs and the wrappers around them."""
        for child in parent:
            tag = child.tag
            if tag == _W_R:
                self.run(child, style, runs, boxes)
            elif tag in _THROUGH:
                self.content(child, style, runs, boxes)
            elif tag == _W_SDT:
                inner = child.find(_W_SDT_CONTENT)
                if inner is not None:
                    self.content(inner, style, runs, boxes)
            elif tag == _ALTERNATE:
                branch = _branch(child)
                if branch is not None:
                    self.content(branch, style, runs, boxes)
            elif tag in _MATH:
                text = "".join(t.text or "" for t in child.iter(_M + "t"))
                if text and self.visible():
                    runs.append(Run(text))

    def visible(self) -> bool:
        return self.hidden_fields == 0

    def run(self, r: Any, style: str | None, runs: list[Run], boxes: list[Any]) -> None:
        pieces: list[str] = []
        self.pieces(r, pieces, boxes)
        if not pieces:
            return
        raw = "".join(pieces)
        if self.sheet is None:
            self.soft_hyphens = self.soft_hyphens or _SOFT_HYPHEN in raw
            runs.append(Run(raw))
            return
        props = self.sheet.resolve(r.find(_W_R_PR), style)
        if props.hidden:
            return
        font = props.font
        if font in self.encodings:
            encoding = self.encodings[font]
        else:
            encoding = self.encodings[font] = legacy_font_encoding(font)
        text = raw
        if encoding is None and _SOFT_HYPHEN in raw:
            self.soft_hyphens = True
        if encoding is not None:
            self.legacy[props.font or encoding] += 1
            text = legacy_to_unicode(raw, encoding, capitals=is_capitals_font(props.font))
        runs.append(Run(text, props.font, props.size, props.bold, props.italic, encoding))

    def pieces(self, r: Any, pieces: list[str], boxes: list[Any]) -> None:
        """The visible text of the run-level content of *r*; text boxes into *boxes*."""
        for child in r:
            tag = child.tag
            if tag in _CHARACTERS:
                if self.visible():
                    shown = _CHARACTERS[tag]
                    pieces.append((child.text or "") if shown is None else shown)
            elif tag == _W_SYM:
                code = _number_hex(child.get(_W_CHAR))
                if code is not None and self.visible() and not 0xE000 <= code <= 0xF8FF:
                    pieces.append(chr(code))
            elif tag == _W_FLD_CHAR:
                self.field_char(child.get(_W_FLD_CHAR_TYPE))
            elif tag in (_W_DRAWING, _W_PICT, _W_OBJECT):
                boxes.extend(_textboxes(child))
            elif tag == _ALTERNATE:
                branch = _branch(child)
                if branch is not None:
                    self.pieces(branch, pieces, boxes)

    def field_char(self, kind: str | None) -> None:
        """A complex field's mark: its code is hidden from ``begin`` to ``separate``,
        its result shown until ``end`` (a field with no result hides all)."""
        if kind == "begin":
            self.fields.append(False)
            self.hidden_fields += 1
        elif kind == "separate" and self.fields and not self.fields[-1]:
            self.fields[-1] = True
            self.hidden_fields -= 1
        elif kind == "end" and self.fields:
            self.hidden_fields -= not self.fields.pop()


def _number_hex(value: str | None) -> int | None:
    if not value:
        return None
    try:
        code = int(value, 16)
    except ValueError:
        return None
    return code if 0x20 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else None


def _clamp(value: int, low: int) -> int:
    return max(low, min(value, MAX_COLUMNS))


def _branch(alternate: Any) -> Any | None:
    """The one branch of ``mc:AlternateContent`` that is read: the first Choice, else Fallback."""
    choice = alternate.find(_MC + "Choice")
    return choice if choice is not None else alternate.find(_MC + "Fallback")


def _textboxes(element: Any) -> Iterator[Any]:
    """The outermost ``w:txbxContent`` inside a drawing, one branch of each AlternateContent."""
    for child in element:
        if child.tag == _W_TXBX_CONTENT:
            yield child
        elif child.tag == _ALTERNATE:
            branch = _branch(child)
            if branch is not None:
                yield from _textboxes(branch)
        elif child.tag == _MC + "Fallback":
            continue  # only reached when a Choice was read
        else:
            yield from _textboxes(child)


def _rows(tbl: Any) -> Iterator[Any]:
    """The rows of a table, through content controls and custom XML around them."""
    for child in tbl:
        if child.tag == _W_TR:
            yield child
        elif child.tag in (_W_SDT, _W_CUSTOM_XML):
            inner = child.find(_W_SDT_CONTENT) if child.tag == _W_SDT else child
            if inner is not None:
                yield from _rows(inner)


def _cells(tr: Any) -> Iterator[Any]:
    """The cells of a row, through content controls and custom XML around them."""
    for child in tr:
        if child.tag == _W_TC:
            yield child
        elif child.tag in (_W_SDT, _W_CUSTOM_XML):
            inner = child.find(_W_SDT_CONTENT) if child.tag == _W_SDT else child
            if inner is not None:
                yield from _cells(inner)


def read_document(package: Package, *, styles: bool = True, headers: bool = True) -> DocumentText:
    """What a person sees in *package*: body blocks, header and footer paragraphs.

    With *styles* (the default) every run's font, size, bold and italic are
    resolved through the one :class:`~.styles.StyleSheet`, hidden text is left
    out and runs in legacy 8-bit fonts are converted; without, runs carry
    only their text. When no run is in a legacy font but the whole text reads
    as TCVN3 or VNI, all of it is converted (``legacy_by_text``). Otherwise
    soft hyphens (U+00AD, which TCVN3 uses for "ư") are dropped, as they are
    invisible. *headers* reads the header and footer parts too.
    """
    sheet = StyleSheet(package.styles, package.theme) if styles else None
    reader = _Reader(package.name, sheet)
    document = package.document
    body = document.find(_W_BODY) if document is not None else None
    if body is None or document.tag != _W_DOCUMENT:
        raise InputError(
            package.name,
            "word/document.xml has no w:document/w:body: not a Word document",
            place="word/document.xml",
            reason_vi="văn bản không có nội dung (không phải văn bản Word)",
        )
    blocks = reader.read_part(body, "word/document.xml", "body")
    found: dict[str, list[Paragraph]] = {"header": [], "footer": []}
    if headers:
        for part in package.headers_footers():
            area = "header" if "/header" in part else "footer"
            root = package.xml(part)
            if root is not None:
                found[area].extend(_flatten(reader.read_part(root, part, area)))
    text = DocumentText(
        blocks=tuple(blocks),
        headers=tuple(found["header"]),
        footers=tuple(found["footer"]),
        legacy=tuple(sorted(reader.legacy.items())),
    )
    if not text.legacy:
        sample = "\n".join(p.text for p in text.paragraphs)
        encoding = guess_legacy_encoding(sample)
        if encoding is not None:
            converted = sum(len(p.runs) for p in text.paragraphs)
            text = _map_runs(text, lambda r: _converted(r, encoding))
            return attrs.evolve(text, legacy=((encoding, converted),), legacy_by_text=encoding)
    if reader.soft_hyphens:
        text = _map_runs(
            text, lambda r: r if r.legacy else r._replace(text=r.text.replace(_SOFT_HYPHEN, ""))
        )
    return text


def _converted(run: Run, encoding: str) -> Run:
    capitals = is_capitals_font(run.font)
    return run._replace(
        text=legacy_to_unicode(run.text, encoding, capitals=capitals), legacy=encoding
    )


def _map_runs(text: DocumentText, change: Callable[[Run], Run]) -> DocumentText:
    """*text* with every run changed by *change* (paragraph texts follow)."""

    def para(p: Paragraph) -> Paragraph:
        runs = tuple(change(r) for r in p.runs)
        return p._replace(text="".join(r.text for r in runs), runs=runs)

    def block(b: Paragraph | Table) -> Paragraph | Table:
        if isinstance(b, Paragraph):
            return para(b)
        rows = tuple(
            row._replace(
                cells=tuple(c._replace(blocks=tuple(block(x) for x in c.blocks)) for c in row.cells)
            )
            for row in b.rows
        )
        return b._replace(rows=rows)

    return attrs.evolve(
        text,
        blocks=tuple(block(b) for b in text.blocks),
        headers=tuple(para(p) for p in text.headers),
        footers=tuple(para(p) for p in text.footers),
    )
