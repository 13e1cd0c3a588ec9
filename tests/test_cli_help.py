"""The command line speaks Vietnamese and English, argparse's own words included,
and reads every date by one rule."""

from __future__ import annotations

import argparse
import ast
import gettext
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordrules import sample_path
from coordrules.cli.common import parse_as_of, parse_date, read_moment
from coordrules.cli.main import ARGPARSE_VI, build_parser, main

SAMPLE = sample_path()
FEED = str(SAMPLE / "vp-ubnd.ics")
ICT = timezone(timedelta(hours=7))

# argparse's messages that only a programmer building a parser wrongly can
# see (raised while the parser is built, never while it reads a command line).
PROGRAMMER_ERRORS = {
    ".__call__() not defined",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    'argument "-" with mode %r',
    "cannot merge actions - two groups are named %r",
    "'required' is an invalid argument for positionals",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "conflicting option string: %s",
    "conflicting option strings: %s",
    "mutually exclusive arguments must be optional",
    "cannot have multiple subparser arguments",
    "%r is not callable",
    "%(prog)s: error: %(message)s\n",  # replaced by our parser's error()
}


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # argparse wraps help to the terminal's width; one line per option here.
    monkeypatch.setenv("COLUMNS", "300")


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {"": parser, **subparsers.choices}


def _argparse_messages() -> set[str]:
    """Every message id argparse passes to gettext, read from its source."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"_", "ngettext"}
        ):
            found.update(
                arg.value
                for arg in node.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            )
    return found


def test_every_message_argparse_can_show_a_user_is_translated() -> None:
    messages = _argparse_messages()
    assert messages, "argparse no longer uses gettext: revisit ARGPARSE_VI"
    untranslated = messages - set(ARGPARSE_VI) - PROGRAMMER_ERRORS
    assert untranslated == set()


def test_the_catalogue_holds_only_words_argparse_says() -> None:
    source = Path(argparse.__file__).read_text(encoding="utf-8")
    assert [msgid for msgid in ARGPARSE_VI if repr(msgid)[1:-1] not in source] == []


@pytest.mark.parametrize("command", ["", "demo", "dossier", "inspect", "merge", "rules"])
def test_help_is_in_vietnamese_and_english(command: str) -> None:
    parser = _commands()[command]
    text = parser.format_help()
    assert text.startswith("cách dùng / usage: coordrules")
    assert "tùy chọn / options:" in text
    assert "hiện hướng dẫn này rồi thoát / show this help message and exit" in text
    assert "\npositional arguments" not in text
    assert "\noptions:" not in text
    assert parser.description is not None
    assert " / " in parser.description, "the description needs Vietnamese and English"
    for action in parser._actions:
        if action.help is not argparse.SUPPRESS:
            assert action.help is not None, action.option_strings or action.dest
            assert " / " in action.help, (command, action.option_strings or action.dest)


def test_positional_heading_is_bilingual() -> None:
    assert "tham số / positional arguments:" in _commands()["merge"].format_help()


def test_version_help_is_bilingual() -> None:
    assert "in số phiên bản rồi thoát / show program's version number and exit" in (
        build_parser().format_help()
    )


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith("cách dùng / usage: coordrules")
    return err.splitlines()[-1]


def test_missing_command_is_said_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    assert _usage_error([], capsys) == (
        "coordrules: lỗi cách dùng lệnh / usage error: thiếu tham số bắt buộc: COMMAND / "
        "the following arguments are required: COMMAND"
    )


def test_missing_argument_is_said_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    assert _usage_error(["merge"], capsys) == (
        "coordrules merge: lỗi cách dùng lệnh / usage error: thiếu tham số bắt buộc: SOURCE / "
        "the following arguments are required: SOURCE"
    )


def test_invalid_choice_is_said_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    line = _usage_error(["merj"], capsys)
    assert line.startswith(
        "coordrules: lỗi cách dùng lệnh / usage error: tham số COMMAND: không có lựa chọn "
        "'merj' (chọn một trong: 'demo', "
    )
    assert line.endswith(" / argument COMMAND: invalid choice: 'merj' (choose from 'demo', "
                         "'dossier', 'inspect', 'merge', 'rules', 'serve')")  # fmt: skip


def test_option_without_its_value_is_said_in_both_languages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _usage_error(["rules", "--as-of"], capsys) == (
        "coordrules rules: lỗi cách dùng lệnh / usage error: tham số --as-of: cần đúng một "
        "giá trị / argument --as-of: expected one argument"
    )


def test_unknown_option_is_said_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    assert _usage_error(["rules", "--pak", "x"], capsys) == (
        "coordrules: lỗi cách dùng lệnh / usage error: tham số không nhận ra: --pak x / "
        "unrecognized arguments: --pak x"
    )


def test_our_translation_changes_no_process_wide_state(capsys: pytest.CaptureFixture[str]) -> None:
    # A library must leave gettext and argparse as it found them: another
    # application's parser in the same process still speaks plain argparse.
    # argparse's module-level gettext alias ``_`` is real but typeshed does not
    # declare it; read it through the module's namespace.
    before = (
        vars(argparse)["_"],
        gettext.gettext,
        argparse.HelpFormatter,
        argparse.ArgumentParser.error,
    )
    build_parser().format_help()
    _usage_error(["merge"], capsys)
    assert (
        vars(argparse)["_"],
        gettext.gettext,
        argparse.HelpFormatter,
        argparse.ArgumentParser.error,
    ) == before
    other = argparse.ArgumentParser(prog="other")
    other.add_argument("x")
    text = other.format_help()
    assert text.startswith("usage: other")
    assert "options:" in text
    assert "cách dùng" not in text
    with pytest.raises(SystemExit):
        other.parse_args([])
    err = capsys.readouterr().err
    assert err.endswith("other: error: the following arguments are required: x\n")


def test_defaults_are_shown() -> None:
    commands = _commands()
    assert "(default: vn-province)" in commands["rules"].format_help()
    assert "(default: vn-province)" in commands["merge"].format_help()
    assert "(default: coordrules-demo)" in commands["demo"].format_help()
    # A flag's False and an unset option's None say nothing.
    assert "default: False" not in commands[""].format_help()
    assert "default: None" not in commands["merge"].format_help()


def test_every_option_with_a_default_shows_it_or_says_it() -> None:
    for name, parser in _commands().items():
        text = " ".join(parser.format_help().split())
        for action in parser._actions:
            if action.help is argparse.SUPPRESS or not action.option_strings:
                continue
            if action.nargs == 0 or action.default in (None, argparse.SUPPRESS, []):
                continue  # nothing to show: a flag, or a default the help says in words
            assert f"(default: {action.default})" in text, (name, action.option_strings)


def test_options_mean_the_same_in_every_command() -> None:
    # One name, one metavar and one destination in every command that has it.
    seen: dict[str, tuple[object, str, str]] = {}
    for name, parser in _commands().items():
        for action in parser._actions:
            for option in action.option_strings:
                shape = (action.metavar, action.dest, type(action).__name__)
                first = seen.setdefault(option, (*shape[:2], name))
                assert first[:2] == shape[:2], (option, first, name, shape)


def test_date_options_state_the_one_date_rule() -> None:
    for name, parser in _commands().items():
        for action in parser._actions:
            if {"--as-of", "--from", "--to"} & set(action.option_strings):
                assert "YYYY-MM-DD or DD/MM/YYYY" in (action.help or ""), (name, action.dest)


# The one date rule.


@pytest.mark.parametrize(
    ("text", "moment", "timed"),
    [
        ("2026-12-07", datetime(2026, 12, 7), False),
        ("07/12/2026", datetime(2026, 12, 7), False),
        ("7/12/2026", datetime(2026, 12, 7), False),
        (" 07/12/2026 ", datetime(2026, 12, 7), False),
        ("2026-12-07T09:30", datetime(2026, 12, 7, 9, 30), True),
        ("2026-12-07 09:30", datetime(2026, 12, 7, 9, 30), True),
        ("07/12/2026 09:30", datetime(2026, 12, 7, 9, 30), True),
        ("07/12/2026 9h30", datetime(2026, 12, 7, 9, 30), True),
        ("07/12/2026 9h", datetime(2026, 12, 7, 9, 0), True),
        ("07/12/2026T20:00", datetime(2026, 12, 7, 20, 0), True),
        ("2026-12-07T09:30+07:00", datetime(2026, 12, 7, 9, 30, tzinfo=ICT), True),
    ],
)
def test_the_date_rule_reads(text: str, moment: datetime, timed: bool) -> None:
    assert read_moment(text) == (moment, timed)


@pytest.mark.parametrize(
    "text", ["", "tomorrow", "31/02/2026", "2026-02-31", "07/12/26", "07/12/2026 25:00",
             "07/12/2026 9:7", "12/2026", "07.12.2026"],
)  # fmt: skip
def test_the_date_rule_refuses(text: str) -> None:
    assert read_moment(text) is None


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)),
    st.integers(0, 23),
    st.integers(0, 59),
)
def test_iso_and_office_forms_of_one_moment_read_the_same(
    day: date, hour: int, minute: int
) -> None:
    office = f"{day.day:02}/{day.month:02}/{day.year:04}"
    assert read_moment(day.isoformat()) == read_moment(office)
    expected = (datetime(day.year, day.month, day.day, hour, minute), True)
    assert read_moment(f"{day.isoformat()}T{hour:02}:{minute:02}") == expected
    assert read_moment(f"{office} {hour:02}:{minute:02}") == expected
    assert read_moment(f"{day.day}/{day.month}/{day.year:04} {hour}h{minute:02}") == expected


def test_as_of_without_offset_is_in_the_packs_time_zone() -> None:
    assert parse_as_of("07/12/2026 09:00", ICT) == datetime(2026, 12, 7, 9, tzinfo=ICT)


def test_a_day_option_refuses_a_time() -> None:
    from coordrules import InputError

    assert parse_date("07/12/2026", "--from") == date(2026, 12, 7)
    with pytest.raises(InputError, match="without a time") as caught:
        parse_date("07/12/2026 09:00", "--from")
    assert caught.value.file == "--from"


def test_rules_as_of_accepts_the_office_date_form(capsys: pytest.CaptureFixture[str]) -> None:
    # Regression: ``rules --as-of 07/12/2026`` failed while merge accepted it.
    assert main(["rules", "--as-of", "2026-12-07"]) == 0
    iso = capsys.readouterr().out
    assert main(["rules", "--as-of", "07/12/2026"]) == 0
    assert capsys.readouterr().out == iso
    assert main(["rules", "--as-of", "07/12/2026 23:59"]) == 0
    assert capsys.readouterr().out == iso
    assert "2026-12-07" in iso


@pytest.mark.parametrize(
    "argv",
    [
        ["rules", "--as-of", "31/02/2026"],
        ["merge", FEED, "--as-of", "31/02/2026"],
        ["merge", FEED, "--from", "31/02/2026"],
        ["merge", FEED, "--to", "hôm nay"],
        ["dossier", str(SAMPLE / "dossier" / "manifest.toml"), "--as-of", "31/02/2026"],
    ],
)
def test_a_bad_date_names_its_option_in_every_command(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    option = argv[-2]
    assert f"coordrules: lỗi / error: {option}: không phải ngày" in err
    assert repr(argv[-1]) in err
