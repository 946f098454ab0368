"""整改跟踪: every finding as problem → action → status, overdue first; by unit; export."""

import plotly.express as px
import streamlit as st

from dashboard import crumbs, exports, filters, followup, tables, ui
from oversight.store.export import csv_bytes, excel_bytes

PAGE = 200
STATUSES = [None, "overdue", "not_started", "planned", "in_progress", "done", "unknown"]
STATUS_LABEL = {None: "全部", "overdue": "逾期", **ui.RECT_ZH}

status_param = st.query_params.get("status")
if status_param not in STATUSES:
    status_param = None
# A followed link (the overview's 逾期 card) sets the status every time, not only in a new session.
if "rect_status" not in st.session_state or st.session_state.get("_rect_url") != status_param:
    st.session_state["rect_status"] = status_param
f = filters.sidebar(keep={"status": st.session_state["rect_status"]})
st.title("整改跟踪")
crumbs.breadcrumbs(f, __file__, extra={"status": st.session_state["rect_status"]})
st.caption("状态由整改情况文字推断，“依据”列是推断所依据的原文短语")

status = st.segmented_control("状态", STATUSES, key="rect_status", format_func=lambda s: STATUS_LABEL[s])
filters.write_url(f, {"status": status})
st.session_state["_rect_url"] = status
s = ui.run("lake_summary", **f.params()).iloc[0]
c = st.columns(3)
c[0].metric("未完成", f"{s['open_items']:,} 项")
c[1].metric("逾期", f"{s['overdue_items']:,} 项")
c[2].metric("涉及项目", f"{s['projects']:,} 个")

by_unit = ui.run("rectification_by_unit", **f.params())
if not by_unit.empty:
    st.subheader("各单位整改状态（未完成最多的 15 个单位）")
    top = by_unit[by_unit["unit"].isin(by_unit.drop_duplicates("unit").head(15)["unit"])].copy()
    top["状态"] = top["status"].map(ui.RECT_ZH)
    top["shown"] = ui.chart_text(top["unit"])  # Plotly would draw <a href> in a unit's name as a link
    unit_of = dict(zip(top["shown"], top["unit"], strict=True))

    def pick_unit() -> None:
        points = st.session_state["unit_chart"].selection["points"]
        if points:
            filters.set_filters(unit=unit_of.get(points[0]["y"]))

    fig = px.bar(
        top,
        x="items",
        y="shown",
        color="状态",
        orientation="h",
        color_discrete_map=ui.RECT_COLORS,
        category_orders={"状态": list(ui.RECT_COLORS)},
        labels={"items": "事项数", "shown": ""},
    )
    fig.update_layout(
        height=80 + 28 * top["unit"].nunique(),
        margin={"t": 10, "b": 10},
        yaxis={"autorange": "reversed"},
        legend={"orientation": "h", "y": 1.08, "title": None},
    )
    ui.plot(fig, key="unit_chart", on_select=pick_unit, selection_mode="points")

st.subheader("整改事项")
first = ui.run("rectification_items", **f.params(), status=status, limit=1)
total = int(first["total"].iloc[0]) if not first.empty else 0
page = tables.pager(total, PAGE, "rect_page", unit="项")
items = ui.run("rectification_items", **f.params(), status=status, limit=PAGE, offset=(page - 1) * PAGE)
if not ui.empty(items, "没有符合条件的整改事项"):
    items["状态"] = items["status"].map(ui.RECT_ZH)
    # What a decision needs first, pinned: status, due date, the red 逾期 tag, the project's score and grade.
    columns = {
        "状态": st.column_config.TextColumn("状态", pinned=True, width="small"),
        "due_date": st.column_config.DateColumn("期限", format="YYYY-MM-DD", pinned=True, width="small"),
        "overdue": st.column_config.CheckboxColumn("逾期", pinned=True, width="small"),
        "score": st.column_config.NumberColumn("评价分值", format="%.2f", pinned=True, width="small"),
        "grade": st.column_config.TextColumn("等次", pinned=True, width="small"),
        "project": st.column_config.TextColumn("项目", width="medium"),
        "unit": st.column_config.TextColumn("单位", width="medium"),
        "year": st.column_config.NumberColumn("年度", format="%d", width="small"),
        "problem": st.column_config.TextColumn("问题", width="medium"),
        "action": st.column_config.TextColumn("整改措施", width="large"),
        "evidence": "依据",
        "来源": st.column_config.TextColumn("状态来源", help="原文：由整改情况文字推断；更新：由工作人员更新"),
        "updated_by": "更新人",
        "updated_at": st.column_config.DatetimeColumn("更新时间", format="YYYY-MM-DD HH:mm"),
        "note": st.column_config.TextColumn("说明", width="medium"),
    }
    items["来源"] = items["state_source"].map({"document": "原文", "update": "更新"})
    if (row := ui.pick_row(items, columns, "items_table")) is not None:
        ui.open_project(row["project_id"])
    followup.form(items, "rect")

    keep = {
        "year": "年度",
        "district": "区",
        "town": "街镇",
        "unit": "单位",
        "project": "项目",
        "score": "评价分值",
        "grade": "等次",
        "seq": "序号",
        "problem": "问题",
        "action": "整改措施",
        "status": "状态",
        "evidence": "依据",
        "due_date": "期限",
        "overdue": "逾期",
        "updated_by": "更新人",
        "updated_at": "更新时间",
        "note": "说明",
    }
    query = exports.rows("rectification_items", **f.params(), status=status)

    def export():  # built when the button is pressed, never on a rerun
        rows = query()
        return rows.assign(status=rows["status"].map(ui.RECT_ZH))[list(keep)].rename(columns=keep)

    what = "整改事项" + (f"_{STATUS_LABEL[status]}" if status else "")
    d1, d2 = st.columns(2)
    d1.download_button(
        "导出 CSV", lambda: csv_bytes(export()), exports.file_name(what, f, "csv"), "text/csv", on_click="ignore"
    )
    d2.download_button(
        "导出 Excel",
        lambda: excel_bytes(export(), "整改事项"),
        exports.file_name(what, f, "xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
    )
