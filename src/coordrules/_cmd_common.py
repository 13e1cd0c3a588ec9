"""What the commands share: parsing dates and moments, printing findings."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from pathlib import Path

from coordrules._errors import InputError
from coordrules._findings import Report


def parse_as_of(text: str | None, tz: tzinfo) -> datetime:
    """The ``--as-of`` moment: ISO 8601, local to *tz* when it has no offset; default now."""
    if text is None:
        return datetime.now(tz)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise InputError(
            "--as-of",
            f"not an ISO 8601 date-time: {text!r}",
            reason_vi="không phải ngày giờ ISO 8601",
            hint="e.g. 2026-03-10T09:00",
        ) from error
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)


def parse_date(text: str, option: str) -> date:
    """A ``--from``/``--to`` date (ISO 8601, ``2026-12-07``)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(
            option,
            f"not an ISO 8601 date: {text!r}",
            reason_vi="không phải ngày theo ISO 8601",
            hint="e.g. 2026-12-07",
        ) from None


def print_findings(report: Report) -> None:
    """The findings, one per line, then the summary."""
    for finding in report.findings:
        doc = (
            f" [{Path(finding.documents[0].path).name}]"
            if finding.documents and finding.documents[0].path
            else ""
        )
        print(f"  {finding.severity.value:7} {finding.code}{doc}: {finding.message.vi}")
        print(f"          {finding.message.en}")
    counts = report.summary
    print(
        f"Tổng / summary: {counts['error']} lỗi / errors, {counts['warning']} cảnh báo / "
        f"warnings, {counts['info']} thông tin / info"
    )
