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

Every problem is a :class:`~coordrules.PackError` naming the file, the row
or key, and the reason.
"""

from __future__ import annotations

import csv
import io
import os
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from coordrules.model.errors import PackError
from coordrules.model.org import Appointment, Directory, Person, Position, TravelTime, Venue
from coordrules.model.text import norm
from coordrules.model.values import Basis, in_force
from coordrules.packs.pack import Pack

CSV_COLUMNS: tuple[str, ...] = ("person", "name", "emails", "aliases", "position", "since", "until")
"""The columns of a CSV people directory, in order."""

_PERSON_KEYS = ("id", "name", "emails", "aliases", "appointment")
_APPOINTMENT_KEYS = ("position", "since", "until")
_VENUE_KEYS = ("id", "name", "aliases")
_TRAVEL_KEYS = ("a", "b", "minutes", "cite", "basis")


def _say(vi: str, en: str) -> str:
    return f"{vi} / {en}"


def load_directory(path: str | os.PathLike[str], pack: Pack | None = None) -> Directory:
    """Read a people directory from a ``.toml`` or ``.csv`` file.

    With *pack*, the appointments are also checked against it
    (:func:`check_directory`): positions must exist in the pack.

    Raises :class:`~coordrules.PackError` naming file, row or key, and
    reason (every problem found is in its ``problems``).
    """
    file = str(path)
    try:
        data = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise PackError(file, "file", _say("không tìm thấy tệp", "file not found")) from None
    except (OSError, UnicodeDecodeError) as error:
        raise PackError(file, "file", _say("không đọc được tệp", f"cannot read: {error}")) from None
    problems: list[PackError] = []
    places: list[str] = []
    if file.lower().endswith(".csv"):
        directory = _from_csv(data, file, problems, places)
    elif file.lower().endswith(".toml"):
        directory = _from_toml(data, file, problems, places)
    else:
        raise PackError(
            file, "file", _say("không rõ định dạng", "a people directory is a .toml or .csv file")
        )
    if not problems:
        problems += _check_people(directory, file, places)
    if not problems and pack is not None:
        problems += check_directory(directory, pack, file=file, places=places)
    if problems:
        first, *others = problems
        raise PackError(first.file, first.key, first.reason, others=others)
    return directory


def check_directory(
    directory: Directory,
    pack: Pack,
    *,
    file: str = "<directory>",
    places: list[str] | None = None,
) -> list[PackError]:
    """Problems of *directory* against *pack*, as a list (empty when all is well).

    Each appointment must name a position of the pack, start while the
    position exists, and name a person of the directory. Each problem names
    *file* and the appointment's place: ``places[i]`` when given (the loader
    passes ``row 3`` or ``person[0].appointment[1]``), else ``appointment[i]``.
    """
    problems: list[PackError] = []
    positions = {p.id: p for p in pack.positions}
    people = {p.id for p in directory.people}
    for index, appointment in enumerate(directory.appointments):
        key = places[index] if places else f"appointment[{index}]"
        if appointment.person not in people:
            problems.append(
                PackError(
                    file,
                    f"{key}.person",
                    _say("không tìm thấy", f"unknown person {appointment.person!r}"),
                )
            )
        position = positions.get(appointment.position)
        if position is None:
            problems.append(
                PackError(
                    file,
                    f"{key}.position",
                    _say(
                        "không tìm thấy",
                        f"pack {pack.id!r} has no position {appointment.position!r}",
                    ),
                )
            )
            continue
        start = appointment.since
        if start is not None and not in_force(position.since, position.until, start):
            problems.append(
                PackError(
                    file,
                    f"{key}.since",
                    _say(
                        "chức vụ chưa/không còn",
                        f"position {position.id!r} does not exist on {start}",
                    ),
                )
            )
    problems += _check_holders(directory, positions, file, places)
    return problems


def _check_holders(
    directory: Directory,
    positions: dict[str, Position],
    file: str,
    places: list[str] | None,
) -> list[PackError]:
    """More people holding a position at once than the pack allows (two Chủ tịch)."""
    problems: list[PackError] = []
    held: dict[str, list[tuple[int, Appointment]]] = {}
    for index, appointment in enumerate(directory.appointments):
        held.setdefault(appointment.position, []).append((index, appointment))
    for position_id, appointments in held.items():
        position = positions.get(position_id)
        if position is None or position.holders is None:
            continue
        for index, appointment in appointments:
            others = {
                other.person
                for _, other in appointments
                if other.person != appointment.person and _overlap(other, appointment)
            }
            if len(others) + 1 > position.holders:
                key = places[index] if places else f"appointment[{index}]"
                problems.append(
                    PackError(
                        file,
                        key,
                        _say(
                            "quá số người giữ chức vụ",
                            f"{position.title!r} is held by at most {position.holders} at "
                            f"once; {appointment.person!r} overlaps with "
                            + ", ".join(repr(o) for o in sorted(others)),
                        ),
                    )
                )
    return problems


def _check_people(directory: Directory, file: str, places: list[str]) -> list[PackError]:
    problems: list[PackError] = []
    seen: dict[tuple[str, str], list[Appointment]] = {}
    for index, appointment in enumerate(directory.appointments):
        key = places[index]
        if (
            appointment.since is not None
            and appointment.until is not None
            and appointment.since >= appointment.until
        ):
            problems.append(
                PackError(
                    file,
                    f"{key}.until",
                    _say(
                        "ngày không hợp lệ",
                        f"since ({appointment.since}) must be before until ({appointment.until})",
                    ),
                )
            )
            continue
        same = seen.setdefault((appointment.person, appointment.position), [])
        for other in same:
            if _overlap(other, appointment):
                problems.append(
                    PackError(
                        file,
                        key,
                        _say(
                            "bổ nhiệm chồng lấn",
                            f"{appointment.person!r} already holds {appointment.position!r} "
                            "in part of this period",
                        ),
                    )
                )
        same.append(appointment)
    problems += _check_identities(directory, file)
    return problems


def _check_identities(directory: Directory, file: str) -> list[PackError]:
    """An e-mail or alias naming two people makes identity ambiguous: refuse it."""
    problems: list[PackError] = []
    owners: dict[str, str] = {}
    for person in directory.people:
        for kind, values in (("emails", person.emails), ("aliases", person.aliases)):
            for value in values:
                key = norm(value)
                other = owners.setdefault(key, person.id)
                if other != person.id:
                    problems.append(
                        PackError(
                            file,
                            f"person {person.id}.{kind}",
                            _say(
                                "trùng với người khác",
                                f"{value!r} also names {other!r}: each e-mail and alias "
                                "must name one person",
                            ),
                        )
                    )
    return problems


def _overlap(a: Appointment, b: Appointment) -> bool:
    a0, a1 = a.since or date.min, a.until or date.max
    b0, b1 = b.since or date.min, b.until or date.max
    return a0 < b1 and b0 < a1


def _date(value: Any, file: str, key: str, problems: list[PackError]) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.append(PackError(file, key, _say("sai ngày", f"{value!r} is not a date (YYYY-MM-DD)")))
    return None


def _strings(value: Any, file: str, key: str, problems: list[PackError]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    problems.append(
        PackError(file, key, _say("sai kiểu", f"expected a list of texts, found {value!r}"))
    )
    return ()


def _text(value: Any, file: str, key: str, problems: list[PackError]) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    problems.append(
        PackError(file, key, _say("thiếu hoặc sai", f"expected a text, found {value!r}"))
    )
    return ""


def _unknown_keys(
    table: dict[str, Any], allowed: tuple[str, ...], file: str, path: str
) -> list[PackError]:
    return [
        PackError(file, f"{path}.{k}", _say("khóa không có trong định dạng", f"unknown key {k!r}"))
        for k in table
        if k not in allowed
    ]


def _from_toml(text: str, file: str, problems: list[PackError], places: list[str]) -> Directory:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PackError(
            file, "file", _say("không phải TOML hợp lệ", f"not valid TOML: {error}")
        ) from None
    for key in raw:
        if key not in ("person", "venue", "travel_time"):
            problems.append(
                PackError(file, key, _say("khóa không có trong định dạng", f"unknown key {key!r}"))
            )
    people: list[Person] = []
    appointments: list[Appointment] = []
    ids: set[str] = set()
    for index, item in enumerate(_tables(raw.get("person", []), file, "person", problems)):
        path = f"person[{index}]"
        problems += _unknown_keys(item, _PERSON_KEYS, file, path)
        ident = _text(item.get("id"), file, f"{path}.id", problems)
        if ident in ids:
            problems.append(PackError(file, f"{path}.id", _say("trùng mã", f"{ident!r} twice")))
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
    for index, item in enumerate(_tables(raw.get("venue", []), file, "venue", problems)):
        path = f"venue[{index}]"
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
        problems += _unknown_keys(item, _TRAVEL_KEYS, file, path)
        a = _text(item.get("a"), file, f"{path}.a", problems)
        b = _text(item.get("b"), file, f"{path}.b", problems)
        for name, value in (("a", a), ("b", b)):
            if value and value not in venue_ids:
                problems.append(
                    PackError(
                        file, f"{path}.{name}", _say("không tìm thấy", f"unknown venue {value!r}")
                    )
                )
        minutes = item.get("minutes")
        if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
            problems.append(
                PackError(
                    file,
                    f"{path}.minutes",
                    _say("sai kiểu", f"expected minutes ≥ 0, found {minutes!r}"),
                )
            )
            minutes = 0
        try:
            basis = Basis(item.get("basis", "local"))
        except ValueError:
            problems.append(
                PackError(
                    file, f"{path}.basis", _say("sai cơ sở", f"bad basis {item.get('basis')!r}")
                )
            )
            basis = Basis.LOCAL
        travel.append(TravelTime(a, b, minutes, item.get("cite"), basis))
    return Directory(tuple(people), tuple(appointments), tuple(venues), tuple(travel))


def _tables(value: Any, file: str, path: str, problems: list[PackError]) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.append(
            PackError(file, path, _say("sai kiểu", f"expected an array of tables [[{path}]]"))
        )
        return []
    return value


def _from_csv(text: str, file: str, problems: list[PackError], places: list[str]) -> Directory:
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise PackError(file, "row 1", _say("tệp rỗng", "the file is empty")) from None
    missing = [c for c in ("person", "position") if c not in header]
    unknown = [c for c in header if c not in CSV_COLUMNS]
    if missing or unknown:
        raise PackError(
            file,
            "row 1",
            _say(
                "sai tiêu đề",
                f"columns must be {', '.join(CSV_COLUMNS)}"
                + (f"; missing {', '.join(missing)}" if missing else "")
                + (f"; unknown {', '.join(unknown)}" if unknown else ""),
            ),
        )
    people: dict[str, Person] = {}
    appointments: list[Appointment] = []
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"row {number}"
        if len(row) != len(header):
            problems.append(
                PackError(
                    file, where, _say("sai số cột", f"{len(row)} cells, header has {len(header)}")
                )
            )
            continue
        cells = dict(zip(header, (c.strip() for c in row), strict=True))
        ident = cells.get("person", "")
        if not ident:
            problems.append(
                PackError(file, f"{where}.person", _say("thiếu mã", "person id is empty"))
            )
            continue
        emails = tuple(e.strip() for e in cells.get("emails", "").split(";") if e.strip())
        aliases = tuple(a.strip() for a in cells.get("aliases", "").split(";") if a.strip())
        name = cells.get("name", "")
        known = people.get(ident)
        if known is None:
            if not name:
                problems.append(
                    PackError(
                        file,
                        f"{where}.name",
                        _say("thiếu tên", f"first row of {ident!r} needs a name"),
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
                        PackError(
                            file,
                            f"{where}.{column}",
                            _say("mâu thuẫn", f"{column} of {ident!r} differs from an earlier row"),
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
