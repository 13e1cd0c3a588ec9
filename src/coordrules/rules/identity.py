"""Identity: which person, venue, office and meeting an occurrence names.

Pure functions over an :class:`~coordrules.model.org.Organisation`; no file format
is known here. People are resolved by e-mail, then alias or name in the
directory, then a position title held by exactly one person on the
occurrence's local date (see :meth:`Organisation.resolve_person`); an
attendee who resolves to nobody keeps the normalised e-mail (else name) as
identity (:attr:`Attendee.key`). Venues are resolved by normalised name, then
alias; an unknown venue keeps its normalised text as identity.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo

import attrs

from coordrules.model.events import Attendee, Moment, Occurrence
from coordrules.model.org import Organisation
from coordrules.model.text import normalise_text


def resolve_attendee(attendee: Attendee, org: Organisation, on: date) -> Attendee:
    """*attendee* with ``person`` set when the directory knows them on *on*.

    An attendee whose ``person`` is already set is returned unchanged; the
    e-mail is tried before the display name (CN).
    """
    if attendee.person is not None:
        return attendee
    for text in (attendee.email, attendee.name):
        if text:
            person = org.resolve_person(text, on)
            if person is not None:
                return attrs.evolve(attendee, person=person.id)
    return attendee


def resolve_occurrence(occurrence: Occurrence, org: Organisation, tz: tzinfo) -> Occurrence:
    """*occurrence* with every attendee resolved on its local start date in *tz*."""
    for attendee in occurrence.attendees:
        if attendee.person is None:
            break
    else:
        return occurrence  # every attendee resolved already (a merged calendar's usually are)
    on = occurrence.local_date(tz)
    resolved = tuple(resolve_attendee(a, org, on) for a in occurrence.attendees)
    if resolved == occurrence.attendees:
        return occurrence
    return attrs.evolve(occurrence, attendees=resolved)


def venue_key(text: str | None, org: Organisation) -> str | None:
    """The identity of a venue text: the venue id if known, else its normalised text.

    ``None`` (or blank text) means no venue.
    """
    if text is None:
        return None
    venue = org.resolve_venue(text)
    if venue is not None:
        return venue.id
    return normalise_text(text) or None


def moment_key(moment: Moment | None) -> str:
    """A comparison key for a RECURRENCE-ID: UTC ISO text for instants, ISO date else."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            return moment.isoformat()
        return moment.astimezone(UTC).isoformat()
    return moment.isoformat()


def copy_key(occurrence: Occurrence) -> tuple[str, str]:
    """``(UID, RECURRENCE-ID key)``: two copies with equal keys are the same meeting."""
    return (occurrence.uid, moment_key(occurrence.recurrence_id))


def local_dates(start: datetime, end: datetime, tz: tzinfo, *, cap: int = 62) -> list[date]:
    """The local dates in *tz* that ``[start, end)`` touches (at most *cap* of them).

    A zero-length interval touches the date of its start.
    """
    first = start.astimezone(tz).date()
    last = (end - timedelta(microseconds=1)).astimezone(tz).date() if end > start else first
    days: list[date] = []
    day = first
    while day <= last and len(days) < cap:
        days.append(day)
        day += timedelta(days=1)
    return days


class OfficeResolver:
    """Which office a source calendar, an organiser or a meeting kind points to.

    Built once per merge. *source_offices* maps source names to office ids
    and wins; otherwise a source name whose :func:`~coordrules.normalise_text` form equals an
    office's id, name or alias names that office.
    """

    def __init__(self, org: Organisation, source_offices: Mapping[str, str] | None = None) -> None:
        self.org = org
        self.explicit = dict(source_offices or {})
        self.offices: dict[str, str] = {}
        for office in org.offices:
            for text in (office.id, office.name, *office.aliases):
                self.offices.setdefault(normalise_text(text), office.id)
        self.bodies: dict[str, str] = {}
        for body in org.bodies:
            for text in (body.id, body.name, *body.aliases):
                self.bodies.setdefault(normalise_text(text), body.id)
        self._sources: dict[str, str | None] = {}

    def office_of_source(self, source: str) -> str | None:
        """The office id that keeps the calendar named *source*, or ``None``."""
        if source not in self._sources:
            if source in self.explicit:
                self._sources[source] = self.explicit[source]
            else:
                self._sources[source] = self.offices.get(normalise_text(source))
        return self._sources[source]

    def serving_office(self, occurrence: Occurrence, on: date) -> str | None:
        """The office that serves the meeting's organising body on *on*, if known.

        The meeting kind decides first (its ``office``); then the organiser,
        read as an office or as a body whose serving office is looked up
        (parent bodies too).
        """
        if occurrence.kind is not None:
            kind = self.org.meeting_kind(occurrence.kind)
            if kind is not None:
                return kind.office
        if occurrence.organiser:
            key = normalise_text(occurrence.organiser.removeprefix("mailto:"))
            if key in self.offices:
                return self.offices[key]
            if key in self.bodies:
                office = self.org.office_for(self.bodies[key], on)
                if office is not None:
                    return office.id
        return None
