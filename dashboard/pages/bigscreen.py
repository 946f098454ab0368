"""城运大屏: a dark wall that fits any screen shape, rotates its panels, follows the lake, never freezes.

URL: /bigscreen?embed=true&district=嘉定区&year=2024&theme=video&rotate=20&refresh=10[&fit=…][&layout=…][&token=…]
- rotate: seconds between panel steps (default 20, 0 stops); only the rotating panels redraw.
- refresh: seconds between checks of the lake's version (default 10); a new version redraws the wall.
- fit: contain (default: all of the wall, letterboxed), width, or stretch (dashboard/wall/frame.py).
- layout: 16x9, 32x9 or 48x9 (spliced walls show more panels side by side); default: the screen's shape.
- token: required when an embed secret is configured (see docs/embed.md and oversight/access/embed.py).
Every panel is drawn on every layout's canvas; the layout's CSS shows the columns it has room for.
"""

import logging
import time
from datetime import datetime

import streamlit as st

from dashboard import auth, filters, mapview, ui
from dashboard.wall import draw, frame, mapframe, panels
from oversight.access import embed
from oversight.domain.clock import SHANGHAI

log = logging.getLogger("oversight.bigscreen")

frame.install(frame.fit_of(st.query_params), frame.layout_of(st.query_params))


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


def step(n: int) -> int:
    """Which of n panel states to show now (follows the clock, so every wall is in step)."""
    return int(time.time() // ROTATE) % n if ROTATE else 0


st.session_state["wall_stale"] = False
summary = load("lake_summary")
# 人工核对: the scope line says how much of what the wall shows nobody has checked yet, and what ※ marks.
unconfirmed = load("review_counts")
unchecked = ""
if unconfirmed is not None and not unconfirmed.empty and unconfirmed.iloc[0]["open_values"] > 0:
    u = unconfirmed.iloc[0]
    unchecked = (
        f" · {panels.UNCONFIRMED}待核对数值 {int(u['open_values']):,} 个（金额占 {ui.pct(u['share_unconfirmed'])}），"
        f"标{panels.UNCONFIRMED}者未经人工核对"
    )
st.session_state.setdefault("wall_version", ui.version())
# Read once per full run (a new lake version reruns the wall), not by the clock every second.
try:
    st.session_state["wall_updated"] = ui.db().lake.manifest().get("updated_at", "")[11:16] or "—"
except Exception:  # an unreadable manifest: keep the last time shown
    log.exception("bigscreen: lake manifest unreadable")
    st.session_state.setdefault("wall_updated", "—")

# Title bar: title over its scope line (stacked, so they never overlap), live clock on the right.
with st.container(key="wall_title", horizontal=True):
    with st.container(key="wall_name", width="content", gap=None):
        st.title("绩效驾驶舱 · 城运大屏")
        st.markdown(
            ui.md_text(
                f"{f.district or '上海市'} · {'、'.join(map(str, f.years)) + '年度' if f.years else '全部年度'}"
                + (f" · {ui.CATEGORY_ZH.get(f.category, f.category)}" if f.category else "")
                + unchecked
            )
        )

    @st.fragment(run_every=1)
    def clock() -> None:
        stop_if_expired()  # every second, so data stops within a second of expiry (refresh and rotate may be 0)
        now = datetime.now(SHANGHAI)
        updated = st.session_state["wall_updated"]
        stale = " · ⚠ 数据暂不可用，显示最近一次数据" if st.session_state.get("wall_stale") else ""
        st.markdown(f"{now:%Y-%m-%d %H:%M:%S} · 数据更新于 {updated}{stale}")

    with st.container(key="wall_clock", width="content"):
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

# Metric cards (the money card is wider: 万元 figures are the longest).
if summary is not None and not summary.empty:
    s = summary.iloc[0]
    cards = [
        ("projects", "评价项目", f"{s['projects']:,}"),
        ("amount", "决算金额", ui.wan_short(s["amount_wan"])),
        ("score", "平均分", f"{s['mean_score']:.2f}" if s["mean_score"] == s["mean_score"] else "—"),
        ("excellent", "“优”占比", ui.pct(s["share_excellent"])),
        ("open", "未完成整改", f"{s['open_items']:,}"),
        ("overdue", "逾期整改", f"{s['overdue_items']:,}"),
        ("red", "红灯项目", f"{s['red_lights']:,}"),
    ]
    with st.container(key="wall_cards", horizontal=True):
        for name, label, value in cards:
            with st.container(key=f"card_{name}"):
                st.metric(label, value)


def panel(key: str, title: str, draw_it) -> None:
    with st.container(key=key, gap=None):
        st.markdown(f"### {title}")
        draw_it()


def rotate_through(key: str, choices: list) -> None:
    """Draw the panel of the current rotation step inside the container `key`."""
    stop_if_expired()
    panel(key, *choices[step(len(choices))])


@st.fragment(run_every=ROTATE or None)
def rankings() -> None:
    rotate_through(
        "panel_rankings",
        [
            ("单位平均分排名", lambda: panels.unit_ranking(rows_of)),
            ("得分最低的项目", lambda: panels.lowest_projects(rows_of)),
            ("各类别平均分", lambda: panels.category_ranking(rows_of)),
        ],
    )


@st.fragment(run_every=ROTATE or None)
def right_panel() -> None:
    rotate_through(
        "panel_rotating",
        [
            ("逾期整改最多的单位", lambda: panels.overdue_by_unit(rows_of, top=4)),
            ("评价等次分布", lambda: panels.grade_distribution(rows_of)),
        ],
    )


def wall_map() -> None:
    by_district = load("district_map", theme=None)
    points = load("town_points", theme=None)
    if by_district is None or points is None:
        return
    districts = mapview.districts_frame(by_district.set_index("district"), "projects", f.district, dark=True)
    deck = mapview.deck(
        districts,
        mapview.towns_frame(points),
        dark=True,
        view=mapframe.view(f.district),
        extra=(mapframe.label_layer(),),
        controller=False,  # a wall is watched, not driven: no pan, zoom or buttons
    )
    st.pydeck_chart(deck, height=700, key="wall_map")
    counts = by_district["projects"]
    draw.legend(float(counts.min()) if len(counts) else 0, float(counts.max()) if len(counts) else 0)


with st.container(key="wall_row", horizontal=True):
    with st.container(key="col_left"):
        rankings()
        panel("panel_rectification", "整改状态", lambda: panels.rectification_status(rows_of))
    with st.container(key="col_map"):
        panel("panel_map", "项目分布（区：项目数；点：街镇，大小为金额）", wall_map)
    with st.container(key="col_right"):
        panel("panel_monitoring", "运行监控信号灯", lambda: panels.monitoring(rows_of))
        right_panel()
        panel("panel_changes", "最新动态", lambda: panels.changes(rows_of, 3))
    # Spliced walls (32:9, 48:9): more panels side by side; frame.py's CSS shows them.
    with st.container(key="col_x1"):
        panel("panel_lowest", "得分最低的项目", lambda: panels.lowest_projects(rows_of, top=12))
    with st.container(key="col_x2"):
        panel("panel_categories", "各类别平均分", lambda: panels.category_ranking(rows_of))
        panel("panel_grades", "评价等次分布", lambda: panels.grade_distribution(rows_of))
    with st.container(key="col_x3"):
        panel("panel_units", "单位平均分排名", lambda: panels.unit_ranking(rows_of, top=6))
        panel("panel_overdue_units", "逾期整改最多的单位", lambda: panels.overdue_by_unit(rows_of))
    with st.container(key="col_x4"):
        panel("panel_overdue", "逾期整改清单", lambda: panels.overdue_items(rows_of))
        panel("panel_feed", "最新动态", lambda: panels.changes(rows_of, 4))
