"""Domain assertions on reports and calendars (see :mod:`coordrules.testing`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from coordrules.model.events import (
    MergedCalendar,
    MergedOccurrence,
    Occurrence,
    SourceCalendar,
)
from coordrules.model.findings import CODES, Finding, Report, Severity

# -- domain assertions ----------------------------------------------------------

_SHOWN = 20
"""At most this many findings are listed in an assertion message."""


def _listing(findings: Sequence[Finding]) -> str:
    lines = []
    for finding in findings[:_SHOWN]:
        subjects = [
            f"{o.summary} ({o.start.isoformat()} – {o.end.isoformat()})"
            for o in finding.occurrences
        ]
        subjects += [d.id for d in finding.documents]
        where = f" [{'; '.join(subjects)}]" if subjects else ""
        lines.append(
            f"  - {finding.code} ({finding.severity.value}): {finding.message.vi} / "
            f"{finding.message.en}{where}"
        )
    if len(findings) > _SHOWN:
        lines.append(
            f"  … và {len(findings) - _SHOWN} phát hiện khác / and {len(findings) - _SHOWN} more"
        )
    return "\n".join(lines)


def _fail_on(report: Report, codes: Iterable[str], vi: str, en: str) -> None:
    wanted = set(codes)
    found = [f for f in report.findings if f.code in wanted]
    if found:
        raise AssertionError(f"{vi} / {en} ({len(found)}):\n{_listing(found)}")


def assert_no_conflicts(report: Report) -> None:
    """Fail unless *report* has no ``person-double-booked`` or ``venue-double-booked``.

    Raises:
        AssertionError: naming each double booking (code, message in
            Vietnamese and English, the occurrences and their times).
    """
    _fail_on(
        report,
        ("person-double-booked", "venue-double-booked"),
        "Lịch còn trùng",
        "the calendar has double bookings",
    )


def assert_no_errors(report: Report) -> None:
    """Fail if any finding of *report* has severity ``error``.

    Raises:
        AssertionError: naming each error finding.
    """
    _fail_on(
        report,
        (f.code for f in report.findings if f.severity is Severity.ERROR),
        "Báo cáo có lỗi",
        "the report has errors",
    )


def assert_findings(report: Report, code: str, count: int | None = None) -> tuple[Finding, ...]:
    """Fail unless *report* has findings of *code*: at least one, or exactly *count*.

    Returns the findings of that code, for further checks.

    Raises:
        ValueError: *code* is not a finding code of :data:`~coordrules.CODES`
            (a mistake in the test, not a failed expectation).
        AssertionError: too few or too many, with the count of each code the
            report has instead.
    """
    if code not in CODES:
        raise ValueError(f"unknown finding code {code!r}; known: {', '.join(sorted(CODES))}")
    found = report.by_code(code)
    if (count is None and found) or len(found) == count:
        return found
    expected_vi = "ít nhất 1" if count is None else str(count)
    expected_en = "at least 1" if count is None else str(count)
    counts = Counter(f.code for f in report.findings)
    have = ", ".join(f"{c}: {n}" for c, n in sorted(counts.items())) or "không có / none"
    message = (
        f"Cần {expected_vi} phát hiện {code}, có {len(found)} / expected {expected_en} "
        f"{code} finding(s), found {len(found)}. Báo cáo có / the report has: {have}"
    )
    if found:
        message += f"\n{_listing(found)}"
    raise AssertionError(message)


def assert_dossier_complete(report: Report, *, on_time: bool = True) -> None:
    """Fail unless every required document is there (and, with *on_time*, arrived in time).

    Fails on ``document-missing``, ``document-due-soon`` (absent, even if
    not due yet), ``document-unidentified`` and ``import-problem`` (a file
    that could not be read or placed), and, with *on_time*, on
    ``document-late``.

    Raises:
        AssertionError: naming each of those findings and its document.
    """
    codes = ["document-missing", "document-due-soon", "document-unidentified", "import-problem"]
    if on_time:
        codes.append("document-late")
    _fail_on(report, codes, "Hồ sơ chưa đầy đủ", "the dossier is not complete")


SAME_FIELDS: tuple[str, ...] = (
    "title",
    "start",
    "end",
    "venue",
    "status",
    "transparency",
    "attendees",
)
"""Fields :func:`assert_same_occurrences` compares by default."""

Occurrences = SourceCalendar | MergedCalendar | Iterable[Occurrence | MergedOccurrence]
"""What :func:`assert_same_occurrences` takes: calendars, occurrences or merged ones."""


def _occurrence_list(items: Occurrences) -> list[Occurrence]:
    if isinstance(items, SourceCalendar):
        return list(items.occurrences)
    if isinstance(items, MergedCalendar):
        return [m.occurrence for m in items.occurrences]
    return [i.occurrence if isinstance(i, MergedOccurrence) else i for i in items]


def assert_same_occurrences(
    a: Occurrences, b: Occurrences, *, fields: Sequence[str] = SAME_FIELDS
) -> None:
    """Fail unless *a* and *b* hold the same occurrences, in any order.

    For adapter round trips (write a feed, read it back). Occurrences are
    compared on *fields* (:data:`SAME_FIELDS` by default: not the UID, the
    source or the properties an adapter may add); start and end compare as
    instants, so the same time written in another zone is equal; duplicates
    count. A merged calendar stands for its reconciled occurrences.

    Raises:
        AttributeError: a name in *fields* is not a field of
            :class:`~coordrules.Occurrence`.
        AssertionError: listing the occurrences found only on one side.
    """
    unknown = [f for f in fields if f not in attrs.fields_dict(Occurrence)]
    if unknown:
        raise AttributeError(f"Occurrence has no field {unknown[0]!r}")
    left, right = _occurrence_list(a), _occurrence_list(b)

    def key(occ: Occurrence) -> tuple[Any, ...]:
        return tuple(getattr(occ, f) for f in fields)

    only_a = Counter(map(key, left)) - Counter(map(key, right))
    only_b = Counter(map(key, right)) - Counter(map(key, left))
    if not only_a and not only_b:
        return

    def show(keys: Counter[tuple[Any, ...]], side: list[Occurrence]) -> str:
        shown = [o for o in side if key(o) in keys][:_SHOWN]
        return "\n".join(f"  - {o.title!r} {o.start} – {o.end} (uid {o.uid})" for o in shown)

    raise AssertionError(
        f"Hai lịch khác nhau / the occurrences differ (on {', '.join(fields)}): "
        f"{sum(only_a.values())} chỉ có ở bên trái / only in the first, "
        f"{sum(only_b.values())} chỉ có ở bên phải / only in the second.\n"
        f"Chỉ ở bên trái / only in the first:\n{show(only_a, left) or '  (none)'}\n"
        f"Chỉ ở bên phải / only in the second:\n{show(only_b, right) or '  (none)'}"
    )
