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
    size_pt,
    table_row_xml,
    text_width_twips,
    to_bytes,
    twips_mm,
)
from coordrules.adapters.docx.weekly_layout import (
    ACCEPTED_MARK,
    DECLINED_MARK,
    MARK,
    MEMO_PREFIX,
    TENTATIVE_MARK,
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
from coordrules.model.text import normalise_text
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


_ANSWER_MARKS = {
    Attendance.DECLINED: DECLINED_MARK,
    Attendance.ACCEPTED: ACCEPTED_MARK,
    Attendance.TENTATIVE: TENTATIVE_MARK,
}


def _attendee_text(attendee: Attendee) -> str:
    """The attendee's name with the mark of their answer; no mark when there is none yet.

    "Nguyễn Văn An (vắng)"; "Nguyễn Văn An (ủy quyền Trần Thị Bình dự thay)";
    "Nguyễn Văn An (đã xác nhận)"; "Nguyễn Văn An (dự kiến)".
    """
    name = _one_line(attendee.name)
    if attendee.attendance is Attendance.DELEGATED:
        delegate = _one_line(attendee.delegated_to or "")
        return f"{name} {delegated_mark(delegate or None)}"
    mark = _ANSWER_MARKS.get(attendee.attendance)
    return name if mark is None else f"{name} {mark}"


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
    "(ủy quyền … dự thay)", one who accepted "(đã xác nhận)", one who may
    come "(dự kiến)" (no mark: no answer yet), a memo (``Transparency.FREE``) "Ghi nhớ: …", a
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
    by_day = _by_day(calendar, start, end, tz)
    # Only what a reader of this week can act on: findings about the meetings
    # shown. Notes about the pack's assumed values or a feed's unreadable
    # event belong in the report, not in the calendar that is sent out.
    shown = {merged.id for items in by_day.values() for _, merged in items}
    findings = [f for f in everything if any(ref.id in shown for ref in f.occurrences)]
    preparing = any(
        merged.occurrence.preparing_unit for items in by_day.values() for _, merged in items
    )

    document = new_document(landscape=True, fmt=format_values(pack, issued))
    fmt = issuer_heading(document, pack, issuer, org, issued)
    weekly = (end - start).days <= 6
    title = "LỊCH CÔNG TÁC TUẦN" if weekly else "LỊCH CÔNG TÁC"
    title_pt = size_pt(fmt, "state.title_size")
    add_paragraph(document, title, size=title_pt, bold=True, align="center", after_pt=0)
    add_paragraph(
        document,
        f"(Từ ngày {dmy(start)} đến ngày {dmy(end)})",
        size=title_pt,
        italic=True,
        align="center",
    )
    layout = _Layout(document, preparing, _marks(findings), tz)
    table = add_table(document, layout.widths)
    rows = [layout.header()]
    day = start
    while day <= end:
        rows.extend(layout.day_rows(day, sorted(by_day.get(day, []), key=lambda pair: pair[0])))
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
        fmt=fmt,
    )
    return to_bytes(
        document,
        title=f"{title} {dmy(start)} - {dmy(end)}",
        when=datetime.combine(start, time(0)),
    )


def _by_day(
    calendar: MergedCalendar, start: date, end: date, tz: tzinfo
) -> dict[date, list[tuple[Any, ...]]]:
    """The occurrences shown on each day of the range, with their sort keys.

    A timed item is shown on its local start day; an all-day span overlapping
    the range on its first day in the range (all-day items come first).
    """
    by_day: dict[date, list[tuple[Any, ...]]] = {}
    for merged in calendar.occurrences:
        occ = merged.occurrence
        if isinstance(occ.start, datetime):
            local = occ.start.astimezone(tz)
            day = local.date()
            key: tuple[Any, ...] = (1, local.time(), normalise_text(occ.title), merged.id)
        else:
            end_day = occ.end if not isinstance(occ.end, datetime) else occ.end.date()
            if occ.start > end or end_day <= start:
                continue
            day = max(occ.start, start)
            key = (0, time(0), normalise_text(occ.title), merged.id)
        if start <= day <= end:
            by_day.setdefault(day, []).append((key, merged))
    return by_day


def _marks(findings: Sequence[Finding]) -> dict[str, list[int]]:
    """The numbers of the findings (1-based) that name each occurrence id."""
    marks: dict[str, list[int]] = {}
    for number, finding in enumerate(findings, start=1):
        for ref in finding.occurrences:
            numbers = marks.setdefault(ref.id, [])
            if number not in numbers:
                numbers.append(number)
    return marks


class _Layout:
    """The calendar table's columns and how each row of it is written."""

    def __init__(
        self, document: Any, preparing: bool, marks: dict[str, list[int]], tz: tzinfo
    ) -> None:
        self.preparing = preparing
        self.headers = HEADERS if preparing else HEADERS[:-1]
        self.span = len(self.headers)
        self.marks = marks
        self.tz = tz
        self.body = body_pt(document)
        full = text_width_twips(document)
        # An empty "Đơn vị chuẩn bị" column is left out; its width goes to the content.
        widths = [twips_mm(28), twips_mm(84 if preparing else 110), twips_mm(62), twips_mm(42)]
        if preparing:
            widths.append(full - sum(widths))
        else:
            widths[-1] = full - sum(widths[:-1])
        self.widths = widths

    def header(self) -> str:
        cells = [Cell([h], bold=True, align="center") for h in self.headers]
        return table_row_xml(cells, self.widths, header=True, size=self.body)

    def label(self, text: str, *, shade: bool = False, italic: bool = False) -> str:
        """A row across the table: a day (shaded) or a session (italic)."""
        cell = Cell([text], bold=True, italic=italic, span=self.span, shade=shade)
        return table_row_xml([cell], self.widths, keep_next=True, size=self.body)

    def day_rows(self, day: date, items: list[tuple[Any, ...]]) -> list[str]:
        """The rows of one day: its label (weekdays always), then its items by session."""
        rows: list[str] = []
        if items or day.weekday() < 5:
            rows.append(self.label(f"{WEEKDAYS_VI[day.weekday()]}, ngày {dmy(day)}", shade=True))
        session = None
        for key, merged in items:
            if key[0] == 1:
                now = session_of(key[1])
                if now != session:
                    session = now
                    rows.append(self.label(now, italic=True))
            rows.append(self.item(merged))
        return rows

    def item(self, merged: Any) -> str:
        """One occurrence's row: time, content with its marks, people, venue, unit."""
        occ = merged.occurrence
        title_text = _one_line(occ.title)
        if occ.transparency is Transparency.FREE:
            title_text = f"{MEMO_PREFIX} {title_text}"
        if occ.status is Status.CANCELLED:
            title_text = "HOÃN: " + title_text
        content = [title_text]
        if merged.id in self.marks:
            content.append(f"{MARK} {', '.join(str(n) for n in self.marks[merged.id])}")
        cells = [
            Cell([_time_text(occ, self.tz)]),
            Cell(content),
            Cell(_attendee_lines(occ.attendees)),
            Cell([_one_line(occ.venue or "")]),
            *([Cell([_one_line(occ.preparing_unit or "")])] if self.preparing else []),
        ]
        return table_row_xml(cells, self.widths, size=self.body)


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
