"""Document inspection (adapter): what a DOCX dossier document is, and whether its form is right.

:func:`inspect_document` opens a ``.docx`` safely, reads its XML with lxml
(python-docx drops tracked insertions and deletions, so the XML is walked
directly), and tells the type (TỜ TRÌNH, BÁO CÁO, NGHỊ QUYẾT … or công văn),
whether it is a draft (DỰ THẢO), the number line in its three forms, the
issuing body, place and date, the subject (trích yếu) and the signer block;
then checks the format of NĐ 30/2020/NĐ-CP for state documents (paper,
margins, body font and size, Quốc hiệu and Tiêu ngữ, page numbers) and, for
Party documents, the heading and number line of Hướng dẫn 36-HD/VPTW as far
as DOMAIN.md records them (no margin or size rule for Party documents: none is
confirmed). Tracked changes, comments and legacy 8-bit fonts become findings.

Opening, styles and run text come from the one DOCX reading core
(:mod:`~coordrules.adapters.docx.package`, ``styles`` and ``text``): the
opener refuses anything that is not a plain, readable, bounded DOCX with an
:class:`~coordrules.InputError` naming the file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from coordrules.adapters.docx.legacy import (
    guess_legacy_encoding,
    legacy_font_encoding,
    legacy_to_unicode,
)
from coordrules.adapters.docx.package import _W, open_package, parse_part
from coordrules.adapters.docx.styles import on as _on
from coordrules.adapters.docx.styles import val as _val
from coordrules.adapters.docx.text import ParagraphView as _Para
from coordrules.adapters.docx.text import read_document
from coordrules.model.doctypes import DOCUMENT_TYPES
from coordrules.model.findings import DocumentRef, Finding, Message, Report
from coordrules.model.text import norm
from coordrules.model.values import Basis
from coordrules.packs.pack import Pack
from coordrules.rules.dossier import (
    DocumentInfo,
    Dossier,
    Inspector,
    Meeting,
    NumberLine,
    SignerBlock,
)
from coordrules.rules.dossier import check_dossier as _check_dossier

ND30 = "NĐ 30/2020/NĐ-CP, Điều 8–15 và Phụ lục I"
HD36 = "Hướng dẫn 36-HD/VPTW (2018)"

TYPE_CODES = frozenset(
    [
        "NQ",
        "QĐ",
        "CT",
        "QC",
        "QyĐ",
        "TC",
        "TB",
        "HD",
        "CTr",
        "KH",
        "PA",
        "ĐA",
        "DA",
        "BC",
        "BB",
        "TTr",
        "HĐ",
        "CĐ",
        "BGN",
        "BTT",
        "GUQ",
        "GM",
        "GGT",
        "GNP",
        "PG",
        "PC",
        "PB",
        "SY",
        "TrS",
        "SL",
        "CV",
    ]
)
"""Type codes of the number line (NĐ 30/2020, Phụ lục III; CV for Party công văn)."""

# --- Reading runs and paragraphs ----------------------------------------------------


# --- Analysis -----------------------------------------------------------------------

_QUOC_HIEU = {
    norm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    norm("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
}
_TIEU_NGU = re.compile(r"^độc lập\s*[-–—]\s*tự do\s*[-–—]\s*hạnh phúc$")
_PARTY = norm("ĐẢNG CỘNG SẢN VIỆT NAM")
_DRAFT = re.compile(r"^\(?\s*dự thảo\b", re.I)
_STATE_NUMBER = re.compile(
    r"^số\s*(?P<colon>:)?\s*(?P<num>\d*)\s*/\s*(?:(?P<year>\d{4})\s*/\s*)?"
    r"(?P<a>[^\s/\-]+)(?:\s*-\s*(?P<b>\S+))?\s*$",
    re.I,
)
_PARTY_NUMBER = re.compile(
    r"^số\s*(?P<colon>:)?\s*(?P<num>\d*)\s*-\s*(?P<code>[^\s/\-]+)\s*/\s*(?P<issuer>\S+)\s*$", re.I
)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,]{2,60}),\s*ngày\s*(?P<d>\d{0,2})\s*tháng\s*(?P<m>\d{0,2})\s*năm\s*(?P<y>\d{4})",
    re.I,
)
_SIGNER = re.compile(r"^(TM|T/M|KT|TL|T/L|Q|TUQ)\.?\s+", re.I)
_GENERIC_TITLES = {
    norm(t.title): t.id for t in reversed(list(DOCUMENT_TYPES.values())) if t.title is not None
}
_GENERIC_TITLES.update(
    {norm("NGHỊ QUYẾT"): "nghi-quyet", norm("BÁO CÁO"): "bao-cao", norm("THÔNG BÁO"): "thong-bao"}
)
_SUBTYPES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "bao-cao": (
        ("thẩm tra", "bao-cao-tham-tra"),
        ("thẩm định", "bao-cao-tham-dinh"),
        ("tiếp thu", "bao-cao-tiep-thu-giai-trinh"),
        ("đánh giá tác động", "bao-cao-danh-gia-tac-dong"),
    ),
    "thong-bao": (("kết luận", "thong-bao-ket-luan"),),
}


def _finding(
    code: str, vi: str, en: str, rule: str, *, party: bool = False, **details: Any
) -> Finding:
    return Finding.of(
        code,
        Message(vi=vi, en=en),
        rule=rule,
        cite=HD36 if party else ND30,
        basis=Basis.STATUTE,
        details=details,
    )


def _parse_number(text: str) -> NumberLine | None:
    line = text.strip()
    party = _PARTY_NUMBER.match(line)
    if party and not party.group("colon"):
        return NumberLine(
            text=line,
            form="party",
            number=party.group("num") or None,
            type_code=party.group("code"),
            issuer_code=party.group("issuer"),
        )
    state = _STATE_NUMBER.match(line)
    if state:
        a, b = state.group("a"), state.group("b")
        typed = a in TYPE_CODES
        return NumberLine(
            text=line,
            form="state",
            number=state.group("num") or None,
            year=int(state.group("year")) if state.group("year") else None,
            type_code=a if typed else None,
            issuer_code=b if typed else (a if b is None else f"{a}-{b}"),
        )
    if party:
        return NumberLine(
            line,
            "party",
            party.group("num") or None,
            None,
            party.group("code"),
            party.group("issuer"),
        )
    return None


def _in_mm(twips: str | None) -> float | None:
    try:
        return None if twips is None else int(twips) / 56.6929
    except ValueError:
        return None


def inspect_document(path: str | Path) -> DocumentInfo:
    """Read a DOCX and tell what it is and what is wrong with its form.

    Returns a :class:`~coordrules.DocumentInfo` whose ``findings`` hold
    ``format-violation`` (what, expected, found), ``number-malformed``,
    ``tracked-changes`` and ``legacy-encoding`` findings. Raises
    :class:`~coordrules.InputError` naming the file when it is not a plain,
    readable DOCX (old ``.doc``, encrypted, PDF, macro file, zip bomb, XML
    entity trick, corrupted zip).
    """
    file = str(path)
    package = open_package(path)
    parts = package.parts
    doc = package.document
    paras = [_Para(p) for p in read_document(package).paragraphs]
    paras = [p for p in paras if p.text] or paras
    findings: list[Finding] = []
    head = paras[:30]

    # Legacy fonts: by font name, and by the text where the font says nothing.
    legacy = Counter[str]()
    for p in paras:
        for enc in p.legacy:
            legacy[enc] += 1
    if not legacy:
        whole = "\n".join(p.text for p in paras)
        guessed = guess_legacy_encoding(whole)
        if guessed is not None:
            legacy[guessed] += 1
            for p in paras:
                p.text = legacy_to_unicode(p.text, guessed)
    legacy_encoding = legacy.most_common(1)[0][0] if legacy else None

    party = any(norm(p.text) == _PARTY for p in head)
    quoc_hieu = next((p for p in head if norm(p.text) in _QUOC_HIEU), None)
    tieu_ngu = next((p for p in head if _TIEU_NGU.match(norm(p.text))), None)
    draft = any(_DRAFT.match(p.text) for p in head)

    number_index, number = None, None
    for k, p in enumerate(head):
        if re.match(r"^số\b", norm(p.text)) and re.search(r"\d|/", p.text):
            number_index, number = k, _parse_number(p.text)
            if number is None:
                findings.append(
                    _finding(
                        "number-malformed",
                        f"Dòng số, ký hiệu “{p.text}” không đúng mẫu.",
                        f"The number line “{p.text}” follows none of the forms.",
                        "number.form",
                        party=party,
                        found=p.text,
                        expected="Số: 05/TTr-UBND, Số: 93/2021/NQ-HĐND or Số 04-NQ/TU",
                    )
                )
            break

    # Issuing body: the capital lines before the number line that are no heading.
    issuer_lines: list[str] = []
    for p in head[: number_index or 0]:
        text = p.text.strip(" *-_")
        n = norm(text)
        if not text or n == _PARTY or n in _QUOC_HIEU or _TIEU_NGU.match(n) or _DRAFT.match(text):
            continue
        if text == text.upper():
            issuer_lines.append(text)
    issuer = " ".join(issuer_lines) or None

    place = None
    doc_date = None
    for p in head:
        m = _PLACE_DATE.match(p.text)
        if m:
            place = m.group("place").strip()
            if m.group("d") and m.group("m"):
                try:
                    doc_date = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
                except ValueError:
                    doc_date = None
            break

    title_index: int | None = None
    doc_type: str | None = None
    title: str | None = None
    for k, p in enumerate(paras[:40]):
        found = _GENERIC_TITLES.get(norm(p.text))
        if found is not None:
            title_index, doc_type, title = k, found, p.text
            break
    subject_lines: list[str] = []
    if title_index is not None:
        for p in paras[title_index + 1 : title_index + 4]:
            n = norm(p.text)
            if not n or n.startswith(("căn cứ", "kính gửi", "kính trình")) or set(n) <= {"-", "_"}:
                break
            subject_lines.append(p.text)
    else:
        vv = next((p for p in head if norm(p.text).startswith("v/v")), None)
        if vv is not None:
            subject_lines.append(vv.text)
        if vv is not None or (
            number is not None and number.type_code is None and number.form == "state"
        ):
            doc_type = "cong-van"
    subject = " ".join(subject_lines) or None
    if doc_type is not None and doc_type in _SUBTYPES and subject:
        for words, sub in _SUBTYPES[doc_type]:
            if words in norm(subject):
                doc_type = sub
                break
    if doc_type == "nghi-quyet" and draft:
        doc_type = "du-thao-nghi-quyet"

    signer = None
    for k, p in enumerate(paras):
        if title_index is not None and k <= title_index:
            continue
        if _SIGNER.match(p.text):
            lines = tuple(q.text for q in paras[k : k + 5] if q.text)
            authority = _SIGNER.match(p.text).group(1).upper() + "."  # type: ignore[union-attr]
            signer = SignerBlock(authority, lines, lines[-1] if len(lines) > 1 else None)
            break

    # Number line checks.
    if number is not None:
        findings.extend(_number_findings(number, party, doc_type, draft))

    # Format checks.
    if party:
        findings.extend(_party_format(head))
    elif quoc_hieu is not None or tieu_ngu is not None or number is not None:
        findings.extend(_state_format(doc, parts, file, paras, quoc_hieu, tieu_ngu, title_index))

    tracked = sum(
        1
        for tag in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange")
        for _ in doc.iter(_W + tag)
    )
    comments = 0
    if "word/comments.xml" in parts:
        comments = sum(
            1
            for _ in parse_part(file, "word/comments.xml", parts["word/comments.xml"]).iter(
                _W + "comment"
            )
        )
    if tracked or comments:
        findings.append(
            _finding(
                "tracked-changes",
                f"Văn bản còn {tracked} vết sửa đổi và {comments} ghi chú.",
                f"The document still holds {_count(tracked, 'tracked change')} and "
                f"{_count(comments, 'comment')}.",
                "document.tracked-changes",
                tracked_changes=tracked,
                comments=comments,
            )
        )
    if legacy_encoding is not None:
        name = {"tcvn3": "TCVN3 (.VnTime)", "vni": "VNI"}[legacy_encoding]
        findings.append(
            _finding(
                "legacy-encoding",
                f"Văn bản dùng phông chữ cũ {name}, không phải Unicode (TCVN 6909:2001); "
                "đã chuyển đổi để kiểm tra.",
                f"The document uses the legacy {name} encoding, not Unicode; "
                "converted for checking.",
                "document.legacy-encoding",
                encoding=legacy_encoding,
                paragraphs=sum(legacy.values()),
            )
        )
    ref = DocumentRef(id=file, path=file, type=doc_type, title=subject)
    return DocumentInfo(
        path=file,
        type=doc_type,
        title=title,
        draft=draft,
        party=party,
        number=number,
        issuer=issuer,
        place=place,
        date=doc_date,
        subject=subject,
        signer=signer,
        legacy_encoding=legacy_encoding,
        tracked_changes=tracked,
        comments=comments,
        findings=tuple(_with_ref(f, ref) for f in findings),
    )


def _with_ref(finding: Finding, ref: DocumentRef) -> Finding:
    import attrs

    return attrs.evolve(finding, documents=(ref,))


def _number_findings(
    number: NumberLine, party: bool, doc_type: str | None, draft: bool
) -> list[Finding]:
    out: list[Finding] = []

    def bad(vi: str, en: str, expected: str) -> None:
        out.append(
            _finding(
                "number-malformed",
                vi,
                en,
                "number.form",
                party=party,
                found=number.text,
                expected=expected,
            )
        )

    if party and number.form != "party":
        bad(
            f"Văn bản của Đảng ghi số theo mẫu văn bản hành chính: “{number.text}”.",
            f"A Party document with a state-style number line: “{number.text}”.",
            "Số 04-NQ/TU (no colon; hyphen, then slash)",
        )
    elif not party and number.form == "party":
        bad(
            f"Văn bản hành chính ghi số theo mẫu của Đảng: “{number.text}”.",
            f"A state document with a Party-style number line: “{number.text}”.",
            "Số: 05/TTr-UBND",
        )
    elif number.form == "state" and ":" not in number.text:
        bad(
            f"Dòng số thiếu dấu hai chấm: “{number.text}”.",
            f"The number line lacks the colon: “{number.text}”.",
            "Số: 05/TTr-UBND",
        )
    if number.number is None and not draft:
        bad(
            f"Văn bản chính thức chưa có số: “{number.text}”.",
            f"A final document without its number: “{number.text}”.",
            "a number such as 05",
        )
    if number.number is not None and number.form == "state":
        value = int(number.number)
        if (value < 10 and len(number.number) != 2) or (value >= 10 and number.number[0] == "0"):
            bad(
                f"Số “{number.number}” sai cách ghi: số nhỏ hơn 10 ghi thêm số 0 phía trước.",
                f"Number “{number.number}” is written wrong: below 10 it takes one leading zero.",
                f"{value:02d}",
            )
    if doc_type is not None and number.form == "state":
        expected_code = DOCUMENT_TYPES[doc_type].code
        if doc_type == "cong-van" and number.type_code is not None:
            pass  # a công văn told by its V/v line; its number names the unit only
        elif expected_code is not None and number.type_code != expected_code:
            bad(
                f"Ký hiệu “{number.type_code or '(không có)'}” không khớp loại văn bản "
                f"{DOCUMENT_TYPES[doc_type].name} ({expected_code}).",
                f"Type code “{number.type_code or '(none)'}” does not match the document type "
                f"{DOCUMENT_TYPES[doc_type].name} ({expected_code}).",
                expected_code,
            )
    return out


def _violation(
    what: str, what_vi: str, expected: str, found: str, rule: str, *, party: bool = False
) -> Finding:
    return _finding(
        "format-violation",
        f"Sai thể thức: {what_vi} — quy định {expected}, văn bản {found}.",
        f"Format: {what} — expected {expected}, found {found}.",
        rule,
        party=party,
        what=what,
        expected=expected,
        found=found,
    )


def _fmt_sizes(sizes: set[float | None]) -> str:
    shown = sorted("?" if s is None else f"{s:g}" for s in sizes)
    return "/".join(shown) + " pt"


def _party_format(head: list[_Para]) -> list[Finding]:
    out: list[Finding] = []
    heading = next(p for p in head if norm(p.text) == _PARTY)
    if not heading.all_bold():
        out.append(
            _violation(
                "Party heading bold",
                "tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM” in đậm",
                "bold",
                "not bold",
                "format.party-heading",
                party=True,
            )
        )
    if heading.sizes() != {15.0}:
        out.append(
            _violation(
                "Party heading size",
                "cỡ chữ tiêu đề Đảng",
                "15 pt",
                _fmt_sizes(heading.sizes()),
                "format.party-heading",
                party=True,
            )
        )
    return out


def _state_format(
    doc: Any,
    parts: Mapping[str, bytes],
    file: str,
    paras: list[_Para],
    quoc_hieu: _Para | None,
    tieu_ngu: _Para | None,
    title_index: int | None,
) -> list[Finding]:
    out: list[Finding] = []
    sect = doc.find(f"{_W}body/{_W}sectPr")
    if sect is None:
        found = list(doc.iter(_W + "sectPr"))
        sect = found[-1] if found else None
    size = sect.find(_W + "pgSz") if sect is not None else None
    width = _in_mm(size.get(_W + "w")) if size is not None else None
    height = _in_mm(size.get(_W + "h")) if size is not None else None
    if width is None or height is None or abs(width - 210) > 1.5 or abs(height - 297) > 1.5:
        found_paper = (
            "unknown" if width is None or height is None else f"{width:.0f}×{height:.0f} mm"
        )
        out.append(
            _violation("paper", "khổ giấy", "A4 portrait, 210×297 mm", found_paper, "format.paper")
        )
    margins = sect.find(_W + "pgMar") if sect is not None else None
    limits = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
    vi_side = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
    for side, (low, high) in limits.items():
        mm = _in_mm(margins.get(_W + side)) if margins is not None else None
        if mm is None or not (low - 0.5 <= mm <= high + 0.5):
            out.append(
                _violation(
                    f"{side} margin",
                    f"lề {vi_side[side]}",
                    f"{low}–{high} mm",
                    "not set" if mm is None else f"{mm:.1f} mm",
                    "format.margins",
                )
            )
    if quoc_hieu is None:
        out.append(
            _violation(
                "Quốc hiệu",
                "Quốc hiệu",
                "“CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”",
                "missing",
                "format.quoc-hieu",
            )
        )
    else:
        if quoc_hieu.text != quoc_hieu.text.upper() or not quoc_hieu.all_bold():
            out.append(
                _violation(
                    "Quốc hiệu style",
                    "kiểu chữ Quốc hiệu",
                    "capitals, bold",
                    "not capitals or not bold",
                    "format.quoc-hieu",
                )
            )
        if not quoc_hieu.sizes() <= {12.0, 12.5, 13.0}:
            out.append(
                _violation(
                    "Quốc hiệu size",
                    "cỡ chữ Quốc hiệu",
                    "12–13 pt",
                    _fmt_sizes(quoc_hieu.sizes()),
                    "format.quoc-hieu",
                )
            )
    if tieu_ngu is None:
        out.append(
            _violation(
                "Tiêu ngữ",
                "Tiêu ngữ",
                "“Độc lập - Tự do - Hạnh phúc”",
                "missing",
                "format.tieu-ngu",
            )
        )
    else:
        if not tieu_ngu.all_bold():
            out.append(
                _violation(
                    "Tiêu ngữ style", "kiểu chữ Tiêu ngữ", "bold", "not bold", "format.tieu-ngu"
                )
            )
        if not tieu_ngu.sizes() <= {13.0, 13.5, 14.0}:
            out.append(
                _violation(
                    "Tiêu ngữ size",
                    "cỡ chữ Tiêu ngữ",
                    "13–14 pt",
                    _fmt_sizes(tieu_ngu.sizes()),
                    "format.tieu-ngu",
                )
            )
    # Body: paragraphs after the title outside tables (the header block is a table).
    start = (title_index or 0) + 1
    body = [p for p in paras[start:] if not p.in_table and not _SIGNER.match(p.text)]
    fonts: Counter[str] = Counter()
    sizes: Counter[float | None] = Counter()
    for p in body:
        for text, font, size, _b, _i in p.runs:
            n = len(text.strip())
            fonts[font or "(default)"] += n
            sizes[size] += n
    if fonts:
        font, _ = fonts.most_common(1)[0]
        # A legacy font is reported once, as legacy-encoding.
        if norm(font) != "times new roman" and legacy_font_encoding(font) is None:
            out.append(_violation("body font", "phông chữ", "Times New Roman", font, "format.font"))
        main_size, _ = sizes.most_common(1)[0]
        if main_size is None or not 13 <= main_size <= 14:
            out.append(
                _violation(
                    "body size",
                    "cỡ chữ phần nội dung",
                    "13–14 pt",
                    "?" if main_size is None else f"{main_size:g} pt",
                    "format.size",
                )
            )
    out.extend(_page_numbers(doc, parts, file, paras, sect))
    return out


def _page_numbers(
    doc: Any, parts: Mapping[str, bytes], file: str, paras: list[_Para], sect: Any
) -> list[Finding]:
    """Page numbers centred in the top margin, none on page 1 (only for several pages)."""
    breaks = sum(1 for _ in doc.iter(_W + "lastRenderedPageBreak")) + sum(
        1 for b in doc.iter(_W + "br") if b.get(_W + "type") == "page"
    )
    if breaks == 0 and sum(p.chars for p in paras) < 3500:
        return []  # one page: no number is needed
    rels = parts.get("word/_rels/document.xml.rels", b"")
    targets: dict[str, str] = {}
    if rels:
        for rel in parse_part(file, "word/_rels/document.xml.rels", rels):
            targets[rel.get("Id", "")] = "word/" + rel.get("Target", "")
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    kinds = {"header": {}, "footer": {}}  # type: dict[str, dict[str, str]]
    if sect is not None:
        for kind in kinds:
            for ref in sect.iter(_W + f"{kind}Reference"):
                kinds[kind][ref.get(_W + "type", "default")] = targets.get(ref.get(r_id, ""), "")

    def has_page_field(part: str) -> tuple[bool, bool]:
        if part not in parts:
            return False, False
        root = parse_part(file, part, parts[part])
        instr = " ".join(
            [e.get(_W + "instr", "") for e in root.iter(_W + "fldSimple")]
            + [e.text or "" for e in root.iter(_W + "instrText")]
        )
        centred = any(_val(p.find(_W + "pPr"), "jc") == "center" for p in root.iter(_W + "p"))
        return "PAGE" in instr.upper().split(), centred

    out: list[Finding] = []
    in_header, centred = has_page_field(kinds["header"].get("default", ""))
    in_footer, _ = has_page_field(kinds["footer"].get("default", ""))
    if not in_header:
        out.append(
            _violation(
                "page numbers",
                "số trang",
                "centred in the top margin",
                "in the footer" if in_footer else "none",
                "format.page-number",
            )
        )
    elif not centred:
        out.append(
            _violation("page numbers", "số trang", "centred", "not centred", "format.page-number")
        )
    title_pg = sect is not None and _on(sect, "titlePg")
    if in_header and not title_pg:
        out.append(
            _violation(
                "page number on page 1",
                "số trang ở trang 1",
                "none on page 1",
                "numbered",
                "format.page-number",
            )
        )
    return out


def check_dossier(
    meeting: Meeting,
    dossier: Dossier,
    pack: Pack,
    as_of: datetime,
    *,
    inspect: Inspector | None = inspect_document,
) -> Report:
    """Check a dossier, reading each document with :func:`inspect_document`.

    The same as the core check (see ``coordrules.rules.dossier.check_dossier``),
    with *inspect* set by default so that each file's type, number line and
    format are checked. Pass ``inspect=None`` to use declared types only.
    """
    return _check_dossier(meeting, dossier, pack, as_of, inspect=inspect)


def _count(number: int, noun: str) -> str:
    """``1 comment``, ``2 comments``."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
