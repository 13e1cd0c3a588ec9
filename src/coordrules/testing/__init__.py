"""Hypothesis strategies and domain assertions for tests of code that uses coordrules.

Public module (needs ``hypothesis``, which the library itself does not: install
the ``testing`` extra, ``pip install "coordrules[testing]"``):
build random occurrences and source calendars shaped like the offices'
calendars, with the awkward cases on purpose: times on a coarse grid so that
overlaps and touching intervals are frequent, zero-length items, all-day
items, several time zones, meetings copied into several offices' calendars
(optionally with diverging copies), planted double bookings and planted late
changes. Also: rule packs (small invented ones, or variations of a bundled
pack), people directories with kiêm nhiệm and dated appointments,
organisations, and meeting dossiers with documents received around their
deadlines. The ``assert_*`` functions check a :class:`~coordrules.Report`
and raise :class:`AssertionError` with a message naming the findings.

Example::

    from hypothesis import given
    from coordrules.testing import calendars

    @given(calendars(divergent=True))
    def test_merge_never_raises(sources):
        merge(sources, my_pack)

Every strategy takes the people (``(name, e-mail)`` pairs), venues, titles
and days to draw from, so tests can use their own directory's names.
"""

from __future__ import annotations

from coordrules.testing.assertions import (
    SAME_FIELDS,
    Occurrences,
    assert_dossier_complete,
    assert_findings,
    assert_no_conflicts,
    assert_no_errors,
    assert_same_occurrences,
)
from coordrules.testing.calendars import (
    PEOPLE,
    TIMEZONES,
    TITLES,
    VENUES,
    attendees,
    calendars,
    occurrences,
    source_calendars,
)
from coordrules.testing.dossiers import (
    dossiers,
)
from coordrules.testing.packs import (
    directories,
    organisations,
    packs,
)

__all__ = [
    "PEOPLE",
    "SAME_FIELDS",
    "TIMEZONES",
    "TITLES",
    "VENUES",
    "Occurrences",
    "assert_dossier_complete",
    "assert_findings",
    "assert_no_conflicts",
    "assert_no_errors",
    "assert_same_occurrences",
    "attendees",
    "calendars",
    "directories",
    "dossiers",
    "occurrences",
    "organisations",
    "packs",
    "source_calendars",
]
