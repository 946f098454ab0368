"""What pages share: the cached lake connection, cached named queries, formats and colours.

Pages stay thin: read filters → `ui.run("query_name", ...)` → draw. No SQL and no lake logic here.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import tables
from dashboard.theme import (  # noqa: F401 - re-exported
    GRADE_COLORS,
    GRADE_TINTS,
    LIGHT_COLORS,
    STATUS_COLORS,
    cell_css,
    chart_config,
    grade_color,
)
from oversight.access.roles import User
from oversight.domain.taxonomy import CATEGORY_LABELS
from oversight.paths import default_lake
from oversight.store import shared as shared_state
from oversight.store.query import LakeDB
from oversight.store.updates import UpdateStore

LIGHT_ZH = {"green": "绿灯", "yellow": "黄灯", "red": "红灯"}
STATUS_ZH = {"ok": "正常", "warning": "有提示", "quarantined": "已隔离"}
KIND_ZH = {
    "evaluation_result": "绩效评价结果",
    "tracking_monitor": "运行监控",
    "self_evaluation": "自评表",
    "unknown": "未识别",
}
RECT_ZH = {"done": "已整改", "in_progress": "整改中", "planned": "已承诺", "not_started": "未整改", "unknown": "未判明"}
CATEGORY_ZH = CATEGORY_LABELS
EVAL_TYPE_ZH = {"self": "单位自评", "department": "部门评价", "finance": "财政评价"}
EMPTY = "没有符合条件的项目"

# Colours live in dashboard.theme (one system for pages and the wall); these names stay for old callers.
RECT_COLORS = STATUS_COLORS


@st.cache_resource
def shared() -> shared_state.Shared:
    """The process's shared state: data/oversight.duckdb ($OVERSIGHT_DB), or PostgreSQL ($OVERSIGHT_DB_URL)."""
    return shared_state.shared()


def store() -> UpdateStore:
    """The 整改 follow-up store."""
    return shared().updates


@st.cache_resource
def db() -> LakeDB:
    """One DuckDB connection per process over the lake and the shared tables."""
    return LakeDB(default_lake(), shared())


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached(name: str, state: tuple[int, ...], params: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    return db().run(name, {k: list(v) if isinstance(v, tuple) else v for k, v in params}, strict=False)


def user() -> User | None:
    """The signed-in user (None: nobody, which is the open demo when no users are configured)."""
    return st.session_state.get("user")


def run(name: str, **params: Any) -> pd.DataFrame:
    """A named query's result within the user's scope, cached until the lake or the updates change.

    The scope comes from the signed-in user, never from the caller or the URL."""
    current = user()
    params = {**params, **(current.scope if current else {"scope_district": None, "scope_town": None})}
    db().refresh()
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached(name, db().state_for(name), key)


def version() -> int:
    return db().refresh()


def delta(now: float | None, before: float | None, fmt: Callable[[float], str]) -> dict[str, str]:
    """st.metric's delta arguments for the change from `before` to `now` (none when either is missing).

    The signed number comes first: st.metric draws a down arrow only for text starting with "-", so
    "较上年 -42" showed a green up arrow. No change gets no arrow and no colour."""
    if now is None or before is None or pd.isna(now) or pd.isna(before):
        return {}
    text = f"{fmt(now - before)} 较上年"
    return {"delta": text, "delta_color": "off", "delta_arrow": "off"} if now == before else {"delta": text}


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


# A metric's value is never cut to "6,950.64 …": it shrinks with the window and wraps if it must.
# No !important on the size, so the wall's own larger sizes still win there; wrapping beats cutting.
_METRIC_CSS = """<style>
[data-testid="stMetricValue"] {font-size: clamp(1.1rem, 1.9vw, 2.25rem);}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
  white-space: normal !important; overflow-wrap: anywhere !important; text-overflow: clip !important;}
</style>"""


def page_style() -> None:
    st.html(_METRIC_CSS)


def demo_banner(has_demo: bool) -> None:
    if has_demo:
        st.warning("示例数据：当前数据湖包含自动生成的演示文档，数字不代表真实情况。")


def empty(df: pd.DataFrame, what: str = EMPTY) -> bool:
    """Explain an empty result instead of drawing an empty frame; True when empty."""
    if df.empty:
        st.info(what)
        return True
    return False


def open_project(project_id: str) -> None:
    st.switch_page("dashboard/pages/project.py", query_params={"id": project_id})


def translated(df: pd.DataFrame) -> pd.DataFrame:
    """Category and 整改 codes in Chinese, "—" for missing text."""
    out = df.copy()
    if "category" in out:
        out["category"] = out["category"].map(CATEGORY_ZH).fillna(out["category"])
    if "rectification_status" in out:
        out["rectification_status"] = out["rectification_status"].map(RECT_ZH)
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object:
            out[column] = out[column].fillna(tables.MISSING)
    return out


def shown(df: pd.DataFrame):
    """A table as leaders read it: category codes in Chinese, no 'None', grades and scores in their colours."""
    out = translated(df)
    if out.size > pd.get_option("styler.render.max_elements"):  # colours would fail the page: plain
        return out
    # Unformatted floats: 2 places, not 6. The colours are theme.cell_css's, as in the HTML tables.
    return out.style.format(precision=2).apply(lambda col: [cell_css(col.name, v) for v in col])


def plot(fig: Any, key: str | None = None, **kwargs: Any) -> Any:
    """st.plotly_chart in the one look: our template (not Streamlit's), Chinese locale, no toolbar."""
    fig.update_layout(template="oversight")
    return st.plotly_chart(fig, key=key, theme=None, config=chart_config(), **kwargs)


# Column configs shared by tables of projects.
PROJECT_COLUMNS = {
    "year": st.column_config.NumberColumn("年度", format="%d"),
    "name": st.column_config.TextColumn("项目名称", width="large"),
    # A number tinted by its grade: a progress bar has one colour for every row (it was red at 98).
    "score": st.column_config.NumberColumn("评价分值", format="%.2f"),
    "grade": "等次",
    "amount_wan": st.column_config.NumberColumn("决算金额（万元）", format="%.2f"),
    "unit": "单位",
    "district": "区",
    "town": "街镇",
    "category": "类别",
    "rectification_status": "整改",
    "review_mark": "核对",  # 人工更正（who when） or 待核对 N 项 (queries/projects.sql)
}


# CommonMark lets every ASCII punctuation character be backslash-escaped; escaping all of them leaves
# no link, image, HTML, emphasis, heading, table or :directive: syntax in the text.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# GFM links bare URLs and e-mail addresses after parsing, escapes or not: a word joiner (invisible)
# after "http", "www" and "@" breaks those patterns and leaves the text reading the same.
_AUTOLINK = re.compile(r"(?i)(https?(?=:)|www(?=\.)|@)")


def md_text(value: object) -> str:
    """Text from a document, a user or a URL, for anything Streamlit draws as Markdown (titles,
    captions, metrics, expander and progress labels, st.table cells): shown as typed, never a
    link or an image."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return _PUNCTUATION.sub(r"\\\1", _AUTOLINK.sub("\\1\u2060", str(value)))


def chart_text(values: pd.Series) -> pd.Series:
    """Text for Plotly labels and hovers, which draw <a href>, <b> and <br> as markup (entities show as text)."""
    return values.map(lambda v: html.escape(v, quote=False) if isinstance(v, str) else v)


def source_text(value: str | None) -> None:
    """Show text from a document as text: newlines kept, never Markdown or HTML."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or not str(value).strip():
        st.caption("（原文未写明）")
        return
    st.markdown(md_text(value).replace("\n", "  \n"))


def table(df: pd.DataFrame, columns: dict, **kwargs: Any) -> Any:
    """st.dataframe of `columns` as leaders read them: "—" for gaps, flags as tags, grades in colour."""
    data, config = tables.readable(df, columns)
    return st.dataframe(shown(data), column_config=config, hide_index=True, **kwargs)


def pick_row(df: pd.DataFrame, columns: dict, key: str, **kwargs: Any) -> pd.Series | None:
    """A table whose rows can be clicked; returns the clicked row of `df` (all its columns), if any."""
    event = table(df, columns, on_select="rerun", selection_mode="single-row", key=key, **kwargs)
    rows = [i for i in event.selection.rows if i < len(df)]  # a click kept from a longer table
    return df.iloc[rows[0]] if rows else None


CONFIDENCE_ZH = {"sure": "确定", "likely": "较确定", "unsure": "待核对"}
READ_FIELD_ZH = {
    "name": "项目名称",
    "amount_wan": "金额",
    "budget_wan": "全年预算数",
    "budget_initial_wan": "年初预算数",
    "executed_wan": "执行数",
    "execution_rate": "执行率",
    "score": "得分",
    "grade": "等次",
    "department": "主管部门",
    "problems": "存在问题",
    "suggestions": "整改建议",
    "rectification": "整改情况",
    "period": "跟踪时段",
    "conclusion": "结论",
}


def reading_confidence(raw: object) -> None:
    """How each value was read (cell under its label, sentence, position, unit decision) and how sure."""
    if not isinstance(raw, str) or not raw:
        return
    how = json.loads(raw)
    unsure = [READ_FIELD_ZH.get(f, f) for f, (_, c) in how.items() if c == "unsure"]
    if unsure:
        st.warning(f"以下数值读取时不确定，请对照原文核对：{md_text('、'.join(unsure))}")
    with st.expander("各字段的读取方式与可信度"):
        st.dataframe(
            pd.DataFrame(
                {
                    "字段": [READ_FIELD_ZH.get(f, f) for f in how],
                    "读取方式": [h for h, _ in how.values()],
                    "可信度": [CONFIDENCE_ZH.get(c, c) for _, c in how.values()],
                }
            ),
            hide_index=True,
        )
