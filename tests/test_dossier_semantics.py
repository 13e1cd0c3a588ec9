"""Dossier semantics: the document-type hierarchy, and a check honest about time.

Expected deadlines are counted by hand from the announced 2026 calendar
(DOMAIN.md; tests/announced_schedule.py): Tết Nguyên đán 2026 is off from
Saturday 14 to Sunday 22 February.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordrules import (
    Basis,
    Deadline,
    DeadlineUnit,
    InputError,
    PackError,
    Requirement,
    load_pack,
)
from coordrules.model.doctypes import DOCUMENT_TYPES, is_a, lineage
from coordrules.model.dossier import AgendaItem, DocumentInfo, Dossier, DossierDocument, Meeting
from coordrules.model.findings import Finding, Message
from coordrules.rules.dossier import check_dossier, checklist, resolve_type
from coordrules.testing import dossiers
from dossier_fixtures import make_pack

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(y: int, m: int, d: int, h: int = 8, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=TZ)


REPORT_ITEM = AgendaItem("bc", "report", "Báo cáo tình hình kinh tế - xã hội", "ubnd")


def requirement(rid: str, document: str, days: int = 3) -> Requirement:
    return Requirement(
        id=rid,
        meeting_kind="ubnd-meeting",
        document=document,
        name=DOCUMENT_TYPES[document].name,
        deadline=Deadline(days, DeadlineUnit.WORKING_DAYS),
        item_kind="report",
        cite="QĐ 45/2018/QĐ-TTg, Điều 10",
        basis=Basis.STATUTE,
    )


def meeting(start: datetime) -> Meeting:
    return Meeting("ubnd-meeting", "Phiên họp UBND tỉnh", start, start + timedelta(hours=3))


# Thursday 12 March 2026, 08:00: 3 working days before is Monday 9 March, 17:00.
MARCH_12 = at(2026, 3, 12)


def doc(did: str, received: datetime | None, declared: str | None) -> DossierDocument:
    return DossierDocument(did, f"{did}.docx", received, declared, item="bc")


# --- The hierarchy ----------------------------------------------------------------------


def test_the_reports_are_kinds_of_report() -> None:
    for sub in ("bao-cao-tham-dinh", "bao-cao-tham-tra", "bao-cao-tiep-thu-giai-trinh"):
        assert is_a(sub, "bao-cao")
        assert not is_a("bao-cao", sub)
        assert lineage(sub) == (sub, "bao-cao")
    assert is_a("thong-bao-ket-luan", "thong-bao")
    assert is_a("to-trinh", "to-trinh")
    assert not is_a("to-trinh", "bao-cao")
    # A draft resolution is not the resolution it drafts.
    assert not is_a("du-thao-nghi-quyet", "nghi-quyet")


def test_every_parent_is_a_known_type() -> None:
    for item in DOCUMENT_TYPES.values():
        assert item.parent is None or item.parent in DOCUMENT_TYPES


@pytest.mark.parametrize(
    "sub", ["bao-cao-tham-dinh", "bao-cao-tham-tra", "bao-cao-tiep-thu-giai-trinh"]
)
def test_a_subtype_meets_a_requirement_for_its_type(sub: str) -> None:
    pack = make_pack((requirement("report", "bao-cao"),))
    dossier = Dossier(items=(REPORT_ITEM,), documents=(doc("r", at(2026, 3, 5), sub),))
    (row,) = checklist(meeting(MARCH_12), dossier, pack, as_of=at(2026, 3, 10))
    assert row.state == "received"
    assert row.document is not None
    assert row.document.id == "r"
    assert row.document_type == sub
    report = check_dossier(meeting(MARCH_12), dossier, pack, as_of=at(2026, 3, 10))
    assert not report.by_code("document-missing")


def test_a_report_sent_late_is_late_not_missing() -> None:
    # Regression: a Báo cáo thẩm tra sent late for a requirement for a Báo cáo
    # was reported missing.
    pack = make_pack((requirement("report", "bao-cao"),))
    # Due Monday 9 March 17:00; received Wednesday 11 March 10:00.
    dossier = Dossier(
        items=(REPORT_ITEM,), documents=(doc("r", at(2026, 3, 11, 10), "bao-cao-tham-tra"),)
    )
    report = check_dossier(meeting(MARCH_12), dossier, pack, as_of=at(2026, 3, 11, 12))
    assert not report.by_code("document-missing")
    (late,) = report.by_code("document-late")
    assert late.details["late_by"] == "2 working days"
    assert late.details["document_type"] == "bao-cao"
    assert late.details["met_by"] == "r"
    assert late.details["met_by_type"] == "bao-cao-tham-tra"
    assert late.documents[0].type == "bao-cao-tham-tra"


def test_a_general_report_does_not_meet_a_requirement_for_a_review_report() -> None:
    pack = make_pack((requirement("review", "bao-cao-tham-tra"),))
    dossier = Dossier(items=(REPORT_ITEM,), documents=(doc("r", at(2026, 3, 5), "bao-cao"),))
    (row,) = checklist(meeting(MARCH_12), dossier, pack, as_of=at(2026, 3, 10))
    assert row.state == "missing"


@pytest.mark.parametrize("order", [("report", "review"), ("review", "report")])
def test_one_review_report_does_not_meet_two_requirements(order: tuple[str, str]) -> None:
    reqs = {"report": requirement("report", "bao-cao"),
            "review": requirement("review", "bao-cao-tham-tra")}  # fmt: skip
    pack = make_pack(tuple(reqs[k] for k in order))
    only_review = Dossier(
        items=(REPORT_ITEM,), documents=(doc("t", at(2026, 3, 5), "bao-cao-tham-tra"),)
    )
    rows = {r.requirement.id: r for r in checklist(meeting(MARCH_12), only_review, pack,
                                                  as_of=at(2026, 3, 10))}  # fmt: skip
    # The narrower requirement takes it, whichever is listed first.
    assert rows["review"].state == "received"
    assert rows["report"].state == "missing"
    both = Dossier(
        items=(REPORT_ITEM,),
        documents=(
            doc("t", at(2026, 3, 5), "bao-cao-tham-tra"),
            doc("b", at(2026, 3, 6), "bao-cao"),
        ),
    )
    rows = {r.requirement.id: r for r in checklist(meeting(MARCH_12), both, pack,
                                                  as_of=at(2026, 3, 10))}  # fmt: skip
    assert rows["review"].document is not None
    assert rows["review"].document.id == "t"
    assert rows["report"].document is not None
    assert rows["report"].document.id == "b"


def _inspector(types: dict[str, str | None]) -> Callable[[str], DocumentInfo]:
    def inspect(path: str) -> DocumentInfo:
        return DocumentInfo(path, type=types[path])

    return inspect


def test_a_document_declared_one_type_and_read_as_another_is_reported() -> None:
    pack = make_pack((requirement("review", "bao-cao-tham-tra"),))
    dossier = Dossier(
        items=(REPORT_ITEM,), documents=(doc("t", at(2026, 3, 5), "bao-cao-tham-tra"),)
    )
    inspect = _inspector({"t.docx": "to-trinh"})
    report = check_dossier(meeting(MARCH_12), dossier, pack, as_of=at(2026, 3, 10), inspect=inspect)
    (mismatch,) = report.by_code("document-type-mismatch")
    assert mismatch.details == {
        "declared": "bao-cao-tham-tra",
        "found": "to-trinh",
        "counted_as": "bao-cao-tham-tra",
    }
    assert mismatch.documents[0].id == "t"
    assert "Tờ trình" in mismatch.message.vi
    assert mismatch.severity.value == "warning"
    # It counts as declared: the requirement is met.
    assert not report.by_code("document-missing")


@pytest.mark.parametrize(
    ("declared", "found", "counted"),
    [
        ("bao-cao", "bao-cao-tham-tra", "bao-cao-tham-tra"),  # the finer reading counts
        ("bao-cao-tham-tra", "bao-cao", "bao-cao-tham-tra"),  # the reader could not tell more
        ("bao-cao-tham-tra", None, "bao-cao-tham-tra"),
        (None, "bao-cao-tham-tra", "bao-cao-tham-tra"),
        ("to-trinh", "bao-cao", "to-trinh"),  # unrelated: as declared (and reported)
    ],
)
def test_which_type_a_document_counts_as(
    declared: str | None, found: str | None, counted: str
) -> None:
    assert resolve_type(declared, found) == counted
    pack = make_pack((requirement("review", "bao-cao-tham-tra"),))
    dossier = Dossier(items=(REPORT_ITEM,), documents=(doc("t", at(2026, 3, 5), declared),))
    inspect = _inspector({"t.docx": found})
    report = check_dossier(meeting(MARCH_12), dossier, pack, as_of=at(2026, 3, 10), inspect=inspect)
    assert bool(report.by_code("document-missing")) == (counted != "bao-cao-tham-tra")
    assert bool(report.by_code("document-type-mismatch")) == (declared == "to-trinh")


# --- Honest time ------------------------------------------------------------------------


def test_a_document_received_after_as_of_does_not_count_at_as_of() -> None:
    # Regression: a document received after the moment of the check counted as received.
    pack = make_pack((requirement("report", "bao-cao"),))
    received = at(2026, 3, 11, 10)  # after the deadline, Monday 9 March 17:00
    dossier = Dossier(items=(REPORT_ITEM,), documents=(doc("r", received, "bao-cao"),))

    def inspect(path: str) -> DocumentInfo:
        raise AssertionError("a document not yet received is not read")

    def state(as_of: datetime) -> str:
        (row,) = checklist(meeting(MARCH_12), dossier, pack, as_of=as_of)
        return row.state

    assert state(at(2026, 3, 9, 9)) == "due"  # before the deadline: not yet received
    assert state(at(2026, 3, 10, 9)) == "missing"  # overdue and still not received
    assert state(at(2026, 3, 11, 10)) == "late"  # the moment it arrives
    early = check_dossier(
        meeting(MARCH_12), dossier, pack, as_of=at(2026, 3, 9, 9), inspect=inspect
    )
    assert [f.code for f in early.findings] == ["document-due-soon"]
    overdue = check_dossier(
        meeting(MARCH_12), dossier, pack, as_of=at(2026, 3, 10, 9), inspect=inspect
    )
    assert [f.code for f in overdue.findings] == ["document-missing"]


def test_the_earliest_document_received_by_as_of_counts() -> None:
    pack = make_pack((requirement("report", "bao-cao"),))
    dossier = Dossier(
        items=(REPORT_ITEM,),
        documents=(
            doc("second", at(2026, 3, 9, 16), "bao-cao"),  # on time
            doc("first", at(2026, 3, 11, 9), "bao-cao-tham-dinh"),  # late
        ),
    )
    (row,) = checklist(meeting(MARCH_12), dossier, pack, as_of=at(2026, 3, 12))
    assert (row.state, row.document.id if row.document else None) == ("received", "second")
    (row,) = checklist(meeting(MARCH_12), dossier, pack, as_of=at(2026, 3, 9, 12))
    assert row.state == "due"


PACK = load_pack("vn-province")
_problem = Finding.of(
    "tracked-changes", Message(vi="Còn vết sửa.", en="Tracked changes."), rule="x"
)


@st.composite
def later_documents(draw: st.DrawFn, dossier: Dossier, as_of: datetime) -> Dossier:
    """*dossier* with documents received after *as_of* put in anywhere."""
    documents = list(dossier.documents)
    items = [None, *(i.id for i in dossier.items)]
    for n in range(draw(st.integers(1, 4))):
        extra = DossierDocument(
            id=f"later-{n}",
            path=f"later-{n}.docx",
            received=as_of + timedelta(minutes=draw(st.integers(1, 60 * 24 * 90))),
            declared_type=draw(st.none() | st.sampled_from(sorted(DOCUMENT_TYPES))),
            item=draw(st.sampled_from(items)),
        )
        documents.insert(draw(st.integers(0, len(documents))), extra)
    return Dossier(items=dossier.items, documents=tuple(documents), manifest=dossier.manifest)


def _inspect(path: str) -> DocumentInfo:
    """Later documents read as any type, with a finding, or unreadable; others as declared."""
    if path.startswith("later-"):
        n = int(path.split("-")[1].split(".")[0])
        if n == 3:
            raise InputError(path, "not a DOCX", reason_vi="không phải DOCX")
        return DocumentInfo(path, type=sorted(DOCUMENT_TYPES)[n * 5], findings=(_problem,))
    return DocumentInfo(path, type=None)


@settings(max_examples=60, deadline=None)
@given(st.data(), dossiers(PACK), st.integers(-24 * 40, 24 * 90))
def test_documents_received_after_as_of_change_nothing_at_as_of(
    data: st.DataObject, drawn: tuple[Meeting, Dossier], hours: int
) -> None:
    meeting_, dossier = drawn
    as_of = meeting_.start + timedelta(hours=hours)
    more = data.draw(later_documents(dossier, as_of))
    for inspect in (None, _inspect):
        before = check_dossier(meeting_, dossier, PACK, as_of=as_of, inspect=inspect)
        after = check_dossier(meeting_, more, PACK, as_of=as_of, inspect=inspect)
        assert after.to_dict() == before.to_dict()
    assert checklist(meeting_, more, PACK, as_of=as_of) == checklist(
        meeting_, dossier, PACK, as_of=as_of
    )


# --- Deadlines across Tết ---------------------------------------------------------------


def test_a_deadline_before_a_meeting_after_tet_falls_before_tet() -> None:
    # Wednesday 25 February 2026: 3 working days back are Tue 24, Mon 23, then
    # Tết (Sat 14 – Sun 22 February off), then Friday 13 February.
    start = at(2026, 2, 25)
    ubnd = Meeting("ubnd-meeting", "Phiên họp UBND tỉnh tháng 2", start, start + timedelta(hours=3),
                   urgent=True)  # fmt: skip
    received = at(2026, 2, 23, 9)  # the first working day after Tết
    dossier = Dossier(
        items=(REPORT_ITEM,),
        documents=(DossierDocument("bc", "bc.docx", received, "bao-cao-tham-dinh", "bc"),),
    )
    rows = {r.requirement.id: r for r in checklist(ubnd, dossier, PACK, as_of=at(2026, 2, 24))}
    row = rows["ubnd-meeting.bao-cao"]
    assert row.deadline == at(2026, 2, 13, 17)
    # Ten calendar days after the deadline, but only one working day: Monday 23.
    assert (row.state, row.late_by) == ("late", "1 working day")
    assert row.document_type == "bao-cao-tham-dinh"
    # Checked on the last day of Tết, the report had not come: missing, not late.
    rows = {r.requirement.id: r for r in checklist(ubnd, dossier, PACK, as_of=at(2026, 2, 22, 20))}
    assert rows["ubnd-meeting.bao-cao"].state == "missing"


def test_a_conclusion_due_after_a_meeting_before_tet_falls_after_tet() -> None:
    # Thursday 12 February 2026, ends 11:00: 5 working days after are Fri 13,
    # then Tết, then Mon 23, Tue 24, Wed 25, Thu 26 February.
    start = at(2026, 2, 12)
    ubnd = Meeting("ubnd-meeting", "Phiên họp UBND tỉnh", start, start + timedelta(hours=3),
                   urgent=True)  # fmt: skip
    during_tet = {
        r.requirement.id: r for r in checklist(ubnd, Dossier(), PACK, as_of=at(2026, 2, 20))
    }
    conclusion = during_tet["ubnd-meeting.thong-bao-ket-luan"]
    assert conclusion.deadline == at(2026, 2, 26, 17)
    assert conclusion.state == "due"
    notice = DossierDocument("tb", "tb.docx", at(2026, 2, 26, 16), "thong-bao-ket-luan")
    later = {
        r.requirement.id: r
        for r in checklist(ubnd, Dossier(documents=(notice,)), PACK, as_of=at(2026, 2, 27))
    }
    assert later["ubnd-meeting.thong-bao-ket-luan"].state == "received"


# --- A pack's own types -----------------------------------------------------------------

PACK_TYPES = """
[pack]
id = "tinh-thu"
name = "Tỉnh Thử"
extends = "vn-province"

[[document_type]]
id = "bao-cao-giam-sat"
name = "Báo cáo kết quả giám sát"
code = "BC"
title = "BÁO CÁO"
parent = "bao-cao"
"""


def test_a_pack_type_can_be_a_subtype(tmp_path: Path) -> None:
    path = tmp_path / "pack.toml"
    path.write_text(PACK_TYPES, encoding="utf-8")
    pack = load_pack(str(path))
    assert lineage("bao-cao-giam-sat", pack.document_type) == ("bao-cao-giam-sat", "bao-cao")
    start = at(2026, 3, 12)
    ubnd = Meeting("ubnd-meeting", "Phiên họp UBND tỉnh", start, urgent=True)
    dossier = Dossier(
        items=(REPORT_ITEM,),
        documents=(DossierDocument("g", "g.docx", at(2026, 3, 2), "bao-cao-giam-sat", "bc"),),
    )
    rows = {r.requirement.id: r for r in checklist(ubnd, dossier, pack, as_of=at(2026, 3, 10))}
    assert rows["ubnd-meeting.bao-cao"].state == "received"
    assert rows["ubnd-meeting.bao-cao"].document_type == "bao-cao-giam-sat"


@pytest.mark.parametrize(
    ("parent", "reason"),
    [
        ('parent = "bao-cao-giam-sat"', "would be a kind of itself"),
        ('parent = "bao-ca"', "unknown document type 'bao-ca'"),
    ],
)
def test_a_pack_type_parent_must_exist_and_not_loop(
    tmp_path: Path, parent: str, reason: str
) -> None:
    path = tmp_path / "pack.toml"
    path.write_text(PACK_TYPES.replace('parent = "bao-cao"', parent), encoding="utf-8")
    with pytest.raises(PackError) as error:
        load_pack(str(path))
    assert "document_type[bao-cao-giam-sat].parent" in str(error.value)
    assert reason in str(error.value)
