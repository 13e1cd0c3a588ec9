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
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from coordrules.cli.common import DATE_RULE, parse_moment, print_findings
from coordrules.model.errors import InputError
from coordrules.model.values import Basis, Deadline, Source, Sourced, in_force

if TYPE_CHECKING:
    from coordrules.packs.pack import Pack
    from coordrules.packs.workdays import ScheduledDay

SOURCE_LABEL = {
    Source.OFFICIAL: "official: văn bản chính thức / the official text",
    Source.SECONDARY: (
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
    cite: str | None, basis: Basis, note: str = "", source: Source = Source.OFFICIAL
) -> list[str]:
    lines = [f"      nguồn / source: {cite or '(không có / none)'}"]
    if source is Source.SECONDARY:
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
    out: list[str] = []

    def heading(text: str) -> None:
        out.extend(["", f"== {text} =="])

    out.append(f"Gói quy tắc / Rule pack: {pack.id} — {pack.name}")
    out.append(f"Cấp / Level: {pack.level}")
    if pack.extends:
        out.append(f"Mở rộng từ / Extends: {pack.extends}")
    shown = as_of.isoformat() if as_of else "mọi phiên bản / every version"
    out.append(f"Hiệu lực / In force: {shown}")

    heading("Cơ quan, tổ chức / Bodies")
    for body in pack.bodies:
        if not _show(body.since, body.until, as_of):
            continue
        parent = org.body(body.parent) if body.parent else None
        extra = f" (thuộc / part of {parent.name})" if parent else ""
        out.append(f"  {body.name}{extra}  [{body.id}]")
        if body.aliases:
            out.append(f"      tên khác / aliases: {', '.join(body.aliases)}")
        if body.since or body.until:
            out.append(f"      hiệu lực / in force: {_span(body.since, body.until)}")

    heading("Văn phòng / Offices")
    for office in pack.offices:
        if not _show(office.since, office.until, as_of):
            continue
        out.append(f"  {office.name}  [{office.id}]")
        served = [b.name if (b := org.body(s)) else s for s in office.serves]
        out.append(f"      tham mưu, phục vụ / serves: {', '.join(served)}")
        if office.since or office.until:
            out.append(f"      hiệu lực / in force: {_span(office.since, office.until)}")

    heading("Chức vụ / Positions")
    for position in pack.positions:
        if not _show(position.since, position.until, as_of):
            continue
        out.append(f"  {position.title}  [{position.id}]")
        if position.aliases:
            out.append(f"      tên khác / aliases: {', '.join(position.aliases)}")
        if position.deputies:
            names = [p.title if (p := org.position(d)) else d for d in position.deputies]
            out.append(f"      người thay / deputies: {', '.join(names)}")
        if position.holders is not None:
            out.append(f"      số người giữ / holders at once: tối đa / at most {position.holders}")
        if position.since or position.until:
            out.append(f"      hiệu lực / in force: {_span(position.since, position.until)}")

    heading("Chủ trì, phối hợp / Lead and coordinating offices")
    for work in pack.work:
        if not _show(work.since, work.until, as_of):
            continue
        lead = org.office(work.lead)
        out.append(f"  {work.name}  [{work.id}]")
        out.append(f"      chủ trì / lead: {lead.name if lead else work.lead}")
        if work.coordinate:
            names = [o.name if (o := org.office(c)) else c for c in work.coordinate]
            out.append(f"      phối hợp / coordinate: {', '.join(names)}")
        out.append(f"      hiệu lực / in force: {_span(work.since, work.until)}")
        rule = pack.rule(f"work.{work.id}")
        version = next((v for v in rule.versions if v.value == work), None) if rule else None
        note = version.note if version else ""
        read_in = version.source if version else Source.OFFICIAL
        out.extend(_source(work.cite, work.basis, note, read_in))

    heading("Loại cuộc họp / Meeting kinds")
    for kind in pack.meeting_kinds:
        if not _show(kind.since, kind.until, as_of):
            continue
        kind_body = org.body(kind.body)
        kind_office = org.office(kind.office)
        out.append(f"  {kind.name}  [{kind.id}]")
        out.append(f"      cơ quan tổ chức / body: {kind_body.name if kind_body else kind.body}")
        serving = kind_office.name if kind_office else kind.office
        out.append(f"      văn phòng phục vụ / office: {serving}")
        if kind.coordinating:
            names = [o.name if (o := org.office(c)) else c for c in kind.coordinating]
            out.append(f"      phối hợp / coordinating: {', '.join(names)}")
        if kind.since or kind.until:
            out.append(f"      hiệu lực / in force: {_span(kind.since, kind.until)}")

    heading("Hồ sơ cuộc họp / Dossier requirements")
    for kind in pack.meeting_kinds:
        reqs = [
            r
            for r in pack.requirements
            if r.meeting_kind == kind.id and _show(r.since, r.until, as_of)
        ]
        if not reqs:
            continue
        out.append(f"  {kind.name}  [{kind.id}]")
        for req in reqs:
            doc_type = pack.document_type(req.document)
            out.append(f"    - {req.name}  [{req.id}]")
            out.append(
                f"      loại văn bản / document: {doc_type.name if doc_type else req.document}"
            )
            if req.item_kind:
                out.append(f"      nội dung trình / agenda item: {req.item_kind}")
            if req.submitted_by or req.to:
                out.append(f"      từ / from: {req.submitted_by or '-'}; đến / to: {req.to or '-'}")
            if req.condition:
                out.append(f"      chỉ khi / only when: {req.condition}")
            out.append(f"      hạn / due: {_deadline(req.deadline)}")
            out.append(f"      hiệu lực / in force: {_span(req.since, req.until)}")
            out.extend(_source(req.cite, req.basis, req.note, req.source))
            if req.deadline_basis is not None and req.deadline_basis is not req.basis:
                out.append(
                    f"      cơ sở của hạn / deadline basis: {BASIS_LABEL[req.deadline_basis]}"
                )

    heading("Quy chế phối hợp lịch / Calendar policy")
    policy = pack.policy
    for rule in (
        policy.confirmation_deadline,
        policy.change_notice,
        policy.precedence,
        policy.default_travel_minutes,
    ):
        if rule is None:
            continue
        out.append(f"  {rule.description}  [{rule.id}]")
        out.extend(_versions(rule.versions, as_of))
    out.append(f"  Số lần lặp tối đa / series cap: {policy.series_cap}")
    out.append(f"  Dung lượng tệp tối đa / max feed bytes: {policy.max_feed_bytes}")

    heading("Lịch ngày làm việc / Work calendar")
    calendar = pack.work_calendar
    out.append(
        f"  Múi giờ / time zone: {calendar.timezone}; quốc gia / country: {calendar.country}"
    )
    weekdays = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
    rest = ", ".join(weekdays[d] for d in calendar.weekend)
    out.append(f"  Nghỉ hằng tuần / weekly rest: {rest}")
    covered = ", ".join(str(y) for y in calendar.years) or "(không có / none)"
    out.append(
        f"  Năm có lịch nghỉ công bố trong gói / years with an announced schedule: {covered}; "
        "năm khác theo thư viện holidays (giả định) / other years: the holidays package "
        "(an assumption, reported by the checks)"
    )
    time_rule = pack.rule("work_calendar.deadline_time")
    out.append(f"  Giờ của hạn / deadline hour: {calendar.deadline_time.strftime('%H:%M')}")
    if time_rule is not None:
        version = time_rule.versions[0]
        out.extend(_source(version.cite, version.basis, version.note, version.source))
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
        rule = pack.rule(f"work_calendar.ignored_holiday.{name}")
        out.append(f"  Không nghỉ / not a day off: {name} (thư viện holidays / holidays package)")
        if rule is not None:
            version = rule.versions[0]
            out.extend(_source(version.cite, version.basis, version.note, version.source))

    typed = tuple(f"{prefix}." for prefix in _TYPED)
    others = [r for r in pack.rules if not r.id.startswith(typed)]
    shown_others = [r for r in others if any(_show(v.since, v.until, as_of) for v in r.versions)]
    if shown_others:
        heading("Quy tắc khác / Other rules")
        for rule in shown_others:
            out.append(f"  {rule.description}  [{rule.id}]")
            out.extend(_versions(rule.versions, as_of))
    travel = list(pack.travel_times)
    if travel:
        heading("Thời gian di chuyển / Travel times")
        for item in travel:
            out.append(f"  {item.a} ↔ {item.b}: {item.minutes} phút / minutes")
            out.extend(_source(item.cite, item.basis))
    return "\n".join(out) + "\n"


_TYPED = {"policy", "work", "requirement", "work_calendar", "travel_time"}


def _versions(versions: Iterable[Sourced[Any]], as_of: date | None) -> list[str]:
    lines = []
    for version in versions:
        if not _show(version.since, version.until, as_of):
            continue
        lines.append(f"    - {_value(version.value)}")
        lines.append(f"      hiệu lực / in force: {_span(version.since, version.until)}")
        lines.extend(_source(version.cite, version.basis, version.note, version.source))
    return lines


def _days(label: str, days: tuple[ScheduledDay, ...], year: Sourced[Any]) -> list[str]:
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
            read_in = ", secondary" if first.source is Source.SECONDARY else ""
            own = f" — {first.cite} [{first.basis.value}{read_in}]"
        lines.append(f"      {label}: {when} {first.name}{own}")
    return lines
