"""The one safe opener of DOCX packages: every reader opens its file here.

:func:`open_package` takes a path, bytes or a binary file and returns a
:class:`Package` whose XML parts are read and parsed under one set of limits,
whatever the zip headers claim. It refuses, with an
:class:`~coordrules.InputError` naming the file, the part when there is one,
and the reason in Vietnamese and English:

* a file larger than :data:`MAX_FILE_BYTES`; a file that is not a zip (a PDF,
  an RTF, an old binary ``.doc``/``.xls``/``.ppt``, an encrypted Office file:
  all OLE containers); a zip without ``word/document.xml`` (a workbook, a
  presentation, an OpenDocument file); a macro-enabled ``.docm``;
* a zip with more than :data:`MAX_ENTRIES` entries; an entry that is encrypted
  or compressed with a method other than stored or deflate (the only two the
  Open Packaging Conventions allow);
* a zip bomb: the bytes really unpacked (counted while decompressing, not the
  declared sizes) above :data:`MAX_PART` for one part or
  :data:`MAX_UNCOMPRESSED` in all, or a part over 1 MB unpacked more than
  :data:`MAX_RATIO` times its compressed size;
* a corrupt entry (a broken deflate stream, a CRC mismatch, sizes that lie);
* XML with a DOCTYPE or ENTITY declaration (entity tricks), XML that is not
  well-formed, nested deeper than the parser's limit, or with more than
  :data:`MAX_ELEMENTS` elements in all (an XML tree costs about 160 bytes of
  memory per element: this bounds the memory a small, very compressible file
  can take).
"""

from __future__ import annotations

import functools
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from coordrules.model.errors import InputError

MAX_FILE_BYTES = 50_000_000
"""A ``.docx`` larger than this on disk is refused."""
MAX_UNCOMPRESSED = 200_000_000
"""At most this many bytes, all parts read together, are unpacked from one file."""
MAX_PART = 50_000_000
"""At most this many bytes are unpacked for one part."""
MAX_RATIO = 200
"""A part unpacking to over 1 MB and over this many times its compressed size is a bomb."""
MAX_ENTRIES = 5000
"""A ``.docx`` with more zip entries than this is refused."""
MAX_ELEMENTS = 1_500_000
"""At most this many XML elements, all parsed parts together (a 16,000-row weekly calendar has
about 1.2 million)."""

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
"""The WordprocessingML namespace."""
_W = "{" + W + "}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MACRO_TYPES = (b"macroEnabled", b"vbaProject")
_RATIO_FLOOR = 1_000_000
_CHUNK = 1 << 16

DocxInput = str | os.PathLike[str] | bytes | bytearray | IO[bytes]
"""What the DOCX readers (:func:`~coordrules.read_weekly_docx` …) accept: a path, the file's
bytes, or a binary file object."""

_OTHER_PACKAGES = (
    ("xl/workbook.xml", "an Excel workbook (.xlsx)", "bảng tính Excel (.xlsx)"),
    ("ppt/presentation.xml", "a PowerPoint presentation (.pptx)", "bản trình chiếu (.pptx)"),
    ("content.xml", "an OpenDocument file (.odt, .ods)", "tệp OpenDocument (.odt, .ods)"),
)

# Stream names of OLE compound files (UTF-16 in the directory), most specific first.
_OLE_KINDS = (
    (
        "EncryptedPackage",
        "an encrypted (password-protected) Office file",
        "tệp được mã hóa (có mật khẩu)",
        "save an unprotected copy as .docx",
    ),
    (
        "WordDocument",
        "an old binary Word .doc file, not a .docx",
        "tệp Word cũ (.doc), không phải .docx",
        "save it as .docx",
    ),
    (
        "Workbook",
        "an old binary Excel workbook (.xls), not a .docx",
        "bảng tính Excel cũ (.xls), không phải .docx",
        None,
    ),
    (
        "Book",
        "an old binary Excel workbook (.xls), not a .docx",
        "bảng tính Excel cũ (.xls), không phải .docx",
        None,
    ),
    (
        "PowerPoint Document",
        "an old binary PowerPoint file (.ppt), not a .docx",
        "tệp PowerPoint cũ (.ppt), không phải .docx",
        None,
    ),
)

WANTED = re.compile(
    r"\[Content_Types\]\.xml|word/(document|styles|comments|footnotes|endnotes|numbering"
    r"|(header|footer)\d*)\.xml|word/theme/theme\d*\.xml|word/_rels/document\.xml\.rels"
)
"""The parts :func:`open_package` reads (others are listed, never unpacked)."""


def other_package(names: Iterable[str]) -> str | None:
    """What a zip that is not a Word document is, when its parts tell (xlsx, pptx, odt)."""
    present = set(names)
    return next((what for part, what, _vi in _OTHER_PACKAGES if part in present), None)


def _other_package_vi(names: Iterable[str]) -> str | None:
    present = set(names)
    return next((vi for part, _en, vi in _OTHER_PACKAGES if part in present), None)


def read_source(source: DocxInput, name: str | None = None) -> tuple[bytes, str]:
    """The bytes of *source* (path, bytes or binary file) and a name for messages.

    A file larger than :data:`MAX_FILE_BYTES` is refused before it is read.
    """
    if isinstance(source, bytes | bytearray):
        data, label = bytes(source), name or "<bytes>"
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        label = str(path)  # a file is named by its path, whatever the source is called
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise _too_large(label)
            data = path.read_bytes()
        except FileNotFoundError as error:
            raise InputError(label, "file not found", reason_vi="không tìm thấy tệp") from error
        except OSError as error:
            raise InputError(
                label,
                f"cannot read the file: {error.strerror or error}",
                reason_vi="không đọc được tệp",
            ) from error
    else:
        data = source.read(MAX_FILE_BYTES + 1)
        label = name or getattr(source, "name", None) or "<stream>"
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(label)
    return data, label


def _too_large(label: str) -> InputError:
    return InputError(
        label,
        f"the file is larger than {MAX_FILE_BYTES} bytes",
        reason_vi="tệp quá lớn",
        hint=f"limit {MAX_FILE_BYTES} bytes",
    )


class Package:
    """A ``.docx`` opened safely: the raw bytes of the parts readers use, parsed on demand.

    ``name`` names the file in messages; ``parts`` maps part names to their
    bytes (only the parts :data:`WANTED` lists); ``names`` lists every entry
    of the zip. :meth:`xml` parses a part once, under the element budget.
    """

    def __init__(self, name: str, parts: dict[str, bytes], names: tuple[str, ...]) -> None:
        self.name = name
        self.parts = parts
        self.names = names
        self._parsed: dict[str, Any] = {}
        self._elements = [MAX_ELEMENTS]

    def xml(self, part: str) -> Any | None:
        """The root element of *part* (lxml), or None when the package has no such part."""
        if part not in self.parts:
            return None
        if part not in self._parsed:
            self._parsed[part] = parse_part(self.name, part, self.parts[part], self._elements)
        return self._parsed[part]

    @property
    def document(self) -> Any:
        """The ``w:document`` element."""
        return self.xml("word/document.xml")

    @property
    def styles(self) -> Any | None:
        """The ``w:styles`` element, if the package has one."""
        return self.xml("word/styles.xml")

    @property
    def theme(self) -> Any | None:
        """The first theme part (``a:theme``), if the package has one."""
        themes = sorted(n for n in self.parts if n.startswith("word/theme/"))
        return self.xml(themes[0]) if themes else None

    def headers_footers(self) -> list[str]:
        """The header and footer parts, in the order of their names."""
        found = [n for n in self.parts if re.fullmatch(r"word/(header|footer)\d*\.xml", n)]
        return sorted(found, key=lambda n: (n[5:11], int(re.sub(r"\D", "", n) or 0)))


def _fail(
    file: str, reason: str, reason_vi: str, hint: str | None = None, place: str | None = None
) -> InputError:
    return InputError(file, reason, reason_vi=reason_vi, hint=hint, place=place)


def _bomb(file: str, part: str | None, reason: str) -> InputError:
    return _fail(
        file,
        f"{reason}: refused as a possible zip bomb",
        "tệp giải nén quá lớn (nghi là zip bomb), không xử lý",
        hint=f"limits: {MAX_PART} bytes per part, {MAX_UNCOMPRESSED} in all, "
        f"ratio {MAX_RATIO} for parts over 1 MB",
        place=part,
    )


def _read_bounded(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int], file: str
) -> bytes:
    """Read one entry in chunks, counting the bytes really unpacked.

    Stops at the part limit, the file's remaining budget, or the compression
    ratio, whatever the zip headers claim; a corrupt, encrypted or
    unsupported entry is an :class:`InputError` naming the part.
    """
    part = info.filename
    if info.flag_bits & 0x1:
        raise _fail(
            file,
            "the entry is encrypted",
            "thành phần bị mã hóa",
            hint="save an unprotected copy as .docx",
            place=part,
        )
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _fail(
            file,
            f"unsupported compression method {info.compress_type} "
            "(a .docx uses only stored or deflate)",
            "phương thức nén không được hỗ trợ",
            place=part,
        )
    limit = min(MAX_PART, budget[0])
    ratio_limit = MAX_RATIO * max(1, info.compress_size)
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise _bomb(file, part, f"the part unpacks to more than {limit} bytes")
                if size > _RATIO_FLOOR and size > ratio_limit:
                    raise _bomb(
                        file,
                        part,
                        f"the part unpacks to more than {MAX_RATIO} times its "
                        f"compressed size ({info.compress_size} bytes)",
                    )
                chunks.append(chunk)
    except InputError:
        raise
    except Exception as error:  # zlib.error, BadZipFile (CRC), EOFError, OSError, ...
        # zipfile lets the decompressor's own errors through; each is a corrupt entry.
        raise _fail(
            file,
            f"the entry is corrupted ({type(error).__name__}: {error})",
            "thành phần bị hỏng, không đọc được",
            place=part,
        ) from error
    if size != info.file_size:
        raise _fail(
            file,
            f"the entry is corrupted (it declares {info.file_size} bytes and holds {size})",
            "thành phần bị hỏng (kích thước khai báo sai)",
            place=part,
        )
    budget[0] -= size
    return b"".join(chunks)


def open_package(
    source: DocxInput, name: str | None = None, *, wanted: Callable[[str], bool] | None = None
) -> Package:
    """Open an untrusted ``.docx`` safely (see the module docstring for what is refused).

    *source* is a path, bytes or a binary file; *name* names it in messages
    (a path names itself). *wanted* chooses the parts to unpack (default
    :data:`WANTED`); ``word/document.xml`` is always read.
    """
    data, file = read_source(source, name)
    return _open(data, file, wanted or (lambda n: WANTED.fullmatch(n) is not None))


def _open(data: bytes, file: str, wanted: Callable[[str], bool]) -> Package:
    _refuse_other_formats(data, file)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as error:  # BadZipFile, ValueError, OSError, EOFError, ...
        raise _fail(
            file, f"corrupted zip archive ({error})", "tệp .docx bị hỏng (zip hỏng)"
        ) from error
    with archive:
        names = _check_entries(infos, file)
        budget = [MAX_UNCOMPRESSED]
        parts: dict[str, bytes] = {}
        for info in infos:
            if info.filename in parts or not (
                info.filename == "word/document.xml" or wanted(info.filename)
            ):
                continue
            parts[info.filename] = _read_bounded(archive, info, budget, file)
    types = parts.get("[Content_Types].xml", b"")
    if any(t in types for t in _MACRO_TYPES):
        raise _macro(file)
    return Package(file, parts, tuple(names))


def _refuse_other_formats(data: bytes, file: str) -> None:
    """Refuse, by its first bytes, a file that is no zip: old .doc (OLE), PDF, RTF, other."""
    head = data[:8]
    if head == _OLE_MAGIC:
        for stream, en, vi, hint in _OLE_KINDS:
            if stream.encode("utf-16-le") in data:
                raise _fail(file, en, vi, hint=hint)
        raise _fail(
            file,
            "an old binary .doc or other Office file (OLE container), not a .docx",
            "tệp .doc hoặc tệp Office cũ (OLE), không phải .docx",
            hint="save it as .docx",
        )
    if head.startswith(b"%PDF"):
        raise _fail(file, "a PDF file, not a .docx", "tệp PDF, không phải .docx")
    if head.startswith(b"{\\rtf"):
        raise _fail(
            file, "an RTF file, not a .docx", "tệp RTF, không phải .docx", "save it as .docx"
        )
    if not head.startswith(b"PK"):
        raise _fail(
            file, "not a .docx (not a zip archive)", "không phải tệp .docx (không phải zip)"
        )


def _check_entries(infos: list[zipfile.ZipInfo], file: str) -> dict[str, zipfile.ZipInfo]:
    """The entries by name, once the list is known safe: count, macros, a Word
    document, declared sizes and ratios."""
    if len(infos) > MAX_ENTRIES:
        raise _fail(
            file,
            f"the zip has {len(infos)} entries (limit {MAX_ENTRIES})",
            "quá nhiều thành phần trong tệp",
        )
    names = {i.filename: i for i in infos}
    if any("vbaProject" in n for n in names):
        raise _macro(file)
    if "word/document.xml" not in names:
        what = other_package(names)
        raise _fail(
            file,
            f"{what or 'a zip without word/document.xml'}: not a Word document",
            f"{_other_package_vi(names) or 'tệp zip không có word/document.xml'}: "
            "không phải văn bản Word",
            hint="save it as .docx" if what else None,
        )
    # An early screen on the declared sizes of every entry (read or not); the
    # parts read are then counted byte by byte, whatever they declare.
    declared = sum(i.file_size for i in infos)
    if declared > MAX_UNCOMPRESSED:
        raise _bomb(file, None, f"the entries declare {declared} bytes unpacked")
    for i in infos:
        if i.file_size > _RATIO_FLOOR and i.file_size > MAX_RATIO * max(1, i.compress_size):
            raise _bomb(
                file,
                i.filename,
                f"the entry declares {i.file_size} bytes unpacked from {i.compress_size}"
                f" (more than {MAX_RATIO} times)",
            )
    return names


def _macro(file: str) -> InputError:
    return _fail(
        file,
        "a macro-enabled document (.docm): refused",
        "văn bản có macro (.docm), không xử lý",
        hint="save it as a plain .docx",
    )


@functools.cache
def _parser() -> Any:
    # lxml is imported on first use: ``import coordrules`` stays free of
    # file-format libraries (tests/test_layers.py imports the package with each
    # core module).
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_part(file: str, name: str, data: bytes, budget: list[int] | None = None) -> Any:
    """Parse one XML part safely and return its root element.

    Refuses DOCTYPE and ENTITY declarations, XML that is not well-formed or
    nests deeper than the parser allows, and more elements than *budget*
    holds (``[MAX_ELEMENTS]`` when not given; the budget is decreased).
    """
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise _doctype(file, name)
    budget = [MAX_ELEMENTS] if budget is None else budget
    # An upper bound of the element count, without building anything: start tags
    # (with comments and processing instructions) are the "<" that are not "</".
    elements = data.count(b"<") - data.count(b"</")
    if elements > budget[0]:
        raise InputError(
            file,
            f"{name} has about {elements} XML elements (limit {MAX_ELEMENTS} in all): refused",
            place=name,
            reason_vi="văn bản quá lớn (quá nhiều phần tử XML), không xử lý",
            hint=f"limit {MAX_ELEMENTS} elements",
        )
    budget[0] -= elements
    from lxml import etree

    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        if "depth" in str(error).lower():
            raise InputError(
                file,
                f"{name} nests elements too deeply: {error}",
                place=name,
                reason_vi="XML lồng nhau quá sâu, không xử lý",
            ) from error
        raise InputError(
            file,
            f"{name} is not well-formed XML: {error}",
            place=name,
            reason_vi="XML bị hỏng",
        ) from error
    # Another encoding (UTF-16) hides the declaration from the byte check above;
    # the parser kept entities unresolved, so refusing now is still safe.
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise _doctype(file, name)
    return root


def _doctype(file: str, name: str) -> InputError:
    return InputError(
        file,
        f"{name} declares a DOCTYPE or ENTITY: refused (XML entity trick)",
        place=name,
        reason_vi="XML có khai báo DOCTYPE/ENTITY, không xử lý",
    )
