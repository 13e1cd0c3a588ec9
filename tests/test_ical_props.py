"""Property tests: round trips, hostile text, mutated feeds, bounds."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordrules import (
    Attendance,
    Attendee,
    CalendarPolicy,
    InputError,
    MergedCalendar,
    Occurrence,
    Pack,
    Role,
    Status,
    Transparency,
    merge,
    read_ics,
    write_ics,
)
from coordrules.testing import assert_same_occurrences
from fixtures_calendar import DIRECTORY, PACK
from ical_data import STAMP, merged, sample
from ical_hostile import custom_zone_feed
from typed_views import timed

WINDOW = (date(2024, 1, 1), date(2026, 12, 31))
ZONES = [ZoneInfo(k) for k in ("Asia/Ho_Chi_Minh", "UTC", "Europe/Paris", "America/New_York")]

# Text as offices type it: Vietnamese (NFC and NFD), emoji, punctuation that
# iCalendar escapes, control characters and stray CR/LF.
hostile = st.lists(
    st.one_of(
        st.sampled_from(list("aăâđêôơưàảãáạằẳẵắặầẩẫấậ ,;:\\\"'\r\n\t\x00\x07\x1b\x7f")),
        st.sampled_from(["Ư", "Ờ", "ễ", "e\u0302\u0301", "🏛️", "📅", "⚠", "\r\n"]),
        st.characters(codec="utf-8"),
    ),
    max_size=120,
).map("".join)
clean = (
    st.lists(
        st.one_of(
            st.sampled_from(list("aăâđêôơưàảãáạằẳẵắặầẩẫấậ ,;:\\\"'")),
            st.sampled_from(["Ư", "Ờ", "ễ", "🏛️", "📅"]),
            st.characters(categories=["L", "N", "P", "S"]),
        ),
        max_size=80,
    )
    .map("".join)
    .map(lambda t: " ".join(t.split()))
)


@st.composite
def occurrences(draw: st.DrawFn, index: int) -> Occurrence:
    zone = draw(st.sampled_from(ZONES))
    all_day = draw(st.booleans())
    day = draw(st.dates(min_value=date(2024, 1, 2), max_value=date(2026, 12, 30)))
    if all_day:
        start: date | datetime = day
        end: date | datetime = day + timedelta(days=draw(st.integers(1, 3)))
    else:
        start = datetime(day.year, day.month, day.day, draw(st.integers(0, 22)), tzinfo=zone)
        end = start + timedelta(minutes=draw(st.integers(0, 600)))
    attendees = tuple(
        Attendee(
            # A backslash in a parameter is written as U+29F5 (see _param).
            name=draw(clean.filter(bool).map(lambda t: t.replace("\\", "/"))),
            email=draw(st.one_of(st.none(), st.emails())),
            role=draw(st.sampled_from(Role)),
            attendance=draw(st.sampled_from(Attendance)),
        )
        for _ in range(draw(st.integers(0, 3)))
    )
    return Occurrence(
        title=draw(clean),
        start=start,
        end=end,
        source="s",
        uid=f"u{index}",
        venue=draw(st.one_of(st.none(), clean.filter(bool))),
        status=draw(st.sampled_from(Status)),
        transparency=draw(st.sampled_from(Transparency)),
        attendees=attendees,
    )


@st.composite
def calendars(draw: st.DrawFn) -> MergedCalendar:
    count = draw(st.integers(0, 6))
    return MergedCalendar(occurrences=tuple(merged(draw(occurrences(i))) for i in range(count)))


def key(o: Occurrence) -> tuple[object, ...]:
    return (o.start, o.end, o.title, o.venue, o.status, o.transparency, o.attendees)


@given(calendars())
def test_model_to_ics_to_model_keeps_the_occurrences(calendar: MergedCalendar) -> None:
    data = write_ics(calendar, name="x", dtstamp=STAMP)
    back = read_ics(data, window=WINDOW)
    assert back.problems == ()
    assert_same_occurrences(calendar, back)
    # Beyond equal instants: each time comes back in the zone it was written in.
    expected = sorted((key(m.occurrence) for m in calendar.occurrences), key=repr)
    assert sorted((key(o) for o in back.occurrences), key=repr) == expected
    assert write_ics(calendar, name="x", dtstamp=STAMP) == data


@given(title=hostile, venue=hostile, description=hostile, name=hostile)
def test_hostile_text_never_breaks_the_file(
    title: str, venue: str, description: str, name: str
) -> None:
    base = sample().occurrences[0].occurrence
    import attrs

    occ = attrs.evolve(base, title=title, venue=venue or None, description=description or None)
    data = write_ics(MergedCalendar(occurrences=(merged(occ),)), name=name, dtstamp=STAMP)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    back = read_ics(data, window=WINDOW)
    assert back.problems == ()
    (got,) = back.occurrences
    assert (got.start, got.end) == (occ.start, occ.end)
    assert "\x00" not in got.title
    assert "\r" not in got.title


FEED = write_ics(sample(), name="Lịch", dtstamp=STAMP)
LINES = FEED.split(b"\r\n")


@st.composite
def mutations(draw: st.DrawFn) -> bytes:
    data = bytearray(FEED)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["insert", "delete", "flip", "cut", "repeat"]))
        if kind in ("cut", "repeat"):
            lines = bytes(data).split(b"\r\n")
            i = draw(st.integers(0, len(lines) - 1))
            if kind == "cut":
                del lines[i]
            else:
                lines[i:i] = [lines[i]] * draw(st.integers(1, 3))
            data = bytearray(b"\r\n".join(lines))
            continue
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        else:
            data[at] ^= 1 << draw(st.integers(0, 7))
    return bytes(data)


@settings(max_examples=150)
@given(mutations())
def test_mutated_feed_gives_findings_or_input_error(data: bytes) -> None:
    refused: InputError | None = None
    try:
        calendar = read_ics(data, window=WINDOW)
    except InputError as error:
        refused = error
    if refused is not None:
        assert refused.reason
        return
    assert len(calendar.occurrences) <= len(LINES)
    for problem in calendar.problems:
        assert problem.file == "<bytes>"


@given(st.integers(1, 100))
def test_oversize_feed_is_refused(extra: int) -> None:
    policy = Pack(id="p", name="p", policy=CalendarPolicy(max_feed_bytes=len(FEED) - extra))
    with pytest.raises(InputError, match="larger than the limit"):
        read_ics(FEED, window=WINDOW, pack=policy)


@settings(max_examples=20)
@given(
    freq=st.sampled_from(["SECONDLY", "MINUTELY", "HOURLY"]),
    interval=st.integers(1, 5),
    year=st.integers(1900, 2024),
    cap=st.integers(1, 300),
)
def test_unbounded_dense_rule_is_capped_and_reported(
    freq: str, interval: int, year: int, cap: int
) -> None:
    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:d\r\n"
        f"DTSTART:{year}0101T000000Z\r\nRRULE:FREQ={freq};INTERVAL={interval}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    pack = Pack(id="p", name="p", policy=CalendarPolicy(series_cap=cap))
    calendar = read_ics(data, window=(date(2025, 1, 1), date(2025, 12, 31)), pack=pack)
    assert len(calendar.occurrences) == cap
    assert [p.code for p in calendar.problems] == ["recurrence-capped"]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["SECONDLY", "MINUTELY", "HOURLY"]), st.integers(2, 300))
def test_a_dense_rule_starting_mid_window_is_capped_not_lost(freq: str, day: int) -> None:
    # Regression: the expansion horizon was measured from the window start, so
    # a dense series beginning later in the window yielded nothing at all.
    start = date(2025, 1, 1) + timedelta(days=day)
    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:d\r\n"
        f"DTSTART:{start:%Y%m%d}T080000Z\r\nRRULE:FREQ={freq}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    pack = Pack(id="p", name="p", policy=CalendarPolicy(series_cap=50))
    calendar = read_ics(data, window=(date(2025, 1, 1), date(2025, 12, 31)), pack=pack)
    assert len(calendar.occurrences) == 50
    assert timed(calendar.occurrences[0].start).date() == start


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(-12 * 4, 14 * 4), min_size=2, max_size=4),
    st.randoms(use_true_random=False),
)
def test_same_custom_tzid_in_many_feeds_does_not_depend_on_reading_order(
    quarters: list[int], rnd: random.Random
) -> None:
    """Feeds that each define the zone "Office Time" differently, read in any order.

    Each meeting is at 09:00 wall time in its own feed's zone, so its UTC
    instant is 09:00 minus that feed's offset, whatever was read before.
    """

    def offset(q: int) -> str:
        sign = "+" if q >= 0 else "-"
        return f"{sign}{abs(q) // 4:02d}{abs(q) % 4 * 15:02d}"

    feeds = {f"f{n}": custom_zone_feed(offset(q), f"m{n}") for n, q in enumerate(quarters)}
    expected = {
        f"m{n}": datetime(2025, 1, 6, 9, tzinfo=UTC) - timedelta(minutes=15 * q)
        for n, q in enumerate(quarters)
    }
    order = list(feeds)
    shuffled = rnd.sample(order, len(order))
    first = [read_ics(feeds[k], name=k, window=WINDOW) for k in order]
    second = [read_ics(feeds[k], name=k, window=WINDOW) for k in shuffled]
    for calendars in (first, second):
        for calendar in calendars:
            (occ,) = calendar.occurrences
            assert timed(occ.start).astimezone(UTC) == expected[occ.uid]
    merged_a = merge(first, PACK, DIRECTORY)
    merged_b = merge(second, PACK, DIRECTORY)
    assert [(m.id, timed(m.occurrence.start).astimezone(UTC)) for m in merged_a.occurrences] == [
        (m.id, timed(m.occurrence.start).astimezone(UTC)) for m in merged_b.occurrences
    ]
