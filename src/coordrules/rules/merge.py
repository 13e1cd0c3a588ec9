"""Merge: one work calendar from every office's calendar (hợp nhất lịch công tác).

What lives here: recognising the same meeting in several source calendars,
reconciling the copies field by field, and the findings about copies that
disagree (``time-mismatch``, ``venue-mismatch``, ``attendee-mismatch``).
What never does: file formats, the clock, conflict detection between
different meetings (:mod:`coordrules.rules.conflicts`).

Design rules, in the order they apply (``docs/explanation-merge.md`` tells
the same story for users):

1. **Window.** With a window ``(first, last)`` (local dates in the pack's time
   zone, both included) only occurrences that intersect it are used; the
   rest are left out of the merged calendar (an importer has usually
   windowed already). A zero-length occurrence is kept when its instant lies
   in the window.
2. **Identical copies** (equal in every field, e.g. the same feed given
   twice) count once; that is why merging a calendar with itself adds
   nothing.
3. **Same meeting.** Two copies are the same meeting when they have the same
   UID and RECURRENCE-ID (compared as instants), or when they come from
   different sources and have the same normalised title, overlapping times
   (equal starts count, so two zero-length copies at one instant match) and
   a shared attendee or venue. Candidates are blocked by local day and
   title, never compared all against all. A meeting is a connected component
   of that relation, so the result is independent of the order of sources
   and copies, and merging is associative: merging ``A`` and ``B``, splitting
   the result back into sources (:func:`split_sources`) and merging with
   ``C`` equals merging ``A``, ``B`` and ``C``.
4. **Reconciliation.** Copies are ranked: first the copy kept by the office
   that serves the meeting's organising body (from the meeting kind, else
   the organiser), then the higher SEQUENCE, then the later LAST-MODIFIED,
   then a fixed order of (source, UID). Each field comes from the best
   ranked copy that has it; attendees are the union by identity, each as
   the best ranked copy lists them (an office lists only the leaders it
   serves).
5. **Cancelled copies** take part in matching and in provenance, and win
   like any other (a cancellation normally raises SEQUENCE). They are left
   out of the mismatch findings: a cancelled copy's stale time is no
   contradiction.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TypeVar

import attrs

from coordrules.model.details import (
    AnswerDetail,
    AttendeeMismatchDetails,
    CopiesDetails,
    CopyDetail,
    StatusMismatchDetails,
)
from coordrules.model.events import (
    Attendance,
    Attendee,
    MergedCalendar,
    MergedOccurrence,
    Occurrence,
    Role,
    SourceCalendar,
    Status,
)
from coordrules.model.findings import Finding, Message, finding_sort_key
from coordrules.model.org import Directory, Organisation
from coordrules.model.text import normalise_text
from coordrules.model.window import Window
from coordrules.packs.pack import Pack
from coordrules.rules.identity import (
    OfficeResolver,
    copy_key,
    local_dates,
    resolve_occurrence,
    venue_key,
)

_T = TypeVar("_T")


def window_span(window: tuple[date, date] | None, tz: tzinfo) -> tuple[datetime, datetime] | None:
    """The instants ``[first 00:00, last+1 00:00)`` of a window of local dates in *tz*."""
    if window is None:
        return None
    first, last = window
    return (
        datetime.combine(first, time(0), tzinfo=tz),
        datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz),
    )


def in_span(start: datetime, end: datetime, span: tuple[datetime, datetime] | None) -> bool:
    """Whether ``[start, end)`` intersects *span* (a zero-length one: lies in it)."""
    if span is None:
        return True
    low, high = span
    if start == end:
        return low <= start < high
    return start < high and end > low


@attrs.define(slots=True, eq=False)
class _Copy:
    """One source copy with what matching and ranking need, computed once."""

    original: Occurrence
    occ: Occurrence
    start: datetime
    end: datetime
    title: str
    venue: str | None
    people: frozenset[str]
    key: tuple[str, str]
    office: str | None
    rank: tuple[object, ...] = ()


def _prepare(
    occurrence: Occurrence, org: Organisation, tz: tzinfo, resolver: OfficeResolver
) -> _Copy:
    resolved = resolve_occurrence(occurrence, org, tz)
    start, end = occurrence.instants(tz)
    return _Copy(
        original=occurrence,
        occ=resolved,
        start=start,
        end=end,
        title=normalise_text(occurrence.title),
        venue=venue_key(occurrence.venue, org),
        people=frozenset(a.key for a in resolved.attendees),
        key=copy_key(occurrence),
        office=resolver.office_of_source(occurrence.source),
    )


def _cheap_order(copy: _Copy) -> tuple[object, ...]:
    return (
        copy.original.source,
        copy.key,
        copy.start.timestamp(),
        copy.end.timestamp(),
        copy.title,
        copy.original.sequence,
    )


def _canonical(copies: list[_Copy]) -> list[_Copy]:
    """Copies in an order that depends only on their content, never on input order."""
    keyed = sorted(((_cheap_order(c), n) for n, c in enumerate(copies)), key=lambda t: t[0])
    out: list[_Copy] = []
    i = 0
    while i < len(keyed):
        j = i + 1
        while j < len(keyed) and keyed[j][0] == keyed[i][0]:
            j += 1
        run = [copies[n] for _, n in keyed[i:j]]
        if len(run) > 1:
            # Ties on the cheap key are rare; break them by the full text of the copy.
            run.sort(key=lambda c: repr(c.original))
        out.extend(run)
        i = j
    return out


class _Groups:
    """Union-find over copy indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            if a < b:
                self.parent[b] = a
            else:
                self.parent[a] = b


def _same_meeting(a: _Copy, b: _Copy) -> bool:
    if a.original.source == b.original.source or a.title != b.title:
        return False
    overlap = (a.start < b.end and b.start < a.end) or a.start == b.start
    if not overlap:
        return False
    return bool(a.people & b.people) or (a.venue is not None and a.venue == b.venue)


def _components(copies: list[_Copy], tz: tzinfo) -> list[list[_Copy]]:
    groups = _Groups(len(copies))
    first_with_key: dict[tuple[str, str], int] = {}
    buckets: dict[tuple[date, str], list[int]] = {}
    for i, copy in enumerate(copies):
        j = first_with_key.setdefault(copy.key, i)
        if j != i:
            groups.union(i, j)
        for day in local_dates(copy.start, copy.end, tz):
            buckets.setdefault((day, copy.title), []).append(i)
    for members in buckets.values():
        if len(members) < 2:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if _same_meeting(copies[i], copies[j]):
                    groups.union(i, j)
    found: dict[int, list[_Copy]] = {}
    for i, copy in enumerate(copies):
        found.setdefault(groups.find(i), []).append(copy)
    return list(found.values())


def merge(
    sources: Sequence[SourceCalendar],
    pack: Pack,
    directory: Directory | None = None,
    *,
    window: Window | tuple[date, date] | None = None,
    source_offices: Mapping[str, str] | None = None,
) -> MergedCalendar:
    """Merge the offices' calendars into one work calendar (lịch công tác chung).

    Each real meeting appears once as a :class:`MergedOccurrence` whose
    ``copies`` are the source copies it came from (as given, in a fixed
    order) and whose ``occurrence`` is the reconciled copy, with attendees
    resolved to people of *directory*. The merged calendar's ``findings``
    are the disagreements between copies; its ``sources`` are *sources*.

    Arguments:
        sources: the source calendars; their order does not matter.
        pack: structure (offices, bodies, meeting kinds) and work calendar
            (its time zone reads all-day items and the window).
        directory: people, venues and travel times; ``None`` for none.
        window: ``(first, last)`` local dates, both included; occurrences
            that do not intersect it are left out. ``None`` keeps all.
        source_offices: source name → office id of the office that keeps it.
            A source not listed here is matched by its :func:`~coordrules.normalise_text` form
            against office ids, names and aliases of the pack.

    Never raises on what it finds; see the module documentation for the
    matching and reconciliation rules.
    """
    org = pack.organisation(directory)
    tz = pack.work_calendar.tz
    span = window_span(window, tz)
    resolver = OfficeResolver(org, source_offices)
    seen: set[Occurrence] = set()
    copies: list[_Copy] = []
    for source in sources:
        for occurrence in source.occurrences:
            if occurrence in seen:
                continue
            seen.add(occurrence)
            copy = _prepare(occurrence, org, tz, resolver)
            if in_span(copy.start, copy.end, span):
                copies.append(copy)
    copies = _canonical(copies)
    merged: list[MergedOccurrence] = []
    findings: list[Finding] = []
    for component in _components(copies, tz):
        item, problems = _reconcile(component, tz, resolver)
        merged.append(item)
        findings.extend(problems)
    merged.sort(key=lambda m: (m.occurrence.instants(tz)[0].timestamp(), m.id))
    findings.sort(key=lambda f: (f.occurrences[0].id, *finding_sort_key(f)))
    return MergedCalendar(
        occurrences=tuple(merged), findings=tuple(findings), sources=tuple(sources)
    )


def split_sources(calendar: MergedCalendar) -> tuple[SourceCalendar, ...]:
    """The source calendars a merged calendar was made of, as far as it used them.

    One :class:`SourceCalendar` per source name, with the copies the merged
    calendar holds from it (in-window, duplicates counted once) and the
    problems of the original source. ``merge(split_sources(m), ...)`` gives
    ``m`` back; it is how merging is associative.
    """
    by_name: dict[str, list[Occurrence]] = {}
    for item in calendar.occurrences:
        for copy in item.copies:
            by_name.setdefault(copy.source, []).append(copy)
    out: list[SourceCalendar] = []
    done: set[str] = set()
    for source in calendar.sources:
        if source.name in done:
            continue
        done.add(source.name)
        out.append(attrs.evolve(source, occurrences=tuple(by_name.pop(source.name, ()))))
    out.extend(SourceCalendar(name, tuple(items)) for name, items in sorted(by_name.items()))
    return tuple(out)


def _serving_office(component: list[_Copy], resolver: OfficeResolver, tz: tzinfo) -> str | None:
    votes: Counter[str] = Counter()
    for copy in component:
        office = resolver.serving_office(copy.occ, copy.occ.local_date(tz))
        if office is not None:
            votes[office] += 1
    if not votes:
        return None
    best = max(votes.values())
    return min(o for o, n in votes.items() if n == best)


def merged_id(uid: str, recurrence: str) -> str:
    """The stable id of a merged occurrence anchored on one copy's (UID, RECURRENCE-ID)."""
    digest = hashlib.sha256(f"{uid}\x1f{recurrence}".encode()).hexdigest()
    return f"m-{digest[:16]}"


def _first(values: Sequence[_T | None]) -> _T | None:
    for value in values:
        if value:
            return value
    return None


def _reconcile(
    component: list[_Copy], tz: tzinfo, resolver: OfficeResolver
) -> tuple[MergedOccurrence, list[Finding]]:
    if len(component) == 1:
        only = component[0]
        return MergedOccurrence(merged_id(*only.key), only.occ, (only.original,)), []
    serving = _serving_office(component, resolver, tz)
    count = len(component)
    for position, copy in enumerate(component):
        modified = copy.occ.last_modified
        copy.rank = (
            serving is not None and copy.office == serving,
            copy.occ.sequence,
            modified is not None,
            modified.timestamp() if modified is not None else 0.0,
            count - position,  # earlier in the canonical order wins ties
        )
    ranked = sorted(component, key=lambda c: c.rank, reverse=True)
    winner = ranked[0].occ
    attendees: dict[str, Attendee] = {}
    for copy in ranked:
        for attendee in copy.occ.attendees:
            first = attendees.setdefault(attendee.key, attendee)
            # The best-ranked copy gives the role; an answer (xác báo) wins over
            # "needs action", which only means this office has not heard yet.
            if (
                first.attendance is Attendance.NEEDS_ACTION
                and attendee.attendance is not Attendance.NEEDS_ACTION
            ):
                attendees[attendee.key] = attrs.evolve(
                    first,
                    attendance=attendee.attendance,
                    delegated_to=attendee.delegated_to,
                    delegated_from=attendee.delegated_from or first.delegated_from,
                )
    extra: dict[tuple[str, str], None] = {}
    for copy in ranked:
        for pair in copy.occ.extra:
            extra.setdefault(pair, None)
    occs = [c.occ for c in ranked]
    modified_all = [o.last_modified for o in occs if o.last_modified is not None]
    reconciled = attrs.evolve(
        winner,
        venue=_first([o.venue for o in occs]),
        organiser=_first([o.organiser for o in occs]),
        kind=_first([o.kind for o in occs]),
        description=_first([o.description for o in occs]),
        categories=_first([o.categories for o in occs]) or (),
        preparing_unit=_first([o.preparing_unit for o in occs]),
        attendees=tuple(attendees.values()),
        sequence=max(o.sequence for o in occs),
        last_modified=max(modified_all, key=lambda d: d.timestamp()) if modified_all else None,
        extra=tuple(extra),
    )
    anchors = [c.key for c in component if serving is not None and c.office == serving]
    anchor = min(anchors or [c.key for c in component])
    item = MergedOccurrence(
        id=merged_id(*anchor),
        occurrence=reconciled,
        copies=tuple(c.original for c in component),
    )
    return item, _mismatches(item, component, tz)


# -- findings about copies that disagree -------------------------------------


def _when(copy: _Copy, tz: tzinfo) -> str:
    """The copy's time as offices write it: ``08:00–11:30 07/12/2026``."""
    if copy.occ.all_day:
        return f"{copy.occ.start:%d/%m/%Y}–{copy.occ.end:%d/%m/%Y}"
    start = copy.start.astimezone(tz)
    end = copy.end.astimezone(tz)
    if end.date() == start.date():
        return f"{start:%H:%M}–{end:%H:%M} {start:%d/%m/%Y}"
    return f"{start:%H:%M %d/%m/%Y}–{end:%H:%M %d/%m/%Y}"


def _copy_detail(copy: _Copy) -> CopyDetail:
    occ = copy.original
    return CopyDetail(
        source=occ.source,
        uid=occ.uid,
        start=occ.start.isoformat(),
        end=occ.end.isoformat(),
        venue=occ.venue,
    )


_POSITIVE = {Attendance.ACCEPTED, Attendance.TENTATIVE}
_NEGATIVE = {Attendance.DECLINED, Attendance.DELEGATED}


def _mismatches(item: MergedOccurrence, component: list[_Copy], tz: tzinfo) -> list[Finding]:
    live = [c for c in component if c.occ.status is not Status.CANCELLED]
    found: list[Finding] = _status_mismatch(item, component, live)
    if len(live) < 2:
        return found
    ref = item.ref()
    title = item.occurrence.title
    times = {(c.start.timestamp(), c.end.timestamp(), c.occ.all_day) for c in live}
    if len(times) > 1:
        listing = "; ".join(f"{c.occ.source}: {_when(c, tz)}" for c in live)
        found.append(
            Finding.of(
                "time-mismatch",
                Message(
                    vi=f"Các bản lịch của «{title}» ghi thời gian khác nhau ({listing}).",
                    en=f"Copies of «{title}» disagree on the time ({listing}).",
                ),
                rule="merge.same-time",
                occurrences=(ref,),
                details=CopiesDetails(copies=[_copy_detail(c) for c in live]),
            )
        )
    venues = {c.venue for c in live if c.venue is not None}
    if len(venues) > 1:
        listing = "; ".join(f"{c.occ.source}: {c.occ.venue}" for c in live if c.venue)
        found.append(
            Finding.of(
                "venue-mismatch",
                Message(
                    vi=f"Các bản lịch của «{title}» ghi địa điểm khác nhau ({listing}).",
                    en=f"Copies of «{title}» disagree on the venue ({listing}).",
                ),
                rule="merge.same-venue",
                occurrences=(ref,),
                subjects=tuple(sorted(venues)),
                details=CopiesDetails(copies=[_copy_detail(c) for c in live if c.venue]),
            )
        )
    found.extend(_attendee_mismatches(item, live))
    return found


def _status_mismatch(
    item: MergedOccurrence, component: list[_Copy], live: list[_Copy]
) -> list[Finding]:
    """Cancelled in one office's calendar, still taking place in another's."""
    off = sorted({c.occ.source for c in component} - {c.occ.source for c in live})
    on = sorted({c.occ.source for c in live})
    if not off or not on:
        return []
    title = item.occurrence.title
    return [
        Finding.of(
            "status-mismatch",
            Message(
                vi=f"«{title}» đã hủy/hoãn theo {', '.join(off)} nhưng vẫn diễn ra theo "
                f"{', '.join(on)}.",
                en=f"«{title}» is cancelled in {', '.join(off)} but still on in {', '.join(on)}.",
            ),
            rule="merge.same-status",
            occurrences=(item.ref(),),
            details=StatusMismatchDetails(cancelled=off, confirmed=on),
        )
    ]


def _attendee_mismatches(item: MergedOccurrence, live: list[_Copy]) -> list[Finding]:
    ref = item.ref()
    title = item.occurrence.title
    found: list[Finding] = []
    answers: dict[str, list[tuple[str, Attendee]]] = {}
    for copy in live:
        for attendee in copy.occ.attendees:
            answers.setdefault(attendee.key, []).append((copy.occ.source, attendee))
    for key in sorted(answers):
        listed = answers[key]
        states = {a.attendance for _, a in listed}
        delegates = {normalise_text(a.delegated_to) for _, a in listed if a.delegated_to}
        if not ((states & _POSITIVE and states & _NEGATIVE) or len(delegates) > 1):
            continue
        name = listed[0][1].name or key
        listing, listing_vi = (
            "; ".join(
                f"{src}: {getattr(a.attendance, attr)}"
                + (f" → {a.delegated_to}" if a.delegated_to else "")
                for src, a in listed
            )
            for attr in ("value", "vi")
        )
        found.append(
            Finding.of(
                "attendee-mismatch",
                Message(
                    vi=f"Các bản lịch của «{title}» mâu thuẫn về xác báo của {name} "
                    f"({listing_vi}).",
                    en=f"Copies of «{title}» contradict each other on {name}'s answer ({listing}).",
                ),
                rule="merge.same-attendees",
                subjects=(key,),
                occurrences=(ref,),
                details=AttendeeMismatchDetails(
                    attendee=key,
                    answers=[
                        AnswerDetail(
                            source=src,
                            attendance=a.attendance.value,
                            delegated_to=a.delegated_to,
                        )
                        for src, a in listed
                    ],
                ),
            )
        )
    chairs: dict[str, frozenset[str]] = {}
    for copy in live:
        named = frozenset(a.key for a in copy.occ.attendees if a.role is Role.CHAIR)
        if named:
            chairs[copy.occ.source + "\x1f" + copy.occ.uid] = named
    if len(set(chairs.values())) > 1:
        listing = "; ".join(
            f"{k.split(chr(31))[0]}: {', '.join(sorted(v))}" for k, v in chairs.items()
        )
        everyone = sorted(set().union(*chairs.values()))
        found.append(
            Finding.of(
                "attendee-mismatch",
                Message(
                    vi=f"Các bản lịch của «{title}» ghi người chủ trì khác nhau ({listing}).",
                    en=f"Copies of «{title}» name different chairs ({listing}).",
                ),
                rule="merge.same-chair",
                subjects=tuple(everyone),
                occurrences=(ref,),
                details=AttendeeMismatchDetails(
                    chairs={k.split(chr(31))[0]: sorted(v) for k, v in chairs.items()}
                ),
            )
        )
    return found
