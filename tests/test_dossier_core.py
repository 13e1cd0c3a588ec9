"""Dossier checks without opening files: requirements, deadlines, manifest."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from announced_schedule import oracle_is_working
from coordrules import InputError
from coordrules.model.dossier import AgendaItem, DocumentInfo, Dossier, DossierDocument, Meeting
from coordrules.model.findings import Finding, Message
from coordrules.packs.manifest import load_manifest
from coordrules.rules.dossier import check_dossier, checklist
from coordrules.testing import assert_findings
from dossier_fixtures import CHANGE, days, make_pack

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(y: int, m: int, d: int, h: int = 8, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=TZ)


def ubnd_meeting(start: datetime, *, urgent: bool = False) -> Meeting:
    return Meeting(
        kind="ubnd-meeting",
        title="Phiên họp UBND tỉnh",
        start=start,
        end=start + timedelta(hours=3),
        urgent=urgent,
    )


DECISION = AgendaItem(id="qd-1", kind="decision", title="Dự thảo quyết định", submitted_by="ubnd")


def test_missing_due_and_received() -> None:
    pack = make_pack()
    meeting = ubnd_meeting(at(2026, 3, 12))  # a Thursday
    dossier = Dossier(
        items=(DECISION,),
        documents=(DossierDocument("gm", "gm.docx", at(2026, 3, 5), declared_type="giay-moi"),),
    )
    report = check_dossier(meeting, dossier, pack, as_of=at(2026, 3, 10, 9))
    missing = report.by_code("document-missing")
    assert [f.details["requirement"] for f in missing] == ["ubnd-documents"]
    # 3 working days before Thursday 12 March 2026 is Monday 9 March, 17:00.
    assert missing[0].details["deadline"] == "2026-03-09T17:00:00+07:00"
    assert missing[0].cite == "QĐ 45/2018/QĐ-TTg, Điều 10"
    assert missing[0].basis is not None
    assert missing[0].basis.value == "statute"
    due = report.by_code("document-due-soon")
    assert [f.details["requirement"] for f in due] == ["ubnd-conclusion"]
    # 5 working days after Thursday 12 March: Thursday 19 March.
    assert due[0].details["deadline"] == "2026-03-19T17:00:00+07:00"
    assert report.has_errors
    assert not report.by_code("document-late")


def test_late_counts_working_days_over_a_weekend() -> None:
    pack = make_pack()
    meeting = ubnd_meeting(at(2026, 3, 12))
    dossier = Dossier(
        items=(DECISION,),
        documents=(
            # Due Monday 9 March 17:00; received Wednesday 11 March: 2 working days late.
            DossierDocument("tt", "tt.docx", at(2026, 3, 11, 10), "to-trinh", item="qd-1"),
            DossierDocument("gm", "gm.docx", at(2026, 3, 9, 16), "giay-moi"),
        ),
    )
    report = check_dossier(meeting, dossier, pack, as_of=at(2026, 3, 11, 12))
    (late,) = assert_findings(report, "document-late", count=1)
    assert late.details["late_by"] == "2 working days"
    assert "2 ngày làm việc" in late.message.vi
    assert late.documents[0].path == "tt.docx"
    assert_findings(report, "document-missing", count=0)


def test_late_by_hours_on_the_deadline_day() -> None:
    pack = make_pack()
    meeting = ubnd_meeting(at(2026, 3, 12))
    dossier = Dossier(
        items=(DECISION,),
        documents=(DossierDocument("tt", "tt.docx", at(2026, 3, 9, 19), "to-trinh", "qd-1"),),
    )
    report = check_dossier(meeting, dossier, pack, as_of=at(2026, 3, 10))
    (late,) = report.by_code("document-late")
    assert late.details["late_by"] == "2 hours"


def test_urgent_meeting_needs_no_invitation_deadline() -> None:
    pack = make_pack()
    as_of = at(2026, 3, 12, 7)
    normal = check_dossier(ubnd_meeting(at(2026, 3, 12)), Dossier(), pack, as_of=as_of)
    urgent = check_dossier(ubnd_meeting(at(2026, 3, 12), urgent=True), Dossier(), pack, as_of=as_of)
    missing = {f.details["requirement"] for f in normal.by_code("document-missing")}
    assert "ubnd-invitation" in missing
    assert "ubnd-invitation" not in {
        f.details["requirement"] for f in urgent.findings if "requirement" in f.details
    }


def hdnd(start: datetime, flags: tuple[str, ...] = ()) -> tuple[Meeting, Dossier]:
    item = AgendaItem("nq-1", "draft-normative-resolution", "Nghị quyết mức chi", "ubnd", flags)
    return Meeting("hdnd-session", "Kỳ họp HĐND", start), Dossier(items=(item,))


def test_condition_flag_adds_a_requirement() -> None:
    pack = make_pack()
    as_of = at(2026, 7, 1)
    without = checklist(*hdnd(at(2026, 7, 8)), pack, as_of=as_of)
    with_flag = checklist(*hdnd(at(2026, 7, 8), ("policy-impact",)), pack, as_of=as_of)
    assert "hdnd-policy-impact" not in {r.requirement.id for r in without}
    assert "hdnd-policy-impact" in {r.requirement.id for r in with_flag}


@pytest.mark.parametrize(
    ("meeting_day", "rule", "deadline"),
    [
        # Day before the change: the old value, 20 calendar days, assumed.
        (CHANGE - timedelta(days=1), "hdnd-to-trinh-old", date(2025, 6, 10)),
        # The change day itself: 10 working days (30/6 back over weekends).
        (CHANGE, "hdnd-to-trinh", date(2025, 6, 17)),
    ],
)
def test_both_sides_of_the_effective_date(meeting_day: date, rule: str, deadline: date) -> None:
    pack = make_pack()
    meeting, dossier = hdnd(datetime.combine(meeting_day, time(8), tzinfo=TZ))
    rows = [
        r
        for r in checklist(meeting, dossier, pack, as_of=at(2025, 1, 1))
        if r.requirement.document == "to-trinh"
    ]
    assert [r.requirement.id for r in rows] == [rule]
    assert rows[0].deadline.date() == deadline
    report = check_dossier(meeting, dossier, pack, as_of=at(2025, 1, 1))
    assumed = {f.details["requirement"] for f in report.by_code("assumed-value")}
    assert ("hdnd-to-trinh-old" in assumed) == (rule == "hdnd-to-trinh-old")


def oracle_back(day: date, n: int) -> date:
    while n:
        day -= timedelta(days=1)
        if oracle_is_working(day):
            n -= 1
    return day


def oracle_forward(day: date, n: int) -> date:
    while n:
        day += timedelta(days=1)
        if oracle_is_working(day):
            n -= 1
    return day


meeting_days = st.sampled_from(days(date(2025, 1, 20), date(2026, 10, 15)))


@given(meeting_days, st.integers(0, 8), st.integers(0, 9))
def test_deadlines_against_a_day_by_day_loop(day: date, lateness: int, hour: int) -> None:
    """Around weekends, Tết, the 2026 day swaps and make-up Saturdays."""
    pack = make_pack()
    start = datetime.combine(day, time(8), tzinfo=TZ)
    meeting = ubnd_meeting(start, urgent=True)
    due = oracle_back(day, 3)
    received_day = due + timedelta(days=lateness)
    received = datetime.combine(received_day, time(8 + hour), tzinfo=TZ)
    dossier = Dossier(
        items=(DECISION,),
        documents=(DossierDocument("tt", "tt.docx", received, "to-trinh", "qd-1"),),
    )
    # Checked a month later: the document has arrived, however late it was.
    as_of = start + timedelta(days=30)
    report = check_dossier(meeting, dossier, pack, as_of=as_of)
    rows = {r.requirement.id: r for r in checklist(meeting, dossier, pack, as_of=as_of)}
    row = rows["ubnd-documents"]
    assert row.deadline == datetime.combine(due, time(17), tzinfo=TZ)
    late = report.by_code("document-late")
    if received_day == due:
        assert (len(late) == 1) == (8 + hour > 17)
    else:
        (finding,) = late
        working = sum(
            1 for k in range(1, lateness + 1) if oracle_is_working(due + timedelta(days=k))
        )
        if working:
            assert finding.details["late_by"] == f"{working} working day{'s' * (working != 1)}"
        else:
            assert finding.details["late_by"].endswith(("hour", "hours"))
    assert rows["ubnd-conclusion"].deadline.date() == oracle_forward(day, 5)


def test_inspected_types_and_document_findings() -> None:
    pack = make_pack()
    meeting = ubnd_meeting(at(2026, 3, 12))
    problem = Finding.of(
        "tracked-changes", Message(vi="Còn vết sửa.", en="Tracked changes remain."), rule="x"
    )
    infos = {
        "a.docx": DocumentInfo("a.docx", type="to-trinh", findings=(problem,)),
        "b.docx": DocumentInfo("b.docx", type=None),
    }

    def inspect(path: str) -> DocumentInfo:
        if path == "bad.docx":
            raise InputError(path, "not a DOCX (no zip archive)", reason_vi="không phải DOCX")
        return infos[path]

    dossier = Dossier(
        items=(DECISION,),
        documents=(
            DossierDocument("a", "a.docx", at(2026, 3, 2), item="qd-1"),
            DossierDocument("b", "b.docx", at(2026, 3, 2), item="qd-1"),
            DossierDocument("c", "bad.docx", at(2026, 3, 2), "giay-moi"),
        ),
    )
    report = check_dossier(meeting, dossier, pack, as_of=at(2026, 3, 10), inspect=inspect)
    missing = {f.details["requirement"] for f in report.by_code("document-missing")}
    assert "ubnd-documents" not in missing
    (tracked,) = report.by_code("tracked-changes")
    assert tracked.documents[0].id == "a"
    (unknown,) = report.by_code("document-unidentified")
    assert unknown.documents[0].path == "b.docx"
    (unreadable,) = report.by_code("import-problem")
    assert unreadable.file == "bad.docx"
    # The unreadable file was declared a giấy mời, but a file nobody can read is
    # not a received document: the invitation is missing (its deadline passed).
    (invitation,) = [
        f for f in report.findings if f.details.get("requirement") == "ubnd-invitation"
    ]
    assert invitation.code == "document-missing"


def test_undeclared_without_inspection_is_unidentified() -> None:
    dossier = Dossier(documents=(DossierDocument("x", "x.docx", at(2026, 3, 2)),))
    report = check_dossier(
        ubnd_meeting(at(2026, 3, 12)), dossier, make_pack(), as_of=at(2026, 3, 2)
    )
    assert len(report.by_code("document-unidentified")) == 1


def test_unknown_meeting_kind_is_input_error() -> None:
    meeting = Meeting("tinh-uy-conference", "Hội nghị", at(2026, 3, 12))
    with pytest.raises(InputError, match=r"meeting\.kind"):
        check_dossier(meeting, Dossier(manifest="m.toml"), make_pack(), as_of=at(2026, 3, 1))


def test_naive_as_of_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        check_dossier(
            ubnd_meeting(at(2026, 3, 12)), Dossier(), make_pack(), as_of=datetime(2026, 3, 1)
        )


def test_json_shape_has_documents() -> None:
    report = check_dossier(
        ubnd_meeting(at(2026, 3, 12)), Dossier(), make_pack(), as_of=at(2026, 3, 11)
    )
    data = report.to_dict()
    assert set(data) == {"coordrules", "as_of", "window", "sources", "findings", "summary"}
    first = data["findings"][0]
    assert first["occurrences"] == []
    assert first["documents"][0]["type"] == "giay-moi"


# --- Manifest ---------------------------------------------------------------------

MANIFEST = """
timezone = "Asia/Ho_Chi_Minh"

[meeting]
kind = "ubnd-meeting"
title = "Phiên họp UBND tỉnh tháng 3"
start = 2026-03-12T08:00:00
end = 2026-03-12T11:30:00+07:00
venue = "Phòng họp số 1"

[[documents]]
path = "giay-moi.docx"
received = 2026-03-05T09:00:00+07:00
type = "giay-moi"

[[items]]
id = "qd-gia-dat"
kind = "decision"
title = "Dự thảo quyết định bảng giá đất"
submitted_by = "ubnd"
flags = ["policy-impact"]

[[items.documents]]
path = "docs/to-trinh.docx"
received = 2026-03-06
"""


def test_manifest_reads(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(MANIFEST, encoding="utf-8")
    meeting, dossier = load_manifest(path)
    assert meeting.start == at(2026, 3, 12)
    assert meeting.venue == "Phòng họp số 1"
    (item,) = dossier.items
    assert item.flags == ("policy-impact",)
    gm, tt = dossier.documents
    assert (gm.item, gm.declared_type) == (None, "giay-moi")
    assert (tt.item, tt.declared_type) == ("qd-gia-dat", None)
    assert tt.path == str(tmp_path / "docs" / "to-trinh.docx")
    assert tt.received == at(2026, 3, 6, 0)
    assert dossier.manifest == str(path)


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (("venue =", "place ="), "meeting.place"),
        (('type = "giay-moi"', 'type = "letter"'), "documents[0].type"),
        (("start = 2026-03-12T08:00:00", 'start = "soon"'), "meeting.start"),
        (('kind = "decision"', 'kind = "Decision X"'), "items[0].kind"),
        (('flags = ["policy-impact"]', "flags = 3"), "items[0].flags"),
        (('path = "docs/to-trinh.docx"', "paths = 1"), "items[0].documents[0].paths"),
        (('title = "Dự thảo quyết định bảng giá đất"', ""), "items[0].title"),
    ],
)
def test_manifest_errors_name_file_and_key(
    tmp_path: Path, change: tuple[str, str], place: str
) -> None:
    path = tmp_path / "m.toml"
    path.write_text(MANIFEST.replace(*change), encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_manifest(path)
    assert error.value.file == str(path)
    assert error.value.place == place


def test_manifest_not_toml(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text("[meeting\n", encoding="utf-8")
    with pytest.raises(InputError, match="TOML"):
        load_manifest(path)
    with pytest.raises(InputError, match="cannot read"):
        load_manifest(tmp_path / "absent.toml")


def test_document_without_received_time_is_judged_at_as_of() -> None:
    pack = make_pack()
    meeting = ubnd_meeting(at(2026, 3, 12))
    dossier = Dossier(
        items=(DECISION,),
        documents=(DossierDocument("tt", "tt.docx", None, "to-trinh", "qd-1"),),
    )
    early = check_dossier(meeting, dossier, pack, as_of=at(2026, 3, 9, 9))
    assert not early.by_code("document-late")
    later = check_dossier(meeting, dossier, pack, as_of=at(2026, 3, 11, 9))
    (late,) = later.by_code("document-late")
    assert late.details["received_assumed"] is True
    assert late.details["late_by"] == "2 working days"


def test_a_statute_list_with_an_assumed_deadline_is_reported_as_assumed(tmp_path: Path) -> None:
    # Regression: the 2015/2020 law's appraisal list is statute, but its "20 days"
    # deadline is unconfirmed (DOMAIN.md); findings said basis "statute".
    from coordrules import Basis, load_pack

    pack = load_pack("vn-province")
    manifest = tmp_path / "m.toml"
    manifest.write_text(
        '[meeting]\nkind = "hdnd-session"\ntitle = "Kỳ họp"\nstart = 2024-12-10T08:00:00\n'
        '[[items]]\nid = "nq"\nkind = "draft-normative-resolution"\ntitle = "NQ"\n',
        encoding="utf-8",
    )
    meeting, dossier = load_manifest(manifest)
    report = check_dossier(
        meeting, dossier, pack, as_of=datetime(2024, 12, 1, 9, tzinfo=TZ), inspect=None
    )
    missing = [f for f in report.by_code("document-missing") if "nq-qppl.to-trinh" in f.rule]
    assert missing
    assert all(f.basis is Basis.ASSUMED for f in missing)
    assumed = {f.details["requirement"] for f in report.by_code("assumed-value")}
    assert "hdnd-session.nq-qppl.to-trinh" in assumed
