"""Double bookings: a person or a venue booked by overlapping occurrences.

Reported per cluster: the occurrences of one person (or venue) connected by
overlaps make one finding (a pair reads as it always did). Clusters come
from one sort and one pass per resource (:func:`overlap_clusters`), never
from enumerating pairs: O(n log n) even when n occurrences all overlap. A
finding lists at most :data:`MAX_LISTED_OCCURRENCES` of them, with the total
count; for a person, which meeting takes precedence and which deputies are
free to stand in.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable, Iterator
from datetime import tzinfo
from typing import Any, TypeVar

from coordrules.model.details import (
    PersonDoubleBookedDetails,
    SubstituteDetail,
    VenueDoubleBookedDetails,
)
from coordrules.model.events import (
    Status,
    Transparency,
)
from coordrules.model.findings import DeferredFinding, Finding, Message
from coordrules.model.values import SourcedValue
from coordrules.rules.check_table import (
    _assumed_note,
    _Context,
    _display_name,
    _Item,
    _local,
    _owner,
    _Table,
)

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
    version: SourcedValue[Any] | None,
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
    substitutes: list[SubstituteDetail] = []
    for position in ctx.org.positions_of(person, on):
        for deputy in ctx.org.deputies_for(position.id, on):
            if deputy.id != person and all(s["person"] != deputy.id for s in substitutes):
                substitutes.append(
                    SubstituteDetail(
                        person=deputy.id,
                        name=deputy.name,
                        position=position.id,
                        free=_is_free(deputy.id, spans, timelines),
                    )
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
        details=PersonDoubleBookedDetails(
            person=person,
            precedence=None if winner is None else winner.merged.id,
            substitutes=substitutes,
            count=len(cluster),
            omitted=len(cluster) - len(shown),
        ),
    )


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
        details=VenueDoubleBookedDetails(
            venue=venue, count=len(cluster), omitted=len(cluster) - len(shown)
        ),
    )
