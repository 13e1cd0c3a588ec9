"""Merge: same-meeting recognition, reconciliation, mismatch findings, ids."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

import attrs

from coordrules import (
    Attendance,
    Occurrence,
    Role,
    SourceCalendar,
    Status,
    check_calendar,
    merge,
    split_sources,
)
from fixtures_calendar import DIRECTORY, PACK, UTC, VN, at, meeting, person

AN = person("Nguyễn Văn An", "an@example.vn")
BINH = person("Trần Thị Bình", "binh@example.vn")


def codes(calendar: object) -> list[str]:
    return [f.code for f in calendar.findings]  # type: ignore[attr-defined]


def test_same_uid_in_two_feeds_is_one_meeting_with_both_copies() -> None:
    a = meeting("Họp giao ban", at(3, 8), at(3, 10), uid="x1", source="vp-ubnd", attendees=(BINH,))
    b = meeting("Họp giao ban", at(3, 8), at(3, 10), uid="x1", source="vp-tinh-uy")
    merged = merge([SourceCalendar("vp-ubnd", (a,)), SourceCalendar("vp-tinh-uy", (b,))], PACK)
    assert len(merged.occurrences) == 1
    only = merged.occurrences[0]
    assert {c.source for c in only.copies} == {"vp-ubnd", "vp-tinh-uy"}
    assert {s.source for s in only.provenance} == {"vp-ubnd", "vp-tinh-uy"}
    assert merged.findings == ()


def test_recurrence_ids_distinguish_instances_and_compare_as_instants() -> None:
    first = meeting("Giao ban tuần", at(3, 8), at(3, 9), uid="s", recurrence_id=at(3, 8))
    second = meeting("Giao ban tuần", at(10, 8), at(10, 9), uid="s", recurrence_id=at(10, 8))
    same_in_utc = meeting(
        "Giao ban tuần",
        at(3, 8),
        at(3, 9),
        uid="s",
        source="vp-tinh-uy",
        recurrence_id=at(3, 1, tz=UTC),
    )
    merged = merge(
        [SourceCalendar("vp-ubnd", (first, second)), SourceCalendar("vp-tinh-uy", (same_in_utc,))],
        PACK,
    )
    assert sorted(len(m.copies) for m in merged.occurrences) == [1, 2]


def test_title_time_and_shared_attendee_match_without_uid() -> None:
    a = meeting("HỌP  BAN THƯỜNG VỤ", at(3, 8), at(3, 11), source="vp-tinh-uy", attendees=(AN,))
    # NFD spelling, other case, overlapping time, attendee known by alias-free name.
    b = meeting(
        unicodedata.normalize("NFD", "họp ban thường vụ"),
        at(3, 9),
        at(3, 11),
        source="vp-ubnd",
        attendees=(person("Nguyễn Văn An"),),
    )
    merged = merge(
        [SourceCalendar("vp-tinh-uy", (a,)), SourceCalendar("vp-ubnd", (b,))], PACK, DIRECTORY
    )
    assert len(merged.occurrences) == 1
    assert codes(merged) == ["time-mismatch"]


def test_same_title_different_day_or_no_shared_attendee_are_different_meetings() -> None:
    a = meeting("Tiếp công dân", at(3, 8), at(3, 11), source="vp-tinh-uy", attendees=(AN,))
    other_day = meeting("Tiếp công dân", at(4, 8), at(4, 11), source="vp-ubnd", attendees=(AN,))
    no_share = meeting("Tiếp công dân", at(3, 8), at(3, 11), source="vp-ubnd", attendees=(BINH,))
    merged = merge(
        [SourceCalendar("vp-tinh-uy", (a,)), SourceCalendar("vp-ubnd", (other_day, no_share))],
        PACK,
        DIRECTORY,
    )
    assert len(merged.occurrences) == 3


def test_two_entries_of_one_source_are_never_matched_by_title() -> None:
    a = meeting("Làm việc", at(3, 8), at(3, 9), uid="1", attendees=(BINH,))
    b = meeting("Làm việc", at(3, 8), at(3, 9), uid="2", attendees=(BINH,))
    merged = merge([SourceCalendar("vp-ubnd", (a, b))], PACK, DIRECTORY)
    assert len(merged.occurrences) == 2


def test_serving_office_copy_wins_over_higher_sequence() -> None:
    # A BTV conference is served by the Văn phòng Tỉnh ủy: its copy wins even
    # though the Văn phòng UBND copy has a higher SEQUENCE.
    served = meeting(
        "Hội nghị BTV",
        at(5, 8),
        at(5, 11),
        uid="btv",
        source="vp-tinh-uy",
        kind="btv-conference",
        venue="Hội trường A",
        sequence=1,
    )
    other = meeting(
        "Hội nghị BTV",
        at(5, 14),
        at(5, 17),
        uid="btv",
        source="vp-ubnd",
        venue="Phòng 2",
        sequence=5,
    )
    sources = [SourceCalendar("vp-ubnd", (other,)), SourceCalendar("vp-tinh-uy", (served,))]
    merged = merge(sources, PACK, DIRECTORY)
    occ = merged.occurrences[0].occurrence
    assert occ.start == at(5, 8)
    assert occ.venue == "Hội trường A"
    assert sorted(codes(merged)) == ["time-mismatch", "venue-mismatch"]
    # With the office unknown (sources named otherwise), SEQUENCE decides.
    renamed = [
        SourceCalendar("a", (attrs_evolve(other, source="a"),)),
        SourceCalendar("b", (attrs_evolve(served, source="b"),)),
    ]
    assert merge(renamed, PACK, DIRECTORY).occurrences[0].occurrence.start == at(5, 14)
    # An explicit mapping of source names to offices restores the office rule.
    mapped = merge(renamed, PACK, DIRECTORY, source_offices={"b": "vp-tinh-uy"})
    assert mapped.occurrences[0].occurrence.start == at(5, 8)


def attrs_evolve(occ: Occurrence, **changes: Any) -> Occurrence:
    import attrs

    return attrs.evolve(occ, **changes)


def test_last_modified_breaks_a_sequence_tie() -> None:
    old = meeting(
        "Họp",
        at(3, 8),
        at(3, 9),
        uid="u",
        source="a",
        last_modified=datetime(2025, 3, 1, tzinfo=UTC),
    )
    new = meeting(
        "Họp",
        at(3, 9),
        at(3, 10),
        uid="u",
        source="b",
        last_modified=datetime(2025, 3, 2, tzinfo=UTC),
    )
    for order in ([old, new], [new, old]):
        merged = merge([SourceCalendar(o.source, (o,)) for o in order], PACK)
        assert merged.occurrences[0].occurrence.start == at(3, 9)


def test_an_office_listing_only_its_own_leaders_is_not_a_mismatch() -> None:
    a = meeting("Hội nghị", at(3, 8), at(3, 11), uid="h", source="vp-tinh-uy", attendees=(AN,))
    b = meeting("Hội nghị", at(3, 8), at(3, 11), uid="h", source="vp-ubnd", attendees=(BINH,))
    merged = merge(
        [SourceCalendar("vp-tinh-uy", (a,)), SourceCalendar("vp-ubnd", (b,))], PACK, DIRECTORY
    )
    assert merged.findings == ()
    people = {x.person for x in merged.occurrences[0].occurrence.attendees}
    assert people == {"nguyen-van-an", "tran-thi-binh"}


def test_accepted_versus_declined_and_different_chairs_are_mismatches() -> None:
    yes = person("Trần Thị Bình", "binh@example.vn", role=Role.CHAIR)
    no = person("Bà Bình", None, attendance=Attendance.DECLINED)
    chair = person("Lê Văn Cường", "cuong@example.vn", role=Role.CHAIR)
    a = meeting("Hội nghị", at(3, 8), at(3, 11), uid="h", source="vp-ubnd", attendees=(yes,))
    b = meeting(
        "Hội nghị", at(3, 8), at(3, 11), uid="h", source="vp-tinh-uy", attendees=(no, chair)
    )
    merged = merge(
        [SourceCalendar("vp-ubnd", (a,)), SourceCalendar("vp-tinh-uy", (b,))], PACK, DIRECTORY
    )
    found = [(f.code, f.rule, f.subjects) for f in merged.findings]
    assert ("attendee-mismatch", "merge.same-attendees", ("tran-thi-binh",)) in found
    assert ("attendee-mismatch", "merge.same-chair", ("le-van-cuong", "tran-thi-binh")) in found
    assert len(found) == 2


def test_an_answer_in_one_copy_wins_over_needs_action_in_the_winning_copy() -> None:
    # The serving office (vp-ubnd for ubnd-meeting) has not heard back; the
    # leader's own office recorded that she declined. Regression: the merge
    # kept "needs action" and invented a double booking.
    waiting = person("Trần Thị Bình", "binh@example.vn", attendance=Attendance.NEEDS_ACTION)
    declined = person("Trần Thị Bình", "binh@example.vn", attendance=Attendance.DECLINED)
    a = meeting(
        "Phiên họp",
        at(3, 8),
        at(3, 11),
        uid="h",
        source="vp-ubnd",
        kind="ubnd-meeting",
        attendees=(waiting,),
        sequence=3,
    )
    b = meeting(
        "Phiên họp", at(3, 8), at(3, 11), uid="h", source="vp-tinh-uy", attendees=(declined,)
    )
    other = meeting(
        "Hội nghị BTV", at(3, 9), at(3, 10), uid="btv", source="vp-tinh-uy", attendees=(BINH,)
    )
    merged = merge(
        [SourceCalendar("vp-ubnd", (a,)), SourceCalendar("vp-tinh-uy", (b, other))],
        PACK, DIRECTORY,
    )  # fmt: skip
    meeting_ = next(m for m in merged.occurrences if m.occurrence.uid == "h")
    (binh,) = meeting_.occurrence.attendees
    assert binh.attendance is Attendance.DECLINED
    assert merged.findings == ()
    report = check_calendar(merged, PACK, DIRECTORY, as_of=at(1, 9))
    assert report.by_code("person-double-booked") == ()


def test_tentative_versus_accepted_is_not_a_contradiction() -> None:
    a = meeting("Họp", at(3, 8), at(3, 9), uid="h", source="a", attendees=(BINH,))
    b = meeting(
        "Họp",
        at(3, 8),
        at(3, 9),
        uid="h",
        source="b",
        attendees=(person("x", "binh@example.vn", attendance=Attendance.TENTATIVE),),
    )
    merged = merge([SourceCalendar("a", (a,)), SourceCalendar("b", (b,))], PACK, DIRECTORY)
    assert merged.findings == ()


def test_cancelled_copy_wins_by_sequence_and_gives_a_status_not_a_time_mismatch() -> None:
    live = meeting("Họp", at(3, 8), at(3, 9), uid="h", source="a")
    gone = meeting(
        "Họp", at(3, 10), at(3, 11), uid="h", source="b", status=Status.CANCELLED, sequence=2
    )
    merged = merge([SourceCalendar("a", (live,)), SourceCalendar("b", (gone,))], PACK)
    assert merged.occurrences[0].occurrence.status is Status.CANCELLED
    [finding] = merged.findings
    assert finding.code == "status-mismatch"
    assert finding.details == {"cancelled": ["b"], "confirmed": ["a"]}
    # Cancelled everywhere: nothing to reconcile.
    both = merge(
        [SourceCalendar("b", (gone,)), SourceCalendar("c", (attrs.evolve(gone, source="c"),))], PACK
    )
    assert both.findings == ()


def test_same_instant_in_other_time_zones_is_no_time_mismatch() -> None:
    a = meeting("Họp", at(3, 8), at(3, 9), uid="h", source="a")
    b = meeting("Họp", at(3, 1, tz=UTC), at(3, 2, tz=UTC), uid="h", source="b")
    assert merge([SourceCalendar("a", (a,)), SourceCalendar("b", (b,))], PACK).findings == ()


def test_window_leaves_out_occurrences_outside_it() -> None:
    inside = meeting("A", at(3, 8), at(3, 9))
    outside = meeting("B", at(10, 8), at(10, 9))
    crossing = meeting("C", at(2, 23), at(3, 1))
    all_day = meeting("D", date(2025, 3, 3), date(2025, 3, 4))  # type: ignore[arg-type]
    merged = merge(
        [SourceCalendar("vp-ubnd", (inside, outside, crossing, all_day))],
        PACK,
        window=(date(2025, 3, 3), date(2025, 3, 7)),
    )
    assert sorted(m.occurrence.title for m in merged.occurrences) == ["A", "C", "D"]


def test_ids_are_stable_and_independent_of_source_order() -> None:
    a = meeting("Họp", at(3, 8), at(3, 9), uid="h", source="vp-ubnd", organiser="ubnd")
    b = meeting("Họp", at(3, 8), at(3, 9), uid="k", source="vp-tinh-uy", attendees=(AN,))
    c = meeting(
        "Họp",
        at(3, 8),
        at(3, 9),
        uid="j",
        source="vp-doan-dbqh-hdnd",
        attendees=(AN,),
        venue="Hội trường A",
    )
    one = merge([SourceCalendar(o.source, (o,)) for o in (a, b, c)], PACK, DIRECTORY)
    two = merge([SourceCalendar(o.source, (o,)) for o in (c, a, b)], PACK, DIRECTORY)
    assert [m.id for m in one.occurrences] == [m.id for m in two.occurrences]
    assert one.occurrences == two.occurrences
    # The UBND's own copy anchors the id (the organiser is UBND, served by vp-ubnd).
    assert len(one.occurrences) == 2  # a shares no attendee or venue with b and c
    assert one.occurrences[0].id.startswith("m-")


def test_split_sources_round_trips() -> None:
    a = meeting("Họp", at(3, 8), at(3, 9), uid="h", source="a")
    b = meeting("Họp", at(3, 8), at(3, 9) + timedelta(minutes=30), uid="h", source="b")
    merged = merge([SourceCalendar("a", (a,)), SourceCalendar("b", (b,))], PACK)
    again = merge(split_sources(merged), PACK)
    assert again.occurrences == merged.occurrences
    assert again.findings == merged.findings
    assert [s.name for s in split_sources(merged)] == ["a", "b"]


def test_attendees_are_resolved_by_position_title_on_the_date() -> None:
    title = person("Chủ tịch HĐND tỉnh")
    before = meeting(
        "Họp",
        datetime(2023, 6, 1, 8, tzinfo=VN),
        datetime(2023, 6, 1, 9, tzinfo=VN),
        attendees=(title,),
    )
    after = meeting("Họp", at(3, 8), at(3, 9), attendees=(title,))
    merged = merge([SourceCalendar("vp-ubnd", (before, after))], PACK, DIRECTORY)
    people = [m.occurrence.attendees[0].person for m in merged.occurrences]
    assert people == [None, "hoang-van-em"]
