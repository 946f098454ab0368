"""The wall's panels: each reads its rows through `Rows` (the last good result when the lake cannot be
read) and draws coloured bars or a list. Colours come from dashboard.theme: a bar's colour says its
grade or status, never which panel it is in.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import theme, ui
from dashboard.wall import draw

Rows = Callable[..., pd.DataFrame | None]
# 人工核对: a project or unit holding a value nobody has confirmed yet is never shown bare (the title
# bar says what the mark means and how many values wait).
UNCONFIRMED = "※"


def marked(label: str, unconfirmed: object) -> str:
    return f"{UNCONFIRMED}{label}" if isinstance(unconfirmed, int | float) and unconfirmed > 0 else label


def unit_ranking(rows: Rows, top: int = 6) -> None:
    if (df := rows("unit_ranking")) is not None:
        df = df.head(top)
        draw.bars(
            [
                (marked(u, n), v, f"{v:.2f}", draw.grade_colour(v))
                for u, v, n in zip(df["unit"], df["mean_score"], df["unconfirmed_projects"], strict=True)
            ],
            100,
        )


def lowest_projects(rows: Rows, top: int = 6) -> None:
    if (df := rows("projects", limit=top)) is not None:
        draw.bars(
            [
                (marked(n, u), v, f"{v:.2f} {g or ''}".strip(), draw.grade_colour(v))
                for n, v, g, u in zip(df["name"], df["score"], df["grade"], df["unconfirmed"], strict=True)
            ],
            100,
        )


def category_ranking(rows: Rows) -> None:
    if (df := rows("category_ranking")) is not None:
        labels = df["category"].map(ui.CATEGORY_ZH).fillna(df["category"])
        # A category's mean has no good/bad direction of its own: one neutral colour (theme.NEUTRAL).
        draw.bars([(c, v, f"{v:.2f}", theme.NEUTRAL) for c, v in zip(labels, df["mean_score"], strict=True)], 100)


def overdue_by_unit(rows: Rows, top: int = 6) -> None:
    if (df := rows("rectification_by_unit")) is not None:
        by_unit = df.groupby("unit", as_index=False)["overdue"].sum().nlargest(top, "overdue")
        colour = theme.STATUS_COLORS["逾期"]
        draw.bars(
            [(u, n, f"{n} 项", colour) for u, n in zip(by_unit["unit"], by_unit["overdue"], strict=True)],
            by_unit["overdue"].max(),
        )


def grade_distribution(rows: Rows) -> None:
    if (df := rows("grade_distribution")) is not None:
        fallback = theme.GRADE_COLORS["未写明"]
        draw.bars(
            [
                (g, n, f"{n:,} 个", theme.GRADE_COLORS.get(g, fallback))
                for g, n in zip(df["grade"], df["projects"], strict=True)
            ],
            df["projects"].sum(),
        )


def rectification_status(rows: Rows) -> None:
    if (df := rows("rectification_status")) is not None:
        total = int(df["items"].sum())
        bars = []
        for status, n in zip(df["status"], df["items"], strict=True):
            label = ui.RECT_ZH.get(status, "未判明")
            bars.append((label, n, f"{n:,} 项", theme.STATUS_COLORS.get(label, theme.STATUS_COLORS["未判明"])))
        draw.bars(bars, total, note=f"共 {total:,} 项，其中逾期 {int(df['overdue'].sum()):,} 项")


def overdue_items(rows: Rows, top: int = 7) -> None:
    """The overdue 整改 items themselves: unit and project, the problem, the due date."""
    df = rows("rectification_items", status="overdue", limit=top)
    items = [] if df is None else list(zip(df["due_date"], df["unit"], df["project"], df["problem"], strict=True))
    draw.entries([(f"{draw.when(d)[:5]} 到期", u, f"{p}：{q}") for d, u, p, q in items], "没有逾期整改")


def monitoring(rows: Rows) -> None:
    """Red, yellow and green lights: three big numbers in their own colours."""
    # No tracked project is news too: the three lights show 0 rather than an empty panel.
    df = rows("light_counts")
    counts = {} if df is None else dict(zip(df["light"], df["projects"], strict=True))
    with st.container(horizontal=True, key="wall_lights"):
        for light in ("red", "yellow", "green"):
            with st.container(key=f"light_{light}"):
                st.metric(ui.LIGHT_ZH[light], f"{counts.get(light, 0):,}")
    cut = 0 if df is None else int(df["cut_over_half"].sum())
    st.html(f'<div class="wall-note">预算调减超过一半：{cut:,} 个项目</div>')


def changes(rows: Rows, shown: int) -> None:
    draw.feed(rows("wall_changes", limit=shown), ui.RECT_ZH, shown)
