"""The layers of DESIGN.md, held to a table: which subpackage may import which.

Every module under ``src/coordrules`` belongs to exactly one layer, found from
its path; a module in a folder the table does not name fails, so a new module
cannot join a layer by accident. Every import in every module (at the top or
inside a function) is checked against the table: the layers of coordrules it
may use, and the outside libraries it may use beyond the standard library.

A second check imports each core module (model, packs, rules) in a fresh
interpreter in which the package's ``__init__`` does not run (it re-exports the
adapters too), so what lands in ``sys.modules`` is exactly what that module
pulls in: no file-format library, however indirectly.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "coordrules"

#: layer -> (layers of coordrules it may import, outside libraries it may import).
#: "top" is the package's own top level: ``__init__``, ``__main__``, ``_version``.
LAYERS: dict[str, tuple[set[str], set[str]]] = {
    "model": ({"model"}, {"attrs"}),
    "packs": ({"model", "packs"}, {"attrs", "holidays"}),
    "rules": ({"model", "packs", "rules"}, {"attrs", "holidays"}),
    # The adapters' own folder holds only its __init__: one subpackage per format.
    "adapters": (set(), set()),
    "adapters.ical": (
        {"model", "packs", "rules", "adapters.ical"},
        {"attrs", "icalendar", "x_wr_timezone", "recurring_ical_events"},
    ),
    "adapters.docx": (
        {"model", "packs", "rules", "adapters.docx"},
        {"attrs", "docx", "lxml"},
    ),
    "cli": (
        # ``coordrules serve`` imports the serve package only when it runs.
        {"model", "packs", "rules", "adapters.ical", "adapters.docx", "cli", "serve"},
        {"attrs"},
    ),
    # The feed service, an optional extra: its own web stack, never imported by the core.
    "serve": (
        {"model", "packs", "rules", "adapters.ical", "adapters.docx", "cli", "serve"},
        {"attrs", "starlette", "uvicorn", "httpx", "anyio", "caldav"},
    ),
    "testing": ({"model", "packs", "rules", "testing"}, {"attrs", "hypothesis"}),
    # The optional engine (the ``dask`` extra): nothing else imports it.
    "scale": (
        {"model", "packs", "rules", "adapters.ical", "scale"},
        {"attrs", "dask", "distributed"},
    ),
    "top": (
        {"model", "packs", "rules", "adapters.ical", "adapters.docx", "cli", "testing"},
        set(),
    ),
}
CORE_LAYERS = ("model", "packs", "rules")
FORMATS = ("icalendar", "docx", "recurring_ical_events", "x_wr_timezone", "lxml")
ENGINES = ("dask", "distributed")
"""The optional engine's libraries: the core never pulls them in either."""
STDLIB = set(sys.stdlib_module_names) | {"__future__"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str | None:
    """The layer a ``coordrules`` module belongs to, or None if no layer claims it."""
    rest = module.split(".")[1:]
    if not rest or (len(rest) == 1 and rest[0] in {"__main__", "_version"}):
        return "top"
    for depth in (2, 1):
        candidate = ".".join(rest[:depth])
        if candidate in LAYERS and candidate != "top" and len(rest) >= depth:
            return candidate
    return None


MODULES = sorted(_module_name(p) for p in PACKAGE.rglob("*.py"))


def _imports(module: str) -> set[str]:
    path = SRC / Path(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            if node.module == "coordrules":
                found |= {f"coordrules.{alias.name}" for alias in node.names}
    return found


@pytest.mark.parametrize("module", MODULES)
def test_every_module_belongs_to_a_layer(module: str) -> None:
    assert layer_of(module) is not None, f"{module} is in no layer of tests/test_layers.py"


@pytest.mark.parametrize("module", MODULES)
def test_every_import_is_allowed_by_the_table(module: str) -> None:
    layer = layer_of(module)
    assert layer is not None
    may_layers, may_libraries = LAYERS[layer]
    bad = []
    for name in sorted(_imports(module)):
        top = name.split(".")[0]
        if top == "coordrules":
            if name in {"coordrules", "coordrules._version"}:
                if name == "coordrules" and layer != "top":
                    bad.append(f"{name} (the package itself re-exports every layer)")
                continue
            target = layer_of(name)
            if target is None or target not in may_layers:
                bad.append(f"{name} (layer {target})")
        elif top not in STDLIB and top not in may_libraries:
            bad.append(f"{name} (library)")
    assert bad == [], f"{module} ({layer}) may not import: {', '.join(bad)}"


_PROBE = """
import importlib, sys, types
package = types.ModuleType("coordrules")
package.__path__ = [sys.argv[2]]
sys.modules["coordrules"] = package
importlib.import_module(sys.argv[1])
bad = [m for m in sys.argv[3].split(",") if m in sys.modules]
outside = [m for m in sys.modules if m.startswith(("coordrules.adapters", "coordrules.cli"))]
print(",".join(bad + outside))
"""

CORE = [m for m in MODULES if layer_of(m) in CORE_LAYERS]


@pytest.mark.parametrize("module", CORE)
def test_core_module_pulls_in_no_format_library(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, module, str(PACKAGE), ",".join(FORMATS + ENGINES)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "", f"{module} pulls in {result.stdout.strip()}"


def test_the_table_sees_what_we_think() -> None:
    assert layer_of("coordrules.model.org") == "model"
    assert layer_of("coordrules.packs.load") == "packs"
    assert layer_of("coordrules.adapters.ical.read") == "adapters.ical"
    assert layer_of("coordrules.adapters") == "adapters"
    assert layer_of("coordrules.somewhere_new") is None
    assert "coordrules.rules.merge" in CORE
    assert not any(m.startswith("coordrules.adapters") for m in CORE)


def test_the_design_page_shows_this_table() -> None:
    # docs/explanation-design.md draws the same table for readers; keep them one.
    page = (SRC.parent / "docs" / "explanation-design.md").read_text(encoding="utf-8")
    rows = {}
    for line in page.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[1].startswith("`") and cells[1].endswith("/`"):
            folder = cells[1].strip("`/").replace("/", ".")
            layers = (
                set()
                if cells[3] == "(none)"
                else {c.strip().replace("/", ".") for c in cells[3].split(",")}
            )
            libraries = set() if cells[4] == "(none)" else {c.strip() for c in cells[4].split(",")}
            rows[folder] = (layers, libraries)
    expected = {name: value for name, value in LAYERS.items() if name != "top"}
    assert rows == expected
