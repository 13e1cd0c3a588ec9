"""Merged calendars built by hand for the iCalendar tests (merge() is written elsewhere)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from coordrules import (
    Attendance,
    Attendee,
    MergedCalendar,
    MergedOccurrence,
    Occurrence,
    Role,
    Status,
)

CORPUS = sorted(
    path
    for package in (icalendar, recurring_ical_events)
    for path in Path(package.__file__).parent.rglob("*.ics")  # type: ignore[arg-type]
)
"""Every .ics file the icalendar and recurring-ical-events packages ship (others' feeds)."""

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
UTC = ZoneInfo("UTC")
STAMP = datetime(2025, 2, 1, 3, 0, tzinfo=UTC)


def merged(occurrence: Occurrence, id_: str | None = None) -> MergedOccurrence:
    """A merged occurrence with one copy (itself); id from its UID unless given."""
    return MergedOccurrence(
        id=id_ or f"m-{occurrence.uid}", occurrence=occurrence, copies=(occurrence,)
    )


def sample() -> MergedCalendar:
    """Three meetings and one all-day item, Vietnamese text, attendees, extras."""
    btv = Occurrence(
        title="Hội nghị Ban Thường vụ Tỉnh ủy quý I: đánh giá tình hình kinh tế - xã hội",
        start=datetime(2025, 3, 3, 8, 0, tzinfo=HCM),
        end=datetime(2025, 3, 3, 11, 30, tzinfo=HCM),
        source="vp-tinh-uy",
        uid="btv-q1@tinhuy.vn",
        venue="Hội trường Tỉnh ủy",
        organiser="btv-tinh-uy",
        kind="hoi-nghi-btv",
        attendees=(
            Attendee(
                "Nguyễn Văn Bí Thư",
                "bithu@tinhuy.vn",
                Role.CHAIR,
                Attendance.ACCEPTED,
                person="p-bt",
            ),
            Attendee(
                "Trần Thị Chủ Tịch",
                "chutich@ubnd.vn",
                Role.REQUIRED,
                Attendance.NEEDS_ACTION,
                person="p-ct",
            ),
        ),
        description="Tài liệu gửi trước 3 ngày làm việc.",
        categories=("BTV", "Quý I"),
        extra=(
            ("URL", "https://tinhuy.vn/lich/btv-q1"),
            ("X-MS-OLK-SENDER;X-A=1", "ai đó\\, ở đâu"),
        ),
    )
    ubnd = Occurrence(
        title="Phiên họp UBND tỉnh thường kỳ tháng 3",
        start=datetime(2025, 3, 3, 2, 0, tzinfo=UTC),
        end=datetime(2025, 3, 3, 5, 0, tzinfo=UTC),
        source="vp-ubnd",
        uid="ubnd-03",
        venue="Phòng họp UBND",
        organiser="vp@ubnd.vn",
        attendees=(
            Attendee(
                "Trần Thị Chủ Tịch",
                "chutich@ubnd.vn",
                Role.CHAIR,
                Attendance.ACCEPTED,
                person="p-ct",
            ),
            Attendee(
                "Lê Phó Chủ Tịch",
                "pct@ubnd.vn",
                Role.REQUIRED,
                Attendance.DELEGATED,
                delegated_to="gd@so.vn",
                person="p-pct",
            ),
            Attendee("Giám đốc Sở", "gd@so.vn", Role.REQUIRED, delegated_from="pct@ubnd.vn"),
        ),
        sequence=2,
        last_modified=datetime(2025, 2, 20, 1, 0, tzinfo=UTC),
        preparing_unit="Sở Kế hoạch và Đầu tư",
    )
    cancelled = Occurrence(
        title="Tiếp công dân định kỳ",
        start=datetime(2025, 3, 5, 7, 30, tzinfo=HCM),
        end=datetime(2025, 3, 5, 11, 30, tzinfo=HCM),
        source="vp-ubnd",
        uid="tcd",
        recurrence_id=datetime(2025, 3, 5, 7, 30, tzinfo=HCM),
        status=Status.CANCELLED,
        attendees=(Attendee("Trần Thị Chủ Tịch", "chutich@ubnd.vn", person="p-ct"),),
    )
    holiday = Occurrence(
        title="Nghỉ bù",
        start=date(2025, 3, 7),
        end=date(2025, 3, 8),
        source="vp-ubnd",
        uid="nghi",
    )
    return MergedCalendar(occurrences=tuple(merged(o) for o in (btv, ubnd, cancelled, holiday)))
