"""The core (model and rules) imports no file-format library (DESIGN.md, Layers)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
CORE = sorted(
    f"coordrules.{p.stem}"
    for p in (SRC / "coordrules").glob("_*.py")
    if not p.stem.startswith(("_ical", "_docx", "_cli", "_cmd", "__", "_inspect", "_demo"))
)
FORMATS = ("icalendar", "docx", "recurring_ical_events", "x_wr_timezone", "lxml")


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_format_library(module: str) -> None:
    code = (
        "import sys, importlib; importlib.import_module(sys.argv[1]); "
        f"bad = [m for m in {FORMATS!r} if m in sys.modules]; print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, module],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(SRC)},
    )
    assert result.stdout.strip() == "", f"{module} pulls in {result.stdout.strip()}"


def test_there_are_core_modules() -> None:
    assert "coordrules._org" in CORE
    assert "coordrules._events" in CORE
