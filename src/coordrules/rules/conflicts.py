"""Conflict rules: what the offices must fix in the merged work calendar.

What lives here: the checks of :func:`check_calendar` (double bookings of a
person or a venue, travel too tight, late changes, attendance not confirmed
by the xác báo deadline, meetings on days off) and the overlap sweep they
share. What never does: reading the clock (the caller passes ``as_of``),
file formats, merging (:mod:`coordrules.rules.merge`).

Design rules:

* Intervals are half-open ``[start, end)`` instants; all-day items are local
  date spans read in the pack's time zone; times in different zones compare
  as instants. Touching intervals (one ends when the next starts) do not
  overlap. A zero-length interval is empty and overlaps nothing (a
  reminder-like entry occupies no time); it still counts for travel.
* Double bookings are reported per cluster: the occurrences of one person
  (or venue) connected by overlaps make one finding (a pair reads as it
  always did). Clusters come from one sort and one pass per resource, never
  from enumerating pairs: O(n log n) even when n occurrences all overlap.
  A finding lists at most :data:`MAX_LISTED_OCCURRENCES` of them, with the
  total count.
* Who is busy: cancelled occurrences, free (transparent) ones, declined and
  delegated attendances and non-participants do not count. A venue is
  occupied by every occurrence that is not cancelled, free or not.
* Every rule value used comes from the pack with its ``cite`` and ``basis``;
  a finding that used an ``assumed`` value carries that basis, and the
  report gets one ``assumed-value`` finding per assumed rule it used.
* Scale: the occurrences are held as parallel lists (rows), and a rule
  decides cheaply whether there is a finding, then yields it deferred
  (:class:`~coordrules.model.findings.DeferredFinding`); only those a report
  lists are built (:func:`~coordrules.model.findings.first_per_code`). A
  check splits into parts by person, venue and occurrence
  (:func:`check_part`, :func:`partition_calendar`, :func:`combine_parts`),
  byte for byte the same report; ``docs/explanation-scale.md`` has figures.
"""

from __future__ import annotations

import itertools
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, TypeVar

import attrs

from coordrules.model.events import (
    Attendance,
    Attendee,
    MergedCalendar,
    MergedOccurrence,
    Occurrence,
    Role,
    Status,
    Transparency,
)
from coordrules.model.findings import (
    MAX_FINDINGS_PER_CODE,
    DeferredFinding,
    Finding,
    Message,
    OccurrenceRef,
    Report,
    SourceSummary,
    first_per_code,
)
from coordrules.model.org import Directory, Organisation
from coordrules.model.text import vn_moment
from coordrules.model.values import Basis, Deadline, Rule, Sourced
from coordrules.packs.pack import Pack
from coordrules.rules.identity import copy_key, local_dates, resolve_occurrence, venue_key
from coordrules.rules.merge import in_span, window_span

_R = TypeVar("_R", bound=Hashable)
_V = TypeVar("_V")


MAX_LISTED_OCCURRENCES = 20
"""A double-booking finding lists at most this many of its cluster's occurrences.

``details["count"]`` always gives the cluster's size and ``details["omitted"]``
how many of its occurrences are not listed.
"""

_TITLES_IN_MESSAGE = 5
"""A cluster's message names at most this many occurrences ("… and 12 more")."""


def overlap_clusters(
    intervals: Iterable[tuple[_R, float, float, int]],
) -> list[tuple[_R, list[int]]]:
    """The clusters of overlapping intervals that share a resource.

    *intervals* are ``(resource, start, end, index)`` with numeric
    ``start <= end``; half-open, so touching intervals do not overlap and
    zero-length ones overlap nothing. A cluster is a connected component of
    the overlap graph of one resource's intervals: A overlaps B and B
    overlaps C puts A, B and C in one cluster even when A and C do not
    overlap. Returns ``(resource, indices)`` for every cluster of two or
    more intervals, indices in order of start (ties: the earlier end, then
    the lower index); resources in order of first appearance.

    One sort per resource and one pass: O(n log n) whatever the number of
    overlapping pairs (pairs are never enumerated).
    """
    # Group by resource first (one dict pass), then sort each group by
    # (start, end, index): many small sorts of numbers beat one big sort of
    # tuples led by strings.
    groups: dict[_R, list[tuple[float, float, int]]] = {}
    for resource, start, end, index in intervals:
        if start < end:
            group = groups.get(resource)
            if group is None:
                groups[resource] = [(start, end, index)]
            else:
                group.append((start, end, index))
    out: list[tuple[_R, list[int]]] = []
    for resource, items in groups.items():
        if len(items) < 2:
            continue
        items.sort()
        current: list[int] = []
        reach = items[0][0]
        for start, end, index in items:
            # The interval reaching furthest started no later than this one
            # and ends after it starts: they overlap, so this one joins.
            if start < reach:
                current.append(index)
                if end > reach:
                    reach = end
            else:
                if len(current) > 1:
                    out.append((resource, current))
                current, reach = [index], end
        if len(current) > 1:
            out.append((resource, current))
    return out


@attrs.frozen
class _Context:
    pack: Pack
    org: Organisation
    tz: tzinfo
    used: dict[str, tuple[Rule[Any], Sourced[Any]]] = attrs.field(factory=dict)

    def rule_at(self, rule: Rule[_V] | None, on: date) -> Sourced[_V] | None:
        if rule is None:
            return None
        version = rule.at(on)
        if version is not None and version.basis is Basis.ASSUMED:
            self.used.setdefault(f"{rule.id}@{version.since}", (rule, version))
        return version


def _assumed_note(version: Sourced[Any] | None) -> tuple[str, str]:
    if version is not None and version.basis is Basis.ASSUMED:
        return (
            " (giá trị giả định, chưa được xác nhận trong văn bản)",
            " (an assumed value, not confirmed in any text)",
        )
    return ("", "")


@attrs.define(slots=True)
class _Item:
    merged: MergedOccurrence
    occ: Occurrence
    start: datetime
    end: datetime
    s: float
    e: float
    venue: str | None
    busy: frozenset[str]
    """Who this occurrence keeps busy (see :func:`_busy_people`)."""
    _ref: OccurrenceRef | None = None

    def ref(self) -> OccurrenceRef:
        """The finding reference of this occurrence, built once."""
        if self._ref is None:
            self._ref = self.merged.ref()
        return self._ref


class _Table:
    """The checked occurrences, compactly: one row each, as parallel lists.

    A check of a year of a province holds 10^6 rows; only the few that end
    up in a reported finding become an :class:`_Item` (built on demand and
    kept).
    """

    __slots__ = ("_items", "by_start", "e", "merged", "occs", "s", "tz", "venues")

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz
        self.merged: list[MergedOccurrence] = []
        self.occs: list[Occurrence] = []
        self.s: list[float] = []
        self.e: list[float] = []
        self.venues: list[str | None] = []
        self._items: dict[int, _Item] = {}
        self.by_start = True
        """Whether the rows are in order of (start, merged id), as :func:`merge` gives them."""

    def item(self, index: int) -> _Item:
        """Row *index* as an :class:`_Item`, built once."""
        found = self._items.get(index)
        if found is None:
            occ = self.occs[index]
            start, end = occ.instants(self.tz)
            found = self._items[index] = _Item(
                self.merged[index], occ, start, end, self.s[index], self.e[index],
                self.venues[index], frozenset(_busy_people(occ)),
            )  # fmt: skip
        return found

    def local_day(self, index: int) -> date:
        """The local date (in the pack's zone) row *index* starts on."""
        return datetime.fromtimestamp(self.s[index], self.tz).date()

    def start_text(self, index: int) -> str:
        """The ISO start of row *index* as its finding reference gives it."""
        return self.merged[index].occurrence.start.isoformat()


def _table(
    calendar: MergedCalendar, org: Organisation, tz: tzinfo, span: tuple[datetime, datetime] | None
) -> _Table:
    table = _Table(tz)
    venues: dict[str | None, str | None] = {}
    for merged in calendar.occurrences:
        occ = resolve_occurrence(merged.occurrence, org, tz)
        start, end = occ.start, occ.end
        if not (
            isinstance(start, datetime)
            and isinstance(end, datetime)
            and start.tzinfo is not None
            and end.tzinfo is not None
        ):
            start, end = occ.instants(tz)
        if span is not None and not in_span(start, end, span):
            continue
        text = occ.venue
        if text in venues:
            venue = venues[text]
        else:
            venue = venues[text] = venue_key(text, org)
        s = start.timestamp()
        if table.by_start and table.s and (s, merged.id) < (table.s[-1], table.merged[-1].id):
            table.by_start = False
        table.merged.append(merged)
        table.occs.append(occ)
        table.s.append(s)
        table.e.append(end.timestamp())
        table.venues.append(venue)
    return table


@attrs.frozen
class CheckPart:
    """What one part of a partitioned check found: plain values that pickle.

    Made by :func:`check_part`; :func:`combine_parts` makes the report of
    all the parts. ``findings`` are at least the first ``max_per_code`` of
    each code the part found (in the report's order); ``omitted`` counts
    the rest per code; ``counts`` the source copies of the occurrences the
    part owns, per source; ``assumed`` the ``assumed-value`` findings of the
    assumed rule values the part used, keyed by rule and version.
    """

    findings: tuple[Finding, ...] = ()
    omitted: Mapping[str, int] = attrs.field(factory=dict)
    counts: Mapping[str, int] = attrs.field(factory=dict)
    assumed: tuple[tuple[str, Finding], ...] = ()


def _owner(key: str, parts: int) -> int:
    """The part that owns a person, venue or occurrence *key*: the same in every process."""
    return 0 if parts == 1 else zlib.crc32(key.encode()) % parts


def check_calendar(
    calendar: MergedCalendar,
    pack: Pack,
    directory: Directory | None = None,
    *,
    as_of: datetime,
    window: tuple[date, date] | None = None,
    previous: MergedCalendar | None = None,
    max_per_code: int | None = MAX_FINDINGS_PER_CODE,
) -> Report:
    """Check a merged work calendar and report what the offices must fix.

    The report holds the merge's findings (copies that disagree), every
    source's import problems, and the conflict findings:
    ``person-double-booked`` and ``venue-double-booked`` (one per person or
    venue and cluster of overlapping occurrences), ``travel-too-tight``,
    ``late-change`` (only with *previous*), ``attendance-unconfirmed``,
    ``non-working-day``, plus one ``assumed-value`` per assumed rule value
    used. ``Report.sources`` has one :class:`SourceSummary` per source. Past
    *max_per_code* findings of one code, the rest are counted in a
    ``findings-omitted`` finding (see :meth:`Report.build`); only the
    findings a report lists are ever built.

    Arguments:
        calendar: the result of :func:`merge`.
        pack: the rule pack (calendar policy, work calendar, structure).
        directory: people, venues and travel times (as given to ``merge``).
        as_of: the moment the check is made for (aware); deadlines are judged
            against it. The library never reads the clock.
        window: ``(first, last)`` local dates, both included: only
            occurrences intersecting it are checked. ``None``: all.
        previous: an earlier merged calendar (snapshot) for ``late-change``.
        max_per_code: as in :meth:`Report.build`; ``None`` lists every finding.

    Raises:
        ValueError: *as_of* is naive.
    """
    part = check_part(
        calendar, pack, directory, as_of=as_of, window=window, previous=previous,
        max_per_code=max_per_code,
    )  # fmt: skip
    return combine_parts([part], calendar, as_of=as_of, window=window, max_per_code=max_per_code)


def check_part(
    calendar: MergedCalendar,
    pack: Pack,
    directory: Directory | None = None,
    *,
    as_of: datetime,
    window: tuple[date, date] | None = None,
    previous: MergedCalendar | None = None,
    part: int = 0,
    parts: int = 1,
    max_per_code: int | None = MAX_FINDINGS_PER_CODE,
) -> CheckPart:
    """Part *part* of *parts* of :func:`check_calendar`, to run anywhere.

    The checks split by whom and what they concern: each person, venue and
    occurrence belongs to one part (a CRC-32 of its key, modulo *parts*),
    and a part reports the double bookings and travel of its people and
    venues and the per-occurrence findings (xác báo, days off, late changes,
    the merge's disagreements) of its occurrences; part 0 also reports the
    sources' import problems. ``combine_parts`` of every part equals
    ``check_calendar``, byte for byte. Arguments as for
    :func:`check_calendar`.

    Raises:
        ValueError: *as_of* is naive, or *part* is not in ``range(parts)``.
    """
    if as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    if not 0 <= part < parts:
        raise ValueError("part must be in range(parts)")
    org = pack.organisation(directory)
    tz = pack.work_calendar.tz
    ctx = _Context(pack, org, tz)
    span = window_span(window, tz)
    table = _table(calendar, org, tz, span)
    mine = [i for i, m in enumerate(table.merged) if _owner(m.id, parts) == part]
    ids = {m.id for m in table.merged} if window is not None else set()
    found: list[Finding | DeferredFinding] = [
        f
        for f in calendar.findings
        if _owner(f.occurrences[0].id if f.occurrences else "", parts) == part
        and (window is None or not f.occurrences or any(o.id in ids for o in f.occurrences))
    ]
    if part == 0:
        seen_sources: set[str] = set()
        for source in calendar.sources:
            if source.name not in seen_sources:
                seen_sources.add(source.name)
                found.extend(source.problems)
    people = _people(table)
    later: list[Finding] = []
    if previous is not None:
        later = _late_changes(table, previous, ctx, as_of, span, part, parts)
    counts: dict[str, int] = {}
    for index in mine:
        for copy in table.merged[index].copies:
            counts[copy.source] = counts.get(copy.source, 0) + 1
    candidates = itertools.chain(
        found,
        later,
        _double_bookings(table, people, ctx, part, parts),
        _travel(table, people, ctx, part, parts),
        _unconfirmed(table, mine, ctx, as_of),
        _days_off(table, mine, ctx),
    )
    kept, omitted = first_per_code(candidates, max_per_code)
    return CheckPart(
        findings=tuple(kept),
        omitted=omitted,
        counts=counts,
        assumed=tuple(_assumed_findings(ctx)),
    )


def partition_calendar(
    calendar: MergedCalendar,
    pack: Pack,
    directory: Directory | None = None,
    *,
    parts: int,
    window: tuple[date, date] | None = None,
) -> tuple[MergedCalendar, ...]:
    """The merged calendar each of *parts* parts needs, to ship less than all of it.

    Part *p* gets the occurrences it owns (see :func:`check_part`), those of
    the people and venues it owns, and those of every person who may stand
    in for someone (a deputy's timeline decides whether they are free); the
    merge's findings and the sources go to every part. ``check_part`` of
    part *p* on its calendar gives what it gives on the whole one, so
    :func:`combine_parts` (given the whole calendar) gives
    :func:`check_calendar`'s report. The sources come without their
    occurrences (part 0 reports their problems). Not for a check with a ``previous``
    snapshot: a removal is judged against every current occurrence.
    """
    org = pack.organisation(directory)
    tz = pack.work_calendar.tz
    table = _table(calendar, org, tz, window_span(window, tz))
    deputy_positions = {d for position in org.positions for d in position.deputies}
    deputies = {a.person for a in org.directory.appointments if a.position in deputy_positions}
    rows: list[list[MergedOccurrence]] = [[] for _ in range(parts)]
    everywhere = set(range(parts))
    for index, occ in enumerate(table.occs):
        merged = table.merged[index]
        needed = {_owner(merged.id, parts)}
        busy = _busy_people(occ)
        if busy & deputies:
            needed = everywhere
        else:
            needed.update(_owner(person, parts) for person in busy)
            venue = table.venues[index]
            if venue is not None and occ.status is not Status.CANCELLED:
                needed.add(_owner("\x1f" + venue, parts))
        for part in needed:
            rows[part].append(merged)
    # Part 0 reports the sources' problems; no part needs their occurrences.
    sources = tuple(attrs.evolve(source, occurrences=()) for source in calendar.sources)
    return tuple(
        MergedCalendar(
            occurrences=tuple(mine),
            findings=tuple(
                f
                for f in calendar.findings
                if _owner(f.occurrences[0].id if f.occurrences else "", parts) == part
            ),
            sources=sources,
        )
        for part, mine in enumerate(rows)
    )


def combine_parts(
    parts: Iterable[CheckPart],
    calendar: MergedCalendar,
    *,
    as_of: datetime,
    window: tuple[date, date] | None = None,
    max_per_code: int | None = MAX_FINDINGS_PER_CODE,
) -> Report:
    """The report of a check made in parts (:func:`check_part`), in any order.

    *calendar* gives the sources (their summaries and ``source-empty``); the
    other arguments must be those the parts were made with.
    """
    findings: list[Finding] = []
    omitted: dict[str, int] = {}
    counts: dict[str, int] = {}
    assumed: dict[str, Finding] = {}
    for one in parts:
        findings.extend(one.findings)
        for code, n in one.omitted.items():
            omitted[code] = omitted.get(code, 0) + n
        for name, n in one.counts.items():
            counts[name] = counts.get(name, 0) + n
        for key, finding in one.assumed:
            assumed.setdefault(key, finding)
    findings.extend(assumed.values())
    summaries: dict[str, SourceSummary] = {}
    for source in calendar.sources:
        # A source given twice (the same feed merged with itself) is one source.
        summaries.setdefault(
            source.name,
            SourceSummary(source.name, counts.get(source.name, 0), len(source.problems)),
        )
    findings.extend(_empty_sources(summaries.values(), calendar, window))
    return Report.build(
        findings,
        as_of=as_of.isoformat(),
        window=None if window is None else (window[0].isoformat(), window[1].isoformat()),
        sources=summaries.values(),
        max_per_code=max_per_code,
        omitted=omitted,
    )


def _empty_sources(
    summaries: Iterable[SourceSummary],
    calendar: MergedCalendar,
    window: tuple[date, date] | None,
) -> list[Finding]:
    """A source that gives nothing to the checked window is most likely the wrong file."""
    paths = {source.name: source.path for source in calendar.sources}
    span = "" if window is None else f" {window[0]:%d/%m/%Y} – {window[1]:%d/%m/%Y}"
    return [
        Finding.of(
            "source-empty",
            Message(
                vi=f"Nguồn lịch «{summary.name}» không có cuộc họp nào trong khoảng{span}: "
                "nhầm tệp hoặc nhầm tuần?",
                en=f"Source «{summary.name}» has no meeting in the window{span}: "
                "the wrong file, or another week's?",
            ),
            rule="calendar.source-in-window",
            subjects=(summary.name,),
            file=paths.get(summary.name),
        )
        for summary in summaries
        if summary.occurrences == 0
    ]


# -- double bookings ---------------------------------------------------------


def _busy_people(occ: Occurrence) -> set[str]:
    if occ.status is Status.CANCELLED or occ.transparency is Transparency.FREE:
        return set()
    return {a.key for a in occ.attendees if a.counts_as_busy}


class _Timeline:
    """One person's busy intervals (positive length), to count overlaps in O(log n)."""

    __slots__ = ("ends", "starts")

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.ends: list[float] = []

    def overlapping(self, start: float, end: float) -> int:
        """How many of the intervals overlap ``[start, end)`` (``start < end``)."""
        # Those starting before *end*, less those over by *start* (which all
        # start before *end* too, being non-empty).
        return bisect_left(self.starts, end) - bisect_right(self.ends, start)


def _people(table: _Table) -> dict[str, list[int]]:
    """Each person's busy rows (see :func:`_busy_people`), in row order."""
    people: dict[str, list[int]] = {}
    for index, occ in enumerate(table.occs):
        if occ.status is Status.CANCELLED or occ.transparency is Transparency.FREE:
            continue
        attendees = occ.attendees
        if len(attendees) == 1:
            keys: Iterable[str] = (attendees[0].key,) if attendees[0].counts_as_busy else ()
        else:
            keys = {a.key for a in attendees if a.counts_as_busy}
        for person in keys:
            rows = people.get(person)
            if rows is None:
                people[person] = [index]
            else:
                rows.append(index)
    return people


def _clusters(rows: list[int], s: list[float], e: list[float]) -> list[list[int]]:
    """The clusters of overlapping rows (as :func:`overlap_clusters`), *rows* ascending."""
    live = [i for i in rows if s[i] < e[i]]
    if len(live) < 2:
        return []
    # Stable sorts: by end, then by start; ties keep the row order.
    live.sort(key=e.__getitem__)
    live.sort(key=s.__getitem__)
    out: list[list[int]] = []
    current: list[int] = []
    reach = s[live[0]]
    for index in live:
        if s[index] < reach:
            current.append(index)
            if e[index] > reach:
                reach = e[index]
        else:
            if len(current) > 1:
                out.append(current)
            current, reach = [index], e[index]
    if len(current) > 1:
        out.append(current)
    return out


def _double_bookings(
    table: _Table, people: dict[str, list[int]], ctx: _Context, part: int, parts: int
) -> Iterator[DeferredFinding]:
    venues: dict[str, list[int]] = {}
    for index, venue in enumerate(table.venues):
        if venue is not None and table.occs[index].status is not Status.CANCELLED:
            rows = venues.get(venue)
            if rows is None:
                venues[venue] = [index]
            else:
                rows.append(index)
    timelines = _Timelines(table, people)
    s, e = table.s, table.e
    precedence = ctx.pack.policy.precedence
    for person, rows in people.items():
        if _owner(person, parts) != part:
            continue
        for cluster in _clusters(rows, s, e):
            on = table.local_day(cluster[0])
            version = ctx.rule_at(precedence, on)
            yield (
                DeferredFinding(
                    (0, "person-double-booked", table.start_text(cluster[0]), (person,)),
                    _person_finding,
                    person,
                    cluster,
                    ctx,
                    table,
                    timelines,
                    version,
                )
            )
    for venue, rows in venues.items():
        if _owner("\x1f" + venue, parts) != part:
            continue
        for cluster in _clusters(rows, s, e):
            yield (
                DeferredFinding(
                    (0, "venue-double-booked", table.start_text(cluster[0]), (venue,)),
                    _venue_finding,
                    venue,
                    cluster,
                    ctx,
                    table,
                )
            )


class _Timelines:
    """Each person's timeline, built when first asked for."""

    __slots__ = ("_built", "people", "table")

    def __init__(self, table: _Table, people: dict[str, list[int]]) -> None:
        self.table = table
        self.people = people
        self._built: dict[str, _Timeline] = {}

    def get(self, person: str) -> _Timeline | None:
        """*person*'s busy intervals of positive length, or ``None`` if they have none."""
        if person not in self._built:
            rows = self.people.get(person)
            if rows is None:
                return None
            s, e = self.table.s, self.table.e
            timeline = _Timeline()
            timeline.starts = sorted(s[i] for i in rows if s[i] < e[i])
            timeline.ends = sorted(e[i] for i in rows if s[i] < e[i])
            self._built[person] = timeline
        return self._built[person]


def _local(moment: datetime, tz: tzinfo) -> str:
    """A moment in *tz* as offices write it: ``08:00 07/12/2026``."""
    return vn_moment(moment.astimezone(tz))


def _spans(needed: list[_Item]) -> list[tuple[float, float, list[_Item]]]:
    """The union of the *needed* intervals as disjoint spans, each with its items."""
    spans: list[tuple[float, float, list[_Item]]] = []
    for item in sorted(needed, key=lambda i: (i.s, i.e)):
        if spans and item.s < spans[-1][1]:
            first, last, inside = spans[-1]
            inside.append(item)
            spans[-1] = (first, max(last, item.e), inside)
        else:
            spans.append((item.s, item.e, [item]))
    return spans


def _is_free(
    person: str,
    spans: list[tuple[float, float, list[_Item]]],
    timelines: _Timelines,
) -> bool:
    """Whether *person* has no busy occurrence overlapping the needed ones but those.

    Attending one of the needed occurrences already is not being busy: a
    deputy already in the room can stand in there. Counted, not searched:
    every needed occurrence the person attends overlaps its own span, so the
    person is free exactly when nothing else of theirs does.
    """
    timeline = timelines.get(person)
    if timeline is None:
        return True
    return all(
        timeline.overlapping(start, end) == sum(1 for item in inside if person in item.busy)
        for start, end, inside in spans
    )


def _listed(cluster: list[_Item], keep: _Item | None) -> list[_Item]:
    """The cluster's occurrences a finding lists: the first by start, *keep* always."""
    if len(cluster) <= MAX_LISTED_OCCURRENCES:
        return cluster
    shown = cluster[:MAX_LISTED_OCCURRENCES]
    if keep is not None and keep not in shown:
        shown = [*shown[:-1], keep]
    return shown


def _titles(shown: list[_Item], count: int, tz: tzinfo) -> tuple[str, str]:
    """«A» (08:00 05/03/2025), «B» (…) and 3 more: in Vietnamese and English."""
    named = ", ".join(
        f"«{i.occ.title}» ({_local(i.start, tz)})" for i in shown[:_TITLES_IN_MESSAGE]
    )
    rest = count - min(len(shown), _TITLES_IN_MESSAGE)
    if rest:
        return f"{named} và {rest} cuộc họp khác", f"{named} and {rest} more"
    return named, named


def _extent(cluster: list[_Item], tz: tzinfo) -> tuple[str, str]:
    return _local(cluster[0].start, tz), _local(max(cluster, key=lambda i: i.e).end, tz)


def _person_finding(
    person: str,
    rows: list[int],
    ctx: _Context,
    table: _Table,
    timelines: _Timelines,
    version: Sourced[Any] | None,
) -> Finding:
    cluster = [table.item(i) for i in rows]
    first = cluster[0]
    on = first.start.astimezone(ctx.tz).date()
    winner: _Item | None = None
    if version is not None:
        order = {kind: n for n, kind in enumerate(version.value)}
        ranks = [order.get(item.occ.kind or "", len(order)) for item in cluster]
        best = min(ranks)
        if ranks.count(best) == 1:
            winner = cluster[ranks.index(best)]
    record = ctx.org.person(person)
    name = record.name if record is not None else _display_name(person, *cluster)
    # A stand-in is needed at the meetings that do not take precedence (at
    # every one, when the order does not decide); a deputy busy then is no help.
    spans = _spans([item for item in cluster if item is not winner])
    substitutes: list[dict[str, Any]] = []
    for position in ctx.org.positions_of(person, on):
        for deputy in ctx.org.deputies_for(position.id, on):
            if deputy.id != person and all(s["person"] != deputy.id for s in substitutes):
                substitutes.append(
                    {
                        "person": deputy.id,
                        "name": deputy.name,
                        "position": position.id,
                        "free": _is_free(deputy.id, spans, timelines),
                    }
                )
    vi_note, en_note = _assumed_note(version)
    if winner is not None:
        prec_vi = f" Ưu tiên «{winner.occ.title}» theo thứ tự ưu tiên{vi_note}."
        prec_en = f" «{winner.occ.title}» takes precedence under the pack's order{en_note}."
    else:
        prec_vi = " Thứ tự ưu tiên của gói quy tắc không phân định; người chủ trì quyết định."
        prec_en = " The pack's precedence order does not decide; the chair decides."
    free = [s["name"] for s in substitutes if s["free"]]
    taken = [s["name"] for s in substitutes if not s["free"]]
    if free:
        names = ", ".join(free)
        sub_vi, sub_en = f" Có thể cử đại diện: {names}.", f" May stand in: {names}."
    elif substitutes:
        sub_vi = " Người có thể thay đều bận vào giờ đó."
        sub_en = " Every listed deputy is busy then."
    else:
        sub_vi = " Không có người thay thế theo danh mục."
        sub_en = " No deputy is listed."
    if free and taken:
        sub_vi += f" ({', '.join(taken)} bận vào giờ đó.)"
        sub_en += f" ({', '.join(taken)} busy then.)"
    shown = _listed(cluster, winner)
    if len(cluster) == 2:
        a, b = cluster
        when_a, when_b = _local(a.start, ctx.tz), _local(b.start, ctx.tz)
        what_vi = (
            f"{name} được bố trí dự «{a.occ.title}» ({when_a}) và «{b.occ.title}» "
            f"({when_b}) trùng giờ."
        )
        what_en = (
            f"{name} is due at «{a.occ.title}» ({when_a}) and «{b.occ.title}» "
            f"({when_b}) at the same time."
        )
    else:
        titles_vi, titles_en = _titles(shown, len(cluster), ctx.tz)
        since, until = _extent(cluster, ctx.tz)
        what_vi = (
            f"{name} được bố trí dự {len(cluster)} cuộc họp trùng giờ nhau "
            f"từ {since} đến {until}: {titles_vi}."
        )
        what_en = (
            f"{name} is due at {len(cluster)} overlapping occurrences "
            f"from {since} to {until}: {titles_en}."
        )
    return Finding.of(
        "person-double-booked",
        Message(vi=what_vi + prec_vi + sub_vi, en=what_en + prec_en + sub_en),
        rule=ctx.pack.policy.precedence.id
        if ctx.pack.policy.precedence is not None
        else "calendar.one-place-at-a-time",
        subjects=(person,),
        occurrences=tuple(item.ref() for item in shown),
        cite=None if version is None else version.cite,
        basis=None if version is None else version.basis,
        details={
            "person": person,
            "precedence": None if winner is None else winner.merged.id,
            "substitutes": substitutes,
            "count": len(cluster),
            "omitted": len(cluster) - len(shown),
        },
    )


def _display_name(key: str, *items: _Item) -> str:
    for item in items:
        for attendee in item.occ.attendees:
            if attendee.key == key and attendee.name:
                return attendee.name
    return key


def _venue_finding(venue: str, rows: list[int], ctx: _Context, table: _Table) -> Finding:
    cluster = [table.item(i) for i in rows]
    label = cluster[0].occ.venue or venue
    shown = _listed(cluster, None)
    if len(cluster) == 2:
        a, b = cluster
        vi = f"«{a.occ.title}» và «{b.occ.title}» cùng dùng {label} trùng giờ."
        en = f"«{a.occ.title}» and «{b.occ.title}» both use {label} at the same time."
    else:
        titles_vi, titles_en = _titles(shown, len(cluster), ctx.tz)
        since, until = _extent(cluster, ctx.tz)
        vi = (
            f"{len(cluster)} cuộc họp cùng dùng {label} trùng giờ nhau "
            f"từ {since} đến {until}: {titles_vi}."
        )
        en = (
            f"{len(cluster)} occurrences use {label} at overlapping times "
            f"from {since} to {until}: {titles_en}."
        )
    return Finding.of(
        "venue-double-booked",
        Message(vi=vi, en=en),
        rule="calendar.one-meeting-per-venue",
        subjects=(venue,),
        occurrences=tuple(item.ref() for item in shown),
        details={"venue": venue, "count": len(cluster), "omitted": len(cluster) - len(shown)},
    )


# -- travel ------------------------------------------------------------------


def _travel(
    table: _Table, people: dict[str, list[int]], ctx: _Context, part: int, parts: int
) -> Iterator[DeferredFinding]:
    if ctx.pack.policy.default_travel_minutes is None and not ctx.org.directory.travel_times:
        return  # no travel time known for any pair of venues: nothing to check
    s, e, merged = table.s, table.e, table.merged
    places = [None if o.all_day else v for o, v in zip(table.occs, table.venues, strict=True)]
    for person in sorted(people):
        if _owner(person, parts) != part:
            continue
        ordered = [i for i in people[person] if places[i] is not None]
        if len(ordered) < 2:
            continue
        # Stable sorts, last key first: by (start, end, merged id). Ties on
        # (start, end) are rare; only then do the ids decide.
        ordered.sort(key=e.__getitem__)
        ordered.sort(key=s.__getitem__)
        if not table.by_start:
            times = set(zip(map(s.__getitem__, ordered), map(e.__getitem__, ordered), strict=True))
            if len(times) < len(ordered):
                ordered.sort(key=lambda i: (s[i], e[i], merged[i].id))
        last = ordered[0]
        for index in ordered[1:]:
            if s[index] >= e[last] and places[index] != places[last]:
                pending = _travel_finding(person, last, index, ctx, table)
                if pending is not None:
                    yield pending
            if e[index] > e[last] or s[index] >= e[last]:
                last = index


def _travel_finding(
    person: str, first: int, then: int, ctx: _Context, table: _Table
) -> DeferredFinding | None:
    venue_a, venue_b = table.venues[first], table.venues[then]
    assert venue_a is not None
    assert venue_b is not None
    gap = (table.s[then] - table.e[first]) / 60
    known = ctx.org.travel_minutes(venue_a, venue_b)
    if known is not None:
        minutes, cite, basis, rule = known.minutes, known.cite, known.basis, "travel-times"
        version: Sourced[Any] | None = Sourced(minutes, cite, basis)
    else:
        policy = ctx.pack.policy.default_travel_minutes
        if policy is None:
            return None
        version = ctx.rule_at(policy, table.local_day(then))
        if version is None:
            return None
        minutes, cite, basis, rule = int(version.value), version.cite, version.basis, policy.id
    if minutes <= gap:
        return None
    return DeferredFinding(
        (1, "travel-too-tight", table.start_text(first), (person,)),
        _travel_message,
        person, first, then, ctx, table, gap, (minutes, cite, basis, rule, version),
    )  # fmt: skip


def _travel_message(
    person: str,
    first: int,
    then: int,
    ctx: _Context,
    table: _Table,
    gap: float,
    rule_used: tuple[int, str | None, Basis | None, str, Sourced[Any] | None],
) -> Finding:
    minutes, cite, basis, rule, version = rule_used
    a, b = table.item(first), table.item(then)
    record = ctx.org.person(person)
    name = record.name if record is not None else _display_name(person, a, b)
    vi_note, en_note = _assumed_note(version)
    return Finding.of(
        "travel-too-tight",
        Message(
            vi=f"{name}: từ «{a.occ.title}» ({a.occ.venue}) đến «{b.occ.title}» "
            f"({b.occ.venue}) chỉ có {gap:.0f} phút, cần {minutes} phút di chuyển{vi_note}.",
            en=f"{name}: {gap:.0f} minutes from «{a.occ.title}» ({a.occ.venue}) to "
            f"«{b.occ.title}» ({b.occ.venue}), travel needs {minutes}{en_note}.",
        ),
        rule=rule,
        subjects=(person,),
        occurrences=(a.ref(), b.ref()),
        cite=cite,
        basis=basis,
        details={"person": person, "gap_minutes": gap, "travel_minutes": minutes},
    )


# -- xác báo -----------------------------------------------------------------

_UNCONFIRMED = {Attendance.NEEDS_ACTION, Attendance.TENTATIVE}


def _unconfirmed(
    table: _Table, rows: list[int], ctx: _Context, as_of: datetime
) -> Iterator[DeferredFinding]:
    policy = ctx.pack.policy.confirmation_deadline
    if policy is None:
        return
    moment = as_of.timestamp()
    for index in rows:
        occ = table.occs[index]
        if occ.status is Status.CANCELLED or not moment < table.e[index]:
            continue
        waiting = [
            a
            for a in occ.attendees
            if a.role in (Role.CHAIR, Role.REQUIRED) and a.attendance in _UNCONFIRMED
        ]
        if not waiting:
            continue
        start = occ.instants(ctx.tz)[0]
        version = ctx.rule_at(policy, start.astimezone(ctx.tz).date())
        if version is None:
            continue
        deadline = ctx.pack.work_calendar.deadline(version.value, start)
        if as_of < deadline:
            continue
        for attendee in waiting:
            yield (
                DeferredFinding(
                    (1, "attendance-unconfirmed", table.start_text(index), (attendee.key,)),
                    _unconfirmed_finding,
                    table,
                    index,
                    attendee,
                    policy,
                    version,
                    deadline,
                )
            )


def _unconfirmed_finding(
    table: _Table,
    index: int,
    attendee: Attendee,
    policy: Rule[Deadline],
    version: Sourced[Deadline],
    deadline: datetime,
) -> Finding:
    item = table.item(index)
    occ, tz = item.occ, table.tz
    vi_note, en_note = _assumed_note(version)
    rule = version.value
    return Finding.of(
        "attendance-unconfirmed",
        Message(
            vi=f"{attendee.name or attendee.key} chưa xác báo dự «{occ.title}»; "
            f"hạn xác báo ({rule.describe_vi()}) là {_local(deadline, tz)}"
            f"{vi_note}.",
            en=f"{attendee.name or attendee.key} has not confirmed attending "
            f"«{occ.title}»; the deadline ({rule.describe()}) was "
            f"{_local(deadline, tz)}{en_note}.",
        ),
        rule=policy.id,
        subjects=(attendee.key,),
        occurrences=(item.ref(),),
        cite=version.cite,
        basis=version.basis,
        details={"attendee": attendee.key, "deadline": deadline.isoformat()},
    )


# -- days off ----------------------------------------------------------------


def _days_off(table: _Table, rows: list[int], ctx: _Context) -> Iterator[DeferredFinding]:
    work = ctx.pack.work_calendar
    tz = ctx.tz
    known: dict[date, bool] = {}
    for index in rows:
        occ = table.occs[index]
        if occ.status is Status.CANCELLED:
            continue
        first, end = occ.start, occ.end
        if isinstance(first, datetime):
            assert isinstance(end, datetime)
            if first.tzinfo is None or end.tzinfo is None:
                first, end = occ.instants(tz)
            day = first.astimezone(tz).date()
            # Ending on the day it starts (or at the next midnight): one day.
            same = end <= first or end.astimezone(tz).date() == day
            days = [day] if same else local_dates(first, end, tz)
        else:
            assert not isinstance(end, datetime)
            days = [first + timedelta(days=n) for n in range(min(max((end - first).days, 1), 62))]
        off = []
        for day in days:
            working = known.get(day)
            if working is None:
                # One holiday lookup per date, however many meetings fall on it.
                working = known[day] = work.is_working_day(day)
            if not working:
                off.append(day)
        if off:
            yield (
                DeferredFinding(
                    (2, "non-working-day", table.start_text(index), ()),
                    _day_off_finding,
                    table,
                    index,
                    off,
                    ctx,
                )
            )


def _day_off_finding(table: _Table, index: int, off: list[date], ctx: _Context) -> Finding:
    work = ctx.pack.work_calendar
    item = table.item(index)
    names = [f"{d.isoformat()} ({work.holiday_name(d) or 'cuối tuần / weekend'})" for d in off]
    listing = ", ".join(names)
    return Finding.of(
        "non-working-day",
        Message(
            vi=f"«{item.occ.title}» rơi vào ngày nghỉ: {listing}.",
            en=f"«{item.occ.title}» falls on a day off: {listing}.",
        ),
        rule="work-calendar",
        occurrences=(item.ref(),),
        details={"days": [d.isoformat() for d in off]},
    )


# -- late changes ------------------------------------------------------------


def _signature(occ: Occurrence, org: Organisation, tz: tzinfo) -> dict[str, object]:
    start, end = occ.instants(tz)
    return {
        "start": start.timestamp(),
        "end": end.timestamp(),
        "venue": venue_key(occ.venue, org),
        "status": occ.status.value,
        "attendees": sorted({a.key for a in occ.attendees if a.counts_as_busy}),
    }


def _late_changes(
    table: _Table,
    previous: MergedCalendar,
    ctx: _Context,
    as_of: datetime,
    span: tuple[datetime, datetime] | None,
    part: int,
    parts: int,
) -> list[Finding]:
    """Changes, additions and removals later than the notice period before the start.

    A meeting counts as added or removed only on the local days the previous
    snapshot covers (from its first to its last meeting's day), so a snapshot
    of another week reports nothing of the kind. A change without
    LAST-MODIFIED (and every removal) is dated *as_of*, and reported only for
    meetings that had not begun by then.
    """
    policy = ctx.pack.policy.change_notice
    if policy is None:
        return []
    by_id = {m.id: m for m in previous.occurrences}
    by_key = {copy_key(c): m for m in previous.occurrences for c in m.copies}
    matched: set[str] = set()
    found: list[Finding] = []
    covered = _covered_days(previous, ctx.tz)
    for merged, occ in zip(table.merged, table.occs, strict=True):
        # Rows, not items: a snapshot's check touches every row once.
        mine = _owner(merged.id, parts) == part
        old = by_id.get(merged.id)
        if old is None:
            old = next((by_key[k] for k in map(copy_key, merged.copies) if k in by_key), None)
        if old is None:
            start = occ.instants(ctx.tz)[0]
            day = start.astimezone(ctx.tz).date()
            if (
                mine
                and occ.status is not Status.CANCELLED
                and covered
                and covered[0] <= day <= covered[1]
            ):
                found.extend(_late(policy, ctx, as_of, merged, occ, start, ["added"]))
            continue
        matched.add(old.id)
        if not mine:
            continue
        old_occ = resolve_occurrence(old.occurrence, ctx.org, ctx.tz)
        before = _signature(old_occ, ctx.org, ctx.tz)
        after = _signature(occ, ctx.org, ctx.tz)
        changed = [f for f in before if before[f] != after[f]]
        if changed:
            reference = min(old_occ.instants(ctx.tz)[0], occ.instants(ctx.tz)[0])
            found.extend(_late(policy, ctx, as_of, merged, occ, reference, changed, old=old))
    for old in previous.occurrences:
        if (
            old.id in matched
            or old.occurrence.status is Status.CANCELLED
            or _owner(old.id, parts) != part
        ):
            continue
        start, end = old.occurrence.instants(ctx.tz)
        if start > as_of and in_span(start, end, span):
            occ = resolve_occurrence(old.occurrence, ctx.org, ctx.tz)
            found.extend(_late(policy, ctx, as_of, old, occ, start, ["removed"], removed=True))
    return found


def _covered_days(calendar: MergedCalendar, tz: tzinfo) -> tuple[date, date] | None:
    days = [m.occurrence.local_date(tz) for m in calendar.occurrences]
    return (min(days), max(days)) if days else None


_FIELDS_VI = {
    "start": "giờ bắt đầu",
    "end": "giờ kết thúc",
    "venue": "địa điểm",
    "status": "trạng thái",
    "attendees": "thành phần",
}

_CHANGE_WORDS = {"added": ("được thêm", "was added"), "removed": ("bị bỏ", "was removed")}


def _late(
    policy: Rule[Deadline],
    ctx: _Context,
    as_of: datetime,
    merged: MergedOccurrence,
    occ: Occurrence,
    reference: datetime,
    changed: list[str],
    *,
    old: MergedOccurrence | None = None,
    removed: bool = False,
) -> list[Finding]:
    """A ``late-change`` finding when the change came after the notice deadline."""
    version = ctx.rule_at(policy, reference.astimezone(ctx.tz).date())
    if version is None:
        return []
    deadline = ctx.pack.work_calendar.deadline(version.value, reference)
    modified = None if removed else occ.last_modified
    changed_at = modified if modified is not None and modified <= as_of else as_of
    if changed_at <= deadline:
        return []
    if changed_at is not modified and occ.instants(ctx.tz)[0] <= as_of:
        # Undated, and seen only after the meeting began: whether it came late
        # cannot be told (the office may have recorded it after the fact).
        return []
    fields = ", ".join(changed)
    fields_vi = ", ".join(_FIELDS_VI.get(field, field) for field in changed)
    vi_note, en_note = _assumed_note(version)
    rule: Deadline = version.value
    when = _local(changed_at, ctx.tz)
    late_vi = f"sau hạn báo trước ({rule.describe_vi()}: {_local(deadline, ctx.tz)}){vi_note}."
    late_en = f"after the notice deadline ({rule.describe()}: {_local(deadline, ctx.tz)}){en_note}."
    if changed[0] in _CHANGE_WORDS:
        word_vi, word_en = _CHANGE_WORDS[changed[0]]
        when_vi = f"trước {when}" if removed else f"lúc {when}"
        when_en = f"by {when}" if removed else f"at {when}"
        vi = f"«{occ.title}» {word_vi} {when_vi}, {late_vi}"
        en = f"«{occ.title}» {word_en} {when_en}, {late_en}"
    else:
        vi = f"«{occ.title}» thay đổi ({fields_vi}) lúc {when}, {late_vi}"
        en = f"«{occ.title}» changed ({fields}) at {when}, {late_en}"
    refs = (merged.ref(),) if old is None else (merged.ref(), old.ref())
    return [
        Finding.of(
            "late-change",
            Message(vi=vi, en=en),
            rule=policy.id,
            occurrences=refs,
            cite=version.cite,
            basis=version.basis,
            details={
                "fields": changed,
                "changed_at": changed_at.isoformat(),
                "deadline": deadline.isoformat(),
                "changed_at_from": "last-modified" if changed_at is modified else "as-of",
            },
        )
    ]


def _assumed_findings(ctx: _Context) -> list[tuple[str, Finding]]:
    """One ``assumed-value`` finding per assumed rule value used, keyed by rule and version."""
    found = []
    for key, (rule, version) in ctx.used.items():
        value = version.value
        if isinstance(value, Deadline):
            shown, shown_vi = value.describe(), value.describe_vi()
        elif isinstance(value, tuple | list):
            shown = shown_vi = " > ".join(str(v) for v in value)
        else:
            shown = shown_vi = str(value)
        found.append(
            (
                key,
                Finding.of(
                    "assumed-value",
                    Message(
                        vi=f"Quy tắc {rule.id} = {shown_vi} là giá trị giả định, "
                        "chưa được xác nhận trong văn bản; hãy thay bằng quy định của địa phương.",
                        en=f"Rule {rule.id} = {shown} is an assumed value, not confirmed in any "
                        "text; replace it with the local regulation.",
                    ),
                    rule=rule.id,
                    subjects=(rule.id,),
                    cite=version.cite,
                    basis=version.basis,
                ),
            )
        )
    return found
