"""Text identity: the one normalisation used wherever names are compared.

Vietnamese text reaches us both precomposed (NFC) and decomposed (NFD), in any
case and with stray white space; two strings name the same thing when their
:func:`norm` forms are equal. Nothing else in the library compares raw text.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """Return the comparison form of *text*.

    Unicode NFC, case-folded, white space collapsed to single spaces and
    trimmed. ``norm("Chủ tịch  UBND")`` equals ``norm("CHỦ TỊCH UBND")`` and
    the NFD spelling of either.
    """
    folded = unicodedata.normalize("NFC", text).casefold()
    return _SPACE.sub(" ", unicodedata.normalize("NFC", folded)).strip()


def nfc(text: str) -> str:
    """Return *text* in Unicode NFC, otherwise unchanged (for display)."""
    return unicodedata.normalize("NFC", text)
