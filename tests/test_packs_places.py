"""Places a pack author can act on (issue 14): entries by id, the line, every problem at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordrules import DirectoryError, PackError, load_directory, load_pack

CHILD = """\
[pack]
id = "tinh"
name = "Tỉnh"
extends = "vn-province"

[[meeting_kind]]
id = "ubnd-meeting"
name = "Phiên họp UBND tỉnh"
body = "ubnd"
ofice = "vp-ubnd"
"""
# Line 10 is `ofice = "vp-ubnd"`; line 6 is the [[meeting_kind]] header.


def write(tmp_path: Path, text: str, name: str = "pack.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path) -> PackError:
    with pytest.raises(PackError) as caught:
        load_pack(path)
    return caught.value


def at(error: PackError, place: str) -> PackError:
    for problem in error.problems:
        if problem.place == place:
            return problem
    raise AssertionError([(p.place, p.line, p.reason) for p in error.problems])


def test_an_entry_is_named_by_its_id_with_the_line_of_the_key(tmp_path: Path) -> None:
    path = write(tmp_path, CHILD)
    error = refused(path)
    typo = at(error, "meeting_kind[ubnd-meeting].ofice")
    assert typo.line == 10
    assert "did you mean 'office'" in typo.reason
    assert typo.file == str(path)
    missing = at(error, "meeting_kind[ubnd-meeting].office")
    assert missing.line == 6  # a missing key: the line of its table
    assert typo.describe().startswith(f"{path}:10: meeting_kind[ubnd-meeting].ofice: ")


def test_an_entry_without_a_usable_id_is_named_by_its_position(tmp_path: Path) -> None:
    text = (
        '[pack]\nid = "t"\nname = "T"\nextends = "vn-province"\n\n'
        '[[travel_time]]\na = "nowhere"\nb = "elsewhere"\nminutes = 5\n\n'
        '[[body]]\nid = "Bad Id"\nname = "X"\n'
    )
    error = refused(write(tmp_path, text))
    assert at(error, "travel_time[0].a").line == 7
    assert at(error, "travel_time[0].b").line == 8
    assert at(error, "body[0].id").line == 12


def test_a_reference_problem_has_the_line_of_its_key(tmp_path: Path) -> None:
    text = CHILD.replace('ofice = "vp-ubnd"', 'office = "vp-ubdn"')
    problem = at(refused(write(tmp_path, text)), "meeting_kind[ubnd-meeting].office")
    assert problem.line == 10
    assert "did you mean 'vp-ubnd'" in problem.reason


def test_a_day_of_an_inline_array_has_its_own_line(tmp_path: Path) -> None:
    text = (
        '[pack]\nid = "t"\nname = "T"\n\n'
        "[[work_calendar.year]]\nyear = 2030\ndays_off = [\n"
        '    { first = 2030-01-01, last = 2030-01-01, name = "Tết Dương lịch" },\n'
        '    { first = 2031-04-30, last = 2031-04-30, name = "30/4" },\n'
        "]\n"
    )
    problem = at(refused(write(tmp_path, text)), "work_calendar.year[0].days_off[1].first")
    assert problem.line == 9
    assert "not in 2030" in problem.reason


def test_a_multi_line_string_does_not_shift_the_lines(tmp_path: Path) -> None:
    text = CHILD.replace(
        'name = "Phiên họp UBND tỉnh"',
        'name = """Phiên họp\n[[body]]\nid = "x"\nUBND tỉnh"""',
    )
    assert at(refused(write(tmp_path, text)), "meeting_kind[ubnd-meeting].ofice").line == 13


def test_structural_and_reference_problems_are_reported_in_one_run(tmp_path: Path) -> None:
    text = CHILD + (
        '\n[[work]]\nid = "w"\nname = "W"\nlead = "vp-nowhere"\n'
        '\n[[body]]\nid = "ban-x"\nnam = "Ban X"\n'
        '\n[[position]]\nid = "truong-ban-x"\nbody = "ban-x"\ntitle = "Trưởng ban"\n'
    )
    error = refused(write(tmp_path, text))
    places = {p.place for p in error.problems}
    # Shape problems (a typo, a missing key) and a reference problem, together.
    assert {
        "meeting_kind[ubnd-meeting].ofice",
        "body[ban-x].nam",
        "work[w].lead",
    } <= places
    # The body left out for its typo still exists for the position naming it.
    assert "position[truong-ban-x].body" not in places
    assert len(str(error).splitlines()) == len(error.problems)


def test_a_problem_in_the_extended_file_names_that_file_and_its_line(tmp_path: Path) -> None:
    base_text = '[pack]\nid = "b"\nname = "B"\n\n[[body]]\nid = "x"\nnme = "X"\n'
    base = write(tmp_path, base_text, "b.toml")
    child = write(tmp_path, '[pack]\nid = "c"\nname = "C"\nextends = "b.toml"\n', "c.toml")
    problem = at(refused(child), "body[x].nme")
    assert problem.file == str(base)
    assert problem.line == 7


def test_a_people_file_names_entries_by_id_with_lines_and_suggests_keys(tmp_path: Path) -> None:
    text = (
        '[[person]]\nid = "nguyen-van-a"\nname = "Nguyễn Văn A"\nemail = ["a@tinh.gov.vn"]\n\n'
        '[[person.appointment]]\nposition = "chu-tich-ubnd"\nsince = "2025-13-01"\n\n'
        '[[persons]]\nid = "b"\n'
    )
    with pytest.raises(DirectoryError) as caught:
        load_directory(write(tmp_path, text, "people.toml"))
    error = caught.value
    email = at(error, "person[nguyen-van-a].email")
    assert email.line == 4
    assert "did you mean 'emails'" in email.reason
    assert at(error, "person[nguyen-van-a].appointment[0].since").line == 8
    persons = at(error, "persons")
    assert persons.line == 10
    assert "did you mean 'person'" in persons.reason


def test_a_people_file_suggests_a_position_of_the_pack(tmp_path: Path) -> None:
    text = "person,name,emails,aliases,position,since,until\na,An,,,chu-tich-ubdn,2025-07-01,\n"
    with pytest.raises(DirectoryError) as caught:
        load_directory(write(tmp_path, text, "people.csv"), load_pack("vn-province"))
    problem = at(caught.value, "row 2.position")
    assert problem.line == 2
    assert "did you mean 'chu-tich-ubnd'" in problem.reason


def test_a_csv_row_after_a_cell_on_two_lines_has_its_own_line(tmp_path: Path) -> None:
    text = (
        "person,name,emails,aliases,position,since,until\n"
        'a,"An\nNguyễn",,,chu-tich-ubnd,2025-07-01,\n'
        "b,Bình,,,pho-chu-tich-ubnd,2025-13-01,\n"
    )
    with pytest.raises(DirectoryError) as caught:
        load_directory(write(tmp_path, text, "people.csv"))
    assert at(caught.value, "row 3.since").line == 4


KEYS = st.sampled_from(["nam", "nme", "aliasses", "parnt", "sinse", "form_"])
IDS = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)


@settings(max_examples=40, deadline=None)
@given(
    ids=st.lists(IDS, min_size=1, max_size=6, unique=True),
    pick=st.integers(min_value=0),
    bad=KEYS,
    blank=st.lists(st.booleans(), min_size=6, max_size=6),
)
def test_an_unknown_key_is_named_by_id_and_line_wherever_it_is(
    tmp_path_factory: pytest.TempPathFactory,
    ids: list[str],
    pick: int,
    bad: str,
    blank: list[bool],
) -> None:
    target = pick % len(ids)
    lines = ["[pack]", 'id = "t"', 'name = "T"']
    expected = 0
    for index, ident in enumerate(ids):
        lines += ["", "[[body]]"] + ([""] if blank[index] else [])
        lines += [f'id = "{ident}"', f'name = "{ident.upper()}"']
        if index == target:
            lines.append(f'{bad} = "x"')
            expected = len(lines)  # the line just added, counted from 1
    path = tmp_path_factory.mktemp("p") / "pack.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = refused(path)
    (problem,) = error.problems
    assert problem.place == f"body[{ids[target]}].{bad}"
    assert problem.line == expected


def test_removing_an_entry_the_base_still_uses_is_the_extending_packs_problem(
    tmp_path: Path,
) -> None:
    base = write(
        tmp_path,
        '[pack]\nid = "b"\nname = "B"\n\n[[body]]\nid = "ban-x"\nname = "Ban X"\n\n'
        '[[position]]\nid = "truong-ban"\nbody = "ban-x"\ntitle = "Trưởng ban"\n',
        "base.toml",
    )
    child = write(
        tmp_path,
        '[pack]\nid = "c"\nname = "C"\nextends = "base.toml"\nremove = ["body:ban-x"]\n',
        "tinh.toml",
    )
    (problem,) = refused(child).problems
    assert (problem.file, problem.place, problem.line) == (str(child), "pack.remove[0]", 5)
    # It says which entry of which file still names what was removed, and where.
    assert f"{base}:11: position[truong-ban].body still names it" in problem.reason
    assert problem.reason_vi == "đã xóa nhưng vẫn được dùng"


def test_removing_a_bundled_body_still_in_use_names_the_extending_pack(tmp_path: Path) -> None:
    text = '[pack]\nid = "c"\nname = "C"\nextends = "vn-province"\nremove = ["body:ubnd"]\n'
    error = refused(write(tmp_path, text))
    assert {p.file for p in error.problems} == {str(tmp_path / "pack.toml")}
    assert {p.place for p in error.problems} == {"pack.remove[0]"}
    assert any("position[chu-tich-ubnd].body still names it" in p.reason for p in error.problems)


# Three quotes that do not open a multi-line string: inside a one-line string or
# a comment. Each text has its tables on the lines written beside it.
@pytest.mark.parametrize(
    "text",
    [
        '[[body]]\nid = "a"\nnote = "it\'s \'\'\' here"\n[[body]]\nid = "b"\n',
        '# wrap long text in """ quotes\n[[body]]\nid = "a"\nnote = "x"\n[[body]]\nid = "b"\n',
        '[[body]]\nid = "a"\ncite = \'Quy định 66 (the """ mark)\'\n[[body]]\nid = "b"\n',
    ],
)
def test_three_quotes_in_a_one_line_string_or_a_comment_open_no_string(text: str) -> None:
    from coordrules.packs.toml_lines import scan

    lines = scan(text)
    first = 2 if text.startswith("#") else 1  # the first [[body]] header
    assert lines.table("body[0]").line == first
    assert lines.table("body[1]").line == first + 3
    assert lines.table("body[1]").of("id") == first + 4


def test_a_real_multi_line_string_is_skipped_to_its_end() -> None:
    from coordrules.packs.toml_lines import scan

    text = (
        '[[body]]\nid = "a"\nnote = """first\n[[body]]\nid = "not a table"\n'
        '"""\n[[body]]\nid = "b"\n'
    )
    lines = scan(text)
    # Lines 4 and 5 are text of the string (it closes on line 6): the second
    # table is the header on line 7.
    assert lines.table("body[1]").line == 7
    assert lines.table("body[1]").of("id") == 8
    assert "body[2]" not in lines.tables


def test_a_quoted_table_header_is_a_table_of_its_own() -> None:
    from coordrules.packs.toml_lines import scan

    text = '[body]\nx = 1\n[body."y z"]\nform = 5\n'
    lines = scan(text)
    assert lines.table("body").of("x") == 2
    assert lines.table("body.y z").line == 3
    assert lines.table("body.y z").of("form") == 4
    assert "form" not in lines.table("body").keys


def test_the_line_of_a_problem_after_a_comment_with_three_quotes(tmp_path: Path) -> None:
    # A pack author's comment holding three double quotes before the entries
    # must not cost every later error its line.
    path = tmp_path / "p.toml"
    path.write_text(
        '[pack]\nid = "thu"\nname = "Thử"\nextends = "vn-province"\n'
        '# Long texts: write them between """ marks.\n'
        '[[body]]\nid = "ban-moi"\nname = "Ban mới"\nform = 5\n',
        encoding="utf-8",
    )
    with pytest.raises(PackError) as caught:
        load_pack(path)
    problem = next(p for p in caught.value.problems if p.place == "body[ban-moi].form")
    assert problem.line == 9
