"""总览: the lake at a glance — headline numbers, grades, lowest scores, documents and freshness."""

import plotly.express as px
import streamlit as st

import ui
from oversight.places import DISTRICTS

LOW_COLUMNS = {
    "year": st.column_config.NumberColumn("年度", format="%d"),
    "district": "区",
    "unit": "单位",
    "name": "项目名称",
    "amount_wan": st.column_config.NumberColumn("决算金额（万元）", format="%.2f"),
    "score": st.column_config.NumberColumn("评价分值", format="%.2f"),
    "grade": "等次",
}
DOC_COLUMNS = {
    "source_name": "文件",
    "doc_kind": "类型",
    "status": "状态",
    "records": "项目数",
    "district": "区",
    "year": st.column_config.NumberColumn("年度", format="%d"),
    "findings": "提示数",
    "messages": st.column_config.ListColumn("提示（字段与原文行）"),
}

st.title("绩效驾驶舱 · 总览")

with st.sidebar:
    years = [None, *range(2025, 2017, -1)]
    year = st.selectbox("年度", years, format_func=lambda y: "全部年度" if y is None else f"{y}年度", key="year")
    district = st.selectbox("区", [None, *DISTRICTS], format_func=lambda d: d or "全部区", key="district")

summary = ui.run("lake_summary", year=year, district=district).iloc[0]
if summary["documents"] == 0:
    st.info(
        "数据湖中还没有文档。在终端运行 `make run`（自动生成示例数据）或 `python -m oversight ingest 文件夹` 导入。"
    )
    st.stop()
if summary["has_demo"]:
    st.warning("示例数据：当前数据湖包含自动生成的演示文档，数字不代表真实情况。", icon="⚠️")

c = st.columns(5)
c[0].metric("评价项目", f"{summary['projects']:,}")
c[1].metric("决算金额", ui.wan_short(summary["amount_wan"]), help=ui.wan(summary["amount_wan"]))
c[2].metric("平均分", ui.score(summary["mean_score"]))
c[3].metric("金额加权平均分", ui.score(summary["weighted_score"]))
c[4].metric("“优”占比", ui.pct(summary["share_excellent"]))

left, right = st.columns([2, 3])
with left:
    st.subheader("等次分布")
    grades = ui.run("grade_distribution", year=year, district=district)
    if grades.empty:
        st.caption("没有符合条件的项目")
    else:
        fig = px.bar(grades, x="grade", y="projects", color="grade", color_discrete_map=ui.GRADE_COLORS,
                     labels={"grade": "等次", "projects": "项目数"}, text="projects")  # fmt: skip
        fig.update_layout(showlegend=False, height=320, margin={"t": 10, "b": 10})
        st.plotly_chart(fig, width="stretch")
with right:
    st.subheader("得分最低的项目")
    low = ui.run("projects", year=year, district=district, limit=10)
    if low.empty:
        st.caption("没有符合条件的项目")
    else:
        st.dataframe(low[list(LOW_COLUMNS)], column_config=LOW_COLUMNS, hide_index=True, width="stretch", height=320)

st.subheader("文档与数据新鲜度")
st.caption(
    f"最近导入：{summary['last_ingest']:%Y-%m-%d %H:%M}（上海时间） · 文档 {summary['documents']:,} 份 · "
    f"有提示 {summary['with_findings']:,} 份 · 已隔离 {summary['quarantined']:,} 份"
)
docs = ui.run("documents")
docs = docs.assign(status=docs["status"].map(ui.STATUS_ZH), doc_kind=docs["doc_kind"].map(ui.KIND_ZH))
st.dataframe(docs[list(DOC_COLUMNS)].head(500), column_config=DOC_COLUMNS, hide_index=True, width="stretch")
