"""The weekly work calendar's layout: what its writer and its reader agree on.

The weekday names, the sessions (Sáng, Chiều, Tối) and their hours, the mark
"(*) Lưu ý số …" put after an item named in a finding, the marks of a
declined, delegated, accepted or tentative attendee and of a memo that blocks no time, and how a
date is written. The writer is :mod:`coordrules.adapters.docx.weekly_write`, the
reader :mod:`coordrules.adapters.docx.weekly_read`.
"""

from __future__ import annotations

from datetime import date, time

WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
SESSIONS = (
    ("Sáng", time(0), time(11, 30)),
    ("Chiều", time(12), time(17)),
    ("Tối", time(18), time(21)),
)
"""Session name, the hour it starts from (for grouping), the end assumed for an open item."""
MARK = "(*) Lưu ý số"
"""The mark after an item named in a finding: "(*) Lưu ý số 1, 3"."""
DECLINED_MARK = "(vắng)"
"""After the name of an attendee who declined: "Nguyễn Văn An (vắng)"."""
ACCEPTED_MARK = "(đã xác nhận)"
"""After the name of an attendee who confirmed they will attend: "Nguyễn Văn An (đã xác nhận)"."""
TENTATIVE_MARK = "(dự kiến)"
"""After the name of an attendee who may attend (iCalendar TENTATIVE): "Nguyễn Văn An (dự kiến)".

A name with no mark has not answered (``NEEDS_ACTION``), as in most weekly
calendars."""
MEMO_PREFIX = "Ghi nhớ:"
"""Before the content of a memo (ghi nhớ) that blocks no one's time (iCalendar TRANSPARENT)."""


def delegated_mark(delegate: str | None) -> str:
    """The mark after an attendee who sent someone instead: "(ủy quyền Trần Thị Bình dự thay)"."""
    return f"(ủy quyền {delegate} dự thay)" if delegate else "(ủy quyền)"


DEFAULT_TZ = "Asia/Ho_Chi_Minh"
"""The time zone of a calendar read without a pack."""


def session_of(moment: time) -> str:
    """The session (Sáng, Chiều, Tối) a clock time falls in."""
    if moment < time(12):
        return "Sáng"
    if moment < time(18):
        return "Chiều"
    return "Tối"


def dmy(day: date) -> str:
    """A date as the weekly calendar writes it: ``07/12/2026``."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
