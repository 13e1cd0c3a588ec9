"""coordrules: coordination rules for Vietnamese provincial offices.

Merge the work calendars that the Văn phòng Tỉnh ủy, the Văn phòng Đoàn ĐBQH
và HĐND and the Văn phòng UBND keep, find every conflict, check every
meeting's dossier, and speak iCalendar and DOCX.

This module is the one public face of the library: everything public is
re-exported here; the ``_``-prefixed modules are private.

The names load when first used (PEP 562): ``import coordrules`` is quick and
imports no file-format library (icalendar, python-docx, lxml …) until a
function that reads or writes a file is looked up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from coordrules._version import __version__

if TYPE_CHECKING:
    from coordrules.adapters.docx.inspection import (
        check_dossier,
        inspect_document,
    )
    from coordrules.adapters.docx.package import DocxInput
    from coordrules.adapters.docx.report import write_report_docx
    from coordrules.adapters.docx.weekly_read import read_weekly_docx
    from coordrules.adapters.docx.weekly_write import write_weekly_docx
    from coordrules.adapters.ical.read import (
        IcsInput,
        read_ics,
        read_merged_ics,
    )
    from coordrules.adapters.ical.write import (
        FeedPrivacy,
        feed_file_name,
        feeds_per_body,
        feeds_per_person,
        write_ics,
    )
    from coordrules.cli.samples import sample_path
    from coordrules.model.details import FINDING_DETAILS
    from coordrules.model.doctypes import DocumentType
    from coordrules.model.dossier import (
        AgendaItem,
        DocumentInfo,
        DocumentInspector,
        Dossier,
        DossierDocument,
        Meeting,
        NumberLine,
        SignerBlock,
    )
    from coordrules.model.errors import CoordrulesError, DirectoryError, InputError, PackError
    from coordrules.model.events import (
        Attendance,
        Attendee,
        MergedCalendar,
        MergedOccurrence,
        Moment,
        Occurrence,
        Role,
        SourceCalendar,
        Status,
        Transparency,
    )
    from coordrules.model.findings import (
        CODES,
        DocumentRef,
        Finding,
        FindingCode,
        Message,
        OccurrenceRef,
        Report,
        Severity,
        SourceCopy,
        SourceSummary,
        Subject,
        SubjectKind,
    )

    # Old names (see ``_RENAMED``): type checkers accept them for one release.
    from coordrules.model.findings import FindingCode as Code  # noqa: F401
    from coordrules.model.org import (
        Appointment,
        Body,
        Directory,
        MeetingKind,
        Office,
        Organisation,
        Person,
        Position,
        TravelTime,
        Venue,
        WorkAssignment,
    )
    from coordrules.model.text import normalise_text
    from coordrules.model.text import normalise_text as norm  # noqa: F401
    from coordrules.model.values import (
        Basis,
        CitationSource,
        Deadline,
        DeadlineSide,
        DeadlineUnit,
        SourcedValue,
        VersionedRule,
    )
    from coordrules.model.values import CitationSource as Source  # noqa: F401
    from coordrules.model.values import DeadlineSide as Anchor  # noqa: F401
    from coordrules.model.values import SourcedValue as Sourced  # noqa: F401
    from coordrules.model.values import VersionedRule as Rule  # noqa: F401
    from coordrules.model.window import Window
    from coordrules.packs.directory import (
        load_directory,
        load_directory_mapping,
        load_directory_text,
    )
    from coordrules.packs.directory_check import check_directory
    from coordrules.packs.docformat import (
        DocumentFormat,
        FormatRange,
        FormatValues,
        NumberForm,
    )
    from coordrules.packs.load import (
        bundled_packs,
        load_pack,
        load_pack_mapping,
        load_pack_text,
    )
    from coordrules.packs.manifest import load_manifest
    from coordrules.packs.pack import (
        CalendarPolicy,
        Pack,
        Requirement,
    )
    from coordrules.packs.validate import validate_pack
    from coordrules.packs.workdays import (
        ScheduledDay,
        WorkCalendar,
    )
    from coordrules.rules.conflicts import check_calendar
    from coordrules.rules.dossier import (
        ChecklistRow,
        checklist,
    )
    from coordrules.rules.merge import (
        merge,
        split_sources,
    )

_HOMES: dict[str, str] = {
    "CODES": "coordrules.model.findings",
    "FINDING_DETAILS": "coordrules.model.details",
    "AgendaItem": "coordrules.model.dossier",
    "Appointment": "coordrules.model.org",
    "Attendance": "coordrules.model.events",
    "Attendee": "coordrules.model.events",
    "Basis": "coordrules.model.values",
    "Body": "coordrules.model.org",
    "CalendarPolicy": "coordrules.packs.pack",
    "ChecklistRow": "coordrules.rules.dossier",
    "CitationSource": "coordrules.model.values",
    "CoordrulesError": "coordrules.model.errors",
    "Deadline": "coordrules.model.values",
    "DeadlineSide": "coordrules.model.values",
    "DeadlineUnit": "coordrules.model.values",
    "Directory": "coordrules.model.org",
    "DirectoryError": "coordrules.model.errors",
    "DocumentFormat": "coordrules.packs.docformat",
    "DocumentInfo": "coordrules.model.dossier",
    "DocumentInspector": "coordrules.model.dossier",
    "DocumentRef": "coordrules.model.findings",
    "DocumentType": "coordrules.model.doctypes",
    "DocxInput": "coordrules.adapters.docx.package",
    "Dossier": "coordrules.model.dossier",
    "DossierDocument": "coordrules.model.dossier",
    "FeedPrivacy": "coordrules.adapters.ical.write",
    "Finding": "coordrules.model.findings",
    "FindingCode": "coordrules.model.findings",
    "FormatRange": "coordrules.packs.docformat",
    "FormatValues": "coordrules.packs.docformat",
    "IcsInput": "coordrules.adapters.ical.read",
    "InputError": "coordrules.model.errors",
    "Meeting": "coordrules.model.dossier",
    "MeetingKind": "coordrules.model.org",
    "MergedCalendar": "coordrules.model.events",
    "MergedOccurrence": "coordrules.model.events",
    "Message": "coordrules.model.findings",
    "Moment": "coordrules.model.events",
    "NumberForm": "coordrules.packs.docformat",
    "NumberLine": "coordrules.model.dossier",
    "Occurrence": "coordrules.model.events",
    "OccurrenceRef": "coordrules.model.findings",
    "Office": "coordrules.model.org",
    "Organisation": "coordrules.model.org",
    "Pack": "coordrules.packs.pack",
    "PackError": "coordrules.model.errors",
    "Person": "coordrules.model.org",
    "Position": "coordrules.model.org",
    "Report": "coordrules.model.findings",
    "Requirement": "coordrules.packs.pack",
    "Role": "coordrules.model.events",
    "ScheduledDay": "coordrules.packs.workdays",
    "Severity": "coordrules.model.findings",
    "SignerBlock": "coordrules.model.dossier",
    "SourceCalendar": "coordrules.model.events",
    "SourceCopy": "coordrules.model.findings",
    "SourceSummary": "coordrules.model.findings",
    "SourcedValue": "coordrules.model.values",
    "Status": "coordrules.model.events",
    "Subject": "coordrules.model.findings",
    "SubjectKind": "coordrules.model.findings",
    "Transparency": "coordrules.model.events",
    "TravelTime": "coordrules.model.org",
    "Venue": "coordrules.model.org",
    "VersionedRule": "coordrules.model.values",
    "Window": "coordrules.model.window",
    "WorkAssignment": "coordrules.model.org",
    "WorkCalendar": "coordrules.packs.workdays",
    "bundled_packs": "coordrules.packs.load",
    "check_calendar": "coordrules.rules.conflicts",
    "check_directory": "coordrules.packs.directory_check",
    "check_dossier": "coordrules.adapters.docx.inspection",
    "checklist": "coordrules.rules.dossier",
    "feed_file_name": "coordrules.adapters.ical.write",
    "feeds_per_body": "coordrules.adapters.ical.write",
    "feeds_per_person": "coordrules.adapters.ical.write",
    "inspect_document": "coordrules.adapters.docx.inspection",
    "load_directory": "coordrules.packs.directory",
    "load_directory_mapping": "coordrules.packs.directory",
    "load_directory_text": "coordrules.packs.directory",
    "load_manifest": "coordrules.packs.manifest",
    "load_pack": "coordrules.packs.load",
    "load_pack_mapping": "coordrules.packs.load",
    "load_pack_text": "coordrules.packs.load",
    "merge": "coordrules.rules.merge",
    "normalise_text": "coordrules.model.text",
    "read_ics": "coordrules.adapters.ical.read",
    "read_merged_ics": "coordrules.adapters.ical.read",
    "read_weekly_docx": "coordrules.adapters.docx.weekly_read",
    "sample_path": "coordrules.cli.samples",
    "split_sources": "coordrules.rules.merge",
    "validate_pack": "coordrules.packs.validate",
    "write_ics": "coordrules.adapters.ical.write",
    "write_report_docx": "coordrules.adapters.docx.report",
    "write_weekly_docx": "coordrules.adapters.docx.weekly_write",
}
"""Each public name and the module it is defined in (its home), imported on first use."""

_RENAMED: dict[str, str] = {
    "Anchor": "DeadlineSide",
    "Code": "FindingCode",
    "Rule": "VersionedRule",
    "Source": "CitationSource",
    "Sourced": "SourcedValue",
    "norm": "normalise_text",
}
"""Old public names kept for one release (until 0.3.0), each to its new name: using one warns.

They are not in ``__all__``; type checkers still see them (the ``TYPE_CHECKING`` imports).
"""

_SUBPACKAGES = frozenset({"adapters", "cli", "model", "packs", "rules", "testing"})


def __getattr__(name: str) -> Any:
    """Import the public *name* from its home on first use (PEP 562)."""
    if name in _SUBPACKAGES:  # ``coordrules.model`` … as before, when first used
        return importlib.import_module(f"coordrules.{name}")
    new = _RENAMED.get(name)
    if new is not None:
        from coordrules.model.deprecation import warn_renamed

        warn_renamed(name, new)
        return __getattr__(new)  # not cached: every use warns
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'coordrules' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # the next lookup is an ordinary attribute
    return value


def __dir__() -> list[str]:
    """The module's names, the not-yet-imported public ones included."""
    return sorted({*globals(), *__all__})


__all__ = [
    "CODES",
    "FINDING_DETAILS",
    "AgendaItem",
    "Appointment",
    "Attendance",
    "Attendee",
    "Basis",
    "Body",
    "CalendarPolicy",
    "ChecklistRow",
    "CitationSource",
    "CoordrulesError",
    "Deadline",
    "DeadlineSide",
    "DeadlineUnit",
    "Directory",
    "DirectoryError",
    "DocumentFormat",
    "DocumentInfo",
    "DocumentInspector",
    "DocumentRef",
    "DocumentType",
    "DocxInput",
    "Dossier",
    "DossierDocument",
    "FeedPrivacy",
    "Finding",
    "FindingCode",
    "FormatRange",
    "FormatValues",
    "IcsInput",
    "InputError",
    "Meeting",
    "MeetingKind",
    "MergedCalendar",
    "MergedOccurrence",
    "Message",
    "Moment",
    "NumberForm",
    "NumberLine",
    "Occurrence",
    "OccurrenceRef",
    "Office",
    "Organisation",
    "Pack",
    "PackError",
    "Person",
    "Position",
    "Report",
    "Requirement",
    "Role",
    "ScheduledDay",
    "Severity",
    "SignerBlock",
    "SourceCalendar",
    "SourceCopy",
    "SourceSummary",
    "SourcedValue",
    "Status",
    "Subject",
    "SubjectKind",
    "Transparency",
    "TravelTime",
    "Venue",
    "VersionedRule",
    "Window",
    "WorkAssignment",
    "WorkCalendar",
    "__version__",
    "bundled_packs",
    "check_calendar",
    "check_directory",
    "check_dossier",
    "checklist",
    "feed_file_name",
    "feeds_per_body",
    "feeds_per_person",
    "inspect_document",
    "load_directory",
    "load_directory_mapping",
    "load_directory_text",
    "load_manifest",
    "load_pack",
    "load_pack_mapping",
    "load_pack_text",
    "merge",
    "normalise_text",
    "read_ics",
    "read_merged_ics",
    "read_weekly_docx",
    "sample_path",
    "split_sources",
    "validate_pack",
    "write_ics",
    "write_report_docx",
    "write_weekly_docx",
]
