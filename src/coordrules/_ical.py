"""The iCalendar adapter's public functions: read office feeds, write merged feeds.

The work is done in :mod:`coordrules._ical_read` and
:mod:`coordrules._ical_write`; they are imported on first call, so that
``import coordrules`` (and with it every core module) never loads
``icalendar`` — ``tests/test_layers.py`` checks the core stays free of it.
See ``docs/reference/ical.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    import os

    from coordrules._events import MergedCalendar, MergedOccurrence, SourceCalendar
    from coordrules._findings import Report
    from coordrules._org import Organisation
    from coordrules._pack import Pack

DEFAULT_REFRESH = timedelta(hours=1)
"""How often subscribers are asked to refresh (REFRESH-INTERVAL, X-PUBLISHED-TTL)."""


def read_ics(
    source: str | os.PathLike[str] | bytes | BinaryIO,
    *,
    name: str | None = None,
    window: tuple[date, date],
    pack: Pack | None = None,
) -> SourceCalendar:
    """Read one office's iCalendar feed (lịch của một văn phòng) for a window of dates.

    Arguments:
        source: a path, the bytes of the feed, or a binary file object.
        name: the source name; defaults to the file's stem (``"feed"`` for bytes).
        window: ``(from, to)``, both dates included, read in the pack's time zone.
            Only occurrences overlapping it are returned.
        pack: gives the time zone for floating times (``work_calendar.timezone``,
            default ``Asia/Ho_Chi_Minh``), the cap per recurring series
            (``policy.series_cap``) and the size limit (``policy.max_feed_bytes``).

    Returns a :class:`~coordrules.SourceCalendar` whose ``problems`` hold an
    ``import-problem`` finding (file, place, reason) for every component that
    could not be used and a ``recurrence-capped`` finding for every series the
    cap (or the density guard) cut. Cancelled occurrences are kept with status
    ``cancelled``. Properties the model does not use are kept in
    ``Occurrence.extra`` as ``("NAME;PARAMS", value-as-iCalendar-text)``.

    Raises :class:`~coordrules.InputError` when the input is not iCalendar
    (empty, binary, no complete VCALENDAR), cannot be read, or is larger than
    the size limit.
    """
    from coordrules import _ical_read

    return _ical_read.read_ics(source, name=name, window=window, pack=pack)


def read_merged_ics(
    source: str | os.PathLike[str] | bytes | BinaryIO, *, pack: Pack | None = None
) -> MergedCalendar:
    """Read a feed written by :func:`write_ics` back as a merged calendar (a snapshot).

    For ``--previous OLD.ics``: late changes are found by comparing the
    current merged calendar with this one. Each VEVENT becomes one
    :class:`~coordrules.MergedOccurrence` whose ``id`` is its UID without
    ``@coordrules``; its ``copies`` come from the ``X-COORDRULES-COPY`` lines
    (the occurrence with each copy's source, UID and RECURRENCE-ID), or the
    occurrence itself when there are none. The ``⚠`` marker and the findings
    block the writer added are removed. Problems are in ``sources[0].problems``.

    Raises :class:`~coordrules.InputError` as :func:`read_ics` does.
    """
    from coordrules import _ical_read

    return _ical_read.read_merged_ics(source, pack=pack)


def write_ics(
    calendar: MergedCalendar,
    *,
    name: str,
    dtstamp: datetime,
    report: Report | None = None,
    select: Callable[[MergedOccurrence], bool] | None = None,
    previous: bytes | None = None,
    refresh: timedelta = DEFAULT_REFRESH,
) -> bytes:
    """The merged calendar as one iCalendar subscription feed (``METHOD:PUBLISH``).

    Arguments:
        calendar: the merged calendar; each occurrence becomes one VEVENT with
            ``UID:<id>@coordrules``, its source copies in ``X-COORDRULES-COPY``.
        name: the feed's name (``NAME`` and ``X-WR-CALNAME``).
        dtstamp: the caller's clock (timezone-aware), written as DTSTAMP and as
            LAST-MODIFIED of events new or changed since *previous*.
        report: findings to carry in the feed (default: ``calendar.findings``).
            Each finding naming an occurrence becomes an ``X-COORDRULES-FINDING``
            line and a block at the end of DESCRIPTION; errors and warnings
            also put ``⚠`` before SUMMARY.
        select: only occurrences for which this returns true are written.
        previous: the bytes of the feed published before: an event whose start,
            end or status changed (RFC 5546 significant properties) gets a
            higher SEQUENCE; an unchanged one keeps SEQUENCE and LAST-MODIFIED.
        refresh: REFRESH-INTERVAL and X-PUBLISHED-TTL.

    The output is byte-identical for the same input and ``dtstamp``. Raises
    :class:`~coordrules.InputError` when *previous* cannot be read, and
    :class:`ValueError` when *dtstamp* is naive.
    """
    from coordrules import _ical_write

    return _ical_write.write_ics(
        calendar,
        name=name,
        dtstamp=dtstamp,
        report=report,
        select=select,
        previous=previous,
        refresh=refresh,
    )


def feeds_per_person(
    calendar: MergedCalendar,
    org: Organisation,
    *,
    dtstamp: datetime,
    report: Report | None = None,
    previous: Mapping[str, bytes] | None = None,
    refresh: timedelta = DEFAULT_REFRESH,
    title: str = "Lịch công tác — {name}",
) -> dict[str, bytes]:
    """One feed per person (lịch công tác của từng lãnh đạo), keyed by person id.

    A person's feed holds every occurrence where they are due: an attendee who
    has not declined or delegated, the delegate named in ``DELEGATED-TO``, or
    the organiser. Attendees are matched by their ``person`` id, else resolved
    through *org* (e-mail, alias, position title on the date, name).
    *previous* maps person ids to their earlier feeds (for SEQUENCE); *title*
    is formatted with the person's ``name``. Other arguments as :func:`write_ics`.
    """
    from coordrules import _ical_write

    return _ical_write.feeds_per_person(
        calendar,
        org,
        dtstamp=dtstamp,
        report=report,
        previous=previous,
        refresh=refresh,
        title=title,
    )


def feeds_per_body(
    calendar: MergedCalendar,
    org: Organisation,
    *,
    dtstamp: datetime,
    report: Report | None = None,
    previous: Mapping[str, bytes] | None = None,
    refresh: timedelta = DEFAULT_REFRESH,
    title: str = "Lịch công tác — {name}",
) -> dict[str, bytes]:
    """One feed per body (Tỉnh ủy, HĐND, UBND …), keyed by body id.

    An occurrence belongs to a body when its meeting kind is that body's, when
    its organiser names the body (id, name or alias), or when one of its due
    attendees holds a position in the body on the date. Arguments as
    :func:`feeds_per_person`.
    """
    from coordrules import _ical_write

    return _ical_write.feeds_per_body(
        calendar,
        org,
        dtstamp=dtstamp,
        report=report,
        previous=previous,
        refresh=refresh,
        title=title,
    )
