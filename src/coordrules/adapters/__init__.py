"""Adapters: one subpackage per file format the offices use (iCalendar, DOCX)."""
