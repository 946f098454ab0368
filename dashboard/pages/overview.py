"""总览: headline numbers, grades, scores by year, the lowest scores, 整改 and lights, freshness."""

import plotly.express as px
import streamlit as st

from dashboard import filters, ui

f = filters.sidebar()
st.title("绩效驾驶舱 · 总览")
st.caption(f"范围：{f.label()}")
s = ui.run("lake_summary", **f.params()).iloc[0]
if s["documents"] == 0:
    st.info("数据湖中还没有文档。在终端运行 `make run`（自动生成示例数据），或在“数据管理”页上传文档。")
    st.stop()
ui.demo_banner(s["has_demo"])

row = st.columns(5)
row[0].metric("评价项目", f"{s['projects']:,}")
row[1].metric("决算金额", ui.wan_short(s["amount_wan"]), help=ui.wan(s["amount_wan"]))
row[2].metric("平均分", ui.score(s["mean_score"]))
row[3].metric("金额加权平均分", ui.score(s["weighted_score"]))
row[4].metric("“优”占比", ui.pct(s["share_excellent"]))
row = st.columns(5)
row[0].metric("未完成整改", f"{s['open_items']:,} 项")
row[1].metric("逾期整改", f"{s['overdue_items']:,} 项", help="有承诺期限、期限已过且未完成的整改事项")
row[2].metric("跟踪监控项目", f"{s['tracked']:,}")
row[3].metric("红灯", f"{s['red_lights']:,}", help="执行率落后序时进度超过10个百分点等，见“运行监控”")
row[4].metric(
    "文档", f"{s['documents']:,} 份", help=f"有提示 {s['with_findings']:,} 份，已隔离 {s['quarantined']:,} 份"
)


def pick_grade() -> None:
    points = st.session_state["grade_chart"].selection["points"]
    if points:
        filters.set_filters(grade=points[0]["x"] if points[0]["x"] != "未写明" else None)


def pick_year() -> None:
    points = st.session_state["year_chart"].selection["points"]
    if points:
        filters.set_filters(years=(int(points[0]["x"]),))


left, right = st.columns(2)
with left:
    st.subheader("等次分布")
    grades = ui.run("grade_distribution", **f.params())
    if not ui.empty(grades):
        fig = px.bar(
            grades,
            x="grade",
            y="projects",
            color="grade",
            color_discrete_map=ui.GRADE_COLORS,
            text="projects",
            labels={"grade": "等次", "projects": "项目数", "derived": "其中未写明等次、按分值归入"},
            hover_data={"amount_wan": ":,.2f", "derived": True},
        )
        fig.update_layout(showlegend=False, height=300, margin={"t": 10, "b": 10})
        ui.plot(fig, key="grade_chart", on_select=pick_grade, selection_mode="points")
        if derived := int(grades["derived"].sum()):
            st.caption(f"其中 {derived:,} 个项目未写明等次，按分值归入（≥90 优，≥80 良，≥60 中）。")
with right:
    st.subheader("历年得分")
    years = ui.run("score_by_year", **f.params())
    if not ui.empty(years):
        fig = px.line(
            years,
            x="year",
            y=["mean_score", "weighted_score"],
            markers=True,
            labels={"year": "年度", "value": "分", "variable": ""},
        )
        fig.for_each_trace(lambda t: t.update(name={"mean_score": "平均分", "weighted_score": "金额加权"}[t.name]))
        fig.update_layout(height=300, margin={"t": 10, "b": 10}, legend={"orientation": "h", "y": 1.1})
        fig.update_xaxes(dtick=1)
        ui.plot(fig, key="year_chart", on_select=pick_year, selection_mode="points")

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
