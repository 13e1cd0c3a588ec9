"""Result objects hold values, not text: instants are aware datetimes (dates for all-day items).

The JSON report still writes them as the same ISO 8601 text, so its shape
(docs/reference/json.md, the JSON schema) is unchanged.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordrules import (
    CODES,
    DocumentRef,
    Dossier,
    Finding,
    Meeting,
    MergedOccurrence,
    Message,
    Occurrence,
    OccurrenceRef,
    Report,
    SourceCalendar,
    Window,
    check_calendar,
    check_dossier,
    load_pack,
    merge,
)
from coordrules.model.details import FINDING_DETAILS
from coordrules.testing import calendars, dossiers
from fixtures_calendar import DIRECTORY, PACK

VN = timezone(timedelta(hours=7))
VN_PROVINCE = load_pack("vn-province")


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


# details, typed per code ---------------------------------------------------------


def _value_matches(value: object, hint: Any) -> bool:
    """Whether a JSON-ready *value* has the type *hint* (TypedDicts, lists, unions …)."""
    origin = typing.get_origin(hint)
    if hint is Any:
        return True
    if hint is type(None):
        return value is None
    if origin in (types.UnionType, typing.Union):
        return any(_value_matches(value, h) for h in typing.get_args(hint))
    if origin is typing.Literal:
        return value in typing.get_args(hint)
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(_value_matches(v, item) for v in value)
    if origin is dict:
        key, item = typing.get_args(hint)
        return isinstance(value, dict) and all(
            _value_matches(k, key) and _value_matches(v, item) for k, v in value.items()
        )
    if typing.is_typeddict(hint):
        return isinstance(value, dict) and not _details_problems(value, hint)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, hint)


def _details_problems(details: Mapping[str, object], shape: Any) -> list[str]:
    """What in *details* does not fit the TypedDict *shape* (missing, unknown, mistyped)."""
    hints = typing.get_type_hints(shape)
    problems = [f"missing {k}" for k in shape.__required_keys__ if k not in details]
    problems += [f"unknown {k}" for k in details if k not in hints]
    problems += [
        f"{k}: {details[k]!r} is not {hints[k]}"
        for k in details
        if k in hints and not _value_matches(details[k], hints[k])
    ]
    return problems


def _check_typed_details(report: Report) -> None:
    for finding in report.findings:
        shape = FINDING_DETAILS.get(finding.code)
        if shape is not None:
            assert _details_problems(finding.details, shape) == [], finding.code


def test_every_typed_code_is_a_code_and_its_type_a_typed_dict() -> None:
    assert set(FINDING_DETAILS) <= set(CODES)
    assert all(typing.is_typeddict(shape) for shape in FINDING_DETAILS.values())


def test_the_details_check_sees_a_missing_an_unknown_and_a_mistyped_key() -> None:
    # The check itself, on details written by hand.
    good = {"venue": "Phòng 2", "count": 3, "omitted": 0}
    assert _details_problems(good, FINDING_DETAILS["venue-double-booked"]) == []
    bad = {"venue": "Phòng 2", "count": "3", "extra": 1}
    assert sorted(_details_problems(bad, FINDING_DETAILS["venue-double-booked"])) == [
        "count: '3' is not <class 'int'>",
        "missing omitted",
        "unknown extra",
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(calendars(divergent=True, double_booking=True, late_change=True))
def test_calendar_findings_have_the_details_of_their_code(
    pair: tuple[list[SourceCalendar], list[SourceCalendar]],
) -> None:
    previous, current = pair
    as_of = datetime(2025, 3, 3, 7, tzinfo=VN)
    report = check_calendar(
        merge(current, PACK, DIRECTORY),
        PACK,
        DIRECTORY,
        as_of=as_of,
        previous=merge(previous, PACK, DIRECTORY),
        max_per_code=2,
    )
    _check_typed_details(report)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossiers(late=True, missing=True), st.integers(-30, 60))
def test_dossier_findings_have_the_details_of_their_code(
    drawn: tuple[Meeting, Dossier], days: int
) -> None:
    meeting, dossier = drawn
    report = check_dossier(
        meeting, dossier, VN_PROVINCE, as_of=meeting.start + timedelta(days=days), inspect=None
    )
    _check_typed_details(report)


def test_a_report_with_every_calendar_code_has_the_details_of_each_code() -> None:
    from test_calendar_docs import busy_report

    findings = busy_report()["findings"]
    assert isinstance(findings, list)
    codes = set()
    for finding in findings:
        shape = FINDING_DETAILS.get(finding["code"])
        if shape is not None:
            codes.add(finding["code"])
            assert _details_problems(finding["details"], shape) == [], finding["code"]
    assert {"non-working-day", "travel-too-tight", "late-change"} <= codes


def test_document_ref_received_is_an_aware_datetime_written_as_before() -> None:
    received = datetime(2026, 3, 6, 14, 30, tzinfo=VN)
    ref = DocumentRef(id="tt", path="to-trinh.docx", type="to-trinh", received=received)
    message = Message(vi="x", en="x")
    finding = Finding.of("document-late", message, rule="r", documents=(ref,))
    (document,) = Report.build([finding]).to_dict()["findings"][0]["documents"]
    assert document == {
        "id": "tt",
        "path": "to-trinh.docx",
        "type": "to-trinh",
        "title": None,
        "received": "2026-03-06T14:30:00+07:00",
    }


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossiers(late=True))
def test_a_late_document_names_the_moment_it_was_received(drawn: tuple[Meeting, Dossier]) -> None:
    meeting, dossier = drawn
    assert meeting.end is not None
    as_of = meeting.end + timedelta(days=60)
    report = check_dossier(meeting, dossier, VN_PROVINCE, as_of=as_of, inspect=None)
    by_id = {d.id: d for d in dossier.documents}
    for finding in report.by_code("document-late"):
        (ref,) = finding.documents
        assert ref.received is not None
        assert ref.received == by_id[ref.id].received
        assert ref.received.tzinfo is not None


def test_report_as_of_and_window_are_values_written_as_before() -> None:
    as_of = datetime(2026, 12, 5, 9, tzinfo=VN)
    report = Report.build([], as_of=as_of, window=(date(2026, 12, 7), date(2026, 12, 13)))
    assert report.as_of == as_of
    assert report.window == Window(date(2026, 12, 7), date(2026, 12, 13))
    assert isinstance(report.window, Window)
    data = report.to_dict()
    assert data["as_of"] == "2026-12-05T09:00:00+07:00"
    assert data["window"] == {"from": "2026-12-07", "to": "2026-12-13"}


def test_report_as_of_and_window_as_text_still_work_with_a_warning() -> None:
    new = Report.build(
        [],
        as_of=datetime(2026, 12, 5, 9, tzinfo=VN),
        window=Window(date(2026, 12, 7), date(2026, 12, 13)),
    )
    with pytest.warns(DeprecationWarning, match="as_of"):
        old = Report.build(
            [],
            as_of="2026-12-05T09:00:00+07:00",  # type: ignore[arg-type]
            window=(date(2026, 12, 7), date(2026, 12, 13)),
        )
    assert old == new
    with pytest.warns(DeprecationWarning, match="window"):
        text = Report.build([], window=("2026-12-07", "2026-12-13"))  # type: ignore[arg-type]
    assert text.window == new.window


@pytest.mark.parametrize("text", ["2026-12-05T09:00:00", "2026-12-05"])
def test_report_as_of_as_text_without_an_offset_is_refused(text: str) -> None:
    # The old text spelling must still give an instant: text with no UTC offset
    # names none, so it is refused rather than kept as a naive moment.
    with pytest.warns(DeprecationWarning, match="as_of"), pytest.raises(ValueError, match="UTC"):
        Report.build([], as_of=text)  # type: ignore[arg-type]


def test_a_check_reports_its_as_of_and_window_as_given() -> None:
    as_of = datetime(2026, 12, 5, 9, tzinfo=VN)
    window = Window(date(2026, 12, 7), date(2026, 12, 13))
    report = check_calendar(merge([], PACK), PACK, as_of=as_of, window=window)
    assert (report.as_of, report.window) == (as_of, window)


def test_a_source_copy_holds_its_recurrence_id_as_a_value_written_as_before() -> None:
    instance = datetime(2026, 12, 7, 8, tzinfo=VN)
    occurrence = Occurrence(
        "Giao ban", instance, instance + timedelta(hours=1), source="vp-ubnd", uid="gb",
        recurrence_id=instance,
    )  # fmt: skip
    ref = MergedOccurrence("m-2", occurrence, (occurrence,)).ref()
    (copy,) = ref.sources
    assert copy.recurrence_id == instance
    written = _json_occurrence(ref)["sources"]
    assert written == [
        {"source": "vp-ubnd", "uid": "gb", "recurrence_id": "2026-12-07T08:00:00+07:00"}
    ]
