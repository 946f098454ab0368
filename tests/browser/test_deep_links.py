"""A deep link opened first on a fresh server runs app.py: navigation, page config and the sign-in gate.

This pins why the page scripts live in dashboard/pages/ and never in a `pages/` folder beside app.py:
Streamlit 1.67 then treats the app as a v1 multipage app, and the first deep link after a start
(`/map`) runs pages/map.py on its own: the tab is titled "map", the sidebar lists file names, and
the sign-in gate in app.py never runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ready, serve, wait_text

from oversight.access import auth
from oversight.paths import ROOT

pytestmark = pytest.mark.browser
NAV = ("总览", "评分排名", "整改跟踪", "项目地图", "运行监控", "项目详情", "数据管理")
DEEP_LINKS = [("/map", "项目地图", "范围：全市"), ("/ranking?year=2018", "评分排名", "2018年度")]


@pytest.fixture
def fresh(seed_lake: Path, tmp_path: Path):
    """Start a server of its own for one test; nothing has been requested from it yet."""
    procs = []

    def start() -> str:
        url, proc = serve(seed_lake, db=tmp_path / f"followup-{len(procs)}.duckdb")
        procs.append(proc)
        return url

    yield start
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=10)


def test_no_pages_folder_beside_the_entry_script() -> None:
    assert not (ROOT / "pages").exists()
    assert (ROOT / "dashboard" / "pages" / "map.py").exists()


def heading(page) -> str:
    return page.locator('[data-testid="stMain"] h1').first.inner_text()


@pytest.mark.parametrize(("link", "title", "shown"), DEEP_LINKS)
def test_a_first_deep_link_shows_the_page_with_navigation_and_config(browser, fresh, link, title, shown) -> None:
    url = fresh()
    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    try:
        page.goto(url + link)  # the server's very first page
        ready(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert heading(page) == title
        wait_text(page, '[data-testid="stMain"]', shown)
        assert page.title() == "绩效驾驶舱"  # st.set_page_config in app.py ran
        nav = page.locator(".st-key-nav").inner_text()
        assert all(t in nav for t in NAV), nav  # st.navigation's titles, not file names
        wait_text(page, '[data-testid="stSidebar"]', "演示模式")  # app.py's sign-in check ran
    finally:
        page.close()


@pytest.mark.parametrize(("link", "title", "shown"), DEEP_LINKS)
def test_with_users_a_first_deep_link_asks_for_sign_in(
    browser, fresh, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, link, title, shown
) -> None:
    users = tmp_path / "users.json"
    auth.add("zhang", "correct-horse", "viewer", path=users)
    monkeypatch.setenv("OVERSIGHT_USERS", str(users))
    url = fresh()
    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    try:
        page.goto(url + link)  # the server's very first page
        ready(page)
        assert heading(page) == "绩效驾驶舱 · 登录"
        assert page.title() == "绩效驾驶舱"
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert title not in main
        assert shown not in main
        assert page.locator('[data-testid="stDeckGlJsonChart"]').count() == 0
        nav = page.locator(".st-key-nav").inner_text()
        assert all(t in nav for t in NAV), nav
        page.get_by_label("用户名").fill("zhang")
        page.get_by_label("密码").fill("correct-horse")
        page.get_by_role("button", name="登录").click()
        wait_text(page, '[data-testid="stSidebar"]', "已登录：zhang")
        wait_text(page, '[data-testid="stMain"] h1', title)  # signing in opens the page the link named
        ready(page)
        wait_text(page, '[data-testid="stMain"]', shown)
    finally:
        page.close()
