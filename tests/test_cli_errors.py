"""The command line on bad input: a message naming file and reason, exit 2, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coordrules import sample_path
from coordrules.cli.main import main

SAMPLE = sample_path()
FEED = str(SAMPLE / "vp-ubnd.ics")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, captured.err


def test_two_sources_with_one_name_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Regression: offices all export "lich.ics"; two such files became one source.
    for office in ("a", "b"):
        (tmp_path / office).mkdir()
        (tmp_path / office / "lich.ics").write_bytes((SAMPLE / "vp-ubnd.ics").read_bytes())
    status, err = run(
        ["merge", str(tmp_path / "a" / "lich.ics"), str(tmp_path / "b" / "lich.ics"),
         "--as-of", "2026-12-06T20:00"], capsys,
    )  # fmt: skip
    assert status == 2
    assert "'lich'" in err
    assert "NAME=PATH" in err
    named = main(
        ["merge", f"a={tmp_path / 'a' / 'lich.ics'}", f"b={tmp_path / 'b' / 'lich.ics'}",
         "--as-of", "2026-12-06T20:00"]
    )  # fmt: skip
    assert named in (0, 1)


@pytest.mark.parametrize("option", ["--json", "--ics", "--docx", "--report"])
def test_an_output_that_is_a_folder_is_an_input_error(
    option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    status, err = run(["merge", FEED, "--as-of", "2026-12-06T20:00", option, str(folder)], capsys)
    assert status == 2
    assert str(folder) in err
    assert list(folder.iterdir()) == []


def test_per_person_into_a_file_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    status, err = run(
        ["merge", FEED, "--as-of", "2026-12-06T20:00", "--per-person", str(target),
         "--people", str(SAMPLE / "people.toml")],
        capsys,
    )  # fmt: skip
    assert status == 2
    assert "not a folder" in err


def test_a_closed_pipe_ends_quietly() -> None:
    # "| true" closes the pipe before the command writes: every write fails.
    command = f"{sys.executable} -m coordrules rules | true"
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {"PYTHONPATH": src, "PATH": "/usr/bin:/bin"}
    result = subprocess.run(["bash", "-c", command], capture_output=True, env=env, check=False)
    assert b"Traceback" not in result.stderr
    assert b"BrokenPipe" not in result.stderr


def test_per_person_without_a_directory_says_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = run(
        ["merge", FEED, "--as-of", "2026-12-06T20:00", "--per-person", str(tmp_path / "p")],
        capsys,
    )
    assert status == 2
    assert "--people" in err
    assert not (tmp_path / "p").exists()


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--office", "vp-ubdn"], "vp-ubdn"),
        (["--source-office", "vp-ubdn=vp-ubnd"], "no source is named 'vp-ubdn'"),
        (["--source-office", "vp-ubnd=vp-xx"], "vp-xx"),
        (["--source-office", "vp-ubnd"], "NAME=OFFICE"),
    ],
)
def test_office_typos_are_usage_errors(
    extra: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = run(["merge", FEED, "--as-of", "2026-12-06T20:00", *extra], capsys)
    assert status == 2
    assert words in err


def test_an_office_may_be_named_by_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "w.docx"
    status, _ = run(
        ["merge", FEED, "--as-of", "2026-12-06T20:00", "--office", "văn phòng ubnd tỉnh",
         "--docx", str(out)], capsys,
    )  # fmt: skip
    assert status in (0, 1)
    assert out.exists()


def test_dossier_checks_the_office_before_it_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = SAMPLE / "dossier" / "manifest.toml"
    status = main(["dossier", str(manifest), "--office", "vp-xyz", "--docx", str(tmp_path / "x")])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert "--office" in captured.err


@pytest.mark.parametrize(
    ("argv", "window"),
    [
        (["--from", "07/12/2026"], ("2026-12-07", "2026-12-13")),
        (["--from", "2026-12-07", "--to", "09/12/2026"], ("2026-12-07", "2026-12-09")),
        (["--to", "13/12/2026"], ("2026-12-07", "2026-12-13")),
    ],
)
def test_dates_as_offices_write_them_are_understood(
    argv: list[str], window: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    out = tmp_path / "r.json"
    main(["merge", FEED, "--as-of", "06/12/2026 20:00", "--json", str(out), *argv])
    capsys.readouterr()
    report = json.loads(out.read_text(encoding="utf-8"))
    assert (report["window"]["from"], report["window"]["to"]) == window
    assert report["as_of"] == "2026-12-06T20:00:00+07:00"


def test_usage_errors_are_bilingual(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(["merge"], capsys)
    assert status == 2
    assert "lỗi cách dùng lệnh / usage error" in err


def _xlsx(path: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return path


def test_a_workbook_renamed_docx_is_named_for_what_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = _xlsx(tmp_path / "lich-tuan.docx")
    status, err = run(["merge", str(fake), "--as-of", "2026-12-06T20:00"], capsys)
    assert status == 2
    assert "Excel workbook" in err
    status, err = run(["inspect", str(fake)], capsys)
    assert status == 2
    assert "Excel workbook" in err


def test_a_document_given_as_a_manifest_is_named_for_what_it_is(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, err = run(["dossier", str(SAMPLE / "dossier" / "to-trinh.docx")], capsys)
    assert status == 2
    assert "not a manifest" in err
