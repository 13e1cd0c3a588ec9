"""The people directory: TOML and CSV, errors with file, row or key, and reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coordrules import PackError, check_directory, load_directory, load_pack

PACK = load_pack("vn-province")

TOML = """\
[[person]]
id = "nguyen-van-a"
name = "Nguyễn Văn A"
emails = ["a@tinh.gov.vn"]
aliases = ["Ông A"]

[[person.appointment]]
position = "chu-tich-ubnd"
since = 2021-06-01

[[person.appointment]]
position = "uy-vien-btv"
since = 2020-10-15

[[person]]
id = "tran-thi-b"
name = "Trần Thị B"

[[person.appointment]]
position = "pho-chu-tich-ubnd"
since = 2021-06-01
until = 2026-01-01

[[venue]]
id = "phong-1"
name = "Phòng họp 1"

[[venue]]
id = "phong-2"
name = "Phòng họp 2"

[[travel_time]]
a = "phong-1"
b = "phong-2"
minutes = 5
"""

CSV = (
    "person,name,emails,aliases,position,since,until\n"
    "nguyen-van-a,Nguyễn Văn A,a@tinh.gov.vn;a2@tinh.gov.vn,Ông A,chu-tich-ubnd,2021-06-01,\n"
    "nguyen-van-a,,,,uy-vien-btv,2020-10-15,\n"
    "tran-thi-b,Trần Thị B,,,pho-chu-tich-ubnd,2021-06-01,2026-01-01\n"
    "le-van-c,Lê Văn C,,,,,\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "text"), [("people.toml", TOML), ("people.csv", CSV)])
def test_directory_loads_and_answers_by_date(tmp_path: Path, name: str, text: str) -> None:
    directory = load_directory(write(tmp_path, name, text), PACK)
    org = PACK.organisation(directory)
    on = date(2024, 3, 4)
    assert {p.id for p in org.positions_of("nguyen-van-a", on)} == {"chu-tich-ubnd", "uy-vien-btv"}
    assert [p.id for p in org.deputies_for("chu-tich-ubnd", on)] == ["tran-thi-b"]
    assert org.deputies_for("chu-tich-ubnd", date(2026, 1, 1)) == ()
    person = org.resolve_person("Chủ tịch UBND tỉnh", on)
    assert person is not None
    assert person.id == "nguyen-van-a"


def test_csv_person_without_position_is_kept(tmp_path: Path) -> None:
    directory = load_directory(write(tmp_path, "p.csv", CSV))
    assert "le-van-c" in {p.id for p in directory.people}
    assert directory.people[0].emails == ("a@tinh.gov.vn", "a2@tinh.gov.vn")


@pytest.mark.parametrize(
    ("name", "text", "key", "reason"),
    [
        (
            "p.csv",
            CSV.replace("chu-tich-ubnd,", "chu-tich-ubndd,", 1),
            "row 2.position",
            "no position",
        ),
        ("p.csv", CSV.replace("2020-10-15", "15/10/2020"), "row 3.since", "not a date"),
        (
            "p.csv",
            CSV.replace("nguyen-van-a,,", "nguyen-van-a,Nguyễn Văn Á,"),
            "row 3.name",
            "differs",
        ),
        ("p.csv", "person,nme,position\n", "row 1", "unknown 'nme' (did you mean 'name'?)"),
        ("p.csv", CSV + "x,X,,,chu-tich-ubnd\n", "row 6", "cells"),
        (
            "p.toml",
            TOML.replace("since = 2020-10-15", "since = 2020-10-15\nuntil = 2020-01-01"),
            "person[nguyen-van-a].appointment[1].until",
            "must be before until",
        ),
        (
            "p.toml",
            TOML.replace('emails = ["a@tinh.gov.vn"]', 'email = "a"'),
            "person[nguyen-van-a].email",
            "unknown key",
        ),
        (
            "p.toml",
            TOML.replace('b = "phong-2"', 'b = "phong-9"'),
            "travel_time[0].b",
            "unknown venue",
        ),
        (
            "p.toml",
            TOML.replace("since = 2020-10-15", "since = 2021-07-01").replace(
                'position = "uy-vien-btv"', 'position = "chu-tich-ubnd"'
            ),
            "person[nguyen-van-a].appointment[1]",
            "already holds",
        ),
        (
            "p.toml",
            TOML.replace('id = "tran-thi-b"', 'id = "tran-thi-b"\nemails = ["A@tinh.gov.vn"]'),
            "person[tran-thi-b].emails",
            "also names 'nguyen-van-a'",
        ),
        ("p.txt", "x", "file", ".toml or .csv"),
    ],
)
def test_directory_errors_name_file_place_and_reason(
    tmp_path: Path, name: str, text: str, key: str, reason: str
) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(PackError) as caught:
        load_directory(path, PACK)
    found = [p for p in caught.value.problems if p.place == key]
    assert found, [(p.place, p.reason) for p in caught.value.problems]
    assert reason in found[0].reason
    assert found[0].file == str(path)


def test_check_directory_reports_problems_as_findings(tmp_path: Path) -> None:
    path = write(tmp_path, "p.toml", TOML)
    directory = load_directory(path)
    assert check_directory(directory, PACK).findings == ()
    commune = load_pack("vn-commune")
    report = check_directory(directory, commune, file=str(path))
    places = {f.place for f in report.findings}
    assert places == {"appointment[0].since", "appointment[1].position", "appointment[2].since"}
    assert {f.code for f in report.findings} == {"pack-unknown-reference"}
    assert {f.file for f in report.findings} == {str(path)}
    assert report.has_errors
    assert any("no position 'uy-vien-btv'" in f.message.en for f in report.findings)
    assert all(f.message.vi != f.message.en for f in report.findings)


def test_two_heads_at_once_are_refused_but_two_deputies_are_not(tmp_path: Path) -> None:
    from coordrules import load_pack

    pack = load_pack("vn-province")
    two = (
        "person,name,emails,aliases,position,since,until\n"
        "a,An,,,chu-tich-ubnd,2025-07-01,\n"
        "b,Bình,,,chu-tich-ubnd,2026-01-01,\n"
        "c,Cường,,,pho-chu-tich-ubnd,2025-07-01,\n"
        "d,Dũng,,,pho-chu-tich-ubnd,2025-07-01,\n"
    )
    path = write(tmp_path, "p.csv", two)
    with pytest.raises(PackError) as caught:
        load_directory(path, pack)
    keys = {p.place for p in caught.value.problems}
    assert keys == {"row 2", "row 3"}
    assert "at most 1" in caught.value.problems[0].reason
    # The head handing over on 1 January is fine.
    handover = two.replace(
        "a,An,,,chu-tich-ubnd,2025-07-01,", "a,An,,,chu-tich-ubnd,2025-07-01,2026-01-01"
    )
    assert load_directory(write(tmp_path, "q.csv", handover), pack).appointments
