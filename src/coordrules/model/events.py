"""Occurrences: one meeting at one time, as a source calendar lists it.

Timed occurrences are half-open intervals ``[start, end)`` of aware
datetimes. All-day occurrences are spans of local dates (``start`` and the
exclusive ``end`` are :class:`datetime.date`), never UTC midnights; they
become instants only through :meth:`Occurrence.instants` with the pack's time
zone. No file format is known here: adapters build these objects.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time, tzinfo

import attrs

from coordrules.model.findings import Finding, OccurrenceRef, SourceCopy


class Status(enum.StrEnum):
    """Status of an occurrence (RFC 5545 STATUS)."""

    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"


class Transparency(enum.StrEnum):
    """Whether an occurrence blocks its attendees' time (RFC 5545 TRANSP)."""

    BUSY = "busy"
    FREE = "free"


class Role(enum.StrEnum):
    """An attendee's role (RFC 5545 ROLE): chủ trì, thành phần, mời, không tham gia."""

    CHAIR = "chair"
    REQUIRED = "required"
    OPTIONAL = "optional"
    NON_PARTICIPANT = "non-participant"


class Attendance(enum.StrEnum):
    """An attendee's answer (RFC 5545 PARTSTAT); xác báo thành phần."""

    NEEDS_ACTION = "needs-action"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    TENTATIVE = "tentative"
    DELEGATED = "delegated"

    @property
    def vi(self) -> str:
        """The answer in Vietnamese, as messages to offices say it."""
        return _ATTENDANCE_VI[self]


_ATTENDANCE_VI = {
    Attendance.NEEDS_ACTION: "chưa xác báo",
    Attendance.ACCEPTED: "dự",
    Attendance.DECLINED: "không dự",
    Attendance.TENTATIVE: "chưa chắc chắn",
    Attendance.DELEGATED: "cử người dự thay",
}


@attrs.frozen
class Attendee:
    """One attendee of an occurrence as a source lists them.

    ``person`` is the people-directory id once resolved (by e-mail, alias,
    position title on the date, then name), else ``None``.
    """

    name: str
    email: str | None = None
    role: Role = Role.REQUIRED
    attendance: Attendance = Attendance.NEEDS_ACTION
    delegated_to: str | None = None
    """Who attends instead (name or e-mail) when ``attendance`` is delegated."""
    person: str | None = None
    delegated_from: str | None = None
    """Whom this attendee stands in for (name or e-mail), iCalendar DELEGATED-FROM."""

    @property
    def counts_as_busy(self) -> bool:
        """Whether this attendance occupies the person's time.

        Declined and delegated attendances, and non-participants, do not.
        """
        return self.role is not Role.NON_PARTICIPANT and self.attendance not in (
            Attendance.DECLINED,
            Attendance.DELEGATED,
        )

    @property
    def key(self) -> str:
        """Identity of the attendee: the resolved person id, else e-mail, else name."""
        if self.person is not None:
            return self.person
        from coordrules.model.text import norm

        if self.email:
            return norm(self.email)
        return norm(self.name)


Moment = date | datetime
"""A start or end: an aware datetime for timed items, a date for all-day ones."""


@attrs.frozen
class Occurrence:
    """One meeting at one time in one source calendar (lịch của một văn phòng).

    ``uid`` and ``recurrence_id`` identify the source copy; ``source`` names
    the calendar it came from. ``extra`` carries the source's properties that
    the model does not use, as ``(name, value)`` text pairs, so that adapters
    can write them back out.
    """

    title: str
    start: Moment
    end: Moment
    source: str
    uid: str
    recurrence_id: Moment | None = None
    venue: str | None = None
    organiser: str | None = None
    """Organising body or office id (or the raw text if unresolved)."""
    kind: str | None = None
    """Meeting-kind id from the pack, when known."""
    status: Status = Status.CONFIRMED
    transparency: Transparency = Transparency.BUSY
    attendees: tuple[Attendee, ...] = ()
    sequence: int = 0
    last_modified: datetime | None = None
    description: str | None = None
    categories: tuple[str, ...] = ()
    preparing_unit: str | None = None
    """Đơn vị chuẩn bị: who prepares the item (weekly calendars name it)."""
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def all_day(self) -> bool:
        """Whether this is an all-day item (a span of local dates)."""
        return not isinstance(self.start, datetime)

    def instants(self, tz: tzinfo) -> tuple[datetime, datetime]:
        """``[start, end)`` as aware datetimes; all-day dates are read in *tz*."""
        return (_instant(self.start, tz), _instant(self.end, tz))

    def local_date(self, tz: tzinfo) -> date:
        """The local date the occurrence starts on, in *tz*."""
        if isinstance(self.start, datetime):
            return self.start.astimezone(tz).date()
        return self.start


def _instant(moment: Moment, tz: tzinfo) -> datetime:
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            return moment.replace(tzinfo=tz)
        return moment
    return datetime.combine(moment, time(0), tzinfo=tz)


@attrs.frozen
class SourceCalendar:
    """One office's calendar as read: its occurrences and what could not be used.

    ``problems`` holds ``import-problem`` (and similar) findings: a broken
    event inside a good feed is reported there and the rest is used.
    """

    name: str
    occurrences: tuple[Occurrence, ...] = ()
    problems: tuple[Finding, ...] = ()
    path: str | None = None


@attrs.frozen
class MergedOccurrence:
    """One real meeting after merging, with every source copy it came from.

    ``id`` is stable: the same inputs give the same id on every run.
    ``occurrence`` is the reconciled copy; ``copies`` are the originals.
    """

    id: str
    occurrence: Occurrence
    copies: tuple[Occurrence, ...]

    @property
    def provenance(self) -> tuple[SourceCopy, ...]:
        """Source name, UID and RECURRENCE-ID of each copy."""
        return tuple(
            SourceCopy(
                c.source,
                c.uid,
                None if c.recurrence_id is None else c.recurrence_id.isoformat(),
            )
            for c in self.copies
        )

    def ref(self) -> OccurrenceRef:
        """A reference to this occurrence for a finding."""
        occ = self.occurrence
        return OccurrenceRef(
            id=self.id,
            summary=occ.title,
            start=occ.start.isoformat(),
            end=occ.end.isoformat(),
            venue=occ.venue,
            sources=self.provenance,
        )


@attrs.frozen
class MergedCalendar:
    """The one work calendar: merged occurrences, the findings of the merge, the sources."""

    occurrences: tuple[MergedOccurrence, ...] = ()
    findings: tuple[Finding, ...] = ()
    sources: tuple[SourceCalendar, ...] = ()
