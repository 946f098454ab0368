"""评分排名: projects, units and categories ranked; a click opens a project or narrows to a unit."""

import plotly.express as px
import streamlit as st

from dashboard import filters, theme, ui

PAGE = 100  # rows per page: a selectable table loads all its rows at once

f = filters.sidebar()
st.title("评分排名")
st.caption(f"范围：{f.label()}")
tab_projects, tab_units, tab_categories = st.tabs(["项目排名", "单位排名", "类别排名"])

with tab_projects:
    order = st.segmented_control(
        "排序",
        ["asc", "desc"],
        default="asc",
        key="order",
        format_func=lambda o: "得分由低到高" if o == "asc" else "得分由高到低",
    )
    total = int(ui.run("lake_summary", **f.params()).iloc[0]["projects"])
    pages = max(1, -(-total // PAGE))
    page = st.number_input(f"页码（共 {pages} 页，{total:,} 个项目）", 1, pages, 1, key="page") if pages > 1 else 1
    projects = ui.run("projects", **f.params(), order=order or "asc", limit=PAGE, offset=(page - 1) * PAGE)
    if not ui.empty(projects):
        projects.insert(0, "rank", range((page - 1) * PAGE + 1, (page - 1) * PAGE + 1 + len(projects)))
        columns = {"rank": st.column_config.NumberColumn("名次", format="%d"), **ui.PROJECT_COLUMNS}
        if (row := ui.pick_row(projects, columns, "project_table")) is not None:
            ui.open_project(row["project_id"])
        st.caption("点击一行打开项目详情。")

with tab_units:
    units = ui.run("unit_ranking", **f.params())
    if not ui.empty(units):
        columns = {
            "unit": "单位",
            "district": "区",
            "projects": "项目数",
            "amount_wan": st.column_config.NumberColumn("决算金额（万元）", format="%.2f"),
            "mean_score": st.column_config.NumberColumn("平均分", format="%.2f"),
            "weighted_score": st.column_config.NumberColumn("金额加权平均分", format="%.2f"),
            "lowest_score": st.column_config.NumberColumn("最低分", format="%.2f"),
            "latest_year": st.column_config.NumberColumn("最近年度", format="%d"),
            "change_from_last_year": st.column_config.NumberColumn(
                "较上年", format="%+.2f", help="最近年度平均分减上一年度"
            ),
        }
        if (row := ui.pick_row(units, columns, "unit_table")) is not None:
            filters.set_filters(unit=row["unit"])
            st.rerun()
        st.caption("点击一行只看该单位。")

with tab_categories:
    cats = ui.run("category_ranking", **f.params())
    if not ui.empty(cats):
        cats["类别"] = cats["category"].map(ui.CATEGORY_ZH)

        def pick_category() -> None:
            points = st.session_state["category_chart"].selection["points"]
            if points:
                label = points[0]["y"]
                code = next((c for c, z in ui.CATEGORY_ZH.items() if z == label), None)
                filters.set_filters(category=code)

        fig = px.bar(
            cats,
            x="mean_score",
            y="类别",
            orientation="h",
            text="mean_score",
            hover_data={"projects": True, "amount_wan": ":,.2f", "weighted_score": True},
            labels={
                "mean_score": "平均分",
                "projects": "项目数",
                "amount_wan": "决算金额（万元）",
                "weighted_score": "金额加权平均分",
            },
        )
        fig.update_traces(marker_color=[theme.grade_color(v) for v in cats["mean_score"]])  # the grade it earns
        fig.update_layout(height=60 + 36 * len(cats), margin={"t": 10, "b": 10}, yaxis={"autorange": "reversed"})
        fig.update_xaxes(range=[min(60, cats["mean_score"].min() - 5), 100])
        ui.plot(fig, key="category_chart", on_select=pick_category, selection_mode="points")
        st.caption("点击一个类别只看该类别的项目。")
