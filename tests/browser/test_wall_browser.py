"""The wall on every screen shape a control room has (issue 14): fitted, legible, Chinese only, never frozen.

Sizes are measured on glass: a font's computed size times the wall's scale (the canvas is 1080 high).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import ARTIFACTS, SEED_000, SEED_001, serve

from dashboard.wall.frame import OFFLINE

pytestmark = pytest.mark.browser
WALL = "/bigscreen?embed=true&district=嘉定区&rotate=0"
SIZES = [(1280, 720), (1920, 1080), (2560, 1440), (3840, 2160), (3840, 1080), (5760, 1080)]
# Panels only spliced walls show: 32:9 adds x1/x2, 48:9 also x3/x4 (dashboard/wall/frame.py).
WIDE = {"16x9": set(), "32x9": {"panel_lowest", "panel_grades"}, "48x9": {"panel_lowest", "panel_overdue"}}

MEASURE = """() => {
  const root = getComputedStyle(document.documentElement);
  const scale = parseFloat(root.getPropertyValue('--wall-sy'));
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const px = sel => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize) * scale;
  const panels = {};
  for (const e of document.querySelectorAll('[class*="st-key-panel_"]')) {
    if (!e.offsetParent) continue;  // a column this layout does not show
    const key = e.className.match(/st-key-(panel_\\w+)/)[1];
    // How much of the panel's inner height its children's boxes cover.
    const inner = e.getBoundingClientRect();
    const kids = Array.from(e.querySelectorAll(':scope > [data-testid=stElementContainer], :scope > *'))
      .map(c => c.getBoundingClientRect()).filter(r => r.height > 0);
    const top = Math.min(...kids.map(r => r.top)), bottom = Math.max(...kids.map(r => r.bottom));
    panels[key] = {box: box(e), covered: (bottom - top) / (inner.height - 18)};
  }
  return {
    scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
    scale, panels,
    width: parseFloat(root.getPropertyValue('--wall-w')),
    headline: px('[data-testid=stMetricValue]'),
    label: px('[data-testid=stMetricLabel] p'),
    bar: document.querySelector('.wall-bar .lbl') ? px('.wall-bar .lbl') : null,
    title: box(document.querySelector('.st-key-wall_name h1')),
    subtitle: box(document.querySelector('.st-key-wall_name [data-testid=stMarkdown]')),
    text: document.body.innerText,
  };
}"""


def open_wall(browser, url: str, size: tuple[int, int]):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(url)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    page.wait_for_selector(".st-key-panel_changes .wall-fill", timeout=60_000)
    page.wait_for_timeout(1500)
    return page


def english(text: str) -> list[str]:
    """Latin words on the wall, apart from the seeds' file names (data, not the wall's language)."""
    for name in (SEED_000.name, SEED_001.name):
        text = text.replace(name, "")
    return re.findall(r"[A-Za-z]{2,}", text)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_wall_fits_every_screen_shape(browser, served: str, size: tuple[int, int]) -> None:
    w, h = size
    page = open_wall(browser, served + WALL, size)
    m = page.evaluate(MEASURE)
    page.screenshot(path=str(ARTIFACTS / f"wall_{w}x{h}.png"))
    page.close()
    assert m["scroll"][0] <= w, m["scroll"]  # no horizontal scrolling
    assert m["scroll"][1] <= h, m["scroll"]  # no vertical scrolling
    layout = "48x9" if w / h > 40 / 9 else "32x9" if w / h > 8 / 3 else "16x9"
    assert m["width"] == {"16x9": 1920, "32x9": 3840, "48x9": 5760}[layout]
    assert WIDE[layout] <= set(m["panels"])
    assert len(m["panels"]) >= 6
    if layout == "16x9":
        assert "panel_lowest" not in m["panels"]  # a 16:9 screen does not squeeze in the spliced wall's columns
    for key, panel in m["panels"].items():
        left, top, right, bottom = panel["box"]
        assert left >= -0.5, (key, panel["box"])
        assert top >= -0.5, (key, panel["box"])
        assert right <= w + 0.5, (key, panel["box"])
        assert bottom <= h + 0.5, (key, panel["box"])
        assert panel["covered"] >= 0.85, (key, panel["covered"])  # no panel more than 15 % empty
    scale = min(w / m["width"], h / 1080)  # contain: the wall's scale on this screen
    assert m["scale"] == pytest.approx(scale, rel=1e-3)
    assert m["headline"] >= 48 * scale - 0.01, m["headline"]
    assert m["label"] >= 24 * scale - 0.01, m["label"]
    assert m["bar"] >= 24 * scale - 0.01
    assert m["title"][3] <= m["subtitle"][1] + 0.5  # the title ends above its subtitle
    assert english(m["text"]) == []
    assert "嘉定区" in m["text"]
    assert "1,633.38 万元" in m["text"]
    assert "最新动态" in m["text"]


def test_layout_can_be_pinned_and_fit_stretched(browser, served: str) -> None:
    page = open_wall(browser, served + WALL + "&layout=32x9&fit=stretch", (1920, 1080))
    m = page.evaluate(MEASURE)
    assert m["width"] == 3840
    assert "panel_lowest" in m["panels"]
    box = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
    assert (round(box["width"]), round(box["height"])) == (1920, 1080)  # stretched over the whole screen
    page.close()


def test_fit_width_fills_the_width_from_the_top(browser, served: str) -> None:
    page = open_wall(browser, served + WALL + "&fit=width", (1600, 1200))
    box = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
    assert (round(box["x"]), round(box["y"]), round(box["width"])) == (0, 0, 1600)
    page.close()


def test_contain_letterboxes_a_taller_screen(browser, served: str) -> None:
    page = open_wall(browser, served + WALL, (1600, 1200))
    box = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
    assert round(box["width"]) == 1600
    assert round(box["height"]) == 900
    assert round(box["y"]) == 150
    page.close()


def test_a_server_restart_shows_the_badge_and_the_wall_recovers(browser, seed_lake: Path) -> None:
    url, proc = serve(seed_lake)
    port = int(url.rsplit(":", 1)[1])
    page = open_wall(browser, url + WALL + "&refresh=2", (1920, 1080))
    page.evaluate("() => { window.__same_page = true; }")
    try:
        proc.terminate()
        proc.wait(timeout=10)
        page.wait_for_selector("#wall-offline", state="visible", timeout=20_000)
        assert page.locator("#wall-offline").inner_text() == OFFLINE
        page.wait_for_timeout(4000)  # long enough for Streamlit's own dialog to have opened
        assert page.locator('[role="dialog"]:visible').count() == 0
        assert "1,633.38 万元" in page.locator('[data-testid="stMain"]').inner_text()  # the last data stays
        opacity = page.evaluate("() => getComputedStyle(document.querySelector('[data-testid=stMetric]')).opacity")
        assert float(opacity) == 1.0  # not greyed out
        assert english(page.locator("body").inner_text()) == []
        page.screenshot(path=str(ARTIFACTS / "wall_offline.png"))
        url, proc = serve(seed_lake, port=port)
        page.wait_for_selector("#wall-offline", state="detached", timeout=60_000)
        page.wait_for_function(
            "() => document.querySelector('[data-testid=stMain]').innerText.includes('1,633.38 万元')", timeout=60_000
        )
        assert page.evaluate("() => window.__same_page === true")  # recovered without a reload
        page.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
