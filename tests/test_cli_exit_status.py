"""Exit statuses a script can rely on, and a console that cannot show Vietnamese.

0 no error finding, 1 error findings, 2 unusable input (or standard output
cannot be written), 3 an unexpected error: a bug in coordrules, never
confused with findings; its traceback only with ``--debug``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from coordrules import sample_path
from coordrules.cli import main as cli_main
from coordrules.cli import rules as cli_rules
from coordrules.cli.main import main

SRC = str(Path(__file__).resolve().parents[1] / "src")
SAMPLE = sample_path()
MERGE = [
    "merge", str(SAMPLE / "vp-ubnd.ics"), str(SAMPLE / "vp-tinh-uy.ics"),
    "--as-of", "2026-12-06T20:00", "--from", "2026-12-07",
]  # fmt: skip


def _explode(args: argparse.Namespace) -> int:
    raise ZeroDivisionError("planted failure 8c1f")


def test_an_unexpected_error_is_status_3_in_one_line_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli_rules, "run", _explode)
    status = main(["rules"])
    err = capsys.readouterr().err
    assert status == 3
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert "report it to the coordrules developers with the command you ran" in err
    assert "hãy báo cho nhóm phát triển coordrules" in err
    assert "planted failure 8c1f" in err
    assert "--debug" in err


def test_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli_rules, "run", _explode)
    status = main(["--debug", "rules"])
    err = capsys.readouterr().err
    assert status == 3
    assert "Traceback (most recent call last)" in err
    assert "_explode" in err
    assert "ZeroDivisionError: planted failure 8c1f" in err


def test_an_unexpected_error_is_never_status_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Regression: an exception escaped main() and Python exited 1, as findings do.
    monkeypatch.setattr(cli_rules, "run", lambda args: [][1])
    assert main(["rules"]) == 3
    capsys.readouterr()


def test_an_os_error_on_a_named_file_is_unusable_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def denied(args: argparse.Namespace) -> int:
        raise PermissionError(13, "Permission denied", "/srv/lich/vp-ubnd.ics")

    monkeypatch.setattr(cli_rules, "run", denied)
    assert main(["rules"]) == 2
    err = capsys.readouterr().err
    assert "/srv/lich/vp-ubnd.ics" in err
    assert "Permission denied" in err
    assert "Traceback" not in err


def test_statuses_0_1_and_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    # The sample week has planted conflicts: error findings.
    assert main(MERGE) == 1
    assert main(["merge", str(tmp_path / "absent.ics")]) == 2
    capsys.readouterr()


def _run(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": SRC}
    env.update(kwargs.pop("env", {}))
    return subprocess.run(
        [sys.executable, "-m", "coordrules", *argv],
        capture_output="stdout" not in kwargs,
        env=env,
        check=False,
        timeout=120,
        **kwargs,
    )


@pytest.mark.parametrize("encoding", ["cp1258", "latin-1", "ascii"])
def test_a_console_that_cannot_show_vietnamese_gets_what_it_can(encoding: str) -> None:
    result = _run(MERGE, env={"PYTHONIOENCODING": encoding})
    assert result.returncode == 1, result.stderr
    assert b"Traceback" not in result.stderr
    out = result.stdout.decode(encoding)
    # "Lịch công tác" cannot be shown whole in any of them; the rest is there.
    assert "work calendar 07/12/2026" in out
    assert "summary:" in out
    missing = _run(["merge", "/nonexistent/lịch.ics"], env={"PYTHONIOENCODING": encoding})
    assert missing.returncode == 2
    assert b"Traceback" not in missing.stderr
    assert b"/nonexistent/" in missing.stderr


def test_standard_output_on_a_full_device_is_a_clear_error(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    with open("/dev/full", "wb") as full:
        result = _run([*MERGE, "--json", str(out)], stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert b"cannot write to standard output" in result.stderr
    assert b"No space left on device" in result.stderr
    assert not out.exists()  # status 2: no output file


def test_rules_on_a_full_device_is_a_clear_error() -> None:
    with open("/dev/full", "wb") as full:
        result = _run(["rules"], stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert b"cannot write to standard output" in result.stderr


@pytest.mark.parametrize(
    "argv", [["--help"], ["--version"], ["rules", "--help"], ["inspect", "--help"]]
)
def test_help_on_a_full_device_is_the_same_clear_error(argv: list[str]) -> None:
    # argparse itself ignores the failed write; the status must not say "done".
    with open("/dev/full", "wb") as full:
        result = _run(argv, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert b"cannot write to standard output" in result.stderr
    assert b"No space left on device" in result.stderr


def test_help_to_a_reader_that_went_away_is_a_broken_pipe() -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        result = _run(["--help"], stdout=write, stderr=subprocess.PIPE)
    finally:
        os.close(write)
    assert result.returncode == 141
    assert result.stderr == b""


def test_help_and_a_usage_error_with_standard_error_full_keep_their_statuses() -> None:
    with open("/dev/full", "wb") as full:
        helped = _run(["--help"], stderr=full, stdout=subprocess.PIPE)
        wrong = _run(["--no-such-option"], stderr=full, stdout=subprocess.PIPE)
    assert helped.returncode == 0
    assert b"coordrules" in helped.stdout
    assert wrong.returncode == 2


def test_the_statuses_are_named_in_the_module() -> None:
    assert (cli_main.USAGE, cli_main.BUG) == (2, 3)


def test_debug_is_understood_after_the_command_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli_rules, "run", _explode)
    assert main(["rules", "--debug"]) == 3
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_standard_error_on_a_full_device_keeps_the_status() -> None:
    with open("/dev/full", "wb") as full:
        result = _run(["merge", "/nonexistent/feed.ics"], stderr=full, stdout=subprocess.PIPE)
    assert result.returncode == 2
