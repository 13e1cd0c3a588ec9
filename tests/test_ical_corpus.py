"""Every .ics file shipped inside icalendar and recurring-ical-events is read safely.

The files are globbed from the installed packages at test time (not copied).
Each either reads (with every problem carrying its file and reason) or is
refused with an InputError naming the file; nothing else may escape.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coordrules import InputError, read_ics
from ical_data import CORPUS
from typed_views import timed


def test_the_corpus_is_there() -> None:
    assert len(CORPUS) > 100


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_reads_without_uncaught_exception(path: Path) -> None:
    refused: InputError | None = None
    try:
        calendar = read_ics(path, window=(date(1990, 1, 1), date(2030, 12, 31)))
    except InputError as error:
        refused = error
    if refused is not None:
        assert refused.file == str(path)
        assert refused.reason
        return
    for problem in calendar.problems:
        assert problem.file == str(path)
        assert problem.message.en
        assert problem.message.vi
        assert problem.code in ("import-problem", "recurrence-capped")
    for occurrence in calendar.occurrences:
        # Timed items are always aware: no silent naive times.
        if not occurrence.all_day:
            assert timed(occurrence.start).tzinfo is not None
            assert timed(occurrence.end).tzinfo is not None
        assert occurrence.start <= occurrence.end
