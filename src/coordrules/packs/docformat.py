"""The document format (thể thức văn bản) as pack data: fonts, sizes, margins, headings.

NĐ 30/2020/NĐ-CP (state documents) and Hướng dẫn 36-HD/VPTW (Party documents)
fix how an official document looks. Those values are pack data
(``[[document_format]]`` in the pack file), each with its ``cite``,
``basis``, ``source`` and dates, so that the writer of our own DOCX
(:mod:`coordrules.adapters.docx.format`) and the checker
(:mod:`coordrules.adapters.docx.inspection`) read the same values and
cannot drift apart.

A value is a text (a heading's words, a font's name), a range of numbers
``[low, high]`` (points or millimetres, both ends allowed) or a number-line
form (a :class:`NumberForm` template such as ``"Số: {number:02d}/{code}-{issuer}"``).
The checker accepts the whole range; the writer writes its low end. The
checker recognises a number line by its forms and checks it against the form
it follows; the writer writes a number line by formatting the form.

This module is core: it imports no file-format library.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs

from coordrules.model.values import SourcedValue, VersionedRule

TEXT = "text"
RANGE = "range"
FORM = "form"

FORMAT_KEYS: Mapping[str, tuple[str, str]] = {
    "state.font": (TEXT, "Body font of a state document / phông chữ văn bản hành chính"),
    "state.body_size": (RANGE, "Body text size, pt / cỡ chữ phần nội dung"),
    "state.margin_top": (RANGE, "Top margin, mm / lề trên"),
    "state.margin_bottom": (RANGE, "Bottom margin, mm / lề dưới"),
    "state.margin_left": (RANGE, "Left margin, mm / lề trái"),
    "state.margin_right": (RANGE, "Right margin, mm / lề phải"),
    "state.quoc_hieu": (TEXT, "Quốc hiệu, its words"),
    "state.quoc_hieu_size": (RANGE, "Quốc hiệu size, pt / cỡ chữ Quốc hiệu"),
    "state.tieu_ngu": (TEXT, "Tiêu ngữ, its words"),
    "state.tieu_ngu_size": (RANGE, "Tiêu ngữ size, pt / cỡ chữ Tiêu ngữ"),
    "state.issuer_size": (RANGE, "Issuing body and office lines, pt / cỡ chữ tên cơ quan ban hành"),
    "state.number_size": (RANGE, "Number line size, pt / cỡ chữ số, ký hiệu"),
    "state.place_date_size": (RANGE, "Place and date size, pt / cỡ chữ địa danh, ngày tháng"),
    "state.title_size": (RANGE, "Title (type of document) size, pt / cỡ chữ tên loại văn bản"),
    "state.recipients_heading_size": (RANGE, "“Nơi nhận:” size, pt / cỡ chữ “Nơi nhận”"),
    "state.recipients_size": (RANGE, "Recipient lines size, pt / cỡ chữ các dòng nơi nhận"),
    "state.signer_size": (
        RANGE,
        "Signer's authority and title size, pt / cỡ chữ quyền hạn, chức vụ",
    ),
    "state.number_line": (FORM, "Number line of a state document / dòng số, ký hiệu"),
    "state.number_line_normative": (
        FORM,
        "Number line of a normative document, with the year / số, ký hiệu văn bản QPPL",
    ),
    "state.number_line_cong_van": (
        FORM,
        "Number line of a công văn, no type code / số, ký hiệu công văn",
    ),
    "party.heading": (TEXT, "Party heading, its words / tiêu đề Đảng"),
    "party.heading_size": (RANGE, "Party heading size, pt / cỡ chữ tiêu đề Đảng"),
    "party.issuer_size": (RANGE, "Party issuing body size, pt / cỡ chữ tên cơ quan ban hành"),
    "party.place_date_size": (RANGE, "Party place and date size, pt / cỡ chữ địa danh, ngày tháng"),
    "party.number_line": (FORM, "Number line of a Party document / số, ký hiệu văn bản Đảng"),
}
"""Every ``[[document_format]]`` id: its kind (``text``, ``range`` or ``form``) and meaning."""

NUMBER_FORMS = (
    "state.number_line_normative",
    "state.number_line",
    "state.number_line_cong_van",
    "party.number_line",
)
"""The number-line form ids, in the order the checker tries them."""

MARGIN_SIDES = ("top", "bottom", "left", "right")


@attrs.frozen
class FormatRange:
    """A range of numbers, both ends included: the checker accepts it, the writer writes ``low``."""

    low: float
    """The smallest value allowed; the one the writer writes."""
    high: float
    """The largest value allowed."""

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int | float) and self.low <= value <= self.high

    def __str__(self) -> str:
        return f"{self.low:g}–{self.high:g}"

    def show(self, unit: str) -> str:
        """The range for people: ``13–14 pt``, or ``15 pt`` when both ends agree."""
        if self.low == self.high:
            return f"{self.low:g} {unit}"
        return f"{self.low:g}–{self.high:g} {unit}"


_FIELDS: Mapping[str, str] = {
    "number": r"\d*",
    "year": r"\d{4}",
    "code": r"[^\s/\-]+",
    "issuer": r"\S+",
}
"""The fields of a number-line form and what each matches when read (a blank number too)."""
_SEPARATORS = frozenset("/-")
_ZERO_SPEC = re.compile(r"^0[1-9]d$")


@attrs.frozen
class NumberForm:
    """A form of the number line (số, ký hiệu), as a template: ``Số: {number:02d}/{code}-{issuer}``.

    The template is ``Số``, an optional colon, then fields joined by one
    separator each (``/`` or ``-``): ``{number}`` (the document's number; the
    spec ``:02d`` asks for a leading zero below 10), ``{year}``, ``{code}``
    (the type code, ``TTr``, ``NQ``) and ``{issuer}`` (the issuing body's
    code, ``UBND``, ``TU``). The writer formats it (:meth:`format`); the
    checker reads a line with :meth:`pattern`, which allows what a typist
    varies and the check then reports: the colon present or not, a blank
    number (a draft), spaces around the separators, and the issuer left out
    after ``{code}-``.
    """

    template: str
    """The template as the pack writes it."""
    prefix: str
    """The word before the number (``Số``)."""
    colon: bool
    """Whether a colon follows the prefix."""
    fields: tuple[tuple[str, str, str], ...]
    """Each field: the separator before it (empty for the number), its name, its spec."""

    @classmethod
    def parse(cls, template: str) -> NumberForm:
        """The form of *template*; ``ValueError`` (English) when it is no number-line form."""
        try:
            pieces = list(string.Formatter().parse(template))
        except ValueError as error:
            raise ValueError(f"not a template: {error}") from error
        if not pieces or pieces[0][1] is None:
            raise ValueError("a number-line form has fields such as {number} and {issuer}")
        head = pieces[0][0].strip()
        colon = head.endswith(":")
        prefix = head.removesuffix(":").strip()
        if not prefix or not prefix.isalpha():
            raise ValueError("a number-line form opens with a word such as “Số”")
        fields: list[tuple[str, str, str]] = []
        for k, (literal, name, spec, conversion) in enumerate(pieces):
            sep = "" if k == 0 else literal
            if k and sep not in _SEPARATORS:
                raise ValueError(f"fields are joined by one “/” or “-”, not {literal!r}")
            if name is None:
                if literal:
                    raise ValueError(f"nothing may follow the last field: {literal!r}")
                continue
            if name not in _FIELDS or any(f[1] == name for f in fields):
                raise ValueError(
                    f"unknown or repeated field {{{name}}}; known: "
                    + ", ".join(f"{{{f}}}" for f in _FIELDS)
                )
            if conversion or (spec and (name != "number" or not _ZERO_SPEC.match(spec))):
                raise ValueError(f"only {{number}} takes a spec, such as :02d, not {spec!r}")
            fields.append((sep, name, spec or ""))
        names = [f[1] for f in fields]
        if names[0] != "number" or "issuer" not in names:
            raise ValueError("a number-line form starts with {number} and has {issuer}")
        return cls(template, prefix, colon, tuple(fields))

    def __str__(self) -> str:
        return self.template

    def pattern(self) -> re.Pattern[str]:
        """The lenient pattern that reads a line of this form (groups named as the fields)."""
        return _pattern(self)

    def _build_pattern(self) -> re.Pattern[str]:
        out = [rf"^{re.escape(self.prefix)}\s*(?P<colon>:)?\s*"]
        before = None
        for sep, name, _spec in self.fields:
            piece = _FIELDS[name]
            if sep:
                part = rf"\s*{re.escape(sep)}\s*(?P<{name}>{piece})"
                # "Số: 05/QĐ": the issuer may be left out after the type code and its hyphen.
                optional = name == "issuer" and before == "code" and sep == "-"
                out.append(f"(?:{part})?" if optional else part)
            else:
                out.append(f"(?P<{name}>{piece})")
            before = name
        out.append(r"\s*$")
        return re.compile("".join(out), re.IGNORECASE)

    def number_ok(self, digits: str) -> bool:
        """Whether *digits* are written as the ``{number}`` spec asks (``05``, not ``5``)."""
        spec = self.number_spec()
        return not spec or format(int(digits), spec) == digits

    def number_spec(self) -> str:
        """The spec of ``{number}`` (``02d``), empty when the form asks for none."""
        return next(s for _sep, name, s in self.fields if name == "number")

    def format(
        self,
        *,
        number: int | None,
        issuer: str,
        code: str | None = None,
        year: int | None = None,
    ) -> str:
        """The number line of this form; a ``None`` *number* is left blank (a draft).

        Raises ``ValueError`` when the form has a field that is not given.
        """
        values: dict[str, str] = {"issuer": issuer}
        if code is not None:
            values["code"] = code
        if year is not None:
            values["year"] = str(year)
        out = [self.prefix + (": " if self.colon else " ")]
        for sep, name, spec in self.fields:
            if name == "number":
                out.append("      " if number is None else format(number, spec or "d"))
                continue
            if name not in values:
                raise ValueError(f"the form {self.template} needs {{{name}}}")
            out.append(sep + values[name])
        return "".join(out)

    def show(self) -> str:
        """The form for people: ``Số: {number}/{code}-{issuer}``, leading zero said in words."""
        text = self.prefix + (": " if self.colon else " ")
        text += "".join(sep + "{" + name + "}" for sep, name, _ in self.fields)
        if self.number_spec():
            text += " (leading zero below 10)"
        return text


@functools.lru_cache(maxsize=64)
def _pattern(form: NumberForm) -> re.Pattern[str]:
    return form._build_pattern()


def value_problem(ident: str, value: Any) -> str | None:
    """Why *value* is no good for the format id *ident* (English), or ``None``."""
    if ident not in FORMAT_KEYS:
        return f"unknown document_format id; known: {', '.join(sorted(FORMAT_KEYS))}"
    kind = FORMAT_KEYS[ident][0]
    if kind == FORM:
        if not isinstance(value, str):
            return "value must be a number-line form such as “Số: {number:02d}/{code}-{issuer}”"
        try:
            NumberForm.parse(value)
        except ValueError as error:
            return str(error)
        return None
    if kind == TEXT:
        if not isinstance(value, str) or not value.strip():
            return "value must be a non-empty text"
        return None
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        return "value must be a range [low, high] of two numbers"
    low, high = value
    if not 0 < low <= high <= 1000:
        return "value must be a range [low, high] with 0 < low ≤ high ≤ 1000"
    return None


def to_value(ident: str, value: Any) -> str | FormatRange | NumberForm:
    """The typed value of a checked raw *value*: a text, a :class:`FormatRange` or a
    :class:`NumberForm`."""
    if FORMAT_KEYS[ident][0] == TEXT:
        return str(value)
    if FORMAT_KEYS[ident][0] == FORM:
        return NumberForm.parse(str(value))
    return FormatRange(float(value[0]), float(value[1]))


@attrs.frozen
class FormatValues:
    """The format values in force on one day, each with its source (``SourcedValue``).

    A value is ``None`` when the pack gives none for that day.
    """

    values: Mapping[str, SourcedValue[Any]]
    """Each id of :data:`FORMAT_KEYS` with a value that day, and that value's version."""

    def get(self, ident: str) -> SourcedValue[Any] | None:
        """The version of *ident* (a :data:`FORMAT_KEYS` id) in force, or ``None``."""
        return self.values.get(ident)

    def text(self, ident: str) -> str | None:
        """The text value of *ident*, or ``None``."""
        got = self.values.get(ident)
        return None if got is None else str(got.value)

    def span(self, ident: str) -> FormatRange | None:
        """The range value of *ident*, or ``None``."""
        got = self.values.get(ident)
        return got.value if got is not None and isinstance(got.value, FormatRange) else None

    def number_form(self, ident: str) -> NumberForm | None:
        """The number-line form *ident* (one of :data:`NUMBER_FORMS`), or ``None``."""
        got = self.values.get(ident)
        return got.value if got is not None and isinstance(got.value, NumberForm) else None

    def number_forms(self) -> list[tuple[str, SourcedValue[Any], NumberForm]]:
        """The number-line forms in force, in the order the checker tries them.

        Each with its kind (``state`` or ``party``, the id's prefix) and its version.
        """
        out = []
        for ident in NUMBER_FORMS:
            got = self.values.get(ident)
            if got is not None and isinstance(got.value, NumberForm):
                out.append((ident.split(".", 1)[0], got, got.value))
        return out

    def cite(self, ident: str) -> str | None:
        """The ``cite`` of *ident*'s version in force, or ``None``."""
        got = self.values.get(ident)
        return None if got is None else got.cite


@attrs.frozen
class DocumentFormat:
    """The ``[[document_format]]`` rules of a pack: one dated
    :class:`~coordrules.VersionedRule` per id."""

    rules: tuple[VersionedRule[Any], ...] = ()
    """One rule per id, named ``document_format.<id>``, its versions by date."""

    def at(self, on: date | None) -> FormatValues:
        """The values in force on *on*; with ``None``, those with no end date (in force now)."""
        found: dict[str, SourcedValue[Any]] = {}
        for rule in self.rules:
            if on is not None:
                version = rule.at(on)
            else:
                version = next((v for v in rule.versions if v.until is None), None)
            if version is not None:
                found[rule.id.removeprefix("document_format.")] = version
        return FormatValues(found)

    def with_fallback(self, other: DocumentFormat) -> DocumentFormat:
        """This format, with *other*'s rules for the ids this one does not define."""
        own = {r.id for r in self.rules}
        return DocumentFormat(self.rules + tuple(r for r in other.rules if r.id not in own))
