"""The overview's native year chart (an SVG image) and its change-from-last-year arrows."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard import charts

NS = {"s": "http://www.w3.org/2000/svg"}
YEARS = pd.DataFrame(
    {
        "year": [2022, 2020, 2021],  # out of order on purpose: the chart sorts by year
        "projects": [4, 2, 3],
        "mean_score": [90.0, 80.0, None],
        "weighted_score": [91.0, 82.5, 85.0],
    }
)


def svg(html: str) -> ET.Element:
    encoded = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html).group(1)
    return ET.fromstring(base64.b64decode(encoded))


def points(html: str) -> list[tuple[float, float, str]]:
    return [
        (float(c.get("cx")), float(c.get("cy")), c.find("s:title", NS).text)
        for c in svg(html).iterfind(".//s:circle", NS)
    ]


def test_every_stated_value_is_a_point_named_by_its_value() -> None:
    titles = [t for _, _, t in points(charts.year_lines_html(YEARS))]
    assert titles == [
        "2020年度 平均分 80.00 分",
        "2022年度 平均分 90.00 分",
        "2020年度 金额加权 82.50 分",
        "2021年度 金额加权 85.00 分",
        "2022年度 金额加权 91.00 分",
    ]


def test_a_higher_score_is_drawn_higher() -> None:
    by_title = {t: cy for _, cy, t in points(charts.year_lines_html(YEARS))}
    assert by_title["2022年度 平均分 90.00 分"] < by_title["2020年度 平均分 80.00 分"]


def test_years_run_left_to_right() -> None:
    by_title = {t: cx for cx, _, t in points(charts.year_lines_html(YEARS))}
    assert by_title["2020年度 金额加权 82.50 分"] < by_title["2021年度 金额加权 85.00 分"]


def test_a_missing_year_breaks_its_line_instead_of_bridging_it() -> None:
    lines = list(svg(charts.year_lines_html(YEARS)).iterfind(".//s:polyline", NS))
    assert [len(line.get("points").split()) for line in lines] == [3]  # 金额加权 only; 平均分 has a gap


def test_the_two_series_have_the_series_colours() -> None:
    fills = {c.get("fill") for c in svg(charts.year_lines_html(YEARS)).iterfind(".//s:circle", NS)}
    assert fills == {"#2166ac", "#67a9cf"}


def test_the_image_title_says_every_year_including_the_gap() -> None:
    html = charts.year_lines_html(YEARS)
    assert "2021年度 平均分 —，金额加权 85.00 分" in re.search(r'title="([^"]+)"', html).group(1)


def test_a_wide_axis_labels_its_top_line() -> None:
    wide = YEARS.assign(mean_score=[99.0, 57.0, None])  # an axis from 55 to 100, in steps of 10
    ticks = [t.text for t in svg(charts.year_lines_html(wide)).iterfind(".//s:text[@class='tick']", NS)]
    assert ticks[:5] == ["60", "70", "80", "90", "100"]


def test_no_scores_at_all_is_said_not_drawn() -> None:
    empty = YEARS.assign(mean_score=None, weighted_score=None)
    assert "没有可用的得分" in charts.year_lines_html(empty)


def _metric_app() -> None:
    import streamlit as st

    from dashboard import ui

    st.metric("减少", 5, **ui.delta(5, 8, lambda v: f"{v:+,.0f}"))
    st.metric("增加", 9, **ui.delta(9, 8, lambda v: f"{v:+,.0f}"))
    st.metric("持平", 8, **ui.delta(8, 8, lambda v: f"{v:+,.0f}"))
    st.metric("无上年", 8, **ui.delta(8, None, lambda v: f"{v:+,.0f}"))


def cards() -> dict:
    at = AppTest.from_function(_metric_app).run()
    return {m.label: m.proto for m in at.metric}


def test_a_decrease_reads_minus_first_and_points_down() -> None:
    card = cards()["减少"]
    assert (card.delta, card.direction) == ("-3 较上年", card.MetricDirection.DOWN)


def test_an_increase_points_up() -> None:
    card = cards()["增加"]
    assert (card.delta, card.direction) == ("+1 较上年", card.MetricDirection.UP)


def test_no_change_has_no_arrow() -> None:
    card = cards()["持平"]
    assert card.direction == card.MetricDirection.NONE


def test_no_year_before_has_no_change() -> None:
    assert cards()["无上年"].delta == ""
