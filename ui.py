"""What pages share: the cached lake connection, cached named queries, formats and colours.

Pages stay thin: read filters → `ui.run("query_name", ...)` → draw. No SQL and no lake logic here.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from oversight.paths import default_lake
from oversight.query import LakeDB

GRADE_COLORS = {"优": "#1a9850", "良": "#91cf60", "中": "#fdae61", "差": "#d73027", "未写明": "#999999"}
STATUS_ZH = {"ok": "正常", "warning": "有提示", "quarantined": "已隔离"}
KIND_ZH = {"evaluation_result": "绩效评价结果", "tracking_monitor": "运行监控", "self_evaluation": "自评表", "unknown": "未识别"}  # fmt: skip


@st.cache_resource
def db() -> LakeDB:
    """One DuckDB connection per process over the lake."""
    return LakeDB(default_lake())


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(name: str, version: int, params: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    return db().run(name, dict(params))


def run(name: str, **params: Any) -> pd.DataFrame:
    """A named query's result, cached until the lake's version changes."""
    version = db().refresh()
    return _cached(name, version, tuple(sorted(params.items())))


def wan(value: float | None) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:,.2f} 万元"


def wan_short(value: float | None) -> str:
    """For a metric card: 亿元 from 1 亿 up (the exact 万元 figure goes in the card's help)."""
    if value is None or pd.isna(value):
        return "—"
    return f"{value / 10000:,.2f} 亿元" if abs(value) >= 10000 else f"{value:,.2f} 万元"


def score(value: float | None) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.2f} 分"


def pct(value: float | None) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.1%}"
