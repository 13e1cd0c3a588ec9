"""Dossier manifests: the TOML file that lists a meeting, its agenda and its documents.

What lives here: :func:`load_manifest`, which reads a manifest (the format is
documented in ``docs/howto-dossier.md``) into the dossier model
(:mod:`coordrules.model.dossier`), with the limits of
:mod:`coordrules.packs.limits` on sizes and counts; each problem is an
``InputError`` naming file and key.

What never lives here: the checks of a dossier (:mod:`coordrules.rules.dossier`),
opening the documents it lists (:mod:`coordrules.adapters.docx.inspection`).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from coordrules.model.doctypes import DOCUMENT_TYPES
from coordrules.model.dossier import AgendaItem, Dossier, DossierDocument, Meeting
from coordrules.model.errors import InputError
from coordrules.packs import limits

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
    data = _read_toml(path, file)
    read = _Reader(file, _timezone(data, file))
    top = read.table(data, "", _TOP_KEYS)
    folder = Path(path).parent
    try:
        base = folder.resolve()
    except (OSError, RuntimeError) as error:
        raise InputError(
            file, f"cannot resolve its folder: {error}", reason_vi="không xác định được thư mục"
        ) from None
    meeting = _meeting(read, read.table(top.get("meeting"), "meeting", _MEETING_KEYS))
    documents = _Documents(read, folder, base, allow_outside)
    documents.read(top.get("documents"), "documents", None)
    items = _items(read, top.get("items", []), documents)
    return meeting, Dossier(items=tuple(items), documents=tuple(documents.found), manifest=file)


def _read_toml(path: str | os.PathLike[str], file: str) -> dict[str, Any]:
    """The manifest's TOML, bounded in size; an Office document given by mistake is refused."""
    raw = limits.read_bytes(path, limit=limits.MANIFEST_BYTES, file=file)
    if raw[:2] == b"PK" or raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(
            file,
            "this is an Office document, not a manifest: a manifest is a TOML text file",
            reason_vi="đây là tệp văn bản Office, không phải tệp mô tả hồ sơ (TOML)",
            hint="see docs/howto-dossier.md for the manifest",
        )
    return limits.parse_toml(limits.decode_text(raw, file), file)


def _timezone(data: Mapping[str, Any], file: str) -> tzinfo:
    """The manifest's ``timezone`` (default ``Asia/Ho_Chi_Minh``)."""
    zone_name = data.get("timezone", "Asia/Ho_Chi_Minh")
    try:
        tz = ZoneInfo(zone_name) if isinstance(zone_name, str) else None
    except (ZoneInfoNotFoundError, ValueError):
        tz = None
    if tz is None:
        raise InputError(
            file, f"unknown time zone {zone_name!r}", place="timezone", reason_vi="múi giờ lạ"
        )
    return tz


def _meeting(read: _Reader, meeting_data: Mapping[str, Any]) -> Meeting:
    """The ``[meeting]`` table: it must start, and not end before it starts."""
    start = read.moment(meeting_data, "start", "meeting")
    if start is None:
        raise read.fail("meeting.start", "missing", "thiếu thời gian bắt đầu")
    end = read.moment(meeting_data, "end", "meeting")
    if end is not None and end < start:
        raise read.fail("meeting.end", "ends before it starts", "kết thúc trước khi bắt đầu")
    return Meeting(
        kind=str(read.ident(meeting_data, "kind", "meeting", required=True)),
        title=str(read.text(meeting_data, "title", "meeting", required=True)),
        start=start,
        end=end,
        venue=read.text(meeting_data, "venue", "meeting", required=False),
        urgent=read.boolean(meeting_data, "urgent", "meeting"),
        id=read.ident(meeting_data, "id", "meeting", required=False) or "meeting",
        flags=read.flag_list(meeting_data, "flags", "meeting"),
    )


def _items(read: _Reader, raw_items: Any, documents: _Documents) -> list[AgendaItem]:
    """The ``[[items]]``, each followed by its documents; ids unique and not ``meeting``."""
    if not isinstance(raw_items, list):
        raise read.fail("items", "expected an array of tables", "cần một mảng bảng")
    if len(raw_items) > limits.MANIFEST_ITEMS:
        raise read.fail(
            "items",
            f"more than {limits.MANIFEST_ITEMS:,} agenda items",
            f"quá {limits.MANIFEST_ITEMS:,} nội dung trong một tệp mô tả hồ sơ",
            hint="see Limits in docs/packs.md",
        )
    items: list[AgendaItem] = []
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
        documents.read(item_data.get("documents"), f"{at}.documents", item_id)
    return items


class _Documents:
    """The manifest's documents as they are read: ids unique across the manifest."""

    def __init__(self, read: _Reader, folder: Path, base: Path, allow_outside: bool) -> None:
        self.reader, self.folder, self.base = read, folder, base
        self.allow_outside = allow_outside
        self.found: list[DossierDocument] = []
        self.ids: set[str] = set()

    def read(self, entries: Any, where: str, item: str | None) -> None:
        """Read one ``documents`` list (the meeting's, or *item*'s); a file once per list."""
        read = self.reader
        if entries is None:
            return
        if not isinstance(entries, list):
            raise read.fail(where, "expected an array of tables", "cần một mảng bảng")
        if len(self.found) + len(entries) > limits.MANIFEST_DOCUMENTS:
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
            rel, real = _document_path(
                read, self.folder, self.base, rel, f"{at}.path", self.allow_outside
            )
            if real in listed:
                raise read.fail(
                    f"{at}.path",
                    f"{limits.show(rel)} is listed twice in this list, also at {listed[real]}",
                    f"tệp {limits.show(rel)} được liệt kê hai lần, cũng ở {listed[real]}",
                    hint="list each file once; the same file may serve two agenda items",
                )
            listed[real] = f"{at}.path"
            self.found.append(self._document(doc, at, n, item, rel))

    def _document(
        self, doc: Mapping[str, Any], at: str, n: int, item: str | None, rel: str
    ) -> DossierDocument:
        read = self.reader
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
        if doc_id in self.ids:
            raise read.fail(f"{at}.id", f"duplicate id {doc_id!r}", "mã bị trùng")
        self.ids.add(doc_id)
        return DossierDocument(
            id=doc_id,
            path=str(self.folder / rel),
            received=read.moment(doc, "received", at),
            declared_type=declared,
            item=item,
            title=read.text(doc, "title", at, required=False),
        )


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
