"""The report DOCX: findings grouped by severity and by the office that must act."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from attrs import evolve

from coordrules import Finding, Message, Report, SourceSummary, write_report_docx
from coordrules.adapters.docx.report import UNASSIGNED
from coordrules.rules.offices import acting_office
from docx_support import PACK, at, merged, occurrence
from docx_xml import W, parts, texts

MONDAY = date(2026, 12, 7)
ORG = PACK.organisation()


def _finding(code: str, **fields: object) -> Finding:
    return Finding.of(code, Message(vi=f"Thông điệp {code}", en=code), rule=code, **fields)  # type: ignore[arg-type]


def test_acting_office_rules_in_order() -> None:
    calendar = merged(
        evolve(occurrence("Hội nghị BTV", at(MONDAY, 8), at(MONDAY, 9)), organiser="btv-tinh-uy"),
        occurrence("Họp", at(MONDAY, 8), at(MONDAY, 9), source="vp-doan-dbqh-hdnd"),
        occurrence("Khác", at(MONDAY, 8), at(MONDAY, 9), source="lich-ca-nhan"),
    )
    by_id = {m.id: m for m in calendar.occurrences}
    refs = [m.ref() for m in calendar.occurrences]

    def office(finding: Finding) -> str | None:
        found = acting_office(finding, ORG, by_id)
        return None if found is None else found.id

    assert (
        office(_finding("document-missing", details={"office": "Văn phòng UBND tỉnh"})) == "vp-ubnd"
    )
    assert office(_finding("document-missing", details={"body": "hdnd"})) == "vp-doan-dbqh-hdnd"
    # Organiser body → its serving office, through the parent body.
    assert office(_finding("venue-double-booked", occurrences=(refs[0],))) == "vp-tinh-uy"
    # Source calendar named after an office.
    assert office(_finding("time-mismatch", occurrences=(refs[1],))) == "vp-doan-dbqh-hdnd"
    assert office(_finding("import-problem", file="/x/vp-ubnd.ics")) == "vp-ubnd"
    assert office(_finding("time-mismatch", occurrences=(refs[2],))) is None


def test_report_groups_by_severity_then_office() -> None:
    calendar = merged(
        evolve(occurrence("Hội nghị BTV", at(MONDAY, 8), at(MONDAY, 9)), organiser="tinh-uy"),
    )
    report = Report.build(
        [
            _finding(
                "document-missing", details={"office": "vp-ubnd"}, cite="QĐ 45/2018/QĐ-TTg, Điều 10"
            ),
            _finding("person-double-booked", occurrences=(calendar.occurrences[0].ref(),)),
            _finding("late-change", details={"office": "vp-ubnd"}),
            _finding("non-working-day"),
        ],
        as_of=datetime(2026, 12, 5, 9, tzinfo=timezone(timedelta(hours=7))),
        window=(date(2026, 12, 7), date(2026, 12, 13)),
        sources=[SourceSummary("vp-ubnd", 12, 0)],
    )
    data = write_report_docx(
        report,
        pack=PACK,
        office="vp-doan-dbqh-hdnd",
        title="Kết quả kiểm tra lịch",
        calendar=calendar,
    )
    body = texts(parts(data)["word/document.xml"].find(f"{W}body"))
    headings = [t for t in body if t[:3] in {"I. ", "II.", "III"} or t[:2] in {"1.", "2."}]
    assert headings == [
        "I. LỖI CẦN KHẮC PHỤC (2)",
        "1. Văn phòng Tỉnh ủy (1)",
        "2. Văn phòng UBND tỉnh (1)",
        "II. CẢNH BÁO (1)",
        "1. Văn phòng UBND tỉnh (1)",
        "III. THÔNG TIN (1)",
        f"1. {UNASSIGNED} (1)",
    ]
    assert "KẾT QUẢ KIỂM TRA LỊCH" in body
    assert "Tổng hợp: 2 lỗi, 1 cảnh báo, 1 thông tin." in body
    assert "QĐ 45/2018/QĐ-TTg, Điều 10" in body
    assert "Cơ sở: giả định" not in body  # no basis given, none claimed
    assert "Mã: document-missing" in body
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in body
    tables = parts(data)["word/document.xml"].findall(f"{W}body/{W}tbl")[1:]
    assert len(tables) == 4
    assert all(t.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None for t in tables)


def test_empty_report_says_so_and_is_deterministic() -> None:
    first = write_report_docx(
        Report(as_of=datetime(2026, 12, 5, 9, tzinfo=timezone(timedelta(hours=7)))),
        pack=PACK,
        office="vp-tinh-uy",
        title="Phiếu kiểm tra hồ sơ",
    )
    again = write_report_docx(
        Report(as_of=datetime(2026, 12, 5, 9, tzinfo=timezone(timedelta(hours=7)))),
        pack=PACK,
        office="vp-tinh-uy",
        title="Phiếu kiểm tra hồ sơ",
    )
    assert first == again
    body = texts(parts(first)["word/document.xml"].find(f"{W}body"))
    assert "Không phát hiện vấn đề nào." in body
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in body


def test_times_are_written_as_offices_write_them() -> None:
    from coordrules.model.text import vn_moment

    assert vn_moment("2026-12-07T08:00:00+07:00") == "08:00 07/12/2026"
    assert vn_moment("2026-12-07") == "07/12/2026"
    assert vn_moment("not a date") == "not a date"


def test_section_headings_stay_with_their_tables() -> None:
    report = Report.build(
        [_finding("document-missing", details={"office": "vp-ubnd"}), _finding("non-working-day")]
    )
    document = parts(write_report_docx(report, pack=PACK, office="vp-ubnd", title="Báo cáo"))
    body = document["word/document.xml"].find(f"{W}body")
    headings = [
        p for p in body.findall(f"{W}p")
        if "".join(texts(p)).startswith(("I.", "II.", "1.", "2."))
    ]  # fmt: skip
    assert len(headings) >= 3
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in headings)
