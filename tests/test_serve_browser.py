"""The week page of ``coordrules serve`` in a real browser: Debian's Chromium driven by Playwright.

The planted clashes, read from the sample inputs: on Monday 7 December 2026
Hoàng Quốc Việt chairs "Họp Ban Chỉ đạo chuyển đổi số tỉnh" (09:00–10:30,
vp-ubnd.ics) during "Phiên họp UBND tỉnh thường kỳ tháng 12" (08:00–11:00),
and Phạm Đức Hải is due both at that UBND session and at "Hội nghị Ban
Thường vụ Tỉnh ủy" (08:00–11:30, vp-tinh-uy.ics). Screenshots at a phone and
a desktop width are kept in the test's folder (and in
``$COORDRULES_SCREENSHOTS`` when set, to look at).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import require_program
from coordrules.serve import SQLiteStore, create_app, issue_token, load_config
from serve_support import running, sample_config

pytestmark = pytest.mark.external

CLASHES = {
    "hoang-quoc-viet": {"Họp Ban Chỉ đạo chuyển đổi số tỉnh", "Phiên họp UBND tỉnh thường kỳ"},
    "pham-duc-hai": {"Hội nghị Ban Thường vụ Tỉnh ủy", "Phiên họp UBND tỉnh thường kỳ"},
}
WIDTHS = {"phone": (390, 844), "desktop": (1366, 900)}


@pytest.fixture(scope="module")
def page_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    config = load_config(sample_config(folder))
    store = SQLiteStore(config.database)
    token = issue_token(store, "staff", "staff")
    with running(create_app(config, store=store, poll=False)) as base:
        yield f"{base}/staff/{token}/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = require_program("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # the test extra installs it; under CI its absence fails
        if os.environ.get("COORDRULES_REQUIRE_EXTERNAL") == "1":
            pytest.fail("playwright is not installed (the test extra installs it)")
        pytest.skip("playwright is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield launched
        launched.close()


def _clash_titles(page: Any, person: str) -> set[str]:
    texts = page.eval_on_selector_all(
        f"#p-{person} .meeting.clash", "els => els.map(e => e.textContent)"
    )
    return {title for title in CLASHES[person] if any(title in t for t in texts)}


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_week_page_shows_the_planted_clashes(
    width: str, page_url: str, browser: Any, tmp_path: Path
) -> None:
    w, h = WIDTHS[width]
    page = browser.new_page(viewport={"width": w, "height": h})
    page.goto(page_url)
    shot = tmp_path / f"week-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    keep = os.environ.get("COORDRULES_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, Path(keep) / shot.name)

    assert page.title() == "Lịch công tác tuần / Weekly work calendar"
    for person, titles in CLASHES.items():
        assert _clash_titles(page, person) == titles, person
        # Each clash block is on screen in the person's row, not clipped sideways.
        for block in page.query_selector_all(f"#p-{person} .meeting.clash"):
            box = block.bounding_box()
            assert box is not None
            assert box["width"] > 100
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= w + 1
            assert block.is_visible()
    # A person's clash is marked only in that person's row: Đặng Thu Hà attends
    # the UBND session too (vp-ubnd.ics) and is booked nowhere else then; her
    # block shows the room clash (venue-double-booked), not a person clash.
    blocks = page.query_selector_all("#p-dang-thu-ha .meeting")
    session = [b for b in blocks if "Phiên họp UBND tỉnh thường kỳ" in b.text_content()]
    assert len(session) == 1
    codes = session[0].eval_on_selector_all(".mark", "els => els.map(e => e.dataset.code)")
    assert "venue-double-booked" in codes
    assert "person-double-booked" not in codes
    assert "Trùng phòng" in session[0].text_content()
    red = page.eval_on_selector(
        "#p-pham-duc-hai .meeting.clash", "e => getComputedStyle(e).borderLeftColor"
    )
    assert red == "rgb(176, 0, 32)"
    # No horizontal scrolling at either width.
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    # The findings list, and the same week as DOCX and JSON one click away.
    assert page.locator("#findings").is_visible()
    assert page.locator("ol.findings li.error").count() >= 2
    assert page.locator("a#docx").is_visible()
    assert page.locator("a#json").is_visible()
    with page.expect_download() as download:
        page.click("a#docx")
    assert download.value.suggested_filename == "lich-cong-tac-tuan.docx"
    page.close()


def test_week_page_layout_per_width(page_url: str, browser: Any) -> None:
    desktop = browser.new_page(viewport={"width": 1366, "height": 900})
    desktop.goto(page_url)
    # Desktop: a grid; the day headers are shown, Monday to Sunday.
    heads = desktop.eval_on_selector_all(
        "table.week thead th", "els => els.map(e => e.offsetWidth > 0)"
    )
    assert heads == [True] * 8
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(page_url)
    # Phone: one block per leader; day names are written in each cell instead.
    assert phone.eval_on_selector("table.week thead", "e => getComputedStyle(e).display") == "none"
    label = phone.eval_on_selector(
        "#p-pham-duc-hai td:not(.none)", "e => getComputedStyle(e, '::before').content"
    )
    assert label == '"Thứ Hai 07/12"'
    # Printing: the links are hidden, the table stays.
    desktop.emulate_media(media="print")
    assert desktop.locator("nav").is_hidden()
    assert desktop.locator("table.week").is_visible()
    desktop.close()
    phone.close()
