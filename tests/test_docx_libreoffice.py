"""LibreOffice opens what we write: convert to PDF, read it back with pdftotext."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import require_program
from coordrules import Finding, Message, Report, write_report_docx, write_weekly_docx
from docx_support import PACK, at, merged, occurrence

MONDAY = date(2026, 12, 7)


def _pdf(tmp_path: Path, name: str, data: bytes) -> Path:
    soffice = require_program("soffice")
    require_program("pdftotext")
    source = tmp_path / f"{name}.docx"
    source.write_bytes(data)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / f"{name}.pdf"
    assert pdf.exists()
    return pdf


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.mark.external
def test_weekly_calendar_renders_with_rows_and_page_numbers(tmp_path: Path) -> None:
    items = [
        occurrence(
            f"Cuộc họp số {i} về công tác chuẩn bị kỳ họp",
            at(MONDAY + timedelta(days=i % 5), 7 + i % 12),
            at(MONDAY + timedelta(days=i % 5), 8 + i % 12),
            venue=f"Phòng họp {i}",
            chair=["Chủ tịch UBND tỉnh"],
            preparing="Văn phòng UBND tỉnh",
        )
        for i in range(60)
    ]
    calendar = merged(*items)
    finding = Finding.of(
        "venue-double-booked",
        Message(vi="Trùng phòng họp.", en="x"),
        rule="venue-double-booked",
        occurrences=(calendar.occurrences[0].ref(),),
    )
    data = write_weekly_docx(
        calendar,
        window=(MONDAY, MONDAY + timedelta(days=6)),
        pack=PACK,
        office="vp-ubnd",
        report=Report.build([finding]),
    )
    pages = _pages(_pdf(tmp_path, "week", data))
    assert len(pages) >= 3
    text = "\n".join(pages)
    for i in range(60):
        assert f"Phòng họp {i}\n" in text or f"Phòng họp {i} " in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0]
    # The notes come after the whole table (the foot may run onto a page of its own).
    assert text.index("LƯU Ý VỀ LỊCH (1)") > text.index("Phòng họp 59")
    # Page 1 has no number at the top; page 2 starts with "2", page 3 with "3".
    first_lines = [p.strip().splitlines()[0].strip() for p in pages]
    assert first_lines[0] != "1"
    assert "1" not in pages[0].strip().splitlines()[0].split()
    assert first_lines[1] == "2"
    assert first_lines[2] == "3"
    # The header row is repeated at the top of page 2.
    assert "Nội dung" in pages[1].splitlines()[2] or "Nội dung" in "\n".join(
        pages[1].splitlines()[:5]
    )


@pytest.mark.external
def test_report_renders(tmp_path: Path) -> None:
    findings = [
        Finding.of(
            "document-missing",
            Message(vi=f"Thiếu tờ trình số {i}.", en="x"),
            rule="r",
            details={"office": "vp-ubnd"},
        )
        for i in range(3)
    ]
    data = write_report_docx(
        Report.build(findings), pack=PACK, office="vp-ubnd", title="Kết quả kiểm tra hồ sơ"
    )
    pages = _pages(_pdf(tmp_path, "report", data))
    text = "\n".join(pages)
    assert "KẾT QUẢ KIỂM TRA HỒ SƠ" in text
    for i in range(3):
        assert f"Thiếu tờ trình số {i}." in text
