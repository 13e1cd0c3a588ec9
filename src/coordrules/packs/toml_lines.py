"""Line numbers of tables and keys in a TOML text, for error messages.

``tomllib`` gives values, not positions. A pack or people-directory error
names the line of the key at fault, so this module scans the text once, line
by line, for table headers (``[name]``, ``[[name]]``) and the first segment
of each key (``name =``, ``name.sub =``), and records where each table and
each key of it starts. Tables are named as the loaders name them, by
position: ``work_calendar.year[1].days_off[0]``.

It is a scan, not a parser, and says so: a key written in an inline table
(``deadline = { amount = 3 }``) gets the line of the key that holds the
table, a quoted or unusual key gets the line of its table's header, and
lines inside a multi-line string (``\"\"\"…\"\"\"``) are skipped (three quotes
inside a one-line string or a comment open none; quoted table names are
read). The work is one
pass over text the readers have already bounded in size.
"""

from __future__ import annotations

import re

import attrs

_SEGMENT = r"""(?:[A-Za-z0-9_\-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_SEGMENT}(?:\s*\.\s*{_SEGMENT})*)\s*(\]\]?)\s*(?:#.*)?$")
_PART = re.compile(_SEGMENT)
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*[.=]")
_TRIPLES = ('"""', "'''")
_OPEN_ARRAY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=\s*\[\s*(#.*)?$")
_INLINE_TABLE = re.compile(r"^\s*\{")
_INLINE_KEY = re.compile(r"([A-Za-z0-9_\-]+)\s*=")


@attrs.frozen
class TableLines:
    """Where one table starts and where each of its keys is."""

    line: int | None
    """The line of its header (``None`` for the top of the file)."""
    keys: dict[str, int] = attrs.field(factory=dict)
    """The line of each key, by its first segment."""

    def of(self, key: str | None = None) -> int | None:
        """The line of *key*, or of the header when the key is not found."""
        if key is None:
            return self.line
        return self.keys.get(key, self.line)


NO_TABLE = TableLines(None)
"""A table whose lines are not known."""


@attrs.frozen
class TomlLines:
    """The tables of a TOML text by path (``body[2]``), with their lines."""

    tables: dict[str, TableLines] = attrs.field(factory=dict)

    def table(self, path: str) -> TableLines:
        """The table at *path* (``""``: the top), or one with no lines."""
        return self.tables.get(path, NO_TABLE)

    def first(self, name: str) -> int | None:
        """The line where the section *name* first appears (a header or a top-level key)."""
        found = self.tables.get(f"{name}[0]") or self.tables.get(name)
        if found is not None and found.line is not None:
            return found.line
        return self.table("").keys.get(name)


NO_LINES = TomlLines()
"""For a pack or directory given as a mapping: no lines to tell."""


def scan(text: str) -> TomlLines:
    """Find the line of every table header and key of *text* (one pass)."""
    tables: dict[str, TableLines] = {"": TableLines(None)}
    current = tables[""]
    arrays: dict[str, int] = {}  # dotted name -> index of its latest entry
    counts: dict[str, int] = {}  # indexed path of an array -> entries so far
    in_string: str | None = None  # the delimiter of the multi-line string a line is in
    current_path = ""
    inline: tuple[str, int] | None = None  # an array of inline tables: its path, entries so far
    for number, line in enumerate(text.split("\n"), start=1):
        if in_string is not None:
            in_string = _open_string(line, in_string)
            continue
        if inline is not None:
            inline = _inline_entry(line, number, inline, tables)
            if inline is not None:
                continue
        header = _HEADER.match(line)
        if header is not None and (header.group(1) == "[[") == (header.group(3) == "]]"):
            name = ".".join(part.strip("\"'") for part in _PART.findall(header.group(2)))
            path = _indexed(name, arrays)
            if header.group(1) == "[[":
                index = counts.get(path, 0)
                counts[path] = index + 1
                arrays[name] = index
                path = f"{path}[{index}]"
            current = tables.setdefault(path, TableLines(number))
            current_path = path
            continue
        key = _KEY.match(line)
        if key is not None:
            current.keys.setdefault(key.group(1), number)
            opened = _OPEN_ARRAY.match(line)
            if opened is not None:
                name = opened.group(1)
                inline = (f"{current_path}.{name}" if current_path else name, 0)
                continue
        in_string = _open_string(line, None)
    return TomlLines(tables)


def _inline_entry(
    line: str, number: int, inline: tuple[str, int], tables: dict[str, TableLines]
) -> tuple[str, int] | None:
    """Record one line of a multi-line array: an inline table on it is an entry.

    Returns the array's state after the line, ``None`` once it is closed (or
    holds something else than inline tables, one on each line).
    """
    path, count = inline
    if _INLINE_TABLE.match(line):
        keys = dict.fromkeys(_INLINE_KEY.findall(line), number)
        tables.setdefault(f"{path}[{count}]", TableLines(number, keys))
        return path, count + 1
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return inline
    return None


def _indexed(name: str, arrays: dict[str, int]) -> str:
    """*name* (``a.b.c``) with the current index after each array above it (``a[1].b.c``)."""
    parts = name.split(".")
    out = []
    for depth, part in enumerate(parts):
        out.append(part)
        prefix = ".".join(parts[: depth + 1])
        if depth < len(parts) - 1 and prefix in arrays:
            out[-1] = f"{part}[{arrays[prefix]}]"
    return ".".join(out)


def _open_string(line: str, open_: str | None) -> str | None:
    """The multi-line string (its delimiter) still open at the end of *line*.

    *open_* is the one open at its start. Quotes inside one-line strings and
    comments do not count: a one-line string holding three quotes opens nothing.
    """
    i, n = 0, len(line)
    while i < n:
        if open_ is not None:
            i = _close(line, i, open_)
            if i < 0:
                return open_
            open_ = None
            continue
        c = line[i]
        if c == "#":
            return None
        if line.startswith(_TRIPLES, i):
            open_, i = line[i : i + 3], i + 3
        elif c == '"':
            i += 1
            while i < n and line[i] != '"':
                i += 2 if line[i] == "\\" else 1
            i += 1
        elif c == "'":
            end = line.find("'", i + 1)
            i = n if end < 0 else end + 1
        else:
            i += 1
    return open_


def _close(line: str, i: int, delimiter: str) -> int:
    """Where the multi-line string *delimiter* closes on *line* from *i* (just after), or -1."""
    n = len(line)
    while i < n:
        if delimiter == _TRIPLES[0] and line[i] == "\\":
            i += 2
            continue
        if line.startswith(delimiter, i):
            i += 3
            while i < n and line[i] == delimiter[0]:  # quotes just before the end are text
                i += 1
            return i
        i += 1
    return -1
