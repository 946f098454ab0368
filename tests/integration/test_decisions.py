"""Issue 13's tables for decisions and filters without dead ends, through AppTest on the two seeds.

Seed 000: 8 evaluated projects of 嘉定区 2018, one unit (上海市联勤和城市网格化综合管理中心), scores 98, 96.5,
96, 95.96, 95, 94, 93.5, 92. Seed 001: one tracked project of 闵行区 华漕镇 2024 (华漕镇城市运行管理中心).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import row_tables, rows
from streamlit.testing.v1 import AppTest

from oversight.paths import ROOT

GRID_UNIT = "上海市联勤和城市网格化综合管理中心"


@pytest.fixture
def lake_env(seed_lake: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OVERSIGHT_LAKE", str(seed_lake))
    from dashboard import ui

    ui.db.clear()
    ui._cached.clear()
    return seed_lake


def page(name: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(f"dashboard/pages/{name}.py")
    return at.run()


def shown_columns(frame) -> list[str]:
    """The labels of a dataframe's columns in the order drawn (its column config, else the frame's)."""
    return list(frame.value.columns)


def test_ranking_counts_from_the_best(lake_env: Path) -> None:
    at = page("ranking", year="2018")
    table = row_tables(at)[0]
    assert list(table["rank"])[:3] == ["1", "2", "3"]


def test_ranking_shows_the_highest_score_first(lake_env: Path) -> None:
    at = page("ranking", year="2018")
    assert row_tables(at)[0]["score"].iloc[0] == "98.00"


def test_lowest_first_keeps_the_ranks(lake_env: Path) -> None:
    at = page("ranking", year="2018")
    at.toggle(key="projects_lowest_first").set_value(True).run()
    table = row_tables(at)[0]
    assert (table["rank"].iloc[0], table["score"].iloc[0]) == ("8", "92.00")


def test_rank_score_and_grade_lead_the_project_table(lake_env: Path) -> None:
    at = page("ranking", year="2018")
    assert list(row_tables(at)[0].columns)[1:4] == ["rank", "score", "grade"]  # after the row key


def test_a_project_rows_key_is_its_project_id(lake_env: Path) -> None:
    best = next(r["project_id"] for r in rows(lake_env, "evaluations") if r["score"] == 98.0)  # seed 000's best
    at = page("ranking", year="2018")
    assert row_tables(at)[0]["_row"].iloc[0] == best


def test_unit_ranking_needs_a_minimum_of_projects(lake_env: Path) -> None:
    at = page("ranking", year="2018", tab="units")
    assert at.number_input(key="unit_min_projects").value == 3


def test_unit_ranking_lists_a_unit_with_enough_projects(lake_env: Path) -> None:
    at = page("ranking", year="2018", tab="units")
    assert list(row_tables(at)[0]["unit"]) == [GRID_UNIT]


def test_the_ranking_draws_only_the_open_tab(lake_env: Path) -> None:
    at = page("ranking", year="2018")
    assert [t["_table"].iloc[0] for t in row_tables(at)] == ["project_table"]  # the unit list waits for its tab


def test_the_unit_tab_is_in_the_url(lake_env: Path) -> None:
    at = page("ranking", year="2018", tab="units")
    assert at.query_params["tab"] == "units"


def test_the_default_tab_leaves_the_url_alone(lake_env: Path) -> None:
    at = page("ranking", year="2018")
    assert "tab" not in at.query_params


def test_an_unknown_tab_in_the_url_opens_the_project_list(lake_env: Path) -> None:
    at = page("ranking", year="2018", tab="nonsense")
    assert [t["_table"].iloc[0] for t in row_tables(at)] == ["project_table"]


def test_an_unknown_tab_is_dropped_from_the_url(lake_env: Path) -> None:
    at = page("ranking", year="2018", tab="nonsense")
    assert "tab" not in at.query_params


def test_back_to_a_url_without_the_tab_reopens_the_project_list(lake_env: Path) -> None:
    at = page("ranking", year="2018", tab="units")
    del at.query_params["tab"]  # what Back to the address before the tab click sends
    at.run()
    assert [t["_table"].iloc[0] for t in row_tables(at)] == ["project_table"]


def test_the_unit_tabs_minimum_survives_a_visit_to_the_project_list(lake_env: Path) -> None:
    at = page("ranking", year="2018", tab="units")
    at.number_input(key="unit_min_projects").set_value(9).run()
    del at.query_params["tab"]
    at.run()
    at.query_params["tab"] = "units"
    at.run()
    assert at.number_input(key="unit_min_projects").value == 9


def test_the_breadcrumbs_keep_the_open_tab(lake_env: Path) -> None:
    at = page("ranking", year="2018", district="嘉定区", tab="units")
    city = next(p for p in at.get("page_link") if p.proto.label == "全市")
    assert "tab=units" in city.proto.query_string


def test_raising_the_minimum_leaves_the_unit_out_and_says_so(lake_env: Path) -> None:
    at = page("ranking", year="2018", tab="units")
    at.number_input(key="unit_min_projects").set_value(9).run()
    captions = " ".join(c.value for c in at.caption)
    assert "另有 1 个单位项目数不足" in captions


def test_rectification_table_leads_with_status_due_date_overdue_score_grade(lake_env: Path) -> None:
    at = page("rectification", year="2018")
    assert shown_columns(at.dataframe[0])[:5] == ["状态", "due_date", "overdue", "score", "grade"]


def test_the_map_list_shows_score_grade_and_amount_first(lake_env: Path) -> None:
    at = page("map", year="2018")
    assert shown_columns(at.dataframe[0])[:3] == ["score", "grade", "amount_wan"]


def test_district_options_have_data_and_counts(lake_env: Path) -> None:
    at = page("ranking", year="2018")
    box = at.selectbox(key="w_district")
    assert box.options == ["全部区", "嘉定区 (8)"]


def test_a_year_narrows_the_units_offered(lake_env: Path) -> None:
    at = page("ranking", year="2024")
    assert at.selectbox(key="w_unit").options == ["全部单位", "华漕镇城市运行管理中心 (1)"]


def test_years_are_offered_with_counts(lake_env: Path) -> None:
    at = page("ranking", year="all")
    assert at.multiselect(key="w_years").options == ["2024年度 (1)", "2018年度 (8)"]


def test_a_changed_url_is_read_again_as_back_does(lake_env: Path) -> None:
    at = page("ranking", year="2018")
    at.selectbox(key="w_district").select("嘉定区").run()
    assert at.query_params["district"] == "嘉定区"
    at.query_params.pop("district")  # what Back does: the older URL, and a rerun
    at.run()
    assert at.selectbox(key="w_district").value is None


def test_a_url_without_filters_keeps_the_session_s_filters(lake_env: Path) -> None:
    at = page("ranking", year="2018", district="嘉定区")
    at.switch_page("dashboard/pages/monitoring.py").run()  # the navigation sends no filters
    assert at.selectbox(key="w_district").value == "嘉定区"
