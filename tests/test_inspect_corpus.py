"""Inspection reads every corpus document as its rendering shows it.

The corpus (``tests/data/documents``) was made by LibreOffice from flat ODT,
HTML and RTF sources typed the way offices type them (``make_corpus.py``);
``expected.toml`` was written by looking at each document's PDF rendering.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from coordrules.adapters.docx.inspection import inspect_document
from coordrules.model.doctypes import DOCUMENT_TYPES
from coordrules.packs.load import load_pack

CORPUS = Path(__file__).parent / "data" / "documents"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads(
    (CORPUS / "expected.toml").read_text(encoding="utf-8")
)


def one_line(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_document_reads_as_rendered(name: str) -> None:
    want = EXPECTED[name]
    info = inspect_document(CORPUS / f"{name}.docx")
    got: dict[str, Any] = {
        "type": info.type,
        "form": "party" if info.party else "state",
        "draft": info.draft,
        "date": info.date,
        "place": info.place,
        "issuer": info.issuer,
        "title": info.title,
        "subject": info.subject,
        "recipients": list(info.recipients),
        "legacy": info.legacy_encoding,
        "tracked": info.tracked_changes > 0,
        "rules": sorted({f.rule for f in info.findings}),
    }
    expected: dict[str, Any] = {
        "type": want["type"],
        "form": want["form"],
        "draft": want["draft"],
        "date": want.get("date"),
        "place": want["place"],
        "issuer": want["issuer"],
        "title": want.get("title"),
        "subject": want["subject"],
        "recipients": want["recipients"],
        "legacy": want.get("legacy"),
        "tracked": want.get("tracked", False),
        "rules": want["rules"],
    }
    if "number_line" in want:
        assert info.number is not None
        got |= {
            "number_line": one_line(info.number.text),
            "number": info.number.number or "",
            "type_code": info.number.type_code,
            "issuer_code": info.number.issuer_code,
        }
        expected |= {
            "number_line": want["number_line"],
            "number": want["number"],
            "type_code": want.get("type_code"),
            "issuer_code": want["issuer_code"],
        }
        if "year" in want:
            got["year"], expected["year"] = info.number.year, want["year"]
    else:
        assert info.number is None
    assert info.signer is not None
    if "signer_lines" in want:
        got["signer"] = (info.signer.authority, list(info.signer.lines), info.signer.name)
        expected["signer"] = (None, want["signer_lines"], None)
    else:
        got["signer"] = (info.signer.authority, info.signer.name)
        expected["signer"] = (want["signer_authority"], want["signer_name"])
    assert got == expected
    # Every block is shown on one line.
    for value in (info.issuer, info.subject, info.title, *info.signer.lines):
        assert value is None or "\n" not in value


def test_corpus_covers_every_pack_type_and_both_forms() -> None:
    pack = load_pack("vn-province")
    required = {r.document for r in pack.requirements}
    read = {want["type"] for want in EXPECTED.values()}
    assert required <= read
    assert read <= set(DOCUMENT_TYPES)
    assert {want["form"] for want in EXPECTED.values()} == {"state", "party"}
    assert any(want["draft"] for want in EXPECTED.values())
    assert {want.get("legacy") for want in EXPECTED.values()} >= {"tcvn3", "vni"}


def test_every_corpus_document_has_its_source_and_reading() -> None:
    built = {p.stem for p in CORPUS.glob("*.docx")}
    sources = {p.stem for p in (CORPUS / "src").iterdir()}
    assert built == sources == set(EXPECTED)


def test_inspect_command_prints_each_block_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from coordrules.cli.main import main

    main(["inspect", str(CORPUS / "bao-cao-tham-tra-shift-enter.docx")])
    out = capsys.readouterr().out.splitlines()
    assert "  cơ quan ban hành / issuer: HĐND TỈNH THANH BÌNH BAN KINH TẾ - NGÂN SÁCH" in out
    subject = "Thẩm tra dự thảo Nghị quyết về kế hoạch đầu tư công năm 2026 của tỉnh Thanh Bình"
    assert f"  trích yếu / subject: {subject}" in out
    assert "  ký / signer: TM. TRƯỞNG BAN / Trần Thị Bích" in out
    main(["inspect", str(CORPUS / "cong-van-ubnd.docx")])
    out = capsys.readouterr().out.splitlines()
    assert "  kính gửi / to: Các sở, ban, ngành tỉnh; Ủy ban nhân dân các xã, phường" in out


def test_dossier_of_corpus_documents_is_complete_by_their_read_types() -> None:
    # An HĐND session's dossier for a normative resolution, every file typed as
    # an office types it and none declared: the types read meet every requirement.
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from coordrules.adapters.docx.inspection import check_dossier
    from coordrules.model.dossier import AgendaItem, Dossier, DossierDocument, Meeting

    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    files = [
        "du-thao-nghi-quyet-hdnd",
        "to-trinh-ubnd-layout-table",
        "tong-hop-y-kien-rtf",
        "bao-cao-danh-gia-tac-dong-tcvn3",
        "bao-cao-tham-dinh-text-boxes",
        "bao-cao-tham-tra-shift-enter",
        "bao-cao-tiep-thu-tracked",
    ]
    received = datetime(2026, 6, 1, 8, tzinfo=tz)
    documents = tuple(
        DossierDocument(name, str(CORPUS / f"{name}.docx"), received, item="nq") for name in files
    )
    item = AgendaItem("nq", "draft-normative-resolution", "Nghị quyết quy định mức chi",
                      flags=("policy-impact",))  # fmt: skip
    meeting = Meeting(kind="hdnd-session", title="Kỳ họp thứ 8",
                      start=datetime(2026, 7, 10, 8, tzinfo=tz))  # fmt: skip
    report = check_dossier(
        meeting,
        Dossier(items=(item,), documents=documents),
        load_pack("vn-province"),
        as_of=datetime(2026, 7, 9, 8, tzinfo=tz),
    )
    verdicts = {"document-missing", "document-late", "document-unidentified", "document-draft"}
    assert [f.code for f in report.findings if f.code in verdicts] == []


def _generator() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_sources_are_what_the_generator_writes() -> None:
    for name, text in _generator().sources().items():
        assert (CORPUS / "src" / name).read_text(encoding="utf-8") == text, (
            "run python tests/data/documents/make_corpus.py"
        )


def test_libreoffice_converts_a_source_to_a_document_that_reads_the_same(
    tmp_path: Path,
) -> None:
    # The committed DOCX is no accident of one conversion: convert again, read again.
    from conftest import require_program

    require_program("soffice")
    name = "bao-cao-tham-tra-shift-enter"
    _generator().convert(CORPUS / "src" / f"{name}.fodt", tmp_path, "docx", tmp_path / "lo")
    again = inspect_document(tmp_path / f"{name}.docx")
    committed = inspect_document(CORPUS / f"{name}.docx")
    fields = ("type", "issuer", "subject", "number", "date", "signer", "party", "draft")
    assert [getattr(again, f) for f in fields] == [getattr(committed, f) for f in fields]
