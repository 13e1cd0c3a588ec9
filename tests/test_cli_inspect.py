"""``coordrules inspect --pack``: the given pack's format rules and bodies decide.

Expected values are read from the packs written here: the bundled pack's body
text is 13–14 pt (NĐ 30/2020), the test pack's 15–16 pt.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from coordrules import Report, load_pack, write_report_docx
from coordrules.cli.main import main


def _pack(tmp_path: Path) -> Path:
    path = tmp_path / "to-chu-lon.toml"
    path.write_text(
        '[pack]\nid = "thu"\nname = "Thử"\nextends = "vn-province"\nplace = "Thanh Bình"\n'
        '[[document_format]]\nid = "state.body_size"\nvalue = [15, 16]\n'
        'basis = "local"\ncite = "Quy chế của tỉnh"\n',
        encoding="utf-8",
    )
    return path


def _document(tmp_path: Path) -> Path:
    """A report written with the bundled pack: body text at 13 pt."""
    data = write_report_docx(
        Report(),
        pack=load_pack("vn-province"),
        office="vp-ubnd",
        title="Báo cáo kiểm tra",
        issued=date(2026, 12, 7),
    )
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(data)
    return path


def _size_findings(out: Path) -> list[dict[str, object]]:
    report = json.loads(out.read_text(encoding="utf-8"))
    return [f for f in report["findings"] if f["rule"] == "format.size"]


def test_inspect_checks_against_the_given_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _document(tmp_path)
    bundled = tmp_path / "bundled.json"
    assert main(["inspect", str(doc), "--json", str(bundled)]) in (0, 1)
    assert _size_findings(bundled) == []
    local = tmp_path / "local.json"
    pack = str(_pack(tmp_path))
    # A format violation is a warning: the status stays 0.
    assert main(["inspect", str(doc), "--pack", pack, "--json", str(local)]) == 0
    (finding,) = _size_findings(local)
    assert finding["code"] == "format-violation"
    assert finding["details"]["expected"] == "15–16 pt"  # type: ignore[index]
    capsys.readouterr()


def test_inspect_with_a_pack_that_cannot_be_read_is_status_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _document(tmp_path)
    out = tmp_path / "out.json"
    status = main(
        ["inspect", str(doc), "--pack", str(tmp_path / "absent.toml"), "--json", str(out)]
    )
    assert status == 2
    assert not out.exists()
    err = capsys.readouterr().err
    assert "absent.toml" in err
    assert "Traceback" not in err


def test_inspect_help_names_the_pack_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", "--help"]) == 0
    assert "--pack PACK" in capsys.readouterr().out
