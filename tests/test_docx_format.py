"""The official format, checked in the written document's own XML (NĐ 30/2020)."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordrules import InputError, Report, write_report_docx, write_weekly_docx
from coordrules.adapters.docx.format import clean_text
from coordrules.adapters.docx.package import open_package
from docx_support import DIRECTORY, PACK, at, calendar_table, merged, occurrence
from docx_xml import W, parts, texts

MONDAY = date(2026, 12, 7)
TWIPS_PER_MM = 1440 / 25.4


def _week(n: int = 3) -> bytes:
    items = [
        occurrence(
            f"Cuộc họp số {i}", at(MONDAY, 8 + i % 9), at(MONDAY, 9 + i % 9), venue="Phòng 1"
        )
        for i in range(n)
    ]
    return write_weekly_docx(
        merged(*items), window=(MONDAY, date(2026, 12, 13)), pack=PACK, office="vp-ubnd"
    )


@pytest.fixture(scope="module")
def weekly() -> dict[str, Any]:
    return parts(_week())


@pytest.fixture(scope="module")
def report_parts() -> dict[str, Any]:
    return parts(write_report_docx(Report(), pack=PACK, office="vp-ubnd", title="Báo cáo"))


@pytest.mark.parametrize("which", ["weekly", "report_parts"])
def test_a4_and_margins(which: str, request: pytest.FixtureRequest) -> None:
    doc = request.getfixturevalue(which)["word/document.xml"]
    sect = doc.find(f"{W}body/{W}sectPr")
    size = sect.find(f"{W}pgSz")
    width, height = int(size.get(f"{W}w")), int(size.get(f"{W}h"))
    assert sorted((round(width / TWIPS_PER_MM), round(height / TWIPS_PER_MM))) == [210, 297]
    if which == "weekly":
        assert width > height
        assert size.get(f"{W}orient") == "landscape"
    else:
        assert height > width
    margins = sect.find(f"{W}pgMar")
    mm = {k: int(margins.get(f"{W}{k}")) / TWIPS_PER_MM for k in ("top", "bottom", "left", "right")}
    assert 20 <= round(mm["top"]) <= 25
    assert 20 <= round(mm["bottom"]) <= 25
    assert 30 <= round(mm["left"]) <= 35
    assert 15 <= round(mm["right"]) <= 20
    # The page-number header sits inside the top margin.
    assert int(margins.get(f"{W}header")) < int(margins.get(f"{W}top"))


@pytest.mark.parametrize("which", ["weekly", "report_parts"])
def test_fonts_in_every_slot_and_no_theme_fonts(which: str, request: pytest.FixtureRequest) -> None:
    got = request.getfixturevalue(which)
    styles = got["word/styles.xml"]
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    fonts = defaults.find(f"{W}rFonts")
    assert {fonts.get(f"{W}{s}") for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Times New Roman"
    }
    assert defaults.find(f"{W}lang").get(f"{W}val") == "vi-VN"
    assert defaults.find(f"{W}sz").get(f"{W}val") == "26"  # 13 pt
    for name in ("word/styles.xml", "word/stylesWithEffects.xml", "word/document.xml"):
        if name not in got:
            continue
        for element in got[name].iter(f"{W}rFonts"):
            assert not [a for a in element.attrib if "heme" in a], (name, element.attrib)
    runs = list(got["word/document.xml"].iter(f"{W}r"))
    assert runs
    for run in runs:
        fonts = run.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            assert fonts.get(f"{W}{slot}") == "Times New Roman"
        # The language comes from the defaults; no run overrides it.
        assert run.find(f"{W}rPr/{W}lang") is None
        size = int(run.find(f"{W}rPr/{W}sz").get(f"{W}val"))
        assert 22 <= size <= 30  # 11 pt (the "Nơi nhận" lines, NĐ 30) to 15 pt


def test_body_and_table_text_is_13_pt(weekly: dict[str, Any]) -> None:
    doc = weekly["word/document.xml"]
    table = calendar_table(doc)
    sizes = {r.find(f"{W}rPr/{W}sz").get(f"{W}val") for r in table.iter(f"{W}r")}
    assert sizes == {"26"}


def test_page_numbers_top_centre_not_on_page_one(weekly: dict[str, Any]) -> None:
    doc = weekly["word/document.xml"]
    sect = doc.find(f"{W}body/{W}sectPr")
    assert sect.find(f"{W}titlePg") is not None
    refs = {r.get(f"{W}type"): r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            for r in sect.findall(f"{W}headerReference")}  # fmt: skip
    assert set(refs) >= {"default", "first"}
    rels = weekly["word/_rels/document.xml.rels"]
    target = {r.get("Id"): r.get("Target") for r in rels}
    default = weekly[f"word/{target[refs['default']]}"]
    first = weekly[f"word/{target[refs['first']]}"]
    fields = [f.get(f"{W}instr").strip() for f in default.iter(f"{W}fldSimple")]
    assert fields == ["PAGE"]
    assert default.find(f".//{W}jc").get(f"{W}val") == "center"
    assert not list(first.iter(f"{W}fldSimple"))
    assert "".join(texts(first)).strip() == ""


def test_header_row_repeats(weekly: dict[str, Any]) -> None:
    table = calendar_table(weekly["word/document.xml"])
    rows = table.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])
    # No item of this week names a preparing unit: that column is left out.
    assert texts(rows[0]) == ["Thời gian", "Nội dung", "Chủ trì, thành phần", "Địa điểm"]


def test_state_heading_has_quoc_hieu_and_tieu_ngu_with_line(weekly: dict[str, Any]) -> None:
    heading = weekly["word/document.xml"].findall(f"{W}body/{W}tbl")[0]
    lines = texts(heading)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert "Độc lập - Tự do - Hạnh phúc" in lines
    assert "VĂN PHÒNG UBND TỈNH" in lines
    assert "UBND TỈNH QUẢNG NAM" in lines
    tieu_ngu = next(p for p in heading.iter(f"{W}p") if texts(p) == ["Độc lập - Tự do - Hạnh phúc"])
    assert tieu_ngu.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in lines


def test_party_office_gets_the_party_heading() -> None:
    data = write_weekly_docx(
        merged(), window=(MONDAY, date(2026, 12, 13)), pack=PACK, office="vp-tinh-uy"
    )
    heading = parts(data)["word/document.xml"].findall(f"{W}body/{W}tbl")[0]
    lines = texts(heading)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in lines
    assert "*" in lines
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in lines
    bold = next(r for r in heading.iter(f"{W}r") if "ĐẢNG CỘNG SẢN" in "".join(r.itertext()))
    assert bold.find(f"{W}rPr/{W}b") is not None
    assert bold.find(f"{W}rPr/{W}sz").get(f"{W}val") == "30"  # 15 pt


def test_ban_can_su_dang_does_not_make_vp_ubnd_a_party_office(weekly: dict[str, Any]) -> None:
    # vp-ubnd serves "Ban cán sự đảng UBND tỉnh": still a state office.
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts(weekly["word/document.xml"])


def test_output_is_deterministic_and_zip_dates_fixed() -> None:
    first, second = _week(), _week()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2026-12-07T00:00:00" in core
    assert "coordrules" in core


@given(st.text())
def test_clean_text_always_gives_writable_text(text: str) -> None:
    from docx_support import occurrence as make

    cleaned = clean_text(text)
    assert "\r" not in cleaned
    data = write_weekly_docx(
        merged(make(text or "x", at(MONDAY, 8), at(MONDAY, 9), venue=text)),
        window=(MONDAY, MONDAY), pack=PACK, office="vp-ubnd",
    )  # fmt: skip
    assert data[:2] == b"PK"


def test_unknown_office_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no-such-office"):
        write_weekly_docx(merged(), window=(MONDAY, MONDAY), pack=PACK, office="no-such-office")
    with pytest.raises(InputError, match="no-such-office"):
        write_report_docx(Report(), pack=PACK, office="no-such-office", title="x")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "not a .docx"),
        (b"%PDF-1.7 renamed", "not a .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old binary .doc"),
        (b"PK\x03\x04broken", "corrupted"),
    ],
)
def test_not_a_docx_is_an_input_error_naming_the_file(data: bytes, words: str) -> None:
    from coordrules import read_weekly_docx

    with pytest.raises(InputError, match=words) as caught:
        read_weekly_docx(data, name="lich.docx")
    assert caught.value.file == "lich.docx"


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_zip_without_document_macro_file_bomb_and_entities_are_refused() -> None:
    with pytest.raises(InputError, match=r"without word/document\.xml"):
        open_package(_zip({"a.txt": b"x"}), "a.docx")
    with pytest.raises(InputError, match="macro"):
        open_package(_zip({"word/document.xml": b"<x/>", "word/vbaProject.bin": b"x"}), "m.docm")
    with pytest.raises(InputError, match="zip bomb"):
        open_package(_zip({"word/document.xml": b"<x/>", "big.bin": b"\0" * 210_000_000}), "b")
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>"
    )
    package = open_package(_zip({"word/document.xml": evil}), "e.docx")
    with pytest.raises(InputError, match="ENTITY"):
        package.document  # noqa: B018 (parsing is what refuses)


def test_the_writer_takes_no_directory_regression() -> None:
    # The people directory never changed the layout; the parameter that took it is gone.
    with pytest.raises(TypeError, match="directory"):
        write_weekly_docx(  # type: ignore[call-arg]
            merged(), window=(MONDAY, MONDAY), pack=PACK, office="vp-ubnd", directory=DIRECTORY
        )
