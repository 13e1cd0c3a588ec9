"""Build dossier documents (DOCX) for the tests, right or wrong in exactly one way.

``build(path, kind=..., **wrong)`` writes a document in the NĐ 30/2020 format
(or the Party format with ``party=True``); each keyword breaks one thing.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from coordrules.adapters.docx.legacy import unicode_to_legacy

TITLES = {
    "to-trinh": ("TỜ TRÌNH", "TTr", "Về việc ban hành Nghị quyết quy định mức chi"),
    "bao-cao-tham-tra": ("BÁO CÁO", "BC", "Thẩm tra dự thảo Nghị quyết quy định mức chi"),
    "bao-cao": ("BÁO CÁO", "BC", "Kết quả thực hiện nhiệm vụ quý I năm 2026"),
    "nghi-quyet": ("NGHỊ QUYẾT", "NQ", "Quy định mức chi hỗ trợ"),
    "quyet-dinh": ("QUYẾT ĐỊNH", "QĐ", "Ban hành Quy chế phối hợp"),
    "ke-hoach": ("KẾ HOẠCH", "KH", "Tổ chức kỳ họp thứ 12"),
    "thong-bao-ket-luan": ("THÔNG BÁO", "TB", "Kết luận của Chủ tịch UBND tỉnh"),
    "cong-van": (None, None, "V/v chuẩn bị tài liệu kỳ họp"),
}


def _fonts(run: Any, name: str, size: float | None = None, bold: bool | None = None) -> None:
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold


def _page_field(paragraph: Any) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def build(
    path: Path,
    kind: str = "to-trinh",
    *,
    party: bool = False,
    draft: bool = False,
    number: str | None = None,
    margins: tuple[float, float, float, float] = (20, 20, 30, 15),
    body_font: str = "Times New Roman",
    body_size: float = 14,
    quoc_hieu: bool = True,
    tieu_ngu: bool = True,
    tieu_ngu_bold: bool = True,
    tracked: bool = False,
    legacy: str | None = None,
    pages: int = 2,
    page_numbers: str = "header",
    letter: bool = False,
    issuer: tuple[str, str] = ("ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NAM"),
    place_date: str = "Quảng Nam, ngày 15 tháng 3 năm 2026",
    signer: tuple[str, str, str] = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"),
) -> Path:
    """Write one document; every keyword's default is the right form."""
    title, code, subject = TITLES[kind]
    doc = Document()
    section = doc.sections[0]
    _page_setup(section, margins, letter=letter)
    write = _Paragraphs(legacy)
    table = doc.add_table(rows=1, cols=2)
    left_cell, right_cell = table.rows[0].cells
    left_cell.paragraphs[0]._p.getparent().remove(left_cell.paragraphs[0]._p)
    right_cell.paragraphs[0]._p.getparent().remove(right_cell.paragraphs[0]._p)
    if party:
        write(left_cell, "ĐẢNG BỘ TỈNH QUẢNG NAM", 14, capitals=True)
        write(left_cell, "TỈNH ỦY", 14, bold=True, capitals=True)
        write(left_cell, "*", 14)
        write(left_cell, number or ("Số      -NQ/TU" if draft else "Số 04-NQ/TU"), 14)
        write(right_cell, "ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True, capitals=True)
        write(right_cell, "Quảng Nam, ngày 15 tháng 3 năm 2026", 14, italic=True)
    else:
        write(left_cell, issuer[0], 13, capitals=True)
        write(left_cell, issuer[1], 13, bold=True, capitals=True)
        write(left_cell, number or _state_number(kind, code, draft=draft), 13)
        if kind == "cong-van":
            write(left_cell, subject, 12)
        if quoc_hieu:
            write(right_cell, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True, capitals=True)
        if tieu_ngu:
            write(right_cell, "Độc lập - Tự do - Hạnh phúc", 14, bold=tieu_ngu_bold)
        write(right_cell, place_date, 14, italic=True)
    if draft:
        write(doc, "DỰ THẢO", 14, bold=True, capitals=True)
    if title is not None:
        write(doc, title, 14, bold=True, capitals=True)
        write(doc, subject, 14, bold=True)
    else:
        write(doc, "Kính gửi: Các sở, ban, ngành", 14)
    sentence = (
        "Căn cứ Luật Tổ chức chính quyền địa phương; Ủy ban nhân dân tỉnh kính trình "
        "Hội đồng nhân dân tỉnh xem xét, quyết định nội dung nêu trên theo quy định."
    )
    for page in range(pages):
        for _ in range(3):
            write(doc, sentence, body_size, center=False, font=None if legacy else body_font)
        if page < pages - 1:
            doc.add_page_break()
    if tracked:
        _tracked_insertion(doc)
    write(doc, "T/M BAN THƯỜNG VỤ" if party else signer[0], 14, bold=True, capitals=True)
    write(doc, signer[1], 14, bold=True, capitals=True)
    write(doc, signer[2], 14, bold=True)
    if page_numbers != "none":
        section.different_first_page_header_footer = True
        target = section.header if page_numbers == "header" else section.footer
        p = target.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(p)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def _page_setup(section: Any, margins: tuple[float, float, float, float], *, letter: bool) -> None:
    """A4 (or US Letter) with the given top, bottom, left and right margins in mm."""
    if letter:
        section.page_width, section.page_height = Mm(215.9), Mm(279.4)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = margins
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)


def _state_number(kind: str, code: str | None, *, draft: bool) -> str:
    """The number line of a state document: blank number in a draft."""
    if kind == "cong-van":
        return "Số: 12/UBND-TH"
    if draft:
        return f"Số:      /{code}-UBND"
    return f"Số: 05/{code}-UBND"


def _tracked_insertion(doc: Any) -> None:
    """A paragraph holding one tracked insertion (w:ins)."""
    p = doc.add_paragraph()
    ins = OxmlElement("w:ins")
    for attr, value in (("w:id", "1"), ("w:author", "Chuyên viên"),
                        ("w:date", "2026-03-01T00:00:00Z")):  # fmt: skip
        ins.set(qn(attr), value)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "Câu được thêm vào."
    run.append(text)
    ins.append(run)
    p._p.append(ins)


class _Paragraphs:
    """Adds paragraphs in Unicode Times New Roman, or in a legacy font's encoding."""

    def __init__(self, legacy: str | None) -> None:
        self.legacy = legacy

    def font_for(self, text: str, capitals: bool = False) -> tuple[str, str]:
        if self.legacy == "tcvn3":
            if capitals:
                return unicode_to_legacy(text.lower(), "tcvn3"), ".VnTimeH"
            return unicode_to_legacy(text, "tcvn3"), ".VnTime"
        if self.legacy == "vni":
            return unicode_to_legacy(text, "vni"), "VNI-Times"
        return text, "Times New Roman"

    def __call__(self, container: Any, text: str, size: float = 14, bold: bool = False,
                 italic: bool = False, center: bool = True, capitals: bool = False,
                 font: str | None = None) -> Any:  # fmt: skip
        p = container.add_paragraph()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        shown, face = self.font_for(text, capitals)
        run = p.add_run(shown)
        _fonts(run, font or face, size, bold)
        run.font.italic = italic
        return p


def rezip(source: Path, target: Path, *, replace: dict[str, bytes] | None = None,
          add: dict[str, bytes] | None = None, drop: tuple[str, ...] = ()) -> Path:  # fmt: skip
    """Copy a DOCX changing parts: for content-type tricks, macros, entity tricks."""
    replace = replace or {}
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in zin.infolist():
            if item.filename in drop:
                continue
            out.writestr(item.filename, replace.get(item.filename, zin.read(item.filename)))
        for name, data in (add or {}).items():
            out.writestr(name, data)
    return target
