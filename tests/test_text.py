"""Text identity: one normalisation for NFC/NFD, case and white space."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from coordrules import norm


def test_nfd_and_nfc_spellings_are_the_same() -> None:
    title = "Chủ tịch Ủy ban nhân dân tỉnh"
    assert norm(unicodedata.normalize("NFD", title)) == norm(title)


def test_case_and_space_are_folded() -> None:
    assert norm("  CHỦ   TỊCH\tUBND ") == norm("chủ tịch ubnd")
    assert norm("ĐOÀN ĐBQH") == "đoàn đbqh"


def test_different_tones_stay_different() -> None:
    assert norm("Hội") != norm("Hồi")


@given(st.text())
def test_norm_is_idempotent_and_form_independent(text: str) -> None:
    once = norm(text)
    assert norm(once) == once
    assert norm(unicodedata.normalize("NFD", text)) == once


def test_deadlines_read_as_english_and_vietnamese() -> None:
    from coordrules import Anchor, Deadline, DeadlineUnit

    assert Deadline(1, DeadlineUnit.WORKING_DAYS).describe() == "1 working day before start"
    assert Deadline(3, DeadlineUnit.WORKING_DAYS).describe() == "3 working days before start"
    after = Deadline(5, DeadlineUnit.WORKING_DAYS, Anchor.AFTER, "end")
    assert after.describe() == "5 working days after end"
    assert after.describe_vi() == "sau 5 ngày làm việc"
