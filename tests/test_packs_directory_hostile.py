"""Hostile and odd people directories (issue 11, "TOML and CSV"): each a clear PackError or a limit.

The expected rows, lines and keys are read from the files written here.
"""

from __future__ import annotations

import os
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordrules import PackError, check_directory, load_directory, load_pack
from coordrules.model.org import Appointment, Directory, Person
from coordrules.packs import limits

PACK = load_pack("vn-province")
HEADER = "person,name,emails,aliases,position,since,until\n"
CSV = (
    HEADER
    + "nguyen-van-a,Nguyễn Văn A,a@tinh.gov.vn,,chu-tich-ubnd,2021-06-01,\n"
    + "nguyen-van-a,,,,uy-vien-btv,2020-10-15,\n"
    + "tran-thi-b,Trần Thị B,,,pho-chu-tich-ubnd,2021-06-01,\n"
)


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def refused(path: str | os.PathLike[str], pack: object = PACK) -> PackError:
    with pytest.raises(PackError) as caught:
        load_directory(path, PACK if pack is PACK else None)
    return caught.value


def at(error: PackError, key: str) -> PackError:
    for item in error.problems:
        if item.place == key:
            return item
    raise AssertionError(f"no problem at {key}: {[(p.place, p.reason) for p in error.problems]}")


# -- encodings and line endings ------------------------------------------------------------


@pytest.mark.parametrize("ending", ["\r", "\r\n"], ids=["old-mac-cr", "windows-crlf"])
def test_csv_with_cr_line_endings_loads_like_lf(tmp_path: Path, ending: str) -> None:
    expected = load_directory(write(tmp_path, "lf.csv", CSV), PACK)
    got = load_directory(write(tmp_path, "cr.csv", CSV.replace("\n", ending)), PACK)
    assert got == expected
    assert len(got.appointments) == 3


def test_excel_csv_utf8_with_a_bom_loads(tmp_path: Path) -> None:
    got = load_directory(write(tmp_path, "p.csv", b"\xef\xbb\xbf" + CSV.encode()), PACK)
    assert got.people[0].name == "Nguyễn Văn A"


def test_excel_unicode_text_utf16_is_refused_with_how_to_save(tmp_path: Path) -> None:
    error = refused(write(tmp_path, "p.csv", CSV.encode("utf-16")))
    assert error.place == "line 1"
    assert "UTF-16" in error.reason
    assert error.hint is not None
    assert "CSV UTF-8" in error.hint


def test_a_windows_1258_csv_names_the_line_of_the_first_bad_byte(tmp_path: Path) -> None:
    # Line 4 holds "Trần Thị B"; written as a legacy code page would ("Tr" 0xE2 0xEC "n"),
    # its bytes are not UTF-8.
    raw = CSV.encode().replace("Trần".encode(), b"Tr\xe2\xecn")
    error = refused(write(tmp_path, "p.csv", raw))
    assert error.place == "line 4"
    assert "not UTF-8" in error.reason


def test_a_nul_byte_names_its_line(tmp_path: Path) -> None:
    error = refused(write(tmp_path, "p.csv", CSV.replace("Trần", "Tr\x00n")))
    assert error.place == "line 4"
    assert "NUL" in error.reason


def test_a_nul_in_the_path_is_refused() -> None:
    error = refused("people\x00.csv")
    assert error.place == "file"
    assert "NUL" in error.reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "p.csv"
    os.mkfifo(fifo)
    assert "not a regular file" in refused(fifo).reason


def test_a_directory_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    with path.open("wb") as out:
        out.write(CSV.encode())
        out.truncate(limits.DIRECTORY_BYTES + 1)  # the rest reads as NUL bytes
    error = refused(path)
    assert error.place == "file"
    assert "5,000,000 bytes" in error.reason


# -- the csv module's own failures ---------------------------------------------------------


def test_a_cell_over_the_csv_field_limit_names_row_and_line(tmp_path: Path) -> None:
    # Row 3 is a quoted alias spanning two lines, so row 4 starts on line 5.
    text = (
        HEADER
        + "nguyen-van-a,Nguyễn Văn A,,,chu-tich-ubnd,2021-06-01,\n"
        + 'tran-thi-b,Trần Thị B,,"Chị B\nB",pho-chu-tich-ubnd,2021-06-01,\n'
        + "le-van-c,Lê Văn C,,"
        + "x" * (limits.CSV_CELL + 1)
        + ",,,\n"
    )
    error = refused(write(tmp_path, "p.csv", text))
    assert error.place == "row 4 (line 5)"
    assert "longer than 131,072 characters" in error.reason


def test_a_long_cell_under_the_limit_loads(tmp_path: Path) -> None:
    alias = "x" * (limits.CSV_CELL - 1)
    text = HEADER + f"nguyen-van-a,Nguyễn Văn A,,{alias},chu-tich-ubnd,2021-06-01,\n"
    assert load_directory(write(tmp_path, "p.csv", text), PACK).people[0].aliases == (alias,)


# -- nesting and values ----------------------------------------------------------------------


def test_toml_nested_thousands_deep_is_refused_with_its_line(tmp_path: Path) -> None:
    text = '[[person]]\nid = "a"\nname = "A"\naliases = ' + "[" * 3000 + "]" * 3000 + "\n"
    error = refused(write(tmp_path, "p.toml", text))
    assert error.place == "line 4"
    assert "nested more than 32 deep" in error.reason


@pytest.mark.parametrize(
    ("since", "said"),
    [("0001-01-01", "0001-01-01 is outside"), ("9999-12-31", "9999-12-31 is outside")],
)
def test_appointment_dates_out_of_range_are_refused(tmp_path: Path, since: str, said: str) -> None:
    text = HEADER + f"nguyen-van-a,Nguyễn Văn A,,,chu-tich-ubnd,{since},\n"
    assert said in at(refused(write(tmp_path, "p.csv", text)), "row 2.since").reason


def test_directory_travel_minutes_out_of_range_are_refused(tmp_path: Path) -> None:
    text = (
        '[[venue]]\nid = "a"\nname = "A"\n[[venue]]\nid = "b"\nname = "B"\n'
        '[[travel_time]]\na = "a"\nb = "b"\nminutes = 10000000000\n'
    )
    found = at(refused(write(tmp_path, "p.toml", text)), "travel_time[0].minutes")
    assert "from 0 to 1,440" in found.reason


def test_too_many_appointments_are_refused_at_the_first_row_past_the_limit(
    tmp_path: Path,
) -> None:
    rows = [
        f"p{n},Người {n},,,pho-chu-tich-ubnd,2021-06-01,\n"
        for n in range(limits.DIRECTORY_APPOINTMENTS + 1)
    ]
    error = refused(write(tmp_path, "p.csv", HEADER + "".join(rows)))
    assert error.place == f"row {limits.DIRECTORY_APPOINTMENTS + 2}"
    assert "more than 20,000 appointments" in error.reason


# -- the holders check is linear and its messages short -----------------------------------------


def test_six_thousand_heads_at_once_are_checked_quickly_with_short_messages(
    tmp_path: Path,
) -> None:
    # Regression: the check compared every pair and listed every other holder
    # (2,000 rows: 7 s and a 34 MB message; 6,000 rows would take minutes).
    rows = [f"p{n},Người {n},,,chu-tich-ubnd,2021-06-01,\n" for n in range(6000)]
    path = write(tmp_path, "p.csv", HEADER + "".join(rows))
    began = time.perf_counter()
    error = refused(path)
    assert time.perf_counter() - began < 30  # well under a second when linear
    assert len(error.problems) == 6000
    assert all(len(p.reason) < 400 for p in error.problems)
    assert at(error, "row 2").reason.endswith("'p1', 'p10', 'p100', 'p1000', 'p1001' …")


def oracle_holder_problems(directory: Directory, holders: dict[str, int]) -> set[int]:
    """Indexes of appointments that share their position with too many people: every pair."""
    flagged = set()
    for i, a in enumerate(directory.appointments):
        limit = holders.get(a.position)
        if limit is None:
            continue
        others = set()
        for b in directory.appointments:
            if b.position != a.position or b.person == a.person:
                continue
            a0, a1 = a.since or date.min, a.until or date.max
            b0, b1 = b.since or date.min, b.until or date.max
            if a0 < b1 and b0 < a1:
                others.add(b.person)
        if len(others) + 1 > limit:
            flagged.add(i)
    return flagged


DAY0 = date(2020, 1, 1)
spans = st.tuples(
    st.one_of(st.none(), st.integers(0, 40)), st.one_of(st.none(), st.integers(1, 41))
).filter(lambda s: s[0] is None or s[1] is None or s[0] < s[1])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "d"]),
            st.sampled_from(["chu-tich-ubnd", "pho-chu-tich-ubnd", "bi-thu-tinh-uy"]),
            spans,
        ),
        max_size=14,
    )
)
def test_holder_check_agrees_with_comparing_every_pair(
    rows: list[tuple[str, str, tuple[int | None, int | None]]],
) -> None:
    appointments = tuple(
        Appointment(
            person,
            position,
            None if lo is None else DAY0 + timedelta(lo),
            None if hi is None else DAY0 + timedelta(hi),
        )
        for person, position, (lo, hi) in rows
    )
    people = tuple(Person(p, p.upper()) for p in "abcd")
    directory = Directory(people, appointments)
    holders = {p.id: p.holders for p in PACK.positions if p.holders is not None}
    assert "chu-tich-ubnd" in holders
    got = {
        int(str(f.place).removeprefix("appointment[").removesuffix("]"))
        for f in check_directory(directory, PACK).findings
        if f.code == "pack-holders-exceeded"
    }
    assert got == oracle_holder_problems(directory, holders)
