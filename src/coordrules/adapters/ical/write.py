"""Writing merged calendars as iCalendar subscription feeds (RFC 5545, RFC 7986).

The writer assembles content lines itself, with ``icalendar``'s own escaping,
parameter quoting and octet-aware folding, and takes each VTIMEZONE from
``icalendar``. Output depends only on the input and the caller's clock
(``dtstamp``): the same input gives the same bytes. What is written, and how
findings appear in a feed, is documented in ``docs/reference/ical.md``.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import json
import re
import unicodedata
import zoneinfo
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import attrs
import icalendar
from icalendar.parser import Parameters
from icalendar.parser.property import unescape_backslash
from icalendar.prop import vDuration

from coordrules._version import __version__
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
    uid_for,
)
from coordrules.model.deprecation import deprecated_parameters
from coordrules.model.errors import InputError
from coordrules.model.events import (
    Attendee,
    MergedCalendar,
    MergedOccurrence,
    Occurrence,
    Status,
    Transparency,
)
from coordrules.model.findings import Finding, Report, Severity, SubjectKind, finding_sort_key
from coordrules.model.org import Organisation
from coordrules.model.text import normalise_text
from coordrules.rules.offices import bodies_of

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_KEEP_NEWLINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NAME = re.compile(r"^[A-Za-z0-9-]+$")
_SEPARATOR = r"\s<>()\[\]«»,;:\"'/\\"
_EMAIL = re.compile(
    rf"(?:mailto:)?[^{_SEPARATOR}@]+@[^{_SEPARATOR}@]*[^{_SEPARATOR}@.]", re.IGNORECASE
)
"""An e-mail address inside a message (``a@b``; a sentence's full stop is not part of it)."""
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

_ROLES = {role: text for text, role in ROLES.items()}
_PARTSTATS = {answer: text for text, answer in PARTSTATS.items()}
_STATUS = {status: text for text, status in STATUSES.items()}

# Lines that change on every export or that the writer sets itself; they do
# not count when deciding whether an event changed (LAST-MODIFIED).
_VOLATILE = ("DTSTAMP", "SEQUENCE", "LAST-MODIFIED")

DEFAULT_REFRESH = timedelta(hours=1)
"""How often subscribers are asked to refresh (REFRESH-INTERVAL, X-PUBLISHED-TTL)."""

_DEFAULT_ZONE = "Asia/Ho_Chi_Minh"
"""The zone of the VTIMEZONE in a feed without events when the calendar has no zone."""


class FeedPrivacy(enum.StrEnum):
    """What a published feed shows (``docs/howto-publish-feeds.md`` lists it all).

    Pass it as ``privacy=`` to :func:`write_ics`, :func:`feeds_per_person`
    and :func:`feeds_per_body`.
    """

    FULL = "full"
    """Everything: every attendee's e-mail, the source copies (names, UIDs), the
    source's other properties. For the offices' own merged feed and for
    :func:`~coordrules.read_merged_ics`; the default of :func:`write_ics`."""
    STANDARD = "standard"
    """For leaders' and bodies' feeds (the default of :func:`feeds_per_person`
    and :func:`feeds_per_body`): titles, times, venue, description, attendees
    by name, findings; no e-mail address but the feed owner's own, no source
    names or UIDs, none of the source's other properties."""
    BUSY_ONLY = "busy-only"
    """For feeds shared beyond the offices: times and free/busy only; every
    title is ``Bận / Busy``; cancelled occurrences are left out."""


BUSY_TITLE = "Bận / Busy"
"""The SUMMARY of every event of a :attr:`FeedPrivacy.BUSY_ONLY` feed."""


@deprecated_parameters(renamed={"previous": "published"})
def write_ics(
    calendar: MergedCalendar,
    *,
    name: str,
    dtstamp: datetime,
    report: Report | None = None,
    select: Callable[[MergedOccurrence], bool] | None = None,
    published: bytes | None = None,
    refresh: timedelta = DEFAULT_REFRESH,
    privacy: FeedPrivacy = FeedPrivacy.FULL,
) -> bytes:
    """The merged calendar as one iCalendar subscription feed (``METHOD:PUBLISH``).

    Arguments:
        calendar: the merged calendar; each occurrence becomes one VEVENT with
            ``UID:<id>@coordrules``, its source copies in ``X-COORDRULES-COPY``.
        name: the feed's name (``NAME`` and ``X-WR-CALNAME``).
        dtstamp: the caller's clock (timezone-aware), written as DTSTAMP and as
            LAST-MODIFIED of events new or changed since *published*.
        report: findings to carry in the feed (default: ``calendar.findings``).
            Each finding naming an occurrence becomes an ``X-COORDRULES-FINDING``
            line and a block at the end of DESCRIPTION; errors and warnings
            also put ``⚠`` before SUMMARY.
        select: only occurrences for which this returns true are written.
        published: the bytes of this feed as published before: an event whose
            start, end or status changed (RFC 5546 significant properties) gets
            a higher SEQUENCE; an unchanged one keeps SEQUENCE and
            LAST-MODIFIED. (Called ``previous`` before 0.2.0; that spelling
            warns until 0.3.0. ``previous`` is now only the earlier *merged
            calendar* that :func:`~coordrules.check_calendar` compares with.)
        refresh: REFRESH-INTERVAL and X-PUBLISHED-TTL.
        privacy: what the feed shows (:class:`FeedPrivacy`); ``FULL`` by
            default. ``STANDARD`` here shows no e-mail address at all.

    The output is byte-identical for the same input and ``dtstamp``. Raises
    :class:`~coordrules.InputError` when *published* cannot be read, and
    :class:`ValueError` when *dtstamp* is naive.
    """
    if dtstamp.tzinfo is None:
        raise ValueError("dtstamp must be timezone-aware")
    chosen = [m for m in calendar.occurrences if select is None or select(m)]
    findings = report.findings if report is not None else calendar.findings
    by_id = _findings_by_occurrence(findings)
    feed = _Feed(privacy, _Cache(), None, zone=_main_zone(calendar))
    return _write(chosen, name, dtstamp, lambda m: by_id.get(m.id, ()), published, refresh, feed)


@deprecated_parameters(renamed={"previous": "published"})
def feeds_per_person(
    calendar: MergedCalendar,
    org: Organisation,
    *,
    dtstamp: datetime,
    report: Report | None = None,
    published: Mapping[str, bytes] | None = None,
    refresh: timedelta = DEFAULT_REFRESH,
    title: str = "Lịch công tác — {name}",
    privacy: FeedPrivacy = FeedPrivacy.STANDARD,
) -> dict[str, bytes]:
    """One feed per person (lịch công tác của từng lãnh đạo), keyed by person id.

    Every person of the directory gets a feed, an empty one (a valid
    VCALENDAR without events) when they are due nowhere; so does any other
    person id an attendee carries. A person's feed holds every occurrence
    where they are due (:meth:`MergedCalendar.for_person` with *org*: an
    attendee who has not declined or delegated, the delegate named in
    ``DELEGATED-TO``, or the organiser) and only the findings that concern
    them: those naming them as a subject, and those about a meeting as a
    whole (naming no person). *privacy* decides what else it shows
    (:class:`FeedPrivacy`; by default ``STANDARD``: their own e-mail address,
    nobody else's, and no source UIDs). *published* maps person ids to their
    feeds as published before (for SEQUENCE); *title* is formatted with the person's
    ``name``. Other arguments as :func:`write_ics`.
    """
    groups: dict[str, list[MergedOccurrence]] = {p.id: [] for p in org.directory.people}
    for merged in calendar.occurrences:
        for person in merged.occurrence.people_due(org):
            groups.setdefault(person, []).append(merged)
    names = {pid: (p.name if (p := org.person(pid)) else pid) for pid in groups}
    cache = _Cache()
    people = _People(org, cache)
    zone = _main_zone(calendar)
    by_id = _findings_by_occurrence(report.findings if report is not None else calendar.findings)
    out: dict[str, bytes] = {}
    for key in sorted(groups):

        def concerning(merged: MergedOccurrence, key: str = key) -> list[Finding]:
            day = _day(merged.occurrence)
            return [
                f
                for f in by_id.get(merged.id, ())
                if people.concerns(f, day, lambda p, key=key: p == key)  # type: ignore[misc]
            ]

        feed = _Feed(privacy, cache, key, people, zone)
        earlier = None if published is None else published.get(key)
        name = title.format(name=names[key])
        out[key] = _write(groups[key], name, dtstamp, concerning, earlier, refresh, feed)
    return out


@deprecated_parameters(renamed={"previous": "published"})
def feeds_per_body(
    calendar: MergedCalendar,
    org: Organisation,
    *,
    dtstamp: datetime,
    report: Report | None = None,
    published: Mapping[str, bytes] | None = None,
    refresh: timedelta = DEFAULT_REFRESH,
    title: str = "Lịch công tác — {name}",
    privacy: FeedPrivacy = FeedPrivacy.STANDARD,
) -> dict[str, bytes]:
    """One feed per body (Tỉnh ủy, HĐND, UBND …), keyed by body id.

    Every body of *org* gets a feed, an empty one when nothing belongs to it.
    An occurrence belongs to a body when its meeting kind is that body's, when
    its organiser names the body (id, name or alias), or when one of its due
    attendees holds a position in the body on the date. A body's feed carries
    the findings about its meetings as a whole and those about people who
    hold a position in it on the date. With ``STANDARD`` privacy (the
    default) it shows no e-mail address. Arguments as :func:`feeds_per_person`.
    """
    groups: dict[str, list[MergedOccurrence]] = {b.id: [] for b in org.bodies}
    for merged in calendar.occurrences:
        for body in bodies_of(merged.occurrence, org):
            groups.setdefault(body, []).append(merged)
    names = {bid: (b.name if (b := org.body(bid)) else bid) for bid in groups}
    cache = _Cache()
    people = _People(org, cache)
    zone = _main_zone(calendar)
    by_id = _findings_by_occurrence(report.findings if report is not None else calendar.findings)
    out: dict[str, bytes] = {}
    for key in sorted(groups):

        def concerning(merged: MergedOccurrence, key: str = key) -> list[Finding]:
            day = _day(merged.occurrence)

            def member(person: str) -> bool:
                return any(p.body == key for p in org.positions_of(person, day))

            return [f for f in by_id.get(merged.id, ()) if people.concerns(f, day, member)]

        feed = _Feed(privacy, cache, None, people, zone)
        earlier = None if published is None else published.get(key)
        name = title.format(name=names[key])
        out[key] = _write(groups[key], name, dtstamp, concerning, earlier, refresh, feed)
    return out


class _Cache:
    """What every feed of one call shares: attendee lines, people resolved."""

    def __init__(self) -> None:
        self.attendee_lines: dict[tuple[Attendee, bool, bool, bool], str] = {}
        self.resolved: dict[tuple[str, date], str | None] = {}


class _People:
    """Person ids of subjects and attendees, resolved through the directory once."""

    def __init__(self, org: Organisation, cache: _Cache) -> None:
        self.org = org
        self.cache = cache

    def resolve(self, text: str, on: date) -> str | None:
        key = (text, on)
        if key not in self.cache.resolved:
            if self.org.person(text) is not None:
                found: str | None = text
            else:
                person = self.org.resolve_person(text, on)
                found = None if person is None else person.id
            self.cache.resolved[key] = found
        return self.cache.resolved[key]

    def attendee(self, attendee: Attendee, on: date) -> str | None:
        if attendee.person is not None:
            return attendee.person
        for text in (attendee.email, attendee.name):
            if text:
                found = self.resolve(text, on)
                if found is not None:
                    return found
        return None

    def concerns(self, finding: Finding, on: date, member: Callable[[str], bool]) -> bool:
        """Whether *finding* is about the meeting as a whole or about a *member*."""
        named = [
            subject
            for kind, subject in zip(finding.subject_kinds, finding.subjects, strict=True)
            if kind is SubjectKind.PERSON
        ]
        if not named:
            return True
        for subject in named:
            person = subject if self.org.person(subject) is not None else self.resolve(subject, on)
            if member(subject) or (person is not None and member(person)):
                return True
        return False


class _Feed:
    """How one feed is written: its privacy, its owner (a person id) and shared caches."""

    def __init__(
        self,
        privacy: FeedPrivacy,
        cache: _Cache,
        owner: str | None,
        people: _People | None = None,
        zone: str = _DEFAULT_ZONE,
    ) -> None:
        self.privacy = privacy
        self.cache = cache
        self.owner = owner
        self.people = people
        self.zone = zone

    def shows_email(self, attendee: Attendee, on: date) -> bool:
        """Whether this attendee's e-mail address may appear in the feed."""
        if self.privacy is FeedPrivacy.FULL:
            return True
        if self.owner is None or self.people is None or not attendee.email:
            return False
        return self.people.attendee(attendee, on) == self.owner

    def message(self, finding: Finding, on: date) -> str:
        """The finding's message, ``vi / en``, with the addresses the feed may not show hidden.

        Messages quote what the sources say (a delegate given by e-mail): an
        address that is not the owner's becomes the person's name when the
        directory knows it, else ``(e-mail ẩn / hidden)``.
        """
        text = f"{_clean(finding.message.vi)} / {_clean(finding.message.en)}"
        if self.privacy is FeedPrivacy.FULL or "@" not in text:
            return text
        return _EMAIL.sub(lambda m: self._hidden(m.group(0), on), text)

    def _hidden(self, address: str, on: date) -> str:
        if self.shows_address(address, on):
            return address
        person = None if self.people is None else self.people.resolve(address, on)
        record = None if person is None or self.people is None else self.people.org.person(person)
        return record.name if record is not None else "(e-mail ẩn / hidden)"

    def shows_address(self, text: str, on: date) -> bool:
        """Whether an address (organiser, delegate) may appear as it is."""
        if self.privacy is FeedPrivacy.FULL or "@" not in text:
            return True
        if self.owner is None or self.people is None:
            return False
        return self.people.resolve(text, on) == self.owner


def _write(
    chosen: list[MergedOccurrence],
    name: str,
    dtstamp: datetime,
    findings_of: Callable[[MergedOccurrence], Iterable[Finding]],
    previous: bytes | None,
    refresh: timedelta,
    feed: _Feed,
) -> bytes:
    """One feed of the *chosen* occurrences."""
    if dtstamp.tzinfo is None:
        raise ValueError("dtstamp must be timezone-aware")
    busy = feed.privacy is FeedPrivacy.BUSY_ONLY
    if busy:
        chosen = [m for m in chosen if m.occurrence.status is not Status.CANCELLED]
    chosen = sorted(chosen, key=_order)
    before = _previous_events(previous) if previous is not None else {}
    stamp = _utc_text(dtstamp)
    zones: dict[str, ZoneInfo] = {}
    events: list[str] = []
    span: list[date] = []
    for merged in chosen:
        if busy:
            events.append(_busy_event(merged, name, stamp, before, zones, span))
        else:
            found = findings_of(merged)
            events.append(_event(merged, stamp, found, before, zones, span, feed))
    out: list[str] = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//coordrules//coordrules {__version__}//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        _line("NAME", _text(_clean(name))),
        _line("X-WR-CALNAME", _text(_clean(name))),
        f"REFRESH-INTERVAL;VALUE=DURATION:{_duration(refresh)}",
        f"X-PUBLISHED-TTL:{_duration(refresh)}",
    ]
    if not events:
        # RFC 5545 wants at least one component: an empty feed gets its zone.
        zones[feed.zone] = ZoneInfo(feed.zone)
        span.append(dtstamp.date())
    out.extend(_timezones(zones, span))
    out.extend(events)
    out.append("END:VCALENDAR")
    return ("\r\n".join(out) + "\r\n").encode("utf-8")


def _main_zone(calendar: MergedCalendar) -> str:
    """The zone of the calendar's first timed occurrence, else ``Asia/Ho_Chi_Minh``."""
    for merged in calendar.occurrences:
        start = merged.occurrence.start
        if isinstance(start, datetime) and start.tzinfo is not None:
            key = _zone_key(start.tzinfo)
            if key is not None:
                return key
    return _DEFAULT_ZONE


# -- membership ---------------------------------------------------------------


def _day(occurrence: Occurrence) -> date:
    start = occurrence.start
    return start.date() if isinstance(start, datetime) else start


# -- one event ----------------------------------------------------------------


def _order(merged: MergedOccurrence) -> tuple[str, str]:
    start = merged.occurrence.start
    if isinstance(start, datetime) and start.tzinfo is not None:
        key = start.astimezone(UTC).strftime("%Y%m%dT%H%M%S")
    elif isinstance(start, datetime):
        key = start.strftime("%Y%m%dT%H%M%S")
    else:
        key = start.strftime("%Y%m%d") + "T000000"
    return (key, merged.id)


def _findings_by_occurrence(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    by_id: dict[str, list[Finding]] = defaultdict(list)
    seen: set[tuple[str, int]] = set()
    for finding in sorted(findings, key=finding_sort_key):
        for ref in finding.occurrences:
            if (ref.id, id(finding)) not in seen:
                seen.add((ref.id, id(finding)))
                by_id[ref.id].append(finding)
    return by_id


class _Previous:
    """One event of the previously published feed."""

    __slots__ = ("end", "last_modified", "lines", "sequence", "start", "status")

    def __init__(
        self,
        start: object,
        end: object,
        status: str,
        sequence: int,
        last_modified: str | None,
        lines: tuple[str, ...],
    ) -> None:
        self.start = start
        self.end = end
        self.status = status
        self.sequence = sequence
        self.last_modified = last_modified
        self.lines = lines


def _previous_events(data: bytes) -> dict[str, _Previous]:
    """UID → what the earlier feed said.

    Our own output is read straight from its lines (:func:`_scanned_previous`);
    a feed with any line that route does not understand (edited or replaced
    by the user) is parsed with icalendar instead (:func:`_parsed_previous`).
    Both give the same values (``tests/test_ical_republish.py``).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _unreadable(error) from error
    found = _scanned_previous(text) if FAST_PREVIOUS else None
    return found if found is not None else _parsed_previous(text)


def _unreadable(error: Exception) -> InputError:
    return InputError(
        "<previous feed>",
        f"the previous feed cannot be read: {error}",
        reason_vi="không đọc được lịch đã phát hành trước",
    )


def _parsed_previous(text: str) -> dict[str, _Previous]:
    """UID → what the earlier feed said (parsed with icalendar, lines for comparison)."""
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as error:  # icalendar raises ValueError and others on garbage
        raise _unreadable(error) from error
    raw = _raw_events(text)
    found: dict[str, _Previous] = {}
    for calendar in calendars:
        for event in calendar.walk("VEVENT"):
            if not isinstance(event, icalendar.Event):
                continue
            uid = str(event.get("UID", ""))
            try:
                start: object = _comparable(event.start)
                end: object = _comparable(event.end)
            except Exception:
                start = end = None
            try:
                sequence = int(str(event.get("SEQUENCE", 0)))
            except ValueError:
                sequence = 0
            found[uid] = _Previous(
                start,
                end,
                str(event.get("STATUS", "CONFIRMED")).upper(),
                sequence,
                _modified_text(event.get("LAST-MODIFIED")),
                raw.get(uid, ()),
            )
    return found


def _modified_text(value: object) -> str | None:
    """LAST-MODIFIED as the writer may write it again: a UTC date-time, else None.

    A value repeated, broken, floating or a date is not kept (the event then
    gets the new stamp), so nothing the writer does not write comes back.
    """
    try:
        moment = getattr(value, "dt", None)
    except icalendar.error.BrokenCalendarProperty:  # a value icalendar could not parse
        return None
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        return _utc_text(moment)
    return None


def _lines(text: str) -> list[str]:
    """The unfolded content lines of *text*.

    Split at CRLF, LF or CR only: not at the other line ends ``str.splitlines``
    knows (U+2028, U+0085 …), which are text inside a value.
    """
    return _NEWLINE.split(_UNFOLD.sub("", text))


def _raw_events(text: str) -> dict[str, tuple[str, ...]]:
    """UID → the unfolded content lines of each VEVENT, without the volatile ones."""
    events: dict[str, tuple[str, ...]] = {}
    current: list[str] | None = None
    uid = ""
    for line in _lines(text):
        if line == "BEGIN:VEVENT":
            current, uid = [], ""
        elif line == "END:VEVENT" and current is not None:
            events[uid] = tuple(current)
            current = None
        elif current is not None:
            if line.startswith("UID:"):
                uid = _unescape(line[4:])
            if not line.startswith(_VOLATILE):
                current.append(line)
    return events


def _unescape(value: str) -> str:
    """A TEXT value as icalendar reads it."""
    return unescape_backslash(value) if "\\" in value else value


# -- the previous feed, read straight from its lines ------------------------------

FAST_PREVIOUS = True
"""Whether a previously published feed of our own shape is read without icalendar
(:func:`_scanned_previous`; tests and ``benchmarks/bench_merge.py`` switch it off)."""

_NEWLINE = re.compile(r"\r\n|\r|\n")
_UNFOLD = re.compile(r"\r?\n[ \t]")
_LINE_NAME = re.compile("[A-Za-z][A-Za-z0-9-]*(?=[;:])")
"""The name of a content line, when icalendar reads the same name (no blanks, no quotes)."""
_COMPONENT = re.compile("[A-Z][A-Z0-9-]*")
_DATE = re.compile(r"\d{8}")
_DATE_TIME = re.compile(r"\d{8}T\d{6}Z?")
_SEQUENCE = re.compile(r"\d{1,9}")
_READ = frozenset({"UID", "DTSTART", "DTEND", "STATUS", "SEQUENCE", "LAST-MODIFIED"})
"""The properties of a VEVENT that :class:`_Previous` holds (each at most once)."""
_SLOW = frozenset({"BEGIN", "END", "DURATION"})
"""Names that send the whole feed to icalendar when a VEVENT holds them."""
_KNOWN = _READ | _SLOW
_OURS = frozenset({"VEVENT", "VCALENDAR"})
"""Components that must not appear outside the places the scanner reads them."""


def _scanned_previous(text: str) -> dict[str, _Previous] | None:
    """UID → what the earlier feed said, when every line has the shape the writer gives.

    One VCALENDAR; VEVENTs at its top level without components inside, each
    with one UID, DTSTART and DTEND (dates, UTC, floating or an IANA zone),
    no DURATION, and at most one STATUS, SEQUENCE (digits) and LAST-MODIFIED
    (UTC); every line a plain content line; UIDs distinct. The rest of the
    feed (its own properties, VTIMEZONEs) is parsed with icalendar, which
    must read it without an error. None when any of this does not hold.
    """
    if text.count("\r") != text.count("\r\n") or "\n\n" in text or "\n\r\n" in text:
        return None  # a stray CR or a blank line: icalendar reads those its own way
    if "\n" in text.replace("\r\n", "") or "\r\n\t" in text:
        lines = _lines(text)
    else:  # every line ends in CRLF and every fold is CRLF and a space, as we write them
        lines = text.replace("\r\n ", "").split("\r\n")
    if lines and not lines[-1]:
        lines.pop()
    if len(lines) < 2 or lines[0] != "BEGIN:VCALENDAR" or lines[-1] != "END:VCALENDAR":
        return None
    found: dict[str, _Previous] = {}
    rest = ["BEGIN:VCALENDAR"]
    depth = 0
    event: list[str] | None = None
    for line in lines[1:-1]:
        if event is not None:
            if line != "END:VEVENT":
                event.append(line)
                continue
            scanned = _scanned_event(event)
            if scanned is None or scanned[0] in found:
                return None
            found[scanned[0]] = scanned[1]
            event = None
        elif depth == 0 and line == "BEGIN:VEVENT":
            event = []
        else:
            step = _nesting(line)
            if step is None:
                return None
            depth += step
            if depth < 0:
                return None
            rest.append(line)
    if event is not None or depth != 0 or not _only_calendar("\r\n".join([*rest, "END:VCALENDAR"])):
        return None
    return found


def _nesting(line: str) -> int | None:
    """+1 for a BEGIN, -1 for an END, 0 for another line outside the VEVENTs; None if unsure."""
    name, value = _split(line)
    if name is None:
        return None
    if name not in ("BEGIN", "END"):
        return 0
    if value[:1] != ":" or not _COMPONENT.fullmatch(value[1:]) or value[1:] in _OURS:
        return None
    return 1 if name == "BEGIN" else -1


def _split(line: str) -> tuple[str | None, str]:
    """The name of a content line (upper case) and what follows it (``;params:value``).

    The name is None when the scanner is not sure to read it as icalendar does:
    no plain name, or one it reads in lower case (``sequence``, ``begin``).
    """
    match = _LINE_NAME.match(line)
    if match is None:
        return None, line
    name = match.group()
    upper = name.upper()
    if upper != name and upper in _KNOWN:
        return None, line
    return upper, line[match.end() :]


def _only_calendar(text: str) -> bool:
    """Whether icalendar reads *text* (the feed without its VEVENTs) as one VCALENDAR."""
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception:  # icalendar raises ValueError and others on garbage
        return False
    return len(calendars) == 1 and not calendars[0].walk("VEVENT")


def _scanned_event(lines: list[str]) -> tuple[str, _Previous] | None:
    """The UID and :class:`_Previous` of one VEVENT's lines, or None when not understood.

    Only the lines :class:`_Previous` reads must have the writer's exact shape;
    icalendar ignores an error in any other line of a VEVENT.
    """
    read: dict[str, str] = {}
    kept: list[str] = []
    for line in lines:
        match = _LINE_NAME.match(line)
        if match is None:
            return None
        name = match.group()
        if name in _READ:
            if name in read:
                return None
            read[name] = line[match.end() :]
        elif name in _SLOW or (not name.isupper() and name.upper() in _KNOWN):
            return None
        if not line.startswith(_VOLATILE):
            kept.append(line)
    uid, dtstart, dtend = read.get("UID", ""), read.get("DTSTART"), read.get("DTEND")
    if uid[:1] != ":" or dtstart is None or dtend is None:
        return None
    try:
        start, end = _scanned_moment(dtstart), _scanned_moment(dtend)
        status = _plain_value(read.get("STATUS", ":CONFIRMED")).upper()
        sequence = _plain_value(read.get("SEQUENCE", ":0"))
        modified = read.get("LAST-MODIFIED")
        last = None if modified is None else _scanned_stamp(modified)
    except ValueError:
        return None
    if isinstance(start, datetime) != isinstance(end, datetime) or not _SEQUENCE.fullmatch(
        sequence
    ):
        return None
    previous = _Previous(start, end, status, int(sequence), last, tuple(kept))
    return _unescape(uid[1:]), previous


def _plain_value(rest: str) -> str:
    """The value of ``:VALUE`` (a property without parameters); ValueError otherwise."""
    if rest[:1] != ":":
        raise ValueError(rest)
    return _unescape(rest[1:])


@functools.lru_cache(maxsize=4096)
def _scanned_moment(rest: str) -> date | datetime:
    """DTSTART / DTEND (``;params:value``) as :func:`_comparable` gives it.

    ValueError for any shape the writer does not give.
    """
    params, _, value = rest.partition(":")
    if params == ";VALUE=DATE" and _DATE.fullmatch(value):
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    if not _DATE_TIME.fullmatch(value):
        raise ValueError(value)
    moment = datetime(
        int(value[:4]),
        int(value[4:6]),
        int(value[6:8]),
        int(value[9:11]),
        int(value[11:13]),
        int(value[13:15]),
    )
    if value.endswith("Z"):
        if params:
            raise ValueError(params)
        return moment.replace(tzinfo=UTC)
    if not params:
        return moment
    zone = params.removeprefix(";TZID=")
    if zone == params or zone not in _known_zones():
        raise ValueError(params)
    return moment.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


@functools.lru_cache(maxsize=1024)
def _scanned_stamp(rest: str) -> str:
    """A LAST-MODIFIED (``:value``) in UTC, validated; ValueError for any other shape."""
    moment = _scanned_moment(rest)
    if rest[:1] != ":" or not isinstance(moment, datetime) or moment.tzinfo is None:
        raise ValueError(rest)
    return _utc_text(moment)


@functools.cache
def _known_zones() -> frozenset[str]:
    """The IANA zone names: icalendar takes these from ``zoneinfo``, never from a VTIMEZONE."""
    return frozenset(zoneinfo.available_timezones())


def _comparable(moment: date | datetime) -> object:
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        return moment.astimezone(UTC)
    return moment


def _event(
    merged: MergedOccurrence,
    stamp: str,
    findings: Iterable[Finding],
    before: Mapping[str, _Previous],
    zones: dict[str, ZoneInfo],
    span: list[date],
    feed: _Feed,
) -> str:
    occ = merged.occurrence
    full = feed.privacy is FeedPrivacy.FULL
    on = _day(occ)
    uid = uid_for(merged.id)
    findings = list(findings)
    summary, description = _summary_and_description(occ, findings, feed, on)
    body: list[str] = [
        _line("UID", _text(uid)),
        _moment_line("DTSTART", occ.start, zones, span),
        _moment_line("DTEND", occ.end, zones, span),
        _line("SUMMARY", _text(summary)),
    ]
    if occ.venue:
        body.append(_line("LOCATION", _text(_clean(occ.venue))))
    if description:
        body.append(_line("DESCRIPTION", _text(description)))
    body.append(f"STATUS:{_STATUS[occ.status]}")
    body.append("TRANSP:TRANSPARENT" if occ.transparency is Transparency.FREE else "TRANSP:OPAQUE")
    if occ.categories:
        cats = ",".join(_text(_clean(c)) for c in occ.categories)
        body.append(_fold(f"CATEGORIES:{cats}"))
    body.extend(_organiser_lines(occ, feed, on))
    for attendee in occ.attendees:
        body.append(_attendee_line(attendee, feed, on))
    if occ.kind:
        body.append(_line(KIND, _text(_clean(occ.kind))))
    if occ.preparing_unit:
        body.append(_line(PREPARING_UNIT, _text(_clean(occ.preparing_unit))))
    if full:
        for copy in merged.copies:
            rid = None if copy.recurrence_id is None else copy.recurrence_id.isoformat()
            payload = json.dumps([copy.source, copy.uid, rid], ensure_ascii=False)
            body.append(_line(COPY, _text(_clean(payload))))
    for finding in findings:
        params = Parameters({"X-CODE": finding.code, "X-SEVERITY": finding.severity.value})
        value = feed.message(finding, on)
        body.append(_line(FINDING, _text(value), params))
    if full:
        for head, value in occ.extra:
            line = _extra_line(head, value)
            if line is not None:
                body.append(line)
    sequence, modified = _versioning(occ, uid, body, before, stamp)
    return _wrap(body, stamp, sequence, modified)


def _summary_and_description(
    occ: Occurrence, findings: list[Finding], feed: _Feed, on: date
) -> tuple[str, str]:
    """SUMMARY (marked for an error or warning) and DESCRIPTION (findings appended)."""
    alarming = any(f.severity in (Severity.ERROR, Severity.WARNING) for f in findings)
    title = _clean(occ.title)
    summary = f"{MARKER}{title}" if alarming else title
    description = _clean(occ.description or "", keep_newlines=True)
    if findings:
        block = "\n".join(f"{MARKER}[{f.code}] {feed.message(f, on)}" for f in findings)
        description = (
            f"{description}\n\n{DESCRIPTION_RULE}\n{block}"
            if description
            else (f"{DESCRIPTION_RULE}\n{block}")
        )
    return summary, description


def _organiser_lines(occ: Occurrence, feed: _Feed, on: date) -> list[str]:
    """ORGANIZER for an address, the organiser's name otherwise; none when the feed hides it."""
    if not occ.organiser:
        return []
    organiser = _clean(occ.organiser)
    if not feed.shows_address(organiser, on):
        return []
    if "@" in organiser and " " not in organiser:
        return [_line("ORGANIZER", _address(organiser))]
    return [_line(ORGANISER, _text(organiser))]


def _busy_event(
    merged: MergedOccurrence,
    name: str,
    stamp: str,
    before: Mapping[str, _Previous],
    zones: dict[str, ZoneInfo],
    span: list[date],
) -> str:
    """A VEVENT that says only when the time is taken (``FeedPrivacy.BUSY_ONLY``).

    Its UID is a digest of the feed's name and the occurrence id, so that two
    busy-only feeds do not show which of their events are the same meeting.
    """
    occ = merged.occurrence
    digest = hashlib.sha256(f"{name}\x1f{merged.id}".encode()).hexdigest()[:32]
    uid = uid_for(f"busy-{digest}")
    body = [
        _line("UID", _text(uid)),
        _moment_line("DTSTART", occ.start, zones, span),
        _moment_line("DTEND", occ.end, zones, span),
        _line("SUMMARY", _text(BUSY_TITLE)),
        "TRANSP:TRANSPARENT" if occ.transparency is Transparency.FREE else "TRANSP:OPAQUE",
    ]
    hidden = attrs.evolve(occ, sequence=0, last_modified=None)
    sequence, modified = _versioning(hidden, uid, body, before, stamp)
    return _wrap(body, stamp, sequence, modified)


def _wrap(body: list[str], stamp: str, sequence: int, modified: str) -> str:
    """The VEVENT: UID first, then DTSTAMP, the *body*, SEQUENCE and LAST-MODIFIED."""
    lines = [
        "BEGIN:VEVENT",
        body[0],
        f"DTSTAMP:{stamp}",
        *body[1:],
        f"SEQUENCE:{sequence}",
        f"LAST-MODIFIED:{modified}",
        "END:VEVENT",
    ]
    return "\r\n".join(lines)


def _versioning(
    occ: Occurrence, uid: str, body: list[str], before: Mapping[str, _Previous], stamp: str
) -> tuple[int, str]:
    """SEQUENCE and LAST-MODIFIED, raised only when the event changed since *before*."""
    own = max(0, occ.sequence)
    old = before.get(uid)
    if old is None:
        modified = _utc_text(occ.last_modified) if occ.last_modified is not None else stamp
        return own, modified
    significant = (
        _comparable(occ.start) != old.start
        or _comparable(occ.end) != old.end
        or _STATUS[occ.status] != old.status
    )
    sequence = max(old.sequence + 1 if significant else old.sequence, own)
    # The writer folds with CRLF and a space (_fold), and nothing else in a line is a CRLF.
    unfolded = tuple(line.replace("\r\n ", "") if "\r" in line else line for line in body)
    changed = significant or unfolded != old.lines
    modified = stamp if changed or old.last_modified is None else old.last_modified
    return sequence, modified


# -- lines --------------------------------------------------------------------


def _clean(text: str, *, keep_newlines: bool = False) -> str:
    """Text without control characters (CR/LF become a newline or a space)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if keep_newlines:
        return _CONTROL_KEEP_NEWLINE.sub("", text)
    return _CONTROL.sub("", text.replace("\n", " "))


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping (3.3.11).

    Not ``vText``: icalendar first turns a literal backslash-N into a line
    break, so a venue typed ``\\N`` would come back as a new line.
    """
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """*line* folded as RFC 5545 3.1 says: at most 75 octets a physical line.

    Cut once per physical line on the UTF-8 bytes: a cut never falls inside
    a character (never before a continuation byte) and, like icalendar, keeps
    a backslash escape on one line (some clients need it).
    """
    if len(line) <= 75 // 4:
        return line
    data = line.encode("utf-8")
    size = len(data)
    if size <= 75:
        return line
    chunks: list[bytes] = []
    start, limit = 0, 75
    while size - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:
            cut -= 1
        if data[cut - 1] == 0x5C and cut - 1 > start:
            cut -= 1
        chunks.append(data[start:cut])
        start, limit = cut, 74
    chunks.append(data[start:])
    return b"\r\n ".join(chunks).decode("utf-8")


def _line(name: str, value: str, params: Parameters | None = None) -> str:
    if params:
        return _fold(f"{name};{params.to_ical().decode('utf-8')}:{value}")
    return _fold(f"{name}:{value}")


def _address(address: str) -> str:
    return (
        address
        if _SCHEME.match(address) and "@" not in address.split(":", 1)[0]
        else (f"mailto:{address}")
    )


def _param(value: str) -> str:
    """A parameter value: no control characters, and no backslash.

    Parameter values have no backslash escapes in RFC 5545, but parsers
    (icalendar among them) drop a backslash before ``,;:``; the writer puts
    U+29F5 (⧵, which looks the same) in its place so the text survives.
    """
    return _clean(value).replace("\\", "\u29f5")


def _attendee_line(attendee: Attendee, feed: _Feed, on: date) -> str:
    # What the feed may show decides the line: the cache is keyed by all of it.
    shown = (
        feed.shows_email(attendee, on),
        bool(attendee.delegated_to) and feed.shows_address(attendee.delegated_to or "", on),
        bool(attendee.delegated_from) and feed.shows_address(attendee.delegated_from or "", on),
    )
    key = (attendee, *shown)
    line = feed.cache.attendee_lines.get(key)
    if line is None:
        line = feed.cache.attendee_lines[key] = _attendee(attendee, *shown)
    return line


def _attendee(attendee: Attendee, show_email: bool, show_to: bool, show_from: bool) -> str:
    params: dict[str, str] = {}
    if attendee.name:
        params["CN"] = _param(attendee.name)
    params["ROLE"] = _ROLES[attendee.role]
    params["PARTSTAT"] = _PARTSTATS[attendee.attendance]
    if attendee.delegated_to and show_to:
        params["DELEGATED-TO"] = _address(_param(attendee.delegated_to))
    if attendee.delegated_from and show_from:
        params["DELEGATED-FROM"] = _address(_param(attendee.delegated_from))
    if attendee.person:
        params[PERSON_PARAM] = _param(attendee.person)
    if attendee.email and show_email:
        value = _address(_clean(attendee.email))
    else:
        digest = hashlib.sha1(normalise_text(attendee.name).encode("utf-8")).hexdigest()[:16]
        value = f"{ATTENDEE_URN}{digest}"
    return _line("ATTENDEE", value, Parameters(params))


def _extra_line(head: str, value: str) -> str | None:
    head = _clean(head)
    name = head.split(";", 1)[0]
    if not _NAME.match(name):
        return None
    return _fold(f"{head}:{_clean(value)}")


def _moment_line(
    name: str, moment: date | datetime, zones: dict[str, ZoneInfo], span: list[date]
) -> str:
    if not isinstance(moment, datetime):
        span.append(moment)
        return f"{name};VALUE=DATE:{moment.strftime('%Y%m%d')}"
    span.append(moment.date())
    if moment.tzinfo is None:
        return f"{name}:{moment.strftime('%Y%m%dT%H%M%S')}"
    zone = _zone_key(moment.tzinfo)
    if zone is None:
        return f"{name}:{_utc_text(moment)}"
    zones[zone] = ZoneInfo(zone)
    local = moment.astimezone(zones[zone])
    return f"{name};TZID={zone}:{local.strftime('%Y%m%dT%H%M%S')}"


def _zone_key(tz: tzinfo) -> str | None:
    """The IANA key to write as TZID, or ``None`` to write UTC."""
    key = getattr(tz, "key", None)
    if not isinstance(key, str) or key.upper() in ("UTC", "ETC/UTC", "Z"):
        return None
    return key


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _duration(delta: timedelta) -> str:
    text = vDuration(delta).to_ical()  # type: ignore[no-untyped-call]
    return text.decode("ascii") if isinstance(text, bytes) else str(text)


def _timezones(zones: Mapping[str, ZoneInfo], span: list[date]) -> list[str]:
    if not zones:
        return []
    first = date(min(span).year - 1, 1, 1)
    last = date(min(max(span).year + 2, 9999), 1, 1)
    return [_timezone(key, first, last) for key in sorted(zones)]


@functools.lru_cache(maxsize=64)
def _timezone(key: str, first: date, last: date) -> str:
    """The VTIMEZONE of *key* for these years, from icalendar (the same for every feed)."""
    component = icalendar.Timezone.from_tzid(key, first_date=first, last_date=last)
    return str(component.to_ical().decode("utf-8")).rstrip("\r\n")


# -- file names ---------------------------------------------------------------

_PLAIN_NAME = re.compile(r"[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9_-])?")
_RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"{device}{n}" for device in ("com", "lpt") for n in "0123456789"}
)
"""Device names Windows will not give to a file, whatever the extension."""


def feed_file_name(key: str, suffix: str = ".ics") -> str:
    """A safe, deterministic file name for the feed of person or body *key*.

    Ids come from people files and feeds (``X-COORDRULES-PERSON``), which
    anyone may write, so an id never becomes a path as it is. A *plain* id
    (lower-case ASCII letters, digits, ``-``, ``_`` and inner ``.``; at most
    64 characters; not a Windows device name such as ``con``) is used as it
    is: ``tran-minh-quang`` → ``tran-minh-quang.ics``. Any other id becomes an
    ASCII slug of it (Vietnamese marks removed, other characters as ``-``, at
    most 40 characters), ``~`` and the first 16 hex digits of the SHA-256 of
    the id: ``Nguyễn Văn A`` → ``nguyen-van-a~<16 hex digits>.ics``, ``../x``
    → ``x~<16 hex digits>.ics``.

    The name never holds a path separator, never starts with ``.`` and has
    at most 64 characters before *suffix*. Two different ids get different
    names, also on file systems that ignore case: plain names have no ``~``
    and no capitals, and the digest tells apart ids that differ only by case.
    """
    if _PLAIN_NAME.fullmatch(key) and key.split(".")[0] not in _RESERVED_NAMES:
        return key + suffix
    decomposed = unicodedata.normalize("NFKD", key.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{slug or 'id'}~{digest}{suffix}"
