"""Benchmark of the iCalendar adapter against the raw libraries (issue 4).

Reading: ``coordrules.read_ics`` against ``icalendar.Calendar.from_ical`` plus
``recurring_ical_events.of(...).between(...)`` on the same bytes and window,
with the fast path for plain events (``read``) and without it (``read-ical``:
every event through icalendar, ``coordrules.adapters.ical.read.FAST_PATH``
off), so the fast path's gain is measured in the same run.
Writing: ``coordrules.write_ics`` of the merged calendar against
``Calendar.to_ical`` of the parsed calendar. Three feeds of 10^3, 10^4 and
4×10^4 events (one in ten a weekly series of 4); each figure is the best of
a few runs, printed beside its baseline with the ratio, then the growth per
event from the smallest to the largest size. Target: ratio ≤ 1.25, linear.
Times are this process's CPU time (the machine is shared: wall-clock time
mostly measures the neighbours).

Run: ``PYTHONPATH=src python benchmarks/bench_ical.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from coordrules import MergedCalendar, MergedOccurrence, read_ics, write_ics
from coordrules.adapters.ical import read as reader

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
SIZES = (1_000, 10_000, 40_000)
WINDOW = (date(2025, 1, 1), date(2025, 12, 31))
TITLES = ("Họp giao ban UBND tỉnh", "Hội nghị Ban Thường vụ Tỉnh ủy", "Tiếp công dân định kỳ")


def feed(n: int) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    base = datetime(2025, 1, 1, 1, 0, tzinfo=UTC)
    for i in range(n):
        start = base + timedelta(minutes=37 * i % (360 * 24 * 60))
        lines += [
            "BEGIN:VEVENT",
            f"UID:ev-{i}@bench",
            f"DTSTAMP:{base:%Y%m%dT%H%M%SZ}",
            f"DTSTART;TZID=Asia/Ho_Chi_Minh:{start.astimezone():%Y%m%dT%H%M%S}",
            f"DURATION:PT{30 + i % 120}M",
            f"SUMMARY:{TITLES[i % 3]} số {i}",
            f"LOCATION:Phòng họp {i % 17}",
            f"ATTENDEE;CN=Lãnh đạo {i % 23};ROLE=REQ-PARTICIPANT:mailto:ld{i % 23}@tinh.vn",
            f"DESCRIPTION:Nội dung cuộc họp {i}",
        ]
        if i % 10 == 0:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=4")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _raw(data: bytes, start: datetime, stop: datetime) -> int:
    cal = icalendar.Calendar.from_ical(data)
    return len(recurring_ical_events.of(cal).between(start, stop))


def best(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    # The same window as read_ics: both days included, in the pack's zone.
    start = datetime(2025, 1, 1, tzinfo=HCM)
    stop = datetime(2026, 1, 1, tzinfo=HCM)
    rows = []
    print(f"{'events':>7} {'what':<6} {'coordrules s':>13} {'baseline s':>11} {'ratio':>6}  occ.")
    for n in SIZES:
        data = feed(n)
        runs = 2 if n <= 10_000 else 1

        source = read_ics(data, window=WINDOW)
        raw = partial(_raw, data, start, stop)
        count = raw()
        assert len(source.occurrences) == count, (len(source.occurrences), count)
        ours_read = best(partial(read_ics, data, window=WINDOW), runs)
        reader.FAST_PATH = False
        try:
            slow = read_ics(data, window=WINDOW)
            assert slow == source, "the two paths differ"
            ical_read = best(partial(read_ics, data, window=WINDOW), runs)
        finally:
            reader.FAST_PATH = True
        base_read = best(raw, runs)
        merged = MergedCalendar(
            occurrences=tuple(
                MergedOccurrence(f"o{i}", o, (o,)) for i, o in enumerate(source.occurrences)
            )
        )
        parsed = icalendar.Calendar.from_ical(data)
        stamp = datetime(2025, 2, 1, tzinfo=UTC)
        ours_write = best(partial(write_ics, merged, name="bench", dtstamp=stamp), runs)
        base_write = best(parsed.to_ical, runs)
        rows.append((n, ours_read, base_read, ours_write, base_write))
        ratio_read, ratio_write = ours_read / base_read, ours_write / base_write
        print(f"{n:>7} read   {ours_read:>13.3f} {base_read:>11.3f} {ratio_read:>6.2f}  {count}")
        ratio_ical = ical_read / base_read
        print(f"{n:>7} read-ical {ical_read:>10.3f} {base_read:>11.3f} {ratio_ical:>6.2f}")
        print(f"{n:>7} write  {ours_write:>13.3f} {base_write:>11.3f} {ratio_write:>6.2f}")
    small, large = rows[0], rows[-1]
    scale = large[0] / small[0]
    print(f"growth {small[0]} -> {large[0]} events (x{scale:.0f} data):")
    print(f"  read  coordrules x{large[1] / small[1]:.1f}, baseline x{large[2] / small[2]:.1f}")
    print(f"  write coordrules x{large[3] / small[3]:.1f}, baseline x{large[4] / small[4]:.1f}")


if __name__ == "__main__":
    main()
