"""Conflict rules: what the offices must fix in the merged work calendar.

What lives here: :func:`check_calendar` and its parts (:func:`check_part`,
:func:`partition_calendar`, :func:`combine_parts`). The checks it runs live
beside it: double bookings of a person or a venue and the overlap sweep in
:mod:`~coordrules.rules.double_booking`; travel too tight, attendance not
confirmed by the xác báo deadline, meetings on days off and late changes in
:mod:`~coordrules.rules.timing`; the rows they share in
:mod:`~coordrules.rules.check_table`. What never does: reading the clock (the
caller passes ``as_of``), file formats, merging (:mod:`coordrules.rules.merge`).

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
  A finding lists at most
  :data:`~coordrules.rules.double_booking.MAX_LISTED_OCCURRENCES` of them,
  with the total count.
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
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import attrs

from coordrules.model.details import WorkCalendarFallbackDetails
from coordrules.model.events import (
    MergedCalendar,
    MergedOccurrence,
    Status,
)
from coordrules.model.findings import (
    MAX_FINDINGS_PER_CODE,
    DeferredFinding,
    Finding,
    Message,
    Report,
    SourceSummary,
    first_per_code,
)
from coordrules.model.org import Directory
from coordrules.model.values import Deadline, VersionedRule
from coordrules.model.window import Window
from coordrules.packs.pack import Pack
from coordrules.rules.assumptions import calendar_fallback
from coordrules.rules.check_table import (
    _busy_people,
    _Context,
    _owner,
    _table,
)
from coordrules.rules.double_booking import (
    _double_bookings,
    _people,
)
from coordrules.rules.merge import window_span
from coordrules.rules.timing import _days_off, _late_changes, _travel, _unconfirmed


@attrs.frozen
class CheckPart:
    """What one part of a partitioned check found: plain values that pickle.

    Made by :func:`check_part`; :func:`combine_parts` makes the report of
    all the parts. ``findings`` are at least the first ``max_per_code`` of
    each code the part found (in the report's order); ``omitted`` counts
    the rest per code; ``counts`` the source copies of the occurrences the
    part owns, per source; ``assumed`` the ``assumed-value`` findings of the
    assumed rule values the part used, keyed by rule and version;
    ``not_in_force`` the rules the part needed on dates none of their versions
    is in force on, with those dates; ``fallback`` the years a deadline counted
    working days in that the pack lists no announced schedule for, with the
    rules whose deadlines did.
    """

    findings: tuple[Finding, ...] = ()
    omitted: Mapping[str, int] = attrs.field(factory=dict)
    counts: Mapping[str, int] = attrs.field(factory=dict)
    assumed: tuple[tuple[str, Finding], ...] = ()
    not_in_force: tuple[tuple[VersionedRule[Any], tuple[date, ...]], ...] = ()
    fallback: Mapping[int, tuple[str, ...]] = attrs.field(factory=dict)


def check_calendar(
    calendar: MergedCalendar,
    pack: Pack,
    directory: Directory | None = None,
    *,
    as_of: datetime,
    window: Window | tuple[date, date] | None = None,
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
    used, one ``rule-not-in-force`` per policy rule needed on dates none of its
    versions is in force on (those checks were not made), and one
    ``work-calendar-fallback`` when a deadline counted working days in a year
    the pack lists no announced holiday schedule for. ``Report.sources`` has
    one :class:`SourceSummary` per source. Past *max_per_code* findings of
    one code, the rest are counted in a ``findings-omitted`` finding (see
    :meth:`Report.build`); only the findings a report lists are ever built.

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
        not_in_force=tuple(
            (rule, tuple(sorted(days))) for rule, days in sorted(ctx.missing.values(), key=_rule_id)
        ),
        fallback={year: tuple(sorted(rules)) for year, rules in sorted(ctx.fallback.items())},
    )


def _rule_id(item: tuple[VersionedRule[Any], object]) -> str:
    return item[0].id


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
    missing: dict[str, tuple[VersionedRule[Any], set[date]]] = {}
    fallback: dict[int, set[str]] = {}
    for one in parts:
        findings.extend(one.findings)
        for code, n in one.omitted.items():
            omitted[code] = omitted.get(code, 0) + n
        for name, n in one.counts.items():
            counts[name] = counts.get(name, 0) + n
        for key, finding in one.assumed:
            assumed.setdefault(key, finding)
        for rule, days in one.not_in_force:
            missing.setdefault(rule.id, (rule, set()))[1].update(days)
        for year, rules in one.fallback.items():
            fallback.setdefault(year, set()).update(rules)
    findings.extend(assumed.values())
    findings.extend(_not_in_force(rule, sorted(days)) for rule, days in missing.values())
    findings.extend(_calendar_fallback(fallback))
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
        as_of=as_of,
        window=window,
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


# -- travel ------------------------------------------------------------------


# -- xác báo -----------------------------------------------------------------


# -- days off ----------------------------------------------------------------


# -- late changes ------------------------------------------------------------


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


_LISTED_DATES = 5
"""How many of the dates a ``rule-not-in-force`` finding names in its message."""


def _not_in_force(rule: VersionedRule[Any], days: list[date]) -> Finding:
    """A ``rule-not-in-force`` finding: *rule* was needed on *days*, with no version in force."""
    spans = ", ".join(
        f"[{_day_or_open(v.since)}, {_day_or_open(v.until)})"
        for v in sorted(rule.versions, key=lambda v: v.since or date.min)
    )
    more = len(days) - _LISTED_DATES
    shown_vi = ", ".join(d.strftime("%d/%m/%Y") for d in days[:_LISTED_DATES])
    shown_en = ", ".join(d.isoformat() for d in days[:_LISTED_DATES])
    if more > 0:
        shown_vi += f" và {more} ngày khác"
        shown_en += f" and {more} more"
    last = max(rule.versions, key=lambda v: v.since or date.min, default=None)
    return Finding.of(
        "rule-not-in-force",
        Message(
            vi=f"Quy tắc “{rule.id}” không có phiên bản nào có hiệu lực ngày {shown_vi} "
            f"(hiệu lực: {spans or 'không có'}); chưa kiểm tra quy tắc này cho các ngày đó.",
            en=f"“{rule.id}” has no version in force on {shown_en} "
            f"(versions: {spans or 'none'}); this rule was not checked on those dates.",
        ),
        rule=rule.id,
        subjects=(rule.id,),
        cite=None if last is None else last.cite,
        basis=None if last is None else last.basis,
        details={"rule": rule.id, "dates": [d.isoformat() for d in days], "versions": spans},
    )


def _day_or_open(day: date | None) -> str:
    return day.isoformat() if day is not None else "…"


def _calendar_fallback(fallback: Mapping[int, Iterable[str]]) -> list[Finding]:
    """One ``work-calendar-fallback`` finding when a deadline counted days of unlisted years."""
    if not fallback:
        return []
    years = sorted(fallback)
    rules = sorted({rule for used in fallback.values() for rule in used})
    return [calendar_fallback(years, rules, WorkCalendarFallbackDetails(years=years, rules=rules))]
