"""Every library coordrules imports is declared in pyproject.toml, where its users get it.

Regression: lxml was imported by the DOCX adapter but came only through
python-docx, so its floor was never stated nor tested; anyio likewise in the
service, through Starlette.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "coordrules"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

EXTRA_OF = {"serve": "serve", "scale": "dask", "testing": "testing"}
"""The subpackages that need an extra, and which."""


def _names(requirements: list[str]) -> set[str]:
    """Distribution names the requirements install (an extra's own name included)."""
    names: set[str] = set()
    for text in requirements:
        req = Requirement(text)
        names.add(canonicalize_name(req.name))
        names.update(canonicalize_name(extra) for extra in req.extras)
    return names


def _imports(path: Path) -> set[str]:
    """Top-level modules *path* imports, absolute imports only."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"coordrules"}


def test_every_imported_library_is_declared_where_the_module_needs_it() -> None:
    base = _names(PROJECT["dependencies"])
    extras = PROJECT["optional-dependencies"]
    distributions = packages_distributions()
    missing = []
    for path in sorted(SRC.rglob("*.py")):
        sub = path.relative_to(SRC).parts[0]
        declared = base | (_names(extras[EXTRA_OF[sub]]) if sub in EXTRA_OF else set())
        for module in sorted(_imports(path)):
            dists = {canonicalize_name(d) for d in distributions.get(module, [module])}
            if not dists & declared:
                missing.append(f"{path.relative_to(ROOT)}: {module} ({', '.join(sorted(dists))})")
    assert missing == []


def test_lxml_is_a_runtime_dependency_with_a_floor_regression() -> None:
    (lxml,) = [Requirement(r) for r in PROJECT["dependencies"] if r.startswith("lxml")]
    assert str(lxml.specifier).startswith(">=")
