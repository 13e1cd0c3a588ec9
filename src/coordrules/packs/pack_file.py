"""A pack file as read: TOML in, checked against the format table, ``extends`` resolved.

The first half of :func:`~coordrules.packs.load.load_pack`: each file is read
(stdlib ``tomllib``, bounded by :mod:`~coordrules.packs.limits`), every table
and value is checked against :mod:`coordrules.packs.schema`, and a child pack
is laid over its parent (see the loader for how ``extends`` works). Problems
are collected, never raised one by one; :mod:`~coordrules.packs.build` makes
the :class:`~coordrules.Pack`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date, datetime, time
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import attrs

from coordrules.model.errors import InputError, PackError
from coordrules.model.values import Anchor, Basis, Deadline, DeadlineUnit, Source
from coordrules.packs import limits
from coordrules.packs.schema import SECTION, TOP_LEVEL, KeySpec, SectionSpec

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


# -- problems ---------------------------------------------------------------


class _Said(NamedTuple):
    """A reason in Vietnamese and English."""

    vi: str
    en: str


def _say(vi: str, en: str) -> _Said:
    return _Said(vi, en)


def _error(file: str, key: str, said: _Said, *, line: int | None = None) -> PackError:
    return PackError(file, key, said.en, reason_vi=said.vi, line=line)


def _from_input_error(error: InputError, cls: type[PackError] = PackError) -> PackError:
    """An unreadable file's :class:`InputError` as a pack (or directory) problem."""
    line = error.line
    if line is None and error.place is not None:
        found = re.fullmatch(r"line (\d+)", error.place)
        line = int(found.group(1)) if found else None
    return cls(
        error.file,
        error.place or "file",
        error.reason,
        reason_vi=error.reason_vi,
        hint=error.hint,
        line=line,
    )


_SUGGESTIONS = 100
"""Most "did you mean" suggestions computed for one pack."""


class _Problems:
    def __init__(self) -> None:
        self.items: list[PackError] = []
        self.suggestions = 0

    def add(self, file: str, key: str, reason: _Said, *, line: int | None = None) -> None:
        self.items.append(_error(file, key, reason, line=line))

    def raise_if_any(self) -> None:
        if self.items:
            first, *others = self.items
            raise first.with_others(others)


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


def _wrong(expected: str, value: Any) -> _Said:
    return _say("sai kiểu", f"expected {expected}, found {_found(value)} {limits.show(value)}")


def _check_value(
    spec: KeySpec, value: Any, file: str, key: str, problems: _Problems
) -> tuple[bool, Any]:
    """Check and convert one value; ``(False, None)`` after recording a problem."""
    kind = spec.type

    def fail(reason: _Said) -> tuple[bool, Any]:
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


def _unknown(name: str, allowed: Iterable[str]) -> _Said:
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
        problems.items.append(_from_input_error(error))
        return None


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
        raise _error(*where, _say("tên tệp chứa ký tự NUL", "the path contains a NUL character"))
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError) as error:
        raise _error(*where, _say("không đọc được tệp", f"cannot read: {error}")) from None
    if resolved in seen:
        chain = " → ".join(str(p) for p in (*seen, resolved))
        raise _error(str(path), "pack.extends", _say("vòng lặp extends", f"cycle: {chain}"))
    if len(seen) > limits.EXTENDS_DEPTH:
        assert child is not None
        raise _error(
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
            raise _error(
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
            raise _error(
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
