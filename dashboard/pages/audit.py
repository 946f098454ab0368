"""审计: every follow-up update (who, when, what), sign-ins and account changes, users, and updates whose item
no longer exists. Admins only."""

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import auth, filters, review, ui
from oversight.store.export import excel_bytes

filters.sidebar()
st.title("审计")
user = ui.user()
if user is None or user.role != "admin":
    st.info("审计记录仅管理员可见。" if user else "演示模式：未配置用户，审计记录不对外显示。")
    st.stop()

c1, c2, c3, c4 = st.columns(4)
who = c1.selectbox("更新人", [None, *sorted(auth.users())], format_func=lambda u: u or "全部")
unit = c2.selectbox("单位", [None, *sorted(filters.allowed().units)], format_func=lambda u: u or "全部")
since = c3.date_input("起始日期", value=None)
until = c4.date_input("截止日期", value=None)
trail = ui.run("audit", user=who, unit=unit, since=since, until=until)
if not ui.empty(trail, "没有符合条件的更新记录"):
    trail = trail.assign(status=trail["status"].map(ui.RECT_ZH))
    ui.table(
        trail,
        {
            "at": st.column_config.DatetimeColumn("时间", format="YYYY-MM-DD HH:mm:ss"),
            "user": "更新人",
            "district": "区",
            "unit": "单位",
            "project": "项目",
            "seq": "序号",
            "status": "状态",
            "due_date": st.column_config.DateColumn("期限", format="YYYY-MM-DD"),
            "note": "说明",
            "evidence": "佐证",
            "orphaned": st.column_config.CheckboxColumn("事项已不存在"),
        },
    )
    st.download_button(
        "导出 Excel",
        excel_bytes(trail, "审计"),
        f"整改更新审计_{date.today():%Y%m%d}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

st.subheader("登录与账户")
EVENT_ZH = {"sign_in": "登录", "sign_in_refused": "登录被拒", "user_add": "添加或更新用户"}
events = ui.run("account_events", user=who, since=since, until=until)
if user.scope["scope_district"] or user.scope["scope_town"]:
    st.caption("登录与账户记录不分区，仅全市管理员可见。")
elif not ui.empty(events, "没有符合条件的登录或账户记录"):
    events = events.assign(action=events["action"].map(lambda a: EVENT_ZH.get(a, a)))
    ui.table(
        events.drop(columns="n"),
        {
            "at": st.column_config.DatetimeColumn("时间", format="YYYY-MM-DD HH:mm:ss"),
            "user": "用户",
            "action": "事件",
            "detail": "说明",
        },
    )

st.subheader("用户")
users = pd.DataFrame([{k: v for k, v in u.items() if k != "hash"} for u in auth.users().values()])
st.dataframe(users, hide_index=True)

st.subheader("人工核对记录")
corrections = ui.run("review_history", user=who, since=since, until=until)
if not ui.empty(corrections, "没有符合条件的核对记录"):
    review.trail(corrections)
st.subheader("对应数值已不存在的人工更正")
orphaned = ui.run("review_history", orphaned=True)
if orphaned.empty:
    st.caption("没有。（重新导入的文档若替换了被更正的项目，旧的更正会列在这里，不会丢失。）")
else:
    review.trail(orphaned)

st.subheader("对应事项已不存在的更新")
orphans = ui.run("orphaned_updates")
if orphans.empty:
    st.caption("没有。（重新导入的文档若改写了整改文字，旧事项的更新会列在这里，不会丢失。）")
else:
    st.dataframe(orphans, hide_index=True)
