"""The weekly work calendar (lịch công tác tuần) as a Word file: the reader.

The writer is :mod:`coordrules.adapters.docx.weekly_write`.

:func:`read_weekly_docx` reads the weekly calendars offices really write: the
header row is found by its Vietnamese words, in any order, some missing;
merged cells are read once (by element); dates, sessions and times are
written in many ways; several items may share a cell. What cannot be
understood becomes an ``import-problem`` finding naming the table and the
row; nothing is dropped silently. The marks the writer puts (and clerks
type) are read back: "(vắng)" after a name is a declined attendee,
"(ủy quyền … dự thay)" / "(cử … dự thay)" a delegated one with the delegate,
"(đã xác nhận)" one who accepted, "(dự kiến)" one who may attend,
"Ghi nhớ:" before a title a memo that blocks no time (``Transparency.FREE``),
"HOÃN:" a cancelled item.

Reading assumptions (documented in ``docs/howto-weekly-docx.md``): an item
with a start but no end ends at the next later start of the same day and
session, else at the end of its session (Sáng 11:30, Chiều 17:00, Tối
21:00), else one hour after its start; such an occurrence carries
``("x-coordrules-end", "assumed")`` in ``extra``. An item with a session but
no clock time spans its session (``("x-coordrules-time", "session")``). An
item with a date but no time at all is an all-day item.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from coordrules.adapters.docx.package import DocxInput, open_package
from coordrules.adapters.docx.text import (
    DocumentText,
    Row,
    Table,
    read_document,
)
from coordrules.adapters.docx.weekly_layout import (
    DEFAULT_TZ,
    MARK,
    SESSIONS,
    WEEKDAYS_VI,
    dmy,
    session_of,
)
from coordrules.model.events import (
    Attendance,
    Attendee,
    Occurrence,
    Role,
    SourceCalendar,
    Status,
    Transparency,
)
from coordrules.model.findings import Finding, Message
from coordrules.model.org import Directory, Organisation
from coordrules.model.text import nfc, normalise_text
from coordrules.packs.pack import Pack

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TIME = re.compile(
    r"(?<![\d/])(\d{1,2})\s*(?:h|giờ|g|:)\s*(\d{2})?(?:\s*(?:'|phút))?(?![^\W\d_])(?!\s*/)",
    re.IGNORECASE,
)
_RANGE_SEP = re.compile(r"^\s*(?:-|–|—|đến|tới|~)\s*", re.IGNORECASE)
_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}|\d{2}))?(?!\d)")
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?")
_WEEKDAY = re.compile(
    r"\b(?:thứ\s*(hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|(chủ\s*nhật|cn))\b", re.IGNORECASE
)
_WEEKDAY_INDEX = {
    "hai": 0, "2": 0, "ba": 1, "3": 1, "tư": 2, "4": 2, "năm": 3, "5": 3,
    "sáu": 4, "6": 4, "bảy": 5, "7": 5,
}  # fmt: skip
_SESSION = re.compile(r"(?<![^\W\d_])(sáng|chiều|tối)(?![^\W\d_])", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-+•–*]|\d{1,2}[.)])\s+")
_PREFIX = re.compile(
    r"^\s*(chủ\s*trì|thành\s*phần(?:\s*tham\s*dự)?|tham\s*dự|mời|dự)\s*:\s*", re.IGNORECASE
)
_COMRADE = re.compile(r"^(?:đ/c|đc\.?|đồng\s*chí)\s+", re.IGNORECASE)
_CANCELLED = re.compile(r"^\s*(?:\(hoãn\)|hoãn\s*:)\s*", re.IGNORECASE)
_MEMO = re.compile(r"^\s*(?:\(ghi\s*nhớ\)|ghi\s*nhớ\s*:)\s*", re.IGNORECASE)
_SEPARATOR = re.compile(r"[;,](?![^()]*\))")
"""A comma or semicolon between names, not one inside a mark "(vắng, ủy quyền …)"."""
_ATTENDANCE_MARK = re.compile(r"\s*\(((?:[^()]|\([^()]*\))*)\)\s*$")
"""The bracket at the end of a name; it may hold one bracket: "(ủy quyền Lê Văn C (Sở) dự thay)"."""
_DECLINED = {"vắng", "vắng mặt", "báo vắng", "xin vắng", "không dự", "không tham dự"}
_ANSWERS = {
    **{normalise_text(t): Attendance.DECLINED for t in _DECLINED},
    **{
        normalise_text(t): Attendance.ACCEPTED
        for t in ("đã xác nhận", "xác nhận dự", "đã xác báo", "dự", "có dự", "tham dự")
    },
    **{
        normalise_text(t): Attendance.TENTATIVE
        for t in ("dự kiến", "chưa xác nhận", "chưa chắc chắn", "có thể dự")
    },
}
"""The answers a bracket after a name gives, told by its words (the writer's marks and
the ways clerks type them)."""
_UY = r"(?:ủy|uỷ)\s*quyền"
_DELEGATED = (
    # "(ủy quyền Trần Thị Bình dự thay)", "(vắng, ủy quyền cho đ/c Bình)"
    re.compile(
        rf"^(?:vắng(?:\s*mặt)?\s*[,;:\-–]?\s*)?{_UY}\s*(?:cho\s+)?(.*?)(?:\s*(?:dự|đi)\s*thay)?$",
        re.IGNORECASE,
    ),
    # "(cử đ/c Bình dự thay)", "(vắng, cử Trần Thị Bình dự)"
    re.compile(
        r"^(?:vắng(?:\s*mặt)?\s*[,;:\-–]?\s*)?cử\s+(.*?)(?:\s*(?:dự|đi)(?:\s*thay)?)?$",
        re.IGNORECASE,
    ),
    # "(đ/c Bình dự thay)"
    re.compile(r"^(.+?)\s*(?:dự|đi)\s*thay$", re.IGNORECASE),
)


@attrs.frozen
class _Person:
    """One name in a chair or attendee cell, with the mark after it."""

    role: Role
    name: str
    attendance: Attendance = Attendance.NEEDS_ACTION
    delegated_to: str | None = None


def _marked(role: Role, text: str) -> _Person:
    """*text* as a person: a trailing "(vắng)" or "(ủy quyền … dự thay)" read as the answer."""
    mark = _ATTENDANCE_MARK.search(text)
    if mark is None:
        return _Person(role, text)
    inner = nfc(mark.group(1)).strip()
    name = _COMRADE.sub("", text[: mark.start()].strip()).strip()
    if not name:
        return _Person(role, text)
    answer = _ANSWERS.get(normalise_text(inner))
    if answer is not None:
        return _Person(role, name, answer)
    for pattern in _DELEGATED:
        found = pattern.match(inner)
        if found is not None:
            delegate = _COMRADE.sub("", found.group(1).strip()).strip() or None
            return _Person(role, name, Attendance.DELEGATED, delegate)
    return _Person(role, text)


def _classify(header: str) -> str | None:
    text = normalise_text(header)
    if not text:
        return None
    if "chuẩn bị" in text or "tham mưu" in text:
        return "preparing"
    chair = "chủ trì" in text
    attendees = any(w in text for w in ("thành phần", "tham dự", "người dự", "dự họp"))
    if chair and attendees:
        return "people"
    if chair:
        return "chair"
    if attendees:
        return "attendees"
    if "địa điểm" in text:
        return "venue"
    if "nội dung" in text or "công việc" in text:
        return "content"
    if "thời gian" in text or text in {"giờ", "thời điểm"}:
        return "time"
    if "buổi" in text:
        return "session"
    if "thứ" in text or "ngày" in text:
        return "day"
    return None


@attrs.define
class _GridCell:
    key: object
    """The cell the text comes from (the first cell of a vertical merge)."""
    start: int
    span: int
    paragraphs: list[str]
    continuation: bool


def _row_cells(row: Row, above: dict[int, _GridCell]) -> list[_GridCell]:
    """The distinct cells of a row, vertical continuations resolved to their first cell."""
    cells = []
    for cell in row.cells:
        if cell.merge == "continue" and cell.column in above:
            first = above[cell.column]
            grid = _GridCell(first.key, cell.column, cell.span, first.paragraphs, True)
        else:
            texts = [nfc(p.text.replace("\t", " ")).strip() for p in cell.paragraphs]
            grid = _GridCell(cell, cell.column, cell.span, [t for t in texts if t], False)
            above[cell.column] = grid
        cells.append(grid)
    return cells


@attrs.define
class _Item:
    day: date
    session: str | None
    time_text: str
    title: str
    people: list[_Person]
    venue: str | None
    preparing: str | None
    table: int
    row: int


def _parse_day(text: str, years: _Years) -> tuple[date | None, str | None]:
    """The date a day label names, and a problem text if it is doubtful."""
    folded = nfc(text)
    match = _DATE_WORDS.search(folded.lower()) or _DATE.search(folded)
    if match is None:
        return None, None
    day, month = int(match.group(1)), int(match.group(2))
    year_text = match.group(3)
    try:
        if year_text:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            found = date(year, month, day)
        else:
            found_or_none = years.complete(day, month)
            if found_or_none is None:
                return None, "the year is missing and the title gives none"
            found = found_or_none
    except ValueError:
        return None, f"{day}/{month} is not a date"
    weekday = _WEEKDAY.search(folded)
    if weekday is not None:
        word = (weekday.group(1) or "").lower()
        expected = 6 if weekday.group(2) else _WEEKDAY_INDEX[word]
        if expected != found.weekday():
            return found, (
                f"{WEEKDAYS_VI[expected]} does not match {dmy(found)} "
                f"({WEEKDAYS_VI[found.weekday()]})"
            )
    return found, None


@attrs.define
class _Years:
    """Years for dates written without one: the title's range, then the caller's year."""

    first: date | None = None
    last: date | None = None
    years: list[int] = attrs.Factory(list)

    def complete(self, day: int, month: int) -> date | None:
        # With a known span, the neighbouring years are candidates too: a week
        # from 29/12 to 04/01/2027 has its first days in 2026.
        candidates = list(self.years)
        if self.first is not None:
            candidates += [y + step for y in self.years for step in (-1, 1)]
        for year in dict.fromkeys(candidates):
            try:
                found = date(year, month, day)
            except ValueError:
                continue
            if self.first is None or self.last is None:
                return found
            if self.first - timedelta(days=7) <= found <= self.last + timedelta(days=7):
                return found
        for year in self.years[:1]:
            try:
                return date(year, month, day)
            except ValueError:
                return None
        return None


def _years_from(texts: Iterable[str], year: int | None) -> _Years:
    found: list[date] = []
    bare: list[int] = []
    for text in texts:
        lowered = nfc(text).lower()
        for match in [*_DATE.finditer(lowered), *_DATE_WORDS.finditer(lowered)]:
            if match.group(3) and len(match.group(3)) == 4:
                try:
                    found.append(
                        date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
                    )
                except ValueError:
                    continue
        bare.extend(int(y) for y in re.findall(r"năm\s+(\d{4})", lowered))
    years = [d.year for d in found] + bare + ([year] if year is not None else [])
    unique = list(dict.fromkeys(years))
    if found:
        # One full date (often the last: "từ 29/12 đến 04/01/2027") still
        # anchors the week, so that the other dates take the right year.
        return _Years(min(found), max(found), unique)
    return _Years(None, None, unique)


def _parse_times(text: str) -> list[tuple[time, time | None, str]]:
    """Every clock time (with its optional end) in *text*, with the text after it."""
    found: list[tuple[time, time | None, str]] = []
    position = 0
    while True:
        match = _TIME.search(text, position)
        if match is None:
            return found
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour > 24 or minute > 59:
            position = match.end()
            continue
        start = time(hour % 24, minute)
        end_time = None
        rest = text[match.end() :]
        sep = _RANGE_SEP.match(rest)
        if sep is not None:
            second = _TIME.match(rest, sep.end())
            if second is not None:
                h2, m2 = int(second.group(1)), int(second.group(2) or 0)
                if h2 <= 24 and m2 <= 59:
                    end_time = time(h2 % 24, m2)
                    rest = rest[second.end() :]
        found.append((start, end_time, rest))
        position = len(text) - len(rest)


def _split_people(text: str, default: Role) -> list[_Person]:
    people = []
    role = default
    for line in text.split("\n"):
        line = _BULLET.sub("", line.strip())
        prefix = _PREFIX.match(line)
        if prefix is not None:
            word = normalise_text(prefix.group(1))
            role = (
                Role.CHAIR
                if word.startswith("chủ")
                else Role.OPTIONAL
                if word == "mời"
                else Role.REQUIRED
            )
            line = line[prefix.end() :]
        for part in _SEPARATOR.split(line):
            name = _COMRADE.sub("", part.strip().rstrip(".").strip())
            if name:
                people.append(_marked(role, name))
    return people


def _segments(paragraphs: list[str]) -> list[list[str]]:
    """Items in a content cell: a new item at each bulleted or time-led paragraph."""
    starts = [
        i for i, p in enumerate(paragraphs) if _BULLET.match(p) or _TIME.match(p.lstrip("-+• "))
    ]
    if len(paragraphs) <= 1 or len(starts) < 2:
        return [paragraphs] if paragraphs else []
    bounds = sorted({0, *starts})
    return [paragraphs[a:b] for a, b in zip(bounds, [*bounds[1:], len(paragraphs)], strict=True)]


def read_weekly_docx(
    source: DocxInput,
    *,
    name: str | None = None,
    pack: Pack | None = None,
    directory: Directory | None = None,
    year: int | None = None,
) -> SourceCalendar:
    """Read a weekly work calendar (lịch công tác tuần) written in Word.

    Arguments:
        source: a path, the file's bytes, or a binary file object.
        name: the source calendar's name (default: the file's stem).
        pack: gives the time zone (default ``Asia/Ho_Chi_Minh``) and, with
            *directory*, resolves attendees written as names or position
            titles on the item's date.
        year: the year for dates written without one when the document's
            title gives none (the title's dates win).

    Returns a :class:`SourceCalendar` whose occurrences have stable synthetic
    UIDs (a hash of the source name, date, time text and title) and whose
    ``problems`` hold an ``import-problem`` for every row that could not be
    understood (naming table and row) and a ``legacy-encoding`` finding when
    the text was written in a legacy 8-bit font.

    Raises:
        InputError: the file is not a readable ``.docx`` (not a zip, an old
            ``.doc``, encrypted, macro-enabled, too large, broken XML).
    """
    return _read(source, name, pack, directory, year)


def _read(
    source: DocxInput,
    name: str | None,
    pack: Pack | None,
    directory: Directory | None,
    year: int | None,
) -> SourceCalendar:
    package = open_package(source, name)
    label = package.name
    if name is not None:
        source_name = name
    elif label.startswith("<"):
        source_name = "weekly-docx"
    else:
        source_name = Path(label).stem
    path = None if label.startswith("<") or isinstance(source, bytes | bytearray) else label
    tz: tzinfo = pack.work_calendar.tz if pack is not None else ZoneInfo(DEFAULT_TZ)
    org: Organisation | None = None
    if pack is not None:
        org = pack.organisation(directory)
    elif directory is not None:
        org = Organisation(directory=directory)
    reader = _Reader(label, source_name, tz, org)
    text = read_document(package, headers=False)
    legacy = _legacy_finding(text, label)
    if legacy is not None:
        reader.problems.append(legacy)
    reader.read_body(text, year)
    occurrences = reader.occurrences()
    return SourceCalendar(
        name=source_name,
        occurrences=tuple(occurrences),
        problems=tuple(reader.problems),
        path=path,
    )


@attrs.define
class _Cursor:
    """Where the reading of a table stands: the day and session of the rows above."""

    day: date | None = None
    session: str | None = None


@attrs.frozen
class _RowAt:
    """A row's place (table and row, 1-based) and its text, for problems."""

    table: int
    row: int
    text: str = ""


def _session_cells(by_kind: dict[str, _GridCell], at: _Cursor) -> list[str]:
    """The session from the row's session and time cells; the time cell's paragraphs."""
    session_cell = by_kind.get("session")
    if session_cell is not None and session_cell.paragraphs:
        found_session = _SESSION.search(" ".join(session_cell.paragraphs))
        if found_session is not None:
            at.session = found_session.group(1).capitalize()
    time_cell = by_kind.get("time")
    time_paragraphs = [] if time_cell is None else list(time_cell.paragraphs)
    for paragraph in time_paragraphs:
        found_session = _SESSION.search(paragraph)
        if found_session is not None:
            at.session = found_session.group(1).capitalize()
    return time_paragraphs


class _Reader:
    def __init__(self, label: str, source: str, tz: tzinfo, org: Organisation | None) -> None:
        self.label = label
        self.source = source
        self.tz = tz
        self.org = org
        self.items: list[_Item] = []
        self.problems: list[Finding] = []

    def problem(
        self,
        table: int,
        row: int,
        reason_en: str,
        reason_vi: str,
        text: str,
        *,
        used: bool = False,
    ) -> None:
        if used:
            tail_vi, tail_en = (
                "dòng này vẫn được đọc theo ngày ghi, hãy kiểm tra",
                ("the row was read with the date as written; check it"),
            )
        else:
            tail_vi, tail_en = "dòng này không được dùng", "the row was not used"
        self.problems.append(
            Finding.of(
                "import-problem",
                Message(
                    vi=f"Bảng {table}, dòng {row}: {reason_vi}; {tail_vi}.",
                    en=f"Table {table}, row {row}: {reason_en}; {tail_en}.",
                ),
                rule="docx-weekly-import",
                file=self.label,
                place=f"table {table}, row {row}",
                details={"table": table, "row": row, "text": text[:300]},
            )
        )

    def read_body(self, text: DocumentText, year: int | None) -> None:
        tables = [b for b in text.blocks if isinstance(b, Table)]
        calendars: list[tuple[int, Table, int, dict[int, str]]] = []
        context: list[str] = []
        for number, tbl in enumerate(tables, start=1):
            found = _find_header(tbl)
            if found is None:
                context.extend(p.text for p in tbl.paragraphs)
            else:
                calendars.append((number, tbl, *found))
        context.extend(b.text for b in text.blocks if not isinstance(b, Table))
        if not calendars:
            self.problems.append(
                Finding.of(
                    "import-problem",
                    Message(
                        vi="Không tìm thấy bảng lịch công tác (dòng tiêu đề: Thời gian, Nội dung).",
                        en="No work-calendar table found (a header row with Thời gian, Nội dung).",
                    ),
                    rule="docx-weekly-import",
                    file=self.label,
                    place="document",
                )
            )
            return
        years = _years_from(context, year)
        for number, tbl, header_row, columns in calendars:
            self.read_table(number, tbl, header_row, columns, years)

    def read_table(
        self, number: int, tbl: Table, header_row: int, columns: dict[int, str], years: _Years
    ) -> None:
        above: dict[int, _GridCell] = {}
        at = _Cursor()
        header_texts = None
        for index, tr in enumerate(tbl.rows, start=1):
            cells = _row_cells(tr, above)
            if index <= header_row:
                if index == header_row:
                    header_texts = [normalise_text(" ".join(c.paragraphs)) for c in cells]
                continue
            self.read_row(_RowAt(number, index), cells, header_texts, columns, years, at)

    def read_row(
        self,
        where: _RowAt,
        cells: list[_GridCell],
        header_texts: list[str] | None,
        columns: dict[int, str],
        years: _Years,
        at: _Cursor,
    ) -> None:
        """One row below the header: a day or session label, or items (into ``self.items``)."""
        distinct: dict[int, _GridCell] = {}
        for cell in cells:
            distinct.setdefault(id(cell.key), cell)
        unique = list(distinct.values())
        row_text = " | ".join(" ".join(c.paragraphs) for c in unique if c.paragraphs)
        if not row_text.strip():
            return
        if [normalise_text(" ".join(c.paragraphs)) for c in cells] == header_texts:
            return  # the header row repeated as a real row after a page break
        where = attrs.evolve(where, text=row_text)
        filled = [c for c in unique if c.paragraphs and not c.continuation]
        by_kind: dict[str, _GridCell] = {}
        for cell in unique:
            for col in range(cell.start, cell.start + cell.span):
                kind = columns.get(col)
                if kind is not None:
                    by_kind.setdefault(kind, cell)
        label_row = len(filled) == 1 and (filled[0].span >= 2 or len(unique) == 1)
        if label_row and len({id(c.key) for c in by_kind.values()}) <= 1:
            self.label_row(where, "\n".join(filled[0].paragraphs), years, at)
            return
        if not self.day_cell(where, by_kind, years, at):
            return
        time_paragraphs = _session_cells(by_kind, at)
        content_cell = by_kind.get("content")
        content = (
            []
            if content_cell is None
            else [p for p in content_cell.paragraphs if not p.startswith(MARK)]
        )
        if not content:
            only_session = all(
                _SESSION.fullmatch(normalise_text(p)) or _parse_day(p, years)[0] is not None
                for c in filled
                for p in c.paragraphs
            )
            if not only_session:
                self.problem(
                    where.table, where.row, "a row without content", "dòng không có nội dung",
                    row_text,
                )  # fmt: skip
            return
        if at.day is None:
            self.problem(
                where.table,
                where.row,
                "no date for this row (no day label above it)",
                "không xác định được ngày của dòng này",
                row_text,
            )
            return
        self.add_items(
            where.table, where.row, at.day, at.session, time_paragraphs, content, by_kind
        )

    def label_row(self, where: _RowAt, text: str, years: _Years, at: _Cursor) -> None:
        """A row across the table: a new day, a new session, or a problem."""
        new_day, doubt = _parse_day(text, years)
        found_session = _SESSION.search(text)
        if new_day is not None:
            at.day, at.session = new_day, None
            if doubt is not None:
                self.problem(where.table, where.row, doubt, doubt, where.text)
        if found_session is not None and len(normalise_text(text)) <= 40:
            at.session = found_session.group(1).capitalize()
        if new_day is None and (found_session is None or len(normalise_text(text)) > 40):
            if doubt is not None:
                self.problem(where.table, where.row, doubt, doubt, where.text)
            else:
                self.problem(
                    where.table,
                    where.row,
                    "a row across the table that is neither a day nor a session",
                    "dòng gộp không phải ngày hay buổi",
                    where.text,
                )

    def day_cell(
        self, where: _RowAt, by_kind: dict[str, _GridCell], years: _Years, at: _Cursor
    ) -> bool:
        """The row's day cell, if any, moves the cursor; ``False`` when the row is not used."""
        day_cell = by_kind.get("day")
        if day_cell is None or not day_cell.paragraphs:
            return True
        text = "\n".join(day_cell.paragraphs)
        if not day_cell.continuation:
            new_day, doubt = _parse_day(text, years)
            if new_day is not None:
                if new_day != at.day:
                    at.session = None
                at.day = new_day
            if doubt is not None:
                used = new_day is not None
                self.problem(where.table, where.row, doubt, doubt, where.text, used=used)
                if not used:
                    return False
        if "session" not in by_kind and "time" not in by_kind:
            found_session = _SESSION.search(text)
            if found_session is not None:
                at.session = found_session.group(1).capitalize()
        return True

    def add_items(
        self,
        table: int,
        row: int,
        day: date,
        session: str | None,
        time_paragraphs: list[str],
        content: list[str],
        by_kind: dict[str, _GridCell],
    ) -> None:
        segments = _segments(content)
        count = len(segments)
        times = [p for p in time_paragraphs if _TIME.search(p) or "cả ngày" in normalise_text(p)]

        def paired(kind: str) -> list[str | None]:
            cell = by_kind.get(kind)
            paragraphs = [] if cell is None else list(cell.paragraphs)
            if count > 1 and len(paragraphs) == count:
                return list(paragraphs)
            joined = "\n".join(paragraphs) or None
            return [joined] * count

        chairs, attendees, people = paired("chair"), paired("attendees"), paired("people")
        venues, preparing = paired("venue"), paired("preparing")
        for i, segment in enumerate(segments):
            first = _BULLET.sub("", segment[0]).strip()
            time_text = ""
            lead = _TIME.match(first)
            if lead is not None:
                parsed = _parse_times(first)
                rest = parsed[0][2] if parsed else first[lead.end() :]
                time_text = first[: len(first) - len(rest)].strip()
                first = rest.lstrip(" :,.-–").strip()
            elif count > 1 and len(times) == count:
                time_text = times[i]
            elif times:
                time_text = times[0]
            elif time_paragraphs and not all(
                _SESSION.fullmatch(normalise_text(p)) for p in time_paragraphs
            ):
                text = " ".join(time_paragraphs)
                self.problem(
                    table,
                    row,
                    f"time {text!r} not understood",
                    f"không hiểu thời gian {text!r}",
                    " | ".join([text, *segment]),
                )
                continue
            title = " ".join([first, *segment[1:]]) if len(segment) > 1 else first
            found: list[_Person] = []
            if chairs[i]:
                found += _split_people(chairs[i] or "", Role.CHAIR)
            if people[i]:
                found += _split_people(people[i] or "", Role.REQUIRED)
            if attendees[i]:
                found += _split_people(attendees[i] or "", Role.REQUIRED)
            self.items.append(
                _Item(
                    day,
                    session,
                    time_text,
                    title,
                    found,
                    _flat(venues[i]),
                    _flat(preparing[i]),
                    table,
                    row,
                )
            )

    def occurrences(self) -> list[Occurrence]:
        built: list[tuple[_Item, Any, Any, list[tuple[str, str]]]] = []
        for item in self.items:
            extra: list[tuple[str, str]] = []
            text = normalise_text(item.time_text)
            times = _parse_times(item.time_text)
            if "cả ngày" in text or (not times and item.session is None):
                last = item.day
                until = re.search(r"đến\s*(\d{1,2})/(\d{1,2})/(\d{4})", text)
                if until is not None:
                    try:
                        last = date(int(until.group(3)), int(until.group(2)), int(until.group(1)))
                    except ValueError:
                        last = item.day
                if not text:
                    extra.append(("x-coordrules-time", "missing"))
                built.append((item, item.day, max(last, item.day) + timedelta(days=1), extra))
                continue
            session = item.session
            if not times:
                assert session is not None
                bounds = {"Sáng": (time(7, 30), time(11, 30)), "Chiều": (time(13, 30), time(17)),
                          "Tối": (time(19), time(21))}[session]  # fmt: skip
                extra.append(("x-coordrules-time", "session"))
                start = datetime.combine(item.day, bounds[0], self.tz)
                built.append((item, start, datetime.combine(item.day, bounds[1], self.tz), extra))
                continue
            clock, end_clock, _ = times[0]
            if session == "Chiều" and clock.hour < 12 and clock.hour <= 6:
                clock = time(clock.hour + 12, clock.minute)  # "Chiều: 2h00" means 14:00
            start = datetime.combine(item.day, clock, self.tz)
            end = None
            if end_clock is not None:
                end_day = item.day
                crossing = re.search(r"\((\d{1,2})/(\d{1,2})/(\d{4})\)", item.time_text)
                if end_clock < clock:
                    end_day = item.day + timedelta(days=1)
                if crossing is not None:
                    with contextlib.suppress(ValueError):
                        end_day = date(
                            int(crossing.group(3)), int(crossing.group(2)), int(crossing.group(1))
                        )
                end = datetime.combine(end_day, end_clock, self.tz)
            built.append((item, start, end, extra))
        # Open items end at the next later start that day and session, else at the session's end.
        starts: dict[tuple[date, str], list[datetime]] = {}
        for item, start, _, _ in built:
            if isinstance(start, datetime):
                session_name = session_of(start.time())
                starts.setdefault((item.day, session_name), []).append(start)
        result: list[Occurrence] = []
        seen: dict[str, int] = {}
        for item, start, end, extra in built:
            if isinstance(start, datetime) and end is None:
                session_name = session_of(start.time())
                later = [s for s in starts[(item.day, session_name)] if s > start]
                session_end = next(e for n, _, e in SESSIONS if n == session_name)
                limit = datetime.combine(item.day, session_end, self.tz)
                candidates = [*later, limit] if limit > start else later
                end = min(candidates) if candidates else start + timedelta(hours=1)
                extra.append(("x-coordrules-end", "assumed"))
            result.append(self.occurrence(item, start, end, extra, seen))
        return result

    def occurrence(
        self,
        item: _Item,
        start: Any,
        end: Any,
        extra: list[tuple[str, str]],
        seen: dict[str, int],
    ) -> Occurrence:
        title = item.title
        status = Status.CONFIRMED
        transparency = Transparency.BUSY
        # "HOÃN: Ghi nhớ: …" as written, or the prefixes in the other order as typed.
        for _ in range(2):
            cancelled = _CANCELLED.match(title)
            if cancelled is not None:
                title, status = title[cancelled.end() :], Status.CANCELLED
            memo = _MEMO.match(title)
            if memo is not None:
                title, transparency = title[memo.end() :], Transparency.FREE
        when, what = normalise_text(item.time_text), normalise_text(title)
        key = f"{self.source}|{item.day.isoformat()}|{when}|{what}"
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
        seen[digest] = seen.get(digest, 0) + 1
        if seen[digest] > 1:
            digest += f"-{seen[digest]}"
        attendees = []
        for named in item.people:
            person = None
            if self.org is not None:
                resolved = self.org.resolve_person(named.name, item.day)
                person = None if resolved is None else resolved.id
            attendees.append(
                Attendee(
                    name=named.name,
                    role=named.role,
                    attendance=named.attendance,
                    delegated_to=named.delegated_to,
                    person=person,
                )
            )
        return Occurrence(
            title=title,
            start=start,
            end=end,
            source=self.source,
            uid=f"docx-{digest}@coordrules",
            venue=item.venue,
            status=status,
            transparency=transparency,
            attendees=tuple(attendees),
            preparing_unit=item.preparing,
            extra=(("x-coordrules-place", f"table {item.table}, row {item.row}"), *extra),
        )


def _legacy_finding(text: DocumentText, label: str) -> Finding | None:
    """The ``legacy-encoding`` finding when text was converted from a legacy 8-bit font."""
    if not text.legacy:
        return None
    names = ", ".join(name for name, _ in text.legacy)
    converted = sum(count for _, count in text.legacy)
    by_text = text.legacy_by_text is not None
    how = "by its characters" if by_text else "by font name"
    how_vi = "theo ký tự" if by_text else "theo tên phông"
    return Finding.of(
        "legacy-encoding",
        Message(
            vi=f"Văn bản dùng phông chữ cũ ({names}), nhận biết {how_vi}; "
            f"đã chuyển {converted} đoạn chữ sang Unicode.",
            en=f"Text in a legacy 8-bit font ({names}), detected {how}; "
            f"{converted} text runs converted to Unicode.",
        ),
        rule="docx-legacy-font",
        file=label,
        place="document",
        details={"fonts": [name for name, _ in text.legacy], "converted": converted},
    )


def _flat(text: str | None) -> str | None:
    if text is None:
        return None
    flat = " ".join(_BULLET.sub("", line).strip() for line in text.split("\n")).strip()
    return flat or None


def _find_header(tbl: Table) -> tuple[int, dict[int, str]] | None:
    """The header row (1-based) of a calendar table and its grid column kinds."""
    above: dict[int, _GridCell] = {}
    for index, tr in enumerate(tbl.rows[:6], start=1):
        columns: dict[int, str] = {}
        for cell in _row_cells(tr, above):
            kind = _classify(" ".join(cell.paragraphs))
            if kind is not None:
                for col in range(cell.start, cell.start + cell.span):
                    columns[col] = kind
        kinds = set(columns.values())
        if "content" in kinds and kinds & {"time", "day", "session"}:
            return index, columns
    return None
