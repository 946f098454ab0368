"""评分排名: projects, units and categories ranked; a click opens a project or narrows to a unit."""

import plotly.express as px
import streamlit as st

from dashboard import crumbs, filters, rowtable, tables, theme, ui

PAGE = 100  # rows per page: an HTML table holds all its rows

# The tabs track which is open, so only the open tab is computed and drawn: a second table or the
# category chart (Plotly, slow to load in a new tab) would delay every first paint of the ranking.
# The open tab is in the URL (?tab=units), so a copied link opens the same list, and Back (a URL that
# differs from the one last written) reopens the tab it names, as with the filters.
TABS = {"projects": "项目排名", "units": "单位排名", "categories": "类别排名"}
asked = st.query_params.get("tab", "")
if "ranking_tab" not in st.session_state or asked != st.session_state.get("_tab_url", asked):
    st.session_state["ranking_tab"] = TABS.get(asked, TABS["projects"])
open_tab = next(code for code, label in TABS.items() if label == st.session_state["ranking_tab"])
in_url = None if open_tab == "projects" else open_tab
st.session_state["_tab_url"] = in_url or ""
f = filters.sidebar(keep={"tab": in_url})
st.title("评分排名")
crumbs.breadcrumbs(f, __file__, extra={"tab": in_url} if in_url else None)
tab_projects, tab_units, tab_categories = st.tabs(list(TABS.values()), key="ranking_tab", on_change="rerun")
RANK = st.column_config.NumberColumn("名次", format="%d", pinned=True, width="small", help="1 = 得分最高")

if tab_projects.open:
    with tab_projects:
        # 名次 counts from the best (1 = the highest score) whichever way the list runs.
        lowest_first = st.toggle(
            "从低到高", key="projects_lowest_first", help="先列出得分最低的项目；名次不变", persist_state="page"
        )
        total = int(ui.run("lake_summary", **f.params()).iloc[0]["projects"])
        page = tables.pager(total, PAGE, "page", persist_state="page")
        order = "asc" if lowest_first else "desc"
        projects = ui.run("projects", **f.params(), order=order, limit=PAGE, offset=(page - 1) * PAGE)
        if not ui.empty(projects):
            columns = {
                "rank": RANK,
                "score": st.column_config.NumberColumn("评价分值", format="%.2f", pinned=True, width="small"),
                "grade": st.column_config.TextColumn("等次", pinned=True, width="small"),
                **{k: v for k, v in ui.PROJECT_COLUMNS.items() if k not in ("score", "grade")},
            }
            if (row := rowtable.draw(projects, columns, "project_table", "project_id")) is not None:
                ui.open_project(row["project_id"])
            st.caption(
                "名次按评价分值由高到低计（1 = 最高；分值缺失或超出 0–100 的项目不排名）。点击一行打开项目详情。"
            )

if tab_units.open:
    with tab_units:
        units = ui.run("unit_ranking", **f.params())
        if not ui.empty(units):
            c1, c2 = st.columns([1, 3])
            least = int(
                c1.number_input(
                    "最少项目数",
                    1,
                    100,
                    3,
                    key="unit_min_projects",
                    help="项目太少的单位平均分不稳，不参与排名",
                    persist_state="page",
                )
            )
            units_lowest_first = c2.toggle(
                "从低到高", key="units_lowest_first", help="先列出平均分最低的单位；名次不变", persist_state="page"
            )
            ranked = units[(units["projects"] >= least) & units["mean_score"].notna()].copy()
            ranked.insert(0, "rank", ranked["mean_score"].rank(ascending=False, method="min").astype(int))
            ranked = ranked.sort_values(["rank", "projects"], ascending=[not units_lowest_first, False])
            left_out = len(units) - len(ranked)
            st.caption(
                f"参与排名：项目数不少于 {least} 个的 {len(ranked):,} 个单位"
                + (f"；另有 {left_out:,} 个单位项目数不足或没有有效分值，未排名" if left_out else "")
                + "。名次按平均分由高到低计（1 = 最高）。"
            )
            columns = {
                "rank": RANK,
                "mean_score": st.column_config.NumberColumn("平均分", format="%.2f", pinned=True, width="small"),
                "unit": st.column_config.TextColumn("单位", pinned=True, width="large"),
                "projects": st.column_config.NumberColumn("项目数", format="%d", width="small"),
                "district": "区",
                "amount_wan": st.column_config.NumberColumn("决算金额（万元）", format="%.2f"),
                "weighted_score": st.column_config.NumberColumn("金额加权平均分", format="%.2f"),
                "lowest_score": st.column_config.NumberColumn("最低分", format="%.2f"),
                "latest_year": st.column_config.NumberColumn("最近年度", format="%d"),
                "change_from_last_year": st.column_config.NumberColumn(
                    "较上年", format="%+.2f", help="最近年度平均分减上一年度"
                ),
            }
            if not ui.empty(ranked, f"没有项目数不少于 {least} 个的单位；可调低“最少项目数”。"):
                row = rowtable.draw(ranked, columns, "unit_table", "unit")
                if row is not None and row["unit"] != f.unit:  # the same unit again: nothing to narrow
                    filters.set_filters(unit=row["unit"])
                    st.rerun()
                st.caption("点击一行只看该单位。")

with tab_categories:
    cats = ui.run("category_ranking", **f.params()) if tab_categories.open else None
    if cats is not None and not ui.empty(cats):
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
