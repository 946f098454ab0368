"""运行监控: execution against time elapsed (序时进度), red/yellow/green with the rule, cuts, outlooks."""

import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from dashboard import crumbs, filters, tables, ui
from oversight.domain import standards

LIGHTS = [None, "red", "yellow", "green"]
PAGE = 200  # rows per page of the table
light_param = st.query_params.get("light")
light_param = light_param if light_param in LIGHTS else None
# A followed link (the overview's 红灯 card) sets the light every time, not only in a new session.
if "light_pick" not in st.session_state or st.session_state.get("_light_url") != light_param:
    st.session_state["light_pick"] = light_param
f = filters.sidebar(keep={"light": st.session_state["light_pick"]})
st.title("运行监控")
crumbs.breadcrumbs(f, __file__, caption=False)
st.caption(
    f"范围：{f.label()} · 规则：执行率不低于序时进度为绿灯；落后 {-standards.LIGHT_YELLOW_GAP:.0%} 以内为黄灯；"
    f"落后更多、9月30日后执行率低于 {standards.LIGHT_LATE_RED_RATE:.0%}、或完成可能性为“确定不能完成”为红灯"
)
light = st.segmented_control("信号灯", LIGHTS, key="light_pick", format_func=lambda x: ui.LIGHT_ZH.get(x, "全部"))
filters.write_url(f, {"light": light})
st.session_state["_light_url"] = light
rows = ui.run("monitoring_lights", **f.params())
if ui.empty(rows, "没有符合条件的跟踪监控项目"):
    st.stop()
counts = rows["light"].value_counts()
c = st.columns(4)
for col, key in zip(c, ["red", "yellow", "green"], strict=False):
    col.metric(ui.LIGHT_ZH[key], f"{counts.get(key, 0):,}")
c[3].metric(
    "预算调减超过一半",
    f"{int(rows['cut_over_half'].sum()):,}",
    help="调减金额超过年初预算的一半：执行率按调减后的预算计算，需对照年初预算看",
)

shown = rows if light is None else rows[rows["light"] == light]
shown = shown.assign(信号灯=shown["light"].map(ui.LIGHT_ZH))
fig = px.scatter(
    shown.assign(**{c: ui.chart_text(shown[c]) for c in ("name", "unit", "light_rule")}),  # Plotly reads tags
    x="time_elapsed",
    y="execution_rate",
    color="信号灯",
    color_discrete_map={ui.LIGHT_ZH[k]: v for k, v in ui.LIGHT_COLORS.items()},
    hover_name="name",
    hover_data={"unit": True, "period_end": True, "light_rule": True},
    labels={
        "time_elapsed": "序时进度",
        "execution_rate": "执行率",
        "unit": "单位",
        "period_end": "截至",
        "light_rule": "判定",
    },
)
fig.add_trace(
    go.Scatter(x=[0, 1], y=[0, 1], mode="lines", line={"dash": "dot", "color": "#888"}, name="执行率 = 序时进度")
)
fig.update_layout(height=380, margin={"t": 10, "b": 10}, xaxis_tickformat=".0%", yaxis_tickformat=".0%")
ui.plot(fig, key="lights_chart")

columns = {
    "信号灯": "信号灯",
    "name": "项目",
    "unit": "单位",
    "period_end": st.column_config.DateColumn("截至", format="YYYY-MM-DD"),
    "budget_wan": st.column_config.NumberColumn("当年预算（万元）", format="%.2f"),
    "executed_wan": st.column_config.NumberColumn("执行数（万元）", format="%.2f"),
    "execution_rate": st.column_config.NumberColumn("执行率", format="percent"),
    "time_elapsed": st.column_config.NumberColumn("序时进度", format="percent"),
    "light_rule": st.column_config.TextColumn("判定依据", width="large"),
    "conclusion": "跟踪结论",
    "budget_outlook": "预算完成可能性",
    "goal_outlook": "目标完成可能性",
    "cut_share": st.column_config.NumberColumn("调减占年初", format="percent"),
    "cut_over_half": st.column_config.CheckboxColumn("调减过半"),
}
# A page of rows at a time, red first (the query's order): 20,000 tracked projects in one table were
# more cells than the table's colouring takes, and the page failed.
page = tables.pager(len(shown), PAGE, "monitor_page")
ui.table(shown.iloc[(page - 1) * PAGE : page * PAGE], columns)
