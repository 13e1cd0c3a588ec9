"""Beyond one machine: the public API on Dask distributed (the ``coordrules[dask]`` extra).

No scheduler of our own: this module only maps the library's functions onto a
:class:`distributed.Client` the caller brings (a ``LocalCluster`` on one
machine, a cluster of many). The core never imports it.

How the work splits (``docs/explanation-scale.md`` tells it with figures):

* **Import**, one task per feed: :func:`read_feeds` runs
  :func:`~coordrules.read_ics` where the feed is, and ships back a
  :class:`~coordrules.SourceCalendar` (plain picklable values).
* **Merge** runs once, on the client: it must see every copy of a meeting
  (same UID, or same title, day and attendee in two offices' feeds).
* **Check**, by part: :func:`check_calendar_parallel` sends each part the
  occurrences it needs and runs :func:`~coordrules.rules.conflicts.check_part` for
  each part (people, venues and occurrences split by a CRC-32 of their key),
  then :func:`~coordrules.rules.conflicts.combine_parts` makes the report:
  byte for byte the one :func:`~coordrules.check_calendar` makes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from distributed import Client

from coordrules.adapters.ical.read import IcsInput, read_ics
from coordrules.model.events import MergedCalendar, SourceCalendar
from coordrules.model.findings import MAX_FINDINGS_PER_CODE, Report
from coordrules.model.org import Directory
from coordrules.model.window import Window
from coordrules.packs.pack import Pack
from coordrules.rules.conflicts import check_part, combine_parts, partition_calendar
from coordrules.rules.merge import merge

__all__ = ["check_calendar_parallel", "merge_and_check", "read_feeds"]


# Every scatter says hash=False: hashing a calendar for a content key (dask's
# tokenize) costs far more than sending it (27 s against 4 s for 28,600
# occurrences, measured).


def _workers(client: Client) -> int:
    """How many tasks the cluster runs at once (its threads, all workers together)."""
    threads: dict[str, int] = client.nthreads()
    return max(1, sum(threads.values()))


def read_feeds(
    client: Client,
    feeds: Sequence[IcsInput],
    *,
    window: Window | tuple[date, date],
    pack: Pack | None = None,
    names: Sequence[str | None] | None = None,
) -> list[SourceCalendar]:
    """:func:`~coordrules.read_ics` of every feed, one task each, in the order given.

    A feed that is not iCalendar raises :class:`~coordrules.InputError` here,
    as it does in one process.
    """
    shared = client.scatter(pack, broadcast=True, hash=False) if pack is not None else None
    futures = [
        client.submit(
            read_ics,
            feed,
            name=None if names is None else names[n],
            window=window,
            pack=shared,
            pure=False,
        )
        for n, feed in enumerate(feeds)
    ]
    result: list[SourceCalendar] = client.gather(futures)
    return result


def check_calendar_parallel(
    client: Client,
    calendar: MergedCalendar,
    pack: Pack,
    directory: Directory | None = None,
    *,
    as_of: datetime,
    window: Window | tuple[date, date] | None = None,
    previous: MergedCalendar | None = None,
    parts: int | None = None,
    max_per_code: int | None = MAX_FINDINGS_PER_CODE,
) -> Report:
    """:func:`~coordrules.check_calendar` in *parts* tasks (default: one per worker thread).

    Without *previous*, each part's task gets only the occurrences it needs
    (:func:`~coordrules.rules.conflicts.partition_calendar`); the pack and
    directory (and, with *previous*, the snapshot and the whole calendar)
    are sent to each worker once. Each task sends back one
    :class:`~coordrules.rules.conflicts.CheckPart` (at most about
    ``max_per_code`` findings per code). Same arguments and the same report
    as :func:`~coordrules.check_calendar`.
    """
    count = parts if parts is not None else _workers(client)
    inputs: dict[str, Any] = {"pack": pack}
    if directory is not None:
        inputs["directory"] = directory
    if previous is not None:
        # A removal is judged against every current occurrence: all of it, everywhere.
        inputs["previous"] = previous
        inputs["calendar"] = calendar
    shared = client.scatter(inputs, broadcast=True, hash=False)
    if previous is None:
        # Each part gets only the occurrences it needs, sent to one worker.
        pieces = partition_calendar(calendar, pack, directory, parts=count, window=window)
        calendars = [client.scatter(piece, hash=False) for piece in pieces]
    else:
        calendars = [shared["calendar"]] * count
    futures = [
        client.submit(
            check_part,
            calendars[part],
            shared["pack"],
            shared.get("directory"),
            as_of=as_of,
            window=window,
            previous=shared.get("previous"),
            part=part,
            parts=count,
            max_per_code=max_per_code,
            pure=False,
        )
        for part in range(count)
    ]
    return combine_parts(
        client.gather(futures), calendar, as_of=as_of, window=window, max_per_code=max_per_code
    )


def merge_and_check(
    client: Client,
    feeds: Sequence[IcsInput],
    pack: Pack,
    directory: Directory | None = None,
    *,
    window: Window | tuple[date, date],
    as_of: datetime,
    names: Sequence[str | None] | None = None,
    parts: int | None = None,
) -> tuple[MergedCalendar, Report]:
    """Read every feed on the cluster, merge them here, check on the cluster.

    What ``coordrules merge`` does in one process (less writing the files):
    the same merged calendar and, byte for byte, the same report.
    """
    sources = read_feeds(client, feeds, window=window, pack=pack, names=names)
    calendar = merge(sources, pack, directory, window=window)
    report = check_calendar_parallel(
        client, calendar, pack, directory, as_of=as_of, window=window, parts=parts
    )
    return calendar, report
