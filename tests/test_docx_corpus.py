"""The corpus of real weekly-calendar layouts reads to the expected occurrences.

``tests/data/weekly/make_corpus.py`` builds each ``.docx`` and writes the
expected occurrences (by hand, from the same data) beside it as ``.json``.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from coordrules import Occurrence, read_weekly_docx
from docx_support import DIRECTORY, PACK
from typed_views import timed

CORPUS = Path(__file__).parent / "data" / "weekly"
NAMES = sorted(p.stem for p in CORPUS.glob("*.docx"))


def _moment(text: str) -> date | datetime:
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)


def _as_expected(occ: Occurrence) -> dict[str, Any]:
    return {
        "title": occ.title,
        "start": occ.start,
        "end": occ.end,
        "venue": occ.venue,
        "preparing_unit": occ.preparing_unit,
        "attendees": [
            {"role": a.role.value, "name": a.name, "person": a.person} for a in occ.attendees
        ],
        "status": occ.status.value,
    }


def test_corpus_is_there() -> None:
    assert {"merged-day-cells", "nfd-text", "legacy-tcvn3", "several-items-per-cell"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_corpus_file_reads_as_expected(name: str) -> None:
    expected = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    calendar = read_weekly_docx(CORPUS / f"{name}.docx", pack=PACK, directory=DIRECTORY)
    got = [_as_expected(o) for o in calendar.occurrences]
    want = [
        {**o, "start": _moment(o["start"]), "end": _moment(o["end"])}
        for o in expected["occurrences"]
    ]
    assert got == want
    problems = [{"code": p.code, "place": p.place} for p in calendar.problems]
    assert problems == expected["problems"]
    assert calendar.name == name
    assert all(unicodedata.is_normalized("NFC", o.title) for o in calendar.occurrences)


@pytest.mark.parametrize("name", NAMES)
def test_uids_are_stable_and_unique(name: str) -> None:
    first = read_weekly_docx(CORPUS / f"{name}.docx")
    again = read_weekly_docx((CORPUS / f"{name}.docx").read_bytes(), name=name)
    uids = [o.uid for o in first.occurrences]
    assert uids == [o.uid for o in again.occurrences]
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith("@coordrules") for uid in uids)


def test_nfd_file_gives_the_same_occurrences_as_nfc() -> None:
    nfc = read_weekly_docx(CORPUS / "merged-day-cells.docx", name="x")
    nfd = read_weekly_docx(CORPUS / "nfd-text.docx", name="x")
    assert nfc.occurrences == nfd.occurrences


def test_problem_rows_name_table_and_row_and_keep_the_text() -> None:
    calendar = read_weekly_docx(CORPUS / "missing-columns.docx")
    texts = [p.details["text"] for p in calendar.problems]
    assert any("Ghi chú" in t for t in texts)
    assert any("khoảng trưa" in t for t in texts)
    assert all(p.file and p.file.endswith("missing-columns.docx") for p in calendar.problems)
    assert all("Bảng 1, dòng" in p.message.vi for p in calendar.problems)


def test_legacy_file_reports_its_font() -> None:
    calendar = read_weekly_docx(CORPUS / "legacy-tcvn3.docx")
    (finding,) = calendar.problems
    assert finding.code == "legacy-encoding"
    assert finding.details["fonts"] == [".VnTime"]
    assert finding.details["converted"] > 5


def _build_weekly(title: list[str], rows: list[list[Any]]) -> bytes:
    import importlib.util

    path = Path(__file__).parent / "data" / "weekly" / "make_corpus.py"
    spec = importlib.util.spec_from_file_location("make_corpus", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return bytes(module.build(title, rows, columns=3))


def test_one_full_date_in_the_title_anchors_the_year_across_new_year() -> None:
    # Regression: "29/12" was read as 2027 because the title's one full date is 2027.
    title = ["LỊCH CÔNG TÁC TUẦN", "(Từ ngày 29/12 đến ngày 04/01/2027)"]
    rows = [
        ["Thứ, ngày", "Thời gian", "Nội dung"],
        ["Thứ Ba (29/12)", "8h00", "Họp cuối năm"],
        ["Thứ Hai (04/01)", "8h00", "Họp đầu năm"],
    ]
    calendar = read_weekly_docx(_build_weekly(title, rows), name="ny", year=2026)
    days = {o.title: timed(o.start).date() for o in calendar.occurrences}
    assert days == {"Họp cuối năm": date(2026, 12, 29), "Họp đầu năm": date(2027, 1, 4)}
    assert calendar.problems == ()


def test_a_weekday_that_does_not_match_says_the_row_was_still_read() -> None:
    title = ["LỊCH CÔNG TÁC TUẦN", "(Từ ngày 07/12/2026 đến ngày 13/12/2026)"]
    rows = [["Thứ, ngày", "Thời gian", "Nội dung"], ["Thứ Ba (07/12)", "8h00", "Họp"]]
    calendar = read_weekly_docx(_build_weekly(title, rows), name="w")
    assert [timed(o.start).date() for o in calendar.occurrences] == [date(2026, 12, 7)]
    (problem,) = calendar.problems
    assert "read with the date as written" in problem.message.en
