"""Per-person answers (issue 13): typed subjects, ``Report.about_person``, ``for_person``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from coordrules import (
    Finding,
    MergedCalendar,
    Message,
    Report,
    SourceCalendar,
    Subject,
    SubjectKind,
    check_calendar,
    merge,
)
from fixtures_calendar import DIRECTORY, PACK, at, meeting, person
from ical_data import sample
from test_calendar_docs import busy_report
from test_ical_write import _org

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "docs/reference/report.schema.json").read_text("utf-8")
)
BINH = person("Trần Thị Bình", "binh@example.vn")
AN = person("Nguyễn Văn An", "an@example.vn")


def _clash() -> tuple[MergedCalendar, Report]:
    # Bình is at both (the second names her by position title), in the same room;
    # An is at the second only.
    ubnd = meeting("Phiên họp UBND", at(5, 8), at(5, 11), venue="Phòng 2", attendees=(BINH,))
    btv = meeting(
        "Hội nghị BTV",
        at(5, 10),
        at(5, 12),
        source="vp-tinh-uy",
        venue="Phòng 2",
        attendees=(person("Chủ tịch UBND tỉnh"), AN),
    )
    sources = [SourceCalendar("vp-ubnd", (ubnd,)), SourceCalendar("vp-tinh-uy", (btv,))]
    merged = merge(sources, PACK, DIRECTORY)
    return merged, check_calendar(merged, PACK, DIRECTORY, as_of=at(1, 9))


def test_report_about_person_gives_her_findings_and_no_one_elses() -> None:
    _, report = _clash()
    hers = report.about_person("tran-thi-binh")
    assert [f.code for f in hers if f.code == "person-double-booked"] == ["person-double-booked"]
    assert all("tran-thi-binh" in f.subjects for f in hers)
    assert not [f for f in report.about_person("nguyen-van-an") if f.code == "person-double-booked"]
    (venue,) = report.by_code("venue-double-booked")
    assert venue.subject_kinds == (SubjectKind.VENUE,) * len(venue.subjects)
    assert venue not in hers  # about the room, not about her
    (clash,) = report.by_code("person-double-booked")
    assert clash.typed_subjects == (Subject(SubjectKind.PERSON, "tran-thi-binh"),)


def test_merged_calendar_for_person() -> None:
    merged, _ = _clash()
    titles = {m.occurrence.title for m in merged.for_person("tran-thi-binh")}
    assert titles == {"Phiên họp UBND", "Hội nghị BTV"}
    an = [m.occurrence.title for m in merged.for_person("nguyen-van-an")]
    assert an == ["Hội nghị BTV"]
    assert merged.for_person("nobody") == ()


def test_for_person_resolves_through_the_directory_only_when_given_one() -> None:
    cal = sample()
    # p-ct carries her id everywhere (the cancelled reception too: status is shown, not hidden).
    assert [m.id for m in cal.for_person("p-ct")] == ["m-btv-q1@tinhuy.vn", "m-ubnd-03", "m-tcd"]
    # The director is named by e-mail only; p-pct delegated to him.
    assert cal.for_person("p-gd") == ()
    assert [m.id for m in cal.for_person("p-gd", _org())] == ["m-ubnd-03"]
    assert cal.for_person("p-pct", _org()) == ()


def test_people_due_counts_the_organiser_and_the_delegate() -> None:
    ubnd = sample().occurrences[1].occurrence
    assert ubnd.people_due() == {"p-ct"}
    assert ubnd.people_due(_org()) == {"p-ct", "p-gd"}


def _finding(code: str, rule: str, subjects: tuple[str, ...], **fields: Any) -> Finding:
    return Finding.of(code, Message("vi", "en"), rule=rule, subjects=subjects, **fields)


@pytest.mark.parametrize(
    ("code", "rule", "subjects", "kinds"),
    [
        ("travel-too-tight", "calendar.travel", ("a",), ("person",)),
        ("attendance-unconfirmed", "calendar.confirm", ("a@b.vn",), ("person",)),
        ("attendee-mismatch", "merge.same-chair", ("a", "b"), ("person", "person")),
        ("venue-mismatch", "merge.same-venue", ("phòng 1", "phòng 2"), ("venue", "venue")),
        ("source-empty", "calendar.source-in-window", ("vp-ubnd",), ("source",)),
        ("assumed-value", "calendar.precedence", ("calendar.precedence",), ("rule",)),
        ("assumed-value", "dossier.to-trinh", ("ky-hop-3",), ("meeting",)),
        ("document-missing", "dossier.to-trinh", ("ky-hop-3", "nq-1"), ("meeting", "agenda-item")),
        ("import-problem", "dossier.item-kind", ("ky-hop-3", "nq-1"), ("meeting", "agenda-item")),
        ("import-problem", "import.ical", ("x",), ("other",)),
        ("time-mismatch", "merge.same-time", (), ()),
    ],
)
def test_subject_kinds_of_the_librarys_own_findings(
    code: str, rule: str, subjects: tuple[str, ...], kinds: tuple[str, ...]
) -> None:
    finding = _finding(code, rule, subjects)
    assert [k.value for k in finding.subject_kinds] == list(kinds)
    assert finding.to_dict()["subject_kinds"] == list(kinds)


def test_declared_kinds_win_and_must_match_the_subjects() -> None:
    finding = _finding(
        "import-problem", "mine", ("hall-a", "p-1"),
        declared_kinds=(SubjectKind.VENUE, SubjectKind.PERSON),
    )  # fmt: skip
    assert finding.typed_subjects == (
        Subject(SubjectKind.VENUE, "hall-a"),
        Subject(SubjectKind.PERSON, "p-1"),
    )
    assert Report.build([finding]).about_person("p-1") == (finding,)
    assert Report.build([finding]).about_person("hall-a") == ()
    with pytest.raises(ValueError, match="one kind per subject"):
        _finding("import-problem", "mine", ("a", "b"), declared_kinds=(SubjectKind.PERSON,))


def test_a_venue_named_like_a_person_is_not_about_that_person() -> None:
    venue = _finding("venue-double-booked", "calendar.one-meeting-per-venue", ("an",))
    person_ = _finding("person-double-booked", "calendar.one-place-at-a-time", ("an",))
    report = Report.build([venue, person_])
    assert report.about_person("an") == (person_,)
    assert report.about(SubjectKind.VENUE, "an") == (venue,)


def test_about_occurrences() -> None:
    cal = sample()
    one, two = cal.occurrences[0].ref(), cal.occurrences[1].ref()
    a = _finding("time-mismatch", "merge.same-time", (), occurrences=(one,))
    b = _finding("venue-mismatch", "merge.same-venue", (), occurrences=(two,))
    report = Report.build([a, b])
    assert report.about_occurrences([one.id]) == (a,)
    assert report.about_occurrences([]) == ()


def test_real_reports_carry_subject_kinds_that_fit_the_schema() -> None:
    data = busy_report()
    jsonschema.validate(data, SCHEMA)
    for finding in data["findings"]:  # type: ignore[attr-defined]
        assert len(finding["subject_kinds"]) == len(finding["subjects"])
        if finding["code"] in ("person-double-booked", "travel-too-tight"):
            assert set(finding["subject_kinds"]) == {"person"}
        if finding["code"] == "venue-double-booked":
            assert set(finding["subject_kinds"]) == {"venue"}
    broken = json.loads(json.dumps(data))
    broken["findings"][0]["subject_kinds"] = ["planet"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)
