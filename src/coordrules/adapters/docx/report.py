"""Any :class:`~coordrules.model.findings.Report` as an official DOCX (báo cáo kết quả kiểm tra).

Calendar reports and dossier checklists alike: the heading block of the
issuing office, the title, the moment and window checked, a summary by
severity, then the findings grouped by severity (Lỗi, Cảnh báo, Thông tin)
and, inside each, by the office that must act.

The office that must act on a finding is
:func:`coordrules.rules.offices.acting_office`; findings for which it finds
none are grouped under "Chưa xác định đơn vị".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
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
    size_pt,
    table_row_xml,
    text_width_twips,
    to_bytes,
    twips_mm,
)
from coordrules.model.errors import InputError
from coordrules.model.events import MergedCalendar
from coordrules.model.findings import Finding, Report, Severity
from coordrules.model.org import Directory
from coordrules.model.text import vn_moment
from coordrules.packs.pack import Pack
from coordrules.rules.dossier import ChecklistRow, late_by_vi
from coordrules.rules.offices import acting_office

SEVERITY_TITLES = {
    Severity.ERROR: "LỖI CẦN KHẮC PHỤC",
    Severity.WARNING: "CẢNH BÁO",
    Severity.INFO: "THÔNG TIN",
}
UNASSIGNED = "Chưa xác định đơn vị"
_ROMAN = ("I", "II", "III", "IV")
_BASIS_VI = {"statute": "văn bản pháp luật", "local": "quy định địa phương", "assumed": "giả định"}
_EPOCH = datetime(2000, 1, 1)


def _when(report: Report) -> datetime:
    return report.as_of or _EPOCH


def write_report_docx(
    report: Report,
    *,
    pack: Pack,
    office: str,
    title: str,
    calendar: MergedCalendar | None = None,
    directory: Directory | None = None,
    issued: date | None = None,
    checklist: Sequence[ChecklistRow] | None = None,
) -> bytes:
    """*report* as an official DOCX issued by *office* (an office id of *pack*).

    With *checklist* (the rows of :func:`coordrules.rules.dossier.checklist`), the
    document is a dossier checklist (phiếu kiểm tra hồ sơ): a table of every
    required document, its deadline, its state and its source comes before
    the findings.

    Findings are grouped by severity, then by the office that must act
    (:func:`~coordrules.rules.offices.acting_office`; pass *calendar* so that
    occurrences can be traced to their organiser). Each finding shows its
    Vietnamese message, its code, the occurrences or documents it names, and
    the rule's source (cite and basis; an ``assumed`` basis is said).
    Deterministic: the same report gives the same bytes (dated at
    ``report.as_of``, no clock read).

    Raises:
        InputError: *office* is not an office of *pack*.
    """
    org = pack.organisation(directory)
    issuer = org.office(office)
    if issuer is None:
        raise InputError(
            pack.path or pack.id,
            f"no office {office!r} in the pack",
            place="offices",
            reason_vi=f"gói quy tắc không có văn phòng {office!r}",
            hint="use an id from the pack's offices",
        )
    occurrences = {} if calendar is None else {m.id: m for m in calendar.occurrences}
    document = new_document(landscape=False, fmt=format_values(pack, issued))
    body = body_pt(document)
    fmt = issuer_heading(document, pack, issuer, org, issued)
    add_paragraph(
        document,
        title.upper(),
        size=size_pt(fmt, "state.title_size"),
        bold=True,
        align="center",
        after_pt=0,
    )
    facts = []
    if report.as_of:
        facts.append(f"Thời điểm kiểm tra: {vn_moment(report.as_of)}")
    if report.window:
        first, last = (vn_moment(d) for d in report.window)
        facts.append(f"Phạm vi: từ {first} đến {last}")
    if facts:
        add_paragraph(document, "; ".join(facts), italic=True, align="center")
    summary = report.summary
    add_paragraph(
        document,
        f"Tổng hợp: {summary['error']} lỗi, {summary['warning']} cảnh báo, "
        f"{summary['info']} thông tin.",
        bold=True,
    )
    for source in report.sources:
        add_paragraph(
            document,
            f"- Nguồn {source.name}: {source.occurrences} mục, {source.problems} vấn đề khi đọc.",
        )
    if checklist is not None:
        _checklist_table(document, checklist)
    if not report.findings:
        add_paragraph(document, "Không phát hiện vấn đề nào.", italic=True)
    full = text_width_twips(document)
    widths = [twips_mm(12), 0, twips_mm(50), twips_mm(38)]
    widths[1] = full - sum(widths)
    section = 0
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        findings = [f for f in report.findings if f.severity is severity]
        if not findings:
            continue
        groups: dict[str, list[Finding]] = {}
        for finding in findings:
            acting = acting_office(finding, org, occurrences)
            groups.setdefault(UNASSIGNED if acting is None else acting.id, []).append(finding)
        order = [o.id for o in org.offices if o.id in groups]
        if UNASSIGNED in groups:
            order.append(UNASSIGNED)
        add_paragraph(
            document,
            f"{_ROMAN[section]}. {SEVERITY_TITLES[severity]} ({len(findings)})",
            bold=True,
            before_pt=12,
            keep_next=True,
        )
        section += 1
        for number, group in enumerate(order, start=1):
            found = org.office(group)
            name = UNASSIGNED if found is None else found.name
            add_paragraph(
                document,
                f"{number}. {name} ({len(groups[group])})",
                bold=True,
                italic=True,
                keep_next=True,
            )
            table = add_table(document, widths)
            head = ["STT", "Nội dung", "Cuộc họp, tài liệu", "Căn cứ"]
            rows = [
                table_row_xml(
                    [Cell([h], bold=True, align="center") for h in head],
                    widths,
                    header=True,
                    size=body,
                )
            ]
            for index, finding in enumerate(groups[group], start=1):
                rows.append(
                    table_row_xml(
                        [
                            Cell([str(index)], align="center"),
                            Cell(_content(finding)),
                            Cell(_subjects(finding)),
                            Cell(_source(finding)),
                        ],
                        widths,
                        size=body,
                    )
                )
            append_rows(table, rows)
    return to_bytes(document, title=title, when=_when(report))


CHECKLIST_STATES = {
    "received": "Đã nhận",
    "late": "Gửi muộn",
    "missing": "Thiếu, quá hạn",
    "due": "Chưa đến hạn",
}
"""How the checklist names each state of a required document."""


def _vietnamese(text: str) -> str:
    """The Vietnamese half of a bilingual pack label ``"Tờ trình / submission"``."""
    return text.split(" / ")[0].strip()


def _checklist_table(document: Any, rows: Sequence[ChecklistRow]) -> None:
    add_paragraph(document, f"THÀNH PHẦN HỒ SƠ ({len(rows)})", bold=True, keep_next=True)
    body = body_pt(document)
    full = text_width_twips(document)
    widths = [twips_mm(13), 0, twips_mm(28), twips_mm(30), twips_mm(35)]
    widths[1] = full - sum(widths)
    head = ["STT", "Tài liệu", "Hạn", "Tình trạng", "Căn cứ"]
    xml = [
        table_row_xml(
            [Cell([h], bold=True, align="center") for h in head], widths, header=True, size=body
        )
    ]
    for index, row in enumerate(rows, start=1):
        what = [_vietnamese(row.requirement.name)]
        if row.item is not None:
            what.append(f"Nội dung: {row.item.title}")
        if row.document is not None:
            what.append(f"Tệp: {Path(row.document.path).name}")
        state = CHECKLIST_STATES.get(row.state, row.state)
        if row.late_by:
            state = f"{state} ({late_by_vi(row.late_by)})"
        basis = row.requirement.sourced().basis.value
        cite = _vietnamese(row.requirement.cite or "—")
        source = [cite, f"Cơ sở: {_BASIS_VI.get(basis, basis)}"]
        xml.append(
            table_row_xml(
                [
                    Cell([str(index)], align="center"),
                    Cell(what),
                    Cell(
                        [
                            row.deadline.strftime("%H:%M %d/%m/%Y"),
                            row.requirement.deadline.describe_vi(),
                        ]
                    ),
                    Cell([state], bold=row.state in ("missing", "late")),
                    Cell(source),
                ],
                widths,
                size=body,
            )
        )
    append_rows(add_table(document, widths), xml)


def _content(finding: Finding) -> list[str]:
    lines = [finding.message.vi, f"Mã: {finding.code}"]
    if finding.file:
        where = finding.file if finding.place is None else f"{finding.file}, {finding.place}"
        lines.append(f"Tệp: {where}")
    if finding.subjects:
        lines.append("Liên quan: " + ", ".join(finding.subjects))
    return lines


def _subjects(finding: Finding) -> list[str]:
    lines: list[str] = []
    for ref in finding.occurrences:
        text = f"{ref.summary} ({vn_moment(ref.start)}"
        text += ")" if ref.venue is None else f", {ref.venue})"
        lines.append(text)
    for doc in finding.documents:
        lines.append(" ".join(x for x in (doc.type, doc.title or doc.path or doc.id) if x))
    return lines


def _source(finding: Finding) -> list[str]:
    lines: list[Any] = []
    if finding.cite:
        lines.append(finding.cite)
    if finding.basis is not None:
        lines.append(f"Cơ sở: {_BASIS_VI.get(finding.basis.value, finding.basis.value)}")
    lines.append(f"Quy tắc: {finding.rule}")
    return [str(x) for x in lines]
