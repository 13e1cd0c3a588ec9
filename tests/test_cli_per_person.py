"""``merge --per-person DIR``: ids from inputs never become paths as they are.

Regression tests for a security defect (issue 11): a person id from a feed
(``X-COORDRULES-PERSON``) or from a people file made ``merge --per-person``
write outside DIR.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordrules import feed_file_name
from coordrules.cli.main import main

AS_OF = "2026-12-06T20:00"


def _hashed(slug: str, key: str) -> str:
    """The documented name of a non-plain id: slug, ``~``, 16 hex digits of SHA-256."""
    return f"{slug}~{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}.ics"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _feed(attendees: list[str]) -> str:
    """One meeting on Monday 7 December 2026 with these ATTENDEE lines."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//hostile ids//EN",
        "BEGIN:VEVENT",
        "UID:hostile-1@test",
        "DTSTAMP:20261201T000000Z",
        "DTSTART:20261207T020000Z",
        "DTEND:20261207T030000Z",
        "SUMMARY:Họp giao ban",
        *attendees,
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    return "\r\n".join(lines)


def _people(people: list[tuple[str, str]]) -> str:
    """A people file: each ``(id, e-mail)``."""
    out = []
    for n, (ident, email) in enumerate(people):
        out.append(
            f'[[person]]\nid = "{_escape(ident)}"\nname = "Người {n}"\nemails = ["{email}"]\n'
        )
    return "\n".join(out)


def _merge(feed: Path, people: Path, out: Path) -> int:
    """``merge FEED --people PEOPLE --per-person OUT`` for the week of 7 December 2026."""
    return main(
        ["merge", str(feed), "--people", str(people), "--as-of", AS_OF, "--from", "2026-12-07",
         "--per-person", str(out)]
    )  # fmt: skip


def _files(root: Path) -> set[Path]:
    return set(root.rglob("*"))


# Each hostile id, and the file its feed must land in (read from the rule).
FEED_IDS = [
    ("../escape-up", _hashed("escape-up", "../escape-up")),
    ("../../escape-two", _hashed("escape-two", "../../escape-two")),
    ("a/b", _hashed("a-b", "a/b")),
    ("..", _hashed("id", "..")),
    (".", _hashed("id", ".")),
    ("CON", _hashed("con", "CON")),
    ("nul.txt", _hashed("nul-txt", "nul.txt")),
    ("An", _hashed("an", "An")),
    ("an", "an.ics"),
    ("Nguyễn Văn Đức", _hashed("nguyen-van-duc", "Nguyễn Văn Đức")),
    ("x" * 300, _hashed("x" * 40, "x" * 300)),
    (".hidden", _hashed("hidden", ".hidden")),
    ("plain-id_2", "plain-id_2.ics"),
]


def test_hostile_ids_from_a_feed_stay_in_the_folder(tmp_path: Path) -> None:
    work = tmp_path / "work"
    out = work / "out"
    work.mkdir()
    absolute = str(tmp_path / "abs-escape")
    slug = re.sub("[^a-z0-9]+", "-", absolute.lower()).strip("-")[:40].strip("-")
    ids = [*FEED_IDS, (absolute, _hashed(slug, absolute))]
    attendees = [
        f'ATTENDEE;CN="P{n}";X-COORDRULES-PERSON="{ident}":mailto:p{n}@test'
        for n, (ident, _) in enumerate(ids)
    ]
    feed = work / "feed.ics"
    feed.write_text(_feed(attendees), encoding="utf-8")
    people = work / "people.toml"
    people.write_text(_people([("someone", "someone@test")]), encoding="utf-8")
    before = _files(tmp_path)
    status = _merge(feed, people, out)
    assert status in (0, 1)
    written = _files(tmp_path) - before
    assert all(out in path.parents or path == out for path in written), written
    # Every person of the directory gets a feed, an empty one too (issue 13).
    expected = sorted([*(name for _, name in ids), "someone.ics"])
    assert sorted(p.name for p in out.iterdir()) == expected
    # "An" and "an" are two people: two files, also where case is ignored.
    assert len({p.name.lower() for p in out.iterdir()}) == len(ids) + 1


PEOPLE_IDS = [
    ("../../people-escape", _hashed("people-escape", "../../people-escape")),
    ("sub/dir", _hashed("sub-dir", "sub/dir")),
    ("nul\u0000byte", _hashed("nul-byte", "nul\u0000byte")),
    ("COM1", _hashed("com1", "COM1")),
    ("trần-minh-quang", _hashed("tran-minh-quang", "trần-minh-quang")),
    ("tran-minh-quang", "tran-minh-quang.ics"),
]


def test_hostile_ids_from_a_people_file_stay_in_the_folder(tmp_path: Path) -> None:
    work = tmp_path / "work"
    out = work / "out"
    work.mkdir()
    people = work / "people.toml"
    toml = _people([(ident, f"p{n}@test") for n, (ident, _) in enumerate(PEOPLE_IDS)])
    people.write_text(toml.replace("\u0000", "\\u0000"), encoding="utf-8")
    attendees = [f'ATTENDEE;CN="P{n}":mailto:p{n}@test' for n in range(len(PEOPLE_IDS))]
    feed = work / "feed.ics"
    feed.write_text(_feed(attendees), encoding="utf-8")
    before = _files(tmp_path)
    status = _merge(feed, people, out)
    assert status in (0, 1)
    written = _files(tmp_path) - before
    assert all(out in path.parents or path == out for path in written), written
    assert sorted(p.name for p in out.iterdir()) == sorted(name for _, name in PEOPLE_IDS)


def test_a_symlink_in_the_folder_is_never_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    out = tmp_path / "out"
    out.mkdir()
    (out / "an.ics").symlink_to(outside)
    feed = tmp_path / "feed.ics"
    feed.write_text(
        _feed(['ATTENDEE;X-COORDRULES-PERSON=an:mailto:an@test',
               'ATTENDEE;X-COORDRULES-PERSON=bo:mailto:bo@test']),
        encoding="utf-8",
    )  # fmt: skip
    people = tmp_path / "people.toml"
    people.write_text(_people([("someone", "someone@test")]), encoding="utf-8")
    status = _merge(feed, people, out)
    err = capsys.readouterr().err
    assert status == 2
    assert str(out / "an.ics") in err
    assert "symbolic link" in err
    assert outside.read_text() == "keep me"
    assert (out / "an.ics").is_symlink()
    assert sorted(p.name for p in out.iterdir()) == ["an.ics"]  # bo.ics not written either


def test_a_folder_that_is_a_symlink_named_by_the_user_is_used(tmp_path: Path) -> None:
    # The user named the folder; a link they made is theirs to follow.
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    feed = tmp_path / "feed.ics"
    feed.write_text(_feed(["ATTENDEE;X-COORDRULES-PERSON=an:mailto:an@test"]), encoding="utf-8")
    people = tmp_path / "people.toml"
    people.write_text(_people([("someone", "someone@test")]), encoding="utf-8")
    status = main(
        ["merge", str(feed), "--people", str(people), "--as-of", AS_OF, "--from", "2026-12-07",
         "--per-person", str(tmp_path / "link")]
    )  # fmt: skip
    assert status in (0, 1)
    assert sorted(p.name for p in real.iterdir()) == ["an.ics", "someone.ics"]


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("tran-minh-quang", "tran-minh-quang.ics"),
        ("nguyen.van.a", "nguyen.van.a.ics"),
        ("p-ct", "p-ct.ics"),
        ("a" * 64, "a" * 64 + ".ics"),
        ("con.backup", _hashed("con-backup", "con.backup")),
        ("lpt9", _hashed("lpt9", "lpt9")),
        ("a.", _hashed("a", "a.")),
        ("", _hashed("id", "")),
        ("a" * 65, _hashed("a" * 40, "a" * 65)),
    ],
)
def test_feed_file_name_examples(key: str, name: str) -> None:
    assert feed_file_name(key) == name


@given(st.text())
def test_feed_file_names_are_safe(key: str) -> None:
    name = feed_file_name(key)
    assert re.fullmatch(r"[a-z0-9][a-z0-9._~-]*\.ics", name), name
    assert len(name) <= 64 + len(".ics")
    assert os.sep not in name


@given(st.text(), st.text())
def test_different_ids_get_names_that_differ_also_ignoring_case(a: str, b: str) -> None:
    if a != b:
        assert feed_file_name(a).lower() != feed_file_name(b).lower()


@given(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,40}", fullmatch=True))
def test_plain_ids_keep_their_name(key: str) -> None:
    if key.split(".")[0] not in {"con", "prn", "aux", "nul"} and not re.fullmatch(
        r"(com|lpt)[0-9]", key
    ):
        assert feed_file_name(key) == key + ".ics"
