"""Pack validation: invariants that must hold on every date a pack covers.

:func:`validate_pack` checks a pack (already merged with what it ``extends``)
and, optionally, a people directory, and returns a
:class:`~coordrules.model.findings.Report` with one finding per broken
invariant (``coordrules rules --check`` prints it):

``pack-lead-not-unique``
    a kind of work has more than one lead office on some date (two versions
    in force at once), or its lead office also coordinates;
``pack-versions-overlap``
    two versions of one rule value or requirement are in force on one date;
``pack-versions-gap``
    between two versions of a value there are days with none, and the later
    version does not declare it (``gap_before``);
``pack-unknown-reference``
    an id used on some date (a lead office, a body, a deputy, a meeting kind
    in the precedence list, an appointment's position …) names nothing in
    force that day;
``pack-chain-order``
    the documents of the chain before a session (tờ trình → báo cáo thẩm định
    → báo cáo thẩm tra → báo cáo tiếp thu, giải trình) are due out of order,
    or one is due after the session it serves;
``pack-year-incomplete``
    a year whose announced schedule the pack lists (so the ``holidays``
    package is not consulted for it) misses a fixed public holiday of Bộ luật
    Lao động 2019, Điều 112(1) (1/1, 30/4, 1/5, 2/9) that is not a weekend day;
``pack-holders-exceeded``
    a position with ``holders = N`` is held by more than N people on a date.

Everything in a pack is constant between the dates it names (every ``since``
and ``until``), so checking each of those dates, and the day before the
first, is checking every date.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

import attrs

from coordrules.model.findings import Finding, Message, Report
from coordrules.model.org import Directory
from coordrules.model.values import DeadlineSide, in_force
from coordrules.packs.pack import Pack, Requirement

CHAIN: tuple[str, ...] = (
    "to-trinh",
    "bao-cao-tham-dinh",
    "bao-cao-tham-tra",
    "bao-cao-tiep-thu-giai-trinh",
)
"""Document types of the chain before a session, in the order they are due."""

_DAY = timedelta(days=1)
_NOT_RULE_VERSIONS = ("work.", "requirement.", "work_calendar.", "travel_time.")
"""Rule ids checked elsewhere (work, requirements) or not versioned by date."""


@attrs.frozen
class _Span:
    since: date | None
    until: date | None
    gap_before: str = ""

    def on(self, day: date) -> bool:
        return in_force(self.since, self.until, day)


def validate_pack(pack: Pack, directory: Directory | None = None) -> Report:
    """Check *pack* (and *directory*, if given) against the invariants of every date.

    Returns a report whose findings name the broken invariant
    (``details["invariant"]``), the item and the first date it breaks on; an
    empty report means the pack is consistent. Never raises on a bad pack.
    """
    days = _check_days(pack, directory)
    findings: list[Finding] = []
    findings += _leads(pack)
    findings += _versions(pack)
    findings += _references(pack, directory, days)
    findings += _chains(pack)
    findings += _years(pack)
    if directory is not None:
        findings += _holders(pack, directory)
    return Report.build(findings)


def _finding(code: str, invariant: str, vi: str, en: str, **details: Any) -> Finding:
    return Finding.of(
        code,
        Message(vi=vi, en=en),
        rule=f"pack.{invariant}",
        subjects=tuple(str(v) for k, v in details.items() if k in {"item", "work", "position"}),
        details={"invariant": invariant, **details},
    )


def _dated(pack: Pack, directory: Directory | None) -> Iterator[tuple[date | None, date | None]]:
    for group in (
        pack.bodies,
        pack.offices,
        pack.positions,
        pack.work,
        pack.meeting_kinds,
        pack.requirements,
    ):
        for item in group:
            yield item.since, item.until
    for rule in pack.rules:
        for version in rule.versions:
            yield version.since, version.until
    if directory is not None:
        for appointment in directory.appointments:
            yield appointment.since, appointment.until


def _check_days(pack: Pack, directory: Directory | None) -> tuple[date, ...]:
    """Every date on which something starts or ends, and the day before the first."""
    bounds = {d for pair in _dated(pack, directory) for d in pair if d is not None}
    if not bounds:
        return (date(2000, 1, 1),)
    first = min(bounds)
    before = first - _DAY if first > date.min else first
    return tuple(sorted(bounds | {before}))


def _first_overlap(spans: Sequence[_Span]) -> date | None:
    """The first date on which two of *spans* are both in force, or ``None``."""
    ordered = sorted(spans, key=lambda s: s.since or date.min)
    reach = date.min
    for index, span in enumerate(ordered):
        start = span.since or date.min
        if index and reach > start:
            return start
        reach = max(reach, span.until or date.max)
    return None


def _merge(spans: Sequence[_Span]) -> list[tuple[date, date]]:
    """*spans* as sorted, merged ``[start, end)`` pairs (open ends as date.min/max)."""
    pairs = sorted((s.since or date.min, s.until or date.max) for s in spans)
    merged: list[tuple[date, date]] = []
    for start, end in pairs:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _first_uncovered(
    since: date | None, until: date | None, covered: Sequence[tuple[date, date]]
) -> date | None:
    """The first date in ``[since, until)`` that *covered* leaves out, or ``None``."""
    current = since or date.min
    end = until or date.max
    for start, stop in covered:
        if current >= end:
            return None
        if stop <= current:
            continue
        if start > current:
            return current
        current = stop
    return current if current < end else None


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else "…"


# -- one lead office per kind of work ------------------------------------------------


def _leads(pack: Pack) -> list[Finding]:
    found = []
    by_id: dict[str, list[Any]] = {}
    for work in pack.work:
        by_id.setdefault(work.id, []).append(work)
        if work.lead in work.coordinate:
            found.append(
                _finding(
                    "pack-lead-not-unique",
                    "one-lead",
                    f"Công việc {work.id!r}: văn phòng chủ trì {work.lead!r} cũng là phối hợp.",
                    f"Work {work.id!r}: the lead office {work.lead!r} also coordinates.",
                    work=work.id,
                    leads=[work.lead],
                )
            )
    for ident, versions in by_id.items():
        clash = _first_overlap([_Span(w.since, w.until) for w in versions])
        if clash is None:
            continue
        leads = [w.lead for w in versions if in_force(w.since, w.until, clash)]
        shown = clash.isoformat() if clash != date.min else "…"
        found.append(
            _finding(
                "pack-lead-not-unique",
                "one-lead",
                f"Công việc {ident!r} có {len(leads)} văn phòng chủ trì ngày "
                f"{shown}: {', '.join(leads)}.",
                f"Work {ident!r} has {len(leads)} lead offices on {shown}: {', '.join(leads)}.",
                work=ident,
                date=shown,
                leads=leads,
            )
        )
    return found


# -- versions ordered, not overlapping, no undeclared gaps ------------------------------


def _version_groups(pack: Pack) -> Iterator[tuple[str, bool, list[_Span]]]:
    """(label, whether overlaps are checked here, spans) for every versioned value."""
    requirements: dict[str, list[Requirement]] = {}
    for req in pack.requirements:
        requirements.setdefault(req.id, []).append(req)
    for ident, reqs in requirements.items():
        yield f"requirement {ident}", True, [_Span(r.since, r.until, r.gap_before) for r in reqs]
    for rule in pack.rules:
        if rule.id.startswith(_NOT_RULE_VERSIONS):
            continue
        spans = [_Span(v.since, v.until, v.gap_before) for v in rule.versions]
        yield f"rule {rule.id}", True, spans
    work: dict[str, list[_Span]] = {}
    for item in pack.work:
        work.setdefault(item.id, []).append(_Span(item.since, item.until))
    notes = {r.id.removeprefix("work."): r for r in pack.rules if r.id.startswith("work.")}
    for ident, spans in work.items():
        noted = notes.get(ident)
        if noted is not None:  # the declared gaps are on the rule's versions
            spans = [_Span(v.since, v.until, v.gap_before) for v in noted.versions]
        yield f"work {ident}", False, spans  # overlaps: one-lead reports them


def _versions(pack: Pack) -> list[Finding]:
    found = []
    for label, overlaps, spans in _version_groups(pack):
        ordered = sorted(spans, key=lambda s: s.since or date.min)
        for a, b in itertools.pairwise(ordered):
            a_end = a.until or date.max
            b_start = b.since or date.min
            if overlaps and a_end > b_start:
                found.append(
                    _finding(
                        "pack-versions-overlap",
                        "versions-overlap",
                        f"Hai phiên bản của {label} cùng có hiệu lực: [{_iso(a.since)}, "
                        f"{_iso(a.until)}) và [{_iso(b.since)}, {_iso(b.until)}).",
                        f"Two versions of {label} are in force at once: [{_iso(a.since)}, "
                        f"{_iso(a.until)}) and [{_iso(b.since)}, {_iso(b.until)}).",
                        item=label,
                        date=_iso(b.since),
                    )
                )
            elif a_end < b_start and not b.gap_before:
                found.append(
                    _finding(
                        "pack-versions-gap",
                        "versions-gap",
                        f"{label}: không có phiên bản nào từ {_iso(a.until)} đến trước "
                        f"{_iso(b.since)}; nếu đúng như vậy, ghi lý do ở gap_before.",
                        f"{label}: no version from {_iso(a.until)} until {_iso(b.since)}; "
                        "if that is meant, say why in gap_before.",
                        item=label,
                        date=_iso(a.until),
                    )
                )
    return found


# -- every id used on a date exists on that date ------------------------------------------


def _spans(items: Iterable[Any]) -> dict[str, list[_Span]]:
    out: dict[str, list[_Span]] = {}
    for item in items:
        out.setdefault(item.id, []).append(_Span(item.since, item.until))
    return out


_USES: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("bodies", "body", (("parent", "body"),)),
    ("offices", "office", (("serves", "body"),)),
    ("positions", "position", (("body", "body"), ("deputies", "position"))),
    ("work", "work", (("lead", "office"), ("coordinate", "office"))),
    (
        "meeting_kinds",
        "meeting_kind",
        (("body", "body"), ("office", "office"), ("coordinating", "office")),
    ),
    (
        "requirements",
        "requirement",
        (
            ("meeting_kind", "meeting kind"),
            ("submitted_by", "body or office"),
            ("to", "body or office"),
        ),
    ),
)
"""Where a pack names other entries: (Pack field, label, ((field, what it names) …))."""

_Use = tuple[str, date | None, date | None, str, str, Sequence[str]]
"""One use of ids on the dates of the item using them: (label, since, until, field, what, ids)."""


def _uses(pack: Pack, directory: Directory | None) -> list[_Use]:
    uses: list[_Use] = []
    for group, kind, fields in _USES:
        for item in getattr(pack, group):
            label = f"{kind} {item.id}"
            for field, what in fields:
                value = getattr(item, field)
                if value:
                    ids = (value,) if isinstance(value, str) else value
                    uses.append((label, item.since, item.until, field, what, ids))
    if pack.policy.precedence is not None:
        for v in pack.policy.precedence.versions:
            uses.append(("policy.precedence", v.since, v.until, "value", "meeting kind", v.value))
    if directory is not None:
        for a in directory.appointments:
            label = f"appointment {a.person}"
            uses.append((label, a.since, a.until, "position", "position", (a.position,)))
    return uses


def _references(pack: Pack, directory: Directory | None, days: Sequence[date]) -> list[Finding]:
    bodies = _spans(pack.bodies)
    offices = _spans(pack.offices)
    targets = {
        "body": bodies,
        "office": offices,
        "position": _spans(pack.positions),
        "meeting kind": _spans(pack.meeting_kinds),
        "body or office": {**bodies, **offices},
    }
    found = []
    merged = {what: {i: _merge(spans) for i, spans in ids.items()} for what, ids in targets.items()}
    for label, since, until, field, what, ids in _uses(pack, directory):
        for ident in dict.fromkeys(ids):
            known = merged[what].get(ident)
            bad = _first_uncovered(since, until, known or [])
            if bad is None:
                continue
            if bad == date.min:
                bad = days[0]
            if known is None:
                vi, en = "không có trong gói", "does not exist in the pack"
            else:
                vi = f"không có hiệu lực ngày {bad.isoformat()}"
                en = f"is not in force on {bad.isoformat()}"
            found.append(
                _finding(
                    "pack-unknown-reference",
                    "reference-exists",
                    f"{label}.{field}: {what} {ident!r} {vi}.",
                    f"{label}.{field}: {what} {ident!r} {en}.",
                    item=label,
                    field=field,
                    ref=ident,
                    date=bad.isoformat(),
                )
            )
    if directory is not None:
        found += _unknown_people(directory)
    return found


def _unknown_people(directory: Directory) -> list[Finding]:
    people = {p.id for p in directory.people}
    return [
        _finding(
            "pack-unknown-reference",
            "reference-exists",
            f"appointment {a.person}.person: không có người {a.person!r}.",
            f"appointment {a.person}.person: person {a.person!r} does not exist.",
            item=f"appointment {a.person}",
            field="person",
            ref=a.person,
            date=_iso(a.since),
        )
        for a in directory.appointments
        if people and a.person not in people
    ]


# -- the chain before a session is due in order, before the session ---------------------------


def _chains(pack: Pack) -> list[Finding]:
    calendar = pack.work_calendar
    chain = [r for r in pack.requirements if r.document in CHAIN]
    bounds = {d for r in chain for d in (r.since, r.until) if d is not None}
    days = sorted(bounds) or [date(2000, 1, 1)]
    days = [days[0] - _DAY, *days] if days[0] > date.min else days
    found = []
    reported: set[tuple[str, str]] = set()
    for day in days:
        groups: dict[tuple[str, str | None], list[Requirement]] = {}
        for req in chain:
            if in_force(req.since, req.until, day):
                groups.setdefault((req.meeting_kind, req.item_kind), []).append(req)
        for reqs in groups.values():
            reqs.sort(key=lambda r: CHAIN.index(r.document))
            # Seven meetings, one on each weekday, from this date.
            for k in range(7):
                start = datetime.combine(day + k * _DAY, time(8, 0), tzinfo=calendar.tz)
                latest: tuple[datetime, Requirement] | None = None
                position = -1
                pending: list[tuple[datetime, Requirement]] = []
                for req in reqs:
                    due = calendar.deadline(req.deadline, start)
                    key = (req.id, "")
                    if key not in reported and (
                        due > start or req.deadline.anchor is DeadlineSide.AFTER
                    ):
                        reported.add(key)
                        found.append(_after_session(req, start))
                    if CHAIN.index(req.document) != position:
                        # Earlier positions are all known now: fold them in.
                        for item in pending:
                            if latest is None or item[0] > latest[0]:
                                latest = item
                        pending = []
                        position = CHAIN.index(req.document)
                    if latest is not None and latest[0] > due:
                        key = (latest[1].id, req.id)
                        if key not in reported:
                            reported.add(key)
                            found.append(_out_of_order(latest[1], req, start))
                    pending.append((due, req))
    return found


def _after_session(req: Requirement, start: datetime) -> Finding:
    return _finding(
        "pack-chain-order",
        "chain-order",
        f"{req.id}: hạn ({req.deadline.describe_vi()}) sau khi khai mạc kỳ họp mà văn bản phục vụ.",
        f"{req.id}: due ({req.deadline.describe()}) after the opening of the session it serves.",
        item=f"requirement {req.id}",
        date=start.date().isoformat(),
    )


def _out_of_order(a: Requirement, b: Requirement, start: datetime) -> Finding:
    return _finding(
        "pack-chain-order",
        "chain-order",
        f"{b.id} ({b.deadline.describe_vi()}) có hạn sớm hơn {a.id} "
        f"({a.deadline.describe_vi()}), văn bản đi trước nó.",
        f"{b.id} ({b.deadline.describe()}) is due before {a.id} ({a.deadline.describe()}), "
        "which comes before it in the chain.",
        item=f"requirement {b.id}",
        date=start.date().isoformat(),
        before=a.id,
    )


# -- positions with holders = N ---------------------------------------------------------------


def _holders(pack: Pack, directory: Directory) -> list[Finding]:
    by_position: dict[str, list[Any]] = {}
    for appointment in directory.appointments:
        by_position.setdefault(appointment.position, []).append(appointment)
    found = []
    for position in pack.positions:
        if position.holders is None:
            continue
        # Sweep the dates in order; at each, the people then holding the post.
        events: list[tuple[date, int, str]] = []
        for a in by_position.get(position.id, ()):
            events.append((a.since or date.min, 1, a.person))
            if a.until is not None:
                events.append((a.until, -1, a.person))
        events.sort(key=lambda e: (e[0], e[1]))  # ends before starts on one date
        holding: dict[str, int] = {}
        for index, (day, step, person) in enumerate(events):
            holding[person] = holding.get(person, 0) + step
            if holding[person] == 0:
                del holding[person]
            last_on_day = index + 1 == len(events) or events[index + 1][0] != day
            if last_on_day and len(holding) > position.holders:
                people = sorted(holding)
                shown = day.isoformat() if day != date.min else "…"
                found.append(
                    _finding(
                        "pack-holders-exceeded",
                        "holders",
                        f"{position.title} do tối đa {position.holders} người giữ, ngày "
                        f"{shown} có {len(people)}: {', '.join(people)}.",
                        f"{position.title} is held by at most {position.holders}; on "
                        f"{shown} {len(people)} hold it: {', '.join(people)}.",
                        position=position.id,
                        date=shown,
                        people=people,
                    )
                )
                break
    return found


FIXED_HOLIDAYS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "Tết Dương lịch"),
    (4, 30, "Ngày Chiến thắng"),
    (5, 1, "Ngày Quốc tế Lao động"),
    (9, 2, "Quốc khánh"),
)
"""The solar public holidays of Bộ luật Lao động 2019, Điều 112(1) (month, day, name)."""


def _years(pack: Pack) -> list[Finding]:
    calendar = pack.work_calendar
    off = {d.day for d in calendar.days_off}
    found = []
    for year in calendar.years:
        for month, day_of_month, name in FIXED_HOLIDAYS:
            day = date(year, month, day_of_month)
            if day in off or day.weekday() in calendar.weekend:
                continue
            found.append(
                _finding(
                    "pack-year-incomplete",
                    "year-complete",
                    f"Lịch năm {year} của gói không có ngày nghỉ {day.strftime('%d/%m/%Y')} "
                    f"({name}, Bộ luật Lao động Điều 112): năm đã khai báo không dùng thư viện "
                    "holidays, nên phải liệt kê mọi ngày nghỉ.",
                    f"The pack's {year} schedule does not list {day.isoformat()} ({name}, Bộ "
                    "luật Lao động Điều 112) as a day off: a listed year does not consult the "
                    "holidays package, so it must list every day off.",
                    item=f"work_calendar.year {year}",
                    date=day.isoformat(),
                )
            )
    return found
