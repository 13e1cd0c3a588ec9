"""Write small DOCX files from WordprocessingML snippets, for the inspection tests.

Each helper returns XML text; :func:`package` writes a minimal DOCX around a
body (and, optionally, a first-page header). Paragraph text may hold ``\\n``:
it is written as ``<w:br/>``, the line break Word types for Shift+Enter.
"""

# ruff: noqa: E501  (package XML is kept whole on its lines, as the OOXML spec shows it)
from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def run(text: str, *, bold: bool = False, size: float = 14) -> str:
    """One run; ``\\n`` in *text* becomes a line break (``w:br``)."""
    props = f'<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>{"<w:b/>" if bold else ""}<w:sz w:val="{int(size * 2)}"/></w:rPr>'
    pieces = [f'<w:t xml:space="preserve">{escape(t)}</w:t>' for t in text.split("\n")]
    return f"<w:r>{props}{'<w:br/>'.join(pieces)}</w:r>"


def p(text: str = "", *, bold: bool = False, size: float = 14, jc: str | None = "center") -> str:
    """A paragraph of one run."""
    ppr = f'<w:pPr><w:jc w:val="{jc}"/></w:pPr>' if jc else ""
    return f"<w:p>{ppr}{run(text, bold=bold, size=size) if text else ''}</w:p>"


def lines(texts: Sequence[str], *, breaks: bool, bold: bool = False, size: float = 14) -> str:
    """Several lines: one paragraph with Shift+Enter breaks, or one paragraph each."""
    if breaks:
        return p("\n".join(texts), bold=bold, size=size)
    return "".join(p(t, bold=bold, size=size) for t in texts)


def table(rows: Sequence[Sequence[str]]) -> str:
    """A borderless layout table; each cell is XML (paragraphs)."""
    body = "".join(
        "<w:tr>" + "".join(f"<w:tc><w:tcPr/>{cell or p()}</w:tc>" for cell in row) + "</w:tr>"
        for row in rows
    )
    return (
        f'<w:tbl><w:tblPr><w:tblBorders><w:top w:val="nil"/></w:tblBorders></w:tblPr>{body}</w:tbl>'
    )


def text_box(content: str) -> str:
    """A text box as Word writes it: a DrawingML shape with a VML fallback, both holding the text."""
    return (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        f"<v:shape><v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )


def content_control(content: str) -> str:
    """A block-level content control (``w:sdt``) around *content*."""
    return f'<w:sdt><w:sdtPr><w:alias w:val="Trích yếu"/></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>'


def package(path: Path, body: str, *, header: str | None = None) -> Path:
    """Write a minimal DOCX: A4 page, NĐ 30 margins, *body*, and *header* on every page."""
    sect = (
        "<w:sectPr>"
        + ('<w:headerReference w:type="default" r:id="rIdH"/>' if header else "")
        + '<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/></w:sectPr>'
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}{sect}</w:body></w:document>',
        )
        if header:
            z.writestr(
                "word/_rels/document.xml.rels",
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
                "</Relationships>",
            )
            z.writestr(
                "word/header1.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><w:hdr {NS}>{header}</w:hdr>',
            )
    return path
