"""数据管理's upload form: who may import, saving the files, the run for the signed-in user, each file's result.

Writing the lake is a permission. Demo mode (no users configured) and viewers get no uploader, and
the pipeline refuses them too. An editor's or admin's run passes them as its scope: a district or
town user's rows outside their scope are refused and the reason is in the result table.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import ui
from oversight.access.roles import User
from oversight.ingest import uploads
from oversight.ingest.document import FORMATS, MAX_BYTES
from oversight.ingest.pipeline import Duplicate, run
from oversight.ingest.scope import label
from oversight.store.lake import Lake
from oversight.store.records import FileResult

log = logging.getLogger(__name__)


def section(lake: Lake) -> None:
    """The uploader for those who may write, an explanation for those who may not, the last result."""
    user = ui.user()
    if user is None:
        st.info("演示模式只读：不能导入文档。配置用户后，编辑和管理员登录即可导入（见 README“登录与权限”）。")
    elif not user.can_edit:
        st.info("您的账号是查看权限，不能导入文档；需要导入时请联系管理员开通编辑权限。")
    else:
        _form(lake, user)
    if st.session_state.get("last_upload"):
        shown = pd.DataFrame(st.session_state["last_upload"])  # st.table draws cells as Markdown
        st.table(shown.assign(文件=shown["文件"].map(ui.md_text), 说明=shown["说明"].map(ui.md_text)).set_index("文件"))


def _chinese_dropzone() -> None:
    """The uploader's own words (Upload, "20MB per file • text, TXT…") in Chinese, with the real limit.

    Streamlit has no option for them, so CSS hides its text and draws ours (fixed text, no source text)."""
    limit = st.get_option("server.maxUploadSize")
    zone = '[data-testid="stFileUploaderDropzone"]'
    st.html(
        f"""<style>
{zone} button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span {{display: none;}}
{zone} button [data-testid="stMarkdownContainer"]::after {{content: "选择文件";}}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{
  content: "将文件拖放到此处，或点击“选择文件”。每个文件不超过 {limit} MB；可多选。"; font-size: 0.85rem;}}
</style>"""
    )


def _form(lake: Lake, user: User) -> None:
    _chinese_dropzone()
    if user.district or user.town:
        st.caption(f"您导入的文档只写入{label(user)}的项目；其他区或未写明区的项目不会导入，结果中会说明。")
    files = st.file_uploader(
        f"绩效评价结果、运行监控表、自评表（PDF、Word、Excel、CSV、TXT、HTML，可多选；每个文件不超过 {MAX_BYTES >> 20} MB）",
        type=[s.lstrip(".") for s in FORMATS],
        accept_multiple_files=True,
        key="uploads",
    )
    if files and st.button("导入", type="primary"):
        root = uploads.uploads_dir(lake.root)
        st.session_state["last_upload"] = _ingest(files, lake, user, root)
        uploads.expire(lake, root)  # the retention rule runs on every upload


def _ingest(files: list, lake: Lake, user: User, root: Path) -> list[dict]:
    def contents() -> Iterator[tuple[str, bytes]]:  # one file's bytes at a time
        for f in files:
            yield f.name, f.getvalue()

    saved, failed = uploads.save(contents(), root)
    names = {s.path: s.name for s in saved}
    table = [{"文件": name, "结果": "未导入", "项目数": 0, "说明": why} for name, why in failed]
    if not saved:
        return table
    results: list[tuple[str, FileResult | Duplicate]] = []
    with st.status(f"正在导入 {len(saved)} 个文件…", expanded=True) as status:
        bar = st.progress(0.0)

        def step(path: Path, result: FileResult | Duplicate) -> None:
            results.append((names[path], result))
            bar.progress(len(results) / len(saved), text=f"{len(results)}/{len(saved)} {ui.md_text(names[path])}")

        try:
            report = run([s.path for s in saved], lake, progress=step, scope=user)
            status.update(label=f"导入完成（数据湖版本 {report.version}）", state="complete")
        except (PermissionError, RuntimeError) as exc:  # refused, lake busy, worker down: nothing was written
            log.warning("upload by %s not ingested: %s", user.name, exc)
            status.update(label="导入未完成，数据湖未改变", state="error")
            st.error(ui.md_text(exc))
            results.clear()
    for name, r in results:
        if isinstance(r, Duplicate):
            table.append({"文件": name, "结果": "重复", "项目数": 0, "说明": f"与已导入的 {r.of} 内容相同"})
        else:
            note = r.doc.get("reason") or "；".join(r.doc["messages"][:2])
            table.append({"文件": name, "结果": ui.STATUS_ZH[r.status], "项目数": r.doc["records"], "说明": note})
    return table
