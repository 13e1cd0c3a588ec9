"""The document format (thể thức) as pack data, shared by the DOCX writer and the checker.

Expected values are read from the pack files written here and from DOMAIN.md
("Documents"): NĐ 30/2020 body 13–14 pt, margins top/bottom 20–25 mm, left
30–35 mm, right 15–20 mm; Quốc hiệu 12–13 pt; Tiêu ngữ 13–14 pt; 36-HD/VPTW
Party heading 15 pt.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordrules import PackError, Report, inspect_document, load_pack, write_report_docx
from coordrules.adapters.docx.format import format_values
from coordrules.model.values import Basis, CitationSource
from coordrules.packs.docformat import FORMAT_KEYS, FormatRange, value_problem
from docx_xml import W, parts

ISSUED = date(2026, 12, 7)


def _pack(tmp_path: Path, body: str, name: str = "p.toml") -> Path:
    path = tmp_path / name
    path.write_text(
        '[pack]\nid = "thu"\nname = "Thử"\nextends = "vn-province"\nplace = "Thanh Bình"\n' + body,
        encoding="utf-8",
    )
    return path


def _write(
    pack_path: Path,
    tmp_path: Path,
    issued: date = ISSUED,
    name: str = "out.docx",
    office: str = "vp-ubnd",
) -> Path:
    pack = load_pack(pack_path)
    data = write_report_docx(
        Report(), pack=pack, office=office, title="Báo cáo kiểm tra", issued=issued
    )
    out = tmp_path / name
    out.write_bytes(data)
    return out


def _body_sizes(data: bytes) -> set[str]:
    """w:sz of the runs of the body's own paragraphs (outside tables), in half-points."""
    body = parts(data)["word/document.xml"].find(f"{W}body")
    return {
        sz.get(f"{W}val")
        for p in body.findall(f"{W}p")
        for sz in p.iter(f"{W}sz")
        if any((t.text or "").strip() for t in p.iter(f"{W}t"))
    }


def _codes(path: Path, pack_path: Path | str) -> dict[str, list[str]]:
    info = inspect_document(path, pack=load_pack(pack_path))
    out: dict[str, list[str]] = {}
    for finding in info.findings:
        out.setdefault(finding.rule, []).append(str(finding.details.get("expected")))
    return out


def test_a_pack_body_size_changes_both_the_writer_and_the_checker(tmp_path: Path) -> None:
    # One pack value; the writer writes its low end and the checker accepts its range,
    # so a document we write always passes our own check with the same pack.
    big = _pack(
        tmp_path,
        '[[document_format]]\nid = "state.body_size"\nvalue = [15, 16]\n'
        'basis = "local"\ncite = "Quy chế của tỉnh"\n',
    )
    written = _write(big, tmp_path)
    data = written.read_bytes()
    styles = parts(data)["word/styles.xml"]
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz")
    assert default is not None
    assert default.get(f"{W}val") == "30"
    # The title is 14 pt; "Thời điểm…" and "Không phát hiện…" lines are body text.
    assert "30" in _body_sizes(data)
    assert "26" not in _body_sizes(data)
    assert "format.size" not in _codes(written, big)
    # The bundled pack (13–14 pt) rejects the same document, naming its range.
    assert _codes(written, "vn-province")["format.size"] == ["13–14 pt"]
    # And a document written with the bundled pack is rejected by the 15–16 pack.
    plain = _write(_pack(tmp_path, "", "plain.toml"), tmp_path, name="plain.docx")
    assert "format.size" not in _codes(plain, "vn-province")
    assert _codes(plain, big)["format.size"] == ["15–16 pt"]


def test_a_pack_margin_and_heading_size_reach_both_sides(tmp_path: Path) -> None:
    pack = _pack(
        tmp_path,
        '[[document_format]]\nid = "state.margin_left"\nvalue = [40, 40]\n'
        '[[document_format]]\nid = "state.quoc_hieu_size"\nvalue = [14, 14]\n',
    )
    written = _write(pack, tmp_path)
    doc = parts(written.read_bytes())["word/document.xml"]
    margin = doc.find(f"{W}body/{W}sectPr/{W}pgMar")
    assert margin is not None
    assert round(int(margin.get(f"{W}left")) / 56.6929) == 40
    assert _codes(written, pack).keys().isdisjoint({"format.margins", "format.quoc-hieu"})
    bundled = _codes(written, "vn-province")
    assert bundled["format.margins"] == ["30–35 mm"]
    assert bundled["format.quoc-hieu"] == ["12–13 pt"]


def test_heading_words_come_from_the_pack(tmp_path: Path) -> None:
    pack = _pack(
        tmp_path,
        '[[document_format]]\nid = "state.tieu_ngu"\nvalue = "Độc lập - Tự do - Hạnh phúc!"\n',
    )
    # The recognised Tiêu ngữ of a bundled-format document differs from the pack's words.
    plain = _write(_pack(tmp_path, "", "plain.toml"), tmp_path, name="plain.docx")
    assert "format.tieu-ngu" not in _codes(plain, "vn-province")
    assert _codes(plain, pack)["format.tieu-ngu"] == ["“Độc lập - Tự do - Hạnh phúc!”"]


def test_a_pack_font_is_written_everywhere_and_accepted(tmp_path: Path) -> None:
    pack = _pack(
        tmp_path,
        '[[document_format]]\nid = "state.font"\nvalue = "Liberation Serif"\n',
    )
    written = _write(pack, tmp_path)
    data = written.read_bytes()
    slots = {
        f.get(f"{W}{slot}")
        for name in ("word/document.xml", "word/styles.xml")
        for f in parts(data)[name].iter(f"{W}rFonts")
        for slot in ("ascii", "hAnsi", "eastAsia", "cs")
    }
    assert slots == {"Liberation Serif"}
    assert "format.font" not in _codes(written, pack)
    assert _codes(written, "vn-province")["format.font"] == ["Times New Roman"]


def test_a_pack_party_heading_size_reaches_both_sides(tmp_path: Path) -> None:
    pack = _pack(
        tmp_path,
        '[[document_format]]\nid = "party.heading_size"\nvalue = [16, 16]\n',
    )
    written = _write(pack, tmp_path, office="vp-tinh-uy")
    doc = parts(written.read_bytes())["word/document.xml"]
    heading = [
        p
        for p in doc.iter(f"{W}p")
        if "".join(t.text or "" for t in p.iter(f"{W}t")) == "ĐẢNG CỘNG SẢN VIỆT NAM"
    ]
    assert len(heading) == 1
    assert {sz.get(f"{W}val") for sz in heading[0].iter(f"{W}sz")} == {"32"}
    info = inspect_document(written, pack=load_pack(pack))
    assert info.party
    assert "format.party-heading" not in _codes(written, pack)
    assert _codes(written, "vn-province")["format.party-heading"] == ["15 pt"]


VERSIONED = (
    '[[document_format]]\nid = "state.body_size"\nvalue = [13, 14]\nuntil = 2027-01-01\n'
    '[[document_format]]\nid = "state.body_size"\nvalue = [15, 16]\nsince = 2027-01-01\n'
)


@pytest.mark.parametrize(
    ("issued", "half_points"),
    [(date(2026, 12, 31), "26"), (date(2027, 1, 1), "30")],
)
def test_the_writer_reads_the_version_of_the_issue_date(
    tmp_path: Path, issued: date, half_points: str
) -> None:
    written = _write(_pack(tmp_path, VERSIONED), tmp_path, issued=issued)
    assert half_points in _body_sizes(written.read_bytes())


@pytest.mark.parametrize(
    ("issued", "expected"),
    [(date(2026, 12, 31), None), (date(2027, 1, 1), "15–16 pt")],
)
def test_the_checker_reads_the_version_of_the_document_date(
    tmp_path: Path, issued: date, expected: str | None
) -> None:
    # A document written at 13 pt, dated on each side of the change: the 2027
    # version (15–16 pt) applies only to the one dated 1 January 2027.
    plain = _write(_pack(tmp_path, "", "plain.toml"), tmp_path, issued=issued)
    found = _codes(plain, _pack(tmp_path, VERSIONED)).get("format.size")
    assert found == (None if expected is None else [expected])


UNREAD = {
    "state.issuer_size",
    "state.number_size",
    "state.place_date_size",
    "state.title_size",
    "state.recipients_heading_size",
    "state.recipients_size",
    "state.signer_size",
}
"""Sizes the writer needs that DOMAIN.md does not record for state documents."""


def test_bundled_values_carry_their_source_and_agree_between_packs() -> None:
    province = load_pack("vn-province")
    commune = load_pack("vn-commune")
    values = format_values(province, None)
    assert values.span("state.body_size") == FormatRange(13, 14)
    assert values.span("state.margin_left") == FormatRange(30, 35)
    assert values.span("party.heading_size") == FormatRange(15, 15)
    assert values.text("party.heading") == "ĐẢNG CỘNG SẢN VIỆT NAM"
    for ident in FORMAT_KEYS:
        version = values.get(ident)
        assert version is not None, ident
        if ident in UNREAD:
            # DOMAIN.md records no value: never statute.
            assert version.basis is Basis.ASSUMED, ident
            continue
        # NĐ 30's appendix and 36-HD/VPTW were only reported (DOMAIN.md): secondary.
        assert version.basis is Basis.STATUTE
        assert version.cite
        assert version.source is CitationSource.SECONDARY
    assert province.document_format == commune.document_format


def test_a_finding_cites_the_pack_value(tmp_path: Path) -> None:
    pack = _pack(
        tmp_path,
        '[[document_format]]\nid = "state.body_size"\nvalue = [15, 16]\n'
        'basis = "local"\ncite = "Quy chế công tác văn thư của tỉnh, Điều 5"\n',
    )
    plain = _write(_pack(tmp_path, "", "plain.toml"), tmp_path, name="plain.docx")
    info = inspect_document(plain, pack=load_pack(pack))
    (finding,) = [f for f in info.findings if f.rule == "format.size"]
    assert finding.cite == "Quy chế công tác văn thư của tỉnh, Điều 5"
    assert finding.basis is Basis.LOCAL


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (
            '[[document_format]]\nid = "state.no_such"\nvalue = 1\n',
            "document_format[state.no_such].id",
        ),
        (
            '[[document_format]]\nid = "state.body_size"\nvalue = "13"\n',
            "document_format[state.body_size].value",
        ),
        ('[[document_format]]\nid = "state.body_size"\nvalue = [14, 13]\n', "value"),
        ('[[document_format]]\nid = "state.font"\nvalue = [1, 2]\n', "value"),
        ('[[document_format]]\nid = "state.font"\nvalue = "Arial"\nbasis = "statute"\n', "cite"),
        ('[[rule]]\nid = "document_format.x"\ndescription = "x"\nvalue = 1\n', "id"),
    ],
)
def test_a_bad_format_entry_is_refused_with_its_place(
    tmp_path: Path, body: str, where: str
) -> None:
    with pytest.raises(PackError) as caught:
        load_pack(_pack(tmp_path, body))
    assert where in str(caught.value)


@given(st.lists(st.floats(min_value=0.5, max_value=999, allow_nan=False), min_size=2, max_size=2))
def test_every_ordered_range_is_accepted_and_its_low_end_is_inside(values: list[float]) -> None:
    low, high = sorted(values)
    assert value_problem("state.body_size", [low, high]) is None
    assert low in FormatRange(low, high)
    assert high in FormatRange(low, high)
    assert value_problem("state.body_size", [high + 1, low]) is not None


def _sizes_of(data: bytes, text: str) -> set[str]:
    """w:sz of the runs of the paragraphs whose whole text is *text*, in half-points."""
    doc = parts(data)["word/document.xml"]
    return {
        sz.get(f"{W}val") or ""
        for p in doc.iter(f"{W}p")
        if "".join(t.text or "" for t in p.iter(f"{W}t")) == text
        for sz in p.iter(f"{W}sz")
    }


LOCAL_SIZES = (
    '[[document_format]]\nid = "state.issuer_size"\nvalue = [12, 12]\n'
    'basis = "local"\ncite = "Quy chế công tác văn thư của tỉnh, Điều 6"\n'
    '[[document_format]]\nid = "state.place_date_size"\nvalue = [13, 13]\n'
    'basis = "local"\ncite = "Quy chế công tác văn thư của tỉnh, Điều 6"\n'
    '[[document_format]]\nid = "state.title_size"\nvalue = [16, 16]\n'
    'basis = "local"\ncite = "Quy chế công tác văn thư của tỉnh, Điều 6"\n'
    '[[document_format]]\nid = "state.recipients_heading_size"\nvalue = [13, 13]\n'
    '[[document_format]]\nid = "state.recipients_size"\nvalue = [12, 12]\n'
    '[[document_format]]\nid = "state.signer_size"\nvalue = [15, 15]\n'
)


def test_pack_sizes_reach_the_report_writer_and_the_checker(tmp_path: Path) -> None:
    pack = _pack(tmp_path, LOCAL_SIZES)
    written = _write(pack, tmp_path)
    data = written.read_bytes()
    assert _sizes_of(data, "VĂN PHÒNG UBND TỈNH") == {"24"}
    assert _sizes_of(data, "Thanh Bình, ngày 07 tháng 12 năm 2026") == {"26"}
    assert _sizes_of(data, "BÁO CÁO KIỂM TRA") == {"32"}
    # Its own pack finds nothing wrong with what it wrote.
    assert inspect_document(written, pack=load_pack(pack)).findings == ()
    # A pack whose local values differ reports each element, citing its value.
    other = _pack(
        tmp_path,
        LOCAL_SIZES.replace("[12, 12]", "[14, 14]").replace("[16, 16]", "[18, 18]"),
        "other.toml",
    )
    checked = _codes(written, other)
    assert checked["format.issuer"] == ["14 pt"]
    assert checked["format.title"] == ["18 pt"]
    assert "format.place-date" not in checked
    # The bundled sizes are assumed (DOMAIN.md records none): written, never checked.
    assert not {"format.issuer", "format.title", "format.place-date"} & set(
        _codes(written, "vn-province")
    )


def test_pack_sizes_reach_the_weekly_writer(tmp_path: Path) -> None:
    from coordrules import MergedCalendar, write_weekly_docx

    pack = load_pack(_pack(tmp_path, LOCAL_SIZES))
    data = write_weekly_docx(
        MergedCalendar(), window=(ISSUED, date(2026, 12, 13)), pack=pack, office="vp-ubnd"
    )
    assert _sizes_of(data, "LỊCH CÔNG TÁC TUẦN") == {"32"}
    assert _sizes_of(data, "VĂN PHÒNG UBND TỈNH") == {"24"}
    assert _sizes_of(data, "Nơi nhận:") == {"26"}
    assert _sizes_of(data, "- Lưu: VT.") == {"24"}
    assert _sizes_of(data, "CHÁNH VĂN PHÒNG") == {"30"}
    plain = write_weekly_docx(
        MergedCalendar(),
        window=(ISSUED, date(2026, 12, 13)),
        pack=load_pack("vn-province"),
        office="vp-ubnd",
    )
    # The bundled values: title 14, issuer 13, Nơi nhận 12 and 11, signer 14.
    assert _sizes_of(plain, "LỊCH CÔNG TÁC TUẦN") == {"28"}
    assert _sizes_of(plain, "VĂN PHÒNG UBND TỈNH") == {"26"}
    assert _sizes_of(plain, "Nơi nhận:") == {"24"}
    assert _sizes_of(plain, "- Lưu: VT.") == {"22"}
    assert _sizes_of(plain, "CHÁNH VĂN PHÒNG") == {"28"}


@pytest.mark.parametrize("office", ["vp-ubnd", "vp-tinh-uy"])
def test_what_the_writers_write_passes_the_format_checks(tmp_path: Path, office: str) -> None:
    from coordrules import MergedCalendar, write_weekly_docx

    pack = load_pack("vn-province")
    report = _write(_pack(tmp_path, ""), tmp_path, office=office)
    weekly = tmp_path / "weekly.docx"
    weekly.write_bytes(
        write_weekly_docx(
            MergedCalendar(),
            window=(ISSUED, date(2026, 12, 13)),
            pack=pack,
            office=office,
            issued=ISSUED,
        )
    )
    for path in (report, weekly):
        info = inspect_document(path, pack=pack)
        assert info.party is (office == "vp-tinh-uy")
        # The weekly calendar is landscape A4 (allowed for wide tables); all else passes.
        rules = {f.rule for f in info.findings} - ({"format.paper"} if path == weekly else set())
        assert rules == set(), path.name
