"""The calendar docs: the codes page is current, real reports fit the JSON schema."""

from __future__ import annotations

import json
import re
import runpy
from datetime import date
from pathlib import Path

import attrs
import jsonschema

from coordrules import CODES, Attendance, Finding, Message, SourceCalendar, check_calendar, merge
from fixtures_calendar import DIRECTORY, PACK, at, meeting, person

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "reference" / "report.schema.json").read_text("utf-8"))


def test_codes_page_is_generated_from_codes() -> None:
    render = runpy.run_path(str(ROOT / "scripts" / "gen_codes_page.py"))["render"]
    page = (ROOT / "docs" / "reference" / "codes.md").read_text("utf-8")
    assert page == render(), "run: PYTHONPATH=src python scripts/gen_codes_page.py"
    for code in CODES:
        assert f"`{code}`" in page


def test_every_code_fits_the_schema_pattern() -> None:
    pattern = SCHEMA["$defs"]["finding"]["properties"]["code"]["pattern"]
    assert all(re.fullmatch(pattern, code) for code in CODES)


def busy_report() -> dict[str, object]:
    """A report in which every calendar code occurs."""
    binh = person("Trần Thị Bình", "binh@example.vn")
    waiting = person("Lê Văn Cường", "cuong@example.vn", attendance=Attendance.NEEDS_ACTION)
    declined = attrs.evolve(binh, attendance=Attendance.DECLINED)
    a = meeting(
        "Họp A",
        at(5, 8),
        at(5, 10),
        uid="a",
        venue="Phòng 2",
        attendees=(binh, waiting),
        kind="ubnd-meeting",
    )
    a_copy = meeting(
        "Họp A",
        at(5, 9),
        at(5, 10),
        uid="a",
        source="vp-tinh-uy",
        venue="Phòng 3",
        attendees=(declined,),
    )
    b = meeting("Họp B", at(5, 9), at(5, 11), uid="b", venue="Phòng 2", attendees=(binh,))
    c = meeting("Họp C", at(5, 11), at(5, 12), uid="c", venue="Hội trường A", attendees=(binh,))
    d = meeting("Họp D", date(2025, 3, 8), date(2025, 3, 9), uid="d")  # type: ignore[arg-type]
    problem = Finding.of(
        "import-problem",
        Message(vi="hỏng", en="broken"),
        rule="ical.read",
        file="x.ics",
        place="UID q",
    )
    sources = [
        SourceCalendar("vp-ubnd", (a, b, c, d), (problem,)),
        SourceCalendar("vp-tinh-uy", (a_copy,)),
    ]
    previous = merge(sources, PACK, DIRECTORY)
    moved = attrs.evolve(c, venue="Phòng 3")
    current = merge(
        [attrs.evolve(sources[0], occurrences=(a, b, moved, d)), sources[1]], PACK, DIRECTORY
    )
    report = check_calendar(
        current,
        PACK,
        DIRECTORY,
        as_of=at(4, 18),
        window=(date(2025, 3, 3), date(2025, 3, 9)),
        previous=previous,
    )
    return report.to_dict()


def test_real_reports_fit_the_schema() -> None:
    data = busy_report()
    jsonschema.validate(data, SCHEMA)
    codes = {f["code"] for f in data["findings"]}  # type: ignore[attr-defined]
    assert codes >= {
        "person-double-booked",
        "venue-double-booked",
        "travel-too-tight",
        "time-mismatch",
        "venue-mismatch",
        "attendee-mismatch",
        "late-change",
        "attendance-unconfirmed",
        "non-working-day",
        "import-problem",
        "assumed-value",
    }
    json.loads(json.dumps(data, ensure_ascii=False))


def test_schema_rejects_a_broken_report() -> None:
    data = busy_report()
    data["summary"] = {"error": "many"}
    try:
        jsonschema.validate(data, SCHEMA)
    except jsonschema.ValidationError:
        return
    raise AssertionError("the schema accepted a broken summary")
