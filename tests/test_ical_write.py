"""Writing feeds: subscription headers, time zones, stability, SEQUENCE, findings, text."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import attrs
import icalendar
import pytest

from coordrules import (
    Appointment,
    Body,
    Directory,
    Finding,
    MergedCalendar,
    Message,
    Occurrence,
    Organisation,
    Person,
    Position,
    Report,
    Status,
    feeds_per_body,
    feeds_per_person,
    read_ics,
    read_merged_ics,
    write_ics,
)
from ical_data import HCM, STAMP, UTC, merged, sample
from typed_views import moment, prop, props

WINDOW = (date(2025, 1, 1), date(2025, 12, 31))


def events(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in cal.events}


def test_subscription_headers_and_time_zones() -> None:
    data = write_ics(sample(), name="Lịch lãnh đạo tỉnh", dtstamp=STAMP, refresh=timedelta(hours=2))
    text = data.decode("utf-8")
    assert "\r\nMETHOD:PUBLISH\r\n" in text
    assert "\r\nNAME:Lịch lãnh đạo tỉnh\r\n" in text
    assert "\r\nX-WR-CALNAME:Lịch lãnh đạo tỉnh\r\n" in text
    assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT2H\r\n" in text
    assert "\r\nX-PUBLISHED-TTL:PT2H\r\n" in text
    cal = icalendar.Calendar.from_ical(data)
    assert cal.get_used_tzids() == {"Asia/Ho_Chi_Minh"}
    assert cal.get_missing_tzids() == set()
    assert all(line.endswith("\r") or line == "" for line in text.split("\n")[:-1])


def test_stable_uids_and_byte_identical_output() -> None:
    first = write_ics(sample(), name="x", dtstamp=STAMP)
    second = write_ics(sample(), name="x", dtstamp=STAMP)
    assert first == second
    assert set(events(first)) == {
        "m-btv-q1@tinhuy.vn@coordrules",
        "m-ubnd-03@coordrules",
        "m-tcd@coordrules",
        "m-nghi@coordrules",
    }
    # Order of the merged calendar's occurrences does not change the bytes.
    shuffled = MergedCalendar(occurrences=tuple(reversed(sample().occurrences)))
    assert write_ics(shuffled, name="x", dtstamp=STAMP) == first


def test_dtstamp_comes_from_the_caller() -> None:
    data = write_ics(sample(), name="x", dtstamp=datetime(2030, 5, 6, 7, 8, 9, tzinfo=UTC))
    assert all(
        moment(e, "DTSTAMP") == datetime(2030, 5, 6, 7, 8, 9, tzinfo=UTC)
        for e in events(data).values()
    )
    with pytest.raises(ValueError, match="aware"):
        write_ics(sample(), name="x", dtstamp=datetime(2030, 5, 6))


def test_round_trip_keeps_fields_and_extras() -> None:
    original = sample()
    back = read_ics(write_ics(original, name="x", dtstamp=STAMP), window=WINDOW)
    by_title = {o.title: o for o in back.occurrences}
    for m in original.occurrences:
        occ = m.occurrence
        got = by_title[occ.title]
        assert (got.start, got.end, got.venue, got.status) == (
            occ.start,
            occ.end,
            occ.venue,
            occ.status,
        )
        assert got.attendees == occ.attendees
        assert got.extra == occ.extra
        assert (got.kind, got.preparing_unit, got.organiser) == (
            occ.kind,
            occ.preparing_unit,
            occ.organiser,
        )
        assert got.description == occ.description
        assert got.categories == occ.categories
    assert by_title["Tiếp công dân định kỳ"].status is Status.CANCELLED


def test_sequence_raised_only_on_significant_change() -> None:
    first = write_ics(sample(), name="x", dtstamp=STAMP)
    later = STAMP + timedelta(days=1)
    same = write_ics(sample(), name="x", dtstamp=later, published=first)
    before, after = events(first), events(same)
    for uid in before:
        assert prop(after[uid], "SEQUENCE", int) == prop(before[uid], "SEQUENCE", int)
        assert moment(after[uid], "LAST-MODIFIED") == moment(before[uid], "LAST-MODIFIED")

    cal = sample()
    moved_ubnd = attrs.evolve(
        cal.occurrences[1].occurrence, start=datetime(2025, 3, 3, 3, tzinfo=UTC)
    )
    retitled = attrs.evolve(cal.occurrences[0].occurrence, title="Hội nghị BTV (sửa tên)")
    changed = MergedCalendar(
        occurrences=(
            attrs.evolve(cal.occurrences[0], occurrence=retitled),
            attrs.evolve(cal.occurrences[1], occurrence=moved_ubnd),
            *cal.occurrences[2:],
        )
    )
    third = events(write_ics(changed, name="x", dtstamp=later, published=first))
    ubnd, btv = "m-ubnd-03@coordrules", "m-btv-q1@tinhuy.vn@coordrules"
    assert prop(third[ubnd], "SEQUENCE", int) == prop(before[ubnd], "SEQUENCE", int) + 1
    assert moment(third[ubnd], "LAST-MODIFIED") == later
    # A new title is not significant (RFC 5546) but is a modification.
    assert prop(third[btv], "SEQUENCE", int) == prop(before[btv], "SEQUENCE", int)
    assert moment(third[btv], "LAST-MODIFIED") == later


def test_findings_are_carried_and_visible() -> None:
    cal = sample()
    ref = cal.occurrences[1].ref()
    error = Finding.of(
        "person-double-booked",
        Message(vi="Chủ tịch trùng lịch", en="Chairwoman double-booked"),
        rule="r",
        occurrences=(ref, cal.occurrences[0].ref()),
    )
    info = Finding.of(
        "non-working-day", Message(vi="Ngày nghỉ", en="Day off"), rule="w", occurrences=(ref,)
    )
    data = write_ics(cal, name="x", dtstamp=STAMP, report=Report.build([info, error]))
    got = events(data)["m-ubnd-03@coordrules"]
    assert str(got["SUMMARY"]).startswith("⚠ Phiên họp UBND")
    assert "[person-double-booked] Chủ tịch trùng lịch / Chairwoman double-booked" in str(
        got["DESCRIPTION"]
    )
    lines = props(got, "X-COORDRULES-FINDING", icalendar.vUnknown)
    assert [p.params["X-CODE"] for p in lines] == ["person-double-booked", "non-working-day"]
    assert str(events(data)["m-nghi@coordrules"]["SUMMARY"]) == "Nghỉ bù"
    # Reading our own feed back removes the marker and the block.
    back = {o.uid: o for o in read_ics(data, window=WINDOW).occurrences}
    assert back["m-ubnd-03@coordrules"].title == "Phiên họp UBND tỉnh thường kỳ tháng 3"
    assert (
        back["m-btv-q1@tinhuy.vn@coordrules"].description == "Tài liệu gửi trước 3 ngày làm việc."
    )


def test_folding_is_by_octets_and_never_splits_a_character() -> None:
    long = "Hội nghị triển khai nhiệm vụ phát triển kinh tế - xã hội, quốc phòng, an ninh " * 4
    occ = attrs.evolve(sample().occurrences[0].occurrence, title=long, venue="Phòng ☎ 🏛️ " * 10)
    data = write_ics(MergedCalendar(occurrences=(merged(occ),)), name="x", dtstamp=STAMP)
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # every physical line is valid UTF-8 on its own
    got = read_ics(data, window=WINDOW).occurrences[0]
    assert got.title == long
    assert got.venue == "Phòng ☎ 🏛️ " * 10


def test_control_characters_are_stripped_and_newlines_escaped() -> None:
    occ = attrs.evolve(
        sample().occurrences[0].occurrence,
        title="Họp\x00 gấp\x07\r\nchiều nay\x1b",
        description="dòng 1\r\ndòng 2\x0b",
        extra=(("X-NOTE", "a\x00b\r\nc"), ("BAD NAME", "dropped")),
    )
    data = write_ics(MergedCalendar(occurrences=(merged(occ),)), name="Lịch\x01", dtstamp=STAMP)
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", data)
    assert not re.search(rb"[^\r]\n", data)
    got = read_ics(data, window=WINDOW).occurrences[0]
    assert got.title == "Họp gấp chiều nay"
    assert got.description == "dòng 1\ndòng 2"
    assert ("X-NOTE", "ab c") in got.extra
    assert b"BAD NAME" not in data


def test_read_merged_ics_gives_ids_and_copies_back(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cal = sample()
    a = cal.occurrences[1].occurrence
    b = attrs.evolve(a, source="vp-tinh-uy", uid="other-uid", recurrence_id=a.start)
    two = MergedCalendar(
        occurrences=(attrs.evolve(cal.occurrences[1], copies=(a, b)), cal.occurrences[3])
    )
    path = tmp_path / "merged.ics"
    path.write_bytes(write_ics(two, name="x", dtstamp=STAMP))
    back = read_merged_ics(path)
    assert [m.id for m in back.occurrences] == ["m-ubnd-03", "m-nghi"]
    copies = back.occurrences[0].copies
    assert [(c.source, c.uid, c.recurrence_id) for c in copies] == [
        ("vp-ubnd", "ubnd-03", None),
        ("vp-tinh-uy", "other-uid", a.start),
    ]
    assert back.occurrences[0].occurrence.start == a.start
    assert back.sources[0].path == str(path)


def _org() -> Organisation:
    return Organisation(
        bodies=(Body("btv-tinh-uy", "Ban Thường vụ Tỉnh ủy"), Body("ubnd", "UBND tỉnh")),
        positions=(
            Position("bi-thu", "btv-tinh-uy", "Bí thư Tỉnh ủy"),
            Position("chu-tich", "ubnd", "Chủ tịch UBND tỉnh"),
            Position("pct", "ubnd", "Phó Chủ tịch UBND tỉnh"),
        ),
        directory=Directory(
            people=(
                Person("p-bt", "Nguyễn Văn Bí Thư", ("bithu@tinhuy.vn",)),
                Person("p-ct", "Trần Thị Chủ Tịch", ("chutich@ubnd.vn",)),
                Person("p-pct", "Lê Phó Chủ Tịch", ("pct@ubnd.vn",)),
                Person("p-gd", "Giám đốc Sở", ("gd@so.vn",)),
            ),
            appointments=(
                Appointment("p-bt", "bi-thu"),
                Appointment("p-ct", "chu-tich"),
                Appointment("p-pct", "pct"),
            ),
        ),
    )


def test_feeds_per_person() -> None:
    feeds = feeds_per_person(sample(), _org(), dtstamp=STAMP)
    titles = {p: sorted(str(e["SUMMARY"]) for e in events(d).values()) for p, d in feeds.items()}
    assert titles["p-bt"] == [
        "Hội nghị Ban Thường vụ Tỉnh ủy quý I: đánh giá tình hình kinh tế - xã hội"
    ]
    assert titles["p-ct"] == [
        "Hội nghị Ban Thường vụ Tỉnh ủy quý I: đánh giá tình hình kinh tế - xã hội",
        "Phiên họp UBND tỉnh thường kỳ tháng 3",
        "Tiếp công dân định kỳ",
    ]
    # Delegated away: not in the deputy's feed (an empty one, still a feed: issue 13);
    # the delegate (resolved by e-mail) has it.
    assert titles["p-pct"] == []
    assert titles["p-gd"] == ["Phiên họp UBND tỉnh thường kỳ tháng 3"]
    assert "X-WR-CALNAME:Lịch công tác — Trần Thị Chủ Tịch".encode() in feeds["p-ct"]


def test_feeds_per_body() -> None:
    feeds = feeds_per_body(sample(), _org(), dtstamp=STAMP)
    assert sorted(feeds) == ["btv-tinh-uy", "ubnd"]
    btv = {str(e["SUMMARY"]) for e in events(feeds["btv-tinh-uy"]).values()}
    assert btv == {"Hội nghị Ban Thường vụ Tỉnh ủy quý I: đánh giá tình hình kinh tế - xã hội"}
    ubnd = {str(e["SUMMARY"]) for e in events(feeds["ubnd"]).values()}
    assert "Phiên họp UBND tỉnh thường kỳ tháng 3" in ubnd


def test_other_zones_get_their_vtimezone_and_unknown_tzinfo_becomes_utc() -> None:
    from datetime import timezone

    occ = Occurrence(
        title="a",
        start=datetime(2025, 6, 1, 9, tzinfo=HCM).astimezone(
            __import__("zoneinfo").ZoneInfo("Europe/Paris")
        ),
        end=datetime(2025, 6, 1, 10, tzinfo=timezone(timedelta(hours=7))),
        source="s",
        uid="u",
    )
    data = write_ics(MergedCalendar(occurrences=(merged(occ),)), name="x", dtstamp=STAMP)
    cal = icalendar.Calendar.from_ical(data)
    assert cal.get_used_tzids() == {"Europe/Paris"}
    assert cal.get_missing_tzids() == set()
    got = read_ics(data, window=WINDOW).occurrences[0]
    assert (got.start, got.end) == (occ.start, occ.end)


@pytest.mark.parametrize("venue", ["\\N", "\\n", "a\\,b", "\\", "x\\;y", "C:\\Nhà\\N1"])
def test_backslashes_in_text_survive_a_round_trip(venue: str) -> None:
    # Regression: icalendar's own escaping turns a literal "\N" into a line break.
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from coordrules import MergedCalendar, MergedOccurrence, Occurrence, read_ics, write_ics

    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    start, end = datetime(2024, 1, 2, 8, tzinfo=tz), datetime(2024, 1, 2, 9, tzinfo=tz)
    occ = Occurrence(title=venue, start=start, end=end, source="s", uid="u", venue=venue)
    data = write_ics(MergedCalendar((MergedOccurrence("m-u", occ, (occ,)),)), name="x",
                     dtstamp=datetime(2024, 1, 1, tzinfo=tz))  # fmt: skip
    (back,) = read_ics(data, window=(date(2024, 1, 1), date(2024, 1, 3))).occurrences
    assert back.venue == venue
    assert back.title == venue
