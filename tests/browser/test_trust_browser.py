"""Issue 13 in Chromium: Back undoes a filter change, no None/nan/True/False on any page or in an export,
breadcrumbs are links, and the uploader speaks Chinese with the real limit."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from helpers import ready, serve, wait_text
from openpyxl import load_workbook

from oversight.access import auth

pytestmark = pytest.mark.browser
ENGLISH = re.compile(r"\b(None|nan|NaN|True|False|NaT)\b")
PAGES = ["/", "/ranking", "/rectification", "/map", "/monitoring", "/project", "/data", "/audit"]
SHOWN_TEXT = """() => [document.querySelector('[data-testid="stSidebar"]'), document.querySelector('[data-testid="stMain"]')]
    .map(e => e ? e.innerText : '').join('\\n') + '\\n' +
    Array.from(document.querySelectorAll('[data-testid="stDataFrame"] td, [data-testid="stDataFrame"] th'))
    .map(c => c.innerText).join('\\n')"""


def url_is(page, test: str) -> None:
    """Wait for the address bar (pushState moves it without a load event) to pass a JS test on `location`."""
    page.wait_for_function(f"() => {test}", timeout=20_000)


def pick_district(page, name: str) -> None:
    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first
    box.click()
    page.keyboard.type(name)  # the list is virtualised: type, as a person would
    page.keyboard.press("Enter")


def test_back_undoes_a_filter_change(page, served: str) -> None:
    page.goto(served + "/ranking?year=2018")
    ready(page)
    wait_text(page, '[data-testid="stMain"]', "范围：全市 · 2018年度")
    pick_district(page, "嘉定区")
    url_is(page, "location.search.includes('district=')")
    ready(page)
    wait_text(page, '[data-testid="stMain"]', "范围：嘉定区 · 2018年度")
    page.go_back()
    url_is(page, "!location.search.includes('district=')")
    ready(page)
    wait_text(page, '[data-testid="stMain"]', "范围：全市 · 2018年度")
    page.wait_for_timeout(1500)  # the page must not write the undone filter back
    assert "district=" not in page.url
    assert "范围：全市 · 2018年度" in page.locator('[data-testid="stMain"]').inner_text()


def test_back_after_a_page_change_returns_to_the_page(page, served: str) -> None:
    page.goto(served + "/ranking?year=2018")
    ready(page)
    pick_district(page, "嘉定区")
    url_is(page, "location.search.includes('district=')")
    ready(page)
    page.locator(".st-key-nav").get_by_text("整改跟踪").click()
    url_is(page, "location.pathname.endsWith('/rectification')")
    ready(page)
    page.go_back()
    url_is(page, "location.pathname.endsWith('/ranking')")
    ready(page)
    wait_text(page, '[data-testid="stMain"] h1', "评分排名")
    wait_text(page, '[data-testid="stMain"]', "范围：嘉定区 · 2018年度")


def test_a_breadcrumb_is_a_link_that_widens_the_view(page, served: str) -> None:
    page.goto(served + "/ranking?year=2018&district=嘉定区")
    ready(page)
    page.locator(".st-key-crumbs").get_by_role("link", name="全市").click()
    url_is(page, "!location.search.includes('district=')")
    ready(page)
    wait_text(page, '[data-testid="stMain"]', "范围：全市 · 2018年度")


@pytest.mark.parametrize("path", PAGES)
def test_no_english_gaps_or_flags_on_a_page(page, served: str, path: str) -> None:
    page.goto(served + path + ("?year=all" if path != "/project" else ""))
    ready(page)
    page.wait_for_timeout(1500)  # tables draw their cells after the run
    found = ENGLISH.findall(page.evaluate(SHOWN_TEXT))
    assert found == [], path


def test_exports_have_no_english_gaps_or_flags_and_name_their_scope(page, served: str) -> None:
    page.goto(served + "/rectification?year=2018&district=嘉定区")
    ready(page)
    with page.expect_download(timeout=30_000) as got:
        page.get_by_role("button", name="导出 CSV").click()
    download = got.value
    assert download.suggested_filename == "整改事项_嘉定区_2018年度.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) > 1
    assert ENGLISH.findall(text) == []
    with page.expect_download(timeout=30_000) as got:
        page.get_by_role("button", name="导出 Excel").click()
    sheet = load_workbook(io.BytesIO(Path(got.value.path()).read_bytes())).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert ENGLISH.findall(" ".join(cells)) == []
    assert sheet.freeze_panes == "A2"


def test_a_click_in_the_district_table_narrows_to_the_district(page, served: str) -> None:
    page.goto(served + "/?year=2018")
    ready(page)
    grid = page.locator('[class*="st-key-district_heat_"] [data-testid="stDataFrame"]')
    grid.scroll_into_view_if_needed()
    grid.locator("th").first.wait_for(state="attached", timeout=30_000)
    assert grid.locator("td").first.inner_text() == "嘉定区"  # the most projects first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the first row's selection cell
    url_is(page, "location.search.includes('district=')")
    ready(page)
    wait_text(page, '[data-testid="stMain"]', "范围：嘉定区 · 2018年度")


def test_the_uploader_speaks_chinese_with_the_real_limit(page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    auth.add("clerk", "correct-horse-battery", "editor", path=tmp_path / "users.json", rounds=4)
    monkeypatch.setenv("OVERSIGHT_USERS", str(tmp_path / "users.json"))  # only editors and admins upload
    url, proc = serve(tmp_path / "lake")
    try:
        page.goto(url + "/data")
        ready(page)
        page.get_by_label("用户名").fill("clerk")
        page.get_by_label("密码").fill("correct-horse-battery")
        page.get_by_role("button", name="登录").click()
        wait_text(page, '[data-testid="stMain"] h1', "数据管理")
        ready(page)
        zone = page.locator('[data-testid="stFileUploaderDropzone"]')
        shown = zone.inner_text()  # the upload icon is a ligature, drawn as an icon: "upload"
        assert re.findall(r"Upload|Drag|Browse|per file|Limit|MB|TXT", shown) == []
        words = zone.evaluate(
            """z => getComputedStyle(z.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] > div'),
                '::after').content + getComputedStyle(z.querySelector('button [data-testid="stMarkdownContainer"]'),
                '::after').content"""
        )
        assert "每个文件不超过 20 MB" in words
        assert "选择文件" in words
    finally:
        proc.terminate()
        proc.wait(timeout=10)
