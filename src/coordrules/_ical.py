"""The iCalendar adapter: read office feeds, write merged and per-leader feeds.

One import point for the reader (:mod:`coordrules._ical_read`) and the
writer (:mod:`coordrules._ical_write`); see ``docs/reference/ical.md``.
"""

from __future__ import annotations

from coordrules._ical_read import read_ics, read_merged_ics
from coordrules._ical_write import DEFAULT_REFRESH, feeds_per_body, feeds_per_person, write_ics

__all__ = [
    "DEFAULT_REFRESH",
    "feeds_per_body",
    "feeds_per_person",
    "read_ics",
    "read_merged_ics",
    "write_ics",
]
