"""Working-day arithmetic of the bundled calendar against a plain day-by-day loop."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from announced_schedule import oracle_is_working
from coordrules import Deadline, DeadlineSide, DeadlineUnit, WorkCalendar, load_pack

CAL = load_pack("vn-province").work_calendar
DAY = timedelta(days=1)


def loop_add(cal: WorkCalendar, start: date, n: int) -> date:
    step = DAY if n >= 0 else -DAY
    current, left = start, abs(n)
    while left:
        current += step
        if cal.is_working_day(current):
            left -= 1
    return current


# Around Tết 2025/2026, the 2026 swaps and the make-up Saturdays, plus any day.
HOT = st.sampled_from(
    [
        date(2025, 1, 20),
        date(2025, 4, 24),
        date(2025, 8, 27),
        date(2025, 12, 29),
        date(2026, 1, 1),
        date(2026, 1, 9),
        date(2026, 2, 12),
        date(2026, 4, 23),
        date(2026, 8, 20),
        date(2026, 8, 28),
    ]
)
DAYS_2025_2026 = st.one_of(
    st.builds(lambda d, k: d + k * DAY, HOT, st.integers(-6, 12)),
    st.dates(date(2025, 1, 2), date(2026, 12, 20)),
)


@given(DAYS_2025_2026)
def test_is_working_day_matches_the_announced_schedule(day: date) -> None:
    if (day.month, day.day) == (11, 24):
        return  # Ngày Văn hóa Việt Nam: see test_culture_day below
    assert CAL.is_working_day(day) == oracle_is_working(day)


@given(DAYS_2025_2026, st.integers(-15, 15))
def test_add_working_days_matches_a_loop(start: date, n: int) -> None:
    result = CAL.add_working_days(start, n)
    assert result == loop_add(CAL, start, n)
    if n:
        assert CAL.is_working_day(result)


@given(DAYS_2025_2026, st.integers(-40, 40))
def test_working_days_between_counts_like_a_loop(start: date, offset: int) -> None:
    end = start + offset * DAY
    if end >= start:
        expected = sum(CAL.is_working_day(start + k * DAY) for k in range(1, offset + 1))
    else:
        expected = -sum(CAL.is_working_day(end + k * DAY) for k in range(-offset))
    assert CAL.working_days_between(start, end) == expected


@given(DAYS_2025_2026, st.integers(-15, 15))
def test_between_inverts_add(start: date, n: int) -> None:
    assert CAL.working_days_between(start, CAL.add_working_days(start, n)) == n


@given(
    DAYS_2025_2026,
    st.integers(0, 23),
    st.integers(0, 12),
    st.sampled_from(list(DeadlineUnit)),
    st.sampled_from(list(DeadlineSide)),
)
def test_deadline_matches_a_loop(
    day: date, hour: int, amount: int, unit: DeadlineUnit, anchor: DeadlineSide
) -> None:
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    event = datetime.combine(day, time(hour), tzinfo=tz)
    sign = -1 if anchor is DeadlineSide.BEFORE else 1
    got = CAL.deadline(Deadline(amount, unit, anchor), event)
    if unit is DeadlineUnit.HOURS:
        assert got == event + sign * timedelta(hours=amount)
        return
    if unit is DeadlineUnit.DAYS:
        expected_day = day + sign * amount * DAY
    else:
        expected_day = loop_add(CAL, day, sign * amount)
    assert got == datetime.combine(expected_day, time(17, 0), tzinfo=tz)


def test_deadline_counts_from_the_local_date() -> None:
    # 23:30 UTC on Wednesday is 06:30 on Thursday in Việt Nam.
    event = datetime(2026, 3, 11, 23, 30, tzinfo=ZoneInfo("UTC"))
    due = CAL.deadline(Deadline(3, DeadlineUnit.WORKING_DAYS), event)
    assert due.date() == date(2026, 3, 9)  # Monday
    assert due.hour == 17


def test_2026_swaps() -> None:
    assert not CAL.is_working_day(date(2026, 1, 2))  # the holidays package says working
    assert CAL.is_working_day(date(2026, 1, 10))  # Saturday, made up
    assert CAL.is_working_day(date(2026, 8, 22))
    # 3 working days before Tuesday 13 Jan 2026: Mon 12, Sat 10, Fri 9 (2 Jan is off).
    assert CAL.add_working_days(date(2026, 1, 13), -3) == date(2026, 1, 9)
    # 5 working days after a meeting on Thursday 12 Feb 2026 skip Tết.
    # Fri 13, then 14–22 off, then Mon 23 … Thu 26.
    assert CAL.add_working_days(date(2026, 2, 12), 5) == date(2026, 2, 26)


def test_culture_day() -> None:
    # Listed by recent releases of the holidays package from 2026 (not by 0.60):
    # 2026 is a covered year, so the pack's own list decides; in 2027 (fallback
    # years) the pack ignores the package's entry, whichever release is installed.
    assert CAL.is_working_day(date(2026, 11, 24))
    assert CAL.is_working_day(date(2027, 11, 24))  # a Wednesday
    ignored = WorkCalendar(ignored_holidays=("Ngày Văn hóa Việt Nam",))
    plain = WorkCalendar()
    assert ignored.is_working_day(date(2027, 11, 24))
    listed = plain.holiday_name(date(2027, 11, 24))
    assert plain.is_working_day(date(2027, 11, 24)) is (listed is None)


def test_deadline_hour_is_pack_data() -> None:
    cal = WorkCalendar(deadline_time=time(11, 30))
    event = datetime(2024, 6, 6, 8, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert cal.deadline(Deadline(1, DeadlineUnit.DAYS), event).time() == time(11, 30)
