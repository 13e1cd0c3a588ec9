"""The pack builder is driven by the schema (issue 10): every section built, reference checked."""

from __future__ import annotations

import copy
import tomllib
from typing import Any

import pytest

from coordrules import PackError, load_pack, load_pack_mapping
from coordrules.packs.build import _KINDS
from coordrules.packs.pack_file import _bundled_path
from coordrules.packs.schema import SECTIONS

PROVINCE: dict[str, Any] = tomllib.loads(_bundled_path("vn-province").read_text(encoding="utf-8"))


def _section_entries(name: str) -> list[dict[str, Any]]:
    table: Any = PROVINCE
    for part in name.split("."):
        table = table.get(part, {}) if isinstance(table, dict) else {}
    return table if isinstance(table, list) else []


REFERENCES = [
    (section.name, key.name, key.type)
    for section in SECTIONS
    for key in section.keys
    if key.refers and _section_entries(section.name)
]


def test_every_array_section_is_built_or_belongs_to_the_work_calendar() -> None:
    arrays = {s.name for s in SECTIONS if s.array}
    assert arrays - set(_KINDS) == {
        "work_calendar.year",
        "work_calendar.year.days_off",
        "work_calendar.year.working_days",
        "work_calendar.ignored_holiday",
    }


def test_the_references_cover_the_sections_the_bundled_pack_uses() -> None:
    # Enough of the schema's references are exercised below to mean something.
    assert len(REFERENCES) >= 14


@pytest.mark.parametrize(("section", "key", "kind"), REFERENCES)
def test_each_reference_of_the_schema_is_checked(section: str, key: str, kind: str) -> None:
    entry = copy.deepcopy(_section_entries(section)[0])
    entry[key] = ["zz-nowhere"] if kind == "ids" else "zz-nowhere"
    child: dict[str, Any] = {"pack": {"id": "t", "name": "T", "extends": "vn-province"}}
    table = child
    *parents, last = section.split(".")
    for part in parents:
        table = table.setdefault(part, {})
    table[last] = [entry]
    with pytest.raises(PackError) as caught:
        load_pack_mapping(child)
    label = entry.get("id", 0) if section.count(".") == 0 else 0
    place = f"{section}[{label}].{key}" + ("[0]" if kind == "ids" else "")
    found = [p for p in caught.value.problems if p.place == place]
    assert found, [(p.place, p.reason) for p in caught.value.problems]
    assert "unknown" in found[0].reason
    assert "'zz-nowhere'" in found[0].reason


def test_the_bundled_packs_still_build() -> None:
    assert load_pack("vn-province").rules
    assert load_pack("vn-commune").rules
