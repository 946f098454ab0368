"""The wall's frame: a fixed canvas (1920, 3840 or 5760 × 1080) scaled to the screen, and the badge.

Control-room walls come in 16:9 screens and spliced 32:9 / 48:9 rows of them. The wall is drawn on a
canvas of the layout's size and scaled as a whole (a CSS transform: charts measure their unscaled size,
so nothing reflows or clips). The layout follows the screen's aspect ratio (CSS media queries, so a
resize or a rotated screen re-lays out without a rerun) unless `?layout=` pins it; `?fit=` says how the
canvas meets the screen: contain (all of it, letterboxed), width (full width, top-aligned) or stretch.

When the server goes away Streamlit greys the page and opens an English dialog; on a wall nobody can
click it. Here the dialog is hidden, the last data stays at full opacity, and a small Chinese badge
shows until the server answers again (Streamlit reconnects and reruns by itself).
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from dashboard import theme

FITS = ("contain", "width", "stretch")
# Canvas width per layout, and the extra columns each shows (16:9 has none).
LAYOUTS = {"16x9": 1920, "32x9": 3840, "48x9": 5760}
EXTRA = {"16x9": (), "32x9": ("x1", "x2"), "48x9": ("x1", "x2", "x3", "x4")}
HEIGHT = 1080
# Aspect ratios half-way between the layouts decide which one a screen gets (24:9 and 40:9).
BREAKS = {"32x9": "8/3", "48x9": "40/9"}
OFFLINE = "连接中断，正在重连"


def fit_of(params: Mapping[str, str]) -> str:
    value = params.get("fit", "")
    return value if value in FITS else "contain"


def layout_of(params: Mapping[str, str]) -> str | None:
    """The pinned layout (`?layout=32x9`, `32:9` also read), or None to follow the screen."""
    value = params.get("layout", "").replace(":", "x").lower()
    return value if value in LAYOUTS else None


def _layout_rules(name: str) -> str:
    """CSS for one layout: the canvas width and which extra columns show."""
    shown = ", ".join(f".st-key-col_{c}" for c in EXTRA[name])
    rule = f":root {{--wall-w: {LAYOUTS[name]};}}"
    return rule + (f" {shown} {{display: flex !important;}}" if shown else "")


def _css(layout: str | None) -> str:
    if layout:
        chosen = _layout_rules(layout)
    else:
        chosen = _layout_rules("16x9") + "".join(
            f" @media (min-aspect-ratio: {ratio}) {{{_layout_rules(name)}}}" for name, ratio in BREAKS.items()
        )
    # The lights' colours come from the colour system (the static CSS cannot name them).
    lights = "".join(
        f".st-key-light_{k} [data-testid=stMetricValue], .st-key-light_{k} [data-testid=stMetricValue] p"
        f" {{color: {c} !important;}}"
        for k, c in theme.LIGHT_COLORS.items()
    )
    return f"<style>{_STATIC}\n{chosen}\n{lights}</style>"


# Sizes are for the 1080-high canvas; on a 4K screen everything is twice as big on glass.
_STATIC = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"], footer,
[data-testid="stSkipToContent"],
.st-key-wall_head {display: none !important;}
/* Streamlit's connection dialog (English, needs a click) never shows on the wall: the badge replaces it. */
[role="dialog"], [data-baseweb="modal"], [data-testid="stDialog"] {display: none !important;}
[data-stale="true"], .stale-element, [data-testid="stElementContainer"] {opacity: 1 !important;}
html, body {overflow: hidden !important; background: #070d1a;}
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {background: #070d1a !important; color: #e6edf7;}
[data-testid="stMain"] {position: fixed !important; inset: 0; overflow: hidden !important; padding: 0 !important;}
[data-testid="stMainBlockContainer"] {position: absolute !important; left: 0; top: 0; margin: 0 !important;
    box-sizing: border-box; width: calc(var(--wall-w) * 1px) !important; max-width: none !important;
    min-width: 0 !important; height: 1080px; padding: 12px 18px !important; transform-origin: 0 0;
    transform: translate(var(--wall-tx, 0px), var(--wall-ty, 0px)) scale(var(--wall-sx, 1), var(--wall-sy, 1));}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] {height: 100%; gap: 10px; flex-wrap: nowrap;}
[data-testid="stMain"] * {color: #e6edf7;}
/* Streamlit wraps each keyed block in a layout div; without it the keyed blocks are the flex items. */
[data-testid="stMain"] [data-testid="stLayoutWrapper"] {display: contents;}
.st-key-wall_name [data-testid="stElementContainer"] {height: auto !important; overflow: visible;}
.st-key-wall_name [data-testid="stHeading"] > div, .st-key-wall_name [data-testid="stHeading"] h1 {margin: 0 !important;}
.st-key-wall_title {flex: 0 0 auto; align-items: flex-end !important; justify-content: space-between;}
.st-key-wall_title h1 {font-size: 44px !important; line-height: 1.15 !important; padding: 0 !important;
    margin: 0 !important; white-space: nowrap;}
.st-key-wall_title p, .st-key-wall_title h3 {font-size: 26px !important; line-height: 1.3 !important;
    margin: 0 !important; padding: 0 !important; white-space: nowrap; color: #8fa3bf !important;}
.st-key-wall_clock p {font-size: 30px !important; color: #e6edf7 !important; text-align: right;}
.st-key-wall_cards {flex: 0 0 auto; flex-wrap: nowrap !important;}
.st-key-wall_cards [class*="st-key-card_"] {flex: 1 1 0 !important; min-width: 0 !important;}
.st-key-wall_cards .st-key-card_amount {flex: 1.7 1 0 !important;}
[data-testid="stMetric"] {background: #0f1a2e; border: 1px solid #1e3a5f; border-radius: 8px;
    padding: 6px 12px; overflow: hidden;}
[data-testid="stMetricLabel"] p {font-size: 24px !important; color: #8fa3bf !important; line-height: 1.3 !important;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p {font-size: 54px !important; line-height: 1.15 !important;
    white-space: nowrap;}
.st-key-wall_row {flex: 1 1 0 !important; min-height: 0; flex-wrap: nowrap !important; gap: 10px !important;
    align-items: stretch !important;}
.st-key-wall_row [class*="st-key-col_"] {height: 100%; min-height: 0; flex-wrap: nowrap !important; gap: 10px !important;
    display: flex; flex-direction: column;}
.st-key-col_left {flex: 0 0 470px !important;} .st-key-col_right {flex: 0 0 540px !important;}
.st-key-col_map {flex: 1 1 0 !important; min-width: 0;}
.st-key-col_x1, .st-key-col_x2, .st-key-col_x3, .st-key-col_x4 {flex: 0 0 600px !important; display: none !important;}
div[class*="st-key-panel_"] {background: #0f1a2e; border: 1px solid #1e3a5f; border-radius: 8px;
    padding: 8px 14px !important; overflow: hidden; flex: 1 1 0 !important; min-height: 0; gap: 4px !important;
    flex-wrap: nowrap !important; position: relative;}
.st-key-panel_monitoring {flex: 0 0 auto !important;}
div[class*="st-key-panel_"] h3 {font-size: 28px !important; line-height: 1.25 !important; padding: 0 !important;
    margin: 0 !important; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;}
div[class*="st-key-panel_"] p {font-size: 24px; line-height: 1.3;}
div[class*="st-key-panel_"] [data-testid="stElementContainer"]:has(h3) {flex: 0 0 auto !important; height: auto !important;}
div[class*="st-key-panel_"] [data-testid="stMarkdownContainer"] > :last-child {margin-bottom: 0 !important;}
div[class*="st-key-panel_"] [data-testid="stElementContainer"]:has(.wall-fill) {flex: 1 1 0; min-height: 0;}
div[class*="st-key-panel_"] [data-testid="stHtml"]:has(.wall-fill) {height: 100%;}
.wall-fill {height: 100%; display: flex; flex-direction: column; justify-content: space-evenly; overflow: hidden;}
.wall-bar .lbl {display: flex; gap: 12px; font-size: 24px; line-height: 1.3; white-space: nowrap;}
.wall-bar .lbl span {overflow: hidden; text-overflow: ellipsis; flex: 1 1 auto; min-width: 0;}
.wall-bar .lbl b {flex: 0 0 auto; font-weight: 700;}
.wall-bar .track {height: 14px; background: #1e3a5f; border-radius: 7px; margin-top: 4px; overflow: hidden;}
.wall-bar .track div {height: 100%; border-radius: 7px;}
.wall-note {font-size: 24px; line-height: 1.3; color: #8fa3bf;}
.wall-feed .row {font-size: 24px; line-height: 1.3; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;}
.wall-feed .row time {color: #38bdf8; margin-right: 10px;} .wall-feed .row .unit {color: #8fa3bf; margin-right: 10px;}
.st-key-panel_monitoring [data-testid="stMetricValue"], .st-key-panel_monitoring [data-testid="stMetricValue"] p
    {font-size: 72px !important;}
.wall-legend {display: flex; gap: 22px; font-size: 24px; line-height: 1.3; white-space: nowrap; flex-wrap: wrap;}
.wall-legend i {display: inline-block; width: 20px; height: 20px; border-radius: 50%; margin-right: 6px;
    vertical-align: -2px;}
.wall-legend i.ramp {width: 90px; border-radius: 4px;}
.st-key-panel_map [data-testid="stElementContainer"]:has([data-testid="stDeckGlJsonChart"]) {flex: 1 1 0; min-height: 0;}
.st-key-panel_map button, .st-key-panel_map [data-testid="stElementToolbar"] {display: none !important;}
#wall-offline {position: fixed; right: 16px; top: 16px; z-index: 100000; background: #7f1d1d; color: #fff;
    font: 600 20px/1.4 "Noto Sans CJK SC", sans-serif; padding: 6px 14px; border-radius: 6px; opacity: .92;}
"""

# Runs once per page load (guarded): keeps the canvas fitted and the badge in step with the server.
_JS = """<script>
(() => {
  const root = document.documentElement;
  window.__wallFit = "FIT_MODE";
  if (window.__wallInit) { window.__wallResize(); return; }
  window.__wallInit = true;
  window.__wallResize = () => {
    const w = parseFloat(getComputedStyle(root).getPropertyValue("--wall-w")) || 1920, h = 1080;
    const vw = innerWidth, vh = innerHeight, fit = window.__wallFit;
    let sx = vw / w, sy = vh / h;
    if (fit === "contain") { sx = sy = Math.min(sx, sy); }
    if (fit === "width") { sy = sx; }
    const tx = fit === "contain" ? (vw - w * sx) / 2 : 0, ty = fit === "contain" ? (vh - h * sy) / 2 : 0;
    for (const [k, v] of [["sx", sx], ["sy", sy]]) root.style.setProperty("--wall-" + k, v);
    root.style.setProperty("--wall-tx", tx + "px");
    root.style.setProperty("--wall-ty", ty + "px");
  };
  addEventListener("resize", window.__wallResize);
  window.__wallResize();
  // The server's health, every 2 s: the badge shows while it does not answer (Streamlit reconnects itself).
  const health = new URL("./_stcore/health", location.href.split("?")[0]).href;
  const badge = document.createElement("div");
  badge.id = "wall-offline";
  badge.textContent = "OFFLINE_TEXT";
  const check = async () => {
    let up = false;
    try { up = (await fetch(health, {cache: "no-store"})).ok; } catch (e) { up = false; }
    if (!up && !badge.isConnected) document.body.appendChild(badge);
    if (up && badge.isConnected) badge.remove();
  };
  setInterval(check, 2000);
})();
</script>"""


def install(fit: str, layout: str | None) -> None:
    """The wall's CSS and fitting script (fit and layout are whitelisted values, never raw URL text)."""
    if fit not in FITS or (layout is not None and layout not in LAYOUTS):  # not an assert: python -O drops those
        raise ValueError(f"wall fit/layout not whitelisted: {fit!r}, {layout!r}")
    script = _JS.replace("FIT_MODE", fit).replace("OFFLINE_TEXT", OFFLINE)
    with st.container(key="wall_head"):
        st.html(_css(layout) + script, unsafe_allow_javascript=True)
