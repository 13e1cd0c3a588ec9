"""Regenerate the DOCX files of the bundled sample (``src/coordrules/_sample``).

Run from the repository root: ``python tests/make_sample.py``. The sample is
a fictional province (tỉnh Thanh Bình); every name in it is invented. The
dossier is that of the HĐND session opening on 15 December 2026, checked on
the evening of 6 December: some documents late, one missing, one in the wrong
format, one with tracked changes left in.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import docx_builder  # noqa: E402  (the test corpus builder, found through sys.path)

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
    ("bao-cao-tham-dinh.docx", "bao-cao-tham-dinh",
     {"number": "Số: 412/BC-STP", **TU_PHAP, **_on(23)}),
    # Set on US Letter with 1-inch margins, as a template from abroad would be.
    ("bao-cao-tham-tra-nq.docx", "bao-cao-tham-tra",
     {"number": "Số: 58/BC-HĐND", "letter": True, "margins": (25.4, 25.4, 25.4, 25.4),
      **HDND, **_on(3, 12)}),
    ("bao-cao-kt-xh.docx", "bao-cao", {"number": "Số: 301/BC-UBND", **UBND, **_on(24)}),
    ("bao-cao-tham-tra-kt-xh.docx", "bao-cao-tham-tra",
     {"number": "Số: 61/BC-HĐND", "tracked": True, **HDND, **_on(4, 12)}),
]  # fmt: skip


def main() -> None:
    """Write the sample dossier documents."""
    docx_builder.TITLES.update(SUBJECTS)
    folder = SAMPLE / "dossier"
    folder.mkdir(parents=True, exist_ok=True)
    for name, kind, options in DOSSIER:
        docx_builder.build(folder / name, kind, **options)  # type: ignore[arg-type]
        print("wrote", (folder / name).relative_to(ROOT))


if __name__ == "__main__":
    main()
