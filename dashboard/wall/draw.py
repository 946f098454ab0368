"""What the wall's panels draw: coloured bars, the changes feed and the map legend, as plain HTML.

HTML (not st.progress) because each bar needs its own colour from the colour system and the rows
spread over the panel's height (a short list leaves no empty half-panel). Every text from the lake
is escaped: document text is never markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd
import streamlit as st

from dashboard import theme

Bar = tuple[str, float, str, str]  # label, value, the value as shown, colour


def bars(rows: Iterable[Bar], top: float, note: str = "") -> None:
    """Horizontal bars scaled to `top`, each in its own colour, spread over the panel."""
    parts = []
    for label, value, shown, colour in rows:
        width = max(0.0, min(1.0, value / top)) * 100 if top else 0.0
        parts.append(
            f'<div class="wall-bar"><div class="lbl"><span>{html.escape(str(label))}</span>'
            f"<b>{html.escape(shown)}</b></div>"
            f'<div class="track"><div style="width:{width:.1f}%;background:{colour}"></div></div></div>'
        )
    if note:
        parts.append(f'<div class="wall-note">{html.escape(note)}</div>')
    st.html(f'<div class="wall-fill">{"".join(parts)}</div>')


def grade_colour(score: float | None) -> str:
    return theme.grade_color(None if score is None or pd.isna(score) else float(score))


def when(value: object) -> str:
    """A lake time (Shanghai, naive) as 月-日 时:分."""
    return pd.Timestamp(value).strftime("%m-%d %H:%M") if value is not None and not pd.isna(value) else "—"


KIND = {
    "evaluation_result": "评价结果",
    "tracking_monitor": "运行监控",
    "self_evaluation": "自评表",
    "unknown": "未识别文档",
}


def change_text(row: pd.Series, status_zh: dict[str, str]) -> str:
    """What happened, in a few words: a document came in, or a 整改 item changed status."""
    if row["kind"] == "document":
        state = "（已隔离）" if row["detail"] == "quarantined" else ""
        return f"导入{KIND.get(row['doc_kind'], '文档')}：{row['subject']}{state}"
    return f"整改{status_zh.get(row['detail'], '更新')}：{row['subject']}"


def entries(items: list[tuple[str, str, str]], empty: str) -> None:
    """A list of two-line entries: an accent (a time), a muted line (a unit), then what."""
    if not items:
        st.html(f'<div class="wall-fill wall-feed"><div class="wall-note">{html.escape(empty)}</div></div>')
        return
    shown = "".join(
        f'<div><div class="row"><time>{html.escape(a)}</time><span class="unit">{html.escape(m)}</span></div>'
        f'<div class="row">{html.escape(t)}</div></div>'
        for a, m, t in items
    )
    st.html(f'<div class="wall-fill wall-feed">{shown}</div>')


def feed(df: pd.DataFrame | None, status_zh: dict[str, str], rows: int) -> None:
    """The latest changes, newest first: time, unit, what."""
    items = []
    for _, row in (df.head(rows) if df is not None else pd.DataFrame()).iterrows():
        unit = row["unit"] if isinstance(row["unit"], str) and row["unit"] else "单位未写明"
        items.append((when(row["at"]), unit, change_text(row, status_zh)))
    entries(items, "暂无新动态")


def legend(low: float, high: float) -> None:
    """What the map's colours mean: points by grade, districts by project count."""
    dots = "".join(
        f'<span><i style="background:{theme.GRADE_COLORS[g]}"></i>{g}</span>' for g in ("优", "良", "中", "差")
    )
    ramp = '<i class="ramp" style="background:linear-gradient(90deg,#1e3a5f,#38bdf8)"></i>'
    st.html(
        f'<div class="wall-legend"><span>街镇（按平均分等次）：</span>{dots}'
        f"<span>区项目数：{low:,.0f} {ramp} {high:,.0f}</span></div>"
    )
