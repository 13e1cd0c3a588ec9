"""The one text extractor of DOCX paragraphs: what a person sees, run by run."""

from __future__ import annotations

from typing import Any

from coordrules.adapters.docx.legacy import (
    is_capitals_font,
    legacy_font_encoding,
    legacy_to_unicode,
)
from coordrules.adapters.docx.package import _W
from coordrules.adapters.docx.styles import _Styles, _val


class _Para:
    """One paragraph: its text (legacy fonts converted), runs' properties, place."""

    def __init__(self, element: Any, styles: _Styles) -> None:
        ppr = element.find(_W + "pPr")
        style = _val(ppr, "pStyle") if ppr is not None else None
        self.align = _val(ppr, "jc") if ppr is not None else None
        self.in_table = any(a.tag == _W + "tc" for a in element.iterancestors())
        self.runs: list[tuple[str, str | None, float | None, bool, bool]] = []
        self.legacy: set[str] = set()
        parts: list[str] = []
        for run in element.iter(_W + "r"):
            if any(a.tag in (_W + "del", _W + "moveFrom") for a in run.iterancestors()):
                continue  # deleted text is not the document's text
            raw = "".join(
                (t.text or "") if t.tag == _W + "t" else "\t" if t.tag == _W + "tab" else "\n"
                for t in run
                if t.tag in (_W + "t", _W + "tab", _W + "br")
            )
            if not raw:
                continue
            font, size, bold, italic = styles.resolve(run, style)
            encoding = legacy_font_encoding(font)
            text = raw
            if encoding is not None:
                self.legacy.add(encoding)
                text = legacy_to_unicode(raw, encoding, capitals=is_capitals_font(font))
            self.runs.append((text, font, size, bold, italic))
            parts.append(text)
        self.text = "".join(parts).strip()
        self.raw_text = self.text

    @property
    def chars(self) -> int:
        return sum(len(t.strip()) for t, *_ in self.runs)

    def all_bold(self) -> bool:
        return all(b for t, _f, _s, b, _i in self.runs if t.strip())

    def sizes(self) -> set[float | None]:
        return {s for t, _f, s, _b, _i in self.runs if t.strip()}
