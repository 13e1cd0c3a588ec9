"""The pack loader: bundled packs, extends, and one test per kind of mistake."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coordrules import Basis, PackError, bundled_packs, load_pack

MEETING_KINDS = {
    "tinh-uy-conference",
    "btv-meeting",
    "tt-tinh-uy-meeting",
    "hdnd-session",
    "tt-hdnd-meeting",
    "ubnd-meeting",
    "citizen-reception",
    "delegation-reception",
}

BASE = """\
[pack]
id = "test"
name = "Test pack"

[[body]]
id = "ubnd"
name = "UBND"

[[body]]
id = "hdnd"
name = "HĐND"

[[office]]
id = "vp-ubnd"
name = "Văn phòng UBND"
serves = ["ubnd"]

[[office]]
id = "vp-hdnd"
name = "Văn phòng HĐND"
serves = ["hdnd"]

[[position]]
id = "chu-tich"
body = "ubnd"
title = "Chủ tịch"
deputies = ["pho-chu-tich"]

[[position]]
id = "pho-chu-tich"
body = "ubnd"
title = "Phó Chủ tịch"

[[work]]
id = "prepare-ubnd-meeting"
name = "Phục vụ phiên họp"
lead = "vp-ubnd"
coordinate = ["vp-hdnd"]

[[meeting_kind]]
id = "ubnd-meeting"
name = "Phiên họp UBND"
body = "ubnd"
office = "vp-ubnd"

[[requirement]]
id = "ubnd-meeting.giay-moi"
meeting_kind = "ubnd-meeting"
document = "giay-moi"
name = "Giấy mời"
deadline = { amount = 3, unit = "working_days" }
cite = "QĐ 45/2018/QĐ-TTg"
basis = "statute"
"""


def write(tmp_path: Path, text: str, name: str = "pack.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> PackError:
    path = write(tmp_path, text)
    with pytest.raises(PackError) as caught:
        load_pack(path)
    error = caught.value
    assert error.file == str(path)
    return error


def problem(error: PackError, key: str) -> PackError:
    """The problem of *error* at *key* (several may be reported at once)."""
    for item in error.problems:
        if item.place == key:
            return item
    raise AssertionError(f"no problem at {key}: {[(p.place, p.reason) for p in error.problems]}")


# -- bundled packs ---------------------------------------------------------------


def test_bundled_packs_are_listed_and_load() -> None:
    assert bundled_packs() == ("vn-commune", "vn-province")
    for name in bundled_packs():
        pack = load_pack(name)
        assert pack.id == name
        assert pack.rules


def test_province_pack_has_the_stable_meeting_kind_ids() -> None:
    pack = load_pack("vn-province")
    assert {k.id for k in pack.meeting_kinds} == MEETING_KINDS


def test_province_offices_serve_their_bodies() -> None:
    org = load_pack("vn-province").organisation()
    on = date(2024, 5, 6)
    expected = {
        "tinh-uy": "vp-tinh-uy",
        "btv-tinh-uy": "vp-tinh-uy",
        "tt-tinh-uy": "vp-tinh-uy",
        "hdnd": "vp-doan-dbqh-hdnd",
        "tt-hdnd": "vp-doan-dbqh-hdnd",
        "ban-hdnd-phap-che": "vp-doan-dbqh-hdnd",
        "doan-dbqh": "vp-doan-dbqh-hdnd",
        "ubnd": "vp-ubnd",
        "bcsd-ubnd": "vp-ubnd",
    }
    for body, office in expected.items():
        found = org.office_for(body, on)
        assert found is not None, body
        assert found.id == office, body


def test_commune_pack_has_one_office_for_hdnd_and_ubnd_since_july_2025() -> None:
    org = load_pack("vn-commune").organisation()
    on = date(2025, 7, 1)
    hdnd, ubnd = org.office_for("hdnd", on), org.office_for("ubnd", on)
    assert hdnd is not None
    assert ubnd is not None
    assert hdnd.id == ubnd.id == "vp-hdnd-ubnd"
    assert org.office_for("ubnd", date(2025, 6, 30)) is None


def test_commune_and_province_share_the_national_work_calendar() -> None:
    province, commune = load_pack("vn-province"), load_pack("vn-commune")
    assert province.work_calendar == commune.work_calendar


def test_every_kind_of_work_has_one_lead_that_is_an_office() -> None:
    for name in bundled_packs():
        pack = load_pack(name)
        offices = {o.id for o in pack.offices}
        for work in pack.work:
            assert work.lead in offices
            assert work.lead not in work.coordinate


def test_unconfirmed_values_are_never_statute() -> None:
    pack = load_pack("vn-province")
    # DOMAIN.md: Party bodies' document deadlines and every calendar-policy
    # value are [unconfirmed]; the 2025 law's dossier list too.
    for req in pack.requirements:
        if req.meeting_kind in {"tinh-uy-conference", "btv-meeting", "tt-tinh-uy-meeting"}:
            assert req.basis is not Basis.STATUTE, req.id
        if req.since is not None and req.since >= date(2025, 4, 1) and "nq-qppl" in req.id:
            assert req.basis is Basis.ASSUMED, req.id
        if req.deadline.amount == 20:  # the remembered "20 days"
            assert req.sourced().basis is Basis.ASSUMED, req.id
    # Who leads which work is each province's quy chế phối hợp, except citizen
    # reception, which Luật Tiếp công dân Điều 12(2),(3) fixes (DOMAIN.md [read]).
    statute_work = {"work.citizen-reception"}
    for rule in pack.rules:
        if rule.id in statute_work:
            continue
        if rule.id.startswith(("policy.", "work.", "work_calendar.deadline_time")):
            assert all(v.basis is not Basis.STATUTE for v in rule.versions), rule.id


def test_every_statute_value_has_a_cite() -> None:
    for name in bundled_packs():
        pack = load_pack(name)
        for rule in pack.rules:
            for version in rule.versions:
                if version.basis is Basis.STATUTE:
                    assert version.cite, rule.id
        for day in (*pack.work_calendar.days_off, *pack.work_calendar.working_days):
            if day.basis is Basis.STATUTE:
                assert day.cite


def test_confirmed_values_are_statute() -> None:
    pack = load_pack("vn-province")
    on = date(2024, 6, 3)
    by_id = {r.id: r for r in pack.requirements_for("ubnd-meeting", on)}
    notice = by_id["ubnd-meeting.thong-bao-ket-luan"]
    assert notice.basis is Basis.STATUTE
    assert (notice.deadline.amount, notice.deadline.unit.value) == (5, "working_days")
    assert notice.deadline.anchor.value == "after"
    # Điều 78(1) of Luật 87/2015: the Ban's review meeting ≥ 10 days before the session.
    meeting = pack.rule("hdnd.ban-review-meeting-days-before-session")
    assert meeting is not None
    version = meeting.at(on)
    assert version is not None
    assert (version.value, version.basis) == (10, Basis.STATUTE)
    assert "Điều 78(1)" in (version.cite or "")
    # Điều 78(3): the review report itself has no deadline: due by the opening.
    review = {r.id: r for r in pack.requirements_for("hdnd-session", on)}
    report = review["hdnd-session.bao-cao-tham-tra"]
    assert (report.deadline.amount, report.deadline.unit.value) == (0, "hours")
    assert report.basis is Basis.STATUTE
    assert "Điều 78(3)" in (report.cite or "")


def test_appraisal_dossier_changes_with_the_2025_law() -> None:
    pack = load_pack("vn-province")
    before = {r.id: r for r in pack.requirements_for("hdnd-session", date(2025, 3, 31))}
    after = {r.id: r for r in pack.requirements_for("hdnd-session", date(2025, 4, 1))}
    key = "hdnd-session.nq-qppl.to-trinh"
    assert before[key].basis is Basis.STATUTE
    assert "121" in (before[key].cite or "")
    assert after[key].basis is Basis.ASSUMED
    assert "64/2025" in (after[key].cite or "")


def test_culture_day_is_ignored_and_documented() -> None:
    pack = load_pack("vn-province")
    assert pack.work_calendar.is_working_day(date(2026, 11, 24))
    rule = pack.rule("work_calendar.ignored_holiday.Ngày Văn hóa Việt Nam")
    assert rule is not None
    assert rule.versions[0].basis is Basis.ASSUMED


def test_a_minimal_pack_loads(tmp_path: Path) -> None:
    pack = load_pack(write(tmp_path, BASE))
    assert pack.id == "test"
    assert pack.requirements[0].deadline.describe() == "3 working days before start"
    assert pack.rule("requirement.ubnd-meeting.giay-moi") is not None


# -- extends --------------------------------------------------------------------


def test_extends_replaces_by_id_adds_and_removes(tmp_path: Path) -> None:
    write(tmp_path, BASE, "base.toml")
    child = write(
        tmp_path,
        """\
[pack]
id = "child"
name = "Child"
extends = "base.toml"
remove = ["position:pho-chu-tich"]

[[position]]
id = "chu-tich"
body = "ubnd"
title = "Chủ tịch UBND tỉnh X"

[[venue]]
id = "hoi-truong"
name = "Hội trường"
""",
        "child.toml",
    )
    pack = load_pack(child)
    titles = {p.id: p.title for p in pack.positions}
    assert titles == {"chu-tich": "Chủ tịch UBND tỉnh X"}  # replaced, not merged
    assert [v.id for v in pack.venues] == ["hoi-truong"]
    assert pack.extends == "base.toml"
    assert [k.id for k in pack.meeting_kinds] == ["ubnd-meeting"]  # inherited


def test_extends_a_bundled_pack_and_overrides_a_policy_rule(tmp_path: Path) -> None:
    child = write(
        tmp_path,
        """\
[pack]
id = "tinh-x"
name = "Tỉnh X"
extends = "vn-province"

[[policy.confirmation_deadline]]
value = { amount = 2, unit = "working_days" }
cite = "Quy chế phối hợp tỉnh X, Điều 5"
basis = "local"
""",
    )
    pack = load_pack(child)
    rule = pack.policy.confirmation_deadline
    assert rule is not None
    assert len(rule.versions) == 1
    assert rule.versions[0].basis is Basis.LOCAL
    assert rule.versions[0].value.amount == 2
    assert {k.id for k in pack.meeting_kinds} == MEETING_KINDS


def test_province_pack_howto_embeds_the_example_file() -> None:
    # The how-to writes the pack itself, so it runs from an installed package.
    root = Path(__file__).resolve().parents[1]
    page = (root / "docs" / "howto-province-pack.md").read_text(encoding="utf-8")
    opening = "Path(\"tinh-mau.toml\").write_text('''\\\n"
    start = page.index(opening) + len(opening)
    embedded = page[start : page.index("''', encoding", start)]
    example = (root / "docs" / "examples" / "tinh-mau.toml").read_text(encoding="utf-8")
    assert embedded == example
    assert "parents[2]" not in page  # no path into a source checkout


def test_docs_example_pack_loads() -> None:
    root = Path(__file__).resolve().parents[1]
    pack = load_pack(root / "docs" / "examples" / "tinh-mau.toml")
    assert pack.extends == "vn-province"
    assert pack.policy.confirmation_deadline is not None


# -- every kind of mistake: file, key and reason ---------------------------------


@pytest.mark.parametrize(
    ("extra", "key", "reason"),
    [
        ('\n[[body]]\nid = "x"\nnam = "X"\n', "body[x].nam", "did you mean 'name'"),
        ('\n[[venue]]\nid = "v"\nname = 5\n', "venue[v].name", "expected text"),
        ('\n[[body]]\nid = "x"\nname = "X"\nsince = "2025-13-01"\n', "body[x].since", "not a date"),
        (
            '\n[[body]]\nid = "x"\nname = "X"\nsince = 2025-07-01\nuntil = 2025-07-01\n',
            "body[x].until",
            "must be before until",
        ),
        (
            '\n[[office]]\nid = "vp-x"\nname = "X"\nserves = ["nobody"]\n',
            "office[vp-x].serves[0]",
            "unknown body 'nobody'",
        ),
        (
            '\n[[meeting_kind]]\nid = "k"\nname = "K"\nbody = "ubnd"\noffice = "vp-nowhere"\n',
            "meeting_kind[k].office",
            "unknown office 'vp-nowhere'",
        ),
        (
            '\n[[meeting_kind]]\nid = "k"\nname = "K"\nbody = "ubndd"\noffice = "vp-ubnd"\n',
            "meeting_kind[k].body",
            "did you mean 'ubnd'",
        ),
        (
            '\n[[position]]\nid = "p"\nbody = "nobody"\ntitle = "P"\n',
            "position[p].body",
            "unknown body",
        ),
        (
            '\n[[position]]\nid = "p"\nbody = "ubnd"\ntitle = "P"\ndeputies = ["ghost"]\n',
            "position[p].deputies[0]",
            "unknown position 'ghost'",
        ),
        (
            '\n[[work]]\nid = "w"\nname = "W"\nlead = "vp-nowhere"\n',
            "work[w].lead",
            "unknown office",
        ),
        (
            '\n[[work]]\nid = "w"\nname = "W"\nlead = ["vp-ubnd", "vp-hdnd"]\n',
            "work[w].lead",
            "expected an identifier",
        ),
        (
            '\n[[work]]\nid = "w"\nname = "W"\nlead = "vp-ubnd"\ncoordinate = ["vp-ubnd"]\n',
            "work[w].coordinate",
            "exactly one lead",
        ),
        ('\n[[work]]\nid = "w"\nname = "W"\n', "work[w].lead", "required key missing"),
        (
            '\n[[work]]\nid = "prepare-ubnd-meeting"\nname = "W"\nlead = "vp-hdnd"\n'
            "since = 2020-01-01\n",
            "work[prepare-ubnd-meeting]",
            "overlap",
        ),
        (
            '\n[[rule]]\nid = "r"\ndescription = "R"\nvalue = 1\nbasis = "law"\n',
            "rule[r].basis",
            "statute, local, assumed",
        ),
        (
            '\n[[rule]]\nid = "r"\ndescription = "R"\nvalue = 1\nbasis = "statute"\n',
            "rule[r].cite",
            "needs cite",
        ),
        (
            '\n[[requirement]]\nid = "q"\nmeeting_kind = "ubnd-meeting"\ndocument = "to-trinhh"\n'
            'name = "Q"\ndeadline = { amount = 1 }\n',
            "requirement[q].document",
            "unknown document type 'to-trinhh'",
        ),
        (
            '\n[[requirement]]\nid = "q"\nmeeting_kind = "ubnd-meeting"\ndocument = "to-trinh"\n'
            'name = "Q"\nitem_kind = "poem"\ndeadline = { amount = 1 }\n',
            "requirement[q].item_kind",
            "unknown item kind 'poem'",
        ),
        (
            '\n[[requirement]]\nid = "q"\nmeeting_kind = "ubnd-meeting"\ndocument = "to-trinh"\n'
            'name = "Q"\ndeadline = { amount = 1, unit = "weeks" }\n',
            "requirement[q].deadline.unit",
            "deadline unit must be one of days, working_days, hours",
        ),
        (
            '\n[[requirement]]\nid = "q"\nmeeting_kind = "nope"\ndocument = "to-trinh"\n'
            'name = "Q"\ndeadline = { amount = 1 }\n',
            "requirement[q].meeting_kind",
            "unknown meeting kind",
        ),
        ('\n[[body]]\nid = "ubnd"\nname = "again"\n', "body[ubnd].id", "already defined"),
        ('\n[[body]]\nid = "Ủy ban"\nname = "X"\n', "body[2].id", "not an identifier"),
        (
            '\n[[policy.precedence]]\nvalue = ["ubnd-meeting", "nope"]\n',
            "policy.precedence[0].value[1]",
            "unknown meeting kind 'nope'",
        ),
        (
            '\n[work_calendar.deadline_time]\nvalue = "5pm"\n',
            "work_calendar.deadline_time.value",
            "time of day",
        ),
        (
            "\n[[work_calendar.year]]\nyear = 2026\n"
            'days_off = [{ first = 2025-12-31, last = 2026-01-01, name = "X" }]\n',
            "work_calendar.year[0].days_off[0].first",
            "not in 2026",
        ),
        (
            "\n[[work_calendar.year]]\nyear = 2026\n"
            'days_off = [{ first = 2026-01-02, last = 2026-01-02, name = "X" }]\n'
            'working_days = [{ day = 2026-01-02, name = "Y" }]\n',
            "work_calendar.year[0].working_days[0].day",
            "both as a day off and as a working day",
        ),
        (
            '\n[work_calendar]\ntimezone = "Asia/Hanoi_City"\n',
            "work_calendar.timezone",
            "time zone",
        ),
        ('\n[[bodies]]\nid = "x"\n', "bodies", "did you mean 'body'"),
    ],
)
def test_each_mistake_names_file_key_and_reason(
    tmp_path: Path, extra: str, key: str, reason: str
) -> None:
    error = error_of(tmp_path, BASE + extra)
    found = problem(error, key)
    assert reason in found.reason
    assert found.reason_vi  # Vietnamese and English
    assert found.reason_vi != found.reason
    assert f"{found.reason_vi} / {found.reason}" in found.describe()
    assert str(error.file) in str(error)
    assert key in str(error)


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    error = error_of(tmp_path, BASE + "\n[[body]\n")
    assert error.place.startswith("line ")
    assert "TOML" in error.reason


def test_missing_pack_table(tmp_path: Path) -> None:
    error = error_of(tmp_path, '[[body]]\nid = "x"\nname = "X"\n')
    assert problem(error, "pack").reason.endswith("the [pack] table is missing")


def test_missing_file_is_a_pack_error(tmp_path: Path) -> None:
    with pytest.raises(PackError) as caught:
        load_pack(tmp_path / "nope.toml")
    assert "file not found" in caught.value.reason


def test_extends_cycle_is_refused(tmp_path: Path) -> None:
    write(tmp_path, '[pack]\nid = "a"\nname = "A"\nextends = "b.toml"\n', "a.toml")
    write(tmp_path, '[pack]\nid = "b"\nname = "B"\nextends = "a.toml"\n', "b.toml")
    with pytest.raises(PackError) as caught:
        load_pack(tmp_path / "a.toml")
    assert caught.value.place == "pack.extends"
    assert "cycle" in caught.value.reason


def test_extends_unknown_parent(tmp_path: Path) -> None:
    error = error_of(tmp_path, '[pack]\nid = "a"\nname = "A"\nextends = "vn-provnce"\n')
    assert error.place == "pack.extends"
    assert "neither a bundled pack" in error.reason


def test_remove_of_something_absent(tmp_path: Path) -> None:
    error = error_of(
        tmp_path,
        '[pack]\nid = "a"\nname = "A"\nextends = "vn-province"\nremove = ["position:ghost"]\n',
    )
    assert error.place == "pack.remove[0]"
    assert "no position 'ghost'" in error.reason


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    error = error_of(
        tmp_path, BASE + '\n[[body]]\nid = "x"\nnam = "X"\n\n[[venue]]\nid = "v"\nname = 5\n'
    )
    keys = {p.place for p in error.problems}
    assert {"body[x].nam", "venue[v].name"} <= keys
    assert len(str(error).splitlines()) == len(error.problems)


def test_invitation_is_not_required_for_urgent_ubnd_meetings() -> None:
    pack = load_pack("vn-province")
    (invitation,) = [r for r in pack.requirements if r.id == "ubnd-meeting.giay-moi"]
    assert invitation.condition == "not:urgent"


def test_a_condition_may_be_negated_but_must_be_a_flag(tmp_path: Path) -> None:
    parent = 'extends = "vn-province"\nid = "t"\nname = "t"\n'
    good = (
        f"[pack]\n{parent}\n[[requirement]]\nid = 'x'\nmeeting_kind = 'ubnd-meeting'\n"
        "document = 'bao-cao'\nname = 'x'\ncondition = 'not:urgent'\n"
        "deadline = { amount = 1 }\n"
    )
    pack = load_pack(write(tmp_path, good))
    assert [r.condition for r in pack.requirements if r.id == "x"] == ["not:urgent"]
    error = error_of(tmp_path, good.replace("not:urgent", "not:Urgent!"))
    assert "Urgent!" in problem(error, "requirement[x].condition").reason


def test_a_name_that_is_neither_bundled_nor_a_file_lists_the_bundled_packs() -> None:
    with pytest.raises(PackError) as caught:
        load_pack("vn-provinse")
    assert "vn-province" in caught.value.reason
    assert caught.value.file == "vn-provinse"


def test_a_position_held_by_nobody_is_refused(tmp_path: Path) -> None:
    text = (
        '[pack]\nextends = "vn-province"\nid = "t"\nname = "t"\n\n'
        '[[position]]\nid = "x"\nbody = "ubnd"\ntitle = "X"\nholders = 0\n'
    )
    error = error_of(tmp_path, text)
    assert "from 1 to 1,000, found 0" in problem(error, "position[x].holders").reason
    assert load_pack(write(tmp_path, text.replace("holders = 0", "holders = 2"))).positions


def test_place_is_inherited_and_may_be_overridden(tmp_path: Path) -> None:
    text = '[pack]\nextends = "vn-province"\nid = "a"\nname = "A"\nplace = "An Hà"\n'
    parent = write(tmp_path, text, "a.toml")
    child = write(tmp_path, '[pack]\nextends = "a.toml"\nid = "b"\nname = "B"\n', "b.toml")
    assert load_pack(parent).place == "An Hà"
    assert load_pack(child).place == "An Hà"
    assert load_pack("vn-province").place is None
