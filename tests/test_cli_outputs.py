"""Output paths on the command line: never a non-regular file, never an input, never twice.

And no output file on status 2 (regression: ``inspect --json`` wrote an
empty report when a file could not be read, and not atomically).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coordrules import InputError, sample_path
from coordrules.adapters.ical import read as ical_read
from coordrules.cli.main import main

SAMPLE = sample_path()
SRC = str(Path(__file__).resolve().parents[1] / "src")
WEEK = ["--as-of", "2026-12-06T20:00", "--from", "2026-12-07"]


def _merge(tmp_path: Path, *extra: str) -> int:
    feed = tmp_path / "vp-ubnd.ics"
    if not feed.exists():
        shutil.copy(SAMPLE / "vp-ubnd.ics", feed)
    return main(["merge", str(feed), *WEEK, *extra])


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_inspect_writes_no_json_when_a_file_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "findings.json"
    out.write_text("earlier")
    status = main(
        ["inspect", str(SAMPLE / "dossier" / "to-trinh.docx"), str(tmp_path / "absent.docx"),
         "--json", str(out)]
    )  # fmt: skip
    captured = capsys.readouterr()
    assert status == 2
    assert out.read_text() == "earlier"
    assert "not written" in captured.err
    assert "to-trinh.docx" in captured.out  # the readable file is still shown
    assert _listing(tmp_path) == ["findings.json"]


def test_inspect_writes_its_json_when_every_file_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "findings.json"
    status = main(["inspect", str(SAMPLE / "dossier" / "to-trinh.docx"), "--json", str(out)])
    capsys.readouterr()
    assert status in (0, 1)
    assert "findings" in json.loads(out.read_text(encoding="utf-8"))
    assert _listing(tmp_path) == ["findings.json"]


@pytest.mark.parametrize("option", ["--json", "--ics", "--docx", "--report"])
def test_merge_never_replaces_a_symlink(
    option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    aim = tmp_path / "aim"
    aim.write_text("keep")
    (tmp_path / "out").symlink_to(aim)
    status = _merge(tmp_path, option, str(tmp_path / "out"))
    err = capsys.readouterr().err
    assert status == 2
    assert "symbolic link" in err
    assert aim.read_text() == "keep"
    assert (tmp_path / "out").is_symlink()


def test_merge_never_replaces_a_fifo_or_a_device(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    assert _merge(tmp_path, "--ics", str(fifo)) == 2
    assert "not a regular file" in capsys.readouterr().err
    assert _merge(tmp_path, "--json", "/dev/null") == 2
    assert "not a regular file" in capsys.readouterr().err


def test_one_path_for_two_outputs_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = _merge(tmp_path, "--docx", str(tmp_path / "x"), "--report", f"{tmp_path}/./x")
    err = capsys.readouterr().err
    assert status == 2
    assert "two outputs (--docx and --report)" in err
    assert _listing(tmp_path) == ["vp-ubnd.ics"]


def test_an_output_that_is_a_source_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = _merge(tmp_path, "--json", str(tmp_path / "vp-ubnd.ics"))
    assert status == 2
    assert "one of the inputs" in capsys.readouterr().err
    assert (tmp_path / "vp-ubnd.ics").read_bytes() == (SAMPLE / "vp-ubnd.ics").read_bytes()


def test_an_output_that_is_the_people_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = tmp_path / "people.toml"
    shutil.copy(SAMPLE / "people.toml", people)
    status = _merge(tmp_path, "--people", str(people), "--report", str(people))
    assert status == 2
    assert "one of the inputs" in capsys.readouterr().err
    assert people.read_bytes() == (SAMPLE / "people.toml").read_bytes()


def test_the_merged_feed_may_replace_the_previous_feed_it_was_compared_with(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "lich-chung.ics"
    shutil.copy(SAMPLE / "previous.ics", feed)
    status = _merge(tmp_path, "--previous", str(feed), "--ics", str(feed))
    capsys.readouterr()
    assert status in (0, 1)
    assert feed.read_bytes() != (SAMPLE / "previous.ics").read_bytes()
    # ... but no other output may replace it.
    shutil.copy(SAMPLE / "previous.ics", feed)
    assert _merge(tmp_path, "--previous", str(feed), "--json", str(feed)) == 2
    assert "one of the inputs" in capsys.readouterr().err
    assert feed.read_bytes() == (SAMPLE / "previous.ics").read_bytes()


def test_dossier_never_overwrites_one_of_its_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "dossier"
    shutil.copytree(SAMPLE / "dossier", folder)
    document = folder / "to-trinh.docx"
    before = document.read_bytes()
    status = main(
        ["dossier", str(folder / "manifest.toml"), "--pack", str(SAMPLE / "tinh-thanh-binh.toml"),
         "--as-of", "2026-12-06T20:00", "--docx", str(document)]
    )  # fmt: skip
    assert status == 2
    assert "one of the inputs" in capsys.readouterr().err
    assert document.read_bytes() == before


def test_inspect_never_overwrites_the_file_it_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "to-trinh.docx"
    shutil.copy(SAMPLE / "dossier" / "to-trinh.docx", document)
    assert main(["inspect", str(document), "--json", str(document)]) == 2
    assert "one of the inputs" in capsys.readouterr().err
    assert document.read_bytes() == (SAMPLE / "dossier" / "to-trinh.docx").read_bytes()


def test_an_output_name_too_long_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = _merge(tmp_path, "--json", str(tmp_path / ("báo-cáo-" * 40 + ".json")))
    err = capsys.readouterr().err
    assert status == 2
    assert "file name too long" in err
    assert "Traceback" not in err
    assert _listing(tmp_path) == ["vp-ubnd.ics"]


def test_previous_errors_name_the_whole_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Regression: an error from inside the previous feed named only its stem.
    def short_named(source: object, *, pack: object = None) -> object:
        raise InputError("old", "bad line", place="line 3", reason_vi="dòng hỏng")

    # The command imports the reader when it runs: patch it in its home.
    monkeypatch.setattr(ical_read, "read_merged_ics", short_named)
    previous = tmp_path / "runs" / "old.ics"
    previous.parent.mkdir()
    previous.write_text("BEGIN:VCALENDAR\r\n")
    assert _merge(tmp_path, "--previous", str(previous)) == 2
    err = capsys.readouterr().err
    assert f"{previous}: line 3: dòng hỏng / bad line" in err


@pytest.mark.skipif(sys.platform != "linux", reason="file names are any bytes on Linux")
def test_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    # Regression: a source or output named in Latin-1 crashed the writers.
    root = os.fsencode(tmp_path)
    shutil.copy(os.fsencode(SAMPLE / "vp-ubnd.ics"), root + b"/l\xe9ch.ics")
    out = {
        option: root + b"/k\xeat-qu\xe1" + ending
        for option, ending in (("--json", b".json"), ("--ics", b".ics"), ("--docx", b".docx"),
                               ("--report", b"-r.docx"))
    }  # fmt: skip
    argv = [sys.executable.encode(), b"-m", b"coordrules", b"merge", root + b"/l\xe9ch.ics",
            *(arg.encode() for arg in WEEK), *(x for pair in out.items()
                                               for x in (pair[0].encode(), pair[1]))]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": SRC}
    result = subprocess.run(argv, capture_output=True, env=env, check=False, timeout=120)
    assert result.returncode == 1, result.stderr
    assert b"Traceback" not in result.stderr
    for path in out.values():
        assert os.path.isfile(path)
    report = json.loads(Path(os.fsdecode(out["--json"])).read_bytes().decode("utf-8"))
    assert [source["name"] for source in report["sources"]] == ["l\\xe9ch"]
    assert b"wrote" in result.stdout


@pytest.mark.skipif(sys.platform != "linux", reason="file names are any bytes on Linux")
def test_a_dossier_in_a_folder_named_in_latin1(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path) + b"/h\xf4 s\xe1"
    shutil.copytree(SAMPLE / "dossier", os.fsdecode(folder))
    argv = [sys.executable.encode(), b"-m", b"coordrules", b"dossier", folder + b"/manifest.toml",
            b"--pack", os.fsencode(SAMPLE / "tinh-thanh-binh.toml"), b"--as-of",
            b"2026-12-06T20:00", b"--json", folder + b"/r.json",
            b"--docx", folder + b"/r.docx"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": SRC}
    result = subprocess.run(argv, capture_output=True, env=env, check=False, timeout=120)
    assert result.returncode == 1, result.stderr  # the sample dossier lacks a document
    assert b"Traceback" not in result.stderr
    assert os.path.isfile(folder + b"/r.docx")
    text = Path(os.fsdecode(folder + b"/r.json")).read_bytes().decode("utf-8")
    json.loads(text)
    assert "h\\\\xf4 s\\\\xe1/phu-luc.docx" in text  # the bad bytes as \\xNN text
