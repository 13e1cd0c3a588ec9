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
