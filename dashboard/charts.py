"""The overview's figures, built once per query result and shared by every session (st.cache_data).

Plotly Express takes ~0.1 s per figure on this machine, more than all of the page's cached queries
together; a new session gets the figure from the cache (a copy) instead of building it again.

The first chart, 等次分布, is native HTML bars (like the wall's): Plotly's own code takes seconds to
load and start in a new tab (a page with one Plotly chart drew it 2 s after a bare page, at load 9 on
this 2-core machine), and the first thing a leader sees should not wait for it.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from dashboard.theme import GRADE_COLORS


@st.cache_data(show_spinner=False, max_entries=256)
def year_lines(years: pd.DataFrame) -> go.Figure:
    """Mean and amount-weighted score by year."""
    fig = px.line(
        years,
        x="year",
        y=["mean_score", "weighted_score"],
        markers=True,
        labels={"year": "年度", "value": "分", "variable": ""},
    )
    fig.for_each_trace(lambda t: t.update(name={"mean_score": "平均分", "weighted_score": "金额加权"}[t.name]))
    fig.update_layout(height=300, margin={"t": 10, "b": 10}, legend={"orientation": "h", "y": 1.1})
    fig.update_xaxes(dtick=1)
    return fig


_BARS_CSS = """<style>
.grade-bars {font-size: 0.95rem; max-width: 560px;}
.grade-bars .row {display: flex; align-items: center; gap: 0.5rem; margin: 0.35rem 0;}
.grade-bars .label {width: 3.2rem; text-align: right;}
.grade-bars .track {flex: 1; height: 1.6rem;}
.grade-bars .bar {height: 100%; border-radius: 2px; min-width: 2px;}
.grade-bars .n {width: 9rem; font-variant-numeric: tabular-nums;}
</style>"""


def grade_bars_html(grades: pd.DataFrame) -> str:
    """Projects per grade as bars in the grade colours (fixed labels and numbers only, no source text)."""
    most = max(int(grades["projects"].max()), 1)
    rows = []
    for grade, projects, amount in grades[["grade", "projects", "amount_wan"]].itertuples(index=False):
        label = html.escape(str(grade))
        colour = GRADE_COLORS.get(grade, GRADE_COLORS["未写明"])
        money = "" if pd.isna(amount) else f"，{amount:,.2f} 万元"
        rows.append(
            f'<div class="row" title="{label}：{int(projects):,} 个项目{money}"><span class="label">{label}</span>'
            f'<span class="track"><div class="bar" style="width:{100 * int(projects) / most:.1f}%;'
            f'background:{colour}"></div></span><span class="n">{int(projects):,} 个</span></div>'
        )
    return _BARS_CSS + '<div class="grade-bars">' + "".join(rows) + "</div>"
