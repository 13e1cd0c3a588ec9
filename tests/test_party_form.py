"""Party or state form comes from the pack's data about a body, never from its name."""

from __future__ import annotations

from pathlib import Path

import pytest

from coordrules import PackError
from coordrules.model.org import Body, Office, Organisation
from coordrules.packs.load import load_pack
from coordrules.rules.offices import is_party_office


def org(*bodies: Body, serves: tuple[str, ...]) -> tuple[Office, Organisation]:
    office = Office("vp", "Văn phòng", serves=serves)
    return office, Organisation(bodies=bodies, offices=(office,))


def test_tinh_uy_in_the_older_tone_placement_is_a_party_body() -> None:
    # A pack typed "Tỉnh uỷ": the name no longer matters, its form does.
    office, organisation = org(Body("tu", "Tỉnh uỷ Thanh Bình", form="party"), serves=("tu",))
    assert is_party_office(office, organisation)


def test_a_body_named_like_a_committee_is_state_unless_the_pack_says_party() -> None:
    office, organisation = org(Body("tu", "Tỉnh ủy Thanh Bình"), serves=("tu",))
    assert not is_party_office(office, organisation)


def test_an_office_of_a_party_body_s_organ_is_a_party_office() -> None:
    bodies = (
        Body("tu", "Tỉnh ủy", form="party"),
        Body("btv", "Ban Thường vụ Tỉnh ủy", parent="tu"),
    )
    office, organisation = org(*bodies, serves=("btv",))
    assert is_party_office(office, organisation)


def test_vp_ubnd_stays_a_state_office_though_it_serves_the_ban_can_su_dang() -> None:
    pack = load_pack("vn-province")
    organisation = pack.organisation()
    vp_ubnd = next(o for o in pack.offices if o.id == "vp-ubnd")
    vp_tinh_uy = next(o for o in pack.offices if o.id == "vp-tinh-uy")
    assert "bcsd-ubnd" in vp_ubnd.serves
    assert not is_party_office(vp_ubnd, organisation)
    assert is_party_office(vp_tinh_uy, organisation)


def test_bundled_party_bodies_cite_their_source() -> None:
    for name in ("vn-province", "vn-commune"):
        party = [b for b in load_pack(name).bodies if b.form == "party"]
        assert party
        for body in party:
            assert body.cite
            assert "36-HD/VPTW" in body.cite


def test_a_pack_body_with_an_unknown_form_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        '[pack]\nid = "p"\nname = "P"\n\n[[body]]\nid = "tu"\nname = "Tỉnh ủy"\nform = "dang"\n',
        encoding="utf-8",
    )
    with pytest.raises(PackError) as error:
        load_pack(path)
    assert "form" in str(error.value)
