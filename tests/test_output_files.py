"""Output files are all written or none is, with an error naming the path."""

from __future__ import annotations

from pathlib import Path

import pytest

from coordrules import InputError
from coordrules.cli.output import write_outputs


def test_all_outputs_are_written(tmp_path: Path) -> None:
    write_outputs([(str(tmp_path / "a.json"), b"{}"), (str(tmp_path / "sub" / "b.ics"), b"x")])
    assert (tmp_path / "a.json").read_bytes() == b"{}"
    assert (tmp_path / "sub" / "b.ics").read_bytes() == b"x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "sub"]


def test_a_failure_leaves_nothing_behind(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(InputError) as caught:
        write_outputs([(str(tmp_path / "a.json"), b"{}"), (str(blocker / "b.docx"), b"x")])
    assert str(blocker / "b.docx") in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_an_existing_file_is_kept_when_another_output_fails(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("old")
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(InputError):
        write_outputs([(str(tmp_path / "a.json"), b"new"), (str(blocker / "x"), b"")])
    assert (tmp_path / "a.json").read_text() == "old"
