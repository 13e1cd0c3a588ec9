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
from typing import TYPE_CHECKING

import attrs

from coordrules.model.findings import Finding, OccurrenceRef, SourceCopy

if TYPE_CHECKING:
    from coordrules.model.org import Organisation


class Status(enum.StrEnum):
    """Status of an occurrence (RFC 5545 STATUS)."""

    CONFIRMED = "confirmed"
    """Taking place (iCalendar CONFIRMED, or no STATUS)."""
    TENTATIVE = "tentative"
    """Not yet certain (iCalendar TENTATIVE, dự kiến)."""
    CANCELLED = "cancelled"
    """Cancelled or postponed (hủy, hoãn); blocks no one's time."""


class Transparency(enum.StrEnum):
    """Whether an occurrence blocks its attendees' time (RFC 5545 TRANSP)."""

    BUSY = "busy"
    """Blocks the attendees' time (iCalendar OPAQUE)."""
    FREE = "free"
    """Blocks no one's time (iCalendar TRANSPARENT); never double-booked."""


class Role(enum.StrEnum):
    """An attendee's role (RFC 5545 ROLE): chủ trì, thành phần, mời, không tham gia."""

    CHAIR = "chair"
    """Chủ trì: chairs the meeting (iCalendar CHAIR)."""
    REQUIRED = "required"
    """Thành phần: must attend (iCalendar REQ-PARTICIPANT)."""
    OPTIONAL = "optional"
    """Mời: invited, attendance optional (iCalendar OPT-PARTICIPANT)."""
    NON_PARTICIPANT = "non-participant"
    """Listed for information only (iCalendar NON-PARTICIPANT); does not attend."""


class Attendance(enum.StrEnum):
    """An attendee's answer (RFC 5545 PARTSTAT); xác báo thành phần."""

    NEEDS_ACTION = "needs-action"
    """Chưa xác báo: has not answered yet (iCalendar NEEDS-ACTION)."""
    ACCEPTED = "accepted"
    """Dự: will attend (iCalendar ACCEPTED)."""
    DECLINED = "declined"
    """Không dự: will not attend (iCalendar DECLINED)."""
    TENTATIVE = "tentative"
    """Chưa chắc chắn: may attend (iCalendar TENTATIVE)."""
    DELEGATED = "delegated"
    """Cử người dự thay: someone else attends instead (iCalendar DELEGATED)."""

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
    """The attendee's name as the source writes it (iCalendar CN, or the text of a weekly
    calendar).
    """
    email: str | None = None
    """The attendee's e-mail address (iCalendar ``mailto:``), when the source gives one."""
    role: Role = Role.REQUIRED
    """Chủ trì, thành phần bắt buộc, mời or không tham gia (iCalendar ROLE)."""
    attendance: Attendance = Attendance.NEEDS_ACTION
    """The attendee's answer, xác báo (iCalendar PARTSTAT)."""
    delegated_to: str | None = None
    """Who attends instead (name or e-mail) when ``attendance`` is delegated."""
    person: str | None = None
    """The people-directory id once resolved (by e-mail, alias, position title on the date, then
    name), else ``None``.
    """
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
        from coordrules.model.text import normalise_text

        if self.email:
            return normalise_text(self.email)
        return normalise_text(self.name)


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
    """Tên cuộc họp: the meeting's title (iCalendar SUMMARY)."""
    start: Moment
    """When it begins: an aware datetime for a timed item, a local date for an all-day one."""
    end: Moment
    """When it ends, exclusive (``[start, end)``): the day after the last day for an all-day item.
    """
    source: str
    """The name of the source calendar it came from (its :class:`SourceCalendar`'s ``name``)."""
    uid: str
    """The source's identifier of the event (iCalendar UID); with ``recurrence_id`` it identifies
    this copy.
    """
    recurrence_id: Moment | None = None
    """Which instance of a recurring event this is (iCalendar RECURRENCE-ID); ``None`` for a single
    event.
    """
    venue: str | None = None
    """Địa điểm: the venue as the source writes it; checks match it to the directory's venues by
    id, name or alias.
    """
    organiser: str | None = None
    """Organising body or office id (or the raw text if unresolved)."""
    kind: str | None = None
    """Meeting-kind id from the pack, when known."""
    status: Status = Status.CONFIRMED
    """Confirmed, tentative or cancelled (hoãn, hủy) (iCalendar STATUS)."""
    transparency: Transparency = Transparency.BUSY
    """Whether it blocks its attendees' time (iCalendar TRANSP); a free item is never double-
    booked.
    """
    attendees: tuple[Attendee, ...] = ()
    """Thành phần: who attends, in the source's order."""
    sequence: int = 0
    """The source's revision number of the event (iCalendar SEQUENCE); 0 when not given."""
    last_modified: datetime | None = None
    """When the source last changed the event (iCalendar LAST-MODIFIED), when given."""
    description: str | None = None
    """Nội dung: the source's free text about the meeting (iCalendar DESCRIPTION)."""
    categories: tuple[str, ...] = ()
    """The source's categories (iCalendar CATEGORIES), in order."""
    preparing_unit: str | None = None
    """Đơn vị chuẩn bị: who prepares the item (weekly calendars name it)."""
    extra: tuple[tuple[str, str], ...] = ()
    """The source's properties the model does not use, as ``(name, value)`` text pairs, for the
    adapters to write back out.
    """

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

    def people_due(self, org: Organisation | None = None) -> frozenset[str]:
        """Ids of the people due at this occurrence (whatever its status).

        Due: an attendee who has not declined or delegated, the delegate named
        in ``DELEGATED-TO``, and the organiser. An attendee counts by its
        ``person`` id; with *org*, an attendee without one, a delegate and the
        organiser are resolved through the people directory (e-mail, alias,
        position title on the occurrence's date, name). Without *org* only
        resolved attendees count.
        """
        on = self.start.date() if isinstance(self.start, datetime) else self.start
        found: set[str] = set()
        for attendee in self.attendees:
            if attendee.attendance not in (Attendance.DECLINED, Attendance.DELEGATED):
                person = _resolve(org, attendee.person, (attendee.email, attendee.name), on)
                if person is not None:
                    found.add(person)
            if attendee.delegated_to:
                delegate = _resolve(org, None, (attendee.delegated_to,), on)
                if delegate is not None:
                    found.add(delegate)
        if self.organiser:
            organiser = _resolve(org, None, (self.organiser,), on)
            if organiser is not None:
                found.add(organiser)
        return frozenset(found)


def _resolve(
    org: Organisation | None, person: str | None, texts: tuple[str | None, ...], on: date
) -> str | None:
    if person is not None:
        return person
    if org is None:
        return None
    for text in texts:
        if text:
            found = org.resolve_person(text, on)
            if found is not None:
                return found.id
    return None


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
    """The name the source was read under (``NAME=`` on the command line, else the file name's
    stem); findings and reports use it.
    """
    occurrences: tuple[Occurrence, ...] = ()
    """Every occurrence read from the source, recurring events expanded."""
    problems: tuple[Finding, ...] = ()
    """What could not be used, as ``import-problem`` (and similar) findings; the rest was read."""
    path: str | None = None
    """The file it was read from, when it was read from a file."""


@attrs.frozen
class MergedOccurrence:
    """One real meeting after merging, with every source copy it came from.

    ``id`` is stable: the same inputs give the same id on every run.
    ``occurrence`` is the reconciled copy; ``copies`` are the originals.
    """

    id: str
    """A stable id: the same inputs give the same id on every run."""
    occurrence: Occurrence
    """The reconciled copy: what the merged calendar says about the meeting."""
    copies: tuple[Occurrence, ...]
    """The source copies it was merged from, as each source lists them."""

    @property
    def provenance(self) -> tuple[SourceCopy, ...]:
        """Source name, UID and RECURRENCE-ID of each copy."""
        return tuple(SourceCopy(c.source, c.uid, c.recurrence_id) for c in self.copies)

    def ref(self) -> OccurrenceRef:
        """A reference to this occurrence for a finding."""
        occ = self.occurrence
        return OccurrenceRef(
            id=self.id,
            summary=occ.title,
            start=occ.start,
            end=occ.end,
            venue=occ.venue,
            sources=self.provenance,
        )


@attrs.frozen
class MergedCalendar:
    """The one work calendar: merged occurrences, the findings of the merge, the sources."""

    occurrences: tuple[MergedOccurrence, ...] = ()
    """The merged meetings, in order of start."""
    findings: tuple[Finding, ...] = ()
    """The merge's findings: where copies of one meeting disagree (``time-mismatch``, ``venue-
    mismatch``, ``status-mismatch``, ``attendee-mismatch``).
    """
    sources: tuple[SourceCalendar, ...] = ()
    """The source calendars it was merged from."""

    def for_person(
        self, person_id: str, org: Organisation | None = None
    ) -> tuple[MergedOccurrence, ...]:
        """The occurrences where the person is due, in the order of ``occurrences``.

        Due as :meth:`Occurrence.people_due` says (pass *org* to resolve
        attendees by e-mail, alias, position title or name); cancelled
        occurrences are included with their status, so that a feed can show
        the cancellation.
        """
        return tuple(
            merged for merged in self.occurrences if person_id in merged.occurrence.people_due(org)
        )
