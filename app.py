"""绩效驾驶舱 — the Streamlit entry point: page set-up and navigation only."""

import streamlit as st

st.set_page_config(page_title="绩效驾驶舱", page_icon="📊", layout="wide")

pages = [
    st.Page("pages/overview.py", title="总览", icon="📊", url_path="", default=True),
    st.Page("pages/ranking.py", title="评分排名", icon="🏆", url_path="ranking"),
    st.Page("pages/rectification.py", title="整改跟踪", icon="🛠️", url_path="rectification"),
    st.Page("pages/map.py", title="项目地图", icon="🗺️", url_path="map"),
    st.Page("pages/monitoring.py", title="运行监控", icon="🚦", url_path="monitoring"),
    st.Page("pages/project.py", title="项目详情", icon="📄", url_path="project"),
    st.Page("pages/data.py", title="数据管理", icon="🗂️", url_path="data"),
]
st.navigation(pages).run()
