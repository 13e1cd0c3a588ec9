"""Generated pages and golden snapshots are current (regenerate: python docs/gen_packs.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from coordrules import bundled_packs
from coordrules.cli.main import main

ROOT = Path(__file__).resolve().parents[1]


def gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_packs", ROOT / "docs" / "gen_packs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_packs_page_reference_is_generated_from_the_schema() -> None:
    page = (ROOT / "docs" / "packs.md").read_text(encoding="utf-8")
    assert gen().packs_page(page) == page, "run python docs/gen_packs.py"
    assert "`[[meeting_kind]]`" in page
    assert "| `deputies` |" in page


def test_sources_page_is_current() -> None:
    page = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    assert gen().sources_page() == page, "run python docs/gen_packs.py"


@pytest.mark.parametrize("name", bundled_packs())
def test_rules_command_matches_golden_snapshot(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rules", "--pack", name]) == 0
    printed = capsys.readouterr().out
    golden = (ROOT / "tests" / "golden" / f"rules-{name}.txt").read_text(encoding="utf-8")
    assert printed == golden, "run python docs/gen_packs.py and review the diff"


def test_rules_as_of_shows_only_what_is_in_force(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--as-of", "2024-06-01"]) == 0
    text = capsys.readouterr().out
    assert "Luật Ban hành VBQPPL 2015, sửa đổi 2020" in text
    assert "64/2025/QH15" not in text
    assert main(["rules", "--as-of", "2025-06-01"]) == 0
    text = capsys.readouterr().out
    assert "64/2025/QH15" in text


def test_rules_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--as-of", "tomorrow"]) == 2
    bad = tmp_path / "bad.toml"
    bad.write_text('[pack]\nid = "x"\nname = "X"\nfoo = 1\n', encoding="utf-8")
    assert main(["rules", "--pack", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "pack.foo" in err
    assert "Traceback" not in err
