"""绩效驾驶舱 — the Streamlit entry point: page set-up and navigation only."""

import streamlit as st

st.set_page_config(page_title="绩效驾驶舱", page_icon="📊", layout="wide")

pages = [
    st.Page("pages/overview.py", title="总览", icon="📊", url_path="", default=True),
]
st.navigation(pages).run()
