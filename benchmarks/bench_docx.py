"""Benchmark: writing and reading weekly calendars in DOCX.

Sizes 10^3, 4x10^3 and 1.6x10^4 item rows. Baseline, measured in the same
run: python-docx building a plain table of the same number of rows and 5
columns (``add_table`` + ``row.cells[j].text``), saved to bytes. Targets:
linear growth (x4 rows, at most x4.8 time) and at most 2x the plain table.

Run: ``PYTHONPATH=src python benchmarks/bench_docx.py``
"""

from __future__ import annotations

import io
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import docx

from coordrules import (
    Attendee,
    MergedCalendar,
    MergedOccurrence,
    Occurrence,
    Office,
    Pack,
    Role,
    read_weekly_docx,
    write_weekly_docx,
)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PACK = Pack(id="bench", name="bench", offices=(Office("vp-ubnd", "Văn phòng UBND tỉnh"),))
MONDAY = date(2026, 12, 7)
SIZES = (1_000, 4_000, 16_000)


def calendar(rows: int) -> MergedCalendar:
    items = []
    for i in range(rows):
        day = MONDAY + timedelta(days=i % 7)
        start = datetime(day.year, day.month, day.day, 7 + (i // 7) % 14, (i * 5) % 60, tzinfo=TZ)
        occ = Occurrence(
            title=f"Họp bàn công tác chuẩn bị kỳ họp HĐND số {i}",
            start=start,
            end=start + timedelta(minutes=45),
            source="vp-ubnd",
            uid=f"{i}@bench",
            venue=f"Phòng họp {i % 17}",
            preparing_unit="Văn phòng UBND tỉnh",
            attendees=(Attendee("Chủ tịch UBND tỉnh", role=Role.CHAIR), Attendee("Lê Văn C")),
        )
        items.append(MergedOccurrence(f"m{i}", occ, (occ,)))
    return MergedCalendar(occurrences=tuple(items))


def plain_table(rows: int) -> bytes:
    document = docx.Document()
    table = document.add_table(rows=rows, cols=5)
    for i, row in enumerate(table.rows):
        cells = row.cells
        cells[0].text = "08h00 - 08h45"
        cells[1].text = f"Họp bàn công tác chuẩn bị kỳ họp HĐND số {i}"
        cells[2].text = "Chủ trì: Chủ tịch UBND tỉnh"
        cells[3].text = f"Phòng họp {i % 17}"
        cells[4].text = "Văn phòng UBND tỉnh"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def timed(function, *args, repeat: int = 1, **kwargs):  # type: ignore[no-untyped-def]
    best = float("inf")
    result = None
    for _ in range(repeat):
        began = time.perf_counter()
        result = function(*args, **kwargs)
        best = min(best, time.perf_counter() - began)
    return best, result


def main() -> None:
    print(f"{'rows':>6} {'plain table s':>14} {'write s':>9} {'write/plain':>12} "
          f"{'read s':>8} {'read/plain':>11}")  # fmt: skip
    previous = None
    results = []
    for rows in SIZES:
        cal = calendar(rows)
        end = MONDAY + timedelta(days=6)
        repeat = 3 if rows < 16_000 else 2
        plain, _ = timed(plain_table, rows, repeat=repeat)
        write, data = timed(
            write_weekly_docx, cal, window=(MONDAY, end), pack=PACK, office="vp-ubnd",
            repeat=repeat,
        )  # fmt: skip
        read, back = timed(read_weekly_docx, data, repeat=repeat)
        assert len(back.occurrences) == rows, (len(back.occurrences), rows)
        print(f"{rows:>6} {plain:>14.3f} {write:>9.3f} {write / plain:>12.2f} "
              f"{read:>8.3f} {read / plain:>11.2f}")  # fmt: skip
        if previous is not None:
            results.append((rows, write / previous[0], read / previous[1], plain / previous[2]))
        previous = (write, read, plain)
    print("growth for x4 rows (target <= 4.8):")
    for rows, write_growth, read_growth, plain_growth in results:
        print(f"  to {rows:>6}: write x{write_growth:.2f}, read x{read_growth:.2f}, "
              f"plain table x{plain_growth:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
