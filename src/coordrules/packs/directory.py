"""The people directory: who holds which position, read from TOML or CSV.

A directory is user data, kept apart from packs (a pack says which positions
exist; a directory says who holds them, from when to when). Two formats:

* **TOML**: ``[[person]]`` tables (``id``, ``name``, ``emails``, ``aliases``)
  each with ``[[person.appointment]]`` tables (``position``, ``since``,
  ``until``), plus optional ``[[venue]]`` and ``[[travel_time]]`` tables as in
  a pack.
* **CSV** (UTF-8, header row): **one row per appointment**, columns
  ``person,name,emails,aliases,position,since,until``. A person with several
  positions (kiêm nhiệm) has several rows; ``name``, ``emails`` and
  ``aliases`` may be left empty on the later rows, and must not disagree when
  given. A row with an empty ``position`` lists a person without a position.
  ``emails`` and ``aliases`` hold several values separated by ``;``.

Every problem is a :class:`~coordrules.DirectoryError` naming the file, the
row or key, and the reason; :func:`check_directory` reports a directory's
problems against a pack as findings instead.
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import io
import os
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from coordrules.model.errors import DirectoryError, InputError
from coordrules.model.org import Appointment, Directory, Person, TravelTime, Venue
from coordrules.model.text import normalise_text
from coordrules.model.values import Basis
from coordrules.packs import limits, toml_lines
from coordrules.packs.directory_check import _against_pack, _error, _span
from coordrules.packs.pack import Pack
from coordrules.packs.pack_file import (
    _SUGGESTIONS,
    _from_input_error,
    _label,
    _say,
    _unknown,
    checked_text,
    plain_mapping,
)
from coordrules.packs.toml_lines import NO_LINES, TableLines, TomlLines

CSV_COLUMNS: tuple[str, ...] = ("person", "name", "emails", "aliases", "position", "since", "until")
"""The columns of a CSV people directory, in order."""

_PERSON_KEYS = ("id", "name", "emails", "aliases", "appointment")
_APPOINTMENT_KEYS = ("position", "since", "until")
_VENUE_KEYS = ("id", "name", "aliases")
_TRAVEL_KEYS = ("a", "b", "minutes", "cite", "basis")


def _pack_error(error: InputError) -> DirectoryError:
    """An unreadable file's :class:`InputError` as the directory's :class:`DirectoryError`."""
    problem = _from_input_error(error, DirectoryError)
    assert isinstance(problem, DirectoryError)
    return problem


def load_directory(path: str | os.PathLike[str], pack: Pack | None = None) -> Directory:
    """Read a people directory from a ``.toml`` or ``.csv`` file.

    With *pack*, the appointments are also checked against it
    (:func:`check_directory`): positions must exist in the pack.

    The file is UTF-8 (a byte-order mark and CR line endings are accepted);
    its size, its number of appointments, its dates and travel minutes are
    bounded (:data:`~coordrules.packs.limits.LIMITS`).

    Raises :class:`~coordrules.DirectoryError` (a subclass of
    :class:`~coordrules.PackError` for one release) naming file, row or key,
    and reason (every problem found is in its ``problems``).
    """
    file = os.fspath(path)
    if not file.lower().endswith((".csv", ".toml")):
        raise _error(
            file, "file", _say("không rõ định dạng", "a people directory is a .toml or .csv file")
        )
    try:
        data = limits.read_text(path, limit=limits.DIRECTORY_BYTES, file=file)
    except InputError as error:
        raise _pack_error(error) from None
    return _load(data, "csv" if file.lower().endswith(".csv") else "toml", file, pack)


def load_directory_text(
    text: str, *, format: str = "toml", name: str = "<text>", pack: Pack | None = None
) -> Directory:
    """Read a people directory from *text* in *format* ``"toml"`` or ``"csv"``.

    For directories kept in a database. *name* stands for the file in
    errors; the text is bounded as a file is
    (:data:`~coordrules.packs.limits.DIRECTORY_BYTES`); with *pack* the
    appointments are checked against it, as :func:`load_directory` does.

    Raises :class:`~coordrules.DirectoryError` naming *name*, the row or key,
    the line and the reason (every problem found is in its ``problems``).
    """
    if format not in ("toml", "csv"):
        raise _error(
            name,
            "format",
            _say("không rõ định dạng", f'format is "toml" or "csv", found {limits.show(format)}'),
        )
    clean = checked_text(text, name, limits.DIRECTORY_BYTES, DirectoryError)
    return _load(clean, format, name, pack)


def load_directory_mapping(
    mapping: Mapping[str, Any], *, name: str = "<mapping>", pack: Pack | None = None
) -> Directory:
    """Read a people directory already parsed into a mapping (the TOML format's shape).

    ``{"person": [{"id": …, "name": …, "appointment": [{"position": …}]}]}``,
    dates as ``date`` or ISO text. *name* stands for the file in errors;
    there are no line numbers. With *pack*, checked as :func:`load_directory`
    does.

    Raises :class:`~coordrules.DirectoryError` as :func:`load_directory_text`.
    """
    return _load(plain_mapping(mapping, name, DirectoryError), "toml", name, pack)


def _load(data: str | dict[str, Any], kind: str, file: str, pack: Pack | None) -> Directory:
    """Read *data* (CSV or TOML text, or a parsed mapping), check it, raise every problem."""
    problems: list[DirectoryError] = []
    places: list[str] = []
    lines: dict[str, TableLines] = {}
    if isinstance(data, dict):
        directory = _from_toml(data, NO_LINES, file, problems, places, lines)
    elif kind == "csv":
        directory = _from_csv(data, file, problems, places, lines)
    else:
        try:
            raw = limits.parse_toml(data, file)
        except InputError as error:
            raise _pack_error(error) from None
        directory = _from_toml(raw, toml_lines.scan(data), file, problems, places, lines)
    if len(directory.appointments) > limits.DIRECTORY_APPOINTMENTS:
        raise _error(
            file,
            places[limits.DIRECTORY_APPOINTMENTS],
            _say(
                f"quá {limits.DIRECTORY_APPOINTMENTS:,} bổ nhiệm",
                f"more than {limits.DIRECTORY_APPOINTMENTS:,} appointments in one directory",
            ),
        )
    if not problems:
        problems += _check_people(directory, file, places)
    if not problems and pack is not None:
        problems += [found.error for found in _against_pack(directory, pack, file, places)]
    if problems:
        first, *others = [_located(p, lines) for p in problems]
        raise first.with_others(others)
    return directory


def _located(problem: DirectoryError, lines: dict[str, TableLines]) -> DirectoryError:
    """*problem* with the line of its place, found from the longest known prefix of it."""
    if problem.line is not None:
        return problem
    prefix, key = problem.place, None
    while prefix not in lines and prefix:
        prefix, _, tail = prefix.rpartition(".")
        key = tail.split("[", 1)[0]
    table = lines.get(prefix)
    if table is None:
        return problem
    return DirectoryError(
        problem.file,
        problem.place,
        problem.reason,
        reason_vi=problem.reason_vi,
        hint=problem.hint,
        line=table.of(key),
    )


def _check_people(directory: Directory, file: str, places: list[str]) -> list[DirectoryError]:
    problems: list[DirectoryError] = []
    seen: dict[tuple[str, str], list[tuple[int, Appointment]]] = {}
    for index, appointment in enumerate(directory.appointments):
        key = places[index]
        if (
            appointment.since is not None
            and appointment.until is not None
            and appointment.since >= appointment.until
        ):
            problems.append(
                _error(
                    file,
                    f"{key}.until",
                    _say(
                        "ngày không hợp lệ",
                        f"since ({appointment.since}) must be before until ({appointment.until})",
                    ),
                )
            )
            continue
        seen.setdefault((appointment.person, appointment.position), []).append((index, appointment))
    for group in seen.values():
        # In start order, an appointment overlaps an earlier one exactly when it
        # starts before the latest end so far.
        group.sort(key=lambda item: (_span(item[1]), item[0]))
        latest = date.min
        for index, appointment in group:
            lo, hi = _span(appointment)
            if lo < latest:
                problems.append(
                    _error(
                        file,
                        places[index],
                        _say(
                            "bổ nhiệm chồng lấn",
                            f"{limits.show(appointment.person)} already holds "
                            f"{limits.show(appointment.position)} in part of this period",
                        ),
                    )
                )
            latest = max(latest, hi)
    problems += _check_identities(directory, file)
    return problems


def _check_identities(directory: Directory, file: str) -> list[DirectoryError]:
    """An e-mail or alias naming two people makes identity ambiguous: refuse it."""
    problems: list[DirectoryError] = []
    owners: dict[str, str] = {}
    for person in directory.people:
        for kind, values in (("emails", person.emails), ("aliases", person.aliases)):
            for value in values:
                key = normalise_text(value)
                other = owners.setdefault(key, person.id)
                if other != person.id:
                    problems.append(
                        _error(
                            file,
                            f"person[{person.id}].{kind}",
                            _say(
                                "trùng với người khác",
                                f"{limits.show(value)} also names {other!r}: each e-mail and alias "
                                "must name one person",
                            ),
                        )
                    )
    return problems


def _date(value: Any, file: str, key: str, problems: list[DirectoryError]) -> date | None:
    if value is None or value == "":
        return None
    day: date | None = None
    if isinstance(value, date) and not hasattr(value, "hour"):
        day = value
    elif isinstance(value, str):
        with contextlib.suppress(ValueError):
            day = date.fromisoformat(value.strip())
    if day is None:
        problems.append(
            _error(file, key, _say("sai ngày", f"{limits.show(value)} is not a date (YYYY-MM-DD)"))
        )
        return None
    out_of_range = limits.date_problem(day)
    if out_of_range is not None:
        problems.append(_error(file, key, _say(*out_of_range)))
        return None
    return day


def _strings(value: Any, file: str, key: str, problems: list[DirectoryError]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    problems.append(
        _error(file, key, _say("sai kiểu", f"expected a list of texts, found {limits.show(value)}"))
    )
    return ()


def _text(value: Any, file: str, key: str, problems: list[DirectoryError]) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    problems.append(
        _error(file, key, _say("thiếu hoặc sai", f"expected a text, found {limits.show(value)}"))
    )
    return ""


def _unknown_keys(
    table: dict[str, Any], allowed: tuple[str, ...], file: str, path: str
) -> list[DirectoryError]:
    """An unknown key of *table*, with the known key it is closest to ("did you mean")."""
    unknown = [k for k in table if k not in allowed]
    # A suggestion compares with a handful of keys: bounded however many are unknown.
    return [
        _error(file, f"{path}.{k}" if path else k, _unknown(k, allowed, close=i < _SUGGESTIONS))
        for i, k in enumerate(unknown)
    ]


_TOP_KEYS = ("person", "venue", "travel_time")


def _from_toml(
    raw: dict[str, Any],
    located: TomlLines,
    file: str,
    problems: list[DirectoryError],
    places: list[str],
    lines: dict[str, TableLines],
) -> Directory:
    """The directory in a parsed TOML table; *lines* gets the lines of each place."""
    lines[""] = located.table("")
    for key in raw:
        lines.setdefault(key, TableLines(located.first(key)))
    problems += _unknown_keys(raw, _TOP_KEYS, file, "")
    people: list[Person] = []
    appointments: list[Appointment] = []
    ids: set[str] = set()
    labels: set[str] = set()
    for index, item in enumerate(_tables(raw.get("person", []), file, "person", problems)):
        path = _path("person", item, index, labels)
        lines[path] = located.table(f"person[{index}]")
        problems += _unknown_keys(item, _PERSON_KEYS, file, path)
        ident = _text(item.get("id"), file, f"{path}.id", problems)
        if ident in ids:
            problems.append(
                _error(file, f"{path}.id", _say("trùng mã", f"{limits.show(ident)} twice"))
            )
        ids.add(ident)
        people.append(
            Person(
                ident,
                _text(item.get("name"), file, f"{path}.name", problems),
                _strings(item.get("emails"), file, f"{path}.emails", problems),
                _strings(item.get("aliases"), file, f"{path}.aliases", problems),
            )
        )
        for number, app in enumerate(
            _tables(item.get("appointment", []), file, f"{path}.appointment", problems)
        ):
            where = f"{path}.appointment[{number}]"
            lines[where] = located.table(f"person[{index}].appointment[{number}]")
            places.append(where)
            problems += _unknown_keys(app, _APPOINTMENT_KEYS, file, where)
            appointments.append(
                Appointment(
                    ident,
                    _text(app.get("position"), file, f"{where}.position", problems),
                    _date(app.get("since"), file, f"{where}.since", problems),
                    _date(app.get("until"), file, f"{where}.until", problems),
                )
            )
    venues = []
    venue_labels: set[str] = set()
    for index, item in enumerate(_tables(raw.get("venue", []), file, "venue", problems)):
        path = _path("venue", item, index, venue_labels)
        lines[path] = located.table(f"venue[{index}]")
        problems += _unknown_keys(item, _VENUE_KEYS, file, path)
        venues.append(
            Venue(
                _text(item.get("id"), file, f"{path}.id", problems),
                _text(item.get("name"), file, f"{path}.name", problems),
                _strings(item.get("aliases"), file, f"{path}.aliases", problems),
            )
        )
    travel = []
    venue_ids = {v.id for v in venues}
    for index, item in enumerate(
        _tables(raw.get("travel_time", []), file, "travel_time", problems)
    ):
        path = f"travel_time[{index}]"
        lines[path] = located.table(path)
        problems += _unknown_keys(item, _TRAVEL_KEYS, file, path)
        a = _text(item.get("a"), file, f"{path}.a", problems)
        b = _text(item.get("b"), file, f"{path}.b", problems)
        for name, value in (("a", a), ("b", b)):
            if value and value not in venue_ids:
                problems.append(
                    _error(
                        file,
                        f"{path}.{name}",
                        _say("không tìm thấy", f"unknown venue {limits.show(value)}"),
                    )
                )
        minutes = item.get("minutes")
        low, high = limits.TRAVEL_MINUTES
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not low <= minutes <= high:
            problems.append(
                _error(
                    file,
                    f"{path}.minutes",
                    _say(
                        "sai số phút",
                        f"expected minutes from {low:,} to {high:,}, found {limits.show(minutes)}",
                    ),
                )
            )
            minutes = 0
        try:
            basis = Basis(item.get("basis", "local"))
        except ValueError:
            problems.append(
                _error(
                    file,
                    f"{path}.basis",
                    _say("sai cơ sở", f"bad basis {limits.show(item.get('basis'))}"),
                )
            )
            basis = Basis.LOCAL
        travel.append(TravelTime(a, b, minutes, item.get("cite"), basis))
    return Directory(tuple(people), tuple(appointments), tuple(venues), tuple(travel))


def _path(section: str, item: dict[str, Any], index: int, seen: set[str]) -> str:
    """``person[nguyen-van-a]``: an entry by its id, by position when the id is bad or taken."""
    label = _label(item, index)
    if label in seen:
        label = str(index)
    seen.add(label)
    return f"{section}[{label}]"


def _tables(
    value: Any, file: str, path: str, problems: list[DirectoryError]
) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.append(
            _error(file, path, _say("sai kiểu", f"expected an array of tables [[{path}]]"))
        )
        return []
    return value


def _csv_rows(reader: Any, file: str) -> Iterator[tuple[int, list[str], int]]:
    """The rows of *reader*, numbered from 1 as a spreadsheet shows them, with their first line.

    A row the ``csv`` module cannot read (a cell over its field limit, an
    unterminated quote) is a :class:`~coordrules.DirectoryError` naming the row and the line.
    """
    number = 0
    while True:
        number += 1
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            text = str(error)
            if "field limit" in text:
                reason = _say(
                    f"ô dài quá {limits.CSV_CELL:,} ký tự",
                    f"a cell is longer than {limits.CSV_CELL:,} characters",
                )
            else:
                reason = _say("không đọc được dòng CSV", f"not valid CSV: {text}")
            raise DirectoryError(
                file,
                f"row {number} (line {reader.line_num})",
                reason.en,
                reason_vi=reason.vi,
                line=reader.line_num,
            ) from None
        yield number, row, start


def _guess(column: str) -> str:
    """An unknown CSV column, with the column it is closest to ("did you mean")."""
    close = difflib.get_close_matches(column, CSV_COLUMNS, n=1)
    shown = limits.show(column)
    return f"{shown} (did you mean {close[0]!r}?)" if close else shown


def _from_csv(
    text: str,
    file: str,
    problems: list[DirectoryError],
    places: list[str],
    lines: dict[str, TableLines],
) -> Directory:
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = _csv_rows(reader, file)
    try:
        header = [h.strip() for h in next(rows)[1]]
    except StopIteration:
        raise _error(file, "row 1", _say("tệp rỗng", "the file is empty")) from None
    missing = [c for c in ("person", "position") if c not in header]
    unknown = [c for c in header if c not in CSV_COLUMNS]
    if missing or unknown:
        raise _error(
            file,
            "row 1",
            _say(
                "sai tiêu đề",
                f"columns must be {', '.join(CSV_COLUMNS)}"
                + (f"; missing {', '.join(missing)}" if missing else "")
                + (f"; unknown {', '.join(_guess(c) for c in unknown)}" if unknown else ""),
            ),
        )
    people: dict[str, Person] = {}
    appointments: list[Appointment] = []
    for number, row, start in rows:
        if not any(cell.strip() for cell in row):
            continue
        where = f"row {number}"
        lines[where] = TableLines(start)
        if len(row) != len(header):
            problems.append(
                _error(
                    file, where, _say("sai số cột", f"{len(row)} cells, header has {len(header)}")
                )
            )
            continue
        cells = dict(zip(header, (c.strip() for c in row), strict=True))
        ident = cells.get("person", "")
        if not ident:
            problems.append(_error(file, f"{where}.person", _say("thiếu mã", "person id is empty")))
            continue
        emails = tuple(e.strip() for e in cells.get("emails", "").split(";") if e.strip())
        aliases = tuple(a.strip() for a in cells.get("aliases", "").split(";") if a.strip())
        name = cells.get("name", "")
        known = people.get(ident)
        if known is None:
            if not name:
                problems.append(
                    _error(
                        file,
                        f"{where}.name",
                        _say("thiếu tên", f"first row of {limits.show(ident)} needs a name"),
                    )
                )
            people[ident] = Person(ident, name, emails, aliases)
        else:
            for column, given, have in (
                ("name", name, known.name),
                ("emails", emails, known.emails),
                ("aliases", aliases, known.aliases),
            ):
                if given and given != have:
                    problems.append(
                        _error(
                            file,
                            f"{where}.{column}",
                            _say(
                                "mâu thuẫn",
                                f"{column} of {limits.show(ident)} differs from an earlier row",
                            ),
                        )
                    )
        position = cells.get("position", "")
        if position:
            places.append(where)
            appointments.append(
                Appointment(
                    ident,
                    position,
                    _date(cells.get("since"), file, f"{where}.since", problems),
                    _date(cells.get("until"), file, f"{where}.until", problems),
                )
            )
    return Directory(tuple(people.values()), tuple(appointments))
