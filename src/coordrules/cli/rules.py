"""``coordrules rules``: print a pack's structure and rules, each with its source.

Written for office staff: Vietnamese names first, English labels beside them,
every rule value with its citation, basis and dates. With ``--as-of`` only
what is in force that day is shown; without it, every version. With
``--check`` the pack (and ``--people``) is validated instead
(:func:`~coordrules.packs.validate.validate_pack`): exit status 1 when an
invariant is broken.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from coordrules.cli.common import DATE_RULE, parse_moment, print_findings
from coordrules.model.errors import InputError
from coordrules.model.values import (
    Basis,
    CitationSource,
    Deadline,
    SourcedValue,
    VersionedRule,
    in_force,
)

if TYPE_CHECKING:
    from coordrules.model.org import Body, Organisation, WorkAssignment
    from coordrules.packs.pack import Pack, Requirement
    from coordrules.packs.workdays import ScheduledDay

SOURCE_LABEL = {
    CitationSource.OFFICIAL: "official: văn bản chính thức / the official text",
    CitationSource.SECONDARY: (
        "secondary: chỉ đọc qua cổng pháp luật, báo chí, chưa đối chiếu văn bản / "
        "only a legal portal or the press, not checked against the official text"
    ),
}

BASIS_LABEL = {
    Basis.STATUTE: "statute: văn bản pháp luật / read in a legal text",
    Basis.LOCAL: "local: quy định của địa phương / the province's own rule",
    Basis.ASSUMED: "assumed: giả định, chưa xác nhận / a default no text confirms",
}


def add_parser(subparsers: Any) -> None:
    """Register ``rules``."""
    parser = subparsers.add_parser(
        "rules",
        help="in cơ cấu và quy tắc của gói / print a pack's structure and rules",
        description="In cơ cấu và quy tắc của gói, kèm nguồn / print a pack's rules with sources.",
    )
    parser.add_argument(
        "--pack", default="vn-province", help="gói quy tắc / bundled pack name or pack file"
    )
    parser.add_argument(
        "--as-of",
        metavar="DATETIME",
        help="chỉ những gì có hiệu lực ngày đó / only what is in force that day "
        f"({DATE_RULE}; default: every version)",
    )
    parser.add_argument(
        "--check",
        nargs="?",
        const="",
        metavar="PACK",
        help="kiểm tra tính nhất quán của gói / validate PACK (default: --pack) on every date",
    )
    parser.add_argument(
        "--people",
        metavar="FILE",
        help="danh bạ người để kiểm tra cùng / people directory to validate with --check",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the pack."""
    from coordrules.packs.load import load_pack  # on first use: ``--help`` needs no packs

    if args.check is not None:
        return check(args.check or args.pack, args.people)
    if args.people is not None:
        raise InputError(
            "--people", "--people is used with --check", reason_vi="--people chỉ dùng với --check"
        )
    pack = load_pack(args.pack)
    as_of = None
    if args.as_of is not None:
        # The one date rule; a moment's day where the pack's offices are.
        tz = pack.work_calendar.tz
        as_of = parse_moment(args.as_of, "--as-of", tz).astimezone(tz).date()
    print(render(pack, as_of), end="")
    return 0


def check(source: str, people: str | None = None) -> int:
    """Validate a pack (and a people directory); print the findings; 1 if any is an error."""
    from coordrules.packs.directory import load_directory
    from coordrules.packs.load import load_pack
    from coordrules.packs.validate import validate_pack

    pack = load_pack(source)
    # The directory is read without the pack, so that validate_pack reports its
    # problems (holders, positions) as findings rather than stopping at the first.
    directory = load_directory(people) if people is not None else None
    report = validate_pack(pack, directory)
    print(f"Kiểm tra gói / Checking pack: {pack.id} ({source})")
    if people is not None:
        print(f"Danh bạ / People: {people}")
    if not report.findings:
        print("Không có vấn đề / No problems: mọi bất biến đều đúng / every invariant holds.")
        return 0
    print_findings(report)
    return 1 if report.summary["error"] else 0


def _span(since: date | None, until: date | None) -> str:
    if since is None and until is None:
        return "luôn / always"
    parts = []
    if since is not None:
        parts.append(f"từ / from {since.isoformat()}")
    if until is not None:
        parts.append(f"đến trước / until {until.isoformat()}")
    return ", ".join(parts)


def _source(
    cite: str | None, basis: Basis, note: str = "", source: CitationSource = CitationSource.OFFICIAL
) -> list[str]:
    lines = [f"      nguồn / source: {cite or '(không có / none)'}"]
    if source is CitationSource.SECONDARY:
        lines.append(f"      đọc ở / read in: {SOURCE_LABEL[source]}")
    lines.append(f"      cơ sở / basis: {BASIS_LABEL[basis]}")
    if note:
        lines.append(f"      ghi chú / note: {note}")
    return lines


def _deadline(value: Deadline) -> str:
    return f"{value.describe_vi()} / {value.describe()}"


def _value(value: Any) -> str:
    if isinstance(value, Deadline):
        return _deadline(value)
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _show(since: date | None, until: date | None, as_of: date | None) -> bool:
    return as_of is None or in_force(since, until, as_of)


def render(pack: Pack, as_of: date | None = None) -> str:
    """The text ``coordrules rules`` prints for *pack* (on *as_of*, or every version)."""
    org = pack.organisation()
    shown = as_of.isoformat() if as_of else "mọi phiên bản / every version"
    out = [
        f"Gói quy tắc / Rule pack: {pack.id} — {pack.name}",
        f"Cấp / Level: {pack.level}",
        *([f"Mở rộng từ / Extends: {pack.extends}"] if pack.extends else []),
        f"Hiệu lực / In force: {shown}",
    ]
    for section in _SECTIONS:
        lines = section.lines(pack, org, as_of)
        if lines or section.always:
            out.extend(["", f"== {section.heading} ==", *lines])
    return "\n".join(out) + "\n"


_INDENT = "      "
"""Where the fields of an entry begin."""

_Value = Callable[[Any, "Pack", "Organisation"], "str | list[str] | None"]
"""A field of an entry: its text (``None``: not shown), or whole lines (a source block)."""


@attrs.frozen
class _Entries:
    """How one kind of dated pack item prints: a title line, then its fields in order."""

    items: Callable[[Pack], Iterable[Any]]
    """The items of the pack, in the pack's order."""
    title: Callable[[Any, Organisation], str]
    """The name on the title line (the id follows in brackets)."""
    fields: tuple[tuple[str, _Value], ...]
    """Label and value of each field line; a value that is a list is printed as it is."""
    bullet: str = "  "
    """What the title line begins with."""

    def lines(self, pack: Pack, org: Organisation, as_of: date | None) -> list[str]:
        """The lines of every item in force on *as_of* (every item when ``None``)."""
        out: list[str] = []
        for item in self.items(pack):
            if _show(item.since, item.until, as_of):
                out.extend(self.entry(item, pack, org))
        return out

    def entry(self, item: Any, pack: Pack, org: Organisation) -> list[str]:
        """The lines of one item."""
        out = [f"{self.bullet}{self.title(item, org)}  [{item.id}]"]
        for label, value in self.fields:
            shown = value(item, pack, org)
            if isinstance(shown, list):
                out.extend(shown)
            elif shown is not None:
                out.append(f"{_INDENT}{label}: {shown}")
        return out


def _joined(values: tuple[str, ...]) -> str | None:
    return ", ".join(values) if values else None


def _in_force(item: Any, pack: Pack, org: Organisation) -> str | None:
    """The span of an item that has dates (``None`` for one always in force)."""
    return _span(item.since, item.until) if item.since or item.until else None


def _always_in_force(item: Any, pack: Pack, org: Organisation) -> str:
    return _span(item.since, item.until)


def _names(ids: Iterable[str], find: Callable[[str], Any], attr: str = "name") -> str:
    """The names of *ids* (by *find*), the id itself for one not found."""
    return ", ".join(getattr(x, attr) if (x := find(i)) else i for i in ids)


def _some_names(ids: tuple[str, ...], find: Callable[[str], Any], attr: str = "name") -> str | None:
    """As :func:`_names`; ``None`` (no line) when there are no *ids*."""
    return _names(ids, find, attr) if ids else None


def _body_title(body: Body, org: Organisation) -> str:
    parent = org.body(body.parent) if body.parent else None
    return f"{body.name} (thuộc / part of {parent.name})" if parent else body.name


def _work_source(work: WorkAssignment, pack: Pack, org: Organisation) -> list[str]:
    rule = pack.rule(f"work.{work.id}")
    version = next((v for v in rule.versions if v.value == work), None) if rule else None
    note = version.note if version else ""
    read_in = version.source if version else CitationSource.OFFICIAL
    return _source(work.cite, work.basis, note, read_in)


def _submitted(req: Requirement, pack: Pack, org: Organisation) -> str | None:
    if req.submitted_by or req.to:
        return f"{req.submitted_by or '-'}; đến / to: {req.to or '-'}"
    return None


def _deadline_basis(req: Requirement, pack: Pack, org: Organisation) -> str | None:
    if req.deadline_basis is not None and req.deadline_basis is not req.basis:
        return BASIS_LABEL[req.deadline_basis]
    return None


_ALIASES = ("tên khác / aliases", lambda item, pack, org: _joined(item.aliases))
_IN_FORCE = ("hiệu lực / in force", _in_force)

_BODIES = _Entries(
    items=lambda pack: pack.bodies,
    title=_body_title,
    fields=(_ALIASES, _IN_FORCE),
)
_OFFICES = _Entries(
    items=lambda pack: pack.offices,
    title=lambda office, org: office.name,
    fields=(
        ("tham mưu, phục vụ / serves", lambda o, pack, org: _names(o.serves, org.body)),
        _IN_FORCE,
    ),
)
_POSITIONS = _Entries(
    items=lambda pack: pack.positions,
    title=lambda position, org: position.title,
    fields=(
        _ALIASES,
        (
            "người thay / deputies",
            lambda p, pack, org: _some_names(p.deputies, org.position, "title"),
        ),
        (
            "số người giữ / holders at once",
            lambda p, pack, org: None if p.holders is None else f"tối đa / at most {p.holders}",
        ),
        _IN_FORCE,
    ),
)
_WORK = _Entries(
    items=lambda pack: pack.work,
    title=lambda work, org: work.name,
    fields=(
        ("chủ trì / lead", lambda w, pack, org: _names([w.lead], org.office)),
        ("phối hợp / coordinate", lambda w, pack, org: _some_names(w.coordinate, org.office)),
        ("hiệu lực / in force", _always_in_force),
        ("", _work_source),
    ),
)
_KINDS = _Entries(
    items=lambda pack: pack.meeting_kinds,
    title=lambda kind, org: kind.name,
    fields=(
        ("cơ quan tổ chức / body", lambda k, pack, org: _names([k.body], org.body)),
        ("văn phòng phục vụ / office", lambda k, pack, org: _names([k.office], org.office)),
        (
            "phối hợp / coordinating",
            lambda k, pack, org: _some_names(k.coordinating, org.office),
        ),
        _IN_FORCE,
    ),
)
_REQUIREMENTS = _Entries(
    items=lambda pack: pack.requirements,
    title=lambda req, org: req.name,
    bullet="    - ",
    fields=(
        (
            "loại văn bản / document",
            lambda r, pack, org: _names([r.document], pack.document_type),
        ),
        ("nội dung trình / agenda item", lambda r, pack, org: r.item_kind or None),
        ("từ / from", _submitted),
        ("chỉ khi / only when", lambda r, pack, org: r.condition or None),
        ("hạn / due", lambda r, pack, org: _deadline(r.deadline)),
        ("hiệu lực / in force", _always_in_force),
        ("", lambda r, pack, org: _source(r.cite, r.basis, r.note, r.source)),
        ("cơ sở của hạn / deadline basis", _deadline_basis),
    ),
)


def _requirements(pack: Pack, org: Organisation, as_of: date | None) -> list[str]:
    """The dossier requirements in force, grouped under their meeting kind."""
    out: list[str] = []
    for kind in pack.meeting_kinds:
        reqs = [
            r
            for r in pack.requirements
            if r.meeting_kind == kind.id and _show(r.since, r.until, as_of)
        ]
        if reqs:
            out.append(f"  {kind.name}  [{kind.id}]")
            for req in reqs:
                out.extend(_REQUIREMENTS.entry(req, pack, org))
    return out


def _policy(pack: Pack, org: Organisation, as_of: date | None) -> list[str]:
    """The calendar policy's rules with their versions, then its limits."""
    policy = pack.policy
    out: list[str] = []
    for rule in (
        policy.confirmation_deadline,
        policy.change_notice,
        policy.precedence,
        policy.default_travel_minutes,
    ):
        if rule is not None:
            out.append(f"  {rule.description}  [{rule.id}]")
            out.extend(_versions(rule.versions, as_of))
    out.append(f"  Số lần lặp tối đa / series cap: {policy.series_cap}")
    out.append(f"  Dung lượng tệp tối đa / max feed bytes: {policy.max_feed_bytes}")
    return out


def _rule_source(rule: VersionedRule[Any] | None) -> list[str]:
    """The source lines of a one-version rule (none when the pack has no such rule)."""
    if rule is None:
        return []
    version = rule.versions[0]
    return _source(version.cite, version.basis, version.note, version.source)


def _work_calendar(pack: Pack, org: Organisation, as_of: date | None) -> list[str]:
    """The time zone, weekly rest, covered years, deadline hour and announced schedules."""
    calendar = pack.work_calendar
    weekdays = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
    rest = ", ".join(weekdays[d] for d in calendar.weekend)
    covered = ", ".join(str(y) for y in calendar.years) or "(không có / none)"
    out = [
        f"  Múi giờ / time zone: {calendar.timezone}; quốc gia / country: {calendar.country}",
        f"  Nghỉ hằng tuần / weekly rest: {rest}",
        f"  Năm có lịch nghỉ công bố trong gói / years with an announced schedule: {covered}; "
        "năm khác theo thư viện holidays (giả định) / other years: the holidays package "
        "(an assumption, reported by the checks)",
        f"  Giờ của hạn / deadline hour: {calendar.deadline_time.strftime('%H:%M')}",
        *_rule_source(pack.rule("work_calendar.deadline_time")),
    ]
    for rule in pack.rules:
        if not rule.id.startswith("work_calendar.year."):
            continue
        version = rule.versions[0]
        if not _show(version.since, version.until, as_of):
            continue
        off, worked = version.value
        out.append(f"  {rule.description}")
        out.extend(_source(version.cite, version.basis, version.note, version.source))
        out.extend(_days("nghỉ / off", off, version))
        out.extend(_days("làm bù / worked", worked, version))
    for name in calendar.ignored_holidays:
        out.append(f"  Không nghỉ / not a day off: {name} (thư viện holidays / holidays package)")
        out.extend(_rule_source(pack.rule(f"work_calendar.ignored_holiday.{name}")))
    return out


def _other_rules(pack: Pack, org: Organisation, as_of: date | None) -> list[str]:
    """The pack's rules no other section shows, with their versions in force."""
    typed = tuple(f"{prefix}." for prefix in _TYPED)
    out: list[str] = []
    for rule in pack.rules:
        if rule.id.startswith(typed):
            continue
        if any(_show(v.since, v.until, as_of) for v in rule.versions):
            out.append(f"  {rule.description}  [{rule.id}]")
            out.extend(_versions(rule.versions, as_of))
    return out


def _travel_times(pack: Pack, org: Organisation, as_of: date | None) -> list[str]:
    """The pack's travel times between venues, each with its source."""
    out: list[str] = []
    for item in pack.travel_times:
        out.append(f"  {item.a} ↔ {item.b}: {item.minutes} phút / minutes")
        out.extend(_source(item.cite, item.basis))
    return out


@attrs.frozen
class _Section:
    """One ``== heading ==`` of the output and what fills it."""

    heading: str
    lines: Callable[[Pack, Organisation, date | None], list[str]]
    always: bool = True
    """Printed even when empty (the optional sections are left out then)."""


_SECTIONS = (
    _Section("Cơ quan, tổ chức / Bodies", _BODIES.lines),
    _Section("Văn phòng / Offices", _OFFICES.lines),
    _Section("Chức vụ / Positions", _POSITIONS.lines),
    _Section("Chủ trì, phối hợp / Lead and coordinating offices", _WORK.lines),
    _Section("Loại cuộc họp / Meeting kinds", _KINDS.lines),
    _Section("Hồ sơ cuộc họp / Dossier requirements", _requirements),
    _Section("Quy chế phối hợp lịch / Calendar policy", _policy),
    _Section("Lịch ngày làm việc / Work calendar", _work_calendar),
    _Section("Quy tắc khác / Other rules", _other_rules, always=False),
    _Section("Thời gian di chuyển / Travel times", _travel_times, always=False),
)
"""What ``coordrules rules`` prints, in order, after the pack's header lines."""


_TYPED = {"policy", "work", "requirement", "work_calendar", "travel_time"}


def _versions(versions: Iterable[SourcedValue[Any]], as_of: date | None) -> list[str]:
    lines = []
    for version in versions:
        if not _show(version.since, version.until, as_of):
            continue
        lines.append(f"    - {_value(version.value)}")
        lines.append(f"      hiệu lực / in force: {_span(version.since, version.until)}")
        lines.extend(_source(version.cite, version.basis, version.note, version.source))
    return lines


def _days(label: str, days: tuple[ScheduledDay, ...], year: SourcedValue[Any]) -> list[str]:
    # Consecutive days with the same name and source print as one span.
    spans: list[list[ScheduledDay]] = []
    for day in days:
        last = spans[-1][-1] if spans else None
        if (
            last is not None
            and (day.day - last.day).days == 1
            and (day.name, day.cite, day.basis, day.source)
            == (last.name, last.cite, last.basis, last.source)
        ):
            spans[-1].append(day)
        else:
            spans.append([day])
    lines = []
    for span in spans:
        first, final = span[0], span[-1]
        when = first.day.isoformat()
        if final is not first:
            when += f" → {final.day.isoformat()}"
        own = ""
        if (first.cite, first.basis, first.source) != (year.cite, year.basis, year.source):
            read_in = ", secondary" if first.source is CitationSource.SECONDARY else ""
            own = f" — {first.cite} [{first.basis.value}{read_in}]"
        lines.append(f"      {label}: {when} {first.name}{own}")
    return lines
