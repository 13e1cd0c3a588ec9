"""Rule values: every number a rule uses, with its source, basis and dates.

A value read in a law is ``statute``; one set by a province's own regulation is
``local`` (the user supplies it); a sensible default that no text here
confirms is ``assumed``, and every finding that relies on it says so.

Effective dates are half-open: ``since`` is the first day a value applies,
``until`` the first day it no longer does (so one version's ``until`` is the
next one's ``since``). ``None`` means unbounded on that side.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Generic, TypeVar

import attrs

T = TypeVar("T")


class Basis(enum.StrEnum):
    """How sure we are of a rule value (cơ sở của giá trị)."""

    STATUTE = "statute"
    """Read in a law, decree or decision (văn bản quy phạm pháp luật)."""
    LOCAL = "local"
    """Set by the province's or commune's own regulation; the user supplies it."""
    ASSUMED = "assumed"
    """A sensible default not confirmed in any text; reported wherever used."""


class CitationSource(enum.StrEnum):
    """Where a value's citation was read (nguồn đã đọc): the official text or only a
    secondary source."""

    OFFICIAL = "official"
    """Read in the official text (Công báo, the issuing body's own copy), or nothing to read."""
    SECONDARY = "secondary"
    """Read only in a secondary source (a legal portal, the press): the number or date is
    believed but was not checked against the official text."""


def in_force(since: date | None, until: date | None, on: date) -> bool:
    """Whether the half-open span ``[since, until)`` contains *on*."""
    return (since is None or since <= on) and (until is None or on < until)


@attrs.frozen
class SourcedValue(Generic[T]):
    """One version of a rule value, with its citation, basis and dates."""

    value: T
    """The value itself (minutes, a deadline, a list of ids …)."""
    cite: str | None = None
    """Document and article, e.g. ``"QĐ 45/2018/QĐ-TTg, Điều 10"``."""
    basis: Basis = Basis.ASSUMED
    """Statute, the province's own rule, or an assumption no text confirms."""
    since: date | None = None
    """The first day this version is in force; ``None``: from the start."""
    until: date | None = None
    """The first day it is no longer in force (exclusive); ``None``: still in force."""
    note: str = ""
    """Why this value (shown to people beside it); empty when nothing to say."""
    source: CitationSource = CitationSource.OFFICIAL
    """Whether ``cite`` was read in the official text or only in a secondary source."""
    gap_before: str = ""
    """Why no version applies between the previous version's ``until`` and this
    ``since`` (a declared gap); empty when the versions are meant to be contiguous."""

    def applies_on(self, on: date) -> bool:
        """Whether this version is in force on *on*."""
        return in_force(self.since, self.until, on)


@attrs.frozen
class VersionedRule(Generic[T]):
    """A named rule whose value changes over time: versions keyed by dates."""

    id: str
    """The rule's id, as findings and the pack name it (``policy.change_notice``)."""
    versions: tuple[SourcedValue[T], ...] = ()
    """Its versions, each with its dates of force; at most one is in force on any day."""
    description: str = ""
    """What the rule decides, in words; empty when its id says it."""

    def at(self, on: date) -> SourcedValue[T] | None:
        """The version in force on *on*, or ``None`` if none is."""
        for version in self.versions:
            if version.applies_on(on):
                return version
        return None


class DeadlineUnit(enum.StrEnum):
    """What a deadline counts."""

    DAYS = "days"
    """Calendar days (ngày)."""
    WORKING_DAYS = "working_days"
    """Working days of the pack's work calendar (ngày làm việc)."""
    HOURS = "hours"
    """Hours (giờ)."""


class DeadlineSide(enum.StrEnum):
    """Which side of the meeting a deadline falls on: before or after it (``Deadline.anchor``)."""

    BEFORE = "before"
    """The deadline falls before the reference moment (trước)."""
    AFTER = "after"
    """The deadline falls after the reference moment (sau)."""


@attrs.frozen
class Deadline:
    """A deadline: "N days / working days / hours before or after" a meeting.

    ``reference`` names the moment counted from: ``"start"`` of the meeting
    (for a session, its opening) or ``"end"``.
    """

    amount: int
    """How many units (N)."""
    unit: DeadlineUnit = DeadlineUnit.DAYS
    """What is counted: calendar days, working days or hours."""
    anchor: DeadlineSide = DeadlineSide.BEFORE
    """Before or after the reference moment."""
    reference: str = "start"
    """The moment counted from: ``"start"`` of the meeting (for a session, its opening) or
    ``"end"``.
    """

    def describe(self) -> str:
        """English words, e.g. ``"3 working days before start"``, ``"1 day after end"``;
        ``"by the start"`` for an amount of 0."""
        if self.amount == 0:
            return f"by the {self.reference}"
        unit = self.unit.value.replace("_", " ")
        if self.amount == 1:
            unit = unit.removesuffix("s")
        return f"{self.amount} {unit} {self.anchor.value} {self.reference}"

    def describe_vi(self) -> str:
        """Vietnamese words, e.g. ``"trước 3 ngày làm việc"``."""
        if self.amount == 0:
            return (
                "chậm nhất khi bắt đầu" if self.reference == "start" else "chậm nhất khi kết thúc"
            )
        unit = {"days": "ngày", "working_days": "ngày làm việc", "hours": "giờ"}[self.unit.value]
        side = "trước" if self.anchor is DeadlineSide.BEFORE else "sau"
        return f"{side} {self.amount} {unit}"


# The old spellings, for code inside coordrules that other work in progress
# still writes; the public ``coordrules.Source`` … warn. All go in 0.3.0.
Source = CitationSource
Sourced = SourcedValue
Rule = VersionedRule
Anchor = DeadlineSide
