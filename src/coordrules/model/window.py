"""The one way to pass a span of dates: a :class:`Window` of local dates, both included."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class Window(NamedTuple):
    """A span of local dates, both included: ``Window(first, last)``.

    Every public function that works on a span of dates takes it as
    ``window=`` (:func:`~coordrules.read_ics`, :func:`~coordrules.merge`,
    :func:`~coordrules.check_calendar`, :func:`~coordrules.write_weekly_docx` …),
    read in the pack's time zone. A plain pair ``(first, last)`` is a window
    too: ``Window`` only names its two ends.
    """

    first: date
    """The first day of the window (included)."""
    last: date
    """The last day of the window (included)."""
