"""A checked pack file becomes a :class:`~coordrules.Pack`: the checks that need the whole pack.

The second half of :func:`~coordrules.packs.load.load_pack`: references
between ids, one lead per kind of work, non-overlapping versions, a ``cite``
for every ``statute`` value, then the typed values (organisation, rules,
requirements, policy, work calendar, document format).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

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
from coordrules.model.values import Basis, CitationSource, SourcedValue, VersionedRule
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
    _Removal,
    _Said,
    _say,
)
from coordrules.packs.schema import SECTION, SECTIONS, SectionSpec
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


def _source(entry: _Entry, default: CitationSource = CitationSource.OFFICIAL) -> CitationSource:
    """Where the entry's ``cite`` was read (``official`` unless it says ``secondary``)."""
    value = entry.data.get("source", default)
    return value if isinstance(value, CitationSource) else default


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
    removed: Mapping[str, _Removal] | None = None,
) -> None:
    """Every id of key *name* of *entry* must be in *known*.

    An id that a pack extending this one removed (*removed*, by id) is that
    pack's problem: it is reported at its ``remove`` line, naming the entry
    that still uses the id.
    """
    value = entry.data.get(name)
    if value is None:
        return
    values = value if isinstance(value, tuple) else (value,)
    for index, ident in enumerate(values):
        if ident not in known:
            key = entry.key(name) if not isinstance(value, tuple) else f"{entry.key(name)}[{index}]"
            removal = None if removed is None else removed.get(ident)
            if removal is not None:
                problems.add(
                    removal.file,
                    removal.key,
                    _say(
                        "đã xóa nhưng vẫn được dùng",
                        f"{limits.show(removal.item)} is removed here, but {entry.file}"
                        + ("" if entry.line(name) is None else f":{entry.line(name)}")
                        + f": {key} still names it",
                    ),
                    line=removal.line,
                )
                continue
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


@attrs.frozen
class _Common:
    """What every entry of a section may carry: dates, source, note."""

    since: date | None
    until: date | None
    cite: str | None
    basis: Basis
    note: str
    source: CitationSource
    gap_before: str

    def sourced(self, value: Any) -> SourcedValue[Any]:
        return SourcedValue(
            value,
            self.cite,
            self.basis,
            self.since,
            self.until,
            self.note,
            self.source,
            self.gap_before,
        )


def _common(entry: _Entry, keys: frozenset[str], problems: _Problems) -> _Common:
    """The entry's dates and source, checked when its section has them."""
    since, until = _dated(entry, problems) if "since" in keys else (None, None)
    cite, basis = _sourced_parts(entry, problems) if "basis" in keys else (None, Basis.ASSUMED)
    data = entry.data
    return _Common(
        since,
        until,
        cite,
        basis,
        data.get("note", ""),
        _source(entry),
        data.get("gap_before", ""),
    )


# -- checks that only some sections need ------------------------------------------


def _body_form(entry: _Entry, problems: _Problems) -> bool:
    form = entry.data.get("form", "state")
    if form not in ("state", "party"):
        problems.at(
            entry,
            "form",
            _say('phải là "state" hoặc "party"', f'expected "state" or "party", found {form!r}'),
        )
    return True


def _not_own_deputy(entry: _Entry, problems: _Problems) -> bool:
    if entry.data["id"] in entry.data.get("deputies", ()):
        problems.at(entry, "deputies", _say("tự thay mình", "a position cannot deputise itself"))
    return True


def _one_lead(entry: _Entry, problems: _Problems) -> bool:
    lead = entry.data["lead"]
    if lead in entry.data.get("coordinate", ()):
        problems.at(
            entry,
            "coordinate",
            _say(
                "trùng chủ trì",
                f"the lead office {lead!r} cannot also coordinate; exactly one lead",
            ),
        )
    return True


def _not_reserved(entry: _Entry, problems: _Problems) -> bool:
    ident = entry.data["id"]
    if ident.startswith(_RESERVED_RULE_PREFIXES):
        problems.at(
            entry,
            "id",
            _say("mã dành riêng", f"rule ids must not start with {ident.split('.')[0]}."),
        )
    return True


def _format_value(entry: _Entry, problems: _Problems) -> bool:
    """A document-format value the writer and the check can use; ``False`` leaves it out."""
    ident = entry.data["id"]
    problem = value_problem(ident, entry.data["value"])
    if problem is None:
        return True
    key = "id" if ident not in FORMAT_KEYS else "value"
    problems.at(entry, key, _say("giá trị thể thức không hợp lệ", problem))
    return False


# -- what each section becomes -------------------------------------------------------


def _requirement(d: dict[str, Any], c: _Common) -> Requirement:
    return Requirement(
        id=d["id"],
        meeting_kind=d["meeting_kind"],
        document=d["document"],
        name=d["name"],
        deadline=d["deadline"],
        item_kind=d.get("item_kind"),
        submitted_by=d.get("submitted_by"),
        to=d.get("to"),
        condition=d.get("condition"),
        cite=c.cite,
        basis=c.basis,
        since=c.since,
        until=c.until,
        deadline_basis=d.get("deadline_basis"),
        note=d.get("note", ""),
        source=c.source,
        gap_before=d.get("gap_before", ""),
    )


_POLICY = {
    "confirmation_deadline": "Hạn xác báo thành phần / attendance confirmation deadline",
    "change_notice": "Báo trước khi thay đổi lịch / notice for a significant change",
    "precedence": "Thứ tự ưu tiên loại cuộc họp / precedence of meeting kinds",
    "default_travel_minutes": "Thời gian di chuyển mặc định (phút) / default travel minutes",
}
"""The dated policy rules, with what each is, in the order ``coordrules rules`` shows them."""


@attrs.frozen
class _Kind:
    """How the entries of one section are checked and built.

    *item* makes the typed value of one entry (``None``: the section has
    none of its own); *rule* names the dated rule the entry is a version of,
    *version* makes that version, *description* says what the rule is.
    """

    check: Callable[[_Entry, _Problems], bool] | None = None
    item: Callable[[dict[str, Any], _Common], Any] | None = None
    rule: Callable[[dict[str, Any]], str] | None = None
    version: Callable[[dict[str, Any], Any, _Common], SourcedValue[Any]] = lambda d, item, c: (
        c.sourced(d["value"])
    )
    description: Callable[[dict[str, Any]], str] = lambda d: d.get("description", "")


def _policy_kind(name: str) -> _Kind:
    """A dated policy rule: its versions replace the extended pack's as a whole."""
    return _Kind(rule=lambda d: f"policy.{name}", description=lambda d: _POLICY[name])


_KINDS: dict[str, _Kind] = {
    "body": _Kind(
        _body_form,
        lambda d, c: Body(
            d["id"],
            d["name"],
            d.get("aliases", ()),
            d.get("parent"),
            c.since,
            c.until,
            form=d.get("form", "state"),
            cite=c.cite,
            basis=c.basis,
        ),
    ),
    "office": _Kind(
        item=lambda d, c: Office(
            d["id"], d["name"], d.get("serves", ()), d.get("aliases", ()), c.since, c.until
        ),
    ),
    "position": _Kind(
        _not_own_deputy,
        lambda d, c: Position(
            d["id"],
            d["body"],
            d["title"],
            d.get("aliases", ()),
            d.get("deputies", ()),
            c.since,
            c.until,
            d.get("holders"),
        ),
    ),
    "work": _Kind(
        _one_lead,
        lambda d, c: WorkAssignment(
            d["id"],
            d["name"],
            d["lead"],
            d.get("coordinate", ()),
            c.cite,
            c.basis,
            c.since,
            c.until,
        ),
        rule=lambda d: f"work.{d['id']}",
        version=lambda d, item, c: c.sourced(item),
        description=lambda d: d["name"],
    ),
    "meeting_kind": _Kind(
        item=lambda d, c: MeetingKind(
            d["id"],
            d["name"],
            d["body"],
            d["office"],
            d.get("coordinating", ()),
            d.get("aliases", ()),
            c.since,
            c.until,
        ),
    ),
    "venue": _Kind(item=lambda d, c: Venue(d["id"], d["name"], d.get("aliases", ()))),
    "travel_time": _Kind(
        item=lambda d, c: TravelTime(d["a"], d["b"], d["minutes"], c.cite, c.basis),
        rule=lambda d: f"travel_time.{d['a']}.{d['b']}",
        version=lambda d, item, c: SourcedValue(d["minutes"], c.cite, c.basis),
        description=lambda d: f"Thời gian di chuyển / travel minutes {d['a']} ↔ {d['b']}",
    ),
    "requirement": _Kind(
        item=_requirement,
        rule=lambda d: f"requirement.{d['id']}",
        version=lambda d, item, c: item.sourced(),
        description=lambda d: d["name"],
    ),
    **{f"policy.{name}": _policy_kind(name) for name in _POLICY},
    "rule": _Kind(_not_reserved, rule=lambda d: d["id"]),
    "document_format": _Kind(
        _format_value,
        rule=lambda d: f"document_format.{d['id']}",
        version=lambda d, item, c: c.sourced(to_value(d["id"], d["value"])),
        description=lambda d: FORMAT_KEYS[d["id"]][1],
    ),
    "document_type": _Kind(
        item=lambda d, c: DocumentType(
            d["id"], d["name"], d.get("code"), d.get("title"), d.get("parent")
        ),
    ),
}
"""Every array section of the pack format that becomes typed values, in the order built."""

_RULES_BEFORE_CALENDAR = (
    "work",
    "travel_time",
    "requirement",
    *(f"policy.{name}" for name in _POLICY),
)
_RULES_AFTER_CALENDAR = ("rule", "document_format")
"""The order of ``Pack.rules``: these sections' rules, the work calendar's between them."""


def _is_versioned(spec: SectionSpec) -> bool:
    return any(k.name == "gap_before" for k in spec.keys)


def _checked_ids(doc: _Doc, problems: _Problems) -> None:
    """Ids unique where the format says so; versions of one id not overlapping."""
    for spec in SECTIONS:
        if not spec.array or spec.key_by is None or spec.name.count(".") > 1:
            continue
        entries = doc.arrays.get(spec.name, [])
        if _is_versioned(spec):
            _check_versions(spec.name, entries, problems)
        else:
            _unique(spec.name, entries, problems)


def _targets(doc: _Doc) -> dict[str, Mapping[str, object]]:
    """What the ``refers`` of :mod:`~coordrules.packs.schema` may name, by section."""

    def known(section: str) -> dict[str, object]:
        # Entries left out for a shape problem still exist: no second problem for them.
        ids: dict[str, object] = dict.fromkeys(sorted(doc.dropped.get(section, ())))
        ids.update({e.data["id"]: e for e in doc.arrays.get(section, [])})
        return ids

    targets: dict[str, Mapping[str, object]] = {
        name: known(name) for name in ("body", "office", "position", "meeting_kind", "venue")
    }
    targets["document_type"] = {**DOCUMENT_TYPES, **known("document_type")}
    targets["item_kind"] = ITEM_KINDS
    return targets


def _references(
    entry: _Entry,
    spec: SectionSpec,
    targets: Mapping[str, Mapping[str, object]],
    problems: _Problems,
    doc_removed: Mapping[tuple[str, str], _Removal],
) -> None:
    for key in spec.keys:
        if not key.refers:
            continue
        known: Mapping[str, object] = {}
        for section in key.refers:
            known = {**known, **targets[section]}
        what = " or ".join(s.replace("_", " ") for s in key.refers)
        removed = {
            ident: removal
            for (section, ident), removal in doc_removed.items()
            if section in key.refers
        }
        _refs(entry, key.name, known, what, problems, removed)


@attrs.define
class _Built:
    """What the sections became: typed items and rule versions, in order."""

    items: dict[str, list[Any]] = attrs.field(factory=dict)
    versions: dict[str, dict[str, list[SourcedValue[Any]]]] = attrs.field(factory=dict)
    descriptions: dict[str, str] = attrs.field(factory=dict)

    def rules(self, section: str) -> list[VersionedRule[Any]]:
        """The rules of *section*, in the order their ids first appear."""
        return [
            VersionedRule(ident, _by_date(versions), self.descriptions[ident])
            for ident, versions in self.versions.get(section, {}).items()
        ]


def _build_sections(doc: _Doc, problems: _Problems) -> _Built:
    targets = _targets(doc)
    built = _Built()
    for section, kind in _KINDS.items():
        spec = SECTION[section]
        keys = frozenset(k.name for k in spec.keys)
        items = built.items.setdefault(section, [])
        versions = built.versions.setdefault(section, {})
        for entry in doc.arrays.get(section, []):
            _references(entry, spec, targets, problems, doc.removed)
            if kind.check is not None and not kind.check(entry, problems):
                continue
            common = _common(entry, keys, problems)
            item = kind.item(entry.data, common) if kind.item is not None else None
            items.append(item)
            if kind.rule is not None:
                ident = kind.rule(entry.data)
                versions.setdefault(ident, []).append(kind.version(entry.data, item, common))
                built.descriptions.setdefault(ident, kind.description(entry.data))
    return built


def _build(doc: _Doc) -> Pack:
    problems = _Problems(doc.problems)
    _checked_ids(doc, problems)
    built = _build_sections(doc, problems)
    rules = [r for section in _RULES_BEFORE_CALENDAR for r in built.rules(section)]
    policy_rules = {name: next(iter(built.rules(f"policy.{name}")), None) for name in _POLICY}

    def scalar(name: str, default: Any) -> Any:
        entry = doc.tables.get(name)
        return default if entry is None else entry.data["value"]

    policy = CalendarPolicy(
        confirmation_deadline=policy_rules["confirmation_deadline"],
        change_notice=policy_rules["change_notice"],
        precedence=policy_rules["precedence"],
        default_travel_minutes=policy_rules["default_travel_minutes"],
        series_cap=scalar("policy.series_cap", CalendarPolicy().series_cap),
        max_feed_bytes=scalar("policy.max_feed_bytes", CalendarPolicy().max_feed_bytes),
    )
    work_calendar = _work_calendar(doc, problems, rules)
    rules += built.rules("rule")
    format_rules = sorted(
        built.rules("document_format"),
        key=lambda r: list(FORMAT_KEYS).index(r.id.removeprefix("document_format.")),
    )
    rules += format_rules
    extra_types = built.items["document_type"]
    _parent_loops(doc.arrays.get("document_type", []), extra_types, problems)
    problems.raise_if_any()
    return Pack(
        id=doc.pack["id"],
        name=doc.pack["name"],
        level=doc.pack.get("level", "province"),
        bodies=tuple(built.items["body"]),
        offices=tuple(built.items["office"]),
        positions=tuple(built.items["position"]),
        work=tuple(built.items["work"]),
        meeting_kinds=tuple(built.items["meeting_kind"]),
        venues=tuple(built.items["venue"]),
        travel_times=tuple(built.items["travel_time"]),
        policy=policy,
        work_calendar=work_calendar,
        requirements=tuple(built.items["requirement"]),
        rules=tuple(rules),
        extends=doc.pack.get("extends"),
        path=doc.file,
        document_types=tuple(extra_types),
        description=doc.pack.get("description", ""),
        place=doc.pack.get("place"),
        document_format=DocumentFormat(tuple(format_rules)),
    )


def _by_date(versions: list[SourcedValue[Any]]) -> tuple[SourcedValue[Any], ...]:
    return tuple(sorted(versions, key=lambda v: v.since or date.min))


# -- the work calendar -----------------------------------------------------------------


def _timezone_problem(value: Any) -> _Said | None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return _say("múi giờ không rõ", f"unknown time zone {limits.show(value)}")
    return None


def _country_problem(value: Any) -> _Said | None:
    import holidays  # on first use: ``coordrules --help`` needs no holidays

    if value not in holidays.list_supported_countries():
        return _say(
            "mã quốc gia không rõ", f"the holidays package has no country {limits.show(value)}"
        )
    return None


def _weekend_problem(value: Any) -> _Said | None:
    if any(day > 6 for day in value):
        return _say("sai ngày trong tuần", "weekdays are 0 (Monday) to 6 (Sunday)")
    if len(set(value)) > 6:
        return _say(
            "tuần không có ngày làm việc", "at most 6 weekend days: a week needs a working day"
        )
    return None


_CALENDAR_SCALARS: dict[str, Callable[[Any], _Said | None]] = {
    "timezone": _timezone_problem,
    "country": _country_problem,
    "weekend": _weekend_problem,
}
"""The plain values of ``[work_calendar]``, each with its check."""


def _work_calendar(doc: _Doc, problems: _Problems, rules: list[VersionedRule[Any]]) -> WorkCalendar:
    defaults = WorkCalendar()
    values: dict[str, Any] = {}
    for name, problem_of in _CALENDAR_SCALARS.items():
        entry = doc.tables.get(f"work_calendar.{name}")
        values[name] = getattr(defaults, name) if entry is None else entry.data["value"]
        problem = None if entry is None else problem_of(values[name])
        if entry is not None and problem is not None:
            problems.at(entry, None, problem)
    deadline_time = defaults.deadline_time
    if (entry := doc.tables.get("work_calendar.deadline_time")) is not None:
        deadline_time = entry.data["value"]
        cite, basis = _sourced_parts(entry, problems)
        rules.append(
            VersionedRule(
                "work_calendar.deadline_time",
                (SourcedValue(deadline_time, cite, basis, note=entry.data.get("note", "")),),
                "Giờ của hạn tính theo ngày / the hour a day-counted deadline falls at",
            )
        )
    days_off: list[ScheduledDay] = []
    working: list[ScheduledDay] = []
    years = doc.arrays.get("work_calendar.year", [])
    for e in years:
        year_off, year_on = _year(e, problems, rules)
        days_off += year_off
        working += year_on
    ignored = []
    for e in doc.arrays.get("work_calendar.ignored_holiday", []):
        cite, basis = _sourced_parts(e, problems)
        ignored.append(e.data["name"])
        rules.append(
            VersionedRule(
                f"work_calendar.ignored_holiday.{e.data['name']}",
                (SourcedValue(e.data["name"], cite, basis, note=e.data.get("note", "")),),
                "Ngày lễ của thư viện holidays không tính là ngày nghỉ / "
                "a holidays entry treated as a working day",
            )
        )
    return WorkCalendar(
        timezone=values["timezone"],
        country=values["country"],
        days_off=tuple(sorted(days_off, key=lambda d: d.day)),
        working_days=tuple(sorted(working, key=lambda d: d.day)),
        ignored_holidays=tuple(ignored),
        deadline_time=deadline_time,
        weekend=values["weekend"],
        years=tuple(sorted({e.data["year"] for e in years})),
    )


def _year(
    e: _Entry, problems: _Problems, rules: list[VersionedRule[Any]]
) -> tuple[list[ScheduledDay], list[ScheduledDay]]:
    """One announced year: its days off and make-up working days; its rule goes in *rules*."""
    year = e.data["year"]
    cite, basis = _sourced_parts(e, problems)
    year_source = _source(e)
    year_off: list[ScheduledDay] = []
    for span in e.data.get("days_off", []):
        first, last = span.data["first"], span.data["last"]
        for key, day in (("first", first), ("last", last)):
            if day.year != year:
                problems.at(span, key, _say("sai năm", f"{day} is not in {year}"))
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
    year_on: list[ScheduledDay] = []
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
            ScheduledDay(day, item.data["name"], item_cite, item_basis, _source(item, year_source))
        )
    rules.append(
        VersionedRule(
            f"work_calendar.year.{year}",
            (
                SourcedValue(
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
    return year_off, year_on


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
