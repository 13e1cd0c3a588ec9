"""Legacy Vietnamese encodings (TCVN3, VNI): detection and conversion."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordrules.adapters.docx.legacy import (
    guess_legacy_encoding,
    is_capitals_font,
    legacy_font_encoding,
    legacy_to_unicode,
    unicode_to_legacy,
)

# --- An independent TCVN3 table, from the code chart's layout -----------------
# The chart puts each vowel's five toned forms on consecutive codes (grave, hook,
# tilde, acute, dot below), skipping a few positions; built here from byte
# numbers, not from the module's literal characters.
_TONES = "\u0300\u0309\u0303\u0301\u0323"
_TCVN3_CODES = {
    "a": [0xB5, 0xB6, 0xB7, 0xB8, 0xB9],
    "ă": [0xBB, 0xBC, 0xBD, 0xBE, 0xC6],
    "â": [0xC7, 0xC8, 0xC9, 0xCA, 0xCB],
    "e": [0xCC, 0xCE, 0xCF, 0xD0, 0xD1],
    "ê": [0xD2, 0xD3, 0xD4, 0xD5, 0xD6],
    "i": [0xD7, 0xD8, 0xDC, 0xDD, 0xDE],
    "o": [0xDF, 0xE1, 0xE2, 0xE3, 0xE4],
    "ô": [0xE5, 0xE6, 0xE7, 0xE8, 0xE9],
    "ơ": [0xEA, 0xEB, 0xEC, 0xED, 0xEE],
    "u": [0xEF, 0xF1, 0xF2, 0xF3, 0xF4],
    "ư": [0xF5, 0xF6, 0xF7, 0xF8, 0xF9],
    "y": [0xFA, 0xFB, 0xFC, 0xFD, 0xFE],
}
_TCVN3_PLAIN = dict(zip(range(0xA1, 0xAF), "ĂÂÊÔƠƯĐăâêôơưđ", strict=True))


def _independent_tcvn3() -> dict[str, str]:
    table = {bytes([code]).decode("latin-1"): letter for code, letter in _TCVN3_PLAIN.items()}
    for base, codes in _TCVN3_CODES.items():
        for code, tone in zip(codes, _TONES, strict=True):
            letter = unicodedata.normalize("NFC", base + tone)
            table[bytes([code]).decode("latin-1")] = letter
    return table


INDEPENDENT_TCVN3 = _independent_tcvn3()

# --- An independent VNI table, from the VNI typing scheme ---------------------
# VNI-Windows bytes: tones 1..5 (sắc, huyền, hỏi, ngã, nặng) are 0xF9 0xF8 0xFB
# 0xF5 0xEF; with the circumflex 0xE1 0xE0 0xE5 0xE3 0xE4 (alone 0xE2); with the
# breve 0xE9 0xE8 0xFA 0xFC 0xEB (alone 0xEA); ơ 0xF4, ư 0xF6, đ 0xF1; i with
# tones 0xED 0xEC 0xE6 0xF3 0xF2; ỵ 0xEE. Capitals are the bytes minus 0x20.
_ORDER = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng


def _independent_vni() -> dict[str, str]:
    def ch(code: int) -> str:
        return bytes([code]).decode("cp1252")

    table: dict[str, str] = {}
    tone_bytes = [0xF9, 0xF8, 0xFB, 0xF5, 0xEF]
    for base, spelled in (("a", "a"), ("e", "e"), ("o", "o"), ("u", "u"), ("y", "y"),
                          ("ơ", ch(0xF4)), ("ư", ch(0xF6))):  # fmt: skip
        for code, tone in zip(tone_bytes, _ORDER, strict=True):
            if base == "y" and tone == "\u0323":
                continue  # ỵ has its own byte
            table[unicodedata.normalize("NFC", base + tone)] = spelled + ch(code)
    for base in "aeo":
        table[unicodedata.normalize("NFC", base + "\u0302")] = base + ch(0xE2)
        for code, tone in zip([0xE1, 0xE0, 0xE5, 0xE3, 0xE4], _ORDER, strict=True):
            table[unicodedata.normalize("NFC", base + "\u0302" + tone)] = base + ch(code)
    table["ă"] = "a" + ch(0xEA)
    for code, tone in zip([0xE9, 0xE8, 0xFA, 0xFC, 0xEB], _ORDER, strict=True):
        table[unicodedata.normalize("NFC", "a\u0306" + tone)] = "a" + ch(code)
    table.update({"ơ": ch(0xF4), "ư": ch(0xF6), "đ": ch(0xF1), "ỵ": ch(0xEE)})
    for code, tone in zip([0xED, 0xEC, 0xE6, 0xF3, 0xF2], _ORDER, strict=True):
        table[unicodedata.normalize("NFC", "i" + tone)] = ch(code)
    capitals = {
        letter.upper(): "".join(c if c.isascii() else ch(ord(c.encode("cp1252")) - 0x20)
                                for c in spelled).upper()
        for letter, spelled in table.items()
    }  # fmt: skip
    return table | capitals


INDEPENDENT_VNI = _independent_vni()
VIETNAMESE = sorted(
    set(INDEPENDENT_TCVN3.values()) | {c.upper() for c in INDEPENDENT_TCVN3.values()}
)


def test_known_words() -> None:
    assert legacy_to_unicode("Tê tr×nh", "tcvn3") == "Tờ trình"
    assert legacy_to_unicode("Céng hßa x· héi chñ nghÜa ViÖt Nam", "tcvn3") == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam"
    )
    assert legacy_to_unicode("§éc lËp - Tù do - H¹nh phóc", "tcvn3") == (
        "Độc lập - Tự do - Hạnh phúc"
    )
    assert legacy_to_unicode("Tôø trình", "vni") == "Tờ trình"
    assert legacy_to_unicode("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "vni") == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    assert legacy_to_unicode("Xin chaøo caùc baïn", "vni") == "Xin chào các bạn"


def test_tcvn3_capitals_font() -> None:
    # The H fonts draw the lowercase codes as capitals.
    assert legacy_to_unicode("Tê tr×nh", "tcvn3", capitals=True) == "TỜ TRÌNH"
    assert legacy_to_unicode("nghÞ quyÕt", "tcvn3", capitals=True) == "NGHỊ QUYẾT"
    assert is_capitals_font(".VnTimeH")
    assert is_capitals_font(".VnArialH")
    assert not is_capitals_font(".VnTime")
    assert not is_capitals_font("Times New Roman")


@pytest.mark.parametrize(("legacy", "letter"), sorted(INDEPENDENT_TCVN3.items()))
def test_tcvn3_matches_independent_chart(legacy: str, letter: str) -> None:
    assert legacy_to_unicode(legacy, "tcvn3") == letter
    assert unicode_to_legacy(letter, "tcvn3") == legacy


@pytest.mark.parametrize(("letter", "legacy"), sorted(INDEPENDENT_VNI.items()))
def test_vni_matches_independent_scheme(letter: str, legacy: str) -> None:
    assert legacy_to_unicode(legacy, "vni") == letter
    assert unicode_to_legacy(letter, "vni") == legacy


def test_tables_cover_every_vietnamese_letter() -> None:
    lower = {c for c in VIETNAMESE if c.islower()}
    assert len(lower) == 67  # 12 vowels x 5 tones + ă â ê ô ơ ư đ
    assert lower <= set(INDEPENDENT_TCVN3.values())
    assert set(VIETNAMESE) <= set(INDEPENDENT_VNI) | {"Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"} | lower


text_vi = st.text(alphabet=st.sampled_from([*VIETNAMESE, " ", "b", "c", "d", "n", "T", "-"]))


@given(text_vi)
def test_vni_round_trip(text: str) -> None:
    assert legacy_to_unicode(unicode_to_legacy(text, "vni"), "vni") == text


@given(text_vi)
def test_tcvn3_round_trip_lowercase(text: str) -> None:
    # Ordinary TCVN3 fonts have no toned capitals: round trip lowercase text.
    lower = text.lower()
    assert legacy_to_unicode(unicode_to_legacy(lower, "tcvn3"), "tcvn3") == lower


@given(text_vi)
def test_tcvn3_capitals_round_trip(text: str) -> None:
    legacy = unicode_to_legacy(text.lower(), "tcvn3")
    assert legacy_to_unicode(legacy, "tcvn3", capitals=True) == text.upper()


@pytest.mark.parametrize(
    "sentence",
    [
        "Tờ trình về việc ban hành nghị quyết quy định mức chi",
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Độc lập - Tự do - Hạnh phúc",
        "Ủy ban nhân dân tỉnh Quảng Nam",
        "Báo cáo thẩm tra của Ban Kinh tế - Ngân sách",
    ],
)
def test_guess_from_text(sentence: str) -> None:
    assert guess_legacy_encoding(sentence) is None  # Unicode stays Unicode
    assert guess_legacy_encoding(unicode_to_legacy(sentence, "tcvn3")) == "tcvn3"
    assert guess_legacy_encoding(unicode_to_legacy(sentence, "vni")) == "vni"


def test_guess_needs_evidence() -> None:
    assert guess_legacy_encoding("") is None
    assert guess_legacy_encoding("Meeting at 8:00") is None
    assert guess_legacy_encoding("Bát Xát") is None  # Latin-1 letters that are Vietnamese


@pytest.mark.parametrize(
    ("font", "encoding"),
    [
        (".VnTime", "tcvn3"),
        (".VnTimeH", "tcvn3"),
        (".VnArial", "tcvn3"),
        (".VnArialH", "tcvn3"),
        (" .vntime ", "tcvn3"),
        ("VNI-Times", "vni"),
        ("VNI-Helve", "vni"),
        ("Times New Roman", None),
        ("Arial", None),
        (None, None),
        ("", None),
    ],
)
def test_font_encoding(font: str | None, encoding: str | None) -> None:
    assert legacy_font_encoding(font) == encoding


def test_unknown_encoding() -> None:
    with pytest.raises(ValueError, match="unknown legacy encoding"):
        legacy_to_unicode("x", "viqr")
    with pytest.raises(ValueError, match="unknown legacy encoding"):
        unicode_to_legacy("x", "viqr")


def test_other_characters_kept() -> None:
    assert legacy_to_unicode("Số: 05/TTr-UBND", "vni") == "Số: 05/TTr-UBND"
    assert legacy_to_unicode("05/TTr-UBND (2026)", "tcvn3") == "05/TTr-UBND (2026)"
