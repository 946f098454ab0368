"""The ranking's HTML tables in Chromium (dashboard/rowtable.py): a click or Enter on a row opens the
project or narrows to the unit, pinned columns stay put when the table scrolls, and long names wrap
instead of being cut. Seed 000: 8 projects of 嘉定区 2018 in one unit; its best scores 98."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ready, rows, wait_text
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
GRID_UNIT = "上海市联勤和城市网格化综合管理中心"
PROJECTS = "table.row-table[data-table=project_table] tbody tr"
NARROW = {"width": 900, "height": 900}  # a window in which the project list scrolls sideways


def live(page, key: str) -> None:
    """Wait until the rows answer clicks (the script that wires them loads after the table is drawn)."""
    page.wait_for_selector(f"html.row-table-live-{key}", state="attached", timeout=30_000)


def best(seed_lake: Path) -> dict:
    return next(r for r in rows(seed_lake, "evaluations") if r["score"] == 98.0)


def on_project(page, project_id: str) -> None:
    """Wait for the project page of `project_id` (the filters may come before or after the id)."""
    test = (
        f"location.pathname.endsWith('/project') && new URLSearchParams(location.search).get('id') === '{project_id}'"
    )
    page.wait_for_function(f"() => {test}", timeout=20_000)


def test_a_click_on_a_project_row_opens_the_project(page, served: str, seed_lake: Path) -> None:
    page.goto(served + "/ranking?year=2018")
    ready(page)
    live(page, "project_table")
    page.locator(PROJECTS).first.click()
    on_project(page, best(seed_lake)["project_id"])
    wait_text(page, '[data-testid="stMain"]', best(seed_lake)["name"])


def test_enter_on_a_focused_project_row_opens_the_project(page, served: str, seed_lake: Path) -> None:
    page.goto(served + "/ranking?year=2018")
    ready(page)
    live(page, "project_table")
    page.locator(PROJECTS).first.focus()
    page.keyboard.press("Enter")
    on_project(page, best(seed_lake)["project_id"])


def test_a_row_looks_clickable_once_it_answers_clicks(page, served: str) -> None:
    page.goto(served + "/ranking?year=2018")
    ready(page)
    live(page, "project_table")
    expect(page.locator(PROJECTS).first).to_have_css("cursor", "pointer")


def test_a_click_on_a_unit_row_narrows_to_the_unit(page, served: str) -> None:
    page.goto(served + "/ranking?year=2018&tab=units")
    ready(page)
    live(page, "unit_table")
    page.locator("table.row-table[data-table=unit_table] tbody tr").first.click()
    page.wait_for_function("() => location.search.includes('unit=')", timeout=20_000)
    wait_text(page, '[data-testid="stMain"]', f"范围：全市 · {GRID_UNIT} · 2018年度")


def narrow_ranking(page, served: str) -> None:
    """The project list in a narrow window, where it scrolls sideways."""
    page.set_viewport_size(NARROW)
    page.goto(served + "/ranking?year=2018")
    ready(page)


def test_pinned_columns_stay_when_the_table_scrolls_sideways(page, served: str) -> None:
    narrow_ranking(page, served)
    first = page.locator(PROJECTS).first
    grade = first.locator("td").nth(2)  # 名次, 评价分值, 等次 are pinned
    name = first.locator("td").nth(4)
    before = (grade.bounding_box()["x"], name.bounding_box()["x"])
    page.locator(".row-table-wrap").first.evaluate("e => { e.scrollLeft = 300; }")
    page.wait_for_timeout(200)
    assert page.locator(".row-table-wrap").first.evaluate("e => e.scrollLeft") > 0, "the table should scroll"
    assert grade.bounding_box()["x"] == before[0]
    assert name.bounding_box()["x"] < before[1]


def test_a_long_unit_name_wraps_inside_its_pinned_column(page, served: str) -> None:
    page.goto(served + "/ranking?year=2018&tab=units")
    ready(page)
    cell = page.locator("table.row-table[data-table=unit_table] tbody tr").first.locator("td").nth(2)
    expect(cell).to_have_text(GRID_UNIT)
    before = cell.bounding_box()
    cell.evaluate("e => { e.textContent = e.textContent.repeat(4); }")  # a name four times as long
    after = cell.bounding_box()
    assert after["width"] == pytest.approx(before["width"], abs=1)  # the column keeps its width
    assert after["height"] > 1.5 * before["height"]  # the name wraps onto more lines
    assert cell.evaluate("e => e.scrollWidth <= e.clientWidth")  # and nothing is cut


def test_the_pinned_header_stays_on_top_when_the_table_scrolls(page, served: str) -> None:
    narrow_ranking(page, served)
    page.locator(".row-table-wrap").first.evaluate("e => { e.scrollLeft = 300; }")
    page.wait_for_timeout(200)
    grade = page.locator("table.row-table[data-table=project_table] th").nth(2)
    box = grade.bounding_box()
    on_top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('th')?.dataset.col",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert on_top == "grade"


def test_a_long_project_name_wraps_instead_of_widening_the_table(page, served: str) -> None:
    page.goto(served + "/ranking?year=2018")
    ready(page)
    name = page.locator(PROJECTS).first.locator("td").nth(4)
    before = name.bounding_box()
    name.evaluate("e => { const t = e.querySelector('.wrap') || e; t.textContent = t.textContent.repeat(12); }")
    after = name.bounding_box()
    assert after["width"] <= 560 + 40  # the wrap box's 560 px and the cell's padding
    assert after["height"] > 1.5 * before["height"]


def test_a_click_after_reordering_opens_the_row_clicked(page, served: str, seed_lake: Path) -> None:
    lowest = next(r for r in rows(seed_lake, "evaluations") if r["score"] == 92.0)  # seed 000's lowest
    page.goto(served + "/ranking?year=2018")
    ready(page)
    page.get_by_text("从低到高").first.click()
    expect(page.locator(PROJECTS).first).to_have_attribute("data-row", lowest["project_id"], timeout=20_000)
    ready(page)
    live(page, "project_table")
    page.locator(PROJECTS).first.click()
    on_project(page, lowest["project_id"])
