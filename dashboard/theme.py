"""The one colour system: grades, 整改 statuses, lights, and the Plotly look. Pages and the wall import it.

Colours carry meaning and nothing else: green is good, red is bad, whatever the chart. A page never
picks a colour of its own; a chart never falls back to Plotly's palette (its default purple reads
as a category of its own). Keep this API small — the wall (/bigscreen) imports it too:

    GRADE_COLORS, GRADE_TINTS, STATUS_COLORS, LIGHT_COLORS, SERIES, NEUTRAL, RAMP, RAMP_DARK, HEAT, HEAT_BAD,
    MAP_LABEL, MAP_HALO, TABLE_*, SCORE_COLUMNS, grade_color(score), cell_css(column, value), rgb(hex),
    blend(ramp, t), plotly_template(), chart_config()
"""

from __future__ import annotations

import math
from typing import Any

import plotly.express as px
import plotly.graph_objects as go
import plotly.io as pio

from oversight.domain.standards import grade_by_score

# Grade colours (a diverging green→red scale, readable with red-green colour blindness by lightness).
GRADE_COLORS: dict[str, str] = {"优": "#1a9850", "良": "#91cf60", "中": "#fdae61", "差": "#d73027", "未写明": "#9e9e9e"}
# Pale versions for a cell's background, with dark text on top (a solid fill under numbers is loud).
GRADE_TINTS: dict[str, str] = {"优": "#d9f0d3", "良": "#eef7d9", "中": "#fee8c8", "差": "#f8d0cc", "未写明": "#eeeeee"}
# 整改 statuses by their Chinese label (what charts and tables show): done is green, never orange.
STATUS_COLORS: dict[str, str] = {
    "已整改": "#1a9850",
    "整改中": "#4a90c2",
    "已承诺": "#fdae61",
    "未整改": "#d73027",
    "逾期": "#a50026",
    "未判明": "#bdbdbd",
}
# Red/yellow/green lights, keyed as the lake stores them.
LIGHT_COLORS: dict[str, str] = {"green": "#1a9850", "yellow": "#f1c40f", "red": "#d73027"}
# For series that are not grades, statuses or lights (years, 平均分 vs 金额加权): calm blues, no red.
SERIES: list[str] = ["#2166ac", "#67a9cf", "#5e6b7a", "#b2abd2", "#8c96a3"]
NEUTRAL = "#2166ac"  # one colour for a measure with no good/bad direction (e.g. a category's mean)
# The source line a value came from (人工核对's queue marks it; the project page uses the same yellow).
HIGHLIGHT = "#fff3bf"
# The map's fill ramps (little → much) on a light page and on the dark wall; its names and their halo.
RAMP: tuple[str, str] = ("#feedde", "#a63603")
RAMP_DARK: tuple[str, str] = ("#1e3a5f", "#38bdf8")
MAP_LABEL, MAP_HALO = "#1f2937", "#ffffff"
# Heat for a table's cells: calm blue where more is neither good nor bad, red where more is worse.
HEAT: tuple[str, str] = ("#f7fbff", "#6baed6")
HEAT_BAD: tuple[str, str] = ("#fff5f0", "#f4a582")
# An HTML table's cells, header and rules (dashboard/rowtable.py): quiet greys under coloured cells.
TABLE_FILL, TABLE_HEAD, TABLE_RULE = "#ffffff", "#f7f7f9", "#e6e6e6"
SCORE_COLUMNS = ("score", "mean_score")  # tinted by the grade their value earns

# Plotly number formats as Chinese readers write them: thousands by comma, two decimals.
_NUMBER = ",.2f"
_FONT = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"


def grade_color(score: float | None, tint: bool = False) -> str:
    """The colour (or its pale tint) of the grade a score falls in; grey for a missing or out-of-range score."""
    colors = GRADE_TINTS if tint else GRADE_COLORS
    if score is None or (isinstance(score, float) and math.isnan(score)):
        return colors["未写明"]
    return colors[grade_by_score(score) or "未写明"]


def _grade_cell(grade: object) -> str:
    """A grade cell's CSS: the grade's colour, with dark text where the fill is light."""
    if grade not in GRADE_COLORS:
        return ""
    text = "white" if grade in ("优", "差") else "#1b1b1b"
    return f"background-color: {GRADE_COLORS[grade]}; color: {text}"


def _tag_cell(value: object) -> str:
    """A red 逾期 tag wherever a table says so (the flag column reads 逾期 or nothing)."""
    return f"background-color: {STATUS_COLORS['逾期']}; color: white" if value == "逾期" else ""


def _score_cell(value: object) -> str:
    """A score cell tinted by its grade: a 98 reads green, a 55 red (never the theme's one colour)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        return ""
    return f"background-color: {grade_color(float(value), tint=True)}"


def cell_css(column: str, value: object) -> str:
    """A table cell's CSS by its column: a grade in its colour, a score tinted by its grade, 逾期 red."""
    if column == "grade":
        return _grade_cell(value)
    if column in SCORE_COLUMNS:
        return _score_cell(value)
    return _tag_cell(value)


def rgb(hex_colour: str) -> list[int]:
    """#rrggbb as deck.gl's [r, g, b]."""
    return [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]


def blend(ramp: tuple[str, str], t: float) -> str:
    """The colour a fraction `t` (0–1) along a ramp, as #rrggbb."""
    t = min(max(t, 0.0), 1.0)
    mix = [round(a + (b - a) * t) for a, b in zip(rgb(ramp[0]), rgb(ramp[1]), strict=True)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def plotly_template() -> go.layout.Template:
    """plotly_white with our palette, fonts and number formats; registered as the default on import."""
    base = pio.templates["plotly_white"]
    template = go.layout.Template(base)
    template.layout.update(
        colorway=SERIES,
        font={"family": _FONT, "size": 13},
        separators=".,",
        hoverlabel={"font": {"family": _FONT}},
        xaxis={"hoverformat": _NUMBER, "tickformat": ",~r"},
        yaxis={"hoverformat": _NUMBER, "tickformat": ",~r"},
        legend={"title": {"text": ""}},
    )
    return template


def chart_config() -> dict[str, Any]:
    """st.plotly_chart(config=...): Chinese locale, no toolbar (its English tips and buttons), no logo."""
    return {"locale": "zh-CN", "displayModeBar": False, "displaylogo": False}


# Registered once per process, so px's default colours come from our palette, never Plotly's. Streamlit
# sets pio's default to its own template when its Plotly module loads (lazily, maybe after us), so
# px's own default is what holds; ui.plot() also names the template on every figure it draws.
pio.templates["oversight"] = plotly_template()
pio.templates.default = "oversight"
px.defaults.template = "oversight"
