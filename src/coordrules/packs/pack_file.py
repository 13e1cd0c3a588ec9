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
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, time
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import attrs

from coordrules.model.errors import InputError, PackError
from coordrules.model.values import Basis, CitationSource, Deadline, DeadlineSide, DeadlineUnit
from coordrules.packs import limits, toml_lines
from coordrules.packs.schema import SECTION, TOP_LEVEL, KeySpec, SectionSpec
from coordrules.packs.toml_lines import NO_TABLE, TableLines, TomlLines

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


# -- reading and shape checks -----------------------------------------------


@attrs.define
class _Entry:
    """One entry of a section, with where it came from (file, key path, lines)."""

    data: dict[str, Any]
    file: str
    path: str
    lines: TableLines = NO_TABLE

    def key(self, name: str) -> str:
        return f"{self.path}.{name}"

    def line(self, name: str | None = None) -> int | None:
        """The line of key *name* in the file (of the entry itself without one)."""
        return self.lines.of(name)


@attrs.define
class _Doc:
    """A pack file after shape checks, merged with what it extends."""

    file: str
    pack: dict[str, Any]
    arrays: dict[str, list[_Entry]] = attrs.field(factory=dict)
    tables: dict[str, _Entry] = attrs.field(factory=dict)
    """Plain sections and scalars: ``policy.series_cap`` → entry holding ``value``."""
    pack_lines: TableLines = NO_TABLE
    """Where the ``[pack]`` table's keys are."""
    folder: Path | None = None
    """The folder of the file, for its ``extends`` path (``None``: text or a mapping)."""
    problems: list[PackError] = attrs.field(factory=list)
    """Shape problems of every file read, raised with the whole pack's problems."""
    dropped: dict[str, set[str]] = attrs.field(factory=dict)
    """Ids of entries left out for their shape problems: references to them are not reported."""
    removed: dict[tuple[str, str], _Removal] = attrs.field(factory=dict)
    """Entries ``[pack] remove`` dropped, by (section, key): where each was removed."""


@attrs.frozen
class _Removal:
    """Where an extending pack removed an entry: a reference to it is that pack's problem."""

    item: str
    """As written in ``remove`` (``body:ban-hdnd-dan-toc``)."""
    file: str
    key: str
    line: int | None


class _Problems:
    """The problems found so far; raised together, the first with the others."""

    def __init__(self, found: Iterable[PackError] = ()) -> None:
        self.items: list[PackError] = list(found)
        self.suggestions = 0

    def add(self, file: str, key: str, reason: _Said, *, line: int | None = None) -> None:
        self.items.append(_error(file, key, reason, line=line))

    def at(self, entry: _Entry, name: str | None, reason: _Said) -> None:
        """A problem with key *name* of *entry* (the entry itself without one)."""
        key = entry.path if name is None else entry.key(name)
        self.add(entry.file, key, reason, line=entry.line(name))

    def raise_if_any(self) -> None:
        if self.items:
            first, *others = self.items
            raise first.with_others(others)


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


@attrs.frozen
class _At:
    """Where a value is (file, key path, line) and where its problems go."""

    file: str
    key: str
    line: int | None
    problems: _Problems

    def add(self, reason: _Said, sub: str = "") -> None:
        self.problems.add(self.file, self.key + sub, reason, line=self.line)

    def fail(self, reason: _Said) -> tuple[bool, Any]:
        self.add(reason)
        return False, None

    def inner(self, sub: str) -> _At:
        return attrs.evolve(self, key=self.key + sub)


_Check = Callable[[KeySpec, Any, _At], tuple[bool, Any]]


def _string(spec: KeySpec, value: Any, at: _At) -> tuple[bool, Any]:
    if not isinstance(value, str):
        return at.fail(_wrong("text", value))
    if not value.strip():
        return at.fail(_say("để trống", "must not be empty"))
    return True, value


def _ident(spec: KeySpec, value: Any, at: _At) -> tuple[bool, Any]:
    if not isinstance(value, str):
        return at.fail(_wrong("an identifier (text)", value))
    if not _ID.match(value):
        return at.fail(
            _say(
                "mã không hợp lệ",
                f"{limits.show(value)} is not an identifier (lower-case letters, digits, - _ .)",
            )
        )
    return True, value


def _condition(spec: KeySpec, value: Any, at: _At) -> tuple[bool, Any]:
    flag = value.removeprefix("not:") if isinstance(value, str) else value
    good, _ = _ident(spec, flag, at)
    return (True, value) if good else (False, None)


def _list_of(inner: str) -> _Check:
    def check(spec: KeySpec, value: Any, at: _At) -> tuple[bool, Any]:
        if not isinstance(value, list):
            return at.fail(_wrong(f"a list of {inner}s", value))
        item_spec = KeySpec(spec.name, inner, "")
        results = [
            _CHECKS[inner](item_spec, item, at.inner(f"[{index}]"))
            for index, item in enumerate(value)
        ]
        if all(good for good, _ in results):
            return True, tuple(converted for _, converted in results)
        return False, None

    return check


def _integer(spec: KeySpec, value: Any, at: _At) -> tuple[bool, Any]:
    if isinstance(value, bool) or not isinstance(value, int):
        return at.fail(_wrong("a whole number", value))
    if value < 0:
        return at.fail(_say("số âm", f"must not be negative, found {limits.show(value)}"))
    if spec.range is not None and not spec.range[0] <= value <= spec.range[1]:
        low, high = spec.range
        return at.fail(
            _say(
                f"ngoài khoảng {low:,}–{high:,}",
                f"must be from {low:,} to {high:,}, found {limits.show(value)}",
            )
        )
    return True, value


def _date(spec: KeySpec, value: Any, at: _At) -> tuple[bool, Any]:
    if isinstance(value, datetime):
        return at.fail(_say("sai ngày", f"expected a date without time, found {value}"))
    day: date
    if isinstance(value, date):
        day = value
    elif isinstance(value, str):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return at.fail(_say("sai ngày", f"{limits.show(value)} is not a date (YYYY-MM-DD)"))
    else:
        return at.fail(_wrong("a date (YYYY-MM-DD)", value))
    out_of_range = limits.date_problem(day)
    if out_of_range is not None:
        return at.fail(_say(*out_of_range))
    return True, day


def _time(spec: KeySpec, value: Any, at: _At) -> tuple[bool, Any]:
    if not isinstance(value, str) or not _TIME.match(value):
        return at.fail(
            _say("sai giờ", f'expected a time of day like "17:00", found {limits.show(value)}')
        )
    return True, time.fromisoformat(value)


def _choice(kind: type[Basis] | type[CitationSource], vi: str) -> _Check:
    def check(spec: KeySpec, value: Any, at: _At) -> tuple[bool, Any]:
        try:
            return True, kind(value)
        except ValueError:
            choices = ", ".join(x.value for x in kind)
            return at.fail(
                _say(vi, f"{spec.type} must be one of {choices}, found {limits.show(value)}")
            )

    return check


def _any(spec: KeySpec, value: Any, at: _At) -> tuple[bool, Any]:
    return True, value  # "value": any TOML value


_DEADLINE_KEYS = ("amount", "unit", "anchor", "reference")
_DEADLINE_CHOICES: tuple[
    tuple[str, type[DeadlineUnit] | type[DeadlineSide] | None, str, str], ...
] = (
    ("unit", DeadlineUnit, "days", "deadline unit"),
    ("anchor", DeadlineSide, "before", "anchor"),
    ("reference", None, "start", "reference"),
)


def _deadline(spec: KeySpec, value: Any, at: _At) -> tuple[bool, Any]:
    if not isinstance(value, dict):
        return at.fail(_wrong("a table { amount = …, unit = … }", value))
    ok = True
    for name in value:
        if name not in _DEADLINE_KEYS:
            at.add(_unknown(name, _DEADLINE_KEYS), f".{name}")
            ok = False
    amount = value.get("amount")
    problem = _amount_problem(amount, value.get("unit", "days"))
    if problem is not None:
        at.add(problem, ".amount")
        ok = False
    parsed: dict[str, Any] = {}
    for name, enum_type, default, what in _DEADLINE_CHOICES:
        raw = value.get(name, default)
        allowed = [e.value for e in enum_type] if enum_type is not None else list(_REFERENCES)
        if raw not in allowed:
            at.add(
                _say(
                    "giá trị không hợp lệ",
                    f"{what} must be one of {', '.join(allowed)}, found {limits.show(raw)}",
                ),
                f".{name}",
            )
            ok = False
        else:
            parsed[name] = enum_type(raw) if enum_type is not None else raw
    if not ok or not isinstance(amount, int):
        return False, None
    return True, Deadline(amount, parsed["unit"], parsed["anchor"], parsed["reference"])


def _amount_problem(amount: Any, unit: Any) -> _Said | None:
    if amount is None:
        return _say("thiếu khóa", "required key missing")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        return _wrong("a whole number ≥ 0", amount)
    most = limits.DEADLINE_MAX.get(str(unit), amount)
    if amount > most:
        return _say(
            f"thời hạn quá dài (tối đa {most:,})",
            f"at most {most:,} {unit}, found {limits.show(amount)}",
        )
    return None


_CHECKS: dict[str, _Check] = {
    "string": _string,
    "id": _ident,
    "condition": _condition,
    "ids": _list_of("id"),
    "strings": _list_of("string"),
    "integers": _list_of("integer"),
    "integer": _integer,
    "date": _date,
    "time": _time,
    "basis": _choice(Basis, "sai cơ sở"),
    "source": _choice(CitationSource, "sai nguồn"),
    "deadline": _deadline,
    "value": _any,
}
"""The check of each key type of :data:`~coordrules.packs.schema.TYPES`."""


def _check_value(spec: KeySpec, value: Any, at: _At) -> tuple[bool, Any]:
    """Check and convert one value; ``(False, None)`` after recording a problem."""
    return _CHECKS.get(spec.type, _any)(spec, value, at)


def _unknown(name: str, allowed: Iterable[str], *, close: bool = True) -> _Said:
    found = difflib.get_close_matches(name, list(allowed), n=1) if close else []
    hint = f" (did you mean {found[0]!r}?)" if found else ""
    return _say("khóa không có trong định dạng", f"unknown key {limits.show(name)}{hint}")


_LABEL_MAX = 64
"""Longest id that names its entry in a key path (``body[ubnd]``); longer ones use the index."""


def _label(item: Any, index: int) -> str:
    """How a key path names entry *index* of an array: by its ``id``, else by position."""
    ident = item.get("id") if isinstance(item, dict) else None
    if isinstance(ident, str) and len(ident) <= _LABEL_MAX and _ID.match(ident):
        return ident
    return str(index)


@attrs.define
class _Reader:
    """Shape checks of one file against :mod:`coordrules.packs.schema`."""

    file: str
    problems: _Problems
    doc: _Doc
    lines: TomlLines

    def table(
        self, spec: SectionSpec, raw: Any, path: str, indexed: str, line: int | None
    ) -> tuple[dict[str, Any] | None, TableLines]:
        """Shape-check one table of *spec*; nested sections go into the doc.

        *path* names it for people (``body[ubnd]``), *indexed* by position
        (``body[3]``, how :mod:`~coordrules.packs.toml_lines` finds its
        lines); *line* is where it is when its own lines are not known.
        """
        found = self.lines.table(indexed)
        lines = found if found.line is not None else TableLines(line, found.keys)
        if not isinstance(raw, dict):
            self.problems.add(self.file, path, _wrong("a table", raw), line=lines.line)
            return None, lines
        specs = {k.name: k for k in spec.keys}
        out: dict[str, Any] = {}
        ok = True
        for name, value in raw.items():
            key = f"{path}.{name}"
            key_spec = specs.get(name)
            where = lines.of(name)
            if key_spec is None:
                self.problems.add(self.file, key, _unknown(name, specs), line=where)
                ok = False
            elif key_spec.type == "section":
                nested = SECTION[f"{spec.name}.{name}"]
                self.section(nested, value, key, f"{indexed}.{name}", where, out)
            else:
                good, converted = _check_value(
                    key_spec, value, _At(self.file, key, where, self.problems)
                )
                ok = ok and good
                out[name] = converted
        for key_spec in spec.keys:
            if key_spec.required and key_spec.name not in raw:
                missing = _say("thiếu khóa", "required key missing")
                self.problems.add(self.file, f"{path}.{key_spec.name}", missing, line=lines.line)
                ok = False
        return (out if ok else None), lines

    def section(
        self,
        spec: SectionSpec,
        raw: Any,
        path: str,
        indexed: str,
        line: int | None,
        parent: dict[str, Any] | None = None,
    ) -> None:
        """Shape-check a section; *parent* holds a nested array (days of one year)."""
        if not spec.array:
            data, lines = self.table(spec, raw, path, indexed, line)
            if data is not None:
                self.doc.tables[spec.name] = _Entry(data, self.file, path, lines)
            return
        if not isinstance(raw, list):
            expected = f"an array of tables [[{spec.name}]]"
            self.problems.add(self.file, path, _wrong(expected, raw), line=line)
            return
        entries: list[_Entry] = []
        for index, item in enumerate(raw):
            item_path = f"{path}[{_label(item, index)}]"
            data, lines = self.table(spec, item, item_path, f"{indexed}[{index}]", line)
            if data is not None:
                entries.append(_Entry(data, self.file, item_path, lines))
            elif isinstance(item, dict) and isinstance(item.get("id"), str):
                self.doc.dropped.setdefault(spec.name, set()).add(item["id"])
        if spec.name.count(".") == 2 and parent is not None:
            # Days of one year stay inside that year's entry.
            parent[spec.name.rsplit(".", 1)[1]] = entries
        else:
            self.doc.arrays.setdefault(spec.name, []).extend(entries)


def _parse_file(path: Path) -> _Doc:
    file = str(path)
    try:
        text = limits.read_text(path, limit=limits.PACK_BYTES, file=file)
    except InputError as error:
        raise _from_input_error(error) from None
    doc = _parse_text(text, file)
    doc.folder = path.parent
    return doc


def _parse_text(text: str, file: str) -> _Doc:
    try:
        raw = limits.parse_toml(text, file)
    except InputError as error:
        raise _from_input_error(error) from None
    return _parse_raw(raw, file, toml_lines.scan(text))


def _parse_raw(raw: dict[str, Any], file: str, lines: TomlLines) -> _Doc:
    """Shape-check a parsed pack; problems stay in the doc, raised with the whole pack's."""
    problems = _Problems()
    doc = _Doc(file=file, pack={})
    reader = _Reader(file, problems, doc, lines)
    for name, value in raw.items():
        if name not in TOP_LEVEL:
            problems.add(file, name, _unknown(name, TOP_LEVEL), line=lines.first(name))
            continue
        reader.section(SECTION[name], value, name, name, lines.first(name))
    if "pack" not in raw:
        problems.add(file, "pack", _say("thiếu mục [pack]", "the [pack] table is missing"))
    pack = doc.tables.pop("pack", None)
    if pack is not None:
        doc.pack = pack.data
        doc.pack_lines = pack.lines
        level = doc.pack.get("level", "province")
        if level not in ("province", "commune"):
            problems.at(
                pack,
                "level",
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
            doc.tables[f"{section}.{name}"] = _Entry(
                {"value": value}, file, f"{section}.{name}", TableLines(table.line(name))
            )
    doc.problems = problems.items
    return doc


# -- a pack given as text or a mapping -----------------------------------------


def checked_text(text: Any, name: str, limit: int, error: type[PackError] = PackError) -> str:
    """*text* given directly (not read from a file), bounded and cleaned as a file's text is.

    At most *limit* bytes of UTF-8; a byte-order mark is dropped, line ends
    become ``\\n``, NUL characters and lone surrogates are refused. Raises
    *error* naming *name*.
    """
    if not isinstance(text, str):
        raise error(
            name, "text", f"expected text, found {_found(text)}", reason_vi="không phải văn bản"
        )
    raw = text.encode("utf-8", "surrogatepass")
    if len(raw) > limit:
        raise error(
            name,
            "text",
            f"larger than the limit of {limit:,} bytes",
            reason_vi=f"lớn hơn giới hạn {limit:,} byte",
            hint="see Limits in docs/packs.md",
        )
    try:
        return limits.decode_text(raw, name)
    except InputError as problem:
        raise _from_input_error(problem, error) from None


_MAPPING_ITEMS = 200_000
"""Most values (tables, lists and scalars together) in a pack or directory given as a mapping."""

_SCALARS = (str, int, float, bool, date, time)


def plain_mapping(value: Any, file: str, error: type[PackError] = PackError) -> dict[str, Any]:
    """*value* (a mapping, say from a database) as the dict ``tomllib`` would give.

    Lists may be any sequence but text; keys must be text; values must be
    TOML's (text, numbers, true/false, dates and times). Nesting and size are
    bounded as for a file (:data:`~coordrules.packs.limits.NESTING`). Raises
    *error* naming the key path of the first value it cannot use.
    """
    count = 0

    def fail(path: str, vi: str, en: str) -> PackError:
        return error(file, path or "mapping", en, reason_vi=vi)

    def convert(item: Any, path: str, depth: int) -> Any:
        nonlocal count
        count += 1
        if count > _MAPPING_ITEMS:
            raise fail(path, "quá nhiều giá trị", f"more than {_MAPPING_ITEMS:,} values")
        if depth > limits.NESTING:
            raise fail(
                path,
                f"lồng nhau sâu quá {limits.NESTING} mức",
                f"tables or arrays nested more than {limits.NESTING} deep",
            )
        if isinstance(item, Mapping):
            out = {}
            for key, inner in item.items():
                if not isinstance(key, str):
                    raise fail(path, "khóa không phải văn bản", f"a key is not text: {key!r:.40}")
                out[key] = convert(inner, f"{path}.{key}" if path else key, depth + 1)
            return out
        if isinstance(item, Sequence) and not isinstance(item, str | bytes):
            return [convert(inner, f"{path}[{i}]", depth + 1) for i, inner in enumerate(item)]
        if isinstance(item, _SCALARS):
            return item
        raise fail(path, "kiểu không dùng được", f"not a TOML value: {type(item).__name__}")

    if not isinstance(value, Mapping):
        raise fail("", "không phải bảng", f"expected a mapping, found {type(value).__name__}")
    result: dict[str, Any] = convert(value, "", 0)
    return result


# -- extends ----------------------------------------------------------------


def _entry_key(section: str, entry: _Entry) -> str:
    by = SECTION[section].key_by
    if by == "a/b":
        return f"{entry.data['a']}/{entry.data['b']}"
    if by is None or by == "whole":
        return ""
    return str(entry.data[by])


def _extends_error(doc: _Doc, said: _Said) -> PackError:
    return _error(doc.file, "pack.extends", said, line=doc.pack_lines.of("extends"))


def _parent_path(doc: _Doc, name: str, base: Path | None) -> Path:
    """Where the pack *doc* extends is: a bundled pack, or a file inside *base*."""
    if name in bundled_packs():
        return _bundled_path(name)
    bundled = ", ".join(bundled_packs())
    folder = doc.folder or base
    if base is None or folder is None:
        raise _extends_error(
            doc,
            _say(
                "không có gói có sẵn này",
                f"{limits.show(name)} is not a bundled pack ({bundled}); a pack given as text "
                "or a mapping extends only a bundled pack unless a base folder is given",
            ),
        )
    if "\x00" in name:
        raise _extends_error(
            doc, _say("tên tệp chứa ký tự NUL", "the path contains a NUL character")
        )
    try:
        path = (folder / name).resolve()
        root = base.resolve()
    except (OSError, RuntimeError) as error:
        raise _extends_error(doc, _say("không đọc được tệp", f"cannot read: {error}")) from None
    if not path.is_relative_to(root):
        raise _extends_error(
            doc,
            _say(
                "gói gốc nằm ngoài thư mục của gói",
                f"{limits.show(name)} is outside {root}: extends names a bundled pack "
                f"({bundled}) or a file in the pack's folder or below it",
            ),
        )
    if not path.is_file():
        raise _extends_error(
            doc,
            _say(
                "không tìm thấy gói gốc",
                f"{limits.show(name)} is neither a bundled pack ({bundled}) nor a file at {path}",
            ),
        )
    return path


def _load_chain(doc: _Doc, seen: tuple[str, ...], base: Path | None) -> _Doc:
    """Lay *doc* over what it extends, recursively.

    *seen* are the packs below it (file paths or names), *base* the folder
    the ``extends`` paths of the chain must stay in (``None``: only bundled
    packs may be extended).
    """
    parent_name = doc.pack.get("extends")
    if parent_name is None:
        if doc.pack.get("remove"):
            raise _error(
                doc.file,
                "pack.remove",
                _say("không có gói gốc", "remove needs extends: there is nothing to remove from"),
                line=doc.pack_lines.of("remove"),
            )
        return doc
    if len(seen) > limits.EXTENDS_DEPTH:
        raise _extends_error(
            doc,
            _say(
                f"chuỗi extends dài quá {limits.EXTENDS_DEPTH} gói",
                f"more than {limits.EXTENDS_DEPTH} packs above {seen[0]} in its extends chain",
            ),
        )
    path = _parent_path(doc, parent_name, base)
    if str(path) in seen:
        chain = " → ".join((*seen, str(path)))
        raise _extends_error(doc, _say("vòng lặp extends", f"cycle: {chain}"))
    parent = _load_chain(_parse_file(path), (*seen, str(path)), base)
    return _merge(parent, doc)


def _merge(parent: _Doc, child: _Doc) -> _Doc:
    """*child* laid over *parent* (see the loader for how ``extends`` works)."""
    problems = _Problems()
    arrays = {name: list(entries) for name, entries in parent.arrays.items()}
    tables = dict(parent.tables)
    removed = _removals(arrays, child, problems)
    removals = dict(parent.removed)
    for index, item in enumerate(child.pack.get("remove", ())):
        section, _, ident = item.partition(":")
        if ident in removed.get(section, ()):
            line = child.pack_lines.of("remove")
            removals[(section, ident)] = _Removal(item, child.file, f"pack.remove[{index}]", line)
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
    pack = dict(child.pack)
    # Keys that say where the pack applies carry over unless the child sets them.
    for inherited in ("place", "level"):
        if inherited not in pack and inherited in parent.pack:
            pack[inherited] = parent.pack[inherited]
    dropped = {k: set(v) for k, v in parent.dropped.items()}
    for section, idents in child.dropped.items():
        dropped.setdefault(section, set()).update(idents)
    return _Doc(
        file=child.file,
        pack=pack,
        arrays=arrays,
        tables=tables,
        pack_lines=child.pack_lines,
        folder=child.folder,
        problems=[*parent.problems, *child.problems, *problems.items],
        dropped=dropped,
        removed=removals,
    )


def _removals(
    arrays: dict[str, list[_Entry]], child: _Doc, problems: _Problems
) -> dict[str, set[str]]:
    """The entries ``[pack] remove`` drops, by section; *arrays* loses whole rules at once."""
    # Keys of each section, computed once: a long remove list stays linear.
    parent_keys: dict[str, set[str]] = {}
    child_keys: dict[str, set[str]] = {}
    removed: dict[str, set[str]] = {}
    line = child.pack_lines.of("remove")
    for index, item in enumerate(child.pack.get("remove", ())):
        key = f"pack.remove[{index}]"

        def fail(said: _Said, key: str = key) -> None:
            problems.add(child.file, key, said, line=line)

        section, colon, ident = item.partition(":")
        spec = SECTION.get(section)
        if spec is None or not spec.array or section.count(".") > 1:
            fail(
                _say(
                    "không xóa được",
                    f"{limits.show(item)}: not a section whose entries can be removed",
                )
            )
        elif spec.key_by == "whole":
            if colon:
                fail(
                    _say(
                        "sai cú pháp",
                        f"{limits.show(item)}: write {section!r} to remove the whole rule",
                    )
                )
            elif section not in arrays:
                fail(_say("không có để xóa", f"{limits.show(item)} is not set"))
            arrays.pop(section, None)
        elif not ident:
            fail(_say("sai cú pháp", f'{limits.show(item)}: write "{section}:<{spec.key_by}>"'))
        else:
            if section not in parent_keys:
                parent_keys[section] = {_entry_key(section, e) for e in arrays.get(section, [])}
                child_keys[section] = {
                    _entry_key(section, e) for e in child.arrays.get(section, [])
                }
            if ident in removed.get(section, ()):
                fail(_say("trùng", f"{limits.show(item)} is listed twice"))
            elif ident not in parent_keys[section]:
                fail(
                    _say(
                        "không có để xóa",
                        f"the extended pack has no {section} {limits.show(ident)}",
                    )
                )
            if ident in child_keys[section]:
                fail(
                    _say(
                        "mâu thuẫn",
                        f"{limits.show(item)} is both removed and defined in this pack",
                    )
                )
            removed.setdefault(section, set()).add(ident)
    return removed
