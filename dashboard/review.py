"""人工核对 on the pages: an entry's source lines (the value's lines marked, as on the project page), the
confirm / correct form, and the marks other pages put on corrected and unconfirmed values."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard import theme, ui
from oversight.store.review import ACTION_ZH, GRADES, KIND_HINT, NOTE_MAX, Refused, save

STATE_ZH = {"open": "待核对", "done": "已核对", "all": "全部"}
KIND_INPUT = {"amount": "更正后的金额（万元）", "rate": "更正后的执行率（%）", "score": "更正后的得分（0–100）"}


def when(value: Any) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d %H:%M")


def mark(corrected_by: Any, corrected_at: Any, unconfirmed: Any = 0) -> str:
    """A table cell: 人工更正（who, when）, 待核对 N 项, or nothing."""
    if isinstance(corrected_by, str):
        return f"人工更正（{corrected_by} {when(corrected_at)}）"
    if unconfirmed and unconfirmed == unconfirmed and int(unconfirmed) > 0:
        return f"待核对 {int(unconfirmed)} 项"
    return ""


def source(entry: pd.Series) -> None:
    """The document's lines around the value, the value's own lines marked."""
    lines = ui.run("source_lines", doc_id=entry["doc_id"])
    if ui.empty(lines, "原文未保存"):
        return
    raw = entry["field_lines"]  # a list (or array) of line numbers, or nothing (a whole document)
    marked = [int(n) for n in raw] if hasattr(raw, "__len__") and not isinstance(raw, str) else []
    lo = min(marked, default=entry["line_no"] if pd.notna(entry["line_no"]) else 1) - 3
    hi = max(marked, default=entry["line_end"] if pd.notna(entry["line_end"]) else 30) + 3
    near = lines[(lines["line_no"] >= lo) & (lines["line_no"] <= hi)][["line_no", "ref", "text"]]
    near = near.assign(标记=near["line_no"].map(lambda n: "← 该数值" if n in marked else ""))
    styled = near[["ref", "标记", "text"]].style.apply(
        lambda r: [f"background-color: {theme.HIGHLIGHT}" if r["标记"] else "" for _ in r], axis=1
    )
    st.dataframe(
        styled,
        hide_index=True,
        column_config={"ref": "位置", "标记": "标记", "text": st.column_config.TextColumn("原文", width="large")},
    )


def form(entry: pd.Series) -> None:
    """Confirm or correct one value (editors and admins in scope); an admin may also mark the document."""
    user = ui.user()
    if user is None or not user.can_edit:
        st.caption("只读：登录为编辑或管理员后可以确认或更正。")
        return
    rid, kind = entry["review_id"], entry["value_kind"]
    with st.form(f"review_{rid}", clear_on_submit=False):
        st.markdown(f"**核对：{ui.md_text(entry['field_label'])}**（{KIND_HINT.get(kind, '')}）")
        value = None
        if kind == "grade":
            current = entry["value"] if entry["value"] in GRADES else None
            value = st.selectbox(
                "更正后的等次", GRADES, index=GRADES.index(current) if current else None, key=f"value_{rid}"
            )
        elif kind != "document":
            value = st.text_input(
                KIND_INPUT.get(kind, "更正后的值"), placeholder=entry["value"] or "", key=f"value_{rid}"
            )
        note = st.text_area("说明（可不填）", max_chars=NOTE_MAX, key=f"note_{rid}")
        c1, c2, c3 = st.columns(3)
        confirm = c1.form_submit_button("确认无误")
        correct = c2.form_submit_button("保存更正", type="primary", disabled=kind == "document")
        not_doc = c3.form_submit_button("标记为非绩效文档", disabled=user.role != "admin")
    action = "confirm" if confirm else "correct" if correct else "not_a_document" if not_doc else None
    if action is None:
        return
    try:
        save(ui.db(), ui.shared().corrections, user, rid, action, value, note)
    except Refused as exc:
        st.error(f"未保存：{exc}")  # the form keeps what was typed
        return
    except Exception as exc:  # noqa: BLE001 - a storage failure must say so, not crash the page
        st.error(f"保存失败（{type(exc).__name__}），内容已保留，请稍后重试")
        return
    st.session_state["review_saved"] = f"已保存：{ACTION_ZH[action]}（{user.name}）"
    st.rerun()


def history(entry: pd.Series) -> None:
    rows = ui.run("review_history", review_id=entry["review_id"])
    if rows.empty:
        return
    with st.expander(f"核对记录（{len(rows)} 条）"):
        ui.table(
            rows.assign(action=rows["action"].map(ACTION_ZH)),
            {
                "at": st.column_config.DatetimeColumn("时间", format="YYYY-MM-DD HH:mm"),
                "user": "核对人",
                "action": "操作",
                "old_value": "原值",
                "new_value": "新值",
                "note": "说明",
            },
        )


def on_project(entries: pd.DataFrame) -> None:
    """The project page: which values a person corrected or confirmed (the reading stays beside them),
    and which still wait."""
    if entries.empty:
        return
    corrected = entries[entries["action"] == "correct"]
    if not corrected.empty:
        said = "；".join(
            f"{r.field_label} {r.read_value or '—'} → {r.value or '—'}（{r.corrected_by} {when(r.corrected_at)}）"
            for r in corrected.itertuples()
        )
        st.info(f"人工更正：{ui.md_text(said)}。页面各处显示更正后的值，原文读取值见下表。")
    waiting = int(entries["open"].sum())
    state = [
        "待核对" if o else f"{ACTION_ZH.get(a, a)}（{b} {when(t)}）"
        for o, a, b, t in zip(
            entries["open"], entries["action"], entries["reviewed_by"], entries["reviewed_at"], strict=True
        )
    ]
    with st.expander(f"人工核对（{len(entries)} 个数值，{waiting} 个待核对）", expanded=not corrected.empty):
        ui.table(
            entries.assign(核对=state),
            {
                "field_label": "字段",
                "read_value": "原文读取值",
                "value": "当前值",
                "核对": "核对",
                "reason": st.column_config.TextColumn("原因", width="large"),
            },
        )
        if waiting:
            first = entries[entries["open"]].iloc[0]
            st.page_link("dashboard/pages/review.py", label="去核对 →", query_params={"review": first["review_id"]})


def trail(rows: pd.DataFrame) -> None:
    """The 审计 page's list of confirmations and corrections (orphaned ones flagged)."""
    ui.table(
        rows.assign(action=rows["action"].map(ACTION_ZH)),
        {
            "at": st.column_config.DatetimeColumn("时间", format="YYYY-MM-DD HH:mm:ss"),
            "user": "核对人",
            "action": "操作",
            "name": "项目",
            "field_label": "字段",
            "old_value": "原值",
            "new_value": "新值",
            "note": "说明",
            "source_name": "文档",
            "orphaned": st.column_config.CheckboxColumn("数值已不存在"),
        },
    )
