"""项目详情: every field, the 整改 items, other years, and the source text with each value's lines marked."""

import json

import pandas as pd
import streamlit as st

from dashboard import crumbs, filters, followup, review, ui

RANKING = "dashboard/pages/ranking.py"  # where a breadcrumb above a project leads
project_id = st.query_params.get("id")
f = filters.sidebar(keep={"id": project_id})
st.title("项目详情")

if not project_id:
    choices = ui.run("projects", **f.params(), order="desc", limit=1000)
    if ui.empty(choices):
        st.stop()
    labels = dict(
        zip(
            choices["project_id"],
            choices["year"].astype(str) + "年 · " + choices["name"] + " · " + choices["unit"].fillna(""),
            strict=True,
        )
    )
    pick = st.selectbox("选择项目（可输入搜索）", [None, *labels], format_func=lambda p: labels.get(p, "—"))
    if pick:
        ui.open_project(pick)
    st.stop()

detail = ui.run("project_detail", id=project_id)
tracked = ui.run("monitoring_detail", id=project_id)
if detail.empty and tracked.empty:
    st.info("没有找到这个项目（链接可能已过期，或项目已被新的文档替换）。")
    st.stop()
row = (detail if not detail.empty else tracked).iloc[0]
place = {k: row[k] if isinstance(row[k], str) else None for k in ("district", "town", "unit")}
crumbs.breadcrumbs(filters.Filters(years=f.years, **place), RANKING, project=row["name"], caption=False)
st.subheader(ui.md_text(row["name"]), anchor=False)
st.caption(
    " · ".join(
        ui.md_text(x)
        for x in (row["district"], row["town"], row["unit"], f"{row['year']}年度")
        if x is not None and not pd.isna(x)
    )
)
if row.get("demo"):
    st.warning("示例数据（自动生成的演示文档）")

if not detail.empty:
    c = st.columns(4)
    c[0].metric("评价分值", ui.score(row["score"]))
    # The stated grade; without one, the score's band, labelled as derived (docs/LAKE.md effective_grade).
    derived = f"{row['effective_grade']}（按分值）" if row["effective_grade"] else "未写明"
    c[1].metric("等次", ui.md_text(row["grade"]) or derived, help=f"按分值应为：{row['grade_by_score'] or '—'}")
    c[2].metric("决算金额（万元）", f"{row['amount_wan']:,.2f}" if row["amount_wan"] == row["amount_wan"] else "—")
    has_rect = bool(row["rectification"])
    c[3].metric("整改", ui.RECT_ZH.get(row["rectification_status"], "—") if has_rect else "无整改情况")
    facts = {
        "类别": ui.CATEGORY_ZH.get(row["category"], row["category"]),
        "主题": "、".join(ui.CATEGORY_ZH.get(t, t) for t in row["themes"]),
        "评价方式": ui.EVAL_TYPE_ZH.get(row["eval_type"]),
        "主管部门": row["department"],
        "评价机构": row["evaluator"],
        "预算数（万元）": row["budget_wan"],
        "执行数（万元）": row["executed_wan"],
        "执行率": ui.pct(row["execution_rate"]) if row["execution_rate"] == row["execution_rate"] else None,
        "评价结论": row["conclusion"],
        "项目编号": row["project_id"],
    }
    st.dataframe(
        pd.DataFrame({"字段": list(facts), "值": [("—" if v is None or v != v else str(v)) for v in facts.values()]}),
        hide_index=True,
    )
    ui.reading_confidence(row.get("field_confidence"))
    review.on_project(ui.run("review_queue", project_id=project_id, state="all"))
    others = ui.run("project_evaluations", id=project_id)
    if len(others) > 1:  # a self-evaluation beside the independent one, or a revised evaluation
        st.markdown("#### 本项目的各次评价")
        st.caption("默认显示独立评价（财政、部门评价先于单位自评），同类评价取文档日期最新者；单位自评列于旁。")
        st.dataframe(
            pd.DataFrame(
                {
                    "评价方式": [ui.EVAL_TYPE_ZH.get(t, "未写明") for t in others["eval_type"]],
                    "评价分值": others["score"],
                    "等次": [g if isinstance(g, str) else "—" for g in others["grade"]],
                    "文档日期": others["stated_on"].dt.date,
                    "默认显示": ["是" if s else "" for s in others["shown"]],
                    "本页": ["←" if p == project_id else "" for p in others["project_id"]],
                }
            ),
            hide_index=True,
        )
    for label, column in (
        ("主要绩效", "achievements"),
        ("存在问题", "problems"),
        ("整改建议", "suggestions"),
        ("整改情况", "rectification"),
    ):
        with st.expander(label, expanded=column != "achievements"):
            ui.source_text(row[column])

    st.markdown("#### 整改事项")
    items = ui.run("project_items", id=project_id, today=filters.today())
    if not ui.empty(items, "原文没有整改情况"):
        followup.form(items.assign(project=row["name"]), "project")
        items["状态"] = items["status"].map(ui.RECT_ZH) + items["state_source"].map(
            {"document": "（原文）", "update": "（已更新）"}
        )
        ui.table(
            items,
            {
                "seq": "序号",
                "状态": "状态",
                "due_date": st.column_config.DateColumn("期限", format="YYYY-MM-DD"),
                "overdue": st.column_config.CheckboxColumn("逾期"),
                "problem": "问题",
                "action": "整改措施",
                "evidence": "依据",
                "note": "说明",
                "updated_by": "更新人",
                "updated_at": st.column_config.DatetimeColumn("更新时间", format="YYYY-MM-DD HH:mm"),
            },
        )
        with st.expander("事项的更新记录"):
            seq = st.selectbox("事项", list(items["seq"]), format_func=lambda q: f"第{q}项", key="history_seq")
            followup.history(items.loc[items["seq"] == seq, "item_id"].iloc[0])

    history = ui.run("project_history", id=project_id)
    st.markdown("#### 同一项目的其他年度")
    others = history[history["project_id"] != project_id]
    if ui.empty(others, "没有其他年度的记录"):
        pass
    else:
        history_columns = {
            "year": st.column_config.NumberColumn("年度", format="%d"),
            "name": "项目名称",
            "amount_wan": st.column_config.NumberColumn("决算金额（万元）", format="%.2f"),
            "score": st.column_config.NumberColumn("评价分值", format="%.2f"),
            "grade": "等次",
        }
        if (picked := ui.pick_row(others, history_columns, "history")) is not None:
            ui.open_project(picked["project_id"])

if not tracked.empty:
    st.markdown("#### 运行监控")
    t = tracked.assign(信号灯=tracked["light"].map(ui.LIGHT_ZH))
    ui.table(
        t,
        {
            "period_end": st.column_config.DateColumn("截至", format="YYYY-MM-DD"),
            "信号灯": "信号灯",
            "budget_initial_wan": st.column_config.NumberColumn("年初预算（万元）", format="%.2f"),
            "budget_wan": st.column_config.NumberColumn("当年预算（万元）", format="%.2f"),
            "executed_wan": st.column_config.NumberColumn("执行数（万元）", format="%.2f"),
            "execution_rate": st.column_config.NumberColumn("执行率", format="percent"),
            "light_rule": "判定依据",
            "conclusion": "跟踪结论",
        },
    )

st.markdown("#### 原文")
source = row
lines = ui.run("source_lines", doc_id=source["doc_id"])
if ui.empty(lines, "原文未保存"):
    st.stop()
fields = json.loads(source["field_lines"] or "{}")
FIELD_ZH = {
    "name": "项目名称",
    "amount_wan": "决算金额",
    "score": "评价分值",
    "grade": "评价等次",
    "conclusion": "评价结论",
    "achievements": "主要绩效",
    "problems": "存在问题",
    "suggestions": "整改建议",
    "rectification": "整改情况",
    "unit": "单位",
    "period": "跟踪时段",
    "budget_wan": "当年预算数",
    "executed_wan": "预算执行数",
    "execution_rate": "预算执行进度",
    "town": "街镇名称",
    "department": "主管部门",
    "budget_initial_wan": "年初预算数",
    "rate_weight": "执行率分值",
    "rate_score": "执行率得分",
    "evaluator": "评价机构",
    "eval_type": "评价方式",
    "year": "年度",
    "district": "区",
    "recurring": "是否经常性项目",
    "budget_adjusted_wan": "调整后预算数",
    "adjust_down_wan": "调减金额",
    "adjust_up_wan": "调增金额",
    "pre_assessment_wan": "事前评估预算",
    "needs_adjustment": "是否需要预算调整",
    "focus_reason": "重点跟踪理由",
    "budget_outlook": "预算完成可能性",
    "goal_outlook": "目标完成可能性",
    "implementer": "具体实施",
}
marks: dict[int, list[str]] = {}
for field, line_nos in fields.items():
    for n in line_nos:
        marks.setdefault(n, []).append(FIELD_ZH.get(field, field))
st.caption(f"文件：{ui.md_text(lines['source_name'].iloc[0])} · 标记的行是本项目各字段的来源")
whole = st.toggle("显示全文", value=False)
lo, hi = int(source["line_no"]) - 3, int(source["line_end"]) + 3
shown = lines if whole else lines[(lines["line_no"] >= lo) & (lines["line_no"] <= hi)]
shown = shown.assign(字段=shown["line_no"].map(lambda n: "、".join(marks.get(n, []))))[["ref", "字段", "text"]]
styled = shown.style.apply(lambda r: ["background-color: #fff3bf" if r["字段"] else "" for _ in r], axis=1)
st.dataframe(
    styled, hide_index=True, column_config={"ref": "位置", "text": st.column_config.TextColumn("原文", width="large")}
)
messages = list(lines["messages"].iloc[0] if lines["messages"].iloc[0] is not None else [])
if messages:
    with st.expander(f"该文档的提示（{len(messages)} 条）"):
        for m in messages:
            ui.source_text(m)
