"""Result objects hold values, not text: instants are aware datetimes (dates for all-day items).

The JSON report still writes them as the same ISO 8601 text, so its shape
(docs/reference/json.md, the JSON schema) is unchanged.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from coordrules import Finding, MergedOccurrence, Message, Occurrence, OccurrenceRef, Report

VN = timezone(timedelta(hours=7))


def _merged(start: date | datetime, end: date | datetime) -> MergedOccurrence:
    occurrence = Occurrence("Họp UBND tỉnh", start, end, source="vp-ubnd", uid="a-1")
    return MergedOccurrence("m-1", occurrence, (occurrence,))


def _json_occurrence(ref: OccurrenceRef) -> dict[str, object]:
    finding = Finding.of(
        "person-double-booked", Message(vi="x", en="x"), rule="r", occurrences=(ref,)
    )
    occurrences = Report.build([finding]).to_dict()["findings"][0]["occurrences"]
    assert isinstance(occurrences, list)
    (only,) = occurrences
    assert isinstance(only, dict)
    return only


def test_occurrence_ref_of_a_timed_meeting_holds_aware_datetimes() -> None:
    ref = _merged(
        datetime(2026, 12, 7, 8, tzinfo=VN), datetime(2026, 12, 7, 10, 30, tzinfo=VN)
    ).ref()
    assert ref.start == datetime(2026, 12, 7, 8, tzinfo=VN)
    assert ref.end == datetime(2026, 12, 7, 10, 30, tzinfo=VN)
    assert isinstance(ref.start, datetime)
    assert ref.start.tzinfo is not None


def test_occurrence_ref_of_an_all_day_item_holds_dates() -> None:
    ref = _merged(date(2026, 12, 7), date(2026, 12, 9)).ref()
    assert (ref.start, ref.end) == (date(2026, 12, 7), date(2026, 12, 9))
    assert not isinstance(ref.start, datetime)


def test_the_json_report_writes_the_same_iso_text_as_before() -> None:
    timed = _merged(datetime(2026, 12, 7, 8, tzinfo=VN), datetime(2026, 12, 7, 10, 30, tzinfo=VN))
    data = _json_occurrence(timed.ref())
    assert (data["start"], data["end"]) == (
        "2026-12-07T08:00:00+07:00",
        "2026-12-07T10:30:00+07:00",
    )
    all_day = _json_occurrence(_merged(date(2026, 12, 7), date(2026, 12, 9)).ref())
    assert (all_day["start"], all_day["end"]) == ("2026-12-07", "2026-12-09")


@given(
    st.datetimes(
        min_value=datetime(1990, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=st.sampled_from([VN, UTC, timezone(timedelta(hours=-5, minutes=-30))]),
    ),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3)),
)
def test_the_json_text_reads_back_as_the_same_instant(start: datetime, length: timedelta) -> None:
    ref = _merged(start, start + length).ref()
    data = _json_occurrence(ref)
    assert isinstance(data["start"], str)
    assert isinstance(data["end"], str)
    assert datetime.fromisoformat(data["start"]) == ref.start
    assert datetime.fromisoformat(data["end"]) == ref.end
    assert data["start"] == ref.start.isoformat()


def test_findings_sort_by_the_iso_text_of_their_first_start_as_before() -> None:
    # The report's order is unchanged: a date and a datetime never compare as
    # instants (which would raise), they compare as the text the JSON shows.
    timed = _merged(datetime(2026, 12, 7, 8, tzinfo=VN), datetime(2026, 12, 7, 9, tzinfo=VN))
    all_day = _merged(date(2026, 12, 7), date(2026, 12, 8))
    findings = [
        Finding.of("person-double-booked", Message(vi=t, en=t), rule="r", occurrences=(m.ref(),))
        for t, m in (("timed", timed), ("all-day", all_day))
    ]
    report = Report.build(findings)
    # "2026-12-07" < "2026-12-07T08:00:00+07:00" as text.
    assert [f.message.en for f in report.findings] == ["all-day", "timed"]
