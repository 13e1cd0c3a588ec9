"""Bounded reports: at most MAX_FINDINGS_PER_CODE findings of a code, the rest counted."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

from coordrules import (
    Finding,
    MergedCalendar,
    MergedOccurrence,
    Message,
    Report,
    Severity,
    SourceCalendar,
    check_calendar,
)
from coordrules.model.findings import MAX_FINDINGS_PER_CODE
from fixtures_calendar import DIRECTORY, PACK, VN, meeting, person

BINH = person("Trần Thị Bình", "binh@example.vn")
SCHEMA = json.loads(
    (Path(__file__).parents[1] / "docs" / "reference" / "report.schema.json").read_text("utf-8")
)


def finding(code: str, subject: str) -> Finding:
    return Finding.of(code, Message(vi=subject, en=subject), rule="r", subjects=(subject,))


def test_past_the_cap_the_rest_of_a_code_is_counted_not_listed() -> None:
    many = [finding("non-working-day", f"s{k:05}") for k in range(MAX_FINDINGS_PER_CODE + 5)]
    few = [finding("late-change", f"l{k}") for k in range(3)]
    report = Report.build(reversed(many + few))
    counts = Counter(f.code for f in report.findings)
    assert counts == {"non-working-day": 1000, "late-change": 3, "findings-omitted": 1}
    kept = [f.subjects[0] for f in report.by_code("non-working-day")]
    assert kept == [f"s{k:05}" for k in range(1000)]  # the first in the stable order
    [omitted] = report.by_code("findings-omitted")
    assert omitted.severity is Severity.WARNING
    assert omitted.subjects == ("non-working-day",)
    assert omitted.details == {"code": "non-working-day", "omitted": 5, "total": 1005,
                               "limit": 1000}  # fmt: skip
    assert "5 more «non-working-day» findings are not listed (1005 in all" in omitted.message.en
    assert "Còn 5 phát hiện «non-working-day» khác không được liệt kê" in omitted.message.vi


def test_exactly_the_cap_is_not_cut_and_none_keeps_everything() -> None:
    exact = [finding("non-working-day", f"s{k:05}") for k in range(MAX_FINDINGS_PER_CODE)]
    assert Report.build(exact).by_code("findings-omitted") == ()
    more = [*exact, finding("non-working-day", "z")]
    assert len(Report.build(more, max_per_code=None).findings) == MAX_FINDINGS_PER_CODE + 1


@given(st.lists(st.sampled_from(["late-change", "non-working-day", "source-empty"])),
       st.integers(1, 5))  # fmt: skip
def test_every_finding_is_listed_or_counted(codes: list[str], limit: int) -> None:
    given_findings = [finding(code, f"s{n:03}") for n, code in enumerate(codes)]
    report = Report.build(given_findings, max_per_code=limit)
    listed = Counter(f.code for f in report.findings if f.code != "findings-omitted")
    omitted = {f.details["code"]: f.details["omitted"] for f in report.by_code("findings-omitted")}
    for code, total in Counter(codes).items():
        assert listed[code] == min(total, limit)
        assert omitted.get(code, 0) == total - min(total, limit)
    assert set(omitted) <= set(codes)
    # What is listed is a prefix of the stable order of what was given.
    ordered = Report.build(given_findings, max_per_code=None).findings
    for code in listed:
        assert report.by_code(code) == tuple(f for f in ordered if f.code == code)[:limit]


def test_a_calendar_of_many_weekend_meetings_gives_a_bounded_schema_valid_report() -> None:
    # Saturday 8 March 2025: every meeting gives a non-working-day finding.
    n = MAX_FINDINGS_PER_CODE + 200
    weekend = [
        meeting(f"Trực {k}", datetime(2025, 3, 8, 8, tzinfo=VN), datetime(2025, 3, 8, 9, tzinfo=VN),
                uid=f"w{k}")
        for k in range(n)
    ]  # fmt: skip
    merged = MergedCalendar(
        occurrences=tuple(MergedOccurrence(f"m{k:05}", o, (o,)) for k, o in enumerate(weekend)),
        sources=(SourceCalendar("vp-ubnd"),),
    )
    report = check_calendar(merged, PACK, DIRECTORY, as_of=datetime(2025, 3, 1, tzinfo=VN))
    assert len(report.by_code("non-working-day")) == MAX_FINDINGS_PER_CODE
    [omitted] = report.by_code("findings-omitted")
    assert omitted.details["omitted"] == 200
    jsonschema.validate(report.to_dict(), SCHEMA)


def test_a_cluster_report_fits_the_schema() -> None:
    slot = [
        meeting(f"Họp {k}", datetime(2025, 3, 5, 8, tzinfo=VN), datetime(2025, 3, 5, 9, tzinfo=VN),
                uid=f"s{k}", venue="Phòng 2", attendees=(BINH,))
        for k in range(30)
    ]  # fmt: skip
    merged = MergedCalendar(
        occurrences=tuple(MergedOccurrence(f"m{k:05}", o, (o,)) for k, o in enumerate(slot)),
        sources=(SourceCalendar("vp-ubnd"),),
    )
    data = check_calendar(merged, PACK, DIRECTORY, as_of=datetime(2025, 3, 1, tzinfo=VN)).to_dict()
    jsonschema.validate(data, SCHEMA)
    double = [f for f in data["findings"] if f["code"] == "person-double-booked"]
    assert [(f["details"]["count"], len(f["occurrences"])) for f in double] == [(30, 20)]
