"""The overview's figures: native HTML and SVG, no Plotly.

Plotly's own code takes seconds to load in a new tab and about a second to start on a warm one (a
page with one Plotly chart drew it 2 s after a bare page, at load 9 on this 2-core machine), and the
overview is the page every leader opens first. So 等次分布 is HTML bars and 历年得分 an SVG line
chart, drawn with the page's first elements. Both carry fixed labels and numbers only, never source
text. The bars say their numbers on hover; the line chart is an image (st.html drops inline SVG),
so its hover text and alt text say every year's values in one line.
"""

from __future__ import annotations

import base64
import html
import math

import pandas as pd

from dashboard.theme import GRADE_COLORS, SERIES

# Inside the image: a page's CSS does not reach it.
_STYLE = (
    "<style>.grid{stroke:#e5e7eb;stroke-width:1}.tick,.legend{font-size:12px;fill:#4b5563}"
    ".line{fill:none;stroke-width:2.5}</style>"
)
_SERIES = {"mean_score": ("平均分", SERIES[0]), "weighted_score": ("金额加权", SERIES[1])}
_W, _H, _LEFT, _RIGHT, _TOP, _BOTTOM = 560, 250, 44, 16, 34, 30  # the SVG's user units


def _score_axis(values: list[float]) -> tuple[int, int]:
    """A score axis in steps of 5 around the values, at least 10 points tall, within 0–100."""
    low = max(0, 5 * math.floor((min(values) - 2) / 5))
    high = min(100, 5 * math.ceil((max(values) + 2) / 5))
    if high - low < 10:
        low, high = (max(0, high - 10), high) if high - 10 >= 0 else (0, 10)
    return low, high


def year_lines_html(years: pd.DataFrame) -> str:
    """Mean and amount-weighted score by year, as an SVG line chart; a missing value breaks its line."""
    rows = years.sort_values("year")
    values = [float(v) for c in _SERIES for v in rows[c] if pd.notna(v)]
    if not values:
        return '<div class="year-lines">没有可用的得分</div>'
    low, high = _score_axis(values)
    n = len(rows)
    span_x = _W - _LEFT - _RIGHT

    def x(i: int) -> float:
        return _LEFT + (span_x / 2 if n == 1 else span_x * i / (n - 1))

    def y(v: float) -> float:
        return _TOP + (_H - _TOP - _BOTTOM) * (high - v) / (high - low)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {_H}" font-family="sans-serif">{_STYLE}']
    step = 5 if high - low <= 20 else 10
    for tick in range(step * math.ceil(low / step), high + 1, step):
        parts.append(f'<line class="grid" x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>')
        parts.append(f'<text class="tick" x="{_LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}</text>')
    for i, year in enumerate(rows["year"]):
        parts.append(f'<text class="tick" x="{x(i):.1f}" y="{_H - 8}" text-anchor="middle">{int(year)}</text>')
    for s, (column, (label, colour)) in enumerate(_SERIES.items()):
        parts.append(f'<rect x="{_LEFT + s * 110}" y="6" width="14" height="4" fill="{colour}"/>')
        parts.append(f'<text class="legend" x="{_LEFT + 20 + s * 110}" y="13">{label}</text>')
        run: list[str] = []
        points = []
        for i, (year, v) in enumerate(zip(rows["year"], rows[column], strict=True)):
            if pd.isna(v):
                run = _flush(parts, run, colour)
                continue
            run.append(f"{x(i):.1f},{y(float(v)):.1f}")
            points.append(
                f'<circle class="point" cx="{x(i):.1f}" cy="{y(float(v)):.1f}" r="4" fill="{colour}">'
                f"<title>{int(year)}年度 {label} {float(v):.2f} 分</title></circle>"
            )
        _flush(parts, run, colour)
        parts.extend(points)
    parts.append("</svg>")
    # st.html's sanitiser drops inline SVG; as an image it is drawn, and its title says every value.
    svg = base64.b64encode("".join(parts).encode()).decode()
    said = "；".join(
        f"{int(year)}年度 "
        + "，".join(f"{label} {_said(v)}" for label, v in zip(("平均分", "金额加权"), pair, strict=True))
        for year, *pair in rows[["year", *_SERIES]].itertuples(index=False)
    )
    return (
        f'<div class="year-lines"><img src="data:image/svg+xml;base64,{svg}" alt="历年得分：{said}" '
        f'title="{said}" style="width:100%;max-width:640px"></div>'
    )


def _said(value: float) -> str:
    return "—" if pd.isna(value) else f"{float(value):.2f} 分"


def _flush(parts: list[str], run: list[str], colour: str) -> list[str]:
    """Draw the points gathered so far as one line (a single point is only its dot); start again."""
    if len(run) > 1:
        parts.append(f'<polyline class="line" points="{" ".join(run)}" stroke="{colour}"/>')
    return []


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
