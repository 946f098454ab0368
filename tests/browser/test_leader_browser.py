"""Issue 13 in Chromium: one colour system (grades, statuses, lights), no Plotly toolbar, Chinese text."""

from __future__ import annotations

import re

import pytest
from helpers import ready
from playwright.sync_api import expect

from dashboard.theme import GRADE_COLORS

pytestmark = pytest.mark.browser
PLOTLY_PURPLE = "rgb(99, 110, 250)"  # px's first colour without our template


def rgb(hex_colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)))


def bar_fills(page, chart: str) -> set[str]:
    bars = page.locator(f"{chart} .bars path")
    expect(bars.first).to_be_attached(timeout=30_000)
    return {p.evaluate("e => getComputedStyle(e).fill") for p in bars.all()}


def test_grade_bars_use_the_grade_colours_and_no_toolbar(page, served: str) -> None:
    page.goto(served + "/")
    ready(page)
    # 等次分布 is native bars (drawn before Plotly's code loads), in the grade colours.
    bars = page.locator(".grade-bars .bar")
    expect(bars.first).to_be_attached(timeout=30_000)
    fills = {b.evaluate("e => getComputedStyle(e).backgroundColor") for b in bars.all()}
    assert fills <= {rgb(c) for c in GRADE_COLORS.values()}, fills
    assert rgb(GRADE_COLORS["优"]) in fills


def test_a_grade_pill_narrows_to_the_grade(page, served: str) -> None:
    page.goto(served + "/?year=2018")
    ready(page)
    page.locator(".st-key-grade_pick").get_by_text("优", exact=True).click()
    page.wait_for_function("() => location.search.includes('grade=')", timeout=20_000)
    ready(page)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("等次优")


def test_category_bars_are_coloured_by_grade_never_plotly_purple(page, served: str) -> None:
    page.goto(served + "/ranking")
    ready(page)
    page.get_by_role("tab", name="类别排名").click()
    fills = bar_fills(page, ".st-key-category_chart")
    assert PLOTLY_PURPLE not in fills
    assert fills <= {rgb(c) for c in GRADE_COLORS.values()}, fills
    # Leader pages hide Plotly's toolbar (English tips, buttons that mean nothing to a reader).
    expect(page.locator(".modebar-btn")).to_have_count(0)  # Plotly keeps an empty container
    assert "tab=categories" in page.url  # the open tab is in the link


def test_the_year_chart_is_drawn_without_plotly(page, served: str) -> None:
    page.goto(served + "/?year=all")
    ready(page)
    chart = page.locator(".year-lines img")
    expect(chart).to_have_attribute("title", re.compile("2018年度 平均分"), timeout=30_000)
    page.wait_for_function("() => document.querySelector('.year-lines img').naturalWidth > 0", timeout=20_000)


def test_a_year_pill_narrows_to_the_year(page, served: str) -> None:
    page.goto(served + "/?year=all")
    ready(page)
    page.locator(".st-key-year_pick").get_by_text("2018", exact=True).click()
    page.wait_for_function("() => location.search.includes('year=2018')", timeout=20_000)
    ready(page)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("2018年度")


def test_unknown_url_is_a_chinese_page(page, served: str) -> None:
    page.goto(served + "/no-such-page")
    ready(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("heading", name="页面不存在")).to_be_visible()
    expect(main.get_by_text("返回总览")).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.get_by_text("You have requested page")).to_have_count(0)


def test_the_overdue_card_opens_the_overdue_list(page, served: str) -> None:
    page.goto(served + "/")
    ready(page)
    card = page.locator('[data-testid="stColumn"]').filter(has_text="逾期整改").last
    card.get_by_role("link", name="查看清单").click()
    page.wait_for_url("**/rectification?**status=overdue**", timeout=30_000)
    ready(page)
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("整改跟踪")
    picked = page.locator('[data-testid="stButtonGroup"] button[aria-checked="true"], [kind="segmented_controlActive"]')
    expect(picked.first).to_have_text("逾期")


@pytest.mark.parametrize("size", [(1440, 900), (1024, 768)])
def test_no_metric_value_is_cut(browser, served: str, size: tuple[int, int]) -> None:
    p = browser.new_page(viewport={"width": size[0], "height": size[1]})
    try:
        for path in ("/?year=all", "/rectification", "/monitoring"):
            p.goto(served + path)
            ready(p)
            values = p.locator('[data-testid="stMetricValue"]')
            expect(values, path).not_to_have_count(0, timeout=30_000)
            cut = p.evaluate(
                '() => Array.from(document.querySelectorAll(\'[data-testid="stMetricValue"] div, '
                '[data-testid="stMetricValue"]\')).filter(e => e.scrollWidth > e.clientWidth).map(e => e.innerText)'
            )
            assert not cut, (path, size, cut)
    finally:
        p.close()
