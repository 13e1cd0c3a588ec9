"""The one style resolver of DOCX run properties: direct formatting, styles, defaults."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from coordrules.adapters.docx.package import _W


def _val(element: Any, tag: str) -> str | None:
    found = element.find(_W + tag) if element is not None else None
    return None if found is None else found.get(_W + "val")


def _on(element: Any, tag: str) -> bool | None:
    found = element.find(_W + tag) if element is not None else None
    if found is None:
        return None
    return found.get(_W + "val", "true") not in ("0", "false", "off")


class _Styles:
    """Run properties resolved through character, paragraph and default styles."""

    def __init__(self, styles: Any, theme: Any) -> None:
        self.by_id: dict[str, Any] = {}
        self.default_rpr: Any = None
        self.default_para: str | None = None
        self.theme_fonts: dict[str, str] = {}
        if theme is not None:
            ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
            for which in ("major", "minor"):
                latin = theme.find(f".//{ns}{which}Font/{ns}latin")
                if latin is not None:
                    self.theme_fonts[which] = latin.get("typeface", "")
        if styles is None:
            return
        for style in styles.iter(_W + "style"):
            sid = style.get(_W + "styleId")
            if sid:
                self.by_id[sid] = style
            if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true"):
                self.default_para = sid
        defaults = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self.default_rpr = defaults

    def chain(self, style_id: str | None) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style.find(_W + "rPr")
            style_id = _val(style, "basedOn")

    def font_of(self, rpr: Any) -> str | None:
        fonts = rpr.find(_W + "rFonts") if rpr is not None else None
        if fonts is None:
            return None
        name = fonts.get(_W + "ascii") or fonts.get(_W + "hAnsi")
        if name:
            return str(name)
        theme = fonts.get(_W + "asciiTheme") or fonts.get(_W + "hAnsiTheme")
        if theme:
            return self.theme_fonts.get("major" if "major" in theme else "minor", str(theme))
        return None

    def resolve(
        self, run: Any, para_style: str | None
    ) -> tuple[str | None, float | None, bool, bool]:
        """Font name, size (pt), bold, italic of *run*."""
        layers = [run.find(_W + "rPr")]
        rpr = layers[0]
        layers += list(self.chain(_val(rpr, "rStyle") if rpr is not None else None))
        layers += list(self.chain(para_style or self.default_para))
        layers.append(self.default_rpr)
        font = size = bold = italic = None
        for layer in layers:
            if layer is None:
                continue
            font = font or self.font_of(layer)
            if size is None and _val(layer, "sz") is not None:
                try:
                    size = int(str(_val(layer, "sz"))) / 2
                except ValueError:
                    size = None
            bold = _on(layer, "b") if bold is None else bold
            italic = _on(layer, "i") if italic is None else italic
        return font, size, bool(bold), bool(italic)
