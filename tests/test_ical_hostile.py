"""Issue 11, iCalendar families: bounded expansion and semantics that were silently wrong.

One regression test per defect, named for it. Inputs come from
``tests/ical_hostile.py`` or, where one exists, from the calendars that
icalendar ships (read from site-packages at test time, never copied).
Expected values are worked out from the input text.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from icalendar.timezone import tzp

import ical_hostile as hostile
from coordrules import CalendarPolicy, Pack, Severity, read_ics
from coordrules.adapters.ical import read as ical_read
from typed_views import timed

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
WINDOW = (date(2025, 1, 1), date(2025, 12, 31))
CORPUS = Path(icalendar.__file__).parent / "tests" / "calendars"


def codes(calendar):  # type: ignore[no-untyped-def]
    return [p.code for p in calendar.problems]


def messages(calendar) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(p.message.en for p in calendar.problems)


def utc(calendar) -> list[datetime]:  # type: ignore[no-untyped-def]
    """The starts as UTC instants (aware datetimes in two zone objects compare oddly)."""
    return [o.start.astimezone(UTC) for o in calendar.occurrences]


def only(calendar, text: str):  # type: ignore[no-untyped-def]
    (found,) = [p for p in calendar.problems if text in p.message.en]
    assert found.message.vi
    assert found.message.vi != found.message.en
    return found


# -- 1. bounded work ---------------------------------------------------------


def test_interval_zero_is_clamped_to_one_with_a_finding() -> None:
    cal = read_ics(hostile.interval_zero(), window=(date(2025, 1, 1), date(2025, 1, 31)))
    # DTSTART 6 January 01:00Z, daily once clamped: 6..31 January = 26 days.
    assert len(cal.occurrences) == 26
    assert cal.occurrences[1].start == datetime(2025, 1, 7, 1, tzinfo=UTC)
    finding = only(cal, "INTERVAL=0")
    assert finding.severity is Severity.WARNING


def test_dense_yearly_rule_stops_at_the_budget_and_says_so() -> None:
    cal = read_ics(hostile.dense_yearly(), window=WINDOW)
    (capped,) = [p for p in cal.problems if p.code == "recurrence-capped"]
    # dateutil builds the 86,400 times of a period at once; they are charged to the feed.
    budget = ical_read.FEED_BUDGET - 24 * 60 * 60
    assert capped.details["budget"] == budget
    assert capped.details["examined"] == budget
    # Every second of 1 January from 1990; DTSTART is examined once on its own, so the
    # rule's instance at offset budget - 1 seconds is the first one not examined.
    stop = datetime(1990, 1, 1, tzinfo=UTC) + timedelta(seconds=budget - 1)
    assert capped.details["stopped_at"] == stop.isoformat()
    assert cal.occurrences == ()
    assert "not read" in capped.message.en


def test_second_dense_rule_is_refused_before_dateutil_builds_its_times() -> None:
    one = hostile.dense_yearly().decode()
    event = one[one.index("BEGIN:VEVENT") : one.index("END:VCALENDAR")]
    data = one.replace("END:VCALENDAR", event.replace("UID:dense", "UID:again") + "END:VCALENDAR")
    cal = read_ics(data.encode(), window=WINDOW)
    refused = only(cal, "times of day per period")
    assert refused.place == "UID again"
    assert refused.code == "recurrence-capped"
    # Only DTSTART (1 January 1990) is read, and it is outside the window.
    assert cal.occurrences == ()


def test_dense_list_under_coarse_freq_in_the_window_is_capped_without_expanding_it_all() -> None:
    cal = read_ics(hostile.dense_monthly_in_window(), window=WINDOW)
    assert len(cal.occurrences) == CalendarPolicy().series_cap
    # Every minute from 1 January 00:00Z: the 1000th is 16:39Z on the first day.
    assert cal.occurrences[-1].start == datetime(2025, 1, 1, 16, 39, tzinfo=UTC)
    (capped,) = [p for p in cal.problems if p.code == "recurrence-capped"]
    # The cap, then at most CUT_COUNT_LIMIT more to count the cut (and DTSTART, and the stop).
    assert capped.details["examined"] <= CalendarPolicy().series_cap + ical_read.CUT_COUNT_LIMIT + 5
    assert "at least" in capped.message.en


def test_the_feed_budget_bounds_many_dense_series() -> None:
    data = hostile.many_dense_series(60)
    cal = read_ics(data, window=WINDOW)
    capped = [p for p in cal.problems if p.code == "recurrence-capped"]
    assert len(capped) == 60  # every series says it was cut
    examined = sum(p.details["examined"] for p in capped)
    assert examined <= ical_read.FEED_BUDGET + 60 * (ical_read.SERIES_FLOOR + 1)
    assert len(cal.occurrences) <= ical_read.FEED_OCCURRENCES + 60 * ical_read.OCCURRENCE_FLOOR


@pytest.mark.parametrize("freq", ["SECONDLY", "MINUTELY", "DAILY", "MONTHLY"])
def test_rule_that_matches_no_date_keeps_dtstart_with_a_finding(freq: str) -> None:
    cal = read_ics(hostile.never_matching(freq), window=WINDOW)
    assert [o.start for o in cal.occurrences] == [datetime(2025, 1, 1, 8, tzinfo=UTC)]
    assert "matches no date" in only(cal, "matches no date").message.en


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SECONDLY;BYSETPOS=2",  # one instance a second
        "FREQ=DAILY;BYHOUR=9;BYSETPOS=2",  # one a day
        "FREQ=WEEKLY;BYDAY=MO;BYSETPOS=-3",  # one a week
        "FREQ=HOURLY;INTERVAL=24;BYHOUR=5",  # every 24 h from 09:00 is never 05:00
        "FREQ=MINUTELY;INTERVAL=1440;BYHOUR=5",
        "FREQ=DAILY;INTERVAL=7;BYDAY=MO",  # from a Wednesday: always Wednesday
        "FREQ=MONTHLY;INTERVAL=12;BYMONTH=2",  # from January: always January
        "FREQ=WEEKLY;BYMONTH=10,6,9;BYSETPOS=5",  # one day a week (DTSTART's)
    ],
)
def test_rule_that_gives_nothing_in_any_period_keeps_dtstart_with_a_finding(rule: str) -> None:
    cal = read_ics(hostile.empty_rule(rule), window=WINDOW)
    assert [o.start for o in cal.occurrences] == [datetime(2025, 1, 1, 9, tzinfo=UTC)]
    assert only(cal, "matches no date").severity is Severity.WARNING


@pytest.mark.parametrize(
    ("rule", "days"),
    [
        # The last weekday of January, February, March 2025.
        ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3", [(1, 31), (2, 28), (3, 31)]),
        # The fifth Monday: only March (3 … 31) and June (2 … 30) have one in the first half.
        ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=5;COUNT=2", [(3, 31), (6, 30)]),
        # The 1st of January, February, March each year; the second of those is 1 February.
        ("FREQ=YEARLY;BYMONTH=1,2,3;BYSETPOS=2;COUNT=2", [(2, 1)]),
    ],
)
def test_a_possible_bysetpos_is_expanded(rule: str, days: list[tuple[int, int]]) -> None:
    cal = read_ics(hostile.empty_rule(rule), window=WINDOW)
    assert not [p for p in cal.problems if "matches no date" in p.message.en]
    starts = {o.start for o in cal.occurrences}
    assert {datetime(2025, m, d, 9, tzinfo=UTC) for m, d in days} <= starts


def test_an_interval_in_step_with_byday_is_expanded() -> None:
    # Every 7 days from Wednesday 1 January, on Wednesdays: 1, 8, 15 January.
    cal = read_ics(hostile.empty_rule("FREQ=DAILY;INTERVAL=7;BYDAY=WE;COUNT=3"), window=WINDOW)
    assert [o.start.day for o in cal.occurrences] == [1, 8, 15]
    assert cal.problems == ()


def test_bysetpos_under_daily_picks_the_second_time_of_each_day() -> None:
    cal = read_ics(hostile.empty_rule("FREQ=DAILY;BYHOUR=9,14;BYSETPOS=2;COUNT=3"), window=WINDOW)
    starts = {o.start for o in cal.occurrences}
    assert {datetime(2025, 1, d, 14, tzinfo=UTC) for d in (1, 2, 3)} <= starts
    assert not [p for p in cal.problems if "matches no date" in p.message.en]


def test_a_rare_rule_is_not_taken_for_an_impossible_one() -> None:
    # 29 February on a Monday: 2016, 2044 … rare but real.
    data = hostile.feed(
        "UID:rare\nDTSTART:20160229T010000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO"
    )
    cal = read_ics(data, window=(date(2016, 1, 1), date(2044, 12, 31)))
    assert [o.start.year for o in cal.occurrences] == [2016, 2044]
    assert cal.problems == ()


def test_until_before_dtstart_is_reported_not_silently_dropped() -> None:
    cal = read_ics(hostile.until_before_start(), window=WINDOW)
    (occ,) = cal.occurrences
    assert occ.start == datetime(2025, 1, 6, 1, tzinfo=UTC)
    assert occ.title == "Họp giao ban"
    assert only(cal, "before DTSTART").severity is Severity.WARNING


def test_too_dense_is_not_reported_for_a_series_that_ends_before_the_window() -> None:
    data = hostile.feed("UID:old\nDTSTART:19700101T000000Z\nRRULE:FREQ=SECONDLY;COUNT=50")
    cal = read_ics(data, window=WINDOW)
    assert cal.occurrences == ()
    assert cal.problems == ()


def test_cap_count_is_exact_when_it_can_be_counted() -> None:
    data = hostile.feed(
        "UID:d\nDTSTART:20250101T010000Z\nRRULE:FREQ=DAILY\nEXDATE:20250301T010000Z"
    )
    cal = read_ics(
        data, window=WINDOW, pack=Pack(id="t", name="t", policy=CalendarPolicy(series_cap=5))
    )
    (capped,) = [p for p in cal.problems if p.code == "recurrence-capped"]
    assert capped.details["cut"] == 365 - 1 - 5  # one day excluded, five kept
    assert capped.details["first_cut"].startswith("2025-01-06")


# -- 2. meetings that silently move -----------------------------------------


def test_vtimezone_of_one_feed_does_not_leak_into_the_next() -> None:
    # icalendar's own corpus file defines "MyTimezone" as +12:00 in winter.
    real = CORPUS / "issue_722_timezone_transition_ambiguity.ics"
    mine = hostile.custom_zone_feed("+0700", "mine", tzid="MyTimezone")
    first = read_ics(real, window=(date(2024, 1, 1), date(2024, 12, 31)))
    after = read_ics(mine, window=WINDOW)
    # 09:00 at +07:00 is 02:00Z, whatever was read before.
    assert timed(after.occurrences[0].start).astimezone(UTC) == datetime(2025, 1, 6, 2, tzinfo=UTC)
    again = read_ics(real, window=(date(2024, 1, 1), date(2024, 12, 31)))
    winter = next(o for o in again.occurrences if o.uid == "0")
    # 3 March 2024 08:00 at +12:00 is 2 March 20:00Z, before and after the other feed.
    assert timed(winter.start).astimezone(UTC) == datetime(2024, 3, 2, 20, tzinfo=UTC)
    assert utc(first) == utc(again)


def test_a_feed_cannot_borrow_a_zone_another_feed_defined() -> None:
    read_ics(hostile.custom_zone_feed("+0300", "a", tzid="Borrowed Zone"), window=WINDOW)
    data = hostile.feed("UID:b\nDTSTART;TZID=Borrowed Zone:20250106T090000")
    cal = read_ics(data, window=WINDOW)
    assert cal.occurrences == ()
    assert "unknown time zone" in only(cal, "Borrowed Zone").message.en


def test_reading_leaves_icalendars_process_wide_zone_cache_alone() -> None:
    read_ics(hostile.custom_zone_feed("+0500", "c", tzid="Coordrules Private Zone"), window=WINDOW)
    assert tzp.timezone("Coordrules Private Zone") is None


def test_floating_series_with_utc_exdate_stays_local() -> None:
    cal = read_ics(hostile.floating_with_utc_exdate(), window=WINDOW)
    # Floating 07:00 is pack time (+07:00); EXDATE 00:00Z is 07:00 local on 7 January.
    assert [o.start for o in cal.occurrences] == [
        datetime(2025, 1, 6, 7, tzinfo=HCM),
        datetime(2025, 1, 8, 7, tzinfo=HCM),
    ]


def test_floating_series_with_utc_rdate_stays_local() -> None:
    data = hostile.feed(
        "UID:r\nDTSTART:20250106T070000\nDTEND:20250106T080000\nRDATE:20250110T020000Z"
    )
    cal = read_ics(data, window=WINDOW)
    # RDATE 02:00Z is 09:00 in Vietnam.
    assert [o.start for o in cal.occurrences] == [
        datetime(2025, 1, 6, 7, tzinfo=HCM),
        datetime(2025, 1, 10, 9, tzinfo=HCM),
    ]


def test_tzid_with_value_date_is_an_all_day_item() -> None:
    data = hostile.feed(
        "UID:a\nSUMMARY:Nghỉ\nDTSTART;TZID=Europe/Paris;VALUE=DATE:20250102\n"
        "DTEND;TZID=Europe/Paris;VALUE=DATE:20250103",
        "UID:w\nDTSTART;TZID=Asia/Ho_Chi_Minh;VALUE=DATE:20250106\nRRULE:FREQ=WEEKLY;COUNT=2",
    )
    cal = read_ics(data, window=WINDOW)
    spans = sorted((o.uid, o.start, o.end) for o in cal.occurrences)
    assert spans == [
        ("a", date(2025, 1, 2), date(2025, 1, 3)),
        ("w", date(2025, 1, 6), date(2025, 1, 7)),
        ("w", date(2025, 1, 13), date(2025, 1, 14)),
    ]
    assert all(o.all_day for o in cal.occurrences)


# -- 3. one bad line outside the meetings ------------------------------------


def test_bad_lines_outside_meetings_are_findings_and_the_rest_is_used() -> None:
    cal = read_ics(hostile.bad_lines_outside_meetings(), window=WINDOW)
    assert [o.uid for o in cal.occurrences] == ["ok"]
    text = messages(cal)
    for place in ("VALARM", "VTODO", "VJOURNAL", "VFREEBUSY", "VCALENDAR", "VTIMEZONE Broken Zone"):
        assert any(p.place == place for p in cal.problems), place
    assert "PT-2H" in text
    # The event in the broken zone is not read at a guessed time.
    assert "unknown time zone TZID=Broken Zone" in text


def test_alarm_with_negative_duration_in_a_corpus_feed_is_not_fatal() -> None:
    # A real Thunderbird feed, with a bad TRIGGER spliced into its alarm.
    path = CORPUS / "alarm_thunderbird_future.ics"
    text = path.read_bytes()
    assert b"TRIGGER" in text
    broken = b"\n".join(
        b"TRIGGER:PT-2H" if line.startswith(b"TRIGGER") else line for line in text.split(b"\n")
    )
    good = read_ics(text, window=(date(1990, 1, 1), date(2030, 12, 31)))
    bad = read_ics(broken, window=(date(1990, 1, 1), date(2030, 12, 31)))
    assert [o.start for o in bad.occurrences] == [o.start for o in good.occurrences]
    assert any(p.place == "VALARM" for p in bad.problems)


@pytest.mark.parametrize("prop", ["SEQUENCE:abc", "LAST-MODIFIED:yesterday", "DTSTAMP:now"])
def test_garbage_sequence_or_last_modified_keeps_the_meeting(prop: str) -> None:
    data = hostile.feed(
        f"UID:s\nSUMMARY:Họp\nDTSTART:20250106T010000Z\nRRULE:FREQ=DAILY;COUNT=2\n{prop}"
    )
    cal = read_ics(data, window=WINDOW)
    assert [o.start.day for o in cal.occurrences] == [6, 7]
    name = prop.split(":")[0]
    assert "meeting is kept" in only(cal, name).message.en


def test_same_uid_same_sequence_latest_dtstamp_wins_with_a_finding() -> None:
    data = hostile.feed(
        "UID:d\nSEQUENCE:1\nDTSTAMP:20250103T000000Z\nDTSTART:20250107T010000Z\nSUMMARY:mới",
        "UID:d\nSEQUENCE:1\nDTSTAMP:20250101T000000Z\nDTSTART:20250106T010000Z\nSUMMARY:cũ",
    )
    cal = read_ics(data, window=WINDOW)
    assert [(o.title, o.start.day) for o in cal.occurrences] == [("mới", 7)]
    assert only(cal, "same SEQUENCE").severity is Severity.WARNING


def test_higher_sequence_wins_whatever_the_order_and_is_said() -> None:
    data = hostile.feed(
        "UID:d\nSEQUENCE:2\nDTSTART:20250107T010000Z\nSUMMARY:mới",
        "UID:d\nSEQUENCE:1\nDTSTAMP:20250109T000000Z\nDTSTART:20250106T010000Z\nSUMMARY:cũ",
    )
    cal = read_ics(data, window=WINDOW)
    assert [o.title for o in cal.occurrences] == ["mới"]
    assert only(cal, "highest SEQUENCE").severity is Severity.INFO


def test_invalid_override_does_not_silently_resurrect_the_old_time() -> None:
    data = hostile.feed(
        "UID:r\nDTSTART:20250106T010000Z\nRRULE:FREQ=DAILY;COUNT=3",
        "UID:r\nRECURRENCE-ID:20250107T010000Z\nDTSTART:20250107T090000Z\nDTEND:20250107T080000Z",
    )
    cal = read_ics(data, window=WINDOW)
    finding = only(cal, "event not used")
    assert "2025-01-07T01:00:00+00:00" in finding.message.en
    assert "original time" in finding.message.en
    assert finding.severity is Severity.WARNING


def test_override_that_matches_no_occurrence_gets_a_finding() -> None:
    data = hostile.feed(
        "UID:r\nDTSTART:20250106T010000Z\nRRULE:FREQ=DAILY;COUNT=3",
        "UID:r\nRECURRENCE-ID:20250107T020000Z\nDTSTART:20250107T090000Z\nSUMMARY:dời",
        "UID:r\nRECURRENCE-ID:20250108T010000Z\nDTSTART:20250108T090000Z\nSUMMARY:đúng",
    )
    cal = read_ics(data, window=WINDOW)
    finding = only(cal, "matches no occurrence")
    assert "2025-01-07T02:00:00+00:00" in finding.message.en
    # The matching override replaces its occurrence: no finding for it.
    assert [p for p in cal.problems if "2025-01-08" in p.message.en] == []


# -- 4. read what other readers read -----------------------------------------


def test_old_mac_cr_only_line_endings_are_read() -> None:
    cal = read_ics(hostile.old_mac(), window=WINDOW)
    assert [(o.title, o.start) for o in cal.occurrences] == [
        ("Họp", datetime(2025, 1, 6, 1, tzinfo=UTC))
    ]


def test_corpus_feed_with_cr_only_line_endings_reads_as_the_original() -> None:
    path = CORPUS / "issue_722_timezone_transition_ambiguity.ics"
    original = read_ics(path, window=(date(2024, 1, 1), date(2024, 12, 31)))
    mac = read_ics(
        path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r"),
        window=(date(2024, 1, 1), date(2024, 12, 31)),
    )
    assert utc(mac) == utc(original)
    assert len(original.occurrences) == 4


def test_folded_first_line_is_read() -> None:
    data = hostile.feed("UID:f\nDTSTART:20250106T010000Z").replace(
        b"BEGIN:VCALENDAR", b"BEGIN:VCAL\r\n ENDAR", 1
    )
    cal = read_ics(data, window=WINDOW)
    assert [o.uid for o in cal.occurrences] == ["f"]
    assert cal.problems == ()  # not taken for a bare VEVENT without its envelope


def test_very_long_tzid_is_an_unknown_zone_not_an_os_error() -> None:
    cal = read_ics(hostile.long_tzid(), window=WINDOW)
    finding = only(cal, "unknown time zone")
    assert "File name too long" not in finding.message.en
    assert len(finding.message.en) < 400


@pytest.mark.parametrize(
    ("tzid", "key"),
    [
        ("(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"),
        ("(UTC+07:00) Bangkok, Hanoi, Jakarta", "Asia/Bangkok"),
        ("(GMT+01.00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin"),
    ],
)
def test_outlook_display_name_zones_are_read(tzid: str, key: str) -> None:
    data = hostile.feed(
        f'UID:o\nDTSTART;TZID="{tzid}":20250106T090000\nDTEND;TZID="{tzid}":20250106T100000'
    )
    cal = read_ics(data, window=WINDOW)
    (occ,) = cal.occurrences
    assert occ.start == datetime(2025, 1, 6, 9, tzinfo=ZoneInfo(key))
    assert cal.problems == ()


def test_outlook_display_name_defined_by_the_feed_uses_the_definition() -> None:
    tzid = "(UTC-05:00) Eastern Time (US & Canada)"
    data = hostile.custom_zone_feed("+0100", "o", tzid=tzid)
    (occ,) = read_ics(data, window=WINDOW).occurrences
    # The table knows New York, but the feed's own definition (+01:00) is not overridden
    # by a table of display names.
    assert timed(occ.start).utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    "value",
    [
        "UID:x\nUID:y\nDTSTART:20250106T010000Z",
        "UID:x\nDTSTART:20250106T010000Z\nRRULE:FREQ=DAILY;COUNT=2\nRRULE:FREQ=WEEKLY;COUNT=2",
        "UID:x\nDTSTART:20250106T010000Z\nEXDATE:20250106T010000Z,garbage",
        # Once "'list' object has no attribute 'strip'" for the whole feed:
        "UID:x\nDTSTART;TZID=Asia/Ho_Chi_Minh;TZID=Europe/Paris:20250106T090000",
        # Once "'list' object has no attribute 'dt'" and "'>' not supported … 'list'":
        "UID:x\nRECURRENCE-ID:20250106T010000Z\nRECURRENCE-ID:20250107T010000Z\n"
        "DTSTART:20250106T010000Z",
        "UID:x\nDTSTART:20250106T010000Z\nSEQUENCE:1\nSEQUENCE:2",
    ],
)
def test_no_reason_shows_python_internals(value: str) -> None:
    cal = read_ics(hostile.feed(value, "UID:ok\nDTSTART:20250107T010000Z"), window=WINDOW)
    assert "ok" in [o.uid for o in cal.occurrences]
    for problem in cal.problems:
        assert "object has no attribute" not in problem.message.en
        assert "object is not" not in problem.message.en
        assert "NoneType" not in problem.message.en
        assert "not supported between" not in problem.message.en
        assert "Error)" not in problem.message.en  # no bare exception class as the reason


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("X-WR-TIMEZONE:Nowhere/Zone\n", "names no known time zone"),
        ("X-WR-TIMEZONE:Asia/Ho_Chi_Minh\nX-WR-TIMEZONE:Europe/Paris\n", "given 2 times"),
    ],
)
def test_bad_x_wr_timezone_is_a_clear_finding(head: str, expected: str) -> None:
    data = hostile.feed("UID:g\nDTSTART:20250106T090000\nDTEND:20250106T100000", head=head)
    cal = read_ics(data, window=WINDOW)
    finding = only(cal, expected)
    assert finding.place == "X-WR-TIMEZONE"
    assert "ZoneInfoNotFoundError" not in finding.message.en
    # Floating 09:00 stays 09:00 in Vietnam (unknown zone) or in the first zone given.
    (occ,) = cal.occurrences
    assert occ.start == datetime(2025, 1, 6, 9, tzinfo=HCM)


def test_a_repeated_once_only_property_is_named_in_the_finding() -> None:
    data = hostile.feed(
        "UID:x\nDTSTART:20250106T010000Z\nSEQUENCE:2\nSEQUENCE:1\nSTATUS:CANCELLED\nSTATUS:CONFIRMED"
    )
    cal = read_ics(data, window=WINDOW)
    (occ,) = cal.occurrences
    assert (occ.sequence, occ.status.value) == (2, "cancelled")
    assert only(cal, "SEQUENCE is given 2 times")
    assert only(cal, "STATUS is given 2 times")


@pytest.mark.parametrize(
    ("rule", "start"),
    [
        # Found by a random-rule search: each once took from 15 s to more than a minute.
        ("FREQ=MINUTELY;INTERVAL=24;BYMONTH=10,3;BYWEEKNO=20", "20240229T093000Z"),
        ("FREQ=SECONDLY;INTERVAL=400;BYMONTHDAY=-11;BYSETPOS=3;BYYEARDAY=200", "20000131T120000Z"),
        ("FREQ=HOURLY;INTERVAL=7;BYHOUR=9;BYSETPOS=3;BYYEARDAY=366", "20240229T093000Z"),
        ("FREQ=MINUTELY;BYMONTHDAY=17,11;BYSETPOS=366;UNTIL=20300101T000000Z", "20000131T120000"),
    ],
)
def test_empty_rules_found_by_search_are_caught(rule: str, start: str) -> None:
    cal = read_ics(hostile.feed(f"UID:x\nDTSTART:{start}\nRRULE:{rule}"), window=WINDOW)
    assert cal.occurrences == ()  # DTSTART is before the window
    assert only(cal, "matches no date").place == "UID x"


def test_an_interval_that_reaches_byhour_is_expanded() -> None:
    # Every 90 minutes from 00:00Z: 09:00 and 10:30 fall in BYHOUR 9 and 10.
    data = hostile.feed(
        "UID:x\nDTSTART:20250101T000000Z\nRRULE:FREQ=MINUTELY;INTERVAL=90;BYHOUR=9,10;COUNT=4"
    )
    cal = read_ics(data, window=WINDOW)
    assert [o.start for o in cal.occurrences] == [
        datetime(2025, 1, 1, 0, tzinfo=UTC),  # DTSTART itself
        datetime(2025, 1, 1, 9, tzinfo=UTC),
        datetime(2025, 1, 1, 10, 30, tzinfo=UTC),
        datetime(2025, 1, 2, 9, tzinfo=UTC),  # 24 h = 16 steps: the grid repeats daily
        datetime(2025, 1, 2, 10, 30, tzinfo=UTC),
    ]


def test_secondly_rule_filtering_times_of_day_is_read_quickly_and_the_same() -> None:
    # Found by search: 25 s before. Each day at 00:04:12 and 01:04:12, from 1 January 09:00.
    data = hostile.feed(
        "UID:x\nDTSTART:20250101T090000Z\nRRULE:FREQ=SECONDLY;BYHOUR=1,0;BYMINUTE=4;BYSECOND=12"
    )
    cal = read_ics(data, window=WINDOW)
    starts = [o.start for o in cal.occurrences]
    assert len(starts) == 1 + 2 * 364  # DTSTART, then 2 to 31 January … 31 December
    assert starts[:3] == [
        datetime(2025, 1, 1, 9, tzinfo=UTC),
        datetime(2025, 1, 2, 0, 4, 12, tzinfo=UTC),
        datetime(2025, 1, 2, 1, 4, 12, tzinfo=UTC),
    ]
    assert cal.problems == ()


def test_rewritten_rule_keeps_count() -> None:
    data = hostile.feed(
        "UID:x\nDTSTART:20250101T080000Z\n"
        "RRULE:FREQ=SECONDLY;BYHOUR=9;BYMINUTE=0;BYSECOND=0,30;COUNT=3"
    )
    cal = read_ics(data, window=WINDOW)
    assert [o.start for o in cal.occurrences] == [
        datetime(2025, 1, 1, 8, tzinfo=UTC),  # DTSTART
        datetime(2025, 1, 1, 9, tzinfo=UTC),
        datetime(2025, 1, 1, 9, 0, 30, tzinfo=UTC),
        datetime(2025, 1, 2, 9, tzinfo=UTC),
    ]


def test_broken_definition_of_a_standard_zone_name_uses_the_standard_zone() -> None:
    data = hostile.feed(
        "UID:x\nDTSTART;TZID=Asia/Ho_Chi_Minh:20250106T090000",
        head=hostile.custom_zone("+07OO", "Asia/Ho_Chi_Minh"),
    )
    cal = read_ics(data, window=WINDOW)
    (occ,) = cal.occurrences
    assert occ.start == datetime(2025, 1, 6, 9, tzinfo=HCM)
    assert "standard zone Asia/Ho_Chi_Minh" in only(cal, "cannot be read").message.en
