"""The one style resolver: direct formatting over character style over paragraph style
over document defaults, basedOn chains (loops and depth bounded), theme fonts."""

from __future__ import annotations

from coordrules.adapters.docx import styles as styles_module
from coordrules.adapters.docx.package import open_package
from coordrules.adapters.docx.text import Run, read_document
from docx_package import docx, p, r

DEFAULTS = (
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    '<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/><w:sz w:val="26"/>'
    "</w:rPr></w:rPrDefault></w:docDefaults>"
)
THEME = (
    b'<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="T">'
    b"<a:themeElements><a:fontScheme name='F'>"
    b'<a:majorFont><a:latin typeface="Cambria"/></a:majorFont>'
    b'<a:minorFont><a:latin typeface="Calibri"/></a:minorFont>'
    b"</a:fontScheme></a:themeElements></a:theme>"
)


def style(
    kind: str, sid: str, rpr: str = "", based: str | None = None, default: bool = False
) -> str:
    attrs = ' w:default="1"' if default else ""
    base = f'<w:basedOn w:val="{based}"/>' if based else ""
    return f'<w:style w:type="{kind}" w:styleId="{sid}"{attrs}>{base}<w:rPr>{rpr}</w:rPr></w:style>'


def runs(body: str, styles: str, theme: bool = True) -> list[Run]:
    extra = {"word/theme/theme1.xml": THEME} if theme else None
    document = read_document(open_package(docx(body, styles=styles, extra=extra), "s.docx"))
    return [run for paragraph in document.paragraphs for run in paragraph.runs]


def props(run: Run) -> tuple[str | None, float | None, bool, bool]:
    return run.font, run.size, run.bold, run.italic


def test_document_defaults_and_theme_fonts() -> None:
    (run,) = runs(p(r("a")), DEFAULTS)
    assert props(run) == ("Calibri", 13.0, False, False)


def test_major_theme_font() -> None:
    (run,) = runs(p(r("a", props='<w:rFonts w:asciiTheme="majorHAnsi"/>')), DEFAULTS)
    assert run.font == "Cambria"


def test_default_paragraph_style_then_based_on_chain() -> None:
    styles = (
        DEFAULTS
        + style("paragraph", "Normal", '<w:rFonts w:ascii="Times New Roman"/>', default=True)
        + style("paragraph", "Base", '<w:sz w:val="28"/><w:b/>', based="Normal")
        + style("paragraph", "Title", "<w:i/>", based="Base")
    )
    plain, titled = runs(p(r("a")) + p(r("b"), props='<w:pStyle w:val="Title"/>'), styles)
    assert props(plain) == ("Times New Roman", 13.0, False, False)
    assert props(titled) == ("Times New Roman", 14.0, True, True)


def test_character_style_over_paragraph_style_and_direct_over_both() -> None:
    styles = (
        DEFAULTS
        + style("paragraph", "P", '<w:b/><w:sz w:val="30"/>')
        + style("character", "C", '<w:b w:val="0"/><w:rFonts w:ascii="Arial"/>')
    )
    body = p(
        r("a", props='<w:rStyle w:val="C"/>'),
        r("b", props='<w:rStyle w:val="C"/><w:b/><w:sz w:val="24"/>'),
        props='<w:pStyle w:val="P"/>',
    )
    first, second = runs(body, styles)
    assert props(first) == ("Arial", 15.0, False, False)
    assert props(second) == ("Arial", 12.0, True, False)


def test_based_on_loop_ends() -> None:
    styles = style("paragraph", "A", "<w:b/>", based="B") + style(
        "paragraph", "B", '<w:sz w:val="40"/>', based="A"
    )
    (run,) = runs(p(r("a"), props='<w:pStyle w:val="A"/>'), styles, theme=False)
    assert (run.size, run.bold) == (20.0, True)


def test_based_on_chain_deeper_than_the_limit_stops() -> None:
    depth = styles_module.MAX_STYLE_DEPTH
    chain = "".join(style("paragraph", f"S{n}", based=f"S{n + 1}") for n in range(depth))
    chain += style("paragraph", f"S{depth}", '<w:sz w:val="40"/>')
    (run,) = runs(p(r("a"), props='<w:pStyle w:val="S0"/>'), chain, theme=False)
    assert run.size is None  # the size sits one style beyond the limit
    (near,) = runs(p(r("a"), props='<w:pStyle w:val="S1"/>'), chain, theme=False)
    assert near.size == 20.0


def test_malformed_values_are_ignored() -> None:
    styles = DEFAULTS
    body = p(r("a", props='<w:sz w:val="abc"/><w:b w:val="off"/><w:i w:val="1"/>'))
    (run,) = runs(body, styles)
    assert props(run) == ("Calibri", 13.0, False, True)


def test_hidden_by_style_is_not_read() -> None:
    styles = style("character", "Hidden", "<w:vanish/>")
    body = p(r("thấy"), r("ẩn", props='<w:rStyle w:val="Hidden"/>'))
    assert [run.text for run in runs(body, styles, theme=False)] == ["thấy"]


def test_unknown_paragraph_style_falls_back_to_the_default_one() -> None:
    styles = style("paragraph", "Normal", '<w:sz w:val="28"/>', default=True)
    (run,) = runs(p(r("a"), props='<w:pStyle w:val="Missing"/>'), styles, theme=False)
    assert run.size == 14.0
