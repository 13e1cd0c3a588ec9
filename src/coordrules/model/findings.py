"""Findings and reports: what the checks tell the offices to fix.

Every check yields :class:`Finding` objects and never raises on one. Each
finding has a stable kebab-case ``code`` from :data:`CODES` (the docs' table
of codes is generated from that table), a severity, a message in Vietnamese
and English, the subjects and the occurrences or documents involved, the rule
that produced it and that rule's source (``cite``, ``basis``).

A :class:`Report` holds findings and converts to the stable JSON shape
documented in ``docs/reference/json.md``.
"""

from __future__ import annotations

import enum
import json
import warnings
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import attrs

from coordrules._version import __version__
from coordrules.model.details import FindingsOmittedDetails
from coordrules.model.values import Basis
from coordrules.model.window import Window

if TYPE_CHECKING:
    from coordrules.model.events import Moment


class Severity(enum.StrEnum):
    """How bad a finding is. Errors make the command line exit with status 1."""

    ERROR = "error"
    """Must be fixed: a leader or room booked twice, a document missing after its deadline."""
    WARNING = "warning"
    """Should be looked at: copies that disagree, a late document, a tight journey."""
    INFO = "info"
    """For information: an assumed rule value was used, a document not yet due."""


@attrs.frozen
class FindingCode:
    """One finding code (mã phát hiện) as :data:`CODES` lists it: its default severity and
    what it means."""

    code: str
    """The stable code a finding carries (``person-double-booked``); the table's key."""
    severity: Severity
    """The default severity of findings with this code."""
    en: str
    """What the code means, in English."""
    vi: str
    """What the code means, in Vietnamese."""
    area: str
    """Which part of the library reports it: ``calendar``, ``import``, ``dossier``, ``report``."""


Code = FindingCode
"""The old name of :class:`FindingCode`, which the table below still writes; the public
``coordrules.Code`` warns. Both go in 0.3.0."""


def _codes(*items: FindingCode) -> Mapping[str, FindingCode]:
    return {item.code: item for item in items}


CODES: Mapping[str, FindingCode] = _codes(
    FindingCode("person-double-booked", Severity.ERROR,
         "One person is due at two overlapping occurrences.",
         "Một người được bố trí dự hai cuộc họp trùng giờ.", "calendar"),
    FindingCode("venue-double-booked", Severity.ERROR,
         "Two overlapping occurrences at the same venue.",
         "Hai cuộc họp trùng giờ tại cùng một địa điểm.", "calendar"),
    FindingCode("travel-too-tight", Severity.WARNING,
         "Consecutive occurrences of one person at places whose travel time exceeds the gap.",
         "Hai cuộc họp liên tiếp của một người không đủ thời gian di chuyển.", "calendar"),
    FindingCode("time-mismatch", Severity.WARNING,
         "Copies of one meeting disagree on the time.",
         "Các bản lịch của cùng một cuộc họp ghi thời gian khác nhau.", "calendar"),
    FindingCode("venue-mismatch", Severity.WARNING,
         "Copies of one meeting disagree on the venue.",
         "Các bản lịch của cùng một cuộc họp ghi địa điểm khác nhau.", "calendar"),
    FindingCode("attendee-mismatch", Severity.WARNING,
         "Copies of one meeting contradict each other on attendees (answer or chair).",
         "Các bản lịch của cùng một cuộc họp mâu thuẫn về thành phần (xác báo, chủ trì).",
         "calendar"),
    FindingCode("status-mismatch", Severity.WARNING,
         "One office lists a meeting as cancelled, another as taking place.",
         "Văn phòng này ghi cuộc họp đã hủy/hoãn, văn phòng khác vẫn ghi diễn ra.", "calendar"),
    FindingCode("late-change", Severity.WARNING,
         "A significant field changed later than the notice period before the start.",
         "Lịch thay đổi sau thời hạn báo trước.", "calendar"),
    FindingCode("attendance-unconfirmed", Severity.WARNING,
         "A required attendee has not confirmed by the confirmation deadline.",
         "Thành phần bắt buộc chưa xác báo đúng hạn.", "calendar"),
    FindingCode("non-working-day", Severity.INFO,
         "An occurrence on a weekend or holiday of the work calendar.",
         "Cuộc họp rơi vào ngày nghỉ hoặc ngày lễ.", "calendar"),
    FindingCode("import-problem", Severity.WARNING,
         "Part of an input could not be used; the rest was.",
         "Một phần dữ liệu đầu vào không dùng được; phần còn lại vẫn được dùng.", "import"),
    FindingCode("source-empty", Severity.WARNING,
         "A source calendar has nothing in the checked window: a file of another week?",
         "Nguồn lịch không có cuộc họp nào trong thời gian kiểm tra: nhầm tệp hoặc nhầm tuần?",
         "import"),
    FindingCode("recurrence-capped", Severity.WARNING,
         "A recurring series had more occurrences in the window than the cap; the rest were cut.",
         "Chuỗi lịch lặp vượt giới hạn số lần; phần vượt bị cắt.", "import"),
    FindingCode("document-missing", Severity.ERROR,
         "A required document is absent and its deadline has passed.",
         "Thiếu tài liệu bắt buộc và đã quá hạn.", "dossier"),
    FindingCode("document-due-soon", Severity.INFO,
         "A required document is absent; its deadline has not passed yet.",
         "Chưa có tài liệu bắt buộc; chưa đến hạn.", "dossier"),
    FindingCode("document-late", Severity.WARNING,
         "A document was received after its deadline.",
         "Tài liệu được gửi sau thời hạn.", "dossier"),
    FindingCode("document-unidentified", Severity.WARNING,
         "A file whose type cannot be told and was not declared.",
         "Không xác định được loại văn bản của tệp.", "dossier"),
    FindingCode("document-type-mismatch", Severity.WARNING,
         "A document declared as one type in the manifest reads as another, unrelated type.",
         "Văn bản khai báo một loại nhưng nội dung là loại văn bản khác.", "dossier"),
    FindingCode("document-draft", Severity.ERROR,
         "A draft (DỰ THẢO, or number and day left blank) where the signed document is due.",
         "Văn bản còn là dự thảo, chưa phải văn bản đã ký ban hành.", "dossier"),
    FindingCode("format-violation", Severity.WARNING,
         "The document breaks the official format.",
         "Văn bản sai thể thức.", "dossier"),
    FindingCode("number-malformed", Severity.WARNING,
         "The number line does not follow the form for its kind.",
         "Số, ký hiệu văn bản không đúng quy định.", "dossier"),
    FindingCode("tracked-changes", Severity.WARNING,
         "Tracked insertions, deletions or comments remain in the document.",
         "Văn bản còn vết sửa đổi hoặc ghi chú.", "dossier"),
    FindingCode("legacy-encoding", Severity.WARNING,
         "Text in a legacy 8-bit Vietnamese font (TCVN3, VNI).",
         "Văn bản dùng phông chữ cũ (TCVN3, VNI), không phải Unicode.", "dossier"),
    FindingCode("findings-omitted", Severity.WARNING,
         "More findings of one code than a report lists; says how many were left out.",
         "Số phát hiện cùng loại vượt mức báo cáo liệt kê; cho biết số không được liệt kê.",
         "report"),
    FindingCode("rule-not-in-force", Severity.WARNING,
         "A requirement of the meeting's kind (or a calendar policy rule) has no version in "
         "force on the date checked, so it was not checked.",
         "Yêu cầu của loại cuộc họp (hoặc quy tắc lịch công tác) không có phiên bản có hiệu "
         "lực vào ngày cần kiểm tra; chưa được kiểm tra.", "dossier"),
    FindingCode("work-calendar-fallback", Severity.WARNING,
         "A deadline (of a dossier, or xác báo and change notice in a calendar) counts working "
         "days in a year the pack has no announced holiday schedule for; the holidays package "
         "decided them.",
         "Thời hạn (của hồ sơ, hoặc xác báo và báo trước thay đổi lịch) tính ngày làm việc "
         "trong năm chưa có lịch nghỉ được công bố trong gói; đã dùng thư viện holidays.",
         "dossier"),
    FindingCode("pack-lead-not-unique", Severity.ERROR,
         "A kind of work has more than one lead office on a date, or its lead also coordinates.",
         "Một công việc có nhiều hơn một văn phòng chủ trì trong cùng một ngày.", "pack"),
    FindingCode("pack-versions-overlap", Severity.ERROR,
         "Two versions of one rule value or requirement are in force on the same date.",
         "Hai phiên bản của cùng một quy tắc cùng có hiệu lực.", "pack"),
    FindingCode("pack-versions-gap", Severity.ERROR,
         "Days between two versions of a value with no version, not declared with gap_before.",
         "Khoảng thời gian giữa hai phiên bản không có quy tắc nào, chưa khai báo gap_before.",
         "pack"),
    FindingCode("pack-unknown-reference", Severity.ERROR,
         "An id used on a date names nothing in force on that date.",
         "Mã được dùng vào một ngày không trỏ tới mục nào có hiệu lực ngày đó.", "pack"),
    FindingCode("pack-chain-order", Severity.ERROR,
         "Documents of the chain before a session are due out of order, or after the session.",
         "Các văn bản trình kỳ họp có thời hạn sai thứ tự, hoặc sau khi khai mạc.", "pack"),
    FindingCode("pack-year-incomplete", Severity.ERROR,
         "A year the pack lists misses a fixed public holiday (1/1, 30/4, 1/5, 2/9) on a weekday.",
         "Lịch năm trong gói thiếu ngày nghỉ lễ cố định (1/1, 30/4, 1/5, 2/9).", "pack"),
    FindingCode("pack-holders-exceeded", Severity.ERROR,
         "A position with holders = N is held by more than N people on a date.",
         "Chức vụ do tối đa N người giữ nhưng có nhiều hơn N người cùng giữ.", "pack"),
    FindingCode("assumed-value", Severity.INFO,
         "A check used a rule value whose basis is 'assumed' (not confirmed in any text).",
         "Kiểm tra đã dùng giá trị giả định, chưa được xác nhận trong văn bản.", "calendar"),
)  # fmt: skip
"""Every finding code, in one table: the docs' list is generated from it."""


@attrs.frozen
class Message:
    """A message in Vietnamese and in English."""

    vi: str
    """The message in Vietnamese, for offices."""
    en: str
    """The same message in English."""


class SubjectKind(enum.StrEnum):
    """What kind of thing a finding's subject is (``Finding.typed_subjects``)."""

    PERSON = "person"
    """A person: the people-directory id, or the normalised e-mail or name when unresolved."""
    VENUE = "venue"
    """A venue: its normalised name or directory id."""
    SOURCE = "source"
    """A source calendar, by name."""
    RULE = "rule"
    """A pack rule, by id."""
    MEETING = "meeting"
    """The meeting of a dossier (its id in the manifest)."""
    AGENDA_ITEM = "agenda-item"
    """An item of a meeting's agenda (its id in the dossier manifest)."""
    OTHER = "other"
    """Anything else (a producer that did not say)."""


@attrs.frozen
class Subject:
    """One subject of a finding, with what kind of thing it is."""

    kind: SubjectKind
    """What the subject is: a person, a venue, a source, a rule, a meeting …"""
    id: str
    """The subject as the finding names it (a person id, a venue name, a source name …)."""


_PERSON_CODES = frozenset(
    {"person-double-booked", "travel-too-tight", "attendance-unconfirmed", "attendee-mismatch"}
)
_VENUE_CODES = frozenset({"venue-double-booked", "venue-mismatch"})


def _inferred_kinds(code: str, rule: str, count: int) -> tuple[SubjectKind, ...]:
    """The kinds of the subjects the library's own checks give (see ``Finding.subject_kinds``)."""
    if rule.startswith("dossier."):
        kinds = (SubjectKind.MEETING, SubjectKind.AGENDA_ITEM) + (SubjectKind.OTHER,) * count
        return kinds[:count]
    if code in _PERSON_CODES:
        kind = SubjectKind.PERSON
    elif code in _VENUE_CODES:
        kind = SubjectKind.VENUE
    elif code == "source-empty":
        kind = SubjectKind.SOURCE
    elif code in ("assumed-value", "rule-not-in-force", "work-calendar-fallback"):
        kind = SubjectKind.RULE
    else:
        kind = SubjectKind.OTHER
    return (kind,) * count


@attrs.frozen
class SourceCopy:
    """Where one copy of an occurrence came from: source name, UID, RECURRENCE-ID."""

    source: str
    """The name of the source calendar the copy came from."""
    uid: str
    """The copy's UID in that source."""
    recurrence_id: Moment | None = None
    """The copy's RECURRENCE-ID (an aware datetime, or a date for an all-day instance), or
    ``None``. The JSON report writes it as ISO 8601 text."""


@attrs.frozen
class OccurrenceRef:
    """An occurrence as a finding names it (with every source copy)."""

    id: str
    """The merged occurrence's stable id (:attr:`MergedOccurrence.id`)."""
    summary: str
    """The meeting's title."""
    start: Moment
    """When it begins: an aware datetime, or a date for an all-day item (as
    :attr:`Occurrence.start <coordrules.Occurrence.start>`). The JSON report writes it as
    ISO 8601 text."""
    end: Moment
    """When it ends (exclusive): an aware datetime, or the day after the last for an all-day
    item. The JSON report writes it as ISO 8601 text."""
    venue: str | None = None
    """The venue as the reconciled copy writes it, when it has one."""
    sources: tuple[SourceCopy, ...] = ()
    """Every source copy of the occurrence."""


@attrs.frozen
class DocumentRef:
    """A dossier document as a finding names it."""

    id: str
    """The document's id in the dossier manifest (for a document not received: the agenda item's
    id, or ``meeting``, and the requirement's id).
    """
    path: str | None = None
    """The document's file, when there is one."""
    type: str | None = None
    """The document's type (a document type id of the pack), declared or read from the file."""
    title: str | None = None
    """The document's title: the manifest's, else the subject read from the file, else the
    requirement's name.
    """
    received: datetime | None = None
    """When the office received it (aware); ``None`` when not received. The JSON report
    writes it as ISO 8601 text."""


@attrs.frozen
class Finding:
    """One thing an office must look at.

    ``details`` holds code-specific data (for ``person-double-booked``: which
    meeting takes precedence and who may stand in) as JSON-ready values; for most codes
    its shape is a TypedDict, :data:`FINDING_DETAILS` by code.
    """

    code: str
    """The finding's stable code, one of :data:`CODES`."""
    severity: Severity
    """How bad it is: the code's default severity unless the check raised or lowered it."""
    message: Message
    """What an office must look at, in Vietnamese and English."""
    rule: str
    """The id of the rule that made it: a pack rule's id (``policy.precedence``) or a built-in
    check's (``calendar.one-meeting-per-venue``).
    """
    subjects: tuple[str, ...] = ()
    """Whom or what it is about: person, venue, source or meeting ids."""
    occurrences: tuple[OccurrenceRef, ...] = ()
    """The occurrences it is about, each with every source copy."""
    documents: tuple[DocumentRef, ...] = ()
    """The dossier documents it is about."""
    cite: str | None = None
    """The legal or local text the rule comes from, when the pack cites one."""
    basis: Basis | None = None
    """Whether that rule is statute, the province's own or assumed."""
    details: Mapping[str, Any] = attrs.field(factory=dict, eq=False, hash=False)
    """Code-specific data as JSON-ready values (for ``person-double-booked``: which meeting takes
    precedence and who may stand in).
    """
    file: str | None = None
    """For import problems: the file the problem is in."""
    place: str | None = None
    """For import problems: the place in the file (UID, line, table row)."""
    declared_kinds: tuple[SubjectKind, ...] | None = attrs.field(default=None)
    """What each of ``subjects`` is, when the producer says; see :attr:`subject_kinds`."""

    @declared_kinds.validator
    def _one_kind_per_subject(self, _: Any, kinds: tuple[SubjectKind, ...] | None) -> None:
        if kinds is not None and len(kinds) != len(self.subjects):
            raise ValueError("declared_kinds needs one kind per subject")

    @classmethod
    def of(
        cls,
        code: str,
        message: Message,
        *,
        rule: str,
        severity: Severity | None = None,
        **fields: Any,
    ) -> Finding:
        """Make a finding of a registered *code*, with its default severity."""
        spec = CODES[code]
        return cls(
            code=code,
            severity=spec.severity if severity is None else severity,
            message=message,
            rule=rule,
            **fields,
        )

    @property
    def subject_kinds(self) -> tuple[SubjectKind, ...]:
        """What each of ``subjects`` is, in the same order.

        ``declared_kinds`` when the producer gave them (one per subject);
        otherwise what the library's own checks put there: people for
        ``person-double-booked``, ``travel-too-tight``, ``attendance-unconfirmed``
        and ``attendee-mismatch``; venues for ``venue-double-booked`` and
        ``venue-mismatch``; the source for ``source-empty``; the rule for
        ``assumed-value``, and for a calendar's ``rule-not-in-force`` and
        ``work-calendar-fallback`` (the rules whose deadlines used it); the
        meeting and then the agenda item for dossier rules (``rule`` starting
        ``dossier.``); ``other`` for anything else.
        """
        if self.declared_kinds is not None:
            return self.declared_kinds
        return _inferred_kinds(self.code, self.rule, len(self.subjects))

    @property
    def typed_subjects(self) -> tuple[Subject, ...]:
        """``subjects`` with what kind of thing each is."""
        return tuple(
            Subject(kind, key) for kind, key in zip(self.subject_kinds, self.subjects, strict=True)
        )

    def about(self, kind: SubjectKind, key: str) -> bool:
        """Whether one of the subjects is *key* of this *kind*."""
        return any(
            k is kind and s == key for k, s in zip(self.subject_kinds, self.subjects, strict=True)
        )

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready data (see the JSON schema in the docs)."""
        data: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity.value,
            "message": {"vi": self.message.vi, "en": self.message.en},
            "rule": self.rule,
            "subjects": list(self.subjects),
            "subject_kinds": [kind.value for kind in self.subject_kinds],
            "occurrences": [_occurrence_dict(o) for o in self.occurrences],
            "documents": [_document_dict(d) for d in self.documents],
            "cite": self.cite,
            "basis": None if self.basis is None else self.basis.value,
            "details": dict(self.details),
        }
        if self.file is not None:
            data["file"] = self.file
        if self.place is not None:
            data["place"] = self.place
        return data


def _document_dict(ref: DocumentRef) -> dict[str, Any]:
    data = attrs.asdict(ref)
    data["received"] = None if ref.received is None else ref.received.isoformat()
    return data


def _occurrence_dict(ref: OccurrenceRef) -> dict[str, Any]:
    return {
        "id": ref.id,
        "summary": ref.summary,
        "start": ref.start.isoformat(),
        "end": ref.end.isoformat(),
        "venue": ref.venue,
        "sources": [
            {
                "source": s.source,
                "uid": s.uid,
                "recurrence_id": None if s.recurrence_id is None else s.recurrence_id.isoformat(),
            }
            for s in ref.sources
        ],
    }


@attrs.frozen
class SourceSummary:
    """How much one source gave: occurrences used and problems reported."""

    name: str
    """The source's name."""
    occurrences: int
    """How many occurrences it gave inside the window."""
    problems: int
    """How many problems were reported reading it."""


_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

MAX_FINDINGS_PER_CODE = 1000
"""A report lists at most this many findings of one code (the first in the stable order).

The rest are counted in one ``findings-omitted`` finding per code, so a hostile
input cannot make a report grow without bound and nothing is dropped silently.
"""


def finding_sort_key(finding: Finding) -> tuple[Any, ...]:
    """Errors first, then by code, first occurrence start, subjects, message, occurrence ids.

    The occurrence ids make the order total for every finding a check
    reports, so a report does not depend on the order its findings were
    found in (one process or many). Its first four parts are
    :func:`finding_order_prefix`.
    """
    return (
        *finding_order_prefix(finding),
        finding.message.en,
        tuple(o.id for o in finding.occurrences),
    )


def finding_order_prefix(finding: Finding) -> tuple[int, str, str, tuple[str, ...]]:
    """The start of :func:`finding_sort_key`: severity rank, code, first start, subjects.

    Cheap to know before a finding's message is written, which is what
    :class:`DeferredFinding` relies on.
    """
    # By the ISO 8601 text, as the JSON report shows it (a date and a datetime,
    # or two offsets, are never compared as instants here).
    first = finding.occurrences[0].start.isoformat() if finding.occurrences else ""
    return (_ORDER[finding.severity], finding.code, first, finding.subjects)


class DeferredFinding:
    """A finding not built yet: its :func:`finding_order_prefix` and how to build it.

    Checks that may find far more than a report lists (a year of a
    province's meetings) yield these, and :func:`first_per_code` builds only
    those a report keeps, by calling ``make(*args)``, which must return a
    finding whose :func:`finding_order_prefix` is ``prefix``.
    """

    __slots__ = ("args", "make", "prefix")

    def __init__(
        self,
        prefix: tuple[int, str, str, tuple[str, ...]],
        make: Callable[..., Finding],
        *args: Any,
    ) -> None:
        self.prefix = prefix
        self.make = make
        self.args = args

    def build(self) -> Finding:
        """The finding."""
        return self.make(*self.args)


def first_per_code(
    candidates: Iterable[Finding | DeferredFinding], limit: int | None
) -> tuple[list[Finding], dict[str, int]]:
    """The findings a report keeps of *candidates*, built, and how many of each code were not.

    For each code, keeps the first *limit* in the order of
    :func:`finding_sort_key` (and those tied with the last of them on
    :func:`finding_order_prefix`), building only those; the count of the
    rest is returned per code, ready for :meth:`Report.build`'s
    ``omitted``. ``None``: keep (and build) every one. Findings come back in
    the order of *candidates*. *candidates* is consumed once, as a stream:
    memory stays bounded by about twice *limit* per code, however many come.
    """
    if limit is None:
        return [c.build() if isinstance(c, DeferredFinding) else c for c in candidates], {}
    limit = max(limit, 1)
    buckets: dict[str, list[tuple[tuple[Any, ...], int, Finding | DeferredFinding]]] = {}
    bounds: dict[str, tuple[Any, ...]] = {}
    omitted: dict[str, int] = {}
    for n, candidate in enumerate(candidates):
        prefix = (
            candidate.prefix
            if isinstance(candidate, DeferredFinding)
            else finding_order_prefix(candidate)
        )
        code = prefix[1]
        bound = bounds.get(code)
        if bound is not None and prefix > bound:
            # At least *limit* kept ones come first: this one is never listed.
            omitted[code] += 1
            continue
        bucket = buckets.get(code)
        if bucket is None:
            bucket = buckets[code] = []
        bucket.append((prefix, n, candidate))
        if len(bucket) >= 2 * limit and code != "findings-omitted":
            bounds[code] = _prune(bucket, limit, omitted, code)
    for code, bucket in buckets.items():
        if len(bucket) > limit and code != "findings-omitted":
            _prune(bucket, limit, omitted, code)
    kept = sorted((n, c) for bucket in buckets.values() for _, n, c in bucket)
    built = [c.build() if isinstance(c, DeferredFinding) else c for _, c in kept]
    return built, {code: n for code, n in omitted.items() if n}


def _prune(
    bucket: list[tuple[tuple[Any, ...], int, Finding | DeferredFinding]],
    limit: int,
    omitted: dict[str, int],
    code: str,
) -> tuple[Any, ...]:
    """Keep the first *limit* of *bucket* and their ties; count the rest; the last kept prefix."""
    bucket.sort(key=lambda t: (t[0], t[1]))
    bound = bucket[limit - 1][0]
    cut = limit
    while cut < len(bucket) and bucket[cut][0] == bound:
        cut += 1
    omitted[code] = omitted.get(code, 0) + len(bucket) - cut
    del bucket[cut:]
    return bound


@attrs.frozen
class Report:
    """The findings of one check, in a stable order, with a summary.

    ``window`` is the :class:`~coordrules.Window` of days checked (both included) or
    ``None``. ``as_of`` is the moment the check was made for, supplied by the caller.
    The JSON report writes both as ISO 8601 text.
    """

    findings: tuple[Finding, ...] = ()
    """The findings, errors first, in a stable order."""
    as_of: datetime | None = None
    """The moment the check was made for (aware), supplied by the caller."""
    window: Window | None = None
    """The first and last day checked, both included; ``None`` when no window applies."""
    sources: tuple[SourceSummary, ...] = ()
    """What each source gave."""

    @classmethod
    def build(
        cls,
        findings: Iterable[Finding],
        *,
        as_of: datetime | None = None,
        window: Window | tuple[date, date] | None = None,
        sources: Iterable[SourceSummary] = (),
        max_per_code: int | None = MAX_FINDINGS_PER_CODE,
        omitted: Mapping[str, int] | None = None,
    ) -> Report:
        """A report with *findings* sorted into their stable order.

        At most *max_per_code* findings of each code are kept (the first in
        that order); each code cut gets one ``findings-omitted`` finding with
        the number left out. ``None``: keep every finding.

        *omitted* counts, per code, findings the caller already left out
        (:func:`first_per_code` gives it): they are counted in that code's
        ``findings-omitted`` finding, as if they had been given and cut.

        *as_of* and *window* as ISO 8601 text (as before 0.2.0) still work, with a
        ``DeprecationWarning``, until 0.3.0.
        """
        ordered = sorted(findings, key=finding_sort_key)
        if max_per_code is not None:
            ordered = _cap(ordered, max(max_per_code, 1), omitted or {})
        return cls(
            findings=tuple(ordered),
            as_of=_moment(as_of),
            window=_window(window),
            sources=tuple(sources),
        )

    @property
    def summary(self) -> dict[str, int]:
        """Number of findings per severity."""
        counts = {s.value: 0 for s in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        """Whether any finding is an error."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    def by_code(self, code: str) -> tuple[Finding, ...]:
        """The findings with this code."""
        return tuple(f for f in self.findings if f.code == code)

    def about(self, kind: SubjectKind, key: str) -> tuple[Finding, ...]:
        """The findings one of whose subjects is *key* of this *kind*, in report order."""
        return tuple(f for f in self.findings if f.about(kind, key))

    def about_person(self, person_id: str) -> tuple[Finding, ...]:
        """The findings about this person (a subject of kind ``person``), in report order.

        Findings about a meeting as a whole (a venue booked twice, copies that
        disagree on the time) name no person: find them by occurrence, e.g.
        with :meth:`about_occurrences` and ``MergedCalendar.for_person``.
        """
        return self.about(SubjectKind.PERSON, person_id)

    def about_occurrences(self, ids: Iterable[str]) -> tuple[Finding, ...]:
        """The findings that name one of these merged-occurrence ids, in report order."""
        wanted = set(ids)
        return tuple(f for f in self.findings if any(o.id in wanted for o in f.occurrences))

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data, in the documented stable shape."""
        return {
            "coordrules": __version__,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "window": None
            if self.window is None
            else {"from": self.window.first.isoformat(), "to": self.window.last.isoformat()},
            "sources": [
                {"name": s.name, "occurrences": s.occurrences, "problems": s.problems}
                for s in self.sources
            ],
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON text (UTF-8, Vietnamese not escaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, sort_keys=False)


def _text_warning(what: str) -> None:
    warnings.warn(
        f"Report.build({what}=) as ISO 8601 text is deprecated; pass a "
        f"{'datetime' if what == 'as_of' else 'Window of dates'} (text goes in 0.3.0) / "
        f"{what} dạng văn bản đã lỗi thời",
        DeprecationWarning,
        stacklevel=4,
    )


def _moment(as_of: datetime | str | None) -> datetime | None:
    """*as_of* as a datetime; ISO 8601 text (the old spelling) is read, with a warning."""
    if isinstance(as_of, str):
        _text_warning("as_of")
        moment = datetime.fromisoformat(as_of)
        if moment.utcoffset() is None:
            # The report's moment is an instant: text without an offset names none.
            raise ValueError(
                f"Report.build(as_of={as_of!r}): the moment needs a UTC offset "
                "(2026-12-07T20:00:00+07:00) / thời điểm cần có độ lệch múi giờ"
            )
        return moment
    return as_of


def _window(window: tuple[date, date] | tuple[str, str] | None) -> Window | None:
    """*window* as a :class:`Window`; ISO 8601 text (the old spelling) is read, with a
    warning."""
    if window is None:
        return None
    first, last = window
    if isinstance(first, str) or isinstance(last, str):
        _text_warning("window")
        return Window(date.fromisoformat(str(first)), date.fromisoformat(str(last)))
    return Window(first, last)


def _cap(ordered: list[Finding], limit: int, omitted: Mapping[str, int]) -> list[Finding]:
    """*ordered* with at most *limit* findings per code, and a count of the rest."""
    totals: dict[str, int] = {code: n for code, n in omitted.items() if n > 0}
    for finding in ordered:
        totals[finding.code] = totals.get(finding.code, 0) + 1
    cut = {code: n for code, n in totals.items() if n > limit and code != "findings-omitted"}
    if not cut:
        return ordered
    kept: list[Finding] = []
    seen: dict[str, int] = {}
    for finding in ordered:
        n = seen[finding.code] = seen.get(finding.code, 0) + 1
        if finding.code not in cut or n <= limit:
            kept.append(finding)
    kept.extend(
        Finding.of(
            "findings-omitted",
            Message(
                vi=f"Còn {total - limit} phát hiện «{code}» khác không được liệt kê "
                f"(tổng số {total}; mỗi báo cáo liệt kê tối đa {limit} phát hiện mỗi loại).",
                en=f"{total - limit} more «{code}» findings are not listed "
                f"({total} in all; a report lists at most {limit} of each code).",
            ),
            rule="report.max-findings-per-code",
            subjects=(code,),
            details=FindingsOmittedDetails(
                code=code, omitted=total - limit, total=total, limit=limit
            ),
        )
        for code, total in cut.items()
    )
    return sorted(kept, key=finding_sort_key)
