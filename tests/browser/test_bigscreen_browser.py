"""The wall in Debian's Chromium: fits 1080p and 4K, embeds cross-origin, follows the lake, rotates, checks tokens."""

from __future__ import annotations

import http.server
import threading
import time
from functools import partial
from pathlib import Path

import pytest
from helpers import ARTIFACTS, SEED_000, serve

from oversight.access.embed import sign
from oversight.ingest.pipeline import run
from oversight.store.lake import Lake

pytestmark = pytest.mark.browser
WALL = "/bigscreen?embed=true&district=嘉定区"


def drawn(frame, timeout: int = 60_000) -> None:
    frame.wait_for_selector('[data-testid="stMetric"]', timeout=timeout)
    frame.wait_for_timeout(1500)


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)])
def test_the_wall_fits(browser, served: str, size: tuple[int, int]) -> None:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(served + WALL + "&rotate=0")
    drawn(page)
    page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[class*="st-key-panel_"]').count() >= 4
    dims = page.evaluate(
        "() => [document.documentElement.scrollHeight, innerHeight, document.documentElement.scrollWidth, innerWidth]"
    )
    assert dims[0] <= dims[1], dims  # no vertical scrolling
    assert dims[2] <= dims[3], dims  # no horizontal scrolling
    box = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
    assert box["y"] + box["height"] <= size[1]
    assert box["x"] + box["width"] <= size[0] + 1
    bg = page.evaluate("() => getComputedStyle(document.querySelector('.stApp')).backgroundColor")
    r, g, b = (int(x) for x in bg[bg.index("(") + 1 : bg.index(")")].split(",")[:3])
    assert 0.2126 * r + 0.7152 * g + 0.0722 * b < 40, bg  # dark
    overflow = page.evaluate(
        "() => Array.from(document.querySelectorAll('[data-testid=stMetric], [data-testid=stMetricValue]'))"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).length"
    )
    assert overflow == 0  # no card text spills out of its card
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    assert page.locator("header").count() in (0, 1)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "嘉定区" in text
    assert "1,633.38 万元" in text
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"bigscreen_{size[0]}.png"))
    page.close()


def test_the_wall_draws_inside_an_iframe_from_another_origin(browser, served: str, tmp_path: Path) -> None:
    host = tmp_path / "host"
    host.mkdir()
    (host / "index.html").write_text(
        f'<html><body style="margin:0;background:#000"><iframe id="wall" src="{served}{WALL}&rotate=0" '
        'style="width:1920px;height:1080px;border:0"></iframe></body></html>',
        encoding="utf-8",
    )
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(host))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")  # another port: another origin
        frame = page.frame_locator("#wall")
        frame.locator('[data-testid="stMetric"]').first.wait_for(timeout=60_000)
        assert frame.locator('[data-testid="stException"]').count() == 0
        assert "1,633.38 万元" in frame.locator('[data-testid="stMain"]').inner_text()
        page.screenshot(path=str(ARTIFACTS / "bigscreen_iframe.png"))
        page.close()
    finally:
        server.shutdown()


def test_a_new_document_shows_up_without_a_reload(browser, tmp_path: Path) -> None:
    lake = Lake(tmp_path / "lake")
    run([SEED_000], lake)
    url, proc = serve(lake.root)
    try:
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(url + WALL + "&rotate=0&refresh=2")
        drawn(page)
        assert page.locator('[data-testid="stMetricValue"]').first.inner_text().strip() == "8"
        page.evaluate("() => { window.__same_page = true; }")
        copy = tmp_path / "seed000_2019.txt"
        copy.write_text(SEED_000.read_text(encoding="utf-8").replace("2018年度", "2019年度"), encoding="utf-8")
        start = time.monotonic()
        run([copy], lake)  # an ingest while the wall is on
        page.wait_for_function(
            "() => document.querySelector('[data-testid=stMetricValue]').innerText.trim() === '16'", timeout=60_000
        )
        assert time.monotonic() - start < 60
        assert page.evaluate("() => window.__same_page === true")  # no reload happened
        page.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_rotation_step_redraws_only_its_panel(browser, served: str) -> None:
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(served + WALL + "&rotate=3&refresh=0")
    drawn(page)
    title = page.locator(".st-key-panel_rankings h3").inner_text()
    page.evaluate(
        "() => { window.__card = document.querySelector('[data-testid=stMetric]');"
        " window.__map = document.querySelector('[data-testid=stDeckGlJsonChart] canvas');"
        " window.__pie = document.querySelector('.st-key-panel_rectification'); }"
    )
    page.wait_for_function(
        f"() => document.querySelector('.st-key-panel_rankings h3').innerText !== {title!r}", timeout=20_000
    )
    kept = page.evaluate(
        "() => [document.contains(window.__card), document.contains(window.__map), document.contains(window.__pie)]"
    )
    assert kept == [True, True, True]  # the rest of the wall was not redrawn
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()


def test_tokens_guard_the_wall(browser, seed_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERSIGHT_EMBED_SECRET", "wall-secret")
    url, proc = serve(seed_lake)
    scope = {"district": "嘉定区"}
    good = sign(scope, int(time.time()) + 3600, "wall-secret")
    expired = sign(scope, int(time.time()) - 10, "wall-secret")
    try:
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        for token in (
            "",
            "&token=123.abc",
            f"&token={expired}",
            f"&token={good}&x=1".replace("&x=1", "") + "&district=闵行区",
        ):
            page.goto(url + WALL + "&rotate=0" + token)
            page.wait_for_selector("text=无权访问", timeout=30_000)
            assert page.locator('[data-testid="stMetric"]').count() == 0
        page.goto(url + WALL + f"&rotate=0&token={good}")
        drawn(page)
        assert "1,633.38 万元" in page.locator('[data-testid="stMain"]').inner_text()
        page.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
