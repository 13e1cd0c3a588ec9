"""The working-day calendar (lịch ngày làm việc) and deadline arithmetic.

Civil servants work Monday to Friday (QĐ 188/1999/QĐ-TTg). Public holidays
come from the ``holidays`` package (country ``VN``, names in Vietnamese),
which computes lunar Tết and many announced swaps; each year's announced
schedule (days off, make-up working Saturdays) is pack data that corrects it,
because the package misses some (it gives 2 Jan 2026 as a working day).

A year whose announced schedule the pack lists (``[[work_calendar.year]]``)
is *covered*: its working days come from the pack alone, so a deadline in it
does not change with the installed version of ``holidays``. For any other
year the package is the fallback, and every check that counts working days in
such a year says so (:meth:`WorkCalendar.fallback_years`).

Order of precedence for one date, first match wins:

1. a date the pack lists as a working day (make-up Saturday, ngày làm bù);
2. a date the pack lists as a day off;
3. in a covered year: Saturday and Sunday are days off, other days working days;
4. a library holiday the pack does not reject (``ignored_holidays``);
5. the library's own make-up working weekend days;
6. Saturday and Sunday are days off; other days are working days.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from functools import cached_property
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import attrs

from coordrules.model.text import normalise_text
from coordrules.model.values import Basis, CitationSource, Deadline, DeadlineSide, DeadlineUnit

if TYPE_CHECKING:
    import holidays

_DAY = timedelta(days=1)
_SEARCH_LIMIT = 3660
"""No real schedule has ten years without a working day; stop a runaway search."""


@attrs.frozen
class ScheduledDay:
    """One announced day off or make-up working day, with its source."""

    day: date
    """The date."""
    name: str
    """Why (Nghỉ bù Tết Nguyên đán, Làm bù ngày 2/1)."""
    cite: str | None = None
    """The announcement it comes from, when the pack cites one."""
    basis: Basis = Basis.ASSUMED
    """Statute, the province's own announcement, or assumed."""
    source: CitationSource = CitationSource.OFFICIAL
    """Whether ``cite`` was read in the official text or only in a secondary source."""


@attrs.frozen
class WorkCalendar:
    """Which dates are working days, and deadlines counted in them.

    ``deadline_time`` is the hour a deadline falls at on its day: a document
    due "3 working days before" a Thursday meeting must arrive by that hour on
    the Monday. It is pack data (default 17:00, basis ``assumed``).
    """

    timezone: str = "Asia/Ho_Chi_Minh"
    """The IANA time zone of the offices (``Asia/Ho_Chi_Minh``); all-day items and dates are read
    in it.
    """
    country: str = "VN"
    """The country whose public holidays the ``holidays`` package gives (``VN``)."""
    days_off: tuple[ScheduledDay, ...] = ()
    """Announced days off beyond the library's holidays."""
    working_days: tuple[ScheduledDay, ...] = ()
    """Announced make-up working days (ngày làm bù), usually Saturdays."""
    ignored_holidays: tuple[str, ...] = ()
    """Names of library holidays this calendar does not treat as days off."""
    deadline_time: time = time(17, 0)
    """The hour a deadline falls at on its day (default 17:00)."""
    weekend: tuple[int, ...] = (5, 6)
    """The weekdays off (Monday is 0): Saturday and Sunday by default."""
    years: tuple[int, ...] = ()
    """Years whose announced schedule is pack data: ``holidays`` is not consulted in them."""

    @cached_property
    def tz(self) -> tzinfo:
        """The calendar's time zone."""
        return ZoneInfo(self.timezone)

    @cached_property
    def _off(self) -> Mapping[date, ScheduledDay]:
        return {d.day: d for d in self.days_off}

    @cached_property
    def _on(self) -> Mapping[date, ScheduledDay]:
        return {d.day: d for d in self.working_days}

    @cached_property
    def _library(self) -> holidays.HolidayBase:
        import holidays  # on first use: ``coordrules --help`` needs no holidays

        return holidays.country_holidays(self.country, language="vi")

    def holiday_name(self, day: date) -> str | None:
        """The name of the holiday or announced day off on *day*, or ``None``."""
        if day in self._on:
            return None
        if day in self._off:
            return self._off[day].name
        if day.year in self.years:
            return None
        name = self._library.get(day)
        if name is None:
            return None
        kept = [n for n in str(name).split("; ") if normalise_text(n) not in self._ignored]
        return "; ".join(kept) or None

    @cached_property
    def _ignored(self) -> frozenset[str]:
        return frozenset(normalise_text(name) for name in self.ignored_holidays)

    def is_working_day(self, day: date) -> bool:
        """Whether *day* is a working day (ngày làm việc)."""
        if day in self._on:
            return True
        if self.holiday_name(day) is not None:
            return False
        if day.year not in self.years and day in self._library_workdays:
            return True
        return day.weekday() not in self.weekend

    @cached_property
    def _library_workdays(self) -> frozenset[date]:
        years = range(1990, 2100)
        import holidays

        lib = holidays.country_holidays(self.country, years=years, language="vi")
        return frozenset(getattr(lib, "weekend_workdays", ()))

    def covers(self, year: int) -> bool:
        """Whether the pack lists *year*'s announced schedule (so ``holidays`` is not used)."""
        return year in self.years

    def fallback_years(
        self, rule: Deadline, event: datetime, *, due: datetime | None = None
    ) -> tuple[int, ...]:
        """Years a deadline under *rule* counts working days in without an announced schedule.

        Empty when the deadline does not count working days, or every year it
        counts in is covered by the pack; otherwise the years for which the
        ``holidays`` package decided which days are working days. *due* is
        the deadline when the caller has already computed it.
        """
        if rule.unit is not DeadlineUnit.WORKING_DAYS:
            return ()
        local = event.astimezone(self.tz) if event.tzinfo else event.replace(tzinfo=self.tz)
        if due is None:
            due = self.deadline(rule, event)
        first, last = sorted((local.date(), due.date()))
        return tuple(y for y in range(first.year, last.year + 1) if y not in self.years)

    def add_working_days(self, day: date, n: int) -> date:
        """The *n*-th working day after *day* (before it when *n* < 0).

        *day* itself is never counted: ``add_working_days(d, 0)`` is *d*.
        """
        step = _DAY if n >= 0 else -_DAY
        remaining = abs(n)
        current = day
        searched = 0
        while remaining:
            current += step
            searched += 1
            if searched > _SEARCH_LIMIT * max(1, abs(n)):
                raise ValueError(f"no working day found near {day.isoformat()}")
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working-day steps from *start* to *end*, the inverse of :meth:`add_working_days`.

        Forward (*end* ≥ *start*): the working days *d* with ``start < d <= end``.
        Backward: minus the working days with ``end <= d < start``. So for any
        working day *w*, ``add_working_days(s, working_days_between(s, w)) == w``.
        """
        if end < start:
            return -sum(1 for k in range((start - end).days) if self.is_working_day(end + k * _DAY))
        return sum(
            1 for k in range(1, (end - start).days + 1) if self.is_working_day(start + k * _DAY)
        )

    def deadline(self, rule: Deadline, event: datetime) -> datetime:
        """The moment by which something is due under *rule* for an event at *event*.

        Days and working days are counted from the event's local date in this
        calendar's time zone and land at ``deadline_time``; hours are counted
        from the event instant itself. "3 working days before" a Thursday
        meeting is 17:00 on the Monday; "5 working days after" is counted
        forward the same way.
        """
        local = event.astimezone(self.tz) if event.tzinfo else event.replace(tzinfo=self.tz)
        sign = -1 if rule.anchor is DeadlineSide.BEFORE else 1
        if rule.unit is DeadlineUnit.HOURS:
            return local + sign * timedelta(hours=rule.amount)
        if rule.unit is DeadlineUnit.WORKING_DAYS:
            day = self.add_working_days(local.date(), sign * rule.amount)
        else:
            day = local.date() + sign * rule.amount * _DAY
        return datetime.combine(day, self.deadline_time, tzinfo=self.tz)

    def days_off_in(self, days: Iterable[date]) -> list[date]:
        """The dates among *days* that are not working days."""
        return [d for d in days if not self.is_working_day(d)]
