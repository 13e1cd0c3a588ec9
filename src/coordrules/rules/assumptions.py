"""Findings that say which assumption a check made, shared by the calendar and dossier checks."""

from __future__ import annotations

from collections.abc import Iterable

from coordrules.model.details import WorkCalendarFallbackDetails
from coordrules.model.findings import Finding, Message
from coordrules.model.values import Basis


def calendar_fallback(
    years: list[int], subjects: Iterable[str], details: WorkCalendarFallbackDetails
) -> Finding:
    """The ``work-calendar-fallback`` finding: deadlines counted working days in *years*,
    which the pack's announced schedules do not cover (the ``holidays`` package decided)."""
    listed = ", ".join(str(y) for y in years)
    return Finding.of(
        "work-calendar-fallback",
        Message(
            vi=f"Gói quy tắc chưa có lịch nghỉ lễ, Tết được công bố cho năm {listed}: "
            "ngày làm việc của các thời hạn được tính theo thư viện holidays (giả định).",
            en=f"The pack lists no announced holiday schedule for {listed}: the working "
            "days of these deadlines come from the holidays package (an assumption).",
        ),
        rule="work_calendar.year",
        subjects=tuple(subjects),
        basis=Basis.ASSUMED,
        details=details,
    )
