"""The overview's district × measure table, heat-coloured per column; a click on a row narrows to it.

Colours come from dashboard.theme: a calm blue where more is neither good nor bad (projects, money),
the grade tint of the mean score, and red where more is worse (open and overdue 整改, red lights).
"""

from __future__ import annotations

import hashlib
from functools import partial

import pandas as pd
import streamlit as st

from dashboard import filters, tables, theme, ui

COLUMNS = {
    "district": st.column_config.TextColumn("区", pinned=True, width="small"),
    "projects": st.column_config.NumberColumn("评价项目", format="%d"),
    "amount_wan": st.column_config.NumberColumn("决算金额（万元）", format="%.2f"),
    "mean_score": st.column_config.NumberColumn("平均分", format="%.2f"),
    "open_items": st.column_config.NumberColumn("未完成整改", format="%d"),
    "overdue_items": st.column_config.NumberColumn("逾期整改", format="%d"),
    "red_lights": st.column_config.NumberColumn("红灯", format="%d"),
}
RAMPS = {
    "projects": theme.HEAT,
    "amount_wan": theme.HEAT,
    "open_items": theme.HEAT_BAD,
    "overdue_items": theme.HEAT_BAD,
    "red_lights": theme.HEAT_BAD,
}


def cell_colours(df: pd.DataFrame) -> pd.DataFrame:
    """The CSS of every cell: its place between the column's least and most, on the column's ramp."""
    css = pd.DataFrame("", index=df.index, columns=list(COLUMNS))
    for column, ramp in RAMPS.items():
        values = pd.to_numeric(df[column], errors="coerce")
        low, high = values.min(), values.max()
        for i, v in values.items():
            if pd.notna(v):
                t = 0.0 if high == low else (v - low) / (high - low)
                css.loc[i, column] = f"background-color: {theme.blend(ramp, t)}; color: #1b1b1b"
    for i, v in df["mean_score"].items():
        if pd.notna(v):
            css.loc[i, "mean_score"] = f"background-color: {theme.grade_color(float(v), tint=True)}"
    return css


def _pick(key: str, rows: list[str]) -> None:
    selected = st.session_state[key].selection.rows
    if selected:
        chosen = rows[selected[0]]
        filters.set_filters(district=None if chosen == filters.current().district else chosen, town=None, unit=None)


def table(df: pd.DataFrame, f: filters.Filters) -> None:
    """The table; its key names the filters it was drawn for, so a redraw never replays an old click."""
    data, config = tables.readable(df, COLUMNS)
    css = cell_colours(df)
    styled = data.style.apply(lambda _: css, axis=None)
    key = "district_heat_" + hashlib.sha1(repr(f).encode()).hexdigest()[:12]
    st.dataframe(
        styled,
        column_config=config,
        hide_index=True,
        on_select=partial(_pick, key, list(df["district"])),
        selection_mode="single-row",
        key=key,
        height=min(40 + 35 * len(df), 400),
    )
    chosen = f" 当前：{ui.md_text(f.district)}（再次点击返回全市）。" if f.district else ""
    st.caption(
        "各区并列，不受“区”筛选限制（其他筛选适用）。颜色越深数值越大：蓝色为规模，红色为问题，平均分按等次着色。"
        "点击一行只看该区。" + chosen
    )
