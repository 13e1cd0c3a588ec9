"""Benchmark: conflict detection and merging, against baselines measured in the same run.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_conflicts.py            # 10^4, 10^5, 10^6
    PYTHONPATH=src python benchmarks/bench_conflicts.py 10000      # chosen sizes only
    PYTHONPATH=src python benchmarks/bench_conflicts.py --worst    # the worst case only
    PYTHONPATH=src python benchmarks/bench_conflicts.py --memory 1000000  # peak memory only

For each size n (occurrences in one merged calendar, a year of a province
whose people and rooms grow with n) it prints:

* ``detect``: check_calendar's overlap detection (the per-person and
  per-venue clusters, :func:`coordrules.rules.double_booking.overlap_clusters`)
  over the (resource, start, end) intervals check_calendar builds;
* ``sort``: ``sorted()`` over the same (resource, start) keys;
* ``sqlite``: an in-memory SQLite self-join with an index on (resource,
  start) that finds every interval in conflict (index build + query;
  loading the rows is not counted); its count is checked equal to the
  clusters' members;
* the ratios detect/sort (target ≤ 3) and detect/sqlite (target ≤ 1 at
  10^5 and 10^6), and the whole ``check_calendar`` for reference;
* ``check/sort``: the whole ``check_calendar`` (findings and all) beside the
  same sort (target ≤ 3);
* for the largest size, the peak memory (``ru_maxrss``) of a fresh process
  that builds the calendar and checks it (``--memory N`` runs just that;
  target ≤ 1 GiB at 10^6). The calendars share repeated values (titles,
  rooms, attendees, times) as a reader that interns them would.

Then the worst case for conflicts: n occurrences of one slot (one person, one
venue, the same two hours), n = 100, 400, 1,600, 6,400. Before clusters
this gave n(n-1)/2 findings per person and venue (400: 110 s, 3.4 GB). It
prints detection beside a sort of the same rows, the whole
``check_calendar`` beside the same sort, the growth of check_calendar's time
per ×4 data (target ≤ 5: linear, not ×16), and check_calendar's peak
traced memory (``tracemalloc``, measured in a second run so that tracing
does not slow the timed one).

Then merge growth: three sources of n/4 and of n occurrences each
(n = 10^5), ×4 data, target at most ×5 time.
"""

from __future__ import annotations

import functools
import gc
import random
import resource
import sqlite3
import subprocess
import sys
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

import attrs

from coordrules import (
    Appointment,
    Attendance,
    Attendee,
    Body,
    Directory,
    MergedCalendar,
    MergedOccurrence,
    Occurrence,
    Pack,
    Person,
    Position,
    SourceCalendar,
    Status,
    check_calendar,
    merge,
)
from coordrules.rules.check_table import _busy_people
from coordrules.rules.double_booking import overlap_clusters

_T = TypeVar("_T")
VN = ZoneInfo("Asia/Ho_Chi_Minh")
PACK = Pack(id="bench", name="Benchmark")
YEAR = date(2025, 1, 1)


_SHARED: dict[object, object] = {}


def shared(value: _T) -> _T:
    """One object per distinct value, as a reader that interns what repeats would keep.

    A province's year repeats its titles, rooms, people and half-hours; one
    copy of each keeps 10^6 occurrences in memory (see ``--memory``).
    """
    return _SHARED.setdefault(value, value)  # type: ignore[return-value]


def occurrence(rnd: random.Random, n: int, number: int, source: str = "feed") -> Occurrence:
    people = max(n // 200, 10)
    venues = max(n // 500, 5)
    day = YEAR + timedelta(days=rnd.randrange(365))
    start = datetime(day.year, day.month, day.day, 7, tzinfo=VN) + timedelta(
        minutes=15 * rnd.randrange(44)
    )
    end = start + timedelta(minutes=rnd.choice((30, 60, 90, 120, 180)))
    attendees = tuple(
        shared(Attendee(f"Người {p}", person=f"p{p}", attendance=Attendance.ACCEPTED))
        for p in {rnd.randrange(people) for _ in range(rnd.randint(1, 3))}
    )
    return Occurrence(
        title=shared(f"Cuộc họp {rnd.randrange(300)}"),
        start=shared(start),
        end=shared(end),
        source=source,
        uid=f"{source}-{number}",
        venue=shared(f"Phòng {rnd.randrange(venues)}"),
        attendees=shared(attendees),
        status=Status.CANCELLED if rnd.random() < 0.02 else Status.CONFIRMED,
    )


def calendar(n: int, seed: int = 1) -> MergedCalendar:
    rnd = random.Random(seed)
    items = []
    for number in range(n):
        occ = occurrence(rnd, n, number)
        items.append(MergedOccurrence(f"m{number}", occ, (occ,)))
    return MergedCalendar(occurrences=tuple(items), sources=(SourceCalendar("feed"),))


def intervals(cal: MergedCalendar) -> list[tuple[str, float, float, int]]:
    """The (resource, start, end, index) rows check_calendar's sweep runs over."""
    out = []
    for index, item in enumerate(cal.occurrences):
        occ = item.occurrence
        start, end = occ.instants(VN)
        s, e = start.timestamp(), end.timestamp()
        for person in _busy_people(occ):
            out.append(("p:" + person, s, e, index))
        if occ.venue is not None and occ.status is not Status.CANCELLED:
            out.append(("v:" + occ.venue, s, e, index))
    return out


REPEAT = 3
"""Each figure is the best of this many runs (the machine is shared; best-of is stablest)."""


def timed(fn, *args, repeat: int = 1):  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        gc.collect()  # start each measurement from the same heap state; GC stays enabled
        began = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - began)
    return best, result


def sqlite_members(rows: list[tuple[str, float, float, int]]) -> tuple[float, int]:
    """SQLite's time to find every (resource, interval) that overlaps another, and their count."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE iv (res TEXT, s REAL, e REAL, id INTEGER)")
    db.executemany("INSERT INTO iv VALUES (?, ?, ?, ?)", rows)
    db.commit()
    gc.collect()
    began = time.perf_counter()
    db.execute("CREATE INDEX iv_res_s ON iv (res, s)")
    (count,) = db.execute(
        """WITH p AS (
             SELECT a.res AS res, a.id AS i, b.id AS j FROM iv a JOIN iv b
             ON b.res = a.res AND b.s >= a.s AND b.s < a.e
             WHERE a.s < a.e AND b.s < b.e
               AND (b.s > a.s OR b.e > a.e OR (b.e = a.e AND b.id > a.id)))
           SELECT count(*) FROM (SELECT res, i FROM p UNION SELECT res, j FROM p)"""
    ).fetchone()
    elapsed = time.perf_counter() - began
    db.close()
    return elapsed, count


def bench_detection(n: int) -> None:
    cal = calendar(n)
    rows = intervals(cal)
    repeat = REPEAT if n <= 10**5 else 1
    t_detect, clusters = timed(overlap_clusters, rows, repeat=repeat)
    members = sum(len(m) for _, m in clusters)
    t_sort, _ = timed(sorted, [(r[0], r[1]) for r in rows], repeat=repeat)
    t_sql, count = min(sqlite_members(rows) for _ in range(repeat))
    assert count == members, (count, members)
    t_check, report = timed(
        lambda: check_calendar(cal, PACK, as_of=datetime(2025, 1, 1, tzinfo=UTC)), repeat=repeat
    )
    print(
        f"n={n:>8,}  rows={len(rows):>9,}  clusters={len(clusters):>8,}  "
        f"detect={t_detect:7.3f}s  sort={t_sort:7.3f}s  sqlite={t_sql:7.3f}s  "
        f"detect/sort={t_detect / t_sort:5.2f} (≤3)  detect/sqlite={t_detect / t_sql:5.2f} (≤1)  "
        f"check_calendar={t_check:7.2f}s check/sort={t_check / t_sort:5.2f} (≤3) "
        f"findings={len(report.findings):,}"
    )


WORST = (100, 400, 1600, 6400)


SLOT_PACK = Pack(
    id="bench-slot",
    name="Benchmark",
    bodies=(Body("ubnd", "UBND tỉnh"),),
    positions=(
        Position("chu-tich", "ubnd", "Chủ tịch UBND tỉnh", deputies=("pct-1", "pct-2")),
        Position("pct-1", "ubnd", "Phó Chủ tịch UBND tỉnh"),
        Position("pct-2", "ubnd", "Phó Chủ tịch UBND tỉnh"),
    ),
)
SLOT_PEOPLE = Directory(
    people=(Person("binh", "Trần Thị Bình"), Person("cuong", "Lê Văn Cường"),
            Person("dung", "Phạm Thị Dung")),
    appointments=(Appointment("binh", "chu-tich"), Appointment("cuong", "pct-1"),
                  Appointment("dung", "pct-2")),
)  # fmt: skip


def one_slot(n: int) -> MergedCalendar:
    """n occurrences of one slot: one person, one venue, 08:00-10:00 on a working day.

    The person's two deputies are due at every other one, so every finding
    also works out whether each deputy is free.
    """
    start = datetime(2025, 3, 5, 8, tzinfo=VN)
    binh, cuong, dung = (
        Attendee(name, person=key, attendance=Attendance.ACCEPTED)
        for key, name in (("binh", "Trần Thị Bình"), ("cuong", "Lê Văn Cường"),
                          ("dung", "Phạm Thị Dung"))
    )  # fmt: skip
    items = []
    for number in range(n):
        occ = Occurrence(
            title=f"Họp {number}",
            start=start,
            end=start + timedelta(hours=2),
            source="feed",
            uid=f"slot-{number}",
            venue="Phòng 2",
            attendees=(binh, cuong if number % 2 else dung),
        )
        items.append(MergedOccurrence(f"m{number}", occ, (occ,)))
    return MergedCalendar(occurrences=tuple(items), sources=(SourceCalendar("feed"),))


def peak_traced(fn):  # type: ignore[no-untyped-def]
    """The peak memory traced while *fn* runs, in bytes."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def bench_worst() -> None:
    as_of = datetime(2025, 3, 1, tzinfo=UTC)
    previous = None
    for n in WORST:
        cal = one_slot(n)
        rows = intervals(cal)
        t_detect, clusters = timed(overlap_clusters, rows, repeat=REPEAT)
        t_sort, _ = timed(sorted, [(r[0], r[1]) for r in rows], repeat=REPEAT)
        check = functools.partial(check_calendar, cal, SLOT_PACK, SLOT_PEOPLE, as_of=as_of)
        t_check, report = timed(check, repeat=REPEAT)
        peak = peak_traced(check)
        growth = "" if previous is None else f"  ×4 data → ×{t_check / previous:4.2f} time (≤5)"
        previous = t_check
        print(
            f"one slot n={n:>5,}: clusters={len(clusters)}  findings={len(report.findings)}  "
            f"detect={t_detect * 1e3:8.2f}ms  sort={t_sort * 1e3:7.2f}ms  "
            f"detect/sort={t_detect / t_sort:5.2f}  "
            f"check_calendar={t_check * 1e3:8.1f}ms  check/sort={t_check / t_sort:7.0f}  "
            f"peak={peak / 2**20:6.1f} MiB{growth}"
        )


def sources(n: int, seed: int = 2) -> list[SourceCalendar]:
    """Three offices' calendars of n occurrences each; 40% of each is shared (same UID)."""
    rnd = random.Random(seed)
    shared = [occurrence(rnd, 3 * n, k, "shared") for k in range(n * 2 // 5)]
    out = []
    for name in ("vp-tinh-uy", "vp-doan-dbqh-hdnd", "vp-ubnd"):
        own = [occurrence(rnd, 3 * n, k, name) for k in range(n - len(shared))]
        copies = [
            attrs.evolve(o, source=name, sequence=rnd.randrange(3),
                         start=o.start + timedelta(minutes=30) if rnd.random() < 0.05 else o.start)
            for o in shared
        ]  # fmt: skip
        out.append(SourceCalendar(name, tuple(own + copies)))
    return out


def bench_merge(n: int) -> None:
    small, large = sources(n // 4), sources(n)
    t_small, m_small = timed(merge, small, PACK, repeat=2)
    t_large, m_large = timed(merge, large, PACK, repeat=2)
    print(
        f"merge 3×{n // 4:,}: {t_small:6.2f}s ({len(m_small.occurrences):,} meetings)   "
        f"merge 3×{n:,}: {t_large:6.2f}s ({len(m_large.occurrences):,} meetings)   "
        f"×4 data → ×{t_large / t_small:4.2f} time (≤5)"
    )


def memory(n: int) -> None:
    """Build a calendar of n occurrences, check it, print the process's peak memory."""
    cal = calendar(n)
    built = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = check_calendar(cal, PACK, as_of=datetime(2025, 1, 1, tzinfo=UTC))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"memory n={n:,}: calendar built {built / 1024:,.0f} MiB, peak with check_calendar "
        f"{peak / 1024:,.0f} MiB (ru_maxrss, whole process; target ≤ 1,024) "
        f"findings={len(report.findings):,}"
    )


def main(argv: list[str]) -> None:
    if argv == ["--worst"]:
        bench_worst()
        return
    if argv[:1] == ["--memory"]:
        memory(int(argv[1]))
        return
    sizes = [int(a) for a in argv] or [10**4, 10**5, 10**6]
    for n in sizes:
        bench_detection(n)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"peak memory of this benchmark (ru_maxrss, with its baselines' rows, "
        f"n up to {max(sizes):,}): {peak / 1024:,.0f} MiB"
    )
    # The check alone, in a fresh process: what a user's process holds.
    subprocess.run([sys.executable, __file__, "--memory", str(max(sizes))], check=True)
    bench_worst()
    bench_merge(10**5 if not argv else max(sizes))


if __name__ == "__main__":
    main(sys.argv[1:])
