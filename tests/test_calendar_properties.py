"""Properties of merge and conflict detection, on random calendars (coordrules.testing)."""

from __future__ import annotations

import itertools
import random
from collections.abc import Hashable
from datetime import datetime
from typing import TypeVar

from hypothesis import given
from hypothesis import strategies as st

from coordrules import (
    MergedCalendar,
    SourceCalendar,
    Status,
    Transparency,
    check_calendar,
    merge,
    split_sources,
)
from coordrules.rules.double_booking import MAX_LISTED_OCCURRENCES, overlap_clusters
from coordrules.testing import assert_findings, calendars, source_calendars
from fixtures_calendar import DIRECTORY, PACK, VN

AS_OF = datetime(2025, 3, 1, tzinfo=VN)
_N = TypeVar("_N", bound=Hashable)


def same(a: MergedCalendar, b: MergedCalendar) -> None:
    assert a.occurrences == b.occurrences
    assert a.findings == b.findings


@given(calendars(divergent=True), st.randoms(use_true_random=False))
def test_merge_does_not_depend_on_the_order_of_sources(
    sources: list[SourceCalendar], rnd: random.Random
) -> None:
    shuffled = [
        SourceCalendar(s.name, tuple(rnd.sample(s.occurrences, len(s.occurrences))))
        for s in rnd.sample(sources, len(sources))
    ]
    same(merge(sources, PACK, DIRECTORY), merge(shuffled, PACK, DIRECTORY))


@given(calendars(divergent=True))
def test_merging_a_calendar_with_itself_adds_nothing(sources: list[SourceCalendar]) -> None:
    once = merge(sources, PACK, DIRECTORY)
    twice = merge(sources + sources, PACK, DIRECTORY)
    same(once, twice)
    report = check_calendar(once, PACK, DIRECTORY, as_of=AS_OF)
    assert check_calendar(twice, PACK, DIRECTORY, as_of=AS_OF).to_dict() == report.to_dict()
    same(once, merge(split_sources(once), PACK, DIRECTORY))


@given(calendars(divergent=True))
def test_merge_is_associative(sources: list[SourceCalendar]) -> None:
    a, b, c = sources
    left = merge([*split_sources(merge([a, b], PACK, DIRECTORY)), c], PACK, DIRECTORY)
    right = merge([a, *split_sources(merge([b, c], PACK, DIRECTORY))], PACK, DIRECTORY)
    whole = merge([a, b, c], PACK, DIRECTORY)
    same(left, whole)
    same(right, whole)


@given(calendars(divergent=True))
def test_every_copy_is_kept_exactly_once(sources: list[SourceCalendar]) -> None:
    merged = merge(sources, PACK, DIRECTORY)
    given_copies = {o for s in sources for o in s.occurrences}
    kept = [c for m in merged.occurrences for c in m.copies]
    assert len(kept) == len(set(kept))
    assert set(kept) == given_copies
    assert len({m.id for m in merged.occurrences}) == len(merged.occurrences)


def _busy(merged: MergedCalendar) -> list[tuple[str, float, float, set[str]]]:
    out = []
    for m in merged.occurrences:
        occ = m.occurrence
        start, end = occ.instants(VN)
        people = set()
        if occ.status is not Status.CANCELLED and occ.transparency is not Transparency.FREE:
            people = {a.key for a in occ.attendees if a.counts_as_busy}
        out.append((m.id, start.timestamp(), end.timestamp(), people))
    return out


def _components(nodes: set[_N], pairs: set[tuple[_N, _N]]) -> set[frozenset[_N]]:
    """Connected components (of two or more) of a graph given by all its edges."""
    parent = {n: n for n in nodes}

    def root(n: _N) -> _N:
        while parent[n] != n:
            n = parent[n]
        return n

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: dict[_N, set[_N]] = {}
    for n in nodes:
        groups.setdefault(root(n), set()).add(n)
    return {frozenset(g) for g in groups.values() if len(g) > 1}


@given(calendars(divergent=True, double_booking=True))
def test_double_bookings_match_an_all_pairs_oracle(sources: list[SourceCalendar]) -> None:
    # The oracle compares every pair, then groups each person's overlapping
    # pairs into connected components: one finding per component.
    merged = merge(sources, PACK, DIRECTORY)
    edges: dict[str, set[tuple[str, str]]] = {}
    for (i, s1, e1, p1), (j, s2, e2, p2) in itertools.combinations(_busy(merged), 2):
        if s1 < e2 and s2 < e1 and s1 < e1 and s2 < e2:
            for person in p1 & p2:
                edges.setdefault(person, set()).add((i, j))
    expected = {
        (person, component)
        for person, pairs in edges.items()
        for component in _components({n for pair in pairs for n in pair}, pairs)
    }
    report = check_calendar(merged, PACK, DIRECTORY, as_of=AS_OF)
    findings = report.by_code("person-double-booked")
    for f in findings:
        assert len(f.occurrences) == min(f.details["count"], MAX_LISTED_OCCURRENCES)
    found = [(f.subjects[0], frozenset(o.id for o in f.occurrences)) for f in findings]
    assert len(found) == len(set(found))
    assert set(found) == expected


@given(source_calendars("vp-ubnd", double_booking=True, min_size=1))
def test_a_planted_double_booking_is_found(source: SourceCalendar) -> None:
    merged = merge([source], PACK, DIRECTORY)
    report = check_calendar(merged, PACK, DIRECTORY, as_of=AS_OF)
    assert_findings(report, "person-double-booked")


@given(
    st.lists(
        st.tuples(st.sampled_from("pqr"), st.integers(0, 20), st.integers(0, 6), st.booleans()),
        max_size=40,
    )
)
def test_clusters_match_components_of_all_pairs(raw: list[tuple[str, int, int, bool]]) -> None:
    intervals = [(r, float(s), float(s + (0 if z else d)), n) for n, (r, s, d, z) in enumerate(raw)]
    expected: set[tuple[str, frozenset[int]]] = set()
    for resource in "pqr":
        mine = [iv for iv in intervals if iv[0] == resource]
        pairs = {
            (a[3], b[3])
            for a, b in itertools.combinations(mine, 2)
            if a[1] < b[2] and b[1] < a[2] and a[1] < a[2] and b[1] < b[2]
        }
        nodes = {n for pair in pairs for n in pair}
        expected |= {(resource, c) for c in _components(nodes, pairs)}
    clusters = overlap_clusters(intervals)
    found = [(r, frozenset(members)) for r, members in clusters]
    assert len(found) == len(set(found))
    assert set(found) == expected
    for _, members in clusters:
        # Members come in order of (start, end, index).
        keys = [(intervals[m][1], intervals[m][2], m) for m in members]
        assert keys == sorted(keys)
