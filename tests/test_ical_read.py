"""Reading iCalendar feeds: time zones, mapping, problems, bounds (PITFALLS.md, iCalendar in)."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coordrules import (
    Attendance,
    CalendarPolicy,
    InputError,
    Pack,
    Role,
    Status,
    Transparency,
    WorkCalendar,
    read_ics,
)
from typed_views import timed

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
WINDOW = (date(2025, 1, 1), date(2025, 12, 31))


def feed(*events: str, head: str = "") -> bytes:
    """A VCALENDAR with *events* (each the inside of a VEVENT)."""
    body = "".join(f"BEGIN:VEVENT\n{e.strip()}\nEND:VEVENT\n" for e in events)
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{head}{body}END:VCALENDAR\n"
    return text.replace("\n", "\r\n").encode("utf-8")


def pack(**policy: int) -> Pack:
    return Pack(id="t", name="t", policy=CalendarPolicy(**policy))  # type: ignore[arg-type]


def problems(cal, code: str = "import-problem"):  # type: ignore[no-untyped-def]
    return [p for p in cal.problems if p.code == code]


def test_windows_zone_name_is_resolved() -> None:
    cal = read_ics(
        feed(
            "UID:w\nSUMMARY:Họp\nDTSTART;TZID=SE Asia Standard Time:20250102T090000\n"
            "DTEND;TZID=SE Asia Standard Time:20250102T100000"
        ),
        window=WINDOW,
    )
    (occ,) = cal.occurrences
    assert occ.start == datetime(2025, 1, 2, 9, tzinfo=HCM)
    assert timed(occ.start).tzinfo is not None
    assert cal.problems == ()


def test_vtimezone_defined_in_the_file_is_used() -> None:
    zone = (
        "BEGIN:VTIMEZONE\nTZID:My Office Zone\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
        "TZOFFSETFROM:+0700\nTZOFFSETTO:+0700\nTZNAME:ICT\nEND:STANDARD\nEND:VTIMEZONE\n"
    )
    cal = read_ics(
        feed("UID:v\nDTSTART;TZID=My Office Zone:20250102T090000\nDURATION:PT1H", head=zone),
        window=WINDOW,
    )
    (occ,) = cal.occurrences
    assert occ.start == datetime(2025, 1, 2, 2, tzinfo=ZoneInfo("UTC"))
    assert occ.end - occ.start == timedelta(hours=1)


def test_unknown_tzid_is_a_problem_not_a_naive_time() -> None:
    cal = read_ics(
        feed(
            "UID:bad\nDTSTART;TZID=Mars/Olympus:20250102T090000",
            "UID:good\nDTSTART:20250102T090000Z",
        ),
        window=WINDOW,
        name="vp-ubnd",
    )
    assert [o.uid for o in cal.occurrences] == ["good"]
    (problem,) = problems(cal)
    assert problem.place == "UID bad"
    assert "Mars/Olympus" in problem.message.en
    assert problem.file == "vp-ubnd"  # bytes are named by the source name


def test_floating_times_take_the_pack_time_zone() -> None:
    data = feed("UID:f\nDTSTART:20250102T090000\nDTEND:20250102T100000")
    default = read_ics(data, window=WINDOW).occurrences[0]
    assert default.start == datetime(2025, 1, 2, 9, tzinfo=HCM)
    tokyo = Pack(id="t", name="t", work_calendar=WorkCalendar(timezone="Asia/Tokyo"))
    other = read_ics(data, window=WINDOW, pack=tokyo).occurrences[0]
    assert other.start == datetime(2025, 1, 2, 9, tzinfo=ZoneInfo("Asia/Tokyo"))


def test_google_feed_is_standardised_so_exdate_matches() -> None:
    # Google writes UTC times meant in X-WR-TIMEZONE; without standardising,
    # the EXDATE (in local time) would not match the 09:00 local occurrence.
    data = feed(
        "UID:g\nDTSTART:20250106T020000Z\nDTEND:20250106T030000Z\n"
        "RRULE:FREQ=DAILY;COUNT=3\nEXDATE;TZID=Asia/Ho_Chi_Minh:20250107T090000",
        head="X-WR-TIMEZONE:Asia/Ho_Chi_Minh\n",
    )
    cal = read_ics(data, window=WINDOW)
    days = [timed(o.start).astimezone(HCM).date() for o in cal.occurrences]
    assert days == [date(2025, 1, 6), date(2025, 1, 8)]


def test_all_day_items_are_date_spans_and_default_to_one_day() -> None:
    cal = read_ics(feed("UID:d\nDTSTART;VALUE=DATE:20250304"), window=WINDOW)
    (occ,) = cal.occurrences
    assert (occ.start, occ.end) == (date(2025, 3, 4), date(2025, 3, 5))
    assert occ.all_day


def test_datetime_without_end_lasts_zero_time() -> None:
    (occ,) = read_ics(feed("UID:z\nDTSTART:20250304T080000Z"), window=WINDOW).occurrences
    assert occ.start == occ.end


def test_properties_map_onto_the_occurrence() -> None:
    data = feed(
        "UID:p\nSUMMARY:Phiên họp UBND tỉnh tháng 3\nDTSTART:20250304T010000Z\n"
        "DTEND:20250304T030000Z\nLOCATION:Phòng họp A\nSTATUS:TENTATIVE\nTRANSP:TRANSPARENT\n"
        "SEQUENCE:4\nLAST-MODIFIED:20250301T000000Z\nCATEGORIES:UBND,Phiên họp\n"
        "DESCRIPTION:Nội dung\\nhai dòng\nX-COORDRULES-KIND:phien-hop-ubnd\n"
        'ORGANIZER;CN="Văn phòng UBND":mailto:vp@ubnd.gov.vn\n'
        'ATTENDEE;CN="Chủ tịch";ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:ct@ubnd.gov.vn\n'
        'ATTENDEE;CN="Phó Chủ tịch";PARTSTAT=DELEGATED;DELEGATED-TO="mailto:gd@so.vn":'
        "mailto:pct@ubnd.gov.vn\n"
        'ATTENDEE;CN="Giám đốc Sở";ROLE=OPT-PARTICIPANT;DELEGATED-FROM="mailto:pct@ubnd.gov.vn"'
        ":mailto:gd@so.vn\nURL:https://example.vn/hop\nX-OFFICE-NOTE;X-LANG=vi:ghi chú\\, riêng"
    )
    (occ,) = read_ics(data, window=WINDOW, name="vp-ubnd").occurrences
    assert occ.title == "Phiên họp UBND tỉnh tháng 3"
    assert occ.source == "vp-ubnd"
    assert occ.venue == "Phòng họp A"
    assert occ.status is Status.TENTATIVE
    assert occ.transparency is Transparency.FREE
    assert occ.sequence == 4
    assert occ.last_modified == datetime(2025, 3, 1, tzinfo=ZoneInfo("UTC"))
    assert occ.categories == ("UBND", "Phiên họp")
    assert occ.description == "Nội dung\nhai dòng"
    assert occ.kind == "phien-hop-ubnd"
    assert occ.organiser == "Văn phòng UBND"
    chair, deputy, delegate = occ.attendees
    assert (chair.role, chair.attendance, chair.email) == (
        Role.CHAIR,
        Attendance.ACCEPTED,
        "ct@ubnd.gov.vn",
    )
    assert deputy.attendance is Attendance.DELEGATED
    assert deputy.delegated_to == "gd@so.vn"
    assert deputy.role is Role.REQUIRED  # RFC 5545 default
    assert delegate.delegated_from == "pct@ubnd.gov.vn"
    assert delegate.role is Role.OPTIONAL
    assert occ.extra == (
        ("URL", "https://example.vn/hop"),
        ("X-OFFICE-NOTE;X-LANG=vi", "ghi chú\\, riêng"),
    )
    assert occ.recurrence_id is None


def test_cancelled_override_is_kept_with_status_cancelled() -> None:
    data = feed(
        "UID:r\nSUMMARY:Giao ban\nDTSTART:20250106T010000Z\nDTEND:20250106T020000Z\n"
        "RRULE:FREQ=WEEKLY;COUNT=3",
        "UID:r\nRECURRENCE-ID:20250113T010000Z\nSUMMARY:Giao ban\nDTSTART:20250113T010000Z\n"
        "DTEND:20250113T020000Z\nSTATUS:CANCELLED\nSEQUENCE:1",
    )
    cal = read_ics(data, window=WINDOW)
    statuses = [(o.start.day, o.status) for o in cal.occurrences]
    assert statuses == [(6, Status.CONFIRMED), (13, Status.CANCELLED), (20, Status.CONFIRMED)]
    assert all(o.recurrence_id == o.start for o in cal.occurrences)


def test_expansion_stays_inside_the_window() -> None:
    data = feed("UID:w\nDTSTART:20240101T010000Z\nDURATION:PT1H\nRRULE:FREQ=WEEKLY")
    cal = read_ics(data, window=(date(2025, 3, 1), date(2025, 3, 31)))
    assert len(cal.occurrences) == 5  # the Mondays 3, 10, 17, 24, 31
    assert all(date(2025, 3, 1) <= o.local_date(HCM) <= date(2025, 3, 31) for o in cal.occurrences)


def test_series_cap_cuts_and_reports() -> None:
    data = feed("UID:c\nDTSTART:20250101T010000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY")
    cal = read_ics(data, window=WINDOW, pack=pack(series_cap=10))
    assert len(cal.occurrences) == 10
    (capped,) = problems(cal, "recurrence-capped")
    assert capped.details["cut"] == 355
    assert capped.details["first_cut"].startswith("2025-01-11")
    assert capped.place == "UID c"


def test_secondly_without_end_is_capped_and_never_hangs() -> None:
    data = feed("UID:s\nDTSTART:19700101T000000Z\nRRULE:FREQ=SECONDLY")
    cal = read_ics(data, window=WINDOW)
    assert len(cal.occurrences) == CalendarPolicy().series_cap
    (capped,) = problems(cal, "recurrence-capped")
    # 31.5 million seconds in the window: the cut is counted only so far.
    assert capped.details["cut"] >= 1
    assert "at least" in capped.message.en
    # Fast-forwarding kept the rule's grid: every occurrence is on a whole second.
    assert all(timed(o.start).microsecond == 0 for o in cal.occurrences)
    assert cal.occurrences[0].start == datetime(2025, 1, 1, tzinfo=HCM)


def test_fast_forward_keeps_the_interval_grid() -> None:
    data = feed("UID:h\nDTSTART:20000101T000000Z\nDURATION:PT10M\nRRULE:FREQ=HOURLY;INTERVAL=7")
    cal = read_ics(data, window=(date(2025, 1, 1), date(2025, 1, 2)), pack=pack(series_cap=100))
    epoch = datetime(2000, 1, 1, tzinfo=ZoneInfo("UTC"))
    starts = [o.start for o in cal.occurrences]
    assert starts
    assert all((s - epoch) % timedelta(hours=7) == timedelta(0) for s in starts)


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        ("UID:x\nSUMMARY:no start", "no DTSTART"),
        ("UID:x\nDTSTART:20250102T100000Z\nDTEND:20250102T090000Z", "before it starts"),
        ("UID:x\nDTSTART:20250102T100000Z\nDTEND:20250102T110000Z\nDURATION:PT1H", "DURATION"),
        ("UID:x\nDTSTART:20250102T100000Z\nRRULE:FREQ=SOMETIMES", "RRULE"),
        ("UID:x\nDTSTART:2025-01-02", "DTSTART"),
    ],
)
def test_unusable_component_is_a_problem_and_the_rest_is_used(event: str, reason: str) -> None:
    cal = read_ics(feed(event, "UID:ok\nDTSTART:20250102T080000Z"), window=WINDOW)
    assert [o.uid for o in cal.occurrences] == ["ok"]
    (problem,) = problems(cal)
    assert problem.place == "UID x"
    assert reason.lower() in problem.message.en.lower()
    assert problem.message.vi


def test_other_components_are_reported_not_dropped_silently() -> None:
    data = feed("UID:e\nDTSTART:20250102T080000Z").replace(
        b"END:VCALENDAR", b"BEGIN:VTODO\r\nUID:t\r\nEND:VTODO\r\nEND:VCALENDAR"
    )
    cal = read_ics(data, window=WINDOW)
    (problem,) = problems(cal)
    assert "VTODO" in problem.message.en


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \r\n",
        b"hello world",
        b"\x00\x01\x02\x03binary",
        b"%PDF-1.4\n",
        b"BEGIN:VCALENDAR\r\n",
    ],
)
def test_not_icalendar_is_an_input_error(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        read_ics(data, window=WINDOW, name="x")
    assert caught.value.file == "x"
    assert caught.value.reason
    assert caught.value.reason_vi


def test_oversize_feed_is_refused(tmp_path: Path) -> None:
    data = feed("UID:e\nDTSTART:20250102T080000Z")
    path = tmp_path / "big.ics"
    path.write_bytes(data)
    with pytest.raises(InputError, match="larger than the limit"):
        read_ics(path, window=WINDOW, pack=pack(max_feed_bytes=len(data) - 1))
    with pytest.raises(InputError, match="larger than the limit"):
        read_ics(io.BytesIO(data), window=WINDOW, pack=pack(max_feed_bytes=10))
    assert read_ics(path, window=WINDOW, pack=pack(max_feed_bytes=len(data))).occurrences


def test_path_and_file_object_and_default_name(tmp_path: Path) -> None:
    path = tmp_path / "vp-tinh-uy.ics"
    path.write_bytes(feed("UID:e\nDTSTART:20250102T080000Z"))
    from_path = read_ics(path, window=WINDOW)
    assert from_path.name == "vp-tinh-uy"
    assert from_path.path == str(path)
    assert from_path.occurrences[0].source == "vp-tinh-uy"
    with path.open("rb") as handle:
        assert read_ics(handle, window=WINDOW).name == "vp-tinh-uy"
    with pytest.raises(InputError, match="cannot read"):
        read_ics(tmp_path / "missing.ics", window=WINDOW)


def test_bad_utf8_is_reported_and_the_rest_read() -> None:
    data = feed("UID:u\nSUMMARY:Hop\nDTSTART:20250102T080000Z").replace(b"Hop", b"H\xffp")
    cal = read_ics(data, window=WINDOW)
    assert len(cal.occurrences) == 1
    assert "UTF-8" in problems(cal)[0].message.en


def test_bare_vevent_without_vcalendar_is_read() -> None:
    data = b"BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20250102T080000Z\r\nEND:VEVENT\r\n"
    cal = read_ics(data, window=WINDOW)
    assert [o.uid for o in cal.occurrences] == ["b"]


def test_bytes_are_named_by_the_source_name_in_errors() -> None:
    from datetime import date

    from coordrules import InputError, read_ics

    with pytest.raises(InputError) as caught:
        read_ics(b"not a calendar", name="upload.ics", window=(date(2026, 1, 1), date(2026, 1, 2)))
    assert caught.value.file == "upload.ics"


def test_uid_less_events_of_two_feeds_are_not_one_meeting() -> None:
    # Regression: both got the made-up UID "coordrules-no-uid-1" and merged.
    from datetime import date

    from coordrules import Pack, merge, read_ics

    def feed(summary: str, start: str, room: str) -> bytes:
        return (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\n"
            f"DTSTART:{start}\r\nDTEND:{start[:9]}235900Z\r\nSUMMARY:{summary}\r\n"
            f"LOCATION:{room}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ).encode()

    week = (date(2026, 12, 7), date(2026, 12, 13))
    a = read_ics(feed("Họp A", "20261208T010000Z", "Phòng 1"), name="a", window=week)
    b = read_ics(feed("Họp B khác", "20261210T070000Z", "Phòng 2"), name="b", window=week)
    assert a.occurrences[0].uid != b.occurrences[0].uid
    merged = merge([a, b], Pack(id="p", name="p"))
    assert len(merged.occurrences) == 2
    assert merged.findings == ()
