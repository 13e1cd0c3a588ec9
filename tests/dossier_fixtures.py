"""A test pack with dossier requirements (the bundled work calendar: 2025, 2026 announced)."""

from __future__ import annotations

from datetime import date, timedelta

from coordrules import Basis, Deadline, DeadlineUnit, MeetingKind, Pack, Requirement, load_pack
from coordrules.model.values import DeadlineSide

WORK_CALENDAR = load_pack("vn-province").work_calendar
"""The bundled calendar: 2025 and 2026 are pack data (python-holidays misses 2 Jan 2026
off and 10 Jan 2026 worked, and older releases miss more), so deadlines in those years do
not depend on the installed holidays release."""

CHANGE = date(2025, 7, 1)
"""The test requirement for the tờ trình changes on this date."""


def requirements() -> tuple[Requirement, ...]:
    three_wd = Deadline(3, DeadlineUnit.WORKING_DAYS)
    return (
        Requirement(
            id="ubnd-documents",
            meeting_kind="ubnd-meeting",
            document="to-trinh",
            name="Tờ trình",
            deadline=three_wd,
            item_kind="decision",
            cite="QĐ 45/2018/QĐ-TTg, Điều 10",
            basis=Basis.STATUTE,
        ),
        Requirement(
            id="ubnd-conclusion",
            meeting_kind="ubnd-meeting",
            document="thong-bao-ket-luan",
            name="Thông báo kết luận",
            deadline=Deadline(5, DeadlineUnit.WORKING_DAYS, DeadlineSide.AFTER, "end"),
            cite="QĐ 45/2018/QĐ-TTg",
            basis=Basis.STATUTE,
        ),
        Requirement(
            id="ubnd-invitation",
            meeting_kind="ubnd-meeting",
            document="giay-moi",
            name="Giấy mời",
            deadline=three_wd,
            condition="not:urgent",
            cite="QĐ 45/2018/QĐ-TTg",
            basis=Basis.STATUTE,
        ),
        Requirement(
            id="hdnd-to-trinh-old",
            meeting_kind="hdnd-session",
            document="to-trinh",
            name="Tờ trình",
            deadline=Deadline(20, DeadlineUnit.DAYS),
            item_kind="draft-normative-resolution",
            basis=Basis.ASSUMED,
            until=CHANGE,
        ),
        Requirement(
            id="hdnd-to-trinh",
            meeting_kind="hdnd-session",
            document="to-trinh",
            name="Tờ trình",
            deadline=Deadline(10, DeadlineUnit.WORKING_DAYS),
            item_kind="draft-normative-resolution",
            basis=Basis.LOCAL,
            cite="Quy chế phối hợp (local)",
            since=CHANGE,
        ),
        Requirement(
            id="hdnd-tham-tra",
            meeting_kind="hdnd-session",
            document="bao-cao-tham-tra",
            name="Báo cáo thẩm tra",
            deadline=Deadline(10, DeadlineUnit.DAYS),
            item_kind="draft-normative-resolution",
            cite="Luật Hoạt động giám sát 87/2015/QH13, Điều 78(1)",
            basis=Basis.STATUTE,
        ),
        Requirement(
            id="hdnd-policy-impact",
            meeting_kind="hdnd-session",
            document="bao-cao-danh-gia-tac-dong",
            name="Báo cáo đánh giá tác động chính sách",
            deadline=Deadline(10, DeadlineUnit.DAYS),
            item_kind="draft-normative-resolution",
            condition="policy-impact",
            basis=Basis.ASSUMED,
        ),
    )


def make_pack(reqs: tuple[Requirement, ...] | None = None) -> Pack:
    return Pack(
        id="test",
        name="Test pack",
        meeting_kinds=(
            MeetingKind("ubnd-meeting", "Phiên họp UBND", "ubnd", "vp-ubnd"),
            MeetingKind("hdnd-session", "Kỳ họp HĐND", "hdnd", "vp-doan-dbqh-hdnd"),
        ),
        work_calendar=WORK_CALENDAR,
        requirements=requirements() if reqs is None else reqs,
    )


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=k) for k in range((end - start).days + 1)]
