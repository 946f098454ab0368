"""城运大屏: a dark 16:9 wall that fits, rotates its panels, follows the lake, and never shows an error.

URL: /bigscreen?embed=true&district=嘉定区&year=2024&theme=video&rotate=20&refresh=10[&token=…]
- rotate: seconds between panel steps (default 20, 0 stops); only the rotating panels redraw.
- refresh: seconds between checks of the lake's version (default 10); a new version redraws the wall.
- token: required when an embed secret is configured (see docs/embed.md and oversight/access/embed.py).
The layout is drawn at 1920×1080 and scaled by viewport width (CSS transform; 4K = 2×): charts
measure their unscaled size, so nothing reflows or clips. (CSS zoom makes Plotly measure twice.)
"""

import logging
import time
from datetime import datetime

import streamlit as st

from dashboard import auth, filters, mapview, ui
from oversight.access import embed
from oversight.domain.clock import SHANGHAI

log = logging.getLogger("oversight.bigscreen")

# Static CSS only (no data): dark wall, no chrome, sizes for 1920×1080 scaled by viewport width.
st.html(
    """<style>
    [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
    [data-testid="stToolbar"], [data-testid="stDecoration"], footer {display: none !important;}
    .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {background: #070d1a !important; color: #e6edf7;}
    [data-testid="stMainBlockContainer"] {padding: 10px 18px 0 18px !important; max-width: 100% !important;}
    html, body {overflow: hidden !important;}
    [data-testid="stMain"] * {color: #e6edf7;}
    [data-testid="stMetric"] {background: #0f1a2e; border: 1px solid #1e3a5f; border-radius: 8px;
        padding: 6px 12px; overflow: hidden;}
    [data-testid="stMetricLabel"] p {font-size: 17px !important; color: #8fa3bf !important;}
    [data-testid="stMetricValue"] {font-size: 34px !important; line-height: 1.2; white-space: nowrap;}
    .st-key-wall_title h1 {font-size: 32px !important; padding: 0 !important; margin: 0 !important;}
    .st-key-wall_title p {font-size: 18px !important; margin: 0 !important;}
    div[class*="st-key-panel_"] {background: #0f1a2e; border: 1px solid #1e3a5f; border-radius: 8px;
        padding: 6px 10px; overflow: hidden;}
    div[class*="st-key-panel_"] h3 {font-size: 20px !important; padding: 2px 0 !important; margin: 0 !important;}
    [data-testid="stMain"] [data-testid="stVerticalBlock"] {gap: 8px;}
    [data-testid="stMainBlockContainer"] {width: 1920px !important; min-width: 1920px; margin: 0 !important;
        transform-origin: 0 0;}
    [data-testid="stMain"] {align-items: flex-start !important; justify-content: flex-start !important;}
    .st-key-panel_rankings, .st-key-panel_rotating {height: 470px !important;}
    .st-key-panel_rectification, .st-key-panel_monitoring {height: 404px !important;}
    .st-key-panel_map {height: 882px !important;}
    div[class*="st-key-panel_"] [data-testid="stProgress"] p {font-size: 18px !important; white-space: nowrap;
        overflow: hidden; text-overflow: ellipsis;}
    div[class*="st-key-panel_"] p {font-size: 18px;}
    [data-testid="stProgressBarTrack"] {background: #1e3a5f !important;}
    .st-key-panel_rankings [data-testid="stProgressBarTrack"] > div {background: #38bdf8 !important;}
    .st-key-panel_rotating [data-testid="stProgressBarTrack"] > div {background: #f87171 !important;}
    .st-key-panel_rectification [data-testid="stProgressBarTrack"] > div {background: #fdae61 !important;}
    .st-key-light_red [data-testid="stMetricValue"] p {color: #f87171 !important; font-size: 72px !important;}
    .st-key-light_yellow [data-testid="stMetricValue"] p {color: #facc15 !important; font-size: 72px !important;}
    .st-key-light_green [data-testid="stMetricValue"] p {color: #4ade80 !important; font-size: 72px !important;}
    [data-testid="stMetricValue"] p {font-size: 34px !important;}
    @media (max-width: 1700px) {[data-testid="stMainBlockContainer"] {transform: scale(0.7);}}
    @media (min-width: 2400px) {[data-testid="stMainBlockContainer"] {transform: scale(1.3333);}}
    @media (min-width: 3200px) {[data-testid="stMainBlockContainer"] {transform: scale(2);}}
    </style>"""
)


def number(name: str, default: int) -> int:
    value = st.query_params.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 4 and int(value) <= 3600 else default


scope = {k: st.query_params.get(k) for k in embed.SCOPE_KEYS if st.query_params.get(k)}
# When signed URLs guard the wall: refused here, and every fragment re-checks the expiry (below).
EXPIRES: int | None = None
if key := auth.embed_secret():
    allowed, reason = embed.check(scope, st.query_params.get("token"), key)
    if not allowed:
        log.warning("bigscreen refused (%s) for scope %r", reason, scope)
        st.markdown("## 无权访问")
        st.stop()
    EXPIRES = embed.expiry(st.query_params.get("token"))


def stop_if_expired() -> None:
    """Once the token has expired, rerun the whole page: its check refuses and clears the data."""
    if EXPIRES is not None and time.time() > EXPIRES:
        log.warning("bigscreen token expired while open; refusing")
        st.rerun()


ROTATE, REFRESH = number("rotate", 20), number("refresh", 10)
if "wall_filters" not in st.session_state:
    query = {k: [v] for k, v in scope.items()}
    st.session_state["wall_filters"] = filters.from_url(query, filters.allowed())[0]
f: filters.Filters = st.session_state["wall_filters"]
params = f.params()


def load(name: str, **extra):
    """A query's result, or the last good one if the lake cannot be read right now (logged)."""
    good = st.session_state.setdefault("wall_good", {})
    key = (name, tuple(sorted(extra.items())))
    try:
        result = ui.run(name, **params, **extra)
        good[key] = result
        return result
    except Exception:  # any failure: keep the wall up with the last good data
        log.exception("bigscreen: query %s failed; showing the last good data", name)
        st.session_state["wall_stale"] = True
        return good.get(key)


def rows_of(name: str, **extra):
    """A query's rows for a panel, or None when there is nothing to draw."""
    df = load(name, **extra)
    return None if df is None or df.empty else df


def bars(rows: list[tuple[str, float, str]], top: float) -> None:
    """Horizontal bars as native elements (they scale with the wall; charts measure twice)."""
    for label, value, shown in rows:
        st.progress(max(0.0, min(1.0, value / top)) if top else 0.0, text=f"{ui.md_text(label)} · **{shown}**")


def step(n: int) -> int:
    """Which of n panel states to show now (follows the clock, so every wall is in step)."""
    return int(time.time() // ROTATE) % n if ROTATE else 0


st.session_state["wall_stale"] = False
summary = load("lake_summary")
st.session_state.setdefault("wall_version", ui.version())
# Read once per full run (a new lake version reruns the wall), not by the clock every second.
st.session_state["wall_updated"] = ui.db().lake.manifest().get("updated_at", "")[11:16] or "—"

# Title bar: scope, live clock, data time.
with st.container(key="wall_title"):
    t1, t2 = st.columns([3, 2])
    t1.title("绩效驾驶舱 · 城运大屏")
    t1.markdown(
        f"{f.district or '上海市'} · {'、'.join(map(str, f.years)) + '年度' if f.years else '全部年度'}"
        + (f" · {ui.CATEGORY_ZH.get(f.category, f.category)}" if f.category else "")
    )

    @st.fragment(run_every=1)
    def clock() -> None:
        stop_if_expired()  # every second, so data stops within a second of expiry (refresh and rotate may be 0)
        now = datetime.now(SHANGHAI)
        updated = st.session_state["wall_updated"]
        stale = " · ⚠ 数据暂不可用，显示最近一次数据" if st.session_state.get("wall_stale") else ""
        st.markdown(f"### {now:%Y-%m-%d %H:%M:%S} · 数据更新于 {updated}{stale}")

    with t2:
        clock()


@st.fragment(run_every=REFRESH or None)
def watch() -> None:
    """Poll the lake's version; a new ingest redraws the whole wall."""
    stop_if_expired()
    try:
        current = ui.version()
    except Exception:
        log.exception("bigscreen: lake version unreadable")
        return
    if current != st.session_state.get("wall_version"):
        st.session_state["wall_version"] = current
        st.rerun()


watch()

# Metric cards.
if summary is not None and not summary.empty:
    s = summary.iloc[0]
    cards = [
        ("评价项目", f"{s['projects']:,}"),
        ("决算金额", ui.wan_short(s["amount_wan"])),
        ("平均分", f"{s['mean_score']:.2f}" if s["mean_score"] == s["mean_score"] else "—"),
        ("“优”占比", ui.pct(s["share_excellent"])),
        ("未完成整改", f"{s['open_items']:,}"),
        ("逾期整改", f"{s['overdue_items']:,}"),
        ("红灯项目", f"{s['red_lights']:,}"),
    ]
    for col, (label, value) in zip(st.columns(len(cards)), cards, strict=True):
        col.metric(label, value)

left, centre, right = st.columns([1, 1.55, 1])


def unit_ranking() -> None:
    if (df := rows_of("unit_ranking")) is not None:
        bars([(u, v, f"{v:.2f}") for u, v in zip(df["unit"][:8], df["mean_score"][:8], strict=True)], 100)


def lowest_projects() -> None:
    if (df := rows_of("projects", limit=8)) is not None:
        bars([(n, v, f"{v:.2f} {g or ''}") for n, v, g in zip(df["name"], df["score"], df["grade"], strict=True)], 100)


def category_ranking() -> None:
    if (df := rows_of("category_ranking")) is not None:
        labels = df["category"].map(ui.CATEGORY_ZH)
        bars([(c, v, f"{v:.2f}") for c, v in zip(labels, df["mean_score"], strict=True)], 100)


def overdue_by_unit() -> None:
    if (df := rows_of("rectification_by_unit")) is not None:
        top = df.groupby("unit", as_index=False)["overdue"].sum().nlargest(8, "overdue")
        bars([(u, n, f"{n} 项") for u, n in zip(top["unit"], top["overdue"], strict=True)], top["overdue"].max())


def grade_distribution() -> None:
    if (df := rows_of("grade_distribution")) is not None:
        bars([(g, n, f"{n:,} 个") for g, n in zip(df["grade"], df["projects"], strict=True)], df["projects"].sum())


def rotate_through(key: str, panels: list) -> None:
    """Draw the panel of the current rotation step inside the container `key`."""
    stop_if_expired()
    with st.container(key=key):
        title, draw = panels[step(len(panels))]
        st.markdown(f"### {title}")
        draw()


@st.fragment(run_every=ROTATE or None)
def rankings() -> None:
    rotate_through(
        "panel_rankings",
        [
            ("单位平均分排名（前 8）", unit_ranking),
            ("得分最低的项目", lowest_projects),
            ("各类别平均分", category_ranking),
        ],
    )


@st.fragment(run_every=ROTATE or None)
def right_panel() -> None:
    rotate_through("panel_rotating", [("逾期整改最多的单位", overdue_by_unit), ("评价等次分布", grade_distribution)])


with left:
    rankings()
    with st.container(key="panel_rectification"):
        st.markdown("### 整改状态")
        if (df := rows_of("rectification_status")) is not None:
            total = int(df["items"].sum())
            rows = [(ui.RECT_ZH[s], n, f"{n:,} 项") for s, n in zip(df["status"], df["items"], strict=True)]
            bars(rows, total)
            st.markdown(f"共 {total:,} 项，其中逾期 **{int(df['overdue'].sum()):,}** 项")

with centre, st.container(key="panel_map"):
    st.markdown("### 项目分布（区：项目数；点：街镇，大小为金额、颜色为等次）")
    by_district = load("district_map", theme=None)
    points = load("town_points", theme=None)
    if by_district is not None and points is not None:
        deck = mapview.deck(
            mapview.districts_frame(by_district.set_index("district"), "projects", f.district, dark=True),
            mapview.towns_frame(points),
            zoom=8.75,
            dark=True,
        )
        st.pydeck_chart(deck, height=838, key="wall_map")


with right:
    with st.container(key="panel_monitoring"):
        st.markdown("### 运行监控信号灯")
        if (df := rows_of("light_counts")) is not None:
            counts = dict(zip(df["light"], df["projects"], strict=True))
            for col, light in zip(st.columns(3), ("red", "yellow", "green"), strict=True):
                with col.container(key=f"light_{light}"):
                    st.metric(ui.LIGHT_ZH[light], f"{counts.get(light, 0):,}")
            st.markdown(f"预算调减超过一半：**{int(df['cut_over_half'].sum()):,}** 个项目")
    right_panel()
