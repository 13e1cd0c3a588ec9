"""Meeting dossiers (hồ sơ cuộc họp): the checks.

What lives here: the check (:func:`check_dossier`) that compares a dossier
with the pack's requirements (thành phần hồ sơ, thời hạn gửi), and its parts:
the checklist (:func:`checklist`, :class:`ChecklistRow`), the type a document
counts as (:func:`resolve_type`) and whether it had arrived
(:func:`received_at`). The dossier model is in :mod:`coordrules.model.dossier`,
the manifest reader in :mod:`coordrules.packs.manifest`.

What never lives here: opening DOCX files. Inspection is an adapter
(:mod:`coordrules.adapters.docx.inspection`); the check takes it as a callable, so this module
imports no file-format library and reads no clock (the caller passes
``as_of``). Every deadline is counted by the pack's work calendar
(:meth:`~coordrules.packs.workdays.WorkCalendar.deadline`); every finding carries
the requirement's ``cite`` and ``basis``, and each ``assumed`` value used is
reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import attrs

from coordrules.model.deprecation import deprecated_parameters
from coordrules.model.details import (
    AssumedValueDetails,
    DocumentDeadlineDetails,
    DocumentLateDetails,
    DocumentTypeMismatchDetails,
    DocumentUnidentifiedDetails,
    RuleNotInForceDetails,
    WorkCalendarFallbackDetails,
)
from coordrules.model.doctypes import DOCUMENT_TYPES, ITEM_KINDS, TypeLookup, is_a, lineage
from coordrules.model.dossier import (
    AgendaItem,
    DocumentInfo,
    DocumentInspector,
    Dossier,
    DossierDocument,
    Meeting,
)
from coordrules.model.errors import InputError
from coordrules.model.findings import DocumentRef, Finding, Message, Report
from coordrules.model.values import Basis, DeadlineUnit, in_force
from coordrules.packs.pack import Pack, Requirement
from coordrules.rules.assumptions import calendar_fallback


@attrs.frozen
class ChecklistRow:
    """One line of the checklist (phiếu kiểm tra hồ sơ): a requirement and its state.

    ``state`` is ``received``, ``late``, ``missing`` or ``due``. ``document``
    is the document that met the requirement and ``document_type`` the type
    it counted as: the requirement's own type or one of its subtypes (a
    Báo cáo thẩm tra meets a requirement for a Báo cáo).
    """

    requirement: Requirement
    """The pack's requirement (thành phần hồ sơ) this row checks."""
    item: AgendaItem | None
    """The agenda item it is required for; ``None`` for a requirement of the meeting itself."""
    deadline: datetime
    """When the document was due (aware), counted by the pack's work calendar."""
    state: str
    """``received``, ``late``, ``missing`` or ``due`` (not yet due at ``as_of``)."""
    document: DossierDocument | None = None
    """The document that met the requirement; ``None`` when none did."""
    late_by: str | None = None
    """How late it came, in the rule's own unit (``"2 working days"``); ``None`` when on time."""
    document_type: str | None = None
    """The type the document counted as: the requirement's own or one of its subtypes."""
    fallback_years: tuple[int, ...] = ()
    """Years the deadline counts working days in that the pack has no announced
    schedule for: the ``holidays`` package decided them (an assumption)."""


def _condition_met(condition: str | None, flags: frozenset[str]) -> bool:
    """``flag`` needs the flag set; ``not:flag`` needs it unset."""
    if condition is None:
        return True
    if condition.startswith("not:"):
        return condition[4:] not in flags
    return condition in flags


def _ref(
    doc: DossierDocument, doc_type: str | None, info: DocumentInfo | None = None
) -> DocumentRef:
    return DocumentRef(
        id=doc.id,
        path=doc.path,
        type=doc_type,
        title=doc.title or (info.subject if info else None),
        received=doc.received,
    )


def _late_by(pack: Pack, requirement: Requirement, deadline: datetime, received: datetime) -> str:
    """How late, in the rule's own unit: ``"2 working days"``, ``"3 days"``, ``"5 hours"``."""
    tz = pack.work_calendar.tz
    late_day, due_day = received.astimezone(tz).date(), deadline.astimezone(tz).date()
    if requirement.deadline.unit is DeadlineUnit.WORKING_DAYS:
        count = pack.work_calendar.working_days_between(due_day, late_day)
        if count > 0:
            return f"{count} working day{'s' * (count != 1)}"
    elif requirement.deadline.unit is DeadlineUnit.DAYS and late_day > due_day:
        count = (late_day - due_day).days
        return f"{count} day{'s' * (count != 1)}"
    hours = max(1, round((received - deadline).total_seconds() / 3600))
    return f"{hours} hour{'s' * (hours != 1)}"


_LATE_VI = {"working day": "ngày làm việc", "day": "ngày", "hour": "giờ"}


def late_by_vi(text: str) -> str:
    """A checklist row's ``late_by`` in Vietnamese: ``"2 working days"`` → ``"2 ngày làm việc"``."""
    amount, unit = text.split(" ", 1)
    unit = unit.removesuffix("s")
    return f"{amount} {_LATE_VI[unit]}"


def received_at(document: DossierDocument, as_of: datetime) -> bool:
    """Whether *document* had been received at the moment *as_of*.

    A document received after *as_of* had not arrived then: at *as_of* it is
    not yet received, so a check replayed at a past moment gives the answer
    it gave then. A document without a received time counts as received (at
    *as_of* at the latest).
    """
    return document.received is None or document.received <= as_of


def resolve_type(
    declared: str | None, found: str | None, lookup: TypeLookup = DOCUMENT_TYPES.get
) -> str | None:
    """The type a document counts as, from its declared type and the one read in it.

    The declared type, unless the file reads as a subtype of it (declared
    ``bao-cao``, read ``bao-cao-tham-tra``: the more precise reading counts);
    the type read when none was declared. When the two disagree (neither is
    a kind of the other) the declared type counts and :func:`check_dossier`
    reports ``document-type-mismatch``.
    """
    if declared is None:
        return found
    if found is not None and is_a(found, declared, lookup):
        return found
    return declared


@deprecated_parameters(was_positional=("as_of", "types"))
def checklist(
    meeting: Meeting,
    dossier: Dossier,
    pack: Pack,
    *,
    as_of: datetime,
    types: Mapping[str, str | None] | None = None,
) -> tuple[ChecklistRow, ...]:
    """The checklist rows: each requirement in force on the meeting's date, and its state.

    *types* gives each document's type by document id (declared or found,
    see :func:`resolve_type`); by default only the declared types count.
    Requirements of agenda items apply once per item of their kind; a
    ``condition`` names a flag of the item (or of the meeting, for
    meeting-level ones; ``not:flag`` inverts). Only documents received at
    *as_of* count (:func:`received_at`).

    A requirement is met by a document filed under the same item (or under
    the meeting) whose type is the requirement's type or a subtype of it
    (:func:`~coordrules.model.doctypes.is_a`), the earliest received first.
    A document of exactly the required type may meet several requirements
    for that type; a document that meets a requirement as a subtype meets
    only that one, and is never taken by a broader requirement while a
    narrower one needs it (requirements for narrower types choose first).
    """
    known = types if types is not None else {d.id: d.declared_type for d in dossier.documents}
    lookup = pack.document_type
    present = [d for d in dossier.documents if received_at(d, as_of)]

    def arrival(doc: DossierDocument) -> datetime:
        return doc.received or as_of

    on = meeting.start.astimezone(pack.work_calendar.tz).date()
    slots: list[tuple[Requirement, AgendaItem | None, datetime]] = []
    fallback: dict[int, tuple[int, ...]] = {}
    for requirement in pack.requirements_for(meeting.kind, on):
        targets: Iterable[AgendaItem | None]
        if requirement.item_kind is None:
            targets = [None]
        else:
            targets = [i for i in dossier.items if i.kind == requirement.item_kind]
        for item in targets:
            flags = meeting.all_flags if item is None else frozenset(item.flags)
            if not _condition_met(requirement.condition, flags):
                continue
            reference = meeting.start
            if requirement.deadline.reference == "end" and meeting.end is not None:
                reference = meeting.end
            deadline = pack.work_calendar.deadline(requirement.deadline, reference)
            slots.append((requirement, item, deadline))
            fallback[len(slots) - 1] = pack.work_calendar.fallback_years(
                requirement.deadline, reference
            )

    def candidates(slot: int) -> list[DossierDocument]:
        item = slots[slot][1]
        item_id = None if item is None else item.id
        return [d for d in present if d.item == item_id and known.get(d.id) is not None]

    chosen: dict[int, DossierDocument] = {}
    used: set[str] = set()
    for slot, (requirement, _item, _deadline) in enumerate(slots):
        exact = [d for d in candidates(slot) if known.get(d.id) == requirement.document]
        if exact:
            chosen[slot] = min(exact, key=arrival)
            used.add(chosen[slot].id)
    open_slots = [slot for slot in range(len(slots)) if slot not in chosen]
    open_slots.sort(key=lambda slot: -len(lineage(slots[slot][0].document, lookup)))
    for slot in open_slots:
        wanted = slots[slot][0].document
        subtypes = [
            d
            for d in candidates(slot)
            if d.id not in used and is_a(str(known.get(d.id)), wanted, lookup)
        ]
        if subtypes:
            chosen[slot] = min(subtypes, key=arrival)
            used.add(chosen[slot].id)

    rows: list[ChecklistRow] = []
    for slot, (requirement, item, deadline) in enumerate(slots):
        doc = chosen.get(slot)
        if doc is None:
            state = "missing" if as_of > deadline else "due"
            rows.append(
                ChecklistRow(requirement, item, deadline, state, fallback_years=fallback[slot])
            )
            continue
        received = arrival(doc)
        doc_type = known.get(doc.id)
        late = _late_by(pack, requirement, deadline, received) if received > deadline else None
        state = "late" if late is not None else "received"
        rows.append(
            ChecklistRow(requirement, item, deadline, state, doc, late, doc_type, fallback[slot])
        )
    return tuple(rows)


def _where(item: AgendaItem | None) -> tuple[str, str]:
    if item is None:
        return "cuộc họp", "the meeting"
    return f"nội dung “{item.title}”", f"item “{item.title}”"


@deprecated_parameters(was_positional=("as_of",))
def check_dossier(
    meeting: Meeting,
    dossier: Dossier,
    pack: Pack,
    *,
    as_of: datetime,
    inspect: DocumentInspector | None = None,
) -> Report:
    """Check a meeting's dossier against the pack's requirements; return the findings.

    Each requirement of the meeting's kind in force on the meeting's date
    (and of each agenda item's kind) is looked up among the documents:
    ``document-missing`` when absent after its deadline, ``document-due-soon``
    when absent before it (saying when), ``document-late`` when received after
    it (by how much, in working days where the rule counts them). Deadlines
    come from the pack's work calendar. A requirement for a type is met by a
    document of that type or of a subtype (a Báo cáo thẩm tra meets a
    requirement for a Báo cáo; see :func:`checklist`), and a late finding
    names the document that met it (``details["met_by"]``,
    ``details["met_by_type"]``).

    The check is honest about time: a document received after *as_of* had
    not arrived at *as_of*, so it is not read and does not count (the
    requirement it would meet is ``due`` or ``missing`` then). Replayed at a
    past moment, the check gives the answer it gave at that moment.

    With *inspect* (a function path → :class:`DocumentInfo`, such as
    ``inspect_document``), each file is read: its type is used where none
    was declared, or where it is a subtype of the declared one
    (:func:`resolve_type`; ``document-unidentified`` if neither tells);
    a file declared as one type that reads as an unrelated one gets
    ``document-type-mismatch`` and counts as declared. Its own findings
    (format, number line, tracked changes, legacy fonts) are added. A file
    *inspect* cannot read
    (``InputError``: missing, not a DOCX …) becomes an ``import-problem``
    finding and does not count as received, whatever its declared type; the
    rest is checked. Every requirement used whose basis is ``assumed`` is reported
    once (``assumed-value``).

    *as_of* must be timezone-aware. Raises :class:`~coordrules.InputError`
    when the pack knows neither the meeting's kind nor any requirement for it.
    """
    if as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    manifest = dossier.manifest or "<dossier>"
    _check_meeting_kind(meeting, pack, manifest)
    findings, types, infos = _read_documents(dossier, pack, as_of, inspect)
    findings += _check_item_kinds(meeting, dossier, pack, manifest)
    rows = checklist(meeting, dossier, pack, as_of=as_of, types=types)
    findings += [f for row in rows if (f := _row_finding(meeting, row, types, infos)) is not None]
    findings += _assumed_deadlines(meeting, rows)
    findings += _not_in_force(meeting, dossier, pack)
    findings += _calendar_fallback(meeting, rows)
    return Report.build(findings, as_of=as_of)


def _check_meeting_kind(meeting: Meeting, pack: Pack, manifest: str) -> None:
    """Raise ``InputError`` when the pack knows neither the meeting's kind nor a requirement."""
    kinds = {k.id for k in pack.meeting_kinds} | {r.meeting_kind for r in pack.requirements}
    if meeting.kind not in kinds:
        raise InputError(
            manifest,
            f"meeting kind {meeting.kind!r} is not in pack {pack.id!r}",
            place="meeting.kind",
            reason_vi=f"gói quy tắc không có loại cuộc họp {meeting.kind!r}",
            hint="known: " + ", ".join(sorted(kinds)),
        )


def _read_documents(
    dossier: Dossier, pack: Pack, as_of: datetime, inspect: DocumentInspector | None
) -> tuple[list[Finding], dict[str, str | None], dict[str, DocumentInfo]]:
    """Each document received at *as_of*, read with *inspect*: the findings, the type each
    counts as (``None``: not received, unreadable or unidentified) and what was read."""
    findings: list[Finding] = []
    types: dict[str, str | None] = {}
    infos: dict[str, DocumentInfo] = {}
    lookup = pack.document_type
    for doc in dossier.documents:
        if not received_at(doc, as_of):
            # Not yet received at as_of: the check is the one made at that moment.
            types[doc.id] = None
            continue
        info: DocumentInfo | None = None
        if inspect is not None:
            try:
                info = inspect(doc.path)
            except InputError as error:
                # A file that cannot be read does not count as received.
                findings.append(_unreadable(doc, error))
                types[doc.id] = None
                continue
        found = info.type if info is not None else None
        types[doc.id] = resolve_type(doc.declared_type, found, lookup)
        if info is not None:
            infos[doc.id] = info
            ref = _ref(doc, types[doc.id], info)
            findings.extend(attrs.evolve(f, documents=(ref,)) for f in info.findings)
            declared = doc.declared_type
            if declared is not None and found is not None and _unrelated(declared, found, lookup):
                findings.append(_type_mismatch(doc, declared, found, info, pack))
        if types[doc.id] is None and (inspect is None or info is not None):
            findings.append(_unidentified(doc, inspected=info is not None))
    return findings, types, infos


def _check_item_kinds(
    meeting: Meeting, dossier: Dossier, pack: Pack, manifest: str
) -> list[Finding]:
    """An ``import-problem`` per agenda item of a kind the pack requires nothing for;
    ``InputError`` for a kind nobody knows."""
    findings: list[Finding] = []
    item_kinds = {r.item_kind for r in pack.requirements if r.item_kind is not None}
    for index, item in enumerate(dossier.items):
        if item.kind not in item_kinds and item.kind not in ITEM_KINDS:
            # A kind nobody knows is a typo: checking nothing would read as "complete".
            raise InputError(
                manifest,
                f"unknown agenda item kind {item.kind!r}",
                place=f"items[{index}].kind",
                reason_vi=f"loại nội dung {item.kind!r} không có trong danh mục",
                hint="known: " + ", ".join(sorted(item_kinds | set(ITEM_KINDS))),
            )
        if item.kind not in item_kinds:
            findings.append(
                Finding.of(
                    "import-problem",
                    Message(
                        vi=f"Gói quy tắc không có yêu cầu hồ sơ cho loại nội dung {item.kind!r}.",
                        en=f"The pack has no dossier requirement for item kind {item.kind!r}.",
                    ),
                    rule="dossier.item-kind",
                    subjects=(meeting.id, item.id),
                    file=manifest,
                    place=f"item {item.id}",
                )
            )
    return findings


def _assumed_deadlines(meeting: Meeting, rows: Iterable[ChecklistRow]) -> list[Finding]:
    """An ``assumed-value`` per requirement used whose deadline's basis is ``assumed``."""
    assumed: dict[str, Requirement] = {}
    for row in rows:
        req = row.requirement
        # The deadline's own basis (a list read in a law may carry an assumed deadline).
        if req.sourced().basis is Basis.ASSUMED:
            assumed.setdefault(req.id, req)
    return [
        Finding.of(
            "assumed-value",
            Message(
                vi=f"Thời hạn “{req.name}” ({req.deadline.describe_vi()}) là giá trị giả "
                "định, chưa được xác nhận trong văn bản.",
                en=f"The deadline of “{req.name}” ({req.deadline.describe()}) is assumed, "
                "not confirmed in any text.",
            ),
            rule=f"dossier.{req.id}",
            subjects=(meeting.id,),
            cite=req.cite,
            basis=req.sourced().basis,
            details=AssumedValueDetails(requirement=req.id, deadline=req.deadline.describe()),
        )
        for req in assumed.values()
    ]


def _not_in_force(meeting: Meeting, dossier: Dossier, pack: Pack) -> list[Finding]:
    """A ``rule-not-in-force`` finding per requirement that would apply but has no version.

    A requirement of an agenda-item kind counts only when the dossier has an
    item of that kind.
    """
    on = meeting.start.astimezone(pack.work_calendar.tz).date()
    item_kinds = {item.kind for item in dossier.items}
    versions: dict[str, list[Requirement]] = {}
    for req in pack.requirements:
        if req.meeting_kind == meeting.kind and (
            req.item_kind is None or req.item_kind in item_kinds
        ):
            versions.setdefault(req.id, []).append(req)
    found = []
    for req_id, group in versions.items():
        if any(in_force(r.since, r.until, on) for r in group):
            continue
        spans = ", ".join(
            f"[{_day_or_open(r.since)}, {_day_or_open(r.until)})"
            for r in sorted(group, key=lambda r: r.since or date.min)
        )
        found.append(
            Finding.of(
                "rule-not-in-force",
                Message(
                    vi=f"Yêu cầu “{group[0].name}” không có phiên bản nào có hiệu lực ngày "
                    f"{on.strftime('%d/%m/%Y')} (hiệu lực: {spans}); chưa kiểm tra yêu cầu này.",
                    en=f"“{group[0].name}” has no version in force on {on.isoformat()} "
                    f"(versions: {spans}); this requirement was not checked.",
                ),
                rule=f"dossier.{req_id}",
                subjects=(meeting.id,),
                cite=group[-1].cite,
                basis=group[-1].basis,
                details=RuleNotInForceDetails(
                    requirement=req_id, date=on.isoformat(), versions=spans
                ),
            )
        )
    return found


def _day_or_open(day: date | None) -> str:
    return day.isoformat() if day is not None else "…"


def _calendar_fallback(meeting: Meeting, rows: Iterable[ChecklistRow]) -> list[Finding]:
    """One ``work-calendar-fallback`` finding when a deadline counted days of unlisted years."""
    years = sorted({y for row in rows for y in row.fallback_years})
    if not years:
        return []
    used = sorted({row.requirement.id for row in rows if row.fallback_years})
    details = WorkCalendarFallbackDetails(years=years, requirements=used)
    return [calendar_fallback(years, (meeting.id,), details)]


def _unreadable(doc: DossierDocument, error: InputError) -> Finding:
    return Finding.of(
        "import-problem",
        Message(
            vi="Không đọc được tệp"
            + ("" if error.reason_vi in (None, "không đọc được tệp") else f": {error.reason_vi}"),
            en=f"The file cannot be read: {error.reason}",
        ),
        rule="dossier.read",
        documents=(_ref(doc, doc.declared_type),),
        file=doc.path,
        place=error.place,
        details={"reason": error.reason, "hint": error.hint},
    )


def _unrelated(a: str, b: str, lookup: TypeLookup) -> bool:
    """Neither type is a kind of the other (a Tờ trình and a Báo cáo, not a Báo cáo
    and a Báo cáo thẩm tra)."""
    return not is_a(a, b, lookup) and not is_a(b, a, lookup)


def _type_name(type_id: str, pack: Pack) -> str:
    found = pack.document_type(type_id)
    return type_id if found is None else found.name


def _type_mismatch(
    doc: DossierDocument, declared: str, found: str, info: DocumentInfo, pack: Pack
) -> Finding:
    said, read = _type_name(declared, pack), _type_name(found, pack)
    return Finding.of(
        "document-type-mismatch",
        Message(
            vi=f"Hồ sơ khai báo văn bản là {said} nhưng nội dung văn bản là {read}; "
            "kiểm tra tính theo loại đã khai báo.",
            en=f"The manifest declares the document a {said} ({declared}) but it reads as a "
            f"{read} ({found}); the check counts it as declared.",
        ),
        rule="dossier.identify",
        documents=(_ref(doc, declared, info),),
        details=DocumentTypeMismatchDetails(declared=declared, found=found, counted_as=declared),
    )


def _unidentified(doc: DossierDocument, *, inspected: bool) -> Finding:
    why = "its content names no known type" if inspected else "it was not inspected"
    why_vi = "nội dung không cho biết loại" if inspected else "tệp không được đọc"
    return Finding.of(
        "document-unidentified",
        Message(
            vi=f"Không xác định được loại văn bản ({why_vi}) và hồ sơ không khai báo loại.",
            en=f"The document's type cannot be told ({why}) and none was declared.",
        ),
        rule="dossier.identify",
        documents=(_ref(doc, None),),
        details=DocumentUnidentifiedDetails(hint='declare it: type = "to-trinh" in the manifest'),
    )


def _row_finding(
    meeting: Meeting,
    row: ChecklistRow,
    types: Mapping[str, str | None],
    infos: Mapping[str, DocumentInfo],
) -> Finding | None:
    req = row.requirement
    where_vi, where_en = _where(row.item)
    subjects = (meeting.id,) if row.item is None else (meeting.id, row.item.id)
    details = DocumentDeadlineDetails(
        requirement=req.id,
        document_type=req.document,
        deadline=row.deadline.isoformat(),
        rule=req.deadline.describe(),
        submitted_by=req.submitted_by
        if req.submitted_by is not None or row.item is None
        else row.item.submitted_by,
        to=req.to,
        item=None if row.item is None else row.item.id,
    )
    if row.fallback_years:
        # The deadline says which assumption it used (see work-calendar-fallback).
        details["calendar_fallback_years"] = list(row.fallback_years)
    due = row.deadline.strftime("%H:%M %d/%m/%Y")
    common: dict[str, Any] = {
        "rule": f"dossier.{req.id}",
        "subjects": subjects,
        "cite": req.cite,
        "basis": req.sourced().basis,
    }
    if row.state in ("missing", "due"):
        ref = DocumentRef(id=f"{details['item'] or 'meeting'}:{req.id}", type=req.document,
                          title=req.name)  # fmt: skip
        if row.state == "missing":
            return Finding.of(
                "document-missing",
                Message(
                    vi=f"Thiếu {req.name} của {where_vi}; hạn {due} ({req.deadline.describe_vi()}) "
                    "đã qua.",
                    en=f"Missing {req.name} for {where_en}; it was due by {due} "
                    f"({req.deadline.describe()}).",
                ),
                documents=(ref,),
                details=details,
                **common,
            )
        return Finding.of(
            "document-due-soon",
            Message(
                vi=f"Chưa có {req.name} của {where_vi}; hạn gửi {due} "
                f"({req.deadline.describe_vi()}).",
                en=f"{req.name} for {where_en} not received yet; due by {due} "
                f"({req.deadline.describe()}).",
            ),
            documents=(ref,),
            details=details,
            **common,
        )
    if row.state == "late" and row.document is not None and row.late_by is not None:
        doc = row.document
        late: DocumentLateDetails = {
            **details,
            "late_by": row.late_by,
            "met_by": doc.id,
            "met_by_type": row.document_type,
            "received_assumed": doc.received is None,
        }
        return Finding.of(
            "document-late",
            Message(
                vi=f"{req.name} của {where_vi} gửi muộn {late_by_vi(row.late_by)} so với hạn {due} "
                f"({req.deadline.describe_vi()}).",
                en=f"{req.name} for {where_en} arrived {row.late_by} after its deadline {due} "
                f"({req.deadline.describe()}).",
            ),
            documents=(_ref(doc, types.get(doc.id), infos.get(doc.id)),),
            details=late,
            **common,
        )
    return None
