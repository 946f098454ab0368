"""First paint in Debian's Chromium: from the page request to its first chart or table, cold and warm.

Three apps are measured the same way, each on its own fresh server over the same data:
- the floor: a bare single-page Streamlit app (a title and a line of text);
- a plain Streamlit app answering /ranking?year=…&district=… with pandas over CSV (st.cache_data);
- the dashboard's pages over the synthetic lake.

Cold is the first request to a page after its server started, in a new browser (nothing cached on
either side); warm is the median of further requests to the same server from the same browser, each
in a new tab (a new session; the browser keeps Streamlit's JavaScript in its HTTP cache, as a
leader's browser does).

"Drawn" is read in the page: the first animation frame after the marker entered the DOM, on the
page's own clock (performance.now(), from the navigation's start). Playwright's own wait runs on
the page's main thread too, so it also waits out whatever long task follows the drawing (Plotly's
code compiling for a second on a chart further down): that later time is reported as "seen".
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from oversight.paths import ROOT

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]
FIRST = {  # what "drawn" means per page: its first chart, table or map
    "/": ".grade-bars .bar",  # 等次分布, native bars
    "/ranking": "table.row-table th",  # an HTML table (dashboard/rowtable.py)
    "/rectification": '.js-plotly-plot, [data-testid="stDataFrame"] th',
    "/map": '[data-testid="stDeckGlJsonChart"] canvas',
    "/monitoring": '.js-plotly-plot, [data-testid="stDataFrame"] th',
}
FLOOR_APP = 'import streamlit as st\n\nst.title("空白页")\nst.write("最简单的 Streamlit 页面")\n'
PLAIN_APP = """import pandas as pd
import streamlit as st

st.set_page_config(layout="wide")


@st.cache_data
def evaluations():
    return pd.read_csv({csv!r})


q = st.query_params
df = evaluations()
rows = df[(df["year"] == int(q.get("year", 2024))) & (df["district"] == q.get("district", "嘉定区"))]
st.title("评分排名")
st.dataframe(rows.sort_values("score", ascending=False)[["name", "unit", "score", "grade", "amount_wan"]].head(100))
"""


def _port() -> int:
    low, _, high = os.environ.get("OVERSIGHT_TEST_PORTS", "").partition("-")
    for port in range(int(low), int(high) + 1) if low and high else [0]:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free port")


def _serve(script: Path, env: dict[str, str]) -> tuple[str, subprocess.Popen]:
    port = _port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
    cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return url, proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError(f"{script} did not start")


# In every new document: note the first frame after the marker is in the DOM (a frame's callbacks
# run just before it is painted, and no task can come between them).
_WATCH = """(() => {
  const marker = %s;
  const seen = () => {
    if (window.__drawn !== undefined || !document.querySelector(marker)) return;
    window.__drawn = null;
    requestAnimationFrame(() => { window.__drawn = performance.now(); });
  };
  new MutationObserver(seen).observe(document, {subtree: true, childList: true, attributes: true});
})();"""


def _paint(context, url: str, marker: str) -> tuple[float, float]:
    """(drawn, seen): seconds from the request to the marker's first frame, on the page's clock, and
    to Playwright seeing it, on ours; in a new tab (a new session)."""
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_selector(marker, state="attached", timeout=120_000)
        seen = time.perf_counter() - start
        page.wait_for_function("typeof window.__drawn === 'number'", timeout=30_000)
        return page.evaluate("window.__drawn") / 1000, seen
    finally:
        page.close()


def first_paint(lake_dir: Path, csv: Path, work: Path, warm_runs: int = 7, ranking_query: str = "") -> dict:
    """{name: {"cold", "warm", "warm_seen"}} in seconds (warm: medians) for the floor, the plain pandas
    app and each page."""
    from playwright.sync_api import sync_playwright

    (work / "floor.py").write_text(FLOOR_APP, encoding="utf-8")
    (work / "plain.py").write_text(PLAIN_APP.format(csv=str(csv)), encoding="utf-8")
    env = {"OVERSIGHT_LAKE": str(lake_dir), "OVERSIGHT_USERS": str(work / "no-users.json")}
    targets = [("最简页面（下限）", work / "floor.py", "/", "h1")]
    targets.append(("pandas+CSV 评分排名", work / "plain.py", "/" + ranking_query, '[data-testid="stDataFrame"] th'))
    targets += [(f"驾驶舱 {path}", ROOT / "app.py", path, marker) for path, marker in FIRST.items()]
    targets.insert(
        3, ("驾驶舱 /ranking" + ranking_query, ROOT / "app.py", "/ranking" + ranking_query, FIRST["/ranking"])
    )
    out: dict[str, dict[str, float]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for i, (name, script, path, marker) in enumerate(targets):
            url, proc = _serve(script, {**env, "OVERSIGHT_DB": str(work / f"paint-{i}.duckdb")})
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            context.add_init_script(_WATCH % json.dumps(marker))
            try:
                cold, _ = _paint(context, url + path, marker)
                warm = [_paint(context, url + path, marker) for _ in range(warm_runs)]
            finally:
                context.close()
                proc.terminate()
                proc.wait(timeout=10)
            out[name] = {
                "cold": cold,
                "warm": statistics.median(w for w, _ in warm),
                "warm_seen": statistics.median(s for _, s in warm),
            }
        browser.close()
    return out
