"""``coordrules demo``: the main job on the bundled sample, end to end."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from coordrules import CODES, read_ics, read_weekly_docx
from coordrules.cli.demo import AS_OF, FILES, WINDOW
from coordrules.cli.main import main

CALENDAR_CODES = {c.code for c in CODES.values() if c.area == "calendar"} - {"assumed-value"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("demo") / "out"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["demo", "--out", str(out)]) == 0
    return out, buffer.getvalue()


def test_every_file_it_announces_is_written(demo: tuple[Path, str]) -> None:
    out, printed = demo
    for name, _ in FILES:
        path = out / name.rstrip("/")
        assert path.exists(), name
        assert name.rstrip("/") in printed
    assert len(list((out / "lanh-dao").glob("*.ics"))) >= 5


def test_the_sample_has_a_real_conflict_of_every_calendar_kind(demo: tuple[Path, str]) -> None:
    out, _ = demo
    report = json.loads((out / "bao-cao-lich.json").read_text(encoding="utf-8"))
    found = {f["code"] for f in report["findings"]}
    assert found >= CALENDAR_CODES | {"import-problem"}
    assert report["window"] == {"from": WINDOW[0].isoformat(), "to": WINDOW[1].isoformat()}
    assert report["as_of"] == AS_OF.isoformat()
    double = [f for f in report["findings"] if f["code"] == "person-double-booked"]
    assert any("Phạm Đức Hải" in f["message"]["vi"] for f in double)


def test_the_dossier_has_late_missing_and_wrong_format_documents(demo: tuple[Path, str]) -> None:
    out, printed = demo
    report = json.loads((out / "ho-so-ky-hop.json").read_text(encoding="utf-8"))
    found = {f["code"] for f in report["findings"]}
    dossier_codes = {c.code for c in CODES.values() if c.area == "dossier"}
    # The sample session (December 2026) has every requirement in force and its
    # deadlines in a year with an announced schedule: nothing to say it could not check.
    unchecked = {"rule-not-in-force", "work-calendar-fallback"}
    assert found >= dossier_codes - unchecked
    assert not found & unchecked
    assert "Kỳ họp thứ 15" in printed


def test_the_same_meeting_from_four_sources_appears_once(demo: tuple[Path, str]) -> None:
    out, _ = demo
    merged = read_ics(out / "lich-chung.ics", window=WINDOW)
    titles = [o.title.removeprefix("⚠ ") for o in merged.occurrences]
    assert titles.count("Làm việc với Đoàn công tác Bộ Tài chính") == 1
    assert titles.count("Hội nghị Ban Thường vụ Tỉnh ủy") == 1


def test_the_weekly_calendar_reads_back(demo: tuple[Path, str]) -> None:
    out, _ = demo
    merged = read_ics(out / "lich-chung.ics", window=WINDOW)
    weekly = read_weekly_docx(out / "lich-cong-tac-tuan.docx")
    assert {o.title for o in weekly.occurrences} == {
        o.title.removeprefix("⚠ ") for o in merged.occurrences
    }


def test_the_demo_is_deterministic(demo: tuple[Path, str], tmp_path: Path) -> None:
    out, _ = demo
    again = tmp_path / "again"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["demo", "--out", str(again)]) == 0
    first = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    for path in first:
        assert (out / path).read_bytes() == (again / path).read_bytes(), path


def test_documents_name_the_province_and_carry_the_date(demo: tuple[Path, str]) -> None:
    from docx import Document

    out, _ = demo
    for name in ("lich-cong-tac-tuan.docx", "bao-cao-lich.docx", "phieu-kiem-tra-ho-so.docx"):
        document = Document(str(out / name))
        heading = " ".join(c.text for c in document.tables[0].rows[0].cells)
        assert "THANH BÌNH" in heading, name
        assert "Thanh Bình, ngày 06 tháng 12 năm 2026" in heading, name
