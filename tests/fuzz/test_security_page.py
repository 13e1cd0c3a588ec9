"""docs/security.md's table of limits says what the code does.

The table is written by hand; each row names the constant it describes
(``module:expression``). These tests import each one and compare its value
with the table, and find the limit-like constants of the code that the
table does not name, so the page cannot go stale silently.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

import coordrules

PAGE = Path(__file__).resolve().parents[2] / "docs" / "security.md"
ROW = re.compile(
    r"^\|\s*(?P<what>[^|]+?)\s*\|\s*(?P<value>[^|]+?)\s*\|\s*`(?P<ref>[\w.]+:[^`]+)`\s*\|"
)
LIMIT_LIKE = re.compile(r"^_?(?:MAX_\w+|\w+_LIMIT|\w+_CAP|\w+_BUDGET|LIMIT_\w+)$")


def documented() -> list[tuple[str, int, str]]:
    """``(what, value, reference)`` of each row of the limits table."""
    rows = []
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        found = ROW.match(line)
        if found:
            number = re.match(r"[\d,]+", found["value"])
            assert number, f"no number in the value column: {line}"
            rows.append((found["what"], int(number[0].replace(",", "")), found["ref"]))
    return rows


def resolve(reference: str) -> object:
    """The value that ``module:expression`` names."""
    module, _, expression = reference.partition(":")
    return eval(expression, vars(importlib.import_module(module)))


def test_the_page_has_a_limits_table() -> None:
    assert len(documented()) >= 10


@pytest.mark.parametrize(("what", "value", "reference"), documented(), ids=lambda v: str(v))
def test_each_documented_limit_is_the_value_in_the_code(
    what: str, value: int, reference: str
) -> None:
    assert resolve(reference) == value, f"{what}: the page says {value}, {reference} differs"


def limit_constants() -> set[str]:
    """``module:NAME`` of every module-level integer constant that looks like a limit."""
    found = set()
    for info in pkgutil.walk_packages(coordrules.__path__, "coordrules."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        source = inspect.getsource(module)
        for name, value in vars(module).items():
            if (
                LIMIT_LIKE.match(name)
                and isinstance(value, int)
                and not isinstance(value, bool)
                and re.search(rf"^{name}\s*[:=]", source, re.M)  # defined here, not imported
            ):
                found.add(f"{info.name}:{name}")
    return found


def test_every_limit_constant_of_the_code_is_on_the_page() -> None:
    named = {reference for _, _, reference in documented()}
    missing = sorted(limit_constants() - named)
    assert not missing, "limits missing from docs/security.md: " + ", ".join(missing)


def test_the_search_for_limit_constants_finds_some() -> None:
    assert len(limit_constants()) >= 3
