"""Legacy Vietnamese 8-bit encodings: TCVN3 (ABC) and VNI-Windows.

Before Unicode (TCVN 6909:2001) offices typed Vietnamese in 8-bit fonts:
``.VnTime``, ``.VnArial`` … (TCVN3, also called ABC) and ``VNI-Times`` …
(VNI-Windows). A DOCX made from such a file keeps the font name and stores each
byte as the Latin-1 look-alike character, so "Tờ trình" arrives as
``"Tê tr×nh"`` (TCVN3) or ``"Tôø trình"`` (VNI). This module tells the
encoding from a font name or from the text, and converts to Unicode (NFC).

* TCVN3 has one byte per letter. Its ordinary fonts have no capital letters
  with tone marks; the capitals live in separate fonts whose names end in
  ``H`` (``.VnTimeH``), which draw the *lowercase* codes as capitals. Convert
  text of an ``H`` font with ``capitals=True``.
* VNI writes a base letter followed by a mark character (``"a"`` + ``"ø"`` is
  "à", ``"e"`` + ``"ä"`` is "ệ"); ơ, ư, đ and the letters i, ỵ with marks are
  single characters.

Pure functions, no I/O; core-safe (no DOCX import). The DOCX readers detect
legacy text in one place, the text extractor
(:func:`coordrules.adapters.docx.text.read_document`): by each run's font as the
one style resolver gives it, else by the characters of the whole document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from coordrules.model.text import normalise_text

TCVN3 = "tcvn3"
VNI = "vni"
ENCODINGS: tuple[str, ...] = (TCVN3, VNI)
"""The legacy encodings this module converts."""

# TCVN3 (ABC, TCVN 5712:1993 VN3): each letter with its five tones in the
# order the code table uses: grave, hook, tilde, acute, dot below.
_TCVN3_TONED = {
    "a": "µ¶·¸¹",
    "ă": "»¼½¾Æ",
    "â": "ÇÈÉÊË",
    "e": "ÌÎÏÐÑ",
    "ê": "ÒÓÔÕÖ",
    "i": "×ØÜÝÞ",
    "o": "ßáâãä",
    "ô": "åæçèé",
    "ơ": "êëìíî",
    "u": "ïñòóô",
    "ư": "õö÷øù",
    "y": "úûüýþ",
}
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
"""Combining grave, hook above, tilde, acute, dot below (TCVN3 order)."""

_TCVN3_PLAIN = {
    "¡": "Ă",
    "¢": "Â",
    "£": "Ê",
    "¤": "Ô",
    "¥": "Ơ",
    "¦": "Ư",
    "§": "Đ",
    "¨": "ă",
    "©": "â",
    "ª": "ê",
    "«": "ô",
    "¬": "ơ",
    "\u00ad": "ư",  # the soft hyphen's code point
    "®": "đ",
}


def _tcvn3_table() -> dict[str, str]:
    table = dict(_TCVN3_PLAIN)
    for base, codes in _TCVN3_TONED.items():
        for code, tone in zip(codes, _TONES, strict=True):
            table[code] = unicodedata.normalize("NFC", base + tone)
    return table


TCVN3_TABLE: Mapping[str, str] = _tcvn3_table()
"""TCVN3 character (its Latin-1 look-alike) → Unicode letter."""

# VNI-Windows marks, lowercase; the uppercase mark is the character's capital.
_VNI_TONE_MARKS = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_CIRCUMFLEX_MARKS = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303",
                         "ä": "\u0323"}  # fmt: skip
_VNI_BREVE_MARKS = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303",
                    "ë": "\u0323"}  # fmt: skip
_VNI_SINGLE = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
}


def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    pairs: dict[str, str] = {}

    def add(base: str, mark: str, letter: str) -> None:
        # Lowercase base with lowercase mark, capital with capital mark.
        pairs[base + mark] = unicodedata.normalize("NFC", letter)
        pairs[base.upper() + mark.upper()] = unicodedata.normalize("NFC", letter).upper()

    for base in ("a", "e", "o", "u", "y", "ô", "ö"):
        letter = _VNI_SINGLE.get(base, base)
        for mark, tone in _VNI_TONE_MARKS.items():
            add(base, mark, letter + tone)
    for base in ("a", "e", "o"):
        for mark, tone in _VNI_CIRCUMFLEX_MARKS.items():
            add(base, mark, base + "\u0302" + tone)
    for mark, tone in _VNI_BREVE_MARKS.items():
        add("a", mark, "a\u0306" + tone)
    singles: dict[str, str] = {}
    for code, letter in _VNI_SINGLE.items():
        singles[code] = letter
        singles[code.upper()] = letter.upper()
    return pairs, singles


_VNI_PAIRS, _VNI_SINGLES = _vni_tables()
VNI_TABLE: Mapping[str, str] = {**_VNI_SINGLES, **_VNI_PAIRS}
"""VNI-Windows sequence (one or two characters) → Unicode letter."""

_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(VNI_TABLE, key=len, reverse=True)))

_VIETNAMESE_LETTERS = frozenset(
    set(TCVN3_TABLE.values()) | {c.upper() for c in TCVN3_TABLE.values()}
)
_VNI_CHARS = frozenset("".join(VNI_TABLE))
_TCVN3_DISTINCT = frozenset(
    c for c in TCVN3_TABLE if c not in _VNI_CHARS and c not in _VIETNAMESE_LETTERS
)
"""TCVN3 characters that neither VNI nor Unicode Vietnamese text uses."""
_VNI_DISTINCT_MARKS = frozenset("øûïåäëüØÛÏÅÄËÜ")
"""VNI marks that are no Vietnamese letter (so ``"oá"`` of "khoá" does not count)."""
_UNICODE_ONLY = frozenset(c for c in _VIETNAMESE_LETTERS if ord(c) > 0xFF)
"""Vietnamese letters outside Latin-1: their presence means the text is Unicode."""


def legacy_font_encoding(font_name: str | None) -> str | None:
    """The legacy encoding of a font, by its name, or ``None`` for a Unicode font.

    ``".VnTime"``, ``".VnTimeH"``, ``".VnArial"`` … (names opening with
    ``.Vn``) are TCVN3 (``"tcvn3"``); ``"VNI-Times"``, ``"VNI-Helve"`` … are
    VNI-Windows (``"vni"``). Case and spaces do not matter.
    """
    if not font_name:
        return None
    name = normalise_text(font_name)
    if name.startswith(".vn"):
        return TCVN3
    if name == "vni" or name.startswith(("vni-", "vni ", "vni_")):
        return VNI
    return None


def is_capitals_font(font_name: str | None) -> bool:
    """Whether a TCVN3 font is a capitals font (``.VnTimeH``, ``.VnArialH`` …).

    Those fonts draw the lowercase codes as capitals; their text converts with
    ``legacy_to_unicode(text, "tcvn3", capitals=True)``.
    """
    if not font_name or legacy_font_encoding(font_name) != TCVN3:
        return False
    return font_name.strip().endswith("H")


def guess_legacy_encoding(text: str) -> str | None:
    """Tell from the characters whether *text* is TCVN3 or VNI text; ``None`` if neither.

    TCVN3 shows characters no Vietnamese or VNI text has (``¸ µ × ® «`` …);
    VNI shows vowels followed by mark characters (``aø``, ``eä``). Text
    containing a Vietnamese letter outside Latin-1 (``ư``, ``ạ`` …) is Unicode.
    A tie (including no evidence at all) gives ``None``: a short string can be
    ambiguous, and the font name (:func:`legacy_font_encoding`) is the better
    witness.
    """
    if any(c in _UNICODE_ONLY for c in text):
        return None
    tcvn3 = sum(1 for c in text if c in _TCVN3_DISTINCT)
    vni = sum(
        1
        for m in _VNI_PATTERN.finditer(text)
        if len(m.group()) == 2 and m.group()[1] in _VNI_DISTINCT_MARKS
    )
    # ươ (``öô``) is VNI's alone; a lone ñ or ö is also a TCVN3 letter (ủ, ử).
    vni += text.count("öô") + text.count("ÖÔ")
    if tcvn3 > vni:
        return TCVN3
    if vni > tcvn3:
        return VNI
    return None


def legacy_to_unicode(text: str, encoding: str, *, capitals: bool = False) -> str:
    """Convert *text* typed in a legacy font to Unicode (NFC).

    *encoding* is ``"tcvn3"`` or ``"vni"`` (as :func:`legacy_font_encoding`
    gives). With ``capitals=True`` (a TCVN3 ``H`` font such as ``.VnTimeH``)
    every letter comes out as a capital: "Tê tr×nh" → "TỜ TRÌNH". Characters
    that are not part of the encoding are kept as they are.

    Raises :class:`ValueError` for an unknown encoding.
    """
    if encoding == TCVN3:
        out = "".join(TCVN3_TABLE.get(c, c) for c in text)
        return out.upper() if capitals else out
    if encoding == VNI:
        out = _VNI_PATTERN.sub(lambda m: VNI_TABLE[m.group()], text)
        return unicodedata.normalize("NFC", out.upper() if capitals else out)
    raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")


_TCVN3_REVERSE = {v: k for k, v in TCVN3_TABLE.items()}
# A letter with two spellings (ỵ: "î" and "yï") is written the usual way.
_VNI_REVERSE = {v: k for k, v in _VNI_PAIRS.items()} | {
    v: k for k, v in _VNI_SINGLES.items() if v != k
}


def unicode_to_legacy(text: str, encoding: str) -> str:
    """Write Unicode *text* in a legacy encoding (the inverse of :func:`legacy_to_unicode`).

    For building test documents and for round trips. TCVN3 has no capitals
    with tone marks in its ordinary fonts: such a capital is written as its
    lowercase code (set the run's font to the ``H`` font and the text to all
    capitals to show it). Raises :class:`ValueError` for an unknown encoding.
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == TCVN3:
        chars = []
        for c in text:
            if c in _TCVN3_REVERSE:
                chars.append(_TCVN3_REVERSE[c])
            elif c.lower() in _TCVN3_REVERSE:
                chars.append(_TCVN3_REVERSE[c.lower()])
            else:
                chars.append(c)
        return "".join(chars)
    if encoding == VNI:
        return "".join(_VNI_REVERSE.get(c, c) for c in text)
    raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")
