"""What the commands share: parsing dates and moments, printing findings."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from coordrules.model.errors import InputError
from coordrules.model.findings import Report
from coordrules.model.text import norm
from coordrules.packs.pack import Pack


def parse_as_of(text: str | None, tz: tzinfo) -> datetime:
    """The ``--as-of`` moment, local to *tz* when it has no offset; default now.

    ISO 8601 (``2026-12-06T20:00``) or as offices write it (``06/12/2026 20:00``).
    """
    if text is None:
        return datetime.now(tz).replace(microsecond=0)
    moment: datetime | None = _parse(
        text, ("%d/%m/%Y %H:%M", "%d/%m/%Y %Hh%M", "%d/%m/%Y"), datetime
    )
    if moment is None:
        raise InputError(
            "--as-of",
            f"not a date-time: {text!r}",
            reason_vi="không phải ngày giờ",
            hint="e.g. 2026-03-10T09:00 or 10/03/2026 09:00",
        )
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)


def _parse(text: str, forms: tuple[str, ...], kind: type[datetime] | type[date]) -> Any:
    """ISO 8601 first, then the Vietnamese day/month/year *forms*; ``None`` if neither."""
    try:
        return kind.fromisoformat(text.strip())
    except ValueError:
        pass
    for form in forms:
        try:
            moment = datetime.strptime(text.strip(), form)
        except ValueError:
            continue
        return moment if kind is datetime else moment.date()
    return None


def parse_date(text: str, option: str) -> date:
    """A ``--from``/``--to`` date: ISO 8601 (``2026-12-07``) or ``07/12/2026``."""
    found: date | None = _parse(text, ("%d/%m/%Y",), date)
    if found is None:
        raise InputError(
            option,
            f"not a date: {text!r}",
            reason_vi="không phải ngày",
            hint="e.g. 2026-12-07 or 07/12/2026",
        )
    return found


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


def office_id(pack: Pack, text: str, option: str = "--office") -> str:
    """The id of the office *text* names (its id, name or an alias), else an error.

    Raises :class:`~coordrules.InputError` naming *option* and listing the
    pack's offices.
    """
    wanted = norm(text)
    for office in pack.offices:
        if wanted in {norm(office.id), norm(office.name), *(norm(a) for a in office.aliases)}:
            return office.id
    raise InputError(
        option,
        f"no office {text!r} in pack {pack.id!r}",
        reason_vi=f"gói quy tắc không có văn phòng {text!r}",
        hint="offices: " + ", ".join(f"{o.id} ({o.name})" for o in pack.offices),
    )
