"""Build the corpus of weekly work calendars (lịch công tác tuần) in real layouts.

Run from the repository root: ``python tests/data/weekly/make_corpus.py``.
Each layout is written as ``NAME.docx`` with ``NAME.json`` beside it: the
occurrences a correct reader must find and the problems it must report. The
expected values are written here by hand from the same data the table is
built from, never by running the reader.

Layouts (as offices write them):

* ``merged-day-cells``: a "Thứ, ngày" column merged down the day's rows
  (``w:vMerge``), Sáng/Chiều written in the time cell, people as position
  titles, no "Đơn vị chuẩn bị" column.
* ``one-row-per-item``: every row repeats the full date, a "Buổi" column,
  columns in an unusual order, times as ``7 giờ 30``, ``14h``, ``8h00 - 11h30``
  and ``Cả ngày``, separate "Chủ trì" and "Thành phần" columns.
* ``several-items-per-cell``: day and session rows across the whole table
  (``w:gridSpan``), several items in one cell (bulleted, time-led), paired time
  paragraphs.
* ``missing-columns``: only time, content and venue; dates without a year (the
  title gives it); one row that cannot be understood and one time that cannot.
* ``year-boundary``: a week from 28/12/2026 to 03/01/2027 with dates written
  ``dd/mm``.
* ``nfd-text``: the first layout with every text in Unicode NFD.
* ``legacy-tcvn3``: the text typed in the TCVN3 font ``.VnTime``.
"""

from __future__ import annotations

import io
import json
import sys
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "src"))

from coordrules.adapters.docx.legacy import unicode_to_legacy  # noqa: E402

Row = list[Any]
"""A row: each cell is text (lines split on newline) or a dict with
``text``, ``span`` (grid columns), ``vmerge`` (``"restart"`` / ``"continue"``)."""


def _cell_xml(cell: Any, width: int, font: str | None, transform: Any) -> str:
    spec = cell if isinstance(cell, dict) else {"text": cell}
    span = spec.get("span", 1)
    props = f'<w:tcW w:w="{width * span}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if "vmerge" in spec:
        props += '<w:vMerge w:val="restart"/>' if spec["vmerge"] == "restart" else "<w:vMerge/>"
    run_props = ""
    if font is not None:
        run_props = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>'
    paragraphs = "".join(
        f"<w:p><w:r>{run_props}"
        f'<w:t xml:space="preserve">{escape(transform(line))}</w:t></w:r></w:p>'
        for line in str(spec.get("text", "")).split("\n")
    )
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs}</w:tc>"


def build(
    title_lines: list[str],
    rows: list[Row],
    *,
    columns: int,
    font: str | None = None,
    transform: Any = lambda text: text,
) -> bytes:
    """A .docx with title paragraphs and one table of *rows* (first row: header)."""
    document = docx.Document()
    for line in title_lines:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(transform(line))
        if font is not None:
            run.font.name = font
    width = 13000 // columns
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(columns))
    body_rows = "".join(
        "<w:tr>" + "".join(_cell_xml(c, width, font, transform) for c in row) + "</w:tr>"
        for row in rows
    )
    table = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body_rows}</w:tbl>'
    )
    body = document.element.body
    body.insert(len(body) - 1, table)
    raw = io.BytesIO()
    document.save(raw)
    # Fixed zip dates: the committed files change only when their content does.
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def occ(
    title: str,
    start: str,
    end: str,
    *,
    venue: str | None = None,
    preparing: str | None = None,
    people: Sequence[tuple[str, str, str | None]] = (),
    status: str = "confirmed",
) -> dict[str, Any]:
    """One expected occurrence; times are ISO text in +07:00, dates for all-day items."""
    return {
        "title": title,
        "start": start,
        "end": end,
        "venue": venue,
        "preparing_unit": preparing,
        "attendees": [{"role": r, "name": n, "person": p} for r, n, p in people],
        "status": status,
    }


def t(day: str, clock: str) -> str:
    return f"{day}T{clock}:00+07:00"


# -- layouts ------------------------------------------------------------------

MERGED_TITLE = [
    "VĂN PHÒNG UBND TỈNH QUẢNG NAM",
    "LỊCH CÔNG TÁC TUẦN CỦA LÃNH ĐẠO UBND TỈNH",
    "(Từ ngày 07/12/2026 đến ngày 11/12/2026)",
]
MERGED_ROWS: list[Row] = [
    ["Thứ, ngày", "Thời gian", "Nội dung", "Thành phần", "Địa điểm"],
    [
        {"text": "Thứ Hai\n(07/12)", "vmerge": "restart"},
        "Sáng\n8h00",
        "Họp UBND tỉnh thường kỳ tháng 12",
        "Chủ trì: Chủ tịch UBND tỉnh\nThành phần: Trần Thị B, Lê Văn C",
        "Phòng họp số 1",
    ],
    [
        {"vmerge": "continue"},
        "Chiều\n14h00 - 16h30",
        "Tiếp công dân định kỳ",
        "Chủ trì: Đ/c Nguyễn Văn A",
        "Trụ sở Tiếp công dân tỉnh",
    ],
    [
        {"text": "Thứ Ba\n(08/12)", "vmerge": "restart"},
        "Sáng\n7h30",
        "Làm việc với Sở Tài chính",
        "Chủ trì: Chủ tịch UBND tỉnh",
        "Sở Tài chính",
    ],
    [
        {"vmerge": "continue"},
        "9h30",
        "Tiếp đoàn công tác của Bộ Nội vụ",
        "Lê Văn C",
        "Phòng khách UBND",
    ],
    [
        {"text": "Thứ Tư\n(09/12)", "vmerge": "restart"},
        "Cả ngày",
        "Hội nghị Ban Chấp hành Đảng bộ tỉnh",
        "Chủ trì: Bí thư Tỉnh ủy",
        "Hội trường Tỉnh ủy",
    ],
]
MERGED_EXPECTED = {
    "occurrences": [
        occ(
            "Họp UBND tỉnh thường kỳ tháng 12",
            t("2026-12-07", "08:00"),
            t("2026-12-07", "11:30"),
            venue="Phòng họp số 1",
            people=[
                ("chair", "Chủ tịch UBND tỉnh", "nguyen-van-a"),
                ("required", "Trần Thị B", "tran-thi-b"),
                ("required", "Lê Văn C", "le-van-c"),
            ],
        ),
        occ(
            "Tiếp công dân định kỳ",
            t("2026-12-07", "14:00"),
            t("2026-12-07", "16:30"),
            venue="Trụ sở Tiếp công dân tỉnh",
            people=[("chair", "Nguyễn Văn A", "nguyen-van-a")],
        ),
        occ(
            "Làm việc với Sở Tài chính",
            t("2026-12-08", "07:30"),
            t("2026-12-08", "09:30"),
            venue="Sở Tài chính",
            people=[("chair", "Chủ tịch UBND tỉnh", "nguyen-van-a")],
        ),
        occ(
            "Tiếp đoàn công tác của Bộ Nội vụ",
            t("2026-12-08", "09:30"),
            t("2026-12-08", "11:30"),
            venue="Phòng khách UBND",
            people=[("required", "Lê Văn C", "le-van-c")],
        ),
        occ(
            "Hội nghị Ban Chấp hành Đảng bộ tỉnh",
            "2026-12-09",
            "2026-12-10",
            venue="Hội trường Tỉnh ủy",
            people=[("chair", "Bí thư Tỉnh ủy", "tran-thi-b")],
        ),
    ],
    "problems": [],
}

ONE_ROW_TITLE = ["LỊCH LÀM VIỆC TUẦN 50 CỦA THƯỜNG TRỰC HĐND TỈNH"]
ONE_ROW_ROWS: list[Row] = [
    ["Thứ/ngày", "Nội dung công việc", "Buổi", "Thời gian", "Địa điểm", "Chủ trì", "Thành phần",
     "Đơn vị chuẩn bị"],
    ["Thứ Hai, ngày 07/12/2026", "Giao ban Thường trực HĐND", "Sáng", "7 giờ 30", "Phòng họp HĐND",
     "Trần Thị B", "Lê Văn C; Nguyễn Văn A", "Văn phòng Đoàn ĐBQH và HĐND"],
    ["Thứ Hai, ngày 07/12/2026", "Thẩm tra dự thảo nghị quyết về ngân sách", "Chiều", "14h",
     "Phòng họp HĐND", "Lê Văn C", "", "Ban Kinh tế - Ngân sách"],
    ["Thứ Ba, ngày 08/12/2026", "Kỳ họp thứ 12 HĐND tỉnh", "Sáng", "8h00 - 11h30",
     "Hội trường 24/3", "Trần Thị B", "Đại biểu HĐND tỉnh", "Văn phòng Đoàn ĐBQH và HĐND"],
    ["Thứ Năm, ngày 10/12/2026", "Tiếp xúc cử tri", "", "Cả ngày", "Xã Điện Bàn", "", "Lê Văn C",
     ""],
]  # fmt: skip
ONE_ROW_EXPECTED = {
    "occurrences": [
        occ("Giao ban Thường trực HĐND", t("2026-12-07", "07:30"), t("2026-12-07", "11:30"),
            venue="Phòng họp HĐND", preparing="Văn phòng Đoàn ĐBQH và HĐND",
            people=[("chair", "Trần Thị B", "tran-thi-b"), ("required", "Lê Văn C", "le-van-c"),
                    ("required", "Nguyễn Văn A", "nguyen-van-a")]),
        occ("Thẩm tra dự thảo nghị quyết về ngân sách", t("2026-12-07", "14:00"),
            t("2026-12-07", "17:00"), venue="Phòng họp HĐND", preparing="Ban Kinh tế - Ngân sách",
            people=[("chair", "Lê Văn C", "le-van-c")]),
        occ("Kỳ họp thứ 12 HĐND tỉnh", t("2026-12-08", "08:00"), t("2026-12-08", "11:30"),
            venue="Hội trường 24/3", preparing="Văn phòng Đoàn ĐBQH và HĐND",
            people=[("chair", "Trần Thị B", "tran-thi-b"),
                    ("required", "Đại biểu HĐND tỉnh", None)]),
        occ("Tiếp xúc cử tri", "2026-12-10", "2026-12-11", venue="Xã Điện Bàn",
            people=[("required", "Lê Văn C", "le-van-c")]),
    ],
    "problems": [],
}  # fmt: skip

SEVERAL_TITLE = ["LỊCH CÔNG TÁC TUẦN", "Từ ngày 07/12/2026 đến ngày 13/12/2026"]
SEVERAL_ROWS: list[Row] = [
    ["Thời gian", "Nội dung", "Thành phần dự"],
    [{"text": "THỨ HAI (07/12)", "span": 3}],
    [{"text": "SÁNG", "span": 3}],
    ["", "- 8h00: Họp Ban cán sự đảng UBND tỉnh\n- 10h00: Làm việc với Công an tỉnh",
     "Nguyễn Văn A"],
    [{"text": "CHIỀU", "span": 3}],
    ["14h00\n15h30", "- Nghe báo cáo quy hoạch\n- Họp bàn về giải phóng mặt bằng",
     "Nguyễn Văn A, Lê Văn C"],
    [{"text": "THỨ BA (08/12)", "span": 3}],
    ["7h30'", "(Hoãn) Kiểm tra công trình cầu Cửa Đại", "Lê Văn C"],
]  # fmt: skip
SEVERAL_EXPECTED = {
    "occurrences": [
        occ("Họp Ban cán sự đảng UBND tỉnh", t("2026-12-07", "08:00"), t("2026-12-07", "10:00"),
            people=[("required", "Nguyễn Văn A", "nguyen-van-a")]),
        occ("Làm việc với Công an tỉnh", t("2026-12-07", "10:00"), t("2026-12-07", "11:30"),
            people=[("required", "Nguyễn Văn A", "nguyen-van-a")]),
        occ("Nghe báo cáo quy hoạch", t("2026-12-07", "14:00"), t("2026-12-07", "15:30"),
            people=[("required", "Nguyễn Văn A", "nguyen-van-a"),
                    ("required", "Lê Văn C", "le-van-c")]),
        occ("Họp bàn về giải phóng mặt bằng", t("2026-12-07", "15:30"), t("2026-12-07", "17:00"),
            people=[("required", "Nguyễn Văn A", "nguyen-van-a"),
                    ("required", "Lê Văn C", "le-van-c")]),
        occ("Kiểm tra công trình cầu Cửa Đại", t("2026-12-08", "07:30"), t("2026-12-08", "11:30"),
            people=[("required", "Lê Văn C", "le-van-c")], status="cancelled"),
    ],
    "problems": [],
}  # fmt: skip

MISSING_TITLE = ["LỊCH CÔNG TÁC TUẦN 50 NĂM 2026"]
MISSING_ROWS: list[Row] = [
    ["Giờ", "Nội dung", "Địa điểm"],
    [{"text": "Thứ Sáu 11/12", "span": 3}],
    ["09:00", "Dự lễ khởi công dự án", "Khu công nghiệp Chu Lai"],
    [{"text": "Ghi chú: lịch có thể thay đổi, xem cổng thông tin", "span": 3}],
    ["khoảng trưa", "Gặp mặt doanh nghiệp", "Nhà khách"],
    ["13h30 - 15h", "Họp trực tuyến với Chính phủ", "Điểm cầu UBND tỉnh"],
]  # fmt: skip
MISSING_EXPECTED = {
    "occurrences": [
        occ("Dự lễ khởi công dự án", t("2026-12-11", "09:00"), t("2026-12-11", "11:30"),
            venue="Khu công nghiệp Chu Lai"),
        occ("Họp trực tuyến với Chính phủ", t("2026-12-11", "13:30"), t("2026-12-11", "15:00"),
            venue="Điểm cầu UBND tỉnh"),
    ],
    "problems": [
        {"code": "import-problem", "place": "table 1, row 4"},
        {"code": "import-problem", "place": "table 1, row 5"},
    ],
}  # fmt: skip

BOUNDARY_TITLE = ["LỊCH CÔNG TÁC TUẦN (từ 28/12/2026 đến 03/01/2027)"]
BOUNDARY_ROWS: list[Row] = [
    ["Ngày", "Thời gian", "Nội dung"],
    ["Thứ Hai (28/12)", "8h00 - 10h00", "Tổng kết công tác năm"],
    ["Thứ Bảy (02/01)", "8h00 - 9h00", "Kiểm tra trực Tết"],
]
BOUNDARY_EXPECTED = {
    "occurrences": [
        occ("Tổng kết công tác năm", t("2026-12-28", "08:00"), t("2026-12-28", "10:00")),
        occ("Kiểm tra trực Tết", t("2027-01-02", "08:00"), t("2027-01-02", "09:00")),
    ],
    "problems": [],
}

LEGACY_TITLE = ["LỊCH CÔNG TÁC TUẦN", "(Từ ngày 07/12/2026 đến ngày 11/12/2026)"]
LEGACY_ROWS: list[Row] = [
    ["Thời gian", "Nội dung", "Địa điểm"],
    [{"text": "Thứ Hai (07/12)", "span": 3}],
    ["8h00 - 9h00", "Họp giao ban lãnh đạo Văn phòng", "Phòng họp tầng hai"],
    ["14h00 - 17h00", "Kiểm tra hồ sơ kỳ họp Hội đồng nhân dân", "Phòng đọc tài liệu"],
]
LEGACY_EXPECTED = {
    "occurrences": [
        occ("Họp giao ban lãnh đạo Văn phòng", t("2026-12-07", "08:00"), t("2026-12-07", "09:00"),
            venue="Phòng họp tầng hai"),
        occ("Kiểm tra hồ sơ kỳ họp Hội đồng nhân dân", t("2026-12-07", "14:00"),
            t("2026-12-07", "17:00"), venue="Phòng đọc tài liệu"),
    ],
    "problems": [{"code": "legacy-encoding", "place": "document"}],
}  # fmt: skip


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def main() -> None:
    layouts = {
        "merged-day-cells": (build(MERGED_TITLE, MERGED_ROWS, columns=5), MERGED_EXPECTED),
        "one-row-per-item": (build(ONE_ROW_TITLE, ONE_ROW_ROWS, columns=8), ONE_ROW_EXPECTED),
        "several-items-per-cell": (
            build(SEVERAL_TITLE, SEVERAL_ROWS, columns=3),
            SEVERAL_EXPECTED,
        ),
        "missing-columns": (build(MISSING_TITLE, MISSING_ROWS, columns=3), MISSING_EXPECTED),
        "year-boundary": (build(BOUNDARY_TITLE, BOUNDARY_ROWS, columns=3), BOUNDARY_EXPECTED),
        "nfd-text": (
            build(MERGED_TITLE, MERGED_ROWS, columns=5, transform=nfd),
            MERGED_EXPECTED,
        ),
        "legacy-tcvn3": (
            build(
                LEGACY_TITLE,
                LEGACY_ROWS,
                columns=3,
                font=".VnTime",
                transform=lambda text: unicode_to_legacy(text, "tcvn3"),
            ),
            LEGACY_EXPECTED,
        ),
    }
    for name, (data, expected) in layouts.items():
        (HERE / f"{name}.docx").write_bytes(data)
        (HERE / f"{name}.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(f"wrote {name}.docx, {name}.json")


if __name__ == "__main__":
    main()
