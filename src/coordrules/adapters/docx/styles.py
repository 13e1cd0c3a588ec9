"""The one style resolver of DOCX run properties: direct formatting, styles, defaults.

The properties of a run come, from strongest to weakest, from its own
``w:rPr`` (direct formatting), its character style (``w:rStyle``) and the
styles it is based on, its paragraph's style (``w:pStyle``, else the default
paragraph style) and the styles that one is based on, and the document
defaults (``w:docDefaults``). A font given as a theme font
(``w:asciiTheme="minorHAnsi"``) is looked up in the theme's major or minor
Latin font. ``basedOn`` chains that loop or run deeper than
:data:`MAX_STYLE_DEPTH` stop there, as Word and LibreOffice stop; malformed
values (``w:sz w:val="abc"``) are ignored as LibreOffice ignores them.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from lxml import etree

from coordrules.adapters.docx.package import _W

_CACHE = 20_000
MAX_STYLE_DEPTH = 64
"""A ``basedOn`` chain is followed at most this deep (and never round a loop)."""

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_OFF = frozenset(("0", "false", "off", "none"))
_VAL = _W + "val"
_RFONTS, _SZ, _B, _I = _W + "rFonts", _W + "sz", _W + "b", _W + "i"
_VANISH, _RSTYLE = _W + "vanish", _W + "rStyle"


class RunProps(NamedTuple):
    """The resolved properties of a run that readers use."""

    font: str | None = None
    """The Latin font (``w:ascii``, else ``w:hAnsi``), theme fonts resolved."""
    size: float | None = None
    """Size in points (``w:sz`` is in half-points)."""
    bold: bool = False
    italic: bool = False
    hidden: bool = False
    """``w:vanish``: text a person does not see."""


def _on_value(element: Any) -> bool:
    return str(element.get(_VAL, "true")).strip().lower() not in _OFF


def val(element: Any, tag: str) -> str | None:
    """The ``w:val`` of the child ``w:<tag>`` of *element*, or None."""
    found = element.find(_W + tag) if element is not None else None
    return None if found is None else found.get(_W + "val")


def on(element: Any, tag: str) -> bool | None:
    """The on/off property ``w:<tag>`` of *element*: True, False, or None when absent."""
    found = element.find(_W + tag) if element is not None else None
    if found is None:
        return None
    return _on_value(found)


def half_points(value: str | None) -> float | None:
    """A ``w:sz`` value in points, or None when missing or malformed (ignored, as LibreOffice)."""
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    if not 0 < number <= 3276:  # Word's largest size is 1638 pt
        return None
    return number / 2


# One layer: font, size, bold, italic, hidden; None where the layer says nothing.
_Layer = tuple[str | None, float | None, bool | None, bool | None, bool | None]
_EMPTY: _Layer = (None, None, None, None, None)


class StyleSheet:
    """Run properties resolved through direct formatting, styles and document defaults.

    Built from the ``w:styles`` root and the theme root (either may be None).
    Resolutions of style pairs are cached: resolving every run of a large
    document costs a few dictionary look-ups per run.
    """

    def __init__(self, styles: Any, theme: Any = None) -> None:
        self.by_id: dict[str, Any] = {}
        self.default_para: str | None = None
        self.default_char: str | None = None
        self.theme_fonts: dict[str, str] = {}
        self._defaults: _Layer = _EMPTY
        self._chains: dict[str | None, _Layer] = {}
        self._pairs: dict[tuple[str | None, str | None], _Layer] = {}
        self._resolved: dict[tuple[str | None, bytes | None], RunProps] = {}
        if theme is not None:
            for which in ("major", "minor"):
                latin = theme.find(f".//{_A}{which}Font/{_A}latin")
                if latin is not None and latin.get("typeface"):
                    self.theme_fonts[which] = str(latin.get("typeface"))
        if styles is None:
            return
        for style in styles.iter(_W + "style"):
            sid = style.get(_W + "styleId")
            if not sid:
                continue
            self.by_id.setdefault(sid, style)
            if style.get(_W + "default") in ("1", "true", "on"):
                kind = style.get(_W + "type")
                if kind == "paragraph" and self.default_para is None:
                    self.default_para = sid
                elif kind == "character" and self.default_char is None:
                    self.default_char = sid
        self._defaults = self.layer(styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr"))

    def _font(self, fonts: Any) -> str | None:
        name = fonts.get(_W + "ascii") or fonts.get(_W + "hAnsi")
        if name:
            return str(name)
        theme = fonts.get(_W + "asciiTheme") or fonts.get(_W + "hAnsiTheme")
        if theme:
            return self.theme_fonts.get("major" if "major" in theme else "minor", str(theme))
        return None

    def layer(self, rpr: Any) -> _Layer:
        """What one ``w:rPr`` says: font, size, bold, italic, hidden (None: not said)."""
        return self.read_rpr(rpr)[0]

    def read_rpr(self, rpr: Any) -> tuple[_Layer, str | None]:
        """What one ``w:rPr`` says, and its character style, in one pass over its children."""
        if rpr is None:
            return _EMPTY, None
        font = size = bold = italic = hidden = style = None
        for child in rpr:
            tag = child.tag
            if tag == _RFONTS:
                font = self._font(child)
            elif tag == _SZ:
                size = half_points(child.get(_VAL))
            elif tag == _B:
                bold = _on_value(child)
            elif tag == _I:
                italic = _on_value(child)
            elif tag == _VANISH:
                hidden = _on_value(child)
            elif tag == _RSTYLE:
                style = child.get(_VAL)
        return (font, size, bold, italic, hidden), style

    def chain(self, style_id: str | None) -> _Layer:
        """What a style says, with the styles it is based on (cycles and depth bounded)."""
        if style_id in self._chains:
            return self._chains[style_id]
        layers: list[_Layer] = []
        seen: set[str] = set()
        current = style_id
        while current and current not in seen and len(seen) < MAX_STYLE_DEPTH:
            style = self.by_id.get(current)
            if style is None:
                break
            seen.add(current)
            layers.append(self.layer(style.find(_W + "rPr")))
            current = val(style, "basedOn")
        result = _merge(layers)
        self._chains[style_id] = result
        return result

    def style_layer(self, para_style: str | None, run_style: str | None) -> _Layer:
        """Character style over paragraph style over document defaults, merged."""
        key = (para_style, run_style)
        found = self._pairs.get(key)
        if found is None:
            para = para_style if para_style in self.by_id else self.default_para
            found = _merge(
                [
                    self.chain(run_style or self.default_char),
                    self.chain(para),
                    self._defaults,
                ]
            )
            self._pairs[key] = found
        return found

    def resolve(self, rpr: Any, para_style: str | None) -> RunProps:
        """The properties of a run with direct formatting *rpr* in a paragraph of *para_style*."""
        # Runs repeat the same few w:rPr: cache by their serialisation (C speed).
        key = (para_style, None if rpr is None else etree.tostring(rpr))
        found = self._resolved.get(key)
        if found is not None:
            return found
        direct, run_style = self.read_rpr(rpr)
        font, size, bold, italic, hidden = _merge([direct, self.style_layer(para_style, run_style)])
        found = RunProps(font, size, bool(bold), bool(italic), bool(hidden))
        if len(self._resolved) < _CACHE:
            self._resolved[key] = found
        return found


def _merge(layers: list[_Layer]) -> _Layer:
    """The first layer that says something wins, property by property."""
    if len(layers) == 2 and layers[0] == _EMPTY:
        return layers[1]
    merged: list[Any] = [None] * 5
    for layer in layers:
        for k, value in enumerate(layer):
            if merged[k] is None and value is not None:
                merged[k] = value
    return (merged[0], merged[1], merged[2], merged[3], merged[4])
