"""One error shape (issue 10): InputError, PackError and DirectoryError carry the same fields."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from coordrules import (
    CoordrulesError,
    DirectoryError,
    InputError,
    PackError,
    check_directory,
    load_directory,
    load_pack,
)
from coordrules.model.findings import Report

FIELDS = ("file", "place", "line", "reason", "reason_vi", "hint")


def test_input_and_pack_errors_have_the_same_fields_and_describe() -> None:
    given = InputError("a.toml", "bad", place="x.y", line=3, reason_vi="hỏng", hint="fix it")
    pack = PackError("a.toml", "x.y", "bad", line=3, reason_vi="hỏng", hint="fix it")
    for name in FIELDS:
        assert getattr(given, name) == getattr(pack, name), name
    assert given.describe() == pack.describe() == "a.toml:3: x.y: hỏng / bad (fix it)"
    assert str(pack) == pack.describe()


def test_the_constructors_take_the_same_keyword_fields() -> None:
    def keywords(cls: type[Exception]) -> set[str]:
        return {
            p.name
            for p in inspect.signature(cls).parameters.values()
            if p.kind is inspect.Parameter.KEYWORD_ONLY
        }

    assert {"reason_vi", "hint", "line"} <= keywords(InputError)
    assert {"reason_vi", "hint", "line"} <= keywords(PackError)


def test_a_line_place_is_not_said_twice() -> None:
    assert PackError("p.toml", "line 4", "bad", line=4).describe() == "p.toml:4: bad"


def test_key_is_a_deprecated_alias_of_place() -> None:
    error = PackError("p.toml", "body[ubnd].name", "bad")
    with pytest.warns(DeprecationWarning, match="place"):
        assert error.key == "body[ubnd].name"


def test_problems_and_others_list_every_problem_one_line_each() -> None:
    second = PackError("p.toml", "b", "two", reason_vi="hai")
    first = PackError("p.toml", "a", "one", reason_vi="một", others=[second])
    assert first.problems == (first, second)
    assert first.others == (second,)
    assert str(first).splitlines() == ["p.toml: a: một / one", "p.toml: b: hai / two"]


def test_a_directory_error_is_still_a_pack_error_for_one_release(tmp_path: Path) -> None:
    assert issubclass(DirectoryError, PackError)
    assert issubclass(PackError, CoordrulesError)
    assert not issubclass(PackError, InputError)
    path = tmp_path / "people.toml"
    path.write_text('[[person]]\nid = "a"\nnam = "A"\n', encoding="utf-8")
    with pytest.raises(DirectoryError) as caught:
        load_directory(path)
    assert all(type(p) is DirectoryError for p in caught.value.problems)
    with pytest.raises(PackError):
        load_directory(path)


def test_a_pack_error_is_not_a_directory_error(tmp_path: Path) -> None:
    path = tmp_path / "pack.toml"
    path.write_text('[pack]\nid = "p"\nnam = "P"\n', encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert not isinstance(caught.value, DirectoryError)
    assert caught.value.reason_vi is not None


def test_check_directory_returns_a_report(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "person,name,emails,aliases,position,since,until\n"
        "a,An,,,chu-tich-ubnd,2025-07-01,\n"
        "b,Bình,,,chu-tich-ubnd,2025-08-01,\n"
        "c,Cường,,,no-such-post,2025-07-01,\n",
        encoding="utf-8",
    )
    directory = load_directory(path)
    report = check_directory(directory, load_pack("vn-province"), file="people.csv")
    assert isinstance(report, Report)
    got = sorted((f.code, f.place) for f in report.findings)
    assert got == [
        ("pack-holders-exceeded", "appointment[0]"),
        ("pack-holders-exceeded", "appointment[1]"),
        ("pack-unknown-reference", "appointment[2].position"),
    ]
    assert {f.file for f in report.findings} == {"people.csv"}
