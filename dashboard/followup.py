"""The 整改 follow-up form: an editor picks items (one or several), sets status, due date, note, evidence."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import ui
from oversight.store.followup import Refused, save
from oversight.store.updates import EVIDENCE_MAX, NOTE_MAX, STATUSES


def form(items: pd.DataFrame, key: str) -> None:
    """Draw the form for `items` (rows with item_id, project, seq, status); save on submit."""
    user = ui.user()
    if user is None or not user.can_edit:
        if user is None:
            st.caption("演示模式或未登录：只读，不能更新整改状态。")
        return
    labels = {
        r.item_id: f"{r.project} · 第{r.seq}项（{ui.RECT_ZH.get(r.status, r.status)}）" for r in items.itertuples()
    }
    with st.form(f"followup_{key}", clear_on_submit=False):
        st.markdown("**更新整改状态**（可多选，批量更新）")
        picked = st.multiselect(
            "整改事项", list(labels), format_func=labels.get, key=f"pick_{key}", placeholder="选择事项"
        )
        c1, c2 = st.columns(2)
        status = c1.selectbox("状态", STATUSES, format_func=ui.RECT_ZH.get, key=f"status_{key}")
        due = c2.date_input("整改期限（可不填）", value=None, key=f"due_{key}")
        note = st.text_area("说明", max_chars=NOTE_MAX, key=f"note_{key}")
        evidence = st.text_input("佐证材料（文件名或链接）", max_chars=EVIDENCE_MAX, key=f"evidence_{key}")
        submitted = st.form_submit_button("保存", type="primary")
    if submitted:
        try:
            ids = save(ui.db(), ui.store(), user, picked, status, due, note, evidence)
        except Refused as exc:
            st.error(f"未保存：{exc}")  # the form keeps what was typed
        except Exception as exc:  # noqa: BLE001 - a storage failure must say so, not crash the page
            st.error(f"保存失败（{type(exc).__name__}），内容已保留，请稍后重试")
        else:
            st.success(f"已保存 {len(ids)} 条更新（{ui.md_text(user.name)}）")


def history(item_id: str) -> None:
    rows = ui.run("item_history", item_id=item_id)
    if rows.empty:
        st.caption("该事项尚无更新记录，当前状态来自原文。")
        return
    rows = rows.assign(status=rows["status"].map(ui.RECT_ZH))
    ui.table(
        rows,
        {
            "at": st.column_config.DatetimeColumn("时间", format="YYYY-MM-DD HH:mm"),
            "user": "更新人",
            "status": "状态",
            "due_date": st.column_config.DateColumn("期限", format="YYYY-MM-DD"),
            "note": "说明",
            "evidence": "佐证",
        },
    )
