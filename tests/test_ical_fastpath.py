"""The fast path for plain events reads every feed exactly as the icalendar path does.

Differential tests: each feed is read twice, with the fast path
(``coordrules.adapters.ical.fast``) and with it switched off, and the two
results must be the same: the same occurrences in the same order with every
field equal (compared by ``repr``: the same values, datetimes in the same zone
since aware datetimes compare equal across zones), the same findings in
the same order, or the same ``InputError``. The feeds: every ``.ics`` file of
icalendar's and recurring-ical-events' test corpora (the files
``test_ical_corpus`` reads), the bundled sample feeds, the hostile feeds,
feeds that Hypothesis builds line by line (plain events and every kind of
event the fast path must leave to icalendar, mixed), and feeds written by
``write_ics`` from ``coordrules.testing`` calendars.

Other tests check that the fast path is really taken for plain events (so
the differential tests cannot pass by always falling back) and that it is
not taken for each thing it does not handle.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coordrules.adapters.ical.read as reader
from coordrules import (
    InputError,
    MergedCalendar,
    MergedOccurrence,
    SourceCalendar,
    read_ics,
    write_ics,
)
from coordrules.adapters.ical import fast
from coordrules.testing import source_calendars
from ical_data import CORPUS
from ical_hostile import ALL as HOSTILE

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "coordrules" / "_sample"
WIDE = (date(1990, 1, 1), date(2030, 12, 31))
YEAR = (date(2025, 1, 1), date(2025, 12, 31))


@contextmanager
def fast_path(on: bool) -> Iterator[list[fast.Plan | None]]:
    """Switch the fast path on or off; yields the plans it made."""
    plans: list[fast.Plan | None] = []
    original = fast.plan

    def recording(text: str, tz: tzinfo, span_start: datetime) -> fast.Plan | None:
        made = original(text, tz, span_start)
        plans.append(made)
        return made

    saved = reader.FAST_PATH
    reader.FAST_PATH = on
    fast.plan = recording
    try:
        yield plans
    finally:
        reader.FAST_PATH = saved
        fast.plan = original


def outcome(read: Callable[[], SourceCalendar]) -> Any:
    """What a read gives, in a form that compares every detail."""
    try:
        calendar = read()
    except InputError as error:
        return ("InputError", error.file, error.place, error.reason, error.reason_vi)
    # repr shows every field, and each datetime's zone and fold: aware datetimes in
    # two zones compare equal by instant, and never equal near a DST fold.
    return (
        _ADDRESS.sub("", repr(calendar.occurrences)),
        _ADDRESS.sub("", repr(calendar.problems)),
        calendar.name,
        calendar.path,
    )


_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def both(source: Any, window: tuple[date, date], **options: Any) -> tuple[Any, Any, int]:
    """(fast outcome, icalendar outcome, number of events read by the fast path)."""
    with fast_path(True) as plans:
        quick = outcome(lambda: read_ics(source, window=window, **options))
    with fast_path(False):
        slow = outcome(lambda: read_ics(source, window=window, **options))
    return quick, slow, sum(p.fast for p in plans if p is not None)


def assert_same(source: Any, window: tuple[date, date], **options: Any) -> int:
    quick, slow, taken = both(source, window, **options)
    assert quick[:1] == slow[:1]
    assert quick == slow
    return taken


# -- corpora ------------------------------------------------------------------------


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_reads_the_same_on_both_paths(path: Path) -> None:
    assert_same(path, WIDE)


def test_the_fast_path_reads_part_of_the_corpus() -> None:
    # The corpus is mostly odd on purpose; still, some files hold plain events.
    taken = 0
    for path in CORPUS:
        with fast_path(True) as plans:
            try:
                read_ics(path, window=WIDE)
            except InputError:
                continue
        taken += sum(p.fast for p in plans if p is not None)
    assert taken >= 20


@pytest.mark.parametrize("name", ["vp-tinh-uy", "vp-ubnd", "vp-doan-dbqh-hdnd", "previous"])
@pytest.mark.parametrize("window", [(date(2026, 12, 7), date(2026, 12, 13)), WIDE])
def test_sample_feed_reads_the_same_on_both_paths(name: str, window: tuple[date, date]) -> None:
    assert_same(SAMPLE / f"{name}.ics", window)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_feed_reads_the_same_on_both_paths(name: str) -> None:
    assert_same(HOSTILE[name](), YEAR)


# -- the fast path is taken -------------------------------------------------------------

PLAIN = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//VI\r
BEGIN:VTIMEZONE\r
TZID:Asia/Ho_Chi_Minh\r
BEGIN:STANDARD\r
DTSTART:19700101T000000\r
TZOFFSETFROM:+0700\r
TZOFFSETTO:+0700\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:a@tinh\r
DTSTAMP:20250101T000000Z\r
DTSTART;TZID=Asia/Ho_Chi_Minh:20250106T080000\r
DURATION:PT90M\r
SUMMARY:Họp giao ban UBND tỉnh\\, tuần 2\r
LOCATION:Phòng họp số 1\r
ATTENDEE;CN="Nguyễn Văn A";ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:a@tinh.vn\r
ATTENDEE;CN=Trần Thị B:mailto:b@tinh.vn\r
ORGANIZER;CN=Văn phòng UBND:mailto:vp@tinh.vn\r
STATUS:CONFIRMED\r
SEQUENCE:2\r
CATEGORIES:giao ban,UBND\r
DESCRIPTION:Dòng 1\\nDòng 2\r
CLASS:PUBLIC\r
X-MICROSOFT-CDO-BUSYSTATUS:BUSY\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:b@tinh\r
DTSTART;VALUE=DATE:20250107\r
DTEND;VALUE=DATE:20250109\r
SUMMARY:Kỳ họp HĐND\r
TRANSP:TRANSPARENT\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:c@tinh\r
DTSTART:20250108T013000Z\r
DTEND:20250108T023000Z\r
SUMMARY:Tiếp công dân\r
LAST-MODIFIED:20250101T000000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:d@tinh\r
DTSTART:20250109T090000\r
SUMMARY:Giờ không múi giờ\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:e@tinh\r
DTSTART;TZID=SE Asia Standard Time:20250110T090000\r
DTEND;TZID=SE Asia Standard Time:20250110T100000\r
SUMMARY:Múi giờ Windows\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_the_fast_path_is_taken_for_plain_events() -> None:
    data = PLAIN.encode()
    with fast_path(True) as plans:
        calendar = read_ics(data, window=YEAR)
    assert [p.fast if p else None for p in plans] == [5]
    assert plans[0] is not None
    assert plans[0].rest.count("BEGIN:VEVENT") == 0  # icalendar only sees the VTIMEZONE
    assert [o.uid for o in calendar.occurrences] == [
        "a@tinh",
        "b@tinh",
        "c@tinh",
        "d@tinh",
        "e@tinh",
    ]
    assert calendar.problems == ()
    assert assert_same(data, YEAR) == 5


def test_plain_events_read_as_written() -> None:
    # Expected values written from the feed text above.
    from zoneinfo import ZoneInfo

    hcm = ZoneInfo("Asia/Ho_Chi_Minh")
    with fast_path(True):
        a, b, c, d, e = read_ics(PLAIN.encode(), window=YEAR).occurrences
    assert a.title == "Họp giao ban UBND tỉnh, tuần 2"
    assert (a.start, a.end) == (
        datetime(2025, 1, 6, 8, tzinfo=hcm),
        datetime(2025, 1, 6, 9, 30, tzinfo=hcm),
    )
    assert a.venue == "Phòng họp số 1"
    assert [(x.name, x.email, x.role.name, x.attendance.name) for x in a.attendees] == [
        ("Nguyễn Văn A", "a@tinh.vn", "CHAIR", "ACCEPTED"),
        ("Trần Thị B", "b@tinh.vn", "REQUIRED", "NEEDS_ACTION"),
    ]
    assert a.organiser == "Văn phòng UBND"
    assert a.sequence == 2
    assert a.categories == ("giao ban", "UBND")
    assert a.description == "Dòng 1\nDòng 2"
    assert a.extra == (("CLASS", "PUBLIC"), ("X-MICROSOFT-CDO-BUSYSTATUS", "BUSY"))
    assert (b.start, b.end, b.transparency.name) == (date(2025, 1, 7), date(2025, 1, 9), "FREE")
    assert c.start == datetime(2025, 1, 8, 1, 30, tzinfo=UTC)
    assert c.last_modified == datetime(2025, 1, 1, tzinfo=UTC)
    assert (d.start, d.end) == (
        datetime(2025, 1, 9, 9, tzinfo=hcm),
        datetime(2025, 1, 9, 9, tzinfo=hcm),
    )
    assert e.start == datetime(2025, 1, 10, 9, tzinfo=ZoneInfo("Asia/Bangkok"))


def _with(event_lines: str, head: str = "") -> bytes:
    text = (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{head}BEGIN:VEVENT\r\nUID:x@tinh\r\n"
        f"{event_lines}END:VEVENT\r\nBEGIN:VEVENT\r\nUID:y@tinh\r\nDTSTART:20250106T010000Z\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    return text.encode()


@pytest.mark.parametrize(
    ("lines", "head"),
    [
        ("DTSTART:20250106T010000Z\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n", ""),
        ("DTSTART:20250106T010000Z\r\nEXDATE:20250113T010000Z\r\n", ""),
        ("DTSTART:20250106T010000Z\r\nRECURRENCE-ID:20250106T010000Z\r\n", ""),
        ("DTSTART;TZID=Office Time:20250106T080000\r\n", ""),
        ("DTSTART;TZID=/mozilla.org/20050126_1/Asia/Bangkok:20250106T080000\r\n", ""),
        ("DTSTART:20250106T010000Z\r\nDTEND:20250106T090000\r\n", ""),
        ("DTSTART:20250106T010000Z\r\nDTEND:20250105T010000Z\r\n", ""),
        ("DTSTART:20250106T010000Z\r\nDTEND:20250106T020000Z\r\nDURATION:PT1H\r\n", ""),
        ("DTSTART;VALUE=DATE:20250106\r\nDURATION:PT1H\r\n", ""),
        ("DTSTART:20250106T010000Z\r\nSEQUENCE:1\r\nSEQUENCE:2\r\n", ""),
        ("DTSTART:20250106T010000Z\r\nSEQUENCE:x\r\n", ""),
        ("DTSTART:2025-01-06\r\n", ""),
        ("DTSTART:20250106T010000Z\r\nSUMMARY;LANGUAGE=vi:Họp\r\n", ""),
        ('DTSTART:20250106T010000Z\r\nATTENDEE;DELEGATED-TO="mailto:b@x":mailto:a@x\r\n', ""),
        ("DTSTART:20250106T010000Z\r\nATTENDEE;CN=A,B:mailto:a@x\r\n", ""),
        ("DTSTART:20250106T010000Z\r\nATTENDEE:mailto:a\\nb@x\r\n", ""),
        ("DTSTART:20250106T010000Z\r\nORGANIZER:mailto:a\\Nb@x\r\n", ""),
        ("DTSTART:20250106T010000Z\r\nX-COORDRULES-KIND:giao-ban\r\n", ""),
        ("DTSTART:20250106T010000Z\r\nBEGIN:VALARM\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n", ""),
        ("DTSTART:20250106T010000Z\r\nsummary:Họp\r\n", ""),
        ("DTSTART:20250106T010000Z\r\nno colon here\r\n", ""),
        ("DTSTART:20250106T010000Z\r\n", "X-WR-TIMEZONE:Asia/Ho_Chi_Minh\r\n"),
        ("DTSTART:20250106T080000\r\n", "X-WR-TIME ZONE:Europe/Berlin\r\n"),
        ("DTSTART:20250106T080000\r\n", "x-wr-timezone:Europe/Berlin\r\n"),
        ("DTSTART:20250106T080000\r\n", "\x0bX-WR-TIMEZONE:Europe/Berlin\r\n"),
        ("DTSTART:20250106T080000\r\n\x0cBEGIN:VALARM\r\nEND:VALARM\r\n", ""),
    ],
)
def test_the_fast_path_leaves_what_it_does_not_handle(lines: str, head: str) -> None:
    data = _with(lines, head)
    with fast_path(True) as plans, contextlib.suppress(InputError):
        read_ics(data, window=YEAR)
    taken = sum(p.fast for p in plans if p is not None)
    # Event x is never read by the fast path; y is, unless the whole feed is left to icalendar.
    assert taken <= 1
    if plans and plans[0] is not None:
        assert plans[0].slots[0] is None
    assert_same(data, YEAR)


def test_a_plain_event_sharing_its_uid_goes_to_icalendar() -> None:
    # Two versions of one meeting: the highest SEQUENCE wins, which only the icalendar path decides.
    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        "BEGIN:VEVENT\r\nUID:x\r\nSEQUENCE:1\r\nDTSTART:20250106T010000Z\r\nSUMMARY:cũ\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:x\r\nSEQUENCE:2\r\nDTSTART:20250107T010000Z\r\nSUMMARY:mới\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    ).encode()
    with fast_path(True) as plans:
        calendar = read_ics(data, window=YEAR)
    assert plans[0] is not None
    assert plans[0].fast == 0
    assert [o.title for o in calendar.occurrences] == ["mới"]
    assert_same(data, YEAR)


# -- generated feeds ------------------------------------------------------------------

_TEXT = st.lists(
    st.sampled_from([*'aăâbc đêô Ơ,;:\\"^%=nN\t\x7f', "Họp", "e\u0301", "\\n", "\\,"]),
    max_size=12,
).map("".join)
_ZONES = (
    "Asia/Ho_Chi_Minh",
    "Europe/Berlin",
    "America/New_York",
    "SE Asia Standard Time",
    "Office Time",
    "/mozilla.org/20050126_1/Asia/Bangkok",
    "Asia/Nowhere",
    "UTC",
)


_DAYS = ("20241231", "20250106", "20250630", "20251231", "20260101", "20260102")
_HOURS = ("000000", "083000", "170000", "235959")


@st.composite
def _moment(draw: st.DrawFn, kind: str, zone: str, at: int) -> str:
    day = _DAYS[at // len(_HOURS)]
    if kind == "date":
        return f";VALUE=DATE:{day}" if draw(st.booleans()) else f":{day}"
    hour = _HOURS[at % len(_HOURS)]
    if kind == "utc":
        return f":{day}T{hour}Z"
    if kind == "floating":
        return f":{day}T{hour}"
    return f";TZID={zone}:{day}T{hour}"


@st.composite
def _times(draw: st.DrawFn) -> list[str]:
    kind = draw(st.sampled_from(["zone", "utc", "date", "floating"]))
    zone = draw(st.sampled_from(_ZONES)) if not draw(st.integers(0, 2)) else "Asia/Ho_Chi_Minh"
    at = draw(st.integers(0, len(_DAYS) * len(_HOURS) - 1))
    # Mostly an end after the start; now and then before it.
    later = min(len(_DAYS) * len(_HOURS) - 1, at + draw(st.integers(-1, 9)))
    lines = [f"DTSTART{draw(_moment(kind, zone, at))}"]
    end = draw(st.sampled_from(["dtend", "duration", "none"]))
    if not draw(st.integers(0, 4)):
        end = draw(st.sampled_from(["dtend-other", "both"]))
    if end in ("dtend", "both"):
        lines.append(f"DTEND{draw(_moment(kind, zone, later))}")
    if end == "dtend-other":
        other = draw(st.sampled_from(["date", "utc", "floating", "zone"]))
        lines.append(f"DTEND{draw(_moment(other, draw(st.sampled_from(_ZONES)), later))}")
    if end in ("duration", "both"):
        durations = ["PT45M", "P1D", "PT0S", "P1W", "-PT1H", "PT1H30M"]
        lines.append(f"DURATION:{draw(st.sampled_from(durations))}")
    return lines


@st.composite
def _event(draw: st.DrawFn, uids: list[str]) -> str:
    # Mostly a UID of its own; now and then one shared with other events, or none.
    shared = draw(st.sampled_from(uids)) if not draw(st.integers(0, 3)) else None
    own = shared or f"ev-{draw(st.integers(0, 10**6))}@x"
    lines = [f"UID:{own}"] if draw(st.integers(0, 40)) else []
    if draw(st.integers(0, 15)):
        lines += draw(_times())

    def one(usual: str, *odd: str) -> str:
        # The usual value three times in four, else one of the odd ones.
        return usual if draw(st.integers(0, 3)) else draw(st.sampled_from(odd))

    cn = one("A", '"Nguyễn Văn A"', "Trần B", '"x,y"', "")
    role = one("CHAIR", "opt-participant", "X")
    address = one("mailto:a@x.vn", "MAILTO:b@x.vn", "urn:x-coordrules:p1", "", "c@x", "a\\nb@x")
    optional = [
        f"SUMMARY:{draw(_TEXT)}",
        f"LOCATION:{draw(_TEXT)}",
        f"DESCRIPTION:{draw(_TEXT)}",
        "STATUS:" + one("CONFIRMED", "cancelled", " TENTATIVE", "X"),
        "TRANSP:" + one("OPAQUE", "TRANSPARENT", "transparent"),
        "SEQUENCE:" + one("0", "3", "-1", "007", "x", "1_0"),
        "DTSTAMP:" + one("20250101T000000Z", "20250101T000000", "20250101", "bad"),
        "LAST-MODIFIED:" + one("20250101T000000Z", "20250101T000000", "x"),
        f"CATEGORIES:{draw(_TEXT)}",
        f"ATTENDEE;CN={cn};ROLE={role}:{address}",
        "ATTENDEE:" + one("mailto:a@x.vn", " mailto:d@x.vn "),
        "ORGANIZER;CN=" + one("VP", "x") + ":mailto:vp@x.vn",
        "ORGANIZER:" + one("mailto:vp@x.vn", ""),
        f"X-FOO:{draw(_TEXT)}",
        f"CLASS:{draw(_TEXT)}",
        "PRIORITY:" + one("1", "05", "x"),
        "CREATED:" + one("20250101T000000Z", "20250101"),
        "URL:" + one("https://x.vn/a?b=c", "http://x\\,y"),
    ]
    odd = [
        f"X-FOO;X-P=1:{draw(_TEXT)}",
        "RRULE:FREQ=DAILY;COUNT=3",
        "EXDATE:20250107T010000Z",
        "RECURRENCE-ID:20250106T010000Z",
        "X-COORDRULES-KIND:giao-ban",
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nEND:VALARM",
        "garbage without a colon",
    ]
    lines += draw(st.lists(st.sampled_from(optional), max_size=4))
    if not draw(st.integers(0, 3)):
        lines.append(draw(st.sampled_from(odd)))
    lines = draw(st.permutations(lines))
    return "BEGIN:VEVENT\r\n" + "".join(f"{line}\r\n" for line in lines) + "END:VEVENT\r\n"


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    """A feed of mostly plain events with, now and then, anything the fast path must leave."""
    names = ["a@x", "b@x", "c@x", "d@x", "e@x", "f@x", "g@x", "h@x", " i@x", "j\\,k"]
    uids = draw(st.lists(st.sampled_from(names), min_size=1, max_size=8, unique=True))
    head = draw(
        st.lists(
            st.sampled_from(
                [
                    "X-WR-CALNAME:Lịch\r\n",
                    "BEGIN:VTIMEZONE\r\nTZID:Office Time\r\nBEGIN:STANDARD\r\n"
                    "DTSTART:19700101T000000\r\nTZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n",
                    "BEGIN:VTODO\r\nUID:t\r\nEND:VTODO\r\n",
                ]
            ),
            max_size=2,
        )
    )
    if not draw(st.integers(0, 5)):
        head.append("X-WR-TIMEZONE:Asia/Ho_Chi_Minh\r\n")
    events = draw(st.lists(_event(uids), min_size=1, max_size=8))
    body = "".join(head) + "".join(events)
    fold = draw(st.booleans())
    text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//gen//VI\r\n{body}END:VCALENDAR\r\n"
    if fold:
        text = text.replace("SUMMARY:", "SUMMARY:\r\n ")
    return text.encode("utf-8")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=feeds(), window=st.sampled_from([YEAR, (date(2025, 1, 6), date(2025, 1, 6)), WIDE]))
def test_generated_feeds_read_the_same_on_both_paths(
    data: bytes, window: tuple[date, date]
) -> None:
    assert_same(data, window)


def test_generated_feeds_use_the_fast_path() -> None:
    # The differential test above must exercise the fast path, not only the fallback.
    taken = 0

    @settings(max_examples=100, deadline=None, database=None)
    @given(feeds())
    def count(data: bytes) -> None:
        nonlocal taken
        taken += both(data, YEAR)[2]

    count()
    assert taken >= 20


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=source_calendars(max_size=8))
def test_written_feeds_read_the_same_on_both_paths(source: SourceCalendar) -> None:
    merged = MergedCalendar(
        occurrences=tuple(
            MergedOccurrence(f"o{i}", o, (o,)) for i, o in enumerate(source.occurrences)
        )
    )
    data = write_ics(merged, name="feed", dtstamp=datetime(2025, 2, 1, tzinfo=UTC))
    assert_same(data, WIDE)
    # Without our own X- properties most of its events are plain.
    lines = re.sub(r"\r\n[ \t]", "", data.decode()).split("\r\n")
    plain = "\r\n".join(line for line in lines if not line.startswith("X-COORDRULES-"))
    assert_same(plain.encode(), WIDE)


def test_budgets_are_charged_alike_on_both_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each plain event uses one instance of the feed's expansion budget and, in the
    # window, one of its occurrences, as its one-instance series would: a series read
    # after them gets what is left. Small limits make the sharing visible.
    monkeypatch.setattr(reader, "FEED_OCCURRENCES", 30)
    monkeypatch.setattr(reader, "FEED_BUDGET", 1_050)
    plain = "".join(
        f"BEGIN:VEVENT\r\nUID:p{i}\r\nDTSTART:202501{i % 28 + 1:02d}T010000Z\r\nEND:VEVENT\r\n"
        for i in range(40)
    )
    series = (
        "BEGIN:VEVENT\r\nUID:s\r\nDTSTART:20250101T020000Z\r\nRRULE:FREQ=HOURLY\r\nEND:VEVENT\r\n"
    )
    data = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{plain}{series}END:VCALENDAR\r\n".encode()
    assert assert_same(data, YEAR) == 40
    with fast_path(True):
        calendar = read_ics(data, window=YEAR)
    # The 40 plain events used up the 30 occurrences: the series keeps the floor of 10.
    assert sum(o.uid == "s" for o in calendar.occurrences) == reader.OCCURRENCE_FLOOR
    (capped,) = [p for p in calendar.problems if p.code == "recurrence-capped"]
    # Its budget: what the feed's 1,050 leaves after the 40 plain events.
    assert capped.details["budget"] == 1_010
