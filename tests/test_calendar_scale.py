"""Scale: a check builds only the findings a report lists, and splits into parts.

``check_calendar`` yields most of its findings deferred and builds only the
first ``max_per_code`` of each code (:func:`first_per_code`); these tests hold
the result to the plain definition (build every finding, sort, cut), and the
partitioned check (:func:`check_part`, :func:`combine_parts`) to the
single-process one, byte for byte. Timing is never asserted here; see
``benchmarks/bench_conflicts.py``.
"""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from coordrules import (
    Attendance,
    Attendee,
    MergedCalendar,
    MergedOccurrence,
    Message,
    Occurrence,
    Report,
    SourceCalendar,
    check_calendar,
    merge,
)
from coordrules.model.findings import (
    DeferredFinding,
    Finding,
    finding_order_prefix,
    finding_sort_key,
    first_per_code,
)
from coordrules.rules.conflicts import CheckPart, check_part, combine_parts, partition_calendar
from coordrules.testing import calendars
from fixtures_calendar import DIRECTORY, PACK, VN

AS_OF = datetime(2025, 3, 1, tzinfo=VN)


def _crowded(seed: int, n: int) -> MergedCalendar:
    """n occurrences of three people in two rooms over a fortnight: many findings of each code."""
    import random

    rnd = random.Random(seed)
    people = ("binh", "cuong", "dung")
    items = []
    for number in range(n):
        day = date(2025, 3, 1) + timedelta(days=rnd.randrange(14))
        start = datetime(day.year, day.month, day.day, 7, tzinfo=VN) + timedelta(
            minutes=30 * rnd.randrange(20)
        )
        occ = Occurrence(
            title=f"Họp {rnd.randrange(4)}",
            start=start,
            end=start + timedelta(minutes=rnd.choice((0, 30, 60, 90))),
            source=rnd.choice(("a", "b")),
            uid=f"u{number}",
            venue=rnd.choice(("Phòng 1", "Phòng 2", None)),
            attendees=tuple(
                Attendee(p, person=p, attendance=rnd.choice(list(Attendance)))
                for p in rnd.sample(people, rnd.randint(1, 2))
            ),
        )
        items.append(MergedOccurrence(f"m{number:04}", occ, (occ,)))
    return MergedCalendar(
        occurrences=tuple(items), sources=(SourceCalendar("a"), SourceCalendar("b"))
    )


def _plain(calendar: MergedCalendar, limit: int, **kwargs: object) -> Report:
    """The definition: every finding built, then sorted and cut by Report.build."""
    full = check_calendar(calendar, PACK, DIRECTORY, as_of=AS_OF, max_per_code=None, **kwargs)  # type: ignore[arg-type]
    return Report.build(
        full.findings,
        as_of=full.as_of,
        window=full.window,
        sources=full.sources,
        max_per_code=limit,
    )


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.integers(20, 160), st.integers(1, 6))
def test_deferred_findings_give_the_report_of_every_finding_built(
    seed: int, n: int, limit: int
) -> None:
    calendar = _crowded(seed, n)
    got = check_calendar(calendar, PACK, DIRECTORY, as_of=AS_OF, max_per_code=limit)
    assert got.to_json() == _plain(calendar, limit).to_json()


@settings(max_examples=25, deadline=None)
@given(calendars(divergent=True), st.integers(1, 3))
def test_deferred_findings_on_merged_random_calendars(
    sources: list[SourceCalendar], limit: int
) -> None:
    calendar = merge(sources, PACK, DIRECTORY)
    window = (date(2025, 3, 3), date(2025, 3, 9))
    got = check_calendar(calendar, PACK, DIRECTORY, as_of=AS_OF, max_per_code=limit, window=window)
    assert got.to_json() == _plain(calendar, limit, window=window).to_json()


@settings(max_examples=25, deadline=None)
@given(
    st.integers(0, 10**6),
    st.integers(1, 120),
    st.integers(1, 5),
    st.sampled_from([None, 2, 1000]),
    st.booleans(),
)
def test_a_check_in_parts_equals_the_whole_check_byte_for_byte(
    seed: int, n: int, parts: int, limit: int | None, with_previous: bool
) -> None:
    calendar = _crowded(seed, n)
    previous = _crowded(seed + 1, n) if with_previous else None
    whole = check_calendar(
        calendar, PACK, DIRECTORY, as_of=AS_OF, previous=previous, max_per_code=limit
    )
    pieces = [
        check_part(
            calendar, PACK, DIRECTORY, as_of=AS_OF, previous=previous, part=p, parts=parts,
            max_per_code=limit,
        )
        for p in reversed(range(parts))  # the order parts come back in does not matter
    ]  # fmt: skip
    combined = combine_parts(pieces, calendar, as_of=AS_OF, max_per_code=limit)
    assert combined.to_json() == whole.to_json()


def test_part_out_of_range_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="part"):
        check_part(MergedCalendar(), PACK, as_of=AS_OF, part=2, parts=2)


def _finding(code: str, start: str, subject: str, en: str) -> Finding:
    return Finding.of(
        code, Message(vi=en, en=en), rule="r", subjects=(subject,), details={"start": start}
    )


_FINDINGS = st.builds(
    _finding,
    st.sampled_from(["travel-too-tight", "non-working-day", "person-double-booked"]),
    st.sampled_from(["", "2025-03-01", "2025-03-02"]),
    st.sampled_from(["a", "b"]),
    st.sampled_from(["x", "y"]),
)


@given(st.lists(_FINDINGS, max_size=60), st.integers(1, 8), st.lists(st.booleans()))
def test_first_per_code_keeps_what_report_build_lists(
    findings: list[Finding], limit: int, deferred: list[bool]
) -> None:
    candidates: list[Finding | DeferredFinding] = [
        DeferredFinding(finding_order_prefix(f), lambda f=f: f)
        if n < len(deferred) and deferred[n]
        else f
        for n, f in enumerate(findings)
    ]
    kept, omitted = first_per_code(iter(candidates), limit)
    assert all(isinstance(f, Finding) for f in kept)
    assert len(kept) + sum(omitted.values()) == len(findings)
    # Kept in input order, and the report is the one of every finding.
    positions = [next(n for n, f in enumerate(findings) if f is k) for k in kept]
    assert positions == sorted(positions)
    whole = Report.build(findings, max_per_code=limit)
    assert Report.build(kept, max_per_code=limit, omitted=omitted).to_json() == whole.to_json()


def test_the_sort_key_orders_ties_by_occurrence_ids() -> None:
    calendar = _crowded(7, 2)
    a, b = (m.ref() for m in calendar.occurrences)
    same = attrs.evolve(a, start=b.start)
    one = Finding.of("non-working-day", Message("x", "x"), rule="r", occurrences=(same,))
    two = Finding.of("non-working-day", Message("x", "x"), rule="r", occurrences=(b,))
    assert finding_order_prefix(one) == finding_order_prefix(two)
    assert sorted([two, one], key=finding_sort_key) == sorted([one, two], key=finding_sort_key)


def test_what_crosses_between_processes_pickles() -> None:
    calendar = _crowded(3, 40)
    source = SourceCalendar("a", tuple(m.occurrence for m in calendar.occurrences), path="a.ics")
    report = check_calendar(calendar, PACK, DIRECTORY, as_of=AS_OF)
    part = check_part(calendar, PACK, DIRECTORY, as_of=AS_OF, part=1, parts=2)
    for value in (source, calendar, report, part):
        back = pickle.loads(pickle.dumps(value))
        assert back == value
    assert isinstance(part, CheckPart)
    assert pickle.loads(pickle.dumps(report)).to_json() == report.to_json()


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 120), st.integers(1, 5), st.sampled_from([None, 2]))
def test_each_part_needs_only_its_share_of_the_calendar(
    seed: int, n: int, parts: int, limit: int | None
) -> None:
    calendar = _crowded(seed, n)
    whole = check_calendar(calendar, PACK, DIRECTORY, as_of=AS_OF, max_per_code=limit)
    pieces = partition_calendar(calendar, PACK, DIRECTORY, parts=parts)
    assert len(pieces) == parts
    assert all(not s.occurrences for piece in pieces for s in piece.sources)
    results = [
        check_part(piece, PACK, DIRECTORY, as_of=AS_OF, part=p, parts=parts, max_per_code=limit)
        for p, piece in enumerate(pieces)
    ]
    combined = combine_parts(results, calendar, as_of=AS_OF, max_per_code=limit)
    assert combined.to_json() == whole.to_json()
    if parts > 1 and n > 60:
        # Shipping less than everything to every part is the point.
        assert sum(len(p.occurrences) for p in pieces) < parts * len(calendar.occurrences)
