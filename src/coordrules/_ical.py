"""The iCalendar adapter's public functions: read office feeds, write merged feeds.

Reading is in :mod:`coordrules._ical_read`, writing in
:mod:`coordrules._ical_write`; this module gathers what the package
re-exports. See ``docs/reference/ical.md``.
"""

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
