"""A small invented province for the calendar tests (names are made up).

Built directly in Python so that these tests do not depend on the pack
loader. Three offices, the bodies they serve, a few positions and people,
two venues with a travel time, and a calendar policy whose values carry
``local`` and ``assumed`` bases so the tests can see both.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from coordrules import (
    Appointment,
    Attendance,
    Attendee,
    Basis,
    Body,
    CalendarPolicy,
    Deadline,
    DeadlineSide,
    DeadlineUnit,
    Directory,
    MeetingKind,
    Occurrence,
    Office,
    Pack,
    Person,
    Position,
    Role,
    SourcedValue,
    TravelTime,
    Venue,
    VersionedRule,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLUS7 = timezone(timedelta(hours=7))
__all__ = ["PLUS7", "UTC", "VN"]

BODIES = (
    Body("tinh-uy", "Tỉnh ủy"),
    Body("btv-tinh-uy", "Ban Thường vụ Tỉnh ủy", parent="tinh-uy"),
    Body("hdnd", "HĐND tỉnh"),
    Body("tt-hdnd", "Thường trực HĐND tỉnh", parent="hdnd"),
    Body("ubnd", "UBND tỉnh", aliases=("Ủy ban nhân dân tỉnh",)),
)
OFFICES = (
    Office("vp-tinh-uy", "Văn phòng Tỉnh ủy", serves=("tinh-uy",)),
    Office("vp-doan-dbqh-hdnd", "Văn phòng Đoàn ĐBQH và HĐND tỉnh", serves=("hdnd",)),
    Office("vp-ubnd", "Văn phòng UBND tỉnh", serves=("ubnd",), aliases=("VP UBND",)),
)
POSITIONS = (
    Position("bi-thu", "tinh-uy", "Bí thư Tỉnh ủy", deputies=("pho-bi-thu",)),
    Position("pho-bi-thu", "tinh-uy", "Phó Bí thư Tỉnh ủy"),
    Position("chu-tich-ubnd", "ubnd", "Chủ tịch UBND tỉnh", deputies=("pct-ubnd-1", "pct-ubnd-2")),
    Position("pct-ubnd-1", "ubnd", "Phó Chủ tịch Thường trực UBND tỉnh"),
    Position("pct-ubnd-2", "ubnd", "Phó Chủ tịch UBND tỉnh"),
    Position("chu-tich-hdnd", "hdnd", "Chủ tịch HĐND tỉnh"),
)
KINDS = (
    MeetingKind("btv-conference", "Hội nghị Ban Thường vụ", "btv-tinh-uy", "vp-tinh-uy"),
    MeetingKind("hdnd-session", "Kỳ họp HĐND", "hdnd", "vp-doan-dbqh-hdnd"),
    MeetingKind("ubnd-meeting", "Phiên họp UBND", "ubnd", "vp-ubnd"),
)
DIRECTORY = Directory(
    people=(
        Person("nguyen-van-an", "Nguyễn Văn An", emails=("an@example.vn",)),
        Person("tran-thi-binh", "Trần Thị Bình", emails=("binh@example.vn",), aliases=("Bà Bình",)),
        Person("le-van-cuong", "Lê Văn Cường", emails=("cuong@example.vn",)),
        Person("pham-thi-dung", "Phạm Thị Dung", emails=("dung@example.vn",)),
        Person("hoang-van-em", "Hoàng Văn Em", emails=("em@example.vn",)),
    ),
    appointments=(
        Appointment("nguyen-van-an", "bi-thu"),
        Appointment("tran-thi-binh", "chu-tich-ubnd"),
        Appointment("le-van-cuong", "pct-ubnd-1"),
        Appointment("pham-thi-dung", "pct-ubnd-2"),
        Appointment("hoang-van-em", "chu-tich-hdnd", since=date(2024, 1, 1)),
        Appointment("hoang-van-em", "pho-bi-thu"),
    ),
    venues=(
        Venue("hall-a", "Hội trường A, trụ sở Tỉnh ủy", aliases=("Hội trường A",)),
        Venue("room-2", "Phòng họp số 2 UBND tỉnh", aliases=("Phòng 2",)),
        Venue("room-3", "Phòng họp số 3 UBND tỉnh", aliases=("Phòng 3",)),
    ),
    travel_times=(TravelTime("hall-a", "room-2", 40, cite="Đo thực tế", basis=Basis.LOCAL),),
)

CONFIRM = VersionedRule(
    "calendar.confirmation-deadline",
    (
        SourcedValue(
            Deadline(1, DeadlineUnit.WORKING_DAYS, DeadlineSide.BEFORE),
            "Quy chế phối hợp (ví dụ), Điều 5",
            Basis.LOCAL,
        ),
    ),
)
NOTICE = VersionedRule(
    "calendar.change-notice",
    (SourcedValue(Deadline(2, DeadlineUnit.DAYS, DeadlineSide.BEFORE), None, Basis.ASSUMED),),
)
PRECEDENCE: VersionedRule[tuple[str, ...]] = VersionedRule(
    "calendar.precedence",
    (
        SourcedValue(
            ("btv-conference", "hdnd-session", "ubnd-meeting"),
            None,
            Basis.ASSUMED,
        ),
    ),
)
TRAVEL = VersionedRule("calendar.default-travel-minutes", (SourcedValue(20, None, Basis.ASSUMED),))

PACK = Pack(
    id="test-province",
    name="Tỉnh Thử nghiệm",
    bodies=BODIES,
    offices=OFFICES,
    positions=POSITIONS,
    meeting_kinds=KINDS,
    policy=CalendarPolicy(
        confirmation_deadline=CONFIRM,
        change_notice=NOTICE,
        precedence=PRECEDENCE,
        default_travel_minutes=TRAVEL,
    ),
    rules=(CONFIRM, NOTICE, PRECEDENCE, TRAVEL),
)

BARE_PACK = Pack(id="bare", name="Bare", bodies=BODIES, offices=OFFICES, positions=POSITIONS)
"""The same structure with no calendar policy at all."""


def at(day: int, hour: int, minute: int = 0, *, month: int = 3, tz: object = VN) -> datetime:
    """An aware moment in March 2025 (Monday 3 March is a working day)."""
    return datetime(2025, month, day, hour, minute, tzinfo=tz)  # type: ignore[arg-type]


def meeting(
    title: str,
    start: datetime,
    end: datetime,
    *,
    source: str = "vp-ubnd",
    uid: str | None = None,
    attendees: tuple[Attendee, ...] = (),
    **fields: object,
) -> Occurrence:
    """An occurrence with sensible defaults."""
    return Occurrence(
        title=title,
        start=start,
        end=end,
        source=source,
        uid=uid or f"{title}-{start.isoformat()}@{source}",
        attendees=attendees,
        **fields,  # type: ignore[arg-type]
    )


def person(
    name: str,
    email: str | None = None,
    *,
    role: Role = Role.REQUIRED,
    attendance: Attendance = Attendance.ACCEPTED,
    **fields: object,
) -> Attendee:
    """An attendee, accepted by default."""
    return Attendee(name, email, role=role, attendance=attendance, **fields)  # type: ignore[arg-type]
