"""The ``details`` of a finding, typed per finding code.

Each is a TypedDict of JSON-ready values (text for instants, ISO 8601): the
function that builds a finding builds its details with the class, so a type
checker holds the two together, and ``docs/reference/codes.md`` lists the
keys from here. :data:`FINDING_DETAILS` maps each code to its type.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypedDict


class SubstituteDetail(TypedDict):
    """One deputy who may stand in for a double-booked person."""

    person: str
    name: str
    position: str
    free: bool


class PersonDoubleBookedDetails(TypedDict):
    """``person-double-booked``: the person, the meeting that takes precedence (its id;
    ``None`` when the order does not decide), who may stand in, how many meetings overlap
    and how many of them the finding does not list."""

    person: str
    precedence: str | None
    substitutes: list[SubstituteDetail]
    count: int
    omitted: int


class VenueDoubleBookedDetails(TypedDict):
    """``venue-double-booked``: the venue, how many meetings overlap there, how many are
    not listed."""

    venue: str
    count: int
    omitted: int


class TravelTooTightDetails(TypedDict):
    """``travel-too-tight``: the person, the minutes between the two meetings and the
    minutes the journey needs."""

    person: str
    gap_minutes: float
    travel_minutes: int


class _AttendanceUnconfirmedKeys(TypedDict):
    attendee: str
    deadline: str


class AttendanceUnconfirmedDetails(_AttendanceUnconfirmedKeys, total=False):
    """``attendance-unconfirmed``: the attendee's key and the confirmation deadline
    (ISO 8601); and, when its working days were counted without an announced
    schedule, those years."""

    calendar_fallback_years: list[int]


class NonWorkingDayDetails(TypedDict):
    """``non-working-day``: the days off the meeting falls on (ISO 8601 dates)."""

    days: list[str]


class _LateChangeKeys(TypedDict):
    fields: list[str]
    changed_at: str
    deadline: str
    changed_at_from: Literal["last-modified", "as-of"]


class LateChangeDetails(_LateChangeKeys, total=False):
    """``late-change``: the fields that changed, when (ISO 8601), the notice deadline, and
    where the moment of the change was read (``last-modified``, or ``as-of`` when the
    feed does not say); and, when the deadline's working days were counted without an
    announced schedule, those years."""

    calendar_fallback_years: list[int]


class CopyDetail(TypedDict):
    """One source copy of a meeting: its source, UID, start and end (ISO 8601), venue."""

    source: str
    uid: str
    start: str
    end: str
    venue: str | None


class CopiesDetails(TypedDict):
    """``time-mismatch``, ``venue-mismatch``: the copies that disagree."""

    copies: list[CopyDetail]


class StatusMismatchDetails(TypedDict):
    """``status-mismatch``: the sources that cancelled the meeting and those that still
    list it."""

    cancelled: list[str]
    confirmed: list[str]


class AnswerDetail(TypedDict):
    """One source's record of an attendee's answer."""

    source: str
    attendance: str
    delegated_to: str | None


class AttendeeMismatchDetails(TypedDict, total=False):
    """``attendee-mismatch``: either the attendee and each source's answer (``attendee``,
    ``answers``), or each source's chairs (``chairs``)."""

    attendee: str
    answers: list[AnswerDetail]
    chairs: dict[str, list[str]]


class FindingsOmittedDetails(TypedDict):
    """``findings-omitted``: the code cut, how many of it are not listed, in all, and the
    limit per code."""

    code: str
    omitted: int
    total: int
    limit: int


class AssumedValueDetails(TypedDict, total=False):
    """``assumed-value``: for a dossier deadline, the requirement and its deadline in words;
    for a calendar rule, nothing (the finding's ``rule`` names it)."""

    requirement: str
    deadline: str


class _RuleNotInForceKeys(TypedDict):
    versions: str


class RuleNotInForceDetails(_RuleNotInForceKeys, total=False):
    """``rule-not-in-force``: the versions as ``[since, until)`` spans, and either (a
    dossier requirement) the requirement and the meeting's date, or (a calendar rule)
    the rule and the dates it was needed on."""

    requirement: str
    date: str
    rule: str
    dates: list[str]


class _WorkCalendarFallbackKeys(TypedDict):
    years: list[int]


class WorkCalendarFallbackDetails(_WorkCalendarFallbackKeys, total=False):
    """``work-calendar-fallback``: the years the ``holidays`` package decided, and the
    dossier requirements (``requirements``) or calendar rules (``rules``) whose
    deadlines used them."""

    requirements: list[str]
    rules: list[str]


class _DocumentDeadlineKeys(TypedDict):
    """The keys every document-deadline finding has (see :class:`DocumentDeadlineDetails`)."""

    requirement: str
    document_type: str
    deadline: str
    rule: str
    submitted_by: str | None
    to: str | None
    item: str | None


class DocumentDeadlineDetails(_DocumentDeadlineKeys, total=False):
    """``document-missing``, ``document-due-soon``: the requirement, the document type it
    asks for, its deadline (ISO 8601) and rule in words, who submits it to whom, the
    agenda item (``None``: the meeting), and, when the pack's work calendar had no
    announced schedule, the years whose working days were assumed."""

    calendar_fallback_years: list[int]


class DocumentLateDetails(DocumentDeadlineDetails, total=True):
    """``document-late``: as :class:`DocumentDeadlineDetails`, and how late, the document
    that met the requirement, the type it counted as, and whether its received time was
    assumed."""

    late_by: str
    met_by: str
    met_by_type: str | None
    received_assumed: bool


class DocumentTypeMismatchDetails(TypedDict):
    """``document-type-mismatch``: the type declared, the type read, the type counted."""

    declared: str
    found: str
    counted_as: str


class DocumentUnidentifiedDetails(TypedDict):
    """``document-unidentified``: how to tell the type."""

    hint: str


FINDING_DETAILS: Mapping[str, type] = {
    "person-double-booked": PersonDoubleBookedDetails,
    "venue-double-booked": VenueDoubleBookedDetails,
    "travel-too-tight": TravelTooTightDetails,
    "attendance-unconfirmed": AttendanceUnconfirmedDetails,
    "non-working-day": NonWorkingDayDetails,
    "late-change": LateChangeDetails,
    "time-mismatch": CopiesDetails,
    "venue-mismatch": CopiesDetails,
    "status-mismatch": StatusMismatchDetails,
    "attendee-mismatch": AttendeeMismatchDetails,
    "findings-omitted": FindingsOmittedDetails,
    "assumed-value": AssumedValueDetails,
    "rule-not-in-force": RuleNotInForceDetails,
    "work-calendar-fallback": WorkCalendarFallbackDetails,
    "document-missing": DocumentDeadlineDetails,
    "document-due-soon": DocumentDeadlineDetails,
    "document-late": DocumentLateDetails,
    "document-type-mismatch": DocumentTypeMismatchDetails,
    "document-unidentified": DocumentUnidentifiedDetails,
}
"""The type of ``Finding.details`` for each code whose details have one shape (a
TypedDict); the other codes' details are listed on the finding codes page."""
