"""The one colour system: grades by band, done is green, Plotly defaults replaced, leader config."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import pytest

from dashboard import theme, ui


def test_a_score_takes_its_grade_colour() -> None:
    assert theme.grade_color(98) == theme.GRADE_COLORS["优"]
    assert theme.grade_color(89.99) == theme.GRADE_COLORS["良"]
    assert theme.grade_color(60) == theme.GRADE_COLORS["中"]
    assert theme.grade_color(12) == theme.GRADE_COLORS["差"]
    assert theme.grade_color(None) == theme.grade_color(float("nan")) == theme.GRADE_COLORS["未写明"]
    assert theme.grade_color(120) == theme.GRADE_COLORS["未写明"]  # out of range: no grade
    assert theme.grade_color(98, tint=True) == theme.GRADE_TINTS["优"]


def test_status_and_light_colours_mean_what_they_say() -> None:
    assert theme.STATUS_COLORS["已整改"] == theme.LIGHT_COLORS["green"] == theme.GRADE_COLORS["优"]
    assert theme.STATUS_COLORS["未整改"] == theme.LIGHT_COLORS["red"] == theme.GRADE_COLORS["差"]
    assert set(ui.RECT_ZH.values()) <= set(theme.STATUS_COLORS)
    assert ui.RECT_COLORS is theme.STATUS_COLORS
    assert ui.GRADE_COLORS is theme.GRADE_COLORS


def test_plotly_default_is_our_template() -> None:
    import streamlit.elements.plotly_chart  # noqa: F401 - it resets pio's default when it loads

    assert px.defaults.template == "oversight"
    fig = px.bar(pd.DataFrame({"x": ["a", "b"], "y": [1, 2]}), x="x", y="y")
    assert fig.data[0].marker.color == theme.SERIES[0]  # not Plotly's purple #636efa
    assert fig.layout.template.layout.separators == ".,"
    assert theme.chart_config() == {"locale": "zh-CN", "displayModeBar": False, "displaylogo": False}


def test_score_and_grade_cells_are_coloured_by_grade() -> None:
    styled = ui.shown(pd.DataFrame({"score": [98.0, 55.0, None], "grade": ["优", "差", None]}))
    html = styled.to_html()
    assert theme.GRADE_TINTS["优"] in html
    assert theme.GRADE_TINTS["差"] in html
    assert theme.GRADE_COLORS["优"] in html
    assert theme.GRADE_COLORS["差"] in html


def test_the_wall_refuses_a_fit_or_layout_outside_its_whitelist() -> None:
    from dashboard.wall import frame

    with pytest.raises(ValueError, match="whitelisted"):
        frame.install("<script>", None)
    with pytest.raises(ValueError, match="whitelisted"):
        frame.install("contain", "99:9")
