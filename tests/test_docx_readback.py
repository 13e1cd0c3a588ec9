"""The weekly calendar reads back as the week it shows (issue 12).

A weekly-calendar DOCX that coordrules writes, read back as another office
would import it, gives each person the same busy time: a declined or
delegated attendee is marked "(vắng)" / "(ủy quyền … dự thay)" and a memo
that blocks no time is marked "Ghi nhớ:", and both marks are read back, also
when a clerk types them in a file coordrules did not write.
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordrules import (
    Attendance,
    Attendee,
    MergedCalendar,
    Occurrence,
    Role,
    SourceCalendar,
    Status,
    Transparency,
    check_calendar,
    merge,
    read_weekly_docx,
    write_weekly_docx,
)
from coordrules.rules.identity import resolve_occurrence
from coordrules.testing import calendars
from fixtures_calendar import DIRECTORY, PACK, VN
from test_docx_libreoffice import _pages, _pdf

MONDAY = date(2025, 3, 3)
SUNDAY = MONDAY + timedelta(days=6)
AS_OF = datetime(2025, 3, 1, tzinfo=VN)


def _write(calendar: MergedCalendar) -> bytes:
    return write_weekly_docx(calendar, window=(MONDAY, SUNDAY), pack=PACK, office="vp-ubnd")


def _read_back(calendar: MergedCalendar) -> MergedCalendar:
    back = read_weekly_docx(_write(calendar), name="vp-ubnd", pack=PACK, directory=DIRECTORY)
    assert back.problems == ()
    return merge([back], PACK, DIRECTORY)


def _busy(calendar: MergedCalendar) -> dict[str, Counter[tuple[datetime, datetime]]]:
    """Each person's busy intervals (UTC), counted: what double bookings are made of."""
    org = PACK.organisation(DIRECTORY)
    tz = PACK.work_calendar.tz
    out: dict[str, Counter[tuple[datetime, datetime]]] = {}
    for merged in calendar.occurrences:
        occ = resolve_occurrence(merged.occurrence, org, tz)
        if occ.status is Status.CANCELLED or occ.transparency is Transparency.FREE:
            continue
        start, end = occ.instants(tz)
        for person in {a.key for a in occ.attendees if a.counts_as_busy}:
            out.setdefault(person, Counter())[(start.astimezone(UTC), end.astimezone(UTC))] += 1
    return out


def _double_bookings(calendar: MergedCalendar) -> list[Any]:
    """The person-double-booked findings: who, and which meetings (title, start in UTC)."""
    report = check_calendar(calendar, PACK, DIRECTORY, as_of=AS_OF)

    def when(moment: date | datetime) -> str:
        if isinstance(moment, datetime) and moment.tzinfo is not None:
            return moment.astimezone(UTC).isoformat()
        return moment.isoformat()

    return sorted(
        (
            f.subjects,
            tuple(sorted((" ".join(r.summary.split()), when(r.start)) for r in f.occurrences)),
        )
        for f in report.findings
        if f.code == "person-double-booked"
    )


@settings(max_examples=60, deadline=None)
# Meetings from Tuesday to Friday, so that a planted double booking (which may
# start a little before or end a little after its pair) stays inside the week.
@given(
    calendars(window=(MONDAY + timedelta(days=1), MONDAY + timedelta(days=4)), double_booking=True)
)
def test_the_week_read_back_keeps_busy_time_and_double_bookings(
    sources: list[SourceCalendar],
) -> None:
    calendar = merge(sources, PACK, DIRECTORY)
    back = _read_back(calendar)
    assert len(back.occurrences) == len(calendar.occurrences)
    assert _busy(back) == _busy(calendar)
    assert _double_bookings(back) == _double_bookings(calendar)
    # Every answer (PARTSTAT) survives: accepted, tentative, declined, delegated, none yet.
    assert _answers(back) == _answers(calendar)


def _answers(calendar: MergedCalendar) -> Counter[tuple[Any, ...]]:
    """Each listed attendee's answer, by meeting (title, start in UTC): what the week shows."""
    tz = PACK.work_calendar.tz
    out: Counter[tuple[Any, ...]] = Counter()
    for merged in calendar.occurrences:
        occ = merged.occurrence
        start = occ.instants(tz)[0].astimezone(UTC)
        for a in occ.attendees:
            if a.role is not Role.NON_PARTICIPANT:
                who = " ".join(a.name.split())
                out[(" ".join(occ.title.split()), start, who, a.attendance, a.delegated_to)] += 1
    return out


def _occ(title: str, hour: int, people: tuple[Attendee, ...], **kw: Any) -> Occurrence:
    start = datetime(2025, 3, 4, hour, tzinfo=VN)
    return Occurrence(
        title=title,
        start=start,
        end=start + timedelta(hours=2),
        source="vp-ubnd",
        uid=f"{title}@test",
        attendees=people,
        **kw,
    )


def _one(occurrences: tuple[Occurrence, ...]) -> MergedCalendar:
    return merge([SourceCalendar("vp-ubnd", occurrences)], PACK, DIRECTORY)


def test_declined_attendee_is_not_read_back_as_attending() -> None:
    an = Attendee("Nguyễn Văn An", role=Role.CHAIR)
    declined = Attendee("Nguyễn Văn An", attendance=Attendance.DECLINED)
    calendar = _one((_occ("Họp giao ban", 8, (an,)), _occ("Tiếp công dân", 9, (declined,))))
    assert _double_bookings(calendar) == []
    back = _read_back(calendar)
    assert _double_bookings(back) == []
    visit = next(m.occurrence for m in back.occurrences if m.occurrence.title == "Tiếp công dân")
    assert [(a.name, a.attendance) for a in visit.attendees] == [
        ("Nguyễn Văn An", Attendance.DECLINED)
    ]


def test_delegated_attendee_is_read_back_with_the_delegate() -> None:
    sent = Attendee("Nguyễn Văn An", attendance=Attendance.DELEGATED, delegated_to="Lê Văn Cường")
    calendar = _one(
        (
            _occ("Họp giao ban", 8, (Attendee("Nguyễn Văn An"),)),
            _occ("Tiếp công dân", 9, (sent,)),
        )
    )
    back = _read_back(calendar)
    assert _double_bookings(back) == []
    visit = next(m.occurrence for m in back.occurrences if m.occurrence.title == "Tiếp công dân")
    (attendee,) = visit.attendees
    assert (attendee.name, attendee.attendance, attendee.delegated_to) == (
        "Nguyễn Văn An",
        Attendance.DELEGATED,
        "Lê Văn Cường",
    )


@pytest.mark.parametrize(
    ("answer", "mark"),
    [
        (Attendance.ACCEPTED, "(đã xác nhận)"),
        (Attendance.TENTATIVE, "(dự kiến)"),
        (Attendance.NEEDS_ACTION, ""),
    ],
)
def test_accepted_and_tentative_answers_are_written_and_read_back(
    answer: Attendance, mark: str
) -> None:
    person = Attendee("Nguyễn Văn An", role=Role.CHAIR, attendance=answer)
    data = _write(_one((_occ("Họp giao ban", 8, (person,)),)))
    shown = "\n".join(
        p.text
        for t in docx.Document(io.BytesIO(data)).tables
        for c in t._cells
        for p in c.paragraphs
    )
    assert f"Chủ trì: {' '.join(['Nguyễn Văn An', mark]).strip()}" in shown.splitlines()
    (read,) = read_weekly_docx(data, pack=PACK, directory=DIRECTORY).occurrences
    assert [(a.name, a.role, a.attendance) for a in read.attendees] == [
        ("Nguyễn Văn An", Role.CHAIR, answer)
    ]


@given(
    st.sampled_from(
        [
            ("(đã xác nhận)", Attendance.ACCEPTED),
            ("(Xác nhận dự)", Attendance.ACCEPTED),
            ("(đã xác báo)", Attendance.ACCEPTED),
            ("(DỰ KIẾN)", Attendance.TENTATIVE),
            ("(chưa xác nhận)", Attendance.TENTATIVE),
            ("(chưa chắc chắn)", Attendance.TENTATIVE),
        ]
    ),
    st.sampled_from(["", "đ/c ", "Đồng chí "]),
)
def test_every_accepted_and_tentative_spelling_is_read(
    marked: tuple[str, Attendance], comrade: str
) -> None:
    mark, answer = marked
    data = _clerk_docx(
        [("Thứ Hai, ngày 03/3/2025", "", ""), ("14h00", "Họp", f"{comrade}Nguyễn Văn An {mark}")]
    )
    (occ,) = read_weekly_docx(data, pack=PACK, directory=DIRECTORY).occurrences
    (attendee,) = occ.attendees
    assert (attendee.name, attendee.attendance, attendee.person) == (
        "Nguyễn Văn An",
        answer,
        "nguyen-van-an",
    )


def test_memo_is_not_read_back_as_a_meeting() -> None:
    an = (Attendee("Nguyễn Văn An"),)
    memo = Occurrence(
        title="Ngày Quốc tế Phụ nữ",
        start=date(2025, 3, 4),
        end=date(2025, 3, 5),
        source="vp-ubnd",
        uid="memo@test",
        transparency=Transparency.FREE,
        attendees=an,
    )
    calendar = _one((_occ("Họp giao ban", 8, an), memo))
    back = _read_back(calendar)
    assert _double_bookings(back) == []
    read = next(m.occurrence for m in back.occurrences if m.occurrence.all_day)
    assert (read.title, read.transparency, read.start) == (
        "Ngày Quốc tế Phụ nữ",
        Transparency.FREE,
        date(2025, 3, 4),
    )


def test_zero_length_item_is_read_back_with_no_length() -> None:
    start = datetime(2025, 3, 4, 8, tzinfo=VN)
    point = Occurrence("Khai mạc", start, start, "vp-ubnd", "p@test")
    (read,) = read_weekly_docx(_write(_one((point,))), pack=PACK).occurrences
    assert (read.start, read.end) == (start, start)


def test_delegate_with_a_bracket_in_the_name_is_read_back() -> None:
    sent = Attendee(
        "Nguyễn Văn An (Chủ tịch)",
        attendance=Attendance.DELEGATED,
        delegated_to="Lê Văn Cường (Phó Chủ tịch)",
    )
    (read,) = read_weekly_docx(_write(_one((_occ("Họp", 8, (sent,)),))), pack=PACK).occurrences
    assert [(a.name, a.attendance, a.delegated_to) for a in read.attendees] == [
        ("Nguyễn Văn An (Chủ tịch)", Attendance.DELEGATED, "Lê Văn Cường (Phó Chủ tịch)")
    ]


def _clerk_docx(rows: list[tuple[str, str, str]]) -> bytes:
    """A week typed by a clerk in Word: day rows, then time, content, people."""
    document = docx.Document()
    document.add_paragraph("LỊCH CÔNG TÁC TUẦN (Từ ngày 03/3/2025 đến ngày 09/3/2025)")
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(
        table.rows[0].cells, ("Thời gian", "Nội dung", "Thành phần"), strict=True
    ):
        cell.text = text
    for when, content, people in rows:
        cells = table.add_row().cells
        if not content:
            merged_cell = cells[0].merge(cells[2])
            merged_cell.text = when
            continue
        cells[0].text, cells[1].text = when, content
        cells[2].text = people
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_marks_typed_by_a_clerk_are_read() -> None:
    data = _clerk_docx(
        [
            ("Thứ Ba, ngày 04/3/2025", "", ""),
            ("Cả ngày", "Ghi nhớ: Ngày Quốc tế Phụ nữ", ""),
            ("08h00", "(Ghi nhớ) Hạn nộp báo cáo quý", "Đ/c Phạm Thị Dung"),
            (
                "8h00 - 10h00",
                "Họp giao ban",
                "Chủ trì: đ/c Nguyễn Văn An (Vắng mặt)\n"
                "Thành phần: đ/c Trần Thị Bình (vắng, uỷ quyền cho đ/c Lê Văn Cường dự thay); "
                "Hoàng Văn Em (cử đ/c Phạm Thị Dung dự thay), Lê Văn Cường (Giám đốc Sở)",
            ),
        ]
    )
    back = read_weekly_docx(data, pack=PACK, directory=DIRECTORY)
    assert back.problems == ()
    by_title = {o.title: o for o in back.occurrences}
    assert set(by_title) == {"Ngày Quốc tế Phụ nữ", "Hạn nộp báo cáo quý", "Họp giao ban"}
    assert by_title["Ngày Quốc tế Phụ nữ"].transparency is Transparency.FREE
    assert by_title["Hạn nộp báo cáo quý"].transparency is Transparency.FREE
    meeting = by_title["Họp giao ban"]
    assert meeting.transparency is Transparency.BUSY
    assert [(a.name, a.role, a.attendance, a.delegated_to) for a in meeting.attendees] == [
        ("Nguyễn Văn An", Role.CHAIR, Attendance.DECLINED, None),
        ("Trần Thị Bình", Role.REQUIRED, Attendance.DELEGATED, "Lê Văn Cường"),
        ("Hoàng Văn Em", Role.REQUIRED, Attendance.DELEGATED, "Phạm Thị Dung"),
        # A note in brackets that is no answer stays part of the name.
        ("Lê Văn Cường (Giám đốc Sở)", Role.REQUIRED, Attendance.NEEDS_ACTION, None),
    ]


@given(
    st.sampled_from(["(vắng)", "(Vắng)", "(báo vắng)", "(không dự)", "(VẮNG MẶT)"]),
    st.sampled_from(["", "đ/c ", "Đồng chí "]),
)
def test_every_declined_spelling_is_read(mark: str, comrade: str) -> None:
    data = _clerk_docx(
        [("Thứ Hai, ngày 03/3/2025", "", ""), ("14h00", "Họp", f"{comrade}Nguyễn Văn An {mark}")]
    )
    (occ,) = read_weekly_docx(data, pack=PACK, directory=DIRECTORY).occurrences
    (attendee,) = occ.attendees
    assert (attendee.name, attendee.attendance, attendee.person) == (
        "Nguyễn Văn An",
        Attendance.DECLINED,
        "nguyen-van-an",
    )


@pytest.mark.external
def test_marks_are_visible_in_the_rendering(tmp_path: Path) -> None:
    sent = Attendee("Trần Thị Bình", attendance=Attendance.DELEGATED, delegated_to="Lê Văn Cường")
    declined = Attendee("Nguyễn Văn An", role=Role.CHAIR, attendance=Attendance.DECLINED)
    memo = Occurrence(
        title="Ngày Quốc tế Phụ nữ",
        start=date(2025, 3, 5),
        end=date(2025, 3, 6),
        source="vp-ubnd",
        uid="memo@test",
        transparency=Transparency.FREE,
    )
    maybe = Attendee("Lê Văn Cường", attendance=Attendance.TENTATIVE)
    sure = Attendee("Phạm Thị Dung", attendance=Attendance.ACCEPTED)
    data = _write(_one((_occ("Tiếp công dân", 9, (declined, sent, maybe, sure)), memo)))
    text = "\n".join(_pages(_pdf(tmp_path, "marks", data)))
    people = _column(text, "Chủ trì:", "Địa điểm")
    assert "Chủ trì: Nguyễn Văn An (vắng)" in people
    assert (
        "Thành phần: Trần Thị Bình (ủy quyền Lê Văn Cường dự thay), "
        "Lê Văn Cường (dự kiến), Phạm Thị Dung (đã xác nhận)"
    ) in people
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert any("Ghi nhớ: Ngày Quốc tế Phụ nữ" in line for line in lines)


def _column(text: str, first: str, following: str) -> str:
    """The words pdftotext -layout puts in the column whose first cell line starts with *first*.

    The column runs from where *first* is written to the (centred) header of the
    column *following*; its lines are joined in order.
    """
    lines = text.splitlines()
    top = next(line for line in lines if following in line)
    left = next(line.index(first) for line in lines if first in line)
    right = top.index(following) - 3
    return " ".join(" ".join(line[left:right] for line in lines).split())
