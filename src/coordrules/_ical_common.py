"""What the iCalendar reader and writer share: property names and markers.

The ``X-COORDRULES-*`` properties are documented in ``docs/reference/ical.md``;
a test checks that every name listed here appears on that page.
"""

from __future__ import annotations

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

X_PROPERTIES = (KIND, PREPARING_UNIT, ORGANISER, FINDING, COPY)
"""Every property of our own, in the order the writer emits them."""

UID_DOMAIN = "coordrules"
"""A merged occurrence with id ``ID`` is written with ``UID:ID@coordrules``."""

MARKER = "\N{WARNING SIGN} "
"""Put before SUMMARY when an occurrence has an error or warning finding, so a phone shows it."""
DESCRIPTION_RULE = "-- coordrules --"
"""The line after which the writer appends the findings to DESCRIPTION."""
