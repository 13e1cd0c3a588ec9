"""Line folding of the feed writer (RFC 5545 3.1): by octets, never inside a character.

Issue 13: folding was most of the cost of ``feeds_per_person``; it now cuts
once per physical line on the UTF-8 bytes. These properties hold for any
Vietnamese text, and an independent parser (icalendar) unfolds our lines to
the original text.
"""

from __future__ import annotations

import attrs
import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from coordrules import MergedCalendar, write_ics
from coordrules.adapters.ical.write import _fold
from ical_data import STAMP, merged, sample

# Vietnamese letters precomposed and decomposed (combining marks), wide
# characters, emoji with a variation selector, and the characters escaped in
# TEXT values, so that cuts meet multi-byte sequences and escapes.
VIETNAMESE = st.text(
    alphabet=st.sampled_from(
        [
            *"aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ áàảãạắằẳẵặếềểễệốồổỗộớờởỡợứừửữựýỳỷỹỵ",
            *("\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "☎", "🏛", "\ufe0f", "𠀀"),
            *("\\", ";", ",", ":", "\n", '"', "N", "n"),
        ]
    ),
    max_size=400,
)


def _unfold(text: str) -> str:
    return text.replace("\r\n ", "")


@given(VIETNAMESE)
def test_fold_unfolds_to_the_original_and_keeps_lines_short(text: str) -> None:
    line = "DESCRIPTION:" + text.replace("\n", "\\n")
    folded = _fold(line)
    assert _unfold(folded) == line
    for physical in folded.encode("utf-8").split(b"\r\n"):
        assert len(physical) <= 75
        physical.decode("utf-8")  # never cut inside a UTF-8 sequence


@settings(max_examples=60, deadline=None)
@given(VIETNAMESE, VIETNAMESE, VIETNAMESE)
def test_icalendar_reads_back_our_folded_text(title: str, venue: str, note: str) -> None:
    # Text as _clean leaves it: no CR, and no line break where the property has none.
    title, venue = title.replace("\n", " "), venue.replace("\n", " ")
    occ = attrs.evolve(
        sample().occurrences[0].occurrence, title=title or "x", venue=venue or None,
        description=note or None,
    )  # fmt: skip
    data = write_ics(MergedCalendar(occurrences=(merged(occ),)), name="x", dtstamp=STAMP)
    for physical in data.split(b"\r\n"):
        assert len(physical) <= 75
        physical.decode("utf-8")
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == (title or "x")
    assert str(event.get("LOCATION", "")) == venue
    assert str(event.get("DESCRIPTION", "")) == note


def test_a_cut_never_separates_a_backslash_from_what_it_escapes() -> None:
    # 74 octets of "a", then an escaped comma: the cut at 75 would fall after "\".
    line = "X:" + "a" * 72 + "\\,b"
    folded = _fold(line)
    assert folded == "X:" + "a" * 72 + "\r\n \\,b"
