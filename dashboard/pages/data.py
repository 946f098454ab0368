"""数据管理: upload documents → ingest with progress → per-file result; the documents list; downloads."""

from datetime import datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import filters, ui
from oversight.ingest.document import FORMATS
from oversight.ingest.pipeline import Duplicate, run
from oversight.paths import DATA_DIR, default_lake
from oversight.store.export import csv_bytes
from oversight.store.lake import Lake

filters.sidebar()
st.title("数据管理")

st.subheader("上传文档")
uploads = st.file_uploader(
    "绩效评价结果、运行监控表、自评表（PDF、Word、Excel、CSV、TXT、HTML，可多选）",
    type=[s.lstrip(".") for s in FORMATS],
    accept_multiple_files=True,
    key="uploads",
)
if uploads and st.button("导入", type="primary"):
    folder = DATA_DIR / "uploads" / datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder.mkdir(parents=True)
    paths = []
    for i, up in enumerate(uploads):
        path = folder / f"{i:03d}_{Path(up.name).name}"  # keep the clerk's name; the prefix keeps same names apart
        path.write_bytes(up.getvalue())
        paths.append((path, up.name))
    names = dict(paths)
    results = []
    with st.status(f"正在导入 {len(paths)} 个文件…", expanded=True) as status:
        bar = st.progress(0.0)

        def step(path: Path, result) -> None:
            results.append((names[path], result))
            bar.progress(len(results) / len(paths), text=f"{len(results)}/{len(paths)} {ui.md_text(names[path])}")

        report = run([p for p, _ in paths], Lake(default_lake()), progress=step)
        status.update(label=f"导入完成（数据湖版本 {report.version}）", state="complete")
    table = []
    for name, r in results:
        if isinstance(r, Duplicate):
            table.append({"文件": name, "结果": "重复", "项目数": 0, "说明": f"与已导入的 {r.of} 内容相同"})
        else:
            note = r.doc.get("reason") or "；".join(r.doc["messages"][:2])
            table.append({"文件": name, "结果": ui.STATUS_ZH[r.status], "项目数": r.doc["records"], "说明": note})
    st.session_state["last_upload"] = table
if st.session_state.get("last_upload"):
    shown = pd.DataFrame(st.session_state["last_upload"])  # st.table draws cells as Markdown
    st.table(shown.assign(文件=shown["文件"].map(ui.md_text), 说明=shown["说明"].map(ui.md_text)).set_index("文件"))

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
lake = Lake(default_lake())
cols = st.columns(5)
for col, table in zip(cols, ["evaluations", "rectifications", "monitoring", "documents", "lines"], strict=True):
    path = lake.snapshot(table)
    if path.exists():
        col.download_button(f"{table}.parquet", path.read_bytes(), f"{table}.parquet", key=f"dl_{table}")
st.download_button("评价项目（CSV）", csv_bytes(ui.run("projects", limit=1_000_000)), "评价项目.csv", "text/csv")
