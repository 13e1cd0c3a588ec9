"""The rule-pack loader: TOML files in, a validated :class:`~coordrules.Pack` out.

What lives here: reading TOML (stdlib ``tomllib``), checking it against the
format table of :mod:`coordrules.packs.schema`, resolving ``extends``, and the
checks that need the whole pack (references between ids, one lead per kind of
work, non-overlapping versions, a ``cite`` for every ``statute`` value).
What never does: rules that use a pack, and any reading of the clock.

Every problem is a :class:`~coordrules.PackError` naming the file, the key
path (``meeting_kind[3].office``) and the reason; all problems of a pack are
collected and raised together (the first, with the others in ``problems``).

How ``extends`` works: the child pack starts from its parent's entries. An
entry of the child with the ``id`` of a parent's entry *replaces* every
parent entry with that id (all its versions; nothing is merged key by key),
new ids are added, ``[pack] remove = ["section:key"]`` drops parent entries,
and a child's policy rule replaces the parent's list of versions as a whole.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from coordrules.model.doctypes import DOCUMENT_TYPES, ITEM_KINDS, DocumentType, lineage
from coordrules.model.errors import InputError, PackError
from coordrules.model.org import (
    Body,
    MeetingKind,
    Office,
    Position,
    TravelTime,
    Venue,
    WorkAssignment,
)
from coordrules.model.values import Anchor, Basis, Deadline, DeadlineUnit, Rule, Source, Sourced
from coordrules.packs import limits
from coordrules.packs.docformat import FORMAT_KEYS, DocumentFormat, to_value, value_problem
from coordrules.packs.pack import CalendarPolicy, Pack, Requirement
from coordrules.packs.schema import SECTION, TOP_LEVEL, KeySpec, SectionSpec
from coordrules.packs.workdays import ScheduledDay, WorkCalendar

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_REFERENCES = ("start", "end")
_RESERVED_RULE_PREFIXES = (
    "policy.",
    "work.",
    "requirement.",
    "work_calendar.",
    "travel_time.",
    "document_format.",
)


def bundled_packs() -> tuple[str, ...]:
    """The names of the packs shipped with the library (``vn-commune``, ``vn-province``)."""
    folder = resources.files("coordrules") / "packs"
    return tuple(
        sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))
    )


def _bundled_path(name: str) -> Path:
    return Path(str(resources.files("coordrules") / "packs" / f"{name}.toml"))


def load_pack(source: str | os.PathLike[str]) -> Pack:
    """Load and validate a rule pack.

    *source* is a bundled pack name (see :func:`bundled_packs`) or the path
    of a TOML file. A pack may extend another (``[pack] extends``); cycles
    and chains longer than :data:`~coordrules.packs.limits.EXTENDS_DEPTH`
    are refused. The file's size, its nesting and its values are bounded
    (:data:`~coordrules.packs.limits.LIMITS`, the Limits table of
    ``docs/packs.md``).

    Raises :class:`~coordrules.PackError` naming file, key path and reason
    (all the problems found are in its ``problems``).
    """
    if isinstance(source, str) and source in bundled_packs():
        path = _bundled_path(source)
    else:
        path = Path(source)
        if not path.exists() and path.suffix == "" and os.sep not in str(source):
            # Neither a bundled name nor a file: say both, so a typo is plain.
            raise PackError(
                str(source),
                "pack",
                _say(
                    "không có gói quy tắc này",
                    "no bundled pack and no file of that name; bundled: "
                    + ", ".join(bundled_packs()),
                ),
            )
    doc = _load_chain(path, ())
    return _build(doc)


# -- problems ---------------------------------------------------------------


def _say(vi: str, en: str) -> str:
    return f"{vi} / {en}"


_SUGGESTIONS = 100
"""Most "did you mean" suggestions computed for one pack."""


class _Problems:
    def __init__(self) -> None:
        self.items: list[PackError] = []
        self.suggestions = 0

    def add(self, file: str, key: str, reason: str) -> None:
        self.items.append(PackError(file, key, reason))

    def raise_if_any(self) -> None:
        if self.items:
            first, *others = self.items
            raise PackError(first.file, first.key, first.reason, others=others)


# -- reading and shape checks -----------------------------------------------


@attrs.define
class _Entry:
    """One entry of an array section, with where it came from."""

    data: dict[str, Any]
    file: str
    path: str

    def key(self, name: str) -> str:
        return f"{self.path}.{name}"


@attrs.define
class _Doc:
    """A pack file after shape checks, merged with what it extends."""

    file: str
    pack: dict[str, Any]
    arrays: dict[str, list[_Entry]] = attrs.field(factory=dict)
    tables: dict[str, _Entry] = attrs.field(factory=dict)
    """Plain sections and scalars: ``policy.series_cap`` → entry holding ``value``."""


_TYPE_NAMES = {
    str: "text",
    int: "integer",
    float: "number",
    bool: "true/false",
    list: "list",
    dict: "table",
    date: "date",
    datetime: "date-time",
    time: "time",
}


def _found(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _wrong(expected: str, value: Any) -> str:
    return _say("sai kiểu", f"expected {expected}, found {_found(value)} {limits.show(value)}")


def _check_value(
    spec: KeySpec, value: Any, file: str, key: str, problems: _Problems
) -> tuple[bool, Any]:
    """Check and convert one value; ``(False, None)`` after recording a problem."""
    kind = spec.type

    def fail(reason: str) -> tuple[bool, Any]:
        problems.add(file, key, reason)
        return False, None

    if kind == "string":
        if not isinstance(value, str):
            return fail(_wrong("text", value))
        if not value.strip():
            return fail(_say("để trống", "must not be empty"))
        return True, value
    if kind == "id":
        if not isinstance(value, str):
            return fail(_wrong("an identifier (text)", value))
        if not _ID.match(value):
            return fail(
                _say(
                    "mã không hợp lệ",
                    f"{limits.show(value)} is not an identifier "
                    "(lower-case letters, digits, - _ .)",
                )
            )
        return True, value
    if kind == "condition":
        flag = value.removeprefix("not:") if isinstance(value, str) else value
        good, _ = _check_value(KeySpec(spec.name, "id", ""), flag, file, key, problems)
        return (True, value) if good else (False, None)
    if kind in ("ids", "strings", "integers"):
        inner = {"ids": "id", "strings": "string", "integers": "integer"}[kind]
        if not isinstance(value, list):
            return fail(_wrong(f"a list of {inner}s", value))
        out = []
        ok = True
        for index, item in enumerate(value):
            good, converted = _check_value(
                KeySpec(spec.name, inner, ""), item, file, f"{key}[{index}]", problems
            )
            ok = ok and good
            out.append(converted)
        return (True, tuple(out)) if ok else (False, None)
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return fail(_wrong("a whole number", value))
        if value < 0:
            return fail(_say("số âm", f"must not be negative, found {limits.show(value)}"))
        if spec.range is not None and not spec.range[0] <= value <= spec.range[1]:
            low, high = spec.range
            return fail(
                _say(
                    f"ngoài khoảng {low:,}–{high:,}",
                    f"must be from {low:,} to {high:,}, found {limits.show(value)}",
                )
            )
        return True, value
    if kind == "date":
        if isinstance(value, datetime):
            return fail(_say("sai ngày", f"expected a date without time, found {value}"))
        day: date
        if isinstance(value, date):
            day = value
        elif isinstance(value, str):
            try:
                day = date.fromisoformat(value)
            except ValueError:
                return fail(_say("sai ngày", f"{limits.show(value)} is not a date (YYYY-MM-DD)"))
        else:
            return fail(_wrong("a date (YYYY-MM-DD)", value))
        out_of_range = limits.date_problem(day)
        if out_of_range is not None:
            return fail(_say(*out_of_range))
        return True, day
    if kind == "time":
        if not isinstance(value, str) or not _TIME.match(value):
            return fail(
                _say("sai giờ", f'expected a time of day like "17:00", found {limits.show(value)}')
            )
        return True, time.fromisoformat(value)
    if kind == "basis":
        try:
            return True, Basis(value)
        except ValueError:
            choices = ", ".join(b.value for b in Basis)
            return fail(
                _say("sai cơ sở", f"basis must be one of {choices}, found {limits.show(value)}")
            )
    if kind == "source":
        try:
            return True, Source(value)
        except ValueError:
            choices = ", ".join(x.value for x in Source)
            return fail(
                _say("sai nguồn", f"source must be one of {choices}, found {limits.show(value)}")
            )
    if kind == "deadline":
        return _check_deadline(value, file, key, problems)
    return True, value  # "value": any TOML value


_DEADLINE_KEYS = ("amount", "unit", "anchor", "reference")


def _check_deadline(
    value: Any, file: str, key: str, problems: _Problems
) -> tuple[bool, Deadline | None]:
    if not isinstance(value, dict):
        problems.add(file, key, _wrong("a table { amount = …, unit = … }", value))
        return False, None
    ok = True
    for name in value:
        if name not in _DEADLINE_KEYS:
            problems.add(file, f"{key}.{name}", _unknown(name, _DEADLINE_KEYS))
            ok = False
    amount = value.get("amount")
    if amount is None:
        problems.add(file, f"{key}.amount", _say("thiếu khóa", "required key missing"))
        ok = False
    elif isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        problems.add(file, f"{key}.amount", _wrong("a whole number ≥ 0", amount))
        ok = False
    elif amount > limits.DEADLINE_MAX.get(str(value.get("unit", "days")), amount):
        most = limits.DEADLINE_MAX[str(value.get("unit", "days"))]
        problems.add(
            file,
            f"{key}.amount",
            _say(
                f"thời hạn quá dài (tối đa {most:,})",
                f"at most {most:,} {value.get('unit', 'days')}, found {limits.show(amount)}",
            ),
        )
        ok = False
    choices: list[tuple[str, type[DeadlineUnit] | type[Anchor] | None, str]] = [
        ("unit", DeadlineUnit, "days"),
        ("anchor", Anchor, "before"),
        ("reference", None, "start"),
    ]
    parsed: dict[str, Any] = {}
    for name, enum_type, default in choices:
        raw = value.get(name, default)
        allowed = [e.value for e in enum_type] if enum_type is not None else list(_REFERENCES)
        if raw not in allowed:
            what = {"unit": "deadline unit", "anchor": "anchor", "reference": "reference"}[name]
            problems.add(
                file,
                f"{key}.{name}",
                _say(
                    "giá trị không hợp lệ",
                    f"{what} must be one of {', '.join(allowed)}, found {limits.show(raw)}",
                ),
            )
            ok = False
        else:
            parsed[name] = enum_type(raw) if enum_type is not None else raw
    if not ok or not isinstance(amount, int):
        return False, None
    return True, Deadline(amount, parsed["unit"], parsed["anchor"], parsed["reference"])


def _unknown(name: str, allowed: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(allowed), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return _say("khóa không có trong định dạng", f"unknown key {limits.show(name)}{hint}")


def _check_table(
    spec: SectionSpec, raw: Any, file: str, path: str, problems: _Problems, doc: _Doc
) -> dict[str, Any] | None:
    """Shape-check one table of *spec*; nested sections go into *doc*."""
    if not isinstance(raw, dict):
        problems.add(file, path, _wrong("a table", raw))
        return None
    specs = {k.name: k for k in spec.keys}
    out: dict[str, Any] = {}
    ok = True
    for name, value in raw.items():
        key = f"{path}.{name}"
        key_spec = specs.get(name)
        if key_spec is None:
            problems.add(file, key, _unknown(name, specs))
            ok = False
        elif key_spec.type == "section":
            _check_section(SECTION[f"{spec.name}.{name}"], value, file, key, problems, doc, out)
        else:
            good, converted = _check_value(key_spec, value, file, key, problems)
            ok = ok and good
            out[name] = converted
    for key_spec in spec.keys:
        if key_spec.required and key_spec.name not in raw:
            problems.add(
                file, f"{path}.{key_spec.name}", _say("thiếu khóa", "required key missing")
            )
            ok = False
    return out if ok else None


def _check_section(
    spec: SectionSpec,
    raw: Any,
    file: str,
    path: str,
    problems: _Problems,
    doc: _Doc,
    parent: dict[str, Any] | None = None,
) -> None:
    if spec.array:
        if not isinstance(raw, list):
            problems.add(file, path, _wrong(f"an array of tables [[{spec.name}]]", raw))
            return
        if spec.name.count(".") == 2 and parent is not None:
            # Days of one year stay inside that year's entry.
            nested: list[_Entry] = []
            for index, item in enumerate(raw):
                data = _check_table(spec, item, file, f"{path}[{index}]", problems, doc)
                if data is not None:
                    nested.append(_Entry(data, file, f"{path}[{index}]"))
            parent[spec.name.rsplit(".", 1)[1]] = nested
            return
        entries = doc.arrays.setdefault(spec.name, [])
        for index, item in enumerate(raw):
            data = _check_table(spec, item, file, f"{path}[{index}]", problems, doc)
            if data is not None:
                entries.append(_Entry(data, file, f"{path}[{index}]"))
        return
    data = _check_table(spec, raw, file, path, problems, doc)
    if data is not None:
        doc.tables[spec.name] = _Entry(data, file, path)


def _read(path: Path, problems: _Problems, file: str) -> dict[str, Any] | None:
    try:
        return limits.parse_toml(limits.read_text(path, limit=limits.PACK_BYTES, file=file), file)
    except InputError as error:
        problems.add(file, error.place or "file", _reason(error))
        return None


def _reason(error: InputError) -> str:
    """An :class:`InputError`'s reason and hint as a pack problem's reason."""
    text = _say(error.reason_vi or error.reason, error.reason)
    return text if error.hint is None else f"{text} ({error.hint})"


def _parse_file(path: Path) -> _Doc:
    file = str(path)
    problems = _Problems()
    raw = _read(path, problems, file)
    problems.raise_if_any()
    assert raw is not None
    doc = _Doc(file=file, pack={})
    for name, value in raw.items():
        if name not in TOP_LEVEL:
            problems.add(file, name, _unknown(name, TOP_LEVEL))
            continue
        _check_section(SECTION[name], value, file, name, problems, doc)
    if "pack" not in raw:
        problems.add(file, "pack", _say("thiếu mục [pack]", "the [pack] table is missing"))
    pack = doc.tables.pop("pack", None)
    if pack is not None:
        doc.pack = pack.data
        level = doc.pack.get("level", "province")
        if level not in ("province", "commune"):
            problems.add(
                file,
                "pack.level",
                _say(
                    "cấp không hợp lệ",
                    f"level must be province or commune, found {limits.show(level)}",
                ),
            )
    # Scalars of plain sections become one table entry each, so that a child
    # pack can override them one by one.
    for section in ("policy", "work_calendar"):
        table = doc.tables.pop(section, None)
        if table is None:
            continue
        for name, value in table.data.items():
            doc.tables[f"{section}.{name}"] = _Entry({"value": value}, file, f"{section}.{name}")
    problems.raise_if_any()
    return doc


# -- extends ----------------------------------------------------------------


def _entry_key(section: str, entry: _Entry) -> str:
    by = SECTION[section].key_by
    if by == "a/b":
        return f"{entry.data['a']}/{entry.data['b']}"
    if by is None or by == "whole":
        return ""
    return str(entry.data[by])


def _load_chain(path: Path, seen: tuple[Path, ...], child: str | None = None) -> _Doc:
    """Read *path* and what it extends; *seen* are the packs below it, *child* the one below."""
    where = (child, "pack.extends") if child is not None else (str(path), "file")
    if "\x00" in str(path):
        raise PackError(*where, _say("tên tệp chứa ký tự NUL", "the path contains a NUL character"))
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError) as error:
        raise PackError(*where, _say("không đọc được tệp", f"cannot read: {error}")) from None
    if resolved in seen:
        chain = " → ".join(str(p) for p in (*seen, resolved))
        raise PackError(str(path), "pack.extends", _say("vòng lặp extends", f"cycle: {chain}"))
    if len(seen) > limits.EXTENDS_DEPTH:
        assert child is not None
        raise PackError(
            child,
            "pack.extends",
            _say(
                f"chuỗi extends dài quá {limits.EXTENDS_DEPTH} gói",
                f"more than {limits.EXTENDS_DEPTH} packs above {seen[0]} in its extends chain",
            ),
        )
    doc = _parse_file(path)
    parent_name = doc.pack.get("extends")
    if parent_name is None:
        unused = doc.pack.get("remove")
        if unused:
            raise PackError(
                doc.file,
                "pack.remove",
                _say("không có gói gốc", "remove needs extends: there is nothing to remove from"),
            )
        return doc
    if parent_name in bundled_packs():
        parent_path = _bundled_path(parent_name)
    else:
        parent_path = path.parent / parent_name
        if not parent_path.is_file():
            raise PackError(
                doc.file,
                "pack.extends",
                _say(
                    "không tìm thấy gói gốc",
                    f"{limits.show(parent_name)} is neither a bundled pack "
                    f"({', '.join(bundled_packs())}) "
                    f"nor a file at {parent_path}",
                ),
            )
    parent = _load_chain(parent_path, (*seen, resolved), doc.file)
    return _merge(parent, doc)


def _merge(parent: _Doc, child: _Doc) -> _Doc:
    problems = _Problems()
    arrays = {name: list(entries) for name, entries in parent.arrays.items()}
    tables = dict(parent.tables)
    # Keys of each section, computed once: a long remove list stays linear.
    parent_keys: dict[str, set[str]] = {}
    child_keys: dict[str, set[str]] = {}
    removed: dict[str, set[str]] = {}
    for index, item in enumerate(child.pack.get("remove", ())):
        key = f"pack.remove[{index}]"
        section, colon, ident = item.partition(":")
        spec = SECTION.get(section)
        if spec is None or not spec.array or section.count(".") > 1:
            problems.add(
                child.file,
                key,
                _say(
                    "không xóa được",
                    f"{limits.show(item)}: not a section whose entries can be removed",
                ),
            )
            continue
        if spec.key_by == "whole":
            if colon:
                problems.add(
                    child.file,
                    key,
                    _say(
                        "sai cú pháp",
                        f"{limits.show(item)}: write {section!r} to remove the whole rule",
                    ),
                )
            elif section not in arrays:
                problems.add(
                    child.file, key, _say("không có để xóa", f"{limits.show(item)} is not set")
                )
            arrays.pop(section, None)
            continue
        if not ident:
            problems.add(
                child.file,
                key,
                _say("sai cú pháp", f'{limits.show(item)}: write "{section}:<{spec.key_by}>"'),
            )
            continue
        if section not in parent_keys:
            parent_keys[section] = {_entry_key(section, e) for e in arrays.get(section, [])}
            child_keys[section] = {_entry_key(section, e) for e in child.arrays.get(section, [])}
        if ident in removed.get(section, ()):
            problems.add(child.file, key, _say("trùng", f"{limits.show(item)} is listed twice"))
        elif ident not in parent_keys[section]:
            problems.add(
                child.file,
                key,
                _say("không có để xóa", f"the extended pack has no {section} {limits.show(ident)}"),
            )
        if ident in child_keys[section]:
            problems.add(
                child.file,
                key,
                _say("mâu thuẫn", f"{limits.show(item)} is both removed and defined in this pack"),
            )
        removed.setdefault(section, set()).add(ident)
    for section, idents in removed.items():
        arrays[section] = [
            e for e in arrays.get(section, []) if _entry_key(section, e) not in idents
        ]
    for section, entries in child.arrays.items():
        if SECTION[section].key_by == "whole":
            arrays[section] = list(entries)
            continue
        replaced = {_entry_key(section, e) for e in entries}
        kept = [e for e in arrays.get(section, []) if _entry_key(section, e) not in replaced]
        arrays[section] = kept + list(entries)
    tables.update(child.tables)
    problems.raise_if_any()
    pack = dict(child.pack)
    # Keys that say where the pack applies carry over unless the child sets them.
    for inherited in ("place", "level"):
        if inherited not in pack and inherited in parent.pack:
            pack[inherited] = parent.pack[inherited]
    return _Doc(file=child.file, pack=pack, arrays=arrays, tables=tables)


# -- whole-pack checks and building -------------------------------------------


def _dated(entry: _Entry, problems: _Problems) -> tuple[date | None, date | None]:
    since = entry.data.get("since")
    until = entry.data.get("until")
    if since is not None and until is not None and since >= until:
        problems.add(
            entry.file,
            entry.key("until"),
            _say("ngày không hợp lệ", f"since ({since}) must be before until ({until})"),
        )
    return since, until


def _sourced_parts(entry: _Entry, problems: _Problems) -> tuple[str | None, Basis]:
    cite = entry.data.get("cite")
    basis = entry.data.get("basis", Basis.ASSUMED)
    if basis is Basis.STATUTE and not cite:
        problems.add(
            entry.file,
            entry.key("cite"),
            _say(
                "thiếu trích dẫn",
                "a value with basis statute needs cite (document and article)",
            ),
        )
    return cite, basis


def _source(entry: _Entry, default: Source = Source.OFFICIAL) -> Source:
    """Where the entry's ``cite`` was read (``official`` unless it says ``secondary``)."""
    value = entry.data.get("source", default)
    return value if isinstance(value, Source) else default


def _overlaps(spans: list[tuple[date | None, date | None]]) -> bool:
    lo = date.min
    hi = date.max
    ordered = sorted(((s or lo), (u or hi)) for s, u in spans)
    return any(ordered[i][1] > ordered[i + 1][0] for i in range(len(ordered) - 1))


def _check_versions(section: str, entries: list[_Entry], problems: _Problems) -> None:
    by_id: dict[str, list[_Entry]] = {}
    for entry in entries:
        by_id.setdefault(_entry_key(section, entry), []).append(entry)
    for ident, group in by_id.items():
        if len(group) < 2:
            continue
        spans = [(e.data.get("since"), e.data.get("until")) for e in group]
        if _overlaps(spans):
            what = f"{section} {limits.show(ident)}" if ident else section
            problems.add(
                group[-1].file,
                group[-1].path,
                _say(
                    "các phiên bản chồng lấn",
                    f"versions of {what} overlap in time; each date must have at most one",
                ),
            )


def _unique(section: str, entries: list[_Entry], problems: _Problems) -> None:
    seen: dict[str, _Entry] = {}
    for entry in entries:
        key = _entry_key(section, entry)
        if key in seen:
            first = seen[key]
            problems.add(
                entry.file,
                entry.key(SECTION[section].key_by or "id"),
                _say(
                    "trùng mã",
                    f"{limits.show(key)} is already defined at {first.file}: {first.path}",
                ),
            )
        else:
            seen[key] = entry


def _refs(
    entry: _Entry,
    name: str,
    known: Mapping[str, object],
    what: str,
    problems: _Problems,
) -> None:
    value = entry.data.get(name)
    if value is None:
        return
    values = value if isinstance(value, tuple) else (value,)
    for index, ident in enumerate(values):
        if ident not in known:
            key = entry.key(name) if not isinstance(value, tuple) else f"{entry.key(name)}[{index}]"
            hint = ""
            if problems.suggestions < _SUGGESTIONS:
                # Each suggestion compares with every known id: a few, not thousands.
                problems.suggestions += 1
                close = difflib.get_close_matches(ident, list(known), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.add(
                entry.file,
                key,
                _say("không tìm thấy", f"unknown {what} {limits.show(ident)}{hint}"),
            )


def _parent_loops(found: list[_Entry], types: list[DocumentType], problems: _Problems) -> None:
    """A document type that is, through its parents, a kind of itself is a mistake."""
    declared = {t.id: t for t in types}

    def lookup(type_id: str) -> DocumentType | None:
        return declared.get(type_id) or DOCUMENT_TYPES.get(type_id)

    for entry, item in zip(found, types, strict=True):
        if item.parent is not None and item.id in lineage(item.parent, lookup):
            problems.add(
                entry.file,
                entry.key("parent"),
                _say("vòng lặp loại cha", f"{item.id!r} would be a kind of itself"),
            )


def _build(doc: _Doc) -> Pack:
    problems = _Problems()
    arrays = doc.arrays

    def entries(section: str) -> list[_Entry]:
        return arrays.get(section, [])

    for section in ("body", "office", "position", "meeting_kind", "venue", "document_type"):
        _unique(section, entries(section), problems)
    _unique("travel_time", entries("travel_time"), problems)
    for section in (
        "work",
        "requirement",
        "rule",
        "document_format",
        "policy.confirmation_deadline",
        "policy.change_notice",
        "policy.precedence",
        "policy.default_travel_minutes",
    ):
        _check_versions(section, entries(section), problems)
    _unique("work_calendar.year", entries("work_calendar.year"), problems)
    _unique("work_calendar.ignored_holiday", entries("work_calendar.ignored_holiday"), problems)

    bodies = {e.data["id"]: e for e in entries("body")}
    offices = {e.data["id"]: e for e in entries("office")}
    positions = {e.data["id"]: e for e in entries("position")}
    kinds = {e.data["id"]: e for e in entries("meeting_kind")}
    venues = {e.data["id"]: e for e in entries("venue")}
    doc_types: dict[str, object] = dict(DOCUMENT_TYPES)
    doc_types.update({e.data["id"]: e for e in entries("document_type")})
    bodies_or_offices = {**bodies, **offices}
    rules: list[Rule[Any]] = []

    built_bodies = []
    for e in entries("body"):
        _refs(e, "parent", bodies, "body", problems)
        since, until = _dated(e, problems)
        d = e.data
        form = d.get("form", "state")
        if form not in ("state", "party"):
            problems.add(
                e.file,
                e.key("form"),
                _say(
                    'phải là "state" hoặc "party"', f'expected "state" or "party", found {form!r}'
                ),
            )
        cite, basis = _sourced_parts(e, problems)
        built_bodies.append(
            Body(
                d["id"],
                d["name"],
                d.get("aliases", ()),
                d.get("parent"),
                since,
                until,
                form=form,
                cite=cite,
                basis=basis,
            )
        )
    built_offices = []
    for e in entries("office"):
        _refs(e, "serves", bodies, "body", problems)
        since, until = _dated(e, problems)
        d = e.data
        built_offices.append(
            Office(d["id"], d["name"], d.get("serves", ()), d.get("aliases", ()), since, until)
        )
    built_positions = []
    for e in entries("position"):
        _refs(e, "body", bodies, "body", problems)
        _refs(e, "deputies", positions, "position", problems)
        if e.data["id"] in e.data.get("deputies", ()):
            problems.add(
                e.file, e.key("deputies"), _say("tự thay mình", "a position cannot deputise itself")
            )
        since, until = _dated(e, problems)
        d = e.data
        built_positions.append(
            Position(
                d["id"],
                d["body"],
                d["title"],
                d.get("aliases", ()),
                d.get("deputies", ()),
                since,
                until,
                d.get("holders"),
            )
        )
    built_work = []
    work_versions: dict[str, list[Sourced[Any]]] = {}
    for e in entries("work"):
        _refs(e, "lead", offices, "office", problems)
        _refs(e, "coordinate", offices, "office", problems)
        d = e.data
        if d["lead"] in d.get("coordinate", ()):
            problems.add(
                e.file,
                e.key("coordinate"),
                _say(
                    "trùng chủ trì",
                    f"the lead office {d['lead']!r} cannot also coordinate; exactly one lead",
                ),
            )
        since, until = _dated(e, problems)
        cite, basis = _sourced_parts(e, problems)
        item = WorkAssignment(
            d["id"], d["name"], d["lead"], d.get("coordinate", ()), cite, basis, since, until
        )
        built_work.append(item)
        work_versions.setdefault(d["id"], []).append(
            Sourced(
                item,
                cite,
                basis,
                since,
                until,
                d.get("note", ""),
                _source(e),
                d.get("gap_before", ""),
            )
        )
    work_names: dict[str, str] = {}
    for w in built_work:
        work_names.setdefault(w.id, w.name)
    for ident, versions in work_versions.items():
        name = work_names[ident]
        rules.append(Rule(f"work.{ident}", _by_date(versions), name))
    built_kinds = []
    for e in entries("meeting_kind"):
        _refs(e, "body", bodies, "body", problems)
        _refs(e, "office", offices, "office", problems)
        _refs(e, "coordinating", offices, "office", problems)
        since, until = _dated(e, problems)
        d = e.data
        built_kinds.append(
            MeetingKind(
                d["id"],
                d["name"],
                d["body"],
                d["office"],
                d.get("coordinating", ()),
                d.get("aliases", ()),
                since,
                until,
            )
        )
    built_venues = [
        Venue(e.data["id"], e.data["name"], e.data.get("aliases", ())) for e in entries("venue")
    ]
    built_travel = []
    for e in entries("travel_time"):
        _refs(e, "a", venues, "venue", problems)
        _refs(e, "b", venues, "venue", problems)
        cite, basis = _sourced_parts(e, problems)
        d = e.data
        travel = TravelTime(d["a"], d["b"], d["minutes"], cite, basis)
        built_travel.append(travel)
        rules.append(
            Rule(
                f"travel_time.{d['a']}.{d['b']}",
                (Sourced(d["minutes"], cite, basis),),
                f"Thời gian di chuyển / travel minutes {d['a']} ↔ {d['b']}",
            )
        )
    built_requirements = []
    requirement_versions: dict[str, list[Sourced[Any]]] = {}
    for e in entries("requirement"):
        _refs(e, "meeting_kind", kinds, "meeting kind", problems)
        _refs(e, "document", doc_types, "document type", problems)
        _refs(e, "item_kind", ITEM_KINDS, "item kind", problems)
        _refs(e, "submitted_by", bodies_or_offices, "body or office", problems)
        _refs(e, "to", bodies_or_offices, "body or office", problems)
        since, until = _dated(e, problems)
        cite, basis = _sourced_parts(e, problems)
        d = e.data
        requirement = Requirement(
            id=d["id"],
            meeting_kind=d["meeting_kind"],
            document=d["document"],
            name=d["name"],
            deadline=d["deadline"],
            item_kind=d.get("item_kind"),
            submitted_by=d.get("submitted_by"),
            to=d.get("to"),
            condition=d.get("condition"),
            cite=cite,
            basis=basis,
            since=since,
            until=until,
            deadline_basis=d.get("deadline_basis"),
            note=d.get("note", ""),
            source=_source(e),
            gap_before=d.get("gap_before", ""),
        )
        built_requirements.append(requirement)
        requirement_versions.setdefault(d["id"], []).append(requirement.sourced())
    requirement_names: dict[str, str] = {}
    for r in built_requirements:
        requirement_names.setdefault(r.id, r.name)
    for ident, versions in requirement_versions.items():
        name = requirement_names[ident]
        rules.append(Rule(f"requirement.{ident}", _by_date(versions), name))

    generic: dict[str, list[Sourced[Any]]] = {}
    descriptions: dict[str, str] = {}
    for e in entries("rule"):
        ident = e.data["id"]
        if ident.startswith(_RESERVED_RULE_PREFIXES):
            problems.add(
                e.file,
                e.key("id"),
                _say("mã dành riêng", f"rule ids must not start with {ident.split('.')[0]}."),
            )
        since, until = _dated(e, problems)
        cite, basis = _sourced_parts(e, problems)
        generic.setdefault(ident, []).append(
            Sourced(
                e.data["value"],
                cite,
                basis,
                since,
                until,
                e.data.get("note", ""),
                _source(e),
                e.data.get("gap_before", ""),
            )
        )
        descriptions.setdefault(ident, e.data["description"])
    policy_rules: dict[str, Rule[Any]] = {}
    for name, description in (
        ("confirmation_deadline", "Hạn xác báo thành phần / attendance confirmation deadline"),
        ("change_notice", "Báo trước khi thay đổi lịch / notice for a significant change"),
        ("precedence", "Thứ tự ưu tiên loại cuộc họp / precedence of meeting kinds"),
        (
            "default_travel_minutes",
            "Thời gian di chuyển mặc định (phút) / default travel minutes",
        ),
    ):
        versions = []
        for e in entries(f"policy.{name}"):
            if name == "precedence":
                _refs(e, "value", kinds, "meeting kind", problems)
            since, until = _dated(e, problems)
            cite, basis = _sourced_parts(e, problems)
            versions.append(
                Sourced(
                    e.data["value"],
                    cite,
                    basis,
                    since,
                    until,
                    e.data.get("note", ""),
                    _source(e),
                    e.data.get("gap_before", ""),
                )
            )
        if versions:
            policy_rules[name] = Rule(f"policy.{name}", _by_date(versions), description)
    rules.extend(policy_rules.values())

    def scalar(name: str, default: Any) -> Any:
        entry = doc.tables.get(name)
        return default if entry is None else entry.data["value"]

    policy = CalendarPolicy(
        confirmation_deadline=policy_rules.get("confirmation_deadline"),
        change_notice=policy_rules.get("change_notice"),
        precedence=policy_rules.get("precedence"),
        default_travel_minutes=policy_rules.get("default_travel_minutes"),
        series_cap=scalar("policy.series_cap", CalendarPolicy().series_cap),
        max_feed_bytes=scalar("policy.max_feed_bytes", CalendarPolicy().max_feed_bytes),
    )
    work_calendar = _work_calendar(doc, problems, rules)
    for ident, versions in generic.items():
        rules.append(Rule(ident, _by_date(versions), descriptions[ident]))
    format_versions: dict[str, list[Sourced[Any]]] = {}
    for e in entries("document_format"):
        ident = e.data["id"]
        problem = value_problem(ident, e.data["value"])
        if problem is not None:
            key = "id" if ident not in FORMAT_KEYS else "value"
            problems.add(e.file, e.key(key), _say("giá trị thể thức không hợp lệ", problem))
            continue
        since, until = _dated(e, problems)
        cite, basis = _sourced_parts(e, problems)
        format_versions.setdefault(ident, []).append(
            Sourced(
                to_value(ident, e.data["value"]),
                cite,
                basis,
                since,
                until,
                e.data.get("note", ""),
                _source(e),
                e.data.get("gap_before", ""),
            )
        )
    format_rules = tuple(
        Rule(
            f"document_format.{ident}",
            _by_date(versions),
            FORMAT_KEYS[ident][1],
        )
        for ident, versions in sorted(
            format_versions.items(), key=lambda kv: list(FORMAT_KEYS).index(kv[0])
        )
    )
    rules.extend(format_rules)
    extra_types = []
    for e in entries("document_type"):
        _refs(e, "parent", doc_types, "document type", problems)
        d = e.data
        extra_types.append(
            DocumentType(d["id"], d["name"], d.get("code"), d.get("title"), d.get("parent"))
        )
    _parent_loops(entries("document_type"), extra_types, problems)
    problems.raise_if_any()
    return Pack(
        id=doc.pack["id"],
        name=doc.pack["name"],
        level=doc.pack.get("level", "province"),
        bodies=tuple(built_bodies),
        offices=tuple(built_offices),
        positions=tuple(built_positions),
        work=tuple(built_work),
        meeting_kinds=tuple(built_kinds),
        venues=tuple(built_venues),
        travel_times=tuple(built_travel),
        policy=policy,
        work_calendar=work_calendar,
        requirements=tuple(built_requirements),
        rules=tuple(rules),
        extends=doc.pack.get("extends"),
        path=doc.file,
        document_types=tuple(extra_types),
        description=doc.pack.get("description", ""),
        place=doc.pack.get("place"),
        document_format=DocumentFormat(format_rules),
    )


def _by_date(versions: list[Sourced[Any]]) -> tuple[Sourced[Any], ...]:
    return tuple(sorted(versions, key=lambda v: v.since or date.min))


def _work_calendar(doc: _Doc, problems: _Problems, rules: list[Rule[Any]]) -> WorkCalendar:
    def table(name: str) -> _Entry | None:
        return doc.tables.get(f"work_calendar.{name}")

    defaults = WorkCalendar()
    timezone = defaults.timezone
    if (entry := table("timezone")) is not None:
        timezone = entry.data["value"]
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            problems.add(
                entry.file,
                entry.path,
                _say("múi giờ không rõ", f"unknown time zone {limits.show(timezone)}"),
            )
    country = defaults.country
    if (entry := table("country")) is not None:
        country = entry.data["value"]
        import holidays  # on first use: ``coordrules --help`` needs no holidays

        if country not in holidays.list_supported_countries():
            problems.add(
                entry.file,
                entry.path,
                _say(
                    "mã quốc gia không rõ",
                    f"the holidays package has no country {limits.show(country)}",
                ),
            )
    weekend = defaults.weekend
    if (entry := table("weekend")) is not None:
        weekend = entry.data["value"]
        if any(day > 6 for day in weekend):
            problems.add(
                entry.file,
                entry.path,
                _say("sai ngày trong tuần", "weekdays are 0 (Monday) to 6 (Sunday)"),
            )
        elif len(set(weekend)) > 6:
            problems.add(
                entry.file,
                entry.path,
                _say(
                    "tuần không có ngày làm việc",
                    "at most 6 weekend days: a week needs a working day",
                ),
            )
    deadline_time = defaults.deadline_time
    if (entry := table("deadline_time")) is not None:
        data = entry.data
        deadline_time = data["value"]
        cite, basis = _sourced_parts(entry, problems)
        rules.append(
            Rule(
                "work_calendar.deadline_time",
                (Sourced(deadline_time, cite, basis, note=data.get("note", "")),),
                "Giờ của hạn tính theo ngày / the hour a day-counted deadline falls at",
            )
        )
    days_off: list[ScheduledDay] = []
    working: list[ScheduledDay] = []
    for e in doc.arrays.get("work_calendar.year", []):
        year = e.data["year"]
        cite, basis = _sourced_parts(e, problems)
        year_source = _source(e)
        year_off: list[ScheduledDay] = []
        year_on: list[ScheduledDay] = []
        for span in e.data.get("days_off", []):
            first, last = span.data["first"], span.data["last"]
            for key, day in (("first", first), ("last", last)):
                if day.year != year:
                    problems.add(
                        span.file,
                        span.key(key),
                        _say("sai năm", f"{day} is not in {year}"),
                    )
            if first > last:
                problems.add(
                    span.file,
                    span.key("last"),
                    _say("ngày không hợp lệ", f"last ({last}) is before first ({first})"),
                )
            span_cite, span_basis = _day_source(span, cite, basis, problems)
            span_source = _source(span, year_source)
            day = first
            while day <= last:
                year_off.append(
                    ScheduledDay(day, span.data["name"], span_cite, span_basis, span_source)
                )
                day += timedelta(days=1)
        off_days = {d.day for d in year_off}
        for item in e.data.get("working_days", []):
            day = item.data["day"]
            if day.year != year:
                problems.add(item.file, item.key("day"), _say("sai năm", f"{day} is not in {year}"))
            if day in off_days:
                problems.add(
                    item.file,
                    item.key("day"),
                    _say("mâu thuẫn", f"{day} is listed both as a day off and as a working day"),
                )
            item_cite, item_basis = _day_source(item, cite, basis, problems)
            year_on.append(
                ScheduledDay(
                    day, item.data["name"], item_cite, item_basis, _source(item, year_source)
                )
            )
        days_off += year_off
        working += year_on
        rules.append(
            Rule(
                f"work_calendar.year.{year}",
                (
                    Sourced(
                        (tuple(year_off), tuple(year_on)),
                        cite,
                        basis,
                        date(year, 1, 1),
                        date(year + 1, 1, 1),
                        e.data.get("note", ""),
                        year_source,
                    ),
                ),
                f"Lịch nghỉ lễ, Tết và làm bù năm {year} / announced schedule {year}",
            )
        )
    ignored = []
    for e in doc.arrays.get("work_calendar.ignored_holiday", []):
        cite, basis = _sourced_parts(e, problems)
        ignored.append(e.data["name"])
        rules.append(
            Rule(
                f"work_calendar.ignored_holiday.{e.data['name']}",
                (Sourced(e.data["name"], cite, basis, note=e.data.get("note", "")),),
                "Ngày lễ của thư viện holidays không tính là ngày nghỉ / "
                "a holidays entry treated as a working day",
            )
        )
    return WorkCalendar(
        timezone=timezone,
        country=country,
        days_off=tuple(sorted(days_off, key=lambda d: d.day)),
        working_days=tuple(sorted(working, key=lambda d: d.day)),
        ignored_holidays=tuple(ignored),
        deadline_time=deadline_time,
        weekend=weekend,
        years=tuple(sorted({e.data["year"] for e in doc.arrays.get("work_calendar.year", [])})),
    )


def _day_source(
    entry: _Entry, cite: str | None, basis: Basis, problems: _Problems
) -> tuple[str | None, Basis]:
    own_cite = entry.data.get("cite", cite)
    own_basis = entry.data.get("basis", basis)
    if own_basis is Basis.STATUTE and not own_cite:
        problems.add(
            entry.file,
            entry.key("cite"),
            _say("thiếu trích dẫn", "a value with basis statute needs cite (document and article)"),
        )
    return own_cite, own_basis
