"""Reading iCalendar feeds (RFC 5545) into :class:`~coordrules.SourceCalendar`.

What this module promises (details in ``docs/reference/ical.md``):

* ``icalendar`` parses (with a parser scoped to the feed: no process-wide
  zone cache), ``x-wr-timezone`` standardises Google-style feeds first,
  ``recurring-ical-events`` expands RRULE, RDATE, EXDATE and RECURRENCE-ID
  overrides, only inside the window and at most ``series_cap`` occurrences per
  series. The rule iteration itself is budgeted per series and per feed
  (``SERIES_BUDGET``, ``FEED_BUDGET``, ``FEED_OCCURRENCES``), dense rules are
  fast-forwarded to the window, rules that can never match are caught before
  dateutil searches for them until the year 9999: reading never hangs.
* A component that cannot be used becomes an ``import-problem`` finding with
  the file, the place (UID or line) and the reason; the rest of the feed is
  used, also when the bad line is outside the meetings (VALARM, VTODO,
  VTIMEZONE, the calendar). Input that is not iCalendar at all is an
  :class:`~coordrules.InputError`.
* Times: IANA and Windows zone names, Outlook display names and this feed's
  VTIMEZONE definitions are resolved per feed; a TZID that resolves to
  nothing is a problem, never a silent naive time; floating times (and the
  EXDATE/RDATE of a floating series) are read in the pack's time zone.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import warnings
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

import attrs
import icalendar
import x_wr_timezone
from icalendar.parser.ical.component import ComponentIcalParser
from icalendar.prop import vBroken
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
from recurring_ical_events.adapters.event import EventAdapter
from recurring_ical_events.series import Series

# The rule parser recurring-ical-events expands with (dateutil's, which it
# depends on): the emptiness checks below must read rules exactly as it does.
from recurring_ical_events.series.rrule import rrulestr
from recurring_ical_events.util import (
    compare_greater,
    convert_to_date,
    convert_to_datetime,
    time_span_contains_event,
    to_recurrence_ids,
)

from coordrules.adapters.ical import fast
from coordrules.adapters.ical.common import (
    ATTENDEE_URN,
    COPY,
    DESCRIPTION_RULE,
    FINDING,
    KIND,
    MARKER,
    ORGANISER,
    PARTSTATS,
    PERSON_PARAM,
    PREPARING_UNIT,
    ROLES,
    STATUSES,
    id_from_uid,
)
from coordrules.model.errors import InputError
from coordrules.model.events import (
    Attendance,
    Attendee,
    MergedCalendar,
    MergedOccurrence,
    Occurrence,
    Role,
    SourceCalendar,
    Status,
    Transparency,
)
from coordrules.model.findings import Finding, Message, Severity
from coordrules.model.window import Window
from coordrules.packs.pack import CalendarPolicy, Pack

IcsInput = str | os.PathLike[str] | bytes | BinaryIO
"""What :func:`read_ics` and :func:`read_merged_ics` read: a path, the bytes of a feed, or a
binary file object."""

FAST_PATH = True
"""Whether plain events are read by :mod:`coordrules.adapters.ical.fast` (tests switch it off)."""

RULE_IMPORT = "ical-import"
RULE_CAP = "series-cap"

# Properties the model uses (or the expansion consumes); everything else goes
# into ``Occurrence.extra`` so the writer can put it back.
_USED = frozenset(
    {
        "UID",
        "DTSTART",
        "DTEND",
        "DURATION",
        "RECURRENCE-ID",
        "RRULE",
        "RDATE",
        "EXDATE",
        "EXRULE",
        "SUMMARY",
        "LOCATION",
        "ORGANIZER",
        "ATTENDEE",
        "STATUS",
        "TRANSP",
        "SEQUENCE",
        "LAST-MODIFIED",
        "CATEGORIES",
        "DESCRIPTION",
        "DTSTAMP",
        KIND,
        PREPARING_UNIT,
        ORGANISER,
        FINDING,
        COPY,
    }
)
_ONCE = (
    "DTSTART",
    "DTEND",
    "DURATION",
    "RECURRENCE-ID",
    "SEQUENCE",
    "LAST-MODIFIED",
    "DTSTAMP",
    "STATUS",
    "TRANSP",
)
"""Properties RFC 5545 allows once per VEVENT (those the reader depends on)."""
_TIME_PROPERTIES = ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE")
_VITAL = frozenset({"DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "RRULE", "RDATE", "EXDATE"})


# Fixed-length frequencies (in wall-clock time) whose start can be moved
# forward by whole periods without changing the set of occurrences.
_PERIODS = {
    "SECONDLY": timedelta(seconds=1),
    "MINUTELY": timedelta(minutes=1),
    "HOURLY": timedelta(hours=1),
    "DAILY": timedelta(days=1),
    "WEEKLY": timedelta(weeks=1),
}
_FAST_FORWARD_AFTER = 1_000
"""A rule more than this many periods before the window is moved up to it."""
SERIES_BUDGET = 100_000
"""At most this many instances of one series' rules are examined (before and in the window)."""
FEED_BUDGET = 150_000
"""At most this many instances are examined for all the series of one feed together."""
SERIES_FLOOR = 1_000
"""A series still gets this many instances when the feed's budget is spent."""
CUT_COUNT_LIMIT = 2_000
FEED_OCCURRENCES = 20_000
"""At most this many occurrences are read from one feed (all series together)."""
OCCURRENCE_FLOOR = 10
"""A series still gets this many occurrences when the feed's occurrences are used up."""
"""Past the cap, at most this many more instances are counted to say how many were cut."""
TZID_MAX = 255
"""A TZID longer than this is never looked up (it names no zone)."""

_DAY_PARTS = ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY", "BYSETPOS")
_TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
_CYCLE_YEARS = 400
"""The Gregorian calendar (leap years and weekdays) repeats every 400 years."""


class _FeedParser(ComponentIcalParser):
    """icalendar's parser, scoped to one feed and tolerant in every component.

    * It does not put VTIMEZONE definitions into icalendar's process-wide
      cache (``tzp.cache_timezone_component``), where a zone defined by one
      feed would move the meetings of the next feed read in the process.
    * It does not resolve TZID parameters at all: date-times keep the wall
      time written, and :meth:`_Reader._localise` attaches the zone this
      feed means. A ``VALUE=DATE`` with a TZID thus stays a date.
    * A bad value in any component (a VALARM, VTODO, VTIMEZONE or the
      calendar itself) is kept as ``vBroken`` and recorded in that
      component's ``errors``, as icalendar already does inside a VEVENT.
    """

    def handle_end_component(self, vals: str) -> None:
        if not self._stack:
            raise ValueError("END encountered without an accompanying BEGIN!")
        component = self._stack.pop()
        if not self._stack:
            self._components.append(component)
        else:
            self._stack[-1].add_component(component)

    def handle_line_parse_error(self, exception: Exception) -> None:
        component = self.component
        if component is None:
            raise exception
        component.errors.append((None, str(exception)))

    def parse_and_add_property(
        self, name: str, params: Any, val: str, tzid: str | None, line: Any
    ) -> None:
        factory: Any = self.get_factory_for_property(name, params)
        component: Any = self.component
        try:
            parsed = factory.from_ical(val)
        except Exception as error:  # every parse error is one bad line, not a bad feed
            self.handle_property_parse_error(error, name, params, val, line)
        else:
            instance = factory(parsed)
            instance.params = params
            component.add(name, instance, encode=False)

    def handle_property_parse_error(
        self, exception: Exception, name: str, params: Any, val: str, line: Any
    ) -> None:
        factory: Any = self.get_factory_for_property(name, params)
        component: Any = self.component
        broken = vBroken.from_parse_error(
            raw_value=val,
            params=params,
            property_name=name,
            expected_type=getattr(factory, "__name__", "unknown"),
            error=exception,
        )
        component.errors.append((name, str(exception)))
        component.add(name, broken, encode=False)


class _FeedCalendar(icalendar.Calendar):
    """A Calendar parsed with :class:`_FeedParser`."""

    @classmethod
    def _get_ical_parser(cls, st: str | bytes) -> ComponentIcalParser:
        return _FeedParser(st, cls._get_component_factory(), cls.types_factory)


class _Tally:
    """How much of the expansion budget one series has used."""

    __slots__ = (
        "budget",
        "count_limit",
        "counted",
        "examined",
        "feed",
        "limit",
        "more",
        "spent_at",
        "unyielded",
    )

    def __init__(self, feed: list[int], limit: int) -> None:
        self.feed = feed
        self.budget = max(SERIES_FLOOR, min(SERIES_BUDGET, feed[0]))
        self.limit = limit
        self.examined = 0
        self.unyielded = 0
        self.counted = 0
        self.count_limit = CUT_COUNT_LIMIT
        self.more = False
        self.spent_at: datetime | None = None

    def take(self, moment: datetime) -> bool:
        """Count one examined instance; False (and remember where) once the budget is spent."""
        if self.examined >= self.budget:
            self.spent_at = moment
            return False
        self.examined += 1
        self.feed[0] -= 1
        return True


class _BudgetedSeries(Series):  # type: ignore[misc]
    """A recurring-ical-events series whose rule iteration is budgeted.

    ``rrule_between`` iterates each rule itself (dateutil's ``between``
    cannot be stopped), counts every instance it examines, stops when the
    budget is spent, and yields at most ``limit`` instances of each rule
    inside the span, only counting the rest (for the ``recurrence-capped``
    finding).
    """

    def __init__(self, components: list[EventAdapter], tally: _Tally) -> None:
        self.tally = tally
        super().__init__(components)

    def rrule_between(self, span_start: Any, span_stop: Any) -> Any:
        recurrence = self.recurrence
        if not recurrence.has_core:
            return
        tally = self.tally
        first = convert_to_datetime(span_start - self._subtract_from_start, recurrence.tzinfo)
        last = convert_to_datetime(span_stop + self._add_to_stop, recurrence.tzinfo)
        for rule in recurrence.rrules:
            until = getattr(rule, "until", None)
            yielded = 0
            for moment in rule:
                if not tally.take(moment):
                    return
                if moment > last or (until is not None and compare_greater(moment, until)):
                    break
                if moment < first:
                    continue
                if yielded < tally.limit:
                    yielded += 1
                    yield moment
                elif tally.counted >= tally.count_limit:
                    tally.more = True
                    break
                else:
                    tally.counted += 1
                    if not (
                        convert_to_date(moment) in recurrence.check_exdates_date
                        or recurrence.check_exdates_datetime & set(to_recurrence_ids(moment))
                    ):
                        tally.unyielded += 1


def read_ics(
    source: IcsInput,
    *,
    name: str | None = None,
    window: Window | tuple[date, date],
    pack: Pack | None = None,
) -> SourceCalendar:
    """Read one office's iCalendar feed (lịch của một văn phòng) for a window of dates.

    Arguments:
        source: a path, the bytes of the feed, or a binary file object.
        name: the source name; defaults to the file's stem (``"feed"`` for bytes).
        window: ``(from, to)``, both dates included, read in the pack's time zone.
            Only occurrences overlapping it are returned.
        pack: gives the time zone for floating times (``work_calendar.timezone``,
            default ``Asia/Ho_Chi_Minh``), the cap per recurring series
            (``policy.series_cap``) and the size limit (``policy.max_feed_bytes``).

    Returns a :class:`~coordrules.SourceCalendar` whose ``problems`` hold an
    ``import-problem`` finding (file, place, reason) for every component that
    could not be used and a ``recurrence-capped`` finding for every series the
    cap or the expansion budget cut. Cancelled occurrences are kept with status
    ``cancelled``. Properties the model does not use are kept in
    ``Occurrence.extra`` as ``("NAME;PARAMS", value-as-iCalendar-text)``.

    Raises :class:`~coordrules.InputError` when the input is not iCalendar
    (empty, binary, no complete VCALENDAR), cannot be read, or is larger than
    the size limit.
    """
    policy = pack.policy if pack is not None else CalendarPolicy()
    tz: tzinfo = pack.work_calendar.tz if pack is not None else ZoneInfo("Asia/Ho_Chi_Minh")
    label, data, stem = _load(source, policy.max_feed_bytes, name)
    source_name = name if name is not None else stem
    reader = _Reader(
        file=label,
        source=source_name,
        tz=tz,
        window=window,
        cap=max(1, policy.series_cap),
    )
    with warnings.catch_warnings(record=True) as caught:
        # icalendar warns (not raises) when it guesses a zone from a vendor
        # TZID; the user must hear about it, so warnings become findings.
        warnings.simplefilter("always")
        calendars = reader.parse(data)
        occurrences = reader.read(calendars)
    for text in sorted({str(w.message) for w in caught}):
        reader.problem(None, text, f"cảnh báo khi đọc: {text}", severity=Severity.INFO)
    return SourceCalendar(
        name=source_name,
        occurrences=tuple(occurrences),
        problems=tuple(reader.problems),
        path=label if isinstance(source, (str, os.PathLike)) else None,
    )


def _load(source: IcsInput, limit: int, name: str | None = None) -> tuple[str, bytes, str]:
    """(label for messages, bytes, default name), refusing input over *limit* bytes.

    Bytes have no file name: messages name them by *name* when the caller gave one.
    """
    too_big = (
        f"the feed is larger than the limit of {limit} bytes",
        f"tệp lịch lớn hơn giới hạn {limit} byte",
    )
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        label = "<bytes>" if name is None else name
        stem = "feed"
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        label = str(path)
        stem = path.stem
        try:
            if path.stat().st_size > limit:
                raise InputError(label, too_big[0], reason_vi=too_big[1], hint="split the feed")
            with path.open("rb") as handle:
                data = handle.read(limit + 1)
        except OSError as error:
            raise InputError(
                label,
                f"cannot read the file: {error.strerror or error}",
                reason_vi="không đọc được tệp",
            ) from error
    else:
        label = str(getattr(source, "name", "<stream>"))
        stem = Path(label).stem if label != "<stream>" else "feed"
        data = source.read(limit + 1)
        if not isinstance(data, bytes):
            raise InputError(
                label,
                "the stream must be opened in binary mode",
                reason_vi="luồng dữ liệu phải ở chế độ nhị phân",
            )
    if len(data) > limit:
        raise InputError(label, too_big[0], reason_vi=too_big[1], hint="split the feed")
    return label, data, stem


class _Reader:
    """The state of one read: where we are, what we found wrong."""

    def __init__(
        self, *, file: str, source: str, tz: tzinfo, window: tuple[date, date], cap: int
    ) -> None:
        self.file = file
        self.source = source
        self.tz = tz
        self.window = window
        self.cap = cap
        self.start = datetime.combine(window[0], time(0), tzinfo=tz)
        self.stop = datetime.combine(window[1] + timedelta(days=1), time(0), tzinfo=tz)
        self.problems: list[Finding] = []
        self._defined: dict[str, tzinfo | None] = {}
        self._zones: dict[str, tzinfo | None] = {}
        # TZIDs this feed cannot resolve, by event. Keyed by id() with the event
        # itself kept in the value: an id is unique only while its object lives,
        # and a freed event's id is soon reused by a new one.
        self._unknown: dict[int, tuple[Any, set[str]]] = {}
        self._feed_budget = [FEED_BUDGET]
        self._feed_occurrences = FEED_OCCURRENCES
        self.plan: fast.Plan | None = None

    # -- findings -----------------------------------------------------------

    def problem(
        self,
        place: str | None,
        en: str,
        vi: str,
        *,
        code: str = "import-problem",
        severity: Severity | None = None,
        **details: Any,
    ) -> None:
        where = f" ({place})" if place else ""
        self.problems.append(
            Finding.of(
                code,
                Message(vi=f"{self.file}{where}: {vi}", en=f"{self.file}{where}: {en}"),
                rule=RULE_CAP if code == "recurrence-capped" else RULE_IMPORT,
                severity=severity,
                file=self.file,
                place=place,
                details=details,
            )
        )

    # -- parsing ------------------------------------------------------------

    def parse(self, data: bytes) -> list[icalendar.Calendar]:
        """The VCALENDARs in *data*, or InputError when it is not iCalendar."""
        body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        body = body.lstrip()
        if b"\n" not in body and b"\r" in body:
            # Old Mac OS and Lotus Notes end lines with CR alone.
            body = body.replace(b"\r", b"\r\n")
        # A producer may fold even the first line ("BEGIN:VCAL" CRLF " ENDAR").
        head = re.sub(rb"\r?\n[ \t]", b"", body[:200])[:15].upper()
        if not body.strip():
            raise InputError(self.file, "the feed is empty", reason_vi="tệp lịch rỗng")
        wrapped = head != b"BEGIN:VCALENDAR" and head.startswith(b"BEGIN:V")
        if wrapped:
            # A bare component (BEGIN:VEVENT …) is iCalendar without its envelope.
            body = b"BEGIN:VCALENDAR\r\n" + body.rstrip() + b"\r\nEND:VCALENDAR\r\n"
            self.problem(
                "line 1",
                "no BEGIN:VCALENDAR: the components were read as one calendar",
                "thiếu BEGIN:VCALENDAR: các thành phần được đọc như một lịch",
                severity=Severity.INFO,
            )
        elif head != b"BEGIN:VCALENDAR":
            kind = "binary data" if b"\x00" in body[:1024] else "text"
            raise InputError(
                self.file,
                f"not iCalendar: it does not start with BEGIN:VCALENDAR ({kind})",
                place="line 1",
                reason_vi="không phải tệp iCalendar (không bắt đầu bằng BEGIN:VCALENDAR)",
            )
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as error:
            line = body[: error.start].count(b"\n") + 1
            self.problem(
                f"line {line}",
                "text is not valid UTF-8; undecodable bytes were replaced",
                "văn bản không đúng mã UTF-8; các byte lỗi đã được thay thế",
            )
            text = body.decode("utf-8", errors="replace")
        if "\x00" in text:
            line = text[: text.index("\x00")].count("\n") + 1
            raise InputError(
                self.file,
                "not iCalendar: it contains NUL bytes (binary data)",
                place=f"line {line}",
                reason_vi="không phải tệp iCalendar (có byte NUL, dữ liệu nhị phân)",
            )
        if FAST_PATH:
            self.plan = fast.plan(text, self.tz, self.start)
            if self.plan is not None:
                text = self.plan.rest
        try:
            parsed = _FeedCalendar.from_ical(text, multiple=True)
        except Exception as error:  # icalendar raises ValueError and others on garbage
            raise InputError(
                self.file,
                f"cannot be parsed as iCalendar: {_reason(error)}",
                reason_vi=f"không đọc được dữ liệu iCalendar: {_reason(error)}",
            ) from error
        calendars = [c for c in parsed if isinstance(c, icalendar.Calendar)]
        if not calendars:
            raise InputError(
                self.file,
                "no complete VCALENDAR (BEGIN:VCALENDAR without END:VCALENDAR?)",
                reason_vi="không có VCALENDAR hoàn chỉnh (thiếu END:VCALENDAR?)",
            )
        return calendars

    # -- reading ------------------------------------------------------------

    def read(self, calendars: Iterable[icalendar.Calendar]) -> list[Occurrence]:
        calendars = list(calendars)
        for calendar in calendars:
            for component in calendar.walk("VTIMEZONE"):
                self._define_zone(component)
        occurrences: list[Occurrence] = []
        for calendar in calendars:
            occurrences.extend(self._read_calendar(calendar))
        return occurrences

    # -- time zones, scoped to this feed -------------------------------------

    def _define_zone(self, component: Any) -> None:
        """Remember the zone a VTIMEZONE of this feed defines (None if unreadable)."""
        tzid = str(_first(component.get("TZID", "")) or "").strip()
        if not tzid:
            return
        place = f"VTIMEZONE {_short(tzid)}"
        errors = [reason for sub in component.walk() for _, reason in sub.errors]
        zone: tzinfo | None = None
        if not errors:
            try:
                zone = component.to_tz(lookup_tzid=False)
            except Exception as error:  # a definition icalendar cannot turn into a zone
                errors.append(_reason(error))
        if errors:
            cleaned = tzid.strip("/")
            known = _iana(cleaned) or _iana(WINDOWS_TO_OLSON.get(cleaned))
            self.problem(
                place,
                f"the time-zone definition cannot be read ({'; '.join(errors)}); "
                + (
                    f"the standard zone {known} of that name is used"
                    if known
                    else "events using it are reported below"
                ),
                f"không đọc được định nghĩa múi giờ ({'; '.join(errors)}); "
                + (
                    f"dùng múi giờ chuẩn {known} cùng tên"
                    if known
                    else "các sự kiện dùng múi giờ này được báo bên dưới"
                ),
            )
        self._defined[tzid.strip("/")] = zone

    def zone(self, tzid: str) -> tzinfo | None:
        """The zone *tzid* means in this feed: IANA, Windows, this feed's VTIMEZONE, vendor."""
        if tzid in self._zones:
            return self._zones[tzid]
        cleaned = tzid.strip().strip("/")
        zone = _iana(cleaned) or _iana(WINDOWS_TO_OLSON.get(cleaned))
        if zone is None and cleaned in self._defined:
            zone = self._defined[cleaned]
        if zone is None:
            zone = _iana(_outlook(cleaned))
        if zone is None and tzid.startswith("/"):
            parts = cleaned.split("/")
            for begin in range(1, len(parts)):
                zone = _iana("/".join(parts[begin:]))
                if zone is not None:
                    self.problem(
                        None,
                        f"the vendor TZID {_short(tzid)} was read as {zone}, which may be wrong "
                        "(RFC 5545 3.2.19)",
                        f"TZID của nhà cung cấp {_short(tzid)} được hiểu là {zone}, có thể sai",
                        severity=Severity.INFO,
                    )
                    break
        self._zones[tzid] = zone
        return zone

    def _localise(self, event: Any) -> None:
        """Attach to every TZID-qualified time of *event* the zone this feed means."""
        unknown: set[str] = set()
        for name in _TIME_PROPERTIES:
            for prop in _all(event.get(name)):
                tzid = getattr(prop, "params", {}).get("TZID")
                if not tzid or isinstance(prop, vBroken):
                    continue
                if isinstance(tzid, list):  # TZID=A;TZID=B: which one is meant?
                    unknown.add(f"{', '.join(str(t) for t in tzid)} (more than one TZID)")
                    continue
                zone = self.zone(str(tzid))
                if zone is None:
                    unknown.add(str(tzid))
                    continue
                values = getattr(prop, "dts", None)
                for value in values if values is not None else [prop]:
                    moment = getattr(value, "dt", None)
                    if moment is not None:
                        value.dt = _attach(moment, zone)
        if unknown:
            self._unknown[id(event)] = (event, unknown)

    def _unresolved(self, event: Any) -> set[str]:
        """The TZIDs of *event* that :meth:`_localise` could not resolve."""
        entry = self._unknown.get(id(event))
        return entry[1] if entry is not None and entry[0] is event else set()

    # -- reading ------------------------------------------------------------

    def _read_calendar(self, calendar: icalendar.Calendar) -> list[Occurrence]:
        for prop, reason in calendar.errors:
            self.problem(
                "VCALENDAR",
                f"calendar property {prop or '(a line)'} cannot be read and is ignored: {reason}",
                f"không đọc được thuộc tính {prop or '(một dòng)'} của lịch, đã bỏ qua: {reason}",
            )
        self._report_unreadable_components(calendar)
        for event in calendar.walk("VEVENT"):
            self._localise(event)
        if "X-WR-TIMEZONE" in calendar:
            before = list(calendar.walk("VEVENT"))
            try:
                calendar = self._standardise(calendar)
            except Exception as error:
                self.problem(
                    "X-WR-TIMEZONE",
                    f"could not apply X-WR-TIMEZONE: {_reason(error)}",
                    f"không áp dụng được X-WR-TIMEZONE: {_reason(error)}",
                )
            # to_standard copies changed components without their parse errors.
            after = list(calendar.walk("VEVENT"))
            if len(after) == len(before):
                for old, new in zip(before, after, strict=True):
                    if new is not old:
                        new.errors = list(old.errors)
                        if id(old) in self._unknown:
                            self._unknown[id(new)] = (new, self._unknown[id(old)][1])
        self._report_unused_components(calendar)
        occurrences: list[Occurrence] = []
        for uid, events in self._by_uid(calendar).items():
            if isinstance(events[0], fast.FastEvent):
                occurrences.extend(self._fast(events[0]))
            else:
                occurrences.extend(self._expand(uid, events))
        return occurrences

    def _events(self, calendar: icalendar.Calendar) -> Iterable[Any]:
        """The VEVENTs in document order: icalendar's, with the fast plan's plain events."""
        events = calendar.walk("VEVENT")
        if self.plan is None:
            return events
        slow = iter(events)
        return [event if event is not None else next(slow) for event in self.plan.slots]

    def _by_uid(self, calendar: icalendar.Calendar) -> dict[str, list[Any]]:
        """The usable events by UID (in the order of first appearance); made-up UIDs reported."""
        by_uid: dict[str, list[Any]] = defaultdict(list)
        for number, event in enumerate(self._events(calendar), start=1):
            if isinstance(event, fast.FastEvent):
                by_uid[event.uid].append(event)
                continue
            if not isinstance(event, icalendar.Event):
                continue
            uid = str(event.get("UID", "")).strip()
            place = f"UID {uid}" if uid else f"VEVENT #{number} (no UID)"
            if not uid:
                # Unique to this source and this event's text, so the UID-less
                # events of two feeds never pass for the same meeting.
                digest = hashlib.sha256(
                    self.source.encode() + b"\x1f" + event.to_ical()
                ).hexdigest()[:16]
                uid = f"coordrules-no-uid-{number}-{digest}@{self.source}"
                event["UID"] = icalendar.vText(uid)
                self.problem(
                    place,
                    f"event has no UID; it is read under the made-up UID {uid}",
                    f"sự kiện không có UID; được đọc với UID tạm {uid}",
                )
            if self._usable(event, place):
                by_uid[uid].append(event)
        return by_uid

    def _fast(self, event: fast.FastEvent) -> list[Occurrence]:
        """The occurrence of a plain single event, as :meth:`_expand` would give it.

        Its one instance is charged to the feed's expansion budget and, when it
        lies in the window, to the feed's occurrences, as the series would do.
        """
        self._feed_budget[0] -= 1
        if not time_span_contains_event(self.start, self.stop, event.start, event.end):
            return []
        self._feed_occurrences -= 1
        return [
            Occurrence(
                title=event.title,
                start=self._moment(event.start),
                end=self._moment(event.end),
                source=self.source,
                uid=event.uid,
                venue=event.venue,
                organiser=event.organiser,
                status=event.status,
                transparency=event.transparency,
                attendees=event.attendees,
                sequence=event.sequence,
                last_modified=event.last_modified,
                description=event.description,
                categories=event.categories,
                extra=event.extra,
            )
        ]

    def _standardise(self, calendar: icalendar.Calendar) -> icalendar.Calendar:
        """Apply Google's X-WR-TIMEZONE (resolved as any TZID of this feed is)."""
        values = [str(v).strip() for v in _all(calendar.get("X-WR-TIMEZONE"))]
        names = list(dict.fromkeys(v for v in values if v))
        if not names:
            return calendar
        zone = self.zone(names[0])
        if len(names) > 1:
            self.problem(
                "X-WR-TIMEZONE",
                f"X-WR-TIMEZONE is given {len(names)} times with different zones "
                f"({', '.join(_short(n, 40) for n in names)}); the first is used",
                f"X-WR-TIMEZONE xuất hiện {len(names)} lần với các múi giờ khác nhau; "
                "dùng giá trị đầu tiên",
            )
        if zone is None:
            self.problem(
                "X-WR-TIMEZONE",
                f"X-WR-TIMEZONE {_short(names[0])} names no known time zone; floating times are "
                "read in the pack's time zone",
                f"X-WR-TIMEZONE {_short(names[0])} không phải múi giờ đã biết; giờ không có múi "
                "giờ được đọc theo múi giờ của bộ quy tắc",
            )
            return calendar
        standard: icalendar.Calendar = x_wr_timezone.to_standard(calendar, timezone=zone)
        return standard

    def _report_unreadable_components(self, calendar: icalendar.Calendar) -> None:
        """A bad line outside the meetings is a finding; the rest of the feed is used."""
        for component in calendar.walk():
            if component is calendar or component.name in ("VEVENT", "VTIMEZONE"):
                continue
            if component.name in ("STANDARD", "DAYLIGHT"):
                continue  # reported with their VTIMEZONE
            for prop, reason in component.errors:
                what = prop or "(a line)"
                self.problem(
                    str(component.name),
                    f"{what} in a {component.name} cannot be read and is ignored "
                    f"(not part of any meeting's time): {reason}",
                    f"không đọc được {what} trong {component.name}, đã bỏ qua "
                    f"(không ảnh hưởng thời gian cuộc họp): {reason}",
                )

    def _report_unused_components(self, calendar: icalendar.Calendar) -> None:
        counts: dict[str, int] = defaultdict(int)
        for component in calendar.subcomponents:
            if component.name not in ("VEVENT", "VTIMEZONE"):
                counts[str(component.name)] += 1
        for kind, count in sorted(counts.items()):
            self.problem(
                kind,
                f"{count} {kind} component(s) not read: only VEVENT are meetings",
                f"{count} thành phần {kind} không được đọc: chỉ VEVENT là cuộc họp",
                severity=Severity.INFO,
            )

    def _usable(self, event: icalendar.Event, place: str) -> bool:
        """Whether *event* can be expanded; reports why not (or what was lost)."""
        fatal: list[str] = []
        fatal_vi: list[str] = []
        for name in _ONCE:
            values = event.get(name)
            if not isinstance(values, list):
                continue
            if name in _VITAL:
                fatal.append(f"{name} is given {len(values)} times")
                fatal_vi.append(f"{name} xuất hiện {len(values)} lần")
                continue
            event.pop(name)
            event.add(name, values[0], encode=False)
            self.problem(
                place,
                f"{name} is given {len(values)} times; the first is used",
                f"{name} xuất hiện {len(values)} lần; dùng giá trị đầu tiên",
            )
        for prop, reason in event.errors:
            if prop in _VITAL:
                fatal.append(f"{prop}: {reason}")
                fatal_vi.append(f"{prop}: {reason}")
            elif prop is None:
                self.problem(
                    place,
                    f"a line could not be read and is ignored: {reason}",
                    f"không đọc được một dòng, đã bỏ qua: {reason}",
                )
            elif prop in _USED:
                # The model reads this property: a broken value must not sink the meeting.
                event.pop(prop, None)
                self.problem(
                    place,
                    f"property {prop} could not be read and is ignored; "
                    f"the meeting is kept: {reason}",
                    f"không đọc được thuộc tính {prop}, đã bỏ qua; cuộc họp vẫn được giữ: {reason}",
                )
            else:
                self.problem(
                    place,
                    f"property {prop} could not be read and is kept as text: {reason}",
                    f"không đọc được thuộc tính {prop}, giữ nguyên dạng văn bản: {reason}",
                )
        if fatal:
            self._unusable(place, "; ".join(fatal), vi="; ".join(fatal_vi), event=event)
            return False
        if "DTSTART" not in event:
            self._unusable(place, "no DTSTART", vi="không có DTSTART", event=event)
            return False
        unknown = _unknown_tzids(event) | self._unresolved(event)
        if unknown:
            names = ", ".join(_short(t) for t in sorted(unknown))
            self._unusable(
                place,
                f"unknown time zone TZID={names} "
                "(neither IANA, Windows nor defined by a VTIMEZONE in this feed)",
                vi=f"múi giờ không xác định TZID={names} "
                "(không phải IANA, Windows, cũng không được VTIMEZONE trong tệp định nghĩa)",
                event=event,
            )
            return False
        try:
            start = event.start
            end = event.end
        except Exception as error:  # icalendar: InvalidCalendar, IncompleteComponent …
            self._unusable(place, _reason(error), event=event)
            return False
        if isinstance(start, datetime) != isinstance(end, datetime):
            self._unusable(
                place,
                "DTSTART and DTEND differ in type (DATE and DATE-TIME)",
                vi="DTSTART và DTEND khác kiểu (DATE và DATE-TIME)",
                event=event,
            )
            return False
        try:
            backwards = end < start
        except TypeError:
            self._unusable(
                place,
                "DTSTART and DTEND cannot be compared (floating and zoned)",
                vi="không so sánh được DTSTART và DTEND (một có múi giờ, một không)",
                event=event,
            )
            return False
        if backwards:
            self._unusable(
                place,
                f"ends ({end.isoformat()}) before it starts ({start.isoformat()})",
                vi=f"kết thúc ({end.isoformat()}) trước khi bắt đầu ({start.isoformat()})",
                event=event,
            )
            return False
        return True

    def _unusable(
        self,
        place: str,
        en: str,
        *,
        vi: str | None = None,
        event: icalendar.Event | None = None,
    ) -> None:
        rid = _dt(event.get("RECURRENCE-ID")) if event is not None else None
        if isinstance(rid, (date, datetime)):
            # An override that cannot be read: its occurrence stays where the
            # series puts it, which the override meant to change. Say so.
            when = rid.isoformat()
            en += (
                f"; this change of the occurrence {when} is lost, so that occurrence is shown "
                "at its original time from the series, which may be wrong"
            )
            vi = (vi or en.split(";")[0]) + (
                f"; thay đổi của lần {when} bị mất, lần đó hiện theo giờ gốc của chuỗi lịch, "
                "có thể sai"
            )
        self.problem(
            place,
            f"event not used: {en}",
            f"sự kiện không dùng được: {vi or en}",
            severity=Severity.WARNING if rid is not None else None,
        )

    # -- expansion ------------------------------------------------------------

    def _prepare(self, place: str, events: list[icalendar.Event]) -> list[icalendar.Event]:
        """The versions that count, with rules and times normalised (each change reported)."""
        events = self._latest_versions(place, events)
        for event in events:
            self._float_exceptions(event)
            if "RRULE" in event and "RECURRENCE-ID" not in event:
                self._check_rules(place, event)
        return events

    def _latest_versions(self, place: str, events: list[icalendar.Event]) -> list[icalendar.Event]:
        """One event per RECURRENCE-ID (or master): highest SEQUENCE, then latest DTSTAMP."""
        groups: dict[Any, list[icalendar.Event]] = defaultdict(list)
        for event in events:
            rid = _dt(event.get("RECURRENCE-ID"))
            key = _instant_key(rid) if rid is not None else None
            groups[key].append(event)
        kept: list[icalendar.Event] = []
        for key, versions in groups.items():
            if len(versions) == 1:
                kept.append(versions[0])
                continue
            ranked = sorted(
                enumerate(versions),
                key=lambda pair: (_sequence(pair[1]), _stamp(pair[1]), pair[0]),
            )
            winner = ranked[-1][1]
            kept.append(winner)
            what = "the series" if key is None else f"the occurrence {key}"
            tied = [v for _, v in ranked[:-1] if _sequence(v) == _sequence(winner)]
            stamp = _stamp(winner)
            if tied:
                self.problem(
                    place,
                    f"{len(versions)} versions of {what} with the same SEQUENCE "
                    f"{_sequence(winner)}: the one with the latest DTSTAMP "
                    f"({stamp.isoformat() if stamp.year > 1 else 'none'}) is used (RFC 5546)",
                    f"{len(versions)} phiên bản của {'chuỗi lịch' if key is None else key} cùng "
                    f"SEQUENCE {_sequence(winner)}: dùng bản có DTSTAMP mới nhất (RFC 5546)",
                    severity=Severity.WARNING,
                    versions=len(versions),
                )
            else:
                self.problem(
                    place,
                    f"{len(versions)} versions of {what}: the one with the highest SEQUENCE "
                    f"({_sequence(winner)}) is used",
                    f"{len(versions)} phiên bản: dùng bản có SEQUENCE cao nhất "
                    f"({_sequence(winner)})",
                    severity=Severity.INFO,
                    versions=len(versions),
                )
        return kept

    def _float_exceptions(self, event: icalendar.Event) -> None:
        """A floating series' UTC or zoned EXDATE/RDATE is read as the pack's local time."""
        start = _dt(event.get("DTSTART"))
        if not isinstance(start, datetime) or start.tzinfo is not None:
            return
        for name in ("EXDATE", "RDATE"):
            for prop in _all(event.get(name)):
                if isinstance(prop, vBroken):
                    continue
                for value in getattr(prop, "dts", None) or []:
                    moment = getattr(value, "dt", None)
                    if moment is not None:
                        value.dt = _floating(moment, self.tz)

    def _check_rules(self, place: str, master: icalendar.Event) -> None:
        """Clamp INTERVAL=0, drop a rule that ends before DTSTART or never matches."""
        kept: list[Any] = []
        for rule in _all(master.get("RRULE")):
            interval = _first(rule.get("INTERVAL"))
            if interval is not None and _int(interval) < 1:
                rule["INTERVAL"] = [1]
                self.problem(
                    place,
                    f"RRULE INTERVAL={interval} is not allowed (RFC 5545: a positive integer); "
                    "read as INTERVAL=1, as ical.js and libical do",
                    f"RRULE INTERVAL={interval} không hợp lệ (phải là số nguyên dương); "
                    "đọc như INTERVAL=1",
                    severity=Severity.WARNING,
                )
            start = master.start
            until = _first(rule.get("UNTIL"))
            if until is not None and _before(until, start, self.tz):
                self.problem(
                    place,
                    f"RRULE UNTIL ({until.isoformat()}) is before DTSTART ({start.isoformat()}): "
                    "the rule repeats nothing; only DTSTART is read",
                    f"RRULE UNTIL ({until.isoformat()}) trước DTSTART ({start.isoformat()}): "
                    "quy tắc lặp không tạo lần nào; chỉ đọc lần DTSTART",
                    severity=Severity.WARNING,
                )
                continue
            _as_daily(rule)
            per_period = _times_per_period(rule)
            allowance = max(SERIES_FLOOR, min(SERIES_BUDGET, self._feed_budget[0]))
            if per_period > allowance:
                self.problem(
                    place,
                    f"RRULE gives {per_period} times of day per period (BYHOUR × BYMINUTE × "
                    f"BYSECOND), more than the expansion budget left ({allowance}); the rule is "
                    "not expanded, only DTSTART (and RDATE) is read",
                    f"RRULE tạo {per_period} thời điểm mỗi chu kỳ, vượt giới hạn khai triển còn "
                    f"lại ({allowance}); không khai triển quy tắc, chỉ đọc DTSTART (và RDATE)",
                    code="recurrence-capped",
                    severity=Severity.WARNING,
                    examined=0,
                    budget=allowance,
                    cap=self.cap,
                    cut=None,
                    first_cut=None,
                    stopped_at=None,
                )
                continue
            # dateutil builds the times of a period at once: charge them to the feed.
            self._feed_budget[0] -= per_period if per_period > 1 else 0
            if _never_matches(rule, start):
                self.problem(
                    place,
                    f"RRULE {rule.to_ical().decode()} matches no date at all; only DTSTART "
                    "(and RDATE) is read",
                    f"RRULE {rule.to_ical().decode()} không khớp ngày nào; "
                    "chỉ đọc DTSTART (và RDATE)",
                    severity=Severity.WARNING,
                )
                continue
            kept.append(rule)
        if not kept:
            master.pop("RRULE")
        elif len(kept) != len(_all(master.get("RRULE"))):
            master.pop("RRULE")
            for rule in kept:
                master.add("RRULE", rule)

    def _expand(self, uid: str, events: list[icalendar.Event]) -> list[Occurrence]:
        place = f"UID {uid}"
        try:
            events = self._prepare(place, events)
        except Exception as error:  # a rule icalendar parsed but we cannot inspect
            self._unusable(place, f"the recurrence cannot be read: {_reason(error)}")
            return []
        bounded = self._bound(events)
        overrides = sum(1 for e in bounded if "RECURRENCE-ID" in e)
        exdates = sum(
            len(getattr(p, "dts", None) or [])
            for e in bounded
            for p in _all(e.get("EXDATE"))
            if not isinstance(p, vBroken)
        )
        wanted = self.cap + 1 + overrides + exdates
        left = max(OCCURRENCE_FLOOR, self._feed_occurrences)
        tally = _Tally(self._feed_budget, min(wanted, left))
        if left < wanted:
            tally.count_limit = 1  # enough to know that something is cut
        try:
            series = _BudgetedSeries([EventAdapter(e) for e in bounded], tally)
            found = list(series.between(self.start, self.stop))
        except Exception as error:  # recurring-ical-events raises many kinds on broken rules
            self._unusable(
                place,
                f"the recurrence cannot be expanded ({_reason(error)})",
                vi=f"không khai triển được chuỗi lịch lặp ({_reason(error)})",
            )
            return []
        results: list[Occurrence] = []
        recurring = _is_recurring(bounded)
        # What each component's occurrences share, by id(): only for the components
        # of *bounded*, alive until this method returns. (A cache for the whole feed
        # once gave a series the mapping of another series' fast-forwarded master,
        # a copy freed after its expansion whose id() the next copy reused.)
        statics: dict[int, _Static] = {}
        for item in found:
            try:
                results.append(self._occurrence(item, recurring, statics))
            except Exception as error:
                self._unusable(
                    place,
                    f"an occurrence cannot be read ({_reason(error)})",
                    vi=f"không đọc được một lần của chuỗi lịch ({_reason(error)})",
                )
                return []
        self._check_overrides(place, series, bounded)
        results.sort(key=lambda o: _sort_key(o, self.tz))
        self._report_cut(place, results, tally, starved=left < wanted)
        kept = results[: self.cap]
        self._feed_occurrences -= len(kept)
        return kept

    def _report_cut(
        self, place: str, results: list[Occurrence], tally: _Tally, *, starved: bool
    ) -> None:
        cut = max(0, len(results) - self.cap) + tally.unyielded
        spent = tally.spent_at
        if not cut and spent is None:
            return
        en: list[str] = []
        vi: list[str] = []
        first_cut = results[self.cap].start.isoformat() if len(results) > self.cap else None
        if cut:
            more = "at least " if spent is not None or tally.more else ""
            en.append(
                f"the series has {more}{cut + self.cap} occurrences in the window; only the "
                f"first {self.cap} are kept, {more}{cut} cut"
                + (f" from {first_cut}" if first_cut else "")
            )
            vi.append(
                f"chuỗi lịch lặp có {'ít nhất ' if more else ''}{cut + self.cap} lần trong "
                f"khoảng thời gian; chỉ giữ {self.cap} lần đầu, cắt {cut} lần"
                + (f" từ {first_cut}" if first_cut else "")
            )
        if cut and starved:
            en.append(
                f"the feed's budget of {FEED_OCCURRENCES} occurrences is used up, so this "
                f"series keeps at most {tally.limit}"
            )
            vi.append(
                f"tệp lịch đã dùng hết giới hạn {FEED_OCCURRENCES} lần, chuỗi này chỉ giữ "
                f"tối đa {tally.limit} lần"
            )
        if spent is not None:
            at = spent.isoformat()
            en.append(
                f"expansion stopped after examining {tally.examined} instances of the rule "
                f"(budget {tally.budget}) at {at}: occurrences after it are not read"
            )
            vi.append(
                f"dừng khai triển sau khi xét {tally.examined} lần lặp (giới hạn "
                f"{tally.budget}) tại {at}: các lần sau đó không được đọc"
            )
        self.problem(
            place,
            "; ".join(en),
            "; ".join(vi),
            code="recurrence-capped",
            cap=self.cap,
            cut=cut,
            first_cut=first_cut,
            stopped_at=spent.isoformat() if spent is not None else None,
            examined=tally.examined,
            budget=tally.budget,
        )

    def _check_overrides(
        self, place: str, series: _BudgetedSeries, events: list[icalendar.Event]
    ) -> None:
        """An override whose RECURRENCE-ID is no occurrence of the series gets a finding."""
        if not series.recurrence.has_core:
            return
        for event in events:
            rid = _dt(event.get("RECURRENCE-ID"))
            if rid is None or "RANGE" in getattr(event.get("RECURRENCE-ID"), "params", {}):
                continue
            moment = _as_datetime(rid)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=self.tz)
            if not (self.start - timedelta(days=1) <= moment < self.stop + timedelta(days=1)):
                continue
            ids = set(to_recurrence_ids(rid))
            probe = _Tally(self._feed_budget, 1)
            saved, series.tally = series.tally, probe
            try:
                hits = [
                    m for m in series.rrule_between(rid, rid) if set(to_recurrence_ids(m)) & ids
                ]
            except Exception:  # the same rule already expanded; nothing more to say
                hits = [rid]
            finally:
                series.tally = saved
            if not hits and probe.spent_at is None:
                self.problem(
                    place,
                    f"RECURRENCE-ID {rid.isoformat()} matches no occurrence of the series; "
                    "the changed occurrence is read as one more meeting",
                    f"RECURRENCE-ID {rid.isoformat()} không khớp lần nào của chuỗi lịch; "
                    "lần thay đổi được đọc như một cuộc họp thêm",
                    severity=Severity.WARNING,
                )

    def _bound(self, events: list[icalendar.Event]) -> list[icalendar.Event]:
        """Events with a dense master moved up to the window (whole periods of its rule)."""
        masters = [e for e in events if "RECURRENCE-ID" not in e and "RRULE" in e]
        if len(masters) != 1:
            return events
        master = masters[0]
        rules = master.get("RRULE")
        if isinstance(rules, list):
            if len(rules) != 1:
                return events
            rules = rules[0]
        freq = _first(rules.get("FREQ"))
        period = _PERIODS.get(str(freq).upper()) if freq else None
        if period is None:
            return events
        period *= max(1, _int(_first(rules.get("INTERVAL")) or 1))
        start = master.start
        window_start = self._comparable(self.start, start)
        ahead = window_start - _as_datetime(start)
        if ahead <= period * _FAST_FORWARD_AFTER:
            return events
        if rules.get("COUNT") is not None:
            return events  # cannot move a counted rule; the budget bounds its expansion
        duration = _as_datetime(master.end) - _as_datetime(start)
        steps = (ahead - duration - period) // period
        if steps <= 0:
            return events
        moved = _shifted(master, period * steps)
        return [moved if e is master else e for e in events]

    def _comparable(self, moment: datetime, like: date | datetime) -> datetime:
        if isinstance(like, datetime) and like.tzinfo is None:
            return moment.astimezone(self.tz).replace(tzinfo=None)
        if not isinstance(like, datetime):
            return moment.replace(tzinfo=None)
        return moment

    # -- mapping --------------------------------------------------------------

    def _occurrence(self, item: Any, recurring: bool, statics: dict[int, _Static]) -> Occurrence:
        component: icalendar.Event = item._adapter._component
        static = statics.get(id(component))
        if static is None:
            static = statics[id(component)] = _Static.of(component, self.tz)
        start = self._moment(item.start)
        end = self._moment(item.end)
        if static.recurrence_id is not None:
            recurrence_id: date | datetime | None = static.recurrence_id
        elif recurring:
            recurrence_id = start
        else:
            recurrence_id = None
        return Occurrence(
            title=static.title,
            start=start,
            end=end,
            source=self.source,
            uid=static.uid,
            recurrence_id=recurrence_id,
            venue=static.venue,
            organiser=static.organiser,
            kind=static.kind,
            status=static.status,
            transparency=static.transparency,
            attendees=static.attendees,
            sequence=static.sequence,
            last_modified=static.last_modified,
            description=static.description,
            categories=static.categories,
            preparing_unit=static.preparing_unit,
            extra=static.extra,
        )

    def _moment(self, value: date | datetime) -> date | datetime:
        if isinstance(value, datetime) and value.tzinfo is None:
            return value.replace(tzinfo=self.tz)
        return value


class _Static:
    """What every occurrence of one component shares, mapped once."""

    __slots__ = (
        "attendees",
        "categories",
        "description",
        "extra",
        "kind",
        "last_modified",
        "organiser",
        "preparing_unit",
        "recurrence_id",
        "sequence",
        "status",
        "title",
        "transparency",
        "uid",
        "venue",
    )

    title: str
    uid: str
    recurrence_id: date | datetime | None
    venue: str | None
    organiser: str | None
    kind: str | None
    preparing_unit: str | None
    status: Status
    transparency: Transparency
    attendees: tuple[Attendee, ...]
    sequence: int
    last_modified: datetime | None
    description: str | None
    categories: tuple[str, ...]
    extra: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, event: icalendar.Event, tz: tzinfo) -> _Static:
        self = cls()
        marked = FINDING in event
        title = _text(event.get("SUMMARY")) or ""
        if marked and title.startswith(MARKER):
            title = title[len(MARKER) :]
        self.title = title
        self.uid = str(event.get("UID"))
        rid = event.get("RECURRENCE-ID")
        self.recurrence_id = None
        if rid is not None:
            value = rid.dt
            if isinstance(value, datetime) and value.tzinfo is None:
                value = value.replace(tzinfo=tz)
            self.recurrence_id = value
        self.venue = _text(event.get("LOCATION")) or None
        self.organiser = _organiser(event)
        self.kind = _xtext(event.get(KIND)) or None
        self.preparing_unit = _xtext(event.get(PREPARING_UNIT)) or None
        self.status = STATUSES.get(str(event.get("STATUS", "")).strip().upper(), Status.CONFIRMED)
        transp = str(event.get("TRANSP", "")).strip().upper()
        self.transparency = Transparency.FREE if transp == "TRANSPARENT" else Transparency.BUSY
        self.attendees = tuple(_attendee(a) for a in _all(event.get("ATTENDEE")))
        try:
            self.sequence = max(0, int(str(event.get("SEQUENCE", 0))))
        except ValueError:
            self.sequence = 0
        modified = event.get("LAST-MODIFIED")
        self.last_modified = None
        value = getattr(modified, "dt", None)
        if isinstance(value, datetime):
            self.last_modified = value if value.tzinfo else value.replace(tzinfo=tz)
        description = _text(event.get("DESCRIPTION"))
        if marked and description is not None and DESCRIPTION_RULE in description:
            description = description.split(DESCRIPTION_RULE, 1)[0].rstrip("\n") or None
        self.description = description or None
        cats: list[str] = []
        for prop in _all(event.get("CATEGORIES")):
            cats.extend(str(c) for c in getattr(prop, "cats", [prop]))
        self.categories = tuple(cats)
        self.extra = _extra(event)
        return self


_OUTLOOK_NAMES_BY_PLACE = {
    "Eastern Time (US & Canada)": "Eastern Standard Time",
    "Central Time (US & Canada)": "Central Standard Time",
    "Mountain Time (US & Canada)": "Mountain Standard Time",
    "Pacific Time (US & Canada)": "Pacific Standard Time",
    "Alaska": "Alaskan Standard Time",
    "Hawaii": "Hawaiian Standard Time",
    "Arizona": "US Mountain Standard Time",
    "Brasilia": "E. South America Standard Time",
    "Coordinated Universal Time": "UTC",
    "Dublin, Edinburgh, Lisbon, London": "GMT Standard Time",
    "Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna": "W. Europe Standard Time",
    "Belgrade, Bratislava, Budapest, Ljubljana, Prague": "Central Europe Standard Time",
    "Brussels, Copenhagen, Madrid, Paris": "Romance Standard Time",
    "Sarajevo, Skopje, Warsaw, Zagreb": "Central European Standard Time",
    "Athens, Bucharest": "GTB Standard Time",
    "Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius": "FLE Standard Time",
    "Moscow, St. Petersburg": "Russian Standard Time",
    "Abu Dhabi, Muscat": "Arabian Standard Time",
    "Chennai, Kolkata, Mumbai, New Delhi": "India Standard Time",
    "Bangkok, Hanoi, Jakarta": "SE Asia Standard Time",
    "Beijing, Chongqing, Hong Kong, Urumqi": "China Standard Time",
    "Kuala Lumpur, Singapore": "Singapore Standard Time",
    "Perth": "W. Australia Standard Time",
    "Taipei": "Taipei Standard Time",
    "Osaka, Sapporo, Tokyo": "Tokyo Standard Time",
    "Seoul": "Korea Standard Time",
    "Canberra, Melbourne, Sydney": "AUS Eastern Standard Time",
    "Auckland, Wellington": "New Zealand Standard Time",
}
"""Outlook writes a zone's display name as TZID when it writes no VTIMEZONE:
the place part of the display name (after ``(UTC+hh:mm)``) → the Windows zone
id, which icalendar's table maps to IANA. Only the common names are here; a
feed with a VTIMEZONE for the name needs none of them."""
_OUTLOOK_PREFIX = re.compile(r"^\((?:UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?:[:.]\d{2})?)?\)\s*")


def _outlook(tzid: str) -> str | None:
    """The IANA key for an Outlook display-name TZID such as ``(UTC-05:00) Eastern Time …``."""
    match = _OUTLOOK_PREFIX.match(tzid)
    if match is None:
        return None
    windows = _OUTLOOK_NAMES_BY_PLACE.get(" ".join(tzid[match.end() :].split()))
    return WINDOWS_TO_OLSON.get(windows or "", windows)


def _iana(key: str | None) -> tzinfo | None:
    """The IANA zone *key*, or None (never an exception, whatever the text)."""
    if not key or len(key) > TZID_MAX or not _ZONE_KEY.fullmatch(key):
        return None
    try:
        return ZoneInfo(key)
    except Exception:  # ZoneInfoNotFoundError, ValueError, OSError on odd keys
        return None


_ZONE_KEY = re.compile(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*")


def _short(text: str, limit: int = 80) -> str:
    """*text* cut to *limit* characters for a message."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def _reason(error: BaseException) -> str:
    """A reason fit for a user: the library's message when it is one, else a plain one.

    Python's own messages about types and attributes (``'list' object has no
    attribute 'strip'``) say nothing to a clerk; they become "a value of an
    unexpected kind", with the exception's class for whoever debugs it.
    """
    text = str(error).strip()
    if not text or isinstance(error, (AttributeError, TypeError, KeyError, IndexError)):
        return f"a value of an unexpected kind or form ({type(error).__name__})"
    if isinstance(error, OSError):
        return f"a value that names no usable resource ({type(error).__name__})"
    return _short(text, 200)


def _attach(value: Any, zone: tzinfo) -> Any:
    """*value* (a wall time, date or period) in *zone*; dates stay dates."""
    if isinstance(value, tuple):
        return tuple(_attach(v, zone) for v in value)
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value


def _floating(value: Any, zone: tzinfo) -> Any:
    """An aware *value* as the wall time it shows in *zone* (for floating series)."""
    if isinstance(value, tuple):
        return tuple(_floating(v, zone) for v in value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(zone).replace(tzinfo=None)
    return value


def _int(value: Any) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return 1


def _before(until: Any, start: Any, zone: tzinfo) -> bool:
    """Whether an RRULE UNTIL lies before DTSTART (comparing like with like)."""
    if not isinstance(until, date) or not isinstance(start, date):
        return False
    if isinstance(start, datetime) and isinstance(until, datetime):
        left = until if until.tzinfo else until.replace(tzinfo=start.tzinfo or zone)
        right = start if start.tzinfo else start.replace(tzinfo=zone)
        return left < right
    return _as_datetime(until).date() < _as_datetime(start).date()


def _as_daily(rule: Any) -> None:
    """Rewrite a sub-daily rule that only filters times of day as the same DAILY rule.

    ``FREQ=SECONDLY;BYHOUR=9;BYMINUTE=4;BYSECOND=12`` gives the same instances
    as ``FREQ=DAILY;BYHOUR=9;BYMINUTE=4;BYSECOND=12``, in the same order (so
    COUNT and UNTIL mean the same), but dateutil finds each next instance of
    the SECONDLY form by stepping through up to 86,400 seconds. Only with
    INTERVAL=1 and without BYSETPOS (whose period would change).
    """
    freq = str(_first(rule.get("FREQ")) or "").upper()
    filters = _FILTERS.get(freq)
    if filters is None or "BYSETPOS" in rule or _int(_first(rule.get("INTERVAL")) or 1) != 1:
        return
    if not any(key in rule for key in filters):
        return
    full = {"BYHOUR": list(range(24)), "BYMINUTE": list(range(60)), "BYSECOND": list(range(60))}
    for key in filters:
        if key not in rule:
            rule[key] = full[key]
    rule["FREQ"] = ["DAILY"]


def _times_per_period(rule: Any) -> int:
    """How many times of day dateutil precomputes for one period of a DAILY or coarser rule."""
    if str(_first(rule.get("FREQ")) or "").upper() not in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY"):
        return 1
    size = 1
    for key in _TIME_PARTS:
        size *= max(1, len(_all(rule.get(key))))
    return size


_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _out_of_step(rule: Any, freq: str, start: datetime) -> bool:
    """Whether INTERVAL never lands on a BYDAY (DAILY) or BYMONTH (MONTHLY) the rule asks for.

    ``FREQ=DAILY;INTERVAL=7;BYDAY=MO`` from a Wednesday, or
    ``FREQ=MONTHLY;INTERVAL=12;BYMONTH=2`` from January, give nothing ever.
    """
    interval = max(1, _int(_first(rule.get("INTERVAL")) or 1))
    if freq == "DAILY" and "BYDAY" in rule:
        wanted = set()
        for day in _all(rule.get("BYDAY")):
            name = str(day)[-2:].upper()
            if name in _WEEKDAYS:
                wanted.add(_WEEKDAYS.index(name))
        reached = {(start.weekday() + interval * i) % 7 for i in range(7)}
        return bool(wanted) and not wanted & reached
    if freq == "MONTHLY" and "BYMONTH" in rule:
        months = {_int(m) for m in _all(rule.get("BYMONTH"))}
        reached = {(start.month - 1 + interval * i) % 12 + 1 for i in range(12)}
        return not months & reached
    return False


_STEP_SECONDS = {"HOURLY": 3600, "MINUTELY": 60, "SECONDLY": 1}
_FILTERS = {
    "HOURLY": ("BYHOUR",),
    "MINUTELY": ("BYHOUR", "BYMINUTE"),
    "SECONDLY": ("BYHOUR", "BYMINUTE", "BYSECOND"),
}


def _no_time_of_day(rule: Any, freq: str, start: datetime) -> bool:
    """Whether a sub-daily rule's steps never reach a time of day its BYHOUR… allow.

    ``FREQ=MINUTELY;INTERVAL=1440;BYHOUR=5`` from 09:00 is always 09:00. The
    times of day a step of INTERVAL reaches repeat within one day's worth of
    steps; dateutil instead searches until the year 9999 or raises midway.
    """
    step = _STEP_SECONDS.get(freq)
    if step is None:
        return False
    allowed = {key: {_int(v) for v in _all(rule.get(key))} for key in _FILTERS[freq] if key in rule}
    if not allowed:
        return False
    step *= max(1, _int(_first(rule.get("INTERVAL")) or 1))
    day = 24 * 60 * 60
    first = start.hour * 3600 + start.minute * 60 + start.second
    for i in range(day // math.gcd(step, day)):
        moment = (first + step * i) % day
        parts = {"BYHOUR": moment // 3600, "BYMINUTE": moment // 60 % 60, "BYSECOND": moment % 60}
        if all(parts[key] in values for key, values in allowed.items()):
            return False
    return True


def _largest_set(rule: Any, freq: str) -> int:
    """The most instances one period of *rule* can hold (for BYSETPOS)."""
    sizes = {key: max(1, len(_all(rule.get(key)))) for key in _TIME_PARTS}
    finer = {
        "SECONDLY": 1,
        "MINUTELY": sizes["BYSECOND"],
        "HOURLY": sizes["BYMINUTE"] * sizes["BYSECOND"],
    }
    if freq in finer:
        return finer[freq]
    times = sizes["BYHOUR"] * sizes["BYMINUTE"] * sizes["BYSECOND"]
    days = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}.get(freq, 366)
    if not any(key in rule for key in ("BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")):
        # dateutil takes the day of the month from DTSTART (and, YEARLY, the month
        # unless BYMONTH lists some): one day per period, or one per month listed.
        months = len(_all(rule.get("BYMONTH"))) if freq == "YEARLY" else 0
        days = max(1, months)
    elif freq == "WEEKLY" and "BYDAY" in rule:
        days = min(days, len(_all(rule.get("BYDAY"))))
    return days * times


def _never_matches(rule: Any, start: date | datetime) -> bool:
    """Whether the day-level parts of *rule* match no date at all.

    dateutil searches until the year 9999 for a date that a rule such as
    ``BYMONTH=2;BYMONTHDAY=30`` never gives, which takes seconds per rule at
    a sub-daily FREQ. The question is asked of a plain YEARLY (or MONTHLY)
    rule with the same day-level parts, started in the last 800 years before
    9999 on the same day of the 400-year Gregorian cycle, so the answer
    comes after at most 800 yearly steps.
    """
    moment = _as_datetime(start).replace(tzinfo=None)
    freq = str(_first(rule.get("FREQ")) or "").upper()
    pattern: Any = icalendar.vRecur({k: v for k, v in rule.items() if k not in ("UNTIL", "COUNT")})
    try:
        rrulestr(pattern.to_ical().decode(), dtstart=moment)
    except ValueError as error:
        # dateutil knows some empty rules (HOURLY;INTERVAL=24;BYHOUR=5 from 09:00).
        return "empty rule" in str(error) or "empty set" in str(error)
    except Exception:  # the expansion itself will report a rule dateutil refuses
        return False
    if _no_time_of_day(rule, freq, moment):
        return True
    parts = {k: v for k, v in rule.items() if k in _DAY_PARTS}
    if not parts:
        return False
    if _out_of_step(rule, freq, moment):
        return True
    if "BYSETPOS" in rule:
        # BYSETPOS picks the n-th instance of each period: beyond the largest set a
        # period can hold, it picks nothing, and dateutil would try every period.
        positions = [abs(_int(p)) for p in _all(rule.get("BYSETPOS"))]
        if positions and min(positions) > _largest_set(rule, freq):
            return True
    proxy: Any = icalendar.vRecur(parts)
    proxy["FREQ"] = freq if freq in ("YEARLY", "MONTHLY") else "YEARLY"
    if proxy["FREQ"] != freq:
        proxy.pop("BYSETPOS", None)
    else:
        for key in _TIME_PARTS:
            if key in rule:
                proxy[key] = rule[key]
    cycles = max(0, (9199 - moment.year + _CYCLE_YEARS - 1) // _CYCLE_YEARS)
    try:
        shifted = moment.replace(year=moment.year + cycles * _CYCLE_YEARS)
        return _matches_nothing(proxy.to_ical().decode(), shifted)
    except Exception:  # the expansion itself will report a rule dateutil refuses
        return False


@functools.lru_cache(maxsize=1024)
def _matches_nothing(rule: str, start: datetime) -> bool:
    return next(iter(rrulestr(rule, dtstart=start)), None) is None


def _instant_key(value: date | datetime) -> str:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(ZoneInfo("UTC")).isoformat()
    return value.isoformat()


def _sequence(event: icalendar.Event) -> int:
    try:
        return max(0, int(str(event.get("SEQUENCE", 0))))
    except ValueError:
        return 0


def _stamp(event: icalendar.Event) -> datetime:
    value = _dt(event.get("DTSTAMP"))
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=ZoneInfo("UTC"))
    return datetime(1, 1, 2, tzinfo=ZoneInfo("UTC"))


def _dt(prop: Any) -> Any:
    """The value of a date/time property, or None when absent or unreadable."""
    if prop is None or isinstance(prop, (vBroken, list)):
        return None
    return getattr(prop, "dt", None)


def _all(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def _address(value: str) -> str:
    return value[7:] if value[:7].lower() == "mailto:" else value


def _attendee(prop: Any) -> Attendee:
    params = getattr(prop, "params", {})
    email = _address(str(prop)).strip() or None
    if email is not None and email.lower().startswith(ATTENDEE_URN):
        email = None
    name = str(params.get("CN") or email or "")
    delegated_to = params.get("DELEGATED-TO")
    delegated_from = params.get("DELEGATED-FROM")
    return Attendee(
        name=name,
        email=email,
        role=ROLES.get(str(params.get("ROLE", "")).upper(), Role.REQUIRED),
        attendance=PARTSTATS.get(str(params.get("PARTSTAT", "")).upper(), Attendance.NEEDS_ACTION),
        delegated_to=_address(str(_first(delegated_to))) if delegated_to else None,
        delegated_from=_address(str(_first(delegated_from))) if delegated_from else None,
        person=str(params.get(PERSON_PARAM)) if params.get(PERSON_PARAM) else None,
    )


def _xtext(value: Any) -> str | None:
    """An X- property's value as text: icalendar keeps unknown values escaped."""
    if value is None:
        return None
    return _UNESCAPE.sub(_unescaped, str(_first(value)))


_UNESCAPE = re.compile(r"\\([\\;,nN])")


def _unescaped(match: re.Match[str]) -> str:
    char = match.group(1)
    return "\n" if char in "nN" else char


def _organiser(event: icalendar.Event) -> str | None:
    own = _xtext(event.get(ORGANISER))
    if own:
        return own
    prop = _first(event.get("ORGANIZER"))
    if prop is None:
        return None
    params = getattr(prop, "params", {})
    return str(params.get("CN") or _address(str(prop)).strip()) or None


def _extra(event: icalendar.Event) -> tuple[tuple[str, str], ...]:
    """The properties the model does not use, as (``NAME;PARAMS``, value as iCalendar text)."""
    pairs: list[tuple[str, str]] = []
    for name, value in event.items():
        if name in _USED:
            continue
        for prop in _all(value):
            params = getattr(prop, "params", None)
            head = str(name)
            if params:
                rendered = params.to_ical()
                if rendered:
                    head = (
                        f"{head};{rendered.decode() if isinstance(rendered, bytes) else rendered}"
                    )
            raw = prop.to_ical() if hasattr(prop, "to_ical") else str(prop)
            pairs.append((head, raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw))
    return tuple(pairs)


def _unknown_tzids(event: icalendar.Event) -> set[str]:
    unknown: set[str] = set()
    for name in _TIME_PROPERTIES:
        for prop in _all(event.get(name)):
            tzid = getattr(prop, "params", {}).get("TZID")
            if not tzid:
                continue
            values = getattr(prop, "dts", None)
            moments = [v.dt for v in values] if values is not None else [getattr(prop, "dt", None)]
            for moment in moments:
                if isinstance(moment, tuple):
                    moment = moment[0]
                if isinstance(moment, datetime) and moment.tzinfo is None:
                    unknown.add(str(tzid))
    return unknown


def _is_recurring(events: list[icalendar.Event]) -> bool:
    return (
        any("RRULE" in e or "RDATE" in e or "RECURRENCE-ID" in e for e in events) or len(events) > 1
    )


def _as_datetime(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(0))


def _shifted(event: icalendar.Event, by: timedelta) -> icalendar.Event:
    """A copy of *event* starting *by* later (whole periods of its rule)."""
    moved = event.copy()
    for sub in event.subcomponents:
        moved.add_component(sub)
    start = event.start
    end = event.end if "DTEND" in event else None
    moved.pop("DTSTART")
    moved.add("DTSTART", start + by)
    if end is not None:
        moved.pop("DTEND")
        moved.add("DTEND", end + by)
    return moved


def _sort_key(occurrence: Occurrence, tz: tzinfo) -> tuple[datetime, datetime, bool]:
    """The order of a series' occurrences: start instant, then RECURRENCE-ID.

    recurring-ical-events yields the rule's instances in the rule's order, but
    the overrides it does not meet on the rule come from a set of adapters
    hashed by ``id()``, in an order that differs from one read to the next.
    The overrides of one series never share a RECURRENCE-ID (only the latest
    version of each is kept), so with it the order, and which occurrences the
    cap keeps, no longer depend on that.
    """
    rid = occurrence.recurrence_id
    if rid is None:
        return occurrence.instants(tz)[0], _FIRST, False
    if isinstance(rid, datetime):
        return occurrence.instants(tz)[0], rid, True
    return occurrence.instants(tz)[0], datetime.combine(rid, time(0), tzinfo=tz), False


_FIRST = datetime(1, 1, 1, tzinfo=ZoneInfo("UTC"))


def read_merged_ics(source: IcsInput, *, pack: Pack | None = None) -> MergedCalendar:
    """Read a feed written by :func:`write_ics` back as a merged calendar (a snapshot).

    For ``--previous OLD.ics``: late changes are found by comparing the
    current merged calendar with this one. Each VEVENT becomes one
    :class:`~coordrules.MergedOccurrence` whose ``id`` is its UID without
    ``@coordrules``; its ``copies`` come from the ``X-COORDRULES-COPY`` lines
    (the occurrence with each copy's source, UID and RECURRENCE-ID), or the
    occurrence itself when there are none. The ``⚠`` marker and the findings
    block the writer added are removed. Problems are in ``sources[0].problems``.

    Raises :class:`~coordrules.InputError` as :func:`read_ics` does.
    """
    policy = pack.policy if pack is not None else CalendarPolicy()
    label, data, stem = _load(source, policy.max_feed_bytes)
    calendar = read_ics(data, name=stem, window=(date(1, 1, 2), date(9999, 12, 30)), pack=pack)
    copies = _copies(data)
    merged: list[MergedOccurrence] = []
    for occurrence in calendar.occurrences:
        made = tuple(
            attrs.evolve(occurrence, source=src, uid=uid, recurrence_id=rid)
            for src, uid, rid in copies.get(occurrence.uid, ())
        )
        merged.append(
            MergedOccurrence(
                id=id_from_uid(occurrence.uid),
                occurrence=occurrence,
                copies=made or (occurrence,),
            )
        )
    source_calendar = attrs.evolve(
        calendar,
        path=label if isinstance(source, (str, os.PathLike)) else None,
        problems=tuple(attrs.evolve(p, file=label) for p in calendar.problems),
    )
    return MergedCalendar(occurrences=tuple(merged), sources=(source_calendar,))


def _copies(data: bytes) -> dict[str, list[tuple[str, str, date | datetime | None]]]:
    """UID → (source, uid, recurrence id) of each ``X-COORDRULES-COPY`` line."""
    found: dict[str, list[tuple[str, str, date | datetime | None]]] = defaultdict(list)
    try:
        calendars = _FeedCalendar.from_ical(data.decode("utf-8", "replace"), multiple=True)
    except Exception:  # already reported by read_ics
        return found
    for calendar in calendars:
        for event in calendar.walk("VEVENT"):
            uid = str(event.get("UID", ""))
            for prop in _all(event.get(COPY)):
                try:
                    src, copy_uid, rid = json.loads(_xtext(prop) or "")
                    moment = None if rid is None else _iso(str(rid))
                    found[uid].append((str(src), str(copy_uid), moment))
                except (ValueError, TypeError):
                    continue
    return found


def _iso(text: str) -> date | datetime:
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
