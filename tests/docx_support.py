"""Hand-built packs, directories and merged calendars for the DOCX tests.

The pack and the merge are written by other developers in parallel; these
tests build the objects by hand so that they depend only on the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from coordrules import (
    Appointment,
    Attendee,
    Body,
    Directory,
    MergedCalendar,
    MergedOccurrence,
    Occurrence,
    Office,
    Pack,
    Person,
    Position,
    Role,
)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

PACK = Pack(
    id="test-province",
    name="Tỉnh thử nghiệm",
    bodies=(
        Body("tinh-uy", "Tỉnh ủy Quảng Nam", form="party"),
        Body("btv-tinh-uy", "Ban Thường vụ Tỉnh ủy", parent="tinh-uy"),
        Body("hdnd", "HĐND tỉnh Quảng Nam"),
        Body("doan-dbqh", "Đoàn ĐBQH tỉnh Quảng Nam"),
        Body("ubnd", "UBND tỉnh Quảng Nam"),
        Body("bcsd-ubnd", "Ban cán sự đảng UBND tỉnh", parent="ubnd", form="party"),
    ),
    offices=(
        Office("vp-tinh-uy", "Văn phòng Tỉnh ủy", serves=("tinh-uy", "btv-tinh-uy")),
        Office("vp-doan-dbqh-hdnd", "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
               serves=("doan-dbqh", "hdnd")),
        Office("vp-ubnd", "Văn phòng UBND tỉnh", serves=("ubnd", "bcsd-ubnd")),
    ),
    positions=(
        Position("ct-ubnd", "ubnd", "Chủ tịch UBND tỉnh", aliases=("CT UBND tỉnh",)),
        Position("bi-thu", "tinh-uy", "Bí thư Tỉnh ủy"),
    ),
)  # fmt: skip

DIRECTORY = Directory(
    people=(
        Person("nguyen-van-a", "Nguyễn Văn A", aliases=("Đồng chí A",)),
        Person("tran-thi-b", "Trần Thị B"),
        Person("le-van-c", "Lê Văn C"),
    ),
    appointments=(
        Appointment("nguyen-van-a", "ct-ubnd", since=date(2024, 1, 1)),
        Appointment("tran-thi-b", "bi-thu", since=date(2020, 1, 1)),
    ),
)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """An aware datetime in the pack's zone."""
    return datetime.combine(day, time(hour, minute), TZ)


def occurrence(
    title: str,
    start: datetime | date,
    end: datetime | date,
    *,
    venue: str | None = None,
    chair: Sequence[str] = (),
    attendees: Sequence[str] = (),
    preparing: str | None = None,
    source: str = "vp-ubnd",
    uid: str | None = None,
) -> Occurrence:
    """An occurrence with chairs and required attendees by name."""
    people = tuple(Attendee(n, role=Role.CHAIR) for n in chair) + tuple(
        Attendee(n) for n in attendees
    )
    return Occurrence(
        title=title,
        start=start,
        end=end,
        source=source,
        uid=uid or f"{title}-{start.isoformat()}@test",
        venue=venue,
        attendees=people,
        preparing_unit=preparing,
    )


def merged(*occurrences: Occurrence) -> MergedCalendar:
    """A merged calendar with one copy per occurrence, ids m1, m2 …"""
    return MergedCalendar(
        occurrences=tuple(
            MergedOccurrence(f"m{i}", occ, (occ,)) for i, occ in enumerate(occurrences, start=1)
        )
    )


def calendar_table(document: Any) -> Any:
    """The weekly calendar's table: the one whose first row repeats as a header."""
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for table in document.findall(f"{W}body/{W}tbl"):
        first = table.find(f"{W}tr")
        if first is not None and first.find(f"{W}trPr/{W}tblHeader") is not None:
            return table
    raise AssertionError("no table with a repeated header row")
