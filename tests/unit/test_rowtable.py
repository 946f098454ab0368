"""dashboard/rowtable.py: the ranking's HTML table — escaped text, "—" for gaps, formats, grade colours,
pinned offsets — and which row a click's key names. Expected values are written out by hand."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import streamlit as st
from helpers import parse_row_tables
from hypothesis import given
from hypothesis import strategies as st_

from dashboard import rowtable

COLUMNS = {
    "rank": st.column_config.NumberColumn("名次", format="%d", pinned=True, width="small"),
    "score": st.column_config.NumberColumn("评价分值", format="%.2f", pinned=True, width="small"),
    "grade": st.column_config.TextColumn("等次", pinned=True, width="small"),
    "name": st.column_config.TextColumn("项目名称", width="large"),
    "amount_wan": st.column_config.NumberColumn("决算金额（万元）", format="%.2f"),
}


def frame(**changes) -> pd.DataFrame:
    base = {
        "project_id": ["p1", "p2"],
        "rank": [1, 2],
        "score": [98.0, 55.5],
        "grade": ["优", "差"],
        "name": ["网格化项目", "视频项目"],
        "amount_wan": [1633.375, 12.0],
    }
    return pd.DataFrame({**base, **changes})


def parsed(df: pd.DataFrame, key: str = "project_table") -> dict:
    return parse_row_tables(rowtable.table_html(df, COLUMNS, key, "project_id"))[0]


def test_the_columns_are_labelled_in_chinese() -> None:
    assert '<th scope="col" data-col="name">项目名称</th>' in rowtable.table_html(
        frame(), COLUMNS, "project_table", "project_id"
    )


def test_each_row_carries_its_key() -> None:
    assert [r["_row"] for r in parsed(frame())["rows"]] == ["p1", "p2"]


def test_a_score_has_two_places() -> None:
    assert parsed(frame())["rows"][1]["cells"][1] == "55.50"


def test_money_has_two_places() -> None:
    assert parsed(frame())["rows"][0]["cells"][4] == "1633.38"


def test_a_missing_score_reads_as_a_dash() -> None:
    assert parsed(frame(score=[98.0, None]))["rows"][1]["cells"][1] == "—"


def test_a_missing_name_reads_as_a_dash() -> None:
    assert parsed(frame(name=["网格化项目", None]))["rows"][1]["cells"][3] == "—"


def test_markup_in_a_name_is_text() -> None:
    html = rowtable.table_html(frame(name=["<img src=x onerror=alert(1)>", "b"]), COLUMNS, "t", "project_id")
    assert "<img" not in html


def test_markup_in_a_name_reads_as_typed() -> None:
    assert parsed(frame(name=["<b>粗</b> & 'x'", "b"]))["rows"][0]["cells"][3] == "<b>粗</b> & 'x'"


def test_a_quote_in_a_row_key_stays_inside_its_attribute() -> None:
    assert parsed(frame(project_id=['p"1 onclick="x', "p2"]))["rows"][0]["_row"] == 'p"1 onclick="x'


def test_a_grade_cell_has_its_grade_colour() -> None:
    html = rowtable.table_html(frame(), COLUMNS, "t", "project_id")
    assert 'background-color: #d73027; color: white">差</td>' in html  # 差's red, white text


def test_a_score_cell_is_tinted_by_its_grade() -> None:
    html = rowtable.table_html(frame(), COLUMNS, "t", "project_id")
    assert 'background-color: #d9f0d3">98.00</td>' in html  # 优's pale green


@pytest.mark.parametrize(("column", "left"), [(1, 0), (2, 76), (3, 152)])  # after 0, 1 and 2 small columns
def test_a_pinned_column_is_held_at_its_offset(column: int, left: int) -> None:
    html = rowtable.table_html(frame(), COLUMNS, "t", "project_id")
    assert f":nth-child({column}) {{position: sticky; left: {left}px;" in html


def test_only_the_pinned_header_cells_are_lifted_above_the_rest() -> None:
    assert "th:nth-child(-n+3) {z-index: 3;}" in rowtable.table_html(frame(), COLUMNS, "t", "project_id")


def test_a_long_name_wraps_in_a_box_of_its_own() -> None:
    html = rowtable.table_html(frame(), COLUMNS, "t", "project_id")
    assert '<td><div class="wrap">网格化项目</div></td>' in html  # a cell's max-width is ignored; a div's is not


def test_an_integer_column_among_numbers_stays_an_integer() -> None:
    numbers = pd.DataFrame({"k": ["a"], "projects": [3], "amount_wan": [1.5]})
    table = parse_row_tables(rowtable.table_html(numbers, {"projects": "项目数", "amount_wan": "金额"}, "t", "k"))[0]
    assert table["rows"][0]["cells"][0] == "3"


def test_a_score_next_to_a_gap_keeps_its_grade_tint() -> None:
    html = rowtable.table_html(frame(score=[98.0, None]), COLUMNS, "t", "project_id")
    assert 'style="background-color: #d9f0d3">98.00</td>' in html


def test_a_score_next_to_a_gap_stays_right_aligned() -> None:
    html = rowtable.table_html(frame(score=[98.0, None]), COLUMNS, "t", "project_id")
    assert re.search(r'<td class="num"[^>]*>98\.00</td>', html)


def test_an_unpinned_column_is_not_held() -> None:
    assert ":nth-child(4) {position: sticky" not in rowtable.table_html(frame(), COLUMNS, "t", "project_id")


def test_the_pointer_waits_for_the_class_the_script_sets() -> None:
    html = rowtable.table_html(frame(), COLUMNS, "t", "project_id")
    assert 'html.row-table-live-t table.row-table[data-table="t"] tbody tr {cursor: pointer;}' in html


def test_a_key_that_is_not_a_css_name_is_refused() -> None:
    with pytest.raises(ValueError, match="lower-case"):
        rowtable.table_html(frame(), COLUMNS, 'a"] b', "project_id")


def test_a_clicked_key_names_its_row() -> None:
    assert rowtable.row_for(frame(), "project_id", "p2")["name"] == "视频项目"


def test_no_click_is_no_row() -> None:
    assert rowtable.row_for(frame(), "project_id", None) is None


def test_a_key_no_longer_listed_is_no_row() -> None:
    assert rowtable.row_for(frame(), "project_id", "p9") is None


def test_a_missing_key_is_matched_as_the_row_says_it() -> None:
    keys = rowtable.row_keys(frame(project_id=["p1", None]), "project_id")
    assert rowtable.row_for(frame(project_id=["p1", None]), "project_id", keys.iloc[1])["name"] == "视频项目"


def test_a_numeric_key_is_matched_as_text() -> None:
    assert rowtable.row_for(frame(project_id=[10, 20]), "project_id", "20")["rank"] == 2


@given(st_.text(alphabet=st_.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_any_name_reads_back_as_typed(name: str) -> None:
    assert parsed(frame(name=[name, "b"]))["rows"][0]["cells"][3] == name
