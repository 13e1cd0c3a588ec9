"""The text extractor against LibreOffice: the lines we read are the lines it prints.

A document with the constructs people type (Shift+Enter, fields, content
controls, hyperlinks, hidden text, a text box with its VML fallback, tracked
insertions, a nested table, a malformed grid span, a header) is converted to
PDF by LibreOffice and read back with pdftotext; every line LibreOffice prints
must be a line we read, and the other way round (order aside: a text box
floats where its anchor puts it).
"""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

from coordrules.adapters.docx.package import open_package
from coordrules.adapters.docx.text import read_document
from docx_package import docx, p, r
from test_docx_libreoffice import _pdf
from test_docx_text import field

# A text box drawn to the right of its paragraph: the modern shape and its VML fallback.
TEXTBOX = (
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" '
    'distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" '
    'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH '
    'relativeFrom="column"><wp:posOffset>3000000</wp:posOffset></wp:positionH><wp:positionV '
    'relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent '
    'cx="2000000" cy="500000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare '
    'wrapText="bothSides"/><wp:docPr id="1" name="Text Box 1"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
    'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" '
    'y="0"/><a:ext cx="2000000" cy="500000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
    "</a:prstGeom></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r><w:t>TRONG KHUNG</w:t></w:r>"
    "</w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
    "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape "
    'style="width:150pt;height:40pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>TRONG KHUNG'
    "</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r>"
)


def _printed_lines(tmp_path: Path, data: bytes) -> list[str]:
    pdf = _pdf(tmp_path, "core", data)  # LibreOffice's rendering, as the writer tests use it
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_lines_read_are_the_lines_libreoffice_prints(tmp_path: Path) -> None:
    nested = "<w:tbl><w:tr><w:tc>" + p(r("Ô TRONG")) + "</w:tc></w:tr></w:tbl>"
    table = (
        "<w:tbl><w:tblGrid><w:gridCol w:w='3000'/><w:gridCol w:w='3000'/></w:tblGrid><w:tr>"
        '<w:tc><w:tcPr><w:gridSpan w:val="abc"/></w:tcPr>' + p(r("Ô MỘT")) + "</w:tc>"
        "<w:tc>" + nested + p(r("Ô HAI")) + "</w:tc></w:tr></w:tbl>"
    )
    body = (
        p(r("ỦY BAN NHÂN DÂN"), r(inner="<w:br/>"), r("TỈNH BẮC NINH"))
        + p(r("Số: "), '<w:ins w:id="1" w:author="A">' + r("15") + "</w:ins>", r("/TTr-UBND"))
        + p(r("Trang "), field(" PAGE ", "1"), r(" hết"))
        + p(r("Phường"), r(inner="<w:softHyphen/>"), r("xã"), r(inner="<w:noBreakHyphen/>"), r("A"))
        + "<w:sdt><w:sdtPr/><w:sdtContent>"
        + p(r("TRONG Ô NHẬP"))
        + "</w:sdtContent></w:sdt>"
        + p('<w:hyperlink w:anchor="x">' + r("LIÊN KẾT") + "</w:hyperlink>")
        + p(r("ẨN", props="<w:vanish/>"), r("HIỆN"))
        + table
        + p(r("Cuối"), TEXTBOX)
    )
    data = docx(body, headers={"header1.xml": p(r("ĐẦU TRANG"))})
    document = read_document(open_package(data, "core.docx"))
    ours = [
        line.strip()
        for paragraph in [*document.headers, *document.paragraphs]
        for line in paragraph.lines
        if line.strip()
    ]
    assert Counter(ours) == Counter(_printed_lines(tmp_path, data))
