"""The documentation builds with MkDocs in strict mode, and every page is in the nav."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _nav_pages(node: object) -> list[str]:
    if isinstance(node, str):
        return [node] if node.endswith(".md") else []
    if isinstance(node, list):
        return [page for item in node for page in _nav_pages(item)]
    if isinstance(node, dict):
        return [page for value in node.values() for page in _nav_pages(value)]
    return []


def test_every_page_is_in_the_nav() -> None:
    yaml = pytest.importorskip("yaml")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    in_nav = set(_nav_pages(config["nav"]))
    pages = {str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md")}
    assert pages - in_nav == set(), "pages missing from mkdocs.yml nav"
    assert in_nav - pages == set(), "nav names pages that do not exist"


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    api = tmp_path / "site" / "reference" / "api" / "index.html"
    assert api.exists()
    # No Sphinx role shows as it is on any page.
    for page in (tmp_path / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        leaked = re.findall(r":(?:class|func|meth|attr|data|mod|exc|obj):`", text)
        assert leaked == [], page
    words = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(api.read_text("utf-8"))).split())
    # Every attribute with its type and meaning (Occurrence showed neither start nor title).
    assert "start : Moment When it begins" in words
    assert "title : str Tên cuộc họp" in words
    # Constructors with their signatures, attrs classes included.
    code = "".join(re.sub(r"<[^>]+>", "", html.unescape(api.read_text("utf-8"))).split())
    assert "Occurrence(title:str,start:Moment,end:Moment,source:str,uid:str," in code
    assert "status:Status=Status.CONFIRMED," in code
    assert "InputError(file:str,reason:str,*,place:str|None=None," in code
    # CODES as a table.
    assert "| code |" not in words
    assert "person-double-booked error calendar" in words
