"""The organisation model: bodies, offices, positions, people, appointments.

Everything here is plain data with effective dates (``since`` inclusive,
``until`` exclusive, see :mod:`coordrules.model.values`). An :class:`Organisation`
answers questions *for a given date*: who holds a position, which positions a
person holds (kiêm nhiệm), which office serves a body, which office leads
(chủ trì) and which coordinate (phối hợp) a kind of work, who may stand in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol, TypeVar

import attrs

from coordrules.model.text import normalise_text
from coordrules.model.values import Basis, in_force


@attrs.frozen
class Body:
    """A body (cơ quan, tổ chức): Tỉnh ủy, HĐND, UBND, Đoàn ĐBQH …"""

    id: str
    """The body's stable id in the pack (``ubnd-tinh``)."""
    name: str
    """Its name (Ủy ban nhân dân tỉnh)."""
    aliases: tuple[str, ...] = ()
    """Other names and abbreviations it is known by (UBND tỉnh); matched after normalisation."""
    parent: str | None = None
    """The body this one belongs to (Thường trực HĐND → HĐND), if any."""
    since: date | None = None
    """The first day it exists, included; ``None``: from the start."""
    until: date | None = None
    """The first day it no longer exists, excluded; ``None``: it still does."""
    form: str = "state"
    """The form of its documents: ``"state"`` (NĐ 30/2020) or ``"party"`` (Hướng dẫn 36-HD/VPTW)."""
    cite: str | None = None
    """The source of ``form``."""
    basis: Basis = Basis.ASSUMED
    """Whether ``form`` is read in a statute, the province's own rule or assumed."""


@attrs.frozen
class Office:
    """An office (văn phòng) and the bodies it serves (tham mưu, phục vụ)."""

    id: str
    """The office's stable id in the pack (``vp-ubnd``)."""
    name: str
    """Its name (Văn phòng UBND tỉnh)."""
    serves: tuple[str, ...] = ()
    """The ids of the bodies it serves (tham mưu, phục vụ)."""
    aliases: tuple[str, ...] = ()
    """Other names it is known by; a source calendar named by one of them is this office's."""
    since: date | None = None
    """The first day it exists, included; ``None``: from the start."""
    until: date | None = None
    """The first day it no longer exists, excluded; ``None``: it still does."""


@attrs.frozen
class Position:
    """A position (chức vụ) in a body, e.g. Chủ tịch UBND tỉnh.

    ``deputies`` lists the positions whose holders may stand in for this one
    (cử đại diện), best first.
    """

    id: str
    """The position's stable id in the pack (``chu-tich-ubnd``)."""
    body: str
    """The id of the body it belongs to."""
    title: str
    """Its title (Chủ tịch UBND tỉnh), matched against how calendars name attendees."""
    aliases: tuple[str, ...] = ()
    """Other titles it is known by; matched after normalisation."""
    deputies: tuple[str, ...] = ()
    """The ids of the positions whose holders may stand in for this one (cử đại diện), best first.
    """
    since: date | None = None
    """The first day it exists, included; ``None``: from the start."""
    until: date | None = None
    """The first day it no longer exists, excluded; ``None``: it still does."""
    holders: int | None = None
    """How many people may hold it at once (``None``: any number, as for Phó Chủ tịch)."""


@attrs.frozen
class Person:
    """A person in the people directory (user data, not pack data)."""

    id: str
    """The person's stable id in the directory; feeds and findings use it."""
    name: str
    """The person's full name (Nguyễn Văn A)."""
    emails: tuple[str, ...] = ()
    """Their e-mail addresses; an attendee with one of them is this person."""
    aliases: tuple[str, ...] = ()
    """Other names they are written as in calendars."""


@attrs.frozen
class Appointment:
    """A person holds a position from ``since`` until (excluding) ``until``."""

    person: str
    """The id of the person appointed."""
    position: str
    """The id of the position they hold."""
    since: date | None = None
    """The first day they hold it, included; ``None``: from the start."""
    until: date | None = None
    """The first day they no longer hold it, excluded; ``None``: they still do."""


@attrs.frozen
class Venue:
    """A meeting place (địa điểm), matched by normalised name or alias."""

    id: str
    """The venue's stable id; findings name it."""
    name: str
    """Its name (Hội trường UBND tỉnh)."""
    aliases: tuple[str, ...] = ()
    """Other names calendars write it as; matched after normalisation."""


@attrs.frozen
class WorkAssignment:
    """Who leads (chủ trì) and who coordinates (phối hợp) a kind of work.

    Exactly one lead office; the pack loader rejects anything else.
    """

    id: str
    """The stable id of the kind of work."""
    name: str
    """What the work is, in words."""
    lead: str
    """The id of the office that leads it (chủ trì)."""
    coordinate: tuple[str, ...] = ()
    """The ids of the offices that coordinate (phối hợp)."""
    cite: str | None = None
    """The legal or local text the assignment comes from, when the pack cites one."""
    basis: Basis = Basis.ASSUMED
    """Statute, the province's own rule, or assumed."""
    since: date | None = None
    """The first day it applies, included; ``None``: from the start."""
    until: date | None = None
    """The first day it no longer applies, excluded; ``None``: it still does."""


@attrs.frozen
class MeetingKind:
    """A kind of meeting (loại cuộc họp) with a stable id such as ``hdnd-session``."""

    id: str
    """The kind's stable id (``hdnd-session``); dossier manifests and rule packs name it."""
    name: str
    """Its name (Kỳ họp HĐND tỉnh)."""
    body: str
    """The organising body."""
    office: str
    """The office that serves (prepares) the meeting."""
    coordinating: tuple[str, ...] = ()
    """The ids of the offices that coordinate (phối hợp) with the serving office."""
    aliases: tuple[str, ...] = ()
    """Other names it is known by; matched after normalisation."""
    since: date | None = None
    """The first day it exists, included; ``None``: from the start."""
    until: date | None = None
    """The first day it no longer exists, excluded; ``None``: it still does."""


@attrs.frozen
class TravelTime:
    """Minutes needed to travel between two venues (either direction)."""

    a: str
    """The id of one venue."""
    b: str
    """The id of the other venue."""
    minutes: int
    """How many minutes the journey takes, either way."""
    cite: str | None = None
    """Where the figure comes from, when anyone says."""
    basis: Basis = Basis.ASSUMED
    """Statute, the province's own figure, or assumed."""


@attrs.frozen
class Directory:
    """A people directory: people, their appointments, venues and travel times.

    User data, kept apart from packs: a pack says which positions exist, a
    directory says who holds them.
    """

    people: tuple[Person, ...] = ()
    """The people."""
    appointments: tuple[Appointment, ...] = ()
    """Who holds which position, and when."""
    venues: tuple[Venue, ...] = ()
    """The meeting places."""
    travel_times: tuple[TravelTime, ...] = ()
    """Minutes between venues."""


class _HasDates(Protocol):
    @property
    def since(self) -> date | None: ...
    @property
    def until(self) -> date | None: ...


_D = TypeVar("_D", bound=_HasDates)


def _current(items: Iterable[_D], on: date) -> list[_D]:
    return [item for item in items if in_force(item.since, item.until, on)]


@attrs.frozen
class Organisation:
    """The structure of a province or commune, with the people in it.

    Built from a pack (structure) and a :class:`Directory` (people). All
    lookups take the date they are asked for.
    """

    bodies: tuple[Body, ...] = ()
    """The bodies (from the pack)."""
    offices: tuple[Office, ...] = ()
    """The offices (from the pack)."""
    positions: tuple[Position, ...] = ()
    """The positions (from the pack)."""
    work: tuple[WorkAssignment, ...] = ()
    """Who leads and who coordinates each kind of work (from the pack)."""
    meeting_kinds: tuple[MeetingKind, ...] = ()
    """The kinds of meeting (from the pack)."""
    directory: Directory = attrs.field(factory=Directory)
    """The people, their appointments, venues and travel times."""
    _index: _Index = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", _Index.build(self))

    # -- lookups by id ------------------------------------------------------
    def body(self, body_id: str) -> Body | None:
        """The body with this id, or ``None``."""
        return self._index.bodies.get(body_id)

    def office(self, office_id: str) -> Office | None:
        """The office with this id, or ``None``."""
        return self._index.offices.get(office_id)

    def position(self, position_id: str) -> Position | None:
        """The position with this id, or ``None``."""
        return self._index.positions.get(position_id)

    def person(self, person_id: str) -> Person | None:
        """The person with this id, or ``None``."""
        return self._index.people.get(person_id)

    def meeting_kind(self, kind_id: str) -> MeetingKind | None:
        """The meeting kind with this id, or ``None``."""
        return self._index.kinds.get(kind_id)

    # -- questions for a date ----------------------------------------------
    def holders(self, position_id: str, on: date) -> tuple[Person, ...]:
        """Who holds *position_id* on *on* (usually one person, maybe none)."""
        found = []
        for appointment in self._index.by_position.get(position_id, ()):
            if in_force(appointment.since, appointment.until, on):
                person = self.person(appointment.person)
                if person is not None:
                    found.append(person)
        return tuple(found)

    def positions_of(self, person_id: str, on: date) -> tuple[Position, ...]:
        """Every position *person_id* holds on *on* (kiêm nhiệm gives several)."""
        found = []
        for appointment in self._index.by_person.get(person_id, ()):
            position = self.position(appointment.position)
            if (
                position is not None
                and in_force(appointment.since, appointment.until, on)
                and in_force(position.since, position.until, on)
            ):
                found.append(position)
        return tuple(found)

    def office_for(self, body_id: str, on: date) -> Office | None:
        """The office that serves *body_id* on *on*, looking up parent bodies too."""
        seen: set[str] = set()
        current: str | None = body_id
        while current is not None and current not in seen:
            seen.add(current)
            for office in _current(self.offices, on):
                if current in office.serves:
                    return office
            body = self.body(current)
            current = body.parent if body is not None else None
        return None

    def assignment(self, work_id: str, on: date) -> WorkAssignment | None:
        """Who leads and who coordinates the kind of work *work_id* on *on*."""
        for item in _current(self.work, on):
            if item.id == work_id:
                return item
        return None

    def deputies_for(self, position_id: str, on: date) -> tuple[Person, ...]:
        """People who may stand in for the holder of *position_id* on *on*, best first."""
        position = self.position(position_id)
        if position is None:
            return ()
        found: list[Person] = []
        for deputy in position.deputies:
            for person in self.holders(deputy, on):
                if person not in found:
                    found.append(person)
        return tuple(found)

    def resolve_person(self, text: str, on: date) -> Person | None:
        """The person *text* names on *on*, or ``None``.

        Tried in order: e-mail address, alias or name in the directory
        (normalised), then a position title or alias held by exactly one
        person that day ("Chủ tịch UBND tỉnh" → its holder).
        """
        key = normalise_text(text.removeprefix("mailto:").removeprefix("MAILTO:"))
        if not key:
            return None
        by_email = self._index.emails.get(key)
        if by_email is not None:
            return by_email
        by_alias = self._index.aliases.get(key)
        if by_alias is not None:
            return by_alias
        for position in self._index.titles.get(key, ()):
            holders = self.holders(position.id, on)
            if len(holders) == 1:
                return holders[0]
        return self._index.names.get(key)

    def resolve_venue(self, text: str) -> Venue | None:
        """The venue *text* names (by normalised name, then alias), or ``None``."""
        return self._index.venues.get(normalise_text(text))

    def travel_minutes(self, venue_a: str, venue_b: str) -> TravelTime | None:
        """Travel time between two venue ids (either order), if known."""
        return self._index.travel.get(frozenset((venue_a, venue_b)))


@attrs.frozen
class _Index:
    bodies: dict[str, Body]
    offices: dict[str, Office]
    positions: dict[str, Position]
    people: dict[str, Person]
    kinds: dict[str, MeetingKind]
    by_position: dict[str, list[Appointment]]
    by_person: dict[str, list[Appointment]]
    emails: dict[str, Person]
    aliases: dict[str, Person]
    names: dict[str, Person]
    titles: dict[str, list[Position]]
    venues: dict[str, Venue]
    travel: dict[frozenset[str], TravelTime]

    @classmethod
    def build(cls, org: Organisation) -> _Index:
        by_position: dict[str, list[Appointment]] = {}
        by_person: dict[str, list[Appointment]] = {}
        for appointment in org.directory.appointments:
            by_position.setdefault(appointment.position, []).append(appointment)
            by_person.setdefault(appointment.person, []).append(appointment)
        titles: dict[str, list[Position]] = {}
        for position in org.positions:
            for title in (position.title, *position.aliases):
                titles.setdefault(normalise_text(title), []).append(position)
        venues: dict[str, Venue] = {}
        for venue in org.directory.venues:
            for name in (venue.name, *venue.aliases):
                venues.setdefault(normalise_text(name), venue)
        people = org.directory.people
        return cls(
            bodies={b.id: b for b in org.bodies},
            offices={o.id: o for o in org.offices},
            positions={p.id: p for p in org.positions},
            people={p.id: p for p in people},
            kinds={k.id: k for k in org.meeting_kinds},
            by_position=by_position,
            by_person=by_person,
            emails={normalise_text(e): p for p in people for e in p.emails},
            aliases={normalise_text(a): p for p in people for a in p.aliases},
            names={normalise_text(p.name): p for p in people},
            titles=titles,
            venues=venues,
            travel={frozenset((t.a, t.b)): t for t in org.directory.travel_times},
        )
