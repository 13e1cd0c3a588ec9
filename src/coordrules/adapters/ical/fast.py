"""A fast path for the common case of an iCalendar feed (issue 15).

Most VEVENTs in real feeds are single meetings written with a handful of
usual properties. :func:`plan` reads those straight from the unfolded lines,
without building icalendar components or a recurring-ical-events series, and
leaves everything else to the icalendar path in ``read.py``:

* the whole feed goes to the icalendar path when anything about its
  structure is unusual: more than one VCALENDAR, ``X-WR-TIMEZONE``, a
  stray CR, a VEVENT nested in another component, a VEVENT without a UID
  or whose UID the scanner cannot read exactly, BEGIN/END lines that are
  not plain;
* one event (and every other event with its UID) goes to the icalendar
  path when it is not plain: a property outside the known set, a parameter
  the scanner does not parse, a value that does not parse, a repeated
  property that may appear once, RRULE / RDATE / EXDATE / RECURRENCE-ID,
  a VALARM inside it, a TZID that is not an IANA or Windows zone name, a
  DTEND of another kind or zone than DTSTART, an end before the start.

A plain event is one the icalendar path would read without any finding.
Every value is converted by the same icalendar functions that path uses
(``vDDDTypes``, ``vInt``, ``vCategory``, ``unescape_backslash``, the type
factory for properties kept as ``extra``), so the two paths give the same
occurrences; ``tests/test_ical_fastpath.py`` checks that on every corpus
file and on generated feeds.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

import icalendar
from icalendar.parser.content_line import NEWLINE, UFOLD
from icalendar.parser.property import split_on_unescaped_comma, unescape_backslash
from icalendar.prop import vCalAddress, vCategory, vDDDTypes, vInt
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
from recurring_ical_events.util import make_comparable

from coordrules.adapters.ical.common import (
    ATTENDEE_URN,
    COPY,
    FINDING,
    KIND,
    ORGANISER,
    PARTSTATS,
    PERSON_PARAM,
    PREPARING_UNIT,
    ROLES,
    STATUSES,
)
from coordrules.model.events import Attendance, Attendee, Role, Status, Transparency

_TYPES = icalendar.Calendar.types_factory

_BAD = '"\\\\^%,;:=\x00-\x1f\x7f'
_UNQUOTED = f"[^{_BAD} \t](?:[^{_BAD}]*[^{_BAD} \t])?"
_QUOTED = f'"[^{_BAD}]+"'
_LINE = re.compile(
    f"([A-Z][A-Z0-9-]*)((?:;[A-Z][A-Z0-9-]*=(?:{_QUOTED}|{_UNQUOTED}))*):(.*)",
    re.DOTALL,
)
"""A content line the scanner reads: upper-case names, simple parameter values."""
_PARAM = re.compile(f";([A-Z][A-Z0-9-]*)=({_QUOTED}|{_UNQUOTED})")
_MOMENT = re.compile(r"\d{8}(?:T\d{6}Z?)?")
_STAMP = re.compile(r"\d{8}T\d{6}Z?")
_DURATION = re.compile(r"P(?:\d+W|(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)")
_SEQUENCE = re.compile(r"\d{1,9}")
_TZID = re.compile(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*")
_BOUNDARY = re.compile(r"(BEGIN|END):([A-Za-z0-9-]+)")
_NAME = re.compile(r"[A-Za-z0-9-]+(?=[;:])")
"""The name of a content line; a line without one (spaces, no colon) sends the feed to icalendar."""

_ONCE = frozenset(
    {
        "UID",
        "DTSTART",
        "DTEND",
        "DURATION",
        "SUMMARY",
        "LOCATION",
        "DESCRIPTION",
        "ORGANIZER",
        "STATUS",
        "TRANSP",
        "SEQUENCE",
        "DTSTAMP",
        "LAST-MODIFIED",
    }
)
"""The properties the fast path reads, each at most once."""
_SLOW = frozenset(
    {
        "RECURRENCE-ID",
        "RRULE",
        "RDATE",
        "EXDATE",
        "EXRULE",
        "BEGIN",
        "END",
        "X-WR-TIMEZONE",
        KIND,
        PREPARING_UNIT,
        ORGANISER,
        FINDING,
        COPY,
    }
)
"""Properties that send an event to the icalendar path."""
_PARAMS = {
    "DTSTART": frozenset({"TZID", "VALUE"}),
    "DTEND": frozenset({"TZID", "VALUE"}),
    "ORGANIZER": frozenset({"CN"}),
    "ATTENDEE": frozenset({"CN", "ROLE", "PARTSTAT", "RSVP", "CUTYPE", PERSON_PARAM}),
}
"""The parameters the fast path reads, per property; any other makes the event slow."""

_USED = frozenset(
    {
        "UID",
        "DTSTART",
        "DTEND",
        "DURATION",
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
    }
)


class _Slow(Exception):
    """The event (or feed) is not plain: the icalendar path reads it."""


class FastEvent:
    """One plain VEVENT, read: what its occurrence needs."""

    __slots__ = (
        "attendees",
        "categories",
        "description",
        "end",
        "extra",
        "last_modified",
        "organiser",
        "sequence",
        "start",
        "status",
        "title",
        "transparency",
        "uid",
        "venue",
    )

    uid: str
    start: date | datetime
    end: date | datetime
    title: str
    venue: str | None
    organiser: str | None
    status: Status
    transparency: Transparency
    attendees: tuple[Attendee, ...]
    sequence: int
    last_modified: datetime | None
    description: str | None
    categories: tuple[str, ...]
    extra: tuple[tuple[str, str], ...]


class Plan:
    """How to read one feed: the plain events, and the text left for icalendar.

    ``slots`` lists every top-level VEVENT in document order: a
    :class:`FastEvent`, or ``None`` for the next VEVENT of the icalendar
    calendar parsed from ``rest`` (the feed without the plain events).
    """

    __slots__ = ("fast", "rest", "slots")

    def __init__(self, slots: list[FastEvent | None], rest: str, fast: int) -> None:
        self.slots = slots
        self.rest = rest
        self.fast = fast


def plan(text: str, tz: tzinfo, span_start: datetime) -> Plan | None:
    """The fast plan for the unfolded feed *text*, or None to read it all with icalendar.

    *tz* is the zone of floating times; *span_start* the window's start
    (an event so long that the expansion could not look back over it is
    left to the icalendar path, which reports it).
    """
    if text.count("\r") != text.count("\r\n"):
        return None
    # Every fold is a line end followed by a space or tab: without one, nothing to unfold.
    unfolded = UFOLD.sub("", text) if "\n " in text or "\n\t" in text else text
    lines = [line for line in NEWLINE.split(unfolded) if line]
    if len(lines) < 2 or lines[0] != "BEGIN:VCALENDAR" or lines[-1] != "END:VCALENDAR":
        return None
    try:
        blocks, own = _blocks(lines)
        # icalendar drops blanks from names: "X-WR-TIME ZONE" is X-WR-TIMEZONE too.
        if any(_word(line) == "X-WR-TIMEZONE" for line in own):
            return None
        return _plan(lines, blocks, tz, span_start)
    except _Slow:
        return None


def _blocks(lines: list[str]) -> tuple[list[tuple[int, int, str, bool]], list[str]]:
    """The top-level components (first line, last line, name, has a nested component)
    and the calendar's own property lines."""
    blocks: list[tuple[int, int, str, bool]] = []
    own: list[str] = []
    depth = 0
    begin = 0
    name = ""
    nested = False
    for number in range(1, len(lines) - 1):
        line = lines[number]
        first = line[0]
        # icalendar strips white space from the name: only a line that starts with
        # B, E or something other than a letter or digit can be a BEGIN or END.
        word = _word(line) if first in "BbEe" or not first.isalnum() else ""
        if word not in ("BEGIN", "END"):
            if depth == 0:
                own.append(line)
            continue
        boundary = _BOUNDARY.fullmatch(line)
        if boundary is None:
            raise _Slow
        what = boundary.group(2).upper()
        if word == "BEGIN":
            if depth == 0:
                begin, name, nested = number, what, False
            else:
                nested = True
                if what == "VEVENT":
                    raise _Slow
            depth += 1
        else:
            depth -= 1
            if depth < 0:
                raise _Slow
            if depth == 0:
                blocks.append((begin, number, name, nested))
    if depth != 0:
        raise _Slow
    return blocks, own


def _plan(
    lines: list[str], blocks: list[tuple[int, int, str, bool]], tz: tzinfo, span_start: datetime
) -> Plan:
    events: list[tuple[int, int, FastEvent | None, str]] = []
    for first, last, name, nested in blocks:
        if name != "VEVENT":
            continue
        candidate = None
        if not nested and lines[first] == "BEGIN:VEVENT" and lines[last] == "END:VEVENT":
            candidate = _event(lines, first + 1, last, tz, span_start)
        uid = candidate.uid if candidate is not None else _slow_uid(lines, first + 1, last)
        events.append((first, last, candidate, uid))
    counts = Counter(uid for _, _, _, uid in events)
    slots: list[FastEvent | None] = []
    skip: list[tuple[int, int]] = []
    for first, last, candidate, uid in events:
        if candidate is not None and counts[uid] == 1:
            slots.append(candidate)
            skip.append((first, last))
        else:
            slots.append(None)
    rest: list[str] = []
    at = 0
    for first, last in skip:
        rest.extend(lines[at:first])
        at = last + 1
    rest.extend(lines[at:])
    rest.append("")
    return Plan(slots, "\r\n".join(rest), len(skip))


def _word(line: str) -> str:
    """The property name icalendar reads in *line* (upper case); _Slow when unsure."""
    match = _NAME.match(line)
    if match is not None:
        return match.group(0).upper()
    # No plain name: icalendar strips the name and drops blanks in it ("BEG IN" and
    # "\x0bBEGIN" are BEGIN), and treats a backslash or quote in it specially.
    head = re.split("[;:]", line, maxsplit=1)[0]
    if "\\" in head or '"' in head:
        raise _Slow
    word = re.sub("[ \t]", "", head.strip()).upper()
    if word in ("BEGIN", "END", "UID"):
        raise _Slow
    return word


def _slow_uid(lines: list[str], first: int, last: int) -> str:
    """The UID of a VEVENT left to icalendar, when the scanner can tell it exactly."""
    found: list[str] = []
    depth = 0
    for line in lines[first:last]:
        word = _word(line)
        if word == "BEGIN":
            depth += 1
        elif word == "END":
            depth -= 1
        elif depth == 0 and word == "UID":
            found.append(line)
    if len(found) != 1 or not found[0].startswith("UID:") or "\\" in found[0]:
        raise _Slow
    uid = found[0][4:].strip()
    if not uid:
        raise _Slow
    return uid


def _event(
    lines: list[str], first: int, last: int, tz: tzinfo, span_start: datetime
) -> FastEvent | None:
    """The plain event in ``lines[first:last]``, or None when it is not plain."""
    props: dict[str, list[tuple[str, str]]] = {}
    for number in range(first, last):
        match = _LINE.fullmatch(lines[number])
        if match is None:
            return None
        name, params, value = match.groups()
        if name in _SLOW:
            return None
        props.setdefault(name, []).append((params, value))
    try:
        return _read(props, tz, span_start)
    except _Slow:
        return None
    except (ValueError, TypeError, OverflowError):
        return None


def _once(props: dict[str, list[tuple[str, str]]], name: str) -> tuple[str, str] | None:
    values = props.get(name)
    if values is None:
        return None
    if len(values) != 1:
        raise _Slow
    return values[0]


@functools.lru_cache(maxsize=1024)
def _params(name: str, params: str) -> dict[str, str]:
    """The parameters of a *name* line (shared between equal lines: never change it)."""
    if not params:
        return {}
    allowed = _PARAMS.get(name, frozenset())
    found: dict[str, str] = {}
    for key, value in _PARAM.findall(params):
        if key not in allowed or key in found:
            raise _Slow
        found[key] = value[1:-1] if value.startswith('"') else value
    return found


def _text(value: str) -> str:
    return unescape_backslash(value) if "\\" in value else value


def _plain_text(props: dict[str, list[tuple[str, str]]], name: str) -> str | None:
    """A TEXT property without parameters, as icalendar reads it (None when absent)."""
    found = _once(props, name)
    if found is None:
        return None
    if found[0]:
        raise _Slow
    return _text(found[1])


def _read(props: dict[str, list[tuple[str, str]]], tz: tzinfo, span_start: datetime) -> FastEvent:
    for name, values in props.items():
        if name in _ONCE and len(values) != 1:
            raise _Slow
    event = FastEvent()
    uid = _plain_text(props, "UID")
    if uid is None or uid != uid.strip() or not uid:
        raise _Slow
    event.uid = uid
    event.start, event.end = _times(props, span_start)
    event.title = _plain_text(props, "SUMMARY") or ""
    event.venue = _plain_text(props, "LOCATION") or None
    event.description = _plain_text(props, "DESCRIPTION") or None
    event.status = STATUSES.get(
        (_plain_text(props, "STATUS") or "").strip().upper(), Status.CONFIRMED
    )
    transp = (_plain_text(props, "TRANSP") or "").strip().upper()
    event.transparency = Transparency.FREE if transp == "TRANSPARENT" else Transparency.BUSY
    event.sequence = _sequence(props)
    event.last_modified = None
    stamp = _once(props, "DTSTAMP")
    if stamp is not None:
        _stamp(stamp)
    modified = _once(props, "LAST-MODIFIED")
    if modified is not None:
        moment = _stamp(modified)
        event.last_modified = moment if moment.tzinfo else moment.replace(tzinfo=tz)
    event.organiser = _organiser(props)
    event.attendees = tuple(_attendee(params, value) for params, value in props.get("ATTENDEE", ()))
    cats: list[str] = []
    for params, value in props.get("CATEGORIES", ()):
        if params:
            raise _Slow
        cats.extend(str(c) for c in vCategory(split_on_unescaped_comma(value)).cats)
    event.categories = tuple(cats)
    event.extra = _extra(props)
    return event


def _sequence(props: dict[str, list[tuple[str, str]]]) -> int:
    found = _once(props, "SEQUENCE")
    if found is None:
        return 0
    params, value = found
    if params or not _SEQUENCE.fullmatch(value):
        raise _Slow
    return max(0, int(str(vInt(vInt.from_ical(value)))))


def _stamp(found: tuple[str, str]) -> datetime:
    """A DTSTAMP / LAST-MODIFIED value read as icalendar reads it (it must parse)."""
    params, value = found
    if params or not _STAMP.fullmatch(value):
        raise _Slow
    moment = _ddd(value)
    if not isinstance(moment, datetime):
        raise _Slow
    return moment


@functools.lru_cache(maxsize=4096)
def _ddd(value: str) -> Any:
    """A date, date-time or duration value as icalendar's parser reads it.

    The parser makes ``vDDDTypes(vDDDTypes.from_ical(value))``, whose ``dt`` is
    the parsed value itself. The values are immutable, so equal texts (the
    same DTSTAMP on every event) share one.
    """
    factory: Any = vDDDTypes
    return factory.from_ical(value)


@functools.lru_cache(maxsize=256)
def _zone(tzid: str) -> tzinfo:
    """The zone an IANA or Windows TZID names; anything else is left to icalendar."""
    from coordrules.adapters.ical.read import _iana  # read.py imports this module

    if _TZID.fullmatch(tzid):
        zone = _iana(tzid) or _iana(WINDOWS_TO_OLSON.get(tzid))
    elif tzid in WINDOWS_TO_OLSON and tzid == tzid.strip().strip("/"):
        zone = _iana(WINDOWS_TO_OLSON[tzid])
    else:
        raise _Slow
    if zone is None:
        raise _Slow
    return zone


def _moment(found: tuple[str, str]) -> tuple[date | datetime, str]:
    """A DTSTART / DTEND value with its zone attached, and its kind (date, floating, aware)."""
    params, value = found
    if not _MOMENT.fullmatch(value):
        raise _Slow
    moment = _ddd(value)
    found_params = _params("DTSTART", params)
    tzid = found_params.get("TZID")
    kind = found_params.get("VALUE")
    if kind is not None and kind != ("DATE-TIME" if isinstance(moment, datetime) else "DATE"):
        raise _Slow
    if not isinstance(moment, date):
        raise _Slow
    if not isinstance(moment, datetime):
        if tzid is not None:
            raise _Slow
        return moment, "date"
    if moment.tzinfo is not None:
        if tzid is not None:
            raise _Slow
        return moment, "utc"
    if tzid is None:
        return moment, "floating"
    return moment.replace(tzinfo=_zone(tzid)), f"zone {tzid}"


def _times(
    props: dict[str, list[tuple[str, str]]], span_start: datetime
) -> tuple[date | datetime, date | datetime]:
    """The occurrence's start and end, as recurring-ical-events gives them for a single event."""
    found = _once(props, "DTSTART")
    if found is None:
        raise _Slow
    start, kind = _moment(found)
    dtend = _once(props, "DTEND")
    duration = _once(props, "DURATION")
    if dtend is not None and duration is not None:
        raise _Slow
    if dtend is not None:
        end, end_kind = _moment(dtend)
        if end_kind != kind:
            raise _Slow
    elif duration is not None:
        if duration[0] or kind == "date" or not _DURATION.fullmatch(duration[1]):
            raise _Slow
        length = _ddd(duration[1])
        if not isinstance(length, timedelta):
            raise _Slow
        end = start + length
    elif kind == "date":
        end = start + timedelta(days=1)
    else:
        end = start
    if end < start:
        raise _Slow
    comparable = make_comparable((start, end))
    length = comparable[1] - comparable[0]
    # Too long to look back over from the window (OverflowError): icalendar reports it.
    _ = span_start - length
    return start, start + length


def _cal_address(value: str) -> str:
    """A CAL-ADDRESS value as icalendar reads it (ValueError on a line break)."""
    factory: Any = vCalAddress
    return str(factory.from_ical(_text(value)))


def _address(value: str) -> str:
    return value[7:] if value[:7].lower() == "mailto:" else value


def _organiser(props: dict[str, list[tuple[str, str]]]) -> str | None:
    found = _once(props, "ORGANIZER")
    if found is None:
        return None
    params = _params("ORGANIZER", found[0])
    return params.get("CN") or _address(_cal_address(found[1])).strip() or None


@functools.lru_cache(maxsize=4096)
def _attendee(raw_params: str, value: str) -> Attendee:
    """One ATTENDEE (immutable: equal lines share one)."""
    params = _params("ATTENDEE", raw_params)
    email = _address(_cal_address(value)).strip() or None
    if email is not None and email.lower().startswith(ATTENDEE_URN):
        email = None
    return Attendee(
        name=params.get("CN") or email or "",
        email=email,
        role=ROLES.get(params.get("ROLE", "").upper(), Role.REQUIRED),
        attendance=PARTSTATS.get(params.get("PARTSTAT", "").upper(), Attendance.NEEDS_ACTION),
        person=params.get(PERSON_PARAM) or None,
    )


def _extra(props: dict[str, list[tuple[str, str]]]) -> tuple[tuple[str, str], ...]:
    """The properties the model does not use, as the icalendar path keeps them."""
    pairs: list[tuple[str, str]] = []
    for name, values in props.items():
        if name in _USED:
            continue
        factory: Any = _TYPES.for_property(name, None)
        verbatim = getattr(factory, "get_value_from_content_line", None) is not None
        for params, value in values:
            if params:
                raise _Slow
            parsed = factory.from_ical(value if verbatim else _text(value))
            raw = factory(parsed).to_ical()
            pairs.append((name, raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw))
    return tuple(pairs)
