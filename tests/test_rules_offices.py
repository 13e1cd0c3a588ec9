"""Which office acts, which issues, Party or state: rules in rules/offices.py, not adapters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import attrs
from hypothesis import given
from hypothesis import strategies as st

from coordrules.adapters.docx.inspection import inspect_document
from coordrules.model.events import Attendance, Attendee, Occurrence
from coordrules.model.org import (
    Appointment,
    Body,
    Directory,
    MeetingKind,
    Office,
    Organisation,
    Person,
    Position,
)
from coordrules.packs.load import load_pack
from coordrules.rules.offices import (
    bodies_of,
    first_issuing_office,
    is_party_body,
    is_party_office,
)
from wordml import lines, p, package, table

OFFICES = (
    Office("vp-ubnd", "Văn phòng UBND tỉnh", serves=("ubnd",)),
    Office("vp-tinh-uy", "Văn phòng Tỉnh ủy", serves=("tinh-uy",)),
)
ORG = Organisation(
    bodies=(Body("ubnd", "UBND tỉnh"), Body("tinh-uy", "Tỉnh ủy", form="party")),
    offices=OFFICES,
)


def test_a_body_is_party_through_any_body_it_belongs_to() -> None:
    org = Organisation(
        bodies=(
            Body("tu", "Tỉnh ủy", form="party"),
            Body("btv", "Ban Thường vụ Tỉnh ủy", parent="tu"),
            Body("tt", "Thường trực Ban Thường vụ", parent="btv"),
        )
    )
    assert all(is_party_body(b, org) for b in org.bodies)


def test_a_loop_of_parents_ends_and_stays_state() -> None:
    a, b = Body("a", "A", parent="b"), Body("b", "B", parent="a")
    assert not is_party_body(a, Organisation(bodies=(a, b)))


def test_an_office_serving_no_known_body_is_a_state_office() -> None:
    office = Office("vp", "Văn phòng", serves=("nowhere",))
    assert not is_party_office(office, Organisation(offices=(office,)))


def test_the_first_source_office_known_to_the_pack_issues() -> None:
    office = first_issuing_office(ORG, ["lich-ca-nhan", "vp-tinh-uy", "vp-ubnd"])
    assert office is not None
    assert office.id == "vp-tinh-uy"


def test_without_a_known_source_office_the_pack_s_first_office_issues() -> None:
    office = first_issuing_office(ORG, ["lich-ca-nhan"])
    assert office is not None
    assert office.id == "vp-ubnd"
    assert first_issuing_office(Organisation(), ["vp-ubnd"]) is None


@given(st.lists(st.sampled_from(["vp-ubnd", "vp-tinh-uy", "x", "ubnd", ""]), max_size=6))
def test_the_issuer_is_the_first_known_candidate_or_the_first_office(names: list[str]) -> None:
    office = first_issuing_office(ORG, names)
    known = [n for n in names if n in {"vp-ubnd", "vp-tinh-uy"}]
    assert office is not None
    assert office.id == (known[0] if known else "vp-ubnd")


def test_a_ban_of_the_tinh_uy_whose_entry_forgets_its_form_issues_party_documents_regression(
    tmp_path: Path,
) -> None:
    # Inspection read the issuing body's own form only, while the weekly writer
    # walked up to the Tỉnh ủy: one rule now decides for both.
    bundled = load_pack("vn-province")
    bodies = tuple(
        attrs.evolve(b, form="state") if b.id == "btv-tinh-uy" else b for b in bundled.bodies
    )
    pack = attrs.evolve(bundled, bodies=bodies)
    left = lines(["TỈNH ỦY THANH BÌNH", "BAN THƯỜNG VỤ TỈNH ỦY", "*"], breaks=True, bold=True)
    head = table(
        [
            [left, p("ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, size=15)],
            [p("Số 125-TB/TU"), p("Thanh Bình, ngày 10 tháng 3 năm 2026")],
        ]
    )
    notice = p("THÔNG BÁO", bold=True) + p("về việc tổ chức hội nghị", bold=True)
    body = p("Ban Thường vụ Tỉnh ủy thông báo lịch hội nghị.")
    info = inspect_document(package(tmp_path / "x.docx", head + notice + body), pack=pack)
    assert info.issuer_body == "btv-tinh-uy"
    assert info.party


def test_a_meeting_concerns_its_kind_s_body_its_organiser_and_its_busy_attendees_bodies() -> None:
    day = datetime(2026, 12, 7, 8, tzinfo=UTC)
    org = Organisation(
        bodies=(
            Body("ubnd", "UBND tỉnh", aliases=("Ủy ban nhân dân tỉnh",)),
            Body("hdnd", "HĐND tỉnh"),
            Body("tinh-uy", "Tỉnh ủy", form="party"),
            Body("mttq", "Ủy ban MTTQ tỉnh"),
        ),
        positions=(
            Position("bi-thu", "tinh-uy", "Bí thư"),
            Position("ct-mttq", "mttq", "Chủ tịch"),
        ),
        meeting_kinds=(MeetingKind("ky-hop", "Kỳ họp", "hdnd", "vp-hdnd"),),
        directory=Directory(
            people=(Person("p-bt", "Nguyễn Văn A"), Person("p-mt", "Trần Thị B")),
            appointments=(Appointment("p-bt", "bi-thu"), Appointment("p-mt", "ct-mttq")),
        ),
    )
    occurrence = Occurrence(
        title="Kỳ họp thứ 5",
        start=day,
        end=day + timedelta(hours=2),
        source="s",
        uid="u",
        kind="ky-hop",
        organiser="UỶ  BAN NHÂN DÂN TỈNH",  # the alias, in capitals, old tone placement
        attendees=(
            Attendee("Nguyễn Văn A", person="p-bt"),
            Attendee("Trần Thị B", person="p-mt", attendance=Attendance.DECLINED),
        ),
    )
    # The declined Chủ tịch MTTQ does not bring the MTTQ in.
    assert bodies_of(occurrence, org) == {"hdnd", "ubnd", "tinh-uy"}
