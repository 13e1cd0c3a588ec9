"""The rows a calendar check works on: occurrences as parallel lists, and what checks share.

:func:`~coordrules.rules.conflicts.check_calendar` builds one :class:`_Table`
of the checked occurrences (start and end instants, venues, busy people) and
one :class:`_Context` (the pack, the directory, the moment of the check);
the checks in :mod:`~coordrules.rules.double_booking` and
:mod:`~coordrules.rules.timing` read them. Private to the rules layer.
"""

from __future__ import annotations

import zlib
from datetime import date, datetime, tzinfo
from typing import Any, TypeVar

import attrs

from coordrules.model.events import (
    MergedCalendar,
    MergedOccurrence,
    Occurrence,
    Status,
    Transparency,
)
from coordrules.model.findings import (
    OccurrenceRef,
)
from coordrules.model.org import Organisation
from coordrules.model.text import vn_moment
from coordrules.model.values import Basis, Deadline, SourcedValue, VersionedRule
from coordrules.packs.pack import Pack
from coordrules.rules.identity import resolve_occurrence, venue_key
from coordrules.rules.merge import in_span

_V = TypeVar("_V")


@attrs.frozen
class _Context:
    pack: Pack
    org: Organisation
    tz: tzinfo
    used: dict[str, tuple[VersionedRule[Any], SourcedValue[Any]]] = attrs.field(factory=dict)
    missing: dict[str, tuple[VersionedRule[Any], set[date]]] = attrs.field(factory=dict)
    """Rules that had no version in force on a date they were needed: by id, the dates."""
    fallback: dict[int, set[str]] = attrs.field(factory=dict)
    """Years a deadline counted working days in without an announced schedule: the rules."""

    def rule_at(self, rule: VersionedRule[_V] | None, on: date) -> SourcedValue[_V] | None:
        if rule is None:
            return None
        version = rule.at(on)
        if version is None:
            self.missing.setdefault(rule.id, (rule, set()))[1].add(on)
        elif version.basis is Basis.ASSUMED:
            self.used.setdefault(f"{rule.id}@{version.since}", (rule, version))
        return version

    def deadline(
        self, rule: VersionedRule[Deadline], version: SourcedValue[Deadline], reference: datetime
    ) -> tuple[datetime, tuple[int, ...]]:
        """The deadline under *version* for *reference*, and the years it fell back in.

        The years are those it counted working days in that the pack lists no
        announced schedule for (``holidays`` decided them); they are recorded
        for the report's ``work-calendar-fallback`` finding.
        """
        work = self.pack.work_calendar
        due = work.deadline(version.value, reference)
        years = work.fallback_years(version.value, reference, due=due)
        for year in years:
            self.fallback.setdefault(year, set()).add(rule.id)
        return due, years


def _assumed_note(version: SourcedValue[Any] | None) -> tuple[str, str]:
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


def _owner(key: str, parts: int) -> int:
    """The part that owns a person, venue or occurrence *key*: the same in every process."""
    return 0 if parts == 1 else zlib.crc32(key.encode()) % parts


def _busy_people(occ: Occurrence) -> set[str]:
    if occ.status is Status.CANCELLED or occ.transparency is Transparency.FREE:
        return set()
    return {a.key for a in occ.attendees if a.counts_as_busy}


def _local(moment: datetime, tz: tzinfo) -> str:
    """A moment in *tz* as offices write it: ``08:00 07/12/2026``."""
    return vn_moment(moment.astimezone(tz))


def _display_name(key: str, *items: _Item) -> str:
    for item in items:
        for attendee in item.occ.attendees:
            if attendee.key == key and attendee.name:
                return attendee.name
    return key
