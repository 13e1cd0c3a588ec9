"""The iCalendar adapter (RFC 5545): office feeds in, merged and per-person feeds out."""
