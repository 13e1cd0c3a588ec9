"""Writing the weekly calendar: grouping, marks on conflicting items, the findings section."""

from __future__ import annotations

from datetime import date

from coordrules import (
    Finding,
    MergedCalendar,
    Message,
    Report,
    Severity,
    read_weekly_docx,
    write_weekly_docx,
)
from docx_support import DIRECTORY, PACK, at, calendar_table, merged, occurrence
from docx_xml import W, parts, texts

MONDAY = date(2026, 12, 7)


def _calendar_table(data: bytes) -> list[list[str]]:
    table = calendar_table(parts(data)["word/document.xml"])
    return [
        [" / ".join(texts(tc)) for tc in tr.findall(f"{W}tc")] for tr in table.findall(f"{W}tr")
    ]


def _two_meetings() -> tuple[MergedCalendar, Finding]:
    calendar = merged(
        occurrence("Họp UBND tỉnh", at(MONDAY, 8), at(MONDAY, 10), chair=["Nguyễn Văn A"],
                   venue="Phòng họp số 1", preparing="Văn phòng UBND tỉnh"),
        occurrence("Tiếp đoàn Bộ Nội vụ", at(MONDAY, 9), at(MONDAY, 11), chair=["Nguyễn Văn A"]),
        occurrence("Họp chiều", at(MONDAY, 14), at(MONDAY, 15)),
        occurrence("Gặp mặt tối", at(MONDAY, 19), at(MONDAY, 20)),
        occurrence("Hội nghị cả ngày", date(2026, 12, 9), date(2026, 12, 10)),
    )  # fmt: skip
    refs = tuple(m.ref() for m in calendar.occurrences[:2])
    finding = Finding.of(
        "person-double-booked",
        Message(vi="Đồng chí Nguyễn Văn A dự hai cuộc họp trùng giờ.", en="Double-booked."),
        rule="person-double-booked",
        subjects=("nguyen-van-a",),
        occurrences=refs,
    )
    return calendar, finding


def test_grouped_by_day_then_session_with_all_days_of_the_working_week() -> None:
    calendar, _ = _two_meetings()
    data = write_weekly_docx(calendar, window=(MONDAY, date(2026, 12, 13)), pack=PACK,
                             office="vp-ubnd")  # fmt: skip
    rows = [r[0] if len(r) == 1 else r[:2] for r in _calendar_table(data)[1:]]
    assert rows == [
        "Thứ Hai, ngày 07/12/2026",
        "Sáng",
        ["08h00 - 10h00", "Họp UBND tỉnh"],
        ["09h00 - 11h00", "Tiếp đoàn Bộ Nội vụ"],
        "Chiều",
        ["14h00 - 15h00", "Họp chiều"],
        "Tối",
        ["19h00 - 20h00", "Gặp mặt tối"],
        "Thứ Ba, ngày 08/12/2026",
        "Thứ Tư, ngày 09/12/2026",
        ["Cả ngày", "Hội nghị cả ngày"],
        "Thứ Năm, ngày 10/12/2026",
        "Thứ Sáu, ngày 11/12/2026",
    ]


def test_columns_hold_chair_venue_and_preparing_unit() -> None:
    calendar, _ = _two_meetings()
    data = write_weekly_docx(calendar, window=(MONDAY, MONDAY), pack=PACK, office="vp-ubnd")
    row = _calendar_table(data)[3]
    assert row == ["08h00 - 10h00", "Họp UBND tỉnh", "Chủ trì: Nguyễn Văn A", "Phòng họp số 1",
                   "Văn phòng UBND tỉnh"]  # fmt: skip


def test_conflicting_items_are_marked_and_findings_listed() -> None:
    calendar, finding = _two_meetings()
    report = Report.build([finding])
    data = write_weekly_docx(calendar, window=(MONDAY, MONDAY), pack=PACK, office="vp-ubnd",
                             report=report)  # fmt: skip
    rows = _calendar_table(data)
    marked = [r[1] for r in rows if len(r) > 1 and "(*) Lưu ý số 1" in r[1]]
    assert marked == ["Họp UBND tỉnh / (*) Lưu ý số 1", "Tiếp đoàn Bộ Nội vụ / (*) Lưu ý số 1"]
    body = texts(parts(data)["word/document.xml"].find(f"{W}body"))
    assert "LƯU Ý VỀ LỊCH (1)" in body
    line = next(t for t in body if t.startswith("1. "))
    assert "[Lỗi]" in line
    assert "Nguyễn Văn A dự hai cuộc họp trùng giờ" in line
    assert "Họp UBND tỉnh (08h00 07/12/2026)" in line
    assert "[person-double-booked]" in line
    # The marks are not read back as content.
    back = read_weekly_docx(data, pack=PACK, directory=DIRECTORY)
    assert [o.title for o in back.occurrences[:2]] == ["Họp UBND tỉnh", "Tiếp đoàn Bộ Nội vụ"]


def test_calendar_findings_are_used_without_a_report() -> None:
    calendar, finding = _two_meetings()
    from attrs import evolve

    data = write_weekly_docx(evolve(calendar, findings=(finding,)), window=(MONDAY, MONDAY),
                             pack=PACK, office="vp-ubnd")  # fmt: skip
    assert any("(*) Lưu ý số 1" in r[1] for r in _calendar_table(data) if len(r) > 1)
    assert finding.severity is Severity.ERROR


def test_only_the_range_is_written() -> None:
    calendar = merged(
        occurrence("Trước", at(date(2026, 12, 6), 8), at(date(2026, 12, 6), 9)),
        occurrence("Trong", at(MONDAY, 8), at(MONDAY, 9)),
        occurrence("Sau", at(date(2026, 12, 14), 8), at(date(2026, 12, 14), 9)),
    )
    data = write_weekly_docx(calendar, window=(MONDAY, date(2026, 12, 13)), pack=PACK,
                             office="vp-ubnd")  # fmt: skip
    titles = [o.title for o in read_weekly_docx(data).occurrences]
    assert titles == ["Trong"]


def test_weekend_items_get_their_day_and_title_says_the_week() -> None:
    saturday = date(2026, 12, 12)
    calendar = merged(occurrence("Trực", at(saturday, 8), at(saturday, 9)))
    data = write_weekly_docx(calendar, window=(MONDAY, date(2026, 12, 13)), pack=PACK,
                             office="vp-ubnd")  # fmt: skip
    body = texts(parts(data)["word/document.xml"].find(f"{W}body"))
    assert "LỊCH CÔNG TÁC TUẦN" in body
    assert "(Từ ngày 07/12/2026 đến ngày 13/12/2026)" in body
    assert "Thứ Bảy, ngày 12/12/2026" in body
    assert "Chủ nhật, ngày 13/12/2026" not in body


def test_the_foot_has_the_recipients_and_the_signer_and_no_internal_notes() -> None:
    calendar, finding = _two_meetings()
    from attrs import evolve

    from coordrules import Finding, Message

    internal = Finding.of(
        "assumed-value", Message(vi="Giá trị giả định.", en="Assumed."), rule="policy.x"
    )
    data = write_weekly_docx(
        evolve(calendar, findings=(finding, internal)),
        window=(MONDAY, MONDAY),
        pack=PACK,
        office="vp-ubnd",
    )
    body = " ".join(texts(parts(data)["word/document.xml"].find(f"{W}body")))
    assert "Nơi nhận:" in body
    assert "CHÁNH VĂN PHÒNG" in body
    assert "LƯU Ý VỀ LỊCH (1)" in body  # the assumed-value note stays in the report
    assert "Giá trị giả định" not in body
