"""Checking a people directory against a pack: positions that exist, and holders.

:func:`check_directory` reports, as findings, the appointments to positions
the pack does not have on the appointment's dates, and positions with
``holders = N`` held by more than N people at once. Loading a directory
(:mod:`coordrules.packs.directory`) raises the same problems as
:class:`~coordrules.DirectoryError` when it is given a pack.
"""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from coordrules.model.errors import DirectoryError
from coordrules.model.findings import Finding, Message, Report
from coordrules.model.org import Appointment, Directory, Position
from coordrules.model.values import in_force
from coordrules.packs import limits
from coordrules.packs.pack import Pack
from coordrules.packs.pack_file import _SUGGESTIONS, _Said, _say


def _error(file: str, key: str, said: _Said) -> DirectoryError:
    return DirectoryError(file, key, said.en, reason_vi=said.vi)


class _Found(NamedTuple):
    """One problem of a directory against a pack: its finding code and its error."""

    code: str
    invariant: str
    error: DirectoryError
    person: str
    details: dict[str, Any]


def check_directory(
    directory: Directory,
    pack: Pack,
    *,
    file: str = "<directory>",
    places: Sequence[str] | None = None,
) -> Report:
    """Problems of *directory* against *pack*, as a :class:`~coordrules.Report`.

    Each appointment must name a position of the pack, start while the
    position exists, and name a person of the directory
    (``pack-unknown-reference``); a position with ``holders = N`` must not be
    held by more than N people at once (``pack-holders-exceeded``). Each
    finding names *file* (``Finding.file``) and the appointment's place
    (``Finding.place``): ``places[i]`` when given (``row 3`` or
    ``person[nguyen-van-a].appointment[1]``), else ``appointment[i]``. An
    empty report means the directory fits the pack; never raises on a bad
    directory.
    """
    return Report.build(_finding(found) for found in _against_pack(directory, pack, file, places))


def _finding(found: _Found) -> Finding:
    error = found.error
    vi = error.reason_vi or error.reason
    return Finding.of(
        found.code,
        Message(vi=f"{error.place}: {vi}", en=f"{error.place}: {error.reason}"),
        rule=f"pack.{found.invariant}",
        subjects=(found.person,),
        file=error.file,
        place=error.place,
        details={"invariant": found.invariant, **found.details},
    )


def _against_pack(
    directory: Directory, pack: Pack, file: str, places: Sequence[str] | None
) -> list[_Found]:
    found: list[_Found] = []
    positions = {p.id: p for p in pack.positions}
    suggested = [0]
    people = {p.id for p in directory.people}
    for index, appointment in enumerate(directory.appointments):
        key = places[index] if places else f"appointment[{index}]"
        person = appointment.person
        if person not in people:
            error = _error(
                file,
                f"{key}.person",
                _say("không tìm thấy", f"unknown person {limits.show(person)}"),
            )
            found.append(
                _Found(
                    "pack-unknown-reference",
                    "reference-exists",
                    error,
                    person,
                    {"field": "person", "ref": person},
                )
            )
        position = positions.get(appointment.position)
        if position is None:
            error = _error(
                file,
                f"{key}.position",
                _say(
                    "không tìm thấy",
                    f"pack {pack.id!r} has no position {limits.show(appointment.position)}"
                    + _close(appointment.position, positions, suggested),
                ),
            )
            details = {"field": "position", "ref": appointment.position}
            found.append(
                _Found("pack-unknown-reference", "reference-exists", error, person, details)
            )
            continue
        start = appointment.since
        if start is not None and not in_force(position.since, position.until, start):
            error = _error(
                file,
                f"{key}.since",
                _say(
                    "chức vụ chưa/không còn",
                    f"position {position.id!r} does not exist on {start}",
                ),
            )
            details = {"field": "position", "ref": position.id, "date": start.isoformat()}
            found.append(
                _Found("pack-unknown-reference", "reference-exists", error, person, details)
            )
    found += _check_holders(directory, positions, file, places)
    return found


def _close(ident: str, known: dict[str, Position], suggested: list[int]) -> str:
    """ " (did you mean 'x'?)" for an unknown position, for the first few only."""
    if suggested[0] >= _SUGGESTIONS:
        return ""
    suggested[0] += 1
    close = difflib.get_close_matches(ident, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


_SHOWN = 5
"""Most other holders a message names."""


def _check_holders(
    directory: Directory,
    positions: dict[str, Position],
    file: str,
    places: Sequence[str] | None,
) -> list[_Found]:
    """More people holding a position at once than the pack allows (two Chủ tịch).

    A sweep over each position's appointments in date order: O(n log n) for
    n appointments, however they overlap.
    """
    problems: list[_Found] = []
    held: dict[str, list[tuple[int, Appointment]]] = {}
    for index, appointment in enumerate(directory.appointments):
        held.setdefault(appointment.position, []).append((index, appointment))
    for position_id, appointments in held.items():
        position = positions.get(position_id)
        if position is None or position.holders is None:
            continue
        flagged = _too_many_holders([a for _, a in appointments], position.holders)
        for (index, appointment), others in zip(appointments, flagged, strict=True):
            if others is None:
                continue
            key = places[index] if places else f"appointment[{index}]"
            shown = sorted(others)[:_SHOWN]
            more = " …" if len(others) > _SHOWN else ""
            error = _error(
                file,
                key,
                _say(
                    "quá số người giữ chức vụ",
                    f"{limits.show(position.title)} is held by at most {position.holders} "
                    f"at once; {limits.show(appointment.person)} overlaps with "
                    + ", ".join(limits.show(o) for o in shown)
                    + more,
                ),
            )
            details = {"position": position.id, "people": sorted({appointment.person, *others})}
            problems.append(
                _Found("pack-holders-exceeded", "holders", error, appointment.person, details)
            )
    return problems


def _span(appointment: Appointment) -> tuple[date, date]:
    return appointment.since or date.min, appointment.until or date.max


def _merged_spans(appointments: list[Appointment]) -> list[tuple[date, date, str]]:
    """Each person's appointments merged into disjoint ``(start, end, person)`` spans, sorted."""
    merged: list[tuple[date, date, str]] = []
    by_person: dict[str, list[tuple[date, date]]] = {}
    for appointment in appointments:
        by_person.setdefault(appointment.person, []).append(_span(appointment))
    for person, spans in by_person.items():
        spans.sort()
        lo, hi = spans[0]
        for a, b in spans[1:]:
            if a < hi:
                hi = max(hi, b)
            else:
                merged.append((lo, hi, person))
                lo, hi = a, b
        merged.append((lo, hi, person))
    merged.sort()
    return merged


def _too_many_holders(appointments: list[Appointment], holders: int) -> list[set[str] | None]:
    """For each appointment, the other people holding the position with it, when too many.

    Each person's appointments are merged first (a person counts once), then
    a sweep in start order keeps the spans active at each start in a heap;
    collecting stops at ``max(holders, 5)`` others, enough to decide and to
    name some.
    """
    wanted = max(holders, _SHOWN + 1)
    merged = _merged_spans(appointments)
    order = sorted(range(len(appointments)), key=lambda i: _span(appointments[i]))
    result: list[set[str] | None] = [None] * len(appointments)
    active: list[tuple[date, str]] = []  # (end, person) of merged spans started so far
    pushed = 0
    for i in order:
        appointment = appointments[i]
        lo, hi = _span(appointment)
        while pushed < len(merged) and merged[pushed][0] <= lo:
            heapq.heappush(active, (merged[pushed][1], merged[pushed][2]))
            pushed += 1
        while active and active[0][0] <= lo:
            heapq.heappop(active)
        others: set[str] = set()
        for _, person in active:  # at most one span per person is active
            if person != appointment.person:
                others.add(person)
                if len(others) >= wanted:
                    break
        if len(others) < wanted:
            for k in range(pushed, len(merged)):
                start, _, person = merged[k]
                if start >= hi or len(others) >= wanted:
                    break
                if person != appointment.person:
                    others.add(person)
        if len(others) + 1 > holders:
            result[i] = others
    return result
