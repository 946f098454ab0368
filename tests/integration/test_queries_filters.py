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
