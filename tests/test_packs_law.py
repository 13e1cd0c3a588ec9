"""The bundled packs say what shared/DOMAIN.md records, on both sides of every date it changed.

Each expected value below is read from DOMAIN.md (its articles and tags), not
from the pack: a statute value read in the text is ``statute``; one read only in
the press or a legal portal is ``statute`` with ``source = "secondary"``; an
``[unconfirmed]`` one is never ``statute``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from coordrules import load_pack
from coordrules.model.values import Basis, CitationSource, Deadline, DeadlineSide, DeadlineUnit
from coordrules.packs.pack import Pack

DAY = timedelta(days=1)
PROVINCE = load_pack("vn-province")
COMMUNE = load_pack("vn-commune")


def rule_at(pack: Pack, rule_id: str, on: date):  # type: ignore[no-untyped-def]
    rule = pack.rule(rule_id)
    assert rule is not None, rule_id
    return rule.at(on)


def requirement(pack: Pack, kind: str, req_id: str, on: date):  # type: ignore[no-untyped-def]
    found = [r for r in pack.requirements_for(kind, on) if r.id == req_id]
    assert len(found) <= 1
    return found[0] if found else None


# -- Luật Hoạt động giám sát 87/2015 ends on 2026-03-01 (replaced by 121/2025) --------

END_87 = date(2026, 3, 1)


@pytest.mark.parametrize("pack", [PROVINCE, COMMUNE], ids=["province", "commune"])
def test_every_87_2015_value_ends_on_2026_03_01(pack: Pack) -> None:
    cited = [
        (rule.id, v) for rule in pack.rules for v in rule.versions if "87/2015" in (v.cite or "")
    ]
    assert cited
    for rule_id, version in cited:
        assert version.until == END_87, rule_id
        after = rule_at(pack, rule_id, END_87)
        assert after is not None, rule_id  # an assumed carry-over, said to be one
        assert "121/2025" in (after.cite or "")
        assert after.basis is Basis.ASSUMED


def test_review_meeting_is_the_ban_meeting_ten_days_before_the_session() -> None:
    rule_id = "hdnd.ban-review-meeting-days-before-session"
    before = rule_at(PROVINCE, rule_id, END_87 - DAY)
    assert (before.value, before.basis) == (10, Basis.STATUTE)
    assert "87/2015/QH13, Điều 78(1)" in before.cite
    after = rule_at(PROVINCE, rule_id, END_87)
    assert after.basis is Basis.ASSUMED
    assert rule_at(PROVINCE, rule_id, date(2016, 6, 30)) is None


@pytest.mark.parametrize("pack", [PROVINCE, COMMUNE], ids=["province", "commune"])
def test_review_report_has_no_deadline_before_the_opening(pack: Pack) -> None:
    for on in (END_87 - DAY, END_87):
        report = requirement(pack, "hdnd-session", "hdnd-session.bao-cao-tham-tra", on)
        assert report is not None
        assert report.deadline == Deadline(0, DeadlineUnit.HOURS)  # by the opening
        event = datetime(2026, 3, 10, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
        assert pack.work_calendar.deadline(report.deadline, event) == event


def test_no_draft_resolution_deadline_is_derived_from_article_78() -> None:
    for req in PROVINCE.requirements:
        if req.item_kind == "draft-normative-resolution":
            assert "78" not in (req.cite or ""), req.id
            if req.document == "bao-cao-tham-tra":
                assert req.sourced().basis is Basis.ASSUMED


def test_questioning_follow_up_goes_to_thuong_truc_hdnd() -> None:
    key = "hdnd-session.bao-cao-chat-van"
    before = requirement(PROVINCE, "hdnd-session", key, END_87 - DAY)
    assert before is not None
    assert before.to == "tt-hdnd"
    assert before.submitted_by is None  # the person who answered, not a fixed body
    assert before.deadline == Deadline(10)
    assert (before.basis, "Điều 60(7)" in (before.cite or "")) == (Basis.STATUTE, True)
    after = requirement(PROVINCE, "hdnd-session", key, END_87)
    assert after is not None
    assert after.basis is Basis.ASSUMED
    assert requirement(PROVINCE, "hdnd-session", key, date(2016, 6, 30)) is None


# -- Luật TCCQĐP: 65/2025 (passed 19 Feb 2025), 72/2025 in force 16 Jun 2025 ------------

LGO_RULES = (
    "hdnd.regular-sessions-per-year",
    "hdnd.first-session-days-after-election",
    "ubnd.regular-meeting",
)


@pytest.mark.parametrize("rule_id", LGO_RULES)
def test_2015_law_values_end_when_65_2025_can_take_effect(rule_id: str) -> None:
    last = rule_at(PROVINCE, rule_id, date(2025, 2, 18))
    assert last.basis is Basis.STATUTE
    assert "2015" in last.cite
    first = rule_at(PROVINCE, rule_id, date(2025, 2, 19))
    assert first.basis is Basis.ASSUMED  # 65/2025's effective date was not read
    assert "65/2025" in first.cite


@pytest.mark.parametrize("rule_id", LGO_RULES)
def test_72_2025_from_the_day_it_was_passed(rule_id: str) -> None:
    assert "72/2025" not in rule_at(PROVINCE, rule_id, date(2025, 6, 15)).cite
    assert "72/2025" in rule_at(PROVINCE, rule_id, date(2025, 6, 16)).cite
    # Only the district level ended on 1 Jul 2025: nothing changes for the province.
    assert rule_at(PROVINCE, rule_id, date(2025, 6, 30)) is rule_at(
        PROVINCE, rule_id, date(2025, 7, 1)
    )


def test_first_session_rule_of_72_2025_read_in_a_secondary_source() -> None:
    version = rule_at(PROVINCE, "hdnd.first-session-days-after-election", date(2025, 6, 16))
    assert (version.value, version.basis, version.source) == (
        45,
        Basis.STATUTE,
        CitationSource.SECONDARY,
    )
    assert "Điều 34(1)" in version.cite
    other = rule_at(PROVINCE, "hdnd.regular-sessions-per-year", date(2025, 6, 16))
    assert other.basis is Basis.ASSUMED  # not read in the 2025 law


# -- NĐ 154/2026 and NĐ 155/2026 from 1 Jul 2026 ---------------------------------------

FROM_JULY = date(2026, 7, 1)


def test_online_citizen_reception_notice_from_1_july_2026() -> None:
    key = "citizen-reception.thong-bao-truc-tuyen"
    assert requirement(PROVINCE, "citizen-reception", key, FROM_JULY - DAY) is None
    notice = requirement(PROVINCE, "citizen-reception", key, FROM_JULY)
    assert notice is not None
    assert notice.deadline == Deadline(5, DeadlineUnit.WORKING_DAYS)
    assert "154/2026" in (notice.cite or "")
    assert "Điều 23(1)" in (notice.cite or "")
    assert notice.basis is Basis.STATUTE


def test_complaint_acceptance_from_1_july_2026() -> None:
    assert rule_at(PROVINCE, "complaint.acceptance-working-days", FROM_JULY - DAY) is None
    version = rule_at(PROVINCE, "complaint.acceptance-working-days", FROM_JULY)
    assert (version.value, version.basis) == (7, Basis.STATUTE)
    assert "155/2026" in version.cite
    assert "Điều 10" in version.cite


# -- Citizen reception: lead and coordinating offices are statute -------------------------


def test_citizen_reception_lead_and_coordinators_are_statute() -> None:
    org = PROVINCE.organisation()
    assert org.assignment("citizen-reception", date(2014, 6, 30)) is None
    work = org.assignment("citizen-reception", date(2014, 7, 1))
    assert work is not None
    assert work.lead == "vp-ubnd"
    assert set(work.coordinate) == {"vp-tinh-uy", "vp-doan-dbqh-hdnd"}
    assert work.basis is Basis.STATUTE
    assert "Tiếp công dân" in (work.cite or "")
    assert "Điều 12(2),(3)" in (work.cite or "")
    chairman = rule_at(PROVINCE, "citizen-reception.chairman-days-per-month", date(2014, 7, 1))
    assert "Điều 12(5)" in chairman.cite


# -- The announced holiday schedules cite their announcing documents ----------------------


@pytest.mark.parametrize("pack", [PROVINCE, COMMUNE], ids=["province", "commune"])
def test_announced_schedules_cite_the_announcements(pack: Pack) -> None:
    y2025 = rule_at(pack, "work_calendar.year.2025", date(2025, 6, 1))
    assert "8726/VPCP-KGVX" in y2025.cite
    assert "6150/TB-BLĐTBXH" in y2025.cite
    y2026 = rule_at(pack, "work_calendar.year.2026", date(2026, 6, 1))
    assert "9441/TB-BNV" in y2026.cite
    for version in (y2025, y2026):
        assert (version.basis, version.source) == (Basis.STATUTE, CitationSource.SECONDARY)
    days = {d.day: d for d in (*pack.work_calendar.days_off, *pack.work_calendar.working_days)}
    for day in (date(2026, 1, 2), date(2026, 1, 10)):
        assert "12729/VPCP-KGVX" in (days[day].cite or "")
        assert days[day].source is CitationSource.SECONDARY
    assert days[date(2026, 5, 1)].source is CitationSource.OFFICIAL  # Bộ luật Lao động, Điều 112


# -- Deadlines do not depend on the installed `holidays` for the years the pack covers ----


def test_covered_years_do_not_consult_the_holidays_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    covered = PROVINCE.work_calendar
    assert covered.years == (2025, 2026)
    days = [date(2025, 1, 1) + k * DAY for k in range(730)]
    expected = [covered.is_working_day(d) for d in days]
    # A `holidays` that knows no holiday and no swap (as a much older one might):
    # (workdays imports `holidays` when first used, so patch the package itself.)
    import holidays

    empty = holidays.HolidayBase()
    monkeypatch.setattr(holidays, "country_holidays", lambda *a, **k: empty)
    fresh = load_pack("vn-province").work_calendar
    assert [fresh.is_working_day(d) for d in days] == expected


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 1, 1), False),  # Tết Dương lịch (Wed)
        (date(2025, 4, 7), False),  # Giỗ Tổ (Mon)
        (date(2025, 4, 26), True),  # make-up Saturday
        (date(2025, 9, 1), False),  # Quốc khánh span
        (date(2026, 1, 2), False),  # the announced swap
        (date(2026, 1, 10), True),  # its make-up Saturday
        (date(2026, 4, 27), False),  # Giỗ Tổ falls on Sunday: off Monday
        (date(2026, 11, 24), True),  # Ngày Văn hóa Việt Nam: not a day off until a law says so
    ],
)
def test_working_days_of_the_covered_years(day: date, working: bool) -> None:
    assert PROVINCE.work_calendar.is_working_day(day) is working


def test_deadline_in_an_uncovered_year_says_it_used_the_fallback() -> None:
    cal = PROVINCE.work_calendar
    rule = Deadline(3, DeadlineUnit.WORKING_DAYS)
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    assert cal.fallback_years(rule, datetime(2026, 12, 17, 8, tzinfo=tz)) == ()
    assert cal.fallback_years(rule, datetime(2027, 1, 4, 8, tzinfo=tz)) == (2027,)
    assert cal.fallback_years(Deadline(3), datetime(2027, 3, 4, 8, tzinfo=tz)) == ()


# -- Never silently off: the dossier check says what it could not check ---------------------

from coordrules import check_dossier  # noqa: E402
from coordrules.model.dossier import AgendaItem, Dossier, Meeting  # noqa: E402
from coordrules.packs.pack import Requirement  # noqa: E402

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ITEM = AgendaItem("qd-1", "decision", "Dự thảo quyết định")


def check(pack: Pack, start: datetime):  # type: ignore[no-untyped-def]
    meeting = Meeting("ubnd-meeting", "Phiên họp UBND", start)
    return check_dossier(
        meeting, Dossier(items=(ITEM,)), pack, as_of=start - 30 * DAY, inspect=None
    )


def test_requirement_with_no_version_in_force_is_reported_not_skipped() -> None:
    later = Requirement(
        id="ubnd-meeting.new-rule",
        meeting_kind="ubnd-meeting",
        document="to-trinh",
        name="Tờ trình (quy định mới)",
        deadline=Deadline(3),
        item_kind="decision",
        cite="A decree",
        basis=Basis.STATUTE,
        since=date(2026, 3, 1),
    )
    pack = Pack(id="t", name="T", meeting_kinds=PROVINCE.meeting_kinds, requirements=(later,))
    before = check(pack, datetime(2026, 2, 28, 8, tzinfo=TZ))
    (finding,) = before.by_code("rule-not-in-force")
    assert finding.details["requirement"] == "ubnd-meeting.new-rule"
    assert finding.details["date"] == "2026-02-28"
    assert "2026-03-01" in finding.message.en
    # Without an agenda item of its kind, the requirement would not apply anyway.
    meeting = Meeting("ubnd-meeting", "Phiên họp UBND", datetime(2026, 2, 28, 8, tzinfo=TZ))
    empty = check_dossier(
        meeting, Dossier(), pack, as_of=datetime(2026, 2, 1, tzinfo=TZ), inspect=None
    )
    assert empty.by_code("rule-not-in-force") == ()
    after = check(pack, datetime(2026, 3, 2, 8, tzinfo=TZ))
    assert after.by_code("rule-not-in-force") == ()
    assert after.by_code("document-due-soon")  # checked now


def test_bundled_pack_checked_in_2027_says_the_calendar_fell_back() -> None:
    covered = check(PROVINCE, datetime(2026, 12, 17, 8, tzinfo=TZ))
    assert covered.by_code("work-calendar-fallback") == ()
    fallback = check(PROVINCE, datetime(2027, 1, 7, 8, tzinfo=TZ))
    (finding,) = fallback.by_code("work-calendar-fallback")
    assert finding.details["years"] == [2027]
    assert "ubnd-meeting.to-trinh" in finding.details["requirements"]
    due = [f for f in fallback.by_code("document-due-soon") if f.details["item"] == "qd-1"]
    assert due
    assert due[0].details["calendar_fallback_years"] == [2027]
    # QĐ 45/2018 is in force throughout: nothing is silently off on these dates.
    assert fallback.by_code("rule-not-in-force") == ()


@pytest.mark.parametrize("pack", [PROVINCE, COMMUNE], ids=["province", "commune"])
def test_qd_45_2018_is_statute_read_in_a_secondary_source(pack: Pack) -> None:
    # DOMAIN.md: QĐ 45/2018/QĐ-TTg (dated 9 Nov 2018, in force 25 Dec 2018) [read, secondary].
    cited = [r for r in pack.requirements if "QĐ 45/2018" in (r.cite or "")]
    assert cited
    for req in cited:
        assert (req.basis, req.source) == (Basis.STATUTE, CitationSource.SECONDARY), req.id
        assert req.since is not None
        assert req.since >= date(2018, 12, 25)


def test_a_deadline_of_zero_reads_as_by_the_start() -> None:
    assert Deadline(0, DeadlineUnit.HOURS).describe() == "by the start"
    assert Deadline(0, DeadlineUnit.HOURS).describe_vi() == "chậm nhất khi bắt đầu"
    assert Deadline(0, DeadlineUnit.DAYS, DeadlineSide.AFTER, "end").describe() == "by the end"
    assert Deadline(1, DeadlineUnit.HOURS).describe() == "1 hour before start"


def test_rules_command_names_the_covered_years(capsys: pytest.CaptureFixture[str]) -> None:
    from coordrules.cli.main import main

    assert main(["rules", "--pack", "vn-province"]) == 0
    out = capsys.readouterr().out
    assert "years with an announced schedule: 2025, 2026;" in out
    assert "other years: the holidays package" in out
