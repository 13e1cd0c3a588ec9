"""Reading a feed is deterministic: the same bytes give the same result, every time.

Issue 11 (every input handled predictably) and issue 15 (the distributed check
gives the single-process report byte for byte) both rest on this. The hostile
``many-dense-series`` feed once gave different occurrences from one read to
the next in one process. Two defects, each with its regression test below:

* The reader cached what the occurrences of one component share (title, UID,
  attendees …) by ``id()`` of the component for the whole feed. A series
  that starts long before the window is expanded from a copy of its master
  moved up to the window; the copy is freed after its series, and the next
  copy often gets the same ``id()``: that series' occurrences then carried
  the title and UID of the previous one. Which series did depended on the
  memory allocator. Real feeds have such series: a daily meeting that
  started in 2020, read for a week of 2025.
* recurring-ical-events yields the overrides (RECURRENCE-ID) that it does not
  meet on the rule from a set of adapters hashed by ``id()``: two overrides
  moved to the same time came out in a different order on each read.

Each feed is compared by the ``repr`` of its occurrences and findings (every
field; memory addresses removed), read several times in this process and in
two subprocesses with different ``PYTHONHASHSEED``.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordrules import InputError, SourceCalendar, read_ics
from ical_hostile import feed, many_dense_series
from test_ical_fastpath import feeds as line_feeds
from typed_views import timed

ROOT = Path(__file__).resolve().parents[1]
YEAR = (date(2025, 1, 1), date(2025, 12, 31))
WEEK = (date(2025, 1, 6), date(2025, 1, 12))
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def daily_since_2020() -> bytes:
    """Nine daily meetings that started in January 2020, meeting *n* at 0n:00Z for 30 min."""
    return feed(
        *(
            f"UID:giao-ban-{n}@tinh\nSUMMARY:Giao ban {n}\nDTSTART:2020010{n}T0{n}0000Z\n"
            f"DTEND:2020010{n}T0{n}3000Z\nRRULE:FREQ=DAILY"
            for n in range(1, 10)
        )
    )


def overrides_at_one_time(master: bool) -> bytes:
    """Eight overrides of one series, all moved to 8 January 02:00Z (Phiên n replaces 1n Jan)."""
    events = [
        f"UID:phien@tinh\nSUMMARY:Phiên {n}\nRECURRENCE-ID:202501{10 + n:02d}T020000Z\n"
        "DTSTART:20250108T020000Z\nDTEND:20250108T030000Z"
        for n in range(8)
    ]
    if master:
        events.insert(
            0,
            "UID:phien@tinh\nSUMMARY:Phiên\nDTSTART:20250110T020000Z\nDTEND:20250110T030000Z\n"
            "RRULE:FREQ=DAILY;COUNT=8",
        )
    return feed(*events)


FEEDS = {
    "many-dense-series": (many_dense_series, YEAR),
    "daily-since-2020": (daily_since_2020, WEEK),
    "overrides-at-one-time": (lambda: overrides_at_one_time(False), (date(2025, 1, 6), YEAR[1])),
}


def text_of(calendar: SourceCalendar) -> str:
    """Every field of every occurrence and finding, as text (memory addresses removed)."""
    return _ADDRESS.sub("", repr(calendar.occurrences) + "\n" + repr(calendar.problems))


def fingerprints(reads: int = 2) -> dict[str, list[str]]:
    """Feed name → a digest of each of *reads* reads (also run in the subprocesses below)."""
    found: dict[str, list[str]] = {}
    for name, (make, window) in FEEDS.items():
        data = make()
        found[name] = [
            hashlib.sha256(text_of(read_ics(data, window=window)).encode()).hexdigest()
            for _ in range(reads)
        ]
    return found


def _in_subprocess(seed: str) -> dict[str, list[str]]:
    env = {
        **os.environ,
        "PYTHONHASHSEED": seed,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")]),
    }
    code = "import json, test_ical_determinism as t; print(json.dumps(t.fingerprints()))"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, list[str]] = json.loads(done.stdout.splitlines()[-1])
    return result


# -- the regression tests, one per defect -----------------------------------------------


def test_many_dense_series_reads_the_same_every_time_in_any_process() -> None:
    here = fingerprints(reads=3)
    there = [_in_subprocess("0"), _in_subprocess("4242")]
    for name in FEEDS:
        digests = here[name] + there[0][name] + there[1][name]
        assert len(set(digests)) == 1, name


def test_fast_forwarded_series_keep_their_own_title_and_uid() -> None:
    # Each meeting n runs daily at 0n:00Z; the week of 6-12 January 2025 (in
    # Asia/Ho_Chi_Minh: 5 Jan 17:00Z to 12 Jan 17:00Z) holds 7 of each.
    data = daily_since_2020()
    for _ in range(5):
        calendar = read_ics(data, window=WEEK)
        for occurrence in calendar.occurrences:
            n = int(occurrence.uid[len("giao-ban-")])
            assert occurrence.uid == f"giao-ban-{n}@tinh"
            assert occurrence.title == f"Giao ban {n}"
            assert timed(occurrence.start).astimezone(UTC).hour == n
            assert occurrence.recurrence_id == occurrence.start
        assert Counter(o.uid for o in calendar.occurrences) == {
            f"giao-ban-{n}@tinh": 7 for n in range(1, 10)
        }
        assert [o.start for o in calendar.occurrences[:7]] == [
            datetime(2025, 1, day, 1, tzinfo=UTC) for day in range(6, 13)
        ]
        gc.collect()


def test_overrides_at_one_time_come_in_the_order_of_their_recurrence_id() -> None:
    # Phiên n replaces the occurrence of (10 + n) January; all moved to 8 January 02:00Z.
    for master in (False, True):
        data = overrides_at_one_time(master)
        for _ in range(5):
            calendar = read_ics(data, window=(date(2025, 1, 6), date(2025, 1, 31)))
            assert [o.title for o in calendar.occurrences] == [f"Phiên {n}" for n in range(8)]
            assert [o.recurrence_id for o in calendar.occurrences] == [
                datetime(2025, 1, 10 + n, 2, tzinfo=UTC) for n in range(8)
            ]
            assert {o.start for o in calendar.occurrences} == {datetime(2025, 1, 8, 2, tzinfo=UTC)}


# -- any feed, read twice --------------------------------------------------------------

# Starts far enough before the window (2025) that the reader moves the series up to
# it (more than 1,000 periods), starts in the window, and times that coincide.
_STARTS = ("20000103", "20200101", "20241101", "20250106", "20250108")
_TIMES = ("010000", "020000", "023000")
_RULES = (
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=2",
    "FREQ=HOURLY;INTERVAL=6",
    "FREQ=HOURLY;INTERVAL=7;COUNT=40",
    "FREQ=WEEKLY",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    "FREQ=MINUTELY;INTERVAL=90",
    "FREQ=MONTHLY;BYMONTHDAY=6,8",
    "FREQ=DAILY;UNTIL=20250109T000000Z",
)


@st.composite
def _series(draw: st.DrawFn, number: int) -> list[str]:
    """The VEVENTs of one UID: maybe a master with a rule, maybe overrides, maybe versions.

    Every SUMMARY starts with the series' name, so each occurrence can be traced to it.
    """
    name = f"s{number}"
    uid = f"UID:{name}@x"
    events: list[str] = []
    start = f"{draw(st.sampled_from(_STARTS))}T{draw(st.sampled_from(_TIMES))}Z"
    if draw(st.integers(0, 3)):
        lines = [uid, f"SUMMARY:{name} chuỗi", f"DTSTART:{start}"]
        if draw(st.booleans()):
            lines.append(f"DURATION:PT{draw(st.integers(0, 3))}H")
        if draw(st.integers(0, 4)):
            lines.append(f"RRULE:{draw(st.sampled_from(_RULES))}")
        if draw(st.booleans()):
            lines.append(f"EXDATE:202501{draw(st.integers(6, 12)):02d}T{start[9:]}")
        if not draw(st.integers(0, 4)):
            lines.append(f"RDATE:202501{draw(st.integers(6, 12)):02d}T020000Z")
        events.append("\n".join(lines))
        if not draw(st.integers(0, 5)):
            # A second version of the master (no SEQUENCE either: the later one wins).
            events.append("\n".join([uid, f"SUMMARY:{name} bản 2", *lines[2:]]))
    for k in range(draw(st.integers(0, 4))):
        day = draw(st.integers(6, 12))
        moved = draw(st.sampled_from(_TIMES))
        events.append(
            f"{uid}\nSUMMARY:{name} sửa {k}\nRECURRENCE-ID:202501{day:02d}T{start[9:]}\n"
            f"DTSTART:20250108T{moved}Z\nDURATION:PT1H"
        )
    return events or [f"{uid}\nSUMMARY:{name} một lần\nDTSTART:20250108T020000Z"]


@st.composite
def recurring_feeds(draw: st.DrawFn) -> bytes:
    """A feed of a few series (rules, overrides, versions), events in a shuffled order."""
    count = draw(st.integers(1, 6))
    events = [event for number in range(count) for event in draw(_series(number))]
    return feed(*draw(st.permutations(events)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=recurring_feeds(), window=st.sampled_from([WEEK, (date(2025, 1, 8), date(2025, 1, 8))]))
def test_any_feed_read_twice_gives_the_same_result(data: bytes, window: tuple[date, date]) -> None:
    first = read_ics(data, window=window)
    # Objects made and freed between the reads, as a long-running process does.
    _ = [read_ics(feed(f"UID:o{i}\nDTSTART:20250106T010000Z"), window=window) for i in range(3)]
    gc.collect()
    second = read_ics(data, window=window)
    assert text_of(first) == text_of(second)
    # And each occurrence is its own series' (its SUMMARY starts with the series' name).
    for occurrence in second.occurrences:
        assert occurrence.title.split(" ")[0] == occurrence.uid.split("@")[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=line_feeds(), window=st.sampled_from([YEAR, WEEK]))
def test_any_line_by_line_feed_read_twice_gives_the_same_result(
    data: bytes, window: tuple[date, date]
) -> None:
    # The fast path's generated feeds: plain events, and anything it leaves to icalendar.
    outcomes = []
    for _ in range(2):
        try:
            outcomes.append(text_of(read_ics(data, window=window)))
        except InputError as error:
            outcomes.append(f"InputError {error.place} {error.reason}")
    assert outcomes[0] == outcomes[1]
