"""coordrules: coordination rules for Vietnamese provincial offices.

Merge the work calendars that the Văn phòng Tỉnh ủy, the Văn phòng Đoàn ĐBQH
và HĐND and the Văn phòng UBND keep, find every conflict, check every
meeting's dossier, and speak iCalendar and DOCX.

This module is the one public face of the library: everything public is
re-exported here; the ``_``-prefixed modules are private.
"""

from coordrules._conflicts import check_calendar
from coordrules._errors import CoordrulesError, InputError, PackError
from coordrules._events import (
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
from coordrules._findings import (
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
from coordrules._merge import merge, split_sources
from coordrules._org import (
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
from coordrules._pack import CalendarPolicy, Pack, Requirement
from coordrules._text import norm
from coordrules._values import Anchor, Basis, Deadline, DeadlineUnit, Rule, Sourced
from coordrules._version import __version__
from coordrules._workdays import ScheduledDay, WorkCalendar

__all__ = [
    "CODES",
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
    "DocumentRef",
    "Finding",
    "InputError",
    "MeetingKind",
    "MergedCalendar",
    "MergedOccurrence",
    "Message",
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
    "check_calendar",
    "merge",
    "norm",
    "split_sources",
]
