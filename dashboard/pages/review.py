"""待核对 (人工核对): every value the reader was unsure of, every plausibility finding and every document
that stated no values, the most money at stake first; an editor confirms or corrects, with a note."""

import streamlit as st

from dashboard import filters, review, ui

asked = st.query_params.get("review")  # a link to one entry (the project page's 去核对)
f = filters.sidebar(keep={"review": asked} if asked else None)
st.title("待核对")
user = ui.user()
if user is not None and not user.can_edit:
    st.info("待核对的数值由编辑或管理员核对；您的账户只能查看已核对的结果（见各项目页）。")
    st.stop()
if user is None:
    st.caption("演示模式或未登录：只读，不能确认或更正。")
if saved := st.session_state.pop("review_saved", None):
    st.success(ui.md_text(saved))

counts = ui.run("review_counts", **f.params()).iloc[0]
c = st.columns(3)
c[0].metric("待核对的数值", f"{int(counts['open_values']):,}", help="读取不确定、单位存疑、超出范围、数值对不上等")
c[1].metric("含待核对数值的项目", f"{int(counts['projects_unconfirmed']):,}")
share = counts["share_unconfirmed"] if counts["share_unconfirmed"] == counts["share_unconfirmed"] else 0
c[2].metric("涉及金额", ui.wan_short(counts["money_unconfirmed_wan"]), f"占 {share:.1%}", delta_color="off")

state = st.segmented_control("状态", list(review.STATE_ZH), format_func=review.STATE_ZH.get, key="review_state")
everything = ui.run("review_queue", **f.params(), state=state or "open")
c1, c2 = st.columns(2)
kinds = sorted({k for ks in everything["reason_kinds"] for k in ks})
reason = c1.selectbox("原因", [None, *kinds], format_func=lambda k: k or "全部", key="review_reason")
docs = dict(zip(everything["doc_id"], everything["source_name"].fillna("（未知文件）"), strict=False))
doc = c2.selectbox("文档", [None, *docs], format_func=lambda d: docs.get(d, "全部"), key="review_doc")
queue = ui.run("review_queue", **f.params(), state=state or "open", reason=reason, doc_id=doc)
if ui.empty(queue, "没有待核对的数值" if (state or "open") == "open" else "没有符合条件的核对项"):
    st.stop()

queue = queue.assign(
    核对=[
        review.mark(b, a) if b else ("待核对" if o else "已确认")
        for b, a, o in zip(queue["corrected_by"], queue["corrected_at"], queue["open"], strict=True)
    ]
)
ui.table(
    queue.head(500),
    {
        "money_wan": st.column_config.NumberColumn("涉及金额（万元）", format="%.2f"),
        "name": "项目",
        "field_label": "字段",
        "value": "值",
        "reason": st.column_config.TextColumn("原因", width="large"),
        "source_name": "文档",
        "source_ref": "位置",
        "核对": "核对",
    },
)
if len(queue) > 500:
    st.caption(f"只显示涉及金额最大的 500 项，共 {len(queue):,} 项；请用原因、文档或侧栏筛选。")

labels = {
    r.review_id: f"{r.name or r.source_name} · {r.field_label} · {r.value or '—'}" for r in queue.head(500).itertuples()
}
pick = st.selectbox(
    "选择核对项",
    list(labels),
    index=list(labels).index(asked) if asked in labels else 0,
    format_func=labels.get,
    key="review_pick",
)
entry = queue[queue["review_id"] == pick].iloc[0]
st.markdown(f"#### {ui.md_text(entry['name'] or entry['source_name'])}")
st.caption(
    " · ".join(
        ui.md_text(x)
        for x in (entry["district"], entry["unit"], entry["source_name"], entry["source_ref"])
        if isinstance(x, str) and x
    )
)
d1, d2 = st.columns(2)
unit = "（万元）" if entry["value_kind"] == "amount" else ""  # amounts are shown and typed in 万元
d1.metric(f"{entry['field_label']}{unit} · 读取值", ui.md_text(entry["read_value"] or "—"))
d2.metric(f"当前值{unit}", ui.md_text(entry["value"] or "—"), help="人工更正后为更正值")
st.warning(f"原因：{ui.md_text(entry['reason'])}")
review.source(entry)
review.form(entry)
review.history(entry)
if isinstance(entry["project_id"], str):
    st.page_link("dashboard/pages/project.py", label="打开项目详情", query_params={"id": entry["project_id"]})
