"""Build small DOCX packages from hand-written WordprocessingML, and hostile zips.

``docx(body)`` wraps body XML (paragraphs, tables) in a minimal package that
Word and LibreOffice open; ``styles``, ``headers`` and ``extra`` add parts.
The zip helpers patch headers after writing, to make entries that lie.
"""

from __future__ import annotations

import io
import struct
import zipfile

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'mc:Ignorable="w14"'
)
W_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def _types(overrides: dict[str, str]) -> str:
    items = "".join(
        f'<Override PartName="/{name}" ContentType="{W_MAIN}.{kind}+xml"/>'
        for name, kind in overrides.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + items + "</Types>"
    )


def document_xml(body: str, sect: str = "") -> str:
    """A ``w:document`` around *body*."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<w:document {NS}><w:body>{body}{sect}</w:body></w:document>"
    )


def docx(
    body: str,
    *,
    styles: str | None = None,
    headers: dict[str, str] | None = None,
    footers: dict[str, str] | None = None,
    extra: dict[str, bytes] | None = None,
    document: str | None = None,
) -> bytes:
    """A package whose body is *body* (WordprocessingML, namespaces declared).

    *styles* is the inside of ``w:styles``; *headers* and *footers* map a
    part name (``header1.xml``) to the inside of its ``w:hdr`` / ``w:ftr``:
    each is referenced from the section, the first as default.
    """
    headers, footers = headers or {}, footers or {}
    overrides = {"word/document.xml": "document.main"}
    rels = []
    refs = []
    parts: dict[str, bytes] = {}
    for kind, found in (("header", headers), ("footer", footers)):
        for n, (name, inside) in enumerate(found.items()):
            rid = f"rId{kind}{n}"
            tag = "w:hdr" if kind == "header" else "w:ftr"
            parts[f"word/{name}"] = (
                f'<?xml version="1.0" encoding="UTF-8"?><{tag} {NS}>{inside}</{tag}>'
            ).encode()
            overrides[f"word/{name}"] = kind
            rels.append(
                f'<Relationship Id="{rid}" Target="{name}" Type="http://schemas.openxmlformats'
                f'.org/officeDocument/2006/relationships/{kind}"/>'
            )
            which = "default" if n == 0 else "first"
            refs.append(f'<w:{kind}Reference w:type="{which}" r:id="{rid}"/>')
    if styles is not None:
        overrides["word/styles.xml"] = "styles"
        parts["word/styles.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><w:styles {NS}>{styles}</w:styles>'
        ).encode()
        rels.append(
            '<Relationship Id="rIdStyles" Target="styles.xml" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/styles"/>'
        )
    sect = (
        "<w:sectPr>" + "".join(refs) + '<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" '
        'w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>'
    )
    files: dict[str, bytes] = {
        "[Content_Types].xml": _types(overrides).encode(),
        "_rels/.rels": (
            b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (document or document_xml(body, sect)).encode(),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">' + "".join(rels) + "</Relationships>"
        ).encode(),
        **parts,
        **(extra or {}),
    }
    return zip_bytes(files)


def zip_bytes(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of *files*, each compressed with *method*."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def p(*runs: str, props: str = "") -> str:
    """A paragraph of runs given as XML (see :func:`r`)."""
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def r(text: str = "", *, props: str = "", inner: str = "") -> str:
    """A run with the text *text* (kept as is) and/or raw inner XML."""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    t = f'<w:t xml:space="preserve">{text}</w:t>' if text else ""
    return f"<w:r>{rpr}{inner}{t}</w:r>"


def patch_entry(
    data: bytes, name: str, *, flags: int | None = None, method: int | None = None,
    size: int | None = None, compressed: int | None = None,
) -> bytes:  # fmt: skip
    """*data* with the local and central headers of entry *name* changed (a lying zip)."""
    out = bytearray(data)
    encoded = name.encode()
    # Central directory entries: signature PK\x01\x02, name at offset 46.
    start = 0
    while (at := out.find(b"PK\x01\x02", start)) != -1:
        name_length = struct.unpack_from("<H", out, at + 28)[0]
        if bytes(out[at + 46 : at + 46 + name_length]) == encoded:
            local = struct.unpack_from("<I", out, at + 42)[0]
            for base, (flag_at, method_at, csize_at, size_at) in (
                (at, (8, 10, 20, 24)),
                (local, (6, 8, 18, 22)),
            ):
                if flags is not None:
                    struct.pack_into("<H", out, base + flag_at, flags)
                if method is not None:
                    struct.pack_into("<H", out, base + method_at, method)
                if compressed is not None:
                    struct.pack_into("<I", out, base + csize_at, compressed)
                if size is not None:
                    struct.pack_into("<I", out, base + size_at, size)
        start = at + 4
    return bytes(out)


def corrupt_entry(data: bytes, name: str) -> bytes:
    """*data* with the middle of entry *name*'s compressed stream overwritten."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    out = bytearray(data)
    name_length, extra_length = struct.unpack_from("<HH", out, info.header_offset + 26)
    begin = info.header_offset + 30 + name_length + extra_length
    middle = begin + info.compress_size // 2
    out[middle : middle + 16] = b"\xff" * 16
    return bytes(out)
