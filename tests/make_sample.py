"""Regenerate the DOCX files of the bundled sample (``src/coordrules/_sample``).

Run from the repository root: ``python tests/make_sample.py``. The sample is
a fictional province (tỉnh Thanh Bình); every name in it is invented. The
dossier is that of the HĐND session opening on 15 December 2026, checked on
the evening of 6 December: some documents late, one missing, one in the wrong
format, one sent as a draft with tracked changes left in.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import docx  # noqa: E402

import docx_builder  # noqa: E402  (the test corpus builder, found through sys.path)

sys.path.insert(0, str(ROOT / "tests" / "data" / "weekly"))
import make_corpus  # noqa: E402  (the weekly-calendar layouts, found through sys.path)

SAMPLE = ROOT / "src" / "coordrules" / "_sample"

SUBJECTS = {
    "to-trinh": ("TỜ TRÌNH", "TTr",
                 "Về việc ban hành Nghị quyết quy định mức chi hỗ trợ chuyển đổi số"),
    "du-thao-nghi-quyet": ("NGHỊ QUYẾT", "NQ", "Quy định mức chi hỗ trợ chuyển đổi số cấp xã"),
    "bao-cao-tham-dinh": ("BÁO CÁO", "BC", "Thẩm định dự thảo Nghị quyết quy định mức chi hỗ trợ"),
    "bao-cao-tham-tra": ("BÁO CÁO", "BC", "Thẩm tra dự thảo Nghị quyết quy định mức chi hỗ trợ"),
    "bao-cao": ("BÁO CÁO", "BC", "Tình hình kinh tế - xã hội năm 2026"),
}  # fmt: skip

UBND = {
    "issuer": ("ỦY BAN NHÂN DÂN", "TỈNH THANH BÌNH"),
    "signer": ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Đức Hải"),
}
HDND = {
    "issuer": ("HỘI ĐỒNG NHÂN DÂN", "TỈNH THANH BÌNH"),
    "signer": ("TM. BAN KINH TẾ - NGÂN SÁCH", "TRƯỞNG BAN", "Lý Văn Khoa"),
}
TU_PHAP = {
    "issuer": ("UBND TỈNH THANH BÌNH", "SỞ TƯ PHÁP"),
    "signer": ("", "GIÁM ĐỐC", "Mạc Thị Thu"),
}


def _on(day: int, month: int = 11) -> dict[str, object]:
    return {"place_date": f"Thanh Bình, ngày {day} tháng {month} năm 2026"}


DOSSIER: list[tuple[str, str, dict[str, object]]] = [
    ("to-trinh.docx", "to-trinh", {"number": "Số: 215/TTr-UBND", **UBND, **_on(19)}),
    ("du-thao-nghi-quyet.docx", "du-thao-nghi-quyet",
     {"draft": True, "number": "Số:    /2026/NQ-HĐND", **HDND, **_on(26),
      "signer": ("TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH", "Lê Thị Hồng Nhung")}),
    # The Sở Tư pháp still types in its old .VnTime template (TCVN3).
    ("bao-cao-tham-dinh.docx", "bao-cao-tham-dinh",
     {"number": "Số: 412/BC-STP", **TU_PHAP, **_on(23), "legacy": "tcvn3"}),
    # Set on US Letter with 1-inch margins, as a template from abroad would be.
    ("bao-cao-tham-tra-nq.docx", "bao-cao-tham-tra",
     {"number": "Số: 58/BC-HĐND", "letter": True, "margins": (25.4, 25.4, 25.4, 25.4),
      **HDND, **_on(3, 12)}),
    # Numbered "5" where the form wants "05".
    ("bao-cao-kt-xh.docx", "bao-cao", {"number": "Số: 5/BC-UBND", **UBND, **_on(24)}),
    # Sent as a draft (DỰ THẢO, no number yet) with its tracked changes still in.
    ("bao-cao-tham-tra-kt-xh.docx", "bao-cao-tham-tra",
     {"draft": True, "number": "Số:      /BC-HĐND", "tracked": True, **HDND, **_on(4, 12)}),
]  # fmt: skip


WEEKLY_TITLE = [
    "TỈNH ỦY THANH BÌNH",
    "VĂN PHÒNG",
    "LỊCH CÔNG TÁC TUẦN CỦA THƯỜNG TRỰC TỈNH ỦY",
    "(Từ ngày 07/12/2026 đến ngày 13/12/2026)",
]
WEEKLY_ROWS: list[list[object]] = [
    ["Thứ, ngày", "Thời gian", "Nội dung", "Thành phần", "Địa điểm"],
    [{"text": "Thứ Hai\n(07/12)", "vmerge": "restart"}, "Sáng\n8h00 - 11h30",
     "Hội nghị Ban Thường vụ Tỉnh ủy",
     "Chủ trì: Bí thư Tỉnh ủy\nThành phần: Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch UBND tỉnh",
     "Hội trường Tỉnh ủy"],
    [{"text": "Thứ Ba\n(08/12)", "vmerge": "restart"}, "Chiều\n14h00 - 17h00",
     "Giao ban Thường trực Tỉnh ủy", "Chủ trì: Bí thư Tỉnh ủy", "Phòng họp Thường trực Tỉnh ủy"],
    [{"text": "Thứ Tư\n(09/12)", "vmerge": "restart"}, "Chiều\n14h00 - 16h30",
     "Làm việc với Đoàn công tác Bộ Tài chính",
     "Chủ trì: Bí thư Tỉnh ủy\nThành phần: Chủ tịch UBND tỉnh", "Phòng khách Tỉnh ủy"],
    [{"text": "Thứ Năm\n(10/12)", "vmerge": "restart"}, "Sáng\n8h00 - 11h00",
     "Thường trực Tỉnh ủy làm việc với Ban Tổ chức Tỉnh ủy về công tác cán bộ",
     "Chủ trì: Bí thư Tỉnh ủy\nThành phần: Phó Bí thư Thường trực Tỉnh ủy",
     "Phòng họp Thường trực Tỉnh ủy"],
    [{"text": "Thứ Sáu\n(11/12)", "vmerge": "restart"}, "Sáng\n7h30 - 11h30",
     "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 12", "Chủ trì: Bí thư Tỉnh ủy",
     "Hội trường Tỉnh ủy"],
    [{"vmerge": "continue"}, "Chiều\n14h00 - 16h30", "Bí thư Tỉnh ủy tiếp công dân định kỳ",
     "Chủ trì: Bí thư Tỉnh ủy", "Trụ sở Tiếp công dân tỉnh"],
]  # fmt: skip
"""The Văn phòng Tỉnh ủy's weekly calendar as it circulates in Word."""


def write_previous() -> None:
    """The merged feed as published on Friday 4 December, before the late changes.

    Built from this week's sources with the Monday UBND meeting moved back to
    07:30, where it stood before the Văn phòng UBND moved it on Saturday.
    """
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    import attrs

    from coordrules import load_directory, load_pack, merge, read_ics, read_weekly_docx, write_ics

    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    pack = load_pack("vn-province")
    people = load_directory(SAMPLE / "people.toml", pack)
    window = (datetime(2026, 12, 7).date(), datetime(2026, 12, 13).date())
    sources = [read_ics(SAMPLE / f"{n}.ics", window=window, pack=pack) for n in ICS]
    sources.append(read_weekly_docx(SAMPLE / WEEKLY, name=WEEKLY_SOURCE, pack=pack,
                                    directory=people))  # fmt: skip
    calendar = merge(sources, pack, people, window=window,
                     source_offices={WEEKLY_SOURCE: "vp-tinh-uy"})  # fmt: skip
    moved = []
    for item in calendar.occurrences:
        occ = item.occurrence
        if occ.title == "Phiên họp UBND tỉnh thường kỳ tháng 12":
            occ = attrs.evolve(occ, start=occ.start - timedelta(minutes=30), sequence=1,
                               last_modified=datetime(2026, 11, 30, 9, 0, tzinfo=tz))  # fmt: skip
            item = attrs.evolve(item, occurrence=occ)
        moved.append(item)
    calendar = attrs.evolve(calendar, occurrences=tuple(moved))
    data = write_ics(calendar, name="Lịch công tác chung",
                     dtstamp=datetime(2026, 12, 4, 17, 0, tzinfo=tz))  # fmt: skip
    (SAMPLE / "previous.ics").write_bytes(data)
    print("wrote", (SAMPLE / "previous.ics").relative_to(ROOT))


ICS = ("vp-tinh-uy", "vp-ubnd", "vp-doan-dbqh-hdnd")
WEEKLY = "vp-tinh-uy-tuan.docx"
WEEKLY_SOURCE = "vp-tinh-uy-tuan"


def main() -> None:
    """Write the sample weekly calendar, the previous feed and the dossier documents."""
    (SAMPLE / WEEKLY).write_bytes(make_corpus.build(WEEKLY_TITLE, WEEKLY_ROWS, columns=5))
    print("wrote", (SAMPLE / WEEKLY).relative_to(ROOT))
    write_previous()
    docx_builder.TITLES.update(SUBJECTS)
    folder = SAMPLE / "dossier"
    folder.mkdir(parents=True, exist_ok=True)
    for name, kind, options in DOSSIER:
        docx_builder.build(folder / name, kind, **options)  # type: ignore[arg-type]
        print("wrote", (folder / name).relative_to(ROOT))
    # An appendix sent without a title or number: its type cannot be told.
    appendix = docx.Document()
    appendix.add_paragraph("Danh sách các xã thực hiện thí điểm chuyển đổi số năm 2027")
    for commune in ("Xã Bình Hải", "Xã Tân An", "Phường Trung Sơn"):
        appendix.add_paragraph(commune)
    appendix.core_properties.created = datetime(2026, 11, 24)
    appendix.save(str(folder / "phu-luc.docx"))
    print("wrote", (folder / "phu-luc.docx").relative_to(ROOT))


if __name__ == "__main__":
    main()
