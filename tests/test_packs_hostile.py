"""Hostile and odd rule-pack files (issue 11, "TOML and CSV"): each a clear PackError or a limit.

Every expected key, line and bound below is read from the input written in the
test and from the Limits table in docs/packs.md.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordrules import Deadline, DeadlineUnit, PackError, load_pack
from coordrules.packs import limits

MINIMAL = """\
[pack]
id = "t"
name = "Gói thử"

[[body]]
id = "ubnd"
name = "UBND"

[[office]]
id = "vp-ubnd"
name = "Văn phòng UBND"
serves = ["ubnd"]

[[meeting_kind]]
id = "ubnd-meeting"
name = "Phiên họp UBND"
body = "ubnd"
office = "vp-ubnd"
"""


def write(tmp_path: Path, text: str | bytes, name: str = "pack.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


def refused(source: str | os.PathLike[str]) -> PackError:
    with pytest.raises(PackError) as caught:
        load_pack(source)
    return caught.value


def problem(error: PackError, key: str) -> PackError:
    for item in error.problems:
        if item.place == key:
            return item
    raise AssertionError(f"no problem at {key}: {[(p.place, p.reason) for p in error.problems]}")


# -- nesting ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "opened"),
    [("[" * 5000 + "]" * 5000, "["), ("{a = " * 5000 + "1" + "}" * 5000, "{")],
    ids=["arrays", "inline-tables"],
)
def test_toml_nested_thousands_deep_is_refused_with_its_line(
    tmp_path: Path, value: str, opened: str
) -> None:
    # Python's TOML parser raises RecursionError at a few hundred levels.
    text = MINIMAL + '\n[[rule]]\nid = "x"\ndescription = "x"\nvalue = ' + value + "\n"
    line = text.count("\n", 0, text.index("value =")) + 1
    error = refused(write(tmp_path, text))
    assert error.place == f"line {line}"
    assert f"nested more than {limits.NESTING} deep" in error.reason


@pytest.mark.parametrize(
    "statement",
    [".".join(["a"] * 100_000) + " = 1", "[" + ".".join(["a"] * 100_000) + "]"],
    ids=["dotted-key", "table-header"],
)
def test_dotted_keys_thousands_deep_are_refused_with_their_line(
    tmp_path: Path, statement: str
) -> None:
    # Python's TOML parser needs memory quadratic in the dots of one key:
    # 100,000 dots exhaust any machine.
    text = MINIMAL + "\n[policy]\n" + statement + "\n"
    error = refused(write(tmp_path, text))
    assert error.place == f"line {MINIMAL.count(chr(10)) + 3}"
    assert f"nested more than {limits.NESTING} deep" in error.reason
    assert len(str(error)) < 1000


def test_dotted_keys_and_brackets_together_too_deep_are_refused_with_the_key_path(
    tmp_path: Path,
) -> None:
    half = limits.NESTING // 2 + 1
    text = MINIMAL + "\n[policy]\n" + ".".join(["k"] * half) + " = " + "[" * half
    text += "]" * half + "\n"
    error = refused(write(tmp_path, text))
    assert error.place.startswith("policy.k.k.k")
    assert f"nested more than {limits.NESTING} deep" in error.reason


def test_brackets_inside_strings_and_comments_do_not_count(tmp_path: Path) -> None:
    text = (
        MINIMAL
        + '\n[[rule]]\nid = "x"\ndescription = "'
        + "[" * 100
        + '" # '
        + "{" * 100
        + "\nvalue = '''"
        + "[" * 100
        + "'''\n"
    )
    rule = load_pack(write(tmp_path, text)).rule("x")
    assert rule is not None
    assert rule.versions[0].value == "[" * 100


def test_a_value_nested_as_deep_as_allowed_loads(tmp_path: Path) -> None:
    depth = limits.NESTING - 2  # the rule table and its array count too
    text = MINIMAL + '\n[[rule]]\nid = "x"\ndescription = "x"\nvalue = ' + "[" * depth
    text += "1" + "]" * depth + "\n"
    rule = load_pack(write(tmp_path, text)).rule("x")
    assert rule is not None
    value = rule.versions[0].value
    for _ in range(depth):
        assert isinstance(value, list)
        (value,) = value
    assert value == 1
    deeper = text.replace("[" * depth, "[" * (depth + 1)).replace("]" * depth, "]" * (depth + 1))
    assert "nested more than" in refused(write(tmp_path, deeper)).reason


# -- files that are not what they seem ---------------------------------------------------


def test_a_pack_over_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    text = MINIMAL + "#" * (limits.PACK_BYTES - len(MINIMAL.encode()) + 1)
    path = write(tmp_path, text)
    assert path.stat().st_size == limits.PACK_BYTES + 1
    error = refused(path)
    assert error.place == "file"
    assert "1,000,000 bytes" in error.reason
    assert load_pack(write(tmp_path, text[:-1])).id == "t"  # exactly at the limit


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pack.toml"
    os.mkfifo(fifo)
    error = refused(fifo)
    assert (error.file, error.place) == (str(fifo), "file")
    assert "not a regular file" in error.reason


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "pack.toml"
    folder.mkdir()
    assert "folder" in refused(folder).reason


def test_a_nul_in_the_path_is_refused() -> None:
    error = refused("goi\x00.toml")
    assert error.place == "file"
    assert "NUL" in error.reason


def test_a_nul_in_an_extends_path_names_the_extending_pack(tmp_path: Path) -> None:
    text = MINIMAL.replace('name = "Gói thử"', 'name = "x"\nextends = "a\\u0000b.toml"', 1)
    path = write(tmp_path, text)
    error = refused(path)
    assert (error.file, error.place) == (str(path), "pack.extends")


def test_a_nul_byte_in_the_text_names_its_line(tmp_path: Path) -> None:
    text = MINIMAL.replace('name = "UBND"', 'name = "UB\x00ND"')
    line = text.count("\n", 0, text.index("\x00")) + 1
    error = refused(write(tmp_path, text))
    assert error.place == f"line {line}"
    assert "NUL" in error.reason


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_pack(path).name == "Gói thử"


def test_utf16_is_refused_with_how_to_save_it(tmp_path: Path) -> None:
    error = refused(write(tmp_path, MINIMAL.encode("utf-16")))
    assert error.place == "line 1"
    assert "UTF-16" in error.reason
    assert "UTF-8" in error.reason


def test_a_legacy_code_page_names_the_line_of_the_first_bad_byte(tmp_path: Path) -> None:
    # "Văn phòng UBND" in Windows-1258 is not UTF-8: the office's name is on line 11.
    assert MINIMAL.splitlines()[10] == 'name = "Văn phòng UBND"'
    raw = MINIMAL.encode().replace("Văn".encode(), "Văn".encode("cp1258"))
    error = refused(write(tmp_path, raw))
    assert error.place == "line 11"
    assert error.line == 11
    assert "not UTF-8" in error.reason
    assert error.hint is not None
    assert "Windows-1258" in error.hint


@pytest.mark.parametrize("ending", ["\r", "\r\n"], ids=["old-mac-cr", "windows-crlf"])
def test_cr_line_endings_load_like_lf(tmp_path: Path, ending: str) -> None:
    expected = load_pack(write(tmp_path, MINIMAL, "lf.toml"))
    got = load_pack(write(tmp_path, MINIMAL.replace("\n", ending), "cr.toml"))
    assert (got.bodies, got.offices, got.meeting_kinds) == (
        expected.bodies,
        expected.offices,
        expected.meeting_kinds,
    )


def test_a_syntax_error_after_bare_cr_lines_names_the_right_line(tmp_path: Path) -> None:
    text = MINIMAL.replace("\n", "\r") + "oops\r"
    line = MINIMAL.count("\n") + 1
    assert refused(write(tmp_path, text)).place == f"line {line}"


def test_messages_stay_short_for_huge_values(tmp_path: Path) -> None:
    text = MINIMAL.replace('id = "ubnd"\n', 'id = "' + "X" * 500_000 + '"\n', 1)
    error = refused(write(tmp_path, text))
    assert problem(error, "body[0].id")
    assert len(str(error)) < 2000


# -- values that load but would crash later --------------------------------------------

POLICY = MINIMAL + "\n[policy]\n"


@pytest.mark.parametrize(
    ("extra", "key", "said"),
    [
        (
            "\n[[work_calendar.year]]\nyear = 0\ndays_off = [{ first = 2026-01-01, last = "
            '2026-01-01, name = "x" }]\n',
            "work_calendar.year[0].year",
            "from 1,901 to 2,100, found 0",
        ),
        ("\n[[work_calendar.year]]\nyear = 9999\n", "work_calendar.year[0].year", "9999"),
        (
            "\n[[work_calendar.year]]\nyear = 2026\n[[work_calendar.year.days_off]]\n"
            'first = 9999-12-31\nlast = 9999-12-31\nname = "x"\n',
            "work_calendar.year[0].days_off[0].first",
            "9999-12-31 is outside the dates supported, 1901-01-01 to 2100-12-31",
        ),
        (
            "\n[[work_calendar.year]]\nyear = 2026\n[[work_calendar.year.working_days]]\n"
            'day = 0001-01-01\nname = "x"\n',
            "work_calendar.year[0].working_days[0].day",
            "0001-01-01 is outside",
        ),
        (
            '\n[[rule]]\nid = "x"\ndescription = "x"\nvalue = 1\nsince = "0001-01-01"\n',
            "rule[x].since",
            "0001-01-01 is outside",
        ),
        (
            "\n[policy]\nseries_cap = 0\n",
            "policy.series_cap",
            "from 1 to 100,000, found 0",
        ),
        (
            "\n[policy]\nseries_cap = 1000000000000\n",
            "policy.series_cap",
            "from 1 to 100,000",
        ),
        (
            "\n[policy]\nmax_feed_bytes = 1000000000000000000000000000000\n",
            "policy.max_feed_bytes",
            "from 1,000 to 500,000,000",
        ),
        (
            "\n[[policy.default_travel_minutes]]\nvalue = 1000000\n",
            "policy.default_travel_minutes[0].value",
            "from 0 to 1,440",
        ),
        (
            '\n[[venue]]\nid = "a"\nname = "A"\n[[venue]]\nid = "b"\nname = "B"\n'
            '[[travel_time]]\na = "a"\nb = "b"\nminutes = 99999999\n',
            "travel_time[0].minutes",
            "from 0 to 1,440",
        ),
        (
            '\n[[position]]\nid = "p"\nbody = "ubnd"\ntitle = "P"\nholders = 100000\n',
            "position[p].holders",
            "from 1 to 1,000",
        ),
        (
            "\n[work_calendar]\nweekend = [0, 1, 2, 3, 4, 5, 6]\n",
            "work_calendar.weekend",
            "a week needs a working day",
        ),
        (
            "\n[[policy.change_notice]]\nvalue = { amount = 1000000000 }\n",
            "policy.change_notice[0].value.amount",
            "at most 1,000 days, found 1000000000",
        ),
        (
            '\n[[policy.change_notice]]\nvalue = { amount = 701, unit = "working_days" }\n',
            "policy.change_notice[0].value.amount",
            "at most 700 working_days",
        ),
        (
            '\n[[policy.confirmation_deadline]]\nvalue = { amount = 24001, unit = "hours" }\n',
            "policy.confirmation_deadline[0].value.amount",
            "at most 24,000 hours",
        ),
        (
            '\n[[requirement]]\nid = "r"\nmeeting_kind = "ubnd-meeting"\ndocument = "giay-moi"\n'
            'name = "Giấy mời"\ndeadline = { amount = 1000000000, unit = "days" }\n',
            "requirement[r].deadline.amount",
            "at most 1,000 days",
        ),
    ],
    ids=[
        "year-0",
        "year-9999",
        "day-off-9999",
        "working-day-year-1",
        "since-year-1",
        "series-cap-0",
        "series-cap-huge",
        "max-feed-bytes-huge",
        "default-travel-huge",
        "travel-minutes-huge",
        "holders-huge",
        "weekend-every-day",
        "deadline-billion-days",
        "deadline-701-working-days",
        "deadline-24001-hours",
        "requirement-billion-days",
    ],
)
def test_out_of_range_values_are_refused_at_load_time(
    tmp_path: Path, extra: str, key: str, said: str
) -> None:
    path = write(tmp_path, MINIMAL + extra)
    error = refused(path)
    found = problem(error, key)
    assert found.file == str(path)
    assert said in found.reason


@pytest.mark.parametrize(
    "extra",
    [
        "\n[[work_calendar.year]]\nyear = 2100\n",
        "\n[[work_calendar.year]]\nyear = 1901\n",
        "\n[policy]\nseries_cap = 100000\nmax_feed_bytes = 500000000\n",
        "\n[[policy.change_notice]]\nvalue = { amount = 1000 }\n",
        '\n[[policy.change_notice]]\nvalue = { amount = 700, unit = "working_days" }\n',
        "\n[work_calendar]\nweekend = [0, 1, 2, 3, 4, 5]\n",
    ],
)
def test_values_at_the_bounds_load(tmp_path: Path, extra: str) -> None:
    assert load_pack(write(tmp_path, MINIMAL + extra)).id == "t"


@settings(max_examples=40, deadline=None)
@given(cap=st.integers(-(10**20), 10**20))
def test_series_cap_loads_exactly_inside_its_range(cap: int) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), POLICY + f"series_cap = {cap}\n")
        low, high = limits.SERIES_CAP
        if low <= cap <= high:
            assert load_pack(path).policy.series_cap == cap
        else:
            assert problem(refused(path), "policy.series_cap")


@settings(max_examples=30, deadline=None)
@given(
    unit=st.sampled_from(list(DeadlineUnit)),
    amount=st.integers(0, 2000),
    before=st.booleans(),
    day=st.dates(limits.DATE_MIN, limits.DATE_MAX),
)
def test_a_deadline_that_loads_can_be_computed_for_any_supported_date(
    unit: DeadlineUnit, amount: int, before: bool, day: date
) -> None:
    import tempfile

    anchor = "before" if before else "after"
    extra = (
        f'\n[[policy.change_notice]]\nvalue = {{ amount = {amount}, unit = "{unit.value}", '
        f'anchor = "{anchor}" }}\n'
    )
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), MINIMAL + extra)
        if amount > limits.DEADLINE_MAX[unit.value]:
            assert problem(refused(path), "policy.change_notice[0].value.amount")
            return
        pack = load_pack(path)
    rule = pack.policy.change_notice
    assert rule is not None
    deadline = rule.versions[0].value
    assert deadline == Deadline(amount, unit, deadline.anchor)
    start = datetime.combine(day, datetime.min.time(), ZoneInfo("Asia/Ho_Chi_Minh"))
    due = pack.work_calendar.deadline(deadline, start)
    assert abs(due - start) <= timedelta(days=2 * amount + 2)


# -- extends chains ------------------------------------------------------------------------


def chain(tmp_path: Path, above: int) -> Path:
    """pack0.toml extends pack1.toml … extends pack<above>.toml (the last extends nothing)."""
    for n in range(above + 1):
        text = f'[pack]\nid = "p{n}"\nname = "P{n}"\n'
        if n < above:
            text += f'extends = "pack{n + 1}.toml"\n'
        write(tmp_path, text, f"pack{n}.toml")
    return tmp_path / "pack0.toml"


def test_an_extends_chain_at_the_depth_limit_loads(tmp_path: Path) -> None:
    assert load_pack(chain(tmp_path, limits.EXTENDS_DEPTH)).id == "p0"


def test_an_extends_chain_past_the_depth_limit_names_the_pack_that_extends_too_far(
    tmp_path: Path,
) -> None:
    error = refused(chain(tmp_path, limits.EXTENDS_DEPTH + 1))
    assert error.file == str(tmp_path / f"pack{limits.EXTENDS_DEPTH}.toml")
    assert error.place == "pack.extends"
    assert f"more than {limits.EXTENDS_DEPTH} packs above" in error.reason


def test_a_thousand_long_extends_chain_is_refused_without_recursion_error(tmp_path: Path) -> None:
    limit = sys.getrecursionlimit()
    error = refused(chain(tmp_path, limit))
    assert error.place == "pack.extends"


def test_a_long_remove_list_against_a_large_parent_stays_linear(tmp_path: Path) -> None:
    # Regression: each removal scanned the parent's entries (10,000 × 10,000).
    n = 10_000
    venues = "".join(f'[[venue]]\nid = "v{i}"\nname = "V"\n' for i in range(n))
    write(tmp_path, '[pack]\nid = "base"\nname = "Base"\n' + venues, "base.toml")
    removals = ", ".join(f'"venue:v{i}"' for i in range(n - 1))
    child = write(
        tmp_path,
        f'[pack]\nid = "c"\nname = "C"\nextends = "base.toml"\nremove = [{removals}]\n',
        "child.toml",
    )
    began = time.perf_counter()
    pack = load_pack(child)
    assert time.perf_counter() - began < 30  # about a second when linear
    assert [v.id for v in pack.venues] == [f"v{n - 1}"]


def test_removing_the_same_entry_twice_is_reported(tmp_path: Path) -> None:
    write(tmp_path, MINIMAL, "base.toml")
    child = write(
        tmp_path,
        '[pack]\nid = "c"\nname = "C"\nextends = "base.toml"\n'
        'remove = ["body:ubnd", "office:vp-ubnd", "body:ubnd"]\n',
        "child.toml",
    )
    found = problem(refused(child), "pack.remove[2]")
    assert "'body:ubnd' is listed twice" in found.reason


def test_the_limits_table_in_the_docs_lists_every_limit() -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "packs.md").read_text("utf-8")
    assert limits.limits_markdown() in page
