"""Text identity: one normalisation for NFC/NFD, case, white space, quotes and
dashes, and the two tone-mark placements of Vietnamese (hoà/hòa, uỷ/ủy)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordrules import Attendee, SourceCalendar, merge, normalise_text
from fixtures_calendar import PACK, at, meeting

TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
"""huyền, sắc, ngã, hỏi, nặng (combining marks)."""


def test_nfd_and_nfc_spellings_are_the_same() -> None:
    title = "Chủ tịch Ủy ban nhân dân tỉnh"
    assert normalise_text(unicodedata.normalize("NFD", title)) == normalise_text(title)


def test_case_and_space_are_folded() -> None:
    assert normalise_text("  CHỦ   TỊCH\tUBND ") == normalise_text("chủ tịch ubnd")
    assert normalise_text("ĐOÀN ĐBQH") == "đoàn đbqh"


def test_different_tones_stay_different() -> None:
    assert normalise_text("Hội") != normalise_text("Hồi")


@pytest.mark.parametrize(
    ("new", "old"),
    [
        # Mark on the main vowel (newer) / on the first vowel (traditional).
        ("hoà", "hòa"),
        ("Uỷ ban", "Ủy ban"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("toà án", "tòa án"),
        ("hoá đơn", "hóa đơn"),
        ("khoả thân", "khỏa thân"),
        ("xoã tóc", "xõa tóc"),
        ("hoạ sĩ", "họa sĩ"),
        ("loè loẹt", "lòe loẹt"),
        ("tuỳ ý", "tùy ý"),
        ("Thuỵ Khuê", "Thụy Khuê"),
        ("luỹ tre", "lũy tre"),
        ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("TỈNH UỶ THANH BÌNH", "Tỉnh ủy Thanh Bình"),
        ("Phòng họp Hoà Bình", "Phòng họp Hòa Bình"),
        # Misplaced marks that people type: the syllable is the same.
        ("quý", "qúy"),
        ("quả", "qủa"),
        ("già", "gìa"),
        ("hoàng", "hòang"),
        ("ngoài", "ngòai"),
        ("người", "ngừơi"),
        ("khuỷu", "khủyu"),
        ("mùa", "muà"),
    ],
)
def test_the_two_tone_placements_are_one_text(new: str, old: str) -> None:
    assert normalise_text(new) == normalise_text(old)
    assert normalise_text(unicodedata.normalize("NFD", new)) == normalise_text(old)


def test_the_comparison_form_uses_the_placement_of_official_documents() -> None:
    # NĐ 30/2020 specimens write "CỘNG HÒA", "ỦY BAN": the norm form reads the same.
    assert normalise_text("Uỷ ban nhân dân") == "ủy ban nhân dân"
    assert normalise_text("CỘNG HOÀ") == "cộng hòa"
    assert normalise_text("Thuỷ lợi, khoẻ") == "thủy lợi, khỏe"
    assert normalise_text("hòang") == "hoàng"


@pytest.mark.parametrize(
    "words", [("hòa", "hóa", "hỏa", "hõa", "họa", "hoa"), ("thủy", "thúy", "thùy", "thụy", "thuy")]
)
def test_each_tone_stays_a_different_word(words: tuple[str, ...]) -> None:
    assert len({normalise_text(w) for w in words}) == len(words)
    assert len({normalise_text(unicodedata.normalize("NFD", w.upper())) for w in words}) == len(
        words
    )


def test_quotes_dashes_and_invisible_characters() -> None:
    assert normalise_text("Độc lập – Tự do — Hạnh phúc") == "độc lập - tự do - hạnh phúc"
    assert normalise_text("Hội nghị “Chuyển đổi số”") == normalise_text('Hội nghị "Chuyển đổi số"')
    assert normalise_text("«Chuyển đổi số»") == normalise_text('"Chuyển đổi số"')
    assert normalise_text("Bác ‘Hồ’") == normalise_text("Bác 'Hồ'")
    assert (
        normalise_text("kinh tế ‐ xã hội")
        == normalise_text("kinh tế ‑ xã hội")
        == normalise_text("kinh tế - xã hội")
    )
    assert normalise_text("nhiệt độ −5") == "nhiệt độ -5"
    assert normalise_text("Phòng\u00a0họp\u200b số\u00ad 2\ufeff") == "phòng họp số 2"


def test_text_that_is_no_vietnamese_syllable_is_left_alone() -> None:
    # Two marks in one word, a mark on a consonant, two vowel groups.
    assert normalise_text("Élève") == "élève"
    assert normalise_text("Año") == "año"
    assert normalise_text("Café") == "café"


# --- Properties -----------------------------------------------------------------------

INITIALS = ["", "b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng",
            "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]  # fmt: skip
CLUSTERS = ["a", "e", "i", "o", "u", "y", "ă", "â", "ê", "ô", "ơ", "ư", "ai", "ao", "au",
            "ay", "âu", "ây", "eo", "êu", "ia", "iu", "iê", "oa", "oă", "oe", "oi", "ôi",
            "ơi", "oo", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ưu", "ươ",
            "yê", "oai", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "iêu",
            "yêu"]  # fmt: skip
FINALS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]


@st.composite
def syllables(draw: st.DrawFn) -> tuple[str, ...]:
    """One toned syllable in every placement of its tone over its vowels (NFC)."""
    initial = draw(st.sampled_from(INITIALS))
    cluster = draw(st.sampled_from(CLUSTERS))
    final = draw(st.sampled_from(FINALS))
    tone = draw(st.sampled_from(TONES))
    spellings = []
    for k in range(len(cluster)):
        vowels = cluster[: k + 1] + tone + cluster[k + 1 :]
        spellings.append(unicodedata.normalize("NFC", initial + vowels + final))
    casings: list[Callable[[str], str]] = [str, str.upper, str.capitalize]
    case = draw(st.sampled_from(casings))
    return tuple(case(s) for s in spellings)


@st.composite
def oa_oe_uy(draw: st.DrawFn) -> tuple[str, str]:
    """An open oa/oe/uy syllable in the traditional and the newer placement."""
    initial = draw(st.sampled_from(["", "h", "kh", "th", "t", "l", "x", "ng", "nh", "tr", "s"]))
    first, second = draw(st.sampled_from([("o", "a"), ("o", "e"), ("u", "y")]))
    tone = draw(st.sampled_from(TONES))
    old = unicodedata.normalize("NFC", initial + first + tone + second)
    new = unicodedata.normalize("NFC", initial + first + second + tone)
    return old, new


WORDS = ["Phòng", "họp", "số", "2", "Hội", "nghị", "Ban", "Thường", "vụ", "Tỉnh", "UBND",
         "kinh tế", "xã hội", "(dự thảo)"]  # fmt: skip
SEPARATORS = [" ", "  ", "\t", " - ", " – ", " — ", ", ", " “", "” ", " «", "» "]
PLAIN = {"–": "-", "—": "-", "“": '"', "”": '"', "«": '"', "»": '"'}


@st.composite
def texts(draw: st.DrawFn) -> tuple[str, str]:
    """A text of words and toned syllables, and a variant of it.

    The variant moves tone marks to other vowels of their syllable (the two
    placements of oa/oe/uy among them), uses plain quotes and dashes where the
    text has typographic ones, and may be in NFD.
    """
    parts: list[tuple[str, str]] = []
    for _ in range(draw(st.integers(1, 8))):
        choice = draw(st.integers(0, 2))
        if choice == 0:
            word = draw(st.sampled_from(WORDS))
            parts.append((word, word))
        elif choice == 1:
            spellings = draw(syllables())
            parts.append((draw(st.sampled_from(spellings)), draw(st.sampled_from(spellings))))
        else:
            parts.append(draw(oa_oe_uy()))
        separator = draw(st.sampled_from(SEPARATORS))
        parts.append((separator, "".join(PLAIN.get(c, c) for c in separator)))
    text = "".join(a for a, _ in parts)
    variant = "".join(b for _, b in parts)
    if draw(st.booleans()):
        variant = unicodedata.normalize("NFD", variant)
    return text, variant


@given(texts())
def test_a_text_and_its_variant_are_one_text(pair: tuple[str, str]) -> None:
    text, variant = pair
    assert normalise_text(text) == normalise_text(variant)
    assert normalise_text(normalise_text(text)) == normalise_text(text)


@given(syllables())
def test_a_tone_mark_anywhere_on_the_vowels_is_one_syllable(spellings: tuple[str, ...]) -> None:
    assert len({normalise_text(s) for s in spellings}) == 1


@given(oa_oe_uy(), st.sampled_from(TONES))
def test_another_tone_is_another_syllable(pair: tuple[str, str], other: str) -> None:
    old, _new = pair
    base = unicodedata.normalize("NFD", old)
    changed = unicodedata.normalize("NFC", "".join(c for c in base if c not in TONES))
    assert normalise_text(changed) != normalise_text(old)  # the tone removed
    retoned = "".join(other if c in TONES else c for c in base)
    assert (normalise_text(retoned) == normalise_text(old)) == (other in base)


@given(st.text())
def test_norm_is_idempotent_and_form_independent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert normalise_text(unicodedata.normalize("NFD", text)) == once


# --- Merge uses it ---------------------------------------------------------------------


@given(texts(), texts())
def test_merge_treats_title_and_venue_variants_as_one(
    title: tuple[str, str], venue: tuple[str, str]
) -> None:
    chair = Attendee("Trần Thị Bình", "binh@example.vn")
    b = meeting(title[1], at(3, 8), at(3, 10), source="vp-tinh-uy", venue=venue[1], uid="b",
                attendees=(chair,))  # fmt: skip
    a = meeting(title[0], at(3, 8), at(3, 10), source="vp-ubnd", venue=venue[0], uid="a",
                attendees=(chair,))  # fmt: skip
    merged = merge([SourceCalendar("vp-ubnd", (a,)), SourceCalendar("vp-tinh-uy", (b,))], PACK)
    assert len(merged.occurrences) == 1
    assert [f.code for f in merged.findings] == []


def test_one_room_under_both_placements() -> None:
    # Two different meetings, no attendee in common, at "one" room: a double booking.
    from coordrules import check_calendar

    a = meeting("Họp Sở Tài chính", at(3, 8), at(3, 10), venue="Phòng họp Hoà Bình", uid="a")
    b = meeting("Họp Sở Xây dựng", at(3, 9), at(3, 11), venue="PHÒNG HỌP HÒA BÌNH", uid="b",
                source="vp-tinh-uy")  # fmt: skip
    merged = merge([SourceCalendar("vp-ubnd", (a,)), SourceCalendar("vp-tinh-uy", (b,))], PACK)
    assert len(merged.occurrences) == 2
    report = check_calendar(merged, PACK, as_of=at(1, 8))
    assert [f.code for f in report.findings if f.code.startswith("venue")] == [
        "venue-double-booked"
    ]


def test_deadlines_read_as_english_and_vietnamese() -> None:
    from coordrules import Deadline, DeadlineSide, DeadlineUnit

    assert Deadline(1, DeadlineUnit.WORKING_DAYS).describe() == "1 working day before start"
    assert Deadline(3, DeadlineUnit.WORKING_DAYS).describe() == "3 working days before start"
    after = Deadline(5, DeadlineUnit.WORKING_DAYS, DeadlineSide.AFTER, "end")
    assert after.describe() == "5 working days after end"
    assert after.describe_vi() == "sau 5 ngày làm việc"


@pytest.mark.parametrize("name", ["Tỉnh ủy Thanh Bình", "Tỉnh uỷ Thanh Bình", "TỈNH UỶ"])
def test_a_party_committee_in_either_placement_issues_party_documents(name: str) -> None:
    # Regression: "Tỉnh uỷ" (the older placement) was taken for a state body and
    # its office got the state heading rule. The pack's data now decides (the
    # body's form); inspection finds the issuing body by either spelling
    # (tests/test_inspect_blocks.py).
    from coordrules import Body, Office, Pack
    from coordrules.rules.offices import is_party_office

    office = Office("vp-tinh-uy", "Văn phòng Tỉnh uỷ", serves=("tinh-uy",))
    pack = Pack(id="t", name="t", bodies=(Body("tinh-uy", name, form="party"),), offices=(office,))
    assert is_party_office(office, pack.organisation())
