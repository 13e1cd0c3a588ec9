"""The one safe DOCX opener: every hostile package refused the same way by every reader.

Each hostile zip is built here, from a small valid package, by the helpers of
``docx_package``. Every case is run through the three readers (the core
opener, the weekly-calendar reader and the inspector): each must raise an
:class:`InputError` naming the file, and the part when there is one.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from coordrules import InputError, inspect_document, read_weekly_docx
from coordrules.adapters.docx import package as package_module
from coordrules.adapters.docx import text as text_module
from coordrules.adapters.docx.package import open_package
from coordrules.adapters.docx.text import read_document
from docx_package import corrupt_entry, docx, p, patch_entry, r, zip_bytes

Reader = Callable[[Path], object]


def _core(path: Path) -> object:
    return read_document(open_package(path))


READERS: dict[str, Reader] = {
    "core": _core,
    "weekly": lambda path: read_weekly_docx(path),
    "inspect": inspect_document,
}

GOOD = docx(p(r("Lịch công tác tuần")) * 50)


def refused(tmp_path: Path, data: bytes, words: str, reader: str) -> InputError:
    path = tmp_path / "x.docx"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        READERS[reader](path)
    assert caught.value.file == str(path)
    assert words in str(caught.value), str(caught.value)
    assert caught.value.reason_vi  # both languages
    return caught.value


@pytest.fixture(params=sorted(READERS))
def reader(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_good_package_opens_in_every_reader(tmp_path: Path, reader: str) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(GOOD)
    READERS[reader](path)


def test_corrupt_deflate_stream(tmp_path: Path, reader: str) -> None:
    error = refused(tmp_path, corrupt_entry(GOOD, "word/document.xml"), "corrupted", reader)
    assert error.place == "word/document.xml"


@pytest.mark.parametrize(
    ("method", "number"), [(zipfile.ZIP_BZIP2, 12), (zipfile.ZIP_LZMA, 14)]
)  # fmt: skip
def test_compression_other_than_stored_or_deflate(
    tmp_path: Path, reader: str, method: int, number: int
) -> None:
    with zipfile.ZipFile(io.BytesIO(GOOD)) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    data = zip_bytes(files, method)
    error = refused(tmp_path, data, f"unsupported compression method {number}", reader)
    assert error.place == "[Content_Types].xml"


def test_corrupt_lzma_stream_is_never_decompressed(tmp_path: Path, reader: str) -> None:
    data = zip_bytes({"word/document.xml": b"<w:document/>" * 500}, zipfile.ZIP_LZMA)
    refused(tmp_path, corrupt_entry(data, "word/document.xml"), "compression method 14", reader)


def test_unknown_compression_method(tmp_path: Path, reader: str) -> None:
    data = patch_entry(GOOD, "word/document.xml", method=99)
    error = refused(tmp_path, data, "unsupported compression method 99", reader)
    assert error.place == "word/document.xml"


def test_encrypted_entry(tmp_path: Path, reader: str) -> None:
    data = patch_entry(GOOD, "word/document.xml", flags=0x1)
    error = refused(tmp_path, data, "encrypted", reader)
    assert error.place == "word/document.xml"


def test_declared_size_smaller_than_the_real_one(tmp_path: Path, reader: str) -> None:
    # The zip says 100 bytes: reading stops there and the CRC does not match.
    error = refused(tmp_path, patch_entry(GOOD, "word/document.xml", size=100), "corrupt", reader)
    assert error.place == "word/document.xml"


def test_declared_size_larger_than_the_real_one(tmp_path: Path, reader: str) -> None:
    with zipfile.ZipFile(io.BytesIO(GOOD)) as archive:
        real = archive.getinfo("word/document.xml").file_size
    data = patch_entry(GOOD, "word/document.xml", size=real + 5000)
    refused(tmp_path, data, "corrupt", reader)


def test_declared_ratio_of_any_entry(tmp_path: Path, reader: str) -> None:
    with zipfile.ZipFile(io.BytesIO(GOOD)) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    files["word/media/image1.png"] = b"\0" * 5_000_000
    error = refused(tmp_path, zip_bytes(files), "zip bomb", reader)
    assert error.place == "word/media/image1.png"
    assert "200" in str(error)


def test_small_file_of_millions_of_empty_paragraphs(tmp_path: Path, reader: str) -> None:
    # The 175 KB file that unpacked to 120 MB of <w:p/> and took gigabytes.
    body = "<w:p/>" * 20_000_000
    error = refused(tmp_path, docx(body), "zip bomb", reader)
    assert error.place == "word/document.xml"


def test_real_bytes_counted_whatever_the_header_says(
    tmp_path: Path, reader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_module, "MAX_PART", 2000)
    error = refused(tmp_path, docx(p(r("x" * 3000))), "more than 2000 bytes", reader)
    assert error.place == "word/document.xml"


def test_too_many_entries(tmp_path: Path, reader: str) -> None:
    files = {f"customXml/item{n}.xml": b"<a/>" for n in range(5000)}
    files["word/document.xml"] = b"<w:document/>"
    refused(tmp_path, zip_bytes(files, zipfile.ZIP_STORED), "5001 entries", reader)


def test_element_budget(tmp_path: Path, reader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package_module, "MAX_ELEMENTS", 1000)
    error = refused(tmp_path, docx(p(r("a")) * 400), "XML elements", reader)
    assert error.place == "word/document.xml"


def test_doctype_after_a_long_prolog(tmp_path: Path, reader: str) -> None:
    # The old check looked at the first 4096 bytes only.
    document = (
        '<?xml version="1.0"?><!--' + "x" * 5000 + '--><!DOCTYPE d [<!ENTITY e "e">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>"
    )
    error = refused(tmp_path, docx("", document=document), "ENTITY", reader)
    assert error.place == "word/document.xml"


def test_xml_nested_beyond_the_parser_limit(tmp_path: Path, reader: str) -> None:
    deep = "<w:sdt><w:sdtContent>" * 300 + p(r("x")) + "</w:sdtContent></w:sdt>" * 300
    error = refused(tmp_path, docx(deep), "too deeply", reader)
    assert error.place == "word/document.xml"


def test_tables_nested_beyond_the_limit(tmp_path: Path, reader: str) -> None:
    depth = text_module.MAX_DEPTH + 1
    nested = "<w:tbl><w:tr><w:tc>" * depth + p(r("x")) + "</w:tc></w:tr></w:tbl>" * depth
    error = refused(tmp_path, docx(nested), "nested", reader)
    assert error.place == "word/document.xml"


def test_paragraph_cap(tmp_path: Path, reader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_module, "MAX_PARAGRAPHS", 100)
    refused(tmp_path, docx(p(r("a")) * 101), "more than 100 paragraphs", reader)


def test_row_and_cell_caps(tmp_path: Path, reader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_module, "MAX_ROWS", 10)
    rows = "<w:tbl>" + ("<w:tr><w:tc>" + p(r("a")) + "</w:tc></w:tr>") * 11 + "</w:tbl>"
    refused(tmp_path, docx(rows), "more than 10 table rows", reader)
    monkeypatch.setattr(text_module, "MAX_ROWS", 100)
    monkeypatch.setattr(text_module, "MAX_CELLS", 10)
    refused(tmp_path, docx(rows), "more than 10 table cells", reader)


OTHER_FILES = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "Workbook".encode("utf-16-le"), ".xls"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 600
        + "PowerPoint Document".encode("utf-16-le"),
        ".ppt",
    ),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "OLE container"),
    (b"{\\rtf1\\ansi Lich}", "RTF"),
    (zip_bytes({"xl/workbook.xml": b"<workbook/>"}), ".xlsx"),
    (zip_bytes({"ppt/presentation.xml": b"<p/>"}), ".pptx"),
    (zip_bytes({"content.xml": b"<office/>", "mimetype": b"x"}), "OpenDocument"),
    (zip_bytes({"word/document.xml": b"<w:document/>", "word/vbaProject.bin": b"x"}), "macro"),
]


@pytest.mark.parametrize(("data", "words"), OTHER_FILES)
def test_other_files_are_named(tmp_path: Path, reader: str, data: bytes, words: str) -> None:
    refused(tmp_path, data, words, reader)


def test_not_a_word_document_root(tmp_path: Path) -> None:
    data = docx("", document='<?xml version="1.0"?><html><body/></html>')
    refused(tmp_path, data, "not a Word document", "core")
    refused(tmp_path, data, "not a Word document", "weekly")


def test_package_reads_only_the_parts_readers_use() -> None:
    with zipfile.ZipFile(io.BytesIO(GOOD)) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    files["word/media/image1.png"] = b"\x89PNG" + b"\0" * 100
    package = open_package(zip_bytes(files), "x.docx")
    assert "word/media/image1.png" in package.names
    assert "word/media/image1.png" not in package.parts
    assert "word/document.xml" in package.parts


def test_doctype_in_utf16_xml(tmp_path: Path, reader: str) -> None:
    # The byte check cannot see a UTF-16 declaration; the parsed tree tells.
    document = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY e "e">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>"
    )
    files = {"word/document.xml": document.encode("utf-16")}
    error = refused(tmp_path, zip_bytes(files), "ENTITY", reader)
    assert error.place == "word/document.xml"
