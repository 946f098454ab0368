"""数据管理: upload documents (editors and admins) → ingest with progress → per-file result; the documents
list; downloads within the user's scope."""

from pathlib import Path

import streamlit as st

from dashboard import exports, filters, ui, upload
from oversight.access.roles import User
from oversight.ingest.scope import label
from oversight.paths import default_lake
from oversight.store import scoped
from oversight.store.export import csv_bytes
from oversight.store.lake import Lake


@st.cache_data(show_spinner=False, max_entries=16)
def _scoped_download(root: Path, version: int, table: str, district: str | None, town: str | None) -> bytes | None:
    """A table's Parquet within a scope, made once per lake version (`version` is the cache key)."""
    return scoped.parquet_bytes(Lake(root), table, district, town)


def _download(lake: Lake, table: str, user: User | None) -> bytes | None:
    """City-wide users get the snapshot's bytes as stored; a scoped user only the rows of their scope."""
    if user is None or not (user.district or user.town):
        return scoped.parquet_bytes(lake, table, None, None)
    return _scoped_download(lake.root, lake.version(), table, user.district, user.town)


filters.sidebar()
st.title("数据管理")

st.subheader("上传文档")
lake = Lake(default_lake())
upload.section(lake)

st.subheader("读取可信度")
# How sure the reader was of what the pages show (under the sidebar's filters): every value below "sure"
# is marked on its project page; here they are counted, with the money in projects holding one.
sure = ui.run("reading_confidence").iloc[0]
c = st.columns(3)
c[0].metric("待核对的数值", f"{int(sure['unsure_values']):,}", help="单位矛盾、OCR 识别、切分有歧义等，读取时不确定")
c[1].metric("较确定的数值", f"{int(sure['likely_values']):,}", help="从正文语句、标题或按类型对齐的表格列读出")
share = sure["money_unsure_wan"] / sure["money_wan"] if sure["money_wan"] else 0
c[2].metric("含待核对数值的项目金额", f"{sure['money_unsure_wan']:,.2f} 万元", f"占 {share:.1%}", delta_color="off")
# 人工核对: what still waits for a person (values below "sure" and plausibility findings, not yet
# confirmed or corrected) and the share of money in the projects holding one.
checks = ui.run("review_counts").iloc[0]
c = st.columns(3)
c[0].metric(
    "人工核对：尚未核对", f"{int(checks['open_values']):,}", help="待核对页列出的数值与文档（确认或更正后减少）"
)
c[1].metric("含未核对数值的项目", f"{int(checks['projects_unconfirmed']):,}")
c[2].metric(
    "其金额占比",
    ui.pct(checks["share_unconfirmed"]),
    help=f"{ui.wan(checks['money_unconfirmed_wan'])}，占筛选范围内项目金额的比例",
)
st.page_link("dashboard/pages/review.py", label="去核对 →")

st.subheader("已导入的文档")
status = st.segmented_control(
    "状态", [None, "ok", "warning", "quarantined"], format_func=lambda s: ui.STATUS_ZH.get(s, "全部"), key="doc_status"
)
docs = ui.run("documents", status=status)
if not ui.empty(docs, "没有符合条件的文档"):
    docs = docs.assign(status=docs["status"].map(ui.STATUS_ZH), doc_kind=docs["doc_kind"].map(ui.KIND_ZH))
    columns = {
        "source_name": "文件",
        "doc_kind": "类型",
        "status": "状态",
        "records": "项目数",
        "district": "区",
        "year": st.column_config.NumberColumn("年度", format="%d"),
        "findings": "提示数",
        "messages": st.column_config.ListColumn("提示（字段与原文行）", width="large"),
        "demo": st.column_config.CheckboxColumn("示例"),
        "ingested_at": st.column_config.DatetimeColumn("导入时间", format="YYYY-MM-DD HH:mm"),
    }
    st.dataframe(docs[list(columns)].head(2000), column_config=columns, hide_index=True)
    if len(docs) > 2000:
        st.caption(f"只显示最近的 2000 份，共 {len(docs):,} 份；完整列表请下载。")

st.subheader("下载数据湖表")
# The signed-in user's scope, never the URL's filters: a district user downloads their district's rows only.
user = ui.user()
if user and (user.district or user.town):
    st.caption(f"下载内容限于您的权限范围（{ui.md_text(label(user))}）。")
for col, table in zip(st.columns(len(scoped.TABLES)), scoped.TABLES, strict=True):
    data = _download(lake, table, user)
    if data is not None:
        col.download_button(f"{table}.parquet", data, f"{table}.parquet", key=f"dl_{table}")
projects = exports.rows("projects", limit=1_000_000)  # built when pressed, not on every rerun
st.download_button("评价项目（CSV）", lambda: csv_bytes(projects()), "评价项目.csv", "text/csv", on_click="ignore")
