"""In Chromium: Markdown in a project's name, unit or text, or in a URL, is shown as text and fetches nothing;
a wall whose token expires while it is open stops showing data."""

from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path

import pytest
from helpers import SEED_000, ready, rows, serve

from oversight.access.embed import sign
from oversight.ingest.pipeline import run
from oversight.store.lake import Lake

pytestmark = pytest.mark.browser
UNIT = "上海市[联勤](http://evil.example/u)管理中心"  # short: the reader takes only short lines as the unit
WORD_JOINER = "\u2060"  # md_text's invisible break in "http", "www" and "@" (GFM would link them)


@pytest.fixture
def trap():
    """A local server that records every request: nothing on the pages should ever reach it."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def hostile_lake(folder: Path, host: str) -> tuple[Path, dict]:
    """Seed 000 with Markdown images, links, bare URLs and an address in a name, the unit and a problem."""
    text = SEED_000.read_text(encoding="utf-8")
    text = text.replace("上海市联勤和城市网格化综合管理中心", UNIT, 1)
    text = text.replace(
        "2017-2018 年度嘉定区联勤网格化中心硬件运维项目", f"![]({host}/name.png) 嘉定区硬件运维 www.example.com", 1
    )
    text = text.replace("绩效项目申报工作有待进一步完善", f"申报有待完善 ![]({host}/problem.png) a@b.com", 1)
    docs = folder / "docs"
    docs.mkdir()
    (docs / "hostile_000.txt").write_text(text, encoding="utf-8")
    run([docs], Lake(folder / "lake"))
    (evaluation,) = [e for e in rows(folder / "lake", "evaluations") if "name.png" in e["name"]]
    assert evaluation["unit"] == UNIT  # the reader kept it: the pages must cope
    return folder / "lake", evaluation


def fetched_or_linked(page) -> list[str]:
    """Images, links (HTML and SVG), sources and frames in the page that point off the app's origin
    (the map library's own logo link aside, and the overview's year chart: an image of the app's own
    SVG, with fixed labels and numbers only, charts.year_lines_html)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('img, a:not(.mapboxgl-ctrl-logo), image, source, iframe'))
        .filter(e => !e.closest('.year-lines'))
        .filter(e => {
            const target = e.getAttribute('href') ?? e.getAttribute('xlink:href') ?? e.getAttribute('src');
            return target !== null && new URL(target, location.href).origin !== location.origin;
        }).map(e => e.outerHTML.slice(0, 300))"""
    )


def test_markdown_in_source_text_is_text_and_fetches_nothing(browser, tmp_path: Path, trap) -> None:
    host, hits = trap
    lake, evaluation = hostile_lake(tmp_path, host)
    assert evaluation["name"].startswith(f"![]({host}/name.png)")  # the reader kept it: the page must cope
    url, proc = serve(lake)
    try:
        page = browser.new_page(viewport={"width": 1500, "height": 1200})
        visits = [
            f"/project?id={evaluation['project_id']}",
            "/",
            f"/?unit={evaluation['unit']}",
            f"/?town=![]({host}/url.png)",
            "/ranking",
            "/rectification",
            "/monitoring",
            "/map",
            "/bigscreen?embed=true&rotate=0",
        ]
        for visit in visits:
            page.goto(url + visit)
            ready(page)
            page.wait_for_timeout(1000)  # time for any image to be requested
            assert page.locator('[data-testid="stException"]').count() == 0, visit
            assert fetched_or_linked(page) == [], visit
            if visit == "/ranking":  # the HTML ranking table shows the name as text, escaped
                table = page.locator("table.row-table").first.inner_text().replace(WORD_JOINER, "")
                assert evaluation["name"] in table
            if visit.startswith("/project"):
                shown = page.locator('[data-testid="stMain"]').inner_text().replace(WORD_JOINER, "")
                assert evaluation["name"] in shown  # the name reads as typed
                assert f"![]({host}/problem.png) a@b.com" in shown
                assert UNIT in shown
        assert hits == []
        page.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_an_open_wall_stops_showing_data_when_its_token_expires(
    browser, seed_lake: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OVERSIGHT_EMBED_SECRET", "wall-secret")
    url, proc = serve(seed_lake)
    try:
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        wall = url + "/bigscreen?embed=true&district=嘉定区&rotate=0&refresh=0&token="
        page.goto(wall + sign({"district": "嘉定区"}, int(time.time()) + 3600, "wall-secret"))
        page.wait_for_selector('[data-testid="stMetric"]', timeout=90_000)  # a first draw is slow: warm up
        start = time.time()
        page.reload()
        page.wait_for_selector('[data-testid="stMetric"]', timeout=90_000)
        # The token outlives a warm draw with room to spare (three times this machine's, at least 8 s):
        # a fixed 45 s made the test wait for its own clock on a quiet machine.
        expires = int(time.time() + max(8.0, 3 * (time.time() - start))) + 1
        page.goto(wall + sign({"district": "嘉定区"}, expires, "wall-secret"))
        page.wait_for_selector('[data-testid="stMetric"]', timeout=45_000)
        assert time.time() < expires, "the wall took too long to draw for this test"
        assert "1,633.38 万元" in page.locator('[data-testid="stMain"]').inner_text()
        page.wait_for_selector("text=无权访问", timeout=(expires - time.time() + 30) * 1000)
        assert time.time() >= expires
        page.wait_for_function("() => !document.querySelector('[data-testid=stMetric]')", timeout=10_000)
        assert "万元" not in page.locator('[data-testid="stMain"]').inner_text()
        page.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
