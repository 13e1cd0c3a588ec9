"""``coordrules dossier`` and ``coordrules inspect``, in-process; the docs' manifest runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coordrules import CODES, load_manifest
from coordrules.cli.main import main
from docx_builder import build

ROOT = Path(__file__).resolve().parents[1]
HOWTO = ROOT / "docs" / "howto-dossier.md"


def docs_manifest() -> str:
    (block,) = re.findall(r"^```toml\n(.*?)^```", HOWTO.read_text(encoding="utf-8"), re.S | re.M)
    return str(block)


@pytest.fixture
def dossier_dir(tmp_path: Path) -> Path:
    (tmp_path / "manifest.toml").write_text(docs_manifest(), encoding="utf-8")
    build(tmp_path / "to-trinh.docx", "to-trinh")
    return tmp_path


def test_docs_manifest_runs_with_the_bundled_pack(
    dossier_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # giay-moi.docx is named in the manifest but absent: an import-problem, not a crash.
    meeting, _ = load_manifest(dossier_dir / "manifest.toml")
    assert meeting.kind == "ubnd-meeting"
    out = dossier_dir / "out.json"
    status = main(
        [
            "dossier",
            str(dossier_dir / "manifest.toml"),
            "--pack",
            "vn-province",
            "--as-of",
            "2026-03-11T12:00",
            "--json",
            str(out),
        ]
    )
    printed = capsys.readouterr().out
    assert "Tờ trình" in printed
    assert "[!]" in printed  # the tờ trình arrived on 10 March, after 9 March 17:00
    data = json.loads(out.read_text(encoding="utf-8"))
    codes = {f["code"] for f in data["findings"]}
    assert "document-late" in codes
    assert "import-problem" in codes  # giay-moi.docx does not exist
    late = next(f for f in data["findings"] if f["code"] == "document-late")
    assert late["details"]["late_by"] == "1 working day"  # due Monday 9 March, 17:00
    assert late["documents"][0]["path"].endswith("to-trinh.docx")
    assert late["basis"] == "statute"
    assert status == (1 if data["summary"]["error"] else 0)


def test_missing_documents_exit_1(dossier_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (dossier_dir / "m2.toml").write_text(
        '[meeting]\nkind = "ubnd-meeting"\ntitle = "Họp"\nstart = 2026-03-12T08:00:00\n',
        encoding="utf-8",
    )
    status = main(["dossier", str(dossier_dir / "m2.toml"), "--as-of", "2026-03-11T12:00"])
    assert status == 1
    assert "document-missing" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--as-of", "tomorrow"], "not a date-time"),
        (["--pack", "no-such-pack"], "no-such-pack"),
    ],
)
def test_bad_input_exit_2(
    dossier_dir: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    assert main(["dossier", str(dossier_dir / "manifest.toml"), *argv]) == 2
    assert words in capsys.readouterr().err


def test_bad_manifest_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "[meeting]\nkind = 3\nstart = 2026-03-12T08:00:00\n"
    (tmp_path / "m.toml").write_text(text, encoding="utf-8")
    assert main(["dossier", str(tmp_path / "m.toml")]) == 2
    assert "meeting.kind" in capsys.readouterr().err


def test_inspect_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = build(tmp_path / "good.docx", "to-trinh")
    wrong = build(tmp_path / "wrong.docx", "to-trinh", margins=(20, 20, 20, 15))
    out = tmp_path / "f.json"
    assert main(["inspect", str(good), str(wrong), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Số: 05/TTr-UBND" in printed
    assert "to-trinh" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [f["code"] for f in data["findings"]] == ["format-violation"]


def test_inspect_bad_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = build(tmp_path / "good.docx", "to-trinh")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"%PDF-1.4\n")
    assert main(["inspect", str(bad), str(good)]) == 2
    captured = capsys.readouterr()
    assert "bad.docx" in captured.err
    assert "PDF" in captured.err
    assert "good.docx" in captured.out  # the other file was still inspected


def test_docs_code_table_matches_codes() -> None:
    text = HOWTO.read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| (\w+) \|", text, re.M))
    dossier_codes = {c for c, spec in CODES.items() if spec.area == "dossier"}
    assert dossier_codes <= set(rows)
    for code, severity in rows.items():
        assert CODES[code].severity.value == severity


def _docx_text(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_docx_checklist_lists_every_requirement_and_finding(
    dossier_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = dossier_dir / "phieu.docx"
    main(
        ["dossier", str(dossier_dir / "manifest.toml"), "--as-of", "2026-03-11T12:00",
         "--docx", str(out)]
    )  # fmt: skip
    capsys.readouterr()
    text = _docx_text(out)
    assert "PHIẾU KIỂM TRA HỒ SƠ" in text
    assert "THÀNH PHẦN HỒ SƠ" in text
    assert "Gửi muộn (1 ngày làm việc)" in text  # the tờ trình, as in the terminal checklist
    assert "17:00 09/03/2026" in text
    assert "QĐ 45/2018/QĐ-TTg" in text
    assert "VĂN PHÒNG UBND TỈNH" in text.upper()  # the office serving ubnd-meeting issues it


def test_docx_checklist_is_not_written_when_the_output_fails(
    dossier_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = dossier_dir / "blocker"
    blocker.write_text("")
    status = main(
        ["dossier", str(dossier_dir / "manifest.toml"), "--as-of", "2026-03-11T12:00",
         "--json", str(dossier_dir / "out.json"), "--docx", str(blocker / "x.docx")]
    )  # fmt: skip
    assert status == 2
    assert "x.docx" in capsys.readouterr().err
    assert not (dossier_dir / "out.json").exists()


def test_a_mistyped_item_kind_is_an_error_not_an_empty_checklist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = tmp_path / "m.toml"
    manifest.write_text(
        '[meeting]\nkind = "ubnd-meeting"\ntitle = "Họp"\nstart = 2026-03-12T08:00:00\n'
        '[[items]]\nid = "x"\nkind = "reprot"\ntitle = "Báo cáo"\n',
        encoding="utf-8",
    )
    status = main(["dossier", str(manifest), "--as-of", "2026-03-11T12:00"])
    err = capsys.readouterr().err
    assert status == 2
    assert "items[0].kind" in err
    assert "'reprot'" in err


def test_a_missing_file_is_said_to_be_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = tmp_path / "m.toml"
    manifest.write_text(
        '[meeting]\nkind = "ubnd-meeting"\ntitle = "Họp"\nstart = 2026-03-12T08:00:00\n'
        '[[documents]]\npath = "thieu.docx"\ntype = "giay-moi"\nreceived = 2026-03-02T08:00:00\n',
        encoding="utf-8",
    )
    main(["dossier", str(manifest), "--as-of", "2026-03-11T12:00"])
    out = capsys.readouterr().out
    assert "không tìm thấy tệp" in out
    assert "file not found" in out
    assert "thieu.docx: không đọc được / could not be read" in out


def test_a_document_outside_the_manifest_folder_needs_allow_outside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The manifest names a file one folder up: refused (status 2, the hint names the
    # option), then read with --allow-outside.
    folder = tmp_path / "ho-so"
    folder.mkdir()
    build(tmp_path / "to-trinh.docx", "to-trinh")
    manifest = folder / "m.toml"
    manifest.write_text(
        '[meeting]\nkind = "ubnd-meeting"\ntitle = "Họp"\nstart = 2026-03-12T08:00:00\n'
        '[[documents]]\npath = "../to-trinh.docx"\ntype = "to-trinh"\n'
        "received = 2026-03-02T08:00:00\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.json"
    assert main(["dossier", str(manifest), "--as-of", "2026-03-11T12:00", "--json", str(out)]) == 2
    assert "--allow-outside" in capsys.readouterr().err
    assert not out.exists()
    status = main(
        ["dossier", str(manifest), "--as-of", "2026-03-11T12:00", "--allow-outside",
         "--json", str(out)]
    )  # fmt: skip
    assert status == 1  # the invitation is missing; the tờ trình one folder up was read
    assert "to-trinh.docx: to-trinh" in capsys.readouterr().out
    codes = [f["code"] for f in json.loads(out.read_text(encoding="utf-8"))["findings"]]
    assert "import-problem" not in codes
