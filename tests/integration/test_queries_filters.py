"""What the sidebar offers (filter_counts) over the hand-built lake (tests/fixture_lake.py), counted by hand.

Projects: the shown evaluations e1 (嘉定区, 城运中心, 2022, video, 良), e2 (2022, grid, 中), e3 (2023,
video, 优), e4 (2023, grid, 优 by score), e6 (2023, data, no grade), e7 (公安分局, 2023, video+grid, 良),
e10 (公安分局, 2022, video+grid, 中); e8 (浦东新区 川沙新镇, 2023, cityops, 差), e9 (川沙新镇, 2023,
security, no grade); and the tracked projects m1 (嘉定区 马陆镇, 2024, video), m2 (川沙新镇, 2024, grid),
m3 (川沙新镇, 2024, data), once each however many periods.
"""

from __future__ import annotations

import pytest
from fixture_lake import CHUANSHA, CITY, MALU, POLICE, FixedUpdates, build, records

from oversight.store.query import LakeDB


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> LakeDB:
    return LakeDB(build(tmp_path_factory.mktemp("filters_lake")), shared=FixedUpdates())


def counts(db: LakeDB, kind: str, **params) -> dict[str, int]:
    return {r["value"]: r["projects"] for r in records(db, "filter_counts", **params) if r["kind"] == kind}


def test_years_with_no_filters(db: LakeDB) -> None:
    assert counts(db, "year") == {"2022": 3, "2023": 6, "2024": 3}


def test_districts_count_tracked_projects_once(db: LakeDB) -> None:
    assert counts(db, "district") == {"嘉定区": 8, "浦东新区": 4}


def test_towns(db: LakeDB) -> None:
    assert counts(db, "town") == {"川沙新镇": 4, "马陆镇": 1}


def test_units(db: LakeDB) -> None:
    assert counts(db, "unit") == {CITY: 5, POLICE: 2, CHUANSHA: 4, MALU: 1}


def test_categories_count_every_theme(db: LakeDB) -> None:
    assert counts(db, "category") == {"video": 5, "grid": 5, "data": 2, "cityops": 1, "security": 1}


def test_grades_are_effective_grades(db: LakeDB) -> None:
    assert counts(db, "grade") == {"优": 2, "良": 2, "中": 2, "差": 1}


def test_years_are_counted_under_the_district_not_the_year(db: LakeDB) -> None:
    assert counts(db, "year", district="嘉定区", years=[2023]) == {"2022": 3, "2023": 4, "2024": 1}


def test_districts_are_counted_under_the_year(db: LakeDB) -> None:
    assert counts(db, "district", district="嘉定区", years=[2023]) == {"嘉定区": 4, "浦东新区": 2}


def test_no_town_is_offered_where_the_district_and_year_have_none(db: LakeDB) -> None:
    assert counts(db, "town", district="嘉定区", years=[2023]) == {}


def test_units_under_district_and_year(db: LakeDB) -> None:
    assert counts(db, "unit", district="嘉定区", years=[2023]) == {CITY: 3, POLICE: 1}


def test_categories_under_district_and_year(db: LakeDB) -> None:
    assert counts(db, "category", district="嘉定区", years=[2023]) == {"video": 2, "grid": 2, "data": 1}


def test_grades_under_district_and_year(db: LakeDB) -> None:
    assert counts(db, "grade", district="嘉定区", years=[2023]) == {"优": 2, "良": 1}


def test_a_grade_leaves_out_ungraded_and_tracked_projects(db: LakeDB) -> None:
    assert counts(db, "year", grade="优") == {"2023": 2}


def test_the_scope_bounds_every_count(db: LakeDB) -> None:
    assert counts(db, "district", scope_district="浦东新区") == {"浦东新区": 4}


def test_the_scope_bounds_the_units(db: LakeDB) -> None:
    assert counts(db, "unit", scope_district="浦东新区") == {CHUANSHA: 4}


# district_measures (the overview's heat table), with today 2025-06-01: 嘉定区 shows e1 e2 e3 e4 e6 e7 e10,
# 710 万元, mean of the valid scores (80 + 72 + 90 + 95 + 85 + 75) / 6 = 82.83; its items r1 done, r2 overdue
# (an update without a date keeps 2024-06-30), r3 done by update (r4 belongs to the hidden e5); m1's
# latest period is green (June's red does not count). 浦东新区: e8 e9, 90 万元, mean 58; r5 open, due
# 2026; m2 yellow, m3 no light.
def measures(db: LakeDB, **params) -> dict[str, tuple]:
    rows = records(db, "district_measures", today="2025-06-01", **params)
    keys = ("projects", "amount_wan", "mean_score", "open_items", "overdue_items", "red_lights")
    return {r["district"]: tuple(r[k] for k in keys) for r in rows}


def test_district_measures_every_year(db: LakeDB) -> None:
    assert measures(db) == {"嘉定区": (7, 710.0, 82.83, 1, 1, 0), "浦东新区": (2, 90.0, 58.0, 1, 0, 0)}


def test_district_measures_order_by_projects(db: LakeDB) -> None:
    assert [r["district"] for r in records(db, "district_measures", today="2025-06-01")] == ["嘉定区", "浦东新区"]


def test_district_measures_one_year(db: LakeDB) -> None:
    assert measures(db, years=[2023]) == {"嘉定区": (4, 410.0, 90.0, 1, 1, 0), "浦东新区": (2, 90.0, 58.0, 1, 0, 0)}


def test_district_measures_ignore_the_chosen_district(db: LakeDB) -> None:
    assert list(measures(db, district="嘉定区")) == ["嘉定区", "浦东新区"]


def test_district_measures_keep_to_the_scope(db: LakeDB) -> None:
    assert list(measures(db, scope_district="浦东新区")) == ["浦东新区"]


def test_district_measures_count_a_red_light_of_the_latest_period_only(db: LakeDB) -> None:
    assert measures(db, years=[2024]) == {"嘉定区": (0, None, None, 0, 0, 0), "浦东新区": (0, None, None, 0, 0, 0)}
