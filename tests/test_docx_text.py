"""The one text extractor: what a person sees, in reading order, with its place.

Expected readings are written from the XML by hand; the first one was checked
against LibreOffice's rendering (soffice --convert-to pdf, pdftotext): line
break, field results, soft and no-break hyphens, content control, hyperlink,
hidden text, and a text box given as mc:Choice and mc:Fallback read once.
"""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordrules import MergedCalendar, inspect_document, read_weekly_docx, write_weekly_docx
from coordrules.adapters.docx.package import open_package
from coordrules.adapters.docx.text import Paragraph, Table, read_document
from docx_package import docx, p, r
from docx_support import PACK
from typed_views import timed


def read(data: bytes) -> list[Paragraph]:
    return read_document(open_package(data, "t.docx")).paragraphs


def texts(data: bytes) -> list[str]:
    return [x.text for x in read(data)]


def field(code: str, result: str) -> str:
    return (
        r(inner='<w:fldChar w:fldCharType="begin"/>')
        + r(inner=f'<w:instrText xml:space="preserve">{code}</w:instrText>')
        + r(inner='<w:fldChar w:fldCharType="separate"/>')
        + r(result)
        + r(inner='<w:fldChar w:fldCharType="end"/>')
    )


TEXTBOX = (
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
    'wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>'
    "<w:p><w:r><w:t>TRONG HOP</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>"
    "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
    "<v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>TRONG HOP</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)


def test_what_libreoffice_shows() -> None:
    body = (
        p(r("DONG MOT"), r(inner="<w:br/>"), r("DONG HAI"), TEXTBOX)
        + p(r("Trang "), field(" PAGE ", "1"), r(" het"))
        + p(r("ab"), r(inner="<w:softHyphen/>"), r("cd"), r(inner="<w:noBreakHyphen/>"), r("ef"))
        + "<w:sdt><w:sdtPr/><w:sdtContent>"
        + p(r("TRONG SDT"))
        + "</w:sdtContent></w:sdt>"
        + p('<w:hyperlink w:anchor="x">' + r("LIEN KET") + "</w:hyperlink>")
        + p('<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>', r(" trang"))
        + p(r("AN", props="<w:vanish/>"), r("HIEN"))
    )
    found = read(docx(body))
    assert [x.text for x in found] == [
        "DONG MOT\nDONG HAI",
        "TRONG HOP",
        "Trang 1 het",
        "abcd-ef",
        "TRONG SDT",
        "LIEN KET",
        "1 trang",
        "HIEN",
    ]
    assert found[0].lines == ["DONG MOT", "DONG HAI"]
    assert [x.textbox for x in found[:3]] == [False, True, False]


def test_carriage_return_and_tab_and_page_break() -> None:
    page = '<w:br w:type="page"/>'
    body = p(r("a", inner="<w:cr/>"), r("b"), r(inner="<w:tab/>"), r("c", inner=page))
    # r() puts the inner XML before the text: <w:cr/>a, b, <w:tab/>, <w:br/>c.
    assert texts(docx(body)) == ["\nab\t\nc"]


def test_nested_complex_fields_show_the_outer_result_only() -> None:
    # An IF field whose code holds a MERGEFIELD: only the IF's result shows.
    inner = field(" MERGEFIELD Ten ", "«Ten»")
    outer = (
        r(inner='<w:fldChar w:fldCharType="begin"/>')
        + r(inner='<w:instrText xml:space="preserve"> IF </w:instrText>')
        + inner
        + r(inner='<w:instrText xml:space="preserve"> = "" "trống" "có" </w:instrText>')
        + r(inner='<w:fldChar w:fldCharType="separate"/>')
        + r("có")
        + r(inner='<w:fldChar w:fldCharType="end"/>')
    )
    assert texts(docx(p(r("Kết quả: "), outer, r(".")))) == ["Kết quả: có."]


def test_field_without_a_result_shows_nothing() -> None:
    body = p(
        r("A"),
        r(inner='<w:fldChar w:fldCharType="begin"/>'),
        r(inner="<w:instrText> TOC </w:instrText>"),
        r(inner='<w:fldChar w:fldCharType="end"/>'),
        r("B"),
    )
    assert texts(docx(body)) == ["AB"]


def test_tracked_changes_inserted_in_deleted_and_moved_from_out() -> None:
    body = p(
        r("Số: "),
        '<w:ins w:id="1" w:author="A">' + r("15") + "</w:ins>",
        '<w:del w:id="2" w:author="A"><w:r><w:delText>14</w:delText></w:r></w:del>',
        r("/TTr-UBND"),
    ) + (
        p('<w:moveFrom w:id="3" w:author="A">' + r("Họp A") + "</w:moveFrom>")
        + p('<w:moveTo w:id="4" w:author="A">' + r("Họp A") + "</w:moveTo>")
    )
    assert texts(docx(body)) == ["Số: 15/TTr-UBND", "", "Họp A"]


def test_deleted_table_row_is_not_read() -> None:
    table = (
        "<w:tbl><w:tr><w:tc>" + p(r("giữ")) + "</w:tc></w:tr>"
        '<w:tr><w:trPr><w:del w:id="1" w:author="A"/></w:trPr><w:tc>'
        + p(r("bỏ"))
        + "</w:tc></w:tr></w:tbl>"
    )
    assert texts(docx(table)) == ["giữ"]


def test_alternate_content_without_choice_reads_the_fallback() -> None:
    body = p(
        "<w:r><mc:AlternateContent><mc:Fallback><w:t>dự phòng</w:t></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    assert texts(docx(body)) == ["dự phòng"]


def test_nested_tables_know_their_cells() -> None:
    inner = "<w:tbl><w:tr><w:tc>" + p(r("trong")) + "</w:tc></w:tr></w:tbl>"
    outer = (
        "<w:tbl><w:tr>"
        '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' + p(r("A")) + "</w:tc>"
        "<w:tc>" + p(r("B")) + inner + p(r("C")) + "</w:tc>"
        "</w:tr></w:tbl>"
    )
    document = read_document(open_package(docx(p(r("trước")) + outer), "t.docx"))
    found = document.paragraphs
    assert [(x.text, x.cell, x.depth) for x in found] == [
        ("trước", None, 0),
        ("A", (1, 1, 0), 1),
        ("B", (1, 1, 2), 1),
        ("trong", (2, 1, 0), 2),
        ("C", (1, 1, 2), 1),
    ]
    table = document.blocks[1]
    assert isinstance(table, Table)
    assert [(c.column, c.span) for c in table.rows[0].cells] == [(0, 2), (2, 1)]


def test_malformed_and_huge_grid_spans_read_as_libreoffice_does() -> None:
    table = (
        "<w:tbl><w:tr><w:trPr><w:gridBefore w:val='x'/></w:trPr>"
        '<w:tc><w:tcPr><w:gridSpan w:val="abc"/></w:tcPr>' + p(r("a")) + "</w:tc>"
        '<w:tc><w:tcPr><w:gridSpan w:val="30000"/></w:tcPr>' + p(r("b")) + "</w:tc>"
        '<w:tc><w:tcPr><w:gridSpan w:val="-4"/></w:tcPr>' + p(r("c")) + "</w:tc>"
        "</w:tr></w:tbl>"
    )
    block = read_document(open_package(docx(table), "t.docx")).blocks[0]
    assert isinstance(block, Table)
    assert [(c.column, c.span) for c in block.rows[0].cells] == [(0, 1), (1, 64), (64, 1)]


def test_header_and_footer_parts() -> None:
    data = docx(
        p(r("thân")),
        headers={"header1.xml": p(r("Số: 12/TB-UBND")), "header2.xml": p(r("trang đầu"))},
        footers={"footer1.xml": p(r("chân trang"))},
    )
    document = read_document(open_package(data, "t.docx"))
    assert [x.text for x in document.paragraphs] == ["thân"]
    assert [(x.text, x.area, x.part) for x in document.headers] == [
        ("Số: 12/TB-UBND", "header", "word/header1.xml"),
        ("trang đầu", "header", "word/header2.xml"),
    ]
    assert [(x.text, x.area) for x in document.footers] == [("chân trang", "footer")]


def test_hundred_thousand_empty_paragraphs_are_read() -> None:
    found = read(docx("<w:p/>" * 100_000 + p(r("cuối"))))
    assert len(found) == 100_001
    assert found[-1].text == "cuối"


def test_soft_hyphen_character_dropped_but_tcvn3_u_horn_kept() -> None:
    assert texts(docx(p(r("Ph\u00adường")))) == ["Phường"]
    # In a TCVN3 font the same code point is the letter ư.
    tcvn3 = p(r("Tê tr×nh ph\u00ad¬ng", props='<w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/>'))
    assert texts(docx(tcvn3)) == ["Tờ trình phương"]


# -- one reading for every reader ----------------------------------------------------

WEEK = (
    "<w:tbl><w:tr>"
    "<w:tc>" + p(r("Thời gian")) + "</w:tc><w:tc>" + p(r("Nội dung")) + "</w:tc>"
    "<w:tc>" + p(r("Địa điểm")) + "</w:tc></w:tr>"
    '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>'
    + p(r("Thứ Hai, ngày 07/12/2026"))
    + "</w:tc></w:tr>"
    "<w:tr><w:tc>{time}</w:tc><w:tc>{content}</w:tc><w:tc>" + p(r("Phòng 1")) + "</w:tc></w:tr>"
    "</w:tbl>"
)


def test_tracked_move_reads_once_in_the_weekly_reader(tmp_path: Path) -> None:
    content = p(
        '<w:moveFrom w:id="1" w:author="A">' + r("Họp cũ ") + "</w:moveFrom>",
        r("Họp bàn kế hoạch"),
    ) + p('<w:moveTo w:id="2" w:author="A">' + r(" chuyển đến") + "</w:moveTo>")
    data = docx(WEEK.format(time=p(r("8h00")), content=content))
    calendar = read_weekly_docx(data, name="lich")
    assert [o.title for o in calendar.occurrences] == ["Họp bàn kế hoạch chuyển đến"]
    assert timed(calendar.occurrences[0].start).date() == date(2026, 12, 7)


def test_weekly_grid_span_not_a_number_reads_as_one() -> None:
    # It was int("abc"): a traceback. LibreOffice opens the file, so must we.
    week = WEEK.replace('<w:gridSpan w:val="3"/>', '<w:gridSpan w:val="abc"/>')
    data = docx(week.format(time=p(r("8h00")), content=p(r("Họp"))))
    calendar = read_weekly_docx(data, name="l")
    assert [o.title for o in calendar.occurrences] == ["Họp"]


def test_weekly_reader_reads_shift_enter_and_fields_in_cells() -> None:
    content = p(r("Họp "), field(" MERGEFIELD TenCuocHop ", "giao ban"), r(" tuần"))
    calendar = read_weekly_docx(docx(WEEK.format(time=p(r("8h00")), content=content)), name="l")
    assert [o.title for o in calendar.occurrences] == ["Họp giao ban tuần"]


def test_inspector_reads_a_tracked_move_once(tmp_path: Path) -> None:
    body = (
        p(r("ỦY BAN NHÂN DÂN"), r(inner="<w:br/>"), r("TỈNH BẮC NINH"))
        + p('<w:moveFrom w:id="1" w:author="A">' + r("TỜ TRÌNH") + "</w:moveFrom>")
        + p('<w:moveTo w:id="2" w:author="A">' + r("TỜ TRÌNH") + "</w:moveTo>")
    )
    path = tmp_path / "t.docx"
    path.write_bytes(docx(body))
    info = inspect_document(path)
    assert info.title == "TỜ TRÌNH"
    assert info.tracked_changes == 2


# -- the property: extracted text equals the visible text built alongside ------------

SAFE = st.text(alphabet="abcđêươ ĐÁ0123,.-", min_size=1, max_size=6)


@st.composite
def pieces(draw: st.DrawFn) -> tuple[str, str]:
    """One piece of a paragraph: (XML, what a person sees)."""
    kind = draw(
        st.sampled_from(
            ["text", "br", "cr", "tab", "soft", "nbh", "field", "simple", "ins", "del",
             "movefrom", "moveto", "sdt", "link", "hidden", "alternate"]
        )
    )  # fmt: skip
    text = draw(SAFE)
    if kind == "text":
        return r(text), text
    if kind in ("br", "cr"):
        return r(inner=f"<w:{kind}/>"), "\n"
    if kind == "tab":
        return r(inner="<w:tab/>"), "\t"
    if kind == "soft":
        return r(inner="<w:softHyphen/>"), ""
    if kind == "nbh":
        return r(inner="<w:noBreakHyphen/>"), "-"
    if kind == "field":
        return field(" DOCPROPERTY x ", text), text
    if kind == "simple":
        return f'<w:fldSimple w:instr=" PAGE ">{r(text)}</w:fldSimple>', text
    if kind == "ins":
        return f'<w:ins w:id="1" w:author="A">{r(text)}</w:ins>', text
    if kind == "del":
        return (
            f'<w:del w:id="1" w:author="A"><w:r><w:delText>{text}</w:delText></w:r></w:del>',
            "",
        )
    if kind == "movefrom":
        return f'<w:moveFrom w:id="1" w:author="A">{r(text)}</w:moveFrom>', ""
    if kind == "moveto":
        return f'<w:moveTo w:id="1" w:author="A">{r(text)}</w:moveTo>', text
    if kind == "sdt":
        return f"<w:sdt><w:sdtContent>{r(text)}</w:sdtContent></w:sdt>", text
    if kind == "link":
        return f'<w:hyperlink w:anchor="a">{r(text)}</w:hyperlink>', text
    if kind == "hidden":
        return r(text, props="<w:vanish/>"), ""
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="w14">'
        f"<w:t>{text}</w:t></mc:Choice><mc:Fallback><w:t>{text}{text}</w:t></mc:Fallback>"
        "</mc:AlternateContent></w:r>",
        text,
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(pieces(), min_size=1, max_size=8), min_size=1, max_size=5))
def test_extracted_text_is_the_visible_text(paragraphs: list[list[tuple[str, str]]]) -> None:
    body = "".join(p(*(xml for xml, _ in pieces_)) for pieces_ in paragraphs)
    expected = ["".join(seen for _, seen in pieces_) for pieces_ in paragraphs]
    assert texts(docx(body)) == expected


def test_reading_and_writing_leave_the_garbage_collector_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A library must not change process-wide state (the weekly reader and
    # writer used to switch the collector off and on).
    def refuse() -> None:
        raise AssertionError("gc.disable called")

    monkeypatch.setattr(gc, "disable", refuse)
    data = docx(WEEK.format(time=p(r("8h00")), content=p(r("Họp"))))
    calendar = read_weekly_docx(data, name="l")
    write_weekly_docx(
        MergedCalendar(occurrences=()), window=(date(2026, 12, 7), date(2026, 12, 13)),
        pack=PACK, office="vp-ubnd",
    )  # fmt: skip
    assert calendar.occurrences


def test_a_stray_field_begin_does_not_hide_the_rest_of_the_document() -> None:
    body = p(r("A"), r(inner='<w:fldChar w:fldCharType="begin"/>'), r("mã")) + p(r("B"))
    assert texts(docx(body)) == ["A", "B"]


def test_a_field_result_may_span_paragraphs() -> None:
    begin = r(inner='<w:fldChar w:fldCharType="begin"/>')
    code = r(inner="<w:instrText> TOC </w:instrText>")
    separate = r(inner='<w:fldChar w:fldCharType="separate"/>')
    end = r(inner='<w:fldChar w:fldCharType="end"/>')
    body = p(begin, code, separate, r("Mục 1")) + p(r("Mục 2"), end) + p(r("Sau"))
    assert texts(docx(body)) == ["Mục 1", "Mục 2", "Sau"]
