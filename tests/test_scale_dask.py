"""The public API on Dask distributed gives the single-process results, byte for byte.

A ``LocalCluster`` of two workers, in this process (``processes=False``:
threads, quick to start; ``benchmarks/bench_scale.py`` measures with two
processes). Skipped when the ``dask`` extra is not installed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from coordrules import InputError, check_calendar, merge, read_ics
from fixtures_calendar import DIRECTORY, PACK, VN

if TYPE_CHECKING:
    from distributed import Client

distributed = pytest.importorskip("distributed")

from coordrules.scale import check_calendar_parallel, merge_and_check, read_feeds  # noqa: E402

WINDOW = (date(2025, 3, 3), date(2025, 3, 16))
AS_OF = datetime(2025, 3, 4, 9, tzinfo=VN)
PEOPLE = ("Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Nguyễn Văn An")
ROOMS = ("Phòng họp số 1", "Phòng họp số 2", "Hội trường")


def _feed(office: int, seed: int, count: int) -> bytes:
    """One office's synthetic feed: shared meetings (same UID in every feed), own ones, a series."""
    rnd = random.Random(seed * 100 + office)
    events = []
    for number in range(count):
        shared = number % 3 == 0
        uid = f"shared-{number}@tinh" if shared else f"own-{office}-{number}@tinh"
        pick = random.Random(number) if shared else rnd
        day = WINDOW[0] + timedelta(days=pick.randrange(14))
        start = datetime(day.year, day.month, day.day, 7, tzinfo=VN) + timedelta(
            minutes=30 * pick.randrange(20)
        )
        end = start + timedelta(minutes=pick.choice((30, 60, 90, 120)))
        people = pick.sample(PEOPLE, pick.randint(1, 2))
        lines = [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            "DTSTAMP:20250301T000000Z",
            f"DTSTART;TZID=Asia/Ho_Chi_Minh:{start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Asia/Ho_Chi_Minh:{end:%Y%m%dT%H%M%S}",
            f"SUMMARY:Họp {pick.randrange(5)}",
            f"LOCATION:{pick.choice(ROOMS)}",
            *(f"ATTENDEE;CN={p};PARTSTAT={rnd.choice(('ACCEPTED', 'NEEDS-ACTION'))}:"
              f"mailto:p{PEOPLE.index(p)}@tinh.gov.vn" for p in people),
            "END:VEVENT",
        ]  # fmt: skip
        events.append("\r\n".join(lines))
    series = (
        f"BEGIN:VEVENT\r\nUID:series-{office}@tinh\r\nDTSTAMP:20250301T000000Z\r\n"
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20250303T080000\r\n"
        "DTEND;TZID=Asia/Ho_Chi_Minh:20250303T090000\r\n"
        "RRULE:FREQ=DAILY;COUNT=10\r\nSUMMARY:Giao ban\r\nLOCATION:Hội trường\r\n"
        "ATTENDEE;CN=Trần Thị Bình:mailto:p0@tinh.gov.vn\r\nEND:VEVENT"
    )
    body = "\r\n".join([*events, series])
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//scale//VI\r\n"
        f"{body}\r\nEND:VCALENDAR\r\n"
    ).encode()


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def _single(feeds: list[bytes], names: list[str]) -> tuple[object, str]:
    sources = [
        read_ics(f, name=n, window=WINDOW, pack=PACK) for f, n in zip(feeds, names, strict=True)
    ]
    calendar = merge(sources, PACK, DIRECTORY, window=WINDOW)
    report = check_calendar(calendar, PACK, DIRECTORY, as_of=AS_OF, window=WINDOW)
    return calendar, report.to_json()


@pytest.mark.parametrize("seed", [1, 2])
def test_many_feeds_read_and_checked_on_dask_equal_one_process(client: Client, seed: int) -> None:
    feeds = [_feed(office, seed, 40) for office in range(6)]
    names = [f"vp-{office}" for office in range(6)]
    calendar, report = merge_and_check(
        client,
        feeds,
        PACK,
        DIRECTORY,
        window=WINDOW,
        as_of=AS_OF,
        names=names,
    )
    single_calendar, single_json = _single(feeds, names)
    assert calendar == single_calendar
    assert report.to_json() == single_json
    # The data has findings of several codes, so the split had work to share.
    codes = {f.code for f in report.findings}
    assert {"person-double-booked", "venue-double-booked"} <= codes


def test_more_parts_than_workers_and_a_small_cap(client: Client) -> None:
    feeds = [_feed(office, 3, 60) for office in range(4)]
    names = [f"vp-{office}" for office in range(4)]
    sources = read_feeds(client, feeds, window=WINDOW, pack=PACK, names=names)
    calendar = merge(sources, PACK, DIRECTORY, window=WINDOW)
    previous = merge(sources[1:], PACK, DIRECTORY, window=WINDOW)
    got = check_calendar_parallel(
        client, calendar, PACK, DIRECTORY, as_of=AS_OF, previous=previous, parts=7,
        max_per_code=3,
    )  # fmt: skip
    want = check_calendar(calendar, PACK, DIRECTORY, as_of=AS_OF, previous=previous, max_per_code=3)
    assert got.to_json() == want.to_json()
    assert got.by_code("findings-omitted")


def test_a_feed_that_is_not_icalendar_fails_as_in_one_process(client: Client) -> None:
    with pytest.raises(InputError):
        read_feeds(client, [_feed(0, 1, 5), b"not a calendar"], window=WINDOW, pack=PACK)
