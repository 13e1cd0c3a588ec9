"""The document format (thể thức văn bản) as pack data: fonts, sizes, margins, headings.

NĐ 30/2020/NĐ-CP (state documents) and Hướng dẫn 36-HD/VPTW (Party documents)
fix how an official document looks. Those values are pack data
(``[[document_format]]`` in the pack file), each with its ``cite``,
``basis``, ``source`` and dates, so that the writer of our own DOCX
(:mod:`coordrules.adapters.docx.format`) and the checker
(:mod:`coordrules.adapters.docx.inspection`) read the same values and
cannot drift apart.

A value is a text (a heading's words, a font's name) or a range of numbers
``[low, high]`` (points or millimetres, both ends allowed). The checker
accepts the whole range; the writer writes its low end.

This module is core: it imports no file-format library.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs

from coordrules.model.values import SourcedValue, VersionedRule

TEXT = "text"
RANGE = "range"

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
    "party.heading": (TEXT, "Party heading, its words / tiêu đề Đảng"),
    "party.heading_size": (RANGE, "Party heading size, pt / cỡ chữ tiêu đề Đảng"),
}
"""Every ``[[document_format]]`` id: its kind (``text`` or ``range``) and meaning."""

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


def value_problem(ident: str, value: Any) -> str | None:
    """Why *value* is no good for the format id *ident* (English), or ``None``."""
    if ident not in FORMAT_KEYS:
        return f"unknown document_format id; known: {', '.join(sorted(FORMAT_KEYS))}"
    kind = FORMAT_KEYS[ident][0]
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


def to_value(ident: str, value: Any) -> str | FormatRange:
    """The typed value of a checked raw *value* (a text or a :class:`FormatRange`)."""
    if FORMAT_KEYS[ident][0] == TEXT:
        return str(value)
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
