"""An unknown URL: a Chinese page with the way back, instead of Streamlit's English "Page not found"."""

import streamlit as st

st.title("页面不存在")
st.info("您打开的链接没有对应的页面（可能输入有误，或页面已改名）。")
st.page_link("dashboard/pages/overview.py", label="返回总览", icon=":material/home:")
