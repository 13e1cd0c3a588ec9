"""Every ``python`` code block in ``docs/`` and the README runs.

Blocks of one page run in order in one namespace, in a fresh temporary
folder, so a later block may use what an earlier one defined. A block whose
first line is ``# doctest: skip`` is shown but not run (none should need it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([*ROOT.joinpath("docs").rglob("*.md"), ROOT / "README.md"])
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def blocks(page: Path) -> list[str]:
    """The runnable python blocks of *page*."""
    found = BLOCK.findall(page.read_text(encoding="utf-8"))
    return [b for b in found if not b.startswith("# doctest: skip")]


@pytest.mark.parametrize(
    "page", [p for p in PAGES if blocks(p)], ids=lambda p: str(p.relative_to(ROOT))
)
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for number, code in enumerate(blocks(page), start=1):
        try:
            exec(compile(code, f"{page.name}[block {number}]", "exec"), namespace)
        except Exception as error:  # pragma: no cover - the failure is the report
            pytest.fail(f"{page.name}, block {number}: {type(error).__name__}: {error}")


def test_docs_have_examples() -> None:
    assert any(blocks(p) for p in PAGES)
