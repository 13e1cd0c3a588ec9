"""Property: whatever bytes a pack, people directory or manifest holds, its reader returns or
raises its own error (PackError, InputError), never another exception.

The inputs are random bytes and byte-level mutations of real files (the bundled pack, the
sample people directory and manifest); the fuzz harness in tests/fuzz runs longer budgets.
"""

from __future__ import annotations

import json
import tempfile
import tomllib
from collections.abc import Callable
from datetime import UTC, date, time
from importlib import resources
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordrules import InputError, PackError, load_directory, load_manifest, load_pack

SAMPLE = resources.files("coordrules") / "_sample"
PACK_TEXT = (resources.files("coordrules") / "packs" / "vn-commune.toml").read_bytes()
PEOPLE_TEXT = (SAMPLE / "people.toml").read_bytes()
MANIFEST_TEXT = (SAMPLE / "dossier" / "manifest.toml").read_bytes()
CSV_TEXT = (
    "person,name,emails,aliases,position,since,until\n"
    "nguyen-van-a,Nguyễn Văn A,a@tinh.gov.vn,,chu-tich-ubnd,2021-06-01,\n"
    '"tran-thi-b","Trần ""Thị"" B",,"B;Chị B",pho-chu-tich-ubnd,2021-06-01,2026-01-01\n'
).encode()

SPECIAL = [b"\x00", b"\r", b"\n", b"\xef\xbb\xbf", b"\xff", b"[", b"{", b"]", b'"', b"'", b"=",
           b".", b",", b"#", b"0001-01-01", b"9999-12-31", b"99999999999999999999", b"-1",
           b"../", b"/", b"\\u0000", b"\xe1\xbb\x9d"]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """*original* with a few bytes replaced, inserted or deleted."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        piece = draw(st.one_of(st.sampled_from(SPECIAL), st.binary(min_size=1, max_size=4)))
        action = draw(st.sampled_from(["insert", "replace", "delete"]))
        if action == "insert":
            data[at:at] = piece
        elif action == "replace":
            data[at : at + len(piece)] = piece
        else:
            del data[at : at + draw(st.integers(1, 40))]
    return bytes(data)


FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(
    name: str, data: bytes, load: Callable[[Path], object], errors: tuple[type[Exception], ...]
) -> None:
    """Load *data* from a file called *name*: it loads, or fails with one of *errors*."""
    message = "loaded"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            load(path)
        except errors as error:
            message = str(error)
    assert message  # an error always says something


@FUZZ
@given(st.one_of(mutated(PACK_TEXT), st.binary(max_size=200)))
def test_the_pack_loader_returns_or_raises_pack_error(data: bytes) -> None:
    run("pack.toml", data, load_pack, (PackError,))


@FUZZ
@given(st.one_of(mutated(PEOPLE_TEXT), st.binary(max_size=200)))
def test_the_toml_directory_loader_returns_or_raises_pack_error(data: bytes) -> None:
    run("people.toml", data, load_directory, (PackError,))


@FUZZ
@given(st.one_of(mutated(CSV_TEXT), st.binary(max_size=200)))
def test_the_csv_directory_loader_returns_or_raises_pack_error(data: bytes) -> None:
    run("people.csv", data, load_directory, (PackError,))


@FUZZ
@given(st.one_of(mutated(MANIFEST_TEXT), st.binary(max_size=200)))
def test_the_manifest_loader_returns_or_raises_input_error(data: bytes) -> None:
    run("manifest.toml", data, load_manifest, (InputError,))


# -- structure-aware: one value of a real file replaced by any TOML value -------------------


def toml_value(value: object) -> str:
    """*value* as a TOML inline value (tables inline, so any parsed document round-trips)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (date, time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{toml_string(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
        )
    raise TypeError(type(value))


def toml_document(data: dict[str, object]) -> str:
    return "".join(f"{toml_string(k)} = {toml_value(v)}\n" for k, v in data.items())


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes, and DEL escaped as TOML requires."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)


LEAVES = st.recursive(
    st.one_of(
        st.integers(-(2**63), 2**63 - 1),
        TEXT,
        st.booleans(),
        st.dates(),
        st.datetimes(),
        st.datetimes(timezones=st.just(UTC)),
        st.times(),
        st.floats(allow_nan=False),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=6,
)


def paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found: list[tuple[object, ...]] = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            found += paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += paths(v, (*prefix, i))
    return found


@st.composite
def replaced(draw: st.DrawFn, original: bytes) -> bytes:
    data = tomllib.loads(original.decode("utf-8-sig"))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(paths(data)))
        parent: Any = data
        for step in where[:-1]:
            parent = parent[step]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[where[-1]]
        else:
            parent[where[-1]] = draw(LEAVES)
    return toml_document(data).encode()


@FUZZ
@given(replaced(PACK_TEXT))
def test_the_pack_loader_survives_any_value_anywhere(data: bytes) -> None:
    run("pack.toml", data, load_pack, (PackError,))


@FUZZ
@given(replaced(PEOPLE_TEXT))
def test_the_directory_loader_survives_any_value_anywhere(data: bytes) -> None:
    run("people.toml", data, load_directory, (PackError,))


@FUZZ
@given(replaced(MANIFEST_TEXT))
def test_the_manifest_loader_survives_any_value_anywhere(data: bytes) -> None:
    run("manifest.toml", data, load_manifest, (InputError,))
