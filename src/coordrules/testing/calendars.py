"""Strategies for occurrences and calendars like the offices' (see :mod:`coordrules.testing`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any, Literal, overload
from zoneinfo import ZoneInfo

import attrs
from hypothesis import strategies as st

from coordrules.model.deprecation import deprecated_day_count
from coordrules.model.events import (
    Attendance,
    Attendee,
    Occurrence,
    Role,
    SourceCalendar,
    Status,
    Transparency,
)
from coordrules.model.window import Window

PEOPLE: tuple[tuple[str, str], ...] = (
    ("Nguyễn Văn An", "an@example.vn"),
    ("Trần Thị Bình", "binh@example.vn"),
    ("Lê Văn Cường", "cuong@example.vn"),
    ("Phạm Thị Dung", "dung@example.vn"),
    ("Hoàng Văn Em", "em@example.vn"),
)
"""Invented people (name, e-mail) drawn by default."""

VENUES: tuple[str, ...] = ("Hội trường A", "Phòng 2", "Phòng 3")
"""Invented venues drawn by default."""

TITLES: tuple[str, ...] = ("Họp giao ban", "Hội nghị Ban Thường vụ", "Tiếp công dân")
"""Titles drawn by default (few, so that title matches happen)."""

TIMEZONES: tuple[tzinfo, ...] = (
    ZoneInfo("Asia/Ho_Chi_Minh"),
    ZoneInfo("Asia/Bangkok"),
    UTC,
    ZoneInfo("Europe/Paris"),
    timezone(timedelta(hours=7)),
)
"""Time zones start and end are written in; they name the same instants differently."""

_FIRST_DAY = date(2025, 3, 3)
_THREE_DAYS = Window(_FIRST_DAY, _FIRST_DAY + timedelta(days=2))
"""The default window of :func:`occurrences`: three days from Monday 3 March 2025."""


def attendees(
    people: Sequence[tuple[str, str]] = PEOPLE, *, max_size: int = 3
) -> st.SearchStrategy[tuple[Attendee, ...]]:
    """Attendees drawn from *people*, each with a random role and answer.

    The e-mail is sometimes left out (only the name is given), so identity
    resolution by name is exercised too.
    """

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Attendee, ...]:
        chosen = draw(st.lists(st.sampled_from(list(people)), max_size=max_size, unique=True))
        out = []
        for name, email in chosen:
            attendance = draw(st.sampled_from(list(Attendance)))
            out.append(
                Attendee(
                    name=name,
                    email=draw(st.sampled_from([email, None])),
                    role=draw(st.sampled_from(list(Role))),
                    attendance=attendance,
                    delegated_to=draw(st.sampled_from([p[1] for p in people]))
                    if attendance is Attendance.DELEGATED
                    else None,
                )
            )
        return tuple(out)

    return build()


@deprecated_day_count()
def occurrences(
    *,
    source: str = "feed",
    uid: str | None = None,
    people: Sequence[tuple[str, str]] = PEOPLE,
    venues: Sequence[str | None] = (*VENUES, None),
    titles: Sequence[str] = TITLES,
    window: Window | tuple[date, date] = _THREE_DAYS,
    timezones: Sequence[tzinfo] = TIMEZONES,
    all_day: bool = True,
    zero_length: bool = True,
    statuses: Sequence[Status] = tuple(Status),
) -> st.SearchStrategy[Occurrence]:
    """One occurrence of source *source*.

    Starts lie on a 30-minute grid over the days of *window* (both ends
    included; local time of the first zone); durations are 0 (if *zero_length*), 30, 60, 90
    or 120 minutes, so touching and overlapping intervals are common. With
    *all_day*, some items are spans of one or two local dates. Start and end
    are written in zones drawn from *timezones* (independently). The UID is
    *uid* or drawn from a small pool (so that copies collide on purpose only
    where a caller wants: :func:`source_calendars` keeps them unique).
    """
    first, last = window
    span = (last - first).days + 1
    local = timezones[0] if timezones else UTC
    durations = [30, 60, 90, 120] + ([0] if zero_length else [])

    @st.composite
    def build(draw: st.DrawFn) -> Occurrence:
        day = first + timedelta(days=draw(st.integers(0, max(span - 1, 0))))
        start: date | datetime
        end: date | datetime
        if all_day and draw(st.integers(0, 9)) == 0:
            start = day
            end = day + timedelta(days=draw(st.integers(1, 2)))
        else:
            slot = draw(st.integers(0, 47))
            begin = datetime.combine(day, time(0), tzinfo=local) + timedelta(minutes=30 * slot)
            finish = begin + timedelta(minutes=draw(st.sampled_from(durations)))
            start = begin.astimezone(draw(st.sampled_from(list(timezones))))
            end = finish.astimezone(draw(st.sampled_from(list(timezones))))
        return Occurrence(
            title=draw(st.sampled_from(list(titles))),
            start=start,
            end=end,
            source=source,
            uid=uid if uid is not None else f"u{draw(st.integers(0, 10**6))}",
            venue=draw(st.sampled_from(list(venues))) if venues else None,
            status=draw(st.sampled_from(list(statuses))),
            transparency=draw(st.sampled_from([Transparency.BUSY] * 3 + [Transparency.FREE])),
            attendees=draw(attendees(people)),
            sequence=draw(st.integers(0, 3)),
        )

    return build()


def _planted_pair(
    draw: st.DrawFn, occ: Occurrence, people: Sequence[tuple[str, str]]
) -> tuple[Occurrence, Occurrence]:
    """*occ* made busy for one person, and a second occurrence overlapping it for them."""
    name, email = draw(st.sampled_from(list(people)))
    who = Attendee(name, email, Role.REQUIRED, Attendance.ACCEPTED)
    start: date | datetime = occ.start
    end: date | datetime = occ.end
    if isinstance(start, datetime) and isinstance(end, datetime) and end <= start:
        end = start + timedelta(minutes=30)
    target = attrs.evolve(
        occ,
        end=end,
        status=Status.CONFIRMED,
        transparency=Transparency.BUSY,
        attendees=(*(a for a in occ.attendees if a.name != name), who),
    )
    other_start, other_end = start, end
    if isinstance(start, datetime) and isinstance(end, datetime):
        other_start = start + timedelta(minutes=draw(st.sampled_from([-30, 0, 15])))
        other_end = end + timedelta(minutes=30)
    planted = attrs.evolve(
        target,
        uid=occ.uid + "-planted",
        title=occ.title + " (khác)",
        start=other_start,
        end=other_end,
        attendees=(who,),
    )
    return target, planted


def _plant_late_change(
    draw: st.DrawFn, sources: dict[str, list[Occurrence]], local: tzinfo
) -> tuple[dict[str, list[Occurrence]], dict[str, list[Occurrence]]]:
    """The calendars before and after one meeting changed late.

    One meeting (every copy with its UID) is moved; before the move all its
    copies are made to agree on the time and get SEQUENCE 5 (above what
    :func:`occurrences` draws), after it SEQUENCE 6 and a LAST-MODIFIED half
    an hour before the old start, so that its copies win reconciliation in
    both snapshots and the change is late for any notice of an hour or more.
    """
    everything = [o for items in sources.values() for o in items]
    timed = [o for o in everything if isinstance(o.start, datetime)]
    target = draw(st.sampled_from(timed or everything))
    start, end = target.start, target.end
    if isinstance(start, datetime):
        shift = timedelta(minutes=draw(st.sampled_from([60, 90, 24 * 60])))
        changed_at = start - timedelta(minutes=30)
    else:
        shift = timedelta(days=1)
        changed_at = datetime.combine(start, time(0), tzinfo=local) - timedelta(minutes=30)
    previous: dict[str, list[Occurrence]] = {}
    current: dict[str, list[Occurrence]] = {}
    for name, items in sources.items():
        previous[name], current[name] = [], []
        for occ in items:
            before = after = occ
            if occ.uid == target.uid:
                before = attrs.evolve(occ, start=start, end=end, sequence=5)
                after = attrs.evolve(
                    before,
                    start=start + shift,
                    end=end + shift,
                    sequence=6,
                    last_modified=changed_at,
                )
            previous[name].append(before)
            current[name].append(after)
    return previous, current


@overload
def source_calendars(
    name: str = ...,
    *,
    min_size: int = ...,
    max_size: int = ...,
    double_booking: bool = ...,
    late_change: Literal[False] = ...,
    **options: Any,
) -> st.SearchStrategy[SourceCalendar]: ...


@overload
def source_calendars(
    name: str = ...,
    *,
    min_size: int = ...,
    max_size: int = ...,
    double_booking: bool = ...,
    late_change: Literal[True],
    **options: Any,
) -> st.SearchStrategy[tuple[SourceCalendar, SourceCalendar]]: ...


def source_calendars(
    name: str = "feed",
    *,
    min_size: int = 0,
    max_size: int = 12,
    double_booking: bool = False,
    late_change: bool = False,
    **options: Any,
) -> st.SearchStrategy[Any]:
    """A source calendar *name* with unique UIDs.

    With *double_booking* (and a calendar that is not empty), one occurrence
    is made busy for a person who accepted, and a second one overlapping it
    for the same person is planted (its UID ends in ``-planted``).

    With *late_change*, the strategy draws a **pair** ``(previous,
    current)`` of snapshots of the same calendar (never empty): one
    occurrence of *current* is moved (by 1 h, 1 h 30 or a day) and carries a
    ``last_modified`` half an hour before its old start; it is the only
    occurrence with ``last_modified`` set. ``check_calendar`` of the merged
    *current* with ``previous=`` the merged *previous* reports
    ``late-change`` for it when the pack has a change notice of at least an
    hour and ``as_of`` is at or after that ``last_modified``.

    *options* go to :func:`occurrences`.
    """
    people = options.get("people", PEOPLE)
    timezones = options.get("timezones", TIMEZONES)
    local = timezones[0] if timezones else UTC

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        items = draw(
            st.lists(
                occurrences(source=name, **options),
                min_size=max(min_size, 1) if late_change else min_size,
                max_size=max(max_size, 1) if late_change else max_size,
                unique_by=lambda o: o.uid,
            )
        )
        if double_booking and items:
            position = draw(st.integers(0, len(items) - 1))
            items[position], planted = _planted_pair(draw, items[position], people)
            items.append(planted)
        if not late_change:
            return SourceCalendar(name, tuple(items))
        previous, current = _plant_late_change(draw, {name: items}, local)
        return SourceCalendar(name, tuple(previous[name])), SourceCalendar(
            name, tuple(current[name])
        )

    return build()


def _diverge(draw: st.DrawFn, occ: Occurrence, venues: Sequence[str | None]) -> Occurrence:
    change = draw(st.sampled_from(["time", "venue", "answer", "none"]))
    if change == "time" and isinstance(occ.start, datetime) and isinstance(occ.end, datetime):
        shift = timedelta(minutes=draw(st.sampled_from([-30, 30, 60])))
        return attrs.evolve(occ, start=occ.start + shift, end=occ.end + shift)
    if change == "venue":
        return attrs.evolve(occ, venue=draw(st.sampled_from(list(venues))))
    if change == "answer" and occ.attendees:
        first = attrs.evolve(occ.attendees[0], attendance=draw(st.sampled_from(list(Attendance))))
        return attrs.evolve(occ, attendees=(first, *occ.attendees[1:]))
    return occ


@overload
def calendars(
    names: Sequence[str] = ...,
    *,
    max_own: int = ...,
    max_shared: int = ...,
    divergent: bool = ...,
    double_booking: bool = ...,
    late_change: Literal[False] = ...,
    **options: Any,
) -> st.SearchStrategy[list[SourceCalendar]]: ...


@overload
def calendars(
    names: Sequence[str] = ...,
    *,
    max_own: int = ...,
    max_shared: int = ...,
    divergent: bool = ...,
    double_booking: bool = ...,
    late_change: Literal[True],
    **options: Any,
) -> st.SearchStrategy[tuple[list[SourceCalendar], list[SourceCalendar]]]: ...


def calendars(
    names: Sequence[str] = ("vp-tinh-uy", "vp-doan-dbqh-hdnd", "vp-ubnd"),
    *,
    max_own: int = 8,
    max_shared: int = 4,
    divergent: bool = False,
    double_booking: bool = False,
    late_change: bool = False,
    **options: Any,
) -> st.SearchStrategy[Any]:
    """Several offices' calendars, some meetings listed by more than one office.

    Draws a ``list[SourceCalendar]``, one per name in *names*, in that
    order. Each source gets up to *max_own* meetings of its own (UIDs
    ``<source>:<uid>``); up to *max_shared* meetings are copied (UIDs
    ``shared-<n>``) into two or more sources, each copy listing only some of
    the attendees. With *divergent*, copies may differ in time, venue or an
    attendee's answer. With *double_booking*, each source may get a planted
    double booking (see :func:`source_calendars`).

    With *late_change*, draws a **pair** ``(previous, current)`` of such
    lists instead (never empty): in *current* one meeting (every copy of it)
    has moved, late, exactly as :func:`source_calendars` describes; the moved
    copies are the only occurrences with ``last_modified`` set.

    *options* go to :func:`occurrences`.
    """
    venues = options.get("venues", (*VENUES, None))
    timezones = options.get("timezones", TIMEZONES)
    local = timezones[0] if timezones else UTC

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        out: dict[str, list[Occurrence]] = {}
        for name in names:
            calendar = draw(
                source_calendars(name, max_size=max_own, double_booking=double_booking, **options)
            )
            out[name] = [attrs.evolve(o, uid=f"{name}:{o.uid}") for o in calendar.occurrences]
        shared = draw(
            st.lists(
                occurrences(**options),
                min_size=1 if late_change and names else 0,
                max_size=max(max_shared, 1) if late_change else max_shared,
                unique_by=lambda o: o.uid,
            )
        )
        for number, meeting in enumerate(shared):
            holders = draw(
                st.lists(st.sampled_from(list(names)), min_size=min(2, len(names)), unique=True)
            )
            for name in holders:
                copy = attrs.evolve(meeting, source=name, uid=f"shared-{number}")
                if copy.attendees:
                    keep = draw(
                        st.lists(
                            st.booleans(),
                            min_size=len(copy.attendees),
                            max_size=len(copy.attendees),
                        )
                    )
                    copy = attrs.evolve(
                        copy,
                        attendees=tuple(a for a, k in zip(copy.attendees, keep, strict=True) if k),
                    )
                if divergent:
                    copy = _diverge(draw, copy, venues)
                out[name].append(copy)
        if not late_change:
            return [SourceCalendar(name, tuple(items)) for name, items in out.items()]
        previous, current = _plant_late_change(draw, out, local)
        return (
            [SourceCalendar(name, tuple(items)) for name, items in previous.items()],
            [SourceCalendar(name, tuple(items)) for name, items in current.items()],
        )

    return build()
