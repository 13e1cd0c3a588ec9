"""Hypothesis strategies and domain assertions for tests of code that uses coordrules.

Public module (needs ``hypothesis``, which the library itself does not):
build random occurrences and source calendars shaped like the offices'
calendars, with the awkward cases on purpose: times on a coarse grid so that
overlaps and touching intervals are frequent, zero-length items, all-day
items, several time zones, meetings copied into several offices' calendars
(optionally with diverging copies), planted double bookings and planted late
changes. Also: rule packs (small invented ones, or variations of a bundled
pack), people directories with kiêm nhiệm and dated appointments,
organisations, and meeting dossiers with documents received around their
deadlines. The ``assert_*`` functions check a :class:`~coordrules.Report`
and raise :class:`AssertionError` with a message naming the findings.

Example::

    from hypothesis import given
    from coordrules.testing import calendars

    @given(calendars(divergent=True))
    def test_merge_never_raises(sources):
        merge(sources, my_pack)

Every strategy takes the people (``(name, e-mail)`` pairs), venues, titles
and days to draw from, so tests can use their own directory's names.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any, Literal, overload
from zoneinfo import ZoneInfo

import attrs
from hypothesis import assume
from hypothesis import strategies as st

from coordrules.model.doctypes import DOCUMENT_TYPES, ITEM_KINDS
from coordrules.model.dossier import AgendaItem, Dossier, DossierDocument, Meeting
from coordrules.model.events import (
    Attendance,
    Attendee,
    MergedCalendar,
    MergedOccurrence,
    Occurrence,
    Role,
    SourceCalendar,
    Status,
    Transparency,
)
from coordrules.model.findings import CODES, Finding, Report, Severity
from coordrules.model.org import (
    Appointment,
    Body,
    Directory,
    MeetingKind,
    Office,
    Organisation,
    Person,
    Position,
    TravelTime,
    Venue,
    WorkAssignment,
)
from coordrules.model.values import Anchor, Basis, Deadline, DeadlineUnit, Rule, Sourced, in_force
from coordrules.packs.load import load_pack
from coordrules.packs.pack import CalendarPolicy, Pack, Requirement
from coordrules.packs.validate import CHAIN
from coordrules.rules.dossier import checklist

__all__ = [
    "PEOPLE",
    "SAME_FIELDS",
    "TIMEZONES",
    "TITLES",
    "VENUES",
    "Occurrences",
    "assert_dossier_complete",
    "assert_findings",
    "assert_no_conflicts",
    "assert_no_errors",
    "assert_same_occurrences",
    "attendees",
    "calendars",
    "directories",
    "dossiers",
    "occurrences",
    "organisations",
    "packs",
    "source_calendars",
]

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


def occurrences(
    *,
    source: str = "feed",
    uid: str | None = None,
    people: Sequence[tuple[str, str]] = PEOPLE,
    venues: Sequence[str | None] = (*VENUES, None),
    titles: Sequence[str] = TITLES,
    first_day: date = _FIRST_DAY,
    days: int = 3,
    timezones: Sequence[tzinfo] = TIMEZONES,
    all_day: bool = True,
    zero_length: bool = True,
    statuses: Sequence[Status] = tuple(Status),
) -> st.SearchStrategy[Occurrence]:
    """One occurrence of source *source*.

    Starts lie on a 30-minute grid over *days* days from *first_day* (local
    time of the first zone); durations are 0 (if *zero_length*), 30, 60, 90
    or 120 minutes, so touching and overlapping intervals are common. With
    *all_day*, some items are spans of one or two local dates. Start and end
    are written in zones drawn from *timezones* (independently). The UID is
    *uid* or drawn from a small pool (so that copies collide on purpose only
    where a caller wants: :func:`source_calendars` keeps them unique).
    """
    local = timezones[0] if timezones else UTC
    durations = [30, 60, 90, 120] + ([0] if zero_length else [])

    @st.composite
    def build(draw: st.DrawFn) -> Occurrence:
        day = first_day + timedelta(days=draw(st.integers(0, max(days - 1, 0))))
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


# -- packs, directories, organisations ----------------------------------------

_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi")
_MIDDLE = ("Văn", "Thị", "Minh", "Quốc")
_GIVEN = ("An", "Bình", "Cường", "Dung", "Hà", "Khánh", "Lan", "Nam", "Phúc", "Quang")
_BODY_NAMES = (
    "Tỉnh ủy",
    "Ban Thường vụ Tỉnh ủy",
    "Hội đồng nhân dân tỉnh",
    "Thường trực HĐND tỉnh",
    "Ủy ban nhân dân tỉnh",
    "Đoàn đại biểu Quốc hội tỉnh",
)
_ROLES = ("Chủ tịch", "Phó Chủ tịch", "Bí thư", "Phó Bí thư", "Trưởng Ban", "Chánh Văn phòng")
_KIND_NAMES = ("Hội nghị", "Phiên họp", "Kỳ họp", "Họp giao ban")
_CITES = (
    "QĐ 45/2018/QĐ-TTg, Điều 10",
    "Quy chế phối hợp (ví dụ), Điều 5",
    "Luật Tổ chức chính quyền địa phương 2025, Điều 12",
)
_POLICY_DESCRIPTIONS = {
    # The descriptions the pack loader gives these rules, so drawn packs look loaded.
    "confirmation_deadline": "Hạn xác báo thành phần / attendance confirmation deadline",
    "change_notice": "Báo trước khi thay đổi lịch / notice for a significant change",
    "precedence": "Thứ tự ưu tiên loại cuộc họp / precedence of meeting kinds",
    "default_travel_minutes": "Thời gian di chuyển mặc định (phút) / default travel minutes",
}


@functools.cache
def _bundled(name: str) -> Pack:
    return load_pack(name)


def _pack_of(pack: Pack | str | None) -> Pack:
    if pack is None:
        return _bundled("vn-province")
    if isinstance(pack, str):
        return _bundled(pack)
    return pack


def _sourcing(draw: st.DrawFn) -> tuple[str | None, Basis]:
    """A cite and a basis; ``statute`` always has a cite (the loader insists)."""
    basis = draw(st.sampled_from(list(Basis)))
    if basis is Basis.ASSUMED:
        return draw(st.sampled_from([None, *_CITES])), basis
    return draw(st.sampled_from(_CITES)), basis


def _versions(
    draw: st.DrawFn, values: st.SearchStrategy[Any], first_day: date
) -> tuple[Sourced[Any], ...]:
    """One value, or two dated versions meeting at a date within a year of *first_day*."""
    cite, basis = _sourcing(draw)
    if not draw(st.booleans()):
        return (Sourced(draw(values), cite, basis),)
    split = first_day + timedelta(days=draw(st.integers(-365, 365)))
    later_cite, later_basis = _sourcing(draw)
    return (
        Sourced(draw(values), cite, basis, None, split),
        Sourced(draw(values), later_cite, later_basis, split, None),
    )


def _deadlines(*, after: bool = False) -> st.SearchStrategy[Deadline]:
    units = st.sampled_from([DeadlineUnit.DAYS, DeadlineUnit.WORKING_DAYS])
    if not after:
        return st.builds(Deadline, st.integers(1, 10), units, st.just(Anchor.BEFORE))
    return st.builds(Deadline, st.integers(1, 10), units, st.just(Anchor.AFTER), st.just("end"))


def _policy_rule(name: str, versions: tuple[Sourced[Any], ...]) -> Rule[Any]:
    return Rule(f"policy.{name}", versions, _POLICY_DESCRIPTIONS[name])


def _with_rules(pack: Pack) -> Pack:
    """*pack* with ``rules`` listing its policy, work and requirements as the loader does."""
    keep = [r for r in pack.rules if not r.id.startswith(("policy.", "work.", "requirement."))]
    work: dict[str, list[Sourced[Any]]] = {}
    for item in pack.work:
        work.setdefault(item.id, []).append(
            Sourced(item, item.cite, item.basis, item.since, item.until)
        )
    requirements: dict[str, list[Sourced[Any]]] = {}
    names: dict[str, str] = {}
    for req in pack.requirements:
        requirements.setdefault(req.id, []).append(req.sourced())
        names.setdefault(req.id, req.name)
    policy = pack.policy
    # A work rule already listed keeps its versions' notes (WorkAssignment has none).
    listed = {r.id: r for r in pack.rules}
    rules: list[Rule[Any]] = [
        *(listed.get(f"work.{i}") or Rule(f"work.{i}", _by_since(v),
                                          next(w.name for w in pack.work if w.id == i))
          for i, v in work.items()),
        *(Rule(f"requirement.{i}", _by_since(v), names[i]) for i, v in requirements.items()),
        *(r for r in (policy.confirmation_deadline, policy.change_notice, policy.precedence,
                      policy.default_travel_minutes) if r is not None),
    ]  # fmt: skip
    return attrs.evolve(pack, rules=(*rules, *keep))


def _by_since(versions: list[Sourced[Any]]) -> tuple[Sourced[Any], ...]:
    return tuple(sorted(versions, key=lambda v: v.since or date.min))


def _small_pack(draw: st.DrawFn, first_day: date) -> Pack:
    n_bodies = draw(st.integers(1, 4))
    names = draw(st.permutations(_BODY_NAMES))[:n_bodies]
    bodies = []
    for i, name in enumerate(names):
        parent = draw(st.sampled_from([None, *(f"body-{j}" for j in range(i))]))
        bodies.append(Body(f"body-{i}", name, parent=parent))
    n_offices = draw(st.integers(1, 3))
    served: dict[int, list[str]] = {k: [] for k in range(n_offices)}
    for body in bodies:
        served[draw(st.integers(0, n_offices - 1))].append(body.id)
    offices = tuple(
        Office(f"office-{k}", f"Văn phòng số {k + 1}", serves=tuple(served[k]))
        for k in range(n_offices)
    )
    office_ids = [o.id for o in offices]
    n_positions = draw(st.integers(1, 6))
    positions = []
    for i in range(n_positions):
        body = draw(st.sampled_from(bodies))
        others = [f"pos-{j}" for j in range(n_positions) if j != i]
        deputies = (
            draw(st.lists(st.sampled_from(others), max_size=2, unique=True)) if others else []
        )
        positions.append(
            Position(
                f"pos-{i}",
                body.id,
                f"{draw(st.sampled_from(_ROLES))} {body.name} (số {i + 1})",
                deputies=tuple(deputies),
            )
        )
    kinds = []
    for i in range(draw(st.integers(1, 3))):
        body = draw(st.sampled_from(bodies))
        office = draw(st.sampled_from(office_ids))
        coordinating = draw(
            st.lists(st.sampled_from([o for o in office_ids if o != office] or [office]),
                     max_size=2, unique=True)
        )  # fmt: skip
        kinds.append(
            MeetingKind(
                f"kind-{i}",
                f"{draw(st.sampled_from(_KIND_NAMES))} {body.name}",
                body.id,
                office,
                coordinating=tuple(c for c in coordinating if c != office),
            )
        )
    work = []
    for i in range(draw(st.integers(0, 3))):
        lead = draw(st.sampled_from(office_ids))
        coordinate = draw(st.lists(st.sampled_from(office_ids), max_size=2, unique=True))
        cite, basis = _sourcing(draw)
        since = draw(st.sampled_from([None, first_day - timedelta(days=30)]))
        work.append(
            WorkAssignment(
                f"work-{i}",
                f"Công việc số {i + 1}",
                lead,
                tuple(c for c in coordinate if c != lead),
                cite,
                basis,
                since,
            )
        )
    requirements = []
    for i in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(kinds))
        after = draw(st.integers(0, 4)) == 0
        cite, basis = _sourcing(draw)
        document = draw(
            st.sampled_from(sorted(t for t in DOCUMENT_TYPES if not (after and t in CHAIN)))
        )
        deadline = draw(_deadlines(after=after))
        if document in CHAIN:
            # The chain before a session is due in its order (validate_pack checks it).
            deadline = Deadline(3 * (len(CHAIN) - CHAIN.index(document)))
        requirements.append(
            Requirement(
                id=f"req-{i}",
                meeting_kind=kind.id,
                document=document,
                name=DOCUMENT_TYPES[document].name,
                deadline=deadline,
                item_kind=None if after else draw(st.sampled_from([None, *sorted(ITEM_KINDS)])),
                condition=draw(
                    st.sampled_from([None, None, "urgent", "not:urgent", "policy-impact"])
                ),
                cite=cite,
                basis=basis,
                since=draw(st.sampled_from([None, first_day - timedelta(days=365)])),
            )
        )
    kind_ids = tuple(k.id for k in kinds)
    policy = CalendarPolicy(
        confirmation_deadline=_policy_rule(
            "confirmation_deadline", _versions(draw, _deadlines(), first_day)
        ),
        change_notice=_policy_rule("change_notice", _versions(draw, _deadlines(), first_day)),
        precedence=_policy_rule(
            "precedence", _versions(draw, st.permutations(kind_ids).map(tuple), first_day)
        ),
        default_travel_minutes=_policy_rule(
            "default_travel_minutes", _versions(draw, st.integers(10, 60), first_day)
        ),
    )
    return _with_rules(
        Pack(
            id=f"tinh-mau-{draw(st.integers(0, 999))}",
            name="Tỉnh Mẫu (ngẫu nhiên) / random province",
            bodies=tuple(bodies),
            offices=offices,
            positions=tuple(positions),
            work=tuple(work),
            meeting_kinds=tuple(kinds),
            policy=policy,
            requirements=tuple(requirements),
        )
    )


def _variation(draw: st.DrawFn, base: Pack, first_day: date) -> Pack:
    policy = base.policy
    notice = _policy_rule("change_notice", _versions(draw, _deadlines(), first_day))
    confirm = _policy_rule("confirmation_deadline", _versions(draw, _deadlines(), first_day))
    travel = _policy_rule("default_travel_minutes", _versions(draw, st.integers(10, 60), first_day))
    requirement_ids = sorted({r.id for r in base.requirements})
    dropped = (
        set(draw(st.lists(st.sampled_from(requirement_ids), unique=True)))
        if (requirement_ids)
        else set()
    )
    work_ids = sorted({w.id for w in base.work})
    dropped_work = (
        set(draw(st.lists(st.sampled_from(work_ids), unique=True))) if (work_ids) else set()
    )
    return _with_rules(
        attrs.evolve(
            base,
            id=f"{base.id}-bien-the",
            name=f"{base.name} (biến thể / variation)",
            extends=base.id,
            path=None,
            policy=attrs.evolve(
                policy,
                change_notice=notice,
                confirmation_deadline=confirm,
                default_travel_minutes=travel,
            ),
            requirements=tuple(r for r in base.requirements if r.id not in dropped),
            work=tuple(w for w in base.work if w.id not in dropped_work),
        )
    )


def packs(
    base: Pack | str | None = None, *, first_day: date = _FIRST_DAY
) -> st.SearchStrategy[Pack]:
    """Valid rule packs: small invented ones, or variations of *base*.

    Without *base*: 1–4 bodies (some with a parent), 1–3 offices serving
    them, 1–6 positions (with deputies), 1–3 meeting kinds, 0–3 kinds of
    work (one lead office each), 1–5 dossier requirements (document types
    and item kinds from the built-in vocabularies, some with a condition,
    some counted after the meeting's end) and a calendar policy whose four
    rules have one version, or two dated versions meeting within a year of
    *first_day*. Every value has a basis, and a ``cite`` whenever the basis
    is ``statute``; documents of the chain before a session
    (:data:`~coordrules.packs.validate.CHAIN`) are due in its order, before
    the meeting, so every pack passes
    :func:`~coordrules.packs.validate.validate_pack`; ids are ``body-0``,
    ``office-0``, ``pos-0``, ``kind-0``, ``work-0``, ``req-0`` …; the work calendar
    is the default (Vietnam).

    With *base* (a :class:`~coordrules.Pack` or a bundled pack name such as
    ``"vn-province"``): the base pack with its change notice, confirmation
    deadline and default travel time replaced (possibly by two dated
    versions), and some of its requirements and kinds of work dropped
    (every version of each). Its ``extends`` names the base.

    In both cases ``rules`` lists the policy, work and requirement rules as
    the pack loader would; the pack passes the loader's checks when written
    out as TOML (the project's tests do exactly that).
    """

    @st.composite
    def build(draw: st.DrawFn) -> Pack:
        if base is None:
            return _small_pack(draw, first_day)
        return _variation(draw, _pack_of(base), first_day)

    return build()


def _slug(email: str) -> str:
    return email.split("@", 1)[0].lower().replace(".", "-")


def directories(
    pack: Pack | str | None = None,
    *,
    people: Sequence[tuple[str, str]] = PEOPLE,
    venues: Sequence[str] = VENUES,
    first_day: date = _FIRST_DAY,
    kiem_nhiem: bool = True,
    changes: bool = True,
) -> st.SearchStrategy[Directory]:
    """People directories for *pack* (default: the bundled ``vn-province``).

    Every person of *people* (``(name, e-mail)`` pairs) is in it, with id
    the e-mail's local part (``an@example.vn`` → ``an``). Some of the pack's
    positions in force on *first_day* are filled; appointments of one
    position never overlap, so each position has at most one holder on any
    date (:meth:`~coordrules.Organisation.holders` gives 0 or 1 person).
    With *kiem_nhiem* (and two positions and a person to fill them), the
    first person holds two positions on *first_day* (kiêm nhiệm). With
    *changes*, some positions change holder on a date within 90 days of
    *first_day* (one appointment's ``until`` is the next one's ``since``;
    never on *first_day* itself for the kiêm nhiệm positions). Venues are
    ``venue-0``, ``venue-1`` … named after *venues*, with travel times
    (basis ``local``) between some pairs.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Directory:
        the_pack = _pack_of(pack)
        persons = tuple(Person(_slug(email), name, emails=(email,)) for name, email in people)
        open_positions = [p for p in the_pack.positions if in_force(p.since, p.until, first_day)]
        chosen = (
            draw(
                st.lists(
                    st.sampled_from(open_positions),
                    min_size=min(2, len(open_positions)) if kiem_nhiem else 0,
                    max_size=min(8, len(open_positions)),
                    unique_by=lambda p: p.id,
                )
            )
            if open_positions and persons
            else []
        )
        forced = 2 if kiem_nhiem and len(chosen) >= 2 else 0
        appointments: list[Appointment] = []
        for number, position in enumerate(chosen):
            holder = 0 if number < forced else draw(st.integers(0, len(persons) - 1))
            since = draw(st.sampled_from([None, first_day - timedelta(days=400)]))
            if changes and draw(st.booleans()):
                low = 1 if number < forced else -90
                change = first_day + timedelta(days=draw(st.integers(low, 90)))
                others = [k for k in range(len(persons)) if k != holder] or [holder]
                successor = draw(st.sampled_from(others))
                appointments.append(Appointment(persons[holder].id, position.id, since, change))
                appointments.append(Appointment(persons[successor].id, position.id, change))
            else:
                appointments.append(Appointment(persons[holder].id, position.id, since))
        places = tuple(Venue(f"venue-{i}", name) for i, name in enumerate(venues))
        travel = []
        for i, a in enumerate(places):
            for b in places[i + 1 :]:
                if draw(st.booleans()):
                    travel.append(
                        TravelTime(
                            a.id, b.id, draw(st.integers(5, 60)), "Đo thực tế (ví dụ)", Basis.LOCAL
                        )
                    )
        return Directory(persons, tuple(appointments), places, tuple(travel))

    return build()


def organisations(
    pack: Pack | str | None = None, **directory_options: Any
) -> st.SearchStrategy[Organisation]:
    """Organisations: a pack's structure with a people directory.

    The pack is *pack* (a :class:`~coordrules.Pack` or bundled pack name),
    or drawn from :func:`packs` when ``None``; the directory is drawn from
    :func:`directories` for that pack with *directory_options*. The result is
    ``pack.organisation(directory)``; ``organisation.directory`` holds the
    drawn people (with the pack's venues added). To get the pack too, draw
    ``packs().flatmap(lambda p: st.tuples(st.just(p), directories(p)))``.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Organisation:
        the_pack = draw(packs()) if pack is None else _pack_of(pack)
        return the_pack.organisation(draw(directories(the_pack, **directory_options)))

    return build()


# -- dossiers -------------------------------------------------------------------

_RECEIVED_SPREAD = 5 * 24 * 60
"""Documents arrive up to five days (in minutes) either side of their deadline."""


def _some(draw: st.DrawFn, flags: Sequence[str]) -> tuple[str, ...]:
    return tuple(draw(st.lists(st.sampled_from(flags), unique=True))) if flags else ()


def _flags(conditions: Iterable[str | None]) -> list[str]:
    return sorted({c.removeprefix("not:") for c in conditions if c} - {"urgent"})


def dossiers(
    pack: Pack | str | None = None,
    *,
    kinds: Sequence[str] | None = None,
    first_day: date = _FIRST_DAY,
    days: int = 400,
    late: bool = False,
    missing: bool = False,
    complete: bool = False,
) -> st.SearchStrategy[tuple[Meeting, Dossier]]:
    """A meeting and its dossier, ``(meeting, dossier)`` as ``load_manifest`` gives them.

    The meeting is of a kind among *kinds* (default: any kind of *pack*
    with requirements) starting between 07:00 and 15:00 on one of *days*
    days from *first_day*, in the pack's time zone (the default spans the
    2025 changes of the bundled rules), lasting 1–8 hours, sometimes urgent
    and with flags the requirements' conditions name. Each agenda-item kind
    the requirements name gets one or two items (ids ``item-1`` …), with
    drawn flags. For each document the checklist needs (one per agenda item,
    or the meeting, and document type) the strategy draws: received on time
    (up to five days before the earliest deadline that needs it), late (up
    to five days after; its id ends in ``-late``), or missing. Documents
    declare their type (``declared_type``) and their files do not exist:
    check with ``check_dossier(..., inspect=None)`` (the public
    ``check_dossier`` opens each file by default). Checked at an ``as_of``
    60 days or more after the meeting's end, every deadline has passed.

    *late* plants at least one late document, *missing* at least one
    missing one; *complete* makes every document present and on time (so
    :func:`assert_dossier_complete` passes).

    Raises:
        ValueError: *complete* with *late* or *missing*, or a pack without
            dossier requirements.
    """
    if complete and (late or missing):
        raise ValueError("complete excludes late and missing")

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Meeting, Dossier]:
        the_pack = _pack_of(pack)
        if not the_pack.requirements:
            raise ValueError(f"pack {the_pack.id!r} has no dossier requirements")
        tz = the_pack.work_calendar.tz
        day = first_day + timedelta(days=draw(st.integers(0, max(days - 1, 0))))
        in_force_now = [r for r in the_pack.requirements if in_force(r.since, r.until, day)]
        available = sorted({r.meeting_kind for r in in_force_now})
        if kinds is not None:
            available = [k for k in available if k in kinds]
        assume(available)
        kind = draw(st.sampled_from(available))
        wanted = [r for r in in_force_now if r.meeting_kind == kind]
        start = datetime.combine(day, time(draw(st.integers(7, 15))), tzinfo=tz)
        known = the_pack.organisation().meeting_kind(kind)
        meeting = Meeting(
            kind=kind,
            title=known.name if known is not None else kind,
            start=start,
            end=start + timedelta(hours=draw(st.integers(1, 8))),
            urgent=draw(st.booleans()),
            flags=_some(draw, _flags(r.condition for r in wanted if r.item_kind is None)),
        )
        items: list[AgendaItem] = []
        for item_kind in sorted({r.item_kind for r in wanted if r.item_kind is not None}):
            flags = _flags(r.condition for r in wanted if r.item_kind == item_kind)
            for _ in range(draw(st.integers(1, 2))):
                number = len(items) + 1
                name = ITEM_KINDS[item_kind].name if item_kind in ITEM_KINDS else item_kind
                items.append(
                    AgendaItem(
                        id=f"item-{number}",
                        kind=item_kind,
                        title=f"{name} số {number}",
                        flags=_some(draw, flags),
                    )
                )
        far = start + timedelta(days=3650)
        rows = checklist(meeting, Dossier(items=tuple(items)), the_pack, as_of=far)
        needed: dict[tuple[str | None, str], tuple[datetime, str]] = {}
        for row in rows:
            key = (None if row.item is None else row.item.id, row.requirement.document)
            if key not in needed or row.deadline < needed[key][0]:
                needed[key] = (row.deadline, row.requirement.name)
        keys = sorted(needed, key=lambda k: (k[0] or "", k[1]))
        states = ["on-time"] * len(keys)
        if not complete:
            states = [draw(st.sampled_from(["on-time", "late", "missing"])) for _ in keys]
        for state, wanted_state in (("late", late), ("missing", missing)):
            if wanted_state and state not in states:
                # Overwrite a document whose state nobody asked for, or one of
                # several of a state asked for.
                pool = [
                    i
                    for i, s in enumerate(states)
                    if not ((s == "late" and late) or (s == "missing" and missing))
                    or states.count(s) > 1
                ]
                assume(pool)
                states[draw(st.sampled_from(pool))] = state
        documents = []
        for key, state in zip(keys, states, strict=True):
            if state == "missing":
                continue
            item_id, doc_type = key
            deadline, name = needed[key]
            offset = timedelta(minutes=draw(st.integers(0, _RECEIVED_SPREAD)))
            received = (
                deadline + offset + timedelta(minutes=1) if state == "late" else (deadline - offset)
            )
            ident = f"{item_id or 'meeting'}-{doc_type}" + ("-late" if state == "late" else "")
            documents.append(
                DossierDocument(
                    id=ident,
                    path=f"{ident}.docx",
                    received=received,
                    declared_type=doc_type,
                    item=item_id,
                    title=name,
                )
            )
        return meeting, Dossier(items=tuple(items), documents=tuple(documents))

    return build()


# -- domain assertions ----------------------------------------------------------

_SHOWN = 20
"""At most this many findings are listed in an assertion message."""


def _listing(findings: Sequence[Finding]) -> str:
    lines = []
    for finding in findings[:_SHOWN]:
        subjects = [f"{o.summary} ({o.start} – {o.end})" for o in finding.occurrences]
        subjects += [d.id for d in finding.documents]
        where = f" [{'; '.join(subjects)}]" if subjects else ""
        lines.append(
            f"  - {finding.code} ({finding.severity.value}): {finding.message.vi} / "
            f"{finding.message.en}{where}"
        )
    if len(findings) > _SHOWN:
        lines.append(
            f"  … và {len(findings) - _SHOWN} phát hiện khác / and {len(findings) - _SHOWN} more"
        )
    return "\n".join(lines)


def _fail_on(report: Report, codes: Iterable[str], vi: str, en: str) -> None:
    wanted = set(codes)
    found = [f for f in report.findings if f.code in wanted]
    if found:
        raise AssertionError(f"{vi} / {en} ({len(found)}):\n{_listing(found)}")


def assert_no_conflicts(report: Report) -> None:
    """Fail unless *report* has no ``person-double-booked`` or ``venue-double-booked``.

    Raises:
        AssertionError: naming each double booking (code, message in
            Vietnamese and English, the occurrences and their times).
    """
    _fail_on(
        report,
        ("person-double-booked", "venue-double-booked"),
        "Lịch còn trùng",
        "the calendar has double bookings",
    )


def assert_no_errors(report: Report) -> None:
    """Fail if any finding of *report* has severity ``error``.

    Raises:
        AssertionError: naming each error finding.
    """
    _fail_on(
        report,
        (f.code for f in report.findings if f.severity is Severity.ERROR),
        "Báo cáo có lỗi",
        "the report has errors",
    )


def assert_findings(report: Report, code: str, count: int | None = None) -> tuple[Finding, ...]:
    """Fail unless *report* has findings of *code*: at least one, or exactly *count*.

    Returns the findings of that code, for further checks.

    Raises:
        ValueError: *code* is not a finding code of :data:`~coordrules.CODES`
            (a mistake in the test, not a failed expectation).
        AssertionError: too few or too many, with the count of each code the
            report has instead.
    """
    if code not in CODES:
        raise ValueError(f"unknown finding code {code!r}; known: {', '.join(sorted(CODES))}")
    found = report.by_code(code)
    if (count is None and found) or len(found) == count:
        return found
    expected_vi = "ít nhất 1" if count is None else str(count)
    expected_en = "at least 1" if count is None else str(count)
    counts = Counter(f.code for f in report.findings)
    have = ", ".join(f"{c}: {n}" for c, n in sorted(counts.items())) or "không có / none"
    message = (
        f"Cần {expected_vi} phát hiện {code}, có {len(found)} / expected {expected_en} "
        f"{code} finding(s), found {len(found)}. Báo cáo có / the report has: {have}"
    )
    if found:
        message += f"\n{_listing(found)}"
    raise AssertionError(message)


def assert_dossier_complete(report: Report, *, on_time: bool = True) -> None:
    """Fail unless every required document is there (and, with *on_time*, arrived in time).

    Fails on ``document-missing``, ``document-due-soon`` (absent, even if
    not due yet), ``document-unidentified`` and ``import-problem`` (a file
    that could not be read or placed), and, with *on_time*, on
    ``document-late``.

    Raises:
        AssertionError: naming each of those findings and its document.
    """
    codes = ["document-missing", "document-due-soon", "document-unidentified", "import-problem"]
    if on_time:
        codes.append("document-late")
    _fail_on(report, codes, "Hồ sơ chưa đầy đủ", "the dossier is not complete")


SAME_FIELDS: tuple[str, ...] = (
    "title",
    "start",
    "end",
    "venue",
    "status",
    "transparency",
    "attendees",
)
"""Fields :func:`assert_same_occurrences` compares by default."""

Occurrences = SourceCalendar | MergedCalendar | Iterable[Occurrence | MergedOccurrence]
"""What :func:`assert_same_occurrences` takes: calendars, occurrences or merged ones."""


def _occurrence_list(items: Occurrences) -> list[Occurrence]:
    if isinstance(items, SourceCalendar):
        return list(items.occurrences)
    if isinstance(items, MergedCalendar):
        return [m.occurrence for m in items.occurrences]
    return [i.occurrence if isinstance(i, MergedOccurrence) else i for i in items]


def assert_same_occurrences(
    a: Occurrences, b: Occurrences, *, fields: Sequence[str] = SAME_FIELDS
) -> None:
    """Fail unless *a* and *b* hold the same occurrences, in any order.

    For adapter round trips (write a feed, read it back). Occurrences are
    compared on *fields* (:data:`SAME_FIELDS` by default: not the UID, the
    source or the properties an adapter may add); start and end compare as
    instants, so the same time written in another zone is equal; duplicates
    count. A merged calendar stands for its reconciled occurrences.

    Raises:
        AttributeError: a name in *fields* is not a field of
            :class:`~coordrules.Occurrence`.
        AssertionError: listing the occurrences found only on one side.
    """
    unknown = [f for f in fields if f not in attrs.fields_dict(Occurrence)]
    if unknown:
        raise AttributeError(f"Occurrence has no field {unknown[0]!r}")
    left, right = _occurrence_list(a), _occurrence_list(b)

    def key(occ: Occurrence) -> tuple[Any, ...]:
        return tuple(getattr(occ, f) for f in fields)

    only_a = Counter(map(key, left)) - Counter(map(key, right))
    only_b = Counter(map(key, right)) - Counter(map(key, left))
    if not only_a and not only_b:
        return

    def show(keys: Counter[tuple[Any, ...]], side: list[Occurrence]) -> str:
        shown = [o for o in side if key(o) in keys][:_SHOWN]
        return "\n".join(f"  - {o.title!r} {o.start} – {o.end} (uid {o.uid})" for o in shown)

    raise AssertionError(
        f"Hai lịch khác nhau / the occurrences differ (on {', '.join(fields)}): "
        f"{sum(only_a.values())} chỉ có ở bên trái / only in the first, "
        f"{sum(only_b.values())} chỉ có ở bên phải / only in the second.\n"
        f"Chỉ ở bên trái / only in the first:\n{show(only_a, left) or '  (none)'}\n"
        f"Chỉ ở bên phải / only in the second:\n{show(only_b, right) or '  (none)'}"
    )
