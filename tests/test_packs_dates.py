"""Both sides of every effective date in the bundled packs.

For each dated thing a pack holds (every version of every rule, requirement,
body, office, position, meeting kind, work assignment), the value applies on
``since`` and not the day before, and not on ``until`` but yes the day before;
checked through the lookups the rest of the library uses.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from coordrules import Pack, bundled_packs, load_pack

DAY = timedelta(days=1)


def dated(pack: Pack) -> list[tuple[str, Any, date | None, date | None]]:
    items: list[tuple[str, Any, date | None, date | None]] = []
    for rule in pack.rules:
        for version in rule.versions:
            items.append((f"rule {rule.id}", version, version.since, version.until))
    for section in ("bodies", "offices", "positions", "meeting_kinds", "work", "requirements"):
        for item in getattr(pack, section):
            items.append((f"{section} {item.id}", item, item.since, item.until))
    return [i for i in items if i[2] is not None or i[3] is not None]


def applies(pack: Pack, label: str, item: Any, on: date) -> bool:
    """Whether *item* is in force on *on*, asked the way callers ask."""
    org = pack.organisation()
    kind, _, ident = label.partition(" ")
    if kind == "rule":
        rule = pack.rule(ident)
        assert rule is not None
        return rule.at(on) is item
    if kind == "requirements":
        return item in pack.requirements_for(item.meeting_kind, on)
    if kind == "work":
        return org.assignment(item.id, on) is item
    if kind == "offices":
        return any(org.office_for(body, on) is item for body in item.serves)
    return bool(item.since is None or item.since <= on) and (item.until is None or on < item.until)


@pytest.mark.parametrize("name", bundled_packs())
def test_both_sides_of_every_effective_date(name: str) -> None:
    pack = load_pack(name)
    items = dated(pack)
    assert items, "the bundled pack has dated items"
    for label, item, since, until in items:
        if since is not None:
            assert applies(pack, label, item, since), (label, "on since", since)
            assert not applies(pack, label, item, since - DAY), (label, "day before since")
        if until is not None:
            assert not applies(pack, label, item, until), (label, "on until", until)
            assert applies(pack, label, item, until - DAY), (label, "day before until")


def test_dated_items_cover_the_known_changes() -> None:
    province = {s for _, _, s, _ in dated(load_pack("vn-province"))}
    assert date(2025, 4, 1) in province  # Luật BHVBQPPL 2025
    assert date(2025, 2, 19) in province  # Luật TCCQĐP 65/2025 passed (effective date unread)
    assert date(2025, 6, 16) in province  # Luật TCCQĐP 72/2025 in force
    assert date(2025, 7, 1) not in province  # only the district level ended then
    assert date(2026, 3, 1) in province  # Luật Hoạt động giám sát 121/2025
    assert date(2026, 7, 1) in province  # NĐ 154/2026, NĐ 155/2026
    commune = {s for _, _, s, _ in dated(load_pack("vn-commune"))}
    assert commune == {date(2025, 1, 1), date(2026, 1, 1), date(2025, 7, 1), date(2026, 3, 1)}
