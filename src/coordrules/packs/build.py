"""A checked pack file becomes a :class:`~coordrules.Pack`: the checks that need the whole pack.

The second half of :func:`~coordrules.packs.load.load_pack`: references
between ids, one lead per kind of work, non-overlapping versions, a ``cite``
for every ``statute`` value, then the typed values (organisation, rules,
requirements, policy, work calendar, document format).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from coordrules.model.doctypes import DOCUMENT_TYPES, ITEM_KINDS, DocumentType, lineage
from coordrules.model.org import (
    Body,
    MeetingKind,
    Office,
    Position,
    TravelTime,
    Venue,
    WorkAssignment,
)
from coordrules.model.values import Basis, Rule, Source, Sourced
from coordrules.packs import limits
from coordrules.packs.docformat import FORMAT_KEYS, DocumentFormat, to_value, value_problem
from coordrules.packs.pack import CalendarPolicy, Pack, Requirement
from coordrules.packs.pack_file import (
    _RESERVED_RULE_PREFIXES,
    _SUGGESTIONS,
    _Doc,
    _Entry,
    _entry_key,
    _Problems,
    _say,
)
from coordrules.packs.schema import SECTION
from coordrules.packs.workdays import ScheduledDay, WorkCalendar

# -- whole-pack checks and building -------------------------------------------


def _dated(entry: _Entry, problems: _Problems) -> tuple[date | None, date | None]:
    since = entry.data.get("since")
    until = entry.data.get("until")
    if since is not None and until is not None and since >= until:
        problems.at(
            entry,
            "until",
            _say("ngày không hợp lệ", f"since ({since}) must be before until ({until})"),
        )
    return since, until


def _sourced_parts(entry: _Entry, problems: _Problems) -> tuple[str | None, Basis]:
    cite = entry.data.get("cite")
    basis = entry.data.get("basis", Basis.ASSUMED)
    if basis is Basis.STATUTE and not cite:
        problems.at(
            entry,
            "cite",
            _say(
                "thiếu trích dẫn",
                "a value with basis statute needs cite (document and article)",
            ),
        )
    return cite, basis


def _source(entry: _Entry, default: Source = Source.OFFICIAL) -> Source:
    """Where the entry's ``cite`` was read (``official`` unless it says ``secondary``)."""
    value = entry.data.get("source", default)
    return value if isinstance(value, Source) else default


def _overlaps(spans: list[tuple[date | None, date | None]]) -> bool:
    lo = date.min
    hi = date.max
    ordered = sorted(((s or lo), (u or hi)) for s, u in spans)
    return any(ordered[i][1] > ordered[i + 1][0] for i in range(len(ordered) - 1))


def _check_versions(section: str, entries: list[_Entry], problems: _Problems) -> None:
    by_id: dict[str, list[_Entry]] = {}
    for entry in entries:
        by_id.setdefault(_entry_key(section, entry), []).append(entry)
    for ident, group in by_id.items():
        if len(group) < 2:
            continue
        spans = [(e.data.get("since"), e.data.get("until")) for e in group]
        if _overlaps(spans):
            what = f"{section} {limits.show(ident)}" if ident else section
            problems.at(
                group[-1],
                None,
                _say(
                    "các phiên bản chồng lấn",
                    f"versions of {what} overlap in time; each date must have at most one",
                ),
            )


def _unique(section: str, entries: list[_Entry], problems: _Problems) -> None:
    seen: dict[str, _Entry] = {}
    for entry in entries:
        key = _entry_key(section, entry)
        if key in seen:
            first = seen[key]
            where = first.file if first.line() is None else f"{first.file}:{first.line()}"
            problems.at(
                entry,
                SECTION[section].key_by or "id",
                _say("trùng mã", f"{limits.show(key)} is already defined at {where}: {first.path}"),
            )
        else:
            seen[key] = entry


def _refs(
    entry: _Entry,
    name: str,
    known: Mapping[str, object],
    what: str,
    problems: _Problems,
) -> None:
    value = entry.data.get(name)
    if value is None:
        return
    values = value if isinstance(value, tuple) else (value,)
    for index, ident in enumerate(values):
        if ident not in known:
            key = entry.key(name) if not isinstance(value, tuple) else f"{entry.key(name)}[{index}]"
            hint = ""
            if problems.suggestions < _SUGGESTIONS:
                # Each suggestion compares with every known id: a few, not thousands.
                problems.suggestions += 1
                close = difflib.get_close_matches(ident, list(known), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.add(
                entry.file,
                key,
                _say("không tìm thấy", f"unknown {what} {limits.show(ident)}{hint}"),
                line=entry.line(name),
            )


def _parent_loops(found: list[_Entry], types: list[DocumentType], problems: _Problems) -> None:
    """A document type that is, through its parents, a kind of itself is a mistake."""
    declared = {t.id: t for t in types}

    def lookup(type_id: str) -> DocumentType | None:
        return declared.get(type_id) or DOCUMENT_TYPES.get(type_id)

    for entry, item in zip(found, types, strict=True):
        if item.parent is not None and item.id in lineage(item.parent, lookup):
            problems.at(
                entry,
                "parent",
                _say("vòng lặp loại cha", f"{item.id!r} would be a kind of itself"),
            )


def _build(doc: _Doc) -> Pack:
    problems = _Problems(doc.problems)
    arrays = doc.arrays

    def entries(section: str) -> list[_Entry]:
        return arrays.get(section, [])

    def known(section: str) -> dict[str, object]:
        # Entries left out for a shape problem still exist: no second problem for them.
        ids: dict[str, object] = dict.fromkeys(sorted(doc.dropped.get(section, ())))
        ids.update({e.data["id"]: e for e in entries(section)})
        return ids

    for section in ("body", "office", "position", "meeting_kind", "venue", "document_type"):
        _unique(section, entries(section), problems)
    _unique("travel_time", entries("travel_time"), problems)
    for section in (
        "work",
        "requirement",
        "rule",
        "document_format",
        "policy.confirmation_deadline",
        "policy.change_notice",
        "policy.precedence",
        "policy.default_travel_minutes",
    ):
        _check_versions(section, entries(section), problems)
    _unique("work_calendar.year", entries("work_calendar.year"), problems)
    _unique("work_calendar.ignored_holiday", entries("work_calendar.ignored_holiday"), problems)

    bodies = known("body")
    offices = known("office")
    positions = known("position")
    kinds = known("meeting_kind")
    venues = known("venue")
    doc_types: dict[str, object] = dict(DOCUMENT_TYPES)
    doc_types.update(known("document_type"))
    bodies_or_offices = {**bodies, **offices}
    rules: list[Rule[Any]] = []

    built_bodies = []
    for e in entries("body"):
        _refs(e, "parent", bodies, "body", problems)
        since, until = _dated(e, problems)
        d = e.data
        form = d.get("form", "state")
        if form not in ("state", "party"):
            problems.at(
                e,
                "form",
                _say(
                    'phải là "state" hoặc "party"', f'expected "state" or "party", found {form!r}'
                ),
            )
        cite, basis = _sourced_parts(e, problems)
        built_bodies.append(
            Body(
                d["id"],
                d["name"],
                d.get("aliases", ()),
                d.get("parent"),
                since,
                until,
                form=form,
                cite=cite,
                basis=basis,
            )
        )
    built_offices = []
    for e in entries("office"):
        _refs(e, "serves", bodies, "body", problems)
        since, until = _dated(e, problems)
        d = e.data
        built_offices.append(
            Office(d["id"], d["name"], d.get("serves", ()), d.get("aliases", ()), since, until)
        )
    built_positions = []
    for e in entries("position"):
        _refs(e, "body", bodies, "body", problems)
        _refs(e, "deputies", positions, "position", problems)
        if e.data["id"] in e.data.get("deputies", ()):
            problems.at(e, "deputies", _say("tự thay mình", "a position cannot deputise itself"))
        since, until = _dated(e, problems)
        d = e.data
        built_positions.append(
            Position(
                d["id"],
                d["body"],
                d["title"],
                d.get("aliases", ()),
                d.get("deputies", ()),
                since,
                until,
                d.get("holders"),
            )
        )
    built_work = []
    work_versions: dict[str, list[Sourced[Any]]] = {}
    for e in entries("work"):
        _refs(e, "lead", offices, "office", problems)
        _refs(e, "coordinate", offices, "office", problems)
        d = e.data
        if d["lead"] in d.get("coordinate", ()):
            problems.at(
                e,
                "coordinate",
                _say(
                    "trùng chủ trì",
                    f"the lead office {d['lead']!r} cannot also coordinate; exactly one lead",
                ),
            )
        since, until = _dated(e, problems)
        cite, basis = _sourced_parts(e, problems)
        item = WorkAssignment(
            d["id"], d["name"], d["lead"], d.get("coordinate", ()), cite, basis, since, until
        )
        built_work.append(item)
        work_versions.setdefault(d["id"], []).append(
            Sourced(
                item,
                cite,
                basis,
                since,
                until,
                d.get("note", ""),
                _source(e),
                d.get("gap_before", ""),
            )
        )
    work_names: dict[str, str] = {}
    for w in built_work:
        work_names.setdefault(w.id, w.name)
    for ident, versions in work_versions.items():
        name = work_names[ident]
        rules.append(Rule(f"work.{ident}", _by_date(versions), name))
    built_kinds = []
    for e in entries("meeting_kind"):
        _refs(e, "body", bodies, "body", problems)
        _refs(e, "office", offices, "office", problems)
        _refs(e, "coordinating", offices, "office", problems)
        since, until = _dated(e, problems)
        d = e.data
        built_kinds.append(
            MeetingKind(
                d["id"],
                d["name"],
                d["body"],
                d["office"],
                d.get("coordinating", ()),
                d.get("aliases", ()),
                since,
                until,
            )
        )
    built_venues = [
        Venue(e.data["id"], e.data["name"], e.data.get("aliases", ())) for e in entries("venue")
    ]
    built_travel = []
    for e in entries("travel_time"):
        _refs(e, "a", venues, "venue", problems)
        _refs(e, "b", venues, "venue", problems)
        cite, basis = _sourced_parts(e, problems)
        d = e.data
        travel = TravelTime(d["a"], d["b"], d["minutes"], cite, basis)
        built_travel.append(travel)
        rules.append(
            Rule(
                f"travel_time.{d['a']}.{d['b']}",
                (Sourced(d["minutes"], cite, basis),),
                f"Thời gian di chuyển / travel minutes {d['a']} ↔ {d['b']}",
            )
        )
    built_requirements = []
    requirement_versions: dict[str, list[Sourced[Any]]] = {}
    for e in entries("requirement"):
        _refs(e, "meeting_kind", kinds, "meeting kind", problems)
        _refs(e, "document", doc_types, "document type", problems)
        _refs(e, "item_kind", ITEM_KINDS, "item kind", problems)
        _refs(e, "submitted_by", bodies_or_offices, "body or office", problems)
        _refs(e, "to", bodies_or_offices, "body or office", problems)
        since, until = _dated(e, problems)
        cite, basis = _sourced_parts(e, problems)
        d = e.data
        requirement = Requirement(
            id=d["id"],
            meeting_kind=d["meeting_kind"],
            document=d["document"],
            name=d["name"],
            deadline=d["deadline"],
            item_kind=d.get("item_kind"),
            submitted_by=d.get("submitted_by"),
            to=d.get("to"),
            condition=d.get("condition"),
            cite=cite,
            basis=basis,
            since=since,
            until=until,
            deadline_basis=d.get("deadline_basis"),
            note=d.get("note", ""),
            source=_source(e),
            gap_before=d.get("gap_before", ""),
        )
        built_requirements.append(requirement)
        requirement_versions.setdefault(d["id"], []).append(requirement.sourced())
    requirement_names: dict[str, str] = {}
    for r in built_requirements:
        requirement_names.setdefault(r.id, r.name)
    for ident, versions in requirement_versions.items():
        name = requirement_names[ident]
        rules.append(Rule(f"requirement.{ident}", _by_date(versions), name))

    generic: dict[str, list[Sourced[Any]]] = {}
    descriptions: dict[str, str] = {}
    for e in entries("rule"):
        ident = e.data["id"]
        if ident.startswith(_RESERVED_RULE_PREFIXES):
            problems.at(
                e,
                "id",
                _say("mã dành riêng", f"rule ids must not start with {ident.split('.')[0]}."),
            )
        since, until = _dated(e, problems)
        cite, basis = _sourced_parts(e, problems)
        generic.setdefault(ident, []).append(
            Sourced(
                e.data["value"],
                cite,
                basis,
                since,
                until,
                e.data.get("note", ""),
                _source(e),
                e.data.get("gap_before", ""),
            )
        )
        descriptions.setdefault(ident, e.data["description"])
    policy_rules: dict[str, Rule[Any]] = {}
    for name, description in (
        ("confirmation_deadline", "Hạn xác báo thành phần / attendance confirmation deadline"),
        ("change_notice", "Báo trước khi thay đổi lịch / notice for a significant change"),
        ("precedence", "Thứ tự ưu tiên loại cuộc họp / precedence of meeting kinds"),
        (
            "default_travel_minutes",
            "Thời gian di chuyển mặc định (phút) / default travel minutes",
        ),
    ):
        versions = []
        for e in entries(f"policy.{name}"):
            if name == "precedence":
                _refs(e, "value", kinds, "meeting kind", problems)
            since, until = _dated(e, problems)
            cite, basis = _sourced_parts(e, problems)
            versions.append(
                Sourced(
                    e.data["value"],
                    cite,
                    basis,
                    since,
                    until,
                    e.data.get("note", ""),
                    _source(e),
                    e.data.get("gap_before", ""),
                )
            )
        if versions:
            policy_rules[name] = Rule(f"policy.{name}", _by_date(versions), description)
    rules.extend(policy_rules.values())

    def scalar(name: str, default: Any) -> Any:
        entry = doc.tables.get(name)
        return default if entry is None else entry.data["value"]

    policy = CalendarPolicy(
        confirmation_deadline=policy_rules.get("confirmation_deadline"),
        change_notice=policy_rules.get("change_notice"),
        precedence=policy_rules.get("precedence"),
        default_travel_minutes=policy_rules.get("default_travel_minutes"),
        series_cap=scalar("policy.series_cap", CalendarPolicy().series_cap),
        max_feed_bytes=scalar("policy.max_feed_bytes", CalendarPolicy().max_feed_bytes),
    )
    work_calendar = _work_calendar(doc, problems, rules)
    for ident, versions in generic.items():
        rules.append(Rule(ident, _by_date(versions), descriptions[ident]))
    format_versions: dict[str, list[Sourced[Any]]] = {}
    for e in entries("document_format"):
        ident = e.data["id"]
        problem = value_problem(ident, e.data["value"])
        if problem is not None:
            key = "id" if ident not in FORMAT_KEYS else "value"
            problems.at(e, key, _say("giá trị thể thức không hợp lệ", problem))
            continue
        since, until = _dated(e, problems)
        cite, basis = _sourced_parts(e, problems)
        format_versions.setdefault(ident, []).append(
            Sourced(
                to_value(ident, e.data["value"]),
                cite,
                basis,
                since,
                until,
                e.data.get("note", ""),
                _source(e),
                e.data.get("gap_before", ""),
            )
        )
    format_rules = tuple(
        Rule(
            f"document_format.{ident}",
            _by_date(versions),
            FORMAT_KEYS[ident][1],
        )
        for ident, versions in sorted(
            format_versions.items(), key=lambda kv: list(FORMAT_KEYS).index(kv[0])
        )
    )
    rules.extend(format_rules)
    extra_types = []
    for e in entries("document_type"):
        _refs(e, "parent", doc_types, "document type", problems)
        d = e.data
        extra_types.append(
            DocumentType(d["id"], d["name"], d.get("code"), d.get("title"), d.get("parent"))
        )
    _parent_loops(entries("document_type"), extra_types, problems)
    problems.raise_if_any()
    return Pack(
        id=doc.pack["id"],
        name=doc.pack["name"],
        level=doc.pack.get("level", "province"),
        bodies=tuple(built_bodies),
        offices=tuple(built_offices),
        positions=tuple(built_positions),
        work=tuple(built_work),
        meeting_kinds=tuple(built_kinds),
        venues=tuple(built_venues),
        travel_times=tuple(built_travel),
        policy=policy,
        work_calendar=work_calendar,
        requirements=tuple(built_requirements),
        rules=tuple(rules),
        extends=doc.pack.get("extends"),
        path=doc.file,
        document_types=tuple(extra_types),
        description=doc.pack.get("description", ""),
        place=doc.pack.get("place"),
        document_format=DocumentFormat(format_rules),
    )


def _by_date(versions: list[Sourced[Any]]) -> tuple[Sourced[Any], ...]:
    return tuple(sorted(versions, key=lambda v: v.since or date.min))


def _work_calendar(doc: _Doc, problems: _Problems, rules: list[Rule[Any]]) -> WorkCalendar:
    def table(name: str) -> _Entry | None:
        return doc.tables.get(f"work_calendar.{name}")

    defaults = WorkCalendar()
    timezone = defaults.timezone
    if (entry := table("timezone")) is not None:
        timezone = entry.data["value"]
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            problems.at(
                entry,
                None,
                _say("múi giờ không rõ", f"unknown time zone {limits.show(timezone)}"),
            )
    country = defaults.country
    if (entry := table("country")) is not None:
        country = entry.data["value"]
        import holidays  # on first use: ``coordrules --help`` needs no holidays

        if country not in holidays.list_supported_countries():
            problems.at(
                entry,
                None,
                _say(
                    "mã quốc gia không rõ",
                    f"the holidays package has no country {limits.show(country)}",
                ),
            )
    weekend = defaults.weekend
    if (entry := table("weekend")) is not None:
        weekend = entry.data["value"]
        if any(day > 6 for day in weekend):
            problems.at(
                entry,
                None,
                _say("sai ngày trong tuần", "weekdays are 0 (Monday) to 6 (Sunday)"),
            )
        elif len(set(weekend)) > 6:
            problems.at(
                entry,
                None,
                _say(
                    "tuần không có ngày làm việc",
                    "at most 6 weekend days: a week needs a working day",
                ),
            )
    deadline_time = defaults.deadline_time
    if (entry := table("deadline_time")) is not None:
        data = entry.data
        deadline_time = data["value"]
        cite, basis = _sourced_parts(entry, problems)
        rules.append(
            Rule(
                "work_calendar.deadline_time",
                (Sourced(deadline_time, cite, basis, note=data.get("note", "")),),
                "Giờ của hạn tính theo ngày / the hour a day-counted deadline falls at",
            )
        )
    days_off: list[ScheduledDay] = []
    working: list[ScheduledDay] = []
    for e in doc.arrays.get("work_calendar.year", []):
        year = e.data["year"]
        cite, basis = _sourced_parts(e, problems)
        year_source = _source(e)
        year_off: list[ScheduledDay] = []
        year_on: list[ScheduledDay] = []
        for span in e.data.get("days_off", []):
            first, last = span.data["first"], span.data["last"]
            for key, day in (("first", first), ("last", last)):
                if day.year != year:
                    problems.at(
                        span,
                        key,
                        _say("sai năm", f"{day} is not in {year}"),
                    )
            if first > last:
                problems.at(
                    span,
                    "last",
                    _say("ngày không hợp lệ", f"last ({last}) is before first ({first})"),
                )
            span_cite, span_basis = _day_source(span, cite, basis, problems)
            span_source = _source(span, year_source)
            day = first
            while day <= last:
                year_off.append(
                    ScheduledDay(day, span.data["name"], span_cite, span_basis, span_source)
                )
                day += timedelta(days=1)
        off_days = {d.day for d in year_off}
        for item in e.data.get("working_days", []):
            day = item.data["day"]
            if day.year != year:
                problems.at(item, "day", _say("sai năm", f"{day} is not in {year}"))
            if day in off_days:
                problems.at(
                    item,
                    "day",
                    _say("mâu thuẫn", f"{day} is listed both as a day off and as a working day"),
                )
            item_cite, item_basis = _day_source(item, cite, basis, problems)
            year_on.append(
                ScheduledDay(
                    day, item.data["name"], item_cite, item_basis, _source(item, year_source)
                )
            )
        days_off += year_off
        working += year_on
        rules.append(
            Rule(
                f"work_calendar.year.{year}",
                (
                    Sourced(
                        (tuple(year_off), tuple(year_on)),
                        cite,
                        basis,
                        date(year, 1, 1),
                        date(year + 1, 1, 1),
                        e.data.get("note", ""),
                        year_source,
                    ),
                ),
                f"Lịch nghỉ lễ, Tết và làm bù năm {year} / announced schedule {year}",
            )
        )
    ignored = []
    for e in doc.arrays.get("work_calendar.ignored_holiday", []):
        cite, basis = _sourced_parts(e, problems)
        ignored.append(e.data["name"])
        rules.append(
            Rule(
                f"work_calendar.ignored_holiday.{e.data['name']}",
                (Sourced(e.data["name"], cite, basis, note=e.data.get("note", "")),),
                "Ngày lễ của thư viện holidays không tính là ngày nghỉ / "
                "a holidays entry treated as a working day",
            )
        )
    return WorkCalendar(
        timezone=timezone,
        country=country,
        days_off=tuple(sorted(days_off, key=lambda d: d.day)),
        working_days=tuple(sorted(working, key=lambda d: d.day)),
        ignored_holidays=tuple(ignored),
        deadline_time=deadline_time,
        weekend=weekend,
        years=tuple(sorted({e.data["year"] for e in doc.arrays.get("work_calendar.year", [])})),
    )


def _day_source(
    entry: _Entry, cite: str | None, basis: Basis, problems: _Problems
) -> tuple[str | None, Basis]:
    own_cite = entry.data.get("cite", cite)
    own_basis = entry.data.get("basis", basis)
    if own_basis is Basis.STATUTE and not own_cite:
        problems.at(
            entry,
            "cite",
            _say("thiếu trích dẫn", "a value with basis statute needs cite (document and article)"),
        )
    return own_cite, own_basis
