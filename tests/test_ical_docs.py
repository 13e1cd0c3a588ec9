"""The iCalendar reference page lists every X-COORDRULES name the code uses."""

from __future__ import annotations

import re
from pathlib import Path

from coordrules.adapters.ical.common import X_PROPERTIES

PAGE = Path(__file__).resolve().parents[1] / "docs" / "reference" / "ical.md"


def test_every_own_property_is_documented_and_nothing_else() -> None:
    text = PAGE.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(X-COORDRULES-[A-Z-]+)` \|", text, re.M))
    assert documented == set(X_PROPERTIES)
