"""What the commands share: parsing dates and moments, printing findings."""

from __future__ import annotations

import re
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from coordrules.model.errors import InputError
from coordrules.model.text import normalise_text

if TYPE_CHECKING:
    from coordrules.model.findings import Report
    from coordrules.packs.pack import Pack

DATE_RULE = "YYYY-MM-DD or DD/MM/YYYY [HH:MM]"
"""The one rule for every option that takes a date or a moment, in short for help texts."""

DAY_RULE = "YYYY-MM-DD or DD/MM/YYYY"
"""The same rule for an option that takes a day, without a time."""

DATE_RULE_TEXT = (
    "Ngày ghi YYYY-MM-DD (ISO 8601) hoặc DD/MM/YYYY; thời điểm thêm giờ HH:MM hoặc HHhMM, "
    "theo giờ của gói quy tắc nếu không ghi múi giờ. / Dates are YYYY-MM-DD (ISO 8601) or "
    "DD/MM/YYYY; a moment adds a time, HH:MM or HHhMM, in the pack's time zone unless an "
    "offset is given: 2026-12-07, 07/12/2026, 2026-12-07T09:00, 07/12/2026 09:00, 07/12/2026 9h."
)
"""The one date rule in full, in Vietnamese and English, as ``coordrules --help`` says it."""

_VN_DATE = re.compile(
    r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})"
    r"(?:(?:\s+|\s*T\s*)(?P<hour>\d{1,2})(?::(?P<minute>\d{2})|[hH](?P<minute_h>\d{2})?))?"
)


def read_moment(text: str) -> tuple[datetime, bool] | None:
    """*text* read by the one date rule: the moment and whether it gave a time; ``None`` if not.

    ISO 8601 (``2026-12-07``, ``2026-12-07T20:00``, ``2026-12-07 20:00+07:00``)
    or as offices write it (``07/12/2026``, ``7/12/2026 20:00``,
    ``07/12/2026 20h00``, ``07/12/2026 20h``). A date alone is its midnight.
    """
    text = text.strip()
    try:
        return datetime.combine(date.fromisoformat(text), time()), False
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text), True
    except ValueError:
        pass
    found = _VN_DATE.fullmatch(text)
    if found is None:
        return None
    hour, minute = found["hour"], found["minute"] or found["minute_h"]
    try:
        moment = datetime(
            int(found["year"]),
            int(found["month"]),
            int(found["day"]),
            int(hour or 0),
            int(minute or 0),
        )
    except ValueError:
        return None  # 31/02/2026, 25h00 …
    return moment, hour is not None


def parse_moment(text: str, option: str, tz: tzinfo) -> datetime:
    """A date or moment option (``--as-of``) by the one date rule, local to *tz* without offset.

    Raises :class:`~coordrules.InputError` naming *option* when *text* is
    not a date or moment.
    """
    read = read_moment(text)
    if read is None:
        raise InputError(
            option,
            f"not a date-time: {text!r}",
            reason_vi="không phải ngày hoặc ngày giờ",
            hint="e.g. 2026-12-07T09:00, 07/12/2026 09:00 or 07/12/2026",
        )
    moment = read[0]
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)


def parse_as_of(text: str | None, tz: tzinfo, option: str = "--as-of") -> datetime:
    """The ``--as-of`` moment by the one date rule, local to *tz* without offset; default now."""
    if text is None:
        return datetime.now(tz).replace(microsecond=0)
    return parse_moment(text, option, tz)


def parse_date(text: str, option: str) -> date:
    """A day option (``--from``, ``--to``) by the one date rule, without a time.

    ``2026-12-07`` or ``07/12/2026``; raises :class:`~coordrules.InputError`
    naming *option* for anything else, a time included.
    """
    read = read_moment(text)
    if read is None or read[1]:
        what = "a date, without a time" if read is not None else "not a date"
        raise InputError(
            option,
            f"{what}: {text!r}",
            reason_vi="chỉ ghi ngày, không ghi giờ" if read is not None else "không phải ngày",
            hint="e.g. 2026-12-07 or 07/12/2026",
        )
    return read[0].date()


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
    wanted = normalise_text(text)
    for office in pack.offices:
        if wanted in {
            normalise_text(office.id),
            normalise_text(office.name),
            *(normalise_text(a) for a in office.aliases),
        }:
            return office.id
    raise InputError(
        option,
        f"no office {text!r} in pack {pack.id!r}",
        reason_vi=f"gói quy tắc không có văn phòng {text!r}",
        hint="offices: " + ", ".join(f"{o.id} ({o.name})" for o in pack.offices),
    )
