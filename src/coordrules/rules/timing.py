"""The checks of time: travel too tight, attendance not confirmed (xác báo), days off, late changes.

Each reads the rows of :mod:`~coordrules.rules.check_table` and yields
deferred findings, built only when a report lists them; every rule value
comes from the pack with its ``cite`` and ``basis``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from coordrules.model.details import NonWorkingDayDetails, TravelTooTightDetails
from coordrules.model.events import (
    Attendance,
    Attendee,
    MergedCalendar,
    MergedOccurrence,
    Occurrence,
    Role,
    Status,
)
from coordrules.model.findings import DeferredFinding, Finding, Message
from coordrules.model.org import Organisation
from coordrules.model.values import Basis, Deadline, SourcedValue, VersionedRule
from coordrules.rules.check_table import (
    _assumed_note,
    _Context,
    _display_name,
    _local,
    _owner,
    _Table,
)
from coordrules.rules.identity import copy_key, local_dates, resolve_occurrence, venue_key
from coordrules.rules.merge import in_span


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
        version: SourcedValue[Any] | None = SourcedValue(minutes, cite, basis)
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
    rule_used: tuple[int, str | None, Basis | None, str, SourcedValue[Any] | None],
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
        details=TravelTooTightDetails(person=person, gap_minutes=gap, travel_minutes=minutes),
    )


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
        deadline, fallback = ctx.deadline(policy, version, start)
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
                    fallback,
                )
            )


def _unconfirmed_finding(
    table: _Table,
    index: int,
    attendee: Attendee,
    policy: VersionedRule[Deadline],
    version: SourcedValue[Deadline],
    deadline: datetime,
    fallback: tuple[int, ...] = (),
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
        details=_with_fallback(
            {"attendee": attendee.key, "deadline": deadline.isoformat()}, fallback
        ),
    )


def _with_fallback(details: dict[str, Any], fallback: tuple[int, ...]) -> dict[str, Any]:
    """*details*, plus the years the deadline counted without an announced schedule."""
    if fallback:
        # The deadline says which assumption it used (see work-calendar-fallback).
        details["calendar_fallback_years"] = list(fallback)
    return details


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
        details=NonWorkingDayDetails(days=[d.isoformat() for d in off]),
    )


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
    policy: VersionedRule[Deadline],
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
    deadline, fallback = ctx.deadline(policy, version, reference)
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
            details=_with_fallback(
                {
                    "fields": changed,
                    "changed_at": changed_at.isoformat(),
                    "deadline": deadline.isoformat(),
                    "changed_at_from": "last-modified" if changed_at is modified else "as-of",
                },
                fallback,
            ),
        )
    ]
