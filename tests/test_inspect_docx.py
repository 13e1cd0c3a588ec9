"""Inspecting dossier documents: a corpus built by the tests, and bad files."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from coordrules import InputError
from coordrules.adapters.docx import package as package_module
from coordrules.adapters.docx.inspection import inspect_document
from docx_builder import build, rezip


def codes(path: Path) -> list[str]:
    return sorted(f.code for f in inspect_document(path).findings)


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("to-trinh", "TTr"),
        ("bao-cao-tham-tra", "BC"),
        ("bao-cao", "BC"),
        ("quyet-dinh", "QĐ"),
        ("ke-hoach", "KH"),
        ("thong-bao-ket-luan", "TB"),
        ("nghi-quyet", "NQ"),
    ],
)
def test_correct_documents_of_each_type(tmp_path: Path, kind: str, code: str) -> None:
    info = inspect_document(build(tmp_path / f"{kind}.docx", kind))
    assert info.type == kind
    assert info.findings == ()
    assert info.number is not None
    assert info.number.form == "state"
    assert info.number.type_code == code
    assert info.number.number == "05"
    assert info.number.issuer_code == "UBND"
    assert info.issuer == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM"
    assert info.place == "Quảng Nam"
    assert info.date == date(2026, 3, 15)
    assert info.signer is not None
    assert info.signer.authority == "TM."
    assert info.signer.name == "Nguyễn Văn An"
    assert not info.draft
    assert not info.party


def test_cong_van(tmp_path: Path) -> None:
    info = inspect_document(build(tmp_path / "cv.docx", "cong-van"))
    assert info.type == "cong-van"
    assert info.subject == "V/v chuẩn bị tài liệu kỳ họp"
    assert info.number is not None
    assert info.number.type_code is None
    assert info.number.issuer_code == "UBND-TH"
    assert info.findings == ()


def test_draft_resolution_with_blank_number(tmp_path: Path) -> None:
    info = inspect_document(build(tmp_path / "dt.docx", "nghi-quyet", draft=True))
    assert info.draft
    assert info.type == "du-thao-nghi-quyet"
    assert info.number is not None
    assert info.number.number is None
    assert info.findings == ()


def test_normative_number_with_year(tmp_path: Path) -> None:
    info = inspect_document(build(tmp_path / "nq.docx", "nghi-quyet", number="Số: 93/2021/NQ-HĐND"))
    assert info.number is not None
    assert (info.number.number, info.number.year, info.number.type_code) == ("93", 2021, "NQ")
    assert info.number.issuer_code == "HĐND"
    assert info.findings == ()


def test_party_document(tmp_path: Path) -> None:
    info = inspect_document(build(tmp_path / "p.docx", "nghi-quyet", party=True))
    assert info.party
    assert info.number is not None
    assert (info.number.form, info.number.number, info.number.type_code) == ("party", "04", "NQ")
    assert info.number.issuer_code == "TU"
    assert info.findings == ()


def test_party_document_with_state_number(tmp_path: Path) -> None:
    path = build(tmp_path / "p.docx", "nghi-quyet", party=True, number="Số: 04/NQ-TU")
    assert codes(path) == ["number-malformed"]


@pytest.mark.parametrize(
    ("wrong", "code", "rule"),
    [
        ({"margins": (20, 20, 20, 15)}, "format-violation", "format.margins"),
        ({"margins": (30, 20, 30, 15)}, "format-violation", "format.margins"),
        ({"body_font": "Arial"}, "format-violation", "format.font"),
        ({"body_size": 12}, "format-violation", "format.size"),
        ({"letter": True}, "format-violation", "format.paper"),
        ({"tieu_ngu": False}, "format-violation", "format.tieu-ngu"),
        ({"tieu_ngu_bold": False}, "format-violation", "format.tieu-ngu"),
        ({"quoc_hieu": False}, "format-violation", "format.quoc-hieu"),
        ({"page_numbers": "footer"}, "format-violation", "format.page-number"),
        ({"page_numbers": "none"}, "format-violation", "format.page-number"),
        ({"number": "Số: 5/TTr-UBND"}, "number-malformed", "number.form"),
        ({"number": "Số 05/TTr-UBND"}, "number-malformed", "number.form"),
        ({"number": "Số: 05/QĐ-UBND"}, "number-malformed", "number.form"),
        ({"number": "Số 05-TTr/UBND"}, "number-malformed", "number.form"),
        ({"number": "Số:     /TTr-UBND"}, "number-malformed", "number.form"),
        ({"tracked": True}, "tracked-changes", "document.tracked-changes"),
        ({"legacy": "tcvn3"}, "legacy-encoding", "document.legacy-encoding"),
        ({"legacy": "vni"}, "legacy-encoding", "document.legacy-encoding"),
    ],
)
def test_wrong_in_exactly_one_way(
    tmp_path: Path, wrong: dict[str, object], code: str, rule: str
) -> None:
    info = inspect_document(build(tmp_path / "x.docx", "to-trinh", **wrong))  # type: ignore[arg-type]
    assert [(f.code, f.rule) for f in info.findings] == [(code, rule)]
    finding = info.findings[0]
    assert finding.documents[0].path == str(tmp_path / "x.docx")
    assert finding.cite is not None
    assert finding.message.vi
    assert finding.message.en
    if code == "format-violation":
        assert {"what", "expected", "found"} <= set(finding.details)


def test_one_page_document_needs_no_page_number(tmp_path: Path) -> None:
    assert codes(build(tmp_path / "x.docx", pages=1, page_numbers="none")) == []


@pytest.mark.parametrize("legacy", ["tcvn3", "vni"])
def test_legacy_document_is_read_as_unicode(tmp_path: Path, legacy: str) -> None:
    info = inspect_document(build(tmp_path / "x.docx", "to-trinh", legacy=legacy))
    assert info.legacy_encoding == legacy
    assert info.type == "to-trinh"  # title "TỜ TRÌNH" from .VnTimeH / VNI capitals
    assert info.subject == "Về việc ban hành Nghị quyết quy định mức chi"
    assert info.place == "Quảng Nam"


def test_deleted_text_is_not_read_but_counted(tmp_path: Path) -> None:
    source = build(tmp_path / "a.docx")
    with zipfile.ZipFile(source) as z:
        xml = z.read("word/document.xml").decode()
    deleted = (
        '<w:p><w:del w:id="9" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r>'
        "<w:delText>TỜ TRÌNH CŨ</w:delText></w:r></w:del></w:p>"
    )
    xml = xml.replace("<w:body>", "<w:body>" + deleted, 1)
    path = rezip(source, tmp_path / "b.docx", replace={"word/document.xml": xml.encode()})
    info = inspect_document(path)
    assert info.tracked_changes == 1
    assert info.type == "to-trinh"
    assert [f.code for f in info.findings] == ["tracked-changes"]


# --- Bad input ------------------------------------------------------------------------


def refused(path: Path, words: str) -> InputError:
    with pytest.raises(InputError) as error:
        inspect_document(path)
    assert error.value.file == str(path)
    assert words in str(error.value)
    return error.value


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_text("Tờ trình", encoding="utf-8")
    refused(path, "not a zip")


def test_old_binary_doc(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024 + "WordDocument".encode("utf-16-le")
    )
    refused(path, "old binary Word .doc")


def test_encrypted_office_file(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le")
    )
    refused(path, "encrypted")


def test_pdf_renamed(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    refused(path, "PDF")


def test_zip_without_document(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "xin chào")
    refused(path, "without word/document.xml")


def test_corrupted_zip(tmp_path: Path) -> None:
    good = build(tmp_path / "a.docx").read_bytes()
    path = tmp_path / "x.docx"
    path.write_bytes(good[: len(good) // 2])
    refused(path, "corrupted")


def test_macro_document(tmp_path: Path) -> None:
    path = rezip(build(tmp_path / "a.docx"), tmp_path / "x.docm",
                 add={"word/vbaProject.bin": b"\0" * 64})  # fmt: skip
    refused(path, "macro")


def test_macro_content_type(tmp_path: Path) -> None:
    source = build(tmp_path / "a.docx")
    with zipfile.ZipFile(source) as z:
        types = z.read("[Content_Types].xml").replace(
            b"wordprocessingml.document.main+xml",
            b"ms-word.document.macroEnabled.main+xml",
        )
    path = rezip(source, tmp_path / "x.docx", replace={"[Content_Types].xml": types})
    refused(path, "macro")


def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document/>")
        z.writestr("word/media/bomb.bin", b"\0" * 20_000_000)
    error = refused(path, "zip bomb")
    assert "200" in str(error)  # says the bound


def test_zip_bomb_by_total(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package_module, "MAX_UNCOMPRESSED", 10_000)
    refused(build(tmp_path / "x.docx"), "zip bomb")


def test_part_larger_than_its_header_says_is_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Reading stops at the limit whatever the header claims: bound the part size.
    monkeypatch.setattr(package_module, "MAX_PART", 1000)
    refused(build(tmp_path / "x.docx"), "zip bomb")


def test_xml_entity_trick(tmp_path: Path) -> None:
    source = build(tmp_path / "a.docx")
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = rezip(source, tmp_path / "x.docx", replace={"word/document.xml": bomb})
    error = refused(path, "ENTITY")
    assert error.place == "word/document.xml"


def test_broken_xml(tmp_path: Path) -> None:
    path = rezip(build(tmp_path / "a.docx"), tmp_path / "x.docx",
                 replace={"word/document.xml": b"<w:document"})  # fmt: skip
    refused(path, "not well-formed")


def test_missing_file(tmp_path: Path) -> None:
    refused(tmp_path / "absent.docx", "file not found")


def test_comments_are_counted(tmp_path: Path) -> None:
    comments = (
        b'<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:comment w:id="0" w:author="A"><w:p><w:r><w:t>Xem lai</w:t></w:r></w:p></w:comment>'
        b"</w:comments>"
    )
    path = rezip(build(tmp_path / "a.docx"), tmp_path / "x.docx",
                 add={"word/comments.xml": comments})  # fmt: skip
    info = inspect_document(path)
    assert (info.tracked_changes, info.comments) == (0, 1)
    assert [f.code for f in info.findings] == ["tracked-changes"]
