"""Benchmark: end-to-end ``coordrules merge`` against the raw libraries, same run (issue 15).

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_merge.py              # 10^3, 10^4, 10^5 events
    PYTHONPATH=src python benchmarks/bench_merge.py 1000 10000   # chosen sizes only

For each size n (events over three offices' feeds for one year; 40% of each
feed's events are shared meetings, with the same UID, that the other offices
list too; one in ten a weekly series of 4) it prints:

* ``merge``: the real command, in this process (``coordrules.cli.main.main``):
  read and expand the three feeds, merge, check, write the merged feed and
  the JSON report, each run into a fresh folder (a first publication);
* ``raw``: the baseline, ``icalendar.Calendar.from_ical`` plus
  ``recurring_ical_events.of(...).between(...)`` of the same three feeds
  over the same window (parse and expand only; target: merge/raw ≤ 1.0);
* the same command's stages, timed one by one on the same data (read,
  merge, check, feed, JSON), so what dominates is visible;
* ``republish``: the same command once more into a folder that already
  holds ``merged.ics``, which the feed writer reads back (to keep SEQUENCE
  and LAST-MODIFIED of unchanged events): the cost of publishing the feed
  again (up to 10^4 events), timed twice, with the feed writer reading our
  own feed straight from its lines (``after``) and with that switched off,
  every earlier feed parsed by icalendar as before (``before``,
  ``coordrules.adapters.ical.write.FAST_PREVIOUS = False``);
* how many of the events the reader's fast path read (the rest went
  through icalendar and recurring-ical-events: here the weekly series);
* the growth per event from the smallest to the largest size (linear: the
  time per event stays flat).

Each figure is the best of a few runs (one at 10^5) of this process's CPU
time (``time.process_time``): on a shared, loaded machine wall-clock time
mostly measures the neighbours. Compare ratios, not seconds.
"""

from __future__ import annotations

import contextlib
import gc
import io
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from coordrules import check_calendar, load_pack, merge, read_ics, write_ics
from coordrules.adapters.ical import fast
from coordrules.adapters.ical import write as writer
from coordrules.cli.main import main as cli

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
WINDOW = (date(2025, 1, 1), date(2025, 12, 31))
AS_OF = datetime(2025, 6, 2, 8, tzinfo=HCM)
OFFICES = ("vp-tinh-uy", "vp-doan-dbqh-hdnd", "vp-ubnd")
REPUBLISH_UP_TO = 10_000
"""Republishing is timed up to this size (it costs about twice the raw parse)."""
TITLES = ("Họp giao ban UBND tỉnh", "Hội nghị Ban Thường vụ Tỉnh ủy", "Tiếp công dân định kỳ")


def _event(uid: str, i: int) -> list[str]:
    base = datetime(2025, 1, 1, 1, 0, tzinfo=UTC)
    start = base + timedelta(minutes=(37 * i) % (360 * 24 * 60))
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{base:%Y%m%dT%H%M%SZ}",
        f"DTSTART;TZID=Asia/Ho_Chi_Minh:{start.astimezone(HCM):%Y%m%dT%H%M%S}",
        f"DURATION:PT{30 + i % 120}M",
        f"SUMMARY:{TITLES[i % 3]} số {i}",
        f"LOCATION:Phòng họp {i % 17}",
        f"ATTENDEE;CN=Lãnh đạo {i % 23};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:"
        f"mailto:ld{i % 23}@tinh.vn",
    ]
    if i % 10 == 0:
        lines.append("RRULE:FREQ=WEEKLY;COUNT=4")
    lines.append("END:VEVENT")
    return lines


def feeds(n: int) -> list[bytes]:
    """Three feeds of n/3 events each; 40% of each are the shared meetings."""
    each = max(n // 3, 1)
    shared = each * 2 // 5
    out = []
    for number, office in enumerate(OFFICES):
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//bench//{office}//VI"]
        for i in range(shared):
            lines += _event(f"shared-{i}@tinh", i)
        for i in range(shared, each):
            lines += _event(f"{office}-{i}@tinh", i * 3 + number)
        lines.append("END:VCALENDAR")
        out.append(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return out


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    took, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        began = time.process_time()
        result = fn()
        took = min(took, time.process_time() - began)
    return took, result


def raw(data: list[bytes]) -> int:
    start = datetime(2025, 1, 1, tzinfo=HCM)
    stop = datetime(2026, 1, 1, tzinfo=HCM)
    return sum(
        len(recurring_ical_events.of(icalendar.Calendar.from_ical(d)).between(start, stop))
        for d in data
    )


def command(paths: list[Path], out: Path | None = None) -> int:
    """The command, writing into *out* (default: a fresh folder)."""
    with contextlib.redirect_stdout(io.StringIO()):
        if out is not None:
            return run(paths, out)
        with tempfile.TemporaryDirectory() as fresh:
            return run(paths, Path(fresh))


def fast_share(data: list[bytes]) -> tuple[int, int]:
    """(events the fast path reads, events) in the feeds."""
    hcm_start = datetime(2025, 1, 1, tzinfo=HCM)
    taken = total = 0
    for blob in data:
        plan = fast.plan(blob.decode(), HCM, hcm_start)
        total += blob.count(b"BEGIN:VEVENT")
        taken += plan.fast if plan is not None else 0
    return taken, total


def run(paths: list[Path], out: Path) -> int:
    return cli(
        [
            "merge", *map(str, paths), "--pack", "vn-province",
            "--from", WINDOW[0].isoformat(), "--to", WINDOW[1].isoformat(),
            "--as-of", AS_OF.isoformat(), "--ics", str(out / "merged.ics"),
            "--json", str(out / "report.json"),
        ]
    )  # fmt: skip


def republish(paths: list[Path], folder: Path, t_raw: float) -> str:
    """The command into *folder* once it holds ``merged.ics``: before and after."""
    command(paths, folder)
    took = {}
    for label, scanner in (("before", False), ("after", True)):
        writer.FAST_PREVIOUS = scanner
        try:
            took[label], _ = best(lambda: command(paths, folder), 1)
        finally:
            writer.FAST_PREVIOUS = True
    return "  ".join(f"{label} {t:6.2f}s ({t / t_raw:4.2f} of raw)" for label, t in took.items())


def stages(paths: list[Path]) -> dict[str, float]:
    """The command's stages, each timed on its own (one run)."""
    pack = load_pack("vn-province")
    took: dict[str, float] = {}
    began = time.process_time()
    sources = [read_ics(p, window=WINDOW, pack=pack) for p in paths]
    took["read"] = time.process_time() - began
    began = time.process_time()
    merged = merge(sources, pack, window=WINDOW)
    took["merge"] = time.process_time() - began
    began = time.process_time()
    report = check_calendar(merged, pack, as_of=AS_OF, window=WINDOW)
    took["check"] = time.process_time() - began
    began = time.process_time()
    write_ics(merged, name="bench", dtstamp=AS_OF, report=report)
    took["feed"] = time.process_time() - began
    began = time.process_time()
    report.to_json()
    took["json"] = time.process_time() - began
    return took


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [1_000, 10_000, 100_000]
    per_event: list[tuple[int, float]] = []
    for n in sizes:
        data = feeds(n)
        repeat = 3 if n <= 10_000 else 1
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            paths = []
            for office, blob in zip(OFFICES, data, strict=True):
                path = folder / f"{office}.ics"
                path.write_bytes(blob)
                paths.append(path)
            t_raw, expanded = best(lambda: raw(data), repeat)  # noqa: B023
            t_cmd, status = best(lambda: command(paths), repeat)  # noqa: B023
            parts = stages(paths)
            again = "not timed"
            if n <= REPUBLISH_UP_TO:
                again = republish(paths, folder, t_raw)
        per_event.append((n, t_cmd / n))
        shown = "  ".join(f"{k}={v:6.2f}s" for k, v in parts.items())
        taken, total = fast_share(data)
        print(
            f"n={n:>7,} events ({expanded:>7,} occurrences)  raw={t_raw:7.2f}s  "
            f"merge={t_cmd:7.2f}s (exit {status})  merge/raw={t_cmd / t_raw:5.2f} (≤1.0)   "
            f"stages: {shown}   republish={again}   "
            f"fast path: {taken:,} of {total:,} events"
        )
    if len(per_event) > 1:
        (n0, a), (n1, b) = per_event[0], per_event[-1]
        print(
            f"time per event: {a * 1e6:,.0f} µs at {n0:,}, {b * 1e6:,.0f} µs at {n1:,} "
            f"(×{b / a:4.2f}; linear: ≈1)"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
