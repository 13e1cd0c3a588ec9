"""Meeting dossiers (hồ sơ cuộc họp): the model, the manifest, and the checks.

What lives here: the dossier model (:class:`Meeting`, :class:`AgendaItem`,
:class:`DossierDocument`, :class:`Dossier`), what an inspection of one
document found (:class:`DocumentInfo`), the TOML manifest reader
(:func:`load_manifest`) and the check (:func:`check_dossier`) that compares a
dossier with the pack's requirements (thành phần hồ sơ, thời hạn gửi).

What never lives here: opening DOCX files. Inspection is an adapter
(:mod:`coordrules.adapters.docx.inspection`); the check takes it as a callable, so this module
imports no file-format library and reads no clock (the caller passes
``as_of``). Every deadline is counted by the pack's work calendar
(:meth:`~coordrules.packs.workdays.WorkCalendar.deadline`); every finding carries
the requirement's ``cite`` and ``basis``, and each ``assumed`` value used is
reported.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from coordrules.model.doctypes import DOCUMENT_TYPES, ITEM_KINDS, TypeLookup, is_a, lineage
from coordrules.model.errors import InputError
from coordrules.model.findings import DocumentRef, Finding, Message, Report
from coordrules.model.values import Basis, DeadlineUnit, in_force
from coordrules.packs import limits
from coordrules.packs.pack import Pack, Requirement

# --- The model ------------------------------------------------------------------


@attrs.frozen
class Meeting:
    """A meeting whose dossier is checked (cuộc họp, kỳ họp, hội nghị).

    ``kind`` is a meeting-kind id of the pack (``hdnd-session``); ``start``
    and ``end`` are timezone-aware; ``urgent`` marks an urgent meeting (họp
    đột xuất), which sets the ``urgent`` flag for requirement conditions.
    """

    kind: str
    """The meeting-kind id of the pack (``hdnd-session``); it decides which documents are required.
    """
    title: str
    """The meeting's title, for people."""
    start: datetime
    """When it opens (an aware datetime); deadlines are counted from it."""
    end: datetime | None = None
    """When it closes (an aware datetime), when the manifest says; deadlines ``after end`` need it.
    """
    venue: str | None = None
    """Where it is held, as the manifest writes it."""
    urgent: bool = False
    """Whether it is an urgent meeting (họp đột xuất); sets the ``urgent`` flag."""
    id: str = "meeting"
    """Its id in findings (``meeting`` unless the manifest gives one)."""
    flags: tuple[str, ...] = ()
    """Flags for meeting-level requirement conditions."""

    @property
    def all_flags(self) -> frozenset[str]:
        """The flags, with ``urgent`` when the meeting is urgent."""
        return frozenset(self.flags) | ({"urgent"} if self.urgent else set())


@attrs.frozen
class AgendaItem:
    """One item on the agenda (nội dung trình) and who submits it (cơ quan trình).

    ``kind`` is an item-kind id (``draft-normative-resolution`` …, see
    ``ITEM_KINDS``); ``flags`` name the conditions it meets
    (``policy-impact``: a policy impact report is needed).
    """

    id: str
    """The item's id in the manifest; findings and documents name it."""
    kind: str
    """The item-kind id (``draft-normative-resolution`` …); it decides which documents the item
    needs.
    """
    title: str
    """The item's title (trích yếu), for people."""
    submitted_by: str | None = None
    """The id of the body or office that submits it (cơ quan trình), when the manifest says."""
    flags: tuple[str, ...] = ()
    """The conditions it meets (``policy-impact``), for requirement conditions."""


@attrs.frozen
class DossierDocument:
    """A file in the dossier: where it is, when it arrived, what it is said to be.

    ``item`` is the id of the agenda item it belongs to, ``None`` for a
    document of the meeting as a whole (giấy mời, chương trình).
    ``received`` ``None`` means the time was not given: the check takes the
    moment of the check (``as_of``) as the latest it can have arrived. A
    document received after ``as_of`` does not count at ``as_of``.
    """

    id: str
    """The document's id in the manifest; findings name it."""
    path: str
    """The file: the manifest's path joined to the manifest's folder."""
    received: datetime | None = None
    """When the office received it (an aware datetime); ``None``: not given, taken as ``as_of`` at
    the latest.
    """
    declared_type: str | None = None
    """The document-type id the manifest declares; ``None``: read from the file."""
    item: str | None = None
    """The id of the agenda item it belongs to; ``None``: the meeting as a whole (giấy mời, chương
    trình).
    """
    title: str | None = None
    """Its title as the manifest gives it, when it does."""


@attrs.frozen
class Dossier:
    """The agenda items and documents of one meeting (hồ sơ cuộc họp)."""

    items: tuple[AgendaItem, ...] = ()
    """The agenda items (nội dung trình), in the manifest's order."""
    documents: tuple[DossierDocument, ...] = ()
    """The documents received or expected, in the manifest's order."""
    manifest: str | None = None
    """The manifest file it was read from, for messages."""


@attrs.frozen
class NumberLine:
    """The number line (số, ký hiệu) of a document, as parsed.

    ``form`` is ``"state"`` (``Số: 05/TTr-UBND``, ``Số: 93/2021/NQ-HĐND``,
    công văn ``Số: 12/UBND-TH``) or ``"party"`` (``Số 04-NQ/TU``).
    ``number`` is the digits as written, ``None`` when left blank (a draft).
    ``type_code`` is ``None`` for a công văn.
    """

    text: str
    """The whole line as written (``Số: 05/TTr-UBND``)."""
    form: str
    """``"state"`` (NĐ 30/2020) or ``"party"`` (Hướng dẫn 36-HD/VPTW)."""
    number: str | None
    """The number's digits as written; ``None`` when left blank (a draft)."""
    year: int | None = None
    """The year in the number (``93/2021/NQ-HĐND``), when the form has one."""
    type_code: str | None = None
    """The document type's abbreviation (``TTr``, ``NQ``); ``None`` for a công văn."""
    issuer_code: str | None = None
    """The issuer's abbreviation (``UBND``, ``HĐND``, ``TU``)."""


@attrs.frozen
class SignerBlock:
    """The signature block: the authority word (TM., KT., TL., Q.) and its lines."""

    authority: str | None
    """The authority word (``TM.``, ``KT.``, ``TL.``, ``Q.``), or ``None`` when the signer signs in
    their own right.
    """
    lines: tuple[str, ...] = ()
    """The block's lines, in order, as written."""
    name: str | None = None
    """The signer's name (the last line), when it could be told."""


@attrs.frozen
class DocumentInfo:
    """What an inspection of one document found (see ``inspect_document``).

    ``type`` is a document-type id of ``DOCUMENT_TYPES`` or ``None`` when it
    cannot be told; ``findings`` are the document's own problems
    (``format-violation``, ``number-malformed``, ``tracked-changes``,
    ``legacy-encoding``), each naming the document.
    """

    path: str
    """The file inspected."""
    type: str | None = None
    """The document-type id (``to-trinh``, ``nghi-quyet`` …); ``None`` when it cannot be told."""
    title: str | None = None
    """The title line that names the type (TỜ TRÌNH, NGHỊ QUYẾT …), as written."""
    draft: bool = False
    """Whether it is a draft (DỰ THẢO, or number and day left blank)."""
    party: bool = False
    """Whether it is a Party document (Hướng dẫn 36-HD/VPTW form): the pack says its issuer is a
    Party body, or, for an issuer the pack does not know, its heading says so.
    """
    number: NumberLine | None = None
    """The number line (số, ký hiệu), parsed; ``None`` when there is none."""
    issuer: str | None = None
    """The issuer's name lines of the heading, joined."""
    place: str | None = None
    """The place of the place-and-date line (Thanh Bình)."""
    date: date | None = None
    """The date of the place-and-date line."""
    subject: str | None = None
    """The subject (trích yếu nội dung)."""
    signer: SignerBlock | None = None
    """The signature block, when one was found."""
    recipients: tuple[str, ...] = ()
    """The addressees after "Kính gửi", each on one line."""
    issuer_body: str | None = None
    """The id of the pack's body that issued the document, when it could be told."""
    legacy_encoding: str | None = None
    """The legacy 8-bit font encoding its text is in (``tcvn3``, ``vni``); ``None``: Unicode."""
    tracked_changes: int = 0
    """How many tracked changes (insertions, deletions) are left in it."""
    comments: int = 0
    """How many comments are left in it."""
    findings: tuple[Finding, ...] = ()
    """The document's own problems (``format-violation``, ``number-malformed``, ``legacy-encoding``
    …), each naming it.
    """


Inspector = Callable[[str], DocumentInfo]
"""A function from a file path to what it holds; raises ``InputError`` for a bad file."""


# --- The manifest ------------------------------------------------------------------

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_MEETING_KEYS = {"id", "kind", "title", "start", "end", "venue", "urgent", "flags"}
_ITEM_KEYS = {"id", "kind", "title", "submitted_by", "flags", "documents"}
_DOC_KEYS = {"path", "received", "type", "title", "id"}
_TOP_KEYS = {"meeting", "items", "documents", "timezone"}


class _Reader:
    """Typed access to the manifest's values; errors name file and key."""

    def __init__(self, file: str, tz: tzinfo) -> None:
        self.file = file
        self.tz = tz

    def fail(self, key: str, reason: str, reason_vi: str, hint: str | None = None) -> InputError:
        return InputError(self.file, reason, place=key, reason_vi=reason_vi, hint=hint)

    def table(self, data: Any, key: str, allowed: set[str]) -> Mapping[str, Any]:
        if not isinstance(data, dict):
            raise self.fail(key, "expected a table", "cần một bảng (table)")
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise self.fail(
                f"{key}.{unknown[0]}" if key else unknown[0],
                "unknown key",
                "khóa không hợp lệ",
                hint="allowed: " + ", ".join(sorted(allowed)),
            )
        return data

    def text(self, data: Mapping[str, Any], key: str, where: str, *, required: bool) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                raise self.fail(f"{where}.{key}", "missing", "thiếu giá trị bắt buộc")
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}.{key}", "expected non-empty text", "cần một chuỗi ký tự")
        return value.strip()

    def ident(self, data: Mapping[str, Any], key: str, where: str, *, required: bool) -> str | None:
        value = self.text(data, key, where, required=required)
        if value is not None and not _ID.match(value):
            raise self.fail(
                f"{where}.{key}",
                f"{value!r} is not an id (lowercase letters, digits, hyphens)",
                f"{value!r} không phải là mã (chữ thường, số, gạch nối)",
            )
        return value

    def moment(self, data: Mapping[str, Any], key: str, where: str) -> datetime | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, date):
            out_of_range = limits.date_problem(
                value.date() if isinstance(value, datetime) else value
            )
            if out_of_range is not None:
                raise self.fail(f"{where}.{key}", out_of_range[1], out_of_range[0])
        if isinstance(value, datetime):
            return value if value.tzinfo is not None else value.replace(tzinfo=self.tz)
        if isinstance(value, date):
            # A date alone counts from the start of that day.
            return datetime.combine(value, time(0, 0), tzinfo=self.tz)
        raise self.fail(
            f"{where}.{key}",
            "expected a TOML date-time such as 2026-07-08T08:00:00+07:00",
            "cần ngày giờ TOML, ví dụ 2026-07-08T08:00:00+07:00",
        )

    def flag_list(self, data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{where}.{key}", "expected a list of texts", "cần danh sách chuỗi")
        return tuple(v.strip() for v in value)

    def boolean(self, data: Mapping[str, Any], key: str, where: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{key}", "expected true or false", "cần true hoặc false")
        return value


def load_manifest(
    path: str | os.PathLike[str], *, allow_outside: bool = False
) -> tuple[Meeting, Dossier]:
    """Read a dossier manifest (TOML) into the meeting and its dossier.

    The format is documented in ``docs/howto-dossier.md``. Document paths
    are relative to the manifest's folder. Local date-times (no offset) are
    in the manifest's ``timezone`` (default ``Asia/Ho_Chi_Minh``).

    A document path must lead to a file inside the manifest's folder (or a
    folder below it), after following symbolic links: ``../x.docx``, an
    absolute path elsewhere, or a link leading out is refused unless
    *allow_outside* is true. A file listed twice in one list (the meeting's
    documents, or one item's) is refused; the same file under two items is
    allowed (one report may serve two items). The file's size, the numbers of
    items and documents, and the dates are bounded (see Limits in
    ``docs/packs.md``).

    Raises :class:`~coordrules.InputError` naming the file, the key
    (``items[1].documents[0].received``) and the reason, for a file that
    cannot be read, is not TOML, or holds a missing, unknown or ill-typed key.
    """
    file = os.fspath(path)
    raw = limits.read_bytes(path, limit=limits.MANIFEST_BYTES, file=file)
    if raw[:2] == b"PK" or raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(
            file,
            "this is an Office document, not a manifest: a manifest is a TOML text file",
            reason_vi="đây là tệp văn bản Office, không phải tệp mô tả hồ sơ (TOML)",
            hint="see docs/howto-dossier.md for the manifest",
        )
    data = limits.parse_toml(limits.decode_text(raw, file), file)
    zone_name = data.get("timezone", "Asia/Ho_Chi_Minh")
    try:
        tz = ZoneInfo(zone_name) if isinstance(zone_name, str) else None
    except (ZoneInfoNotFoundError, ValueError):
        tz = None
    if tz is None:
        raise InputError(
            file, f"unknown time zone {zone_name!r}", place="timezone", reason_vi="múi giờ lạ"
        )
    read = _Reader(file, tz)
    top = read.table(data, "", _TOP_KEYS)
    folder = Path(path).parent
    try:
        base = folder.resolve()
    except (OSError, RuntimeError) as error:
        raise InputError(
            file, f"cannot resolve its folder: {error}", reason_vi="không xác định được thư mục"
        ) from None

    meeting_data = read.table(top.get("meeting"), "meeting", _MEETING_KEYS)
    start = read.moment(meeting_data, "start", "meeting")
    if start is None:
        raise read.fail("meeting.start", "missing", "thiếu thời gian bắt đầu")
    end = read.moment(meeting_data, "end", "meeting")
    if end is not None and end < start:
        raise read.fail("meeting.end", "ends before it starts", "kết thúc trước khi bắt đầu")
    meeting = Meeting(
        kind=str(read.ident(meeting_data, "kind", "meeting", required=True)),
        title=str(read.text(meeting_data, "title", "meeting", required=True)),
        start=start,
        end=end,
        venue=read.text(meeting_data, "venue", "meeting", required=False),
        urgent=read.boolean(meeting_data, "urgent", "meeting"),
        id=read.ident(meeting_data, "id", "meeting", required=False) or "meeting",
        flags=read.flag_list(meeting_data, "flags", "meeting"),
    )

    documents: list[DossierDocument] = []
    doc_ids: set[str] = set()

    def read_documents(entries: Any, where: str, item: str | None) -> None:
        if entries is None:
            return
        if not isinstance(entries, list):
            raise read.fail(where, "expected an array of tables", "cần một mảng bảng")
        if len(documents) + len(entries) > limits.MANIFEST_DOCUMENTS:
            raise read.fail(
                where,
                f"more than {limits.MANIFEST_DOCUMENTS:,} documents in one manifest",
                f"quá {limits.MANIFEST_DOCUMENTS:,} văn bản trong một tệp mô tả hồ sơ",
                hint="see Limits in docs/packs.md",
            )
        listed: dict[str, str] = {}
        for n, entry in enumerate(entries):
            at = f"{where}[{n}]"
            doc = read.table(entry, at, _DOC_KEYS)
            rel = str(read.text(doc, "path", at, required=True))
            rel, real = _document_path(read, folder, base, rel, f"{at}.path", allow_outside)
            if real in listed:
                raise read.fail(
                    f"{at}.path",
                    f"{limits.show(rel)} is listed twice in this list, also at {listed[real]}",
                    f"tệp {limits.show(rel)} được liệt kê hai lần, cũng ở {listed[real]}",
                    hint="list each file once; the same file may serve two agenda items",
                )
            listed[real] = f"{at}.path"
            declared = read.ident(doc, "type", at, required=False)
            if declared is not None and declared not in DOCUMENT_TYPES:
                raise read.fail(
                    f"{at}.type",
                    f"unknown document type {declared!r}",
                    f"loại văn bản không có: {declared!r}",
                    hint="known: " + ", ".join(sorted(DOCUMENT_TYPES)),
                )
            doc_id = read.ident(doc, "id", at, required=False) or (
                f"{item}/{n + 1}" if item else f"meeting/{n + 1}"
            )
            if doc_id in doc_ids:
                raise read.fail(f"{at}.id", f"duplicate id {doc_id!r}", "mã bị trùng")
            doc_ids.add(doc_id)
            documents.append(
                DossierDocument(
                    id=doc_id,
                    path=str(folder / rel),
                    received=read.moment(doc, "received", at),
                    declared_type=declared,
                    item=item,
                    title=read.text(doc, "title", at, required=False),
                )
            )

    read_documents(top.get("documents"), "documents", None)
    items: list[AgendaItem] = []
    raw_items = top.get("items", [])
    if not isinstance(raw_items, list):
        raise read.fail("items", "expected an array of tables", "cần một mảng bảng")
    if len(raw_items) > limits.MANIFEST_ITEMS:
        raise read.fail(
            "items",
            f"more than {limits.MANIFEST_ITEMS:,} agenda items",
            f"quá {limits.MANIFEST_ITEMS:,} nội dung trong một tệp mô tả hồ sơ",
            hint="see Limits in docs/packs.md",
        )
    seen: set[str] = set()
    for n, entry in enumerate(raw_items):
        at = f"items[{n}]"
        item_data = read.table(entry, at, _ITEM_KEYS)
        item_id = str(read.ident(item_data, "id", at, required=True))
        if item_id in seen or item_id == "meeting":
            raise read.fail(f"{at}.id", f"duplicate id {item_id!r}", "mã bị trùng")
        seen.add(item_id)
        items.append(
            AgendaItem(
                id=item_id,
                kind=str(read.ident(item_data, "kind", at, required=True)),
                title=str(read.text(item_data, "title", at, required=True)),
                submitted_by=read.ident(item_data, "submitted_by", at, required=False),
                flags=read.flag_list(item_data, "flags", at),
            )
        )
        read_documents(item_data.get("documents"), f"{at}.documents", item_id)
    return meeting, Dossier(items=tuple(items), documents=tuple(documents), manifest=file)


def _document_path(
    read: _Reader, folder: Path, base: Path, rel: str, key: str, allow_outside: bool
) -> tuple[str, str]:
    """A manifest's document path, and its real path, confined to *base* unless allowed.

    Returns the path as written, or as the file is named on disk when only
    the other Unicode form of it exists (a name typed in NFC, a file copied
    from a Mac in NFD), and the resolved path (symbolic links followed) as
    text, used to find a file listed twice.
    """
    if "\x00" in rel:
        raise read.fail(key, "the path contains a NUL character", "đường dẫn chứa ký tự NUL")
    if not _exists(folder / rel):
        for form in ("NFC", "NFD"):
            other = unicodedata.normalize(form, rel)
            if other != rel and _exists(folder / other):
                rel = other
                break
    try:
        real = (folder / rel).resolve()
    except (OSError, RuntimeError) as error:
        raise read.fail(
            key, f"cannot resolve {limits.show(rel)}: {error}", "không xác định được đường dẫn"
        ) from None
    if not allow_outside and not real.is_relative_to(base):
        raise read.fail(
            key,
            f"{limits.show(rel)} leads outside the manifest's folder {base} (to {real})",
            f"đường dẫn {limits.show(rel)} ra ngoài thư mục của tệp mô tả hồ sơ",
            hint="move the file into the manifest's folder, or allow paths outside it "
            "explicitly: `coordrules dossier --allow-outside`, "
            "load_manifest(..., allow_outside=True)",
        )
    return rel, str(real)


def _exists(path: Path) -> bool:
    """Whether *path* exists; a name too long for the system does not."""
    try:
        return path.exists()
    except OSError:
        return False


# --- The check --------------------------------------------------------------------


@attrs.frozen
class ChecklistRow:
    """One line of the checklist (phiếu kiểm tra hồ sơ): a requirement and its state.

    ``state`` is ``received``, ``late``, ``missing`` or ``due``. ``document``
    is the document that met the requirement and ``document_type`` the type
    it counted as: the requirement's own type or one of its subtypes (a
    Báo cáo thẩm tra meets a requirement for a Báo cáo).
    """

    requirement: Requirement
    item: AgendaItem | None
    deadline: datetime
    state: str
    document: DossierDocument | None = None
    late_by: str | None = None
    document_type: str | None = None
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
        received=None if doc.received is None else doc.received.isoformat(),
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


def _late_vi(text: str) -> str:
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


def checklist(
    meeting: Meeting,
    dossier: Dossier,
    pack: Pack,
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


def check_dossier(
    meeting: Meeting,
    dossier: Dossier,
    pack: Pack,
    as_of: datetime,
    *,
    inspect: Inspector | None = None,
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
    kinds = {k.id for k in pack.meeting_kinds} | {r.meeting_kind for r in pack.requirements}
    if meeting.kind not in kinds:
        raise InputError(
            manifest,
            f"meeting kind {meeting.kind!r} is not in pack {pack.id!r}",
            place="meeting.kind",
            reason_vi=f"gói quy tắc không có loại cuộc họp {meeting.kind!r}",
            hint="known: " + ", ".join(sorted(kinds)),
        )
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
    rows = checklist(meeting, dossier, pack, as_of, types)
    assumed: dict[str, Requirement] = {}
    for row in rows:
        req = row.requirement
        # The deadline's own basis (a list read in a law may carry an assumed deadline).
        if req.sourced().basis is Basis.ASSUMED:
            assumed.setdefault(req.id, req)
        finding = _row_finding(meeting, row, types, infos)
        if finding is not None:
            findings.append(finding)
    for req in assumed.values():
        findings.append(
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
                details={"requirement": req.id, "deadline": req.deadline.describe()},
            )
        )
    findings.extend(_not_in_force(meeting, dossier, pack))
    findings.extend(_calendar_fallback(meeting, rows))
    return Report.build(findings, as_of=as_of.isoformat())


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
                details={"requirement": req_id, "date": on.isoformat(), "versions": spans},
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
    listed = ", ".join(str(y) for y in years)
    return [
        Finding.of(
            "work-calendar-fallback",
            Message(
                vi=f"Gói quy tắc chưa có lịch nghỉ lễ, Tết được công bố cho năm {listed}: "
                "ngày làm việc của các thời hạn được tính theo thư viện holidays (giả định).",
                en=f"The pack lists no announced holiday schedule for {listed}: the working "
                "days of these deadlines come from the holidays package (an assumption).",
            ),
            rule="work_calendar.year",
            subjects=(meeting.id,),
            basis=Basis.ASSUMED,
            details={"years": years, "requirements": used},
        )
    ]


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
        details={"declared": declared, "found": found, "counted_as": declared},
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
        details={"hint": 'declare it: type = "to-trinh" in the manifest'},
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
    details: dict[str, Any] = {
        "requirement": req.id,
        "document_type": req.document,
        "deadline": row.deadline.isoformat(),
        "rule": req.deadline.describe(),
        "submitted_by": req.submitted_by
        if req.submitted_by is not None or row.item is None
        else row.item.submitted_by,
        "to": req.to,
        "item": None if row.item is None else row.item.id,
    }
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
        details["late_by"] = row.late_by
        details["met_by"] = doc.id
        details["met_by_type"] = row.document_type
        details["received_assumed"] = doc.received is None
        return Finding.of(
            "document-late",
            Message(
                vi=f"{req.name} của {where_vi} gửi muộn {_late_vi(row.late_by)} so với hạn {due} "
                f"({req.deadline.describe_vi()}).",
                en=f"{req.name} for {where_en} arrived {row.late_by} after its deadline {due} "
                f"({req.deadline.describe()}).",
            ),
            documents=(_ref(doc, types.get(doc.id), infos.get(doc.id)),),
            details=details,
            **common,
        )
    return None
