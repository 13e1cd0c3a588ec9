"""Text identity: the one normalisation used wherever names are compared.

Vietnamese text reaches us precomposed (NFC) and decomposed (NFD), in any
case, with stray white space, with typographic or plain quotes and dashes,
and with the tone mark (dấu thanh) placed by either of two conventions:
the traditional one used by official documents (``hòa``, ``khỏe``,
``thủy``, ``Ủy ban``) and the newer one that puts the mark on the main
vowel (``hoà``, ``khoẻ``, ``thuỷ``, ``Uỷ ban``). Two strings name the same
thing when their :func:`normalise_text` forms are equal. Nothing else in the library
compares raw text.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
"""The five tone marks in NFD: huyền, sắc, ngã, hỏi, nặng."""
_QUALITY = frozenset("\u0302\u0306\u031b")
"""The vowel-quality marks in NFD: circumflex (â ê ô), breve (ă), horn (ơ ư)."""
_MARKS = _TONES | _QUALITY
_RUN = re.compile("[a-z\u0111" + "".join(sorted(_MARKS)) + "]+")
"""A run of lower-case Latin letters (and đ) with their Vietnamese marks, in NFD."""
_SHAPE = re.compile(r"([b-df-hj-np-tv-xz\u0111]*)([aeiouy]+)(c|ch|m|n|ng|nh|p|t)?")
"""A Vietnamese syllable's letters: initial consonants, one vowel cluster, final."""

_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u301d\u301e\uff02", '"'),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2039\u203a\uff07", "'"),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", None),
    }
)
"""Typographic quotes and dashes to their ASCII form; invisible characters out."""
_FOLDED = re.compile("[" + "".join(sorted(chr(c) for c in _FOLD)) + "]")


def _place_tone(run: str) -> str:
    """The syllable *run* (NFD) with its one tone mark where the traditional rule puts it.

    The rule (the one of NĐ 30/2020 specimens, ``Ủy ban``, ``CỘNG HÒA``): on
    the vowel with a quality mark (the last one: ``ươ`` → ``ơ``); otherwise,
    with a final consonant, on the last vowel (``hoàng``); otherwise on the
    middle vowel of three (``ngoài``, ``khuỷu``) or the first of two (``hòa``,
    ``mùa``, ``thủy``). The ``u`` of ``qu`` and the ``i`` of ``gi`` before a
    vowel belong to the initial. Anything that is not one Vietnamese
    syllable with exactly one tone mark on a vowel is returned unchanged.
    """
    bases: list[str] = []
    marks: list[list[str]] = []
    for char in run:
        if char in _MARKS:
            if not marks:
                return run
            marks[-1].append(char)
        else:
            bases.append(char)
            marks.append([])
    tones = [(i, m) for i, unit in enumerate(marks) for m in unit if m in _TONES]
    if len(tones) != 1:
        return run
    shape = _SHAPE.fullmatch("".join(bases))
    if shape is None:
        return run
    first, end = shape.span(2)
    at, tone = tones[0]
    if not first <= at < end:
        return run  # a mark on a consonant: not a Vietnamese tone
    initial = shape.group(1)
    if end - first > 1 and (
        (initial == "q" and bases[first] == "u") or (initial == "g" and bases[first] == "i")
    ):
        first += 1
    quality = [i for i in range(first, end) if any(m in _QUALITY for m in marks[i])]
    if quality:
        target = quality[-1]
    elif shape.group(3):
        target = end - 1
    elif end - first >= 3:
        target = first + 1
    else:
        target = first
    marks[at].remove(tone)
    marks[target].append(tone)
    return "".join(base + "".join(unit) for base, unit in zip(bases, marks, strict=True))


def _placed(match: re.Match[str]) -> str:
    return _place_tone(match.group())


@lru_cache(maxsize=16384)
def _word(word: str) -> str:
    """One word (no white space) of case-folded NFC text, its tone marks placed, in NFC."""
    return unicodedata.normalize("NFC", _RUN.sub(_placed, unicodedata.normalize("NFD", word)))


@lru_cache(maxsize=4096)
def normalise_text(text: str) -> str:
    """Return the comparison form of *text* (the form every text is compared in).

    Unicode NFC, case-folded, typographic quotes (“ ” ‘ ’ « ») and dashes
    (‐ ‑ – — −) made ASCII, invisible characters (soft hyphen, zero-width
    space, byte-order mark) removed, the tone mark of every Vietnamese
    syllable put in one place (``hoà`` → ``hòa``, ``Uỷ`` → ``ủy``, ``qúy`` →
    ``quý``), white space collapsed to single spaces and trimmed.
    ``normalise_text("Phòng họp Hoà Bình")`` equals ``normalise_text("PHÒNG HỌP  HÒA BÌNH")`` and
    the NFD spelling of either; different tones stay different.
    """
    if text.isascii():
        return " ".join(text.lower().split())
    folded = unicodedata.normalize("NFC", text).casefold()
    if _FOLDED.search(folded):
        folded = folded.translate(_FOLD)
    return " ".join(_word(word) for word in folded.split())


# The old spelling, for code inside coordrules that other work in progress
# still writes; ``coordrules.norm`` (the public name) warns. Both go in 0.3.0.
norm = normalise_text


def nfc(text: str) -> str:
    """Return *text* in Unicode NFC, otherwise unchanged (for display)."""
    return unicodedata.normalize("NFC", text)


def vn_moment(moment: str | date | datetime | None) -> str:
    """A date or date-time as Vietnamese offices write it: ``08:00 07/12/2026``.

    Takes a :class:`~datetime.date`, a :class:`~datetime.datetime` or ISO 8601
    text; other text is returned unchanged, ``None`` as ``""``.
    """
    if moment is None:
        return ""
    if isinstance(moment, str):
        try:
            parsed: date = (
                datetime.fromisoformat(moment) if "T" in moment else date.fromisoformat(moment)
            )
        except ValueError:
            return moment
        moment = parsed
    if isinstance(moment, datetime):
        return moment.strftime("%H:%M %d/%m/%Y")
    return moment.strftime("%d/%m/%Y")
