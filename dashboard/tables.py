"""Tables as leaders read them: no None/NaN/True/False on screen, "—" for a missing value, tags for flags.

Streamlit draws a missing cell as a grey "None" whatever its column type, and a Styler's display
value does not reach a missing cell. So a column with gaps is drawn as text, formatted here the way
its column config would have formatted it, and its config becomes a text column with the same label.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import pandas as pd
import streamlit as st

MISSING = "—"
_MOMENT = {"YYYY": "%Y", "MM": "%m", "DD": "%d", "HH": "%H", "mm": "%M", "ss": "%S"}


def _number(value: float, fmt: str | None) -> str:
    if fmt == "percent":
        return f"{value:.1%}"
    if fmt and fmt.startswith("%"):
        return fmt % value
    return f"{value:,.2f}"


def _when(value: Any, fmt: str | None) -> str:
    pattern = re.sub("YYYY|MM|DD|HH|mm|ss", lambda m: _MOMENT[m.group()], fmt or "YYYY-MM-DD")
    return pd.Timestamp(value).strftime(pattern)


def cell_text(value: Any, config: Any = None) -> str:
    """One value as the table shows it, by its column config; "—" when missing."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return MISSING
    kind = config.get("type_config", {}).get("type") if isinstance(config, dict) else None
    fmt = config.get("type_config", {}).get("format") if isinstance(config, dict) else None
    if isinstance(value, bool):
        return (config.get("label") if isinstance(config, dict) else None) or "是" if value else ""
    if kind in ("date", "datetime") or isinstance(value, date | datetime | pd.Timestamp):
        return _when(value, fmt)
    if isinstance(value, int | float) and kind in ("number", "progress", None):
        return _number(float(value), fmt) if kind or isinstance(value, float) else f"{value}"
    return str(value)


def pager(total: int, per_page: int, key: str, unit: str = "个项目", **kwargs: Any) -> int:
    """Which page of a long table to show (1 when it fits on one): a number input that says how many
    pages and rows there are. A page at a time keeps a table within what the browser draws quickly."""
    pages = max(1, -(-total // per_page))
    if pages == 1:
        return 1
    return int(st.number_input(f"页码（共 {pages} 页，{total:,} {unit}）", 1, pages, 1, key=key, **kwargs))


def readable(df: pd.DataFrame, columns: dict[str, Any]) -> tuple[pd.DataFrame, dict[str, Any]]:
    """`df[columns]` with gaps as "—" and flags (逾期, 示例) as their label or nothing; configs to match."""
    out, config = df[list(columns)].copy(), dict(columns)
    for name, spec in columns.items():
        series = out[name]
        is_flag = pd.api.types.is_bool_dtype(series) or (
            isinstance(spec, dict) and spec.get("type_config", {}).get("type") == "checkbox"
        )
        textual = series.dtype == object or pd.api.types.is_string_dtype(series)
        text_already = textual and not is_flag and all(isinstance(v, str) for v in series.dropna())
        if text_already:
            out[name] = series.map(lambda v: MISSING if v is None or (isinstance(v, float) and pd.isna(v)) else v)
        elif is_flag or series.isna().any():
            out[name] = series.map(lambda v, spec=spec: cell_text(v, spec))
            label = spec.get("label") if isinstance(spec, dict) else spec
            help_ = spec.get("help") if isinstance(spec, dict) else None
            width = spec.get("width") if isinstance(spec, dict) else None
            pinned = spec.get("pinned") if isinstance(spec, dict) else None
            config[name] = st.column_config.TextColumn(label or name, help=help_, width=width, pinned=pinned)
    return out, config
