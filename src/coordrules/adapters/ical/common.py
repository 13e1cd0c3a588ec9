"""What the iCalendar reader and writer share: property names and markers.

The ``X-COORDRULES-*`` properties are documented in ``docs/reference/ical.md``;
a test checks that every name listed here appears on that page.
"""

from __future__ import annotations

from coordrules.model.events import Attendance, Role, Status

KIND = "X-COORDRULES-KIND"
"""The meeting-kind id from the pack (loại cuộc họp), when the producer knows it."""
PREPARING_UNIT = "X-COORDRULES-PREPARING-UNIT"
"""Đơn vị chuẩn bị: who prepares the item."""
ORGANISER = "X-COORDRULES-ORGANISER"
"""The organiser as text when it has no e-mail address (a body or office id)."""
FINDING = "X-COORDRULES-FINDING"
"""One finding about this occurrence: ``X-CODE`` and ``X-SEVERITY`` parameters, message as value."""
COPY = "X-COORDRULES-COPY"
"""One source copy of a merged occurrence: JSON ``[source, uid, recurrence_id]`` as text."""

PERSON_PARAM = "X-COORDRULES-PERSON"
"""ATTENDEE parameter: the people-directory id of the attendee."""
ATTENDEE_URN = "urn:x-coordrules:"
"""ATTENDEE value prefix for an attendee without e-mail (read back as no e-mail)."""

X_PROPERTIES = (KIND, PREPARING_UNIT, ORGANISER, FINDING, COPY, PERSON_PARAM)
"""Every property of our own, in the order the writer emits them."""

UID_DOMAIN = "coordrules"
"""A merged occurrence with id ``ID`` is written with ``UID:ID@coordrules``."""

MARKER = "\N{WARNING SIGN} "
"""Put before SUMMARY when an occurrence has an error or warning finding, so a phone shows it."""
DESCRIPTION_RULE = "-- coordrules --"
"""The line after which the writer appends the findings to DESCRIPTION."""


def uid_for(merged_id: str) -> str:
    """The UID written for the merged occurrence with id *merged_id*: ``ID@coordrules``."""
    return f"{merged_id}@{UID_DOMAIN}"


def id_from_uid(uid: str) -> str:
    """The merged-occurrence id inside one of our UIDs (the UID itself otherwise)."""
    return uid.removesuffix(f"@{UID_DOMAIN}")


ROLES = {
    "CHAIR": Role.CHAIR,
    "REQ-PARTICIPANT": Role.REQUIRED,
    "OPT-PARTICIPANT": Role.OPTIONAL,
    "NON-PARTICIPANT": Role.NON_PARTICIPANT,
}
"""ATTENDEE ``ROLE`` values (RFC 5545 §3.2.16) and the roles they mean; the writer inverts it."""
PARTSTATS = {
    "NEEDS-ACTION": Attendance.NEEDS_ACTION,
    "ACCEPTED": Attendance.ACCEPTED,
    "DECLINED": Attendance.DECLINED,
    "TENTATIVE": Attendance.TENTATIVE,
    "DELEGATED": Attendance.DELEGATED,
}
"""ATTENDEE ``PARTSTAT`` values of a VEVENT (RFC 5545 §3.2.12) and the answers they mean."""
STATUSES = {
    "CONFIRMED": Status.CONFIRMED,
    "TENTATIVE": Status.TENTATIVE,
    "CANCELLED": Status.CANCELLED,
}
"""VEVENT ``STATUS`` values (RFC 5545 §3.8.1.11) and the statuses they mean."""
