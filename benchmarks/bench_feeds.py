"""Benchmark of per-person feeds (issue 13): ``feeds_per_person`` against icalendar.

A quarter of a province's work calendar: meetings spread over 13 weeks, each
with one to three of 8 leaders (resolved by person id), Vietnamese titles,
venues and descriptions long enough to fold, one meeting in eight with a
finding about one of its leaders. For each size the table shows:

* ``ours``: ``feeds_per_person`` for every leader (the default privacy);
* ``to_ical``: icalendar's ``Calendar.to_ical`` of the same events (the feeds
  we wrote, parsed once, serialised again: the same VEVENTs and VTIMEZONEs);
* ``parse``: icalendar's ``Calendar.from_ical`` of the same feeds, the cost
  a subscriber pays to read them;

each the best of a few runs, then the ratio ours / to_ical and the growth per
meeting from the smallest to the largest size. Target: ratio ≤ 1, linear.

Run: ``PYTHONPATH=src python benchmarks/bench_feeds.py`` (``--profile`` prints
a cProfile of the largest size instead).
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

import icalendar

from coordrules import (
    Attendance,
    Attendee,
    Directory,
    Finding,
    MergedCalendar,
    MergedOccurrence,
    Message,
    Occurrence,
    Organisation,
    Person,
    Report,
    Role,
    feeds_per_person,
)

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
SIZES = (300, 900, 3_600)
LEADERS = 8
STAMP = datetime(2025, 1, 1, tzinfo=UTC)
TITLES = (
    "Hội nghị Ban Thường vụ Tỉnh ủy cho ý kiến về dự thảo báo cáo tình hình kinh tế - xã hội",
    "Phiên họp thường kỳ của Ủy ban nhân dân tỉnh thảo luận kế hoạch đầu tư công trung hạn",
    "Tiếp công dân định kỳ tại Trụ sở tiếp công dân tỉnh",
    "Làm việc với Ban Quản lý các khu công nghiệp về tiến độ giải phóng mặt bằng",
)


def organisation() -> Organisation:
    people = tuple(
        Person(f"ld-{i}", f"Lãnh đạo số {i}", (f"ld{i}@tinh.gov.vn",)) for i in range(LEADERS)
    )
    return Organisation(directory=Directory(people=people))


def quarter(n: int) -> tuple[MergedCalendar, Report]:
    """*n* meetings over 13 weeks and the findings about one in eight of them."""
    base = datetime(2025, 1, 6, 7, 30, tzinfo=HCM)
    merged: list[MergedOccurrence] = []
    findings: list[Finding] = []
    for i in range(n):
        start = base + timedelta(days=(i * 91) // n, minutes=30 * (i % 18))
        who = sorted({i % LEADERS, (i * 3 + 1) % LEADERS, (i * 5 + 2) % LEADERS})[: 1 + i % 3]
        occ = Occurrence(
            title=f"{TITLES[i % len(TITLES)]} (số {i})",
            start=start,
            end=start + timedelta(minutes=60 + 30 * (i % 4)),
            source=("vp-tinh-uy", "vp-ubnd", "vp-hdnd")[i % 3],
            uid=f"ev-{i}@tinh.gov.vn",
            venue=f"Phòng họp số {i % 9}, tầng {i % 5}, Trụ sở Ủy ban nhân dân tỉnh",
            description="Thành phần: lãnh đạo các sở, ban, ngành liên quan.\n"
            "Đơn vị chuẩn bị nội dung: Văn phòng, gửi tài liệu trước 3 ngày làm việc.",
            attendees=tuple(
                Attendee(
                    f"Lãnh đạo số {k}",
                    f"ld{k}@tinh.gov.vn",
                    Role.CHAIR if j == 0 else Role.REQUIRED,
                    Attendance.ACCEPTED,
                    person=f"ld-{k}",
                )
                for j, k in enumerate(who)
            ),
        )
        item = MergedOccurrence(f"m{i:06d}", occ, (occ,))
        merged.append(item)
        if i % 8 == 0:
            findings.append(
                Finding.of(
                    "attendance-unconfirmed",
                    Message(
                        vi=f"Lãnh đạo số {who[0]} chưa xác báo dự cuộc họp số {i}.",
                        en=f"Leader {who[0]} has not confirmed meeting {i}.",
                    ),
                    rule="calendar.confirmation-deadline",
                    subjects=(f"ld-{who[0]}",),
                    occurrences=(item.ref(),),
                )
            )
    return MergedCalendar(occurrences=tuple(merged)), Report.build(findings)


def _each(fn: Callable[[Any], object], items: list[Any]) -> None:
    for item in items:
        fn(item)


def best(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    org = organisation()
    if "--profile" in sys.argv:
        calendar, report = quarter(SIZES[-1])
        cProfile.runctx(
            "feeds_per_person(calendar, org, dtstamp=STAMP, report=report)",
            globals(),
            {"calendar": calendar, "org": org, "report": report},
            "/tmp/bench_feeds.prof",
        )
        pstats.Stats("/tmp/bench_feeds.prof").sort_stats("cumulative").print_stats(25)
        return
    rows = []
    print(f"{'meetings':>8} {'ours s':>8} {'to_ical s':>10} {'parse s':>8} {'ratio':>6}  bytes")
    for n in SIZES:
        calendar, report = quarter(n)
        runs = 3 if n <= 1_000 else 2
        feeds = feeds_per_person(calendar, org, dtstamp=STAMP, report=report)
        parsed = [icalendar.Calendar.from_ical(data) for data in feeds.values()]
        ours = best(partial(feeds_per_person, calendar, org, dtstamp=STAMP, report=report), runs)
        to_ical = best(partial(_each, icalendar.Calendar.to_ical, parsed), runs)
        parse = best(partial(_each, icalendar.Calendar.from_ical, list(feeds.values())), runs)
        size = sum(len(d) for d in feeds.values())
        rows.append((n, ours, to_ical, parse))
        print(f"{n:>8} {ours:>8.3f} {to_ical:>10.3f} {parse:>8.3f} {ours / to_ical:>6.2f}  {size}")
    small, large = rows[0], rows[-1]
    scale = large[0] / small[0]
    print(f"growth {small[0]} -> {large[0]} meetings (x{scale:.0f}):")
    print(f"  ours x{large[1] / small[1]:.1f}, to_ical x{large[2] / small[2]:.1f}, "
          f"parse x{large[3] / small[3]:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
