"""总览: headline numbers, grades, scores by year, the lowest scores, 整改 and lights, freshness."""

import streamlit as st

from dashboard import charts, crumbs, filters, heat, ui

f = filters.sidebar(latest=True)
st.title("绩效驾驶舱 · 总览")
crumbs.breadcrumbs(f, __file__)
s = ui.run("lake_summary", **f.params()).iloc[0]
if s["documents"] == 0:
    st.info("数据湖中还没有文档。在终端运行 `make run`（自动生成示例数据），或在“数据管理”页上传文档。")
    st.stop()
ui.demo_banner(s["has_demo"])

money = ui.run("overview_money", **f.params()).iloc[0]
# The change from the year before, when one year is chosen (several years have no "before").
before = None
if len(f.years) == 1:
    prev = ui.run("lake_summary", **{**f.params(), "years": [f.years[0] - 1]}).iloc[0]
    before = prev if prev["projects"] or prev["tracked"] else None


def change(key: str, fmt=lambda v: f"{v:+,.0f}") -> dict:
    if before is None:
        return {}
    return ui.delta(s[key], before[key], fmt)


def card(
    col, label: str, value: str, link: tuple[str, dict] | None = None, since: dict | None = None, **kwargs
) -> None:
    """A metric that is also the way to its list (the link keeps the filters); `since`: change()'s
    arguments, after the card's own colours ("no change" turns them off)."""
    col.metric(label, value, **{**kwargs, **(since or {})})
    if link:
        page, extra = link
        col.page_link(page, label="查看清单 →", query_params={**f.url(), **extra})


RANKING, RECT, MONITOR = (
    "dashboard/pages/ranking.py",
    "dashboard/pages/rectification.py",
    "dashboard/pages/monitoring.py",
)
bad_up = {"delta_color": "inverse"}  # more 整改 or red lights is worse
row = st.columns(4)
card(row[0], "评价项目", f"{s['projects']:,}", (RANKING, {}), since=change("projects"))
card(
    row[1],
    "决算金额",
    ui.wan_short(s["amount_wan"]),
    (RANKING, {}),
    help=ui.wan(s["amount_wan"]),
    since=change("amount_wan", lambda v: f"{v:+,.2f} 万元"),
)
card(row[2], "平均分", ui.score(s["mean_score"]), (RANKING, {}), since=change("mean_score", lambda v: f"{v:+.2f} 分"))
card(row[3], "金额加权平均分", ui.score(s["weighted_score"]), since=change("weighted_score", lambda v: f"{v:+.2f} 分"))
row = st.columns(4)
card(
    row[0],
    "预算执行率",
    ui.pct(money["budget_execution"]),
    help=f"执行数之和 ÷ 预算数之和（按金额加权），{int(money['with_budget']):,} 个项目写明了两者",
)
card(
    row[1],
    "优良资金占比",
    ui.pct(money["money_good"]),
    (RANKING, {}),
    help=f"决算金额中评为优、良的比例；中、差占 {ui.pct(money['money_poor'])}（不含无等次的项目）",
)
card(row[2], "“优”占比", ui.pct(s["share_excellent"]), (RANKING, {"grade": "优"}))
card(
    row[3],
    "文档",
    f"{s['documents']:,} 份",
    help=f"全部文档，不随筛选变化；有提示 {s['with_findings']:,} 份，已隔离 {s['quarantined']:,} 份",
)
row = st.columns(4)
card(row[0], "未完成整改", f"{s['open_items']:,} 项", (RECT, {}), since=change("open_items"), **bad_up)
card(
    row[1],
    "逾期整改",
    f"{s['overdue_items']:,} 项",
    (RECT, {"status": "overdue"}),
    since=change("overdue_items"),
    help="有承诺期限、期限已过且未完成的整改事项",
    **bad_up,
)
card(row[2], "跟踪监控项目", f"{s['tracked']:,}", (MONITOR, {}))
card(
    row[3],
    "红灯",
    f"{s['red_lights']:,}",
    (MONITOR, {"light": "red"}),
    since=change("red_lights"),
    help="执行率落后序时进度超过10个百分点等，见“运行监控”",
    **bad_up,
)
# 人工核对: how much of what this page counts rests on values nobody has checked yet.
checks = ui.run("review_counts", **f.params()).iloc[0]
if checks["open_values"]:
    st.caption(
        f"待核对：{int(checks['open_values']):,} 个数值尚未人工核对；含待核对数值的项目金额 "
        f"{ui.wan_short(checks['money_unconfirmed_wan'])}，占 {ui.pct(checks['share_unconfirmed'])}。"
    )
    st.page_link("dashboard/pages/review.py", label="去核对 →", query_params=f.url())


def pick_grade() -> None:
    grade = st.session_state["grade_pick"]
    filters.set_filters(grade=grade if grade != "未写明" else None)


def pick_year() -> None:
    year = st.session_state["year_pick"]
    filters.set_filters(years=(year,) if year else ())  # un-picking the year shows every year


left, right = st.columns(2)
with left:
    st.subheader("等次分布")
    grades = ui.run("grade_distribution", **f.params())
    if not ui.empty(grades):
        st.html(charts.grade_bars_html(grades))  # native: drawn before Plotly's code has loaded
        shown = [g for g in grades["grade"] if g != "未写明"]
        st.session_state["grade_pick"] = f.grade if f.grade in shown else None
        st.pills("只看等次", shown, key="grade_pick", on_change=pick_grade, label_visibility="collapsed")
        if derived := int(grades["derived"].sum()):
            st.caption(f"其中 {derived:,} 个项目未写明等次，按分值归入（≥90 优，≥80 良，≥60 中）。")
with right:
    st.subheader("历年得分")
    # Every year, whatever years are chosen: one chosen year would shrink the trend to a dot.
    years = ui.run("score_by_year", **{**f.params(), "years": None})
    if not ui.empty(years):
        st.html(charts.year_lines_html(years))  # native, like the bars: no Plotly on the first page
        shown_years = [int(y) for y in years["year"]]
        st.session_state["year_pick"] = f.years[0] if len(f.years) == 1 and f.years[0] in shown_years else None
        st.pills("只看年度", shown_years, key="year_pick", on_change=pick_year, label_visibility="collapsed")
        st.caption("历年走势不随年度筛选变化（其他筛选条件适用）；点一个年度只看该年度，再点一次看全部年度。")

st.subheader("各区对比")
by_district = ui.run("district_measures", **f.params())
if not ui.empty(by_district):
    heat.table(by_district, f)

st.subheader("得分最低的项目")
low = ui.run("projects", **f.params(), limit=10)
if not ui.empty(low):
    if (row := ui.pick_row(low, ui.PROJECT_COLUMNS, "lowest")) is not None:
        ui.open_project(row["project_id"])
    st.caption("点击一行查看项目详情与原文。")

last = s["last_ingest"]
st.caption(
    f"数据更新：{last:%Y-%m-%d %H:%M}（上海时间） · 数据湖版本 {ui.version()} · 文档 {s['documents']:,} 份 · "
    f"有提示 {s['with_findings']:,} 份 · 已隔离 {s['quarantined']:,} 份（详见“数据管理”）"
)
