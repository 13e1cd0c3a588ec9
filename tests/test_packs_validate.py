"""Pack validation: generated packs pass; breaking one invariant reports exactly that one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordrules import (
    Appointment,
    Deadline,
    Directory,
    Pack,
    Person,
    Requirement,
    WorkAssignment,
    bundled_packs,
    load_pack,
    validate_pack,
)
from coordrules.cli.main import main
from coordrules.model.values import DeadlineSide, DeadlineUnit
from coordrules.testing import packs

ROOT = Path(__file__).resolve().parents[1]
D = date(2026, 5, 4)
DAY = timedelta(days=1)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def codes(pack: Pack, directory: Directory | None = None) -> set[str]:
    return {f.code for f in validate_pack(pack, directory).findings}


# -- each break changes one thing, and names the code it must produce -----------------------


def two_leads(pack: Pack, data: st.DataObject) -> Pack:
    office = data.draw(st.sampled_from([o.id for o in pack.offices]))
    work = (*pack.work, WorkAssignment("work-x", "Công việc X", office))
    again = WorkAssignment("work-x", "Công việc X (lần hai)", office, since=D)
    return attrs.evolve(pack, work=(*work, again))


def overlapping_versions(pack: Pack, data: st.DataObject) -> Pack:
    req = data.draw(st.sampled_from(pack.requirements))
    copy = attrs.evolve(req, since=(req.since or D) + 10 * DAY, until=None)
    return attrs.evolve(pack, requirements=(*pack.requirements, copy))


def undeclared_gap(pack: Pack, data: st.DataObject) -> Pack:
    req = data.draw(st.sampled_from(pack.requirements))
    ends = (req.since or D) + 30 * DAY
    first = attrs.evolve(req, until=ends)
    later = attrs.evolve(req, since=ends + 30 * DAY, until=None)
    others = tuple(r for r in pack.requirements if r is not req)
    return attrs.evolve(pack, requirements=(*others, first, later))


def missing_office(pack: Pack, data: st.DataObject) -> Pack:
    kind = data.draw(st.sampled_from(pack.meeting_kinds))
    broken = attrs.evolve(kind, office="office-none")
    kinds = tuple(broken if k is kind else k for k in pack.meeting_kinds)
    return attrs.evolve(pack, meeting_kinds=kinds)


def office_ends_too_early(pack: Pack, data: st.DataObject) -> Pack:
    # The office of a meeting kind closes while the kind still uses it.
    kind = data.draw(st.sampled_from(pack.meeting_kinds))
    offices = tuple(attrs.evolve(o, until=D) if o.id == kind.office else o for o in pack.offices)
    return attrs.evolve(pack, offices=offices)


def review_before_submission(pack: Pack, data: st.DataObject) -> Pack:
    kind = data.draw(st.sampled_from(pack.meeting_kinds)).id
    item = "draft-normative-resolution"
    days = data.draw(st.integers(1, 10))
    to_trinh = Requirement(
        "chain-to-trinh", kind, "to-trinh", "Tờ trình", Deadline(days), item_kind=item
    )
    review = Requirement(
        "chain-tham-tra",
        kind,
        "bao-cao-tham-tra",
        "Báo cáo thẩm tra",
        data.draw(
            st.sampled_from(
                [
                    Deadline(days + 5),  # due before the tờ trình it reviews
                    Deadline(1, DeadlineUnit.DAYS, DeadlineSide.AFTER, "end"),  # after the session
                ]
            )
        ),
        item_kind=item,
    )
    kept = tuple(
        r for r in pack.requirements if not (r.meeting_kind == kind and r.item_kind == item)
    )
    return attrs.evolve(pack, requirements=(*kept, to_trinh, review))


BREAKS: dict[str, tuple[Callable[[Pack, st.DataObject], Pack], str]] = {
    "two leads": (two_leads, "pack-lead-not-unique"),
    "overlap": (overlapping_versions, "pack-versions-overlap"),
    "gap": (undeclared_gap, "pack-versions-gap"),
    "missing id": (missing_office, "pack-unknown-reference"),
    "ended id": (office_ends_too_early, "pack-unknown-reference"),
    "chain": (review_before_submission, "pack-chain-order"),
}


@SETTINGS
@given(packs())
def test_generated_packs_pass(pack: Pack) -> None:
    assert validate_pack(pack).findings == ()


@pytest.mark.parametrize("name", sorted(BREAKS))
@SETTINGS
@given(pack=packs(), data=st.data())
def test_breaking_one_invariant_reports_exactly_it(
    name: str, pack: Pack, data: st.DataObject
) -> None:
    break_, code = BREAKS[name]
    assert codes(break_(pack, data)) == {code}


@SETTINGS
@given(pack=packs(), data=st.data())
def test_a_declared_gap_is_not_reported(pack: Pack, data: st.DataObject) -> None:
    broken = undeclared_gap(pack, data)
    declared = tuple(
        attrs.evolve(r, gap_before="Bãi bỏ rồi ban hành lại / repealed, then reissued")
        if r.since is not None and r.until is None and r.id == broken.requirements[-1].id
        else r
        for r in broken.requirements
    )
    assert codes(attrs.evolve(broken, requirements=declared)) == set()


# -- positions with holders = 1 -------------------------------------------------------------


def one_holder(pack: Pack) -> tuple[Pack, str]:
    position = pack.positions[0]
    positions = (attrs.evolve(position, holders=1), *pack.positions[1:])
    return attrs.evolve(pack, positions=positions), position.id


PEOPLE = (Person("a", "Nguyễn Văn A"), Person("b", "Trần Thị B"))


@SETTINGS
@given(pack=packs(), handover=st.integers(-400, 400), overlap=st.integers(1, 60))
def test_two_holders_at_once_is_reported_a_handover_is_not(
    pack: Pack, handover: int, overlap: int
) -> None:
    pack, position = one_holder(pack)
    change = D + handover * DAY
    handed_over = Directory(
        people=PEOPLE,
        appointments=(
            Appointment("a", position, until=change),
            Appointment("b", position, since=change),
        ),
    )
    assert codes(pack, handed_over) == set()
    both = Directory(
        people=PEOPLE,
        appointments=(
            Appointment("a", position, until=change + overlap * DAY),
            Appointment("b", position, since=change),
        ),
    )
    findings = validate_pack(pack, both).findings
    assert [f.code for f in findings] == ["pack-holders-exceeded"]
    assert findings[0].details["date"] == change.isoformat()
    assert findings[0].details["people"] == ["a", "b"]


# -- the bundled and sample packs pass; the command ---------------------------------------


SAMPLES = [
    ROOT / "src/coordrules/_sample/tinh-thanh-binh.toml",
    ROOT / "docs/examples/tinh-mau.toml",
]


@pytest.mark.parametrize("source", [*bundled_packs(), *map(str, SAMPLES)])
def test_bundled_and_sample_packs_pass(source: str) -> None:
    assert validate_pack(load_pack(source)).findings == ()


def test_check_command_passes_the_sample_with_its_people(
    capsys: pytest.CaptureFixture[str],
) -> None:
    people = str(ROOT / "src/coordrules/_sample/people.toml")
    assert main(["rules", "--check", str(SAMPLES[0]), "--people", people]) == 0
    assert "every invariant holds" in capsys.readouterr().out


def test_check_command_reports_a_broken_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "broken.toml"
    pack.write_text(
        """
[pack]
id = "tinh-hong"
name = "Tỉnh hỏng"
extends = "vn-province"

[[rule]]
id = "hdnd.extra"
description = "Một quy tắc có khoảng trống / a rule with a gap"
value = 1
until = 2020-01-01

[[rule]]
id = "hdnd.extra"
description = "Một quy tắc có khoảng trống / a rule with a gap"
value = 2
since = 2021-01-01
""",
        encoding="utf-8",
    )
    assert main(["rules", "--check", str(pack)]) == 1
    out = capsys.readouterr().out
    assert "pack-versions-gap" in out
    assert "rule hdnd.extra" in out
    # Declared, the gap is fine.
    text = pack.read_text(encoding="utf-8").replace(
        "since = 2021-01-01", 'since = 2021-01-01\ngap_before = "Tạm ngưng / suspended"'
    )
    pack.write_text(text, encoding="utf-8")
    assert main(["rules", "--check", str(pack)]) == 0


def test_people_without_check_is_an_input_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--people", "x.toml"]) == 2
    assert "--check" in capsys.readouterr().err


def test_validation_of_a_large_pack_takes_seconds_not_minutes() -> None:
    # Thousands of dated entries: every check sweeps sorted dates, never dates × entries.
    import time

    from coordrules import Body, MeetingKind, Office, Position

    n = 2000
    start = date(2000, 1, 1)

    def day(i: int) -> date:
        return start + i * DAY

    pack = Pack(
        id="lon",
        name="Lớn",
        bodies=(Body("b", "B"),),
        offices=tuple(Office(f"o{i}", "O", since=day(i)) for i in range(n)),
        meeting_kinds=tuple(
            MeetingKind(f"k{i}", "K", "b", f"o{i}", since=day(i)) for i in range(n)
        ),
        positions=(Position("p", "b", "P", holders=1),),
        requirements=tuple(
            Requirement(
                f"r{i}",
                "k0",
                "to-trinh" if i % 2 else "bao-cao-tham-tra",
                "R",
                Deadline(10 if i % 2 else 5),
                item_kind="draft-normative-resolution",
                since=day(i),
                until=day(i + 1),
            )
            for i in range(n)
        ),
    )
    people = Directory(
        appointments=tuple(Appointment(f"x{i}", "p", day(i), day(i + 1)) for i in range(n))
    )
    began = time.perf_counter()
    assert validate_pack(pack, people).findings == ()
    assert time.perf_counter() - began < 20


@SETTINGS
@given(
    pack=packs(), dropped=st.sampled_from([date(2027, 1, 1), date(2027, 4, 30), date(2027, 9, 2)])
)
def test_a_listed_year_missing_a_fixed_holiday_is_reported(pack: Pack, dropped: date) -> None:
    from coordrules import ScheduledDay

    # 2027: 1 Jan Friday, 30 Apr Friday, 1 May Saturday (a weekend day), 2 Sep Thursday.
    fixed = [date(2027, 1, 1), date(2027, 4, 30), date(2027, 9, 2)]
    complete = attrs.evolve(
        pack.work_calendar,
        years=(2027,),
        days_off=tuple(ScheduledDay(d, "Nghỉ lễ") for d in fixed),
    )
    assert codes(attrs.evolve(pack, work_calendar=complete)) == set()
    partial = attrs.evolve(
        complete, days_off=tuple(d for d in complete.days_off if d.day != dropped)
    )
    findings = validate_pack(attrs.evolve(pack, work_calendar=partial)).findings
    assert [(f.code, f.details["date"]) for f in findings] == [
        ("pack-year-incomplete", dropped.isoformat())
    ]


def test_check_command_reports_every_people_problem_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = tmp_path / "people.toml"
    people.write_text(
        """
[[person]]
id = "a"
name = "Nguyễn Văn A"
  [[person.appointment]]
  position = "chu-tich-ubnd"
  since = 2025-01-01

[[person]]
id = "b"
name = "Trần Thị B"
  [[person.appointment]]
  position = "chu-tich-ubnd"
  since = 2026-01-01
  [[person.appointment]]
  position = "giam-doc-so-xyz"
""",
        encoding="utf-8",
    )
    assert main(["rules", "--check", "--people", str(people)]) == 1
    out = capsys.readouterr().out
    # Two people hold the one-holder post from 2026-01-01; a position that is not in the pack.
    assert "pack-holders-exceeded" in out
    assert "on 2026-01-01 2 hold it: a, b" in out
    assert "position 'giam-doc-so-xyz' does not exist in the pack" in out
