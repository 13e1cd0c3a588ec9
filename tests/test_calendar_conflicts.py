"""Conflict rules: double bookings, travel, late changes, xác báo, days off."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordrules import (
    Attendance,
    Basis,
    Deadline,
    DeadlineSide,
    DeadlineUnit,
    Finding,
    MergedCalendar,
    Occurrence,
    Pack,
    Report,
    Role,
    SourceCalendar,
    SourcedValue,
    Status,
    Transparency,
    VersionedRule,
    check_calendar,
    load_pack,
    merge,
)
from coordrules.rules.conflicts import check_part, combine_parts
from coordrules.rules.double_booking import MAX_LISTED_OCCURRENCES, overlap_clusters
from coordrules.testing import assert_no_conflicts
from fixtures_calendar import BARE_PACK, DIRECTORY, PACK, VN, at, meeting, person

AS_OF = datetime(2025, 3, 1, 9, tzinfo=VN)
BINH = person("Trần Thị Bình", "binh@example.vn")


def check(*occurrences: Occurrence, pack: object = PACK, **kwargs: object) -> Report:
    sources: dict[str, list[Occurrence]] = {}
    for occ in occurrences:
        sources.setdefault(occ.source, []).append(occ)
    merged = merge([SourceCalendar(n, tuple(o)) for n, o in sources.items()], pack, DIRECTORY)  # type: ignore[arg-type]
    kwargs.setdefault("as_of", AS_OF)
    return check_calendar(merged, pack, DIRECTORY, **kwargs)  # type: ignore[arg-type]


def only(report: Report, code: str) -> list[Finding]:
    return list(report.by_code(code))


def test_person_double_booked_names_precedence_and_deputies() -> None:
    ubnd = meeting("Phiên họp UBND", at(5, 8), at(5, 11), kind="ubnd-meeting", attendees=(BINH,))
    btv = meeting(
        "Hội nghị BTV",
        at(5, 10),
        at(5, 12),
        source="vp-tinh-uy",
        kind="btv-conference",
        attendees=(person("Chủ tịch UBND tỉnh"),),
    )
    report = check(ubnd, btv)
    [finding] = only(report, "person-double-booked")
    assert finding.subjects == ("tran-thi-binh",)
    # A cluster of two reads as a pair: both meetings named, with their times.
    assert finding.message.en.startswith(
        "Trần Thị Bình is due at «Phiên họp UBND» (08:00 05/03/2025) and «Hội nghị BTV» "
        "(10:00 05/03/2025) at the same time. «Hội nghị BTV» takes precedence"
    )
    assert finding.message.vi.startswith(
        "Trần Thị Bình được bố trí dự «Phiên họp UBND» (08:00 05/03/2025) và «Hội nghị BTV» "
        "(10:00 05/03/2025) trùng giờ."
    )
    assert (finding.details["count"], finding.details["omitted"]) == (2, 0)
    merged_ids = [o.id for o in finding.occurrences]
    btv_ref = next(o for o in finding.occurrences if o.summary == "Hội nghị BTV")
    assert finding.details["precedence"] == btv_ref.id
    assert btv_ref.id in merged_ids
    assert [s["person"] for s in finding.details["substitutes"]] == [
        "le-van-cuong",
        "pham-thi-dung",
    ]
    assert finding.basis is Basis.ASSUMED
    assert "assumed" in finding.message.en
    assert "Lê Văn Cường" in finding.message.vi
    assumed = only(report, "assumed-value")
    assert "calendar.precedence" in {f.rule for f in assumed}


def test_a_deputy_busy_at_the_meeting_to_be_covered_is_not_offered() -> None:
    # Bình (Chủ tịch UBND) is due at the BTV conference (which takes precedence)
    # and the UBND meeting; Cường (a deputy) is busy elsewhere then, Dũng is
    # already at the UBND meeting and can stand in there.
    ubnd = meeting(
        "Phiên họp UBND",
        at(5, 8),
        at(5, 11),
        kind="ubnd-meeting",
        attendees=(BINH, person("Phạm Thị Dung", "dung@example.vn")),
    )
    btv = meeting(
        "Hội nghị BTV",
        at(5, 8),
        at(5, 11),
        source="vp-tinh-uy",
        kind="btv-conference",
        attendees=(BINH,),
    )
    site = meeting(
        "Kiểm tra công trình",
        at(5, 9),
        at(5, 10),
        attendees=(person("Lê Văn Cường", "cuong@example.vn"),),
    )
    [finding] = only(check(ubnd, btv, site), "person-double-booked")
    free = {s["person"]: s["free"] for s in finding.details["substitutes"]}
    assert free == {"le-van-cuong": False, "pham-thi-dung": True}
    assert "May stand in: Phạm Thị Dung." in finding.message.en
    assert "Lê Văn Cường busy then" in finding.message.en


def test_when_every_deputy_is_busy_the_message_says_so() -> None:
    ubnd = meeting("Phiên họp UBND", at(5, 8), at(5, 11), kind="ubnd-meeting", attendees=(BINH,))
    btv = meeting(
        "Hội nghị BTV",
        at(5, 8),
        at(5, 11),
        source="vp-tinh-uy",
        kind="btv-conference",
        attendees=(BINH,),
    )
    away = meeting(
        "Công tác huyện",
        at(5, 7),
        at(5, 12),
        source="vp-ubnd",
        attendees=(
            person("Lê Văn Cường", "cuong@example.vn"),
            person("Phạm Thị Dung", "dung@example.vn"),
        ),
    )
    [finding] = only(check(ubnd, btv, away), "person-double-booked")
    assert not any(s["free"] for s in finding.details["substitutes"])
    assert "Every listed deputy is busy then." in finding.message.en


def test_declined_delegated_cancelled_free_and_touching_do_not_count() -> None:
    base = meeting("A", at(5, 8), at(5, 10), attendees=(BINH,))
    declined = meeting(
        "B",
        at(5, 9),
        at(5, 11),
        uid="b",
        attendees=(attrs.evolve(BINH, attendance=Attendance.DECLINED),),
    )
    delegated = meeting(
        "C",
        at(5, 9),
        at(5, 11),
        uid="c",
        attendees=(
            attrs.evolve(BINH, attendance=Attendance.DELEGATED, delegated_to="cuong@example.vn"),
        ),
    )
    cancelled = meeting(
        "D", at(5, 9), at(5, 11), uid="d", attendees=(BINH,), status=Status.CANCELLED
    )
    free = meeting(
        "E", at(5, 9), at(5, 11), uid="e", attendees=(BINH,), transparency=Transparency.FREE
    )
    touching = meeting("F", at(5, 10), at(5, 11), uid="f", attendees=(BINH,))
    zero = meeting("G", at(5, 9), at(5, 9), uid="g", attendees=(BINH,))
    observer = meeting(
        "H",
        at(5, 9),
        at(5, 11),
        uid="h",
        attendees=(attrs.evolve(BINH, role=Role.NON_PARTICIPANT),),
    )
    report = check(base, declined, delegated, cancelled, free, touching, zero, observer)
    assert_no_conflicts(report)


def test_mixed_time_zones_and_all_day_items_overlap_as_instants() -> None:
    hanoi = meeting("A", at(5, 8), at(5, 10), attendees=(BINH,))
    utc = meeting("B", at(5, 2, tz=UTC), at(5, 3, tz=UTC), uid="b", attendees=(BINH,))  # 9-10 VN
    all_day = meeting("C", date(2025, 3, 5), date(2025, 3, 6), uid="c", attendees=(BINH,))  # type: ignore[arg-type]
    next_day = meeting("D", date(2025, 3, 6), date(2025, 3, 7), uid="d", attendees=(BINH,))  # type: ignore[arg-type]
    report = check(hanoi, utc, all_day, next_day)
    # A, B and the all-day C overlap one another: one cluster; D only touches C.
    [finding] = report.by_code("person-double-booked")
    assert [o.summary for o in finding.occurrences] == ["C", "A", "B"]
    assert finding.details["count"] == 3


def test_venue_double_booked_by_alias() -> None:
    a = meeting("A", at(5, 8), at(5, 10), venue="Phòng 2")
    b = meeting("B", at(5, 9), at(5, 10), uid="b", venue="phòng họp số 2 UBND TỈNH")
    c = meeting("C", at(5, 9), at(5, 10), uid="c", venue="Phòng 3")
    [finding] = only(check(a, b, c), "venue-double-booked")
    assert finding.subjects == ("room-2",)
    assert finding.severity.value == "error"


def test_travel_too_tight_uses_directory_time_then_pack_default() -> None:
    a = meeting("A", at(5, 8), at(5, 9), venue="Hội trường A", attendees=(BINH,))
    b = meeting("B", at(5, 9, 30), at(5, 10), uid="b", venue="Phòng 2", attendees=(BINH,))
    c = meeting("C", at(5, 10, 10), at(5, 11), uid="c", venue="Phòng 3", attendees=(BINH,))
    d = meeting("D", at(5, 12), at(5, 13), uid="d", venue="Hội trường A", attendees=(BINH,))
    found = only(check(a, b, c, d), "travel-too-tight")
    assert [(f.occurrences[0].summary, f.occurrences[1].summary) for f in found] == [
        ("A", "B"),
        ("B", "C"),
    ]
    assert found[0].details["travel_minutes"] == 40
    assert found[0].basis is Basis.LOCAL
    assert found[1].details["travel_minutes"] == 20
    assert found[1].basis is Basis.ASSUMED
    # With no default travel time in the pack, unknown pairs are not judged.
    assert len(only(check(a, b, c, d, pack=BARE_PACK), "travel-too-tight")) == 1


def test_attendance_unconfirmed_after_the_xac_bao_deadline() -> None:
    waiting = person("Trần Thị Bình", "binh@example.vn", attendance=Attendance.NEEDS_ACTION)
    optional = person(
        "Lê Văn Cường", "cuong@example.vn", role=Role.OPTIONAL, attendance=Attendance.NEEDS_ACTION
    )
    occ = meeting("Họp", at(5, 8), at(5, 10), attendees=(waiting, optional))
    # 1 working day before Wednesday 5 March: 17:00 on Tuesday 4 March.
    assert only(check(occ, as_of=at(4, 16, 59)), "attendance-unconfirmed") == []
    [finding] = only(check(occ, as_of=at(4, 17)), "attendance-unconfirmed")
    assert finding.subjects == ("tran-thi-binh",)
    assert finding.basis is Basis.LOCAL
    assert finding.cite == "Quy chế phối hợp (ví dụ), Điều 5"
    assert finding.details["deadline"] == at(4, 17).isoformat()
    # After the meeting is over it is no longer reported; without a rule, never.
    assert only(check(occ, as_of=at(5, 10)), "attendance-unconfirmed") == []
    assert only(check(occ, as_of=at(4, 18), pack=BARE_PACK), "attendance-unconfirmed") == []


def test_non_working_day_weekend_and_holiday() -> None:
    saturday = meeting("Sat", at(8, 8), at(8, 9))
    labour_day = meeting(
        "1/5", datetime(2025, 5, 1, 8, tzinfo=VN), datetime(2025, 5, 1, 9, tzinfo=VN), uid="m"
    )
    monday = meeting("Mon", at(3, 8), at(3, 9), uid="mon")
    found = only(check(saturday, labour_day, monday), "non-working-day")
    assert sorted(f.occurrences[0].summary for f in found) == ["1/5", "Sat"]


def test_late_change_against_previous_snapshot() -> None:
    old = meeting("Họp", at(5, 8), at(5, 10), uid="h", venue="Phòng 2", attendees=(BINH,))
    previous = merge([SourceCalendar("vp-ubnd", (old,))], PACK, DIRECTORY)
    moved = attrs.evolve(old, venue="Phòng 3", sequence=1)
    current = merge([SourceCalendar("vp-ubnd", (moved,))], PACK, DIRECTORY)
    # Notice: 2 days before 5 March 08:00 → 17:00 on 3 March.
    early = check_calendar(current, PACK, DIRECTORY, as_of=at(3, 12), previous=previous)
    assert early.by_code("late-change") == ()
    late = check_calendar(current, PACK, DIRECTORY, as_of=at(4, 9), previous=previous)
    [finding] = late.by_code("late-change")
    assert finding.details["fields"] == ["venue"]
    assert finding.details["changed_at_from"] == "as-of"
    assert finding.basis is Basis.ASSUMED
    # LAST-MODIFIED, when given, dates the change instead of as_of.
    stamped = attrs.evolve(moved, last_modified=at(3, 9))
    current2 = merge([SourceCalendar("vp-ubnd", (stamped,))], PACK, DIRECTORY)
    report = check_calendar(current2, PACK, DIRECTORY, as_of=at(4, 9), previous=previous)
    assert report.by_code("late-change") == ()
    # Only a changed answer (not a significant field) is no late change.
    answered = attrs.evolve(old, attendees=(attrs.evolve(BINH, attendance=Attendance.TENTATIVE),))
    current3 = merge([SourceCalendar("vp-ubnd", (answered,))], PACK, DIRECTORY)
    report = check_calendar(current3, PACK, DIRECTORY, as_of=at(4, 9), previous=previous)
    assert report.by_code("late-change") == ()


def test_meetings_added_or_removed_late_are_late_changes() -> None:
    keep = meeting("Giao ban", at(4, 8), at(4, 9), uid="g", attendees=(BINH,))
    gone = meeting("Họp cũ", at(5, 8), at(5, 10), uid="old", attendees=(BINH,))
    new = meeting("Họp mới", at(5, 14), at(5, 16), uid="new", attendees=(BINH,))
    previous = merge([SourceCalendar("vp-ubnd", (keep, gone))], PACK, DIRECTORY)
    current = merge([SourceCalendar("vp-ubnd", (keep, new))], PACK, DIRECTORY)
    # Notice: 2 days before 5 March → 17:00 on 3 March.
    early = check_calendar(current, PACK, DIRECTORY, as_of=at(3, 12), previous=previous)
    assert early.by_code("late-change") == ()
    late = check_calendar(current, PACK, DIRECTORY, as_of=at(4, 9), previous=previous)
    found = {f.details["fields"][0]: f for f in late.by_code("late-change")}
    assert set(found) == {"added", "removed"}
    assert found["added"].occurrences[0].summary == "Họp mới"
    assert "was added" in found["added"].message.en
    assert found["removed"].occurrences[0].summary == "Họp cũ"
    assert "was removed by" in found["removed"].message.en
    # Undated changes seen only after the meetings began cannot be told late.
    after = check_calendar(current, PACK, DIRECTORY, as_of=at(6, 9), previous=previous)
    assert after.by_code("late-change") == ()
    dated = merge(
        [SourceCalendar("vp-ubnd", (keep, attrs.evolve(new, last_modified=at(4, 10))))],
        PACK, DIRECTORY,
    )  # fmt: skip
    after = check_calendar(dated, PACK, DIRECTORY, as_of=at(6, 9), previous=previous)
    [added] = after.by_code("late-change")
    assert added.details == {
        **added.details,
        "fields": ["added"],
        "changed_at_from": "last-modified",
    }
    # One cancelled is not added.
    cancelled = merge(
        [SourceCalendar("vp-ubnd", (keep, gone, attrs.evolve(new, status=Status.CANCELLED)))],
        PACK, DIRECTORY,
    )  # fmt: skip
    report = check_calendar(cancelled, PACK, DIRECTORY, as_of=at(4, 9), previous=previous)
    assert report.by_code("late-change") == ()


def test_a_snapshot_of_another_week_reports_no_additions() -> None:
    last_week = meeting(
        "Giao ban", at(24, 8, month=2), at(24, 9, month=2), uid="w", attendees=(BINH,)
    )
    previous = merge([SourceCalendar("vp-ubnd", (last_week,))], PACK, DIRECTORY)
    new = meeting("Họp mới", at(5, 14), at(5, 16), uid="new", attendees=(BINH,))
    current = merge([SourceCalendar("vp-ubnd", (new,))], PACK, DIRECTORY)
    report = check_calendar(current, PACK, DIRECTORY, as_of=at(4, 9), previous=previous,
                            window=(date(2025, 3, 3), date(2025, 3, 9)))  # fmt: skip
    assert report.by_code("late-change") == ()


def test_report_contains_merge_findings_problems_and_source_summaries() -> None:
    problem = Finding.of(
        "import-problem",
        __import__("coordrules").Message(vi="hỏng", en="broken"),
        rule="ical.read",
        file="a.ics",
        place="UID x",
    )
    a = meeting("Họp", at(3, 8), at(3, 9), uid="h", source="a")
    b = meeting("Họp", at(3, 9), at(3, 10), uid="h", source="b")
    merged = merge([SourceCalendar("a", (a,), (problem,)), SourceCalendar("b", (b,))], PACK)
    report = check_calendar(merged, PACK, as_of=AS_OF, window=(date(2025, 3, 3), date(2025, 3, 9)))
    assert {f.code for f in report.findings} >= {"import-problem", "time-mismatch"}
    assert [(s.name, s.occurrences, s.problems) for s in report.sources] == [
        ("a", 1, 1),
        ("b", 1, 0),
    ]
    data = report.to_dict()
    assert data["window"] == {"from": "2025-03-03", "to": "2025-03-09"}
    assert data["as_of"] == AS_OF.isoformat()


def test_check_rejects_a_naive_as_of() -> None:
    with pytest.raises(ValueError, match="aware"):
        check_calendar(MergedCalendar(), PACK, as_of=datetime(2025, 1, 1))


def test_overlap_clusters_examples() -> None:
    clusters = overlap_clusters(
        [
            ("p", 0, 10, 0),
            ("p", 10, 20, 1),  # touches 0, overlaps 3: joins through 3
            ("p", 5, 5, 2),  # empty: overlaps nothing
            ("p", 5, 15, 3),
            ("q", 0, 10, 4),  # alone on its resource
            ("r", 0, 5, 5),
            ("r", 5, 10, 6),  # touching only: no cluster
            ("s", 30, 40, 7),
            ("s", 0, 10, 8),
            ("s", 35, 36, 9),
            ("s", 5, 6, 10),
        ]
    )
    assert clusters == [("p", [0, 3, 1]), ("s", [8, 10]), ("s", [7, 9])]


def test_a_chain_of_overlaps_is_one_finding_and_a_separate_pair_another() -> None:
    # A and C do not overlap, but B overlaps both: Bình cannot attend all three.
    a = meeting("A", at(5, 8), at(5, 10), attendees=(BINH,))
    b = meeting("B", at(5, 9, 30), at(5, 11), uid="b", attendees=(BINH,))
    c = meeting("C", at(5, 10, 30), at(5, 12), uid="c", attendees=(BINH,))
    d = meeting("D", at(5, 14), at(5, 15), uid="d", attendees=(BINH,))
    e = meeting("E", at(5, 14, 30), at(5, 16), uid="e", attendees=(BINH,))
    chain, pair = only(check(a, b, c, d, e), "person-double-booked")
    assert [o.summary for o in chain.occurrences] == ["A", "B", "C"]
    assert chain.details["count"] == 3
    assert chain.message.en.startswith(
        "Trần Thị Bình is due at 3 overlapping occurrences from 08:00 05/03/2025 to "
        "12:00 05/03/2025: «A» (08:00 05/03/2025), «B» (09:30 05/03/2025), "
        "«C» (10:30 05/03/2025)."
    )
    assert "3 cuộc họp trùng giờ nhau từ 08:00 05/03/2025 đến 12:00 05/03/2025" in (
        chain.message.vi
    )
    assert [o.summary for o in pair.occurrences] == ["D", "E"]
    assert "«D» (14:00 05/03/2025) and «E» (14:30 05/03/2025) at the same time" in (pair.message.en)


def test_precedence_and_deputies_in_a_cluster_of_three() -> None:
    # Bình is due at the BTV conference (first in the order), a UBND meeting and
    # a site visit. Stand-ins are needed at the UBND meeting and the site visit:
    # Dũng is already at the UBND meeting (free); Cường is away during the visit.
    btv = meeting(
        "Hội nghị BTV",
        at(5, 8),
        at(5, 12),
        source="vp-tinh-uy",
        kind="btv-conference",
        attendees=(BINH,),
    )
    ubnd = meeting(
        "Phiên họp UBND",
        at(5, 8),
        at(5, 9),
        uid="u",
        kind="ubnd-meeting",
        attendees=(BINH, person("Phạm Thị Dung", "dung@example.vn")),
    )
    visit = meeting("Khảo sát dự án", at(5, 10), at(5, 11), uid="v", attendees=(BINH,))
    away = meeting(
        "Tiếp dân",
        at(5, 10, 30),
        at(5, 11, 30),
        uid="w",
        attendees=(person("Lê Văn Cường", "cuong@example.vn"),),
    )
    report = check(btv, ubnd, visit, away)
    [finding] = only(report, "person-double-booked")
    assert {o.summary for o in finding.occurrences} == {
        "Hội nghị BTV",
        "Phiên họp UBND",
        "Khảo sát dự án",
    }
    btv_ref = next(o for o in finding.occurrences if o.summary == "Hội nghị BTV")
    assert finding.details["precedence"] == btv_ref.id
    free = {s["person"]: s["free"] for s in finding.details["substitutes"]}
    assert free == {"le-van-cuong": False, "pham-thi-dung": True}
    assert "«Hội nghị BTV» takes precedence" in finding.message.en


def test_a_tie_at_the_top_of_the_order_leaves_the_choice_to_the_chair() -> None:
    one = meeting("Phiên họp 1", at(5, 8), at(5, 10), kind="ubnd-meeting", attendees=(BINH,))
    two = meeting(
        "Phiên họp 2", at(5, 9), at(5, 11), uid="2", kind="ubnd-meeting", attendees=(BINH,)
    )
    other = meeting("Khảo sát", at(5, 9), at(5, 10), uid="3", attendees=(BINH,))
    [finding] = only(check(one, two, other), "person-double-booked")
    assert finding.details["precedence"] is None
    assert "the chair decides" in finding.message.en


def test_n_overlapping_occurrences_of_one_slot_give_one_finding_not_n_squared() -> None:
    # Regression: 400 copies of one slot gave 79,800 pair findings per person
    # and venue (110 s, 3.4 GB). Now one finding each, members capped.
    n = 1600
    slot = [
        meeting(f"Họp {k:04}", at(5, 8), at(5, 10), uid=f"s{k}", venue="Phòng 2",
                attendees=(BINH,))
        for k in range(n)
    ]  # fmt: skip
    report = check(*slot)
    [person_finding] = only(report, "person-double-booked")
    [venue_finding] = only(report, "venue-double-booked")
    for finding in (person_finding, venue_finding):
        assert finding.details["count"] == n
        assert len(finding.occurrences) == MAX_LISTED_OCCURRENCES
        assert finding.details["omitted"] == n - MAX_LISTED_OCCURRENCES
        assert f"and {n - 5} more" in finding.message.en
        assert f"và {n - 5} cuộc họp khác" in finding.message.vi
    assert venue_finding.message.en.startswith(f"{n} occurrences use Phòng 2 at overlapping")


def test_the_meeting_that_takes_precedence_is_listed_even_past_the_cap() -> None:
    many = [
        meeting(f"Họp {k:02}", at(5, 8, k), at(5, 10), uid=f"s{k}", attendees=(BINH,))
        for k in range(30)
    ]
    btv = meeting(
        "Hội nghị BTV", at(5, 9), at(5, 10), source="vp-tinh-uy", kind="btv-conference",
        attendees=(BINH,),
    )  # fmt: skip
    [finding] = only(check(*many, btv), "person-double-booked")
    assert finding.details["count"] == 31
    assert len(finding.occurrences) == MAX_LISTED_OCCURRENCES
    assert finding.occurrences[-1].summary == "Hội nghị BTV"
    assert finding.details["precedence"] == finding.occurrences[-1].id
    assert [o.summary for o in finding.occurrences[:-1]] == [f"Họp {k:02}" for k in range(19)]


def test_a_source_with_nothing_in_the_window_is_reported() -> None:
    here = meeting("Họp", at(5, 8), at(5, 9), attendees=(BINH,))
    elsewhere = meeting(
        "Họp tuần sau", at(12, 8), at(12, 9), source="vp-tinh-uy", attendees=(BINH,)
    )
    merged = merge(
        [SourceCalendar("vp-ubnd", (here,)), SourceCalendar("vp-tinh-uy", (elsewhere,))],
        PACK, DIRECTORY,
    )  # fmt: skip
    report = check_calendar(
        merged, PACK, DIRECTORY, as_of=AS_OF, window=(date(2025, 3, 3), date(2025, 3, 9))
    )
    [empty] = report.by_code("source-empty")
    assert empty.subjects == ("vp-tinh-uy",)
    assert "03/03/2025 – 09/03/2025" in empty.message.vi


# -- Never silently off: what the check could not check, and what it assumed -------------

PROVINCE = load_pack("vn-province")


def _waiting(start: datetime) -> Occurrence:
    """A two-hour meeting whose required attendee has not answered."""
    waiting = person("Trần Thị Bình", "binh@example.vn", attendance=Attendance.NEEDS_ACTION)
    return meeting("Họp", start, start + timedelta(hours=2), attendees=(waiting,))


def _check_alone(occ: Occurrence, pack: Pack, as_of: datetime, **kwargs: object) -> Report:
    merged = merge([SourceCalendar("vp-ubnd", (occ,))], pack)
    return check_calendar(merged, pack, as_of=as_of, **kwargs)  # type: ignore[arg-type]


def test_xac_bao_deadline_in_2027_reports_the_holidays_fallback() -> None:
    # The bundled pack lists the announced schedules of 2025 and 2026 only:
    # "1 working day before" Thursday 7 January 2027 counts days of 2027.
    occ = _waiting(datetime(2027, 1, 7, 8, tzinfo=VN))
    report = _check_alone(occ, PROVINCE, as_of=datetime(2027, 1, 6, 18, tzinfo=VN))
    (fallback,) = report.by_code("work-calendar-fallback")
    assert fallback.details == {"years": [2027], "rules": ["policy.confirmation_deadline"]}
    assert fallback.basis is Basis.ASSUMED
    assert "2027" in fallback.message.vi
    assert "holidays" in fallback.message.en
    # The deadline itself says which assumption it used.
    (late,) = report.by_code("attendance-unconfirmed")
    assert late.details["calendar_fallback_years"] == [2027]
    assert report.by_code("rule-not-in-force") == ()


def test_xac_bao_deadline_inside_covered_years_reports_neither() -> None:
    # Thursday 10 December 2026: 2026's schedule is pack data.
    occ = _waiting(datetime(2026, 12, 10, 8, tzinfo=VN))
    report = _check_alone(occ, PROVINCE, as_of=datetime(2026, 12, 9, 18, tzinfo=VN))
    (late,) = report.by_code("attendance-unconfirmed")
    assert "calendar_fallback_years" not in late.details
    assert report.by_code("work-calendar-fallback") == ()
    assert report.by_code("rule-not-in-force") == ()


def test_deadline_spanning_new_year_names_only_the_uncovered_year() -> None:
    # Monday 4 January 2027, "1 working day before": counted back into 2026
    # (covered; 1–3 January are a holiday and a weekend) — only 2027 fell back.
    occ = _waiting(datetime(2027, 1, 4, 8, tzinfo=VN))
    report = _check_alone(occ, PROVINCE, as_of=datetime(2027, 1, 4, 7, tzinfo=VN))
    (fallback,) = report.by_code("work-calendar-fallback")
    assert fallback.details["years"] == [2027]


def test_change_notice_deadline_in_2027_reports_the_fallback_for_that_rule() -> None:
    old = meeting("Họp", datetime(2027, 1, 7, 8, tzinfo=VN), datetime(2027, 1, 7, 10, tzinfo=VN))
    previous = merge([SourceCalendar("vp-ubnd", (old,))], PROVINCE)
    moved = merge([SourceCalendar("vp-ubnd", (attrs.evolve(old, venue="Phòng 3"),))], PROVINCE)
    report = check_calendar(
        moved, PROVINCE, as_of=datetime(2027, 1, 6, 18, tzinfo=VN), previous=previous
    )
    (late,) = report.by_code("late-change")
    assert late.details["calendar_fallback_years"] == [2027]
    (fallback,) = report.by_code("work-calendar-fallback")
    assert fallback.details["rules"] == ["policy.change_notice"]


ENDED = VersionedRule(
    "calendar.confirmation-deadline",
    (
        SourcedValue(
            Deadline(1, DeadlineUnit.WORKING_DAYS, DeadlineSide.BEFORE),
            "Quy chế cũ, Điều 5",
            Basis.LOCAL,
            until=date(2025, 3, 1),
        ),
    ),
)
ENDED_PACK = attrs.evolve(
    PACK, policy=attrs.evolve(PACK.policy, confirmation_deadline=ENDED), rules=(ENDED,)
)


def test_xac_bao_rule_with_no_version_in_force_is_reported_not_skipped() -> None:
    # The only version ends on 1 March 2025; the meeting is on 5 March.
    occ = _waiting(at(5, 8))
    report = check(occ, pack=ENDED_PACK, as_of=at(4, 18))
    assert report.by_code("attendance-unconfirmed") == ()
    (finding,) = report.by_code("rule-not-in-force")
    assert finding.rule == "calendar.confirmation-deadline"
    assert finding.subjects == ("calendar.confirmation-deadline",)
    assert finding.details == {
        "rule": "calendar.confirmation-deadline",
        "dates": ["2025-03-05"],
        "versions": "[…, 2025-03-01)",
    }
    assert "05/03/2025" in finding.message.vi
    assert "2025-03-05" in finding.message.en
    assert finding.cite == "Quy chế cũ, Điều 5"
    # Before the version ends, it is used and nothing is said.
    earlier = check(_waiting(at(27, 8, month=2)), pack=ENDED_PACK, as_of=at(26, 18, month=2))
    assert earlier.by_code("rule-not-in-force") == ()
    assert len(earlier.by_code("attendance-unconfirmed")) == 1


def test_rule_not_in_force_lists_each_date_once_across_parts() -> None:
    occs = [_waiting(at(day, 8)) for day in (5, 6, 7)] + [_waiting(at(5, 14))]
    merged = merge([SourceCalendar("vp-ubnd", tuple(occs))], ENDED_PACK, DIRECTORY)
    whole = check_calendar(merged, ENDED_PACK, DIRECTORY, as_of=at(4, 18))
    (finding,) = whole.by_code("rule-not-in-force")
    assert finding.details["dates"] == ["2025-03-05", "2025-03-06", "2025-03-07"]
    parts = [
        check_part(merged, ENDED_PACK, DIRECTORY, as_of=at(4, 18), part=p, parts=3)
        for p in range(3)
    ]
    assert combine_parts(reversed(parts), merged, as_of=at(4, 18)) == whole
    # A part crosses process boundaries (the dask engine): what it found survives.
    for part in parts:
        assert pickle.loads(pickle.dumps(part)) == part
    assert {d for part in parts for _, days in part.not_in_force for d in days} == {
        date(2025, 3, 5),
        date(2025, 3, 6),
        date(2025, 3, 7),
    }


@settings(max_examples=40, deadline=None)
@given(day=st.dates(min_value=date(2024, 12, 20), max_value=date(2027, 1, 20)))
def test_the_fallback_names_exactly_the_uncovered_years_a_deadline_counted_in(day: date) -> None:
    # The bundled pack lists 2025 and 2026; a meeting at 08:00 checked a minute
    # before it starts is past its xác báo deadline (1 working day before).
    start = datetime.combine(day, datetime.min.time(), tzinfo=VN).replace(hour=8)
    report = _check_alone(_waiting(start), PROVINCE, as_of=start - timedelta(minutes=1))
    (late,) = report.by_code("attendance-unconfirmed")
    due = datetime.fromisoformat(late.details["deadline"])
    expected = sorted({day.year, due.year} - {2025, 2026})
    fallback = report.by_code("work-calendar-fallback")
    assert [f.details["years"] for f in fallback] == ([expected] if expected else [])
    assert late.details.get("calendar_fallback_years", []) == expected
    assert report.by_code("rule-not-in-force") == ()


def test_precedence_with_no_version_in_force_is_said_and_the_booking_still_reported() -> None:
    later: VersionedRule[tuple[str, ...]] = VersionedRule(
        "calendar.precedence",
        (
            SourcedValue(
                ("btv-conference", "ubnd-meeting"), None, Basis.LOCAL, since=date(2025, 4, 1)
            ),
        ),
    )
    pack = attrs.evolve(PACK, policy=attrs.evolve(PACK.policy, precedence=later))
    a = meeting("Phiên họp UBND", at(5, 8), at(5, 11), kind="ubnd-meeting", attendees=(BINH,))
    b = meeting("Họp khác", at(5, 10), at(5, 12), source="vp-tinh-uy", attendees=(BINH,))
    report = check(a, b, pack=pack)
    (booked,) = report.by_code("person-double-booked")
    assert booked.details["precedence"] is None
    (gap,) = report.by_code("rule-not-in-force")
    assert gap.details["rule"] == "calendar.precedence"
    assert gap.details["dates"] == ["2025-03-05"]
    assert gap.details["versions"] == "[2025-04-01, …)"
