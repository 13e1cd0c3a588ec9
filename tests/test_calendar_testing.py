"""coordrules.testing draws the awkward cases it promises."""

from __future__ import annotations

from datetime import datetime

from hypothesis import find

from coordrules.testing import calendars, occurrences, source_calendars
from typed_views import timed


def test_occurrences_include_all_day_zero_length_and_mixed_zones() -> None:
    assert (
        find(occurrences(), lambda o: o.all_day).end
        > find(occurrences(), lambda o: o.all_day).start
    )
    zero = find(occurrences(), lambda o: not o.all_day and o.start == o.end)
    assert zero.start == zero.end
    mixed = find(
        occurrences(),
        lambda o: (
            isinstance(o.start, datetime)
            and isinstance(o.end, datetime)
            and o.start.utcoffset() != o.end.utcoffset()
        ),
    )
    assert timed(mixed.start).tzinfo is not None


def test_zero_length_and_all_day_can_be_turned_off() -> None:
    strategy = occurrences(all_day=False, zero_length=False)
    for _ in range(3):
        item = find(strategy, lambda o: True)
        assert not item.all_day
        assert item.start < item.end


def test_calendars_share_meetings_across_sources() -> None:
    found = find(
        calendars(),
        lambda cals: any(o.uid.startswith("shared-") for c in cals[:1] for o in c.occurrences),
    )
    assert len(found) == 3


def test_planted_double_booking_is_present() -> None:
    source = find(source_calendars("x", min_size=1, double_booking=True), lambda s: True)
    assert any(o.uid.endswith("-planted") for o in source.occurrences)
