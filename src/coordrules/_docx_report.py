"""Placeholder replaced below."""

def write_report_docx() -> bytes:  # pragma: no cover
    """Placeholder."""
    raise NotImplementedError
