"""coordrules.testing: each strategy draws what it promises, each assertion says what it found.

The promises are checked with the library's own checks (the pack loader,
``check_calendar``, ``check_dossier``), so a strategy that stops planting
what it says fails here, not in a user's test suite.
"""

from __future__ import annotations

import json
from datetime import UTC, date, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from coordrules import (
    Deadline,
    Directory,
    Dossier,
    Finding,
    Meeting,
    Message,
    Organisation,
    Pack,
    Report,
    SourceCalendar,
    SourcedValue,
    check_calendar,
    check_dossier,
    load_pack,
    merge,
    read_ics,
    write_ics,
)
from coordrules.testing import (
    PEOPLE,
    assert_dossier_complete,
    assert_findings,
    assert_no_conflicts,
    assert_no_errors,
    assert_same_occurrences,
    calendars,
    directories,
    dossiers,
    organisations,
    packs,
    source_calendars,
)
from fixtures_calendar import DIRECTORY, PACK, at, meeting, person
from typed_views import timed

FIRST_DAY = date(2025, 3, 3)
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- packs: written out as TOML, the loader accepts them and reads them back the same -----


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Deadline):
        return (
            f"{{ amount = {value.amount}, unit = {_toml(value.unit.value)}, "
            f"anchor = {_toml(value.anchor.value)}, reference = {_toml(value.reference)} }}"
        )
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    raise TypeError(value)


def _entry(section: str, **keys: Any) -> str:
    lines = [f"[[{section}]]"]
    for key, value in keys.items():
        if value is None or value == () or value == "":
            continue
        lines.append(f"{key} = {_toml(value.value if key == 'basis' else value)}")
    return "\n".join(lines) + "\n"


def _versions(name: str, versions: tuple[SourcedValue[Any], ...]) -> list[str]:
    return [
        _entry(
            f"policy.{name}",
            value=v.value,
            cite=v.cite,
            basis=v.basis,
            since=v.since,
            until=v.until,
        )
        for v in versions
    ]


def pack_toml(pack: Pack, base: Pack | None = None) -> str:
    """The TOML of *pack*'s structure, requirements and policy (or its changes from *base*)."""
    head = f"[pack]\nid = {_toml(pack.id)}\nname = {_toml(pack.name)}\n"
    out: list[str] = []
    if base is not None:
        removed = [f"requirement:{i}" for i in sorted({r.id for r in base.requirements})
                   if i not in {r.id for r in pack.requirements}]  # fmt: skip
        removed += [f"work:{i}" for i in sorted({w.id for w in base.work})
                    if i not in {w.id for w in pack.work}]  # fmt: skip
        head += f"extends = {_toml(base.id)}\nremove = {_toml(removed)}\n"
    else:
        out += [
            _entry("body", id=b.id, name=b.name, aliases=b.aliases, parent=b.parent)
            for b in pack.bodies
        ]
        out += [
            _entry("office", id=o.id, name=o.name, serves=o.serves, aliases=o.aliases)
            for o in pack.offices
        ]
        out += [
            _entry("position", id=p.id, body=p.body, title=p.title, deputies=p.deputies)
            for p in pack.positions
        ]
        out += [
            _entry("meeting_kind", id=k.id, name=k.name, body=k.body, office=k.office,
                   coordinating=k.coordinating)
            for k in pack.meeting_kinds
        ]  # fmt: skip
        out += [
            _entry("work", id=w.id, name=w.name, lead=w.lead, coordinate=w.coordinate,
                   cite=w.cite, basis=w.basis, since=w.since, until=w.until)
            for w in pack.work
        ]  # fmt: skip
        out += [
            _entry("requirement", id=r.id, meeting_kind=r.meeting_kind, document=r.document,
                   name=r.name, deadline=r.deadline, item_kind=r.item_kind,
                   condition=r.condition, cite=r.cite, basis=r.basis, since=r.since,
                   until=r.until)
            for r in pack.requirements
        ]  # fmt: skip
    policy = pack.policy
    for name in ("confirmation_deadline", "change_notice", "precedence", "default_travel_minutes"):
        rule = getattr(policy, name)
        if rule is not None and (base is None or rule != getattr(base.policy, name)):
            out += _versions(name, rule.versions)
    return head + "\n" + "\n".join(out)


def _comparable(pack: Pack) -> dict[str, Any]:
    def plain(rule: Any) -> Any:
        return [(v.value if not isinstance(v.value, list) else tuple(v.value), v.cite, v.basis,
                 v.since, v.until) for v in rule.versions]  # fmt: skip

    return {
        "structure": (pack.bodies, pack.offices, pack.positions, pack.meeting_kinds),
        "work": pack.work,
        "requirements": pack.requirements,
        "policy": {
            name: plain(getattr(pack.policy, name))
            for name in (
                "confirmation_deadline",
                "change_notice",
                "precedence",
                "default_travel_minutes",
            )
        },
        "rules": {
            r.id: (r.description, plain(r))
            for r in pack.rules
            if r.id.startswith(("policy.", "work.", "requirement."))
        },
    }


@SLOW
@given(packs())
def test_small_packs_pass_the_loader_and_read_back_the_same(pack: Pack) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pack.toml"
        path.write_text(pack_toml(pack), encoding="utf-8")
        loaded = load_pack(path)
    assert _comparable(loaded) == _comparable(pack)


@SLOW
@given(packs("vn-province"))
def test_variations_of_the_bundled_pack_pass_the_loader_as_an_extension(pack: Pack) -> None:
    import tempfile

    base = load_pack("vn-province")
    assert pack.extends == "vn-province"
    assert {r.id for r in pack.requirements} <= {r.id for r in base.requirements}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pack.toml"
        path.write_text(pack_toml(pack, base), encoding="utf-8")
        loaded = load_pack(path)
    assert _comparable(loaded) == _comparable(pack)


def test_packs_draw_dated_policy_versions_and_every_basis() -> None:
    two = find(packs(), lambda p: p.policy.change_notice is not None
               and len(p.policy.change_notice.versions) == 2)  # fmt: skip
    assert two.policy.change_notice is not None
    first, second = two.policy.change_notice.versions
    assert first.until == second.since is not None
    statute = find(packs(), lambda p: any(r.basis.value == "statute" for r in p.requirements))
    assert all(r.cite for r in statute.requirements if r.basis.value == "statute")


# -- directories and organisations ----------------------------------------------------


def _boundaries(directory: Directory) -> set[date]:
    days = {FIRST_DAY + timedelta(days=d) for d in range(-120, 121, 7)}
    for a in directory.appointments:
        days |= {d + timedelta(days=k) for d in (a.since, a.until) if d for k in (-1, 0)}
    return days


@SLOW
@given(directories())
def test_directories_fill_each_position_once_per_day_with_kiem_nhiem(
    directory: Directory,
) -> None:
    pack = load_pack("vn-province")
    org = pack.organisation(directory)
    assert {p.id for p in directory.people} == {e.split("@")[0] for _, e in PEOPLE}
    assert {a.position for a in directory.appointments} <= {p.id for p in pack.positions}
    for day in _boundaries(directory):
        for position in pack.positions:
            assert len(org.holders(position.id, day)) <= 1, (position.id, day)
    first = directory.people[0]
    assert len(org.positions_of(first.id, FIRST_DAY)) >= 2
    for name, email in PEOPLE:
        assert org.resolve_person(email, FIRST_DAY) == org.resolve_person(name, FIRST_DAY)


def test_directories_draw_changes_of_holder() -> None:
    changed = find(directories(), lambda d: any(a.until is not None for a in d.appointments))
    ending = next(a for a in changed.appointments if a.until is not None)
    successor = [b for b in changed.appointments
                 if b.position == ending.position and b.since == ending.until]  # fmt: skip
    assert len(successor) == 1


def test_directories_without_kiem_nhiem_or_changes() -> None:
    plain = find(directories(kiem_nhiem=False, changes=False), lambda d: True)
    assert all(a.until is None for a in plain.appointments)


@SLOW
@given(organisations())
def test_organisations_combine_a_drawn_pack_with_people(org: Organisation) -> None:
    assert org.bodies
    assert org.offices
    assert org.meeting_kinds
    for position in org.positions:
        assert org.body(position.body) is not None
        holders = org.holders(position.id, FIRST_DAY)
        assert len(holders) <= 1
    held = [p for p in org.directory.people if org.positions_of(p.id, FIRST_DAY)]
    if len(org.positions) >= 2:
        assert any(len(org.positions_of(p.id, FIRST_DAY)) >= 2 for p in held)


# -- calendars: planted late changes and double bookings ------------------------------


def _changed_uids(current: list[SourceCalendar]) -> set[str]:
    return {o.uid for s in current for o in s.occurrences if o.last_modified is not None}


def _late_change_sources(report: Report) -> set[str]:
    return {copy.uid for f in report.by_code("late-change") for copy in f.occurrences[0].sources}


@SLOW
@given(calendars(late_change=True, divergent=True))
def test_a_planted_late_change_is_reported(
    pair: tuple[list[SourceCalendar], list[SourceCalendar]],
) -> None:
    previous, current = pair
    (uid,) = _changed_uids(current)
    assert not _changed_uids(previous)
    as_of = max(o.last_modified for s in current for o in s.occurrences if o.last_modified)
    report = check_calendar(
        merge(current, PACK, DIRECTORY),
        PACK,
        DIRECTORY,
        as_of=as_of,
        previous=merge(previous, PACK, DIRECTORY),
    )
    assert_findings(report, "late-change")
    assert uid in _late_change_sources(report)


@SLOW
@given(packs(), source_calendars("vp-ubnd", late_change=True))
def test_a_planted_late_change_is_late_under_any_drawn_pack(
    pack: Pack, pair: tuple[SourceCalendar, SourceCalendar]
) -> None:
    previous, current = pair
    (uid,) = _changed_uids([current])
    as_of = next(o.last_modified for o in current.occurrences if o.last_modified)
    report = check_calendar(
        merge([current], pack), pack, as_of=as_of, previous=merge([previous], pack)
    )
    assert uid in _late_change_sources(report)
    same = check_calendar(
        merge([previous], pack), pack, as_of=as_of, previous=merge([previous], pack)
    )
    assert_findings(same, "late-change", count=0)


@SLOW
@given(source_calendars("vp-ubnd", double_booking=True, min_size=1))
def test_a_planted_double_booking_gives_person_double_booked(source: SourceCalendar) -> None:
    report = check_calendar(merge([source], PACK), PACK, as_of=at(1, 9))
    planted = next(o for o in source.occurrences if o.uid.endswith("-planted"))
    (who,) = planted.attendees
    found = assert_findings(report, "person-double-booked")
    assert any(who.email in f.subjects for f in found)
    with pytest.raises(AssertionError, match="person-double-booked"):
        assert_no_conflicts(report)


# -- dossiers ---------------------------------------------------------------------------

VN_PROVINCE = load_pack("vn-province")


def _check(pack: Pack, drawn: tuple[Meeting, Dossier]) -> Report:
    meeting, dossier = drawn
    assert meeting.end is not None
    return check_dossier(
        meeting, dossier, pack, as_of=meeting.end + timedelta(days=60), inspect=None
    )


@SLOW
@given(dossiers())
def test_dossier_documents_late_exactly_when_planted(drawn: tuple[Meeting, Dossier]) -> None:
    meeting, dossier = drawn
    report = _check(VN_PROVINCE, drawn)
    late = {d.id for f in report.by_code("document-late") for d in f.documents}
    assert late == {d.id for d in dossier.documents if d.id.endswith("-late")}
    assert_findings(report, "document-unidentified", count=0)
    assert_findings(report, "document-due-soon", count=0)
    assert all(d.declared_type is not None and d.received is not None for d in dossier.documents)
    assert meeting.start.tzinfo is not None


@SLOW
@given(dossiers(late=True, missing=True))
def test_dossiers_plant_late_and_missing_documents(drawn: tuple[Meeting, Dossier]) -> None:
    report = _check(VN_PROVINCE, drawn)
    assert_findings(report, "document-late")
    assert_findings(report, "document-missing")
    with pytest.raises(AssertionError, match="document-missing"):
        assert_dossier_complete(report)


@SLOW
@given(packs().flatmap(lambda p: st.tuples(st.just(p), dossiers(p, complete=True))))
def test_complete_dossiers_are_complete_under_any_drawn_pack(
    drawn: tuple[Pack, tuple[Meeting, Dossier]],
) -> None:
    pack, (meeting, dossier) = drawn
    report = _check(pack, (meeting, dossier))
    assert_dossier_complete(report)
    assert_no_errors(report)
    assert {d.item for d in dossier.documents} <= {None, *(i.id for i in dossier.items)}


def test_dossiers_refuse_contradictory_options() -> None:
    with pytest.raises(ValueError, match="complete"):
        dossiers(complete=True, late=True)


# -- the assertions themselves ------------------------------------------------------------


def _report(*codes: str) -> Report:
    return Report.build(
        Finding.of(code, Message(vi=f"việc {n}", en=f"thing {n}"), rule="r")
        for n, code in enumerate(codes)
    )


def test_assertions_pass_on_a_clean_report() -> None:
    clean = _report("non-working-day", "assumed-value")
    assert_no_conflicts(clean)
    assert_no_errors(clean)
    assert_dossier_complete(clean)
    assert assert_findings(clean, "assumed-value", count=1)[0].code == "assumed-value"
    assert_findings(clean, "late-change", count=0)


def test_assertion_messages_name_the_findings_in_both_languages() -> None:
    report = _report("venue-double-booked", "document-late", "document-missing")
    with pytest.raises(AssertionError) as conflicts:
        assert_no_conflicts(report)
    assert "venue-double-booked" in str(conflicts.value)
    assert "việc 0" in str(conflicts.value)
    assert "thing 0" in str(conflicts.value)
    assert "document-late" not in str(conflicts.value)
    with pytest.raises(AssertionError, match="document-missing") as errors:
        assert_no_errors(report)
    assert "document-late" not in str(errors.value)  # a warning, not an error
    with pytest.raises(AssertionError, match="document-late"):
        assert_dossier_complete(report)
    assert_dossier_complete(_report("document-late"), on_time=False)


def test_assert_findings_counts() -> None:
    report = _report("late-change", "late-change", "venue-double-booked")
    assert len(assert_findings(report, "late-change")) == 2
    with pytest.raises(AssertionError, match=r"expected 1 late-change.*found 2") as wrong:
        assert_findings(report, "late-change", count=1)
    assert "venue-double-booked: 1" in str(wrong.value)
    with pytest.raises(AssertionError, match="at least 1 time-mismatch"):
        assert_findings(report, "time-mismatch")
    with pytest.raises(ValueError, match="unknown finding code"):
        assert_findings(report, "double-booking")


def test_assert_same_occurrences_compares_instants_in_any_order() -> None:
    a = meeting("A", at(5, 8), at(5, 9), attendees=(person("Bà Bình", "binh@example.vn"),))
    b = meeting("B", at(5, 10), at(5, 11), uid="b")
    # The same instants written in UTC, from another source under another UID.
    elsewhere = attrs.evolve(
        a,
        start=timed(a.start).astimezone(UTC),
        end=timed(a.end).astimezone(UTC),
        uid="other",
        source="copy",
    )
    assert_same_occurrences([a, b], SourceCalendar("x", (b, elsewhere)))
    moved = attrs.evolve(b, start=at(5, 10, 30))
    with pytest.raises(AssertionError, match="only in the first") as error:
        assert_same_occurrences([a, b], [a, moved])
    assert "'B'" in str(error.value)
    with pytest.raises(AssertionError):
        assert_same_occurrences([a, a], [a])
    assert_same_occurrences([b], [moved], fields=("title", "end"))
    with pytest.raises(AttributeError, match="colour"):
        assert_same_occurrences([a], [a], fields=("colour",))


@SLOW
@given(calendars(divergent=True, double_booking=True))
def test_drawn_calendars_survive_an_ics_round_trip(sources: list[SourceCalendar]) -> None:
    merged = merge(sources, PACK, DIRECTORY)
    feed = write_ics(merged, name="chung", dtstamp=at(1, 0))
    back = read_ics(feed, window=(date(2025, 2, 1), date(2025, 3, 31)))
    assert back.problems == ()
    assert_same_occurrences(merged, back)
