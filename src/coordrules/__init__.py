"""coordrules: coordination rules for Vietnamese provincial offices.

Merge the work calendars that the Văn phòng Tỉnh ủy, the Văn phòng Đoàn ĐBQH
và HĐND and the Văn phòng UBND keep, find every conflict, check every
meeting's dossier, and speak iCalendar and DOCX.

This module is the one public face of the library: everything public is
re-exported here; the ``_``-prefixed modules are private.
"""

from coordrules._version import __version__
from coordrules.adapters.docx.inspection import check_dossier, inspect_document
from coordrules.adapters.docx.report import write_report_docx
from coordrules.adapters.docx.weekly import read_weekly_docx, write_weekly_docx
from coordrules.adapters.ical.read import read_ics, read_merged_ics
from coordrules.adapters.ical.write import (
    feed_file_name,
    feeds_per_body,
    feeds_per_person,
    write_ics,
)
from coordrules.cli.samples import sample_path
from coordrules.model.errors import CoordrulesError, InputError, PackError
from coordrules.model.events import (
    Attendance,
    Attendee,
    MergedCalendar,
    MergedOccurrence,
    Occurrence,
    Role,
    SourceCalendar,
    Status,
    Transparency,
)
from coordrules.model.findings import (
    CODES,
    Code,
    DocumentRef,
    Finding,
    Message,
    OccurrenceRef,
    Report,
    Severity,
    SourceCopy,
    SourceSummary,
)
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
from coordrules.model.text import norm
from coordrules.model.values import (
    Anchor,
    Basis,
    Deadline,
    DeadlineUnit,
    Rule,
    Source,
    Sourced,
)
from coordrules.packs.directory import check_directory, load_directory
from coordrules.packs.load import bundled_packs, load_pack
from coordrules.packs.pack import CalendarPolicy, Pack, Requirement
from coordrules.packs.validate import validate_pack
from coordrules.packs.workdays import ScheduledDay, WorkCalendar
from coordrules.rules.conflicts import check_calendar
from coordrules.rules.dossier import (
    AgendaItem,
    DocumentInfo,
    Dossier,
    DossierDocument,
    Meeting,
    NumberLine,
    SignerBlock,
    load_manifest,
)
from coordrules.rules.merge import merge, split_sources

__all__ = [
    "CODES",
    "AgendaItem",
    "Anchor",
    "Appointment",
    "Attendance",
    "Attendee",
    "Basis",
    "Body",
    "CalendarPolicy",
    "Code",
    "CoordrulesError",
    "Deadline",
    "DeadlineUnit",
    "Directory",
    "DocumentInfo",
    "DocumentRef",
    "Dossier",
    "DossierDocument",
    "Finding",
    "InputError",
    "Meeting",
    "MeetingKind",
    "MergedCalendar",
    "MergedOccurrence",
    "Message",
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
    "Rule",
    "ScheduledDay",
    "Severity",
    "SignerBlock",
    "Source",
    "SourceCalendar",
    "SourceCopy",
    "SourceSummary",
    "Sourced",
    "Status",
    "Transparency",
    "TravelTime",
    "Venue",
    "WorkAssignment",
    "WorkCalendar",
    "__version__",
    "bundled_packs",
    "check_calendar",
    "check_directory",
    "check_dossier",
    "feed_file_name",
    "feeds_per_body",
    "feeds_per_person",
    "inspect_document",
    "load_directory",
    "load_manifest",
    "load_pack",
    "merge",
    "norm",
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
