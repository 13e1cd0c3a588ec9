"""The weekly work calendar (lịch công tác tuần) as a Word file: the writer.

:func:`write_weekly_docx` writes a merged calendar in the official format of
NĐ 30/2020/NĐ-CP (see :mod:`coordrules.adapters.docx.format`): one table grouped by
day, then Sáng / Chiều / Tối, with the columns time, content, chair and
attendees, venue, preparing unit; items named in a finding carry a mark
"(*) Lưu ý số …" and the findings are listed after the table. The reader is
:mod:`coordrules.adapters.docx.weekly_read`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from coordrules.adapters.docx.format import (
    Cell,
    add_paragraph,
    add_table,
    append_rows,
    body_pt,
    format_values,
    issuer_heading,
    new_document,
    signature_block,
    table_row_xml,
    text_width_twips,
    to_bytes,
    twips_mm,
)
from coordrules.adapters.docx.weekly_layout import (
    DECLINED_MARK,
    MARK,
    MEMO_PREFIX,
    WEEKDAYS_VI,
    delegated_mark,
    dmy,
    session_of,
)
from coordrules.model.deprecation import deprecated_parameters
from coordrules.model.errors import InputError
from coordrules.model.events import (
    Attendance,
    Attendee,
    MergedCalendar,
    Occurrence,
    Role,
    Status,
    Transparency,
)
from coordrules.model.findings import Finding, Report, Severity
from coordrules.model.text import norm
from coordrules.model.window import Window
from coordrules.packs.pack import Pack

SEVERITY_VI = {Severity.ERROR: "Lỗi", Severity.WARNING: "Cảnh báo", Severity.INFO: "Thông tin"}
HEADERS = ("Thời gian", "Nội dung", "Chủ trì, thành phần", "Địa điểm", "Đơn vị chuẩn bị")


def _hm(moment: time) -> str:
    return f"{moment.hour:02d}h{moment.minute:02d}"


def _time_text(occ: Occurrence, tz: tzinfo) -> str:
    if not isinstance(occ.start, datetime) or not isinstance(occ.end, datetime):
        start_day = occ.start if not isinstance(occ.start, datetime) else occ.start.date()
        end_day = occ.end if not isinstance(occ.end, datetime) else occ.end.date()
        last = end_day - timedelta(days=1)
        return "Cả ngày" if last <= start_day else f"Cả ngày, đến {dmy(last)}"
    start, end = occ.start.astimezone(tz), occ.end.astimezone(tz)
    text = _hm(start.time())
    if end >= start:
        # A zero-length item is written "08h00 - 08h00": a bare "08h00" would
        # be read back with an assumed end, as a clerk's open item is.
        text += f" - {_hm(end.time())}"
        if end.date() != start.date():
            text += f" ({dmy(end.date())})"
    return text


def _attendee_lines(attendees: Sequence[Attendee]) -> list[str]:
    groups: dict[str, list[str]] = {"Chủ trì": [], "Thành phần": [], "Mời": []}
    for attendee in attendees:
        label = {Role.CHAIR: "Chủ trì", Role.OPTIONAL: "Mời"}.get(attendee.role, "Thành phần")
        if attendee.role is not Role.NON_PARTICIPANT:
            groups[label].append(_attendee_text(attendee))
    return [f"{label}: {', '.join(names)}" for label, names in groups.items() if names]


def _attendee_text(attendee: Attendee) -> str:
    """The attendee's name with the mark of a declined or delegated attendance.

    "Nguyễn Văn An (vắng)"; "Nguyễn Văn An (ủy quyền Trần Thị Bình dự thay)".
    """
    name = _one_line(attendee.name)
    if attendee.attendance is Attendance.DECLINED:
        return f"{name} {DECLINED_MARK}"
    if attendee.attendance is Attendance.DELEGATED:
        delegate = _one_line(attendee.delegated_to or "")
        return f"{name} {delegated_mark(delegate or None)}"
    return name


def _one_line(text: str) -> str:
    return " ".join(text.split())


@deprecated_parameters(windows={"window": ("start", "end")})
def write_weekly_docx(
    calendar: MergedCalendar,
    *,
    window: Window | tuple[date, date],
    pack: Pack,
    office: str,
    report: Report | None = None,
    issued: date | None = None,
) -> bytes:
    """The weekly work calendar (lịch công tác tuần) of *window*'s days, as DOCX.

    Arguments:
        calendar: the merged calendar; every occurrence whose local start day
            (in the pack's time zone) falls in the window is written, an
            all-day span overlapping it too.
        window: ``(first, last)`` local dates, both included (a
            :class:`~coordrules.Window`); usually Monday to Sunday. The old
            ``start=``, ``end=`` pair still works, with a ``DeprecationWarning``,
            until 0.3.0.
        pack: gives the time zone and the issuing office.
        office: id of the issuing office in ``pack.offices``; a Party office
            (one serving a "… ủy" committee) gets the Party heading, any other
            the Quốc hiệu and Tiêu ngữ.
        report: the findings to mark and list; ``calendar.findings`` when
            ``None``.
        issued: the issue date printed under the Tiêu ngữ, if given.

    What takes no one's time is marked so that the week reads back as it is
    (by :func:`~coordrules.adapters.docx.weekly_read.read_weekly_docx` or a
    clerk): a declined attendee "Nguyễn Văn An (vắng)", a delegated one
    "(ủy quyền … dự thay)", a memo (``Transparency.FREE``) "Ghi nhớ: …", a
    cancelled item "HOÃN: …".

    The output is deterministic: the same input gives the same bytes (core
    properties dated at the window's first day, fixed zip dates, no clock read).

    Raises:
        InputError: *office* is not an office of the pack, or the window's last day is before
            its first.
    """
    start, end = window
    return _write(calendar, start, end, pack, office, report, issued)


def _write(
    calendar: MergedCalendar,
    start: date,
    end: date,
    pack: Pack,
    office: str,
    report: Report | None,
    issued: date | None,
) -> bytes:
    pack_file = pack.path or pack.id
    if end < start:
        raise InputError(
            pack_file,
            f"the range ends ({end}) before it starts ({start})",
            reason_vi="ngày kết thúc trước ngày bắt đầu",
        )
    org = pack.organisation()
    issuer = org.office(office)
    if issuer is None:
        raise InputError(
            pack_file,
            f"no office {office!r} in the pack",
            place="offices",
            reason_vi=f"gói quy tắc không có văn phòng {office!r}",
            hint="use an id from the pack's offices",
        )
    tz = pack.work_calendar.tz
    everything = report.findings if report is not None else calendar.findings
    marks: dict[str, list[int]] = {}

    by_day: dict[date, list[tuple[Any, ...]]] = {}
    for merged in calendar.occurrences:
        occ = merged.occurrence
        if isinstance(occ.start, datetime):
            local = occ.start.astimezone(tz)
            day = local.date()
            key: tuple[Any, ...] = (1, local.time(), norm(occ.title), merged.id)
        else:
            end_day = occ.end if not isinstance(occ.end, datetime) else occ.end.date()
            if occ.start > end or end_day <= start:
                continue
            day = max(occ.start, start)
            key = (0, time(0), norm(occ.title), merged.id)
        if start <= day <= end:
            by_day.setdefault(day, []).append((key, merged))
    # Only what a reader of this week can act on: findings about the meetings
    # shown. Notes about the pack's assumed values or a feed's unreadable
    # event belong in the report, not in the calendar that is sent out.
    shown = {merged.id for items in by_day.values() for _, merged in items}
    findings = [f for f in everything if any(ref.id in shown for ref in f.occurrences)]
    for number, finding in enumerate(findings, start=1):
        for ref in finding.occurrences:
            numbers = marks.setdefault(ref.id, [])
            if number not in numbers:
                numbers.append(number)
    preparing = any(
        merged.occurrence.preparing_unit for items in by_day.values() for _, merged in items
    )
    headers = HEADERS if preparing else HEADERS[:-1]
    span = len(headers)

    document = new_document(landscape=True, fmt=format_values(pack, issued))
    body = body_pt(document)
    issuer_heading(document, pack, issuer, org, issued)
    weekly = (end - start).days <= 6
    title = "LỊCH CÔNG TÁC TUẦN" if weekly else "LỊCH CÔNG TÁC"
    add_paragraph(document, title, size=14, bold=True, align="center", after_pt=0)
    add_paragraph(
        document,
        f"(Từ ngày {dmy(start)} đến ngày {dmy(end)})",
        size=14,
        italic=True,
        align="center",
    )
    full = text_width_twips(document)
    # An empty "Đơn vị chuẩn bị" column is left out; its width goes to the content.
    widths = [twips_mm(28), twips_mm(84 if preparing else 110), twips_mm(62), twips_mm(42)]
    if preparing:
        widths.append(full - sum(widths))
    else:
        widths[-1] = full - sum(widths[:-1])
    table = add_table(document, widths)
    rows = [
        table_row_xml(
            [Cell([h], bold=True, align="center") for h in headers], widths, header=True, size=body
        )
    ]
    day = start
    while day <= end:
        items = sorted(by_day.get(day, []), key=lambda pair: pair[0])
        if items or day.weekday() < 5:
            rows.append(
                table_row_xml(
                    [
                        Cell(
                            [f"{WEEKDAYS_VI[day.weekday()]}, ngày {dmy(day)}"],
                            bold=True,
                            span=span,
                            shade=True,
                        )
                    ],
                    widths,
                    keep_next=True,
                    size=body,
                )
            )
        session = None
        for key, merged in items:
            occ = merged.occurrence
            if key[0] == 1:
                now = session_of(key[1])
                if now != session:
                    session = now
                    rows.append(
                        table_row_xml(
                            [Cell([now], bold=True, italic=True, span=span)],
                            widths,
                            keep_next=True,
                            size=body,
                        )
                    )
            title_text = _one_line(occ.title)
            if occ.transparency is Transparency.FREE:
                title_text = f"{MEMO_PREFIX} {title_text}"
            if occ.status is Status.CANCELLED:
                title_text = "HOÃN: " + title_text
            content = [title_text]
            if merged.id in marks:
                content.append(f"{MARK} {', '.join(str(n) for n in marks[merged.id])}")
            rows.append(
                table_row_xml(
                    [
                        Cell([_time_text(occ, tz)]),
                        Cell(content),
                        Cell(_attendee_lines(occ.attendees)),
                        Cell([_one_line(occ.venue or "")]),
                        *([Cell([_one_line(occ.preparing_unit or "")])] if preparing else []),
                    ],
                    widths,
                    size=body,
                )
            )
        day += timedelta(days=1)
    append_rows(table, rows)

    if findings:
        add_paragraph(document, "")
        add_paragraph(document, f"LƯU Ý VỀ LỊCH ({len(findings)})", bold=True)
        for number, finding in enumerate(findings, start=1):
            add_paragraph(document, f"{number}. {_finding_line(finding, tz)}", align="justify")
    add_paragraph(document, "")
    signature_block(
        document,
        recipients=[*(b.name for b in (org.body(s) for s in issuer.serves) if b), "Lưu: VT"],
        signer_title="CHÁNH VĂN PHÒNG",
    )
    return to_bytes(
        document,
        title=f"{title} {dmy(start)} - {dmy(end)}",
        when=datetime.combine(start, time(0)),
    )


def _finding_line(finding: Finding, tz: tzinfo) -> str:
    text = f"[{SEVERITY_VI[finding.severity]}] {finding.message.vi}"
    named = []
    for ref in finding.occurrences:
        when = ref.start
        if isinstance(when, datetime) and when.tzinfo is not None:
            moment = f"{_hm(when.astimezone(tz).time())} {dmy(when.astimezone(tz).date())}"
        else:
            moment = dmy(when.date() if isinstance(when, datetime) else when)
        named.append(f"{_one_line(ref.summary)} ({moment})")
    if named:
        text += " — " + "; ".join(named)
    return f"{text} [{finding.code}]"
