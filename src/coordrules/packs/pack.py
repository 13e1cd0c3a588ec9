"""Rule packs in memory: the structure and rules of one province or commune.

A pack is data (see ``docs/packs.md`` for the TOML format and
:mod:`coordrules.packs.load` for the loader). This module holds only the
in-memory shape, so that the rules and the adapters can take a pack without
knowing where it came from.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from coordrules.model.doctypes import DOCUMENT_TYPES, DocumentType
from coordrules.model.org import (
    Body,
    Directory,
    MeetingKind,
    Office,
    Organisation,
    Position,
    TravelTime,
    Venue,
    WorkAssignment,
)
from coordrules.model.values import Basis, CitationSource, Deadline, SourcedValue, VersionedRule
from coordrules.packs.docformat import DocumentFormat
from coordrules.packs.workdays import WorkCalendar


@attrs.frozen
class CalendarPolicy:
    """How the offices keep their common calendar (quy chế phối hợp).

    Each value is a dated :class:`~coordrules.VersionedRule` whose versions
    carry ``cite`` and ``basis``; most are ``local`` (each province sets them)
    or ``assumed``.
    """

    confirmation_deadline: VersionedRule[Deadline] | None = None
    """Hạn xác báo thành phần: attendees confirm by this long before the start."""
    change_notice: VersionedRule[Deadline] | None = None
    """A significant change later than this before the start is a late change."""
    precedence: VersionedRule[tuple[str, ...]] | None = None
    """Meeting-kind ids, the one that takes precedence first."""
    default_travel_minutes: VersionedRule[int] | None = None
    """Travel time between two different venues with no listed travel time."""
    series_cap: int = 1000
    """At most this many occurrences of one recurring series inside a window."""
    max_feed_bytes: int = 50_000_000
    """An input feed larger than this is refused."""


@attrs.frozen
class Requirement:
    """One document a meeting's dossier needs (thành phần hồ sơ).

    ``item_kind`` is ``None`` for documents of the meeting as a whole, else
    the kind of agenda item (``draft-normative-resolution`` …) that needs it.
    ``condition`` names a flag on the agenda item (``policy-impact``): the
    document is required only when the manifest sets that flag.
    """

    id: str
    """The requirement's id in the pack; versions with dates share it."""
    meeting_kind: str
    """The id of the kind of meeting whose dossier needs the document."""
    document: str
    """Document type id (``to-trinh``, ``du-thao``, ``bao-cao-tham-tra`` …)."""
    name: str
    """What the document is, for people (Tờ trình của UBND tỉnh)."""
    deadline: Deadline
    """When it is due, counted from the meeting."""
    item_kind: str | None = None
    """The kind of agenda item that needs it; ``None``: the meeting as a whole."""
    submitted_by: str | None = None
    """The id of the body or office that submits it, when the pack says."""
    to: str | None = None
    """The id of the body or office it goes to, when the pack says."""
    condition: str | None = None
    """A flag of the agenda item or meeting (``policy-impact``): required only when it is set;
    ``not:flag``: only when it is not.
    """
    cite: str | None = None
    """Document and article the requirement comes from."""
    basis: Basis = Basis.ASSUMED
    """Statute, the province's own rule, or assumed."""
    since: date | None = None
    """The first day it applies, included; ``None``: from the start."""
    until: date | None = None
    """The first day it no longer applies, excluded; ``None``: it still does."""
    deadline_basis: Basis | None = None
    """The deadline's own basis when it differs from the requirement's (a list of
    documents read in a law, with a deadline no text here confirms)."""
    note: str = ""
    """Why: what was read, what is assumed."""
    source: CitationSource = CitationSource.OFFICIAL
    """Whether ``cite`` was read in the official text or only in a secondary source."""
    gap_before: str = ""
    """Why no version of this requirement applies just before ``since`` (a declared gap)."""

    def sourced(self) -> SourcedValue[Deadline]:
        """The deadline with its source, as a rule value (its own basis if it has one)."""
        basis = self.deadline_basis if self.deadline_basis is not None else self.basis
        return SourcedValue(
            self.deadline,
            self.cite,
            basis,
            self.since,
            self.until,
            self.note,
            self.source,
            self.gap_before,
        )


@attrs.frozen
class Pack:
    """A validated rule pack: structure, calendar policy, work calendar, dossier rules.

    ``rules`` lists every dated rule by id, for display (``coordrules rules``)
    and for lookups that are not typed fields.
    """

    id: str
    """The pack's id (``vn-province``, ``tinh-thanh-binh``)."""
    name: str
    """Its name, for people."""
    level: str = "province"
    """``province`` or ``commune``."""
    bodies: tuple[Body, ...] = ()
    """The bodies (cơ quan, tổ chức)."""
    offices: tuple[Office, ...] = ()
    """The offices (văn phòng) and whom they serve."""
    positions: tuple[Position, ...] = ()
    """The positions (chức vụ) and who may stand in for whom."""
    work: tuple[WorkAssignment, ...] = ()
    """Who leads and who coordinates each kind of work."""
    meeting_kinds: tuple[MeetingKind, ...] = ()
    """The kinds of meeting."""
    venues: tuple[Venue, ...] = ()
    """The meeting places the pack knows; a people directory may add more."""
    travel_times: tuple[TravelTime, ...] = ()
    """Minutes between the pack's venues."""
    policy: CalendarPolicy = attrs.field(factory=CalendarPolicy)
    """How the offices keep their common calendar: deadlines, precedence, travel, limits."""
    work_calendar: WorkCalendar = attrs.field(factory=WorkCalendar)
    """Which days are working days, and the pack's time zone."""
    requirements: tuple[Requirement, ...] = ()
    """The documents each kind of meeting's dossier needs, and by when."""
    rules: tuple[VersionedRule[Any], ...] = ()
    """Every dated rule, by id, for display (``coordrules rules``) and lookups."""
    extends: str | None = None
    """The pack this one extends (a bundled name or a path), as its file says."""
    path: str | None = None
    """The file it was loaded from; ``None`` for a pack built in code."""
    place: str | None = None
    """The province's or commune's name (Thanh Bình), for document headings."""
    document_types: tuple[DocumentType, ...] = ()
    """Document types the pack declares beyond :data:`~coordrules.model.doctypes.DOCUMENT_TYPES`."""
    description: str = ""
    """What the pack is, in words."""
    document_format: DocumentFormat = attrs.field(factory=DocumentFormat)
    """The document format (``[[document_format]]``): what the DOCX writer writes and the
    document check accepts, with sources and dates."""

    def document_type(self, type_id: str) -> DocumentType | None:
        """The document type with this id (built-in or declared by the pack), or ``None``."""
        for item in self.document_types:
            if item.id == type_id:
                return item
        return DOCUMENT_TYPES.get(type_id)

    def organisation(self, directory: Directory | None = None) -> Organisation:
        """This pack's structure with the people of *directory*.

        Venues and travel times from the pack and the directory are combined
        (the directory's come first, so a user's data wins).
        """
        people = directory if directory is not None else Directory()
        combined = Directory(
            people=people.people,
            appointments=people.appointments,
            venues=people.venues + self.venues,
            travel_times=people.travel_times + self.travel_times,
        )
        return Organisation(
            bodies=self.bodies,
            offices=self.offices,
            positions=self.positions,
            work=self.work,
            meeting_kinds=self.meeting_kinds,
            directory=combined,
        )

    def rule(self, rule_id: str) -> VersionedRule[Any] | None:
        """The dated rule with this id, or ``None``."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None

    def requirements_for(self, meeting_kind: str, on: date) -> tuple[Requirement, ...]:
        """The dossier requirements of *meeting_kind* in force on *on*."""
        from coordrules.model.values import in_force

        return tuple(
            r
            for r in self.requirements
            if r.meeting_kind == meeting_kind and in_force(r.since, r.until, on)
        )
