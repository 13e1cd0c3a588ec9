"""The command-line reference page is generated from the parser and current."""

from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_cli_page_is_current() -> None:
    render = runpy.run_path(str(ROOT / "scripts" / "gen_cli_page.py"))["render"]
    page = (ROOT / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
    assert page == render(), "run: PYTHONPATH=src python scripts/gen_cli_page.py"


def test_every_command_is_documented() -> None:
    page = (ROOT / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
    for command in ("demo", "merge", "dossier", "inspect", "rules"):
        assert f"## `coordrules {command}`" in page
