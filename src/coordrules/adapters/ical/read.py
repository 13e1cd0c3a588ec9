"""Reading iCalendar feeds (RFC 5545) into :class:`~coordrules.SourceCalendar`.

What this module promises (details in ``docs/reference/ical.md``):

* ``icalendar`` parses, ``x-wr-timezone`` standardises Google-style feeds first,
  ``recurring-ical-events`` expands RRULE, RDATE, EXDATE and RECURRENCE-ID
  overrides, only inside the window and at most ``series_cap`` occurrences per
  series. Dense rules (``FREQ=SECONDLY`` without end) are fast-forwarded to
  the window and expanded over a bounded horizon, so reading never hangs.
* A component that cannot be used becomes an ``import-problem`` finding with
  the file, the place (UID or line) and the reason; the rest of the feed is
  used. Input that is not iCalendar at all is an :class:`~coordrules.InputError`.
* Times: IANA and Windows zone names and VTIMEZONE definitions are resolved
  by ``icalendar``; a TZID that resolves to nothing is a problem, never a
  silent naive time; floating times are read in the pack's time zone.
"""

from __future__ import annotations

import hashlib
import json
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
from recurring_ical_events.adapters.event import EventAdapter
from recurring_ical_events.series import Series

from coordrules.adapters.ical.common import (
    ATTENDEE_URN,
    COPY,
    DESCRIPTION_RULE,
    FINDING,
    KIND,
    MARKER,
    ORGANISER,
    PERSON_PARAM,
    PREPARING_UNIT,
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
from coordrules.packs.pack import CalendarPolicy, Pack

Source = str | os.PathLike[str] | bytes | BinaryIO
"""What :func:`read_ics` reads: a path, the bytes of a feed, or a binary file object."""

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
_TIME_PROPERTIES = ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE")
_VITAL = frozenset({"DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "RRULE", "RDATE", "EXDATE"})

_ROLES = {
    "CHAIR": Role.CHAIR,
    "REQ-PARTICIPANT": Role.REQUIRED,
    "OPT-PARTICIPANT": Role.OPTIONAL,
    "NON-PARTICIPANT": Role.NON_PARTICIPANT,
}
_PARTSTATS = {
    "NEEDS-ACTION": Attendance.NEEDS_ACTION,
    "ACCEPTED": Attendance.ACCEPTED,
    "DECLINED": Attendance.DECLINED,
    "TENTATIVE": Attendance.TENTATIVE,
    "DELEGATED": Attendance.DELEGATED,
}
_STATUSES = {
    "CONFIRMED": Status.CONFIRMED,
    "TENTATIVE": Status.TENTATIVE,
    "CANCELLED": Status.CANCELLED,
}

# Fixed-length frequencies (in wall-clock time) whose start can be moved
# forward by whole periods without changing the set of occurrences.
_PERIODS = {
    "SECONDLY": timedelta(seconds=1),
    "MINUTELY": timedelta(minutes=1),
    "HOURLY": timedelta(hours=1),
    "DAILY": timedelta(days=1),
    "WEEKLY": timedelta(weeks=1),
}
_FAST_FORWARD_AFTER = 10_000
"""A rule more than this many periods before the window is moved up to it."""
_MIN_HORIZON_PERIODS = 10_000
"""A dense rule is expanded over at most max(this, 10 × cap) periods of the window."""
_COUNT_LIMIT = 1_000_000
"""A COUNT rule that must iterate more than this to reach the window is refused."""


def read_ics(
    source: Source,
    *,
    name: str | None = None,
    window: tuple[date, date],
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
    cap (or the density guard) cut. Cancelled occurrences are kept with status
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


def _load(source: Source, limit: int, name: str | None = None) -> tuple[str, bytes, str]:
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
        self._static: dict[int, _Static] = {}

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
        head = body[:15].upper()
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
        try:
            parsed = icalendar.Calendar.from_ical(text, multiple=True)
        except Exception as error:  # icalendar raises ValueError and others on garbage
            raise InputError(
                self.file,
                f"cannot be parsed as iCalendar: {error}",
                reason_vi="không đọc được dữ liệu iCalendar",
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
        occurrences: list[Occurrence] = []
        for calendar in calendars:
            occurrences.extend(self._read_calendar(calendar))
        return occurrences

    def _read_calendar(self, calendar: icalendar.Calendar) -> list[Occurrence]:
        for prop, reason in calendar.errors:
            self.problem(
                "VCALENDAR",
                f"unreadable property {prop}: {reason}",
                f"thuộc tính {prop} lỗi: {reason}",
            )
        try:
            calendar = x_wr_timezone.to_standard(calendar)
        except Exception as error:
            self.problem(
                "X-WR-TIMEZONE",
                f"could not apply X-WR-TIMEZONE: {error}",
                f"không áp dụng được X-WR-TIMEZONE: {error}",
            )
        self._report_unused_components(calendar)
        by_uid: dict[str, list[icalendar.Event]] = defaultdict(list)
        for number, event in enumerate(calendar.walk("VEVENT"), start=1):
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
        occurrences: list[Occurrence] = []
        for uid, events in by_uid.items():
            occurrences.extend(self._expand(uid, events))
        return occurrences

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
        for prop, reason in event.errors:
            if prop in _VITAL:
                fatal.append(f"{prop}: {reason}")
            else:
                self.problem(
                    place,
                    f"property {prop} could not be read and is kept as text: {reason}",
                    f"không đọc được thuộc tính {prop}, giữ nguyên dạng văn bản: {reason}",
                )
        if fatal:
            self._unusable(place, "; ".join(fatal))
            return False
        if "DTSTART" not in event:
            self._unusable(place, "no DTSTART")
            return False
        unknown = _unknown_tzids(event)
        if unknown:
            self._unusable(
                place,
                f"unknown time zone TZID={', '.join(sorted(unknown))} "
                "(neither IANA, Windows nor defined by a VTIMEZONE)",
                vi=f"múi giờ không xác định TZID={', '.join(sorted(unknown))}",
            )
            return False
        try:
            start = event.start
            end = event.end
        except Exception as error:  # icalendar: InvalidCalendar, IncompleteComponent …
            self._unusable(place, str(error) or type(error).__name__)
            return False
        if isinstance(start, datetime) != isinstance(end, datetime):
            self._unusable(place, "DTSTART and DTEND differ in type (DATE and DATE-TIME)")
            return False
        try:
            backwards = end < start
        except TypeError:
            self._unusable(place, "DTSTART and DTEND cannot be compared (floating and zoned)")
            return False
        if backwards:
            self._unusable(
                place, f"ends ({end.isoformat()}) before it starts ({start.isoformat()})"
            )
            return False
        return True

    def _unusable(self, place: str, en: str, *, vi: str | None = None) -> None:
        self.problem(
            place,
            f"event not used: {en}",
            f"sự kiện không dùng được: {vi or en}",
        )

    # -- expansion ------------------------------------------------------------

    def _expand(self, uid: str, events: list[icalendar.Event]) -> list[Occurrence]:
        place = f"UID {uid}"
        bounded, horizon = self._bound(events, place)
        if bounded is None:
            return []
        try:
            series = Series([EventAdapter(e) for e in bounded])
            found = list(series.between(self.start, horizon))
        except Exception as error:  # recurring-ical-events raises many kinds on broken rules
            self._unusable(place, f"recurrence cannot be expanded: {error or type(error).__name__}")
            return []
        results: list[Occurrence] = []
        recurring = _is_recurring(bounded)
        for item in found:
            try:
                results.append(self._occurrence(item, recurring))
            except Exception as error:
                self._unusable(place, f"occurrence cannot be read: {error or type(error).__name__}")
                return []
        results.sort(key=lambda o: _sort_instant(o, self.tz))
        cut = results[self.cap :]
        results = results[: self.cap]
        dense = horizon < self.stop
        if cut or dense:
            en: list[str] = []
            vi: list[str] = []
            if cut:
                en.append(
                    f"the series has {len(cut) + self.cap} occurrences in the window; only the "
                    f"first {self.cap} are kept, {len(cut)} cut from {cut[0].start.isoformat()}"
                )
                vi.append(
                    f"chuỗi lịch lặp có {len(cut) + self.cap} lần trong khoảng thời gian; chỉ giữ "
                    f"{self.cap} lần đầu, cắt {len(cut)} lần từ {cut[0].start.isoformat()}"
                )
            if dense:
                en.append(f"the rule is too dense: expanded only until {horizon.isoformat()}")
                vi.append(f"quy tắc lặp quá dày: chỉ khai triển đến {horizon.isoformat()}")
            self.problem(
                place,
                "; ".join(en),
                "; ".join(vi),
                code="recurrence-capped",
                cap=self.cap,
                cut=len(cut),
                first_cut=cut[0].start.isoformat() if cut else None,
                stopped_at=horizon.isoformat() if dense else None,
            )
        return results

    def _bound(
        self, events: list[icalendar.Event], place: str
    ) -> tuple[list[icalendar.Event] | None, datetime]:
        """Events with a dense master moved up to the window, and the expansion horizon."""
        horizon = self.stop
        masters = [e for e in events if "RECURRENCE-ID" not in e and "RRULE" in e]
        if len(masters) != 1:
            return events, horizon
        master = masters[0]
        rules = master.get("RRULE")
        if isinstance(rules, list):
            if len(rules) != 1:
                return events, horizon
            rules = rules[0]
        freq = _first(rules.get("FREQ"))
        period = _PERIODS.get(str(freq).upper()) if freq else None
        if period is None:
            return events, horizon
        try:
            interval = int(_first(rules.get("INTERVAL")) or 1)
        except (TypeError, ValueError):
            interval = 1
        period *= max(1, interval)
        start = master.start
        window_start = self._comparable(self.start, start)
        ahead = window_start - _as_datetime(start)
        moved = master
        if ahead > period * _FAST_FORWARD_AFTER:
            if rules.get("COUNT") is not None:
                if ahead > period * _COUNT_LIMIT:
                    self._unusable(
                        place,
                        "recurrence with COUNT starts too long before the window to expand safely",
                    )
                    return None, horizon
            else:
                duration = _as_datetime(master.end) - _as_datetime(start)
                steps = (ahead - duration - period) // period
                if steps > 0:
                    moved = _shifted(master, period * steps)
        span = max(_MIN_HORIZON_PERIODS, 10 * self.cap)
        # Measured from where the series first meets the window, not the window
        # start: a dense series that begins mid-window still gets its span.
        first = _as_datetime(start)
        if first.tzinfo is None:
            first = first.replace(tzinfo=self.tz)
        begin = max(self.start, first)
        if (self.stop - begin) > period * span:
            horizon = begin + period * span
        if moved is master:
            return events, horizon
        return [moved if e is master else e for e in events], horizon

    def _comparable(self, moment: datetime, like: date | datetime) -> datetime:
        if isinstance(like, datetime) and like.tzinfo is None:
            return moment.astimezone(self.tz).replace(tzinfo=None)
        if not isinstance(like, datetime):
            return moment.replace(tzinfo=None)
        return moment

    # -- mapping --------------------------------------------------------------

    def _occurrence(self, item: Any, recurring: bool) -> Occurrence:
        component: icalendar.Event = item._adapter._component
        static = self._static.get(id(component))
        if static is None:
            static = self._static[id(component)] = _Static.of(component, self.tz)
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
        self.status = _STATUSES.get(str(event.get("STATUS", "")).strip().upper(), Status.CONFIRMED)
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
        role=_ROLES.get(str(params.get("ROLE", "")).upper(), Role.REQUIRED),
        attendance=_PARTSTATS.get(str(params.get("PARTSTAT", "")).upper(), Attendance.NEEDS_ACTION),
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


def _sort_instant(occurrence: Occurrence, tz: tzinfo) -> datetime:
    return occurrence.instants(tz)[0]


def read_merged_ics(source: Source, *, pack: Pack | None = None) -> MergedCalendar:
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
        calendars = icalendar.Calendar.from_ical(data.decode("utf-8", "replace"), multiple=True)
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
