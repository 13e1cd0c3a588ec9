"""How late, in Vietnamese: one translation for the check's messages and the report's checklist."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordrules.rules.dossier import late_by_vi


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("1 working day", "1 ngày làm việc"),
        ("2 working days", "2 ngày làm việc"),
        ("3 days", "3 ngày"),
        ("1 hour", "1 giờ"),
        ("5 hours", "5 giờ"),
    ],
)
def test_each_unit_of_late_by_reads_in_vietnamese(english: str, vietnamese: str) -> None:
    assert late_by_vi(english) == vietnamese


@given(st.integers(1, 10_000), st.sampled_from(["working day", "day", "hour"]))
def test_the_amount_is_kept_as_it_is(amount: int, unit: str) -> None:
    plural = "s" * (amount != 1)
    assert late_by_vi(f"{amount} {unit}{plural}").split(" ")[0] == str(amount)
