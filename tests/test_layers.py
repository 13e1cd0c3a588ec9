"""The core (model, packs and rules) imports no file-format library (DESIGN.md, Layers).

Each core module is imported in a fresh interpreter in which the package's
``__init__`` does not run (it re-exports the adapters too), so what lands in
``sys.modules`` is exactly what that module pulls in.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "coordrules"
ADAPTER_PREFIXES = ("_ical", "_docx", "_cli", "_cmd", "_inspect", "_demo", "__")
CORE = sorted(
    f"coordrules.{p.stem}" for p in PACKAGE.glob("_*.py") if not p.stem.startswith(ADAPTER_PREFIXES)
)
FORMATS = ("icalendar", "docx", "recurring_ical_events", "x_wr_timezone", "lxml")

_PROBE = """
import importlib, sys, types
package = types.ModuleType("coordrules")
package.__path__ = [sys.argv[2]]
sys.modules["coordrules"] = package
importlib.import_module(sys.argv[1])
bad = [m for m in sys.argv[3].split(",") if m in sys.modules]
adapters = [m for m in sys.modules if m.startswith("coordrules._")
            and m.split(".")[1].startswith(tuple(sys.argv[4].split(",")))]
print(",".join(bad + adapters))
"""


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_format_library(module: str) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _PROBE,
            module,
            str(PACKAGE),
            ",".join(FORMATS),
            ",".join(ADAPTER_PREFIXES[:-1]),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "", f"{module} pulls in {result.stdout.strip()}"


@pytest.mark.parametrize("module", CORE)
def test_core_module_names_no_adapter_in_its_source(module: str) -> None:
    # Catches imports hidden inside functions, which the probe above cannot see.
    tree = ast.parse((PACKAGE / f"{module.split('.')[1]}.py").read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    bad = {
        name
        for name in imported
        if name.split(".")[0] in FORMATS
        or (
            name.startswith("coordrules._") and name.split(".")[1].startswith(ADAPTER_PREFIXES[:-1])
        )
    }
    assert bad == set()


def test_the_core_is_what_we_think() -> None:
    for expected in ("coordrules._org", "coordrules._events", "coordrules._packload"):
        assert expected in CORE
    assert "coordrules._ical" not in CORE
