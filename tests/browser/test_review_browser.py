"""In Chromium: an editor corrects a 元-as-万元 amount and a grade read from a sentence on /review; the
ranking, the CSV export and the wall show the corrected values; a viewer gets no queue."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import review_docs
from helpers import ready, serve, wait_text

from oversight.access import auth
from oversight.ingest.pipeline import run
from oversight.store.lake import Lake

pytestmark = pytest.mark.browser
MAIN = '[data-testid="stMain"]'


def sign_in(page, url: str, name: str) -> None:
    page.goto(url)
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill("correct-horse")
    page.get_by_role("button", name="登录").click()
    wait_text(page, '[data-testid="stSidebar"]', f"已登录：{name}")
    ready(page)


def pick(page, label: str, typed: str) -> None:
    """Choose in the selectbox `label` by typing part of the option."""
    page.locator('[data-testid="stSelectbox"]').filter(has_text=label).click()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    ready(page)


def ranked(page) -> dict[str, list[str]]:
    """The ranking table's rows by project name, as drawn (an HTML table: dashboard/rowtable.py)."""
    page.wait_for_function("() => document.querySelectorAll('table.row-table td').length > 0")
    cells = page.evaluate(
        """() => Array.from(document.querySelectorAll('table.row-table tbody tr'))
                 .map(r => Array.from(r.querySelectorAll('td')).map(c => c.textContent))"""
    )
    names = (review_docs.GRID, review_docs.VIDEO)
    return {name: row for row in cells for name in names if name in row}


def test_an_editor_corrects_and_every_page_shows_it(browser, tmp_path: Path, monkeypatch) -> None:
    run([review_docs.write(tmp_path / "docs")], Lake(tmp_path / "lake"))
    users = tmp_path / "users.json"
    auth.add("zhang", "correct-horse", "editor", "嘉定区", path=users)
    auth.add("li", "correct-horse", "viewer", path=users)
    monkeypatch.setenv("OVERSIGHT_USERS", str(users))
    url, proc = serve(tmp_path / "lake", db=tmp_path / "shared.duckdb", port=8917)
    try:
        page = browser.new_page(viewport={"width": 1500, "height": 1400}, accept_downloads=True)
        sign_in(page, url + "/review", "zhang")
        wait_text(page, MAIN, "金额单位存疑")
        pick(page, "选择核对项", "网格化巡查服务项目 · 金额")
        page.get_by_label("更正后的金额（万元）").fill("86.5")
        page.get_by_role("button", name="保存更正").click()
        wait_text(page, MAIN, "已保存：人工更正（zhang）")
        ready(page)
        pick(page, "选择核对项", "网格化巡查服务项目 · 等次")
        pick(page, "更正后的等次", "优")
        page.get_by_role("button", name="保存更正").click()
        wait_text(page, MAIN, "已保存：人工更正（zhang）")
        ready(page)
        assert page.locator('[data-testid="stMetricValue"]').first.inner_text().strip() == "2"  # video's two left

        page.set_viewport_size({"width": 2600, "height": 1400})  # every column of the ranking drawn
        sign_in(page, url + "/ranking", "zhang")  # a new page load is a new session
        rows = ranked(page)
        assert "86.50" in rows[review_docs.GRID]  # 万元, two places as the table shows money
        assert "优" in rows[review_docs.GRID]
        assert [c for c in rows[review_docs.GRID] if c.startswith("人工更正（zhang ")]
        assert "待核对 2 项" in rows[review_docs.VIDEO]

        sign_in(page, url + "/data", "zhang")
        with page.expect_download() as got:
            page.get_by_role("button", name="评价项目（CSV）").click()
        rows = list(csv.DictReader(io.StringIO(Path(got.value.path()).read_text(encoding="utf-8-sig"))))
        grid = next(r for r in rows if r["name"] == review_docs.GRID)
        assert float(grid["amount_wan"]) == 86.5
        assert grid["grade"] == "优"
        assert grid["corrected_by"] == "zhang"

        sign_in(page, url + "/bigscreen?layout=48x9&rotate=0", "zhang")
        wait_text(page, MAIN, f"※{review_docs.VIDEO}")
        wall = page.locator(MAIN).inner_text()
        assert "※待核对数值 2 个" in wall
        assert f"※{review_docs.GRID}" not in wall
        page.close()

        viewer = browser.new_page(viewport={"width": 1500, "height": 1000})
        sign_in(viewer, url + "/review", "li")
        wait_text(viewer, MAIN, "由编辑或管理员核对")
        assert viewer.locator('[data-testid="stForm"]').count() == 0
        viewer.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
