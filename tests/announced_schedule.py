"""The 2025–2026 announced working-day schedule, written out by hand (DOMAIN.md).

One oracle for every test that checks working-day arithmetic against a plain
day-by-day loop, independent of the library and of ``holidays``.
"""

from __future__ import annotations

from datetime import date

OFF_SPANS = [
    (date(2025, 1, 1), date(2025, 1, 1)),
    (date(2025, 1, 25), date(2025, 2, 2)),
    # Giỗ Tổ Hùng Vương (10/3 lunar; Bộ luật Lao động 2019, Điều 112) fell on a
    # Monday in 2025: a plain holiday, so DOMAIN.md's table of swaps omits it.
    (date(2025, 4, 7), date(2025, 4, 7)),
    (date(2025, 4, 30), date(2025, 5, 4)),
    (date(2025, 8, 30), date(2025, 9, 2)),
    (date(2026, 1, 1), date(2026, 1, 4)),
    (date(2026, 2, 14), date(2026, 2, 22)),
    (date(2026, 4, 25), date(2026, 4, 27)),
    (date(2026, 4, 30), date(2026, 5, 3)),
    (date(2026, 8, 29), date(2026, 9, 2)),
]
"""Days off, first and last included."""

MAKE_UP = [date(2025, 4, 26), date(2026, 1, 10), date(2026, 8, 22)]
"""Make-up working Saturdays (ngày làm bù)."""


def oracle_is_working(day: date) -> bool:
    """The announced schedule, day by day: make-up days, days off, else Monday–Friday."""
    if day in MAKE_UP:
        return True
    if any(first <= day <= last for first, last in OFF_SPANS):
        return False
    return day.weekday() < 5
