"""The dashboard in Debian's Chromium: pages draw, the map is drawn and clickable, links reproduce views."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pytest
from helpers import ARTIFACTS, SEED_000, ready, serve, wait_text
from PIL import Image

from oversight.access import auth
from oversight.domain.places import towns

pytestmark = pytest.mark.browser
PAGES = ["/", "/ranking", "/rectification", "/map", "/monitoring", "/project", "/data"]


@pytest.fixture
def page(browser):
    p = browser.new_page(viewport={"width": 1500, "height": 1100})
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.dialogs = dialogs
    yield p
    p.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_draws(page, served: str, path: str) -> None:
    page.goto(served + path)
    ready(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    nav = page.locator(".st-key-nav").inner_text()
    assert all(t in nav for t in ("总览", "评分排名", "整改跟踪", "项目地图", "运行监控", "项目详情", "数据管理"))
    shot(page, "page_" + (path.strip("/") or "overview"))


def canvas_pixels(page) -> Image.Image:
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    canvas.wait_for(timeout=30_000)
    page.wait_for_timeout(2500)  # deck.gl draws after the element appears
    return Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")


def test_map_canvas_is_not_blank(page, served: str) -> None:
    page.goto(served + "/map?measure=amount_wan")
    ready(page)
    img = canvas_pixels(page)
    colours = img.getcolors(1 << 20)
    drawn = sum(n for n, c in colours if c != (255, 255, 255))
    assert drawn > 0.25 * img.width * img.height  # the districts cover much of the view
    assert len([c for n, c in colours if n > 200]) >= 3  # several fills, not one flat colour
    shot(page, "map")


def pixel_of(lon: float, lat: float, box: dict, lon0=121.47, lat0=31.2, zoom=8.4) -> tuple[float, float]:
    """Web Mercator: where deck.gl draws (lon, lat) in a canvas centred on (lon0, lat0)."""
    world = 512 * 2**zoom

    def y(phi: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(phi) / 2)) * world / (2 * math.pi)

    return box["width"] / 2 + (lon - lon0) * world / 360, box["height"] / 2 + (y(lat0) - y(lat))


def test_clicking_a_district_narrows_the_ranking(page, served: str) -> None:
    page.goto(served + "/map")
    ready(page)
    canvas_pixels(page)
    canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    jiading = towns()["嘉定镇街道"]
    x, y = pixel_of(jiading.lon, jiading.lat, box)
    page.mouse.click(box["x"] + x, box["y"] + y)  # deck.gl's own overlay takes the click, as for a user
    page.wait_for_url("**district=*", timeout=20_000)
    ready(page)
    wait_text(page, '[data-testid="stMain"]', "范围：嘉定区")
    page.locator(".st-key-nav").get_by_text("评分排名").click()
    page.wait_for_url("**/ranking**", timeout=20_000)
    ready(page)
    wait_text(page, '[data-testid="stMain"]', "范围：嘉定区")
    assert "district=%E5%98%89%E5%AE%9A%E5%8C%BA" in page.url
    shot(page, "ranking_after_map_click")


def test_a_link_reproduces_the_view(page, served: str) -> None:
    page.goto(served + "/ranking?district=嘉定区&year=2018")
    ready(page)
    wait_text(page, '[data-testid="stMain"]', "范围：嘉定区 · 2018年度")
    sidebar_js = (
        "() => { const s = document.querySelector('[data-testid=\"stSidebar\"]');"
        " return s.innerText + ' ' + Array.from(s.querySelectorAll('input')).map(i => i.value).join(' '); }"
    )
    page.wait_for_function(f"() => ({sidebar_js})().includes('嘉定区')", timeout=30_000)  # widgets arrive in turn
    shown = page.evaluate(sidebar_js)
    assert "2018年度" in shown
    assert "嘉定区" in shown


def test_hostile_url_values_are_dropped_in_the_browser(page, served: str) -> None:
    page.goto(served + "/ranking?district=<script>alert(1)</script>&unit=" + "x" * 3000 + "&year=2018'--")
    ready(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.dialogs
    wait_text(page, '[data-testid="stSidebar"]', "已忽略链接中无法识别的筛选条件")
    wait_text(page, '[data-testid="stMain"]', "范围：全市")


def table_row(page, first: str) -> dict[str, str]:
    """The st.table row whose first cell is `first`, as {column header: cell text}."""
    table = page.locator('[data-testid="stTable"] table')
    heads = table.locator("thead tr th").all_inner_texts()
    cells = table.locator("tbody tr").filter(has_text=first).first.locator("th, td").all_inner_texts()
    return dict(zip(heads, cells, strict=True))


def test_upload_of_seed_000_shows_its_eight_projects(page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
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
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(SEED_000))
        page.get_by_role("button", name="导入").click()
        page.wait_for_selector("text=导入完成", timeout=60_000)
        ready(page)
        row = table_row(page, SEED_000.name)
        assert row["项目数"] == "8"
        assert row["结果"] == "有提示"
        shot(page, "upload")
        page.locator(".st-key-nav").get_by_text("总览").click()
        page.get_by_text("1,633.38 万元").wait_for(timeout=30_000)  # the rerun may still be drawing
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "1,633.38 万元" in main
        assert "95.12 分" in main
    finally:
        proc.terminate()
        proc.wait(timeout=10)
