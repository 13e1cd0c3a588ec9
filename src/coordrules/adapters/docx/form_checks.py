"""The official form (thể thức) of a dossier document: NĐ 30/2020/NĐ-CP and Hướng dẫn 36-HD/VPTW.

:func:`~coordrules.adapters.docx.inspection.inspect_document` reads what a
document is; the checks here say whether its form is right, against the
pack's ``[[document_format]]`` values in force on the document's date: the
number line (read and checked by the pack's number-line forms), paper and
margins, body font and size, Quốc hiệu and Tiêu ngữ, the Party heading, the
sizes of the issuer, number, place-and-date and title lines (each against a
value whose basis is not ``assumed``), page numbers. Each finding cites the
value's source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from coordrules.adapters.docx.legacy import legacy_font_encoding
from coordrules.adapters.docx.package import _W, parse_part
from coordrules.adapters.docx.styles import on as _on
from coordrules.adapters.docx.styles import val as _val
from coordrules.model.doctypes import DOCUMENT_TYPES
from coordrules.model.dossier import NumberLine
from coordrules.model.findings import DocumentRef, Finding, Message
from coordrules.model.text import normalise_text
from coordrules.model.values import Basis, SourcedValue
from coordrules.packs.docformat import MARGIN_SIDES, FormatRange, FormatValues, NumberForm

if TYPE_CHECKING:
    from coordrules.adapters.docx.inspection import _Line

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

SIGNER = re.compile(r"^(TM|T/M|KT|K/T|TL|T/L|TUQ|T/UQ|Q)\.?\s+", re.I)
"""The start of a signer block (TM., KT., TL., Q. …)."""


def form_finding(
    code: str,
    vi: str,
    en: str,
    rule: str,
    *,
    party: bool = False,
    value: SourcedValue[Any] | None = None,
    **details: Any,
) -> Finding:
    """A finding citing NĐ 30 or 36-HD/VPTW, or *value*'s own source when a pack value says."""
    if value is not None:
        cite, basis = value.cite, value.basis
    else:
        cite, basis = (HD36 if party else ND30), Basis.STATUTE
    return Finding.of(
        code, Message(vi=vi, en=en), rule=rule, cite=cite, basis=basis, details=details
    )


def in_mm(twips: str | None) -> float | None:
    try:
        return None if twips is None else int(twips) / 56.6929
    except ValueError:
        return None


def with_ref(finding: Finding, ref: DocumentRef) -> Finding:
    import attrs

    return attrs.evolve(finding, documents=(ref,))


MatchedForm = tuple[str, SourcedValue[Any], NumberForm]
"""A number-line form a line follows: its kind (``state``, ``party``), its pack value, the form."""


def read_number(text: str, forms: list[MatchedForm]) -> tuple[NumberLine, MatchedForm] | None:
    """The number line *text* as the first of *forms* it follows, or ``None``.

    The forms whose colon agrees with the line are tried first, in the pack's
    order (``Số 04-NQ/TU`` is a Party line before it is anything else), then
    the others (a state line that lost its colon). A type code the line does
    not know (``Số: 12/UBND-TH``) makes the whole tail the issuer: a công văn.
    """
    line = text.strip()
    found = []
    for matched in forms:
        m = matched[2].pattern().match(line)
        if m is not None:
            found.append((bool(m.group("colon")) != matched[2].colon, matched, m))
    if not found:
        return None
    _, matched, m = min(found, key=lambda item: item[0])
    groups = m.groupdict()
    code, issuer = groups.get("code"), groups.get("issuer")
    year = int(groups["year"]) if groups.get("year") else None
    if matched[0] == "state":
        # The tail after the number (and year) is "code-issuer" or, in a công
        # văn, the issuer alone: told by whether its first part is a type code.
        tail = "-".join(t for t in (code, issuer) if t)
        first, _, rest = tail.partition("-")
        typed = first in TYPE_CODES
        code = first if typed else None
        issuer = (rest.strip() or None) if typed else tail
    return (
        NumberLine(
            text=line,
            form=matched[0],
            number=groups.get("number") or None,
            year=year,
            type_code=code,
            issuer_code=issuer,
        ),
        matched,
    )


def number_findings(
    number: NumberLine,
    matched: MatchedForm | None,
    fmt: FormatValues,
    party: bool,
    doc_type: str | None,
    draft: bool,
) -> list[Finding]:
    """What is wrong with the number line *number*, read as the form *matched*.

    The document's form (Party or state) asks for the pack's form of its kind
    (``party.number_line`` or ``state.number_line``); each finding cites the
    pack value it compares with.
    """
    out: list[Finding] = []

    def bad(vi: str, en: str, expected: str, value: SourcedValue[Any] | None = None) -> None:
        out.append(
            form_finding(
                "number-malformed",
                vi,
                en,
                "number.form",
                party=party,
                value=value,
                found=number.text,
                expected=expected,
            )
        )

    own = fmt.get("party.number_line" if party else "state.number_line")
    own_form = own.value if own is not None and isinstance(own.value, NumberForm) else None
    expected = own_form.show() if own_form is not None else ""
    if party and number.form != "party":
        bad(
            f"Văn bản của Đảng ghi số theo mẫu văn bản hành chính: “{number.text}”.",
            f"A Party document with a state-style number line: “{number.text}”.",
            expected,
            own,
        )
    elif not party and number.form == "party":
        bad(
            f"Văn bản hành chính ghi số theo mẫu của Đảng: “{number.text}”.",
            f"A state document with a Party-style number line: “{number.text}”.",
            expected,
            own,
        )
    elif matched is not None:
        _colon(number, matched, bad)
    if number.number is None and not draft:
        bad(
            f"Văn bản chính thức chưa có số: “{number.text}”.",
            f"A final document without its number: “{number.text}”.",
            "a number such as 05",
        )
    digits = number.number
    if digits is not None and matched is not None and not matched[2].number_ok(digits):
        value = int(digits)
        bad(
            f"Số “{digits}” sai cách ghi: số nhỏ hơn 10 ghi thêm số 0 phía trước.",
            f"Number “{digits}” is written wrong: below 10 it takes one leading zero.",
            format(value, matched[2].number_spec()),
            matched[1],
        )
    if doc_type is not None and number.form == "state":
        _type_code(number, doc_type, bad)
    return out


def _colon(number: NumberLine, matched: MatchedForm, bad: Callable[..., None]) -> None:
    """The colon after “Số” as the form has it: there in a state line, not in a Party one."""
    form = matched[2]
    read = form.pattern().match(number.text)
    has = read is not None and bool(read.group("colon"))
    if form.colon and not has:
        bad(
            f"Dòng số thiếu dấu hai chấm: “{number.text}”.",
            f"The number line lacks the colon: “{number.text}”.",
            form.show(),
            matched[1],
        )
    elif not form.colon and has:
        bad(
            f"Dòng số không có dấu hai chấm theo mẫu: “{number.text}”.",
            f"The number line takes no colon: “{number.text}”.",
            form.show(),
            matched[1],
        )


def _type_code(number: NumberLine, doc_type: str, bad: Callable[..., None]) -> None:
    """The type code of a state number line against the document's type."""
    expected_code = DOCUMENT_TYPES[doc_type].code
    if doc_type == "cong-van" and number.type_code is not None:
        return  # a công văn told by its V/v line; its number names the unit only
    if expected_code is not None and number.type_code != expected_code:
        bad(
            f"Ký hiệu “{number.type_code or '(không có)'}” không khớp loại văn bản "
            f"{DOCUMENT_TYPES[doc_type].name} ({expected_code}).",
            f"Type code “{number.type_code or '(none)'}” does not match the document type "
            f"{DOCUMENT_TYPES[doc_type].name} ({expected_code}).",
            expected_code,
        )


def _violation(
    what: str,
    what_vi: str,
    expected: str,
    found: str,
    rule: str,
    *,
    party: bool = False,
    value: SourcedValue[Any] | None = None,
) -> Finding:
    return form_finding(
        "format-violation",
        f"Sai thể thức: {what_vi} — quy định {expected}, văn bản {found}.",
        f"Format: {what} — expected {expected}, found {found}.",
        rule,
        party=party,
        value=value,
        what=what,
        expected=expected,
        found=found,
    )


def _fmt_sizes(sizes: set[float | None]) -> str:
    shown = sorted("?" if s is None else f"{s:g}" for s in sizes)
    return "/".join(shown) + " pt"


def _same_text(found: str, expected: str) -> bool:
    """Whether a heading's words are the pack's, up to case, spacing, accents' placement
    and the kind of dash."""

    def key(text: str) -> str:
        return re.sub(r"\s*[-–—]\s*", "-", normalise_text(text))

    return key(found) == key(expected)


def _fits(sizes: set[float | None], span: FormatRange) -> bool:
    # Sizes are whole or half points; a range is checked with that tolerance.
    return all(s is not None and span.low - 0.25 <= s <= span.high + 0.25 for s in sizes)


def _heading_checks(
    line: _Line,
    fmt: FormatValues,
    text_id: str,
    size_id: str,
    names: tuple[str, str],
    rule: str,
    *,
    party: bool = False,
) -> list[Finding]:
    """The words and size of one heading line against the pack's values."""
    what, what_vi = names
    out: list[Finding] = []
    words = fmt.get(text_id)
    if words is not None and not _same_text(line.text, str(words.value)):
        out.append(
            _violation(
                f"{what} words",
                f"lời văn {what_vi}",
                f"“{words.value}”",
                f"“{line.text}”",
                rule,
                party=party,
                value=words,
            )
        )
    size = fmt.get(size_id)
    if size is not None and not _fits(line.sizes(), size.value):
        out.append(
            _violation(
                f"{what} size",
                f"cỡ chữ {what_vi}",
                size.value.show("pt"),
                _fmt_sizes(line.sizes()),
                rule,
                party=party,
                value=size,
            )
        )
    return out


_ELEMENTS: Mapping[str, tuple[str, str, str]] = {
    "issuer_size": ("issuing body", "tên cơ quan ban hành", "format.issuer"),
    "number_size": ("number line", "số, ký hiệu", "format.number-line"),
    "place_date_size": ("place and date", "địa danh, ngày tháng", "format.place-date"),
    "title_size": ("title", "tên loại văn bản", "format.title"),
}
"""The elements whose size is checked: what (English, Vietnamese) and the rule."""


def element_sizes(
    elements: Mapping[str, list[_Line]], fmt: FormatValues, *, party: bool
) -> list[Finding]:
    """The sizes of the recognised heading elements against the pack's values.

    *elements* maps a size id's last part (``issuer_size``, ``place_date_size``
    …) to the lines of that element. The Party form's own value is used where
    the pack has one (``party.issuer_size``), else the state one. A value whose
    basis is ``assumed`` is what the writer writes, not a rule: it is not
    checked, so that no document is faulted on a value nobody has read.
    """
    out: list[Finding] = []
    for key, found in elements.items():
        value = (fmt.get(f"party.{key}") if party else None) or fmt.get(f"state.{key}")
        if value is None or value.basis is Basis.ASSUMED or not found:
            continue
        sizes: set[float | None] = set().union(*(line.sizes() for line in found))
        if sizes and not _fits(sizes, value.value):
            what, what_vi, rule = _ELEMENTS[key]
            out.append(
                _violation(
                    f"{what} size",
                    f"cỡ chữ {what_vi}",
                    value.value.show("pt"),
                    _fmt_sizes(sizes),
                    rule,
                    party=party,
                    value=value,
                )
            )
    return out


def party_format(heading: _Line | None, fmt: FormatValues) -> list[Finding]:
    out: list[Finding] = []
    words = fmt.text("party.heading") or "ĐẢNG CỘNG SẢN VIỆT NAM"
    if heading is None:
        out.append(
            _violation(
                "Party heading",
                f"tiêu đề “{words}”",
                f"“{words}”",
                "missing",
                "format.party-heading",
                party=True,
                value=fmt.get("party.heading"),
            )
        )
        return out
    if not heading.all_bold():
        out.append(
            _violation(
                "Party heading bold",
                f"tiêu đề “{words}” in đậm",
                "bold",
                "not bold",
                "format.party-heading",
                party=True,
            )
        )
    out.extend(
        _heading_checks(
            heading,
            fmt,
            "party.heading",
            "party.heading_size",
            ("Party heading", "tiêu đề Đảng"),
            "format.party-heading",
            party=True,
        )
    )
    return out


def state_format(
    doc: Any,
    parts: Mapping[str, bytes],
    file: str,
    paras: list[_Line],
    quoc_hieu: _Line | None,
    tieu_ngu: _Line | None,
    title_index: int | None,
    fmt: FormatValues,
) -> list[Finding]:
    """The NĐ 30 form of a state document: paper, margins, Quốc hiệu and Tiêu ngữ,
    body font and size, page numbers."""
    sect = doc.find(f"{_W}body/{_W}sectPr")
    if sect is None:
        found = list(doc.iter(_W + "sectPr"))
        sect = found[-1] if found else None
    out = _paper(sect)
    out.extend(_margins(sect, fmt))
    out.extend(_quoc_hieu(quoc_hieu, fmt))
    out.extend(_tieu_ngu(tieu_ngu, fmt))
    out.extend(_body_text(paras, title_index, fmt))
    out.extend(_page_numbers(doc, parts, file, paras, sect))
    return out


def _paper(sect: Any) -> list[Finding]:
    """A4 portrait."""
    size = sect.find(_W + "pgSz") if sect is not None else None
    width = in_mm(size.get(_W + "w")) if size is not None else None
    height = in_mm(size.get(_W + "h")) if size is not None else None
    if width is None or height is None or abs(width - 210) > 1.5 or abs(height - 297) > 1.5:
        found_paper = (
            "unknown" if width is None or height is None else f"{width:.0f}×{height:.0f} mm"
        )
        return [
            _violation("paper", "khổ giấy", "A4 portrait, 210×297 mm", found_paper, "format.paper")
        ]
    return []


def _margins(sect: Any, fmt: FormatValues) -> list[Finding]:
    """Each margin within the pack's range."""
    out: list[Finding] = []
    margins = sect.find(_W + "pgMar") if sect is not None else None
    vi_side = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
    for side in MARGIN_SIDES:
        limit = fmt.get(f"state.margin_{side}")
        if limit is None:
            continue
        span: FormatRange = limit.value
        mm = in_mm(margins.get(_W + side)) if margins is not None else None
        if mm is None or not (span.low - 0.5 <= mm <= span.high + 0.5):
            out.append(
                _violation(
                    f"{side} margin",
                    f"lề {vi_side[side]}",
                    span.show("mm"),
                    "not set" if mm is None else f"{mm:.1f} mm",
                    "format.margins",
                    value=limit,
                )
            )
    return out


def _quoc_hieu(quoc_hieu: _Line | None, fmt: FormatValues) -> list[Finding]:
    """The Quốc hiệu: there, in bold capitals, its words and size the pack's."""
    quoc_hieu_words = fmt.text("state.quoc_hieu") or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    if quoc_hieu is None:
        return [
            _violation(
                "Quốc hiệu",
                "Quốc hiệu",
                f"“{quoc_hieu_words}”",
                "missing",
                "format.quoc-hieu",
                value=fmt.get("state.quoc_hieu"),
            )
        ]
    out: list[Finding] = []
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
    out.extend(
        _heading_checks(
            quoc_hieu,
            fmt,
            "state.quoc_hieu",
            "state.quoc_hieu_size",
            ("Quốc hiệu", "Quốc hiệu"),
            "format.quoc-hieu",
        )
    )
    return out


def _tieu_ngu(tieu_ngu: _Line | None, fmt: FormatValues) -> list[Finding]:
    """The Tiêu ngữ: there, in bold, its words and size the pack's."""
    if tieu_ngu is None:
        return [
            _violation(
                "Tiêu ngữ",
                "Tiêu ngữ",
                f"“{fmt.text('state.tieu_ngu') or 'Độc lập - Tự do - Hạnh phúc'}”",
                "missing",
                "format.tieu-ngu",
                value=fmt.get("state.tieu_ngu"),
            )
        ]
    out: list[Finding] = []
    if not tieu_ngu.all_bold():
        out.append(
            _violation("Tiêu ngữ style", "kiểu chữ Tiêu ngữ", "bold", "not bold", "format.tieu-ngu")
        )
    out.extend(
        _heading_checks(
            tieu_ngu,
            fmt,
            "state.tieu_ngu",
            "state.tieu_ngu_size",
            ("Tiêu ngữ", "Tiêu ngữ"),
            "format.tieu-ngu",
        )
    )
    return out


def _body_text(paras: list[_Line], title_index: int | None, fmt: FormatValues) -> list[Finding]:
    """The body's main font and size (by characters) against the pack's."""
    # Body: paragraphs after the title outside tables (the header block is a table).
    start = (title_index or 0) + 1
    body = [
        p
        for p in paras[start:]
        if not p.in_table and p.where == "body" and not SIGNER.match(p.text)
    ]
    fonts: Counter[str] = Counter()
    sizes: Counter[float | None] = Counter()
    for p in body:
        for text, font, size_pt, _b, _i in p.runs:
            n = len(text.strip())
            fonts[font or "(default)"] += n
            sizes[size_pt] += n
    if not fonts:
        return []
    out: list[Finding] = []
    font, _ = fonts.most_common(1)[0]
    want_font = fmt.get("state.font")
    # A legacy font is reported once, as legacy-encoding.
    if (
        want_font is not None
        and normalise_text(font) != normalise_text(str(want_font.value))
        and legacy_font_encoding(font) is None
    ):
        out.append(
            _violation(
                "body font",
                "phông chữ",
                str(want_font.value),
                font,
                "format.font",
                value=want_font,
            )
        )
    main_size, _ = sizes.most_common(1)[0]
    body_size = fmt.get("state.body_size")
    if body_size is not None and (main_size is None or main_size not in body_size.value):
        out.append(
            _violation(
                "body size",
                "cỡ chữ phần nội dung",
                body_size.value.show("pt"),
                "?" if main_size is None else f"{main_size:g} pt",
                "format.size",
                value=body_size,
            )
        )
    return out


def _page_numbers(
    doc: Any, parts: Mapping[str, bytes], file: str, paras: list[_Line], sect: Any
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
