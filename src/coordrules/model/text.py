"""Text identity: the one normalisation used wherever names are compared.

Vietnamese text reaches us both precomposed (NFC) and decomposed (NFD), in any
case and with stray white space; two strings name the same thing when their
:func:`norm` forms are equal. Nothing else in the library compares raw text.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

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
