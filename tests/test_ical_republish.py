"""Reading the previously published feed: the scanner for our own output and icalendar agree.

When a feed is published again (``write_ics(..., published=...)``, ``coordrules
merge`` into a folder that holds ``merged.ics``), the writer reads the earlier
feed to keep SEQUENCE and LAST-MODIFIED of unchanged events. Our own output
is read straight from its lines; anything that route does not understand (a
feed edited or replaced by the user) is parsed with icalendar instead.

Differential tests: the previous-event data (per UID: start, end, status,
SEQUENCE, LAST-MODIFIED, the lines compared for changes) must be the same on
both routes, or both routes must raise the same ``InputError``, for feeds
written by ``write_ics`` from ``coordrules.testing`` calendars (and those
feeds edited line by line), the sample outputs, icalendar's and
recurring-ical-events' corpora and the hostile feeds. Other tests check that
the scanner is really taken on our own output, and the regression tests for
the defects found on the way.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coordrules.adapters.ical.write as writer
from coordrules import (
    FeedPrivacy,
    InputError,
    MergedCalendar,
    MergedOccurrence,
    Occurrence,
    SourceCalendar,
    check_calendar,
    feeds_per_body,
    feeds_per_person,
    load_directory,
    load_pack,
    merge,
    read_ics,
    write_ics,
)
from coordrules.testing import source_calendars
from ical_data import CORPUS
from ical_hostile import ALL as HOSTILE

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "coordrules" / "_sample"
STAMP = datetime(2025, 2, 1, 8, tzinfo=UTC)
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@contextmanager
def route(fast: bool) -> Iterator[list[bool]]:
    """Switch the scanner on or off; yields, per feed read, whether the scanner read it."""
    taken: list[bool] = []
    original = writer._scanned_previous

    def recording(text: str) -> Any:
        found = original(text)
        taken.append(found is not None)
        return found

    saved = writer.FAST_PREVIOUS
    writer.FAST_PREVIOUS = fast
    writer._scanned_previous = recording
    try:
        yield taken
    finally:
        writer.FAST_PREVIOUS = saved
        writer._scanned_previous = original


def previous(data: bytes, fast: bool) -> tuple[Any, bool]:
    """What the writer takes from *data*, in a form that compares every detail, and
    whether the scanner read it."""
    with route(fast) as taken, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # icalendar warns about guessed TZIDs in the corpora
        try:
            found = writer._previous_events(data)
        except InputError as error:
            return ("InputError", error.file, error.place, error.reason, error.reason_vi), False
    # repr: an aware datetime shows its zone (UTC here), a date is not a datetime.
    outcome = {
        uid: (repr(p.start), repr(p.end), p.status, p.sequence, p.last_modified, p.lines)
        for uid, p in found.items()
    }
    return outcome, bool(taken and taken[0])


def assert_same(data: bytes) -> bool:
    """Both routes give the same; returns whether the scanner read the feed."""
    quick, taken = previous(data, True)
    slow, untouched = previous(data, False)
    assert not untouched
    assert quick == slow
    return taken


def scanned(data: bytes) -> bool:
    """Whether the scanner reads *data* (rather than leaving it to icalendar)."""
    return writer._scanned_previous(data.decode("utf-8")) is not None


def merged_of(source: SourceCalendar) -> MergedCalendar:
    return MergedCalendar(
        occurrences=tuple(
            MergedOccurrence(f"o{i}", o, (o,)) for i, o in enumerate(source.occurrences)
        )
    )


# -- our own output -------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=source_calendars(max_size=8),
    privacy=st.sampled_from(list(FeedPrivacy)),
)
def test_written_feeds_give_the_same_on_both_routes(
    source: SourceCalendar, privacy: FeedPrivacy
) -> None:
    data = write_ics(merged_of(source), name="feed", dtstamp=STAMP, privacy=privacy)
    assert_same(data)
    # Our own output is read by the scanner, whatever the calendar holds.
    assert scanned(data)


def _sample_outputs() -> dict[str, bytes]:
    pack = load_pack(SAMPLE / "tinh-thanh-binh.toml")
    people = load_directory(SAMPLE / "people.toml", pack)
    week = (date(2026, 12, 7), date(2026, 12, 13))
    sources = [
        read_ics(SAMPLE / f"{name}.ics", window=week, pack=pack)
        for name in ("vp-tinh-uy", "vp-ubnd", "vp-doan-dbqh-hdnd")
    ]
    calendar = merge(sources, pack, people, window=week)
    as_of = datetime(2026, 12, 7, 17, tzinfo=HCM)
    report = check_calendar(calendar, pack, people, as_of=as_of, window=week)
    org = pack.organisation(people)
    outputs = {"previous.ics": (SAMPLE / "previous.ics").read_bytes()}
    for privacy in FeedPrivacy:
        outputs[f"merged-{privacy.value}"] = write_ics(
            calendar, name="Lịch chung", dtstamp=as_of, report=report, privacy=privacy
        )
    for key, feed in feeds_per_person(calendar, org, dtstamp=as_of, report=report).items():
        outputs[f"person-{key}"] = feed
    for key, feed in feeds_per_body(calendar, org, dtstamp=as_of, report=report).items():
        outputs[f"body-{key}"] = feed
    return outputs


SAMPLE_OUTPUTS = _sample_outputs()


@pytest.mark.parametrize("name", sorted(SAMPLE_OUTPUTS))
def test_sample_outputs_give_the_same_on_both_routes(name: str) -> None:
    data = SAMPLE_OUTPUTS[name]
    assert_same(data)
    assert scanned(data)


def test_the_scanner_is_taken_when_republishing_our_own_feed() -> None:
    calendar = merged_of(
        SourceCalendar(
            name="s",
            occurrences=tuple(
                Occurrence(
                    source="s",
                    uid=f"u{i}@tinh",
                    # Long enough to be folded (75 octets a line).
                    title=f"Họp {i}: " + "Hội nghị Ban Thường vụ Tỉnh ủy, " * 4,
                    start=datetime(2025, 3, 3, 8 + i, tzinfo=HCM),
                    end=datetime(2025, 3, 3, 9 + i, tzinfo=HCM),
                )
                for i in range(3)
            ),
        )
    )
    first = write_ics(calendar, name="x", dtstamp=STAMP)
    assert b"\r\n " in first
    with route(True) as taken:
        again = write_ics(calendar, name="x", dtstamp=STAMP + timedelta(days=1), published=first)
    assert taken == [True]
    # Nothing changed: only DTSTAMP differs.
    assert again.replace(b"DTSTAMP:20250202T", b"DTSTAMP:20250201T") == first


# -- the sample feed, read as the writer reads it --------------------------------------


def test_previous_sample_read_as_written() -> None:
    # Expected values written from src/coordrules/_sample/previous.ics (its first event).
    data = (SAMPLE / "previous.ics").read_bytes()
    with route(True) as taken:
        found = writer._previous_events(data)
    assert taken == [True]
    assert len(found) == data.count(b"BEGIN:VEVENT") == 15
    first = found["m-e223f708f0b7a43d@coordrules"]
    assert first.start == datetime(2026, 12, 7, 0, 30, tzinfo=UTC)
    assert first.end == datetime(2026, 12, 7, 4, 0, tzinfo=UTC)
    assert (first.status, first.sequence, first.last_modified) == (
        "CONFIRMED",
        1,
        "20261130T020000Z",
    )
    assert first.lines[0] == "UID:m-e223f708f0b7a43d@coordrules"
    assert not any(
        line.startswith(("DTSTAMP", "SEQUENCE", "LAST-MODIFIED")) for line in first.lines
    )
    # A folded ATTENDEE comes back as one line.
    assert (
        'ATTENDEE;CN="Phạm Đức Hải";PARTSTAT=ACCEPTED;ROLE=CHAIR;X-COORDRULES-PERSON=pham-duc-hai'
        ":mailto:hai@ubnd.thanhbinh.example"
    ) in first.lines
    second = found["m-0727e4bb94cbe3db@coordrules"]
    # 08:00 in Asia/Ho_Chi_Minh (UTC+7) is 01:00 UTC.
    assert second.start == datetime(2026, 12, 7, 1, 0, tzinfo=UTC)


# -- corpora and hostile feeds --------------------------------------------------------


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_gives_the_same_on_both_routes(path: Path) -> None:
    assert_same(path.read_bytes())


def test_the_scanner_reads_part_of_the_corpus() -> None:
    # Most corpus files are odd on purpose (and go to icalendar), but not all.
    assert sum(scanned(path.read_bytes()) for path in CORPUS if _utf8(path)) >= 20


def _utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_feed_gives_the_same_on_both_routes(name: str) -> None:
    assert_same(HOSTILE[name]())


# -- our output, edited by hand ----------------------------------------------------------

OWN = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//coordrules//coordrules 0.2.0//VI\r\n"
    "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nNAME:Lịch\r\nX-WR-CALNAME:Lịch\r\n"
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\nX-PUBLISHED-TTL:PT1H\r\n"
    "BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\nBEGIN:STANDARD\r\nDTSTART:20250101T000000\r\n"
    "TZNAME:+07\r\nTZOFFSETFROM:+0700\r\nTZOFFSETTO:+0700\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\nUID:a@coordrules\r\nDTSTAMP:20250201T080000Z\r\n"
    "DTSTART;TZID=Asia/Ho_Chi_Minh:20250303T080000\r\n"
    "DTEND;TZID=Asia/Ho_Chi_Minh:20250303T093000\r\nSUMMARY:Họp giao ban\r\n"
    "STATUS:CONFIRMED\r\nTRANSP:OPAQUE\r\n"
    'ATTENDEE;CN="Nguyễn Văn A";PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:a@tinh.vn\r\n'
    "SEQUENCE:2\r\nLAST-MODIFIED:20250115T020000Z\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:b@coordrules\r\nDTSTAMP:20250201T080000Z\r\n"
    "DTSTART;VALUE=DATE:20250304\r\nDTEND;VALUE=DATE:20250305\r\nSUMMARY:Nghỉ bù\r\n"
    "STATUS:CANCELLED\r\nTRANSP:TRANSPARENT\r\nSEQUENCE:0\r\n"
    "LAST-MODIFIED:20250115T020000Z\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:c@coordrules\r\nDTSTAMP:20250201T080000Z\r\n"
    "DTSTART:20250305T010000Z\r\nDTEND:20250305T020000Z\r\nSUMMARY:Tiếp dân\r\n"
    "STATUS:TENTATIVE\r\nTRANSP:OPAQUE\r\nSEQUENCE:1\r\n"
    "LAST-MODIFIED:20250115T020000Z\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def test_own_shape_read_as_written() -> None:
    # Expected values written from OWN above.
    data = OWN.encode()
    assert scanned(data)
    found = writer._previous_events(data)
    a, b, c = found["a@coordrules"], found["b@coordrules"], found["c@coordrules"]
    assert (a.start, a.end) == (
        datetime(2025, 3, 3, 1, 0, tzinfo=UTC),
        datetime(2025, 3, 3, 2, 30, tzinfo=UTC),
    )
    assert (a.status, a.sequence, a.last_modified) == ("CONFIRMED", 2, "20250115T020000Z")
    assert (b.start, b.end, b.status, b.sequence) == (
        date(2025, 3, 4),
        date(2025, 3, 5),
        "CANCELLED",
        0,
    )
    assert (c.start, c.status, c.sequence) == (
        datetime(2025, 3, 5, 1, 0, tzinfo=UTC),
        "TENTATIVE",
        1,
    )
    assert assert_same(data)


# Each edit: (what is replaced in OWN, by what). The scanner must leave each feed to
# icalendar (or read it the same), and the two routes must agree.
EDITS = {
    "duplicate-uid": ("UID:b@coordrules", "UID:a@coordrules"),
    "repeated-last-modified": (
        "LAST-MODIFIED:20250115T020000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b",
        "LAST-MODIFIED:20250115T020000Z\r\nLAST-MODIFIED:20250116T020000Z\r\n"
        "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:b",
    ),
    "repeated-status": ("STATUS:TENTATIVE", "STATUS:TENTATIVE\r\nSTATUS:CANCELLED"),
    "repeated-dtstart": (
        "DTSTART:20250305T010000Z",
        "DTSTART:20250305T010000Z\r\nDTSTART:20250306T010000Z",
    ),
    "floating-last-modified": (
        "LAST-MODIFIED:20250115T020000Z\r\nEND:VEVENT\r\nEND:VCAL",
        "LAST-MODIFIED:20250115T020000\r\nEND:VEVENT\r\nEND:VCAL",
    ),
    "broken-last-modified": (
        "LAST-MODIFIED:20250115T020000Z\r\nEND:VEVENT\r\nEND:VCAL",
        "LAST-MODIFIED:x\r\nEND:VEVENT\r\nEND:VCAL",
    ),
    "last-modified-with-zone": (
        "LAST-MODIFIED:20250115T020000Z\r\nEND:VEVENT\r\nEND:VCAL",
        "LAST-MODIFIED;TZID=Asia/Ho_Chi_Minh:20250115T020000\r\nEND:VEVENT\r\nEND:VCAL",
    ),
    "bad-sequence": ("SEQUENCE:1", "SEQUENCE:x"),
    "negative-sequence": ("SEQUENCE:1", "SEQUENCE:-1"),
    "padded-sequence": ("SEQUENCE:1", "SEQUENCE:007"),
    "lower-case-status": ("STATUS:TENTATIVE", "STATUS:tentative"),
    "escaped-status": ("STATUS:TENTATIVE", "STATUS:TENT\\,ATIVE"),
    "status-with-parameter": ("STATUS:TENTATIVE", "STATUS;X-A=1:TENTATIVE"),
    "no-dtend": ("DTEND:20250305T020000Z\r\n", ""),
    "no-dtstart": ("DTSTART:20250305T010000Z\r\n", ""),
    "no-uid": ("UID:c@coordrules\r\n", ""),
    "duration": ("DTEND:20250305T020000Z", "DURATION:PT1H"),
    "dtend-and-duration": ("DTEND:20250305T020000Z", "DTEND:20250305T020000Z\r\nDURATION:PT1H"),
    "date-start-timed-end": ("DTEND;VALUE=DATE:20250305", "DTEND:20250305T000000Z"),
    "date-without-value": ("DTSTART;VALUE=DATE:20250304", "DTSTART:20250304"),
    "floating": (
        "DTSTART:20250305T010000Z\r\nDTEND:20250305T020000Z",
        "DTSTART:20250305T010000\r\nDTEND:20250305T020000",
    ),
    "end-before-start": ("DTEND:20250305T020000Z", "DTEND:20250304T020000Z"),
    "impossible-date": ("DTSTART:20250305T010000Z", "DTSTART:20250230T010000Z"),
    "leap-second": ("DTSTART:20250305T010000Z", "DTSTART:20250305T010060Z"),
    "custom-zone": ("TZID=Asia/Ho_Chi_Minh:20250303T080000", "TZID=Office Time:20250303T080000"),
    "windows-zone": (
        "TZID=Asia/Ho_Chi_Minh:20250303T080000",
        "TZID=SE Asia Standard Time:20250303T080000",
    ),
    "unknown-zone": ("TZID=Asia/Ho_Chi_Minh:20250303T080000", "TZID=Asia/Nowhere:20250303T080000"),
    "quoted-zone": (
        "TZID=Asia/Ho_Chi_Minh:20250303T080000",
        'TZID="Asia/Ho_Chi_Minh":20250303T080000',
    ),
    "global-zone": (
        "TZID=Asia/Ho_Chi_Minh:20250303T080000",
        "TZID=/mozilla.org/x/Asia/Ho_Chi_Minh:20250303T080000",
    ),
    "zone-and-z": (
        "TZID=Asia/Ho_Chi_Minh:20250303T080000",
        "TZID=Asia/Ho_Chi_Minh:20250303T080000Z",
    ),
    "redefined-zone": (
        "TZOFFSETFROM:+0700\r\nTZOFFSETTO:+0700",
        "TZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300",
    ),
    "broken-zone": ("TZOFFSETFROM:+0700", "TZOFFSETFROM:x"),
    "broken-calendar-property": ("METHOD:PUBLISH", "REFRESH-INTERVAL;VALUE=DURATION:x"),
    "x-wr-timezone": ("METHOD:PUBLISH", "METHOD:PUBLISH\r\nX-WR-TIMEZONE:Europe/Berlin"),
    "alarm": (
        "TRANSP:TRANSPARENT",
        "TRANSP:TRANSPARENT\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nEND:VALARM",
    ),
    "broken-alarm": (
        "TRANSP:TRANSPARENT",
        "TRANSP:TRANSPARENT\r\nBEGIN:VALARM\r\nTRIGGER:PT-2H\r\nEND:VALARM",
    ),
    "event-in-timezone": (
        "END:STANDARD\r\nEND:VTIMEZONE",
        "END:STANDARD\r\nBEGIN:VEVENT\r\nUID:z\r\nDTSTART:20250101T000000Z\r\nEND:VEVENT\r\nEND:VTIMEZONE",
    ),
    "lower-case-begin": ("BEGIN:VEVENT\r\nUID:b", "begin:vevent\r\nUID:b"),
    "lower-case-name": ("SEQUENCE:1", "sequence:5"),
    "blank-in-name": ("SEQUENCE:1", "SEQ UENCE:5"),
    "vertical-tab-begin": (
        "TRANSP:TRANSPARENT",
        "TRANSP:TRANSPARENT\r\n\x0bBEGIN:VALARM\r\nEND:VALARM",
    ),
    "line-without-colon": (
        "TRANSP:OPAQUE\r\nSEQUENCE:1",
        "TRANSP:OPAQUE\r\nno colon\r\nSEQUENCE:1",
    ),
    "blank-line": (
        "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:b",
        "END:VEVENT\r\n\r\nBEGIN:VEVENT\r\nUID:b",
    ),
    "blank-line-in-fold": ("SUMMARY:Tiếp dân", "SUMMARY:Tiếp\r\n\r\n dân"),
    "stray-cr": ("SUMMARY:Tiếp dân", "SUMMARY:Tiếp\rdân"),
    "folded-uid": ("UID:c@coordrules", "UID:c@coord\r\n rules"),
    "folded-status": ("STATUS:TENTATIVE", "STATUS:TENT\r\n\tATIVE"),
    "escaped-uid": ("UID:c@coordrules", "UID:c\\,d\\;e\\\\f@coordrules"),
    "uid-with-parameter": ("UID:c@coordrules", "UID;X-A=1:c@coordrules"),
    "empty-uid": ("UID:c@coordrules", "UID:"),
    "two-calendars": ("END:VCALENDAR\r\n", "END:VCALENDAR\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
    "text-after-the-end": ("END:VCALENDAR\r\n", "END:VCALENDAR\r\nX-COMMENT:x\r\n"),
    "unclosed-event": ("END:VEVENT\r\nEND:VCALENDAR", "END:VCALENDAR"),
    "extra-end": ("END:VCALENDAR", "END:VTODO\r\nEND:VCALENDAR"),
    "todo": (
        "END:VCALENDAR",
        "BEGIN:VTODO\r\nUID:t\r\nDTSTART:20250101T000000Z\r\nEND:VTODO\r\nEND:VCALENDAR",
    ),
    "lf-only": ("\r\n", "\n"),
    "byte-order-mark": ("BEGIN:VCALENDAR\r\nVERSION", "\ufeffBEGIN:VCALENDAR\r\nVERSION"),
    "odd-parameters": ("ROLE=CHAIR:", 'ROLE=CHAIR;DELEGATED-TO="mailto:b@x";X-A="a,b;c":'),
    "broken-attendee": ("ROLE=CHAIR:mailto:a@tinh.vn", 'ROLE=CHAIR;CN="x:mailto:a'),
    "line-separator-in-title": ("SUMMARY:Tiếp dân", "SUMMARY:Tiếp\u2028dân\x85x"),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_edited_own_feed_gives_the_same_on_both_routes(edit: str) -> None:
    old, new = EDITS[edit]
    assert old in OWN
    data = OWN.replace(old, new).encode("utf-8")
    assert_same(data)


@pytest.mark.parametrize(
    "edit",
    [
        "duplicate-uid",
        "repeated-last-modified",
        "floating-last-modified",
        "broken-last-modified",
        "bad-sequence",
        "no-dtend",
        "duration",
        "custom-zone",
        "windows-zone",
        "broken-zone",
        "broken-calendar-property",
        "alarm",
        "event-in-timezone",
        "lower-case-begin",
        "lower-case-name",
        "blank-line",
        "stray-cr",
        "uid-with-parameter",
        "two-calendars",
        "unclosed-event",
        "byte-order-mark",
    ],
)
def test_the_scanner_leaves_what_it_does_not_understand(edit: str) -> None:
    old, new = EDITS[edit]
    assert not scanned(OWN.replace(old, new).encode("utf-8"))


_LINES = OWN.split("\r\n")[1:-2]
_ODD_LINES = sorted({new for _, new in EDITS.values()} | {"", " ", "END:VEVENT", "BEGIN:VEVENT"})


@st.composite
def edited(draw: st.DrawFn) -> bytes:
    """OWN with a few lines replaced, inserted, removed or repeated."""
    lines = list(_LINES)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        what = draw(st.sampled_from(["replace", "insert", "remove", "repeat"]))
        if what == "remove" and len(lines) > 1:
            del lines[at]
        elif what == "repeat":
            lines.insert(at, lines[draw(st.integers(0, len(lines) - 1))])
        else:
            line = draw(st.sampled_from(_ODD_LINES + _LINES))
            lines[at : at + (what == "replace")] = [line]
    return ("\r\n".join(["BEGIN:VCALENDAR", *lines, "END:VCALENDAR", ""])).encode("utf-8")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=edited())
def test_randomly_edited_own_feed_gives_the_same_on_both_routes(data: bytes) -> None:
    assert_same(data)


# -- regressions ----------------------------------------------------------------------------


def _one(uid: str, title: str = "Họp giao ban") -> MergedCalendar:
    occurrence = Occurrence(
        source="s",
        uid=uid,
        title=title,
        start=datetime(2025, 3, 3, 8, tzinfo=HCM),
        end=datetime(2025, 3, 3, 9, tzinfo=HCM),
    )
    return MergedCalendar(occurrences=(MergedOccurrence(uid, occurrence, (occurrence,)),))


def _last_modified(data: bytes) -> str:
    (found,) = re.findall(r"LAST-MODIFIED:(\S+)", data.decode())
    return str(found)


@pytest.mark.parametrize("fast", [True, False])
def test_unchanged_event_whose_uid_has_a_comma_keeps_last_modified(fast: bool) -> None:
    # The UID line is written escaped (a\,b); the lines of the earlier event were
    # filed under the escaped text and never found, so the event counted as changed.
    calendar = _one("giao-ban,tuan-10@tinh")
    first = write_ics(calendar, name="x", dtstamp=STAMP)
    assert b"UID:giao-ban\\,tuan-10@tinh@coordrules" in first
    with route(fast):
        again = write_ics(calendar, name="x", dtstamp=STAMP + timedelta(days=1), published=first)
    assert _last_modified(again) == "20250201T080000Z"


@pytest.mark.parametrize("fast", [True, False])
def test_unchanged_event_whose_title_has_a_line_separator_keeps_last_modified(
    fast: bool,
) -> None:
    # U+2028 is text, not a line end: splitting the earlier feed there made the
    # event look changed at every republishing.
    calendar = _one("u@tinh", "Họp\u2028giao ban\x1c")
    first = write_ics(calendar, name="x", dtstamp=STAMP)
    assert "Họp\u2028giao ban".encode() in first
    with route(fast):
        again = write_ics(calendar, name="x", dtstamp=STAMP + timedelta(days=1), published=first)
    assert _last_modified(again) == "20250201T080000Z"


def test_a_repeated_last_modified_in_the_published_feed_is_no_traceback() -> None:
    # icalendar gives a list for a repeated property: .to_ical() raised AttributeError.
    calendar = _one("u@tinh")
    first = write_ics(calendar, name="x", dtstamp=STAMP).decode()
    edited_feed = first.replace(
        "LAST-MODIFIED:20250201T080000Z",
        "LAST-MODIFIED:20250201T080000Z\r\nLAST-MODIFIED:20250101T000000Z",
    ).encode()
    later = STAMP + timedelta(days=1)
    again = write_ics(calendar, name="x", dtstamp=later, published=edited_feed)
    # Which of the two is meant cannot be told: the event gets the new stamp.
    assert _last_modified(again) == "20250202T080000Z"


@pytest.mark.parametrize(
    "value", ["x", "20250115T020000", "20250115", "20250230T000000Z"], ids=repr
)
def test_a_last_modified_the_writer_would_not_write_is_not_written_back(value: str) -> None:
    # A broken value came back verbatim ("LAST-MODIFIED:x"), a floating one without
    # its Z: RFC 5545 wants LAST-MODIFIED in UTC.
    calendar = _one("u@tinh")
    first = write_ics(calendar, name="x", dtstamp=STAMP).decode()
    edited_feed = first.replace("LAST-MODIFIED:20250201T080000Z", f"LAST-MODIFIED:{value}")
    later = STAMP + timedelta(days=1)
    again = write_ics(calendar, name="x", dtstamp=later, published=edited_feed.encode())
    assert _last_modified(again) == "20250202T080000Z"


def test_a_previous_feed_that_is_not_utf8_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        write_ics(_one("u@tinh"), name="x", dtstamp=STAMP, published=b"\xff\xfeBEGIN")
    assert caught.value.file == "<previous feed>"
    assert "không đọc được" in str(caught.value.reason_vi)
