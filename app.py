"""绩效驾驶舱 — the Streamlit entry point: page set-up and navigation only."""

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import auth, nav, ui
from oversight.store.backend import StoreLocked, StoreUnavailable

st.set_page_config(page_title="绩效驾驶舱", layout="wide")

pages = [
    st.Page("dashboard/pages/overview.py", title="总览", url_path="", default=True),
    st.Page("dashboard/pages/ranking.py", title="评分排名", url_path="ranking"),
    st.Page("dashboard/pages/rectification.py", title="整改跟踪", url_path="rectification"),
    st.Page("dashboard/pages/map.py", title="项目地图", url_path="map"),
    st.Page("dashboard/pages/monitoring.py", title="运行监控", url_path="monitoring"),
    st.Page("dashboard/pages/project.py", title="项目详情", url_path="project"),
    st.Page("dashboard/pages/data.py", title="数据管理", url_path="data"),
    st.Page("dashboard/pages/review.py", title="待核对", url_path="review"),
    st.Page("dashboard/pages/bigscreen.py", title="城运大屏", url_path="bigscreen"),
    st.Page("dashboard/pages/audit.py", title="审计", url_path="audit"),
]
# Streamlit answers an unknown URL with an English "Page not found" dialog and the overview. A hidden
# Chinese page at exactly that path answers it instead (a path with "/" cannot be a page: the dialog).
ctx = get_script_run_ctx()
asked = (ctx.pages_manager.intended_page_name or "") if ctx else ""
if asked and "/" not in asked and asked not in {p.url_path for p in pages}:
    pages.append(st.Page("dashboard/pages/not_found.py", title="页面不存在", url_path=asked, visibility="hidden"))
page = st.navigation(pages, position="hidden")
nav.draw(pages)  # links that carry the filters: one history entry per page change (dashboard/nav.py)
ui.page_style()
try:
    # Sign-in when users are configured. The wall is exempt only when signed URLs guard it (its token).
    if page.url_path != "bigscreen" or not auth.embed_secret():
        auth.require()
    page.run()
except (StoreLocked, StoreUnavailable) as exc:  # the shared store is held or unreachable: one message
    st.error(str(exc))
