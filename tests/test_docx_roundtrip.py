"""Round trip: write a week, read it back, the same occurrences (Vietnamese text)."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from coordrules import (
    Attendance,
    Attendee,
    Occurrence,
    Role,
    Status,
    Transparency,
    read_weekly_docx,
    write_weekly_docx,
)
from docx_support import PACK, TZ, merged

MONDAY = date(2026, 12, 7)
SUNDAY = MONDAY + timedelta(days=6)
LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
ALPHABET = LETTERS + LETTERS.upper() + "    "


def words(min_size: int = 1) -> st.SearchStrategy[str]:
    # Text a person would type: starts with a letter, letters and spaces, in NFC or NFD.
    text = st.text(alphabet=ALPHABET, min_size=min_size, max_size=30).filter(
        lambda t: (
            t[:1].strip() != ""
            and not unicodedata.normalize("NFC", t).lower().startswith(("đc ", "đồng chí ", "hoãn"))
        )
    )
    return st.one_of(text, text.map(lambda t: unicodedata.normalize("NFD", t)))


@st.composite
def occurrences(draw: Any, index: int) -> Occurrence:
    day = MONDAY + timedelta(days=draw(st.integers(0, 6)))
    if draw(st.integers(0, 9)) == 0:
        length = draw(st.integers(1, 3))
        start: Any = day
        end: Any = min(day + timedelta(days=length), SUNDAY + timedelta(days=1))
    else:
        minutes = draw(st.integers(0, 23 * 12)) * 5
        start = datetime.combine(day, time(minutes // 60, minutes % 60), TZ)
        end = start + timedelta(minutes=5 * draw(st.integers(1, 12 * 8)))
    people = draw(
        st.lists(st.tuples(st.sampled_from([Role.CHAIR, Role.REQUIRED, Role.OPTIONAL]), words()),
                 max_size=4)
    )  # fmt: skip
    answers = draw(
        st.lists(st.sampled_from([Attendance.NEEDS_ACTION, Attendance.DECLINED,
                                  Attendance.DELEGATED]),
                 min_size=len(people), max_size=len(people))
    )  # fmt: skip
    delegates = draw(
        st.lists(st.none() | words().filter(lambda t: not t.lower().startswith("cho ")),
                 min_size=len(people), max_size=len(people))
    )  # fmt: skip
    return Occurrence(
        title=draw(words()),
        start=start,
        end=end,
        source="vp-ubnd",
        uid=f"u{index}@test",
        venue=draw(st.none() | words()),
        preparing_unit=draw(st.none() | words()),
        attendees=tuple(
            Attendee(
                name,
                role=role,
                attendance=answer,
                delegated_to=delegate if answer is Attendance.DELEGATED else None,
            )
            for (role, name), answer, delegate in zip(people, answers, delegates, strict=True)
        ),
        status=draw(st.sampled_from([Status.CONFIRMED, Status.CONFIRMED, Status.CANCELLED])),
        transparency=draw(st.sampled_from([Transparency.BUSY, Transparency.FREE])),
    )


def _key(occ: Occurrence) -> tuple[Any, ...]:
    def text(value: str | None) -> str | None:
        return None if value is None else " ".join(unicodedata.normalize("NFC", value).split())

    return (
        text(occ.title),
        occ.start.isoformat() if isinstance(occ.start, date) and not isinstance(occ.start, datetime)
        else occ.start.astimezone(TZ).isoformat(),
        occ.end.isoformat() if isinstance(occ.end, date) and not isinstance(occ.end, datetime)
        else occ.end.astimezone(TZ).isoformat(),
        text(occ.venue),
        text(occ.preparing_unit),
        occ.status,
        occ.transparency,
        tuple(
            sorted(
                (a.role.value, text(a.name) or "", a.attendance.value, text(a.delegated_to) or "")
                for a in occ.attendees
            )
        ),
    )  # fmt: skip


@given(st.lists(st.integers(), max_size=12).flatmap(
    lambda xs: st.tuples(*(occurrences(i) for i in range(len(xs))))
))  # fmt: skip
def test_write_then_read_gives_the_same_occurrences(items: tuple[Occurrence, ...]) -> None:
    data = write_weekly_docx(merged(*items), window=(MONDAY, SUNDAY), pack=PACK, office="vp-ubnd")
    back = read_weekly_docx(data, name="roundtrip", pack=PACK)
    assert back.problems == ()
    assert sorted(map(_key, back.occurrences), key=repr) == sorted(map(_key, items), key=repr)
    # Reading twice gives the same UIDs, all distinct.
    uids = [o.uid for o in back.occurrences]
    assert uids == [o.uid for o in read_weekly_docx(data, name="roundtrip").occurrences]
    assert len(set(uids)) == len(uids)
