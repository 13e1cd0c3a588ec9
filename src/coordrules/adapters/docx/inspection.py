"""Document inspection (adapter): what a DOCX dossier document is, and whether its form is right.

:func:`inspect_document` reads a ``.docx`` as a clerk reads the page, in
blocks, not paragraphs: each element (Quốc hiệu and Tiêu ngữ, issuing body,
number line, place and date, title, subject, Kính gửi, signer block) is found
whether typed as paragraphs of its own, as lines of one paragraph
(Shift+Enter), in the cells of a layout table, in text boxes, content
controls or the page header. It tells the type (TỜ TRÌNH, BÁO CÁO, NGHỊ
QUYẾT … or công văn), whether it is a draft (DỰ THẢO, or number and day left
blank), the number line (read by the pack's number-line forms,
``state.number_line*`` and ``party.number_line``), the issuing body (and which
of
the pack's bodies it is, which decides Party or state form), place and date,
the subject (trích yếu), the addressees and the signer block;
then checks the format of NĐ 30/2020/NĐ-CP for state documents (paper,
margins, body font and size, Quốc hiệu and Tiêu ngữ, page numbers) and, for
Party documents, the heading, number line, issuer and place-and-date sizes of
Hướng dẫn 36-HD/VPTW as far as DOMAIN.md records them (no margin or body size
rule for Party documents: none is confirmed). The values checked (margins,
font, sizes, heading words, number-line forms; element sizes only where not
``assumed``) are the pack's ``[[document_format]]`` values in force on the document's date
(:func:`~coordrules.adapters.docx.format.format_values`), the ones the DOCX
writer writes, and a ``format-violation`` cites the value's source. Tracked
changes, comments and legacy 8-bit fonts become findings, and so does a draft
where the signed document is due (``document-draft``). The form checks
themselves live in :mod:`~coordrules.adapters.docx.form_checks`.

Opening, styles and run text come from the one DOCX reading core
(:mod:`~coordrules.adapters.docx.package`, ``styles`` and ``text``): the
opener refuses anything that is not a plain, readable, bounded DOCX with an
:class:`~coordrules.InputError` naming the file.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from coordrules.adapters.docx.form_checks import (
    SIGNER,
    MatchedForm,
    element_sizes,
    form_finding,
    number_findings,
    party_format,
    read_number,
    state_format,
    with_ref,
)
from coordrules.adapters.docx.format import format_values
from coordrules.adapters.docx.package import _W, open_package, parse_part
from coordrules.adapters.docx.styles import on as _on
from coordrules.adapters.docx.text import DocumentText, Paragraph, read_document
from coordrules.model.deprecation import deprecated_parameters
from coordrules.model.doctypes import DOCUMENT_TYPES
from coordrules.model.dossier import (
    DocumentInfo,
    DocumentInspector,
    Dossier,
    Meeting,
    NumberLine,
    SignerBlock,
)
from coordrules.model.findings import DocumentRef, Finding, Report
from coordrules.model.org import Body
from coordrules.model.text import normalise_text
from coordrules.model.values import in_force
from coordrules.packs.pack import Pack
from coordrules.rules.dossier import check_dossier as _check_dossier
from coordrules.rules.offices import is_party_body

# --- Reading runs and paragraphs ----------------------------------------------------


# --- Analysis -----------------------------------------------------------------------

_QUOC_HIEU = {
    normalise_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    normalise_text("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
}
_TIEU_NGU = re.compile(r"^độc lập\s*[-–—]\s*tự do\s*[-–—]\s*hạnh phúc$")
_PARTY = normalise_text("ĐẢNG CỘNG SẢN VIỆT NAM")
_DRAFT = re.compile(r"^\(?\s*dự thảo\b", re.I)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,]{2,60}),\s*ngày\s*(?P<d>\d{0,2})\s*tháng\s*(?P<m>\d{0,2})\s*năm\s*(?P<y>\d{4})",
    re.I,
)
_GENERIC_TITLES = {
    normalise_text(t.title): t.id
    for t in reversed(list(DOCUMENT_TYPES.values()))
    if t.title is not None
}
_GENERIC_TITLES.update(
    {
        normalise_text("NGHỊ QUYẾT"): "nghi-quyet",
        normalise_text("BÁO CÁO"): "bao-cao",
        normalise_text("THÔNG BÁO"): "thong-bao",
    }
)
_DRAFT_TYPES = frozenset(t for t in DOCUMENT_TYPES if t.startswith("du-thao-"))
"""Types that are drafts by nature (a Dự thảo nghị quyết): a draft of them is no defect."""
_SUBTYPES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "bao-cao": (
        ("thẩm tra", "bao-cao-tham-tra"),
        ("thẩm định", "bao-cao-tham-dinh"),
        ("tiếp thu", "bao-cao-tiep-thu-giai-trinh"),
        ("đánh giá tác động", "bao-cao-danh-gia-tac-dong"),
    ),
    "thong-bao": (("kết luận", "thong-bao-ket-luan"),),
}


def inspect_document(path: str | Path, *, pack: Pack | None = None) -> DocumentInfo:
    """Read a DOCX and tell what it is and what is wrong with its form.

    Every element of the heading and the signature is recognised whether it
    is a paragraph of its own, one line of a paragraph typed with Shift+Enter,
    a cell of a layout table, a text box, a content control or a line of the
    page header; tracked insertions are read and deletions are not.
    Multi-line blocks (issuer, subject, signer) are returned on one line, their
    lines joined by one space.

    Party or state form is decided from *pack*'s data about the issuing body
    (``form`` of its ``[[body]]`` or of a body it belongs to, see
    :func:`coordrules.rules.offices.is_party_body`; the bundled
    ``vn-province`` pack by default); when the issuer is no body of the pack, from the heading the
    document carries ("ĐẢNG CỘNG SẢN VIỆT NAM"). A document is a draft when
    it says "DỰ THẢO" or when both its number and its day are left blank.

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
    text = read_document(package)
    lines = _document_lines(text, _first_header(doc, parts, file))
    findings: list[Finding] = []

    # Legacy fonts: the reading core converted them (by font name, or by the
    # characters when no font says so); count the lines that were.
    legacy = Counter[str]()
    for line in lines:
        for enc in line.legacy:
            legacy[enc] += 1
    legacy_encoding = legacy.most_common(1)[0][0] if legacy else None

    pack = pack or _default_pack()
    # The number-line forms, like every format value, are those in force on the
    # document's date (the current ones when it has none).
    reading = _read_blocks(lines, lambda on: format_values(pack, on).number_forms())
    number = reading.number
    fmt = format_values(pack, reading.date)
    if reading.bad_number is not None:
        findings.append(
            form_finding(
                "number-malformed",
                f"Dòng số, ký hiệu “{reading.bad_number}” không đúng mẫu.",
                f"The number line “{reading.bad_number}” follows none of the forms.",
                "number.form",
                party=reading.party_heading is not None,
                found=reading.bad_number,
                expected=" or ".join(form.show() for _k, _v, form in fmt.number_forms()),
            )
        )
    issuing = _issuing_body(reading.issuer_lines, pack, reading.date)
    # The pack says which bodies are Party bodies; only for an issuer it does not
    # know does the heading the document carries decide.
    party = (
        is_party_body(issuing, pack.organisation())
        if issuing is not None
        else reading.party_heading is not None
    )
    draft = reading.draft
    doc_type = reading.type
    if doc_type == "nghi-quyet" and draft:
        doc_type = "du-thao-nghi-quyet"

    if draft and doc_type not in _DRAFT_TYPES:
        # A draft is not the signed document (see docs/howto-dossier.md).
        why = "“DỰ THẢO”" if reading.draft_mark else "số và ngày để trống / number and day blank"
        findings.append(
            form_finding(
                "document-draft",
                f"Văn bản còn là dự thảo ({why}), chưa phải văn bản đã ký ban hành.",
                f"The document is still a draft ({why}), not the signed document.",
                "document.draft",
                party=party,
                marked=reading.draft_mark,
            )
        )

    # Number line checks.
    if number is not None:
        findings.extend(number_findings(number, reading.number_form, fmt, party, doc_type, draft))

    # Format checks.
    findings.extend(element_sizes(reading.elements(lines), fmt, party=party))
    if party:
        findings.extend(party_format(reading.party_heading, fmt))
    elif reading.quoc_hieu is not None or reading.tieu_ngu is not None or number is not None:
        findings.extend(
            state_format(
                doc,
                parts,
                file,
                lines,
                reading.quoc_hieu,
                reading.tieu_ngu,
                reading.title_index,
                fmt,
            )
        )

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
            form_finding(
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
            form_finding(
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
    ref = DocumentRef(id=file, path=file, type=doc_type, title=reading.subject)
    return DocumentInfo(
        path=file,
        type=doc_type,
        title=reading.title,
        draft=draft,
        party=party,
        number=number,
        issuer=" ".join(reading.issuer_lines) or None,
        place=reading.place,
        date=reading.date,
        subject=reading.subject,
        signer=reading.signer,
        recipients=reading.recipients,
        issuer_body=issuing.id if issuing is not None else None,
        legacy_encoding=legacy_encoding,
        tracked_changes=tracked,
        comments=comments,
        findings=tuple(with_ref(f, ref) for f in findings),
    )


# --- Lines in reading order ---------------------------------------------------------
#
# Recognition works on lines, not paragraphs. The reading core
# (``text.read_document``) gives the paragraphs as a person sees them: cells
# of a layout table row by row, left to right; text boxes after the paragraph
# that anchors them (once, not again from Word's VML fallback); content
# controls, fields and tracked changes resolved. Here a paragraph typed with
# Shift+Enter becomes several lines, the first page's header (where offices
# often put the number line) comes first, and a blank line separates blocks:
# an empty paragraph, and the change from one cell or text box to the next.


class _Line:
    """One line of text as shown, with the properties of its runs and its place."""

    def __init__(
        self,
        text: str,
        runs: list[tuple[str, str | None, float | None, bool, bool]],
        *,
        align: str | None = None,
        where: str = "body",
        cell: object = None,
        para: object = None,
        legacy: frozenset[str] = frozenset(),
    ) -> None:
        self.text = text
        self.runs = runs
        self.align = align
        self.where = where
        self.cell = cell
        """The table cell or text box holding the line (``None`` in the flow)."""
        self.para = para
        """The paragraph the line belongs to (lines of one paragraph share it)."""
        self.legacy = legacy

    @classmethod
    def blank(cls) -> _Line:
        return cls("", [])

    @property
    def in_table(self) -> bool:
        return self.cell is not None

    @property
    def chars(self) -> int:
        return sum(len(t.strip()) for t, *_ in self.runs)

    def all_bold(self) -> bool:
        return all(b for t, _f, _s, b, _i in self.runs if t.strip())

    def sizes(self) -> set[float | None]:
        return {s for t, _f, s, _b, _i in self.runs if t.strip()}


def _first_header(doc: Any, parts: Mapping[str, bytes], file: str) -> str | None:
    """The header part shown on the first page (the first-page header if set)."""
    sect = next(doc.iter(_W + "sectPr"), None)
    if sect is None:
        return None
    refs = {
        r.get(_W + "type", "default"): r.get(_R_ID, "") for r in sect.iter(_W + "headerReference")
    }
    wanted = refs.get("first") if _on(sect, "titlePg") else None
    wanted = wanted or refs.get("default")
    return _targets(parts, file).get(wanted or "")


_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _targets(parts: Mapping[str, bytes], file: str) -> dict[str, str]:
    rels = parts.get("word/_rels/document.xml.rels", b"")
    targets: dict[str, str] = {}
    if rels:
        for rel in parse_part(file, "word/_rels/document.xml.rels", rels):
            target = rel.get("Target", "").lstrip("/").removeprefix("word/")
            targets[rel.get("Id", "")] = "word/" + target
    return targets


def _document_lines(text: DocumentText, header: str | None) -> list[_Line]:
    """The lines of the first page's header, then of the body, in reading order.

    A blank line separates blocks: an empty line, and the change from one
    table cell or text box to the next.
    """
    out: list[_Line] = []
    paragraphs = [p for p in text.headers if p.part == header] if header else []
    for source in (paragraphs, text.paragraphs):
        place: object = None
        for p in source:
            here = (p.part, p.cell, p.textbox) if p.cell is not None or p.textbox else None
            if here != place:
                out.append(_Line.blank())
                place = here
            _paragraph_lines(p, here, out)
        out.append(_Line.blank())
    return out


def _paragraph_lines(p: Paragraph, cell: object, out: list[_Line]) -> None:
    where = "textbox" if p.textbox else p.area
    line_text: list[str] = []
    runs: list[tuple[str, str | None, float | None, bool, bool]] = []
    legacy: set[str] = set()

    def flush() -> None:
        out.append(
            _Line(
                "".join(line_text).strip(),
                list(runs),
                align=p.align,
                where=where,
                cell=cell,
                para=p,
                legacy=frozenset(legacy),
            )
        )
        line_text.clear()
        runs.clear()
        legacy.clear()

    for run in p.runs:
        for k, piece in enumerate(run.text.split("\n")):
            if k:
                flush()
            if piece:
                line_text.append(piece)
                runs.append((piece, run.font, run.size, run.bold, run.italic))
                if run.legacy is not None:
                    legacy.add(run.legacy)
    flush()


# --- Recognition ----------------------------------------------------------------------

_NUMBER_LINE = re.compile(r"^số\s*:?\s*[\d/]")
"""A number line opens so ("Số lượng đại biểu: 50/52" in a body is none)."""
_SEPARATOR = re.compile(r"^[-–—_=*.\s]+$")
_BODY_START = ("căn cứ", "kính gửi", "kính trình", "thực hiện", "xét ", "theo đề nghị")
_POSITIONS = {
    normalise_text(t)
    for t in (
        "CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "BÍ THƯ",
        "PHÓ BÍ THƯ",
        "TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "CHÁNH VĂN PHÒNG",
        "TRƯỞNG ĐOÀN",
        "PHÓ TRƯỞNG ĐOÀN",
    )
}
_AUTHORITY = {"tm": "TM.", "t/m": "TM.", "kt": "KT.", "k/t": "KT.", "tl": "TL.", "t/l": "TL."}
_AUTHORITY.update({"q": "Q.", "tuq": "TUQ.", "t/uq": "TUQ."})


def _capitals(text: str) -> bool:
    return text == text.upper() and any(c.isalpha() for c in text)


class _Reading:
    """What the lines say: each element of the heading, the title and the signer."""

    def __init__(self) -> None:
        self.quoc_hieu: _Line | None = None
        self.tieu_ngu: _Line | None = None
        self.party_heading: _Line | None = None
        self.draft_mark = False
        self.number: NumberLine | None = None
        self.number_form: MatchedForm | None = None
        self.bad_number: str | None = None
        self.number_index: int | None = None
        self.place: str | None = None
        self.date: date | None = None
        self.blank_day = False
        self.date_index: int | None = None
        self.issuer_lines: list[str] = []
        self.issuer_block: list[_Line] = []
        self.title: str | None = None
        self.title_index: int | None = None
        self.type: str | None = None
        self.subject: str | None = None
        self.recipients: tuple[str, ...] = ()
        self.signer: SignerBlock | None = None

    def elements(self, lines: list[_Line]) -> dict[str, list[_Line]]:
        """The lines of each heading element whose size the pack may fix."""
        at = {
            "number_size": self.number_index,
            "place_date_size": self.date_index,
            "title_size": self.title_index,
        }
        out = {"issuer_size": list(self.issuer_block)}
        out.update({key: [lines[k]] for key, k in at.items() if k is not None})
        return out

    @property
    def draft(self) -> bool:
        """Says DỰ THẢO, or leaves both the number and the day blank (văn thư fills them)."""
        blank_number = self.number is not None and self.number.number is None
        return self.draft_mark or (blank_number and self.blank_day)


def _is_heading_element(n: str) -> bool:
    return n in _QUOC_HIEU or n == _PARTY or bool(_TIEU_NGU.match(n))


def _read_blocks(
    lines: list[_Line], forms_on: Callable[[date | None], list[MatchedForm]]
) -> _Reading:
    r = _Reading()
    head_end = min(len(lines), 80)
    _scan_heading(r, lines, head_end)
    if r.number_index is not None:
        # Read once the date is known: the forms are those in force that day.
        text = lines[r.number_index].text
        parsed = read_number(text, forms_on(r.date))
        if parsed is None:
            r.bad_number = text
        else:
            r.number, r.number_form = parsed
    heading = [k for k in (r.number_index, r.date_index) if k is not None] + [
        lines.index(x) for x in (r.quoc_hieu, r.tieu_ngu, r.party_heading) if x is not None
    ]
    search_from = max(heading) + 1 if heading else 0
    _find_title(r, lines, search_from, head_end)
    _find_issuer(r, lines, head_end)
    _find_subject(r, lines, head_end)
    _find_recipients(r, lines, head_end)
    _find_signer(r, lines)
    return r


def _scan_heading(r: _Reading, lines: list[_Line], head_end: int) -> None:
    """The heading elements among the first lines: each the first line that is one."""
    for k, line in enumerate(lines[:head_end]):
        n = normalise_text(line.text)
        if not n:
            continue
        if n in _QUOC_HIEU and r.quoc_hieu is None:
            r.quoc_hieu = line
        elif _TIEU_NGU.match(n) and r.tieu_ngu is None:
            r.tieu_ngu = line
        elif n == _PARTY and r.party_heading is None:
            r.party_heading = line
        elif _DRAFT.match(n) and len(n) <= 25:
            r.draft_mark = True
        elif r.number_index is None and _NUMBER_LINE.match(n):
            r.number_index = k
        elif r.date_index is None and (m := _PLACE_DATE.match(line.text)):
            r.date_index = k
            _place_date(r, m)


def _place_date(r: _Reading, m: re.Match[str]) -> None:
    """Place and date from the matched line; no date when the day is blank or impossible."""
    r.place = m.group("place").strip()
    r.blank_day = not (m.group("d") and m.group("m"))
    if not r.blank_day:
        try:
            r.date = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            r.date = None


def _find_issuer(r: _Reading, lines: list[_Line], head_end: int) -> None:
    """The issuer's lines: capitals above the number, title and date, up to the block's end."""
    issuer_end = min(
        k for k in (r.number_index, r.title_index, r.date_index, head_end) if k is not None
    )
    for line in lines[:issuer_end]:
        text = line.text.strip(" *-_")
        n = normalise_text(text)
        if not text or _SEPARATOR.match(text):
            if r.issuer_lines:
                break  # the issuer block ends at its rule line, its "*" or its cell's end
            continue
        if _is_heading_element(n) or (_DRAFT.match(n) and len(n) <= 25) or n.startswith("v/v"):
            continue
        if _capitals(text):
            r.issuer_lines.append(text)
            r.issuer_block.append(line)


def _find_title(r: _Reading, lines: list[_Line], start: int, end: int) -> None:
    titles = sorted(_GENERIC_TITLES.items(), key=lambda item: -len(item[0]))
    for k in range(start, end):
        text = lines[k].text
        n = normalise_text(text)
        if not n:
            continue
        for words, type_id in titles:
            if n == words or (
                _capitals(text) and (n.startswith(words + ",") or n.startswith(words + " "))
            ):
                r.title_index, r.type, r.title = k, type_id, text
                return


def _find_subject(r: _Reading, lines: list[_Line], end: int) -> None:
    subject: list[str] = []
    if r.title_index is not None:
        for line in lines[r.title_index + 1 : r.title_index + 7]:
            n = normalise_text(line.text)
            same_para = line.para is lines[r.title_index].para
            if (
                not n
                or _SEPARATOR.match(line.text)
                or n.startswith(_BODY_START)
                or (line.align in ("both", "distribute") and not same_para)
            ):
                break
            subject.append(line.text)
    else:
        start = next(
            (k for k in range(end) if normalise_text(lines[k].text).startswith("v/v")), None
        )
        if start is not None:
            first = lines[start]
            subject.append(first.text)
            for line in lines[start + 1 : start + 4]:
                n = normalise_text(line.text)
                together = line.para is first.para or (
                    first.cell is not None and line.cell is first.cell
                )
                if (
                    not n
                    or not together
                    or _is_heading_element(n)
                    or n.startswith(_BODY_START)
                    or _PLACE_DATE.match(line.text)
                ):
                    break
                subject.append(line.text)
        if start is not None or (
            r.number is not None and r.number.type_code is None and r.number.form == "state"
        ):
            r.type = "cong-van"
    r.subject = " ".join(subject) or None
    if r.type is not None and r.type in _SUBTYPES and r.subject:
        # The words that come first name the kind: "Tiếp thu, giải trình ý kiến
        # thẩm tra" is a tiếp thu report, not a thẩm tra report.
        said = normalise_text(r.subject)
        places = [(said.find(words), sub) for words, sub in _SUBTYPES[r.type] if words in said]
        if places:
            r.type = min(places)[1]


def _find_recipients(r: _Reading, lines: list[_Line], end: int) -> None:
    start = next(
        (k for k in range(end) if normalise_text(lines[k].text).startswith("kính gửi")), None
    )
    if start is None:
        return
    first = lines[start].text.split(":", 1)
    found = []
    rest = first[1].strip() if len(first) > 1 else ""
    if rest:
        found.append(rest)
    else:
        for line in lines[start + 1 : start + 30]:
            text = line.text.strip()
            if not text.startswith(("-", "–", "+", "•")):
                break
            found.append(text.lstrip("-–+• ").strip())
    r.recipients = tuple(t.rstrip(".;, ") for t in found if t.rstrip(".;, "))


def _find_signer(r: _Reading, lines: list[_Line]) -> None:
    after = max(k for k in (r.title_index, r.number_index, r.date_index, -1) if k is not None)
    start, authority = None, None
    for k in range(after + 1, len(lines)):
        text = lines[k].text
        m = SIGNER.match(text)
        if m and (_capitals(text) or len(text) <= 60):
            start, authority = k, _AUTHORITY.get(m.group(1).lower())
            break
    if start is None:
        start = next(
            (
                k
                for k in range(len(lines) - 1, after, -1)
                if normalise_text(lines[k].text) in _POSITIONS and _capitals(lines[k].text)
            ),
            None,
        )
        if start is None:
            return
        # The first of the position lines just above (PHÓ CHỦ TỊCH under KT. CHỦ TỊCH).
        while start - 1 > after and normalise_text(lines[start - 1].text) in _POSITIONS:
            start -= 1
    block = [lines[start].text]
    name = None
    for line in lines[start + 1 : start + 14]:
        text = line.text.strip()
        n = normalise_text(text)
        if not n or (text.startswith("(") and text.endswith(")")):
            continue
        if n.startswith("nơi nhận") or text.startswith(("-", "–")):
            break
        block.append(text)
        if not _position_like(text, n):
            name = text  # a name, typed as names are or in capitals
            break
    r.signer = SignerBlock(authority, tuple(block), name)


_POSITION_WORDS = (
    "chủ tịch",
    "phó",
    "giám đốc",
    "bí thư",
    "trưởng",
    "chánh",
    "ủy viên",
    "thư ký",
    "tổng",
    "thường trực",
    "cục trưởng",
    "chủ nhiệm",
)


def _position_like(text: str, n: str) -> bool:
    """Whether a signer-block line names a position ("PHÓ BÍ THƯ THƯỜNG TRỰC"), not a person.

    A known position ("Phó Giám đốc") in any case; in capitals, anything that
    opens like one. "Phó Đức Phương" (Phó is also a family name) is a person.
    """
    if SIGNER.match(n) or any(n == p or n.startswith(p + " ") for p in _POSITIONS):
        return True
    return _capitals(text) and (n.startswith(_POSITION_WORDS) or len(n.split()) > 5)


def _issuing_body(issuer: list[str], pack: Pack, on: date | None) -> Body | None:
    """The pack's body that issued the document, told from the issuer's lines.

    A body matches a line (or the lines joined) that opens with its name or
    an alias ("TỈNH ỦY THANH BÌNH" is the Tỉnh ủy), or a line that is the
    opening of its name ("BAN KINH TẾ - NGÂN SÁCH"). The longest name wins.
    """
    if not issuer:
        return None
    candidates = [normalise_text(" ".join(issuer))] + [normalise_text(line) for line in issuer]
    candidates += [normalise_text(" ".join(pair)) for pair in itertools.pairwise(issuer)]
    best: tuple[int, Body] | None = None
    for body in pack.bodies:
        if on is not None and not in_force(body.since, body.until, on):
            continue
        for name in (body.name, *body.aliases):
            key = normalise_text(name)
            for candidate in candidates:
                fits = candidate == key or candidate.startswith(key + " ")
                fits = fits or (
                    len(candidate) >= 10 and " " in candidate and key.startswith(candidate + " ")
                )
                if fits and (best is None or len(key) > best[0]):
                    best = (len(key), body)
    return best[1] if best is not None else None


@functools.cache
def _default_pack() -> Pack:
    from coordrules.packs.load import load_pack

    return load_pack("vn-province")


@deprecated_parameters(was_positional=("as_of",))
def check_dossier(
    meeting: Meeting,
    dossier: Dossier,
    pack: Pack,
    *,
    as_of: datetime,
    inspect: DocumentInspector | None = inspect_document,
) -> Report:
    """Check a dossier, reading each document with :func:`inspect_document`.

    The same as the core check (see ``coordrules.rules.dossier.check_dossier``),
    with *inspect* set by default so that each file's type, number line and
    format are checked, and Party or state form told from *pack*'s bodies.
    Pass ``inspect=None`` to use declared types only.
    """
    if inspect is inspect_document:
        inspect = functools.partial(inspect_document, pack=pack)
    return _check_dossier(meeting, dossier, pack, as_of=as_of, inspect=inspect)


def _count(number: int, noun: str) -> str:
    """``1 comment``, ``2 comments``."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
