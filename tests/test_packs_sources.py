"""Packs and people directories from text or a mapping (issue 14), and where extends may go."""

from __future__ import annotations

import os
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordrules import (
    DirectoryError,
    PackError,
    load_directory,
    load_directory_mapping,
    load_directory_text,
    load_pack,
    load_pack_mapping,
    load_pack_text,
    sample_path,
)
from coordrules.packs.pack_file import _bundled_path

CHILD = """\
[pack]
id = "tinh"
name = "Tỉnh"
extends = "vn-province"

[[venue]]
id = "hoi-truong"
name = "Hội trường tỉnh"
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def refused(call: Any, *args: Any, **kwargs: Any) -> PackError:
    with pytest.raises(PackError) as caught:
        call(*args, **kwargs)
    return caught.value


@pytest.mark.parametrize("name", ["vn-province", "vn-commune"])
def test_a_bundled_pack_loads_the_same_from_its_text_and_its_mapping(name: str) -> None:
    text = _bundled_path(name).read_text(encoding="utf-8")
    from_file = load_pack(name)
    from_text = load_pack_text(text, name="db:1")
    from_mapping = load_pack_mapping(tomllib.loads(text), name="db:1")
    assert from_text.path == from_mapping.path == "db:1"
    assert attrs.evolve(from_text, path=from_file.path) == from_file
    assert attrs.evolve(from_mapping, path=from_file.path) == from_file


def test_the_sample_pack_loads_from_text_with_its_folder_as_base() -> None:
    path = sample_path() / "tinh-thanh-binh.toml"
    pack = load_pack_text(path.read_text(encoding="utf-8"), name=str(path), base=path.parent)
    assert attrs.evolve(pack, path=str(path)) == load_pack(path)


def test_a_text_pack_extends_a_bundled_pack() -> None:
    pack = load_pack_text(CHILD)
    assert pack.extends == "vn-province"
    assert "hoi-truong" in {v.id for v in pack.venues}
    assert "ubnd" in {b.id for b in pack.bodies}


def test_a_text_pack_extends_a_file_only_with_a_base(tmp_path: Path) -> None:
    write(tmp_path, "base.toml", CHILD.replace('id = "tinh"', 'id = "base"'))
    text = CHILD.replace('extends = "vn-province"', 'extends = "base.toml"')
    error = refused(load_pack_text, text, name="portal:tinh")
    assert (error.file, error.place, error.line) == ("portal:tinh", "pack.extends", 4)
    assert "unless a base folder is given" in error.reason
    assert error.reason_vi == "không có gói có sẵn này"
    pack = load_pack_text(text, name="portal:tinh", base=tmp_path)
    assert "ubnd" in {b.id for b in pack.bodies}


def test_a_mapping_pack_extends_a_file_only_with_a_base(tmp_path: Path) -> None:
    write(tmp_path, "base.toml", CHILD.replace('id = "tinh"', 'id = "base"'))
    data = tomllib.loads(CHILD)
    data["pack"]["extends"] = "base.toml"
    error = refused(load_pack_mapping, data, name="row 7")
    assert (error.file, error.place, error.line) == ("row 7", "pack.extends", None)
    assert load_pack_mapping(data, base=tmp_path).id == "tinh"


@pytest.mark.parametrize("target", ["/etc/hostname", "../outside.toml", "sub/../../outside.toml"])
def test_extends_of_a_file_pack_stays_in_its_folder(tmp_path: Path, target: str) -> None:
    write(tmp_path, "outside.toml", '[pack]\nid = "o"\nname = "O"\n')
    pack = write(tmp_path / "packs", "tinh.toml", CHILD.replace("vn-province", target))
    error = refused(load_pack, pack)
    assert (error.file, error.place, error.line) == (str(pack), "pack.extends", 4)
    assert "outside" in error.reason
    assert error.reason_vi == "gói gốc nằm ngoài thư mục của gói"


def test_extends_through_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "outside.toml", '[pack]\nid = "o"\nname = "O"\n')
    (tmp_path / "packs").mkdir()
    os.symlink(tmp_path / "outside.toml", tmp_path / "packs" / "link.toml")
    pack = write(tmp_path / "packs", "tinh.toml", CHILD.replace("vn-province", "link.toml"))
    assert "outside" in refused(load_pack, pack).reason


def test_extends_may_name_a_file_below_the_pack(tmp_path: Path) -> None:
    write(tmp_path, "common/base.toml", CHILD.replace('id = "tinh"', 'id = "base"'))
    pack = write(tmp_path, "tinh.toml", CHILD.replace("vn-province", "common/base.toml"))
    assert "hoi-truong" in {v.id for v in load_pack(pack).venues}


def test_a_text_that_is_too_big_or_has_a_nul_is_refused() -> None:
    big = refused(load_pack_text, CHILD + "#" * 1_000_001)
    assert big.place == "text"
    assert "limit" in big.reason
    nul = refused(load_pack_text, CHILD + "\x00")
    assert nul.reason_vi is not None
    assert refused(load_pack_text, b"[pack]").reason.startswith("expected text")


@pytest.mark.parametrize(
    ("data", "place", "reason"),
    [
        ({"pack": {"id": "x", "name": object()}}, "pack.name", "not a TOML value"),
        ({"pack": {"id": "x", 3: "y"}}, "pack", "not text"),
        (["pack"], "mapping", "expected a mapping"),
    ],
)
def test_a_mapping_that_toml_could_not_give_is_refused(data: Any, place: str, reason: str) -> None:
    error = refused(load_pack_mapping, data, name="db")
    assert (error.file, error.place) == ("db", place)
    assert reason in error.reason


def test_a_deeply_nested_mapping_is_refused() -> None:
    deep: dict[str, Any] = {}
    inner = deep
    for _ in range(40):
        inner["a"] = {}
        inner = inner["a"]
    error = refused(load_pack_mapping, {"pack": deep})
    assert "nested more than" in error.reason


def test_a_mapping_pack_reports_shape_problems_without_lines() -> None:
    data = tomllib.loads(CHILD)
    data["venue"][0]["nam"] = "typo"
    error = refused(load_pack_mapping, data, name="db")
    (problem,) = error.problems
    assert (problem.place, problem.line) == ("venue[hoi-truong].nam", None)
    assert "did you mean 'name'" in problem.reason


PEOPLE_TOML = """\
[[person]]
id = "nguyen-van-a"
name = "Nguyễn Văn A"

[[person.appointment]]
position = "chu-tich-ubnd"
since = 2025-07-01
"""
PEOPLE_CSV = (
    "person,name,emails,aliases,position,since,until\n"
    "nguyen-van-a,Nguyễn Văn A,,,chu-tich-ubnd,2025-07-01,\n"
)


def test_a_directory_loads_the_same_from_a_file_its_text_and_its_mapping(
    tmp_path: Path,
) -> None:
    pack = load_pack("vn-province")
    from_file = load_directory(write(tmp_path, "people.toml", PEOPLE_TOML), pack)
    assert load_directory_text(PEOPLE_TOML, pack=pack) == from_file
    assert load_directory_text(PEOPLE_CSV, format="csv", pack=pack) == from_file
    assert load_directory_mapping(tomllib.loads(PEOPLE_TOML), pack=pack) == from_file


def test_directory_text_errors_name_the_given_name() -> None:
    with pytest.raises(DirectoryError) as caught:
        load_directory_text(
            PEOPLE_CSV.replace("chu-tich-ubnd", "ghost"),
            format="csv",
            name="portal:people",
            pack=load_pack("vn-province"),
        )
    error = caught.value
    assert (error.file, error.place, error.line) == ("portal:people", "row 2.position", 2)
    with pytest.raises(DirectoryError) as caught:
        load_directory_text(PEOPLE_CSV, format="xlsx")
    assert caught.value.place == "format"
    with pytest.raises(DirectoryError) as caught:
        load_directory_mapping({"person": [{"id": "a", "name": {1, 2}}]}, name="db")
    assert (caught.value.file, caught.value.place) == ("db", "person[0].name")


ROWS = st.lists(
    st.tuples(
        st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
        st.sampled_from(["chu-tich-ubnd", "pho-chu-tich-ubnd", "bi-thu"]),
        st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    ),
    max_size=8,
    unique_by=lambda row: row[0],
)


@settings(max_examples=30, deadline=None)
@given(rows=ROWS)
def test_csv_text_and_mapping_give_the_same_directory(
    rows: list[tuple[str, str, date]],
) -> None:
    csv_text = "person,name,emails,aliases,position,since,until\n" + "".join(
        f"{p},{p.upper()},,,{position},{since.isoformat()},\n" for p, position, since in rows
    )
    mapping = {
        "person": [
            {
                "id": p,
                "name": p.upper(),
                "appointment": [{"position": position, "since": since}],
            }
            for p, position, since in rows
        ]
    }
    assert load_directory_text(csv_text, format="csv") == load_directory_mapping(mapping)


def test_a_mapping_with_too_many_values_is_refused_and_the_docs_say_how_many() -> None:
    from coordrules.packs.pack_file import _MAPPING_ITEMS

    data = {"pack": {"id": "x", "name": "X"}, "venue": [{"aliases": ["a"] * _MAPPING_ITEMS}]}
    error = refused(load_pack_mapping, data, name="db")
    assert f"more than {_MAPPING_ITEMS:,} values" in error.reason
    docs = Path(__file__).resolve().parents[1] / "docs" / "packs.md"
    text = " ".join(docs.read_text(encoding="utf-8").split())
    assert f"at most {_MAPPING_ITEMS:,} values" in text
