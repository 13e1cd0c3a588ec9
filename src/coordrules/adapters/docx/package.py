"""The one safe opener of DOCX packages: every reader opens its file here.

A file that is not a zip, an old binary ``.doc``, an encrypted file (an OLE
container with an ``EncryptedPackage``), a PDF renamed, a zip without
``word/document.xml``, a macro-enabled ``.docm``, a zip bomb (more than
:data:`MAX_UNCOMPRESSED` bytes in all, or a part compressed more than
:data:`MAX_RATIO` times) and XML with a DOCTYPE or ENTITY declaration are each
refused with an :class:`~coordrules.InputError` naming the file. Reading is
bounded: parts are read in chunks and stop at the limit, whatever the zip
headers claim.
"""

from __future__ import annotations

import functools
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from coordrules.model.errors import InputError

MAX_UNCOMPRESSED = 200_000_000
"""At most this many bytes, all parts together, are unpacked from one file."""
MAX_PART = 50_000_000
"""At most this many bytes for one XML part."""
MAX_RATIO = 200
"""A part larger than 1 MB compressed more than this many times is a zip bomb."""
MAX_ENTRIES = 5000
"""A DOCX with more parts than this is refused."""

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W + "}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_MACRO_TYPES = ("macroEnabled", "vbaProject")


_OTHER_PACKAGES = (
    ("xl/workbook.xml", "an Excel workbook (.xlsx)"),
    ("ppt/presentation.xml", "a PowerPoint presentation (.pptx)"),
    ("content.xml", "an OpenDocument file (.odt, .ods)"),
)


def other_package(names: Iterable[str]) -> str | None:
    """What a zip that is not a Word document is, when its parts tell (xlsx, pptx, odt)."""
    present = set(names)
    return next((what for part, what in _OTHER_PACKAGES if part in present), None)


def _fail(path: str, reason: str, reason_vi: str, hint: str | None = None) -> InputError:
    return InputError(path, reason, reason_vi=reason_vi, hint=hint)


def _read_bounded(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int], path: str
) -> bytes:
    """Read one part in chunks, never past the part limit nor the file's budget."""
    limit = min(MAX_PART, budget[0])
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(1 << 16)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise _fail(
                    path,
                    f"part {info.filename} unpacks to more than {limit} bytes: "
                    "refused as a possible zip bomb",
                    "tệp giải nén quá lớn (nghi là zip bomb), không xử lý",
                    hint=f"limit {MAX_UNCOMPRESSED} bytes in all, {MAX_PART} per part",
                )
            chunks.append(chunk)
    budget[0] -= size
    return b"".join(chunks)


def open_docx_parts(path: str | Path) -> dict[str, bytes]:
    """The XML parts of a DOCX that inspection needs, read safely.

    Returns ``word/document.xml``, ``word/styles.xml``, headers, footers,
    comments and the theme, by name. Raises :class:`~coordrules.InputError`
    for anything that is not a plain, readable, bounded DOCX (see the module
    docstring).
    """
    file = str(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
            whole_ole = b""
            if head == _OLE_MAGIC:
                whole_ole = head + handle.read(MAX_PART)
    except FileNotFoundError as error:
        raise _fail(file, "file not found", "không tìm thấy tệp") from error
    except OSError as error:
        raise _fail(file, f"cannot read: {error.strerror}", "không đọc được tệp") from error
    if head == _OLE_MAGIC:
        if _ENCRYPTED in whole_ole:
            raise _fail(
                file,
                "the file is encrypted (password-protected Office file)",
                "tệp được mã hóa (có mật khẩu)",
                hint="save an unprotected copy",
            )
        raise _fail(
            file,
            "an old binary Word .doc file, not a DOCX",
            "tệp Word cũ (.doc), không phải DOCX",
            hint="save it as .docx",
        )
    if head.startswith(b"%PDF"):
        raise _fail(file, "a PDF file, not a DOCX", "tệp PDF, không phải DOCX")
    if not head.startswith(b"PK"):
        raise _fail(file, "not a DOCX (not a zip archive)", "không phải tệp DOCX")
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError) as error:
        raise _fail(file, f"corrupted zip archive: {error}", "tệp DOCX bị hỏng") from error
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise _fail(file, f"more than {MAX_ENTRIES} parts", "quá nhiều thành phần")
        names = {i.filename: i for i in infos}
        if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
            raise _fail(
                file,
                f"unpacks to more than {MAX_UNCOMPRESSED} bytes: refused as a possible zip bomb",
                "tệp giải nén quá lớn (nghi là zip bomb), không xử lý",
            )
        for i in infos:
            if i.file_size > 1_000_000 and i.file_size > MAX_RATIO * max(1, i.compress_size):
                raise _fail(
                    file,
                    f"part {i.filename} is compressed {i.file_size // max(1, i.compress_size)}"
                    f" times (limit {MAX_RATIO}): refused as a possible zip bomb",
                    "tỉ lệ nén bất thường (nghi là zip bomb), không xử lý",
                )
        if "word/vbaProject.bin" in names or any("vbaProject" in n for n in names):
            raise _fail(
                file,
                "a macro-enabled document (.docm, vbaProject.bin): refused",
                "văn bản có macro (.docm), không xử lý",
                hint="save it as a plain .docx",
            )
        if "word/document.xml" not in names:
            what = other_package(names) or "a zip without word/document.xml"
            raise _fail(file, f"{what}: not a DOCX", "không phải tệp DOCX")
        budget = [MAX_UNCOMPRESSED]
        try:
            if "[Content_Types].xml" in names:
                types = _read_bounded(archive, names["[Content_Types].xml"], budget, file)
                if any(t.encode() in types for t in _MACRO_TYPES):
                    raise _fail(
                        file,
                        "a macro-enabled document (.docm content type): refused",
                        "văn bản có macro (.docm), không xử lý",
                        hint="save it as a plain .docx",
                    )
            wanted = [
                n
                for n in names
                if n == "word/document.xml"
                or n == "word/styles.xml"
                or n == "word/comments.xml"
                or n == "word/theme/theme1.xml"
                or re.fullmatch(r"word/(header|footer)\d*\.xml", n)
                or n == "word/_rels/document.xml.rels"
            ]
            return {n: _read_bounded(archive, names[n], budget, file) for n in wanted}
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as error:
            # RuntimeError: an encrypted zip entry; zlib errors arrive as zipfile errors.
            raise _fail(file, f"corrupted zip archive: {error}", "tệp DOCX bị hỏng") from error


@functools.cache
def _parser() -> Any:
    # lxml is imported on first use: ``import coordrules`` stays free of
    # file-format libraries (tests/test_layers.py imports the package with each
    # core module).
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_part(file: str, name: str, data: bytes) -> Any:
    """Parse one XML part; refuse DOCTYPE and ENTITY declarations (entity tricks)."""
    head = data[:4096].upper() if len(data) < 4096 else data.upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise InputError(
            file,
            f"{name} declares a DOCTYPE or ENTITY: refused (XML entity trick)",
            place=name,
            reason_vi="XML có khai báo DOCTYPE/ENTITY, không xử lý",
        )
    from lxml import etree

    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise InputError(
            file,
            f"{name} is not well-formed XML: {error}",
            place=name,
            reason_vi="XML bị hỏng",
        ) from error
